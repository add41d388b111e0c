// SPDX-License-Identifier: GPL-3.0-or-later
// Failover, key rotation, retries and circuits end to end: the engine in-process against a
// fault-injecting provider over real sockets. Every backend points at the same FaultProvider
// with keys of its own, so the provider's record of keys IS the exact attempt sequence.

#include "engine.h"
#include "faultprovider.h"
#include "rawhttpclient.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMutex>
#include <QTest>

#include <memory>

using namespace lip;
using lip::test::Fault;
using lip::test::FaultProvider;
using lip::test::FaultStep;
using lip::test::RawHttpClient;

namespace {

const QByteArray kA1 = "sk-alpha-secret-0001";
const QByteArray kA2 = "sk-alpha-secret-0002";
const QByteArray kB1 = "sk-bravo-secret-0001";
const QByteArray kB2 = "sk-bravo-secret-0002";
const QList<QByteArray> kAllKeys = {kA1, kA2, kB1, kB2};

QMutex g_logMutex;
QStringList g_log;
QtMessageHandler g_previousHandler = nullptr;

void collectLog(QtMsgType type, const QMessageLogContext &context, const QString &message)
{
    {
        QMutexLocker lock(&g_logMutex);
        g_log << message;
    }
    if (g_previousHandler)
        g_previousHandler(type, context, message);
}

QStringList logLines()
{
    QMutexLocker lock(&g_logMutex);
    return g_log;
}

QByteArray chatBody(const QByteArray &model, bool stream)
{
    return R"({"model":")" + model + R"(","messages":[{"role":"user","content":"hi"}],"stream":)"
           + (stream ? "true" : "false") + "}";
}

} // namespace

class TestFailover : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<FaultProvider> m_fault;
    std::unique_ptr<EngineClient> m_engine;
    quint16 m_port = 0;

    config::BackendConfig backend(const QString &name, const QList<QByteArray> &keys, quint16 port = 0)
    {
        config::BackendConfig b;
        b.name = name;
        b.type = QStringLiteral("openai");
        b.baseUrl = port ? QStringLiteral("http://127.0.0.1:%1/v1").arg(port)
                         : m_fault->baseUrl().toString() + QStringLiteral("/v1");
        for (qsizetype i = 0; i < keys.size(); ++i) {
            b.apiKeys << QString::fromLatin1(keys[i]);
            b.keyAliases << QStringLiteral("%1_API_KEY_%2").arg(name.toUpper()).arg(i + 1);
        }
        b.timeoutSeconds = 10;
        return b;
    }

    config::Config baseConfig()
    {
        config::Config config;
        config.host = QStringLiteral("127.0.0.1");
        config.port = 0;
        config.backends.push_back(backend(QStringLiteral("alpha"), {kA1, kA2}));
        config.backends.push_back(backend(QStringLiteral("bravo"), {kB1, kB2}));
        config.defaultBackend = QStringLiteral("alpha");
        const QStringList elements = {QStringLiteral("alpha:m1"), QStringLiteral("bravo:m2")};
        for (const char *policy : {"k", "m", "km", "mk", "ordered"}) {
            config::RouteConfig route;
            route.name = QStringLiteral("route-") + QLatin1String(policy);
            route.policy = QLatin1String(policy);
            route.elements = elements;
            config.routes.push_back(route);
        }
        config.retry.maxRetries = 0;
        config.retry.initialBackoffMs = 1;
        config.retry.maxBackoffMs = 5;
        config.retry.maxRetryAfterSeconds = 1;
        config.health.failureThreshold = 100;
        config.health.cooldownSeconds = 3600;
        config.dataDir = m_dataDir.path();
        return config;
    }

    void startEngine(const config::Config &config)
    {
        m_engine = std::make_unique<EngineClient>();
        const QString error = m_engine->startAndWait(config);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        m_port = quint16(m_engine->status().listenAddress.section(QLatin1Char(':'), -1).toUInt());
        QVERIFY(m_port != 0);
    }

    void postChat(RawHttpClient &client, const QByteArray &model, bool stream = false)
    {
        client.send("POST", "/v1/chat/completions", {qMakePair(QByteArray("Content-Type"), QByteArray("application/json"))},
                    chatBody(model, stream));
    }

    QJsonObject diagnostics()
    {
        RawHttpClient client(m_port);
        client.send("GET", "/v1/diagnostics");
        if (!client.waitForEnd() || client.status() != 200)
            return {};
        for (const QByteArray &key : kAllKeys) {
            if (client.body().contains(key))
                return {{QStringLiteral("leak"), true}};
        }
        return QJsonDocument::fromJson(client.body()).object();
    }

    QString circuitOf(const QJsonObject &diag, const QString &instance)
    {
        for (const QJsonValue &b : diag.value(QStringLiteral("backends")).toArray()) {
            if (b.toObject().value(QStringLiteral("instance")).toString() == instance)
                return b.toObject().value(QStringLiteral("circuit")).toObject().value(QStringLiteral("state")).toString();
        }
        return {};
    }

    QTemporaryDir m_dataDir;

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dataDir.isValid());
        g_previousHandler = qInstallMessageHandler(collectLog);
    }

    void cleanupTestCase()
    {
        qInstallMessageHandler(g_previousHandler);
        // Keys never reach a log line; aliases do (so this check can see the lines at all).
        const QStringList lines = logLines();
        bool sawAlias = false;
        for (const QString &line : lines) {
            for (const QByteArray &key : kAllKeys)
                QVERIFY2(!line.contains(QString::fromLatin1(key)), qPrintable(QStringLiteral("key in log: ") + line));
            sawAlias = sawAlias || line.contains(QLatin1String("ALPHA_API_KEY_1"));
        }
        QVERIFY2(sawAlias, "no failover line naming a key alias was logged");
    }

    void init()
    {
        m_fault = std::make_unique<FaultProvider>();
        QVERIFY(m_fault->listen());
    }

    void cleanup()
    {
        m_engine.reset();
        m_fault.reset();
    }

    // Every attempt answers 401 (a key problem: rotate, never retry the same key), so the
    // provider sees the policy's whole plan, in order.
    void policyOrder_data()
    {
        QTest::addColumn<QByteArray>("model");
        QTest::addColumn<QList<QByteArray>>("keys");
        QTest::newRow("k") << QByteArray("route-k") << QList<QByteArray>{kA1, kA2};
        QTest::newRow("m") << QByteArray("route-m") << QList<QByteArray>{kA1, kB1};
        QTest::newRow("km") << QByteArray("route-km") << QList<QByteArray>{kA1, kA2, kB1, kB2};
        QTest::newRow("mk") << QByteArray("route-mk") << QList<QByteArray>{kA1, kB1, kA2, kB2};
        QTest::newRow("ordered") << QByteArray("route-ordered") << QList<QByteArray>{kA1, kB1};
        QTest::newRow("plain backend: its keys") << QByteArray("bravo:m9") << QList<QByteArray>{kB1, kB2};
        QTest::newRow("alternatives") << QByteArray("bravo:x|alpha:y") << QList<QByteArray>{kB1, kB2, kA1, kA2};
    }

    void policyOrder()
    {
        QFETCH(QByteArray, model);
        QFETCH(QList<QByteArray>, keys);
        m_fault->setFallback(Fault::Unauthorized);
        startEngine(baseConfig());
        RawHttpClient client(m_port);
        postChat(client, model);
        QVERIFY(client.waitForEnd());
        QCOMPARE(m_fault->keysSeen(), keys);
        QCOMPARE(client.status(), 401); // the last attempt's own error, as the provider sent it
        QVERIFY(client.body().contains("invalid_api_key"));
    }

    void rotatesToTheNextKeyOn429AndSucceeds()
    {
        m_fault->scriptForKey(kA1, {Fault::RateLimited});
        startEngine(baseConfig());
        RawHttpClient client(m_port);
        postChat(client, "alpha:gpt");
        QVERIFY(client.waitForEnd());
        QCOMPARE(client.status(), 200);
        QVERIFY(client.body().contains(m_fault->replyText));
        QCOMPARE(m_fault->keysSeen(), (QList<QByteArray>{kA1, kA2}));

        // The rate-limited key rests: the next request starts with the other one.
        m_fault->clearHits();
        RawHttpClient second(m_port);
        postChat(second, "alpha:gpt");
        QVERIFY(second.waitForEnd());
        QCOMPARE(second.status(), 200);
        QCOMPARE(m_fault->keysSeen(), QList<QByteArray>{kA2});
    }

    // A 5xx is the backend's problem, not the key's: the same key is retried after a backoff.
    void serverErrorRetriesTheSameKey_data()
    {
        QTest::addColumn<int>("fault");
        QTest::newRow("500") << int(Fault::ServerError);
        QTest::newRow("529") << int(Fault::Overloaded);
        QTest::newRow("malformed body") << int(Fault::MalformedJson);
    }

    void serverErrorRetriesTheSameKey()
    {
        QFETCH(int, fault);
        m_fault->script({Fault(fault), Fault(fault), Fault::Ok});
        config::Config config = baseConfig();
        config.retry.maxRetries = 2;
        startEngine(config);
        RawHttpClient client(m_port);
        postChat(client, "alpha:gpt");
        QVERIFY(client.waitForEnd());
        if (Fault(fault) == Fault::MalformedJson) {
            // A 200 whose body cannot be parsed reaches the client as it is (passthrough).
            QCOMPARE(m_fault->keysSeen(), QList<QByteArray>{kA1});
            return;
        }
        QCOMPARE(client.status(), 200);
        QCOMPARE(m_fault->keysSeen(), (QList<QByteArray>{kA1, kA1, kA1}));
    }

    void retriesAreBounded()
    {
        m_fault->setFallback(Fault::ServerError);
        config::Config config = baseConfig();
        config.retry.maxRetries = 2;
        startEngine(config);
        RawHttpClient client(m_port);
        postChat(client, "alpha:gpt");
        QVERIFY(client.waitForEnd());
        QCOMPARE(client.status(), 500);
        QCOMPARE(m_fault->keysSeen(), (QList<QByteArray>{kA1, kA1, kA1}));
    }

    void retryAfterIsHonouredWhenShort()
    {
        m_fault->script(QList<FaultStep>{FaultStep{Fault::RateLimited, 0}, FaultStep{Fault::RateLimited, 1}});
        config::Config config = baseConfig();
        config.retry.maxRetries = 3;
        config.backends[0].apiKeys = {QString::fromLatin1(kA1)};
        config.backends[0].keyAliases = {QStringLiteral("ALPHA_API_KEY_1")};
        startEngine(config);
        RawHttpClient client(m_port);
        postChat(client, "alpha:gpt");
        QVERIFY(client.waitForEnd());
        QCOMPARE(client.status(), 200);
        QCOMPARE(m_fault->keysSeen(), (QList<QByteArray>{kA1, kA1, kA1}));
    }

    void retryAfterLongerThanTheCapIsNotWaitedFor()
    {
        m_fault->script(QList<FaultStep>{FaultStep{Fault::RateLimited, 30}});
        config::Config config = baseConfig();
        config.retry.maxRetries = 3;
        config.backends[0].apiKeys = {QString::fromLatin1(kA1)};
        config.backends[0].keyAliases = {QStringLiteral("ALPHA_API_KEY_1")};
        startEngine(config);
        RawHttpClient client(m_port);
        postChat(client, "alpha:gpt");
        QVERIFY(client.waitForEnd());
        QCOMPARE(client.status(), 429);
        QCOMPARE(m_fault->keysSeen(), QList<QByteArray>{kA1});
    }

    void clientErrorIsNeitherRetriedNorFailedOver()
    {
        m_fault->setFallback(Fault::BadRequest);
        config::Config config = baseConfig();
        config.retry.maxRetries = 3;
        startEngine(config);
        RawHttpClient client(m_port);
        postChat(client, "route-km");
        QVERIFY(client.waitForEnd());
        QCOMPARE(client.status(), 400);
        QCOMPARE(m_fault->keysSeen(), QList<QByteArray>{kA1});
    }

    void connectionRefusedFailsOver()
    {
        config::Config config = baseConfig();
        config.backends[0] = backend(QStringLiteral("alpha"), {kA1, kA2}, FaultProvider::closedPort());
        startEngine(config);
        RawHttpClient client(m_port);
        postChat(client, "route-m");
        QVERIFY(client.waitForEnd());
        QCOMPARE(client.status(), 200);
        QCOMPARE(m_fault->keysSeen(), QList<QByteArray>{kB1});
    }

    void dropBeforeTheFirstByteFailsOver_data()
    {
        QTest::addColumn<bool>("stream");
        QTest::newRow("stream") << true;
        QTest::newRow("non-stream") << false;
    }

    void dropBeforeTheFirstByteFailsOver()
    {
        QFETCH(bool, stream);
        m_fault->script({Fault::DropBeforeBody});
        startEngine(baseConfig());
        RawHttpClient client(m_port);
        postChat(client, "route-m", stream);
        QVERIFY(client.waitForEnd());
        QCOMPARE(client.status(), 200);
        QVERIFY(client.body().contains(m_fault->replyText));
        QCOMPARE(m_fault->keysSeen(), (QList<QByteArray>{kA1, kB1}));
    }

    // Once bytes reached the client there is no failover: the client gets its dialect's
    // in-stream error and the second element is never asked.
    void dropAfterTheFirstByteIsAnInStreamError_data()
    {
        QTest::addColumn<QByteArray>("path");
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<QByteArray>("marker");
        QTest::newRow("openai chat") << QByteArray("/v1/chat/completions") << chatBody("route-m", true)
                                     << QByteArray("\"error\"");
        QTest::newRow("anthropic") << QByteArray("/v1/messages")
                                   << QByteArray(R"({"model":"route-m","max_tokens":64,"messages":[{"role":"user","content":"hi"}],"stream":true})")
                                   << QByteArray("event: error");
        QTest::newRow("responses") << QByteArray("/v1/responses")
                                   << QByteArray(R"({"model":"route-m","input":"hi","stream":true})")
                                   << QByteArray("response.failed");
        QTest::newRow("gemini") << QByteArray("/v1beta/models/route-m:streamGenerateContent?alt=sse")
                                << QByteArray(R"({"contents":[{"role":"user","parts":[{"text":"hi"}]}]})")
                                << QByteArray("\"error\"");
    }

    void dropAfterTheFirstByteIsAnInStreamError()
    {
        QFETCH(QByteArray, path);
        QFETCH(QByteArray, body);
        QFETCH(QByteArray, marker);
        m_fault->script({Fault::DropMidStream});
        startEngine(baseConfig());
        RawHttpClient client(m_port);
        client.send("POST", path, {qMakePair(QByteArray("Content-Type"), QByteArray("application/json"))}, body);
        QVERIFY(client.waitForEnd());
        QCOMPARE(client.status(), 200);
        QVERIFY2(client.body().contains("partial"), client.body().constData());
        QVERIFY2(client.body().contains(marker), client.body().constData());
        QCOMPARE(m_fault->keysSeen(), QList<QByteArray>{kA1});
    }

    void circuitOpensShowsInDiagnosticsAndReactivates()
    {
        m_fault->scriptForKey(kA1, {Fault::ServerError, Fault::ServerError});
        config::Config config = baseConfig();
        config.health.failureThreshold = 2;
        startEngine(config);
        for (int i = 0; i < 2; ++i) {
            RawHttpClient client(m_port);
            postChat(client, "route-m");
            QVERIFY(client.waitForEnd());
            QCOMPARE(client.status(), 200);
        }
        QCOMPARE(m_fault->keysSeen(), (QList<QByteArray>{kA1, kB1, kA1, kB1}));

        QJsonObject diag = diagnostics();
        QVERIFY(!diag.contains(QStringLiteral("leak")));
        QCOMPARE(circuitOf(diag, QStringLiteral("alpha")), QStringLiteral("open"));
        QCOMPARE(circuitOf(diag, QStringLiteral("bravo")), QStringLiteral("closed"));

        // Open circuit: alpha is skipped.
        m_fault->clearHits();
        {
            RawHttpClient client(m_port);
            postChat(client, "route-m");
            QVERIFY(client.waitForEnd());
            QCOMPARE(client.status(), 200);
        }
        QCOMPARE(m_fault->keysSeen(), QList<QByteArray>{kB1});

        {
            RawHttpClient client(m_port);
            client.send("POST", "/v1/diagnostics/backends/alpha/reactivate");
            QVERIFY(client.waitForEnd());
            QCOMPARE(client.status(), 200);
            QVERIFY(client.body().contains("\"reactivated\":true"));
        }
        QCOMPARE(circuitOf(diagnostics(), QStringLiteral("alpha")), QStringLiteral("closed"));
        m_fault->clearHits();
        {
            RawHttpClient client(m_port);
            postChat(client, "route-m");
            QVERIFY(client.waitForEnd());
            QCOMPARE(client.status(), 200);
        }
        QCOMPARE(m_fault->keysSeen(), QList<QByteArray>{kA1});

        RawHttpClient unknown(m_port);
        unknown.send("POST", "/diagnostics/backends/nope/reactivate");
        QVERIFY(unknown.waitForEnd());
        QCOMPARE(unknown.status(), 404);
    }

    void openCircuitEverywhereIsTriedAnyway()
    {
        m_fault->scriptForKey(kA1, {Fault::ServerError});
        config::Config config = baseConfig();
        config.health.failureThreshold = 1;
        startEngine(config);
        {
            RawHttpClient client(m_port);
            postChat(client, "alpha:gpt");
            QVERIFY(client.waitForEnd());
            QCOMPARE(client.status(), 500);
        }
        QCOMPARE(circuitOf(diagnostics(), QStringLiteral("alpha")), QStringLiteral("open"));
        RawHttpClient client(m_port);
        postChat(client, "alpha:gpt");
        QVERIFY(client.waitForEnd());
        QCOMPARE(client.status(), 200);
        QCOMPARE(circuitOf(diagnostics(), QStringLiteral("alpha")), QStringLiteral("closed"));
    }
};

QTEST_GUILESS_MAIN(TestFailover)
#include "tst_failover.moc"
