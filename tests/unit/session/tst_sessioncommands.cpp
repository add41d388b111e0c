// SPDX-License-Identifier: GPL-3.0-or-later
// Each command's effect on the session, and that a failing command changes nothing.

#include "session/commands.h"

#include <QTest>

using namespace lip;
using namespace lip::session;

namespace {

config::Config testConfig()
{
    config::Config config;
    for (const char *name : {"openai", "anthropic", "gemini"}) {
        config::BackendConfig b;
        b.name = b.type = QString::fromLatin1(name);
        b.baseUrl = QStringLiteral("http://127.0.0.1:9");
        config.backends.push_back(b);
    }
    config.defaultBackend = QStringLiteral("openai");
    config::RouteConfig route;
    route.name = QStringLiteral("cfg-route");
    route.elements = {QStringLiteral("openai:gpt-4o")};
    config.routes.push_back(route);
    return config;
}

CommandResult run(SessionState &state, const QString &line)
{
    const std::optional<CommandMatch> match = findCommand(line.toStdString(), "!/");
    if (!match)
        return {false, QStringLiteral("<not a command>")};
    return executeCommand(match->command, state, testConfig(), QStringLiteral("!/"));
}

} // namespace

class TestSessionCommands : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void commands_data()
    {
        QTest::addColumn<QString>("line");
        QTest::addColumn<bool>("ok");
        QTest::addColumn<QString>("replyContains");

        QTest::newRow("help") << "!/help" << true << "create-failover-route";
        QTest::newRow("help set") << "!/help set" << true << "reasoning-effort";
        QTest::newRow("help(oneoff)") << "!/help(oneoff)" << true << "next forwarded request";
        QTest::newRow("help unknown") << "!/help(nope)" << false << "No command";
        QTest::newRow("hello") << "!/hello" << true << "Hello";
        QTest::newRow("session") << "!/session" << true << "tokens in/out";
        QTest::newRow("unknown") << "!/frob" << false << "Unknown command";
        QTest::newRow("set model") << "!/set(model=anthropic:claude-x)" << true << "model = anthropic:claude-x";
        QTest::newRow("set model slash form") << "!/set(model=anthropic/claude-x)" << true << "model";
        QTest::newRow("set bad backend model") << "!/set(model=openai.7:x)" << false << "Nothing changed";
        QTest::newRow("set unknown key") << "!/set(colour=blue)" << false << "unknown key";
        QTest::newRow("set not pair") << "!/set(blue)" << false << "Usage";
        QTest::newRow("set temperature range") << "!/set(temperature=3)" << false << "0 to 2";
        QTest::newRow("set effort") << "!/set(reasoning-effort=HIGH)" << true << "reasoning-effort";
        QTest::newRow("set effort bad") << "!/set(reasoning_effort=extreme)" << false << "minimal, low, medium, high";
        QTest::newRow("set budget bad") << "!/set(thinking-budget=-5)" << false << "whole number";
        QTest::newRow("set prefix bad") << "!/set(command-prefix=ab)" << false << "must not contain letters";
        QTest::newRow("set flags") << "!/set(loop-detection=off, interactive-mode=on)" << true << "loop-detection";
        QTest::newRow("set flag bad") << "!/set(loop-detection=maybe)" << false << "on or off";
        QTest::newRow("backend") << "!/backend(gemini)" << true << "backend = gemini";
        QTest::newRow("backend unknown") << "!/backend(nosuch)" << false << "configured backends: openai, anthropic, gemini";
        QTest::newRow("model") << "!/model(openai:gpt-4o)" << true << "model";
        QTest::newRow("model config route") << "!/model(cfg-route)" << true << "cfg-route";
        QTest::newRow("model no arg") << "!/model" << false << "Usage";
        QTest::newRow("temperature") << "!/temperature(0.7)" << true << "0.7";
        QTest::newRow("temperature nan") << "!/temperature(hot)" << false << "number";
        QTest::newRow("oneoff") << "!/oneoff(anthropic:claude-x)" << true << "once";
        QTest::newRow("oneoff bad") << "!/oneoff(openai.7:x)" << false << "Nothing changed";
        QTest::newRow("pwd") << "!/pwd" << true << "No project";
        QTest::newRow("project set") << "!/project(alpha)" << true << "Project: alpha";
        QTest::newRow("create route") << "!/create-failover-route(name=r1, policy=m)" << true << "Created route";
        QTest::newRow("create route bad policy") << "!/create-failover-route(name=r1, policy=x)" << false << "k, m, km or mk";
        QTest::newRow("create route bad name") << "!/create-failover-route(name=a b)" << false << "route name";
        QTest::newRow("create route backend name") << "!/create-failover-route(name=openai)" << false << "backend name";
        QTest::newRow("append to missing") << "!/route-append(name=zz, openai:gpt-4o)" << false << "no session route";
        QTest::newRow("list routes") << "!/list-failover-routes" << true << "cfg-route";
        QTest::newRow("route-list config") << "!/route-list(name=cfg-route)" << true << "openai:gpt-4o";
        QTest::newRow("delete config route") << "!/delete-failover-route(name=cfg-route)" << false << "config file";
        QTest::newRow("unset") << "!/unset(model, temperature)" << true << "Cleared model, temperature";
        QTest::newRow("unset unknown") << "!/unset(colour)" << false << "unknown key";
        QTest::newRow("unbalanced quote") << "!/set(project=\"x)" << false << "quote";
    }
    void commands()
    {
        QFETCH(QString, line);
        QFETCH(bool, ok);
        QFETCH(QString, replyContains);
        SessionState state;
        state.id = QStringLiteral("s");
        const SessionState before = state;
        const CommandResult result = run(state, line);
        QVERIFY2(result.text.contains(replyContains), qPrintable(result.text));
        QCOMPARE(result.ok, ok);
        if (!ok) {
            // Nothing changed.
            QCOMPARE(state.model, before.model);
            QCOMPARE(state.backend, before.backend);
            QCOMPARE(state.temperature, before.temperature);
            QCOMPARE(state.routes.size(), before.routes.size());
            QCOMPARE(state.oneoff, before.oneoff);
        }
    }

    void overridesFollowTheState()
    {
        SessionState state;
        QVERIFY(run(state, QStringLiteral("!/set(model=anthropic:claude-x, temperature=0.2, reasoning-effort=high, thinking-budget=2048)")).ok);
        QVERIFY(run(state, QStringLiteral("!/backend(gemini)")).ok);
        const routing::RoutingOverrides o = state.overrides();
        QCOMPARE(o.model, QStringLiteral("anthropic:claude-x"));
        QCOMPARE(o.backend, QStringLiteral("gemini"));
        const QList<QPair<QString, QString>> expected = {
            qMakePair(QStringLiteral("temperature"), QStringLiteral("0.2")),
            qMakePair(QStringLiteral("reasoning_effort"), QStringLiteral("high")),
            qMakePair(QStringLiteral("thinking_budget"), QStringLiteral("2048")),
        };
        QCOMPARE(o.params, expected);
        QVERIFY(run(state, QStringLiteral("!/unset(temperature, backend)")).ok);
        QCOMPARE(state.overrides().params.size(), 2);
        QVERIFY(state.overrides().backend.isEmpty());
    }

    void setIsAllOrNothing()
    {
        SessionState state;
        QVERIFY(!run(state, QStringLiteral("!/set(temperature=0.5, model=openai.7:x)")).ok);
        QVERIFY(state.temperature.isEmpty());
    }

    void routeLifecycle()
    {
        SessionState state;
        QVERIFY(run(state, QStringLiteral("!/create-failover-route(name=fast, policy=k)")).ok);
        QVERIFY(!run(state, QStringLiteral("!/create-failover-route(name=fast)")).ok); // exists
        QVERIFY(run(state, QStringLiteral("!/route-append(name=fast, openai:gpt-4o, anthropic:claude-x)")).ok);
        QVERIFY(run(state, QStringLiteral("!/route-prepend(name=fast, gemini:gemini-2.5-pro)")).ok);
        QVERIFY(!run(state, QStringLiteral("!/route-append(name=fast, openai.7:model)")).ok);
        QCOMPARE(state.routes.size(), size_t(1));
        QCOMPARE(state.routes[0].elements,
                 QStringList({QStringLiteral("gemini:gemini-2.5-pro"), QStringLiteral("openai:gpt-4o"), QStringLiteral("anthropic:claude-x")}));
        QCOMPARE(state.routes[0].policy, QStringLiteral("k"));
        // The route is a valid model for this session.
        QVERIFY(run(state, QStringLiteral("!/model(fast)")).ok);
        QCOMPARE(state.overrides().sessionRoutes.size(), size_t(1));
        const CommandResult list = run(state, QStringLiteral("!/route-list(name=fast)"));
        QVERIFY2(list.text.contains(QLatin1String("gemini:gemini-2.5-pro, openai:gpt-4o, anthropic:claude-x")), qPrintable(list.text));
        QVERIFY(run(state, QStringLiteral("!/route-clear(name=fast)")).ok);
        QVERIFY(state.routes[0].elements.isEmpty());
        QVERIFY(run(state, QStringLiteral("!/delete-failover-route(name=fast)")).ok);
        QVERIFY(state.routes.empty());
        // Another session has its own routes: a fresh state knows none.
        SessionState other;
        QVERIFY(!run(other, QStringLiteral("!/route-list(name=fast)")).ok);
    }
};

QTEST_GUILESS_MAIN(TestSessionCommands)
#include "tst_sessioncommands.moc"
