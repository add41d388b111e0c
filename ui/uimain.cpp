// SPDX-License-Identifier: GPL-3.0-or-later
#include "uimain.h"

#include "apppages.h"

#include "backends/oauth/accountmanager.h"
#include "config/credentials/credentialindex.h"
#include "config/credentials/credentialstore.h"
#include "configcontroller.h"
#include "core/logfeed.h"
#include "engine.h"
#include "languagemanager.h"
#include "mainwindow.h"
#include "pages/logpage.h"
#include "singleinstance.h"
#include "trayicon.h"
#include "uilogging.h"
#include "uiresources.h"

#include <QApplication>
#include <QSystemTrayIcon>

#include <cstdio>
#include <memory>

int lip_ui_main(int argc, char **argv, const lip::ui::UiStartup *startup)
{
    using namespace lip;
    using namespace lip::ui;
    if (!startup || !startup->config || !startup->cli || !startup->env)
        return 2;
    qRegisterMetaType<EngineStatus>();
    qRegisterMetaType<LogLine>();
    const config::Config &config = *startup->config;
    const config::CredentialSet keychain = startup->keychain ? *startup->keychain : config::CredentialSet{};

    QApplication app(argc, argv);
    // Before anything logs that the Log page should show.
    LogFeed::install();
    initResources();
    QApplication::setWindowIcon(appIcon());
    QGuiApplication::setDesktopFileName(QStringLiteral("llm-interactive-proxy"));

    const QString dataDir = config::credentials::resolveDataDir(config.dataDir);
    SingleInstance instance(SingleInstance::serverName(dataDir));
    if (!instance.claim()) {
        std::printf("already running; showed its window\n");
        std::fflush(stdout);
        return 0;
    }

    EngineClient engine;
    ConfigController controller(&engine, *startup->cli, *startup->env, keychain);
    config::credentials::CredentialStore credentials(dataDir);
    LanguageManager languages;
    languages.setLanguage(controller.layer().language);

    AppContext context;
    context.engine = &engine;
    context.config = &controller;
    context.credentials = &credentials;
    oauth::AccountManager accounts(dataDir, *startup->env);
    context.accounts = &accounts;
    QObject::connect(&accounts, &oauth::AccountManager::accountsChanged, &engine, &EngineClient::reloadAccounts);

    const bool trayAvailable = QSystemTrayIcon::isSystemTrayAvailable();
    // With a tray the app lives on when the window is closed; quitting is explicit.
    QApplication::setQuitOnLastWindowClosed(!trayAvailable);

    MainWindow window;
    window.setTrayAvailable(trayAvailable);
    addAppPages(window, context, &languages);
    if (auto *log = qobject_cast<LogPage *>(window.page(QStringLiteral("log")))) {
        log->setLines(LogFeed::instance()->recent());
        QObject::connect(LogFeed::instance(), &LogFeed::lineAdded, log, &LogPage::appendLine);
    }

    TrayIcon tray(context);

    QObject::connect(&engine, &EngineClient::started, &window, [](const QString &address) {
        // Same line as headless mode, for whoever started the app from a terminal.
        std::printf("listening on %s\n", qUtf8Printable(address));
        std::fflush(stdout);
    });
    QObject::connect(&engine, &EngineClient::failed, &window, [&window](const QString &message) {
        std::fprintf(stderr, "llm-interactive-proxy: %s\n", qUtf8Printable(message));
        std::fflush(stderr);
        window.showPage(QStringLiteral("overview"));
        window.bringToFront(); // even when started to the tray: a failure must be seen
    });
    QObject::connect(&tray, &TrayIcon::showRequested, &window, &MainWindow::bringToFront);
    QObject::connect(&instance, &SingleInstance::showRequested, &window, &MainWindow::bringToFront);
    QObject::connect(&tray, &TrayIcon::quitRequested, &app, &QCoreApplication::quit);
    QObject::connect(&window, &MainWindow::quitRequested, &app, &QCoreApplication::quit);
    QObject::connect(&window, &MainWindow::hiddenToTray, &tray, &TrayIcon::notifyHiddenToTray);

    tray.show();
    const bool startHidden = (startup->startHidden || controller.layer().startHidden) && trayAvailable;
    if (startHidden)
        qCInfo(lcUi) << "started hidden in the tray";
    else
        window.show();
    engine.start(config);

    const int code = QApplication::exec();
    qCDebug(lcUi) << "event loop finished, stopping the engine";
    engine.stopAndWait();
    return code;
}
