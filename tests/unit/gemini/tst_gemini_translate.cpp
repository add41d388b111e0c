// SPDX-License-Identifier: GPL-3.0-or-later
// Gemini requests both ways (client body → canonical → upstream body), the schema sanitizer,
// errors and model lists.

#include "backends/gemini/geminiconnector.h"
#include "backends/gemini/schemasanitizer.h"
#include "frontends/gemini/geminifrontend.h"
#include "server/httpserver.h"

#include "geminitestutil.h"

#include <QTest>

using namespace geminitest;
namespace json = boost::json;

namespace {

lip::server::HttpRequest httpRequest(const QByteArray &body, const QByteArray &query = {})
{
    lip::server::HttpRequest r;
    r.method = "POST";
    r.path = "/v1beta/models/x:generateContent";
    r.query = query;
    r.body = body;
    return r;
}

lip::Result<lip::canon::Request> canonicalOf(const QByteArray &body, const std::string &model = "gemini-2.5-pro",
                                             bool stream = false)
{
    auto in = lip::geminiFrontend().inbound(httpRequest(body), model, stream);
    if (!in)
        return in.error();
    return lip::geminiFrontend().toCanonical(*in);
}

} // namespace

class TestGeminiTranslate : public QObject
{
    Q_OBJECT
private slots:
    void requestGoldens()
    {
        const QByteArray body = readGolden("request_agent.json");
        QVERIFY(!body.isEmpty());
        auto canon = canonicalOf(body);
        QVERIFY2(canon.ok(), qPrintable(canon.ok() ? QString() : canon.error().message));
        QVERIFY(matchesGolden("request_agent.canonical.json", prettyBytes(dumpRequest(*canon))));

        auto upstreamBody = lip::gemini::buildRequestBody(*canon);
        QVERIFY(upstreamBody.ok());
        QVERIFY(matchesGolden("request_agent.upstream.json", prettyBytes(json::parse(*upstreamBody))));
    }

    void synthesizedIdsAreStableAndResultsMapBack()
    {
        const QByteArray body = readGolden("request_agent.json");
        auto a = canonicalOf(body);
        QVERIFY(a.ok());
        // The same history with one more turn appended: earlier ids must not move.
        json::value v = parse(body);
        v.as_object()["contents"].as_array().push_back(json::parse(R"({"role":"user","parts":[{"text":"next"}]})"));
        auto b = canonicalOf(QByteArray::fromStdString(json::serialize(v)));
        QVERIFY(b.ok());
        const auto &callTurn = a->messages[1].content; // thinking, read_file, list_dir
        QCOMPARE(callTurn.size(), size_t(3));
        QCOMPARE(callTurn[0].kind, lip::canon::BlockKind::Thinking);
        QCOMPARE(callTurn[1].kind, lip::canon::BlockKind::ToolUse);
        QVERIFY(QByteArray::fromStdString(callTurn[1].toolId).startsWith("lipg_"));
        QCOMPARE(b->messages[1].content[1].toolId, callTurn[1].toolId);
        QCOMPARE(b->messages[1].content[2].toolId, callTurn[2].toolId);
        QVERIFY(callTurn[1].toolId != callTurn[2].toolId);
        // Results answered out of order map by name to their own calls.
        const auto &results = a->messages[2].content;
        QCOMPARE(results[0].toolName, std::string("list_dir"));
        QCOMPARE(results[0].toolId, callTurn[2].toolId);
        QCOMPARE(results[1].toolId, callTurn[1].toolId);
        // An explicit id is kept as it is.
        QCOMPARE(a->messages[3].content[0].toolId, std::string("call-77"));
        QCOMPARE(a->messages[4].content[0].toolId, std::string("call-77"));
        QVERIFY(a->messages[4].content[0].isError);
    }

    void inboundRejects_data()
    {
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<QString>("model");
        QTest::newRow("not json") << QByteArray("{\"contents\": [") << "gemini-2.5-pro";
        QTest::newRow("array body") << QByteArray("[]") << "gemini-2.5-pro";
        QTest::newRow("no contents") << QByteArray("{\"generationConfig\":{}}") << "gemini-2.5-pro";
        QTest::newRow("contents not array") << QByteArray("{\"contents\":{}}") << "gemini-2.5-pro";
        QTest::newRow("no model") << QByteArray("{\"contents\":[]}") << "";
    }
    void inboundRejects()
    {
        QFETCH(QByteArray, body);
        QFETCH(QString, model);
        auto in = lip::geminiFrontend().inbound(httpRequest(body), model.toStdString(), false);
        QVERIFY(!in.ok());
        QCOMPARE(in.error().category, lip::ErrorCategory::InvalidRequest);
        const auto reply = lip::geminiFrontend().renderError(in.error());
        QCOMPARE(reply.status, 400);
        const auto env = parse(reply.body).as_object()["error"].as_object();
        QCOMPARE(env.at("code").as_int64(), 400);
        QCOMPARE(std::string(env.at("status").as_string()), std::string("INVALID_ARGUMENT"));
    }

    void inboundKeepsModelWithColons()
    {
        auto in = lip::geminiFrontend().inbound(httpRequest("{\"contents\":[]}", "alt=sse"),
                                                "openai:gpt-4o/mini", true);
        QVERIFY(in.ok());
        QCOMPARE(in->model, std::string("openai:gpt-4o/mini"));
        QVERIFY(in->stream);
        QCOMPARE(in->clientQuery, QByteArray("alt=sse"));
        QCOMPARE(in->dialect, lip::Dialect::Gemini);
    }

    void snakeCaseAccepted()
    {
        auto c = canonicalOf(R"({"system_instruction":{"parts":[{"text":"sys"}]},"contents":[{"role":"user","parts":[{"text":"hi"}]}],
            "generation_config":{"max_output_tokens":100,"thinking_config":{"thinking_level":"HIGH","include_thoughts":true}}})");
        QVERIFY(c.ok());
        QCOMPARE(c->system.size(), size_t(1));
        QCOMPARE(*c->sampling.maxTokens, int64_t(100));
        QCOMPARE(c->reasoning.effort, std::string("high"));
        QVERIFY(c->reasoning.includeThoughts);
    }

    void reasoningToUpstream_data()
    {
        QTest::addColumn<QString>("model");
        QTest::addColumn<QString>("effort");
        QTest::addColumn<int>("budget");
        QTest::addColumn<QString>("expected");
        QTest::newRow("2.5 low") << "gemini-2.5-pro" << "low" << -1 << R"({"thinkingBudget":1024})";
        QTest::newRow("2.5 medium") << "gemini-2.5-flash" << "medium" << -1 << R"({"thinkingBudget":8192})";
        QTest::newRow("2.5 high") << "gemini-2.5-pro" << "high" << -1 << R"({"thinkingBudget":24576})";
        QTest::newRow("2.5 none") << "gemini-2.5-flash" << "none" << -1 << R"({"thinkingBudget":0})";
        QTest::newRow("3 low") << "gemini-3-pro-preview" << "low" << -1 << R"({"thinkingLevel":"low"})";
        QTest::newRow("3 medium") << "gemini-3-pro-preview" << "medium" << -1 << R"({"thinkingLevel":"high"})";
        QTest::newRow("budget wins") << "gemini-3-pro-preview" << "high" << 5000 << R"({"thinkingBudget":5000})";
        QTest::newRow("unset") << "gemini-2.5-pro" << "" << -1 << "";
    }
    void reasoningToUpstream()
    {
        QFETCH(QString, model);
        QFETCH(QString, effort);
        QFETCH(int, budget);
        QFETCH(QString, expected);
        lip::canon::Request r;
        r.model = model.toStdString();
        r.reasoning.effort = effort.toStdString();
        if (budget >= 0)
            r.reasoning.budgetTokens = budget;
        lip::canon::Message m;
        m.content.push_back({});
        m.content.back().text = "hi";
        r.messages.push_back(m);
        auto body = lip::gemini::buildRequestBody(r);
        QVERIFY(body.ok());
        auto o = json::parse(*body).as_object();
        const auto *gc = o.if_contains("generationConfig");
        if (expected.isEmpty()) {
            QVERIFY(!gc);
        } else {
            QVERIFY(gc);
            QCOMPARE(QString::fromStdString(json::serialize(gc->as_object().at("thinkingConfig"))), expected);
        }
    }

    void crossDialectHistoryGetsSignatureFallbackAndNames()
    {
        // An Anthropic-style history: tool_use id toolu_…, the result names no function.
        lip::canon::Request r;
        r.model = "gemini-3-pro-preview";
        lip::canon::Message u, a, t;
        u.content.push_back({});
        u.content.back().text = "weather?";
        lip::canon::ContentBlock call;
        call.kind = lip::canon::BlockKind::ToolUse;
        call.toolId = "toolu_01";
        call.toolName = "get_weather";
        call.input = json::object{{"city", "Paris"}};
        a.role = lip::canon::Role::Assistant;
        a.content.push_back(call);
        lip::canon::ContentBlock res;
        res.kind = lip::canon::BlockKind::ToolResult;
        res.toolId = "toolu_01";
        res.content.push_back({});
        res.content.back().text = "sunny, 21C";
        t.content.push_back(res);
        r.messages = {u, a, t};
        auto body = lip::gemini::buildRequestBody(r);
        QVERIFY(body.ok());
        QCOMPARE(QByteArray::fromStdString(json::serialize(json::parse(*body).as_object()["contents"])),
                 QByteArray(R"([{"role":"user","parts":[{"text":"weather?"}]},)"
                            R"({"role":"model","parts":[{"functionCall":{"id":"toolu_01","name":"get_weather","args":{"city":"Paris"}},"thoughtSignature":"skip_thought_signature_validator"}]},)"
                            R"({"role":"user","parts":[{"functionResponse":{"id":"toolu_01","name":"get_weather","response":{"result":"sunny, 21C"}}}]}])"));
        // A result whose call is unknown cannot be named: a clear error, not a bad request upstream.
        r.messages = {u, t};
        auto bad = lip::gemini::buildRequestBody(r);
        QVERIFY(!bad.ok());
        QCOMPARE(bad.error().category, lip::ErrorCategory::InvalidRequest);
    }

    void connectorUrls()
    {
        lip::config::BackendConfig cfg;
        cfg.baseUrl = "http://127.0.0.1:39080/";
        lip::BackendContext ctx;
        ctx.backend = &cfg;
        ctx.apiKey = "test-key";
        const auto &conn = lip::geminiConnector();

        auto c = canonicalOf(R"({"contents":[{"role":"user","parts":[{"text":"hi"}]}]})", "gemini-2.5-pro", true);
        QVERIFY(c.ok());
        auto req = conn.buildRequest(*c, ctx);
        QVERIFY(req.ok());
        QCOMPARE(req->url.toString(), QString("http://127.0.0.1:39080/v1beta/models/gemini-2.5-pro:streamGenerateContent?alt=sse"));
        QVERIFY(req->headers.contains(qMakePair(QByteArray("x-goog-api-key"), QByteArray("test-key"))));

        lip::InboundRequest in;
        in.dialect = lip::Dialect::Gemini;
        in.stream = true;
        in.rawBody = R"({"contents":[], "x": 1.0})";
        in.clientQuery = "key=client-secret&alt=sse&foo=b%20r";
        auto pt = conn.buildPassthrough(in, "models/gemini-2.5-flash", ctx);
        QVERIFY(pt.ok());
        QCOMPARE(pt->body, in.rawBody);
        QCOMPARE(pt->url.toString(QUrl::FullyEncoded),
                 QString("http://127.0.0.1:39080/v1beta/models/gemini-2.5-flash:streamGenerateContent?alt=sse&foo=b%20r"));
        QVERIFY(!pt->url.toString().contains("client-secret"));

        in.stream = false;
        in.clientQuery = "key=x";
        pt = conn.buildPassthrough(in, "gemini-2.5-flash", ctx);
        QCOMPARE(pt->url.toString(), QString("http://127.0.0.1:39080/v1beta/models/gemini-2.5-flash:generateContent"));

        auto models = conn.buildModelsRequest(ctx);
        QVERIFY(models.ok());
        QCOMPARE(models->method, QByteArray("GET"));
        QCOMPARE(models->url.toString(), QString("http://127.0.0.1:39080/v1beta/models?pageSize=1000"));
    }

    void sanitizer_data()
    {
        QTest::addColumn<QString>("target");
        QTest::addColumn<QString>("input");
        QTest::addColumn<QString>("expected");
        // Claude Code / MCP style schema (zod-to-json-schema output).
        const QString mcp = R"({"$schema":"http://json-schema.org/draft-07/schema#","type":"object","properties":{"file_path":{"type":"string","description":"Absolute path"},"offset":{"type":"number"},"mode":{"type":"string","enum":["a","b"],"default":"a"}},"required":["file_path","ghost"],"additionalProperties":false})";
        QTest::newRow("mcp json") << "json" << mcp
            << R"({"type":"object","properties":{"file_path":{"type":"string","description":"Absolute path"},"offset":{"type":"number"},"mode":{"type":"string","enum":["a","b"],"default":"a"}},"required":["file_path"],"additionalProperties":false})";
        QTest::newRow("mcp openapi") << "openapi" << mcp
            << R"({"type":"object","properties":{"file_path":{"type":"string","description":"Absolute path"},"offset":{"type":"number"},"mode":{"type":"string","enum":["a","b"]}},"required":["file_path"]})";
        // Pydantic style: $defs + $ref, Optional[...] as anyOf with null.
        const QString pyd = R"({"$defs":{"Edit":{"type":"object","properties":{"old":{"type":"string"},"new":{"type":"string"}},"required":["old","new"],"title":"Edit"}},"type":"object","properties":{"edits":{"type":"array","items":{"$ref":"#/$defs/Edit"}},"note":{"anyOf":[{"type":"string"},{"type":"null"}],"default":null,"title":"Note"}},"required":["edits"]})";
        QTest::newRow("pydantic json") << "json" << pyd
            << R"({"type":"object","properties":{"edits":{"type":"array","items":{"type":"object","properties":{"old":{"type":"string"},"new":{"type":"string"}},"required":["old","new"],"title":"Edit"}},"note":{"anyOf":[{"type":"string"},{"type":"null"}],"default":null,"title":"Note"}},"required":["edits"]})";
        QTest::newRow("pydantic openapi") << "openapi" << pyd
            << R"({"type":"object","properties":{"edits":{"type":"array","items":{"type":"object","properties":{"old":{"type":"string"},"new":{"type":"string"}},"required":["old","new"],"title":"Edit"}},"note":{"title":"Note","type":"string","nullable":true}},"required":["edits"]})";
        // A recursive tree: the cycle ends as a plain object.
        const QString tree = R"({"type":"object","properties":{"root":{"$ref":"#/definitions/Node"}},"definitions":{"Node":{"type":"object","properties":{"name":{"type":"string"},"children":{"type":"array","items":{"$ref":"#/definitions/Node"}}}}}})";
        QTest::newRow("cycle") << "json" << tree
            << R"({"type":"object","properties":{"root":{"type":"object","properties":{"name":{"type":"string"},"children":{"type":"array","items":{"type":"object"}}}}}})";
        QTest::newRow("dangling ref") << "json" << R"({"type":"object","properties":{"x":{"$ref":"#/$defs/Nope","description":"d"}}})"
            << R"({"type":"object","properties":{"x":{"type":"object","description":"d"}}})";
        QTest::newRow("remote ref") << "openapi" << R"({"type":"object","properties":{"x":{"$ref":"https://example.com/s.json"}}})"
            << R"({"type":"object","properties":{"x":{"type":"object"}}})";
        QTest::newRow("const and type array") << "openapi" << R"({"type":"object","properties":{"kind":{"const":"edit"},"n":{"type":["integer","null"],"exclusiveMinimum":0},"u":{"type":"string","format":"uri"},"t":{"type":"string","format":"date-time"}}})"
            << R"({"type":"object","properties":{"kind":{"enum":["edit"],"type":"string"},"n":{"type":"integer","nullable":true},"u":{"type":"string"},"t":{"type":"string","format":"date-time"}}})";
        QTest::newRow("union first") << "openapi" << R"({"type":"object","properties":{"v":{"oneOf":[{"type":"number"},{"type":"string"}],"description":"value"}}})"
            << R"({"type":"object","properties":{"v":{"description":"value","type":"number"}}})";
        QTest::newRow("allOf merged") << "openapi" << R"({"allOf":[{"type":"object","properties":{"a":{"type":"string"}},"required":["a"]},{"properties":{"b":{"type":"integer"}}}]})"
            << R"({"type":"object","properties":{"a":{"type":"string"},"b":{"type":"integer"}},"required":["a"]})";
        QTest::newRow("empty props openapi") << "openapi" << R"({"type":"object","properties":{}})" << R"({"type":"object"})";
        QTest::newRow("empty props json") << "json" << R"({"type":"object","properties":{}})" << R"({"type":"object","properties":{}})";
        QTest::newRow("enum numbers") << "openapi" << R"({"type":"integer","enum":[1,2,null]})" << R"({"type":"string","enum":["1","2"],"nullable":true})";
        QTest::newRow("null schema") << "json" << "null" << R"({"type":"object"})";
    }
    void sanitizer()
    {
        QFETCH(QString, target);
        QFETCH(QString, input);
        QFETCH(QString, expected);
        const auto t = target == "json" ? lip::gemini::SchemaTarget::JsonSchema : lip::gemini::SchemaTarget::OpenApi;
        const auto out = lip::gemini::sanitizeSchema(json::parse(input.toStdString()), t);
        QCOMPARE(QString::fromStdString(json::serialize(out)), expected);
    }

    void deepSchemaDoesNotCrash()
    {
        std::string s;
        for (int i = 0; i < 5000; ++i)
            s += R"({"type":"object","properties":{"x":)";
        s += "{}";
        for (int i = 0; i < 5000; ++i)
            s += "}}";
        boost::json::parse_options opt;
        opt.max_depth = 100000;
        const auto v = json::parse(s, {}, opt);
        const auto out = lip::gemini::sanitizeSchema(v, lip::gemini::SchemaTarget::OpenApi);
        QVERIFY(out.is_object());
    }

    void errors_data()
    {
        QTest::addColumn<int>("status");
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<int>("category");
        QTest::addColumn<int>("retryMs");
        QTest::addColumn<QByteArray>("type");
        QTest::newRow("429") << 429 << QByteArray(R"({"error":{"code":429,"message":"Resource has been exhausted (e.g. check quota).","status":"RESOURCE_EXHAUSTED","details":[{"@type":"type.googleapis.com/google.rpc.RetryInfo","retryDelay":"1.5s"}]}})")
                             << int(lip::ErrorCategory::RateLimited) << 1500 << QByteArray("RESOURCE_EXHAUSTED");
        QTest::newRow("bad key") << 400 << QByteArray(R"({"error":{"code":400,"message":"API key not valid. Please pass a valid API key.","status":"INVALID_ARGUMENT","details":[{"@type":"type.googleapis.com/google.rpc.ErrorInfo","reason":"API_KEY_INVALID","domain":"googleapis.com"}]}})")
                                 << int(lip::ErrorCategory::Authentication) << -1 << QByteArray("API_KEY_INVALID");
        QTest::newRow("no key") << 403 << QByteArray("{\"error\":{\"code\":403,\"message\":\"Method doesn't allow unregistered callers\",\"status\":\"PERMISSION_DENIED\"}}")
                                << int(lip::ErrorCategory::PermissionDenied) << -1 << QByteArray("PERMISSION_DENIED");
        QTest::newRow("invalid") << 400 << QByteArray(R"({"error":{"code":400,"message":"* contents is not specified","status":"INVALID_ARGUMENT"}})")
                                 << int(lip::ErrorCategory::InvalidRequest) << -1 << QByteArray("INVALID_ARGUMENT");
        QTest::newRow("not found") << 404 << QByteArray(R"({"error":{"code":404,"message":"models/x is not found","status":"NOT_FOUND"}})")
                                   << int(lip::ErrorCategory::NotFound) << -1 << QByteArray("NOT_FOUND");
        QTest::newRow("overloaded") << 503 << QByteArray(R"({"error":{"code":503,"message":"The model is overloaded.","status":"UNAVAILABLE"}})")
                                    << int(lip::ErrorCategory::Overloaded) << -1 << QByteArray("UNAVAILABLE");
        QTest::newRow("internal") << 500 << QByteArray(R"({"error":{"code":500,"message":"An internal error has occurred.","status":"INTERNAL"}})")
                                  << int(lip::ErrorCategory::Upstream) << -1 << QByteArray("INTERNAL");
        QTest::newRow("array wrapped") << 429 << QByteArray(R"([{"error":{"code":429,"message":"quota","status":"RESOURCE_EXHAUSTED"}}])")
                                       << int(lip::ErrorCategory::RateLimited) << 2000 << QByteArray("RESOURCE_EXHAUSTED");
        QTest::newRow("html") << 502 << QByteArray("<html>Bad Gateway</html>") << int(lip::ErrorCategory::Upstream) << -1 << QByteArray();
        QTest::newRow("timeout") << 504 << QByteArray(R"({"error":{"code":504,"message":"Deadline","status":"DEADLINE_EXCEEDED"}})")
                                 << int(lip::ErrorCategory::Timeout) << -1 << QByteArray("DEADLINE_EXCEEDED");
    }
    void errors()
    {
        QFETCH(int, status);
        QFETCH(QByteArray, body);
        QFETCH(int, category);
        QFETCH(int, retryMs);
        QFETCH(QByteArray, type);
        lip::HeaderList headers;
        if (status == 429)
            headers.append(qMakePair(QByteArray("Retry-After"), QByteArray("2")));
        const auto e = lip::geminiConnector().parseError(status, headers, body);
        QCOMPARE(int(e.category), category);
        QCOMPARE(e.upstreamStatus, status);
        QCOMPARE(e.upstreamType, type);
        QCOMPARE(e.retryAfterMs, retryMs);
        QVERIFY(!e.message.isEmpty());
    }

    void renderErrors_data()
    {
        QTest::addColumn<int>("category");
        QTest::addColumn<int>("status");
        QTest::addColumn<QString>("name");
        using C = lip::ErrorCategory;
        QTest::newRow("invalid") << int(C::InvalidRequest) << 400 << "INVALID_ARGUMENT";
        QTest::newRow("auth") << int(C::Authentication) << 401 << "UNAUTHENTICATED";
        QTest::newRow("perm") << int(C::PermissionDenied) << 403 << "PERMISSION_DENIED";
        QTest::newRow("notfound") << int(C::NotFound) << 404 << "NOT_FOUND";
        QTest::newRow("rate") << int(C::RateLimited) << 429 << "RESOURCE_EXHAUSTED";
        QTest::newRow("overloaded") << int(C::Overloaded) << 503 << "UNAVAILABLE";
        QTest::newRow("unreachable") << int(C::UpstreamUnreachable) << 503 << "UNAVAILABLE";
        QTest::newRow("internal") << int(C::Internal) << 500 << "INTERNAL";
        QTest::newRow("timeout") << int(C::Timeout) << 504 << "DEADLINE_EXCEEDED";
    }
    void renderErrors()
    {
        QFETCH(int, category);
        QFETCH(int, status);
        QFETCH(QString, name);
        auto e = lip::Error::make(lip::ErrorCategory(category), "went wrong");
        e.retryAfterMs = 1500;
        const auto reply = lip::geminiFrontend().renderError(e);
        QCOMPARE(reply.status, status);
        json::object env = parse(reply.body).as_object()["error"].as_object();
        QCOMPARE(env["code"].as_int64(), int64_t(status));
        QCOMPARE(QString::fromStdString(std::string(env["status"].as_string())), name);
        QCOMPARE(std::string(env["message"].as_string()), std::string("went wrong"));
        if (status == 429) {
            QCOMPARE(QByteArray::fromStdString(json::serialize(env["details"])),
                     QByteArray(R"([{"@type":"type.googleapis.com/google.rpc.RetryInfo","retryDelay":"1.500s"}])"));
            QVERIFY(reply.headers.contains(qMakePair(QByteArray("retry-after"), QByteArray("2"))));
        } else {
            QVERIFY(!env.contains("details"));
        }
        const QByteArray streamed = lip::geminiFrontend().renderStreamError(e);
        QVERIFY(streamed.startsWith("data: {\"error\":{"));
        QVERIFY(streamed.endsWith("}}\r\n\r\n"));
    }

    void modelListPaging()
    {
        std::vector<lip::ModelInfo> models;
        for (int i = 0; i < 7; ++i) {
            lip::ModelInfo m;
            m.id = "fake-" + std::to_string(i);
            models.push_back(m);
        }
        std::vector<std::string> seen;
        QByteArray token;
        for (int page = 0; page < 10; ++page) {
            auto body = lip::renderGeminiModelList(models, 3, token);
            QVERIFY(body.ok());
            auto o = parse(*body).as_object();
            for (const auto &m : o["models"].as_array()) {
                seen.emplace_back(m.as_object().at("name").as_string());
                QCOMPARE(m.as_object().at("supportedGenerationMethods").as_array().size(), size_t(3));
            }
            if (!o.contains("nextPageToken"))
                break;
            token = QByteArray(o["nextPageToken"].as_string().c_str());
        }
        QCOMPARE(seen.size(), size_t(7));
        QCOMPARE(seen.front(), std::string("models/fake-0"));
        QCOMPARE(seen.back(), std::string("models/fake-6"));
        QVERIFY(!lip::renderGeminiModelList(models, 3, "abc").ok());
        QVERIFY(!lip::renderGeminiModelList(models, 3, "99").ok());
        const auto one = parse(lip::renderGeminiModel(models[1])).as_object();
        QCOMPARE(std::string(one.at("name").as_string()), std::string("models/fake-1"));
        QCOMPARE(std::string(one.at("displayName").as_string()), std::string("fake-1"));
    }

    void parseModels()
    {
        const QByteArray body = R"({"models":[{"name":"models/gemini-2.5-pro","displayName":"Gemini 2.5 Pro","inputTokenLimit":1048576,"outputTokenLimit":65536,"supportedGenerationMethods":["generateContent","countTokens"]},
            {"name":"models/text-embedding-004","supportedGenerationMethods":["embedContent"]},{"name":"models/fake-text"}],"nextPageToken":"x"})";
        auto models = lip::geminiConnector().parseModels(body);
        QVERIFY(models.ok());
        QCOMPARE(models->size(), size_t(2));
        QCOMPARE((*models)[0].id, std::string("gemini-2.5-pro"));
        QCOMPARE((*models)[0].displayName, std::string("Gemini 2.5 Pro"));
        QCOMPARE((*models)[0].inputTokenLimit, int64_t(1048576));
        QCOMPARE((*models)[1].id, std::string("fake-text"));
        QVERIFY(!lip::geminiConnector().parseModels("{\"models\":").ok());
    }

    void countTokensGrows()
    {
        const auto small = json::parse(R"({"contents":[{"parts":[{"text":"Short."}]}]})").as_object();
        json::object large = json::parse(R"({"generateContentRequest":{"contents":[{"parts":[{"text":""}]}]}})").as_object();
        std::string text;
        for (int i = 0; i < 50; ++i)
            text += "A much longer input. ";
        large["generateContentRequest"].as_object()["contents"].as_array()[0].as_object()["parts"].as_array()[0].as_object()["text"] = text;
        const auto a = parse(lip::gemini::renderCountTokens(small)).as_object().at("totalTokens").as_int64();
        const auto b = parse(lip::gemini::renderCountTokens(large)).as_object().at("totalTokens").as_int64();
        QVERIFY(a > 0);
        QVERIFY(b > a);
    }

    void streamFormSelection()
    {
        using F = lip::gemini::StreamForm;
        QCOMPARE(lip::gemini::streamFormFor(false, "alt=sse"), F::Whole);
        QCOMPARE(lip::gemini::streamFormFor(true, "alt=sse"), F::Sse);
        QCOMPARE(lip::gemini::streamFormFor(true, "key=k&alt=sse"), F::Sse);
        QCOMPARE(lip::gemini::streamFormFor(true, ""), F::JsonArray);
        QCOMPARE(lip::gemini::streamFormFor(true, "alt=json"), F::JsonArray);
    }
};

QTEST_GUILESS_MAIN(TestGeminiTranslate)
#include "tst_gemini_translate.moc"
