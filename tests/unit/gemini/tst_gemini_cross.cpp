// SPDX-License-Identifier: GPL-3.0-or-later
// Gemini client ↔ OpenAI Chat backend: the request body the Chat connector builds from a Gemini
// request, and a Chat stream as a Gemini client receives it.

#include "backends/openai_chat/openaichatconnector.h"
#include "frontends/gemini/geminifrontend.h"

#include "geminitestutil.h"

#include <QTest>

using namespace geminitest;
namespace json = boost::json;

class TestGeminiCross : public QObject
{
    Q_OBJECT
private slots:
    void geminiRequestToChatBody()
    {
        lip::InboundRequest in;
        in.dialect = lip::Dialect::Gemini;
        in.model = "gpt-4o";
        in.stream = true;
        in.body = parse(readGolden("request_agent.json")).as_object();
        auto canon = lip::geminiFrontend().toCanonical(in);
        QVERIFY(canon.ok());
        lip::config::BackendConfig cfg;
        cfg.baseUrl = "http://127.0.0.1:39080/v1";
        lip::BackendContext ctx;
        ctx.backend = &cfg;
        ctx.apiKey = "test-key";
        auto req = lip::openAIChatConnector().buildRequest(*canon, ctx);
        QVERIFY2(req.ok(), qPrintable(req.ok() ? QString() : req.error().message));
        QVERIFY(matchesGolden("cross_request_agent.chat.json", prettyBytes(parse(req->body))));
        // Every tool result answers a call id that the Chat body declares.
        auto body = parse(req->body).as_object();
        std::vector<std::string> callIds, resultIds;
        for (const auto &m : body["messages"].as_array()) {
            const auto &mo = m.as_object();
            if (const auto *calls = mo.if_contains("tool_calls"))
                for (const auto &c : calls->as_array())
                    callIds.emplace_back(c.as_object().at("id").as_string());
            if (const auto *id = mo.if_contains("tool_call_id"))
                resultIds.emplace_back(id->as_string());
        }
        QCOMPARE(resultIds.size(), size_t(3));
        for (const auto &id : resultIds)
            QVERIFY2(std::find(callIds.begin(), callIds.end(), id) != callIds.end(), id.c_str());
    }

    void chatStreamToGeminiSse()
    {
        const QByteArray sse = readGolden("cross_chat_stream.sse");
        QVERIFY(!sse.isEmpty());
        auto dec = lip::openAIChatConnector().makeDecoder(true);
        lip::canon::Events events;
        dec->feed(std::string_view(sse.constData(), size_t(sse.size())), events);
        dec->finish(events);
        lip::canon::Request req;
        auto enc = lip::gemini::makeEncoder(req, "openai:gpt-4o", lip::gemini::StreamForm::Sse);
        QByteArray out;
        for (const auto &e : events)
            enc->encode(e, out);
        enc->finish(out);
        QVERIFY(matchesGolden("cross_chat_stream.gemini.sse", out));
        QVERIFY(out.contains("\"functionCall\":{\"id\":\"call_abc123\",\"name\":\"get_weather\",\"args\":{\"city\":\"Z\xc3\xbcrich\"}}"));
        QVERIFY(out.contains("\"finishReason\":\"STOP\""));
    }
};

QTEST_GUILESS_MAIN(TestGeminiCross)
#include "tst_gemini_cross.moc"
