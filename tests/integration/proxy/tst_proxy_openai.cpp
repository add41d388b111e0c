// SPDX-License-Identifier: GPL-3.0-or-later
// The engine in-process (its own thread, as in the app) between a raw HTTP client and the fake
// provider, over real sockets on 127.0.0.1: OpenAI Chat clients to an OpenAI-compatible backend.

#include "engine.h"
#include "fakeprovider.h"
#include "rawhttpclient.h"

#include <QRegularExpression>
#include <QTcpServer>
#include <QTest>

#include <memory>

using namespace lip;
using lip::test::FakeProvider;
using lip::test::FakeReply;
using lip::test::FakeRequest;
using lip::test::RawHttpClient;

namespace {

const QByteArray kBackendKey = "sk-backend-secret-7788";

QByteArray chatBody(const QByteArray &model, bool stream, const QByteArray &extra = {})
{
    return R"({"model":")" + model + R"(","messages":[{"role":"user","content":"hi"}],"temperature":0.20,)"
           + (extra.isEmpty() ? QByteArray() : extra + ",") + R"("stream":)" + (stream ? "true" : "false") + "}";
}

quint16 closedPort()
{
    QTcpServer probe;
    probe.listen(QHostAddress::LocalHost, 0);
    return probe.serverPort(); // closed again when probe goes out of scope
}

} // namespace

class TestProxyOpenAI : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<FakeProvider> m_fake;
    std::unique_ptr<EngineClient> m_engine;
    quint16 m_port = 0;

    config::Config baseConfig()
    {
        config::Config config;
        config.host = QStringLiteral("127.0.0.1");
        config.port = 0;
        config::BackendConfig openai;
        openai.name = QStringLiteral("openai");
        openai.type = QStringLiteral("openai");
        openai.baseUrl = m_fake->baseUrl().toString() + QStringLiteral("/v1");
        openai.apiKeys = {QString::fromLatin1(kBackendKey)};
        openai.keyAliases = {QStringLiteral("test")};
        openai.timeoutSeconds = 5;
        config.backends.push_back(openai);
        config.defaultBackend = QStringLiteral("openai");
        return config;
    }

    void startEngine(const config::Config &config)
    {
        m_engine = std::make_unique<EngineClient>();
        const QString error = m_engine->startAndWait(config);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        const QString address = m_engine->status().listenAddress;
        m_port = quint16(address.section(QLatin1Char(':'), -1).toUInt());
        QVERIFY(m_port != 0);
    }

    QByteArray post(RawHttpClient &client, const QByteArray &body, RawHttpClient::Headers headers = {})
    {
        headers.append(qMakePair(QByteArray("Content-Type"), QByteArray("application/json")));
        client.send("POST", "/v1/chat/completions", headers, body);
        return body;
    }

private Q_SLOTS:
    void init()
    {
        m_fake = std::make_unique<FakeProvider>();
        QVERIFY(m_fake->listen());
        startEngine(baseConfig());
    }

    void cleanup()
    {
        m_engine.reset();
        m_fake.reset();
    }

    void nonStreamIsLosslessBothWays()
    {
        const QByteArray upstreamBody = FakeProvider::openAIChatCompletion("gpt-4o-2024", "Hello there");
        m_fake->setHandler([&](const FakeRequest &) { return FakeReply::json(upstreamBody); });
        RawHttpClient client(m_port);
        // An unknown field, odd key order and a number spelled 0.20 must all survive.
        post(client, chatBody("openai:gpt-4o", false, R"("x_vendor_field":{"a":[1,2.50]})"));
        QVERIFY(client.waitForEnd());
        QCOMPARE(client.status(), 200);
        QCOMPARE(client.body(), upstreamBody);
        QCOMPARE(client.header("content-type"), QByteArray("application/json"));

        const FakeRequest seen = m_fake->lastRequest();
        QCOMPARE(seen.path, QByteArray("/v1/chat/completions"));
        QCOMPARE(seen.body, chatBody("gpt-4o", false, R"("x_vendor_field":{"a":[1,2.50]})"));
        QCOMPARE(seen.header("authorization"), "Bearer " + kBackendKey);
        QVERIFY(!seen.hasHeader("user-agent"));
    }

    void bareModelGoesToDefaultBackend()
    {
        RawHttpClient client(m_port);
        post(client, chatBody("gpt-4o-mini", false));
        QVERIFY(client.waitForEnd());
        QCOMPARE(client.status(), 200);
        QVERIFY(m_fake->lastRequest().body.contains(R"("model":"gpt-4o-mini")"));
    }

    void streamIsRelayedChunkByChunk()
    {
        const int gate = m_fake->newGate();
        const QList<QByteArray> events = FakeProvider::openAIChatStream("gpt-4o", {"Hel", "lo", " world"}, true);
        m_fake->setHandler([&](const FakeRequest &) { return FakeReply::sse(events, gate); });
        RawHttpClient client(m_port);
        post(client, chatBody("openai:gpt-4o", true));
        m_fake->stepGate(gate);
        QVERIFY(client.waitForBody(events.at(0)));
        // The second event has not been released by the fake: the proxy must not be holding
        // anything back, and must not have invented anything either.
        QCOMPARE(client.body(), events.at(0));
        m_fake->openGate(gate);
        QVERIFY(client.waitForEnd());
        QCOMPARE(client.status(), 200);
        QCOMPARE(client.body(), events.join());
        QVERIFY(client.header("content-type").startsWith("text/event-stream"));
    }

    void toolCallStreamIsByteIdentical()
    {
        const QList<QByteArray> events = {
            R"(data: {"id":"c1","object":"chat.completion.chunk","created":1,"model":"m","choices":[{"index":0,"delta":{"role":"assistant","content":null,"tool_calls":[{"index":0,"id":"call_a","type":"function","function":{"name":"get_weather","arguments":""}}]},"finish_reason":null}]})" "\n\n",
            "data: {\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"m\",\"choices\":[{\"index\":0,\"delta\":{\"tool_calls\":[{\"index\":0,\"function\":{\"arguments\":\"{\\\"city\\\":\"}}]},\"finish_reason\":null}]}\n\n",
            "data: {\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"m\",\"choices\":[{\"index\":0,\"delta\":{\"tool_calls\":[{\"index\":1,\"id\":\"call_b\",\"type\":\"function\",\"function\":{\"name\":\"get_weather\",\"arguments\":\"{\\\"city\\\":\\\"London\\\"}\"}}]},\"finish_reason\":null}]}\n\n",
            "data: {\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"m\",\"choices\":[{\"index\":0,\"delta\":{\"tool_calls\":[{\"index\":0,\"function\":{\"arguments\":\"\\\"Paris\\\"}\"}}]},\"finish_reason\":null}]}\n\n",
            R"(data: {"id":"c1","object":"chat.completion.chunk","created":1,"model":"m","choices":[{"index":0,"delta":{},"finish_reason":"tool_calls"}]})" "\n\n",
            "data: [DONE]\n\n",
        };
        m_fake->setHandler([&](const FakeRequest &) { return FakeReply::sse(events); });
        RawHttpClient client(m_port);
        post(client, chatBody("openai:m", true, R"("tools":[{"type":"function","function":{"name":"get_weather","parameters":{"type":"object"}}}])"));
        QVERIFY(client.waitForEnd());
        QCOMPARE(client.body(), events.join());
    }

    void clientDisconnectAbortsUpstream()
    {
        const int gate = m_fake->newGate();
        const QList<QByteArray> events = FakeProvider::openAIChatStream("m", {"a", "b", "c", "d"});
        m_fake->setHandler([&](const FakeRequest &) { return FakeReply::sse(events, gate); });
        RawHttpClient client(m_port);
        post(client, chatBody("m", true));
        m_fake->stepGate(gate);
        QVERIFY(client.waitForBody(events.at(0)));
        client.close();
        QTRY_COMPARE_WITH_TIMEOUT(m_fake->disconnectsMidStream(), 1, 10000);
    }

    void upstreamErrorsAreRelayed_data()
    {
        QTest::addColumn<int>("status");
        QTest::newRow("400") << 400;
        QTest::newRow("401") << 401;
        QTest::newRow("429") << 429;
        QTest::newRow("500") << 500;
        QTest::newRow("503") << 503;
    }
    void upstreamErrorsAreRelayed()
    {
        QFETCH(int, status);
        const QByteArray body = FakeProvider::openAIError("upstream says no", "some_type", "some_code");
        m_fake->setHandler([&](const FakeRequest &) {
            FakeReply reply = FakeReply::json(body, status);
            reply.headers.append(qMakePair(QByteArray("retry-after"), QByteArray("7")));
            return reply;
        });
        RawHttpClient client(m_port);
        post(client, chatBody("m", true));
        QVERIFY(client.waitForEnd());
        QCOMPARE(client.status(), status);
        QCOMPARE(client.body(), body);
        QCOMPARE(client.header("retry-after"), QByteArray("7"));
    }

    void unreachableBackendIs502NamingIt()
    {
        config::Config config = baseConfig();
        config.backends[0].baseUrl = QStringLiteral("http://127.0.0.1:%1/v1").arg(closedPort());
        startEngine(config);
        RawHttpClient client(m_port);
        post(client, chatBody("m", false));
        QVERIFY(client.waitForEnd());
        QCOMPARE(client.status(), 502);
        QVERIFY2(client.body().contains("backend 'openai'"), client.body().constData());
        QVERIFY(client.body().contains(R"("error")"));
        QVERIFY(!client.body().contains(kBackendKey));
    }

    void slowBackendTimesOut()
    {
        m_fake->setHandler([&](const FakeRequest &) {
            FakeReply reply = FakeReply::json("{}");
            reply.delayHeadUntilReleased = true; // never answers
            return reply;
        });
        config::Config config = baseConfig();
        config.backends[0].timeoutSeconds = 1;
        startEngine(config);
        RawHttpClient client(m_port);
        post(client, chatBody("m", false));
        QVERIFY(client.waitForEnd(15000));
        QCOMPARE(client.status(), 504);
        QVERIFY(client.body().contains(R"("error")"));
    }

    void midStreamDropBecomesInStreamError()
    {
        const QList<QByteArray> events = FakeProvider::openAIChatStream("m", {"a", "b", "c"});
        m_fake->setHandler([&](const FakeRequest &) {
            FakeReply reply = FakeReply::sse(events);
            reply.dropAfter = 2;
            return reply;
        });
        RawHttpClient client(m_port);
        post(client, chatBody("m", true));
        QVERIFY(client.waitForEnd());
        QCOMPARE(client.status(), 200);
        QVERIFY(client.body().startsWith(QByteArray(events.at(0) + events.at(1))));
        // The openai SDK throws APIError on a data event whose JSON has a top-level "error".
        QVERIFY2(client.body().contains(R"(data: {"error":)"), client.body().constData());
        QVERIFY(client.complete());
    }

    void malformedUpstreamJsonIsPassedAsIs()
    {
        m_fake->setHandler([&](const FakeRequest &) { return FakeReply::json(R"({"id":"x","choices":[)"); });
        RawHttpClient client(m_port);
        post(client, chatBody("m", false));
        QVERIFY(client.waitForEnd());
        // Same dialect: the client sees exactly what the provider sent (its SDK reports it).
        QCOMPARE(client.body(), QByteArray(R"({"id":"x","choices":[)"));
    }

    void tooLargeIs413()
    {
        config::Config config = baseConfig();
        config.maxRequestBytes = 1024;
        startEngine(config);
        RawHttpClient client(m_port);
        client.sendRaw("POST /v1/chat/completions HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                       "Content-Length: 5000000\r\n\r\n");
        QVERIFY(client.waitForEnd());
        QCOMPARE(client.status(), 413);
        QCOMPARE(m_fake->requestCount(), 0);
    }

    void badRequestsAreOpenAIErrors_data()
    {
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<QByteArray>("param");
        QTest::newRow("not json") << QByteArray("{nope") << QByteArray();
        QTest::newRow("no model") << QByteArray(R"({"messages":[]})") << QByteArray("model");
        QTest::newRow("messages not array") << QByteArray(R"({"model":"m","messages":3})") << QByteArray("messages");
        QTest::newRow("array body") << QByteArray("[1,2]") << QByteArray();
    }
    void badRequestsAreOpenAIErrors()
    {
        QFETCH(QByteArray, body);
        QFETCH(QByteArray, param);
        RawHttpClient client(m_port);
        post(client, body);
        QVERIFY(client.waitForEnd());
        QCOMPARE(client.status(), 400);
        QVERIFY2(client.body().contains(R"("type":"invalid_request_error")"), client.body().constData());
        if (!param.isEmpty())
            QVERIFY2(client.body().contains(QByteArray("\"param\":\"" + param + "\"")), client.body().constData());
        QCOMPARE(m_fake->requestCount(), 0);
    }

    void unknownBackendListsConfigured()
    {
        RawHttpClient client(m_port);
        post(client, chatBody("openai.7:gpt-4o", false));
        QVERIFY(client.waitForEnd());
        QCOMPARE(client.status(), 400);
        QVERIFY2(client.body().contains("openai.7"), client.body().constData());
        QVERIFY2(client.body().contains("openai"), client.body().constData());
    }

    void authRequiredWhenKeyConfigured_data()
    {
        QTest::addColumn<QByteArray>("headerName");
        QTest::addColumn<QByteArray>("headerValue");
        QTest::addColumn<int>("status");
        QTest::newRow("none") << QByteArray() << QByteArray() << 401;
        QTest::newRow("wrong bearer") << QByteArray("Authorization") << QByteArray("Bearer nope") << 401;
        QTest::newRow("bearer") << QByteArray("Authorization") << QByteArray("Bearer proxy-key-1") << 200;
        QTest::newRow("x-api-key") << QByteArray("x-api-key") << QByteArray("proxy-key-1") << 200;
        QTest::newRow("prefix only") << QByteArray("x-api-key") << QByteArray("proxy-key") << 401;
    }
    void authRequiredWhenKeyConfigured()
    {
        QFETCH(QByteArray, headerName);
        QFETCH(QByteArray, headerValue);
        QFETCH(int, status);
        config::Config config = baseConfig();
        config.proxyApiKeys = {QStringLiteral("proxy-key-1")};
        startEngine(config);
        RawHttpClient client(m_port);
        RawHttpClient::Headers headers;
        if (!headerName.isEmpty())
            headers.append(qMakePair(headerName, headerValue));
        post(client, chatBody("m", false), headers);
        QVERIFY(client.waitForEnd());
        QCOMPARE(client.status(), status);
        if (status == 401) {
            QVERIFY(client.body().contains(R"("error")"));
            QCOMPARE(m_fake->requestCount(), 0);
        } else {
            // The proxy's key is never forwarded; the backend's own key is.
            QCOMPARE(m_fake->lastRequest().header("authorization"), "Bearer " + kBackendKey);
        }
    }

    void healthNeedsNoKey()
    {
        config::Config config = baseConfig();
        config.proxyApiKeys = {QStringLiteral("proxy-key-1")};
        startEngine(config);
        RawHttpClient client(m_port);
        client.send("GET", "/health");
        QVERIFY(client.waitForEnd());
        QCOMPARE(client.status(), 200);
    }

    void modelsAreListedLiveFromTheBackend()
    {
        m_fake->setHandler([&](const FakeRequest &request) {
            if (request.path == "/v1/models")
                return FakeReply::json(R"({"object":"list","data":[{"id":"live-model-1","object":"model","created":1,"owned_by":"x"}]})");
            return FakeReply::json("{}", 404);
        });
        RawHttpClient client(m_port);
        client.send("GET", "/v1/models");
        QVERIFY(client.waitForEnd());
        QCOMPARE(client.status(), 200);
        QVERIFY2(client.body().contains(R"("id":"openai:live-model-1")"), client.body().constData());
        QVERIFY(client.body().contains(R"("object":"list")"));
        QCOMPARE(m_fake->lastRequest().header("authorization"), "Bearer " + kBackendKey);
    }

    void sixtyFourConcurrentStreamsAreAllInFlight()
    {
        const int gate = m_fake->newGate();
        const QList<QByteArray> events = FakeProvider::openAIChatStream("m", {"x"});
        m_fake->setHandler([&](const FakeRequest &) { return FakeReply::sse(events, gate); });
        std::vector<std::unique_ptr<RawHttpClient>> clients;
        for (int i = 0; i < 64; ++i) {
            clients.push_back(std::make_unique<RawHttpClient>(m_port));
            post(*clients.back(), chatBody("m", true));
        }
        // Nothing is released until all 64 are at the provider at once: no queueing anywhere.
        QTRY_COMPARE_WITH_TIMEOUT(m_fake->inFlight(), 64, 20000);
        m_fake->openGate(gate);
        for (auto &client : clients) {
            QVERIFY(client->waitForEnd());
            QCOMPARE(client->body(), events.join());
        }
        QCOMPARE(m_fake->maxInFlight(), 64);
    }

    void webSocketUpgradeGets426()
    {
        RawHttpClient client(m_port);
        client.send("GET", "/v1/responses",
                    {qMakePair(QByteArray("Connection"), QByteArray("Upgrade")),
                     qMakePair(QByteArray("Upgrade"), QByteArray("websocket")),
                     qMakePair(QByteArray("Sec-WebSocket-Version"), QByteArray("13")),
                     qMakePair(QByteArray("Sec-WebSocket-Key"), QByteArray("dGhlIHNhbXBsZSBub25jZQ=="))});
        QVERIFY(client.waitForEnd());
        QCOMPARE(client.status(), 426);
        QVERIFY(client.body().contains(R"("error")"));
    }

    void keepAliveServesSeveralRequests()
    {
        RawHttpClient client(m_port);
        for (int i = 0; i < 3; ++i) {
            post(client, chatBody("m", false));
            QVERIFY(client.waitForEnd());
            QCOMPARE(client.status(), 200);
        }
        QVERIFY(!client.closed());
    }

    void restartOnAnotherPort()
    {
        const quint16 first = m_port;
        config::Config config = baseConfig();
        QTcpServer probe;
        QVERIFY(probe.listen(QHostAddress::LocalHost, 0));
        config.port = probe.serverPort();
        probe.close();
        const QString error = m_engine->startAndWait(config);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QVERIFY(m_engine->status().listenAddress.endsWith(QString::number(config.port)));
        RawHttpClient oldPort(first);
        QVERIFY(oldPort.socket()->state() != QAbstractSocket::ConnectedState || oldPort.waitForClosed(2000));
        RawHttpClient client(config.port);
        post(client, chatBody("m", false));
        QVERIFY(client.waitForEnd());
        QCOMPARE(client.status(), 200);
    }

    void portInUseIsAClearError()
    {
        QTcpServer holder;
        QVERIFY(holder.listen(QHostAddress::LocalHost, 0));
        config::Config config = baseConfig();
        config.port = holder.serverPort();
        EngineClient engine;
        const QString error = engine.startAndWait(config);
        QVERIFY2(error.contains(QString::number(config.port)), qPrintable(error));
        QVERIFY(!engine.status().running);
    }
};

QTEST_GUILESS_MAIN(TestProxyOpenAI)
#include "tst_proxy_openai.moc"
