// SPDX-License-Identifier: GPL-3.0-or-later
// EngineClient's desktop-app API end to end: live reconfiguration, port conflicts, pause and
// resume, "test connection", circuits and rejected keys, against fake providers on real sockets.

#include "engine.h"
#include "faultprovider.h"
#include "rawhttpclient.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonObject>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>

#include <memory>
#include <optional>

using namespace lip;
using lip::test::Fault;
using lip::test::FaultProvider;
using lip::test::FakeProvider;
using lip::test::FakeReply;
using lip::test::FakeRequest;
using lip::test::RawHttpClient;

namespace {

const QString kSecret = QStringLiteral("sk-test-secret-key-000111222");

QByteArray chatBody(bool stream)
{
    return QByteArray(R"({"model":"m1","messages":[{"role":"user","content":"hi"}],"stream":)") + (stream ? "true" : "false") + "}";
}

RawHttpClient::Headers jsonHeaders()
{
    return {qMakePair(QByteArray("Content-Type"), QByteArray("application/json"))};
}

quint16 portOf(const QString &address)
{
    return quint16(address.section(QLatin1Char(':'), -1).toUInt());
}

// A provider that says who it is, streaming through a gate when asked to stream.
void answerAs(FakeProvider &provider, const QByteArray &name, int gate = -1)
{
    provider.setHandler([name, gate](const FakeRequest &request) {
        if (request.body.contains("\"stream\":true"))
            return FakeReply::sse(FakeProvider::openAIChatStream("m1", {"from ", name}), gate);
        return FakeReply::json(FakeProvider::openAIChatCompletion("m1", "from " + name));
    });
}

} // namespace

class TestEngineApi : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dataDir;
    std::unique_ptr<FakeProvider> m_alpha;
    std::unique_ptr<FakeProvider> m_bravo;
    std::unique_ptr<EngineClient> m_engine;
    quint16 m_port = 0;

    static config::BackendConfig backend(const QString &name, const QUrl &base, const QString &key = {})
    {
        config::BackendConfig b;
        b.name = name;
        b.type = QStringLiteral("openai");
        b.baseUrl = base.toString() + QStringLiteral("/v1");
        if (!key.isEmpty()) {
            b.apiKeys << key;
            b.keyAliases << name.toUpper() + QStringLiteral("_API_KEY");
        }
        b.timeoutSeconds = 20;
        return b;
    }

    config::Config baseConfig()
    {
        config::Config config;
        config.host = QStringLiteral("127.0.0.1");
        config.port = 0;
        config.dataDir = m_dataDir.path();
        config.backends.push_back(backend(QStringLiteral("alpha"), m_alpha->baseUrl(), QStringLiteral("sk-alpha-key-1")));
        config.backends.push_back(backend(QStringLiteral("bravo"), m_bravo->baseUrl(), QStringLiteral("sk-bravo-key-1")));
        config.defaultBackend = QStringLiteral("alpha");
        config.retry.maxRetries = 0;
        config.usage.enabled = false;
        return config;
    }

    void startEngine(const config::Config &config)
    {
        m_engine = std::make_unique<EngineClient>();
        const QString error = m_engine->startAndWait(config);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        m_port = portOf(m_engine->status().listenAddress);
        QVERIFY(m_port != 0);
    }

    // configApplied's message (nullopt when it never came).
    std::optional<QString> apply(const config::Config &config)
    {
        QSignalSpy spy(m_engine.get(), &EngineClient::configApplied);
        m_engine->applyConfig(config);
        if (!spy.wait(15000))
            return std::nullopt;
        return spy.first().first().toString();
    }

    static bool healthAnswers(quint16 port)
    {
        RawHttpClient client(port);
        client.send("GET", "/health");
        return client.waitForEnd() && client.status() == 200 && client.body().contains("llm-interactive-proxy");
    }

    BackendTestResult testBackend(const config::BackendConfig &b)
    {
        BackendTestResult result;
        bool done = false;
        EngineClient client; // never started: testing needs no listener
        client.testBackend(b, this, [&](const BackendTestResult &r) {
            result = r;
            done = true;
        });
        if (!QTest::qWaitFor([&] { return done; }, 30000))
            result.error = QStringLiteral("no answer");
        return result;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dataDir.isValid());
    }

    void init()
    {
        m_alpha = std::make_unique<FakeProvider>();
        m_bravo = std::make_unique<FakeProvider>();
        QVERIFY(m_alpha->listen());
        QVERIFY(m_bravo->listen());
        answerAs(*m_alpha, "alpha");
        answerAs(*m_bravo, "bravo");
    }

    void cleanup()
    {
        m_engine.reset();
        m_alpha.reset();
        m_bravo.reset();
    }

    void applyConfigSwitchesBackendLive()
    {
        const int gate = m_alpha->newGate();
        answerAs(*m_alpha, "alpha", gate);
        startEngine(baseConfig());

        // A keep-alive connection, used before and after the change.
        RawHttpClient keepAlive(m_port);
        keepAlive.send("POST", "/v1/chat/completions", jsonHeaders(), chatBody(false));
        QVERIFY(keepAlive.waitForEnd());
        QCOMPARE(keepAlive.status(), 200);
        QVERIFY2(keepAlive.body().contains("from alpha"), keepAlive.body().constData());

        // A stream held open by the gate: it started on alpha and must finish there.
        RawHttpClient inFlight(m_port);
        inFlight.send("POST", "/v1/chat/completions", jsonHeaders(), chatBody(true));
        QTRY_COMPARE(m_alpha->requestCount(), 2);

        config::Config next = baseConfig();
        next.defaultBackend = QStringLiteral("bravo");
        const std::optional<QString> message = apply(next);
        QVERIFY(message);
        QVERIFY2(message->isEmpty(), qPrintable(*message));
        QCOMPARE(m_engine->currentConfig().defaultBackend, QStringLiteral("bravo"));
        QCOMPARE(portOf(m_engine->status().listenAddress), m_port); // not rebound

        keepAlive.send("POST", "/v1/chat/completions", jsonHeaders(), chatBody(false));
        QVERIFY(keepAlive.waitForEnd());
        QVERIFY(!keepAlive.closed()); // the same connection served it
        QVERIFY2(keepAlive.body().contains("from bravo"), keepAlive.body().constData());
        QCOMPARE(m_bravo->requestCount(), 1);

        m_alpha->openGate(gate);
        QVERIFY(inFlight.waitForEnd());
        QCOMPARE(inFlight.status(), 200);
        QVERIFY2(inFlight.body().contains("alpha"), inFlight.body().constData());
        QVERIFY(inFlight.body().contains("[DONE]"));
        QCOMPARE(m_alpha->requestCount(), 2);
    }

    void applyConfigToPortInUseKeepsOldListener()
    {
        startEngine(baseConfig());
        QTcpServer holder;
        QVERIFY(holder.listen(QHostAddress::LocalHost, 0));
        config::Config next = baseConfig();
        next.port = holder.serverPort();
        next.defaultBackend = QStringLiteral("bravo");
        const std::optional<QString> message = apply(next);
        QVERIFY(message);
        QVERIFY2(message->contains(QStringLiteral("127.0.0.1:%1").arg(holder.serverPort())), qPrintable(*message));
        QVERIFY2(message->contains(QLatin1String("in use")), qPrintable(*message));
        QVERIFY2(message->contains(QLatin1String("another program")), qPrintable(*message));
        QCOMPARE(m_engine->currentConfig().defaultBackend, QStringLiteral("alpha")); // nothing applied
        QVERIFY(healthAnswers(m_port));
        QCOMPARE(portOf(m_engine->status().listenAddress), m_port);
    }

    void applyConfigRebindsToAFreePort()
    {
        startEngine(baseConfig());
        quint16 freePort = 0;
        {
            QTcpServer probe;
            QVERIFY(probe.listen(QHostAddress::LocalHost, 0));
            freePort = probe.serverPort();
        }
        config::Config next = baseConfig();
        next.port = freePort;
        const std::optional<QString> message = apply(next);
        QVERIFY(message);
        QVERIFY2(message->isEmpty(), qPrintable(*message));
        QCOMPARE(portOf(m_engine->status().listenAddress), freePort);
        QVERIFY(healthAnswers(freePort));
        QTcpSocket old;
        old.connectToHost(QHostAddress::LocalHost, m_port);
        QVERIFY(!old.waitForConnected(5000)); // the old listener stopped accepting
    }

    void portHeldByAnotherProxyNamesIt()
    {
        startEngine(baseConfig());
        EngineClient second;
        config::Config clash = baseConfig();
        clash.port = m_port;
        const QString error = second.startAndWait(clash);
        QVERIFY2(error.contains(QStringLiteral("127.0.0.1:%1").arg(m_port)), qPrintable(error));
        QVERIFY2(error.contains(QStringLiteral("another LLM Interactive Proxy (pid %1)").arg(QCoreApplication::applicationPid())),
                 qPrintable(error));
        QVERIFY(!second.status().running);
        QVERIFY(healthAnswers(m_port));
    }

    void pauseAndResume()
    {
        startEngine(baseConfig());
        QSignalSpy stopped(m_engine.get(), &EngineClient::stopped);
        m_engine->pause();
        QVERIFY(stopped.wait(10000));
        QTRY_VERIFY(m_engine->status().paused);
        QVERIFY(!m_engine->status().running);
        QTcpSocket refused;
        refused.connectToHost(QHostAddress::LocalHost, m_port);
        QVERIFY(!refused.waitForConnected(5000));

        QSignalSpy started(m_engine.get(), &EngineClient::started);
        m_engine->resume();
        QVERIFY(started.wait(10000));
        const EngineStatus status = m_engine->status();
        QVERIFY(status.running);
        QVERIFY(!status.paused);
        QVERIFY(healthAnswers(portOf(status.listenAddress)));
    }

    void testBackendListsModels()
    {
        m_alpha->setHandler([](const FakeRequest &request) {
            if (request.path == "/v1/models")
                return FakeReply::json(R"({"object":"list","data":[{"id":"m-one","object":"model"},{"id":"m-two","object":"model"}]})");
            return FakeReply::error(404, "no");
        });
        const BackendTestResult result = testBackend(backend(QStringLiteral("alpha"), m_alpha->baseUrl(), kSecret));
        QVERIFY2(result.ok, qPrintable(result.error));
        QCOMPARE(result.modelCount, 2);
        QCOMPARE(result.models, QStringList({QStringLiteral("m-one"), QStringLiteral("m-two")}));
        QCOMPARE(result.httpStatus, 200);
        QVERIFY(result.latencyMs >= 0);
        QCOMPARE(m_alpha->lastRequest().header("authorization"), QByteArray("Bearer ") + kSecret.toLatin1());
    }

    void testBackendRejectedKey()
    {
        FaultProvider fault;
        QVERIFY(fault.listen());
        fault.setFallback(Fault::Unauthorized);
        const BackendTestResult result = testBackend(backend(QStringLiteral("alpha"), fault.baseUrl(), kSecret));
        QVERIFY(!result.ok);
        QCOMPARE(result.httpStatus, 401);
        QVERIFY2(result.error.contains(QLatin1String("Incorrect API key provided")), qPrintable(result.error));
        QVERIFY(!result.error.contains(kSecret));
        QCOMPARE(fault.keysSeen(), QList<QByteArray>({kSecret.toLatin1()}));
    }

    void testBackendEchoedKeyIsRedacted()
    {
        m_alpha->setHandler([](const FakeRequest &) {
            return FakeReply::error(401, "Incorrect API key provided: " + kSecret.toLatin1());
        });
        const BackendTestResult result = testBackend(backend(QStringLiteral("alpha"), m_alpha->baseUrl(), kSecret));
        QVERIFY(!result.ok);
        QVERIFY2(result.error.contains(QLatin1String("Incorrect API key provided")), qPrintable(result.error));
        QVERIFY2(!result.error.contains(kSecret), qPrintable(result.error));
    }

    void testBackendClosedPort()
    {
        QUrl closed(QStringLiteral("http://127.0.0.1"));
        closed.setPort(FaultProvider::closedPort());
        const BackendTestResult result = testBackend(backend(QStringLiteral("alpha"), closed, kSecret));
        QVERIFY(!result.ok);
        QCOMPARE(result.httpStatus, 0);
        QVERIFY2(result.error.contains(QLatin1String("cannot reach")), qPrintable(result.error));
        QVERIFY(!result.error.contains(kSecret));
    }

    void answersAreDroppedWhenContextDied()
    {
        EngineClient client;
        int deadCalls = 0;
        bool liveDone = false;
        auto *dead = new QObject;
        client.fetchDiagnostics(dead, [&](const QJsonObject &) { ++deadCalls; });
        delete dead;
        client.fetchDiagnostics(this, [&](const QJsonObject &diagnostics) {
            QVERIFY(diagnostics.isEmpty()); // stopped: nothing to diagnose
            liveDone = true;
        });
        QTRY_VERIFY(liveDone); // delivered in order: the first one's turn has passed
        QCOMPARE(deadCalls, 0);
    }

    void circuitOpensAndReactivateClosesIt()
    {
        FaultProvider fault;
        QVERIFY(fault.listen());
        fault.setFallback(Fault::ServerError);
        config::Config config = baseConfig();
        config.backends = {backend(QStringLiteral("alpha"), fault.baseUrl(), QStringLiteral("sk-alpha-key-1"))};
        config.health.failureThreshold = 1;
        config.health.cooldownSeconds = 3600;
        startEngine(config);
        QSignalSpy circuit(m_engine.get(), &EngineClient::circuitChanged);

        RawHttpClient client(m_port);
        client.send("POST", "/v1/chat/completions", jsonHeaders(), chatBody(false));
        QVERIFY(client.waitForEnd());
        QVERIFY(client.status() >= 500);
        QTRY_COMPARE(circuit.count(), 1);
        QCOMPARE(circuit.at(0).at(0).toString(), QStringLiteral("alpha"));
        QCOMPARE(circuit.at(0).at(1).toBool(), true);
        QTRY_COMPARE(m_engine->status().openCircuits, QStringList{QStringLiteral("alpha")});
        const EngineStatus status = m_engine->status();
        QVERIFY(!status.recentErrors.isEmpty());
        QCOMPARE(status.recentErrors.first().backend, QStringLiteral("alpha"));
        QVERIFY(status.lastError.startsWith(QLatin1String("alpha: ")));

        bool diagnosed = false;
        m_engine->fetchDiagnostics(this, [&](const QJsonObject &diagnostics) {
            const QJsonArray backends = diagnostics.value(QStringLiteral("backends")).toArray();
            QVERIFY(!backends.isEmpty());
            diagnosed = true;
        });
        QTRY_VERIFY(diagnosed);

        m_engine->reactivate(QStringLiteral("alpha"));
        QTRY_COMPARE(circuit.count(), 2);
        QCOMPARE(circuit.at(1).at(1).toBool(), false);
        QTRY_VERIFY(m_engine->status().openCircuits.isEmpty());
    }

    void rejectedKeyIsReported()
    {
        FaultProvider fault;
        QVERIFY(fault.listen());
        fault.setFallback(Fault::Unauthorized);
        config::Config config = baseConfig();
        config.backends = {backend(QStringLiteral("alpha"), fault.baseUrl(), QStringLiteral("sk-alpha-key-1"))};
        startEngine(config);
        QSignalSpy rejected(m_engine.get(), &EngineClient::credentialRejected);
        RawHttpClient client(m_port);
        client.send("POST", "/v1/chat/completions", jsonHeaders(), chatBody(false));
        QVERIFY(client.waitForEnd());
        QCOMPARE(client.status(), 401);
        QTRY_COMPARE(rejected.count(), 1);
        QCOMPARE(rejected.at(0).at(0).toString(), QStringLiteral("alpha"));
        QCOMPARE(rejected.at(0).at(1).toString(), QStringLiteral("ALPHA_API_KEY"));
        QCOMPARE(rejected.at(0).at(2).toInt(), 401);
    }

    void fetchModelsOfAnInstance()
    {
        config::Config config = baseConfig();
        config.backends[1].models = {QStringLiteral("b-one"), QStringLiteral("b-two")};
        startEngine(config);
        QStringList models;
        QString error;
        bool done = false;
        m_engine->fetchModels(QStringLiteral("bravo"), this, [&](const QStringList &m, const QString &e) {
            models = m;
            error = e;
            done = true;
        });
        QTRY_VERIFY(done);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QCOMPARE(models, QStringList({QStringLiteral("b-one"), QStringLiteral("b-two")}));

        done = false;
        m_engine->fetchModels(QStringLiteral("nope"), this, [&](const QStringList &m, const QString &e) {
            models = m;
            error = e;
            done = true;
        });
        QTRY_VERIFY(done);
        QVERIFY(models.isEmpty());
        QVERIFY(error.contains(QLatin1String("nope")));
    }
};

QTEST_GUILESS_MAIN(TestEngineApi)
#include "tst_engineapi.moc"
