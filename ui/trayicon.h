// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "engine.h"

#include <QObject>

class QAction;
class QMenu;
class QSystemTrayIcon;

namespace lip::ui {

// The system tray entry: a status line (disabled, for reading), Show and Quit. The menu and its
// actions exist even where the platform has no tray, so they can be tested offscreen; the icon
// is only shown when QSystemTrayIcon::isSystemTrayAvailable().
class TrayIcon : public QObject
{
    Q_OBJECT
public:
    explicit TrayIcon(QObject *parent = nullptr);
    ~TrayIcon() override;

    QMenu *menu() const { return m_menu; }
    QAction *statusAction() const { return m_statusAction; }
    QAction *showAction() const { return m_showAction; }
    QAction *quitAction() const { return m_quitAction; }

    void show();
    // Tells the user once that closing the window left the proxy running in the tray.
    void notifyHiddenToTray();

public Q_SLOTS:
    void setStatus(const lip::EngineStatus &status);

Q_SIGNALS:
    void showRequested();
    void quitRequested();

private:
    QMenu *m_menu = nullptr;
    QAction *m_statusAction = nullptr;
    QAction *m_showAction = nullptr;
    QAction *m_quitAction = nullptr;
    QSystemTrayIcon *m_tray = nullptr;
    bool m_notified = false;
};

} // namespace lip::ui
