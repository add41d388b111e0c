// SPDX-License-Identifier: GPL-3.0-or-later
// OpenAI Chat frontend + connector: golden translations (request round trip, stream and body
// re-encoding), odd stream splits, errors, models. Regenerate goldens with LIP_UPDATE_GOLDEN=1
// (then review the diff: a golden is only as good as the person who read it).

#include "backends/openai_chat/openaichatconnector.h"
#include "backends/openai_chat/openaichatdecoder.h"
#include "frontends/openai_chat/openaichatencoder.h"
#include "frontends/openai_chat/openaichatfrontend.h"
#include "frontends/openai_chat/openaimodellist.h"
#include "server/httpserver.h"

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QLocale>
#include <QRandomGenerator>
#include <QTest>

using namespace lip;
namespace bj = boost::json;

namespace {

QString goldenDir()
{
    return qEnvironmentVariable("LIP_SOURCE_DIR") + QStringLiteral("/tests/unit/openai_chat/golden/");
}

bool updating()
{
    return qEnvironmentVariableIntValue("LIP_UPDATE_GOLDEN") == 1;
}

QByteArray readGolden(const QString &name)
{
    QFile f(goldenDir() + name);
    if (!f.open(QIODevice::ReadOnly))
        qFatal("missing golden file %s", qPrintable(f.fileName()));
    return f.readAll();
}

void writeGolden(const QString &name, const QByteArray &data)
{
    QFile f(goldenDir() + name);
    if (!f.open(QIODevice::WriteOnly | QIODevice::Truncate))
        qFatal("cannot write %s", qPrintable(f.fileName()));
    f.write(data);
}

std::string q(const std::string &s)
{
    return bj::serialize(bj::value(bj::string(s)));
}

// One line per event: what the decoder understood, readable in a diff.
QByteArray dump(const canon::Events &events)
{
    static const char *kinds[] = {"text", "image", "document", "tool_use", "tool_result", "thinking", "redacted_thinking"};
    std::string out;
    for (const canon::Event &e : events) {
        switch (e.type) {
        case canon::EventType::MessageStart: out += "message_start id=" + q(e.id) + " model=" + q(e.model); break;
        case canon::EventType::BlockStart:
            out += "block_start " + std::to_string(e.index) + " " + kinds[int(e.blockKind)];
            if (e.blockKind == canon::BlockKind::ToolUse)
                out += " id=" + q(e.id) + " name=" + q(e.name);
            break;
        case canon::EventType::TextDelta: out += "text " + std::to_string(e.index) + " " + q(e.text); break;
        case canon::EventType::ToolArgsDelta: out += "tool_args " + std::to_string(e.index) + " " + q(e.text); break;
        case canon::EventType::ThinkingDelta: out += "thinking " + std::to_string(e.index) + " " + q(e.text); break;
        case canon::EventType::Signature: out += "signature " + std::to_string(e.index) + " " + q(e.text); break;
        case canon::EventType::BlockStop: out += "block_stop " + std::to_string(e.index); break;
        case canon::EventType::Usage:
            out += "usage input=" + std::to_string(e.usage.input) + " output=" + std::to_string(e.usage.output)
                   + " cache_read=" + std::to_string(e.usage.cacheRead) + " cache_write=" + std::to_string(e.usage.cacheWrite)
                   + " reasoning=" + std::to_string(e.usage.reasoning);
            break;
        case canon::EventType::Finish: out += std::string("finish ") + canon::stopReasonName(e.stop); break;
        case canon::EventType::Error:
            out += std::string("error ") + errorCategoryName(e.error.category) + " " + q(e.error.message.toStdString());
            break;
        }
        out += "\n";
    }
    return QByteArray::fromStdString(out);
}

canon::Events decode(bool stream, const QByteArray &bytes, const std::vector<qsizetype> &cuts)
{
    auto decoder = openAIChatConnector().makeDecoder(stream);
    canon::Events events;
    qsizetype last = 0;
    for (qsizetype cut : cuts) {
        decoder->feed(std::string_view(bytes.constData() + last, size_t(cut - last)), events);
        last = cut;
    }
    decoder->feed(std::string_view(bytes.constData() + last, size_t(bytes.size() - last)), events);
    decoder->finish(events);
    return events;
}

QByteArray encode(const canon::Events &events, bool stream, bool includeUsage)
{
    OpenAIChatEncoder encoder("client-model", stream, includeUsage);
    encoder.setIdentity("chatcmpl-test", 1700000000);
    QByteArray out;
    for (const canon::Event &e : events)
        encoder.encode(e, out);
    encoder.finish(out);
    return out;
}

bj::value parse(const QByteArray &bytes)
{
    return bj::parse(std::string_view(bytes.constData(), size_t(bytes.size())));
}

config::BackendConfig backendConfig(const QString &baseUrl)
{
    config::BackendConfig b;
    b.name = QStringLiteral("openai");
    b.type = QStringLiteral("openai");
    b.baseUrl = baseUrl;
    b.apiKeys = {QStringLiteral("sk-test-key-1234")};
    b.extraHeaders = {{"X-Extra", "1"}};
    b.timeoutSeconds = 42;
    return b;
}

Result<InboundRequest> inboundFrom(const QByteArray &body)
{
    server::HttpRequest http;
    http.method = "POST";
    http.path = "/v1/chat/completions";
    http.body = body;
    return openAIChatFrontend().inbound(http, {}, false);
}

QByteArray header(const HeaderList &headers, const QByteArray &name)
{
    for (const auto &h : headers) {
        if (h.first.compare(name, Qt::CaseInsensitive) == 0)
            return h.second;
    }
    return {};
}

} // namespace

class TestOpenAIChat : public QObject
{
    Q_OBJECT

private slots:
    void requestRoundTrip_data();
    void requestRoundTrip();
    void canonicalDetails();
    void inboundValidation_data();
    void inboundValidation();
    void toCanonicalErrors_data();
    void toCanonicalErrors();

    void streamGolden_data();
    void streamGolden();
    void streamEverySplit_data();
    void streamEverySplit();
    void bodyGolden_data();
    void bodyGolden();
    void encoderToolIndices();
    void encoderNonStreamError();

    void connectorRequestShape();
    void connectorEffortFromBudget_data();
    void connectorEffortFromBudget();
    void passthrough();

    void renderError_data();
    void renderError();
    void parseError_data();
    void parseError();
    void retryAfterDate();
    void models();
    void garbageNeverCrashes();
};

// ---- requests --------------------------------------------------------------------------------

void TestOpenAIChat::requestRoundTrip_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("baseUrl");
    for (const char *n : {"basic", "tools", "multimodal", "structured"})
        QTest::newRow(n) << QString::fromLatin1(n) << QStringLiteral("http://127.0.0.1:39080/v1/");
    QTest::newRow("official") << QStringLiteral("official") << QStringLiteral("https://api.openai.com/v1");
}

void TestOpenAIChat::requestRoundTrip()
{
    QFETCH(QString, name);
    QFETCH(QString, baseUrl);
    const QByteArray client = readGolden(QStringLiteral("request_%1.json").arg(name));
    auto in = inboundFrom(client);
    QVERIFY2(in.ok(), qPrintable(in.ok() ? QString() : in.error().message));
    auto canonical = openAIChatFrontend().toCanonical(*in);
    QVERIFY2(canonical.ok(), qPrintable(canonical.ok() ? QString() : canonical.error().message));

    const config::BackendConfig backend = backendConfig(baseUrl);
    BackendContext ctx;
    ctx.backend = &backend;
    ctx.apiKey = backend.apiKeys.first();
    auto up = openAIChatConnector().buildRequest(*canonical, ctx);
    QVERIFY(up.ok());
    QCOMPARE(up->url.toString(), baseUrl.endsWith(QLatin1Char('/')) ? baseUrl + QStringLiteral("chat/completions")
                                                                      : baseUrl + QStringLiteral("/chat/completions"));

    const QString expectedName = QStringLiteral("request_%1.expected.json").arg(name);
    if (updating()) {
        bj::value v = parse(up->body);
        writeGolden(expectedName, QByteArray::fromStdString(bj::serialize(v)) + '\n');
    }
    const bj::value expected = parse(readGolden(expectedName));
    const bj::value actual = parse(up->body);
    if (expected != actual) {
        qWarning("actual: %s", up->body.constData());
        QFAIL("upstream body differs from the golden");
    }
}

void TestOpenAIChat::canonicalDetails()
{
    auto in = inboundFrom(readGolden(QStringLiteral("request_tools.json")));
    QVERIFY(in.ok());
    QCOMPARE(in->model, std::string("gpt-4o"));
    QVERIFY(in->stream);
    auto r = openAIChatFrontend().toCanonical(*in);
    QVERIFY(r.ok());
    // system + developer both land in system, in order.
    QCOMPARE(r->system.size(), size_t(2));
    QCOMPARE(r->system[1].text, std::string("Be brief."));
    // user, assistant(thinking, text, 2 tool uses), user(2 merged tool results), user
    QCOMPARE(r->messages.size(), size_t(4));
    const canon::Message &assistant = r->messages[1];
    QCOMPARE(assistant.content.size(), size_t(4));
    QCOMPARE(assistant.content[0].kind, canon::BlockKind::Thinking);
    QCOMPARE(assistant.content[2].kind, canon::BlockKind::ToolUse);
    QCOMPARE(assistant.content[2].input.at("city").as_string(), bj::string("Paris"));
    QVERIFY(assistant.content[3].input.is_string()); // unparsable arguments kept verbatim
    const canon::Message &results = r->messages[2];
    QCOMPARE(results.role, canon::Role::User);
    QCOMPARE(results.content.size(), size_t(2));
    QCOMPARE(results.content[1].kind, canon::BlockKind::ToolResult);
    QCOMPARE(results.content[1].toolId, std::string("call_2"));
    QCOMPARE(r->toolChoice.mode, canon::ToolChoice::Mode::Named);
    QVERIFY(r->toolChoice.disableParallel);
    QCOMPARE(r->tools.size(), size_t(2));
    QVERIFY(r->tools[0].extensions.contains("strict"));
    QVERIFY(r->includeUsage);

    auto mm = inboundFrom(readGolden(QStringLiteral("request_multimodal.json")));
    QVERIFY(mm.ok());
    auto m = openAIChatFrontend().toCanonical(*mm);
    QVERIFY(m.ok());
    const auto &parts = m->messages[0].content;
    QCOMPARE(parts[1].kind, canon::BlockKind::Image);
    QCOMPARE(parts[1].media.kind, canon::MediaSource::Kind::Base64);
    QCOMPARE(parts[1].media.mediaType, std::string("image/png"));
    QCOMPARE(parts[1].media.data, std::string("iVBORw0KGgo="));
    QCOMPARE(parts[2].media.kind, canon::MediaSource::Kind::Url);
    QCOMPARE(parts[3].kind, canon::BlockKind::Document);
    QCOMPARE(parts.size(), size_t(4)); // input_audio dropped
}

void TestOpenAIChat::inboundValidation_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QString>("param"); // "-" = accepted
    QTest::addColumn<bool>("stream");
    QTest::newRow("ok") << QByteArray(R"({"model":"m","messages":[]})") << QStringLiteral("-") << false;
    QTest::newRow("stream") << QByteArray(R"({"model":"m","messages":[],"stream":true})") << QStringLiteral("-") << true;
    QTest::newRow("stream string") << QByteArray(R"({"model":"m","messages":[],"stream":"true"})") << QStringLiteral("-") << false;
    QTest::newRow("not json") << QByteArray("{model") << QString() << false;
    QTest::newRow("empty") << QByteArray() << QString() << false;
    QTest::newRow("array") << QByteArray("[]") << QString() << false;
    QTest::newRow("no model") << QByteArray(R"({"messages":[]})") << QStringLiteral("model") << false;
    QTest::newRow("model number") << QByteArray(R"({"model":4,"messages":[]})") << QStringLiteral("model") << false;
    QTest::newRow("no messages") << QByteArray(R"({"model":"m"})") << QStringLiteral("messages") << false;
    QTest::newRow("messages object") << QByteArray(R"({"model":"m","messages":{}})") << QStringLiteral("messages") << false;
    QTest::newRow("truncated") << QByteArray(R"({"model":"m","messages":[{"role":"user","content":"hi)") << QString() << false;
    QTest::newRow("deep schema")
        << QByteArray(R"({"model":"m","messages":[],"tools":[{"type":"function","function":{"name":"f","parameters":)"
                      + QByteArray(100, '[') + QByteArray(100, ']') + "}}]}")
        << QStringLiteral("-") << false;
}

void TestOpenAIChat::inboundValidation()
{
    QFETCH(QByteArray, body);
    QFETCH(QString, param);
    QFETCH(bool, stream);
    auto in = inboundFrom(body);
    if (param == QLatin1String("-")) {
        QVERIFY(in.ok());
        QCOMPARE(in->stream, stream);
        QCOMPARE(in->rawBody, body);
        return;
    }
    QVERIFY(!in.ok());
    QCOMPARE(in.error().category, ErrorCategory::InvalidRequest);
    QCOMPARE(in.error().param, param);
    const ErrorReply reply = openAIChatFrontend().renderError(in.error());
    QCOMPARE(reply.status, 400);
}

void TestOpenAIChat::toCanonicalErrors_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QString>("param");
    QTest::newRow("bad role") << QByteArray(R"({"model":"m","messages":[{"role":"robot","content":"x"}]})") << QStringLiteral("messages[0].role");
    QTest::newRow("no role") << QByteArray(R"({"model":"m","messages":[{"content":"x"}]})") << QStringLiteral("messages[0].role");
    QTest::newRow("message not object") << QByteArray(R"({"model":"m","messages":["hi"]})") << QStringLiteral("messages[0]");
    QTest::newRow("content number") << QByteArray(R"({"model":"m","messages":[{"role":"user","content":5}]})") << QStringLiteral("messages[0].content");
    QTest::newRow("part without type") << QByteArray(R"({"model":"m","messages":[{"role":"user","content":[{"text":"a"}]}]})") << QStringLiteral("messages[0].content[0].type");
    QTest::newRow("tool without id") << QByteArray(R"({"model":"m","messages":[{"role":"tool","content":"a"}]})") << QStringLiteral("messages[0].tool_call_id");
    QTest::newRow("temperature string") << QByteArray(R"({"model":"m","messages":[],"temperature":"hot"})") << QStringLiteral("temperature");
    QTest::newRow("max_tokens float") << QByteArray(R"({"model":"m","messages":[],"max_tokens":1.5})") << QStringLiteral("max_tokens");
    QTest::newRow("stop number") << QByteArray(R"({"model":"m","messages":[],"stop":3})") << QStringLiteral("stop");
    QTest::newRow("tool no name") << QByteArray(R"({"model":"m","messages":[],"tools":[{"type":"function","function":{}}]})") << QStringLiteral("tools[0].function.name");
    QTest::newRow("tool_choice bad") << QByteArray(R"({"model":"m","messages":[],"tool_choice":"sometimes"})") << QStringLiteral("tool_choice");
    QTest::newRow("response_format bad") << QByteArray(R"({"model":"m","messages":[],"response_format":{"type":"yaml"}})") << QStringLiteral("response_format.type");
}

void TestOpenAIChat::toCanonicalErrors()
{
    QFETCH(QByteArray, body);
    QFETCH(QString, param);
    auto in = inboundFrom(body);
    QVERIFY(in.ok());
    auto r = openAIChatFrontend().toCanonical(*in);
    QVERIFY(!r.ok());
    QCOMPARE(r.error().category, ErrorCategory::InvalidRequest);
    QCOMPARE(r.error().param, param);
    QVERIFY(!r.error().message.isEmpty());
}

// ---- responses -------------------------------------------------------------------------------

void TestOpenAIChat::streamGolden_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<bool>("includeUsage");
    QTest::newRow("text") << QStringLiteral("stream_text") << true;
    QTest::newRow("text without usage") << QStringLiteral("stream_text_nousage") << false;
    QTest::newRow("thinking") << QStringLiteral("stream_thinking") << true;
    QTest::newRow("parallel tools") << QStringLiteral("stream_tools_parallel") << true;
    QTest::newRow("error chunk") << QStringLiteral("stream_error") << true;
    QTest::newRow("truncated") << QStringLiteral("stream_truncated") << true;
    QTest::newRow("malformed") << QStringLiteral("stream_malformed") << true;
    QTest::newRow("compat crlf") << QStringLiteral("stream_compat") << true;
}

void TestOpenAIChat::streamGolden()
{
    QFETCH(QString, name);
    QFETCH(bool, includeUsage);
    const QByteArray upstream = readGolden(name + QStringLiteral(".sse"));
    const canon::Events events = decode(true, upstream, {});
    const QByteArray encoded = encode(events, true, includeUsage);
    if (updating()) {
        writeGolden(name + QStringLiteral(".events"), dump(events));
        writeGolden(name + QStringLiteral(".expected.sse"), encoded);
    }
    QCOMPARE(dump(events), readGolden(name + QStringLiteral(".events")));
    QCOMPARE(encoded, readGolden(name + QStringLiteral(".expected.sse")));

    // The same bytes in odd pieces decode to the same events.
    std::vector<qsizetype> bytewise;
    for (qsizetype i = 1; i < upstream.size(); ++i)
        bytewise.push_back(i);
    QCOMPARE(dump(decode(true, upstream, bytewise)), dump(events));
    std::vector<qsizetype> odd;
    for (qsizetype i = 7, step = 3; i < upstream.size(); step = step * 2 % 61 + 1, i += step)
        odd.push_back(i);
    QCOMPARE(dump(decode(true, upstream, odd)), dump(events));
}

void TestOpenAIChat::streamEverySplit_data()
{
    QTest::addColumn<QString>("name");
    QTest::newRow("text") << QStringLiteral("stream_text");
    QTest::newRow("parallel tools") << QStringLiteral("stream_tools_parallel");
    QTest::newRow("compat crlf") << QStringLiteral("stream_compat");
}

void TestOpenAIChat::streamEverySplit()
{
    QFETCH(QString, name);
    const QByteArray upstream = readGolden(name + QStringLiteral(".sse"));
    const QByteArray whole = dump(decode(true, upstream, {}));
    for (qsizetype cut = 1; cut < upstream.size(); ++cut) {
        const QByteArray split = dump(decode(true, upstream, {cut}));
        if (split != whole)
            QFAIL(qPrintable(QStringLiteral("split at byte %1 decodes differently").arg(cut)));
        for (qsizetype cut2 = cut + 1; cut2 < upstream.size() && cut2 < cut + 40; cut2 += 13) {
            if (dump(decode(true, upstream, {cut, cut2})) != whole)
                QFAIL(qPrintable(QStringLiteral("splits at %1,%2 decode differently").arg(cut).arg(cut2)));
        }
    }
}

void TestOpenAIChat::bodyGolden_data()
{
    QTest::addColumn<QString>("name");
    QTest::newRow("text") << QStringLiteral("completion_text");
    QTest::newRow("tools + reasoning") << QStringLiteral("completion_tools");
    QTest::newRow("error body") << QStringLiteral("completion_error");
    QTest::newRow("truncated") << QStringLiteral("completion_truncated");
}

void TestOpenAIChat::bodyGolden()
{
    QFETCH(QString, name);
    const QByteArray upstream = readGolden(name + QStringLiteral(".json"));
    const canon::Events events = decode(false, upstream, {upstream.size() / 3, upstream.size() / 2});
    const QByteArray encoded = encode(events, false, false);
    if (updating()) {
        writeGolden(name + QStringLiteral(".events"), dump(events));
        writeGolden(name + QStringLiteral(".expected.json"), encoded + '\n');
    }
    QCOMPARE(dump(events), readGolden(name + QStringLiteral(".events")));
    QCOMPARE(encoded + '\n', readGolden(name + QStringLiteral(".expected.json")));
    // The streamed rendering of the same events says the same thing.
    const QByteArray streamed = encode(events, true, true);
    QVERIFY(streamed.endsWith("data: [DONE]\n\n") || streamed.startsWith("data: {\"error\""));
}

void TestOpenAIChat::encoderToolIndices()
{
    // Block indices (thinking 0, text 1, tools 2 and 3) are not Chat tool indices (0 and 1).
    canon::Events events;
    auto ev = [&](canon::EventType t, int index, canon::BlockKind kind = canon::BlockKind::Text, std::string text = {},
                  std::string id = {}, std::string name = {}) {
        canon::Event e;
        e.type = t;
        e.index = index;
        e.blockKind = kind;
        e.text = std::move(text);
        e.id = std::move(id);
        e.name = std::move(name);
        events.push_back(std::move(e));
    };
    ev(canon::EventType::MessageStart, -1, canon::BlockKind::Text, {}, "msg_01ABC");
    ev(canon::EventType::BlockStart, 0, canon::BlockKind::Thinking);
    ev(canon::EventType::ThinkingDelta, 0, canon::BlockKind::Thinking, "hmm");
    ev(canon::EventType::Signature, 0, canon::BlockKind::Thinking, "sig");
    ev(canon::EventType::BlockStop, 0);
    ev(canon::EventType::BlockStart, 1);
    ev(canon::EventType::TextDelta, 1, canon::BlockKind::Text, "Checking.");
    ev(canon::EventType::BlockStop, 1);
    ev(canon::EventType::BlockStart, 2, canon::BlockKind::ToolUse, {}, "toolu_1", "get_weather");
    ev(canon::EventType::ToolArgsDelta, 2, canon::BlockKind::ToolUse, "{\"city\":");
    ev(canon::EventType::BlockStart, 3, canon::BlockKind::ToolUse, {}, "toolu_2", "get_weather");
    ev(canon::EventType::ToolArgsDelta, 3, canon::BlockKind::ToolUse, "{\"city\":\"London\"}");
    ev(canon::EventType::ToolArgsDelta, 2, canon::BlockKind::ToolUse, "\"Paris\"}");
    ev(canon::EventType::BlockStop, 2);
    ev(canon::EventType::BlockStop, 3);
    canon::Event fin;
    fin.type = canon::EventType::Finish;
    fin.stop = canon::StopReason::ToolUse;
    events.push_back(fin);

    OpenAIChatEncoder enc("m", true, false);
    QByteArray out;
    for (const auto &e : events)
        enc.encode(e, out);
    enc.finish(out);
    QVERIFY(out.contains(R"("tool_calls":[{"index":0,"id":"toolu_1","type":"function","function":{"name":"get_weather","arguments":""}}])"));
    QVERIFY(out.contains(R"("tool_calls":[{"index":1,"id":"toolu_2")"));
    QVERIFY(out.contains(R"({"index":0,"function":{"arguments":"\"Paris\"}"}})"));
    QVERIFY(out.contains(R"("finish_reason":"tool_calls")"));
    QVERIFY(out.contains(R"("id":"chatcmpl-msg_01ABC")"));
    QVERIFY(!out.contains("\"usage\""));
    QVERIFY(out.endsWith("data: [DONE]\n\n"));

    // Through the Chat decoder again: both calls with whole arguments.
    const canon::Events again = decode(true, out, {});
    QByteArray args;
    for (const auto &e : again) {
        if (e.type == canon::EventType::ToolArgsDelta)
            args += QByteArray::number(e.index) + ':' + QByteArray::fromStdString(e.text) + ' ';
    }
    QCOMPARE(args, QByteArray(R"(2:{"city": 3:{"city":"London"} 2:"Paris"} )"));

    // Non-stream: a completion with content null and both calls.
    OpenAIChatEncoder body("m", false, false);
    QByteArray json;
    for (const auto &e : events)
        body.encode(e, json);
    body.finish(json);
    const bj::value v = parse(json);
    const auto &msg = v.at("choices").at(0).at("message");
    QCOMPARE(msg.at("content").as_string(), bj::string("Checking."));
    QCOMPARE(msg.at("reasoning_content").as_string(), bj::string("hmm"));
    QCOMPARE(msg.at("tool_calls").at(0).at("function").at("arguments").as_string(), bj::string(R"({"city":"Paris"})"));
    QCOMPARE(msg.at("tool_calls").at(1).at("id").as_string(), bj::string("toolu_2"));
}

void TestOpenAIChat::encoderNonStreamError()
{
    canon::Event e;
    e.type = canon::EventType::Error;
    e.error = Error::make(ErrorCategory::Overloaded, QStringLiteral("busy"));
    OpenAIChatEncoder enc("m", false, false);
    QByteArray out;
    enc.encode(e, out);
    enc.finish(out);
    QCOMPARE(out, QByteArray(R"({"error":{"message":"busy","type":"server_error","param":null,"code":"overloaded"}})"));
}

// ---- connector -------------------------------------------------------------------------------

void TestOpenAIChat::connectorRequestShape()
{
    config::BackendConfig backend = backendConfig(QStringLiteral("http://localhost:11434/v1"));
    BackendContext ctx;
    ctx.backend = &backend;
    canon::Request r;
    r.model = "llama3";
    r.stream = true;
    canon::Message m;
    canon::ContentBlock b;
    b.text = "hi";
    m.content.push_back(b);
    r.messages.push_back(m);
    r.sampling.topK = 40;
    r.extensions["thinking"] = bj::object{{"type", "enabled"}}; // another dialect's field: dropped
    r.extensions["logprobs"] = true;                          // a Chat field: kept

    auto up = openAIChatConnector().buildRequest(r, ctx);
    QVERIFY(up.ok());
    QCOMPARE(up->method, QByteArray("POST"));
    QCOMPARE(up->url.toString(), QStringLiteral("http://localhost:11434/v1/chat/completions"));
    QVERIFY(header(up->headers, "Authorization").isEmpty()); // keyless local backend
    QCOMPARE(header(up->headers, "Accept"), QByteArray("text/event-stream"));
    QCOMPARE(header(up->headers, "Content-Type"), QByteArray("application/json"));
    QCOMPARE(header(up->headers, "X-Extra"), QByteArray("1"));
    QCOMPARE(up->idleTimeoutMs, 42000);
    const bj::value body = parse(up->body);
    QCOMPARE(body.at("stream_options").at("include_usage").as_bool(), true);
    QCOMPARE(body.at("top_k").as_int64(), 40);
    QCOMPARE(body.at("messages").at(0).at("content").as_string(), bj::string("hi"));
    QVERIFY(!body.as_object().contains("thinking"));
    QVERIFY(body.as_object().contains("logprobs"));

    ctx.apiKey = QStringLiteral("sk-abc");
    auto models = openAIChatConnector().buildModelsRequest(ctx);
    QVERIFY(models.ok());
    QCOMPARE(models->method, QByteArray("GET"));
    QCOMPARE(models->url.toString(), QStringLiteral("http://localhost:11434/v1/models"));
    QCOMPARE(header(models->headers, "Authorization"), QByteArray("Bearer sk-abc"));
    QVERIFY(models->body.isEmpty());

    backend.baseUrl = QStringLiteral("not a url");
    QVERIFY(!openAIChatConnector().buildRequest(r, ctx).ok());
    BackendContext none;
    QVERIFY(!openAIChatConnector().buildRequest(r, none).ok());
}

void TestOpenAIChat::connectorEffortFromBudget_data()
{
    QTest::addColumn<qint64>("budget");
    QTest::addColumn<QString>("effort");
    QTest::newRow("1024") << qint64(1024) << QStringLiteral("low");
    QTest::newRow("1025") << qint64(1025) << QStringLiteral("medium");
    QTest::newRow("8192") << qint64(8192) << QStringLiteral("medium");
    QTest::newRow("8193") << qint64(8193) << QStringLiteral("high");
}

void TestOpenAIChat::connectorEffortFromBudget()
{
    QFETCH(qint64, budget);
    QFETCH(QString, effort);
    config::BackendConfig backend = backendConfig(QStringLiteral("https://api.openai.com/v1"));
    BackendContext ctx;
    ctx.backend = &backend;
    canon::Request r;
    r.model = "o3";
    r.reasoning.budgetTokens = budget;
    r.reasoning.enabled = true;
    auto up = openAIChatConnector().buildRequest(r, ctx);
    QVERIFY(up.ok());
    QCOMPARE(QString::fromStdString(std::string(parse(up->body).at("reasoning_effort").as_string())), effort);
    QCOMPARE(header(up->headers, "Accept"), QByteArray("application/json"));
}

void TestOpenAIChat::passthrough()
{
    const QByteArray raw = "{ \"model\" : \"openai:gpt-4o\",\n \"messages\":[{\"role\":\"user\",\"content\":\"model\",\"model\":1}],"
                           " \"temperature\": 0.20, \"x_unknown\": {\"b\":1,\"a\":2}, \"stream\": true }";
    auto in = inboundFrom(raw);
    QVERIFY(in.ok());
    config::BackendConfig backend = backendConfig(QStringLiteral("http://127.0.0.1:39080/v1"));
    BackendContext ctx;
    ctx.backend = &backend;
    ctx.apiKey = QStringLiteral("test-key");
    auto up = openAIChatConnector().buildPassthrough(*in, "gpt-4o \"mini\"", ctx);
    QVERIFY(up.ok());
    QCOMPARE(up->body, QByteArray("{ \"model\" : \"gpt-4o \\\"mini\\\"\",\n \"messages\":[{\"role\":\"user\",\"content\":\"model\",\"model\":1}],"
                                  " \"temperature\": 0.20, \"x_unknown\": {\"b\":1,\"a\":2}, \"stream\": true }"));
    QCOMPARE(header(up->headers, "Authorization"), QByteArray("Bearer test-key"));
    QCOMPARE(header(up->headers, "Accept"), QByteArray("text/event-stream"));
    QCOMPARE(up->url.toString(), QStringLiteral("http://127.0.0.1:39080/v1/chat/completions"));

    InboundRequest broken = *in;
    broken.rawBody = "{\"model\":";
    QVERIFY(!openAIChatConnector().buildPassthrough(broken, "x", ctx).ok());
}

// ---- errors ----------------------------------------------------------------------------------

void TestOpenAIChat::renderError_data()
{
    QTest::addColumn<int>("category");
    QTest::addColumn<int>("upstreamStatus");
    QTest::addColumn<int>("retryAfterMs");
    QTest::addColumn<int>("status");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QByteArray>("retryAfter");
    auto row = [](const char *name, ErrorCategory c, int up, int retry, int status, const char *body, const char *ra) {
        QTest::newRow(name) << int(c) << up << retry << status << QByteArray(body) << QByteArray(ra);
    };
    row("invalid", ErrorCategory::InvalidRequest, 0, -1, 400, R"({"error":{"message":"m","type":"invalid_request_error","param":"p","code":null}})", "");
    row("auth", ErrorCategory::Authentication, 0, -1, 401, R"({"error":{"message":"m","type":"invalid_request_error","param":"p","code":"invalid_api_key"}})", "");
    row("permission", ErrorCategory::PermissionDenied, 0, -1, 403, R"({"error":{"message":"m","type":"invalid_request_error","param":"p","code":"permission_denied"}})", "");
    row("not found", ErrorCategory::NotFound, 0, -1, 404, R"({"error":{"message":"m","type":"invalid_request_error","param":"p","code":"not_found"}})", "");
    row("too large", ErrorCategory::RequestTooLarge, 0, -1, 413, R"({"error":{"message":"m","type":"invalid_request_error","param":"p","code":"request_too_large"}})", "");
    row("rate limited", ErrorCategory::RateLimited, 429, 1500, 429, R"({"error":{"message":"m","type":"requests","param":"p","code":"rate_limit_exceeded"}})", "2");
    row("overloaded", ErrorCategory::Overloaded, 529, -1, 503, R"({"error":{"message":"m","type":"server_error","param":"p","code":"overloaded"}})", "");
    row("upstream 500", ErrorCategory::Upstream, 500, -1, 500, R"({"error":{"message":"m","type":"server_error","param":"p","code":null}})", "");
    row("upstream 422", ErrorCategory::Upstream, 422, -1, 422, R"({"error":{"message":"m","type":"invalid_request_error","param":"p","code":null}})", "");
    row("upstream none", ErrorCategory::Upstream, 0, -1, 502, R"({"error":{"message":"m","type":"server_error","param":"p","code":null}})", "");
    row("unreachable", ErrorCategory::UpstreamUnreachable, 0, -1, 502, R"({"error":{"message":"m","type":"server_error","param":"p","code":"upstream_unreachable"}})", "");
    row("protocol", ErrorCategory::UpstreamProtocol, 200, -1, 502, R"({"error":{"message":"m","type":"server_error","param":"p","code":"upstream_protocol_error"}})", "");
    row("timeout", ErrorCategory::Timeout, 0, -1, 504, R"({"error":{"message":"m","type":"server_error","param":"p","code":"timeout"}})", "");
    row("unsupported", ErrorCategory::Unsupported, 0, -1, 400, R"({"error":{"message":"m","type":"invalid_request_error","param":"p","code":"unsupported"}})", "");
    row("internal", ErrorCategory::Internal, 0, 0, 500, R"({"error":{"message":"m","type":"server_error","param":"p","code":null}})", "0");
}

void TestOpenAIChat::renderError()
{
    QFETCH(int, category);
    QFETCH(int, upstreamStatus);
    QFETCH(int, retryAfterMs);
    QFETCH(int, status);
    QFETCH(QByteArray, body);
    QFETCH(QByteArray, retryAfter);
    Error e = Error::make(ErrorCategory(category), QStringLiteral("m"), QStringLiteral("p"));
    e.upstreamStatus = upstreamStatus;
    e.retryAfterMs = retryAfterMs;
    const ErrorReply reply = openAIChatFrontend().renderError(e);
    QCOMPARE(reply.status, status);
    QCOMPARE(reply.body, body);
    QCOMPARE(reply.contentType, QByteArray("application/json"));
    QCOMPARE(header(reply.headers, "retry-after"), retryAfter);
    QCOMPARE(openAIChatFrontend().renderStreamError(e), "data: " + body + "\n\n");
}

void TestOpenAIChat::parseError_data()
{
    QTest::addColumn<int>("status");
    QTest::addColumn<QByteArray>("retryHeader");
    QTest::addColumn<QByteArray>("retryValue");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<int>("category");
    QTest::addColumn<QString>("message");
    QTest::addColumn<QByteArray>("type");
    QTest::addColumn<int>("retryMs");
    auto row = [](const char *name, int status, const char *h, const char *hv, const QByteArray &body, ErrorCategory c,
                  const QString &msg, const char *type, int retry) {
        QTest::newRow(name) << status << QByteArray(h) << QByteArray(hv) << body << int(c) << msg << QByteArray(type) << retry;
    };
    row("429 envelope", 429, "Retry-After", "1",
        R"({"error":{"message":"Rate limit reached","type":"requests","param":null,"code":"rate_limit_exceeded"}})",
        ErrorCategory::RateLimited, QStringLiteral("Rate limit reached"), "rate_limit_exceeded", 1000);
    row("429 retry-after-ms", 429, "retry-after-ms", "250", "{}", ErrorCategory::RateLimited, QStringLiteral("{}"), "", 250);
    row("401 key", 401, "", "",
        R"({"error":{"message":"Incorrect API key provided: sk-proj-abcdefghijklmnop1234.","type":"invalid_request_error","code":"invalid_api_key"}})",
        ErrorCategory::Authentication, QStringLiteral("Incorrect API key provided: sk-…1234."), "invalid_api_key", -1);
    row("400", 400, "", "", R"({"error":{"message":"bad","type":"invalid_request_error","param":"messages"}})",
        ErrorCategory::InvalidRequest, QStringLiteral("bad"), "invalid_request_error", -1);
    row("403", 403, "", "", R"({"error":"forbidden"})", ErrorCategory::PermissionDenied, QStringLiteral("forbidden"), "", -1);
    row("404 code only", 404, "", "", R"({"error":{"message":"no model","code":"model_not_found"}})", ErrorCategory::NotFound,
        QStringLiteral("no model"), "model_not_found", -1);
    row("408", 408, "", "", "", ErrorCategory::Timeout, QStringLiteral("The upstream provider answered HTTP 408."), "", -1);
    row("413", 413, "", "", "too big", ErrorCategory::RequestTooLarge, QStringLiteral("too big"), "", -1);
    row("500 html", 500, "", "", "  <html>Internal Server Error</html>\n", ErrorCategory::Upstream,
        QStringLiteral("<html>Internal Server Error</html>"), "", -1);
    row("502", 502, "", "", R"({"message":"bad gateway"})", ErrorCategory::Upstream, QStringLiteral("bad gateway"), "", -1);
    row("503", 503, "", "", "", ErrorCategory::Overloaded, QStringLiteral("The upstream provider answered HTTP 503."), "", -1);
    row("529", 529, "", "", R"({"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}})",
        ErrorCategory::Overloaded, QStringLiteral("Overloaded"), "overloaded_error", -1);
    row("504", 504, "", "", "", ErrorCategory::Timeout, QStringLiteral("The upstream provider answered HTTP 504."), "", -1);
    row("long body", 500, "", "", QByteArray(1000, 'x'), ErrorCategory::Upstream, QString(300, QLatin1Char('x')) + QStringLiteral("…"), "", -1);
    row("key in body", 500, "", "", "failed for key sk-live0123456789abcdefWXYZ and Bearer abcdefghijkl9876",
        ErrorCategory::Upstream, QStringLiteral("failed for key sk-…WXYZ and Bearer …9876"), "", -1);
}

void TestOpenAIChat::parseError()
{
    QFETCH(int, status);
    QFETCH(QByteArray, retryHeader);
    QFETCH(QByteArray, retryValue);
    QFETCH(QByteArray, body);
    QFETCH(int, category);
    QFETCH(QString, message);
    QFETCH(QByteArray, type);
    QFETCH(int, retryMs);
    HeaderList headers;
    if (!retryHeader.isEmpty())
        headers.append({retryHeader, retryValue});
    const Error e = openAIChatConnector().parseError(status, headers, body);
    QCOMPARE(errorCategoryName(e.category), errorCategoryName(ErrorCategory(category)));
    QCOMPARE(e.message, message);
    QCOMPARE(e.upstreamType, type);
    QCOMPARE(e.upstreamStatus, status);
    QCOMPARE(e.retryAfterMs, retryMs);
}

void TestOpenAIChat::retryAfterDate()
{
    const QDateTime when = QDateTime::currentDateTimeUtc().addSecs(30);
    const QByteArray date = QLocale::c().toString(when, QStringLiteral("ddd, dd MMM yyyy HH:mm:ss")).toLatin1() + " GMT";
    const Error e = openAIChatConnector().parseError(429, {{"Retry-After", date}}, "{}");
    QVERIFY2(e.retryAfterMs > 20000 && e.retryAfterMs <= 31000, qPrintable(QString::number(e.retryAfterMs)));
    const Error past = openAIChatConnector().parseError(429, {{"Retry-After", "Wed, 21 Oct 2015 07:28:00 GMT"}}, "{}");
    QCOMPARE(past.retryAfterMs, 0);
    const Error junk = openAIChatConnector().parseError(429, {{"Retry-After", "soon"}}, "{}");
    QCOMPARE(junk.retryAfterMs, -1);
}

void TestOpenAIChat::models()
{
    auto parsed = openAIChatConnector().parseModels(
        R"({"object":"list","data":[{"id":"fake-text","object":"model","created":1700000000,"owned_by":"fake"},{"id":"x"},{"nope":1}]})");
    QVERIFY(parsed.ok());
    QCOMPARE(parsed->size(), size_t(2));
    QCOMPARE(parsed->at(0).id, std::string("fake-text"));
    QCOMPARE(parsed->at(0).created, int64_t(1700000000));
    QCOMPARE(parsed->at(0).ownedBy, std::string("fake"));
    QVERIFY(!openAIChatConnector().parseModels("[]").ok());
    QVERIFY(!openAIChatConnector().parseModels("{\"data\":").ok());

    std::vector<std::pair<std::string, ModelInfo>> list;
    list.emplace_back("openai:fake-text", parsed->at(0));
    list.emplace_back("local:x", parsed->at(1));
    QCOMPARE(renderOpenAIModelList(list),
             QByteArray(R"({"object":"list","data":[{"id":"openai:fake-text","object":"model","created":1700000000,"owned_by":"fake"},)"
                        R"({"id":"local:x","object":"model","created":0,"owned_by":"local"}]})"));
}

void TestOpenAIChat::garbageNeverCrashes()
{
    // Mutated goldens and random bytes through every parser: an Error or a result, never a crash,
    // and a stream always ends with Finish or Error.
    QRandomGenerator rng(1234);
    const QStringList inputs{QStringLiteral("request_tools.json"), QStringLiteral("request_multimodal.json"),
                             QStringLiteral("stream_tools_parallel.sse"), QStringLiteral("stream_compat.sse"),
                             QStringLiteral("completion_tools.json")};
    config::BackendConfig backend = backendConfig(QStringLiteral("http://127.0.0.1:1/v1"));
    BackendContext ctx;
    ctx.backend = &backend;
    for (const QString &name : inputs) {
        const QByteArray original = readGolden(name);
        for (int round = 0; round < 300; ++round) {
            QByteArray bytes = original;
            const int edits = 1 + int(rng.bounded(4));
            for (int k = 0; k < edits && !bytes.isEmpty(); ++k) {
                const qsizetype at = qsizetype(rng.bounded(quint32(bytes.size())));
                switch (rng.bounded(3)) {
                case 0: bytes[at] = char(rng.bounded(256)); break;
                case 1: bytes.remove(at, 1 + qsizetype(rng.bounded(8))); break;
                default: bytes.truncate(at); break;
                }
            }
            if (auto in = inboundFrom(bytes); in.ok()) {
                if (auto c = openAIChatFrontend().toCanonical(*in); c.ok())
                    QVERIFY(openAIChatConnector().buildRequest(*c, ctx).ok());
                (void)openAIChatConnector().buildPassthrough(*in, "m", ctx);
            }
            for (bool stream : {true, false}) {
                const canon::Events events = decode(stream, bytes, {bytes.size() / 2});
                QVERIFY(!events.empty());
                const auto last = events.back().type;
                QVERIFY(last == canon::EventType::Finish || last == canon::EventType::Error);
                (void)encode(events, stream, true);
            }
            (void)openAIChatConnector().parseError(500, {}, bytes);
            (void)openAIChatConnector().parseModels(bytes);
        }
    }
}

QTEST_GUILESS_MAIN(TestOpenAIChat)
#include "tst_openaichat.moc"
