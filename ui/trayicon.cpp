// SPDX-License-Identifier: GPL-3.0-or-later
#include "trayicon.h"

#include "configcontroller.h"
#include "uilogging.h"
#include "uiresources.h"

#include <QAction>
#include <QActionGroup>
#include <QClipboard>
#include <QEvent>
#include <QGuiApplication>
#include <QMenu>
#include <QSystemTrayIcon>

namespace lip::ui {

TrayIcon::TrayIcon(const AppContext &context, QObject *parent)
    : QObject(parent)
    , m_context(context)
    , m_menu(new QMenu) // a QMenu cannot have a QObject parent; deleted in the destructor
{
    initResources();
    m_menu->setObjectName(QStringLiteral("trayMenu"));
    m_statusAction = m_menu->addAction(QString());
    m_statusAction->setObjectName(QStringLiteral("statusAction"));
    m_statusAction->setEnabled(false);
    m_menu->addSeparator();

    m_copyMenu = m_menu->addMenu(QString());
    m_copyMenu->setObjectName(QStringLiteral("copyMenu"));
    m_copyOpenAi = m_copyMenu->addAction(QString());
    m_copyOpenAi->setObjectName(QStringLiteral("copyOpenAiAction"));
    m_copyAnthropic = m_copyMenu->addAction(QString());
    m_copyAnthropic->setObjectName(QStringLiteral("copyAnthropicAction"));
    m_copyGemini = m_copyMenu->addAction(QString());
    m_copyGemini->setObjectName(QStringLiteral("copyGeminiAction"));

    m_backendMenu = m_menu->addMenu(QString());
    m_backendMenu->setObjectName(QStringLiteral("defaultBackendMenu"));
    m_backendGroup = new QActionGroup(this);
    m_backendGroup->setExclusive(true);

    m_pauseAction = m_menu->addAction(QString());
    m_pauseAction->setObjectName(QStringLiteral("pauseAction"));
    m_menu->addSeparator();
    m_showAction = m_menu->addAction(QString());
    m_showAction->setObjectName(QStringLiteral("showAction"));
    m_quitAction = m_menu->addAction(QString());
    m_quitAction->setObjectName(QStringLiteral("quitAction"));

    connect(m_copyOpenAi, &QAction::triggered, this, [this] { copy(StatusText::openAiBaseUrl(m_status)); });
    connect(m_copyAnthropic, &QAction::triggered, this, [this] { copy(StatusText::anthropicBaseUrl(m_status)); });
    connect(m_copyGemini, &QAction::triggered, this, [this] { copy(StatusText::geminiBaseUrl(m_status)); });
    connect(m_pauseAction, &QAction::triggered, this, [this] {
        if (!m_context.engine)
            return;
        if (m_status.paused || !m_status.running)
            m_context.engine->resume();
        else
            m_context.engine->pause();
    });
    connect(m_showAction, &QAction::triggered, this, &TrayIcon::showRequested);
    connect(m_quitAction, &QAction::triggered, this, &TrayIcon::quitRequested);

    m_tray = new QSystemTrayIcon(this);
    m_tray->setContextMenu(m_menu);
    connect(m_tray, &QSystemTrayIcon::activated, this, [this](QSystemTrayIcon::ActivationReason reason) {
        // A left click shows the window; the right click opens the menu by itself.
        if (reason == QSystemTrayIcon::Trigger || reason == QSystemTrayIcon::DoubleClick)
            Q_EMIT showRequested();
    });

    if (EngineClient *engine = m_context.engine) {
        connect(engine, &EngineClient::statusChanged, this, &TrayIcon::setStatus);
        connect(engine, &EngineClient::circuitChanged, this, &TrayIcon::onCircuitChanged);
        connect(engine, &EngineClient::credentialRejected, this, &TrayIcon::onCredentialRejected);
        connect(engine, &EngineClient::accountNeedsSignIn, this, &TrayIcon::onAccountNeedsSignIn);
    }
    // A QObject gets no LanguageChange of its own: watch the menu (a widget) for it.
    m_menu->installEventFilter(this);
    retranslate();
    setStatus(m_context.engine ? m_context.engine->status() : EngineStatus{});
}

TrayIcon::~TrayIcon()
{
    delete m_menu;
}

QString TrayIcon::iconName() const
{
    return QStringLiteral(":/icons/tray-%1.svg").arg(StatusText::stateId(m_state));
}

void TrayIcon::show()
{
    if (!QSystemTrayIcon::isSystemTrayAvailable()) {
        qCInfo(lcUiTray) << "no system tray on this desktop; the window stays the only way in";
        return;
    }
    m_tray->show();
}

void TrayIcon::setNotificationClock(NotificationLimiter::Clock clock)
{
    m_limiter = NotificationLimiter(std::move(clock));
}

void TrayIcon::notifyHiddenToTray()
{
    if (m_notifiedHidden || !m_tray->isVisible() || !QSystemTrayIcon::supportsMessages())
        return;
    m_notifiedHidden = true;
    m_tray->showMessage(tr("LLM Interactive Proxy"),
                        tr("The proxy keeps running. Use the tray icon to show the window or to quit."),
                        QSystemTrayIcon::Information, 5000);
}

void TrayIcon::setStatus(const lip::EngineStatus &status)
{
    const bool backendsChanged = status.backends != m_status.backends || status.defaultBackend != m_status.defaultBackend;
    m_status = status;
    m_state = StatusText::proxyState(status);
    const QString summary = StatusText::summary(status);
    m_statusAction->setText(summary);
    m_tray->setToolTip(summary);
    m_tray->setIcon(QIcon(iconName()));
    const bool listening = !status.listenAddress.isEmpty();
    m_copyMenu->setEnabled(listening);
    m_pauseAction->setText(status.paused || !status.running ? tr("&Resume") : tr("&Pause"));
    m_pauseAction->setEnabled(m_context.engine != nullptr);
    if (backendsChanged || m_backendMenu->isEmpty())
        rebuildBackendMenu();
}

void TrayIcon::rebuildBackendMenu()
{
    m_backendMenu->clear();
    const QList<QAction *> old = m_backendGroup->actions();
    for (QAction *action : old) {
        m_backendGroup->removeAction(action);
        action->deleteLater();
    }
    for (const QString &name : std::as_const(m_status.backends)) {
        QAction *action = m_backendMenu->addAction(name);
        action->setObjectName(QStringLiteral("backend:") + name);
        action->setCheckable(true);
        action->setChecked(name == m_status.defaultBackend);
        m_backendGroup->addAction(action);
        connect(action, &QAction::triggered, this, [this, name] { switchDefaultBackend(name); });
    }
    m_backendMenu->setEnabled(!m_status.backends.isEmpty() && m_context.config != nullptr);
}

void TrayIcon::switchDefaultBackend(const QString &backend)
{
    if (!m_context.config)
        return;
    config::AppLayer candidate = m_context.config->layer();
    candidate.defaultBackend = backend;
    const QString error = m_context.config->commit(candidate);
    if (!error.isEmpty()) {
        qCWarning(lcUiTray).noquote() << "default backend not switched:" << error;
        rebuildBackendMenu(); // put the check mark back where it was
        Q_EMIT switchFailed(error);
        notify(QStringLiteral("switch"), tr("Default backend not changed"), error);
        return;
    }
    const config::Config &applied = m_context.config->config();
    if (applied.defaultBackend != backend) {
        // Saved, but something with higher precedence (environment, command line) decides.
        const QString origin = applied.origins.value(QStringLiteral("default_backend"), tr("another setting"));
        const QString message = tr("Saved, but %1 sets the default backend (%2), and it takes precedence.")
                                    .arg(origin, applied.defaultBackend);
        rebuildBackendMenu();
        Q_EMIT switchFailed(message);
        notify(QStringLiteral("switch"), tr("Default backend not changed"), message);
        return;
    }
    qCInfo(lcUiTray).noquote() << "default backend switched to" << backend;
}

void TrayIcon::copy(const QString &url)
{
    if (url.isEmpty())
        return;
    QGuiApplication::clipboard()->setText(url);
}

void TrayIcon::notify(const QString &subject, const QString &title, const QString &message)
{
    if (!m_limiter.allow(subject)) {
        qCDebug(lcUiTray).noquote() << "notification suppressed (rate limit):" << title;
        return;
    }
    Q_EMIT notified(title, message);
    if (m_tray->isVisible() && QSystemTrayIcon::supportsMessages())
        m_tray->showMessage(title, message, QSystemTrayIcon::Warning, 8000);
}

void TrayIcon::onCircuitChanged(const QString &instance, bool open)
{
    if (open)
        notify(instance, tr("Backend unavailable"),
               tr("%1 failed repeatedly; requests skip it until it recovers.").arg(instance));
    else
        notify(instance, tr("Backend recovered"), tr("%1 answers again.").arg(instance));
}

void TrayIcon::onCredentialRejected(const QString &instance, const QString &keyAlias, int httpStatus)
{
    notify(instance, tr("API key refused"),
           tr("%1 refused the key \"%2\" (HTTP %3). Replace it on the Credentials page.")
               .arg(instance, keyAlias)
               .arg(httpStatus));
}

void TrayIcon::onAccountNeedsSignIn(const QString &accountId, const QString &message)
{
    notify(QStringLiteral("account:") + accountId, tr("Sign in again"),
           tr("The account %1 must sign in again: %2").arg(accountId, message));
}

bool TrayIcon::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_menu && event->type() == QEvent::LanguageChange)
        retranslate();
    return QObject::eventFilter(watched, event);
}

void TrayIcon::retranslate()
{
    m_copyMenu->setTitle(tr("&Copy base URL"));
    m_copyOpenAi->setText(tr("&OpenAI (…/v1)"));
    m_copyAnthropic->setText(tr("&Anthropic"));
    m_copyGemini->setText(tr("&Gemini"));
    m_backendMenu->setTitle(tr("&Default backend"));
    m_showAction->setText(tr("&Open window"));
    m_quitAction->setText(tr("&Quit"));
    setStatus(m_status);
}

} // namespace lip::ui
