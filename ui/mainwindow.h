// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QMainWindow>
#include <QStringList>

class QListWidget;
class QStackedWidget;

namespace lip::ui {

class Page;

// The main window: a sidebar of pages (icons + titles, keyboard navigable) and the page shown.
// Pages are added by uimain.cpp (or a test) in sidebar order; the window owns them.
class MainWindow : public QMainWindow
{
    Q_OBJECT
public:
    explicit MainWindow(QWidget *parent = nullptr);

    void addPage(Page *page);
    // False when no page has that id.
    bool showPage(const QString &id);
    Page *page(const QString &id) const;
    Page *currentPage() const;
    QStringList pageIds() const;
    QListWidget *sidebar() const { return m_sidebar; }

    // With a tray, closing the window only hides it (the proxy keeps running and the tray
    // brings it back). Without one, closing quits: an invisible app with no way back is a trap.
    void setTrayAvailable(bool available);
    bool trayAvailable() const { return m_trayAvailable; }

    // Shows, un-minimizes and raises the window (tray "Open window", a second launch).
    void bringToFront();

Q_SIGNALS:
    void quitRequested();
    void hiddenToTray();
    void currentPageChanged(const QString &id);

protected:
    void closeEvent(QCloseEvent *event) override;
    void changeEvent(QEvent *event) override;

private:
    void retranslate();

    bool m_trayAvailable = false;
    QListWidget *m_sidebar = nullptr;
    QStackedWidget *m_stack = nullptr;
    QList<Page *> m_pages;
};

} // namespace lip::ui
