// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "engine.h"
#include "notifier.h"
#include "pages/page.h"
#include "statustext.h"

#include <QObject>

class QAction;
class QActionGroup;
class QMenu;
class QSystemTrayIcon;

namespace lip::ui {

// The system tray entry: an icon per state (running, degraded, paused, stopped), a menu with a
// status line, "Copy base URL", a "Default backend" quick switch, Pause/Resume, Open window and
// Quit, and rate-limited notifications for circuits, refused keys and expired sign-ins. The menu
// and its actions exist even where the platform has no tray, so they can be tested offscreen;
// the icon is only shown when QSystemTrayIcon::isSystemTrayAvailable().
class TrayIcon : public QObject
{
    Q_OBJECT
public:
    // `context.engine` and `context.config` may be null (tests of the menu alone).
    explicit TrayIcon(const AppContext &context, QObject *parent = nullptr);
    ~TrayIcon() override;

    QMenu *menu() const { return m_menu; }
    QAction *statusAction() const { return m_statusAction; }
    QMenu *copyMenu() const { return m_copyMenu; }
    QAction *copyOpenAiAction() const { return m_copyOpenAi; }
    QAction *copyAnthropicAction() const { return m_copyAnthropic; }
    QAction *copyGeminiAction() const { return m_copyGemini; }
    QMenu *defaultBackendMenu() const { return m_backendMenu; }
    QAction *pauseAction() const { return m_pauseAction; }
    QAction *showAction() const { return m_showAction; }
    QAction *quitAction() const { return m_quitAction; }
    ProxyState state() const { return m_state; }
    QString iconName() const; // ":/icons/tray-<state>.svg"

    void show();
    // Tells the user once that closing the window left the proxy running in the tray.
    void notifyHiddenToTray();
    // For tests: the limiter's clock.
    void setNotificationClock(NotificationLimiter::Clock clock);

public Q_SLOTS:
    void setStatus(const lip::EngineStatus &status);
    void onCircuitChanged(const QString &instance, bool open);
    void onCredentialRejected(const QString &instance, const QString &keyAlias, int httpStatus);
    void onAccountNeedsSignIn(const QString &accountId, const QString &message);

Q_SIGNALS:
    void showRequested();
    void quitRequested();
    // Every notification that passed the rate limit (shown as a bubble where the tray can).
    void notified(const QString &title, const QString &message);
    // The quick switch could not be applied (the window shows it; the tray has no room).
    void switchFailed(const QString &message);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void retranslate();
    void notify(const QString &subject, const QString &title, const QString &message);
    void switchDefaultBackend(const QString &backend);
    void rebuildBackendMenu();
    void copy(const QString &url);

    AppContext m_context;
    EngineStatus m_status;
    ProxyState m_state = ProxyState::Stopped;
    NotificationLimiter m_limiter;
    QMenu *m_menu = nullptr;
    QAction *m_statusAction = nullptr;
    QMenu *m_copyMenu = nullptr;
    QAction *m_copyOpenAi = nullptr;
    QAction *m_copyAnthropic = nullptr;
    QAction *m_copyGemini = nullptr;
    QMenu *m_backendMenu = nullptr;
    QActionGroup *m_backendGroup = nullptr;
    QAction *m_pauseAction = nullptr;
    QAction *m_showAction = nullptr;
    QAction *m_quitAction = nullptr;
    QSystemTrayIcon *m_tray = nullptr;
    bool m_notifiedHidden = false;
};

} // namespace lip::ui
