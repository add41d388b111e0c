// SPDX-License-Identifier: GPL-3.0-or-later
// Anthropic responses both ways: provider SSE/JSON → canonical events (connector decoder) →
// Anthropic SSE/JSON for the client (frontend encoder), against golden files; every split of a
// stream; errors and truncation; usage with cache tokens.

#include "golden.h"

#include "backends/anthropic/anthropicconnector.h"
#include "backends/anthropic/anthropicdecoder.h"
#include "frontends/anthropic/anthropicfrontend.h"

#include <QTest>

using namespace lip;

namespace {

canon::Events decode(const QByteArray &bytes, bool stream, const std::vector<qsizetype> &cuts = {})
{
    auto decoder = anthropicConnector().makeDecoder(stream);
    canon::Events events;
    qsizetype pos = 0;
    for (qsizetype cut : cuts) {
        decoder->feed(std::string_view(bytes.constData() + pos, size_t(cut - pos)), events);
        pos = cut;
    }
    decoder->feed(std::string_view(bytes.constData() + pos, size_t(bytes.size() - pos)), events);
    decoder->finish(events);
    return events;
}

QByteArray encode(const canon::Events &events, bool stream, const std::string &model = "claude-client",
                  const canon::Request &request = {})
{
    auto encoder = anthropicFrontend().makeEncoder(request, model, stream);
    QByteArray out;
    for (const auto &e : events)
        encoder->encode(e, out);
    encoder->finish(out);
    return out;
}

// Events as comparable text (for split-point equality), deltas of a block joined.
QString describe(const canon::Events &events)
{
    QString s;
    int lastIndex = -2;
    canon::EventType lastType = canon::EventType::Error;
    for (const auto &e : events) {
        const bool joinable = e.type == canon::EventType::TextDelta || e.type == canon::EventType::ThinkingDelta
                              || e.type == canon::EventType::ToolArgsDelta || e.type == canon::EventType::Signature;
        if (joinable && e.type == lastType && e.index == lastIndex) {
            s += QString::fromStdString(e.text);
            continue;
        }
        s += QStringLiteral("\n%1/%2/%3/%4/%5/%6/%7:").arg(int(e.type)).arg(e.index).arg(int(e.blockKind))
                 .arg(QString::fromStdString(e.id), QString::fromStdString(e.name))
                 .arg(e.usage.input).arg(e.usage.output)
             + QString::number(int(e.stop)) + QLatin1Char(' ') + e.error.message
             + QLatin1Char(' ') + QString::fromStdString(e.text);
        lastIndex = e.index;
        lastType = e.type;
    }
    return s;
}

canon::Event ev(canon::EventType type, int index = -1, std::string text = {})
{
    canon::Event e;
    e.type = type;
    e.index = index;
    e.text = std::move(text);
    return e;
}

const canon::Event *find(const canon::Events &events, canon::EventType type)
{
    for (const auto &e : events) {
        if (e.type == type)
            return &e;
    }
    return nullptr;
}

} // namespace

class TestAnthropicStream : public QObject
{
    Q_OBJECT

private slots:
    // Anthropic SSE → events → Anthropic SSE: thinking + signature, text, parallel tool_use with
    // input_json_delta, cache usage. Byte-identical to the golden.
    void sseRoundTrip()
    {
        const QByteArray upstream = golden::read("upstream_tools.sse");
        QVERIFY(!upstream.isEmpty());
        const canon::Events events = decode(upstream, true);
        QVERIFY(!find(events, canon::EventType::Error));
        COMPARE_GOLDEN(encode(events, true), "client_tools.sse", false);
    }

    void thinkingSignatureUnchanged()
    {
        const canon::Events events = decode(golden::read("upstream_tools.sse"), true);
        std::string thinking, signature;
        for (const auto &e : events) {
            if (e.type == canon::EventType::ThinkingDelta)
                thinking += e.text;
            if (e.type == canon::EventType::Signature)
                signature += e.text;
        }
        QCOMPARE(thinking, std::string("Two cities, two calls. Café ☕"));
        QCOMPARE(signature, std::string("EqQBCkYIARgCIkBsig+/=="));
        const QByteArray out = encode(events, false);
        QVERIFY(out.contains(R"({"type":"thinking","thinking":"Two cities, two calls. Café ☕","signature":"EqQBCkYIARgCIkBsig+/=="})"));
        QVERIFY(!out.contains(anthropic::kProxySignaturePrefix.data())); // signed: nothing made up
        QVERIFY(out.contains(R"({"type":"tool_use","id":"toolu_01T1x1fJ34qAmk2tNTrN7Up6","name":"get_weather","input":{"city":"Paris"}})"));
        QVERIFY(out.contains(R"({"type":"tool_use","id":"toolu_01T1x1fJ34qAmk2tNTrN7Up7","name":"get_weather","input":{"city":"London"}})"));
    }

    void usageWithCache()
    {
        const canon::Events events = decode(golden::read("upstream_tools.sse"), true);
        canon::Usage last;
        for (const auto &e : events) {
            if (e.type == canon::EventType::Usage)
                last = e.usage;
        }
        QCOMPARE(last.input, int64_t(30)); // 10 + 16 read + 4 written
        QCOMPARE(last.cacheRead, int64_t(16));
        QCOMPARE(last.cacheWrite, int64_t(4));
        QCOMPARE(last.output, int64_t(89));
        const QByteArray out = encode(events, true);
        QVERIFY(out.contains(R"("usage":{"input_tokens":10,"cache_creation_input_tokens":4,"cache_read_input_tokens":16,"output_tokens":1}}})"));
        QVERIFY(out.contains(R"("usage":{"input_tokens":10,"cache_creation_input_tokens":4,"cache_read_input_tokens":16,"output_tokens":89}})"));
    }

    void everySplitPoint()
    {
        const QByteArray upstream = golden::read("upstream_tools.sse");
        const QString whole = describe(decode(upstream, true));
        for (qsizetype i = 1; i < upstream.size(); ++i) {
            const QString split = describe(decode(upstream, true, {i}));
            if (split != whole)
                QFAIL(qPrintable(QStringLiteral("split at %1 differs").arg(i)));
        }
        std::vector<qsizetype> bytes;
        for (qsizetype i = 1; i < upstream.size(); ++i)
            bytes.push_back(i);
        QCOMPARE(describe(decode(upstream, true, bytes)), whole);
        // The output is byte-identical whatever the split, mid-UTF-8 included.
        QCOMPARE(encode(decode(upstream, true, bytes), true), golden::read("client_tools.sse"));
    }

    void nonStream()
    {
        const canon::Events events = decode(golden::read("upstream_message.json"), false);
        QVERIFY(!find(events, canon::EventType::Error));
        const canon::Event *usage = find(events, canon::EventType::Usage);
        QVERIFY(usage);
        QCOMPARE(usage->usage.input, int64_t(112));
        COMPARE_GOLDEN(encode(events, false), "client_message.json", false);
        // The same events streamed are a valid stream too.
        COMPARE_GOLDEN(encode(events, true), "client_message.sse", false);
    }

    void errorEvent()
    {
        const QByteArray upstream =
            "event: message_start\ndata: {\"type\":\"message_start\",\"message\":{\"id\":\"msg_1\",\"type\":\"message\","
            "\"role\":\"assistant\",\"model\":\"x\",\"content\":[],\"usage\":{\"input_tokens\":3,\"output_tokens\":1}}}\n\n"
            "event: content_block_start\ndata: {\"type\":\"content_block_start\",\"index\":0,\"content_block\":{\"type\":\"text\",\"text\":\"\"}}\n\n"
            "event: content_block_delta\ndata: {\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_delta\",\"text\":\"Hel\"}}\n\n"
            "event: error\ndata: {\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\",\"message\":\"Overloaded\"},\"request_id\":\"req_1\"}\n\n";
        const canon::Events events = decode(upstream, true);
        const canon::Event *err = find(events, canon::EventType::Error);
        QVERIFY(err);
        QCOMPARE(err->error.category, ErrorCategory::Overloaded);
        QCOMPARE(err->error.message, QStringLiteral("Overloaded"));
        QCOMPARE(err->error.upstreamType, QByteArray("overloaded_error"));
        QCOMPARE(std::count_if(events.begin(), events.end(), [](const canon::Event &e) { return e.type == canon::EventType::Error; }), 1);
        COMPARE_GOLDEN(encode(events, true), "client_error.sse", false);
    }

    void truncated_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<int>("category");
        const QByteArray start = "event: message_start\ndata: {\"type\":\"message_start\",\"message\":{\"id\":\"msg_1\",\"model\":\"x\",\"usage\":{\"input_tokens\":3,\"output_tokens\":1}}}\n\n"
                                 "event: content_block_start\ndata: {\"type\":\"content_block_start\",\"index\":0,\"content_block\":{\"type\":\"text\",\"text\":\"\"}}\n\n";
        QTest::newRow("no message_stop") << start << int(ErrorCategory::UpstreamUnreachable);
        QTest::newRow("cut mid event") << start + "event: content_block_delta\ndata: {\"type\":\"content_blo" << int(ErrorCategory::UpstreamUnreachable);
        QTest::newRow("empty") << QByteArray() << int(ErrorCategory::UpstreamUnreachable);
        QTest::newRow("malformed json") << start + "event: content_block_delta\ndata: {\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_delta\",\"text\":\n\n"
                                        << int(ErrorCategory::UpstreamProtocol);
        QTest::newRow("not sse") << QByteArray("\xff\xfe<html>nope</html>\n\n") << int(ErrorCategory::UpstreamUnreachable);
    }
    void truncated()
    {
        QFETCH(QByteArray, bytes);
        QFETCH(int, category);
        const canon::Events events = decode(bytes, true);
        QCOMPARE(std::count_if(events.begin(), events.end(), [](const canon::Event &e) { return e.type == canon::EventType::Error; }), 1);
        QCOMPARE(int(events.back().error.category), category);
        const QByteArray out = encode(events, true);
        QVERIFY(out.endsWith("\n\n"));
        QVERIFY(out.contains("event: error\ndata: {\"type\":\"error\",\"error\":{\"type\":\"api_error\""));
        QVERIFY(!out.contains("event: message_stop"));
    }

    void nonStreamErrors_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<int>("category");
        QTest::newRow("truncated") << QByteArray("{\"id\":\"msg_1\",\"type\":\"message\",\"content\":[{\"type\":\"te") << int(ErrorCategory::UpstreamProtocol);
        QTest::newRow("not a message") << QByteArray(R"({"hello":1})") << int(ErrorCategory::UpstreamProtocol);
        QTest::newRow("error body") << QByteArray(R"({"type":"error","error":{"type":"rate_limit_error","message":"slow down"}})") << int(ErrorCategory::RateLimited);
    }
    void nonStreamErrors()
    {
        QFETCH(QByteArray, bytes);
        QFETCH(int, category);
        const canon::Events events = decode(bytes, false);
        QCOMPARE(events.size(), size_t(1));
        QCOMPARE(int(events[0].error.category), category);
    }

    // What an OpenAI backend produces: no usage until the end, no message id of Anthropic's form,
    // a finish before the usage. message_start has the local estimate of the prompt (13 tokens
    // for these 40 characters plus framing) and output_tokens 1; message_delta the full numbers.
    void usageOnlyAtEnd()
    {
        canon::Request request;
        canon::ContentBlock prompt;
        prompt.text = std::string(40, 'x');
        request.messages.push_back(canon::Message{canon::Role::User, {prompt}, {}});
        QCOMPARE(estimateInputTokens(request), int64_t(13));
        canon::Events events;
        canon::Event start = ev(canon::EventType::MessageStart);
        start.id = "chatcmpl-123";
        events.push_back(start);
        canon::Event bs = ev(canon::EventType::BlockStart, 0);
        events.push_back(bs);
        events.push_back(ev(canon::EventType::TextDelta, 0, "Hi \"there\"\n"));
        canon::Event tool = ev(canon::EventType::BlockStart, 1);
        tool.blockKind = canon::BlockKind::ToolUse;
        tool.id = "call_abc";
        tool.name = "lookup";
        events.push_back(tool);
        events.push_back(ev(canon::EventType::ToolArgsDelta, 1, "{\"q\":"));
        events.push_back(ev(canon::EventType::ToolArgsDelta, 1, "1}"));
        canon::Event fin = ev(canon::EventType::Finish);
        fin.stop = canon::StopReason::EndTurn; // "stop" after tool calls: still tool_use to Anthropic
        events.push_back(fin);
        canon::Event usage = ev(canon::EventType::Usage);
        usage.usage.input = 120;
        usage.usage.cacheRead = 100;
        usage.usage.output = 7;
        events.push_back(usage);
        const QByteArray out = encode(events, true, "claude-client", request);
        QVERIFY(out.contains(R"("usage":{"input_tokens":13,"cache_creation_input_tokens":0,"cache_read_input_tokens":0,"output_tokens":1}}})"));
        QVERIFY(out.contains(R"("usage":{"input_tokens":20,"cache_creation_input_tokens":0,"cache_read_input_tokens":100,"output_tokens":7}})"));
        COMPARE_GOLDEN(out, "client_openai_like.sse", false);
    }

    // Thinking without a signature (Chat reasoning_content): Anthropic clients still get a
    // signature_delta after the thinking_deltas, before the block stops, and the same value in
    // a whole message; the value is the proxy's own, derived from the text.
    void unsignedThinkingGetsProxySignature()
    {
        canon::Events events;
        canon::Event th = ev(canon::EventType::BlockStart, 0);
        th.blockKind = canon::BlockKind::Thinking;
        events.push_back(th);
        events.push_back(ev(canon::EventType::ThinkingDelta, 0, "Let me "));
        events.push_back(ev(canon::EventType::ThinkingDelta, 0, "think."));
        events.push_back(ev(canon::EventType::BlockStop, 0));
        events.push_back(ev(canon::EventType::BlockStart, 1));
        events.push_back(ev(canon::EventType::TextDelta, 1, "Answer."));
        events.push_back(ev(canon::EventType::BlockStop, 1));
        canon::Event fin = ev(canon::EventType::Finish);
        fin.stop = canon::StopReason::EndTurn;
        events.push_back(fin);

        const std::string sig = anthropic::proxySignature("Let me think.");
        QVERIFY(anthropic::isProxySignature(sig));
        QVERIFY(sig.rfind("lipsig1.", 0) == 0);
        QCOMPARE(sig.size(), size_t(8 + 24)); // 18 bytes of SHA-256, base64url
        QCOMPARE(anthropic::proxySignature("Let me think."), sig); // deterministic
        QVERIFY(anthropic::proxySignature("Let me think!") != sig);
        QVERIFY(!anthropic::isProxySignature("EqQBCkYIARgCIkBsig+/=="));

        const QByteArray stream = encode(events, true);
        const QByteArray sigDelta = "event: content_block_delta\ndata: {\"type\":\"content_block_delta\",\"index\":0,"
                                    "\"delta\":{\"type\":\"signature_delta\",\"signature\":\""
                                    + QByteArray::fromStdString(sig) + "\"}}";
        const qsizetype at = stream.indexOf(sigDelta);
        QVERIFY(at > 0);
        QVERIFY(stream.lastIndexOf("thinking_delta") < at);
        QVERIFY(stream.indexOf(R"({"type":"content_block_stop","index":0})") > at);
        QCOMPARE(stream.count("signature_delta"), qsizetype(1));

        const QByteArray whole = encode(events, false);
        const QByteArray block = "{\"type\":\"thinking\",\"thinking\":\"Let me think.\",\"signature\":\""
                                 + QByteArray::fromStdString(sig) + "\"}";
        QVERIFY(whole.contains(block));
    }

    // Anthropic reports thinking inside output_tokens: the decoder estimates the reasoning part
    // from the thinking text (bytes/4, at least 1, at most the output).
    void reasoningEstimate_data()
    {
        QTest::addColumn<qint64>("bytes");
        QTest::addColumn<qint64>("output");
        QTest::addColumn<qint64>("expected");
        QTest::newRow("no thinking") << qint64(0) << qint64(50) << qint64(0);
        QTest::newRow("one byte") << qint64(1) << qint64(50) << qint64(1);
        QTest::newRow("four bytes") << qint64(4) << qint64(50) << qint64(1);
        QTest::newRow("five bytes") << qint64(5) << qint64(50) << qint64(2);
        QTest::newRow("capped by output") << qint64(400) << qint64(10) << qint64(10);
        QTest::newRow("output unknown") << qint64(400) << qint64(-1) << qint64(100);
    }
    void reasoningEstimate()
    {
        QFETCH(qint64, bytes);
        QFETCH(qint64, output);
        QFETCH(qint64, expected);
        QCOMPARE(qint64(anthropicReasoningEstimate(bytes, output)), expected);
    }

    void reasoningFromThinkingText()
    {
        // "Two cities, two calls. Café ☕" is 32 bytes of UTF-8: 8 tokens of 89 output.
        const canon::Events events = decode(golden::read("upstream_tools.sse"), true);
        canon::Usage last;
        for (const auto &e : events)
            if (e.type == canon::EventType::Usage)
                last = e.usage;
        QCOMPARE(last.reasoning, int64_t(8));
        // Without thinking there is no reasoning.
        const QByteArray plain = "event: message_start\ndata: {\"type\":\"message_start\",\"message\":{\"id\":\"msg_1\",\"type\":\"message\",\"role\":\"assistant\",\"model\":\"m\",\"content\":[],\"usage\":{\"input_tokens\":3,\"output_tokens\":1}}}\n\n"
                                 "event: content_block_start\ndata: {\"type\":\"content_block_start\",\"index\":0,\"content_block\":{\"type\":\"text\",\"text\":\"\"}}\n\n"
                                 "event: content_block_delta\ndata: {\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_delta\",\"text\":\"hi\"}}\n\n"
                                 "event: content_block_stop\ndata: {\"type\":\"content_block_stop\",\"index\":0}\n\n"
                                 "event: message_delta\ndata: {\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"end_turn\"},\"usage\":{\"output_tokens\":5}}\n\n"
                                 "event: message_stop\ndata: {\"type\":\"message_stop\"}\n\n";
        for (const auto &e : decode(plain, true))
            if (e.type == canon::EventType::Usage)
                QCOMPARE(e.usage.reasoning, int64_t(0));
        // A whole message: the same estimate from its thinking blocks.
        const QByteArray message = R"({"id":"msg_2","type":"message","role":"assistant","model":"m","content":[)"
                                   R"({"type":"thinking","thinking":"abcdefghij","signature":"sig"},{"type":"text","text":"ok"}],)"
                                   R"("stop_reason":"end_turn","usage":{"input_tokens":3,"output_tokens":20}})";
        const canon::Events whole = decode(message, false);
        const canon::Event *usage = find(whole, canon::EventType::Usage);
        QVERIFY(usage);
        QCOMPARE(usage->usage.reasoning, int64_t(3)); // 10 bytes
        QCOMPARE(usage->usage.output, int64_t(20));
    }

    void nonStreamFromEvents()
    {
        canon::Events events;
        events.push_back(ev(canon::EventType::TextDelta, 3, "A"));
        events.push_back(ev(canon::EventType::TextDelta, 3, "B"));
        canon::Event fin = ev(canon::EventType::Finish);
        fin.stop = canon::StopReason::StopSequence;
        fin.stopSequence = "END";
        events.push_back(fin);
        const QByteArray out = encode(events, false);
        QVERIFY(out.startsWith("{\"id\":\"msg_"));
        QVERIFY(out.endsWith(R"("type":"message","role":"assistant","model":"claude-client","content":[{"type":"text","text":"AB"}],)"
                             R"("stop_reason":"stop_sequence","stop_sequence":"END","usage":{"input_tokens":0,"cache_creation_input_tokens":0,"cache_read_input_tokens":0,"output_tokens":0}})"));
    }
};

QTEST_GUILESS_MAIN(TestAnthropicStream)
#include "tst_anthropic_stream.moc"
