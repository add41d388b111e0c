// SPDX-License-Identifier: GPL-3.0-or-later
// The Anthropic frontend: request validation, Anthropic → canonical → Anthropic request round
// trips (golden), error envelopes, the model list and the count_tokens estimate.

#include "golden.h"

#include "backends/anthropic/anthropicconnector.h"
#include "frontends/anthropic/anthropicfrontend.h"
#include "server/httpserver.h"

#include <QTest>

using namespace lip;

namespace {

server::HttpRequest post(const QByteArray &path, const QByteArray &body, const QByteArray &query = {})
{
    server::HttpRequest r;
    r.method = "POST";
    r.path = path;
    r.query = query;
    r.target = query.isEmpty() ? path : path + '?' + query;
    r.headers = {{"content-type", "application/json"}, {"anthropic-version", "2023-06-01"},
                 {"anthropic-beta", "interleaved-thinking-2025-05-14"}};
    r.body = body;
    return r;
}

} // namespace

class TestAnthropicFrontend : public QObject
{
    Q_OBJECT

private slots:
    void badRequests_data()
    {
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<QByteArray>("envelope");
        auto row = [](const char *name, const QByteArray &body, const QByteArray &message) {
            QTest::newRow(name) << body
                                << "{\"type\":\"error\",\"error\":{\"type\":\"invalid_request_error\",\"message\":\""
                                       + message + "\"}}";
        };
        row("not json", "{\"model\": ", "The request body is not valid JSON.");
        row("empty", "", "The request body is not valid JSON.");
        row("array", "[1,2]", "The request body must be a JSON object.");
        row("no model", R"({"messages":[],"max_tokens":5})", "model: Field required");
        row("model number", R"({"model":5,"messages":[],"max_tokens":5})",
            "model: Input should be a valid string");
        row("no messages", R"({"model":"m","max_tokens":5})", "messages: Field required");
        row("messages object", R"({"model":"m","messages":{},"max_tokens":5})",
            "messages: Input should be a valid list");
        row("no max_tokens", R"({"model":"m","messages":[]})", "max_tokens: Field required");
        row("max_tokens string", R"({"model":"m","messages":[],"max_tokens":"5"})",
            "max_tokens: Input should be a valid integer");
        row("max_tokens fraction", R"({"model":"m","messages":[],"max_tokens":5.5})",
            "max_tokens: Input should be a valid integer");
        row("stream string", R"({"model":"m","messages":[],"max_tokens":5,"stream":"yes"})",
            "stream: Input should be a valid boolean");
    }
    void badRequests()
    {
        QFETCH(QByteArray, body);
        QFETCH(QByteArray, envelope);
        const Frontend &f = anthropicFrontend();
        const auto in = f.inbound(post("/v1/messages", body), {}, false);
        QVERIFY(!in.ok());
        QCOMPARE(in.error().category, ErrorCategory::InvalidRequest);
        const ErrorReply reply = f.renderError(in.error());
        QCOMPARE(reply.status, 400);
        QCOMPARE(reply.contentType, QByteArray("application/json"));
        QCOMPARE(reply.body, envelope);
    }

    void badContent_data()
    {
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<QString>("message");
        QTest::newRow("role") << QByteArray(R"({"model":"m","max_tokens":5,"messages":[{"role":"tool","content":"x"}]})")
                              << "messages.0.role: Input should be 'user' or 'assistant'";
        QTest::newRow("block type") << QByteArray(R"({"model":"m","max_tokens":5,"messages":[{"role":"user","content":[{"text":"x"}]}]})")
                                    << "messages.0.content.0.type: Field required";
        QTest::newRow("tool_use input") << QByteArray(R"({"model":"m","max_tokens":5,"messages":[{"role":"assistant","content":[{"type":"tool_use","id":"a","name":"n","input":"{}"}]}]})")
                                        << "messages.0.content.0.input: Input should be a valid dictionary";
        QTest::newRow("tool_choice") << QByteArray(R"({"model":"m","max_tokens":5,"messages":[],"tool_choice":{"type":"sometimes"}})")
                                     << "tool_choice.type: Input should be 'auto', 'any', 'tool' or 'none'";
        QTest::newRow("temperature") << QByteArray(R"({"model":"m","max_tokens":5,"messages":[],"temperature":"hot"})")
                                     << "temperature: Input should be a valid number";
    }
    void badContent()
    {
        QFETCH(QByteArray, body);
        QFETCH(QString, message);
        const Frontend &f = anthropicFrontend();
        const auto in = f.inbound(post("/v1/messages", body), {}, false);
        QVERIFY(in.ok());
        const auto req = f.toCanonical(*in);
        QVERIFY(!req.ok());
        QCOMPARE(req.error().message, message);
        QCOMPARE(f.renderError(req.error()).status, 400);
    }

    void inboundCarriesClientContext()
    {
        const QByteArray body = R"({"model":"claude-x","messages":[],"max_tokens":1,"stream":true})";
        const auto in = anthropicFrontend().inbound(post("/v1/messages", body, "beta=true"), {}, false);
        QVERIFY(in.ok());
        QCOMPARE(in->model, std::string("claude-x"));
        QVERIFY(in->stream);
        QCOMPARE(in->dialect, Dialect::Anthropic);
        QCOMPARE(in->rawBody, body);
        QCOMPARE(in->clientQuery, QByteArray("beta=true"));
        QCOMPARE(in->clientHeaders.size(), 3);
    }

    void countTokensNeedsNoMaxTokens()
    {
        const auto in = anthropicFrontend().inbound(
            post("/v1/messages/count_tokens", R"({"model":"m","messages":[{"role":"user","content":"hi"}]})"),
            {}, false);
        QVERIFY(in.ok());
        QVERIFY(!in->stream);
    }

    // Anthropic request → canonical → Anthropic request (golden: <name>.out.json, or the input
    // itself when the translation must be lossless).
    void requestRoundTrip_data()
    {
        QTest::addColumn<QString>("name");
        QTest::newRow("full") << "req_full";
        QTest::newRow("basic") << "req_basic";
        QTest::newRow("adaptive") << "req_adaptive";
    }
    void requestRoundTrip()
    {
        QFETCH(QString, name);
        const QByteArray input = golden::read(name + ".json");
        QVERIFY(!input.isEmpty());
        const Frontend &f = anthropicFrontend();
        const auto in = f.inbound(post("/v1/messages", input), {}, false);
        QVERIFY2(in.ok(), qPrintable(in.ok() ? QString() : in.error().message));
        auto req = f.toCanonical(*in);
        QVERIFY2(req.ok(), qPrintable(req.ok() ? QString() : req.error().message));
        const auto body = AnthropicConnector::buildBody(*req);
        QVERIFY(body.ok());
        const QString expected = golden::exists(name + ".out.json") ? QString(name + ".out.json") : QString(name + ".json");
        COMPARE_GOLDEN(*body, expected, true);
    }

    void canonicalFields()
    {
        const QByteArray input = golden::read("req_full.json");
        const auto in = anthropicFrontend().inbound(post("/v1/messages", input), {}, false);
        QVERIFY(in.ok());
        const auto req = anthropicFrontend().toCanonical(*in);
        QVERIFY(req.ok());
        QCOMPARE(req->system.size(), size_t(1));
        QVERIFY(req->system[0].extensions.contains("cache_control"));
        QCOMPARE(req->messages.size(), size_t(3));
        const auto &assistant = req->messages[1].content;
        QCOMPARE(assistant[0].kind, canon::BlockKind::Thinking);
        QCOMPARE(assistant[0].signature, std::string("EqQBCkYIAxgCIkDsig=="));
        QCOMPARE(assistant[1].kind, canon::BlockKind::RedactedThinking);
        QCOMPARE(assistant[1].signature, std::string("EmwKAhgBEgyredacted=="));
        QCOMPARE(assistant[3].kind, canon::BlockKind::ToolUse);
        QCOMPARE(assistant[3].input.at("city").as_string(), "Paris");
        const auto &user = req->messages[2].content;
        QCOMPARE(user[1].kind, canon::BlockKind::ToolResult);
        QVERIFY(user[1].isError);
        QCOMPARE(user[1].content.size(), size_t(2));
        QCOMPARE(req->tools.size(), size_t(2));
        QVERIFY(req->tools[1].extensions.contains("max_uses"));
        QVERIFY(req->toolChoice.specified);
        QVERIFY(req->toolChoice.disableParallel);
        QVERIFY(req->reasoning.enabled);
        QCOMPARE(req->reasoning.budgetTokens.value_or(0), 4096);
        QCOMPARE(req->sampling.maxTokens.value_or(0), 16000);
        QCOMPARE(req->sampling.stop, std::vector<std::string>{"END"});
        QCOMPARE(req->user, std::string("user-123"));
        QVERIFY(req->stream);
        QVERIFY(req->extensions.contains("service_tier"));
    }

    void errors_data()
    {
        QTest::addColumn<int>("category");
        QTest::addColumn<int>("upstreamStatus");
        QTest::addColumn<QByteArray>("upstreamType");
        QTest::addColumn<int>("retryAfterMs");
        QTest::addColumn<int>("status");
        QTest::addColumn<QByteArray>("type");
        QTest::addColumn<QByteArray>("retryAfter");
        using C = ErrorCategory;
        QTest::newRow("invalid") << int(C::InvalidRequest) << 0 << QByteArray() << -1 << 400 << QByteArray("invalid_request_error") << QByteArray();
        QTest::newRow("auth") << int(C::Authentication) << 0 << QByteArray() << -1 << 401 << QByteArray("authentication_error") << QByteArray();
        QTest::newRow("permission") << int(C::PermissionDenied) << 0 << QByteArray() << -1 << 403 << QByteArray("permission_error") << QByteArray();
        QTest::newRow("not found") << int(C::NotFound) << 0 << QByteArray() << -1 << 404 << QByteArray("not_found_error") << QByteArray();
        QTest::newRow("too large") << int(C::RequestTooLarge) << 0 << QByteArray() << -1 << 413 << QByteArray("request_too_large") << QByteArray();
        QTest::newRow("rate limited") << int(C::RateLimited) << 429 << QByteArray("rate_limit_error") << 1000 << 429 << QByteArray("rate_limit_error") << QByteArray("1");
        QTest::newRow("rate limited 1.5s") << int(C::RateLimited) << 0 << QByteArray() << 1500 << 429 << QByteArray("rate_limit_error") << QByteArray("2");
        QTest::newRow("overloaded") << int(C::Overloaded) << 529 << QByteArray("overloaded_error") << -1 << 529 << QByteArray("overloaded_error") << QByteArray();
        // Overloaded is always 529 to Anthropic clients (OverloadedError in the SDKs), whatever
        // status the provider used for it.
        QTest::newRow("openai 503") << int(C::Overloaded) << 503 << QByteArray() << -1 << 529 << QByteArray("overloaded_error") << QByteArray();
        QTest::newRow("gemini 503 no type") << int(C::Overloaded) << 503 << QByteArray("UNAVAILABLE") << -1 << 529 << QByteArray("overloaded_error") << QByteArray();
        QTest::newRow("upstream 500") << int(C::Upstream) << 500 << QByteArray("api_error") << -1 << 500 << QByteArray("api_error") << QByteArray();
        QTest::newRow("upstream 402") << int(C::Upstream) << 402 << QByteArray("insufficient_quota") << -1 << 402 << QByteArray("billing_error") << QByteArray();
        QTest::newRow("unreachable") << int(C::UpstreamUnreachable) << 0 << QByteArray() << -1 << 502 << QByteArray("api_error") << QByteArray();
        QTest::newRow("protocol") << int(C::UpstreamProtocol) << 0 << QByteArray() << -1 << 502 << QByteArray("api_error") << QByteArray();
        QTest::newRow("timeout") << int(C::Timeout) << 0 << QByteArray() << -1 << 504 << QByteArray("api_error") << QByteArray();
        QTest::newRow("internal") << int(C::Internal) << 0 << QByteArray() << -1 << 500 << QByteArray("api_error") << QByteArray();
        QTest::newRow("provider 401") << int(C::Authentication) << 401 << QByteArray("invalid_api_key") << -1 << 401 << QByteArray("authentication_error") << QByteArray();
    }
    void errors()
    {
        QFETCH(int, category);
        QFETCH(int, upstreamStatus);
        QFETCH(QByteArray, upstreamType);
        QFETCH(int, retryAfterMs);
        QFETCH(int, status);
        QFETCH(QByteArray, type);
        QFETCH(QByteArray, retryAfter);
        Error e = Error::make(ErrorCategory(category), QStringLiteral("Something \"went\" wrong"));
        e.upstreamStatus = upstreamStatus;
        e.upstreamType = upstreamType;
        e.retryAfterMs = retryAfterMs;
        const ErrorReply reply = anthropicFrontend().renderError(e);
        QCOMPARE(reply.status, status);
        QCOMPARE(reply.body, "{\"type\":\"error\",\"error\":{\"type\":\"" + type
                                 + "\",\"message\":\"Something \\\"went\\\" wrong\"}}");
        QByteArray header;
        for (const auto &h : reply.headers) {
            if (h.first == "retry-after")
                header = h.second;
        }
        QCOMPARE(header, retryAfter);
    }

    void streamError()
    {
        Error e = Error::make(ErrorCategory::Overloaded, QStringLiteral("Overloaded"));
        QCOMPARE(anthropicFrontend().renderStreamError(e),
                 QByteArray("event: error\ndata: {\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\","
                            "\"message\":\"Overloaded\"}}\n\n"));
    }

    void modelList()
    {
        std::vector<std::pair<std::string, ModelInfo>> models;
        for (int i = 1; i <= 5; ++i) {
            ModelInfo m;
            m.id = "m" + std::to_string(i);
            m.displayName = i == 1 ? "Model One" : "";
            m.created = 1735689600; // 2025-01-01
            models.emplace_back("anthropic:m" + std::to_string(i), m);
        }
        QCOMPARE(renderAnthropicModelList(models, {}, {}, 2),
                 QByteArray(R"({"data":[{"type":"model","id":"anthropic:m1","display_name":"Model One","created_at":"2025-01-01T00:00:00Z"},)"
                            R"({"type":"model","id":"anthropic:m2","display_name":"anthropic:m2","created_at":"2025-01-01T00:00:00Z"}],)"
                            R"("has_more":true,"first_id":"anthropic:m1","last_id":"anthropic:m2"})"));
        const QByteArray after = renderAnthropicModelList(models, {}, "anthropic:m4", 2);
        QVERIFY(after.contains(R"("has_more":false,"first_id":"anthropic:m5","last_id":"anthropic:m5")"));
        const QByteArray before = renderAnthropicModelList(models, "anthropic:m4", {}, 2);
        QVERIFY(before.contains(R"("has_more":true,"first_id":"anthropic:m2","last_id":"anthropic:m3")"));
        const QByteArray all = renderAnthropicModelList(models);
        QVERIFY(all.contains(R"("has_more":false,"first_id":"anthropic:m1","last_id":"anthropic:m5")"));
        QCOMPARE(renderAnthropicModelList({}), QByteArray(R"({"data":[],"has_more":false,"first_id":null,"last_id":null})"));
    }

    void countTokensEstimate()
    {
        canon::Request req;
        canon::ContentBlock sys;
        sys.text = std::string(400, 'a');
        req.system.push_back(sys);
        QCOMPARE(estimateInputTokens(req), int64_t(100));
        canon::Tool tool;
        tool.name = "get_weather";
        tool.schema = boost::json::parse(R"({"type":"object"})");
        req.tools.push_back(tool);
        QVERIFY(estimateInputTokens(req) > 100);
        canon::Message m;
        canon::ContentBlock image;
        image.kind = canon::BlockKind::Image;
        m.content.push_back(image);
        req.messages.push_back(m);
        QVERIFY(estimateInputTokens(req) > 1600);
        QCOMPARE(renderAnthropicCountTokens(42), QByteArray(R"({"input_tokens":42})"));
        QCOMPARE(estimateInputTokens(canon::Request()), int64_t(1));
    }
};

QTEST_GUILESS_MAIN(TestAnthropicFrontend)
#include "tst_anthropic_frontend.moc"
