// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "engine.h"

#include <QMainWindow>

class QLabel;
class QLineEdit;
class QPushButton;

namespace lip::ui {

// The status window: where the proxy listens, which backends it has, live request and error
// counters and the last error. It only displays what it is given (setStatus), so it can be
// tested with a hand-made EngineStatus; uimain.cpp wires it to EngineClient.
class MainWindow : public QMainWindow
{
    Q_OBJECT
public:
    explicit MainWindow(QWidget *parent = nullptr);

    // With a tray, closing the window only hides it (the proxy keeps running and the tray
    // brings it back). Without one, closing quits: an invisible app with no way back is a trap.
    void setTrayAvailable(bool available);
    bool trayAvailable() const { return m_trayAvailable; }

public Q_SLOTS:
    void setStatus(const lip::EngineStatus &status);
    void setStartFailed(const QString &message);
    void copyListenAddress();
    void copyAnthropicAddress();

Q_SIGNALS:
    void quitRequested();
    void hiddenToTray();

protected:
    void closeEvent(QCloseEvent *event) override;
    void changeEvent(QEvent *event) override;

private:
    void retranslate();

    bool m_trayAvailable = false;
    QString m_failure;
    EngineStatus m_status;

    QLabel *m_stateLabel = nullptr;
    QLabel *m_listenCaption = nullptr;
    QLineEdit *m_listenEdit = nullptr;
    QPushButton *m_copyButton = nullptr;
    QLabel *m_anthropicCaption = nullptr;
    QLineEdit *m_anthropicEdit = nullptr;
    QPushButton *m_copyAnthropicButton = nullptr;
    QLabel *m_backendsCaption = nullptr;
    QLabel *m_backendsLabel = nullptr;
    QLabel *m_requestsCaption = nullptr;
    QLabel *m_requestsLabel = nullptr;
    QLabel *m_errorsCaption = nullptr;
    QLabel *m_errorsLabel = nullptr;
    QLabel *m_lastErrorCaption = nullptr;
    QLabel *m_lastErrorLabel = nullptr;
    QPushButton *m_hideButton = nullptr;
    QPushButton *m_quitButton = nullptr;
};

} // namespace lip::ui
