// SPDX-License-Identifier: GPL-3.0-or-later
// OpenAI Responses frontend + connector: goldens both ways (request → canonical → Responses /
// Chat body; upstream SSE/JSON → events → client SSE/JSON), the event grammar the openai SDK and
// Codex insist on, odd stream splits, reasoning and custom tools across dialects,
// previous_response_id through the store, and errors. Regenerate goldens with
// LIP_UPDATE_GOLDEN=1, then read the diff.

#include "backends/openai_chat/openaichatconnector.h"
#include "backends/openai_responses/openairesponsesconnector.h"
#include "frontends/openai_responses/openairesponsesencoder.h"
#include "frontends/openai_responses/openairesponsesfrontend.h"
#include "frontends/openai_responses/responsestore.h"
#include "server/httpserver.h"

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include <QFile>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

using namespace lip;
namespace bj = boost::json;

namespace {

QString goldenDir()
{
    return qEnvironmentVariable("LIP_SOURCE_DIR") + QStringLiteral("/tests/unit/openai_responses/golden/");
}

QByteArray readGolden(const QString &name)
{
    QFile f(goldenDir() + name);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    return f.readAll();
}

// Compares with a golden (JSON compared after normalising when `json`); LIP_UPDATE_GOLDEN=1
// rewrites it.
bool compareGolden(const QString &name, const QByteArray &actual, bool json)
{
    auto norm = [json](const QByteArray &b) -> QByteArray {
        if (!json)
            return b;
        bj::error_code ec;
        bj::value v = bj::parse(std::string_view(b.constData(), size_t(b.size())), ec);
        return ec ? "<not JSON> " + b : QByteArray::fromStdString(bj::serialize(v));
    };
    const QByteArray expected = readGolden(name);
    if (qEnvironmentVariableIntValue("LIP_UPDATE_GOLDEN") == 1 && norm(expected) != norm(actual)) {
        QFile f(goldenDir() + name);
        if (f.open(QIODevice::WriteOnly | QIODevice::Truncate))
            f.write(actual);
        return true;
    }
    if (norm(expected) == norm(actual))
        return true;
    qWarning().noquote() << "golden" << name << "differs.\nexpected:\n" << expected << "\nactual:\n" << actual;
    return false;
}

std::string q(const std::string &s)
{
    return bj::serialize(bj::value(bj::string(s)));
}

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

canon::Events decodeWith(const BackendConnector &connector, bool stream, const QByteArray &bytes, qsizetype chunk)
{
    auto decoder = connector.makeDecoder(stream);
    canon::Events events;
    for (qsizetype at = 0; at < bytes.size(); at += chunk)
        decoder->feed(std::string_view(bytes.constData() + at, size_t(std::min(chunk, bytes.size() - at))), events);
    decoder->finish(events);
    return events;
}

canon::Events decode(bool stream, const QByteArray &bytes, qsizetype chunk = 1 << 30)
{
    return decodeWith(openAIResponsesConnector(), stream, bytes, chunk);
}

server::HttpRequest httpRequest(const QByteArray &body)
{
    server::HttpRequest r;
    r.method = "POST";
    r.path = "/v1/responses";
    r.body = body;
    return r;
}

Result<InboundRequest> inboundOf(const QByteArray &body)
{
    return openAIResponsesFrontend().inbound(httpRequest(body), {}, false);
}

canon::Request canonicalOf(const QByteArray &body)
{
    auto in = inboundOf(body);
    if (!in)
        qFatal("inbound failed: %s", qPrintable(in.error().message));
    auto req = openAIResponsesFrontend().toCanonical(*in);
    if (!req)
        qFatal("toCanonical failed: %s", qPrintable(req.error().message));
    return *req;
}

bj::object canonicalJson(const canon::Request &r)
{
    bj::object o;
    o["model"] = r.model;
    bj::array system;
    for (const canon::ContentBlock &b : r.system)
        system.push_back(bj::object{{"text", b.text}, {"extensions", b.extensions}});
    o["system"] = std::move(system);
    o["messages"] = responses::messagesToJson(r.messages);
    bj::array tools;
    for (const canon::Tool &t : r.tools)
        tools.push_back(bj::object{{"name", t.name}, {"description", t.description}, {"schema", t.schema}, {"extensions", t.extensions}});
    o["tools"] = std::move(tools);
    o["tool_choice"] = bj::object{{"mode", int(r.toolChoice.mode)}, {"name", r.toolChoice.name},
                                  {"disable_parallel", r.toolChoice.disableParallel}, {"specified", r.toolChoice.specified}};
    bj::object s;
    if (r.sampling.temperature)
        s["temperature"] = *r.sampling.temperature;
    if (r.sampling.topP)
        s["top_p"] = *r.sampling.topP;
    if (r.sampling.maxTokens)
        s["max_tokens"] = *r.sampling.maxTokens;
    o["sampling"] = std::move(s);
    o["reasoning"] = bj::object{{"effort", r.reasoning.effort}, {"enabled", r.reasoning.enabled},
                                {"include_thoughts", r.reasoning.includeThoughts}, {"summary", r.reasoning.summary}};
    o["response_format"] = bj::object{{"kind", int(r.responseFormat.kind)}, {"name", r.responseFormat.name},
                                      {"schema", r.responseFormat.schema}, {"strict", r.responseFormat.strict}};
    o["stream"] = r.stream;
    o["user"] = r.user;
    o["metadata"] = r.metadata;
    o["extensions"] = r.extensions;
    return o;
}

QByteArray pretty(const bj::value &v)
{
    return QByteArray::fromStdString(bj::serialize(v)) + "\n";
}

BackendContext context(const QString &baseUrl)
{
    static config::BackendConfig backend;
    backend.name = QStringLiteral("test");
    backend.baseUrl = baseUrl;
    BackendContext c;
    c.backend = &backend;
    c.apiKey = QStringLiteral("sk-test-1234");
    return c;
}

QByteArray encodeEvents(const canon::Events &events, const canon::Request &request, const bj::object &clientBody, bool stream,
                        OpenAIResponsesEncoder **keep = nullptr)
{
    static std::unique_ptr<OpenAIResponsesEncoder> holder;
    holder = std::make_unique<OpenAIResponsesEncoder>(request, "client-model", stream, clientBody);
    holder->setIdentity("resp_test", 1700000000);
    holder->setDeterministicItemIds(true);
    QByteArray out;
    for (const canon::Event &e : events)
        holder->encode(e, out);
    holder->finish(out);
    if (keep)
        *keep = holder.get();
    return out;
}

// Drops the wall-clock completed_at so goldens are stable.
QByteArray stable(QByteArray bytes)
{
    static const QRegularExpression re(QStringLiteral("\"completed_at\":\\d+"));
    return QString::fromUtf8(bytes).replace(re, QStringLiteral("\"completed_at\":1700000001")).toUtf8();
}

struct SseEvent
{
    QByteArray name;
    bj::object data;
};

std::vector<SseEvent> parseSse(const QByteArray &bytes)
{
    std::vector<SseEvent> out;
    for (const QByteArray &frame : bytes.split('\n')) {
        if (frame.startsWith("event: ")) {
            out.push_back({frame.mid(7), {}});
        } else if (frame.startsWith("data: ")) {
            bj::value v = bj::parse(std::string_view(frame.constData() + 6, size_t(frame.size() - 6)));
            if (out.empty() || !out.back().data.empty())
                out.push_back({{}, {}});
            out.back().data = v.get_object();
        }
    }
    return out;
}

// The grammar the openai SDK's responses.stream() and Codex rely on.
void checkGrammar(const QByteArray &sse, const char *lastType)
{
    const auto events = parseSse(sse);
    QVERIFY(events.size() >= 3);
    std::map<std::string, int64_t> itemIndex; // item id → output_index
    int64_t nextOutput = 0;
    for (size_t i = 0; i < events.size(); ++i) {
        const SseEvent &e = events[i];
        const std::string type(e.data.at("type").get_string());
        QCOMPARE(e.name.toStdString(), type);
        QCOMPARE(e.data.at("sequence_number").as_int64(), int64_t(i));
        if (type == "response.output_item.added") {
            QCOMPARE(e.data.at("output_index").as_int64(), nextOutput);
            const std::string id(e.data.at("item").at("id").get_string());
            QVERIFY2(!itemIndex.count(id), "item ids must be unique");
            itemIndex[id] = nextOutput++;
        } else if (e.data.contains("item_id")) {
            const std::string id(e.data.at("item_id").get_string());
            QVERIFY2(itemIndex.count(id), qPrintable(QStringLiteral("unknown item_id in ") + QString::fromStdString(type)));
            QCOMPARE(e.data.at("output_index").as_int64(), itemIndex[id]);
        } else if (type == "response.output_item.done") {
            const std::string id(e.data.at("item").at("id").get_string());
            QCOMPARE(e.data.at("output_index").as_int64(), itemIndex[id]);
        }
    }
    QCOMPARE(std::string(events.front().data.at("type").get_string()), std::string("response.created"));
    QCOMPARE(std::string(events.back().data.at("type").get_string()), std::string(lastType));
    const bj::object &first = events.front().data.at("response").get_object();
    const bj::object &last = events.back().data.at("response").get_object();
    QCOMPARE(first.at("id"), last.at("id"));
}

bj::object clientBodyFor(const QString &upstreamCase)
{
    if (upstreamCase.contains(QLatin1String("thinking")))
        return bj::parse(R"({"model":"m","input":"x","reasoning":{"effort":"high","summary":"auto"},"include":["reasoning.encrypted_content"],"tools":[{"type":"function","name":"get_weather","parameters":{"type":"object"}}]})").get_object();
    if (upstreamCase.contains(QLatin1String("custom")))
        return bj::parse(R"({"model":"m","input":"x","tools":[{"type":"custom","name":"apply_patch"}]})").get_object();
    return bj::parse(R"({"model":"m","input":"x"})").get_object();
}

} // namespace

class TestOpenAIResponses : public QObject
{
    Q_OBJECT

private slots:
    void requestGoldens_data();
    void requestGoldens();
    void upstreamStream_data();
    void upstreamStream();
    void upstreamBody();
    void oddSplits_data();
    void oddSplits();
    void crossChatStream();
    void customToolThroughChat();
    void reasoningRoundTrip_data();
    void reasoningRoundTrip();
    void unsignedReasoningEncrypted_data();
    void unsignedReasoningEncrypted();
    void previousResponseIdViaStore();
    void inboundErrors_data();
    void inboundErrors();
    void errorRendering();
    void builtinToolsRejected();
    void passthroughAndResources();
    void encoderWithoutBody();
};

void TestOpenAIResponses::requestGoldens_data()
{
    QTest::addColumn<QString>("name");
    QTest::newRow("basic") << QStringLiteral("req_basic");
    QTest::newRow("full") << QStringLiteral("req_full");
}

void TestOpenAIResponses::requestGoldens()
{
    QFETCH(QString, name);
    const QByteArray body = readGolden(name + QStringLiteral(".json"));
    QVERIFY(!body.isEmpty());
    const canon::Request req = canonicalOf(body);
    QVERIFY(compareGolden(name + QStringLiteral(".canon.json"), pretty(canonicalJson(req)), true));

    auto responses = openAIResponsesConnector().buildRequest(req, context(QStringLiteral("https://api.openai.com/v1/")));
    QVERIFY(responses.ok());
    QCOMPARE(responses->url.toString(), QStringLiteral("https://api.openai.com/v1/responses"));
    QVERIFY(responses->headers.contains(qMakePair(QByteArray("Authorization"), QByteArray("Bearer sk-test-1234"))));
    QVERIFY(compareGolden(name + QStringLiteral(".responses.json"), responses->body + "\n", true));

    canon::Request forChat = req;
    forChat.model = "gpt-4o";
    auto chat = openAIChatConnector().buildRequest(forChat, context(QStringLiteral("http://127.0.0.1:9/v1")));
    QVERIFY(chat.ok());
    QVERIFY(compareGolden(name + QStringLiteral(".chat.json"), chat->body + "\n", true));
}

void TestOpenAIResponses::upstreamStream_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("last");
    QTest::newRow("text") << QStringLiteral("up_text") << QStringLiteral("response.completed");
    QTest::newRow("thinking_tools") << QStringLiteral("up_thinking_tools") << QStringLiteral("response.completed");
    QTest::newRow("custom") << QStringLiteral("up_custom") << QStringLiteral("response.completed");
    QTest::newRow("incomplete") << QStringLiteral("up_incomplete") << QStringLiteral("response.incomplete");
    QTest::newRow("failed") << QStringLiteral("up_failed") << QStringLiteral("response.failed");
    QTest::newRow("error") << QStringLiteral("up_error") << QStringLiteral("response.failed");
    QTest::newRow("truncated") << QStringLiteral("up_truncated") << QStringLiteral("response.failed");
}

void TestOpenAIResponses::upstreamStream()
{
    QFETCH(QString, name);
    QFETCH(QString, last);
    const QByteArray sse = readGolden(name + QStringLiteral(".sse"));
    QVERIFY(!sse.isEmpty());
    const canon::Events events = decode(true, sse);
    QVERIFY(compareGolden(name + QStringLiteral(".events"), dump(events), false));

    const bj::object body = clientBodyFor(name);
    InboundRequest in;
    in.body = body;
    in.model = "m";
    const canon::Request req = *openAIResponsesFrontend().toCanonical(in);
    const QByteArray out = stable(encodeEvents(events, req, body, true));
    QVERIFY(compareGolden(name + QStringLiteral(".out.sse"), out, false));
    checkGrammar(out, last.toUtf8().constData());
    if (QTest::currentTestFailed())
        return;

    // What the client sees re-decodes to the same story (the proxy speaks Responses faithfully).
    const canon::Events again = decode(true, out);
    // Deltas may be cut differently and error categories pass through OpenAI codes, so compare
    // the joined text of each block and whether it ended in an error.
    auto semantic = [](const canon::Events &ev) {
        QList<QByteArray> lines;
        for (const canon::Event &e : ev) {
            if (e.type == canon::EventType::MessageStart)
                continue;
            const bool isDelta = e.type == canon::EventType::TextDelta || e.type == canon::EventType::ToolArgsDelta
                                 || e.type == canon::EventType::ThinkingDelta;
            QByteArray line = dump({e}).trimmed();
            if (e.type == canon::EventType::Error)
                line = "error";
            if (isDelta) {
                line = QByteArray::number(int(e.type)) + " " + QByteArray::number(e.index) + " " + QByteArray::fromStdString(e.text);
                const QByteArray prefix = line.left(line.indexOf(' ', line.indexOf(' ') + 1) + 1);
                if (!lines.isEmpty() && lines.back().startsWith(prefix)) {
                    lines.back() += QByteArray::fromStdString(e.text);
                    continue;
                }
            }
            lines.append(line);
        }
        return lines;
    };
    QCOMPARE(semantic(again), semantic(events));
}

void TestOpenAIResponses::upstreamBody()
{
    const QByteArray json = readGolden(QStringLiteral("up_text.json"));
    const canon::Events events = decode(false, json);
    QVERIFY(compareGolden(QStringLiteral("up_text.body.events"), dump(events), false));
    const bj::object body = clientBodyFor(QStringLiteral("text"));
    InboundRequest in;
    in.body = body;
    const QByteArray out = stable(encodeEvents(events, *openAIResponsesFrontend().toCanonical(in), body, false));
    QVERIFY(compareGolden(QStringLiteral("up_text.out.json"), out, true));
    const bj::object o = bj::parse(out.toStdString()).get_object();
    QCOMPARE(std::string(o.at("status").get_string()), std::string("completed"));
    QCOMPARE(std::string(o.at("output").at(0).at("content").at(0).at("text").get_string()), std::string("Héllo wörld 🌍!"));
    QCOMPARE(o.at("usage").at("input_tokens_details").at("cached_tokens").as_int64(), 16);

    // Truncated and malformed bodies are errors, never a crash.
    const canon::Events broken = decode(false, json.left(json.size() / 2));
    QCOMPARE(broken.size(), size_t(1));
    QCOMPARE(broken[0].type, canon::EventType::Error);
    QCOMPARE(broken[0].error.category, ErrorCategory::UpstreamProtocol);
}

void TestOpenAIResponses::oddSplits_data()
{
    QTest::addColumn<QString>("name");
    for (const char *n : {"up_text", "up_thinking_tools", "up_custom", "up_failed"})
        QTest::newRow(n) << QString::fromLatin1(n);
}

void TestOpenAIResponses::oddSplits()
{
    QFETCH(QString, name);
    QByteArray sse = readGolden(name + QStringLiteral(".sse"));
    const QByteArray whole = dump(decode(true, sse));
    QCOMPARE(dump(decode(true, sse, 1)), whole); // every byte alone, so every UTF-8 character split
    for (int seed = 0; seed < 20; ++seed) {
        QRandomGenerator rng{quint32(seed)};
        auto decoder = openAIResponsesConnector().makeDecoder(true);
        canon::Events events;
        qsizetype at = 0;
        while (at < sse.size()) {
            const qsizetype n = std::min<qsizetype>(sse.size() - at, 1 + rng.bounded(40));
            decoder->feed(std::string_view(sse.constData() + at, size_t(n)), events);
            at += n;
        }
        decoder->finish(events);
        QCOMPARE(dump(events), whole);
    }
    // CRLF line ends are as good as LF.
    sse.replace("\n", "\r\n");
    QCOMPARE(dump(decode(true, sse, 7)), whole);
}

void TestOpenAIResponses::crossChatStream()
{
    // Chat SSE from an upstream → canonical → Responses SSE to the client.
    const QByteArray chat = readGolden(QStringLiteral("chat_tools.sse"));
    const canon::Events events = decodeWith(openAIChatConnector(), true, chat, 13);
    const bj::object body = bj::parse(R"({"model":"m","input":"x","reasoning":{"summary":"detailed"},"tools":[{"type":"function","name":"get_weather","parameters":{"type":"object"}}]})").get_object();
    InboundRequest in;
    in.body = body;
    const QByteArray out = stable(encodeEvents(events, *openAIResponsesFrontend().toCanonical(in), body, true));
    QVERIFY(compareGolden(QStringLiteral("cross_chat_tools.out.sse"), out, false));
    checkGrammar(out, "response.completed");
    const auto parsed = parseSse(out);
    std::vector<std::string> added;
    for (const SseEvent &e : parsed)
        if (e.data.at("type") == "response.output_item.added")
            added.emplace_back(e.data.at("item").at("type").get_string());
    QCOMPARE(added, (std::vector<std::string>{"reasoning", "message", "function_call", "function_call"}));
    const bj::object &final = parsed.back().data.at("response").get_object();
    QCOMPARE(final.at("output").at(2).at("call_id"), bj::value("call_P"));
    QCOMPARE(final.at("output").at(3).at("arguments"), bj::value("{\"city\":\"London\"}"));
    QCOMPARE(final.at("usage").at("output_tokens_details").at("reasoning_tokens").as_int64(), 5);
}

void TestOpenAIResponses::customToolThroughChat()
{
    // Codex's apply_patch is a custom (free-form) tool: a Chat backend sees a function with one
    // string parameter, and its call comes back to the client as a custom_tool_call.
    const canon::Request req = canonicalOf(readGolden(QStringLiteral("req_full.json")));
    auto chat = openAIChatConnector().buildRequest(req, context(QStringLiteral("http://127.0.0.1:9/v1")));
    QVERIFY(chat.ok());
    const bj::object chatBody = bj::parse(chat->body.toStdString()).get_object();
    bool found = false;
    for (const bj::value &t : chatBody.at("tools").get_array()) {
        if (t.at("function").at("name") == "apply_patch") {
            found = true;
            QCOMPARE(t.at("function").at("parameters").at("required"), bj::value(bj::array{"input"}));
        }
    }
    QVERIFY(found);
    bool sawCall = false;
    for (const bj::value &m : chatBody.at("messages").get_array()) {
        if (!m.get_object().contains("tool_calls"))
            continue;
        for (const bj::value &c : m.at("tool_calls").get_array()) {
            if (c.at("function").at("name") == "apply_patch") {
                sawCall = true;
                const bj::value args = bj::parse(c.at("function").at("arguments").get_string());
                QVERIFY(args.at("input").get_string().starts_with("*** Begin Patch"));
            }
        }
    }
    QVERIFY(sawCall);

    const canon::Events events = decodeWith(openAIChatConnector(), true, readGolden(QStringLiteral("chat_custom.sse")), 5);
    OpenAIResponsesEncoder *encoder = nullptr;
    const QByteArray out = stable(encodeEvents(events, req, bj::parse(readGolden(QStringLiteral("req_full.json")).toStdString()).get_object(),
                                               true, &encoder));
    QVERIFY(compareGolden(QStringLiteral("cross_chat_custom.out.sse"), out, false));
    checkGrammar(out, "response.completed");
    const auto parsed = parseSse(out);
    const bj::object &item = parsed.back().data.at("response").at("output").at(0).get_object();
    QCOMPARE(item.at("type"), bj::value("custom_tool_call"));
    QCOMPARE(item.at("name"), bj::value("apply_patch"));
    QCOMPARE(item.at("input"), bj::value("*** Begin Patch\n+a\n*** End Patch"));
    QCOMPARE(item.at("call_id"), bj::value("call_AP"));

    // Sent back by the client, the item becomes the same canonical call again.
    bj::object next{{"model", "m"}, {"tools", bj::array{bj::object{{"type", "custom"}, {"name", "apply_patch"}}}},
                    {"input", bj::array{item, bj::object{{"type", "custom_tool_call_output"}, {"call_id", "call_AP"}, {"output", "ok"}}}}};
    const canon::Request back = canonicalOf(QByteArray::fromStdString(bj::serialize(next)));
    QCOMPARE(back.messages.size(), size_t(2));
    QCOMPARE(back.messages[0].content[0].input, bj::value(bj::object{{"input", "*** Begin Patch\n+a\n*** End Patch"}}));
    auto responses = openAIResponsesConnector().buildRequest(back, context(QStringLiteral("http://127.0.0.1:9/v1")));
    const bj::object rb = bj::parse(responses->body.toStdString()).get_object();
    QCOMPARE(rb.at("input").at(0).at("type"), bj::value("custom_tool_call"));
    QCOMPARE(rb.at("input").at(0).at("input"), bj::value("*** Begin Patch\n+a\n*** End Patch"));
    QCOMPARE(rb.at("input").at(1).at("type"), bj::value("custom_tool_call_output"));
    QCOMPARE(rb.at("tools").at(0).at("type"), bj::value("custom"));
}

void TestOpenAIResponses::reasoningRoundTrip_data()
{
    QTest::addColumn<bool>("summary");
    QTest::newRow("with summary") << true;
    QTest::newRow("without summary") << false;
}

void TestOpenAIResponses::reasoningRoundTrip()
{
    // Thinking from a non-Responses backend (Anthropic-style: text + signature) must come back
    // intact on the next turn, whether or not the client saw the text.
    QFETCH(bool, summary);
    bj::object body{{"model", "m"}, {"input", "x"}, {"include", bj::array{"reasoning.encrypted_content"}}};
    if (summary)
        body["reasoning"] = bj::object{{"summary", "auto"}};
    InboundRequest in;
    in.body = body;
    const canon::Request req = *openAIResponsesFrontend().toCanonical(in);

    canon::Events events;
    auto ev = [&](canon::EventType t, int index, std::string text = {}, canon::BlockKind kind = canon::BlockKind::Text) {
        canon::Event e;
        e.type = t;
        e.index = index;
        e.text = std::move(text);
        e.blockKind = kind;
        events.push_back(e);
    };
    ev(canon::EventType::MessageStart, -1);
    ev(canon::EventType::BlockStart, 0, {}, canon::BlockKind::Thinking);
    ev(canon::EventType::ThinkingDelta, 0, "Let me think ");
    ev(canon::EventType::ThinkingDelta, 0, "hard.");
    ev(canon::EventType::Signature, 0, "EqQBCkgIARABGAIiQL+sig==");
    ev(canon::EventType::BlockStop, 0);
    ev(canon::EventType::BlockStart, 1, {}, canon::BlockKind::Text);
    ev(canon::EventType::TextDelta, 1, "Answer.");
    ev(canon::EventType::BlockStop, 1);
    ev(canon::EventType::Finish, -1);

    const QByteArray out = encodeEvents(events, req, body, true);
    checkGrammar(out, "response.completed");
    const auto parsed = parseSse(out);
    bool sawSummaryDelta = false;
    for (const SseEvent &e : parsed)
        sawSummaryDelta = sawSummaryDelta || e.data.at("type") == "response.reasoning_summary_text.delta";
    QCOMPARE(sawSummaryDelta, summary);
    const bj::array &output = parsed.back().data.at("response").at("output").get_array();
    const bj::object &rs = output.at(0).get_object();
    QCOMPARE(rs.at("type"), bj::value("reasoning"));
    QCOMPARE(rs.at("summary").get_array().empty(), !summary);
    const std::string enc(rs.at("encrypted_content").get_string());
    if (summary)
        QCOMPARE(enc, std::string("EqQBCkgIARABGAIiQL+sig=="));
    else
        QVERIFY(enc.starts_with("lipr1."));

    // Next turn: the client sends the output back.
    bj::array input;
    for (const bj::value &item : output)
        input.push_back(item);
    input.push_back(bj::object{{"role", "user"}, {"content", "And?"}});
    const canon::Request next = canonicalOf(QByteArray::fromStdString(bj::serialize(bj::object{{"model", "m"}, {"input", input}})));
    QCOMPARE(next.messages.size(), size_t(2));
    const canon::ContentBlock &thinking = next.messages[0].content[0];
    QCOMPARE(thinking.kind, canon::BlockKind::Thinking);
    QCOMPARE(thinking.text, std::string("Let me think hard."));
    QCOMPARE(thinking.signature, std::string("EqQBCkgIARABGAIiQL+sig=="));
    QCOMPARE(next.messages[0].content[1].text, std::string("Answer."));

    // Responses upstream: encrypted_content from the provider goes back as it came.
    const canon::Events up = decode(true, readGolden(QStringLiteral("up_thinking_tools.sse")));
    bool sawSig = false;
    for (const canon::Event &e : up)
        sawSig = sawSig || (e.type == canon::EventType::Signature && e.text == "gAAAAABenc==");
    QVERIFY(sawSig);
    canon::Request withThinking;
    withThinking.model = "o3";
    canon::Message m;
    m.role = canon::Role::Assistant;
    m.content.push_back(thinking);
    withThinking.messages.push_back(m);
    auto built = openAIResponsesConnector().buildRequest(withThinking, context(QStringLiteral("http://127.0.0.1:9/v1")));
    const bj::object rb = bj::parse(built->body.toStdString()).get_object();
    QCOMPARE(rb.at("input").at(0).at("type"), bj::value("reasoning"));
    QCOMPARE(rb.at("input").at(0).at("encrypted_content"), bj::value("EqQBCkgIARABGAIiQL+sig=="));
    QCOMPARE(rb.at("include"), bj::value(bj::array{"reasoning.encrypted_content"}));
}

void TestOpenAIResponses::unsignedReasoningEncrypted_data()
{
    QTest::addColumn<bool>("summary");
    QTest::newRow("with summary") << true;
    QTest::newRow("without summary") << false;
}

void TestOpenAIResponses::unsignedReasoningEncrypted()
{
    // Reasoning without a signature (a Chat backend's reasoning_content): a client that asked
    // for reasoning.encrypted_content still gets one, and sending it back is accepted; it comes
    // back as unsigned thinking, which no backend replays.
    QFETCH(bool, summary);
    bj::object body{{"model", "m"}, {"input", "x"}, {"include", bj::array{"reasoning.encrypted_content"}}};
    if (summary)
        body["reasoning"] = bj::object{{"summary", "auto"}};
    InboundRequest in;
    in.body = body;
    const canon::Request req = *openAIResponsesFrontend().toCanonical(in);

    canon::Events events;
    auto ev = [&](canon::EventType t, int index, std::string text = {}, canon::BlockKind kind = canon::BlockKind::Text) {
        canon::Event e;
        e.type = t;
        e.index = index;
        e.text = std::move(text);
        e.blockKind = kind;
        events.push_back(e);
    };
    ev(canon::EventType::MessageStart, -1);
    ev(canon::EventType::BlockStart, 0, {}, canon::BlockKind::Thinking);
    ev(canon::EventType::ThinkingDelta, 0, "Plain reasoning.");
    ev(canon::EventType::BlockStop, 0);
    ev(canon::EventType::BlockStart, 1, {}, canon::BlockKind::Text);
    ev(canon::EventType::TextDelta, 1, "Answer.");
    ev(canon::EventType::BlockStop, 1);
    ev(canon::EventType::Finish, -1);
    canon::Event usage;
    usage.type = canon::EventType::Usage;
    usage.usage.input = 10;
    usage.usage.output = 20;
    usage.usage.reasoning = 4;
    events.push_back(usage);

    const QByteArray out = encodeEvents(events, req, body, true);
    checkGrammar(out, "response.completed");
    const auto parsed = parseSse(out);
    const bj::object &response = parsed.back().data.at("response").get_object();
    QCOMPARE(response.at("usage").at("output_tokens_details").at("reasoning_tokens"), bj::value(4));
    const bj::array &output = response.at("output").get_array();
    const bj::object &rs = output.at(0).get_object();
    QCOMPARE(rs.at("type"), bj::value("reasoning"));
    const std::string enc(rs.at("encrypted_content").get_string());
    QVERIFY(enc.starts_with("lipr1."));
    const auto unpacked = responses::unpackReasoning(enc);
    QVERIFY(unpacked);
    QVERIFY(unpacked->signature.empty());
    QCOMPARE(unpacked->text, std::string("Plain reasoning."));
    // The same item in output_item.done.
    bool doneHasIt = false;
    for (const SseEvent &e : parsed)
        if (e.data.at("type") == "response.output_item.done" && e.data.at("item").at("type") == "reasoning")
            doneHasIt = e.data.at("item").at("encrypted_content") == bj::value(enc);
    QVERIFY(doneHasIt);

    bj::array input;
    for (const bj::value &item : output)
        input.push_back(item);
    input.push_back(bj::object{{"role", "user"}, {"content", "And?"}});
    const canon::Request next = canonicalOf(QByteArray::fromStdString(bj::serialize(bj::object{{"model", "m"}, {"input", input}})));
    QCOMPARE(next.messages.size(), size_t(2));
    const canon::ContentBlock &thinking = next.messages[0].content[0];
    QCOMPARE(thinking.kind, canon::BlockKind::Thinking);
    QCOMPARE(thinking.text, std::string("Plain reasoning."));
    QVERIFY(thinking.signature.empty());
    // A Responses backend is not sent reasoning it cannot verify.
    auto built = openAIResponsesConnector().buildRequest(next, context(QStringLiteral("http://127.0.0.1:9/v1")));
    QVERIFY(built.ok());
    QVERIFY(!built->body.contains("\"reasoning\""));
    QVERIFY(built->body.contains("Answer."));
}

void TestOpenAIResponses::previousResponseIdViaStore()
{
    responses::ResponseStore store;
    // Turn 1: a Chat backend answers; the encoder stores the conversation under its response id.
    const QByteArray turn1 = R"({"model":"m","input":"What is the weather in Paris?","tools":[{"type":"function","name":"get_weather","parameters":{"type":"object"}}]})";
    auto in1 = inboundOf(turn1);
    QVERIFY(in1.ok());
    QVERIFY(responses::storeRequested(*in1));
    const canon::Request req1 = *openAIResponsesFrontend().toCanonical(*in1);
    auto enc = openAIResponsesFrontend().encoderFor(req1, *in1);
    auto *renc = dynamic_cast<OpenAIResponsesEncoder *>(enc.get());
    QVERIFY(renc);
    renc->attachStore(&store, req1.messages);
    QByteArray out;
    for (const canon::Event &e : decodeWith(openAIChatConnector(), true, readGolden(QStringLiteral("chat_tools.sse")), 64))
        enc->encode(e, out);
    enc->finish(out);
    const std::string id = renc->responseId();
    QVERIFY(id.starts_with("resp_"));
    QCOMPARE(store.size(), 1);
    const auto stored = store.response(id);
    QVERIFY(stored);
    QCOMPARE(stored->at("status"), bj::value("completed"));

    // Turn 2 only sends the tool outputs and previous_response_id.
    const QByteArray turn2 = QByteArray(R"({"model":"m","previous_response_id":")") + QByteArray::fromStdString(id)
                             + R"(","input":[{"type":"function_call_output","call_id":"call_P","output":"sunny"},{"type":"function_call_output","call_id":"call_L","output":"rain"}]})";
    auto in2 = inboundOf(turn2);
    QVERIFY(in2.ok());
    QCOMPARE(responses::previousResponseId(*in2), id);
    canon::Request req2 = *openAIResponsesFrontend().toCanonical(*in2);
    QVERIFY(!store.prependHistory(req2, id));
    QVERIFY(!req2.extensions.contains("previous_response_id"));
    QCOMPARE(req2.messages.size(), size_t(3)); // user, assistant (thinking, text, 2 calls), user (2 results)
    QCOMPARE(req2.messages[1].content.size(), size_t(4));
    QCOMPARE(req2.messages[1].content[2].toolId, std::string("call_P"));
    QCOMPARE(req2.messages[2].content[1].toolId, std::string("call_L"));
    // The Chat backend gets a valid conversation: every tool call answered.
    auto chat = openAIChatConnector().buildRequest(req2, context(QStringLiteral("http://127.0.0.1:9/v1")));
    const bj::object cb = bj::parse(chat->body.toStdString()).get_object();
    QCOMPARE(cb.at("messages").get_array().size(), size_t(4));
    QCOMPARE(cb.at("messages").at(2).at("tool_call_id"), bj::value("call_P"));

    // Unknown id: the error OpenAI gives.
    canon::Request req3;
    const auto err = store.prependHistory(req3, "resp_nope");
    QVERIFY(err);
    QCOMPARE(err->category, ErrorCategory::InvalidRequest);
    QCOMPARE(err->param, QStringLiteral("previous_response_id"));

    // store:false
    auto in4 = inboundOf(R"({"model":"m","input":"x","store":false})");
    QVERIFY(!responses::storeRequested(*in4));
}

void TestOpenAIResponses::inboundErrors_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QString>("param");
    QTest::newRow("not json") << QByteArray("{\"model\":") << QString();
    QTest::newRow("array") << QByteArray("[]") << QString();
    QTest::newRow("no model") << QByteArray(R"({"input":"x"})") << QStringLiteral("model");
    QTest::newRow("model type") << QByteArray(R"({"model":1,"input":"x"})") << QStringLiteral("model");
    QTest::newRow("no input") << QByteArray(R"({"model":"m"})") << QStringLiteral("input");
    QTest::newRow("input type") << QByteArray(R"({"model":"m","input":5})") << QStringLiteral("input");
    QTest::newRow("stream type") << QByteArray(R"({"model":"m","input":"x","stream":"yes"})") << QStringLiteral("stream");
}

void TestOpenAIResponses::inboundErrors()
{
    QFETCH(QByteArray, body);
    QFETCH(QString, param);
    auto in = inboundOf(body);
    QVERIFY(!in.ok());
    QCOMPARE(in.error().category, ErrorCategory::InvalidRequest);
    QCOMPARE(in.error().param, param);

    // toCanonical errors name the field too.
    struct Case { const char *body; const char *param; };
    for (const Case &c : {Case{R"({"model":"m","input":[{"type":"message"}]})", "input[0].role"},
                          Case{R"({"model":"m","input":[{"type":"function_call","name":"f"}]})", "input[0].call_id"},
                          Case{R"({"model":"m","input":[{"role":"user","content":[{"type":"input_image"}]}]})", "input[0].content[0].image_url"},
                          Case{R"({"model":"m","input":"x","tools":{}})", "tools"},
                          Case{R"({"model":"m","input":"x","tools":[{"type":"function"}]})", "tools[0].name"},
                          Case{R"({"model":"m","input":"x","tool_choice":"sometimes"})", "tool_choice"},
                          Case{R"({"model":"m","input":"x","temperature":"hot"})", "temperature"},
                          Case{R"({"model":"m","input":"x","text":{"format":{"type":"yaml"}}})", "text.format.type"},
                          Case{R"({"model":"m","input":[{"role":"wizard","content":"x"}]})", "input[0].role"}}) {
        auto ok = inboundOf(c.body);
        QVERIFY(ok.ok());
        auto r = openAIResponsesFrontend().toCanonical(*ok);
        QVERIFY2(!r.ok(), c.body);
        QCOMPARE(r.error().param, QString::fromLatin1(c.param));
    }
}

void TestOpenAIResponses::errorRendering()
{
    Error e = Error::invalid(QStringLiteral("Bad thing."), QStringLiteral("input[0]"));
    ErrorReply reply = openAIResponsesFrontend().renderError(e);
    QCOMPARE(reply.status, 400);
    const bj::object env = bj::parse(reply.body.toStdString()).get_object();
    QCOMPARE(env.at("error").at("message"), bj::value("Bad thing."));
    QCOMPARE(env.at("error").at("type"), bj::value("invalid_request_error"));
    QCOMPARE(env.at("error").at("param"), bj::value("input[0]"));
    QVERIFY(env.at("error").get_object().contains("code"));

    Error rl = Error::make(ErrorCategory::RateLimited, QStringLiteral("Slow down."));
    rl.retryAfterMs = 1500;
    reply = openAIResponsesFrontend().renderError(rl);
    QCOMPARE(reply.status, 429);
    QVERIFY(reply.headers.contains(qMakePair(QByteArray("retry-after"), QByteArray("2"))));
    QCOMPARE(openAIResponsesFrontend().renderError(Error::make(ErrorCategory::NotFound, QStringLiteral("x"))).status, 404);
    QCOMPARE(openAIResponsesFrontend().renderError(Error::make(ErrorCategory::UpstreamUnreachable, QStringLiteral("x"))).status, 502);

    const QByteArray streamErr = openAIResponsesFrontend().renderStreamError(Error::make(ErrorCategory::Overloaded, QStringLiteral("Busy.")));
    QVERIFY(streamErr.startsWith("event: response.failed\ndata: "));
    QVERIFY(streamErr.endsWith("\n\n"));
    const auto parsed = parseSse(streamErr);
    QCOMPARE(parsed.size(), size_t(1));
    QCOMPARE(parsed[0].data.at("response").at("status"), bj::value("failed"));
    QCOMPARE(parsed[0].data.at("response").at("error").at("message"), bj::value("Busy."));
    QVERIFY(!parsed[0].data.contains("error")); // a top-level "error" would make the SDK throw instead

    // Provider errors: same envelope as Chat.
    Error up = openAIResponsesConnector().parseError(
        429, {{"retry-after", "1"}}, R"({"error":{"message":"Rate limit reached","type":"requests","param":null,"code":"rate_limit_exceeded"}})");
    QCOMPARE(up.category, ErrorCategory::RateLimited);
    QCOMPARE(up.retryAfterMs, 1000);
    QCOMPARE(up.upstreamType, QByteArray("rate_limit_exceeded"));
    Error bad = openAIResponsesConnector().parseError(500, {}, "<html>oops</html>");
    QCOMPARE(bad.category, ErrorCategory::Upstream);
    QVERIFY(!bad.message.isEmpty());

    // A non-stream response after an error event: the envelope, not a fake success.
    canon::Event err;
    err.type = canon::EventType::Error;
    err.error = Error::make(ErrorCategory::Upstream, QStringLiteral("boom"));
    canon::Request req;
    OpenAIResponsesEncoder enc(req, "m", false);
    QByteArray out;
    enc.encode(err, out);
    enc.finish(out);
    QVERIFY(out.contains("\"error\""));
    QVERIFY(out.contains("boom"));
}

void TestOpenAIResponses::builtinToolsRejected()
{
    const canon::Request req = canonicalOf(readGolden(QStringLiteral("req_full.json")));
    const auto err = responses::rejectBuiltinTools(req, "anthropic");
    QVERIFY(err);
    QCOMPARE(err->category, ErrorCategory::InvalidRequest);
    QVERIFY(err->message.contains(QLatin1String("web_search")));
    QCOMPARE(err->param, QStringLiteral("tools"));
    QVERIFY(!responses::rejectBuiltinTools(canonicalOf(readGolden(QStringLiteral("req_basic.json"))), "anthropic"));
    // A Responses backend gets them back verbatim.
    auto built = openAIResponsesConnector().buildRequest(req, context(QStringLiteral("http://127.0.0.1:9/v1")));
    QVERIFY(built->body.contains(R"({"type":"web_search"})"));
}

void TestOpenAIResponses::passthroughAndResources()
{
    const QByteArray raw = R"({"model" : "client-model", "input":"x", "temperature": 0.2, "unknown_field": {"k": 1e3}})";
    auto in = inboundOf(raw);
    QVERIFY(in.ok());
    auto req = openAIResponsesConnector().buildPassthrough(*in, "gpt-5", context(QStringLiteral("http://127.0.0.1:9/v1")));
    QVERIFY(req.ok());
    QCOMPARE(req->body, QByteArray(R"({"model" : "gpt-5", "input":"x", "temperature": 0.2, "unknown_field": {"k": 1e3}})"));
    QCOMPARE(req->url.toString(), QStringLiteral("http://127.0.0.1:9/v1/responses"));

    const auto *connector = dynamic_cast<const OpenAIResponsesConnector *>(&openAIResponsesConnector());
    QVERIFY(connector);
    auto get = connector->buildResourceRequest("GET", QStringLiteral("/resp_1"), "include[]=x", {}, context(QStringLiteral("http://h/v1")));
    QVERIFY(get.ok());
    QCOMPARE(get->method, QByteArray("GET"));
    QCOMPARE(get->url.toString(), QStringLiteral("http://h/v1/responses/resp_1?include[]=x"));
    auto models = openAIResponsesConnector().buildModelsRequest(context(QStringLiteral("http://h/v1")));
    QCOMPARE(models->url.toString(), QStringLiteral("http://h/v1/models"));
    auto list = openAIResponsesConnector().parseModels(R"({"object":"list","data":[{"id":"gpt-5","object":"model","created":1,"owned_by":"openai"}]})");
    QVERIFY(list.ok());
    QCOMPARE(list->size(), size_t(1));
}

void TestOpenAIResponses::encoderWithoutBody()
{
    // makeEncoder without the client body still yields a complete, valid response.
    canon::Request req;
    req.system.push_back(canon::ContentBlock{});
    req.system.back().text = "Be brief.";
    auto enc = openAIResponsesFrontend().makeEncoder(req, "client-model", true);
    QByteArray out;
    canon::Event start;
    start.type = canon::EventType::TextDelta; // no MessageStart, no BlockStart: still well formed
    start.index = 0;
    start.text = "hi";
    enc->encode(start, out);
    enc->finish(out);
    checkGrammar(out, "response.completed");
    const auto parsed = parseSse(out);
    const bj::object &r = parsed.back().data.at("response").get_object();
    QCOMPARE(r.at("instructions"), bj::value("Be brief."));
    QCOMPARE(r.at("model"), bj::value("client-model"));
    QCOMPARE(r.at("output").at(0).at("content").at(0).at("text"), bj::value("hi"));
    QCOMPARE(enc->contentType(), QByteArray("text/event-stream"));
}

QTEST_GUILESS_MAIN(TestOpenAIResponses)
#include "tst_openairesponses.moc"
