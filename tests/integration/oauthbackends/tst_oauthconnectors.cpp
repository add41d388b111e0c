// SPDX-License-Identifier: GPL-3.0-or-later
// The subscription connectors without a network: what each puts on the wire (token, headers,
// wrapping, forced fields), how provider answers decode, and the config keys and profiles.

#include "backends/codeassist/codeassistconnector.h"
#include "backends/codex/codexconnector.h"
#include "backends/oauth/oauthtypes.h"
#include "backends/oauthwire/wrappedconnector.h"
#include "config/backendprofiles.h"
#include "config/configloader.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

using namespace lip;

namespace {

QByteArray header(const HeaderList &headers, QByteArrayView name)
{
    for (const auto &[k, v] : headers) {
        if (k.compare(name, Qt::CaseInsensitive) == 0)
            return v;
    }
    return {};
}

int headerCount(const HeaderList &headers, QByteArrayView name)
{
    int n = 0;
    for (const auto &h : headers)
        n += h.first.compare(name, Qt::CaseInsensitive) == 0 ? 1 : 0;
    return n;
}

canon::Request simpleRequest(const std::string &model, bool stream)
{
    canon::Request r;
    r.model = model;
    r.stream = stream;
    canon::Message m;
    m.role = canon::Role::User;
    canon::ContentBlock text;
    text.kind = canon::BlockKind::Text;
    text.text = "hi";
    m.content.push_back(text);
    r.messages.push_back(m);
    r.sampling.maxTokens = 100;
    return r;
}

QString allText(const canon::Events &events)
{
    QString s;
    for (const canon::Event &e : events) {
        if (e.type == canon::EventType::TextDelta)
            s += QString::fromStdString(e.text);
    }
    return s;
}

const canon::Event *usageOf(const canon::Events &events)
{
    const canon::Event *last = nullptr;
    for (const canon::Event &e : events) {
        if (e.type == canon::EventType::Usage)
            last = &e;
    }
    return last;
}

} // namespace

class TestOAuthConnectors : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void profiles_data()
    {
        QTest::addColumn<QString>("type");
        QTest::addColumn<QString>("provider");
        QTest::addColumn<int>("dialect");
        QTest::newRow("codex") << "openai-codex" << "openai" << int(Dialect::OpenAIResponses);
        QTest::newRow("plan") << "gemini-oauth-plan" << "google" << int(Dialect::Gemini);
        QTest::newRow("free") << "gemini-oauth-free" << "google" << int(Dialect::Gemini);
        QTest::newRow("auto") << "gemini-oauth-auto" << "google" << int(Dialect::Gemini);
        QTest::newRow("cloud project") << "gemini-cli-cloud-project" << "google" << int(Dialect::Gemini);
        QTest::newRow("antigravity") << "antigravity-oauth" << "antigravity" << int(Dialect::Gemini);
        QTest::newRow("qwen") << "qwen-oauth" << "qwen" << int(Dialect::OpenAIChat);
        QTest::newRow("anthropic") << "anthropic-oauth" << "anthropic" << int(Dialect::Anthropic);
        QTest::newRow("cline") << "cline" << "cline" << int(Dialect::OpenAIChat);
        QTest::newRow("api key type") << "openai" << "" << int(Dialect::OpenAIChat);
    }

    void profiles()
    {
        QFETCH(QString, type);
        QFETCH(QString, provider);
        QFETCH(int, dialect);
        QCOMPARE(config::oauthProviderForType(type), provider);
        const config::BackendProfile *profile = config::findBackendProfile(type);
        QVERIFY(profile);
        QCOMPARE(profile->usesOAuth(), !provider.isEmpty());
        const BackendConnector *connector = connectorForType(type);
        QVERIFY(connector);
        QCOMPARE(int(connector->dialect()), dialect);
    }

    void codexRequest()
    {
        oauth::AccessGrant grant;
        grant.accountId = QStringLiteral("openai:me@example.com");
        grant.accessToken = QStringLiteral("tok-123");
        grant.extra.insert(QStringLiteral("chatgpt_account_id"), QStringLiteral("acct-9"));
        config::BackendConfig backend;
        backend.name = QStringLiteral("codex");
        backend.type = QStringLiteral("openai-codex");
        backend.baseUrl = QStringLiteral("https://chatgpt.com/backend-api/codex");
        BackendContext context;
        context.backend = &backend;
        context.grant = &grant;
        context.session = QStringLiteral("sess-1");
        context.apiKey = QStringLiteral("must-not-be-sent");

        const auto built = codexConnector().buildRequest(simpleRequest("gpt-5", false), context);
        QVERIFY2(built, qPrintable(built ? QString() : built.error().message));
        QCOMPARE(built->url.toString(), QStringLiteral("https://chatgpt.com/backend-api/codex/responses"));
        QCOMPARE(header(built->headers, "authorization"), QByteArray("Bearer tok-123"));
        QCOMPARE(headerCount(built->headers, "authorization"), 1);
        QCOMPARE(header(built->headers, "chatgpt-account-id"), QByteArray("acct-9"));
        QCOMPARE(header(built->headers, "session_id"), QByteArray("sess-1"));
        QCOMPARE(header(built->headers, "openai-beta"), QByteArray("responses=experimental"));
        QCOMPARE(header(built->headers, "originator"), QByteArray("codex_cli_rs"));
        QVERIFY(!built->body.contains("must-not-be-sent"));
        const QJsonObject body = QJsonDocument::fromJson(built->body).object();
        QCOMPARE(body.value(QStringLiteral("stream")), QJsonValue(true));
        QCOMPARE(body.value(QStringLiteral("store")), QJsonValue(false));
        QVERIFY(body.value(QStringLiteral("instructions")).isString());
        QVERIFY(!body.contains(QStringLiteral("max_output_tokens")));
        QVERIFY(!codexConnector().allowsPassthrough());
        QVERIFY(codexConnector().streamsUpstream(false));

        // Without a grant there is no request (and no key is sent instead).
        context.grant = nullptr;
        const auto none = codexConnector().buildRequest(simpleRequest("gpt-5", false), context);
        QVERIFY(!none);
        QCOMPARE(none.error().category, ErrorCategory::Authentication);
    }

    void codexErrors_data()
    {
        QTest::addColumn<int>("status");
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<int>("category");
        QTest::addColumn<int>("retryAfterMs");
        QTest::newRow("usage limit") << 429
            << QByteArray(R"({"error":{"type":"usage_limit_reached","message":"The usage limit has been reached","resets_in_seconds":120}})")
            << int(ErrorCategory::RateLimited) << 120000;
        QTest::newRow("plain 429") << 429 << QByteArray(R"({"error":{"message":"slow down"}})") << int(ErrorCategory::RateLimited) << -1;
        QTest::newRow("detail 400") << 400 << QByteArray(R"({"detail":"Unsupported parameter: foo"})") << int(ErrorCategory::InvalidRequest) << -1;
        QTest::newRow("not json") << 502 << QByteArray("<html>bad gateway</html>") << int(ErrorCategory::Upstream) << -1;
    }

    void codexErrors()
    {
        QFETCH(int, status);
        QFETCH(QByteArray, body);
        QFETCH(int, category);
        QFETCH(int, retryAfterMs);
        const Error e = codexConnector().parseError(status, {}, body);
        QCOMPARE(int(e.category), category);
        QCOMPARE(e.retryAfterMs, retryAfterMs);
        QVERIFY(!e.message.isEmpty());
        if (status == 400)
            QCOMPARE(e.message, QStringLiteral("Unsupported parameter: foo"));
    }

    void codeAssistRequest_data()
    {
        QTest::addColumn<bool>("stream");
        QTest::addColumn<bool>("antigravity");
        QTest::newRow("plain") << false << false;
        QTest::newRow("stream") << true << false;
        QTest::newRow("antigravity stream") << true << true;
    }

    void codeAssistRequest()
    {
        QFETCH(bool, stream);
        QFETCH(bool, antigravity);
        oauth::AccessGrant grant;
        grant.accountId = QStringLiteral("google:me@example.com");
        grant.accessToken = QStringLiteral("ya29.tok");
        grant.extra.insert(QStringLiteral("project_id"), QStringLiteral("my-proj"));
        config::BackendConfig backend;
        backend.name = QStringLiteral("g");
        backend.type = antigravity ? QStringLiteral("antigravity-oauth") : QStringLiteral("gemini-oauth-plan");
        backend.baseUrl = QStringLiteral("https://cloudcode-pa.googleapis.com/");
        BackendContext context;
        context.backend = &backend;
        context.grant = &grant;
        const BackendConnector &connector = antigravity ? antigravityConnector() : codeAssistConnector();
        const auto built = connector.buildRequest(simpleRequest("models/gemini-2.5-pro", stream), context);
        QVERIFY2(built, qPrintable(built ? QString() : built.error().message));
        QCOMPARE(built->url.toString(), stream ? QStringLiteral("https://cloudcode-pa.googleapis.com/v1internal:streamGenerateContent?alt=sse")
                                               : QStringLiteral("https://cloudcode-pa.googleapis.com/v1internal:generateContent"));
        QCOMPARE(header(built->headers, "authorization"), QByteArray("Bearer ya29.tok"));
        QCOMPARE(headerCount(built->headers, "x-goog-api-key"), 0);
        const QJsonObject body = QJsonDocument::fromJson(built->body).object();
        QCOMPARE(body.value(QStringLiteral("model")).toString(), QStringLiteral("gemini-2.5-pro"));
        QCOMPARE(body.value(QStringLiteral("project")).toString(), QStringLiteral("my-proj"));
        QVERIFY(body.value(QStringLiteral("request")).toObject().value(QStringLiteral("contents")).isArray());
        QCOMPARE(body.contains(QStringLiteral("userAgent")), antigravity);
        QCOMPARE(header(built->headers, "user-agent").startsWith("antigravity/"), antigravity);

        // No project known yet: refused (ProxyCall resolves it first).
        grant.extra = {};
        QVERIFY(!connector.buildRequest(simpleRequest("gemini-2.5-pro", stream), context));
    }

    void codeAssistDecoding_data()
    {
        QTest::addColumn<bool>("stream");
        QTest::addColumn<QList<QByteArray>>("chunks");
        const QByteArray event1 = R"(data: {"response":{"candidates":[{"content":{"role":"model","parts":[{"text":"Hel"}]}}]},"traceId":"t"})";
        const QByteArray event2 = R"(data: {"response":{"candidates":[{"content":{"role":"model","parts":[{"text":"lo"}]},"finishReason":"STOP"}],"usageMetadata":{"promptTokenCount":9,"candidatesTokenCount":4,"totalTokenCount":13}}})";
        const QByteArray all = event1 + "\r\n\r\n" + event2 + "\n\n";
        QList<QByteArray> bytewise;
        for (char c : all)
            bytewise << QByteArray(1, c);
        QTest::newRow("stream, whole events") << true << QList<QByteArray>{all};
        QTest::newRow("stream, byte by byte") << true << bytewise;
        QTest::newRow("stream, no final blank line") << true << QList<QByteArray>{event1 + "\n\n", event2};
        const QByteArray whole = R"({"response":{"candidates":[{"content":{"role":"model","parts":[{"text":"Hello"}]},"finishReason":"STOP"}],"usageMetadata":{"promptTokenCount":9,"candidatesTokenCount":4,"totalTokenCount":13}}})";
        QTest::newRow("one body") << false << QList<QByteArray>{whole.left(10), whole.mid(10)};
    }

    void codeAssistDecoding()
    {
        QFETCH(bool, stream);
        QFETCH(QList<QByteArray>, chunks);
        auto decoder = codeAssistConnector().makeDecoder(stream);
        canon::Events events;
        for (const QByteArray &c : chunks)
            decoder->feed(std::string_view(c.constData(), size_t(c.size())), events);
        decoder->finish(events);
        QCOMPARE(allText(events), QStringLiteral("Hello"));
        const canon::Event *usage = usageOf(events);
        QVERIFY(usage);
        QCOMPARE(usage->usage.input, 9);
        QCOMPARE(usage->usage.output, 4);
        bool finished = false;
        for (const canon::Event &e : events)
            finished = finished || e.type == canon::EventType::Finish;
        QVERIFY(finished);
    }

    void codeAssistGarbage()
    {
        // Hostile or broken bytes: no crash, and the decoder still ends (with an error or nothing).
        for (const QByteArray &junk : {QByteArray("data: {not json\n\n"), QByteArray("data: [1,2\n\n"), QByteArray(70000, 'x'),
                                       QByteArray("data: {\"response\":7}\n\n")}) {
            auto decoder = codeAssistConnector().makeDecoder(true);
            canon::Events events;
            decoder->feed(std::string_view(junk.constData(), size_t(junk.size())), events);
            decoder->finish(events);
            auto whole = codeAssistConnector().makeDecoder(false);
            canon::Events more;
            whole->feed(std::string_view(junk.constData(), size_t(junk.size())), more);
            whole->finish(more);
        }
    }

    void anthropicOAuth()
    {
        oauth::AccessGrant grant;
        grant.accountId = QStringLiteral("anthropic:me");
        grant.accessToken = QStringLiteral("sk-ant-oat-tok");
        config::BackendConfig backend;
        backend.name = QStringLiteral("claude");
        backend.type = QStringLiteral("anthropic-oauth");
        backend.baseUrl = QStringLiteral("https://api.anthropic.com");
        BackendContext context;
        context.backend = &backend;
        context.grant = &grant;
        context.clientHeaders.append(qMakePair(QByteArray("anthropic-beta"), QByteArray("tools-2024")));
        const auto built = anthropicOAuthConnector().buildRequest(simpleRequest("claude-sonnet-4", false), context);
        QVERIFY(built);
        QCOMPARE(header(built->headers, "authorization"), QByteArray("Bearer sk-ant-oat-tok"));
        QCOMPARE(headerCount(built->headers, "x-api-key"), 0);
        QCOMPARE(header(built->headers, "anthropic-beta"), QByteArray("oauth-2025-04-20,tools-2024"));
        QCOMPARE(headerCount(built->headers, "anthropic-beta"), 1);
        QVERIFY(anthropicOAuthConnector().allowsPassthrough());
    }

    void qwenResourceUrl_data()
    {
        QTest::addColumn<QString>("configured");
        QTest::addColumn<QString>("resourceUrl");
        QTest::addColumn<QString>("expected");
        QTest::newRow("account's host") << "https://portal.qwen.ai/v1" << "dashscope.aliyuncs.com/compatible-mode"
                                        << "https://dashscope.aliyuncs.com/compatible-mode/v1/chat/completions";
        QTest::newRow("account's url with /v1") << "https://portal.qwen.ai/v1" << "https://portal.qwen.ai/v1/"
                                                << "https://portal.qwen.ai/v1/chat/completions";
        QTest::newRow("none: default") << "https://portal.qwen.ai/v1" << "" << "https://portal.qwen.ai/v1/chat/completions";
        QTest::newRow("user's url wins") << "http://127.0.0.1:9/v1" << "portal.qwen.ai" << "http://127.0.0.1:9/v1/chat/completions";
    }

    void qwenResourceUrl()
    {
        QFETCH(QString, configured);
        QFETCH(QString, resourceUrl);
        QFETCH(QString, expected);
        oauth::AccessGrant grant;
        grant.accountId = QStringLiteral("qwen:me");
        grant.accessToken = QStringLiteral("qtok");
        if (!resourceUrl.isEmpty())
            grant.extra.insert(QStringLiteral("resource_url"), resourceUrl);
        config::BackendConfig backend;
        backend.name = QStringLiteral("qwen-oauth");
        backend.type = QStringLiteral("qwen-oauth");
        backend.baseUrl = configured;
        BackendContext context;
        context.backend = &backend;
        context.grant = &grant;
        const auto built = qwenOAuthConnector().buildRequest(simpleRequest("qwen3-coder-plus", true), context);
        QVERIFY(built);
        QCOMPARE(built->url.toString(), expected);
        QCOMPARE(header(built->headers, "authorization"), QByteArray("Bearer qtok"));
    }

    void configKeys_data()
    {
        QTest::addColumn<QByteArray>("yaml");
        QTest::addColumn<QString>("error"); // empty: accepted
        QTest::newRow("codex with oauth_url") << QByteArray("backends:\n  openai-codex:\n    oauth_url: http://127.0.0.1:9\n") << QString();
        QTest::newRow("cloud project id") << QByteArray("backends:\n  gemini-cli-cloud-project:\n    project_id: my-project-1\n") << QString();
        QTest::newRow("oauth_url on a key backend")
            << QByteArray("backends:\n  openai:\n    api_key: sk-x\n    oauth_url: http://127.0.0.1:9\n") << QStringLiteral("oauth_url is only used by subscription");
        QTest::newRow("project_id on codex") << QByteArray("backends:\n  openai-codex:\n    project_id: my-project-1\n")
                                             << QStringLiteral("project_id is only used by Code Assist");
        QTest::newRow("bad project id") << QByteArray("backends:\n  gemini-oauth-plan:\n    project_id: \"Bad Project\"\n")
                                        << QStringLiteral("not a Google Cloud project id");
    }

    void configKeys()
    {
        QFETCH(QByteArray, yaml);
        QFETCH(QString, error);
        const auto parsed = config::parseConfigYaml(yaml, QStringLiteral("oauth.yaml"));
        if (error.isEmpty()) {
            QVERIFY2(parsed, qPrintable(parsed ? QString() : parsed.error().message));
            QCOMPARE(parsed->backends.size(), size_t(1));
        } else {
            QVERIFY(!parsed);
            QVERIFY2(parsed.error().message.contains(error), qPrintable(parsed.error().message));
            QVERIFY2(parsed.error().message.contains(QStringLiteral("oauth.yaml:")), qPrintable(parsed.error().message));
        }
    }

    // An OAuth backend needs no key to be kept, and its endpoints follow the environment.
    void environment()
    {
        QTemporaryDir dir;
        QHash<QString, QString> env;
        env.insert(QStringLiteral("OPENAI_CODEX_API_BASE_URL"), QStringLiteral("http://127.0.0.1:7/backend-api/codex"));
        env.insert(QStringLiteral("OPENAI_CODEX_OAUTH_BASE_URL"), QStringLiteral("http://127.0.0.1:8"));
        env.insert(QStringLiteral("GEMINI_OAUTH_PLAN_API_BASE_URL"), QStringLiteral("http://127.0.0.1:9"));
        env.insert(QStringLiteral("GEMINI_OAUTH_PLAN_PROJECT_ID"), QStringLiteral("proj-env"));
        config::CliOptions cli;
        cli.dataDir = dir.path();
        const auto cfg = config::loadConfig(cli, env);
        QVERIFY2(cfg, qPrintable(cfg ? QString() : cfg.error().message));
        const config::BackendConfig *codex = cfg->backend(QStringLiteral("openai-codex"));
        QVERIFY(codex);
        QCOMPARE(codex->baseUrl, QStringLiteral("http://127.0.0.1:7/backend-api/codex"));
        QCOMPARE(codex->oauthBaseUrl, QStringLiteral("http://127.0.0.1:8"));
        const config::BackendConfig *plan = cfg->backend(QStringLiteral("gemini-oauth-plan"));
        QVERIFY(plan);
        QCOMPARE(plan->projectId, QStringLiteral("proj-env"));
    }
};

QTEST_GUILESS_MAIN(TestOAuthConnectors)
#include "tst_oauthconnectors.moc"
