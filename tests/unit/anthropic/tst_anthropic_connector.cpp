// SPDX-License-Identifier: GPL-3.0-or-later
// The Anthropic connector: canonical → Messages body (golden), headers and URLs, passthrough
// byte-preservation, count_tokens, provider errors and the model list.

#include "golden.h"

#include "backends/anthropic/anthropicconnector.h"
#include "config/config.h"
#include "frontends/anthropic/anthropicfrontend.h"

#include <QTest>

using namespace lip;

namespace {

canon::ContentBlock text(const std::string &t)
{
    canon::ContentBlock b;
    b.text = t;
    return b;
}

canon::Message message(canon::Role role, std::vector<canon::ContentBlock> content)
{
    canon::Message m;
    m.role = role;
    m.content = std::move(content);
    return m;
}

QByteArray header(const HeaderList &headers, const QByteArray &name)
{
    for (const auto &h : headers) {
        if (h.first.compare(name, Qt::CaseInsensitive) == 0)
            return h.second;
    }
    return {};
}

// What an OpenAI Chat client's request looks like once canonical.
canon::Request fromOpenAI()
{
    canon::Request r;
    r.model = "claude-sonnet-4-5";
    r.system.push_back(text("Be helpful."));
    r.messages.push_back(message(canon::Role::User, {text("What is the weather?")}));
    r.messages.push_back(message(canon::Role::User, {text("In Paris.")})); // merged with the one before
    canon::ContentBlock thought; // from another provider: no signature, must not be replayed
    thought.kind = canon::BlockKind::Thinking;
    thought.text = "hmm";
    canon::ContentBlock call;
    call.kind = canon::BlockKind::ToolUse;
    call.toolId = "call_1";
    call.toolName = "get_weather";
    call.input = boost::json::parse(R"({"city":"Paris"})");
    r.messages.push_back(message(canon::Role::Assistant, {thought, text(""), call}));
    canon::ContentBlock result;
    result.kind = canon::BlockKind::ToolResult;
    result.toolId = "call_1";
    result.content.push_back(text("18C"));
    canon::ContentBlock image;
    image.kind = canon::BlockKind::Image;
    image.media.kind = canon::MediaSource::Kind::Url;
    image.media.data = "data:image/png;base64,iVBORw0KGgo=";
    image.extensions["detail"] = "high"; // OpenAI's: Anthropic would reject it
    r.messages.push_back(message(canon::Role::User, {text("Here:"), image}));
    r.messages.back().content.insert(r.messages.back().content.begin() + 1, result);
    canon::Tool tool;
    tool.name = "get_weather";
    tool.description = "Weather";
    tool.schema = boost::json::parse(R"({"type":"object","properties":{"city":{"type":"string"}}})");
    tool.extensions["type"] = "function";
    r.tools.push_back(tool);
    r.toolChoice.specified = true;
    r.toolChoice.mode = canon::ToolChoice::Mode::Required;
    r.toolChoice.disableParallel = true;
    r.sampling.temperature = 0.2;
    r.sampling.maxTokens = 4000;
    r.sampling.seed = 7;
    r.reasoning.effort = "high";
    r.user = "u-1";
    r.metadata["trace"] = "x";
    r.stream = true;
    r.extensions["logit_bias"] = boost::json::object();
    r.extensions["service_tier"] = "auto";
    return r;
}

config::BackendConfig backend(const QString &base = QStringLiteral("https://api.anthropic.com"))
{
    config::BackendConfig b;
    b.name = QStringLiteral("anthropic");
    b.type = QStringLiteral("anthropic");
    b.baseUrl = base;
    return b;
}

} // namespace

class TestAnthropicConnector : public QObject
{
    Q_OBJECT

private slots:
    void bodyFromOtherDialect()
    {
        const auto body = AnthropicConnector::buildBody(fromOpenAI());
        QVERIFY(body.ok());
        COMPARE_GOLDEN(*body, "canon_openai_like.out.json", true);
    }

    // A thinking block the Anthropic frontend signed itself (the provider gave no signature) is
    // never sent to Anthropic, which would reject it; Anthropic's own signatures go back as is.
    void proxySignedThinkingDropped()
    {
        canon::Request r;
        r.model = "claude-sonnet-4-5";
        r.sampling.maxTokens = 100;
        r.messages.push_back(message(canon::Role::User, {text("Think.")}));
        canon::ContentBlock ours;
        ours.kind = canon::BlockKind::Thinking;
        ours.text = "from a Chat backend";
        ours.signature = anthropic::proxySignature(ours.text);
        canon::ContentBlock theirs;
        theirs.kind = canon::BlockKind::Thinking;
        theirs.text = "from Anthropic";
        theirs.signature = "EqQBCkYIARgCIkBsig+/==";
        r.messages.push_back(message(canon::Role::Assistant, {ours, theirs, text("Answer.")}));
        r.messages.push_back(message(canon::Role::User, {text("Again.")}));
        const auto body = AnthropicConnector::buildBody(r);
        QVERIFY(body.ok());
        QVERIFY(!body->contains("lipsig1."));
        QVERIFY(!body->contains("from a Chat backend"));
        QVERIFY(body->contains(R"({"type":"thinking","thinking":"from Anthropic","signature":"EqQBCkYIARgCIkBsig+/=="})"));
        QVERIFY(body->contains(R"("text":"Answer.")"));
    }

    void thinkingBudget_data()
    {
        QTest::addColumn<QString>("effort");
        QTest::addColumn<int>("budget");
        QTest::addColumn<int>("maxTokens");
        QTest::addColumn<int>("expected"); // 0: no thinking
        QTest::newRow("low") << "low" << -1 << 32000 << 2048;
        QTest::newRow("medium") << "medium" << -1 << 32000 << 8192;
        QTest::newRow("high") << "high" << -1 << 32000 << 24576;
        QTest::newRow("high clamped") << "high" << -1 << 10000 << 9999;
        QTest::newRow("minimal") << "minimal" << -1 << 32000 << 0;
        QTest::newRow("budget") << "" << 5000 << 32000 << 5000;
        QTest::newRow("budget too small") << "" << 100 << 32000 << 1024;
        QTest::newRow("no room") << "high" << -1 << 1000 << 0;
        QTest::newRow("default max_tokens") << "medium" << -1 << -1 << 8191;
    }
    void thinkingBudget()
    {
        QFETCH(QString, effort);
        QFETCH(int, budget);
        QFETCH(int, maxTokens);
        QFETCH(int, expected);
        canon::Request r;
        r.model = "m";
        r.messages.push_back(message(canon::Role::User, {text("x")}));
        r.reasoning.effort = effort.toStdString();
        if (budget >= 0)
            r.reasoning.budgetTokens = budget;
        if (maxTokens >= 0)
            r.sampling.maxTokens = maxTokens;
        r.sampling.topK = 5;
        const auto body = AnthropicConnector::buildBody(r);
        QVERIFY(body.ok());
        const boost::json::object o = boost::json::parse(body->toStdString()).as_object();
        QCOMPARE(o.at("max_tokens").as_int64(), maxTokens >= 0 ? maxTokens : 8192);
        if (expected == 0) {
            QVERIFY(!o.contains("thinking"));
            QVERIFY(o.contains("top_k"));
        } else {
            QCOMPARE(o.at("thinking").at("type").as_string(), "enabled");
            QCOMPARE(o.at("thinking").at("budget_tokens").as_int64(), expected);
            QVERIFY(!o.contains("top_k")); // Anthropic rejects top_k with thinking
        }
    }

    void requestHeaders()
    {
        const config::BackendConfig b = backend(QStringLiteral("https://api.anthropic.com/"));
        BackendContext ctx;
        ctx.backend = &b;
        ctx.apiKey = QStringLiteral("sk-ant-secret");
        auto req = anthropicConnector().buildRequest(fromOpenAI(), ctx);
        QVERIFY(req.ok());
        QCOMPARE(req->method, QByteArray("POST"));
        QCOMPARE(req->url.toString(), QStringLiteral("https://api.anthropic.com/v1/messages"));
        QCOMPARE(header(req->headers, "x-api-key"), QByteArray("sk-ant-secret"));
        QCOMPARE(header(req->headers, "anthropic-version"), QByteArray("2023-06-01"));
        QCOMPARE(header(req->headers, "content-type"), QByteArray("application/json"));
        QCOMPARE(header(req->headers, "accept"), QByteArray("text/event-stream"));
        QVERIFY(header(req->headers, "anthropic-beta").isEmpty());

        ctx.apiKey.clear();
        ctx.clientHeaders = {{"Anthropic-Version", "2026-10-21"}, {"anthropic-beta", "a-1"}, {"anthropic-beta", "b-2"}};
        req = anthropicConnector().buildRequest(fromOpenAI(), ctx);
        QVERIFY(req.ok());
        QVERIFY(header(req->headers, "x-api-key").isEmpty());
        QCOMPARE(header(req->headers, "anthropic-version"), QByteArray("2026-10-21"));
        QCOMPARE(header(req->headers, "anthropic-beta"), QByteArray("a-1,b-2"));

        BackendContext none;
        QVERIFY(!anthropicConnector().buildRequest(fromOpenAI(), none).ok());
    }

    void passthrough()
    {
        const config::BackendConfig b = backend(QStringLiteral("http://127.0.0.1:39080"));
        InboundRequest in;
        in.dialect = Dialect::Anthropic;
        in.model = "anthropic:claude-x";
        in.stream = true;
        in.rawBody = R"({ "max_tokens" : 1.0e3, "model":"anthropic:claude-x","messages":[{"role":"user","content":"model"}],"zz_unknown":{"b":2,"a":1}, "stream":true})";
        in.clientQuery = "beta=true";
        in.clientHeaders = {{"anthropic-version", "2026-10-21"}, {"anthropic-beta", "prompt-caching-2024-07-31"},
                            {"authorization", "Bearer proxy-key"}};
        BackendContext ctx;
        ctx.backend = &b;
        ctx.apiKey = QStringLiteral("test-key");
        auto req = anthropicConnector().buildPassthrough(in, "claude-x", ctx);
        QVERIFY(req.ok());
        QCOMPARE(req->body, QByteArray(R"({ "max_tokens" : 1.0e3, "model":"claude-x","messages":[{"role":"user","content":"model"}],"zz_unknown":{"b":2,"a":1}, "stream":true})"));
        QCOMPARE(req->url.toString(QUrl::FullyEncoded), QStringLiteral("http://127.0.0.1:39080/v1/messages?beta=true"));
        QCOMPARE(header(req->headers, "anthropic-version"), QByteArray("2026-10-21"));
        QCOMPARE(header(req->headers, "anthropic-beta"), QByteArray("prompt-caching-2024-07-31"));
        QCOMPARE(header(req->headers, "x-api-key"), QByteArray("test-key"));
        QVERIFY(header(req->headers, "authorization").isEmpty()); // the client's key to the proxy stays here

        auto count = buildCountTokensPassthrough(in, "claude-x", ctx);
        QVERIFY(count.ok());
        QCOMPARE(count->url.toString(QUrl::FullyEncoded), QStringLiteral("http://127.0.0.1:39080/v1/messages/count_tokens?beta=true"));
        QCOMPARE(header(count->headers, "accept"), QByteArray("application/json"));
        QVERIFY(count->body.contains(R"("model":"claude-x")"));

        in.rawBody = "{\"model\":";
        QVERIFY(!anthropicConnector().buildPassthrough(in, "claude-x", ctx).ok());
    }

    void parseError_data()
    {
        QTest::addColumn<int>("status");
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<QByteArray>("retryAfter");
        QTest::addColumn<int>("category");
        QTest::addColumn<QString>("message");
        QTest::addColumn<int>("retryMs");
        QTest::newRow("529") << 529 << QByteArray(R"({"type":"error","error":{"type":"overloaded_error","message":"Overloaded"},"request_id":"req_1"})")
                             << QByteArray() << int(ErrorCategory::Overloaded) << "Overloaded" << -1;
        QTest::newRow("429") << 429 << QByteArray(R"({"type":"error","error":{"type":"rate_limit_error","message":"slow"}})")
                             << QByteArray("1") << int(ErrorCategory::RateLimited) << "slow" << 1000;
        QTest::newRow("401") << 401 << QByteArray(R"({"type":"error","error":{"type":"authentication_error","message":"invalid x-api-key"}})")
                             << QByteArray() << int(ErrorCategory::Authentication) << "invalid x-api-key" << -1;
        QTest::newRow("400") << 400 << QByteArray(R"({"type":"error","error":{"type":"invalid_request_error","message":"max_tokens: Field required"}})")
                             << QByteArray() << int(ErrorCategory::InvalidRequest) << "max_tokens: Field required" << -1;
        QTest::newRow("500") << 500 << QByteArray(R"({"type":"error","error":{"type":"api_error","message":"Internal server error"}})")
                             << QByteArray() << int(ErrorCategory::Upstream) << "Internal server error" << -1;
        QTest::newRow("gateway html") << 502 << QByteArray("<html>Bad Gateway</html>")
                                      << QByteArray() << int(ErrorCategory::Upstream)
                                      << "Anthropic backend answered HTTP 502: <html>Bad Gateway</html>" << -1;
        QTest::newRow("503 empty") << 503 << QByteArray() << QByteArray("2.5") << int(ErrorCategory::Overloaded)
                                   << "Anthropic backend answered HTTP 503" << 2500;
    }
    void parseError()
    {
        QFETCH(int, status);
        QFETCH(QByteArray, body);
        QFETCH(QByteArray, retryAfter);
        QFETCH(int, category);
        QFETCH(QString, message);
        QFETCH(int, retryMs);
        HeaderList headers;
        if (!retryAfter.isEmpty())
            headers.append({QByteArray("Retry-After"), retryAfter});
        const Error e = anthropicConnector().parseError(status, headers, body);
        QCOMPARE(int(e.category), category);
        QCOMPARE(e.message, message);
        QCOMPARE(e.upstreamStatus, status);
        QCOMPARE(e.retryAfterMs, retryMs);
    }

    void models()
    {
        const config::BackendConfig b = backend();
        BackendContext ctx;
        ctx.backend = &b;
        ctx.apiKey = QStringLiteral("k");
        const auto req = anthropicConnector().buildModelsRequest(ctx);
        QVERIFY(req.ok());
        QCOMPARE(req->method, QByteArray("GET"));
        QCOMPARE(req->url.toString(), QStringLiteral("https://api.anthropic.com/v1/models?limit=1000"));
        QCOMPARE(header(req->headers, "x-api-key"), QByteArray("k"));
        QCOMPARE(header(req->headers, "anthropic-version"), QByteArray("2023-06-01"));
        const auto list = anthropicConnector().parseModels(
            R"({"data":[{"type":"model","id":"claude-a","display_name":"Claude A","created_at":"2025-01-01T00:00:00Z"},{"id":5},{"type":"model","id":"claude-b"}],"has_more":false})");
        QVERIFY(list.ok());
        QCOMPARE(list->size(), size_t(2));
        QCOMPARE((*list)[0].displayName, std::string("Claude A"));
        QCOMPARE((*list)[0].created, int64_t(1735689600));
        QCOMPARE((*list)[1].id, std::string("claude-b"));
        QVERIFY(!anthropicConnector().parseModels("[]").ok());
    }
};

QTEST_GUILESS_MAIN(TestAnthropicConnector)
#include "tst_anthropic_connector.moc"
