// SPDX-License-Identifier: GPL-3.0-or-later
// The config sections beyond server and backends: routing (retries, health), sessions, usage,
// capture, model aliases and rewrites, hybrid backends, provider profiles and their variables,
// and the cross-checks that refuse a config which cannot work (with file:line:key).

#include "config/backendprofiles.h"
#include "config/configloader.h"

#include <QTest>

using namespace lip;
using namespace lip::config;

using Env = QHash<QString, QString>;

namespace {

const QString kSecret = QStringLiteral("sk-SECRET-VALUE-1234");

QString errorOf(const Result<Config> &cfg) { return cfg.ok() ? QString() : cfg.error().message; }

QByteArray headerValue(const BackendConfig &b, QByteArrayView name)
{
    for (const auto &[k, v] : b.extraHeaders) {
        if (k.compare(name, Qt::CaseInsensitive) == 0)
            return v;
    }
    return {};
}

} // namespace

class TstConfigFeatures : public QObject
{
    Q_OBJECT

private slots:
    void sectionsLoad()
    {
        const QByteArray yaml =
            "routing:\n"
            "  max_retries: 4\n"
            "  backoff_initial_ms: 100\n"
            "  backoff_max_ms: 900\n"
            "  max_retry_after_seconds: 12\n"
            "  rate_limit_cooldown_seconds: 33\n"
            "  auth_failure_cooldown_seconds: 600\n"
            "  health:\n"
            "    failure_threshold: 5\n"
            "    cooldown_seconds: 45\n"
            "session:\n"
            "  idle_expiry_seconds: 3600\n"
            "  max_sessions: 50\n"
            "  redact_api_keys_in_prompts: false\n"
            "  loop_detection: off\n"
            "usage:\n"
            "  enabled: false\n"
            "  store: postgres\n"
            "  postgres_url: postgres://u:" + kSecret.toUtf8() + "@db.example:5432/lip\n"
            "  flush_interval_ms: 250\n"
            "  prices:\n"
            "    - model: 'openai:gpt-4o'\n"
            "      input_per_mtok: 2.5\n"
            "      output_per_mtok: 10\n"
            "      cache_read_per_mtok: 1.25\n"
            "    - {model: '*', input_per_mtok: 0, output_per_mtok: 0}\n"
            "capture:\n"
            "  enabled: true\n"
            "  directory: /tmp/caps\n"
            "  max_file_mb: 16\n"
            "  max_total_mb: 64\n"
            "  redact_bodies: yes\n";
        const auto cfg = parseConfigYaml(yaml, QStringLiteral("s.yaml"));
        QVERIFY2(cfg.ok(), qPrintable(errorOf(cfg)));
        QCOMPARE(cfg->retry.maxRetries, 4);
        QCOMPARE(cfg->retry.initialBackoffMs, 100);
        QCOMPARE(cfg->retry.maxBackoffMs, 900);
        QCOMPARE(cfg->retry.maxRetryAfterSeconds, 12);
        QCOMPARE(cfg->retry.rateLimitCooldownSeconds, 33);
        QCOMPARE(cfg->retry.authFailureCooldownSeconds, 600);
        QCOMPARE(cfg->health.failureThreshold, 5);
        QCOMPARE(cfg->health.cooldownSeconds, 45);
        QCOMPARE(cfg->session.idleExpirySeconds, 3600);
        QCOMPARE(cfg->session.maxSessions, 50);
        QVERIFY(!cfg->session.redactApiKeysInPrompts);
        QVERIFY(!cfg->session.loopDetection);
        QVERIFY(!cfg->usage.enabled);
        QCOMPARE(cfg->usage.store, QStringLiteral("postgres"));
        QVERIFY(cfg->usage.postgresUrl.contains(kSecret));
        QCOMPARE(cfg->usage.flushIntervalMs, 250);
        QCOMPARE(cfg->usage.prices.size(), size_t(2));
        QCOMPARE(cfg->usage.prices[0].model, QStringLiteral("openai:gpt-4o"));
        QCOMPARE(cfg->usage.prices[0].inputPerMTok, 2.5);
        QCOMPARE(cfg->usage.prices[0].outputPerMTok, 10.0);
        QCOMPARE(cfg->usage.prices[0].cacheReadPerMTok, 1.25);
        QCOMPARE(cfg->usage.prices[0].cacheWritePerMTok, -1.0);
        QVERIFY(cfg->capture.enabled);
        QCOMPARE(cfg->capture.directory, QStringLiteral("/tmp/caps"));
        QCOMPARE(cfg->capture.maxFileBytes, 16ll * 1024 * 1024);
        QCOMPARE(cfg->capture.maxTotalBytes, 64ll * 1024 * 1024);
        QVERIFY(cfg->capture.redactBodies);
        QCOMPARE(cfg->origins.value(QStringLiteral("routing.health.cooldown_seconds")), QStringLiteral("s.yaml:10"));
    }

    void defaultsUnchangedWithoutSections()
    {
        const auto cfg = parseConfigYaml("port: 8000\n", QStringLiteral("d.yaml"));
        QVERIFY(cfg.ok());
        const Config defaults;
        QCOMPARE(cfg->retry.maxRetries, defaults.retry.maxRetries);
        QCOMPARE(cfg->health.failureThreshold, defaults.health.failureThreshold);
        QCOMPARE(cfg->usage.store, QStringLiteral("sqlite"));
        QVERIFY(!cfg->capture.enabled);
        QVERIFY(cfg->session.redactApiKeysInPrompts);
    }

    void referenceRedactKeyUnderAuth()
    {
        // The Python proxy keeps this under auth:, we under session:. Both work.
        const auto cfg = parseConfigYaml("auth:\n  redact_api_keys_in_prompts: false\n", QStringLiteral("r.yaml"));
        QVERIFY2(cfg.ok(), qPrintable(errorOf(cfg)));
        QVERIFY(!cfg->session.redactApiKeysInPrompts);
        QVERIFY(cfg->warnings.isEmpty());
    }

    void badConfig_data()
    {
        QTest::addColumn<QByteArray>("yaml");
        QTest::addColumn<QString>("expected");
        const QByteArray openai = "backends:\n  openai:\n    api_key: " + kSecret.toUtf8() + "\n";
        QTest::newRow("retries out of range") << QByteArray("routing:\n  max_retries: 99\n")
            << "f.yaml:2: routing.max_retries: 99 is out of range (0-10)";
        QTest::newRow("unknown routing key") << QByteArray("routing:\n  retries: 1\n")
            << "f.yaml:2: unknown key 'routing.retries' (known: max_retries,";
        QTest::newRow("unknown health key") << QByteArray("routing:\n  health:\n    threshold: 1\n")
            << "f.yaml:3: unknown key 'routing.health.threshold' (known: failure_threshold, cooldown_seconds)";
        QTest::newRow("backoff max below initial") << QByteArray("routing:\n  backoff_initial_ms: 500\n  backoff_max_ms: 100\n")
            << "f.yaml:3: routing.backoff_max_ms (100) is smaller than routing.backoff_initial_ms (500)";
        QTest::newRow("unknown store") << QByteArray("usage:\n  store: mysql\n")
            << "f.yaml:2: usage.store: 'mysql' is not a store (accepted: sqlite, postgres)";
        QTest::newRow("postgres without url") << QByteArray("usage:\n  store: postgres\n")
            << "f.yaml:2: usage.store is postgres but no usage.postgres_url";
        QTest::newRow("bad postgres url") << QByteArray("usage:\n  postgres_url: 'mysql://" + kSecret.toUtf8() + "@h/db'\n")
            << "f.yaml:2: usage.postgres_url: must look like postgres://";
        QTest::newRow("price without output") << QByteArray("usage:\n  prices:\n    - model: x\n      input_per_mtok: 1\n")
            << "f.yaml:3: usage.prices[0]: needs model, input_per_mtok and output_per_mtok";
        QTest::newRow("negative price") << QByteArray("usage:\n  prices:\n    - {model: x, input_per_mtok: -1, output_per_mtok: 1}\n")
            << "f.yaml:3: usage.prices[0].input_per_mtok: -1 is out of range";
        QTest::newRow("price not a number") << QByteArray("usage:\n  prices:\n    - {model: x, input_per_mtok: cheap, output_per_mtok: 1}\n")
            << "f.yaml:3: usage.prices[0].input_per_mtok: 'cheap' is not a number";
        QTest::newRow("capture total below file") << QByteArray("capture:\n  max_file_mb: 100\n  max_total_mb: 10\n")
            << "f.yaml:3: capture.max_total_mb is smaller than capture.max_file_mb";
        QTest::newRow("session bool") << QByteArray("session:\n  loop_detection: sometimes\n")
            << "f.yaml:2: session.loop_detection: expected true or false, got 'sometimes'";
        QTest::newRow("invalid regex") << QByteArray("model_rewrites:\n  - pattern: 'gpt-(4'\n    target: openai:gpt-4o\n")
            << "f.yaml:2: model_rewrites[0].pattern: invalid regular expression at offset";
        QTest::newRow("invalid regex in alias list") << QByteArray("port: 1\nmodel_aliases:\n  - pattern: '[a-'\n    replacement: x\n")
            << "f.yaml:3: model_aliases[0].pattern: invalid regular expression";
        QTest::newRow("rewrite without target") << QByteArray("model_rewrites:\n  - match: gpt-4\n")
            << "f.yaml:2: model_rewrites[0]: needs 'target'";
        QTest::newRow("rewrite both pattern and match") << QByteArray("model_rewrites:\n  - match: a\n    pattern: b\n    target: c\n")
            << "f.yaml:3: model_rewrites[0]: give either 'pattern' or 'match', not both";
        QTest::newRow("rewrite unknown frontend") << QByteArray("model_rewrites:\n  - {match: a, target: b, frontend: cohere}\n")
            << "f.yaml:2: model_rewrites[0].frontend: 'cohere' is not a frontend (accepted: openai, openai-responses, anthropic, gemini)";
        QTest::newRow("rewrite unknown key") << QByteArray("model_rewrites:\n  - {match: a, target: b, when: c}\n")
            << "f.yaml:2: unknown key 'model_rewrites[0].when'";
        QTest::newRow("rewrites not a list") << QByteArray("model_rewrites:\n  a: b\n")
            << "f.yaml:1: model_rewrites: expected a list of rules, got a mapping";
        QTest::newRow("alias without target") << QByteArray("model_aliases:\n  fast:\n")
            << "f.yaml:2: model_aliases.fast: needs the model it stands for";
        QTest::newRow("route element without colon")
            << QByteArray(openai + "failover_routes:\n  r:\n    elements:\n      - openai:gpt-4o\n      - gpt-4o-mini\n")
            << "f.yaml:8: failover_routes.r.elements[1]: 'gpt-4o-mini' must be backend:model";
        QTest::newRow("route element unknown backend")
            << QByteArray(openai + "failover_routes:\n  r:\n    elements: ['nobody:model-x']\n")
            << "f.yaml:6: failover_routes.r.elements[0]: 'nobody:model-x' names backend 'nobody', which is neither configured nor a known type";
        QTest::newRow("route alternative without colon")
            << QByteArray(openai + "failover_routes:\n  r:\n    elements: ['openai:a|b']\n")
            << "must be backend:model";
        QTest::newRow("route named like a backend")
            << QByteArray(openai + "failover_routes:\n  openai:\n    elements: ['openai:gpt-4o']\n")
            << "f.yaml:5: failover_routes.openai: a route must not have the name of a backend";
        QTest::newRow("duplicate route") << QByteArray(openai + "failover_routes:\n  r:\n    elements: [openai:a]\n  r:\n    elements: [openai:b]\n")
            << "f.yaml:7: duplicate key 'failover_routes.r' (first given on line 5)";
        QTest::newRow("duplicate backend") << QByteArray(openai + "  openai:\n    timeout: 5\n")
            << "f.yaml:4: duplicate key 'backends.openai' (first given on line 2)";
        QTest::newRow("unknown policy") << QByteArray(openai + "failover_routes:\n  r:\n    policy: fastest\n    elements: [openai:a]\n")
            << "f.yaml:6: failover_routes.r.policy: 'fastest' is not a policy (accepted: ordered, k, m, km, mk)";
        QTest::newRow("unknown type") << QByteArray("backends:\n  x:\n    type: cohere\n")
            << "f.yaml:3: backends.x.type: unknown backend type 'cohere'";
        QTest::newRow("hybrid without execution model")
            << QByteArray(openai + "  think:\n    type: hybrid\n    reasoning_model: openai:o3\n")
            << "f.yaml:4: backends.think: a hybrid backend needs both reasoning_model and execution_model";
        QTest::newRow("hybrid phase on unconfigured backend")
            << QByteArray(openai + "  think:\n    type: hybrid\n    reasoning_model: anthropic:claude\n    execution_model: openai:gpt-4o\n")
            << "f.yaml:6: backends.think.reasoning_model: backend 'anthropic' is not configured (configured backends: openai, think)";
        QTest::newRow("hybrid inside hybrid")
            << QByteArray(openai + "  h1:\n    type: hybrid\n    reasoning_model: openai:o3\n    execution_model: openai:gpt-4o\n"
                          "  h2:\n    type: hybrid\n    reasoning_model: h1:x\n    execution_model: openai:gpt-4o\n")
            << "f.yaml:10: backends.h2.reasoning_model: 'h1:x' is itself a hybrid backend";
        QTest::newRow("hybrid bare model on hybrid default")
            << QByteArray("backends:\n  default_backend: h\n  h:\n    type: hybrid\n    reasoning_model: o3\n    execution_model: o3\n")
            << "f.yaml:5: backends.h.reasoning_model: 'o3' is itself a hybrid backend";
        QTest::newRow("hybrid with key") << QByteArray("backends:\n  h:\n    type: hybrid\n    api_key: " + kSecret.toUtf8() + "\n")
            << "f.yaml:4: backends.h.api_key: a hybrid backend has no key or URL of its own";
        QTest::newRow("hybrid key on openai") << QByteArray(openai + "    reasoning_model: openai:o3\n")
            << "f.yaml:4: backends.openai.reasoning_model is only used by backends of type 'hybrid' (this one is 'openai')";
        QTest::newRow("app_name on anthropic") << QByteArray("backends:\n  anthropic:\n    app_name: Mine\n")
            << "f.yaml:3: backends.anthropic.app_name is only used by backends of type 'openrouter'";
        QTest::newRow("app_url not a url") << QByteArray("backends:\n  openrouter:\n    app_url: nope\n")
            << "f.yaml:3: backends.openrouter.app_url: must be an absolute http:// or https:// URL";
    }
    void badConfig()
    {
        QFETCH(QByteArray, yaml);
        QFETCH(QString, expected);
        const auto cfg = parseConfigYaml(yaml, QStringLiteral("f.yaml"));
        QVERIFY2(!cfg.ok(), "expected an error");
        QCOMPARE(cfg.error().category, ErrorCategory::InvalidRequest);
        QVERIFY2(cfg.error().message.startsWith(expected) || cfg.error().message.contains(expected),
                 qPrintable(cfg.error().message));
        QVERIFY2(!cfg.error().message.contains(kSecret), qPrintable(cfg.error().message));
    }

    void routeToKeylessBackendWarns()
    {
        // Declared without a key: skipped with a warning, and the route element that names it
        // only warns too (its key may come from the keychain later).
        const QByteArray yaml = "backends:\n  openai:\n    api_key: k\n  anthropic: {}\n"
                                "failover_routes:\n  r:\n    elements: ['openai:a', 'anthropic:b', 'gemini:c']\n";
        const auto cfg = parseConfigYaml(yaml, QStringLiteral("w.yaml"));
        QVERIFY2(cfg.ok(), qPrintable(errorOf(cfg)));
        const QString warnings = cfg->warnings.join(QLatin1Char('\n'));
        QVERIFY2(warnings.contains(QStringLiteral("w.yaml:7: failover_routes.r.elements[1]: route 'r' names backend 'anthropic', which is not usable (no key)")),
                 qPrintable(warnings));
        QVERIFY2(warnings.contains(QStringLiteral("route 'r' names backend 'gemini', which is not configured (set GEMINI_API_KEY)")),
                 qPrintable(warnings));
    }

    void aliasesAndRewrites()
    {
        const QByteArray yaml =
            "model_aliases:\n"
            "  fast: 'openai:gpt-4o-mini'\n"
            "  smart: 'anthropic:claude-sonnet-4-5'\n"
            "model_rewrites:\n"
            "  - match: gpt-4\n"
            "    target: 'openai:gpt-4o'\n"
            "  - pattern: '^claude-(.*)$'\n"
            "    replacement: 'anthropic:claude-\\1'\n"
            "    frontend: openai\n"
            "  - pattern: 'exact.name'\n"
            "    regex: false\n"
            "    target: x\n";
        const auto cfg = parseConfigYaml(yaml, QStringLiteral("a.yaml"));
        QVERIFY2(cfg.ok(), qPrintable(errorOf(cfg)));
        QCOMPARE(cfg->modelAliases.size(), 2);
        QCOMPARE(cfg->modelAliases.value(QStringLiteral("fast")), QStringLiteral("openai:gpt-4o-mini"));
        QCOMPARE(cfg->rewrites.size(), size_t(3));
        QVERIFY(!cfg->rewrites[0].regex);
        QCOMPARE(cfg->rewrites[0].pattern, QStringLiteral("gpt-4"));
        QVERIFY(cfg->rewrites[1].regex);
        QCOMPARE(cfg->rewrites[1].target, QStringLiteral("anthropic:claude-\\1"));
        QCOMPARE(cfg->rewrites[1].frontend, QStringLiteral("openai"));
        QCOMPARE(cfg->rewrites[1].origin, QStringLiteral("a.yaml:7"));
        QVERIFY(!cfg->rewrites[2].regex);
    }

    void referenceAliasList()
    {
        // The Python proxy's form: model_aliases as a list of regex rules.
        const QByteArray yaml = "model_aliases:\n  - pattern: '^gpt-(.*)'\n    replacement: 'openrouter:openai/gpt-\\1'\n";
        const auto cfg = parseConfigYaml(yaml, QStringLiteral("l.yaml"));
        QVERIFY2(cfg.ok(), qPrintable(errorOf(cfg)));
        QVERIFY(cfg->modelAliases.isEmpty());
        QCOMPARE(cfg->rewrites.size(), size_t(1));
        QVERIFY(cfg->rewrites[0].regex);
    }

    void modelAliasesEnv()
    {
        const Env env = {{QStringLiteral("MODEL_ALIASES"),
                          QStringLiteral("[{\"pattern\": \"^a(.*)$\", \"replacement\": \"openai:b\\\\1\"}]")}};
        auto cfg = loadConfig({}, env);
        QVERIFY2(cfg.ok(), qPrintable(errorOf(cfg)));
        QCOMPARE(cfg->rewrites.size(), size_t(1));
        QCOMPARE(cfg->rewrites[0].target, QStringLiteral("openai:b\\1"));
        QCOMPARE(cfg->rewrites[0].origin, QStringLiteral("env:MODEL_ALIASES[0]"));

        cfg = loadConfig({}, {{QStringLiteral("MODEL_ALIASES"), QStringLiteral("not json")}});
        QVERIFY(!cfg.ok());
        QVERIFY2(cfg.error().message.startsWith(QStringLiteral("environment variable MODEL_ALIASES: expected a JSON list")),
                 qPrintable(cfg.error().message));
        cfg = loadConfig({}, {{QStringLiteral("MODEL_ALIASES"), QStringLiteral("[{\"pattern\": \"(\", \"replacement\": \"x\"}]")}});
        QVERIFY(!cfg.ok());
        QVERIFY2(cfg.error().message.contains(QStringLiteral("rule 0: invalid regular expression")), qPrintable(cfg.error().message));
    }

    void featureEnvAndCli()
    {
        const Env env = {
            {QStringLiteral("LLM_PROXY_USAGE_STORE"), QStringLiteral("Postgres")},
            {QStringLiteral("LLM_PROXY_USAGE_POSTGRES_URL"), QStringLiteral("postgresql://u:%1@h/db").arg(kSecret)},
            {QStringLiteral("LLM_PROXY_CAPTURE_DIR"), QStringLiteral("/tmp/envcaps")},
        };
        auto cfg = loadConfig({}, env);
        QVERIFY2(cfg.ok(), qPrintable(errorOf(cfg)));
        QCOMPARE(cfg->usage.store, QStringLiteral("postgres"));
        QVERIFY(cfg->capture.enabled);
        QCOMPARE(cfg->capture.directory, QStringLiteral("/tmp/envcaps"));
        QCOMPARE(cfg->origins.value(QStringLiteral("capture.directory")), QStringLiteral("env:LLM_PROXY_CAPTURE_DIR"));

        Env off = env;
        off.insert(QStringLiteral("LLM_PROXY_CAPTURE"), QStringLiteral("0"));
        cfg = loadConfig({}, off);
        QVERIFY(cfg.ok());
        QVERIFY(!cfg->capture.enabled);

        CliOptions cli;
        cli.capture = true;
        cfg = loadConfig(cli, off);
        QVERIFY(cfg.ok());
        QVERIFY(cfg->capture.enabled);
        QCOMPARE(cfg->origins.value(QStringLiteral("capture.enabled")), QStringLiteral("cli"));
        cli = {};
        cli.captureDir = QStringLiteral("/tmp/clicaps");
        cfg = loadConfig(cli, {});
        QVERIFY(cfg.ok());
        QVERIFY(cfg->capture.enabled);
        QCOMPARE(cfg->capture.directory, QStringLiteral("/tmp/clicaps"));

        cfg = loadConfig({}, {{QStringLiteral("LLM_PROXY_CAPTURE"), QStringLiteral("perhaps")}});
        QVERIFY(!cfg.ok());
        QVERIFY2(cfg.error().message.startsWith(QStringLiteral("environment variable LLM_PROXY_CAPTURE: 'perhaps' is not a boolean")),
                 qPrintable(cfg.error().message));
        cfg = loadConfig({}, {{QStringLiteral("LLM_PROXY_USAGE_STORE"), QStringLiteral("csv")}});
        QVERIFY(!cfg.ok());
        QCOMPARE(cfg.error().message, QStringLiteral("environment variable LLM_PROXY_USAGE_STORE: 'csv' is not a store (accepted: sqlite, postgres)"));
        cfg = loadConfig({}, {{QStringLiteral("LLM_PROXY_USAGE_POSTGRES_URL"), QStringLiteral("http://%1@x").arg(kSecret)}});
        QVERIFY(!cfg.ok());
        QVERIFY(!cfg.error().message.contains(kSecret));
    }

    void profilesTable_data()
    {
        QTest::addColumn<QString>("type");
        QTest::addColumn<QString>("baseUrl");
        QTest::addColumn<int>("dialect"); // -1: virtual
        QTest::addColumn<bool>("keyless");
        QTest::newRow("openrouter") << "openrouter" << "https://openrouter.ai/api/v1" << int(Dialect::OpenAIChat) << false;
        QTest::newRow("zenmux") << "zenmux" << "https://zenmux.ai/api/v1" << int(Dialect::OpenAIChat) << false;
        QTest::newRow("kimi-code") << "kimi-code" << "https://api.kimi.com/coding/v1" << int(Dialect::OpenAIChat) << false;
        QTest::newRow("minimax") << "minimax" << "https://api.minimax.io/v1" << int(Dialect::OpenAIChat) << false;
        QTest::newRow("internlm") << "internlm" << "https://chat.intern-ai.org.cn/api/v1" << int(Dialect::OpenAIChat) << false;
        QTest::newRow("opencode-go") << "opencode-go" << "https://opencode.ai/zen/go/v1" << int(Dialect::OpenAIChat) << false;
        QTest::newRow("zai-coding-plan") << "zai-coding-plan" << "https://api.z.ai/api/anthropic" << int(Dialect::Anthropic) << false;
        QTest::newRow("ollama-native") << "ollama-native" << "http://127.0.0.1:11434" << int(Dialect::Ollama) << true;
        QTest::newRow("hybrid") << "hybrid" << "" << -1 << true;
    }
    void profilesTable()
    {
        QFETCH(QString, type);
        QFETCH(QString, baseUrl);
        QFETCH(int, dialect);
        QFETCH(bool, keyless);
        const BackendProfile *profile = findBackendProfile(type);
        QVERIFY(profile);
        QCOMPARE(QString::fromLatin1(profile->defaultBaseUrl), baseUrl);
        QCOMPARE(profile->isVirtual(), dialect < 0);
        if (dialect >= 0)
            QCOMPARE(int(*profile->dialect), dialect);
        QCOMPARE(profile->keyless, keyless);
        QVERIFY(knownBackendTypes().contains(type));
    }

    void providerEnvVariables()
    {
        const Env env = {
            {QStringLiteral("ZENMUX_API_KEY"), QStringLiteral("z")},
            {QStringLiteral("INTERNAI_API_KEY"), QStringLiteral("legacy")}, // the Python proxy's name
            {QStringLiteral("KIMI_CODE_API_KEY"), QStringLiteral("ours")},
            {QStringLiteral("KIMI_API_KEY"), QStringLiteral("theirs")},      // ours wins
            {QStringLiteral("OPENROUTER_API_KEY"), QStringLiteral("o")},
            {QStringLiteral("OPENROUTER_APP_URL"), QStringLiteral("https://example.org/app")},
            {QStringLiteral("OPENROUTER_APP_NAME"), QStringLiteral("My Tool")},
            {QStringLiteral("OLLAMA_NATIVE_API_BASE_URL"), QStringLiteral("http://127.0.0.1:11500")},
        };
        const auto cfg = loadConfig({}, env);
        QVERIFY2(cfg.ok(), qPrintable(errorOf(cfg)));
        QVERIFY(cfg->backend(QStringLiteral("zenmux")));
        QCOMPARE(cfg->backend(QStringLiteral("zenmux"))->baseUrl, QStringLiteral("https://zenmux.ai/api/v1"));
        const BackendConfig *intern = cfg->backend(QStringLiteral("internlm"));
        QVERIFY(intern);
        QCOMPARE(intern->apiKeys, QStringList{QStringLiteral("legacy")});
        QCOMPARE(intern->keyAliases, QStringList{QStringLiteral("env:INTERNAI_API_KEY")});
        QCOMPARE(cfg->backend(QStringLiteral("kimi-code"))->apiKeys, QStringList{QStringLiteral("ours")});
        const BackendConfig *openrouter = cfg->backend(QStringLiteral("openrouter"));
        QVERIFY(openrouter);
        QCOMPARE(headerValue(*openrouter, "HTTP-Referer"), QByteArray("https://example.org/app"));
        QCOMPARE(headerValue(*openrouter, "X-Title"), QByteArray("My Tool"));
        const BackendConfig *native = cfg->backend(QStringLiteral("ollama-native"));
        QVERIFY(native);
        QCOMPARE(native->baseUrl, QStringLiteral("http://127.0.0.1:11500"));
    }

    void openRouterAttribution()
    {
        // Default title only; the file's app_url/app_name; extra_headers win over both.
        auto cfg = parseConfigYaml("backends:\n  openrouter:\n    api_key: k\n", QStringLiteral("o.yaml"));
        QVERIFY(cfg.ok());
        QCOMPARE(headerValue(*cfg->backend(QStringLiteral("openrouter")), "X-Title"), QByteArray("LLM Interactive Proxy"));
        QVERIFY(headerValue(*cfg->backend(QStringLiteral("openrouter")), "HTTP-Referer").isEmpty());
        cfg = parseConfigYaml("backends:\n  openrouter:\n    api_key: k\n    app_url: https://a.example\n    app_name: A\n"
                              "  or2:\n    type: openrouter\n    api_key: k\n    app_name: ''\n    extra_headers:\n      http-referer: https://b.example\n",
                              QStringLiteral("o.yaml"));
        QVERIFY2(cfg.ok(), qPrintable(errorOf(cfg)));
        QCOMPARE(headerValue(*cfg->backend(QStringLiteral("openrouter")), "HTTP-Referer"), QByteArray("https://a.example"));
        QCOMPARE(headerValue(*cfg->backend(QStringLiteral("openrouter")), "X-Title"), QByteArray("A"));
        const BackendConfig *or2 = cfg->backend(QStringLiteral("or2"));
        QCOMPARE(headerValue(*or2, "HTTP-Referer"), QByteArray("https://b.example"));
        QVERIFY(headerValue(*or2, "X-Title").isEmpty()); // app_name: '' turns the title off
        int referers = 0;
        for (const auto &h : or2->extraHeaders)
            referers += h.first.compare("HTTP-Referer", Qt::CaseInsensitive) == 0;
        QCOMPARE(referers, 1);
        // Other types get no attribution headers.
        cfg = parseConfigYaml("backends:\n  openai:\n    api_key: k\n", QStringLiteral("o.yaml"));
        QVERIFY(cfg->backend(QStringLiteral("openai"))->extraHeaders.isEmpty());
    }

    void hybridBackend()
    {
        const QByteArray yaml = "backends:\n  openai:\n    api_key: k\n  anthropic:\n    api_key: k\n"
                                "  think:\n    type: hybrid\n    reasoning_model: 'anthropic:claude-opus-4?thinking_budget=4000'\n"
                                "    execution_model: gpt-4o\n    reasoning_max_tokens: 2000\n";
        const auto cfg = parseConfigYaml(yaml, QStringLiteral("h.yaml"));
        QVERIFY2(cfg.ok(), qPrintable(errorOf(cfg)));
        const BackendConfig *think = cfg->backend(QStringLiteral("think"));
        QVERIFY(think);
        QCOMPARE(think->type, QStringLiteral("hybrid"));
        QCOMPARE(think->reasoningModel, QStringLiteral("anthropic:claude-opus-4?thinking_budget=4000"));
        QCOMPARE(think->executionModel, QStringLiteral("gpt-4o")); // bare: the default backend (openai)
        QCOMPARE(think->reasoningMaxTokens, 2000);
        QVERIFY(think->apiKeys.isEmpty());
        QVERIFY(cfg->backendNames().contains(QStringLiteral("think")));
    }

    void hybridFromEnvironment()
    {
        const Env env = {
            {QStringLiteral("OPENAI_API_KEY"), QStringLiteral("k")},
            {QStringLiteral("HYBRID_REASONING_MODEL"), QStringLiteral("openai:o3")},
            {QStringLiteral("HYBRID_EXECUTION_MODEL"), QStringLiteral("openai:gpt-4o")},
            {QStringLiteral("HYBRID_REASONING_MAX_TOKENS"), QStringLiteral("1234")},
        };
        auto cfg = loadConfig({}, env);
        QVERIFY2(cfg.ok(), qPrintable(errorOf(cfg)));
        const BackendConfig *hybrid = cfg->backend(QStringLiteral("hybrid"));
        QVERIFY(hybrid);
        QCOMPARE(hybrid->reasoningModel, QStringLiteral("openai:o3"));
        QCOMPARE(hybrid->reasoningMaxTokens, 1234);
        QCOMPARE(hybrid->origin, QStringLiteral("env:HYBRID_REASONING_MODEL"));

        Env half = env;
        half.remove(QStringLiteral("HYBRID_EXECUTION_MODEL"));
        cfg = loadConfig({}, half);
        QVERIFY(!cfg.ok());
        QVERIFY2(cfg.error().message.contains(QStringLiteral("a hybrid backend needs both reasoning_model and execution_model")),
                 qPrintable(cfg.error().message));
    }
};

QTEST_GUILESS_MAIN(TstConfigFeatures)
#include "tst_config_features.moc"
