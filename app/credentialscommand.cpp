// SPDX-License-Identifier: GPL-3.0-or-later
#include "credentialscommand.h"

#include "config/backendprofiles.h"
#include "config/configloader.h"
#include "config/credentials/credentialindex.h"
#include "config/credentials/credentialstore.h"
#include "config/credentials/secretchunks.h"
#include "config/credentials/startupcredentials.h"

#include <QCommandLineParser>
#include <QCoreApplication>

#include <cstdio>
#include <optional>

#if defined(Q_OS_UNIX)
#include <csignal>
#include <termios.h>
#include <unistd.h>
#elif defined(Q_OS_WIN)
#include <io.h>
#include <qt_windows.h>
#endif

namespace lip::app {

namespace {

namespace creds = lip::config::credentials;

constexpr int ExitOk = 0;
constexpr int ExitFailure = 1;
constexpr int ExitUsage = 2;

const char *const kUsage =
    "usage: llm-interactive-proxy credentials set BACKEND[.N] [--alias ALIAS]   (the key is read from stdin)\n"
    "       llm-interactive-proxy credentials list\n"
    "       llm-interactive-proxy credentials remove BACKEND[.N] [--alias ALIAS]\n"
    "options: --config FILE, --data-dir DIR (where credentials.json, the list of aliases, is kept)\n";

void out(const QString &text)
{
    std::fputs(qUtf8Printable(text), stdout);
    std::fputc('\n', stdout);
    std::fflush(stdout);
}

void err(const QString &text)
{
    std::fprintf(stderr, "llm-interactive-proxy credentials: %s\n", qUtf8Printable(text));
    std::fflush(stderr);
}

int usage(const QString &problem)
{
    err(problem);
    std::fputs(kUsage, stderr);
    return ExitUsage;
}

#if defined(Q_OS_UNIX)
// Echo is restored even when the user presses Ctrl+C at the hidden prompt.
struct termios s_savedTerminal;
volatile sig_atomic_t s_echoOff = 0;

void restoreTerminalAndExit(int signal)
{
    if (s_echoOff)
        ::tcsetattr(STDIN_FILENO, TCSANOW, &s_savedTerminal);
    ::_exit(128 + signal);
}
#endif

// One line from stdin, with echo off when stdin is a terminal. nullopt on a read error/too long.
std::optional<QByteArray> readSecretLine(const QString &prompt, QString *problem)
{
    bool terminal = false;
#if defined(Q_OS_UNIX)
    struct sigaction previousInt = {}, previousTerm = {};
    if (::isatty(STDIN_FILENO) && ::tcgetattr(STDIN_FILENO, &s_savedTerminal) == 0) {
        terminal = true;
        struct sigaction action = {};
        action.sa_handler = restoreTerminalAndExit;
        ::sigemptyset(&action.sa_mask);
        ::sigaction(SIGINT, &action, &previousInt);
        ::sigaction(SIGTERM, &action, &previousTerm);
        struct termios quiet = s_savedTerminal;
        quiet.c_lflag &= ~tcflag_t(ECHO);
        quiet.c_lflag |= ECHONL;
        s_echoOff = 1;
        ::tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet);
    }
#elif defined(Q_OS_WIN)
    HANDLE input = ::GetStdHandle(STD_INPUT_HANDLE);
    DWORD mode = 0;
    if (_isatty(_fileno(stdin)) && ::GetConsoleMode(input, &mode)) {
        terminal = true;
        ::SetConsoleMode(input, mode & ~DWORD(ENABLE_ECHO_INPUT));
    }
#endif
    if (terminal) {
        std::fputs(qUtf8Printable(prompt), stderr);
        std::fflush(stderr);
    }

    QByteArray line;
    bool tooLong = false;
    for (int c = std::getc(stdin); c != EOF && c != '\n'; c = std::getc(stdin)) {
        if (line.size() > creds::kMaxSecretBytes) {
            tooLong = true;
            continue; // drain the line, keep nothing more
        }
        line.append(char(c));
    }
    const bool readError = std::ferror(stdin);

#if defined(Q_OS_UNIX)
    if (terminal) {
        ::tcsetattr(STDIN_FILENO, TCSANOW, &s_savedTerminal);
        s_echoOff = 0;
        ::sigaction(SIGINT, &previousInt, nullptr);
        ::sigaction(SIGTERM, &previousTerm, nullptr);
    }
#elif defined(Q_OS_WIN)
    if (terminal) {
        ::SetConsoleMode(input, mode);
        std::fputc('\n', stderr);
    }
#endif
    if (readError) {
        *problem = QStringLiteral("cannot read the key from stdin");
        return std::nullopt;
    }
    if (tooLong) {
        line.fill('\0');
        *problem = QStringLiteral("the key on stdin is longer than %1 KiB").arg(creds::kMaxSecretBytes / 1024);
        return std::nullopt;
    }
    return line.trimmed();
}

// What a key may look like: one token of printable ASCII, as it goes into an HTTP header (the
// same rule as for keys from the environment). Anything else is a pasted file or a typo.
QString secretProblem(const QByteArray &secret)
{
    if (secret.isEmpty())
        return QStringLiteral("no key on stdin: pipe it in, e.g. printf '%s\\n' \"$KEY\" | llm-interactive-proxy credentials set openai");
    for (const char c : secret)
        if (uchar(c) <= 0x20 || uchar(c) >= 0x7f)
            return QStringLiteral("the key contains whitespace, control or non-ASCII characters");
    return {};
}

struct Context
{
    QString dataDir;
    QStringList declaredBackends; // names under 'backends:' in the config (before validation)
};

// The data dir and declared backends as the proxy itself would see them. A config that fails
// validation later (e.g. its default backend has no key yet) must not stop the user from
// storing that key, so only errors before the hook count.
std::optional<Context> resolveContext(const QCommandLineParser &parser, QString *problem)
{
    config::CliOptions cli;
    if (parser.isSet(QStringLiteral("config")))
        cli.configFile = parser.value(QStringLiteral("config"));
    if (parser.isSet(QStringLiteral("data-dir")))
        cli.dataDir = parser.value(QStringLiteral("data-dir"));
    std::optional<Context> context;
    const auto loaded = config::loadConfig(cli, config::processEnvironment(), [&](config::Config &c) {
        context = Context{creds::resolveDataDir(c.dataDir), c.backendNames()};
        for (const config::BackendConfig &b : c.backends)
            if (!context->declaredBackends.contains(b.name))
                context->declaredBackends << b.name;
    });
    if (!context) {
        *problem = loaded ? QStringLiteral("internal: the configuration was not resolved") : loaded.error().message;
        return std::nullopt;
    }
    if (context->dataDir.isEmpty()) {
        *problem = QStringLiteral("no data directory: pass --data-dir");
        return std::nullopt;
    }
    return context;
}

QString backendProblem(const QString &name, const Context &context)
{
    if (const QString p = creds::nameProblem(name); !p.isEmpty())
        return QStringLiteral("backend name '%1' %2").arg(name.left(80), p);
    if (!config::impliedBackendType(name).isEmpty() || context.declaredBackends.contains(name))
        return {};
    return QStringLiteral("unknown backend '%1': use a backend type, optionally numbered as TYPE.N (known types: %2), "
                          "or a name declared under 'backends:' in the config")
        .arg(name.left(80), config::knownBackendTypes().join(QStringLiteral(", ")));
}

// Runs one store operation to its end (or the timeout).
QString runStoreOperation(const std::function<void(creds::CredentialStore::Done)> &operation)
{
    auto result = std::make_shared<QString>();
    const bool answered = creds::waitFor(
        [&](std::function<void()> finish) {
            operation([result, finish](const QString &error) {
                *result = error;
                finish();
            });
        },
        creds::kDefaultKeychainTimeoutMs);
    if (!answered)
        return QStringLiteral("unavailable: the keychain did not answer within %1 s (is it locked?)")
            .arg(creds::kDefaultKeychainTimeoutMs / 1000);
    return *result;
}

int listCredentials(const Context &context)
{
    const Result<creds::CredentialIndex> index = creds::loadIndex(creds::indexFilePath(context.dataDir));
    if (!index) {
        err(index.error().message);
        return ExitFailure;
    }
    if (index->keyCount() == 0) {
        out(QStringLiteral("no keys stored (index: %1)").arg(creds::indexFilePath(context.dataDir)));
        return ExitOk;
    }
    out(QStringLiteral("%1 %2 %3").arg(QStringLiteral("BACKEND"), -24).arg(QStringLiteral("ORDER"), -5).arg(QStringLiteral("ALIAS")));
    for (const creds::IndexInstance &instance : index->instances) {
        int order = 0;
        for (const creds::IndexKey &key : instance.keys)
            out(QStringLiteral("%1 %2 %3").arg(instance.name, -24).arg(++order, -5).arg(key.alias));
    }
    return ExitOk;
}

} // namespace

int runCredentialsCommand(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.addOption({{QStringLiteral("h"), QStringLiteral("help")}, QStringLiteral("Show this help.")});
    parser.addOption({QStringLiteral("alias"), QStringLiteral("Name of the key."), QStringLiteral("alias")});
    parser.addOption({QStringLiteral("config"), QStringLiteral("YAML configuration file."), QStringLiteral("file")});
    parser.addOption({QStringLiteral("data-dir"), QStringLiteral("Data directory."), QStringLiteral("dir")});
    QStringList argv = arguments;
    argv.prepend(QStringLiteral("credentials"));
    if (!parser.parse(argv))
        return usage(parser.errorText());
    if (parser.isSet(QStringLiteral("help"))) {
        std::fputs(kUsage, stdout);
        return ExitOk;
    }
    const QStringList positional = parser.positionalArguments();
    if (positional.isEmpty())
        return usage(QStringLiteral("missing subcommand (set, list or remove)"));
    const QString command = positional.constFirst();
    const bool isSet = command == QLatin1String("set");
    const bool isRemove = command == QLatin1String("remove");
    const bool isList = command == QLatin1String("list");
    if (!isSet && !isRemove && !isList)
        return usage(QStringLiteral("unknown subcommand '%1' (expected set, list or remove)").arg(command.left(40)));
    if (isList && positional.size() > 1)
        return usage(QStringLiteral("'list' takes no arguments"));
    if (!isList && positional.size() < 2)
        return usage(QStringLiteral("'%1' needs a backend, e.g. openai or openai.2").arg(command));
    if (!isList && positional.size() > 2)
        return usage(isSet ? QStringLiteral("too many arguments: the key is read from stdin, never from the command line")
                           : QStringLiteral("too many arguments"));
    if (isList && parser.isSet(QStringLiteral("alias")))
        return usage(QStringLiteral("'list' takes no --alias"));

    QString problem;
    const std::optional<Context> context = resolveContext(parser, &problem);
    if (!context)
        return usage(problem);
    if (isList)
        return listCredentials(*context);

    const QString backend = positional.at(1);
    if (const QString p = backendProblem(backend, *context); !p.isEmpty())
        return usage(p);
    const QString alias = parser.isSet(QStringLiteral("alias")) ? parser.value(QStringLiteral("alias")).trimmed()
                                                                 : (isSet ? QStringLiteral("default") : QString());
    if (!alias.isEmpty() || parser.isSet(QStringLiteral("alias")))
        if (const QString p = creds::nameProblem(alias); !p.isEmpty())
            return usage(QStringLiteral("--alias '%1' %2").arg(alias.left(80), p));

    creds::CredentialStore store(context->dataDir);
    if (isRemove) {
        const QString error = runStoreOperation([&](creds::CredentialStore::Done done) {
            store.remove(backend, alias, std::move(done));
        });
        if (!error.isEmpty()) {
            err(error);
            return ExitFailure;
        }
        out(alias.isEmpty() ? QStringLiteral("removed the keys of %1").arg(backend)
                            : QStringLiteral("removed key '%1' of %2").arg(alias, backend));
        return ExitOk;
    }

    QString readProblem;
    std::optional<QByteArray> secret = readSecretLine(
        QStringLiteral("API key for %1 (alias %2, input hidden): ").arg(backend, alias), &readProblem);
    if (!secret)
        return usage(readProblem);
    if (const QString p = secretProblem(*secret); !p.isEmpty()) {
        secret->fill('\0');
        return usage(p);
    }
    const QString error = runStoreOperation([&](creds::CredentialStore::Done done) {
        store.set(backend, alias, *secret, std::move(done));
    });
    secret->fill('\0'); // do not leave the key in freed memory longer than needed
    if (!error.isEmpty()) {
        err(error.startsWith(QLatin1String("unavailable:"))
                ? QStringLiteral("cannot store the key: keychain %1. Keys are kept only in the OS keychain; "
                                 "use %2API_KEY in the environment instead.")
                      .arg(error, config::envPrefixFor(backend))
                : QStringLiteral("cannot store the key: ") + error);
        return ExitFailure;
    }
    int position = 0, total = 0;
    if (const auto index = store.list()) {
        if (const creds::IndexInstance *i = index->instance(backend)) {
            total = int(i->keys.size());
            for (int k = 0; k < total; ++k)
                if (i->keys.at(k).alias == alias)
                    position = k + 1;
        }
    }
    out(QStringLiteral("stored key '%1' for %2 in the keychain (keychain key %3 of %4)").arg(alias, backend).arg(position).arg(total));
    return ExitOk;
}

} // namespace lip::app
