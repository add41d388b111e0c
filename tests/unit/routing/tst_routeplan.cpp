// SPDX-License-Identifier: GPL-3.0-or-later
// The route planner as a pure function: for each policy, selector form and override, the exact
// list of (backend:model#key) attempts; cooling keys and open circuits are left out unless
// nothing would be left.

#include "routing/routeplan.h"
#include "routing/routingstate.h"

#include <QTest>

using namespace lip;
using namespace lip::routing;

namespace {

config::BackendConfig backend(const QString &name, int keys)
{
    config::BackendConfig b;
    b.name = name;
    b.type = QStringLiteral("openai");
    b.baseUrl = QStringLiteral("http://127.0.0.1:1/v1");
    for (int i = 1; i <= keys; ++i) {
        b.apiKeys << QStringLiteral("sk-%1-%2").arg(name).arg(i);
        b.keyAliases << QStringLiteral("%1#%2").arg(name).arg(i);
    }
    return b;
}

config::RouteConfig route(const QString &name, const QString &policy, const QStringList &elements)
{
    config::RouteConfig r;
    r.name = name;
    r.policy = policy;
    r.elements = elements;
    return r;
}

QStringList describe(const RoutePlan &plan)
{
    QStringList out;
    for (const Attempt &a : plan.attempts)
        out << QStringLiteral("%1:%2#%3").arg(a.backend->name, a.model).arg(a.keyIndex);
    return out;
}

} // namespace

class TestRoutePlan : public QObject
{
    Q_OBJECT

    config::Config m_config;

private Q_SLOTS:
    void init()
    {
        m_config = config::Config();
        m_config.backends.push_back(backend(QStringLiteral("a"), 2));
        m_config.backends.push_back(backend(QStringLiteral("b"), 3));
        m_config.backends.push_back(backend(QStringLiteral("c"), 0)); // keyless (a local server)
        m_config.defaultBackend = QStringLiteral("a");
        const QStringList two = {QStringLiteral("a:m1"), QStringLiteral("b:m2")};
        m_config.routes.push_back(route(QStringLiteral("rk"), QStringLiteral("k"), two));
        m_config.routes.push_back(route(QStringLiteral("rm"), QStringLiteral("m"), two));
        m_config.routes.push_back(route(QStringLiteral("rkm"), QStringLiteral("km"), two));
        m_config.routes.push_back(route(QStringLiteral("rmk"), QStringLiteral("mk"), two));
        m_config.routes.push_back(route(QStringLiteral("rord"), QStringLiteral("ordered"), two));
        m_config.routes.push_back(route(QStringLiteral("rmix"), QStringLiteral("mk"),
                                        {QStringLiteral("c:local"), QStringLiteral("b:m2")}));
    }

    void plans_data()
    {
        QTest::addColumn<QString>("model");
        QTest::addColumn<QStringList>("expected");
        QTest::newRow("k: first element, every key") << "rk" << QStringList{"a:m1#0", "a:m1#1"};
        QTest::newRow("m: every element, first key") << "rm" << QStringList{"a:m1#0", "b:m2#0"};
        QTest::newRow("km: keys of each element in turn")
            << "rkm" << QStringList{"a:m1#0", "a:m1#1", "b:m2#0", "b:m2#1", "b:m2#2"};
        QTest::newRow("mk: key-major across elements")
            << "rmk" << QStringList{"a:m1#0", "b:m2#0", "a:m1#1", "b:m2#1", "b:m2#2"};
        QTest::newRow("ordered is m") << "rord" << QStringList{"a:m1#0", "b:m2#0"};
        QTest::newRow("mk with a keyless element")
            << "rmix" << QStringList{"c:local#-1", "b:m2#0", "b:m2#1", "b:m2#2"};
        QTest::newRow("plain backend: its keys") << "b:gpt" << QStringList{"b:gpt#0", "b:gpt#1", "b:gpt#2"};
        QTest::newRow("bare model: default backend") << "gpt" << QStringList{"a:gpt#0", "a:gpt#1"};
        QTest::newRow("keyless") << "c:llama3:8b" << QStringList{"c:llama3:8b#-1"};
        QTest::newRow("alternatives") << "c:x|b:y" << QStringList{"c:x#-1", "b:y#0", "b:y#1", "b:y#2"};
        QTest::newRow("alternative naming a route") << "c:x|rm" << QStringList{"c:x#-1", "a:m1#0", "b:m2#0"};
    }

    void plans()
    {
        QFETCH(QString, model);
        QFETCH(QStringList, expected);
        Result<RoutePlan> plan = planRoute(model, Dialect::OpenAIChat, m_config);
        QVERIFY2(plan.ok(), plan.ok() ? "" : qPrintable(plan.error().message));
        QCOMPARE(describe(*plan), expected);
    }

    void routeNameAndPolicyAreReported()
    {
        Result<RoutePlan> plan = planRoute(QStringLiteral("rmk"), Dialect::OpenAIChat, m_config);
        QVERIFY(plan.ok());
        QCOMPARE(plan->route, QStringLiteral("rmk"));
        QCOMPARE(plan->policy, QStringLiteral("mk"));
        QCOMPARE(plan->attempts.at(1).keyAlias(), QStringLiteral("b#1"));
        QCOMPARE(plan->attempts.at(1).apiKey(), QStringLiteral("sk-b-1"));
    }

    void overrides_data()
    {
        QTest::addColumn<QString>("model");
        QTest::addColumn<QString>("oneoff");
        QTest::addColumn<QString>("sessionModel");
        QTest::addColumn<QString>("sessionBackend");
        QTest::addColumn<QStringList>("expected");
        QTest::newRow("oneoff wins over everything") << "a:x" << "c:one" << "b:two" << "b" << QStringList{"c:one#-1"};
        QTest::newRow("session model replaces the client's") << "a:x" << "" << "c:two" << "b" << QStringList{"c:two#-1"};
        QTest::newRow("session model may name a route") << "a:x" << "" << "rm" << "" << QStringList{"a:m1#0", "b:m2#0"};
        QTest::newRow("backend override keeps the model") << "a:x" << "" << "" << "c" << QStringList{"c:x#-1"};
        QTest::newRow("backend override of a bare model") << "gpt" << "" << "" << "c" << QStringList{"c:gpt#-1"};
    }

    void overrides()
    {
        QFETCH(QString, model);
        QFETCH(QString, oneoff);
        QFETCH(QString, sessionModel);
        QFETCH(QString, sessionBackend);
        QFETCH(QStringList, expected);
        RoutingOverrides o;
        o.oneoff = oneoff;
        o.model = sessionModel;
        o.backend = sessionBackend;
        Result<RoutePlan> plan = planRoute(model, Dialect::OpenAIChat, m_config, o);
        QVERIFY2(plan.ok(), plan.ok() ? "" : qPrintable(plan.error().message));
        QCOMPARE(describe(*plan), expected);
    }

    void sessionRouteShadowsConfigRoute()
    {
        RoutingOverrides o;
        o.sessionRoutes.push_back(route(QStringLiteral("rk"), QStringLiteral("m"), {QStringLiteral("c:mine")}));
        o.sessionRoutes.push_back(route(QStringLiteral("only-mine"), QStringLiteral("k"), {QStringLiteral("b:z")}));
        Result<RoutePlan> plan = planRoute(QStringLiteral("rk"), Dialect::OpenAIChat, m_config, o);
        QVERIFY(plan.ok());
        QCOMPARE(describe(*plan), QStringList{"c:mine#-1"});
        plan = planRoute(QStringLiteral("only-mine"), Dialect::OpenAIChat, m_config, o);
        QVERIFY2(plan.ok(), plan.ok() ? "" : qPrintable(plan.error().message));
        QCOMPARE(describe(*plan), (QStringList{"b:z#0", "b:z#1", "b:z#2"}));
    }

    void paramsMerge()
    {
        m_config.routes.push_back(route(QStringLiteral("rp"), QStringLiteral("m"),
                                        {QStringLiteral("a:m1?temperature=0.5"), QStringLiteral("b:m2")}));
        RoutingOverrides o;
        o.params = {qMakePair(QStringLiteral("temperature"), QStringLiteral("0.9")),
                    qMakePair(QStringLiteral("top_p"), QStringLiteral("0.3"))};
        Result<RoutePlan> plan = planRoute(QStringLiteral("rp"), Dialect::OpenAIChat, m_config, o);
        QVERIFY(plan.ok());
        const ModelParams first = plan->attempts.at(0).params;
        const ModelParams second = plan->attempts.at(1).params;
        QCOMPARE(first, (ModelParams{qMakePair(QStringLiteral("temperature"), QStringLiteral("0.5")),
                                     qMakePair(QStringLiteral("top_p"), QStringLiteral("0.3"))}));
        QCOMPARE(second, (ModelParams{qMakePair(QStringLiteral("temperature"), QStringLiteral("0.9")),
                                      qMakePair(QStringLiteral("top_p"), QStringLiteral("0.3"))}));
    }

    void errors_data()
    {
        QTest::addColumn<QString>("model");
        QTest::newRow("unconfigured backend") << "anthropic:x";
        QTest::newRow("empty") << "";
        QTest::newRow("empty alternative") << "a:x||b:y";
    }

    void errors()
    {
        QFETCH(QString, model);
        Result<RoutePlan> plan = planRoute(model, Dialect::OpenAIChat, m_config);
        QVERIFY(!plan.ok());
        QCOMPARE(plan.error().category, ErrorCategory::InvalidRequest);
        QCOMPARE(plan.error().param, QStringLiteral("model"));
    }

    void disabledBackendDropsOutOfItsRoutes()
    {
        m_config.backends[0].enabled = false; // a
        Result<RoutePlan> plan = planRoute(QStringLiteral("rkm"), Dialect::OpenAIChat, m_config);
        QVERIFY2(plan.ok(), plan.ok() ? "" : qPrintable(plan.error().message));
        QCOMPARE(describe(*plan), (QStringList{"b:m2#0", "b:m2#1", "b:m2#2"}));
        plan = planRoute(QStringLiteral("a:x"), Dialect::OpenAIChat, m_config);
        QVERIFY(!plan.ok()); // asked for by name: a clear error
    }

    void nestedRouteIsAnError()
    {
        m_config.routes.push_back(route(QStringLiteral("outer"), QStringLiteral("m"), {QStringLiteral("rk")}));
        Result<RoutePlan> plan = planRoute(QStringLiteral("outer"), Dialect::OpenAIChat, m_config);
        QVERIFY(!plan.ok());
        QVERIFY(plan.error().message.contains(QLatin1String("nest")));
    }

    void coolingKeysAndOpenCircuitsAreSkipped()
    {
        qint64 now = 1000;
        RoutingState state(m_config, [&now] { return now; });
        Error limited = Error::make(ErrorCategory::RateLimited, QStringLiteral("slow down"));
        limited.upstreamStatus = 429;
        limited.retryAfterMs = 5000;
        state.recordFailure(QStringLiteral("a"), 0, limited);
        Result<RoutePlan> plan = planRoute(QStringLiteral("rkm"), Dialect::OpenAIChat, m_config, {}, &state);
        QVERIFY(plan.ok());
        // The cooling key is not dropped: it is the last resort, after everything healthy.
        QCOMPARE(describe(*plan), (QStringList{"a:m1#1", "b:m2#0", "b:m2#1", "b:m2#2", "a:m1#0"}));
        QCOMPARE(plan->skipped, 1);
        QVERIFY(!plan->allSkipped);

        Error down = Error::make(ErrorCategory::Upstream, QStringLiteral("down"));
        down.upstreamStatus = 500;
        for (int i = 0; i < m_config.health.failureThreshold; ++i)
            state.recordFailure(QStringLiteral("b"), 0, down);
        plan = planRoute(QStringLiteral("rmk"), Dialect::OpenAIChat, m_config, {}, &state);
        QVERIFY(plan.ok());
        QCOMPARE(describe(*plan), (QStringList{"a:m1#1", "a:m1#0", "b:m2#0", "b:m2#1", "b:m2#2"}));
        QCOMPARE(plan->skipped, 4);

        // m / ordered take each element's first working key; the open circuit goes last.
        plan = planRoute(QStringLiteral("rord"), Dialect::OpenAIChat, m_config, {}, &state);
        QCOMPARE(describe(*plan), (QStringList{"a:m1#1", "b:m2#0"}));

        now += 5000; // key a#0 is back; b's circuit is still open
        plan = planRoute(QStringLiteral("rmk"), Dialect::OpenAIChat, m_config, {}, &state);
        QCOMPARE(describe(*plan), (QStringList{"a:m1#0", "a:m1#1", "b:m2#0", "b:m2#1", "b:m2#2"}));
    }

    void everythingUnavailableIsTriedAnywaySoonestKeyFirst()
    {
        qint64 now = 1000;
        RoutingState state(m_config, [&now] { return now; });
        Error limited = Error::make(ErrorCategory::RateLimited, QStringLiteral("slow down"));
        limited.upstreamStatus = 429;
        limited.retryAfterMs = 9000;
        state.recordFailure(QStringLiteral("a"), 0, limited);
        limited.retryAfterMs = 2000;
        state.recordFailure(QStringLiteral("a"), 1, limited);
        Result<RoutePlan> plan = planRoute(QStringLiteral("rk"), Dialect::OpenAIChat, m_config, {}, &state);
        QVERIFY(plan.ok());
        QVERIFY(plan->allSkipped);
        QCOMPARE(describe(*plan), (QStringList{"a:m1#1", "a:m1#0"}));
    }
};

QTEST_GUILESS_MAIN(TestRoutePlan)
#include "tst_routeplan.moc"
