// SPDX-License-Identifier: GPL-3.0-or-later
// Anthropic clients on OpenAI Chat backends: Anthropic request → canonical → OpenAI Chat body,
// and OpenAI Chat SSE → canonical events → Anthropic SSE (goldens).

#include "golden.h"

#include "backends/openai_chat/openaichatconnector.h"
#include "config/config.h"
#include "frontends/anthropic/anthropicfrontend.h"
#include "server/httpserver.h"

#include <QTest>

using namespace lip;

namespace {

Result<canon::Request> canonicalOf(const QByteArray &body)
{
    server::HttpRequest r;
    r.method = "POST";
    r.path = "/v1/messages";
    r.body = body;
    const auto in = anthropicFrontend().inbound(r, {}, false);
    if (!in)
        return in.error();
    return anthropicFrontend().toCanonical(*in);
}

} // namespace

class TestAnthropicCross : public QObject
{
    Q_OBJECT

private slots:
    void requestToOpenAIChat_data()
    {
        QTest::addColumn<QString>("name");
        QTest::newRow("full") << "req_full";
        QTest::newRow("basic") << "req_basic";
    }
    void requestToOpenAIChat()
    {
        QFETCH(QString, name);
        auto req = canonicalOf(golden::read(name + ".json"));
        QVERIFY2(req.ok(), qPrintable(req.ok() ? QString() : req.error().message));
        req->model = "gpt-4.1";
        config::BackendConfig b;
        b.name = QStringLiteral("openai");
        b.type = QStringLiteral("openai");
        b.baseUrl = QStringLiteral("http://127.0.0.1:39080/v1");
        BackendContext ctx;
        ctx.backend = &b;
        ctx.apiKey = QStringLiteral("test-key");
        const auto up = openAIChatConnector().buildRequest(*req, ctx);
        QVERIFY2(up.ok(), qPrintable(up.ok() ? QString() : up.error().message));
        COMPARE_GOLDEN(up->body, "cross_" + name + ".openai_chat.json", true);
    }

    void openAIChatStreamToAnthropic()
    {
        const QByteArray upstream = golden::read("openai_chat_upstream.sse");
        QVERIFY(!upstream.isEmpty());
        auto run = [&](qsizetype piece) {
            auto decoder = openAIChatConnector().makeDecoder(true);
            auto encoder = anthropicFrontend().makeEncoder(canon::Request(), "claude-sonnet-4-5", true);
            canon::Events events;
            QByteArray out;
            for (qsizetype i = 0; i < upstream.size(); i += piece) {
                events.clear();
                decoder->feed(std::string_view(upstream.constData() + i,
                                               size_t(std::min(piece, upstream.size() - i))), events);
                for (const auto &e : events)
                    encoder->encode(e, out);
            }
            events.clear();
            decoder->finish(events);
            for (const auto &e : events)
                encoder->encode(e, out);
            encoder->finish(out);
            return out;
        };
        const QByteArray whole = run(upstream.size());
        COMPARE_GOLDEN(whole, "cross_openai_chat.sse", false);
        QCOMPARE(run(1), whole); // 1-byte pieces, mid-UTF-8 included
        QCOMPARE(run(7), whole);
    }
};

QTEST_GUILESS_MAIN(TestAnthropicCross)
#include "tst_anthropic_cross.moc"
