// SPDX-License-Identifier: GPL-3.0-or-later
#include "authcommand.h"

#include "signalwatcher.h"

#include "backends/oauth/accountmanager.h"
#include "config/configloader.h"
#include "config/credentials/credentialindex.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDateTime>
#include <QProcess>
#include <QTextStream>

#include <cstdio>
#include <optional>

namespace lip::app {

namespace {

constexpr int ExitOk = 0;
constexpr int ExitFailure = 1;
constexpr int ExitUsage = 2;
constexpr int ExitInterrupted = 130;

const char *const kUsage =
    "usage: llm-interactive-proxy auth login PROVIDER [--device] [--no-browser]\n"
    "       llm-interactive-proxy auth list\n"
    "       llm-interactive-proxy auth logout ACCOUNT\n"
    "       llm-interactive-proxy auth import PROVIDER [--yes]\n"
    "providers: openai, google, qwen, antigravity, kiro (sign-in); openai, google, qwen, kiro, anthropic, cline (import)\n"
    "options: --config FILE, --data-dir DIR (where accounts.json, the list of accounts, is kept)\n";

void out(const QString &text)
{
    std::fputs(qUtf8Printable(text), stdout);
    std::fputc('\n', stdout);
    std::fflush(stdout);
}

void err(const QString &text)
{
    std::fprintf(stderr, "llm-interactive-proxy auth: %s\n", qUtf8Printable(text));
    std::fflush(stderr);
}

int usage(const QString &problem)
{
    err(problem);
    std::fputs(kUsage, stderr);
    return ExitUsage;
}

std::optional<QString> resolveDataDir(const QCommandLineParser &parser, QString *problem)
{
    config::CliOptions cli;
    if (parser.isSet(QStringLiteral("config")))
        cli.configFile = parser.value(QStringLiteral("config"));
    if (parser.isSet(QStringLiteral("data-dir")))
        cli.dataDir = parser.value(QStringLiteral("data-dir"));
    std::optional<QString> dataDir;
    const auto loaded = config::loadConfig(cli, config::processEnvironment(),
                                           [&](config::Config &c) { dataDir = config::credentials::resolveDataDir(c.dataDir); });
    if (!dataDir) {
        *problem = loaded ? QStringLiteral("internal: the configuration was not resolved") : loaded.error().message;
        return std::nullopt;
    }
    if (dataDir->isEmpty()) {
        *problem = QStringLiteral("no data directory: pass --data-dir");
        return std::nullopt;
    }
    return dataDir;
}

// Opens the URL in the desktop's browser, unless there is no desktop to show it on.
bool openBrowser(const QUrl &url)
{
#if defined(Q_OS_MACOS)
    return QProcess::startDetached(QStringLiteral("open"), {url.toString(QUrl::FullyEncoded)});
#elif defined(Q_OS_WIN)
    return QProcess::startDetached(QStringLiteral("rundll32"),
                                   {QStringLiteral("url.dll,FileProtocolHandler"), url.toString(QUrl::FullyEncoded)});
#else
    if (qEnvironmentVariableIsEmpty("DISPLAY") && qEnvironmentVariableIsEmpty("WAYLAND_DISPLAY"))
        return false;
    return QProcess::startDetached(QStringLiteral("xdg-open"), {url.toString(QUrl::FullyEncoded)});
#endif
}

// Runs the event loop until exit(code) or Ctrl+C.
int runLoop()
{
    if (quitSignalReceived())
        return ExitInterrupted;
    const int code = QCoreApplication::exec();
    return quitSignalReceived() ? ExitInterrupted : code;
}

int login(oauth::AccountManager &manager, const QString &provider, bool device, bool noBrowser)
{
    for (const oauth::ProviderInfo &p : manager.providers())
        if (p.id == provider && !p.termsWarning.isEmpty())
            err(p.termsWarning);
    QObject::connect(&manager, &oauth::AccountManager::browserUrlReady, &manager, [noBrowser](const QUrl &url) {
        out(QStringLiteral("Open this address in a browser to sign in:"));
        out(url.toString(QUrl::FullyEncoded));
        if (!noBrowser && openBrowser(url))
            out(QStringLiteral("(a browser window was opened)"));
        out(QStringLiteral("Waiting for the sign-in to finish (Ctrl+C to cancel)…"));
    });
    QObject::connect(&manager, &oauth::AccountManager::deviceCodeReady, &manager,
                     [](const QUrl &uri, const QString &code, const QDateTime &expiresAt, const QUrl &complete) {
                         out(QStringLiteral("Open %1 and enter the code: %2").arg(uri.toString(QUrl::FullyEncoded), code));
                         if (complete.isValid() && !complete.isEmpty())
                             out(QStringLiteral("(or open %1)").arg(complete.toString(QUrl::FullyEncoded)));
                         out(QStringLiteral("The code expires at %1. Waiting for the approval (Ctrl+C to cancel)…")
                                 .arg(expiresAt.toLocalTime().toString(QStringLiteral("HH:mm:ss"))));
                     });
    int result = ExitFailure;
    QObject::connect(&manager, &oauth::AccountManager::signInFinished, &manager,
                     [&result](const QString &accountId, const QString &error) {
                         if (error.isEmpty()) {
                             out(QStringLiteral("Signed in: %1").arg(accountId));
                             result = ExitOk;
                         } else {
                             err(QStringLiteral("sign-in failed: %1").arg(error));
                             result = ExitFailure;
                         }
                         QCoreApplication::exit(result);
                     });
    manager.signIn(provider, device ? oauth::AccountManager::Flow::Device : oauth::AccountManager::Flow::Browser);
    const int code = runLoop();
    if (code == ExitInterrupted) {
        manager.cancelSignIn();
        err(QStringLiteral("cancelled"));
        return ExitInterrupted;
    }
    return result;
}

int waitDone(const std::function<void(oauth::AccountManager::Done)> &operation, const QString &success)
{
    int result = ExitFailure;
    operation([&result, success](const QString &error) {
        if (error.isEmpty()) {
            out(success);
            result = ExitOk;
        } else {
            err(error);
        }
        QCoreApplication::exit(result);
    });
    const int code = runLoop();
    return code == ExitInterrupted ? ExitInterrupted : result;
}

int list(const oauth::AccountManager &manager)
{
    const QList<oauth::Account> accounts = manager.accounts();
    if (accounts.isEmpty()) {
        out(QStringLiteral("no accounts signed in"));
        return ExitOk;
    }
    out(QStringLiteral("%1 %2 %3 %4").arg(QStringLiteral("ACCOUNT"), -40).arg(QStringLiteral("PROVIDER"), -12)
            .arg(QStringLiteral("PLAN"), -14).arg(QStringLiteral("STATE")));
    for (const oauth::Account &a : accounts)
        out(QStringLiteral("%1 %2 %3 %4")
                .arg(a.id, -40)
                .arg(a.provider, -12)
                .arg(a.plan.isEmpty() ? QStringLiteral("-") : a.plan, -14)
                .arg(a.state == oauth::Account::State::SignInNeeded ? QStringLiteral("sign-in needed") : QStringLiteral("ready")));
    return ExitOk;
}

bool confirmImport(const oauth::ProviderInfo &info)
{
    err(QStringLiteral("This copies the login in %1 into the OS keychain (the file itself is only read).").arg(info.importPath));
    if (!info.termsWarning.isEmpty())
        err(info.termsWarning);
    std::fputs("Continue? [y/N] ", stderr);
    std::fflush(stderr);
    QTextStream in(stdin);
    const QString answer = in.readLine(16).trimmed().toLower();
    return answer == QLatin1String("y") || answer == QLatin1String("yes");
}

} // namespace

int runAuthCommand(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.addOption({{QStringLiteral("h"), QStringLiteral("help")}, QStringLiteral("Show this help.")});
    parser.addOption({QStringLiteral("device"), QStringLiteral("Sign in with a device code.")});
    parser.addOption({QStringLiteral("no-browser"), QStringLiteral("Only print the sign-in address.")});
    parser.addOption({QStringLiteral("yes"), QStringLiteral("Import without asking.")});
    parser.addOption({QStringLiteral("config"), QStringLiteral("YAML configuration file."), QStringLiteral("file")});
    parser.addOption({QStringLiteral("data-dir"), QStringLiteral("Data directory."), QStringLiteral("dir")});
    QStringList argv = arguments;
    argv.prepend(QStringLiteral("auth"));
    if (!parser.parse(argv))
        return usage(parser.errorText());
    if (parser.isSet(QStringLiteral("help"))) {
        std::fputs(kUsage, stdout);
        return ExitOk;
    }
    const QStringList positional = parser.positionalArguments();
    if (positional.isEmpty())
        return usage(QStringLiteral("missing subcommand (login, list, logout or import)"));
    const QString command = positional.constFirst();
    const QStringList known = {QStringLiteral("login"), QStringLiteral("list"), QStringLiteral("logout"), QStringLiteral("import")};
    if (!known.contains(command))
        return usage(QStringLiteral("unknown subcommand '%1' (expected login, list, logout or import)").arg(command.left(40)));
    const bool isList = command == QLatin1String("list");
    if (isList && positional.size() != 1)
        return usage(QStringLiteral("'list' takes no arguments"));
    if (!isList && positional.size() != 2)
        return usage(command == QLatin1String("logout") ? QStringLiteral("'logout' needs one account id (see `auth list`)")
                                                        : QStringLiteral("'%1' needs one provider").arg(command));
    if (parser.isSet(QStringLiteral("device")) && command != QLatin1String("login"))
        return usage(QStringLiteral("--device is for 'login'"));
    if (parser.isSet(QStringLiteral("yes")) && command != QLatin1String("import"))
        return usage(QStringLiteral("--yes is for 'import'"));

    QString problem;
    const std::optional<QString> dataDir = resolveDataDir(parser, &problem);
    if (!dataDir)
        return usage(problem);
    oauth::AccountManager manager(*dataDir, config::processEnvironment());
    if (isList)
        return list(manager);

    const QString target = positional.at(1);
    if (command == QLatin1String("logout"))
        return waitDone([&](oauth::AccountManager::Done done) { manager.signOut(target, std::move(done)); },
                        QStringLiteral("Signed out: %1").arg(target));

    std::optional<oauth::ProviderInfo> info;
    for (const oauth::ProviderInfo &p : manager.providers())
        if (p.id == target)
            info = p;
    if (!info) {
        QStringList ids;
        for (const oauth::ProviderInfo &p : manager.providers())
            ids << p.id;
        return usage(QStringLiteral("unknown provider '%1' (known: %2)").arg(target.left(40), ids.join(QStringLiteral(", "))));
    }
    if (command == QLatin1String("login"))
        return login(manager, target, parser.isSet(QStringLiteral("device")), parser.isSet(QStringLiteral("no-browser")));

    if (info->importPath.isEmpty())
        return usage(QStringLiteral("%1 has no CLI login to import").arg(target));
    if (!parser.isSet(QStringLiteral("yes")) && !confirmImport(*info)) {
        err(QStringLiteral("not imported"));
        return ExitFailure;
    }
    return waitDone([&](oauth::AccountManager::Done done) { manager.importExisting(target, std::move(done)); },
                    QStringLiteral("Imported the %1 login from %2").arg(target, info->importPath));
}

} // namespace lip::app
