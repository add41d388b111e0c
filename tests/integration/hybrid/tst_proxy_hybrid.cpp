// SPDX-License-Identifier: GPL-3.0-or-later
// The hybrid backend and the Ollama native backend through the whole engine, in-process against
// the fake provider: an Anthropic client sees the reasoning as thinking then the answer; an
// OpenAI Chat client gets an answer from /api/chat.

#include "engine.h"
#include "fakeprovider.h"
#include "rawhttpclient.h"

#include <QTest>

#include <memory>

using namespace lip;
using lip::test::FakeProvider;
using lip::test::FakeReply;
using lip::test::FakeRequest;
using lip::test::RawHttpClient;

namespace {

QByteArray modelIn(const QByteArray &body)
{
    const qsizetype at = body.indexOf("\"model\":\"");
    if (at < 0)
        return {};
    const qsizetype start = at + 9;
    return body.mid(start, body.indexOf('"', start) - start);
}

QList<QByteArray> reasoningStream()
{
    return {
        "data: {\"id\":\"r\",\"model\":\"reasoner\",\"choices\":[{\"index\":0,\"delta\":{\"reasoning_content\":\"Plan: greet.\"},\"finish_reason\":null}]}\n\n",
        "data: {\"id\":\"r\",\"model\":\"reasoner\",\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}]}\n\n",
        "data: {\"id\":\"r\",\"model\":\"reasoner\",\"choices\":[],\"usage\":{\"prompt_tokens\":7,\"completion_tokens\":4}}\n\n",
        "data: [DONE]\n\n",
    };
}

} // namespace

class TestProxyHybrid : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<FakeProvider> m_fake;
    std::unique_ptr<EngineClient> m_engine;
    quint16 m_port = 0;

    static quint16 portOf(const QString &address) { return quint16(address.section(QLatin1Char(':'), -1).toUInt()); }

private Q_SLOTS:
    void init()
    {
        m_fake = std::make_unique<FakeProvider>();
        QVERIFY(m_fake->listen());
        m_fake->setHandler([](const FakeRequest &request) {
            if (request.path == "/api/chat") {
                return FakeReply::json("{\"model\":\"qwen3\",\"message\":{\"role\":\"assistant\",\"content\":\"Hi from Ollama\","
                                       "\"thinking\":\"short thought\"},\"done\":true,\"done_reason\":\"stop\","
                                       "\"prompt_eval_count\":26,\"eval_count\":9}");
            }
            if (modelIn(request.body) == "reasoner")
                return FakeReply::sse(reasoningStream());
            return FakeReply::sse(FakeProvider::openAIChatStream("executor", {"Hello", "!"}, true, 10, 5));
        });
        config::Config config;
        config.port = 0;
        config.disableAuth = true;
        config::BackendConfig fake;
        fake.name = QStringLiteral("fake");
        fake.type = QStringLiteral("openai");
        fake.baseUrl = m_fake->baseUrl().toString() + QStringLiteral("/v1");
        fake.apiKeys = {QStringLiteral("sk-fake-backend-1234")};
        fake.keyAliases = {QStringLiteral("test")};
        config::BackendConfig smart;
        smart.name = QStringLiteral("smart");
        smart.type = QStringLiteral("hybrid");
        smart.reasoningModel = QStringLiteral("fake:reasoner");
        smart.executionModel = QStringLiteral("fake:executor");
        config::BackendConfig local;
        local.name = QStringLiteral("local");
        local.type = QStringLiteral("ollama-native");
        local.baseUrl = m_fake->baseUrl().toString();
        config.backends = {fake, smart, local};
        config.defaultBackend = QStringLiteral("fake");
        m_engine = std::make_unique<EngineClient>();
        const QString error = m_engine->startAndWait(config);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        m_port = portOf(m_engine->status().listenAddress);
    }

    void cleanup()
    {
        m_engine.reset();
        m_fake.reset();
    }

    void anthropicClientSeesThinkingThenAnswer()
    {
        RawHttpClient client(m_port);
        client.send("POST", "/v1/messages",
                    {qMakePair(QByteArray("Content-Type"), QByteArray("application/json")),
                     qMakePair(QByteArray("anthropic-version"), QByteArray("2023-06-01"))},
                    "{\"model\":\"smart:any\",\"max_tokens\":64,\"stream\":true,"
                    "\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");
        QVERIFY(client.waitForEnd());
        QCOMPARE(client.status(), 200);
        const QByteArray body = client.body();
        const qsizetype thinking = body.indexOf("\"thinking\":\"Plan: greet.\"");
        const qsizetype text = body.indexOf("\"text\":\"Hello\"");
        QVERIFY2(thinking > 0 && text > thinking, body.constData());
        QVERIFY(body.contains("message_stop"));
        QCOMPARE(m_fake->requestCount(), 2);
        QVERIFY(m_fake->requests().at(1).body.contains("<reasoning>\\nPlan: greet.\\n</reasoning>"));
    }

    void openAIClientThroughOllamaNative()
    {
        RawHttpClient client(m_port);
        client.send("POST", "/v1/chat/completions",
                    {qMakePair(QByteArray("Content-Type"), QByteArray("application/json"))},
                    "{\"model\":\"local:qwen3:8b\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");
        QVERIFY(client.waitForEnd());
        QCOMPARE(client.status(), 200);
        const QByteArray body = client.body();
        QVERIFY2(body.contains("\"content\":\"Hi from Ollama\""), body.constData());
        QVERIFY2(body.contains("\"prompt_tokens\":26"), body.constData());
        const FakeRequest upstream = m_fake->lastRequest();
        QCOMPARE(upstream.path, QByteArray("/api/chat"));
        QVERIFY(upstream.body.contains("\"model\":\"qwen3:8b\""));
        QVERIFY(upstream.body.contains("\"stream\":false"));
        QVERIFY(!upstream.hasHeader("authorization"));
    }
};

QTEST_GUILESS_MAIN(TestProxyHybrid)
#include "tst_proxy_hybrid.moc"
