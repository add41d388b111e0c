// SPDX-License-Identifier: GPL-3.0-or-later
#include "uimain.h"

#include "engine.h"
#include "mainwindow.h"
#include "trayicon.h"
#include "uilogging.h"
#include "uiresources.h"

#include <QApplication>
#include <QLibraryInfo>
#include <QLocale>
#include <QSystemTrayIcon>
#include <QTranslator>

#include <cstdio>

namespace {

void installTranslators(QApplication &app)
{
    auto *qtTranslator = new QTranslator(&app);
    if (qtTranslator->load(QLocale(), QStringLiteral("qtbase"), QStringLiteral("_"),
                           QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
        QApplication::installTranslator(qtTranslator);
    auto *translator = new QTranslator(&app);
    if (translator->load(QLocale(), QStringLiteral("llm-interactive-proxy"), QStringLiteral("_"),
                         QStringLiteral(":/i18n")))
        QApplication::installTranslator(translator);
    else
        qCDebug(lcUi) << "no translation for" << QLocale().name();
}

} // namespace

int lip_ui_main(int argc, char **argv, const lip::config::Config *config)
{
    if (!config)
        return 2;
    qRegisterMetaType<lip::EngineStatus>();

    QApplication app(argc, argv);
    lip::ui::initResources();
    QApplication::setWindowIcon(lip::ui::appIcon());
    QGuiApplication::setDesktopFileName(QStringLiteral("llm-interactive-proxy"));
    installTranslators(app);

    const bool trayAvailable = QSystemTrayIcon::isSystemTrayAvailable();
    // With a tray the app lives on when the window is closed; quitting is explicit.
    QApplication::setQuitOnLastWindowClosed(!trayAvailable);

    lip::ui::MainWindow window;
    window.setTrayAvailable(trayAvailable);
    lip::ui::TrayIcon tray;

    lip::EngineClient engine;
    QObject::connect(&engine, &lip::EngineClient::statusChanged, &window, &lip::ui::MainWindow::setStatus);
    QObject::connect(&engine, &lip::EngineClient::statusChanged, &tray, &lip::ui::TrayIcon::setStatus);
    QObject::connect(&engine, &lip::EngineClient::started, &window, [&engine, &window, &tray](const QString &address) {
        // Same line as headless mode, for whoever started the app from a terminal.
        std::printf("listening on %s\n", qUtf8Printable(address));
        std::fflush(stdout);
        window.setStatus(engine.status());
        tray.setStatus(engine.status());
    });
    QObject::connect(&engine, &lip::EngineClient::failed, &window, [&window](const QString &message) {
        std::fprintf(stderr, "llm-interactive-proxy: %s\n", qUtf8Printable(message));
        std::fflush(stderr);
        window.setStartFailed(message);
        window.show(); // even when started to the tray: a failure must be seen
    });

    auto showWindow = [&window] {
        window.showNormal();
        window.raise();
        window.activateWindow();
    };
    QObject::connect(&tray, &lip::ui::TrayIcon::showRequested, &window, showWindow);
    QObject::connect(&tray, &lip::ui::TrayIcon::quitRequested, &app, &QCoreApplication::quit);
    QObject::connect(&window, &lip::ui::MainWindow::quitRequested, &app, &QCoreApplication::quit);
    QObject::connect(&window, &lip::ui::MainWindow::hiddenToTray, &tray, &lip::ui::TrayIcon::notifyHiddenToTray);

    tray.show();
    window.show();
    engine.start(*config);

    const int code = QApplication::exec();
    qCDebug(lcUi) << "event loop finished, stopping the engine";
    engine.stopAndWait();
    return code;
}
