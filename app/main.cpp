// SPDX-License-Identifier: GPL-3.0-or-later
// Argument parsing, GUI vs headless, wiring; nothing else. See ARCHITECTURE.md "Operator
// interface" for the flags: tests and users rely on them.

#include "capturecommand.h"
#include "authcommand.h"
#include "credentialscommand.h"
#include "signalwatcher.h"

#include "config/appconfig.h"
#include "config/configloader.h"
#include "config/credentials/startupcredentials.h"
#include "engine.h"
#ifdef LIP_HAVE_UI
#include "../ui/uimain.h"
#endif

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QLibrary>
#include <QLoggingCategory>

#include <cstdio>
#include <memory>
#include <optional>

Q_LOGGING_CATEGORY(lcApp, "lip.app", QtInfoMsg)

namespace {

constexpr int ExitOk = 0;
constexpr int ExitFailure = 1; // the proxy could not run (e.g. the port is taken)
constexpr int ExitUsage = 2;   // bad arguments or configuration

const char *const AppName = "llm-interactive-proxy";

#ifdef LIP_HAVE_UI
// Matches the symbol ui/uimain.cpp exports from the lip_ui module.
using UiMain = decltype(&lip_ui_main);
#endif

void printOut(const QString &text)
{
    std::fputs(qUtf8Printable(text), stdout);
    std::fputc('\n', stdout);
    std::fflush(stdout); // scripts and tests wait for these lines; do not leave them buffered
}

void printError(const QString &text)
{
    std::fprintf(stderr, "%s: %s\n", AppName, qUtf8Printable(text));
    std::fflush(stderr);
}

struct Arguments
{
    lip::config::CliOptions cli;
    bool headless = false;
    bool startHidden = false;
    bool help = false;
    bool version = false;
    QString helpText;
};

std::optional<quint16> parsePort(const QString &value)
{
    bool ok = false;
    const uint port = value.toUInt(&ok);
    if (!ok || port > 65535)
        return std::nullopt;
    return quint16(port);
}

bool isLogLevel(const QString &value)
{
    static const QStringList levels = {QStringLiteral("error"), QStringLiteral("warning"),
                                       QStringLiteral("info"), QStringLiteral("debug")};
    return levels.contains(value);
}

// Returns an error message, empty on success.
QString parseArguments(const QStringList &arguments, Arguments &out)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QCoreApplication::translate(
        "main", "Local LLM proxy for coding agents: clients speak OpenAI, Anthropic or Gemini "
                "dialects to it, it routes them to the configured backends."));
    // Qt's own -h/--help would also add --help-all with Qt-internal options; keep ours plain.
    const QCommandLineOption helpOption({QStringLiteral("h"), QStringLiteral("help")},
                                        QCoreApplication::translate("main", "Show this help and exit."));
    const QCommandLineOption versionOption(
        QStringLiteral("version"), QCoreApplication::translate("main", "Show the version and exit."));
    const QCommandLineOption headlessOption(
        QStringLiteral("headless"),
        QCoreApplication::translate("main", "Run without the desktop UI (the default when no display is available)."));
    const QCommandLineOption startHiddenOption(
        QStringLiteral("start-hidden"),
        QCoreApplication::translate("main", "Desktop app: start in the system tray without showing the window."));
    const QCommandLineOption hostOption(
        QStringLiteral("host"), QCoreApplication::translate("main", "Address to listen on (default 127.0.0.1)."),
        QStringLiteral("address"));
    const QCommandLineOption portOption(
        QStringLiteral("port"), QCoreApplication::translate("main", "Port to listen on (default 8000)."),
        QStringLiteral("port"));
    const QCommandLineOption anthropicPortOption(
        QStringLiteral("anthropic-port"),
        QCoreApplication::translate("main", "Also serve the Anthropic API alone on this port (off by default)."),
        QStringLiteral("port"));
    const QCommandLineOption configOption(
        QStringLiteral("config"),
        QCoreApplication::translate("main", "YAML configuration file (default: $LLM_PROXY_CONFIG)."),
        QStringLiteral("file"));
    const QCommandLineOption defaultBackendOption(
        QStringLiteral("default-backend"),
        QCoreApplication::translate("main", "Backend (and optionally model) for requests that name none."),
        QStringLiteral("backend[:model]"));
    const QCommandLineOption dataDirOption(
        QStringLiteral("data-dir"),
        QCoreApplication::translate("main", "Directory for usage records and captures."),
        QStringLiteral("dir"));
    const QCommandLineOption logLevelOption(
        QStringLiteral("log-level"),
        QCoreApplication::translate("main", "Log verbosity: error, warning, info (default) or debug."),
        QStringLiteral("level"));
    const QCommandLineOption disableCommandsOption(
        QStringLiteral("disable-interactive-commands"),
        QCoreApplication::translate("main", "Do not act on in-chat commands."));
    const QCommandLineOption commandPrefixOption(
        QStringLiteral("command-prefix"),
        QCoreApplication::translate("main", "Prefix of in-chat commands (default !/)."),
        QStringLiteral("prefix"));
    const QCommandLineOption captureOption(
        QStringLiteral("capture"), QCoreApplication::translate("main", "Record wire captures."));
    const QCommandLineOption captureDirOption(
        QStringLiteral("capture-dir"),
        QCoreApplication::translate("main", "Directory for wire captures (implies --capture)."),
        QStringLiteral("dir"));

    parser.addOptions({helpOption, versionOption, headlessOption, startHiddenOption, hostOption, portOption,
                       anthropicPortOption, configOption, defaultBackendOption, dataDirOption,
                       logLevelOption, disableCommandsOption, commandPrefixOption, captureOption,
                       captureDirOption});

    if (!parser.parse(arguments))
        return parser.errorText();
    if (!parser.positionalArguments().isEmpty())
        return QCoreApplication::translate("main", "unexpected argument '%1' (see --help)")
            .arg(parser.positionalArguments().constFirst());

    out.help = parser.isSet(helpOption);
    out.version = parser.isSet(versionOption);
    out.helpText = parser.helpText();
    if (out.help || out.version)
        return {};

    out.headless = parser.isSet(headlessOption);
    out.startHidden = parser.isSet(startHiddenOption);
    auto &cli = out.cli;
    if (parser.isSet(hostOption))
        cli.host = parser.value(hostOption);
    for (const auto &[option, target] :
         {std::pair{&portOption, &cli.port}, std::pair{&anthropicPortOption, &cli.anthropicPort}}) {
        if (!parser.isSet(*option))
            continue;
        const QString value = parser.value(*option);
        const auto port = parsePort(value);
        if (!port)
            return QCoreApplication::translate("main", "invalid --%1 value '%2': expected a number from 0 to 65535")
                .arg(option->names().constFirst(), value);
        *target = *port;
    }
    if (parser.isSet(configOption))
        cli.configFile = parser.value(configOption);
    if (parser.isSet(defaultBackendOption))
        cli.defaultBackend = parser.value(defaultBackendOption);
    if (parser.isSet(dataDirOption))
        cli.dataDir = parser.value(dataDirOption);
    if (parser.isSet(logLevelOption)) {
        const QString level = parser.value(logLevelOption).trimmed().toLower();
        if (!isLogLevel(level))
            return QCoreApplication::translate("main", "invalid --log-level value '%1': expected error, warning, info or debug")
                .arg(parser.value(logLevelOption));
        cli.logLevel = level;
    }
    if (parser.isSet(disableCommandsOption))
        cli.disableInteractiveCommands = true;
    if (parser.isSet(commandPrefixOption))
        cli.commandPrefix = parser.value(commandPrefixOption);
    if (parser.isSet(captureOption))
        cli.capture = true;
    if (parser.isSet(captureDirOption))
        cli.captureDir = parser.value(captureDirOption);
    return {};
}

// Our categories are all under "lip."; QT_LOGGING_RULES, evaluated after these rules, still wins.
void applyLogLevel(const QString &level)
{
    const bool debug = level == QLatin1String("debug");
    const bool info = debug || level == QLatin1String("info") || !isLogLevel(level);
    const bool warning = info || level == QLatin1String("warning");
    auto rule = [](const char *type, bool on) {
        return QStringLiteral("lip.*.%1=%2").arg(QLatin1String(type), on ? QStringLiteral("true") : QStringLiteral("false"));
    };
    QLoggingCategory::setFilterRules(QStringList{rule("debug", debug), rule("info", info),
                                                 rule("warning", warning)}
                                         .join(QLatin1Char('\n')));
}

// Without a display QApplication would abort, so the app falls back to headless by itself.
bool displayAvailable()
{
#if defined(Q_OS_UNIX) && !defined(Q_OS_MACOS) && !defined(Q_OS_ANDROID)
    // Platforms that need no display server, chosen explicitly (tests use offscreen). xcb and
    // wayland still need DISPLAY / WAYLAND_DISPLAY: a QT_QPA_PLATFORM=xcb left in a profile must
    // not make an ssh session abort instead of running headless.
    static const QStringList displayless = {
        QStringLiteral("offscreen"), QStringLiteral("minimal"), QStringLiteral("minimalegl"),
        QStringLiteral("vnc"), QStringLiteral("linuxfb"), QStringLiteral("eglfs"),
        QStringLiteral("vkkhrdisplay")};
    const QString platform = qEnvironmentVariable("QT_QPA_PLATFORM").section(QLatin1Char(':'), 0, 0).trimmed();
    if (displayless.contains(platform))
        return true;
    return !qEnvironmentVariableIsEmpty("DISPLAY") || !qEnvironmentVariableIsEmpty("WAYLAND_DISPLAY");
#else
    return true;
#endif
}

#ifdef LIP_HAVE_UI
// The UI module is looked up next to the executable: build tree (bin/../lib), installed tree
// (bin/../lib/llm-interactive-proxy) and Windows (same folder). It is never unloaded.
UiMain loadUi(QString *error)
{
    const QString exeDir = QCoreApplication::applicationDirPath();
    const QStringList dirs = {exeDir + QStringLiteral("/../lib"),
                              exeDir + QStringLiteral("/../lib/llm-interactive-proxy"), exeDir};
    QStringList failures;
    for (const QString &dir : dirs) {
        QLibrary library(QDir::cleanPath(dir + QStringLiteral("/lip_ui")));
        // Resolve everything now: a missing symbol is a clear error here, not a crash later.
        library.setLoadHints(QLibrary::ResolveAllSymbolsHint);
        if (!library.load()) {
            failures << library.errorString();
            continue;
        }
        if (auto entry = reinterpret_cast<UiMain>(library.resolve("lip_ui_main")))
            return entry;
        failures << library.errorString();
    }
    *error = failures.join(QStringLiteral("; "));
    return nullptr;
}
#endif

int runHeadless(const lip::config::Config &config)
{
    lip::EngineClient engine;
    const QString error = engine.startAndWait(config);
    if (!error.isEmpty()) {
        printError(error);
        return ExitFailure;
    }
    const lip::EngineStatus status = engine.status();
    const QString address = status.listenAddress.isEmpty()
        ? QStringLiteral("http://%1:%2").arg(config.host).arg(config.port)
        : status.listenAddress;
    printOut(QStringLiteral("listening on %1").arg(address));
    if (!status.anthropicAddress.isEmpty())
        printOut(QStringLiteral("Anthropic API listening on %1").arg(status.anthropicAddress));

    if (!lip::app::quitSignalReceived())
        QCoreApplication::exec();
    engine.stopAndWait();
    return ExitOk;
}

} // namespace

int main(int argc, char **argv)
{
    lip::app::installQuitOnSignal();
    QCoreApplication::setApplicationName(QString::fromLatin1(AppName));
    QCoreApplication::setApplicationVersion(QStringLiteral(LIP_VERSION));

    auto app = std::make_unique<QCoreApplication>(argc, argv);
    if (QCoreApplication::arguments().value(1) == QLatin1String("credentials"))
        return lip::app::runCredentialsCommand(QCoreApplication::arguments().mid(2));
    if (QCoreApplication::arguments().value(1) == QLatin1String("auth"))
        return lip::app::runAuthCommand(QCoreApplication::arguments().mid(2));
    if (QCoreApplication::arguments().value(1) == QLatin1String("capture"))
        return lip::app::runCaptureCommand(QCoreApplication::arguments().mid(2));

    Arguments arguments;
    if (const QString error = parseArguments(QCoreApplication::arguments(), arguments); !error.isEmpty()) {
        printError(error);
        return ExitUsage;
    }
    if (arguments.version) {
        printOut(QStringLiteral("%1 %2").arg(QString::fromLatin1(AppName), QStringLiteral(LIP_VERSION)));
        return ExitOk;
    }
    if (arguments.help) {
        std::fputs(qUtf8Printable(arguments.helpText), stdout);
        return ExitOk;
    }

    const QHash<QString, QString> environment = lip::config::processEnvironment();
    // The desktop app's own layer (GUI edits) applies headless too: it is the same proxy.
    arguments.cli.appConfigFile = lip::config::appConfigPath(environment);
    // Keychain keys join before validation, so a keychain-only backend can be the default one.
    // The GUI keeps the set it read, to reload the config the same way after an edit.
    lip::config::CredentialSet keychain;
    const auto withKeychain = [&keychain](lip::config::Config &c) {
        lip::config::credentials::loadKeychainIntoConfig(c, lip::config::credentials::kDefaultKeychainTimeoutMs,
                                                         &keychain);
    };
    auto loaded = lip::config::loadConfig(arguments.cli, environment, withKeychain);
    if (!loaded) {
        // A broken app-owned layer must not lock the user out of the app that writes it: start
        // without it and say so (the GUI shows the same error on its pages). The user's own
        // config is not second-guessed: its errors still stop start-up.
        lip::config::CliOptions withoutLayer = arguments.cli;
        withoutLayer.appConfigFile.reset();
        auto fallback = lip::config::loadConfig(withoutLayer, environment, withKeychain);
        if (!fallback) {
            printError(loaded.error().message);
            return ExitUsage;
        }
        printError(QStringLiteral("warning: ignoring the app's settings file: %1").arg(loaded.error().message));
        loaded = std::move(fallback);
    }
    const lip::config::Config config = std::move(loaded.value());
    applyLogLevel(config.logLevel);
    // Accepted but ignored settings (reference-project keys we do not implement, disable_auth
    // off loopback, ...): the user must see them, each naming its file and line.
    for (const QString &warning : config.warnings)
        printError(QStringLiteral("warning: ") + warning);

    bool headless = arguments.headless;
    if (!headless && !displayAvailable()) {
        printOut(QStringLiteral("no display found; running headless"));
        headless = true;
    }

#ifdef LIP_HAVE_UI
    if (!headless) {
        QString error;
        if (const UiMain uiMain = loadUi(&error)) {
            // QApplication must be the only application object: the parsing one goes first.
            app.reset();
            lip::ui::UiStartup startup;
            startup.config = &config;
            startup.cli = &arguments.cli;
            startup.env = &environment;
            startup.keychain = &keychain;
            startup.startHidden = arguments.startHidden;
            return uiMain(argc, argv, &startup);
        }
        printError(QStringLiteral("desktop UI not available (%1); running headless").arg(error));
    }
#else
    if (!headless)
        printOut(QStringLiteral("built without the desktop UI; running headless"));
#endif

    return runHeadless(config);
}
