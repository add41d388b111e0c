// SPDX-License-Identifier: GPL-3.0-or-later
// The configuration as a user meets it: a YAML file, environment variables and flags, with
// precedence CLI > env > file > defaults, and errors that point at the file line or the variable.

#include "config/backendprofiles.h"
#include "config/configloader.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace lip;
using namespace lip::config;

using Env = QHash<QString, QString>;

namespace {

// A unique marker used as every secret in these tests: it must never show up in a message.
const QString kSecret = QStringLiteral("sk-SECRET-VALUE-1234");

} // namespace

class TstConfig : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;

    QString writeFile(const QString &name, const QByteArray &content)
    {
        const QString path = m_dir.filePath(name);
        QFile f(path);
        if (!f.open(QIODevice::WriteOnly | QIODevice::Truncate))
            qFatal("cannot write %s", qPrintable(path));
        f.write(content);
        return path;
    }

private slots:
    void initTestCase() { QVERIFY(m_dir.isValid()); }

    void defaults()
    {
        const auto cfg = loadConfig({}, {});
        QVERIFY2(cfg.ok(), qPrintable(cfg.ok() ? QString() : cfg.error().message));
        QCOMPARE(cfg->host, QStringLiteral("127.0.0.1"));
        QCOMPARE(cfg->port, quint16(8000));
        QCOMPARE(cfg->anthropicPort, quint16(0));
        QCOMPARE(cfg->commandPrefix, QStringLiteral("!/"));
        QCOMPARE(cfg->logLevel, QStringLiteral("info"));
        QVERIFY(cfg->interactiveCommands);
        QVERIFY(cfg->backends.empty());
        QVERIFY(cfg->defaultBackend.isEmpty());
        QVERIFY(cfg->bindsLoopbackOnly());
    }

    void precedence_data()
    {
        QTest::addColumn<bool>("inFile");
        QTest::addColumn<bool>("inEnv");
        QTest::addColumn<bool>("inCli");
        QTest::addColumn<int>("port");
        QTest::addColumn<QString>("prefix");
        QTest::addColumn<QString>("origin");
        QTest::newRow("defaults") << false << false << false << 8000 << "!/" << "";
        QTest::newRow("file") << true << false << false << 9001 << "#f" << "cfg-prec.yaml:2";
        QTest::newRow("env over file") << true << true << false << 9002 << "#e" << "env:APP_PORT";
        QTest::newRow("env alone") << false << true << false << 9002 << "#e" << "env:APP_PORT";
        QTest::newRow("cli over env and file") << true << true << true << 9003 << "#c" << "cli";
        QTest::newRow("cli over file") << true << false << true << 9003 << "#c" << "cli";
    }
    void precedence()
    {
        QFETCH(bool, inFile);
        QFETCH(bool, inEnv);
        QFETCH(bool, inCli);
        QFETCH(int, port);
        QFETCH(QString, prefix);
        QFETCH(QString, origin);

        const QString path = writeFile(QStringLiteral("cfg-prec.yaml"),
                                       "# comment\nport: 9001\ncommand_prefix: '#f'\n");
        CliOptions cli;
        Env env;
        if (inFile)
            cli.configFile = path;
        if (inEnv) {
            env.insert(QStringLiteral("APP_PORT"), QStringLiteral("9002"));
            env.insert(QStringLiteral("COMMAND_PREFIX"), QStringLiteral("#e"));
        }
        if (inCli) {
            cli.port = 9003;
            cli.commandPrefix = QStringLiteral("#c");
        }
        const auto cfg = loadConfig(cli, env);
        QVERIFY2(cfg.ok(), qPrintable(cfg.ok() ? QString() : cfg.error().message));
        QCOMPARE(cfg->port, quint16(port));
        QCOMPARE(cfg->commandPrefix, prefix);
        if (origin.isEmpty())
            QVERIFY(!cfg->origins.contains(QStringLiteral("port")));
        else
            QVERIFY2(cfg->origins.value(QStringLiteral("port")).endsWith(origin),
                     qPrintable(cfg->origins.value(QStringLiteral("port"))));
    }

    void precedenceDefaultBackend()
    {
        const QString path = writeFile(QStringLiteral("cfg-def.yaml"),
                                       "backends:\n  default_backend: openai\n");
        Env env = {{QStringLiteral("OPENAI_API_KEY"), kSecret},
                   {QStringLiteral("ANTHROPIC_API_KEY"), kSecret},
                   {QStringLiteral("GEMINI_API_KEY"), kSecret}};
        CliOptions cli;
        cli.configFile = path;
        auto cfg = loadConfig(cli, env);
        QVERIFY(cfg.ok());
        QCOMPARE(cfg->defaultBackend, QStringLiteral("openai"));

        env.insert(QStringLiteral("LLM_BACKEND"), QStringLiteral("anthropic:claude-sonnet-4"));
        cfg = loadConfig(cli, env);
        QVERIFY(cfg.ok());
        QCOMPARE(cfg->defaultBackend, QStringLiteral("anthropic"));
        QCOMPARE(cfg->defaultModel, QStringLiteral("claude-sonnet-4"));

        cli.defaultBackend = QStringLiteral("gemini");
        cfg = loadConfig(cli, env);
        QVERIFY(cfg.ok());
        QCOMPARE(cfg->defaultBackend, QStringLiteral("gemini"));
        QVERIFY(cfg->defaultModel.isEmpty());
    }

    void configFileFromEnvAndCli()
    {
        const QString a = writeFile(QStringLiteral("a.yaml"), "port: 1111\n");
        const QString b = writeFile(QStringLiteral("b.yaml"), "port: 2222\n");
        CliOptions cli;
        Env env = {{QStringLiteral("LLM_PROXY_CONFIG"), a}};
        auto cfg = loadConfig(cli, env);
        QVERIFY(cfg.ok());
        QCOMPARE(cfg->port, quint16(1111));
        cli.configFile = b;
        cfg = loadConfig(cli, env);
        QVERIFY(cfg.ok());
        QCOMPARE(cfg->port, quint16(2222));

        cli.configFile = m_dir.filePath(QStringLiteral("missing.yaml"));
        cfg = loadConfig(cli, env);
        QVERIFY(!cfg.ok());
        QVERIFY2(cfg.error().message.contains(QStringLiteral("missing.yaml")), qPrintable(cfg.error().message));
        QVERIFY(cfg.error().message.contains(QStringLiteral("(from --config)")));

        cli.configFile.reset();
        env.insert(QStringLiteral("LLM_PROXY_CONFIG"), m_dir.filePath(QStringLiteral("nope.yaml")));
        cfg = loadConfig(cli, env);
        QVERIFY(!cfg.ok());
        QVERIFY(cfg.error().message.contains(QStringLiteral("(from LLM_PROXY_CONFIG)")));
    }

    void fileErrorNamesPathAndLine()
    {
        const QString path = writeFile(QStringLiteral("bad.yaml"), "host: 127.0.0.1\n\nprot: 8000\n");
        CliOptions cli;
        cli.configFile = path;
        const auto cfg = loadConfig(cli, {});
        QVERIFY(!cfg.ok());
        QCOMPARE(cfg.error().category, ErrorCategory::InvalidRequest);
        QVERIFY2(cfg.error().message.startsWith(path + QStringLiteral(":3: unknown key 'prot'")),
                 qPrintable(cfg.error().message));
    }

    void yamlErrors_data()
    {
        QTest::addColumn<QByteArray>("yaml");
        QTest::addColumn<QString>("expected");
        QTest::newRow("unknown top-level key") << QByteArray("port: 8000\nprot: 1\n")
            << "cfg.yaml:2: unknown key 'prot' (known: host, port, anthropic_port,";
        QTest::newRow("unknown nested key")
            << QByteArray("backends:\n  openai:\n    api_key: " + kSecret.toUtf8() + "\n    api_ky: x\n")
            << "cfg.yaml:4: unknown key 'backends.openai.api_ky' (known: type, api_key, api_url, timeout, models, extra_headers, enabled, reasoning_model, execution_model, reasoning_max_tokens, app_url, app_name, oauth_url, project_id)";
        QTest::newRow("unknown auth key") << QByteArray("auth:\n  disable: true\n")
            << "cfg.yaml:2: unknown key 'auth.disable' (known: disable_auth, api_keys, redact_api_keys_in_prompts)";
        QTest::newRow("port not a number") << QByteArray("port: abc\n")
            << "cfg.yaml:1: port: 'abc' is not a whole number";
        QTest::newRow("port is a list") << QByteArray("\nport: [1, 2]\n")
            << "cfg.yaml:2: port: expected a whole number, got a list";
        QTest::newRow("port too big") << QByteArray("host: 127.0.0.1\n\nport: 70000\n")
            << "cfg.yaml:3: port: 70000 is out of range (0-65535)";
        QTest::newRow("port negative") << QByteArray("port: -5\n")
            << "cfg.yaml:1: port: -5 is out of range (0-65535)";
        QTest::newRow("anthropic_port too big") << QByteArray("anthropic_port: 65536\n")
            << "cfg.yaml:1: anthropic_port: 65536 is out of range (0-65535)";
        QTest::newRow("same ports") << QByteArray("port: 9000\nanthropic_port: 9000\n")
            << "anthropic_port 9000 is the same as port";
        QTest::newRow("host is a mapping") << QByteArray("host:\n  a: b\n")
            << "cfg.yaml:1: host: expected a text value, got a mapping";
        QTest::newRow("host not an address") << QByteArray("host: my.server.example\n")
            << "cfg.yaml:1: host: 'my.server.example' is not an IP address";
        QTest::newRow("bool") << QByteArray("auth:\n  disable_auth: maybe\n")
            << "cfg.yaml:2: auth.disable_auth: expected true or false, got 'maybe'";
        QTest::newRow("log level") << QByteArray("logging:\n  level: loud\n")
            << "cfg.yaml:2: logging.level: 'loud' is not a log level (accepted: error, warning, info, debug)";
        QTest::newRow("section not a mapping") << QByteArray("backends: openai\n")
            << "cfg.yaml:1: backends: expected a mapping of keys, got a single value";
        QTest::newRow("top level not a mapping") << QByteArray("- a\n- b\n")
            << "cfg.yaml:1: the top level must be a mapping of keys";
        QTest::newRow("duplicate key") << QByteArray("port: 1\nhost: ::1\nport: 2\n")
            << "cfg.yaml:3: duplicate key 'port' (first given on line 1)";
        QTest::newRow("unknown backend type")
            << QByteArray("backends:\n  mine:\n    api_key: " + kSecret.toUtf8() + "\n    type: foo\n")
            << "cfg.yaml:4: backends.mine.type: unknown backend type 'foo' (known types: openai, openai-responses, anthropic, gemini, openrouter, nvidia, zenmux, zai, zai-coding-plan, kimi-code, minimax, internlm, opencode-go, ollama, ollama-native, hybrid, openai-codex, gemini-oauth-plan, gemini-oauth-free, gemini-oauth-auto, gemini-cli-cloud-project, antigravity-oauth, qwen-oauth, anthropic-oauth, cline)";
        QTest::newRow("type not implied by name") << QByteArray("backends:\n  mine:\n    api_url: http://127.0.0.1:1/v1\n")
            << "cfg.yaml:2: backends.mine: cannot tell the backend type from the name 'mine'; add 'type:' (known types: openai,";
        QTest::newRow("bad instance name") << QByteArray("backends:\n  'a:b':\n    type: openai\n")
            << "cfg.yaml:2: backends.a:b: 'a:b' is not a valid backend name";
        QTest::newRow("bad api_url") << QByteArray("backends:\n  openai:\n    api_url: ftp://example.com\n")
            << "cfg.yaml:3: backends.openai.api_url: must be an absolute http:// or https:// URL";
        QTest::newRow("timeout zero") << QByteArray("backends:\n  openai:\n    timeout: 0\n")
            << "cfg.yaml:3: backends.openai.timeout: 0 is out of range (1-86400)";
        QTest::newRow("default backend not configured")
            << QByteArray("backends:\n  default_backend: anthropic\n  openai:\n    api_key: " + kSecret.toUtf8() + "\n")
            << "cfg.yaml:2: backends.default_backend: default backend 'anthropic' is not configured (configured backends: openai)";
        QTest::newRow("top-level default backend not configured")
            << QByteArray("default_backend: nothing\n")
            << "cfg.yaml:1: default_backend: default backend 'nothing' is not configured (no backend is configured";
        QTest::newRow("default backend with empty model")
            << QByteArray("default_backend: 'openai:'\nbackends:\n  openai:\n    api_key: " + kSecret.toUtf8() + "\n")
            << "cfg.yaml:1: default_backend: 'openai:' has an empty model";
        QTest::newRow("non-loopback without key") << QByteArray("port: 8000\nhost: 0.0.0.0\n")
            << "cfg.yaml:2: host: listening on 0.0.0.0 requires a proxy API key: set LLM_INTERACTIVE_PROXY_API_KEY or auth.api_keys";
        QTest::newRow("route policy")
            << QByteArray("failover_routes:\n  fast:\n    policy: random\n    elements: [openai:gpt-4o]\n")
            << "cfg.yaml:3: failover_routes.fast.policy: 'random' is not a policy (accepted: ordered, k, m, km, mk)";
        QTest::newRow("route without elements") << QByteArray("failover_routes:\n  fast:\n    policy: k\n")
            << "cfg.yaml:2: failover_routes.fast: a route needs at least one entry in 'elements'";
        QTest::newRow("command prefix with space") << QByteArray("command_prefix: '! '\n")
            << "cfg.yaml:1: command_prefix: must not contain whitespace";
        QTest::newRow("header with newline")
            << QByteArray("backends:\n  openai:\n    extra_headers:\n      X-Key: \"a\\nb\"\n")
            << "cfg.yaml:4: backends.openai.extra_headers.X-Key: the value contains a line break";
        QTest::newRow("syntax error: unclosed flow list") << QByteArray("port: 8000\nauth: [a, b\n")
            << "cfg.yaml:3:1: YAML syntax error:";
        QTest::newRow("syntax error: bad indentation") << QByteArray("auth:\n  disable_auth: true\n api_keys: []\n")
            << "cfg.yaml:3:2: YAML syntax error:";
        QTest::newRow("deep nesting") << QByteArray(20000, '[')
            << "cfg.yaml:";
        QTest::newRow("deep nesting, balanced") << QByteArray("a: " + QByteArray(50000, '[') + QByteArray(50000, ']'))
            << "cfg.yaml:1:";
        QTest::newRow("binary") << QByteArray("\xff\xfe\x00port: 1\n", 11)
            << "cfg.yaml: the file contains NUL bytes";
        QTest::newRow("undefined alias") << QByteArray("port: 80\nhost: *nowhere\n")
            << "cfg.yaml:2:7: YAML syntax error:";
    }
    void yamlErrors()
    {
        QFETCH(QByteArray, yaml);
        QFETCH(QString, expected);
        const auto cfg = parseConfigYaml(yaml, QStringLiteral("cfg.yaml"));
        QVERIFY2(!cfg.ok(), "expected an error");
        QCOMPARE(cfg.error().category, ErrorCategory::InvalidRequest);
        QVERIFY2(cfg.error().message.startsWith(expected) || cfg.error().message.contains(expected),
                 qPrintable(cfg.error().message));
        QVERIFY2(!cfg.error().message.contains(kSecret), qPrintable(cfg.error().message));
    }

    void malformedSecretsAreNotEchoed_data()
    {
        QTest::addColumn<QByteArray>("yaml");
        QTest::addColumn<QString>("expected");
        QTest::newRow("backend key with space")
            << QByteArray("backends:\n  openai:\n    api_key: \"" + kSecret.toUtf8() + " x\"\n")
            << "cfg.yaml:3: backends.openai.api_key: the key is empty or contains whitespace";
        QTest::newRow("backend key list item")
            << QByteArray("backends:\n  openai:\n    api_key:\n      - ok-key\n      - \"" + kSecret.toUtf8() + "\\t\"\n      - \"x y\"\n")
            << "cfg.yaml:6: backends.openai.api_key[2]: the key is empty";
        QTest::newRow("proxy key non-ascii")
            << QByteArray("auth:\n  api_keys: [\"" + kSecret.toUtf8() + "\xc3\xa9\"]\n")
            << "cfg.yaml:2: auth.api_keys[0]: the key is empty or contains";
    }
    void malformedSecretsAreNotEchoed()
    {
        QFETCH(QByteArray, yaml);
        QFETCH(QString, expected);
        const auto cfg = parseConfigYaml(yaml, QStringLiteral("cfg.yaml"));
        QVERIFY(!cfg.ok());
        QVERIFY2(cfg.error().message.startsWith(expected), qPrintable(cfg.error().message));
        QVERIFY2(!cfg.error().message.contains(QStringLiteral("SECRET")), qPrintable(cfg.error().message));
    }

    void envErrors_data()
    {
        QTest::addColumn<QString>("var");
        QTest::addColumn<QString>("value");
        QTest::addColumn<QString>("expected");
        QTest::newRow("port") << "APP_PORT" << "eighty" << "environment variable APP_PORT: 'eighty' is not a whole number in 0-65535";
        QTest::newRow("port range") << "APP_PORT" << "65536" << "environment variable APP_PORT: '65536' is not a whole number in 0-65535";
        QTest::newRow("anthropic port") << "ANTHROPIC_PORT" << "x" << "environment variable ANTHROPIC_PORT:";
        QTest::newRow("host") << "APP_HOST" << "example.com" << "environment variable APP_HOST: 'example.com' is not an IP address";
        QTest::newRow("bool") << "DISABLE_AUTH" << "perhaps" << "environment variable DISABLE_AUTH: 'perhaps' is not a boolean (accepted: true, false";
        QTest::newRow("interactive") << "DISABLE_INTERACTIVE_COMMANDS" << "2" << "environment variable DISABLE_INTERACTIVE_COMMANDS: '2' is not a boolean";
        QTest::newRow("log level") << "LLM_PROXY_LOG_LEVEL" << "chatty" << "environment variable LLM_PROXY_LOG_LEVEL: 'chatty' is not a log level (accepted: error, warning, info, debug)";
        QTest::newRow("timeout") << "PROXY_TIMEOUT" << "0" << "environment variable PROXY_TIMEOUT:";
        QTest::newRow("key with space") << "OPENAI_API_KEY" << QString(kSecret + " more") << "environment variable OPENAI_API_KEY: the key contains whitespace";
        QTest::newRow("rotation key") << "ANTHROPIC_API_KEY_3" << QString(kSecret + "\x01") << "environment variable ANTHROPIC_API_KEY_3: the key contains";
        QTest::newRow("proxy key") << "LLM_INTERACTIVE_PROXY_API_KEY" << QString(kSecret + " x") << "environment variable LLM_INTERACTIVE_PROXY_API_KEY: the key contains";
        QTest::newRow("base url") << "OPENAI_API_BASE_URL" << "localhost:8080" << "environment variable OPENAI_API_BASE_URL: must be an absolute http:// or https:// URL";
        QTest::newRow("backend timeout") << "GEMINI_TIMEOUT" << "soon" << "environment variable GEMINI_TIMEOUT:";
        QTest::newRow("default backend") << "LLM_BACKEND" << "anthropic" << "environment variable LLM_BACKEND: default backend 'anthropic' is not configured (configured backends: openai)";
        QTest::newRow("command prefix") << "COMMAND_PREFIX" << "a very long prefix" << "environment variable COMMAND_PREFIX:";
    }
    void envErrors()
    {
        QFETCH(QString, var);
        QFETCH(QString, value);
        QFETCH(QString, expected);
        Env env = {{var, value}};
        if (var != QLatin1String("OPENAI_API_KEY"))
            env.insert(QStringLiteral("OPENAI_API_KEY"), kSecret);
        const auto cfg = loadConfig({}, env);
        QVERIFY2(!cfg.ok(), "expected an error");
        QVERIFY2(cfg.error().message.startsWith(expected), qPrintable(cfg.error().message));
        QVERIFY2(!cfg.error().message.contains(QStringLiteral("SECRET")), qPrintable(cfg.error().message));
    }

    void cliErrors()
    {
        CliOptions cli;
        cli.logLevel = QStringLiteral("verbose");
        auto cfg = loadConfig(cli, {});
        QVERIFY(!cfg.ok());
        QVERIFY2(cfg.error().message.startsWith(QStringLiteral("--log-level: 'verbose' is not a log level (accepted: error, warning, info, debug)")),
                 qPrintable(cfg.error().message));
        cli = {};
        cli.defaultBackend = QStringLiteral("openai:gpt-4o");
        cfg = loadConfig(cli, {});
        QVERIFY(!cfg.ok());
        QVERIFY2(cfg.error().message.startsWith(QStringLiteral("--default-backend: default backend 'openai' is not configured (no backend is configured")),
                 qPrintable(cfg.error().message));
        cli = {};
        cli.host = QStringLiteral("0.0.0.0");
        cfg = loadConfig(cli, {});
        QVERIFY(!cfg.ok());
        QCOMPARE(cfg.error().message,
                 QStringLiteral("--host: listening on 0.0.0.0 requires a proxy API key: set LLM_INTERACTIVE_PROXY_API_KEY or auth.api_keys"));
    }

    void envRotationKeys()
    {
        const Env env = {
            {QStringLiteral("OPENAI_API_KEY_10"), QStringLiteral("k10")},
            {QStringLiteral("OPENAI_API_KEY_2"), QStringLiteral("k2")},
            {QStringLiteral("OPENAI_API_KEY"), QStringLiteral("  k0\n")}, // pasted with a newline
            {QStringLiteral("OPENAI_API_KEY_1"), QStringLiteral("k1")},
            {QStringLiteral("OPENAI_API_KEY_3"), QString()},              // empty: skipped
            {QStringLiteral("OPENAI_API_KEY_OLD"), QStringLiteral("ignored")},
            {QStringLiteral("OPENAI_API_KEY_07"), QStringLiteral("ignored")},
        };
        const auto cfg = loadConfig({}, env);
        QVERIFY2(cfg.ok(), qPrintable(cfg.ok() ? QString() : cfg.error().message));
        const BackendConfig *openai = cfg->backend(QStringLiteral("openai"));
        QVERIFY(openai);
        QCOMPARE(openai->type, QStringLiteral("openai"));
        QCOMPARE(openai->apiKeys, (QStringList{"k0", "k1", "k2", "k10"}));
        QCOMPARE(openai->keyAliases, (QStringList{"env:OPENAI_API_KEY", "env:OPENAI_API_KEY_1",
                                                  "env:OPENAI_API_KEY_2", "env:OPENAI_API_KEY_10"}));
        QCOMPARE(openai->baseUrl, QStringLiteral("https://api.openai.com/v1"));
        QCOMPARE(cfg->backendNames(), QStringList{QStringLiteral("openai")});
        QCOMPARE(cfg->defaultBackend, QStringLiteral("openai"));
    }

    void envOnlyBackends()
    {
        const Env env = {
            {QStringLiteral("OPENAI_RESPONSES_API_KEY"), QStringLiteral("r")},
            {QStringLiteral("ANTHROPIC_API_KEY_1"), QStringLiteral("a1")},
            {QStringLiteral("ANTHROPIC_API_BASE_URL"), QStringLiteral("http://127.0.0.1:9999/")},
            {QStringLiteral("GEMINI_API_KEY"), QStringLiteral("g")},
            {QStringLiteral("GEMINI_TIMEOUT"), QStringLiteral("42")},
            {QStringLiteral("OPENAI_2_API_KEY"), QStringLiteral("o2")},
            {QStringLiteral("OPENAI_2_API_KEY_1"), QStringLiteral("o2b")},
            {QStringLiteral("OPENROUTER_API_KEY"), QStringLiteral("or")},
            {QStringLiteral("ANTHROPIC_PORT"), QStringLiteral("8001")},
        };
        const auto cfg = loadConfig({}, env);
        QVERIFY2(cfg.ok(), qPrintable(cfg.ok() ? QString() : cfg.error().message));
        QCOMPARE(cfg->backendNames(),
                 (QStringList{"openai-responses", "anthropic", "gemini", "openrouter", "openai.2"}));
        QCOMPARE(cfg->backend(QStringLiteral("openai-responses"))->type, QStringLiteral("openai-responses"));
        QCOMPARE(cfg->backend(QStringLiteral("anthropic"))->baseUrl, QStringLiteral("http://127.0.0.1:9999"));
        QCOMPARE(cfg->backend(QStringLiteral("anthropic"))->keyAliases, QStringList{QStringLiteral("env:ANTHROPIC_API_KEY_1")});
        QCOMPARE(cfg->backend(QStringLiteral("gemini"))->baseUrl, QStringLiteral("https://generativelanguage.googleapis.com"));
        QCOMPARE(cfg->backend(QStringLiteral("gemini"))->timeoutSeconds, 42);
        QCOMPARE(cfg->backend(QStringLiteral("openrouter"))->baseUrl, QStringLiteral("https://openrouter.ai/api/v1"));
        const BackendConfig *o2 = cfg->backend(QStringLiteral("openai.2"));
        QVERIFY(o2);
        QCOMPARE(o2->type, QStringLiteral("openai"));
        QCOMPARE(o2->apiKeys, (QStringList{"o2", "o2b"}));
        QCOMPARE(o2->keyAliases, (QStringList{"env:OPENAI_2_API_KEY", "env:OPENAI_2_API_KEY_1"}));
        QVERIFY(!cfg->backend(QStringLiteral("openai"))); // OPENAI_2_ does not configure "openai"
        QCOMPARE(cfg->anthropicPort, quint16(8001));
        QVERIFY(!cfg->backend(QStringLiteral("ollama"))); // keyless-local only when asked for
    }

    void fileInstances()
    {
        const QByteArray yaml =
            "proxy_timeout: 77\n"
            "backends:\n"
            "  openai.1:\n"
            "    api_key: [f1, f2]\n"
            "    models: [gpt-4o, gpt-4o-mini]\n"
            "  openai.2:\n"
            "    api_key: file-key\n"
            "    timeout: 5\n"
            "  local:\n"
            "    type: ollama\n"
            "  my-ollama:\n"
            "    type: ollama\n"
            "    api_url: http://10.0.0.2:11434/v1/\n"
            "    extra_headers:\n"
            "      X-Team: blue\n"
            "  old:\n"
            "    type: anthropic\n"
            "    api_key: k\n"
            "    enabled: false\n"
            "  gemini:\n"
            "    timeout: 10\n";
        const QString path = writeFile(QStringLiteral("instances.yaml"), yaml);
        CliOptions cli;
        cli.configFile = path;
        const Env env = {{QStringLiteral("OPENAI_2_API_KEY"), QStringLiteral("env-key")},
                         {QStringLiteral("MY_OLLAMA_API_BASE_URL"), QStringLiteral("http://10.0.0.3:11434/v1")}};
        const auto cfg = loadConfig(cli, env);
        QVERIFY2(cfg.ok(), qPrintable(cfg.ok() ? QString() : cfg.error().message));
        QCOMPARE(cfg->backendNames(), (QStringList{"openai.1", "openai.2", "local", "my-ollama"}));

        const BackendConfig *o1 = cfg->backend(QStringLiteral("openai.1"));
        QCOMPARE(o1->apiKeys, (QStringList{"f1", "f2"}));
        QCOMPARE(o1->keyAliases, (QStringList{"config:backends.openai.1.api_key[0]", "config:backends.openai.1.api_key[1]"}));
        QCOMPARE(o1->models, (QStringList{"gpt-4o", "gpt-4o-mini"}));
        QCOMPARE(o1->timeoutSeconds, 77); // proxy_timeout is the default
        QCOMPARE(o1->origin, path + QStringLiteral(":3"));

        const BackendConfig *o2 = cfg->backend(QStringLiteral("openai.2"));
        QCOMPARE(o2->apiKeys, QStringList{QStringLiteral("env-key")}); // env replaces the file's keys
        QCOMPARE(o2->keyAliases, QStringList{QStringLiteral("env:OPENAI_2_API_KEY")});
        QCOMPARE(o2->timeoutSeconds, 5);

        const BackendConfig *local = cfg->backend(QStringLiteral("local"));
        QCOMPARE(local->type, QStringLiteral("ollama"));
        QCOMPARE(local->baseUrl, QStringLiteral("http://127.0.0.1:11434/v1"));
        QVERIFY(local->apiKeys.isEmpty());

        const BackendConfig *mine = cfg->backend(QStringLiteral("my-ollama"));
        QCOMPARE(mine->baseUrl, QStringLiteral("http://10.0.0.3:11434/v1")); // env over file
        QCOMPARE(mine->extraHeaders.size(), 1);
        QCOMPARE(mine->extraHeaders.first().first, QByteArray("X-Team"));

        const BackendConfig *old = cfg->backend(QStringLiteral("old"));
        QVERIFY(old);
        QVERIFY(!old->enabled);

        QVERIFY(!cfg->backend(QStringLiteral("gemini"))); // declared without a key: skipped
        bool warned = false;
        for (const QString &w : cfg->warnings)
            warned = warned || (w.startsWith(path + QStringLiteral(":20: backend 'gemini' has no API key")) && w.contains(QStringLiteral("GEMINI_API_KEY")));
        QVERIFY2(warned, qPrintable(cfg->warnings.join(QLatin1Char('\n'))));
        QCOMPARE(cfg->defaultBackend, QStringLiteral("openai.1"));
    }

    void defaultBackendWithModel_data()
    {
        QTest::addColumn<QString>("spec");
        QTest::addColumn<QString>("backend");
        QTest::addColumn<QString>("model");
        QTest::newRow("backend") << "ollama" << "ollama" << "";
        QTest::newRow("backend:model") << "ollama:qwen3" << "ollama" << "qwen3";
        QTest::newRow("model with tag") << "ollama:llama3:8b" << "ollama" << "llama3:8b";
    }
    void defaultBackendWithModel()
    {
        QFETCH(QString, spec);
        QFETCH(QString, backend);
        QFETCH(QString, model);
        const Env env = {{QStringLiteral("OLLAMA_API_BASE_URL"), QStringLiteral("http://127.0.0.1:11434/v1")},
                         {QStringLiteral("LLM_BACKEND"), spec}};
        const auto cfg = loadConfig({}, env);
        QVERIFY2(cfg.ok(), qPrintable(cfg.ok() ? QString() : cfg.error().message));
        QCOMPARE(cfg->defaultBackend, backend);
        QCOMPARE(cfg->defaultModel, model);
    }

    void loopbackAndAuth_data()
    {
        QTest::addColumn<QString>("host");
        QTest::addColumn<bool>("withKey");
        QTest::addColumn<bool>("ok");
        QTest::addColumn<bool>("loopback");
        const char *hosts[] = {"127.0.0.1", "::1", "localhost", "127.0.0.2", "0.0.0.0", "::", "192.168.1.5"};
        for (const char *h : hosts) {
            const bool lo = QByteArray(h) == "127.0.0.1" || QByteArray(h) == "::1"
                || QByteArray(h) == "localhost" || QByteArray(h) == "127.0.0.2";
            QTest::addRow("%s no key", h) << QString::fromLatin1(h) << false << lo << lo;
            QTest::addRow("%s with key", h) << QString::fromLatin1(h) << true << true << lo;
        }
    }
    void loopbackAndAuth()
    {
        QFETCH(QString, host);
        QFETCH(bool, withKey);
        QFETCH(bool, ok);
        QFETCH(bool, loopback);
        Env env = {{QStringLiteral("APP_HOST"), host}};
        if (withKey)
            env.insert(QStringLiteral("LLM_INTERACTIVE_PROXY_API_KEY"), kSecret);
        const auto cfg = loadConfig({}, env);
        QCOMPARE(cfg.ok(), ok);
        if (!ok) {
            QCOMPARE(cfg.error().message,
                     QStringLiteral("APP_HOST: listening on %1 requires a proxy API key: set "
                                    "LLM_INTERACTIVE_PROXY_API_KEY or auth.api_keys").arg(host));
            return;
        }
        QCOMPARE(cfg->bindsLoopbackOnly(), loopback);
        if (withKey)
            QCOMPARE(cfg->proxyApiKeys, QStringList{kSecret});
    }

    void proxyKeysFromFileAndEnv()
    {
        auto cfg = parseConfigYaml("host: 0.0.0.0\nauth:\n  api_keys: [one, two]\n  disable_auth: true\n",
                                   QStringLiteral("cfg.yaml"));
        QVERIFY2(cfg.ok(), qPrintable(cfg.ok() ? QString() : cfg.error().message));
        QCOMPARE(cfg->proxyApiKeys, (QStringList{"one", "two"}));
        QVERIFY(!cfg->disableAuth); // not honoured beyond loopback
        QVERIFY(!cfg->warnings.isEmpty());

        const QString path = writeFile(QStringLiteral("keys.yaml"), "auth:\n  api_keys: one\n  disable_auth: yes\n");
        CliOptions cli;
        cli.configFile = path;
        cfg = loadConfig(cli, {{QStringLiteral("LLM_INTERACTIVE_PROXY_API_KEY"), QStringLiteral("envkey")},
                               {QStringLiteral("LLM_INTERACTIVE_PROXY_API_KEY_2"), QStringLiteral("envkey2")}});
        QVERIFY(cfg.ok());
        QCOMPARE(cfg->proxyApiKeys, (QStringList{"envkey", "envkey2"}));
        QVERIFY(cfg->disableAuth); // loopback: honoured
    }

    void referenceStyleFile()
    {
        // A config written for the Python proxy: its keys map, its unsupported extras only warn.
        const QByteArray yaml =
            "host: \"127.0.0.1\"\n"
            "port: 8000\n"
            "proxy_timeout: 120\n"
            "command_prefix: \"!/\"\n"
            "auth:\n"
            "  disable_auth: false\n"
            "  api_keys: []\n"
            "  auth_token: null\n"
            "  brute_force_protection:\n"
            "    enabled: true\n"
            "session:\n"
            "  cleanup_enabled: true\n"
            "  disable_interactive_commands: true\n"
            "logging:\n"
            "  level: \"DEBUG\"\n"
            "  log_file: null\n"
            "backends:\n"
            "  default_backend: \"openrouter\"\n"
            "  openai:\n"
            "    api_url: null\n"
            "    timeout: 120\n"
            "  openrouter:\n"
            "    api_key: " + kSecret.toUtf8() + "\n"
            "    api_url: \"https://openrouter.ai/api/v1\"\n"
            "    timeout: 180\n"
            "model_defaults:\n"
            "  gpt-4:\n"
            "    temperature: 0.7\n"
            "failover_routes:\n"
            "  default:\n"
            "    policy: \"ordered\"\n"
            "    elements:\n"
            "      - \"openai:gpt-4\"\n"
            "      - \"openrouter:anthropic/claude-3-opus\"\n";
        const auto cfg = parseConfigYaml(yaml, QStringLiteral("ref.yaml"));
        QVERIFY2(cfg.ok(), qPrintable(cfg.ok() ? QString() : cfg.error().message));
        QCOMPARE(cfg->logLevel, QStringLiteral("debug"));
        QVERIFY(!cfg->interactiveCommands);
        QCOMPARE(cfg->proxyTimeoutSeconds, 120);
        QCOMPARE(cfg->defaultBackend, QStringLiteral("openrouter"));
        QCOMPARE(cfg->backendNames(), QStringList{QStringLiteral("openrouter")});
        QCOMPARE(cfg->backend(QStringLiteral("openrouter"))->timeoutSeconds, 180);
        QCOMPARE(cfg->backend(QStringLiteral("openrouter"))->keyAliases,
                 QStringList{QStringLiteral("config:backends.openrouter.api_key")});
        QVERIFY(cfg->route(QStringLiteral("default")));
        QCOMPARE(cfg->route(QStringLiteral("default"))->elements.size(), 2);
        QVERIFY(!cfg->route(QStringLiteral("other")));
        const QString warnings = cfg->warnings.join(QLatin1Char('\n'));
        QVERIFY2(warnings.contains(QStringLiteral("ref.yaml:8: 'auth.auth_token'")), qPrintable(warnings));
        QVERIFY2(warnings.contains(QStringLiteral("ref.yaml:26: 'model_defaults'")), qPrintable(warnings));
        QVERIFY2(warnings.contains(QStringLiteral("ref.yaml:19: backend 'openai' has no API key")), qPrintable(warnings));
        QVERIFY(!warnings.contains(kSecret));
    }

    void emptyFileIsValid()
    {
        auto cfg = parseConfigYaml("", QStringLiteral("e.yaml"));
        QVERIFY(cfg.ok());
        cfg = parseConfigYaml("# only a comment\n", QStringLiteral("e.yaml"));
        QVERIFY(cfg.ok());
        QCOMPARE(cfg->port, quint16(8000));
    }

    void profiles()
    {
        QCOMPARE(envPrefixFor(QStringLiteral("openai.2")), QStringLiteral("OPENAI_2_"));
        QCOMPARE(envPrefixFor(QStringLiteral("openai-responses")), QStringLiteral("OPENAI_RESPONSES_"));
        QCOMPARE(impliedBackendType(QStringLiteral("anthropic.12")), QStringLiteral("anthropic"));
        QCOMPARE(impliedBackendType(QStringLiteral("anthropic.x")), QString());
        QCOMPARE(impliedBackendType(QStringLiteral("mine")), QString());
        const BackendProfile *anthropic = findBackendProfile(u"anthropic");
        QVERIFY(anthropic);
        QCOMPARE(*anthropic->dialect, Dialect::Anthropic);
        QCOMPARE(anthropic->auth, AuthStyle::XApiKey);
        QCOMPARE(findBackendProfile(u"gemini")->auth, AuthStyle::XGoogApiKey);
        QCOMPARE(*findBackendProfile(u"openai-responses")->dialect, Dialect::OpenAIResponses);
        QVERIFY(findBackendProfile(u"ollama")->keyless);
        QVERIFY(!findBackendProfile(u"OpenAI"));
    }
};

QTEST_GUILESS_MAIN(TstConfig)
#include "tst_config.moc"
