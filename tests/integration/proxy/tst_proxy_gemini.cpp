// SPDX-License-Identifier: GPL-3.0-or-later
// Gemini clients through the engine, in-process against the fake provider: model names with
// ':' in the path, the key in ?key= / x-goog-api-key, SSE and JSON-array streams, passthrough.

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
const QByteArray kContents = "{\"contents\":[{\"role\":\"user\",\"parts\":[{\"text\":\"hi\"}]}],\"x_future_field\":1}";
}

class TestProxyGemini : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<FakeProvider> m_fake;
    std::unique_ptr<EngineClient> m_engine;
    quint16 m_port = 0;

private Q_SLOTS:
    void init()
    {
        m_fake = std::make_unique<FakeProvider>();
        QVERIFY(m_fake->listen());
        config::Config config;
        config.port = 0;
        config.proxyApiKeys = {QStringLiteral("proxy-key")};
        config::BackendConfig openai;
        openai.name = openai.type = QStringLiteral("openai");
        openai.baseUrl = m_fake->baseUrl().toString() + QStringLiteral("/v1");
        openai.apiKeys = {QStringLiteral("sk-openai-1")};
        openai.keyAliases = {QStringLiteral("t")};
        config::BackendConfig gemini;
        gemini.name = gemini.type = QStringLiteral("gemini");
        gemini.baseUrl = m_fake->baseUrl().toString();
        gemini.apiKeys = {QStringLiteral("AIza-backend-key-99")};
        gemini.keyAliases = {QStringLiteral("t")};
        config.backends = {openai, gemini};
        config.defaultBackend = QStringLiteral("openai");
        m_engine = std::make_unique<EngineClient>();
        const QString error = m_engine->startAndWait(config);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        m_port = quint16(m_engine->status().listenAddress.section(QLatin1Char(':'), -1).toUInt());
    }

    void cleanup()
    {
        m_engine.reset();
        m_fake.reset();
    }

    void passthroughKeepsBodyAndQuery()
    {
        const QByteArray chunk = "data: {\"candidates\":[{\"content\":{\"role\":\"model\",\"parts\":[{\"text\":\"Hi\"}]},\"finishReason\":\"STOP\"}],\"usageMetadata\":{\"promptTokenCount\":3,\"candidatesTokenCount\":1,\"totalTokenCount\":4}}\r\n\r\n";
        m_fake->setHandler([&](const FakeRequest &) { return FakeReply::sse({chunk}); });
        RawHttpClient client(m_port);
        client.send("POST", "/v1beta/models/gemini:gemini-2.5-flash:streamGenerateContent?alt=sse&key=proxy-key",
                    {qMakePair(QByteArray("Content-Type"), QByteArray("application/json"))}, kContents);
        QVERIFY(client.waitForEnd());
        QCOMPARE(client.status(), 200);
        QCOMPARE(client.body(), chunk);
        const FakeRequest seen = m_fake->lastRequest();
        QCOMPARE(seen.path, QByteArray("/v1beta/models/gemini-2.5-flash:streamGenerateContent"));
        QVERIFY2(seen.query.contains("alt=sse"), seen.query.constData());
        QVERIFY2(!seen.query.contains("proxy-key"), seen.query.constData()); // the proxy's key stays here
        QCOMPARE(seen.header("x-goog-api-key"), QByteArray("AIza-backend-key-99"));
        QCOMPARE(seen.body, kContents);
    }

    void translatedStreamWithoutAltSseIsAJsonArray()
    {
        m_fake->setHandler([&](const FakeRequest &) {
            return FakeReply::sse(FakeProvider::openAIChatStream("gpt-4o", {"Hel", "lo"}, true));
        });
        RawHttpClient client(m_port);
        client.send("POST", "/v1beta/models/openai:gpt-4o:streamGenerateContent",
                    {qMakePair(QByteArray("x-goog-api-key"), QByteArray("proxy-key"))}, kContents);
        QVERIFY(client.waitForEnd());
        QCOMPARE(client.status(), 200);
        const QByteArray body = client.body().trimmed();
        QVERIFY2(body.startsWith('[') && body.endsWith(']'), body.constData());
        QVERIFY(body.contains("\"text\":\"Hel\""));
        QVERIFY(body.contains("\"finishReason\":\"STOP\""));
        QVERIFY(!body.contains("data:"));
        QCOMPARE(m_fake->lastRequest().path, QByteArray("/v1/chat/completions"));
    }

    void translatedNonStream()
    {
        m_fake->setHandler([&](const FakeRequest &) {
            return FakeReply::json(FakeProvider::openAIChatCompletion("gpt-4o", "Hello there", 7, 2));
        });
        RawHttpClient client(m_port);
        client.send("POST", "/v1beta/models/gpt-4o:generateContent", // bare model → default backend
                    {qMakePair(QByteArray("Authorization"), QByteArray("Bearer proxy-key"))}, kContents);
        QVERIFY(client.waitForEnd());
        QCOMPARE(client.status(), 200);
        QVERIFY2(client.body().contains("\"text\":\"Hello there\""), client.body().constData());
        QVERIFY(client.body().contains("\"promptTokenCount\":7"));
    }

    void errorsAreGoogleShaped_data()
    {
        QTest::addColumn<QByteArray>("target");
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<int>("status");
        QTest::addColumn<QByteArray>("googleStatus");
        QTest::newRow("wrong key") << QByteArray("/v1beta/models/m:generateContent?key=nope") << kContents << 401 << QByteArray("UNAUTHENTICATED");
        QTest::newRow("no contents") << QByteArray("/v1beta/models/m:generateContent?key=proxy-key") << QByteArray("{}") << 400 << QByteArray("INVALID_ARGUMENT");
        QTest::newRow("not json") << QByteArray("/v1beta/models/m:generateContent?key=proxy-key") << QByteArray("{") << 400 << QByteArray("INVALID_ARGUMENT");
        QTest::newRow("unknown method") << QByteArray("/v1beta/models/m:fly?key=proxy-key") << kContents << 404 << QByteArray("NOT_FOUND");
    }
    void errorsAreGoogleShaped()
    {
        QFETCH(QByteArray, target);
        QFETCH(QByteArray, body);
        QFETCH(int, status);
        QFETCH(QByteArray, googleStatus);
        RawHttpClient client(m_port);
        client.send("POST", target, {}, body);
        QVERIFY(client.waitForEnd());
        QCOMPARE(client.status(), status);
        QVERIFY2(client.body().contains(QByteArray("\"status\":\"" + googleStatus + "\"")), client.body().constData());
        QCOMPARE(m_fake->requestCount(), 0);
    }
};

QTEST_GUILESS_MAIN(TestProxyGemini)
#include "tst_proxy_gemini.moc"
