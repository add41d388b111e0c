// SPDX-License-Identifier: GPL-3.0-or-later
#include "trayicon.h"

#include "statustext.h"
#include "uilogging.h"
#include "uiresources.h"

#include <QAction>
#include <QMenu>
#include <QSystemTrayIcon>

namespace lip::ui {

TrayIcon::TrayIcon(QObject *parent)
    : QObject(parent)
    , m_menu(new QMenu) // a QMenu cannot have a QObject parent; deleted in the destructor
{
    m_menu->setObjectName(QStringLiteral("trayMenu"));
    m_statusAction = m_menu->addAction(StatusText::summary(EngineStatus{}));
    m_statusAction->setObjectName(QStringLiteral("statusAction"));
    m_statusAction->setEnabled(false);
    m_menu->addSeparator();
    m_showAction = m_menu->addAction(tr("&Show"));
    m_showAction->setObjectName(QStringLiteral("showAction"));
    m_quitAction = m_menu->addAction(tr("&Quit"));
    m_quitAction->setObjectName(QStringLiteral("quitAction"));

    connect(m_showAction, &QAction::triggered, this, &TrayIcon::showRequested);
    connect(m_quitAction, &QAction::triggered, this, &TrayIcon::quitRequested);

    m_tray = new QSystemTrayIcon(appIcon(), this);
    m_tray->setContextMenu(m_menu);
    m_tray->setToolTip(StatusText::summary(EngineStatus{}));
    connect(m_tray, &QSystemTrayIcon::activated, this, [this](QSystemTrayIcon::ActivationReason reason) {
        // A left click shows the window; the right click opens the menu by itself.
        if (reason == QSystemTrayIcon::Trigger || reason == QSystemTrayIcon::DoubleClick)
            Q_EMIT showRequested();
    });
}

TrayIcon::~TrayIcon()
{
    delete m_menu;
}

void TrayIcon::show()
{
    if (!QSystemTrayIcon::isSystemTrayAvailable()) {
        qCInfo(lcUiTray) << "no system tray on this desktop; the window stays the only way in";
        return;
    }
    m_tray->show();
}

void TrayIcon::notifyHiddenToTray()
{
    if (m_notified || !m_tray->isVisible() || !QSystemTrayIcon::supportsMessages())
        return;
    m_notified = true;
    m_tray->showMessage(tr("LLM Interactive Proxy"),
                        tr("The proxy keeps running. Use the tray icon to show the window or to quit."),
                        QSystemTrayIcon::Information, 5000);
}

void TrayIcon::setStatus(const lip::EngineStatus &status)
{
    const QString summary = StatusText::summary(status);
    m_statusAction->setText(summary);
    m_tray->setToolTip(summary);
}

} // namespace lip::ui
