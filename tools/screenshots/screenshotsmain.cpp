// SPDX-License-Identifier: GPL-3.0-or-later
// lip-screenshots: the README and docs images, made from the real window. Nothing here may
// reach the network or the user's files: backends point at closed loopback ports, the data dir,
// HOME and XDG folders are temporary, and the keychain is in memory.

#include "apppages.h"
#include "config/appconfig.h"
#include "config/configloader.h"
#include "config/credentials/credentialstore.h"
#include "configcontroller.h"
#include "core/logfeed.h"
#include "engine.h"
#include "mainwindow.h"
#include "memorysecrets.h"
#include "pages/logpage.h"
#include "pages/page.h"
#include "uiresources.h"

#include "backends/oauth/accountmanager.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QDir>
#include <QEventLoop>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTimer>

#include <cstdio>

namespace {

// A loopback port nothing listens on (taken and released at once): requests fail fast.
quint16 closedPort()
{
    QTcpServer probe;
    probe.listen(QHostAddress::LocalHost, 0);
    const quint16 port = probe.serverPort();
    probe.close();
    return port;
}

void settle(int ms)
{
    QEventLoop loop;
    QTimer::singleShot(ms, &loop, &QEventLoop::quit);
    loop.exec();
}

} // namespace

int main(int argc, char **argv)
{
    using namespace lip;
    using namespace lip::ui;

    // Before QApplication: the pages read HOME/XDG paths (the Clients page reads the CLIs'
    // config files); none of the user's may show up in a published image.
    QTemporaryDir home;
    if (!home.isValid()) {
        std::fprintf(stderr, "lip-screenshots: cannot create a temporary folder\n");
        return 1;
    }
    qputenv("HOME", home.path().toUtf8());
    qputenv("XDG_CONFIG_HOME", (home.path() + QStringLiteral("/.config")).toUtf8());
    qputenv("XDG_DATA_HOME", (home.path() + QStringLiteral("/.local/share")).toUtf8());
    qputenv("XDG_CACHE_HOME", (home.path() + QStringLiteral("/.cache")).toUtf8());
    for (const char *name : {"CLAUDE_CONFIG_DIR", "CODEX_HOME", "GEMINI_CLI_HOME"})
        qunsetenv(name);

    QApplication app(argc, argv);
    LogFeed::install(); // the Log page shows the engine's own lines, as in the app
    QApplication::setApplicationName(QStringLiteral("llm-interactive-proxy"));
    qRegisterMetaType<EngineStatus>();
    initResources();

    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Renders docs/images/<page>.png from the real main window."));
    parser.addHelpOption();
    QCommandLineOption outOption(QStringLiteral("out"), QStringLiteral("Output folder (default: docs/images)."),
                                 QStringLiteral("dir"), QStringLiteral(LIP_SOURCE_DIR "/docs/images"));
    QCommandLineOption pageOption(QStringLiteral("page"), QStringLiteral("Only this page id (repeatable)."),
                                  QStringLiteral("id"));
    parser.addOption(outOption);
    parser.addOption(pageOption);
    parser.process(app);

    QTemporaryDir data;
    const QString dataDir = data.path();
    const QString openaiBase = QStringLiteral("http://127.0.0.1:%1/v1").arg(closedPort());
    const QString anthropicBase = QStringLiteral("http://127.0.0.1:%1").arg(closedPort());
    // Made-up keys in the shape of real ones; the Credentials page shows them masked.
    const QHash<QString, QString> env{
        {QStringLiteral("HOME"), home.path()},
        {QStringLiteral("OPENAI_API_KEY"), QStringLiteral("sk-demo-0000000000000000wxyz")},
        {QStringLiteral("OPENAI_API_BASE_URL"), openaiBase},
        {QStringLiteral("ANTHROPIC_API_KEY"), QStringLiteral("sk-ant-demo-00000000000000abcd")},
        {QStringLiteral("ANTHROPIC_API_BASE_URL"), anthropicBase},
    };
    config::CliOptions cli;
    cli.dataDir = dataDir;
    cli.port = closedPort();
    cli.appConfigFile = dataDir + QStringLiteral("/app-config.yaml");
    // A plausible app layer, so the Routing page shows what it edits.
    config::AppLayer layer;
    layer.defaultBackend = QStringLiteral("openai:gpt-4o");
    config::RouteConfig route;
    route.name = QStringLiteral("coding");
    route.policy = QStringLiteral("km");
    route.elements = {QStringLiteral("anthropic:claude-sonnet-4-5"), QStringLiteral("openai:gpt-4o")};
    layer.routes.push_back(route);
    layer.modelAliases.insert(QStringLiteral("fast"), QStringLiteral("openai:gpt-4o-mini"));
    if (const QString error = config::writeAppLayer(*cli.appConfigFile, layer); !error.isEmpty()) {
        std::fprintf(stderr, "lip-screenshots: app layer: %s\n", qUtf8Printable(error));
        return 1;
    }
    Result<config::Config> loaded = config::loadConfig(cli, env);
    if (!loaded) {
        std::fprintf(stderr, "lip-screenshots: config: %s\n", qUtf8Printable(loaded.error().message));
        return 1;
    }

    EngineClient engine;
    const QString startError = engine.startAndWait(loaded.value());
    if (!startError.isEmpty()) {
        std::fprintf(stderr, "lip-screenshots: engine: %s\n", qUtf8Printable(startError));
        return 1;
    }
    ConfigController controller(&engine, cli, env, {});
    config::credentials::CredentialStore credentials(dataDir, std::make_unique<tools::MemorySecrets>());
    AppContext context;
    context.engine = &engine;
    context.config = &controller;
    context.credentials = &credentials;
    oauth::AccountManager accounts(dataDir, env, std::make_unique<tools::MemorySecrets>());
    context.accounts = &accounts;

    MainWindow window;
    window.setTrayAvailable(false);
    addAppPages(window, context, nullptr);
    if (auto *log = qobject_cast<LogPage *>(window.page(QStringLiteral("log")))) {
        log->setLines(LogFeed::instance()->recent());
        QObject::connect(LogFeed::instance(), &LogFeed::lineAdded, log, &LogPage::appendLine);
    }
    window.resize(1100, 720);
    window.show();
    settle(300);

    const QString outDir = parser.value(outOption);
    if (!QDir().mkpath(outDir)) {
        std::fprintf(stderr, "lip-screenshots: cannot create %s\n", qUtf8Printable(outDir));
        return 1;
    }
    QStringList ids = parser.values(pageOption);
    if (ids.isEmpty())
        ids = window.pageIds();
    int failures = 0;
    for (const QString &id : std::as_const(ids)) {
        if (!window.showPage(id)) {
            std::fprintf(stderr, "lip-screenshots: no page \"%s\"\n", qUtf8Printable(id));
            ++failures;
            continue;
        }
        settle(250); // queued status updates and model lists land
        const QString file = QDir(outDir).filePath(id + QStringLiteral(".png"));
        if (!window.grab().save(file)) {
            std::fprintf(stderr, "lip-screenshots: cannot write %s\n", qUtf8Printable(file));
            ++failures;
            continue;
        }
        std::printf("%s\n", qUtf8Printable(QDir::toNativeSeparators(file)));
    }
    engine.stopAndWait();
    return failures ? 1 : 0;
}
