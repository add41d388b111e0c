// SPDX-License-Identifier: GPL-3.0-or-later
// The passthrough fast paths (issue 9): a request body parsed lazily (one member at a time, the
// whole object only on demand, the same answers either way), splices reusing the frontend's
// scan (and not copying a body that needs no change), and the usage-only provider decoders
// (same usage and the same text count as the full decoders, without their events).
#include "backends/anthropic/anthropicdecoder.h"
#include "backends/openai_chat/openaichatdecoder.h"
#include "core/jsonsplice.h"
#include "core/jsonarena.h"
#include "core/lazyjson.h"

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include <QTest>

namespace bj = boost::json;
using lip::LazyJsonObject;

namespace {

LazyJsonObject lazy(const QByteArray &body)
{
    std::optional<lip::json::TopLevelLayout> layout = lip::json::scanTopLevel(body);
    if (!layout)
        return LazyJsonObject();
    bj::parse_options options;
    options.max_depth = 512;
    return LazyJsonObject::deferred(std::move(*layout), options);
}

struct Summary
{
    QList<QList<qint64>> usages; // input, output, cache read, cache write, reasoning
    qint64 textBytes = 0;
    int otherEvents = 0; // anything but Usage/Error and text deltas
    bool error = false;
};

// Feeds `bytes` in pieces of `step` bytes (0: all at once), then finishes.
Summary run(lip::ResponseDecoder &decoder, const QByteArray &bytes, int step)
{
    Summary s;
    lip::canon::Events events;
    auto take = [&] {
        for (const lip::canon::Event &e : events) {
            using T = lip::canon::EventType;
            if (e.type == T::Usage)
                s.usages.append({e.usage.input, e.usage.output, e.usage.cacheRead, e.usage.cacheWrite, e.usage.reasoning});
            else if (e.type == T::TextDelta || e.type == T::ToolArgsDelta || e.type == T::ThinkingDelta)
                s.textBytes += qint64(e.text.size());
            else if (e.type == T::Error)
                s.error = true;
            else
                ++s.otherEvents;
        }
        events.clear();
    };
    if (step <= 0)
        step = int(bytes.size()) + 1;
    for (qsizetype at = 0; at < bytes.size(); at += step) {
        const QByteArray piece = bytes.mid(at, step);
        decoder.feed(std::string_view(piece.constData(), size_t(piece.size())), events);
        take();
    }
    decoder.finish(events);
    take();
    if (decoder.textBytesSeen() >= 0)
        s.textBytes += decoder.textBytesSeen();
    return s;
}

const QByteArray kOpenAIStream =
    "data: {\"id\":\"c1\",\"model\":\"m\",\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"\"}}]}\n\n"
    "data: {\"id\":\"c1\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"Hel\\\"lo \\u00e9\"}}],\"usage\":null}\n\n"
    "data: {\"id\":\"c1\",\"choices\":[{\"index\":0,\"delta\":{\"reasoning_content\":\"think\"}}]}\n\n"
    "data: {\"id\":\"c1\",\"choices\":[{\"index\":0,\"delta\":{\"tool_calls\":[{\"index\":0,\"id\":\"t\",\"function\":{\"name\":\"f\",\"arguments\":\"{\\\"a\\\":1}\"}}]}}]}\n\n"
    "data: {\"id\":\"c1\",\"choices\":[{\"index\":0,\"delta\":{\"content\" : \"spaced\"},\"finish_reason\":\"stop\"}]}\n\n"
    "data: {\"id\":\"c1\",\"choices\":[],\"usage\":{\"prompt_tokens\":12,\"completion_tokens\":7,\"prompt_tokens_details\":{\"cached_tokens\":2}}}\n\n"
    "data: [DONE]\n\n";

const QByteArray kAnthropicStream =
    "event: message_start\ndata: {\"type\":\"message_start\",\"message\":{\"id\":\"m1\",\"model\":\"c\",\"content\":[],\"usage\":{\"input_tokens\":20,\"cache_read_input_tokens\":5,\"output_tokens\":1}}}\n\n"
    "event: content_block_start\ndata: {\"type\":\"content_block_start\",\"index\":0,\"content_block\":{\"type\":\"thinking\",\"thinking\":\"\"}}\n\n"
    "event: content_block_delta\ndata: {\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"thinking_delta\",\"thinking\":\"let me see, \\\"quoted\\\"\"}}\n\n"
    "event: content_block_stop\ndata: {\"type\":\"content_block_stop\",\"index\":0}\n\n"
    "event: ping\ndata: {\"type\":\"ping\"}\n\n"
    "event: content_block_start\ndata: {\"type\":\"content_block_start\",\"index\":1,\"content_block\":{\"type\":\"text\",\"text\":\"\"}}\n\n"
    "event: content_block_delta\ndata: {\"type\":\"content_block_delta\",\"index\":1,\"delta\":{\"type\":\"text_delta\",\"text\":\"Hello \\u00e9 world\"}}\n\n"
    "event: content_block_stop\ndata: {\"type\":\"content_block_stop\",\"index\":1}\n\n"
    "event: content_block_start\ndata: {\"type\":\"content_block_start\",\"index\":2,\"content_block\":{\"type\":\"tool_use\",\"id\":\"t\",\"name\":\"f\",\"input\":{}}}\n\n"
    "event: content_block_delta\ndata: {\"type\":\"content_block_delta\",\"index\":2,\"delta\":{\"type\":\"input_json_delta\",\"partial_json\":\"{\\\"a\\\": 1}\"}}\n\n"
    "event: content_block_stop\ndata: {\"type\":\"content_block_stop\",\"index\":2}\n\n"
    "event: message_delta\ndata: {\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"tool_use\"},\"usage\":{\"output_tokens\":42}}\n\n"
    "event: message_stop\ndata: {\"type\":\"message_stop\"}\n\n";

} // namespace

class TestLazyBody : public QObject
{
    Q_OBJECT

private slots:
    void membersWithoutWholeParse();
    void wholeParseMatchesEager();
    void malformedScalarReportedOnWholeParse();
    void prefixOfConversation_data();
    void prefixOfConversation();
    void editsAndCopies();
    void spliceReusesScan();
    void stringMemberBytes_data();
    void stringMemberBytes();
    void usageOnlyMatchesFullDecoder_data();
    void usageOnlyMatchesFullDecoder();
};

void TestLazyBody::membersWithoutWholeParse()
{
    const QByteArray body = R"({"model":"m1","metadata":{"user_id":"u"},"messages":[{"role":"user","content":"hi"}],"model":"m2"})";
    const LazyJsonObject o = lazy(body);
    QVERIFY(!o.parsed());
    const bj::value *model = o.if_contains("model");
    QVERIFY(model && model->is_string());
    QCOMPARE(std::string(model->get_string()), std::string("m2")); // the last duplicate, as a parser keeps
    const bj::value *meta = o.if_contains("metadata");
    QVERIFY(meta && meta->is_object());
    QCOMPARE(std::string(meta->get_object().at("user_id").get_string()), std::string("u"));
    QVERIFY(o.if_contains("metadata") == meta); // cached, stable
    QVERIFY(!o.contains("absent"));
    QVERIFY(!o.parsed()); // none of that needed the whole object
    QCOMPARE(lip::json::rawString("\"a\\\"b\\u00e9\"").value_or(""), std::string("a\"b\xC3\xA9"));
    QVERIFY(!lip::json::rawString("12"));
    QCOMPARE(lip::json::rawBool("true"), std::optional<bool>(true));
    QVERIFY(!lip::json::rawBool("1"));
}

void TestLazyBody::wholeParseMatchesEager()
{
    const QByteArray body = R"({"model":"m","messages":[{"role":"user","content":[{"type":"text","text":"x"}]}],"tools":[{"name":"t","input_schema":{"type":"object","properties":{"a":{"type":"number"}}}}],"temperature":0.25})";
    const LazyJsonObject o = lazy(body);
    (void)o.if_contains("model"); // a member first, then the whole
    const bj::object &whole = o.get();
    QVERIFY(o.parsed());
    QVERIFY(o.parseError().empty());
    QCOMPARE(bj::serialize(whole), bj::serialize(bj::parse(std::string_view(body.constData(), size_t(body.size())))));
    QVERIFY(o.if_contains("tools") == whole.if_contains("tools")); // one view after the parse
}

void TestLazyBody::malformedScalarReportedOnWholeParse()
{
    // The scan checks strings and brackets only; the parser catches the rest when it runs.
    const LazyJsonObject o = lazy(R"({"model":"m","messages":[tru]})");
    QVERIFY(!o.parsed());
    QVERIFY(o.get().empty());
    QVERIFY(!o.parseError().empty());
    QVERIFY(!lip::json::scanTopLevel(R"({"model":"m","messages":[}])"));
    QVERIFY(!lip::json::scanTopLevel(R"({"model":"m")"));
    QVERIFY(!lip::json::scanTopLevel(R"([1,2])"));
}

void TestLazyBody::prefixOfConversation_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<int>("elements");
    QTest::addColumn<QByteArray>("expected");
    QTest::newRow("first two") << QByteArray(R"({"messages":[{"role":"system"},{"role":"user"},{"role":"assistant"}],"x":1})") << 2
                               << QByteArray(R"({"messages":[{"role":"system"},{"role":"user"}]})");
    QTest::newRow("fewer than asked") << QByteArray(R"({"messages":[ {"a":"]"} ]})") << 4
                                      << QByteArray(R"({"messages":[{"a":"]"}]})");
    QTest::newRow("empty") << QByteArray(R"({"messages":[]})") << 4 << QByteArray(R"({"messages":[]})");
    QTest::newRow("string member") << QByteArray(R"({"input":"hello"})") << 4 << QByteArray(R"({"input":"hello"})");
    QTest::newRow("absent") << QByteArray(R"({"other":[1]})") << 4 << QByteArray(R"({})");
}

void TestLazyBody::prefixOfConversation()
{
    QFETCH(QByteArray, body);
    QFETCH(int, elements);
    QFETCH(QByteArray, expected);
    const std::string key = body.contains("\"input\"") ? "input" : "messages";
    const LazyJsonObject o = lazy(body);
    QCOMPARE(QByteArray::fromStdString(bj::serialize(o.prefix(key, size_t(elements)))), expected);
    QVERIFY(!o.parsed());
    // A parsed body answers the same from its DOM.
    (void)o.get();
    QCOMPARE(QByteArray::fromStdString(bj::serialize(o.prefix(key, size_t(elements)))), expected);
}

void TestLazyBody::editsAndCopies()
{
    const QByteArray body = R"({"model":"m","messages":[{"role":"user","content":"a"}]})";
    LazyJsonObject o = lazy(body);
    QVERIFY(o.layoutOf(body) != nullptr);
    QVERIFY(o.layoutOf(QByteArray(body.constData(), body.size())) == nullptr); // same text, other bytes
    LazyJsonObject copy = o;
    o.mut()["model"] = "edited";
    QVERIFY(o.layoutOf(body) == nullptr); // edited: the scan no longer describes it
    QCOMPARE(std::string(copy.if_contains("model")->get_string()), std::string("m"));
    bj::object taken = o.take();
    QCOMPARE(std::string(taken.at("model").get_string()), std::string("edited"));
    o = std::move(taken);
    QCOMPARE(std::string(o.get().at("model").get_string()), std::string("edited"));
    LazyJsonObject plain = bj::object{{"k", 1}};
    QVERIFY(plain.parsed());
    QCOMPARE(plain.if_contains("k")->as_int64(), 1);
}

void TestLazyBody::spliceReusesScan()
{
    const QByteArray body = R"({"model":"gpt-4o","messages":[],"n":1})";
    const std::optional<lip::json::TopLevelLayout> layout = lip::json::scanTopLevel(body);
    QVERIFY(layout);
    // Unchanged value: the same bytes, shared (not copied).
    const std::optional<QByteArray> same = lip::json::replaceMember(*layout, "model", R"("gpt-4o")");
    QVERIFY(same);
    QCOMPARE(same->constData(), body.constData());
    const std::optional<QByteArray> changed = lip::json::replaceMember(*layout, "model", R"("other")");
    QCOMPARE(changed.value_or(QByteArray()), QByteArray(R"({"model":"other","messages":[],"n":1})"));
    QCOMPARE(lip::json::replaceMember(body, "model", R"("other")"), changed);
    // Duplicates are both replaced even when one already has the value.
    const QByteArray dup = R"({"model":"a","model":"b"})";
    QCOMPARE(lip::json::replaceMember(dup, "model", R"("a")").value_or(QByteArray()), QByteArray(R"({"model":"a","model":"a"})"));
}

void TestLazyBody::stringMemberBytes_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<QByteArray>("key");
    QTest::addColumn<int>("bytes");
    QTest::newRow("plain") << QByteArray(R"({"content":"abc"})") << QByteArray("content") << 3;
    QTest::newRow("escapes as decoded bytes") << QByteArray("{\"content\":\"a\\\"b\\u00e9\\n\"}") << QByteArray("content") << 6;
    QTest::newRow("spaces around colon") << QByteArray(R"({"content" :  "abcd"})") << QByteArray("content") << 4;
    QTest::newRow("null") << QByteArray(R"({"content":null})") << QByteArray("content") << 0;
    QTest::newRow("value not key") << QByteArray(R"({"type":"content","x":"content"})") << QByteArray("content") << 0;
    QTest::newRow("inside a string") << QByteArray("{\"text\":\"say \\\"content\\\":\\\"xxxx\\\"\"}") << QByteArray("content") << 0;
    QTest::newRow("longer key") << QByteArray(R"({"reasoning_content":"ab","reasoning":"c"})") << QByteArray("reasoning") << 1;
    QTest::newRow("several") << QByteArray(R"([{"text":"ab"},{"text":"cde"}])") << QByteArray("text") << 5;
    QTest::newRow("truncated") << QByteArray(R"({"text":"ab)") << QByteArray("text") << 2;
}

void TestLazyBody::stringMemberBytes()
{
    QFETCH(QByteArray, text);
    QFETCH(QByteArray, key);
    QFETCH(int, bytes);
    QCOMPARE(int(lip::json::stringMemberBytes(std::string_view(text.constData(), size_t(text.size())),
                                              std::string_view(key.constData(), size_t(key.size())))),
             bytes);
}

void TestLazyBody::usageOnlyMatchesFullDecoder_data()
{
    QTest::addColumn<QString>("kind");
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<int>("step");
    for (int step : {0, 1, 7, 64}) {
        QTest::addRow("openai stream, pieces of %d", step) << QStringLiteral("openai-stream") << kOpenAIStream << step;
        QTest::addRow("openai stream without usage, pieces of %d", step)
            << QStringLiteral("openai-stream")
            << QByteArray(kOpenAIStream).replace("\"usage\":{\"prompt_tokens\":12,\"completion_tokens\":7,\"prompt_tokens_details\":{\"cached_tokens\":2}}", "\"usage\":null")
            << step;
        QTest::addRow("anthropic stream, pieces of %d", step) << QStringLiteral("anthropic-stream") << kAnthropicStream << step;
    }
    QTest::newRow("openai body with usage") << QStringLiteral("openai-body")
        << QByteArray(R"({"id":"x","choices":[{"index":0,"message":{"role":"assistant","content":"hello"},"finish_reason":"stop"}],"usage":{"prompt_tokens":3,"completion_tokens":1}})") << 0;
    QTest::newRow("openai body without usage") << QStringLiteral("openai-body")
        << QByteArray(R"({"id":"x","choices":[{"index":0,"message":{"role":"assistant","content":"hello","tool_calls":[{"id":"t","function":{"name":"f","arguments":"{}"}}]},"finish_reason":"stop"}]})") << 0;
    QTest::newRow("openai body malformed") << QStringLiteral("openai-body") << QByteArray(R"({"id":)") << 0;
    QTest::newRow("anthropic body") << QStringLiteral("anthropic-body")
        << QByteArray(R"({"type":"message","id":"m","content":[{"type":"thinking","thinking":"hmm hmm"},{"type":"text","text":"hi"}],"stop_reason":"end_turn","usage":{"input_tokens":9,"output_tokens":4}})") << 0;
    QTest::newRow("anthropic body without usage") << QStringLiteral("anthropic-body")
        << QByteArray(R"({"type":"message","id":"m","content":[{"type":"text","text":"hi there"}],"stop_reason":"end_turn"})") << 0;
}

void TestLazyBody::usageOnlyMatchesFullDecoder()
{
    QFETCH(QString, kind);
    QFETCH(QByteArray, bytes);
    QFETCH(int, step);
    auto make = [&]() -> std::unique_ptr<lip::ResponseDecoder> {
        if (kind == QLatin1String("openai-stream"))
            return std::make_unique<lip::OpenAIChatStreamDecoder>();
        if (kind == QLatin1String("openai-body"))
            return std::make_unique<lip::OpenAIChatBodyDecoder>();
        if (kind == QLatin1String("anthropic-stream"))
            return std::make_unique<lip::AnthropicStreamDecoder>();
        return std::make_unique<lip::AnthropicJsonDecoder>();
    };
    std::unique_ptr<lip::ResponseDecoder> full = make();
    std::unique_ptr<lip::ResponseDecoder> fast = make();
    fast->setUsageOnly();
    QCOMPARE(full->textBytesSeen(), qint64(-1));
    const Summary a = run(*full, bytes, step);
    const Summary b = run(*fast, bytes, step);
    QCOMPARE(b.otherEvents, 0);          // no block/message events in usage-only mode
    QCOMPARE(b.error, a.error);
    if (a.error)
        return;
    QVERIFY(a.otherEvents > 0);          // the full decoder did see a message
    // The last usage is what the call records; the text count is only an estimate's input,
    // needed when there is no usage: then it must match exactly.
    QCOMPARE(b.usages.isEmpty(), a.usages.isEmpty());
    if (!a.usages.isEmpty())
        QCOMPARE(b.usages.last(), a.usages.last());
    else
        QCOMPARE(b.textBytes, a.textBytes);
    if (kind.endsWith(QLatin1String("stream")))
        QCOMPARE(b.textBytes, a.textBytes); // streams count every delta either way
}

QTEST_GUILESS_MAIN(TestLazyBody)
#include "tst_lazybody.moc"
