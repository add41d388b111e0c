// SPDX-License-Identifier: GPL-3.0-or-later
// Key cooldowns and backend circuits with an injected clock: no sleeping, every transition
// checked at the exact millisecond it should happen.

#include "routing/routingstate.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace lip;
using namespace lip::routing;

namespace {

Error upstreamError(int status, int retryAfterMs = -1)
{
    Error e = Error::make(status == 429 ? ErrorCategory::RateLimited : ErrorCategory::Upstream, QStringLiteral("x"));
    e.upstreamStatus = status;
    e.retryAfterMs = retryAfterMs;
    return e;
}

Error connectionError()
{
    return Error::make(ErrorCategory::UpstreamUnreachable, QStringLiteral("connection refused"));
}

} // namespace

class TestRoutingState : public QObject
{
    Q_OBJECT

    config::Config m_config;
    qint64 m_now = 1000;

    std::unique_ptr<RoutingState> makeState()
    {
        return std::make_unique<RoutingState>(m_config, [this] { return m_now; });
    }

private Q_SLOTS:
    void init()
    {
        m_now = 1000;
        m_config = config::Config();
        config::BackendConfig b;
        b.name = QStringLiteral("openai");
        b.type = QStringLiteral("openai");
        b.baseUrl = QStringLiteral("http://127.0.0.1:1/v1");
        b.apiKeys = {QStringLiteral("sk-secret-one-1111"), QStringLiteral("sk-secret-two-2222")};
        b.keyAliases = {QStringLiteral("OPENAI_API_KEY_1"), QStringLiteral("OPENAI_API_KEY_2")};
        m_config.backends.push_back(b);
        m_config.retry.rateLimitCooldownSeconds = 60;
        m_config.retry.authFailureCooldownSeconds = 3600;
        m_config.health.failureThreshold = 3;
        m_config.health.cooldownSeconds = 30;
    }

    void classify_data()
    {
        QTest::addColumn<int>("status");
        QTest::addColumn<int>("category");
        QTest::addColumn<int>("kind");
        const int upstream = int(ErrorCategory::Upstream);
        QTest::newRow("401") << 401 << upstream << int(FailureKind::KeyRejected);
        QTest::newRow("403") << 403 << upstream << int(FailureKind::KeyRejected);
        QTest::newRow("429") << 429 << upstream << int(FailureKind::RateLimited);
        QTest::newRow("408") << 408 << upstream << int(FailureKind::Transient);
        QTest::newRow("500") << 500 << upstream << int(FailureKind::Transient);
        QTest::newRow("503") << 503 << upstream << int(FailureKind::Transient);
        QTest::newRow("529") << 529 << upstream << int(FailureKind::Transient);
        QTest::newRow("400") << 400 << upstream << int(FailureKind::Client);
        QTest::newRow("404") << 404 << upstream << int(FailureKind::Client);
        QTest::newRow("422") << 422 << upstream << int(FailureKind::Client);
        QTest::newRow("refused") << 0 << int(ErrorCategory::UpstreamUnreachable) << int(FailureKind::Transient);
        QTest::newRow("timeout") << 0 << int(ErrorCategory::Timeout) << int(FailureKind::Transient);
        QTest::newRow("garbage") << 0 << int(ErrorCategory::UpstreamProtocol) << int(FailureKind::Transient);
        QTest::newRow("invalid") << 0 << int(ErrorCategory::InvalidRequest) << int(FailureKind::Client);
        QTest::newRow("none") << 0 << int(ErrorCategory::None) << int(FailureKind::None);
    }

    void classify()
    {
        QFETCH(int, status);
        QFETCH(int, category);
        QFETCH(int, kind);
        Error e = Error::make(ErrorCategory(category), QStringLiteral("m"));
        e.upstreamStatus = status;
        QCOMPARE(int(classifyFailure(e)), kind);
    }

    void rateLimitHonoursRetryAfter()
    {
        auto state = makeState();
        state->recordFailure(QStringLiteral("openai"), 0, upstreamError(429, 2000));
        QVERIFY(state->keyCooling(QStringLiteral("openai"), 0));
        QVERIFY(!state->keyCooling(QStringLiteral("openai"), 1));
        QCOMPARE(state->pickKey(m_config.backends[0]), 1);
        m_now += 1999;
        QVERIFY(state->keyCooling(QStringLiteral("openai"), 0));
        m_now += 1;
        QVERIFY(!state->keyCooling(QStringLiteral("openai"), 0));
        QCOMPARE(state->pickKey(m_config.backends[0]), 0);
    }

    void rateLimitWithoutRetryAfterUsesConfiguredCooldown()
    {
        auto state = makeState();
        state->recordFailure(QStringLiteral("openai"), 1, upstreamError(429));
        m_now += 59999;
        QVERIFY(state->keyCooling(QStringLiteral("openai"), 1));
        m_now += 1;
        QVERIFY(!state->keyCooling(QStringLiteral("openai"), 1));
    }

    void rejectedKeyRestsLong()
    {
        auto state = makeState();
        state->recordFailure(QStringLiteral("openai"), 0, upstreamError(401));
        m_now += 3599 * 1000;
        QVERIFY(state->keyCooling(QStringLiteral("openai"), 0));
        m_now += 1000;
        QVERIFY(!state->keyCooling(QStringLiteral("openai"), 0));
    }

    void allKeysCoolingPicksTheSoonest()
    {
        auto state = makeState();
        state->recordFailure(QStringLiteral("openai"), 0, upstreamError(429, 5000));
        state->recordFailure(QStringLiteral("openai"), 1, upstreamError(429, 1000));
        QCOMPARE(state->pickKey(m_config.backends[0]), 1);
    }

    void keyFailuresDoNotOpenTheCircuit()
    {
        auto state = makeState();
        for (int i = 0; i < 5; ++i) {
            state->recordFailure(QStringLiteral("openai"), 0, upstreamError(429, 10));
            state->recordFailure(QStringLiteral("openai"), 0, upstreamError(401));
            state->recordFailure(QStringLiteral("openai"), 0, upstreamError(400));
        }
        QCOMPARE(state->circuit(QStringLiteral("openai")), CircuitState::Closed);
        QVERIFY(state->admits(QStringLiteral("openai")));
    }

    void circuitOpensHalfOpensAndCloses()
    {
        auto state = makeState();
        const QString b = QStringLiteral("openai");
        state->recordFailure(b, 0, upstreamError(500));
        state->recordFailure(b, 0, connectionError());
        QCOMPARE(state->circuit(b), CircuitState::Closed);
        state->recordFailure(b, 1, upstreamError(529));
        QCOMPARE(state->circuit(b), CircuitState::Open);
        QVERIFY(!state->admits(b));

        m_now += 29999;
        QCOMPARE(state->circuit(b), CircuitState::Open);
        m_now += 1;
        QCOMPARE(state->circuit(b), CircuitState::HalfOpen);
        QVERIFY(state->admits(b));
        state->begin(b); // the probe
        QVERIFY(!state->admits(b));
        QCOMPARE(state->circuit(b), CircuitState::HalfOpen);

        // The probe fails: open again for a full cooldown.
        state->recordFailure(b, 0, upstreamError(503));
        QCOMPARE(state->circuit(b), CircuitState::Open);
        m_now += 29999;
        QVERIFY(!state->admits(b));
        m_now += 1;
        QVERIFY(state->admits(b));
        state->begin(b);
        state->recordSuccess(b, 0);
        QCOMPARE(state->circuit(b), CircuitState::Closed);
        QVERIFY(state->admits(b));

        // Counting starts over after a success.
        state->recordFailure(b, 0, upstreamError(500));
        state->recordFailure(b, 0, upstreamError(500));
        QCOMPARE(state->circuit(b), CircuitState::Closed);
    }

    void successResetsConsecutiveFailures()
    {
        auto state = makeState();
        const QString b = QStringLiteral("openai");
        state->recordFailure(b, 0, upstreamError(500));
        state->recordFailure(b, 0, upstreamError(500));
        state->recordSuccess(b, 0);
        state->recordFailure(b, 0, upstreamError(500));
        state->recordFailure(b, 0, upstreamError(500));
        QCOMPARE(state->circuit(b), CircuitState::Closed);
        state->recordFailure(b, 0, upstreamError(500));
        QCOMPARE(state->circuit(b), CircuitState::Open);
    }

    void abandonedProbeLetsTheNextRequestProbe()
    {
        auto state = makeState();
        const QString b = QStringLiteral("openai");
        for (int i = 0; i < 3; ++i)
            state->recordFailure(b, 0, upstreamError(500));
        m_now += 30000;
        state->begin(b);
        QVERIFY(!state->admits(b));
        state->abandon(b);
        QVERIFY(state->admits(b));
    }

    void thresholdZeroDisablesCircuits()
    {
        m_config.health.failureThreshold = 0;
        auto state = makeState();
        for (int i = 0; i < 10; ++i)
            state->recordFailure(QStringLiteral("openai"), 0, upstreamError(500));
        QCOMPARE(state->circuit(QStringLiteral("openai")), CircuitState::Closed);
    }

    void reactivateClosesAndClearsCooldowns()
    {
        auto state = makeState();
        const QString b = QStringLiteral("openai");
        for (int i = 0; i < 3; ++i)
            state->recordFailure(b, 0, upstreamError(500));
        state->recordFailure(b, 1, upstreamError(429, 50000));
        QVERIFY(!state->admits(b));
        QVERIFY(state->reactivate(b));
        QVERIFY(state->admits(b));
        QVERIFY(!state->keyCooling(b, 1));
        QVERIFY(!state->reactivate(QStringLiteral("nope")));
    }

    void diagnosticsShowAliasesAndStateNeverKeys()
    {
        auto state = makeState();
        m_config.routes.push_back(config::RouteConfig{QStringLiteral("r"), QStringLiteral("km"),
                                                      {QStringLiteral("openai:gpt-4o")}, {}});
        for (int i = 0; i < 3; ++i)
            state->recordFailure(QStringLiteral("openai"), 0, upstreamError(500));
        state->recordFailure(QStringLiteral("openai"), 1, upstreamError(429, 5000));
        const QByteArray json = state->diagnosticsJson();
        QVERIFY(!json.contains("sk-secret"));
        const QJsonObject root = QJsonDocument::fromJson(json).object();
        const QJsonObject backend = root.value(QStringLiteral("backends")).toArray().at(0).toObject();
        QCOMPARE(backend.value(QStringLiteral("instance")).toString(), QStringLiteral("openai"));
        QCOMPARE(backend.value(QStringLiteral("dialect")).toString(), QStringLiteral("openai-chat"));
        const QJsonObject circuit = backend.value(QStringLiteral("circuit")).toObject();
        QCOMPARE(circuit.value(QStringLiteral("state")).toString(), QStringLiteral("open"));
        QCOMPARE(circuit.value(QStringLiteral("consecutive_failures")).toInt(), 3);
        QVERIFY(circuit.value(QStringLiteral("retry_at")).isString());
        const QJsonArray keys = backend.value(QStringLiteral("keys")).toArray();
        QCOMPARE(keys.size(), 2);
        QCOMPARE(keys.at(1).toObject().value(QStringLiteral("alias")).toString(), QStringLiteral("OPENAI_API_KEY_2"));
        QCOMPARE(keys.at(1).toObject().value(QStringLiteral("available")).toBool(), false);
        QCOMPARE(keys.at(1).toObject().value(QStringLiteral("last_error")).toString(), QStringLiteral("rate_limited"));
        QCOMPARE(keys.at(0).toObject().value(QStringLiteral("failures")).toInt(), 3);
        const QJsonObject route = root.value(QStringLiteral("failover_routes")).toArray().at(0).toObject();
        QCOMPARE(route.value(QStringLiteral("policy")).toString(), QStringLiteral("km"));
    }
};

QTEST_GUILESS_MAIN(TestRoutingState)
#include "tst_routingstate.moc"
