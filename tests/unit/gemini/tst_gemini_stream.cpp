// SPDX-License-Identifier: GPL-3.0-or-later
// Gemini responses: provider bytes → canonical events (SSE, JSON array, whole body, at every
// split), canonical events → client bytes, and thoughtSignature round trips.

#include "backends/gemini/geminiconnector.h"
#include "backends/gemini/jsonarraysplitter.h"
#include "frontends/gemini/geminifrontend.h"

#include "geminitestutil.h"

#include <QTest>

using namespace geminitest;
namespace json = boost::json;
using lip::canon::BlockKind;
using lip::canon::Event;
using lip::canon::EventType;
using lip::canon::Events;

namespace {

Events decodeSplit(const QByteArray &bytes, bool stream, const std::vector<qsizetype> &cuts)
{
    auto dec = lip::geminiConnector().makeDecoder(stream);
    Events out;
    qsizetype pos = 0;
    for (qsizetype c : cuts) {
        dec->feed(std::string_view(bytes.constData() + pos, size_t(c - pos)), out);
        pos = c;
    }
    dec->feed(std::string_view(bytes.constData() + pos, size_t(bytes.size() - pos)), out);
    dec->finish(out);
    return out;
}

Events decode(const QByteArray &bytes, bool stream = true)
{
    return decodeSplit(bytes, stream, {});
}

QByteArray dumpOf(const Events &events)
{
    return QByteArray::fromStdString(json::serialize(dumpEvents(events)));
}

// The same chunks as the alt=sse golden, as the JSON array Gemini sends without alt=sse.
QByteArray arrayForm(const QByteArray &sse)
{
    QByteArray out = "[";
    bool first = true;
    for (const QByteArray &line : sse.split('\n')) {
        const QByteArray l = line.trimmed();
        if (!l.startsWith("data: "))
            continue;
        if (!first)
            out += ",\r\n";
        first = false;
        out += l.mid(6);
    }
    return out + "]";
}

QByteArray encode(const Events &events, lip::gemini::StreamForm form, bool includeThoughts,
                  std::vector<QByteArray> *pieces = nullptr)
{
    lip::canon::Request req;
    req.reasoning.includeThoughts = includeThoughts;
    auto enc = lip::gemini::makeEncoder(req, "models/my-alias", form);
    QByteArray out;
    for (const auto &e : events) {
        QByteArray piece;
        enc->encode(e, piece);
        if (pieces && !piece.isEmpty())
            pieces->push_back(piece);
        out += piece;
    }
    QByteArray tail;
    enc->finish(tail);
    if (pieces && !tail.isEmpty())
        pieces->push_back(tail);
    return out + tail;
}

// What @google/genai does with a stream: every chunk's candidate parts, in order.
json::array partsOfSse(const QByteArray &sse)
{
    json::array parts;
    for (const QByteArray &block : sse.split('\n')) {
        const QByteArray l = block.trimmed();
        if (!l.startsWith("data: "))
            continue;
        auto chunk = parse(l.mid(6)).as_object();
        for (auto &p : chunk["candidates"].as_array()[0].as_object()["content"].as_object()["parts"].as_array())
            parts.push_back(p);
    }
    return parts;
}

Event ev(EventType t, int index = -1, std::string text = {}, BlockKind kind = BlockKind::Text)
{
    Event e;
    e.type = t;
    e.index = index;
    e.text = std::move(text);
    e.blockKind = kind;
    return e;
}

} // namespace

class TestGeminiStream : public QObject
{
    Q_OBJECT
private:
    QByteArray m_sse;

private slots:
    void initTestCase()
    {
        m_sse = readGolden("stream_thinking_tools.sse");
        QVERIFY(!m_sse.isEmpty());
    }

    void decodeGolden()
    {
        const Events events = decode(m_sse);
        QVERIFY(matchesGolden("stream_thinking_tools.events.json", prettyBytes(dumpEvents(events))));
        // The JSON array form decodes to the very same events.
        QCOMPARE(dumpOf(decode(arrayForm(m_sse))), dumpOf(events));
    }

    void usageMapping()
    {
        const Events events = decode(m_sse);
        const Event *usage = nullptr;
        for (const auto &e : events)
            if (e.type == EventType::Usage)
                usage = &e;
        QVERIFY(usage);
        QCOMPARE(usage->usage.input, int64_t(120));
        QCOMPARE(usage->usage.output, int64_t(55)); // candidates 30 + thoughts 25
        QCOMPARE(usage->usage.reasoning, int64_t(25));
        QCOMPARE(usage->usage.cacheRead, int64_t(64));
        QCOMPARE(events.back().type, EventType::Finish);
        QCOMPARE(events.back().stop, lip::canon::StopReason::ToolUse);
    }

    void everySplitPoint_data()
    {
        QTest::addColumn<bool>("array");
        QTest::newRow("sse") << false;
        QTest::newRow("json array") << true;
    }
    void everySplitPoint()
    {
        QFETCH(bool, array);
        const QByteArray bytes = array ? arrayForm(m_sse) : m_sse;
        const QByteArray expected = dumpOf(decode(bytes));
        for (qsizetype i = 0; i <= bytes.size(); ++i)
            QVERIFY2(dumpOf(decodeSplit(bytes, true, {i})) == expected, qPrintable(QString("split at %1").arg(i)));
        for (qsizetype i = 1; i + 7 <= bytes.size(); i += 7)
            QCOMPARE(dumpOf(decodeSplit(bytes, true, {i, i + 3, i + 7})), expected);
        std::vector<qsizetype> ones;
        for (qsizetype i = 1; i < bytes.size(); ++i)
            ones.push_back(i);
        QCOMPARE(dumpOf(decodeSplit(bytes, true, ones)), expected); // 1-byte pieces, mid-UTF-8 too
    }

    void wholeBodyEverySplit()
    {
        const QByteArray body = R"({"candidates":[{"content":{"parts":[{"text":"Grüße ","thoughtSignature":"U0lH"},{"text":"aus Köln"}],"role":"model"},"finishReason":"MAX_TOKENS","index":0}],"usageMetadata":{"promptTokenCount":10,"candidatesTokenCount":5,"totalTokenCount":15},"modelVersion":"gemini-2.5-flash","responseId":"r9"})";
        const Events events = decode(body, false);
        QCOMPARE(QString::fromUtf8(dumpOf(events)),
                 QString::fromUtf8(R"([{"type":"message_start","id":"r9","model":"gemini-2.5-flash"},{"type":"block_start","index":0,"kind":"text"},{"type":"signature","index":0,"text":"U0lH"},{"type":"text_delta","index":0,"text":"Grüße "},{"type":"text_delta","index":0,"text":"aus Köln"},{"type":"block_stop","index":0},{"type":"usage","input":10,"output":5,"cacheRead":0,"reasoning":0},{"type":"finish","stop":"max_tokens"}])"));
        for (qsizetype i = 0; i <= body.size(); ++i)
            QCOMPARE(dumpOf(decodeSplit(body, false, {i})), dumpOf(events));
    }

    void truncatedStreamsEndInError_data()
    {
        QTest::addColumn<bool>("array");
        QTest::newRow("sse") << false;
        QTest::newRow("json array") << true;
    }
    void truncatedStreamsEndInError()
    {
        QFETCH(bool, array);
        const QByteArray bytes = array ? arrayForm(m_sse) : m_sse;
        const QByteArray full = dumpOf(decode(bytes));
        for (qsizetype n = 0; n < bytes.size(); ++n) {
            const Events events = decode(bytes.left(n));
            QVERIFY(!events.empty());
            const bool complete = dumpOf(events) == full; // only the trailing "\n" missing (SSE)
            QVERIFY2(complete || events.back().type == EventType::Error, qPrintable(QString("cut at %1").arg(n)));
            if (!complete)
                QVERIFY(events.back().error.category == lip::ErrorCategory::UpstreamUnreachable
                        || events.back().error.category == lip::ErrorCategory::UpstreamProtocol);
        }
    }

    void errorsInStream_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<bool>("stream");
        QTest::addColumn<QString>("last");
        QTest::newRow("error chunk sse")
            << QByteArray("data: {\"candidates\":[{\"content\":{\"parts\":[{\"text\":\"x\"}],\"role\":\"model\"},\"index\":0}]}\r\n\r\n"
                          "data: {\"error\":{\"code\":500,\"message\":\"An internal error has occurred.\",\"status\":\"INTERNAL\"}}\r\n\r\n")
            << true << R"({"type":"error","category":"upstream","message":"An internal error has occurred."})";
        QTest::newRow("error in array")
            << QByteArray("[{\"error\":{\"code\":429,\"message\":\"quota\",\"status\":\"RESOURCE_EXHAUSTED\"}}]")
            << true << R"({"type":"error","category":"rate_limited","message":"quota"})";
        QTest::newRow("malformed chunk")
            << QByteArray("data: {\"candidates\":[{\"content\":{\"parts\":[{\"text\":\"x\"}\r\n\r\n")
            << true << R"({"type":"error","category":"upstream_protocol","message":"Gemini sent a malformed stream chunk."})";
        QTest::newRow("blocked prompt")
            << QByteArray(R"({"promptFeedback":{"blockReason":"SAFETY"},"usageMetadata":{"promptTokenCount":7,"totalTokenCount":7}})")
            << false << R"({"type":"finish","stop":"refusal"})";
        QTest::newRow("empty body") << QByteArray("") << false
            << R"({"type":"error","category":"upstream_protocol","message":"Gemini sent an empty response."})";
        QTest::newRow("truncated body") << QByteArray("{\"candidates\":[") << false
            << "{\"type\":\"error\",\"category\":\"upstream_protocol\",\"message\":\"Gemini's response is truncated or is not JSON.\"}";
        QTest::newRow("garbage after array") << QByteArray("[{\"candidates\":[]}] x") << true
            << "{\"type\":\"error\",\"category\":\"upstream_protocol\",\"message\":\"Gemini's stream is malformed: bytes after the end of the JSON array\"}";
    }
    void errorsInStream()
    {
        QFETCH(QByteArray, bytes);
        QFETCH(bool, stream);
        QFETCH(QString, last);
        const Events events = decode(bytes, stream);
        QVERIFY(!events.empty());
        auto dumped = dumpEvents(events);
        QCOMPARE(QString::fromStdString(json::serialize(dumped.back())), last);
        int errors = 0;
        for (const auto &e : events)
            errors += e.type == EventType::Error;
        QVERIFY(errors <= 1);
    }

    void splitterHandlesStringsAndEscapes()
    {
        lip::gemini::JsonArraySplitter s;
        std::vector<std::string> out;
        const std::string text = " [ {\"a\":\"]},{\\\"\",\"b\":[1,{\"c\":\"\\\\\"}]} , {\"d\":\"}\"} ] ";
        for (char c : text)
            QVERIFY(s.feed(std::string_view(&c, 1), out));
        QVERIFY(s.done());
        QCOMPARE(out.size(), size_t(2));
        QCOMPARE(out[0], std::string("{\"a\":\"]},{\\\"\",\"b\":[1,{\"c\":\"\\\\\"}]}"));
        QCOMPARE(out[1], std::string("{\"d\":\"}\"}"));
        lip::gemini::JsonArraySplitter bad;
        QVERIFY(!bad.feed("[{},,{}]", out));
        QVERIFY(bad.failed());
    }

    void encodeGoldens()
    {
        const Events events = decode(m_sse);
        using F = lip::gemini::StreamForm;
        QVERIFY(matchesGolden("encode_thinking_tools.sse", encode(events, F::Sse, true)));
        const QByteArray arr = encode(events, F::JsonArray, true);
        QVERIFY(matchesGolden("encode_thinking_tools.array.json", arr));
        QVERIFY(parse(arr).is_array()); // the streamed array is one valid JSON document
        QVERIFY(matchesGolden("encode_thinking_tools.whole.json", prettyBytes(parse(encode(events, F::Whole, true)))));
        QVERIFY(matchesGolden("encode_thinking_tools.nothoughts.sse", encode(events, F::Sse, false)));
    }

    void encoderUsageAndFinish()
    {
        const Events events = decode(m_sse);
        auto whole = parse(encode(events, lip::gemini::StreamForm::Whole, false)).as_object();
        QCOMPARE(QByteArray::fromStdString(json::serialize(whole["usageMetadata"])),
                 QByteArray(R"({"promptTokenCount":120,"candidatesTokenCount":30,"thoughtsTokenCount":25,"cachedContentTokenCount":64,"totalTokenCount":175})"));
        auto &cand = whole["candidates"].as_array()[0].as_object();
        QCOMPARE(std::string(cand["finishReason"].as_string()), std::string("STOP")); // tool use → STOP
        QCOMPARE(std::string(whole["modelVersion"].as_string()), std::string("my-alias"));
        QCOMPARE(std::string(whole["responseId"].as_string()), std::string("resp-1"));
        // Without includeThoughts no thought part reaches the client.
        for (const auto &p : cand["content"].as_object()["parts"].as_array())
            QVERIFY(!p.as_object().contains("thought"));
    }

    void finishReasons_data()
    {
        QTest::addColumn<int>("stop");
        QTest::addColumn<QString>("reason");
        using S = lip::canon::StopReason;
        QTest::newRow("end") << int(S::EndTurn) << "STOP";
        QTest::newRow("tool") << int(S::ToolUse) << "STOP";
        QTest::newRow("max") << int(S::MaxTokens) << "MAX_TOKENS";
        QTest::newRow("filter") << int(S::ContentFilter) << "SAFETY";
        QTest::newRow("stopseq") << int(S::StopSequence) << "STOP";
    }
    void finishReasons()
    {
        QFETCH(int, stop);
        QFETCH(QString, reason);
        Event f = ev(EventType::Finish);
        f.stop = lip::canon::StopReason(stop);
        const QByteArray sse = encode({f}, lip::gemini::StreamForm::Sse, false);
        QVERIFY(sse.contains(QByteArray(QByteArray("\"finishReason\":\"") + reason.toUtf8() + "\"")));
        QVERIFY(sse.endsWith("\r\n\r\n"));
    }

    void streamErrorsPerForm()
    {
        Event err = ev(EventType::Error);
        err.error = lip::Error::make(lip::ErrorCategory::Overloaded, "busy");
        Events events{ev(EventType::BlockStart, 0), ev(EventType::TextDelta, 0, "hi"), err};
        const QByteArray sse = encode(events, lip::gemini::StreamForm::Sse, false);
        QVERIFY(sse.endsWith("data: {\"error\":{\"code\":503,\"message\":\"busy\",\"status\":\"UNAVAILABLE\"}}\r\n\r\n"));
        QVERIFY(!sse.contains("finishReason"));
        const QByteArray arr = encode(events, lip::gemini::StreamForm::JsonArray, false);
        QVERIFY(arr.endsWith(",\r\n{\"error\":{\"code\":503,\"message\":\"busy\",\"status\":\"UNAVAILABLE\"}}]"));
        QVERIFY(parse(arr).is_array());
        const QByteArray arrOnly = encode({err}, lip::gemini::StreamForm::JsonArray, false);
        QCOMPARE(arrOnly, QByteArray("[{\"error\":{\"code\":503,\"message\":\"busy\",\"status\":\"UNAVAILABLE\"}}]"));
    }

    void geminiSignatureReplayIsByteIdentical()
    {
        // Gemini backend → events → Gemini client; the client sends its model turn back.
        const QByteArray toClient = encode(decode(m_sse), lip::gemini::StreamForm::Sse, true);
        json::object req{{"contents", json::array{
            json::object{{"role", "user"}, {"parts", json::array{json::object{{"text", "weather?"}}}}},
            json::object{{"role", "model"}, {"parts", partsOfSse(toClient)}}}}};
        lip::InboundRequest in;
        in.dialect = lip::Dialect::Gemini;
        in.model = "gemini-2.5-pro";
        in.body = req;
        auto canon = lip::geminiFrontend().toCanonical(in);
        QVERIFY(canon.ok());
        auto body = lip::gemini::buildRequestBody(*canon);
        QVERIFY(body.ok());
        auto parts = json::parse(*body).as_object()["contents"].as_array()[1].as_object()["parts"].as_array();
        json::array signedParts;
        for (auto &p : parts)
            if (p.as_object().contains("thoughtSignature"))
                signedParts.push_back(p);
        QCOMPARE(QString::fromStdString(json::serialize(signedParts)),
                 QString::fromUtf8(R"([{"text":"Checking — ","thoughtSignature":"c2lnLXRleHQ="},)"
                                   R"({"functionCall":{"name":"get_weather","args":{"city":"Paris"}},"thoughtSignature":"c2lnLWZj"}])"));
        // The call Gemini gave an id keeps it; the other stays id-less as Gemini sent it.
        bool sawFc2 = false;
        for (auto &p : parts)
            if (const auto *fc = p.as_object().if_contains("functionCall"))
                if (fc->as_object().contains("id")) {
                    QCOMPARE(std::string(fc->as_object().at("id").as_string()), std::string("fc-2"));
                    sawFc2 = true;
                }
        QVERIFY(sawFc2);
    }

    void foreignThinkingRoundTrip_data()
    {
        QTest::addColumn<bool>("includeThoughts");
        QTest::newRow("thoughts hidden (packed)") << false;
        QTest::newRow("thoughts shown") << true;
    }
    void foreignThinkingRoundTrip()
    {
        QFETCH(bool, includeThoughts);
        // An Anthropic-style answer: thinking with a signature that belongs to its text, then a call.
        Events events;
        Event start = ev(EventType::MessageStart);
        start.id = "msg_1";
        events.push_back(start);
        events.push_back(ev(EventType::BlockStart, 0, {}, BlockKind::Thinking));
        events.push_back(ev(EventType::ThinkingDelta, 0, "Need the ", BlockKind::Thinking));
        events.push_back(ev(EventType::ThinkingDelta, 0, "weather.", BlockKind::Thinking));
        events.push_back(ev(EventType::Signature, 0, "EqQBCkYIBxgCKkBsig==", BlockKind::Thinking));
        events.push_back(ev(EventType::BlockStop, 0));
        Event tool = ev(EventType::BlockStart, 1, {}, BlockKind::ToolUse);
        tool.id = "toolu_01A";
        tool.name = "get_weather";
        events.push_back(tool);
        events.push_back(ev(EventType::ToolArgsDelta, 1, "{\"city\":"));
        events.push_back(ev(EventType::ToolArgsDelta, 1, "\"Paris\"}"));
        events.push_back(ev(EventType::BlockStop, 1));
        Event fin = ev(EventType::Finish);
        fin.stop = lip::canon::StopReason::ToolUse;
        events.push_back(fin);

        const QByteArray toClient = encode(events, lip::gemini::StreamForm::Sse, includeThoughts);
        const json::array parts = partsOfSse(toClient);
        json::object req{{"contents", json::array{
            json::object{{"role", "user"}, {"parts", json::array{json::object{{"text", "weather?"}}}}},
            json::object{{"role", "model"}, {"parts", parts}},
            json::object{{"role", "user"}, {"parts", json::array{json::object{{"functionResponse",
                json::object{{"id", "toolu_01A"}, {"name", "get_weather"}, {"response", json::object{{"result", "sunny"}}}}}}}}}}}};
        lip::InboundRequest in;
        in.dialect = lip::Dialect::Gemini;
        in.model = "anthropic:claude";
        in.body = req;
        auto canon = lip::geminiFrontend().toCanonical(in);
        QVERIFY(canon.ok());
        const auto &turn = canon->messages[1].content;
        QVERIFY(turn.size() >= 2);
        QCOMPARE(turn[0].kind, BlockKind::Thinking);
        QCOMPARE(turn[0].text, std::string("Need the weather."));
        QCOMPARE(turn[0].signature, std::string("EqQBCkYIBxgCKkBsig=="));
        QCOMPARE(turn[1].kind, BlockKind::ToolUse);
        QCOMPARE(turn[1].toolId, std::string("toolu_01A"));
        QVERIFY(turn[1].signature.empty());
        QCOMPARE(canon->messages[2].content[0].toolId, std::string("toolu_01A"));
        // The thinking text is shown only when asked for.
        bool sawThought = false;
        for (const auto &p : parts)
            sawThought = sawThought || p.as_object().contains("thought");
        QCOMPARE(sawThought, includeThoughts);
    }

    // Thinking with no signature (a Chat backend's reasoning_content): Gemini clients still get a
    // thoughtSignature, on the first answer part as Gemini does, and the turn sent back parses
    // without bringing back anything to replay (an empty pack).
    void unsignedThinkingGetsSignature_data()
    {
        QTest::addColumn<bool>("includeThoughts");
        QTest::addColumn<int>("form");
        QTest::newRow("shown, sse") << true << int(lip::gemini::StreamForm::Sse);
        QTest::newRow("hidden, sse") << false << int(lip::gemini::StreamForm::Sse);
        QTest::newRow("shown, whole") << true << int(lip::gemini::StreamForm::Whole);
    }
    void unsignedThinkingGetsSignature()
    {
        QFETCH(bool, includeThoughts);
        QFETCH(int, form);
        Events events;
        events.push_back(ev(EventType::BlockStart, 0, {}, BlockKind::Thinking));
        events.push_back(ev(EventType::ThinkingDelta, 0, "Let me ", BlockKind::Thinking));
        events.push_back(ev(EventType::ThinkingDelta, 0, "think.", BlockKind::Thinking));
        events.push_back(ev(EventType::BlockStop, 0));
        events.push_back(ev(EventType::BlockStart, 1));
        events.push_back(ev(EventType::TextDelta, 1, "Answer"));
        events.push_back(ev(EventType::TextDelta, 1, "."));
        events.push_back(ev(EventType::BlockStop, 1));
        Event usage = ev(EventType::Usage);
        usage.usage.input = 10;
        usage.usage.output = 30;
        usage.usage.reasoning = 12;
        events.push_back(usage);
        events.push_back(ev(EventType::Finish));

        const QByteArray out = encode(events, lip::gemini::StreamForm(form), includeThoughts);
        json::array parts;
        if (form == int(lip::gemini::StreamForm::Whole))
            parts = parse(out).as_object()["candidates"].as_array()[0].as_object()["content"].as_object()["parts"].as_array();
        else
            parts = partsOfSse(out);
        int signatures = 0;
        bool sawThought = false;
        for (const auto &p : parts) {
            const auto &o = p.as_object();
            sawThought = sawThought || o.contains("thought");
            if (const auto *sig = o.if_contains("thoughtSignature")) {
                ++signatures;
                QVERIFY(!o.contains("thought")); // on the answer, as Gemini puts it
                QVERIFY(std::string(sig->as_string()).rfind("lipthink.", 0) == 0);
                QCOMPARE(std::string(o.at("text").as_string()).substr(0, 6), std::string("Answer"));
            }
        }
        QCOMPARE(signatures, 1);
        QCOMPARE(sawThought, includeThoughts);
        QVERIFY(out.contains(R"("thoughtsTokenCount":12)"));

        json::object req{{"contents", json::array{
            json::object{{"role", "user"}, {"parts", json::array{json::object{{"text", "Think."}}}}},
            json::object{{"role", "model"}, {"parts", parts}},
            json::object{{"role", "user"}, {"parts", json::array{json::object{{"text", "Again."}}}}}}}};
        lip::InboundRequest in;
        in.dialect = lip::Dialect::Gemini;
        in.model = "openai:gpt";
        in.body = req;
        auto canon = lip::geminiFrontend().toCanonical(in);
        QVERIFY(canon.ok());
        std::string answer;
        for (const auto &b : canon->messages[1].content) {
            QVERIFY(b.signature.empty()); // nothing signed to replay
            if (b.kind == BlockKind::Text)
                answer += b.text;
        }
        QCOMPARE(answer, std::string("Answer."));
    }

    // An answer part that is signed itself needs no pack; hidden signed thinking before it rides
    // on an empty part of its own (this once recursed forever).
    void carryBeforeSignedPart()
    {
        Events events;
        events.push_back(ev(EventType::BlockStart, 0, {}, BlockKind::Thinking));
        events.push_back(ev(EventType::ThinkingDelta, 0, "hm", BlockKind::Thinking));
        events.push_back(ev(EventType::Signature, 0, "anthropic-sig", BlockKind::Thinking));
        events.push_back(ev(EventType::BlockStop, 0));
        events.push_back(ev(EventType::BlockStart, 1, {}, BlockKind::Thinking));
        events.push_back(ev(EventType::ThinkingDelta, 1, "unsigned", BlockKind::Thinking));
        events.push_back(ev(EventType::BlockStop, 1));
        events.push_back(ev(EventType::BlockStart, 2));
        events.push_back(ev(EventType::Signature, 2, "gemini-sig"));
        events.push_back(ev(EventType::TextDelta, 2, "Hi"));
        events.push_back(ev(EventType::BlockStop, 2));
        events.push_back(ev(EventType::Finish));
        const json::array parts = partsOfSse(encode(events, lip::gemini::StreamForm::Sse, false));
        QCOMPARE(parts.size(), size_t(3)); // the pack, the answer, the final chunk's empty part
        QVERIFY(std::string(parts[0].as_object().at("thoughtSignature").as_string()).rfind("lipthink.", 0) == 0);
        QCOMPARE(json::serialize(parts[1]), std::string(R"({"text":"Hi","thoughtSignature":"gemini-sig"})"));
        QVERIFY(!parts[2].as_object().contains("thoughtSignature"));
    }

    // thoughtsTokenCount is written whenever there is reasoning, even if the output is unknown.
    void thoughtsCountWithoutOutput()
    {
        Event usage = ev(EventType::Usage);
        usage.usage.input = 10;
        usage.usage.reasoning = 5;
        const QByteArray out = encode({usage, ev(EventType::Finish)}, lip::gemini::StreamForm::Whole, false);
        auto whole = parse(out).as_object();
        QCOMPARE(QByteArray::fromStdString(json::serialize(whole["usageMetadata"])),
                 QByteArray(R"({"promptTokenCount":10,"candidatesTokenCount":0,"thoughtsTokenCount":5,"totalTokenCount":15})"));
    }

    void unpackRejectsTampering()
    {
        bool ok = true;
        QVERIFY(lip::gemini::unpackThinking("lipthink.!!!", &ok).empty());
        QVERIFY(!ok);
        QVERIFY(lip::gemini::unpackThinking("lipthink.e30", &ok).empty()); // "{}" is not a list
        QVERIFY(!ok);
        lip::canon::ContentBlock b;
        b.kind = BlockKind::RedactedThinking;
        b.signature = "opaque";
        const auto packed = lip::gemini::packThinking({b});
        auto back = lip::gemini::unpackThinking(packed, &ok);
        QVERIFY(ok);
        QCOMPARE(back.size(), size_t(1));
        QCOMPARE(back[0].kind, BlockKind::RedactedThinking);
        QCOMPARE(back[0].signature, std::string("opaque"));
    }
};

QTEST_GUILESS_MAIN(TestGeminiStream)
#include "tst_gemini_stream.moc"
