// SPDX-License-Identifier: GPL-3.0-or-later
// Anthropic clients through the engine, in-process against the fake provider: the main port's
// Anthropic routes, the dedicated --anthropic-port server, lossless passthrough and translation
// to an OpenAI-compatible backend.

#include "engine.h"
#include "fakeprovider.h"
#include "rawhttpclient.h"

#include <QTcpServer>
#include <QTest>

#include <memory>

using namespace lip;
using lip::test::FakeProvider;
using lip::test::FakeReply;
using lip::test::FakeRequest;
using lip::test::RawHttpClient;

namespace {

QByteArray messagesBody(const QByteArray &model, bool stream)
{
    // An unknown field and cache_control must reach an Anthropic backend untouched.
    return "{\"model\":\"" + model + "\",\"max_tokens\":64,\"context_management\":{\"edits\":[]},"
           "\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"hi\","
           "\"cache_control\":{\"type\":\"ephemeral\"}}]}],\"stream\":" + QByteArray(stream ? "true" : "false") + "}";
}

QList<QByteArray> anthropicStream()
{
    return {
        "event: message_start\ndata: {\"type\":\"message_start\",\"message\":{\"id\":\"msg_1\",\"type\":\"message\",\"role\":\"assistant\",\"model\":\"claude-x\",\"content\":[],\"stop_reason\":null,\"stop_sequence\":null,\"usage\":{\"input_tokens\":9,\"cache_read_input_tokens\":16,\"cache_creation_input_tokens\":4,\"output_tokens\":1}}}\n\n",
        "event: content_block_start\ndata: {\"type\":\"content_block_start\",\"index\":0,\"content_block\":{\"type\":\"text\",\"text\":\"\"}}\n\n",
        "event: ping\ndata: {\"type\":\"ping\"}\n\n",
        "event: content_block_delta\ndata: {\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_delta\",\"text\":\"Hello\"}}\n\n",
        "event: content_block_stop\ndata: {\"type\":\"content_block_stop\",\"index\":0}\n\n",
        "event: message_delta\ndata: {\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"end_turn\",\"stop_sequence\":null},\"usage\":{\"input_tokens\":9,\"cache_read_input_tokens\":16,\"cache_creation_input_tokens\":4,\"output_tokens\":5}}\n\n",
        "event: message_stop\ndata: {\"type\":\"message_stop\"}\n\n",
    };
}

} // namespace

class TestProxyAnthropic : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<FakeProvider> m_fake;
    std::unique_ptr<EngineClient> m_engine;
    quint16 m_port = 0;
    quint16 m_anthropicPort = 0;

    static quint16 portOf(const QString &address) { return quint16(address.section(QLatin1Char(':'), -1).toUInt()); }

    static quint16 freePort()
    {
        QTcpServer probe;
        probe.listen(QHostAddress::LocalHost, 0);
        return probe.serverPort();
    }

    void post(RawHttpClient &client, const QByteArray &path, const QByteArray &body)
    {
        client.send("POST", path,
                    {qMakePair(QByteArray("Content-Type"), QByteArray("application/json")),
                     qMakePair(QByteArray("x-api-key"), QByteArray("proxy-key")),
                     qMakePair(QByteArray("anthropic-version"), QByteArray("2023-06-01")),
                     qMakePair(QByteArray("anthropic-beta"), QByteArray("context-management-2025-06-27"))},
                    body);
    }

private Q_SLOTS:
    void init()
    {
        m_fake = std::make_unique<FakeProvider>();
        QVERIFY(m_fake->listen());
        config::Config config;
        config.port = 0;
        config.anthropicPort = freePort();
        config.proxyApiKeys = {QStringLiteral("proxy-key")};
        config::BackendConfig anthropic;
        anthropic.name = anthropic.type = QStringLiteral("anthropic");
        anthropic.baseUrl = m_fake->baseUrl().toString();
        anthropic.apiKeys = {QStringLiteral("sk-ant-backend-1234")};
        anthropic.keyAliases = {QStringLiteral("test")};
        config::BackendConfig openai;
        openai.name = openai.type = QStringLiteral("openai");
        openai.baseUrl = m_fake->baseUrl().toString() + QStringLiteral("/v1");
        openai.apiKeys = {QStringLiteral("sk-openai-backend-5678")};
        openai.keyAliases = {QStringLiteral("test")};
        config.backends = {anthropic, openai};
        config.defaultBackend = QStringLiteral("anthropic");
        m_engine = std::make_unique<EngineClient>();
        const QString error = m_engine->startAndWait(config);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        m_port = portOf(m_engine->status().listenAddress);
        m_anthropicPort = portOf(m_engine->status().anthropicAddress);
        QCOMPARE(m_anthropicPort, config.anthropicPort);
    }

    void cleanup()
    {
        m_engine.reset();
        m_fake.reset();
    }

    void passthroughOnEveryAnthropicRoute_data()
    {
        QTest::addColumn<bool>("dedicatedPort");
        QTest::addColumn<QByteArray>("path");
        QTest::addColumn<QByteArray>("upstreamPath");
        QTest::newRow("main /v1/messages") << false << QByteArray("/v1/messages") << QByteArray("/v1/messages");
        QTest::newRow("main beta=true") << false << QByteArray("/v1/messages?beta=true") << QByteArray("/v1/messages?beta=true");
        QTest::newRow("main /anthropic") << false << QByteArray("/anthropic/v1/messages") << QByteArray("/v1/messages");
        QTest::newRow("dedicated port") << true << QByteArray("/v1/messages") << QByteArray("/v1/messages");
    }
    void passthroughOnEveryAnthropicRoute()
    {
        QFETCH(bool, dedicatedPort);
        QFETCH(QByteArray, path);
        QFETCH(QByteArray, upstreamPath);
        const QList<QByteArray> events = anthropicStream();
        m_fake->setHandler([&](const FakeRequest &) {
            FakeReply reply = FakeReply::sse(events);
            reply.headers.append(qMakePair(QByteArray("request-id"), QByteArray("req_123")));
            return reply;
        });
        RawHttpClient client(dedicatedPort ? m_anthropicPort : m_port);
        post(client, path, messagesBody("anthropic:claude-x", true));
        QVERIFY(client.waitForEnd());
        QCOMPARE(client.status(), 200);
        QCOMPARE(client.body(), events.join()); // byte for byte, ping included
        QCOMPARE(client.header("request-id"), QByteArray("req_123"));

        const FakeRequest seen = m_fake->lastRequest();
        QCOMPARE(seen.target, upstreamPath);
        QCOMPARE(seen.body, messagesBody("claude-x", true));
        QCOMPARE(seen.header("x-api-key"), QByteArray("sk-ant-backend-1234"));
        QCOMPARE(seen.header("anthropic-version"), QByteArray("2023-06-01"));
        QCOMPARE(seen.header("anthropic-beta"), QByteArray("context-management-2025-06-27"));
    }

    void probesOfTheBaseUrlAnswer200()
    {
        for (const char *path : {"/", "/anthropic"}) {
            RawHttpClient client(m_port);
            client.send("HEAD", path);
            QVERIFY(client.waitForEnd());
            QCOMPARE(client.status(), 200);
        }
    }

    void translatedToOpenAIBackend()
    {
        m_fake->setHandler([&](const FakeRequest &) {
            return FakeReply::sse(FakeProvider::openAIChatStream("gpt-4o", {"Hel", "lo"}, true, 20, 3));
        });
        RawHttpClient client(m_port);
        post(client, "/v1/messages", messagesBody("openai:gpt-4o", true));
        QVERIFY(client.waitForEnd());
        QCOMPARE(client.status(), 200);
        const QByteArray body = client.body();
        QVERIFY2(body.startsWith("event: message_start\n"), body.constData());
        QVERIFY(body.contains("\"text_delta\",\"text\":\"Hel\""));
        QVERIFY(body.contains("event: message_stop\n"));
        QVERIFY(body.contains("\"stop_reason\":\"end_turn\""));
        QVERIFY(body.contains("\"output_tokens\":3"));

        const FakeRequest seen = m_fake->lastRequest();
        QCOMPARE(seen.path, QByteArray("/v1/chat/completions"));
        QCOMPARE(seen.header("authorization"), QByteArray("Bearer sk-openai-backend-5678"));
        QVERIFY(!seen.hasHeader("x-api-key"));
    }

    void badRequestIsAnAnthropicError()
    {
        RawHttpClient client(m_port);
        post(client, "/v1/messages", R"({"model":"claude-x","messages":[]})"); // no max_tokens
        QVERIFY(client.waitForEnd());
        QCOMPARE(client.status(), 400);
        QVERIFY2(client.body().contains(R"("type":"error")"), client.body().constData());
        QVERIFY(client.body().contains(R"("invalid_request_error")"));
        QCOMPARE(m_fake->requestCount(), 0);
    }

    void wrongKeyIsAnAnthropic401()
    {
        RawHttpClient client(m_anthropicPort);
        client.send("POST", "/v1/messages",
                    {qMakePair(QByteArray("x-api-key"), QByteArray("wrong")),
                     qMakePair(QByteArray("anthropic-version"), QByteArray("2023-06-01"))},
                    messagesBody("claude-x", false));
        QVERIFY(client.waitForEnd());
        QCOMPARE(client.status(), 401);
        QVERIFY(client.body().contains(R"("authentication_error")"));
    }

    void dedicatedPortServesOnlyAnthropic()
    {
        RawHttpClient client(m_anthropicPort);
        client.send("POST", "/v1/chat/completions",
                    {qMakePair(QByteArray("x-api-key"), QByteArray("proxy-key"))},
                    R"({"model":"m","messages":[]})");
        QVERIFY(client.waitForEnd());
        QCOMPARE(client.status(), 404);
        QVERIFY(client.body().contains(R"("type":"error")"));
    }
};

QTEST_GUILESS_MAIN(TestProxyAnthropic)
#include "tst_proxy_anthropic.moc"
