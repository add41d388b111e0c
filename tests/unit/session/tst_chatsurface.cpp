// SPDX-License-Identifier: GPL-3.0-or-later
// The session layer on each dialect's body: which text is the user's, what is executed, and the
// exact bytes that remain to be forwarded (only the command line removed, everything else kept).

// GCC 12 at -O2 reports a bogus -Wrestrict inside std::string assignment (GCC bug 105329).
#if defined(__GNUC__) && !defined(__clang__) && __GNUC__ == 12
#pragma GCC diagnostic ignored "-Wrestrict"
#endif

#include "session/sessionmanager.h"

#include "server/httpserver.h"

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include <QTest>

using namespace lip;
using namespace lip::session;

Q_DECLARE_METATYPE(lip::Dialect)

namespace {

config::Config testConfig()
{
    config::Config config;
    config::BackendConfig openai;
    openai.name = openai.type = QStringLiteral("openai");
    openai.baseUrl = QStringLiteral("http://127.0.0.1:9/v1");
    config::BackendConfig anthropic;
    anthropic.name = anthropic.type = QStringLiteral("anthropic");
    anthropic.baseUrl = QStringLiteral("http://127.0.0.1:9");
    config.backends = {openai, anthropic};
    config.defaultBackend = QStringLiteral("openai");
    return config;
}

InboundRequest inboundOf(Dialect dialect, const QByteArray &raw)
{
    InboundRequest inbound;
    inbound.dialect = dialect;
    inbound.rawBody = raw;
    inbound.body = boost::json::parse(raw.toStdString()).as_object();
    inbound.model = "m";
    return inbound;
}

server::HttpRequest requestWithSession(const QByteArray &id)
{
    server::HttpRequest request;
    request.method = "POST";
    request.headers.append(qMakePair(QByteArray("x-session-id"), id));
    return request;
}

} // namespace

class TestChatSurface : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void process_data()
    {
        QTest::addColumn<Dialect>("dialect");
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<bool>("local");        // answered by the proxy
        QTest::addColumn<QString>("command");   // which command ran (empty: none)
        QTest::addColumn<QByteArray>("forwarded"); // the raw body afterwards (when not local)

        // OpenAI Chat
        QTest::newRow("chat only command") << Dialect::OpenAIChat
            << QByteArray(R"J({"model":"m","messages":[{"role":"user","content":"!/hello"}]})J") << true << "hello" << QByteArray();
        QTest::newRow("chat command and text") << Dialect::OpenAIChat
            << QByteArray(R"J({"model":"m", "messages":[{"role":"system","content":"sys"},{"role":"user","content":"Hi there\n!/temperature(0.3)"}],"temperature": 1.0e0})J")
            << false << "temperature"
            << QByteArray(R"J({"model":"m", "messages":[{"role":"system","content":"sys"},{"role":"user","content":"Hi there"}],"temperature": 1.0e0})J");
        QTest::newRow("chat parts") << Dialect::OpenAIChat
            << QByteArray(R"J({"messages":[{"role":"user","content":[{"type":"text","text":"look"},{"type":"image_url","image_url":{"url":"x"}},{"type":"text","text":"!/hello"}]}]})J")
            << false << "hello"
            << QByteArray(R"J({"messages":[{"role":"user","content":[{"type":"text","text":"look"},{"type":"image_url","image_url":{"url":"x"}}]}]})J");
        QTest::newRow("chat tool result last") << Dialect::OpenAIChat
            << QByteArray(R"J({"messages":[{"role":"user","content":"q"},{"role":"assistant","tool_calls":[]},{"role":"tool","tool_call_id":"c","content":"!/hello"}]})J")
            << false << "" << QByteArray(R"J({"messages":[{"role":"user","content":"q"},{"role":"assistant","tool_calls":[]},{"role":"tool","tool_call_id":"c","content":"!/hello"}]})J");
        QTest::newRow("chat system is not user") << Dialect::OpenAIChat
            << QByteArray(R"J({"messages":[{"role":"system","content":"!/hello"}]})J") << false << "" << QByteArray(R"J({"messages":[{"role":"system","content":"!/hello"}]})J");
        QTest::newRow("chat history scrubbed") << Dialect::OpenAIChat
            << QByteArray(R"J({"messages":[{"role":"user","content":"!/model(openai:gpt-4o)"},{"role":"assistant","content":"Set model."},{"role":"user","content":"first\n!/hello"},{"role":"assistant","content":"a"},{"role":"user","content":"now"}]})J")
            << false << ""
            << QByteArray(R"J({"messages":[{"role":"user","content":"first"},{"role":"assistant","content":"a"},{"role":"user","content":"now"}]})J");
        QTest::newRow("chat escaped slash") << Dialect::OpenAIChat
            << QByteArray(R"J({"messages":[{"role":"user","content":"x\n!\/hello"}]})J") << false << "hello"
            << QByteArray(R"J({"messages":[{"role":"user","content":"x"}]})J");
        QTest::newRow("chat code fence") << Dialect::OpenAIChat
            << QByteArray(R"J({"messages":[{"role":"user","content":"```\n!/hello"}]})J") << false << ""
            << QByteArray(R"J({"messages":[{"role":"user","content":"```\n!/hello"}]})J");
        QTest::newRow("chat unknown command") << Dialect::OpenAIChat
            << QByteArray(R"J({"messages":[{"role":"user","content":"text\n!/frobnicate"}]})J") << true << "frobnicate" << QByteArray();

        // Responses
        QTest::newRow("responses string") << Dialect::OpenAIResponses
            << QByteArray(R"J({"model":"m","input":"!/help","instructions":"!/hello"})J") << true << "help" << QByteArray();
        QTest::newRow("responses string and text") << Dialect::OpenAIResponses
            << QByteArray(R"J({"model":"m","input":"Hi\n!/hello","instructions":"x"})J") << false << "hello"
            << QByteArray(R"J({"model":"m","input":"Hi","instructions":"x"})J");
        QTest::newRow("responses items") << Dialect::OpenAIResponses
            << QByteArray(R"J({"input":[{"role":"user","content":[{"type":"input_text","text":"Hi"},{"type":"input_text","text":"!/hello"}]}]})J")
            << false << "hello" << QByteArray(R"J({"input":[{"role":"user","content":[{"type":"input_text","text":"Hi"}]}]})J");
        QTest::newRow("responses instructions only") << Dialect::OpenAIResponses
            << QByteArray(R"J({"input":"hi","instructions":"!/hello"})J") << false << ""
            << QByteArray(R"J({"input":"hi","instructions":"!/hello"})J");
        QTest::newRow("responses function output") << Dialect::OpenAIResponses
            << QByteArray(R"J({"input":[{"type":"function_call_output","call_id":"c","output":"!/hello"}]})J") << false << ""
            << QByteArray(R"J({"input":[{"type":"function_call_output","call_id":"c","output":"!/hello"}]})J");

        // Anthropic
        QTest::newRow("anthropic blocks") << Dialect::Anthropic
            << QByteArray(R"J({"model":"m","max_tokens":5,"messages":[{"role":"user","content":[{"type":"text","text":"Hi","cache_control":{"type":"ephemeral"}},{"type":"text","text":"!/hello"}]}]})J")
            << false << "hello"
            << QByteArray(R"J({"model":"m","max_tokens":5,"messages":[{"role":"user","content":[{"type":"text","text":"Hi","cache_control":{"type":"ephemeral"}}]}]})J");
        QTest::newRow("anthropic only command") << Dialect::Anthropic
            << QByteArray(R"J({"messages":[{"role":"user","content":[{"type":"text","text":"  !/session  "}]}]})J") << true << "session" << QByteArray();
        QTest::newRow("anthropic tool_result only") << Dialect::Anthropic
            << QByteArray(R"J({"messages":[{"role":"user","content":[{"type":"tool_result","tool_use_id":"t","content":"!/hello"}]}]})J")
            << false << "" << QByteArray(R"J({"messages":[{"role":"user","content":[{"type":"tool_result","tool_use_id":"t","content":"!/hello"}]}]})J");

        // Gemini
        QTest::newRow("gemini parts") << Dialect::Gemini
            << QByteArray(R"J({"contents":[{"role":"user","parts":[{"text":"Hi\n!/hello"}]}],"generationConfig":{"temperature":0.20}})J")
            << false << "hello" << QByteArray(R"J({"contents":[{"role":"user","parts":[{"text":"Hi"}]}],"generationConfig":{"temperature":0.20}})J");
        QTest::newRow("gemini only command") << Dialect::Gemini
            << QByteArray(R"J({"contents":[{"parts":[{"text":"!/help(set)"}]}]})J") << true << "help" << QByteArray();
        QTest::newRow("gemini function response") << Dialect::Gemini
            << QByteArray(R"J({"contents":[{"role":"user","parts":[{"functionResponse":{"name":"f","response":{"r":"!/hello"}}}]}]})J")
            << false << "" << QByteArray(R"J({"contents":[{"role":"user","parts":[{"functionResponse":{"name":"f","response":{"r":"!/hello"}}}]}]})J");
        QTest::newRow("gemini history") << Dialect::Gemini
            << QByteArray(R"J({"contents":[{"role":"user","parts":[{"text":"!/hello"}]},{"role":"model","parts":[{"text":"Hello!"}]},{"role":"user","parts":[{"text":"go"}]}]})J")
            << false << "" << QByteArray(R"J({"contents":[{"role":"user","parts":[{"text":"go"}]}]})J");
    }
    void process()
    {
        QFETCH(Dialect, dialect);
        QFETCH(QByteArray, body);
        QFETCH(bool, local);
        QFETCH(QString, command);
        QFETCH(QByteArray, forwarded);
        const config::Config config = testConfig();
        SessionManager manager(config, QString());
        InboundRequest inbound = inboundOf(dialect, body);
        const Decision decision = manager.process(inbound, requestWithSession("s1"));
        QCOMPARE(decision.session, QStringLiteral("s1"));
        QCOMPARE(decision.command, command);
        QCOMPARE(decision.answerLocally, local);
        if (local) {
            QVERIFY(!decision.replyText.isEmpty());
            return;
        }
        QCOMPARE(inbound.rawBody, forwarded);
        // The parsed body says the same as the raw bytes.
        QCOMPARE(boost::json::serialize(inbound.body), boost::json::serialize(boost::json::parse(forwarded.toStdString())));
    }

    void disabledLeavesTextUntouched()
    {
        config::Config config = testConfig();
        config.interactiveCommands = false;
        SessionManager manager(config, QString());
        const QByteArray body = R"J({"messages":[{"role":"user","content":"!/hello"}]})J";
        InboundRequest inbound = inboundOf(Dialect::OpenAIChat, body);
        const Decision decision = manager.process(inbound, requestWithSession("s"));
        QVERIFY(!decision.answerLocally);
        QCOMPARE(inbound.rawBody, body);
    }

    void oneoffIsHandedOutOnce()
    {
        const config::Config config = testConfig();
        SessionManager manager(config, QString());
        InboundRequest first = inboundOf(Dialect::OpenAIChat, R"J({"messages":[{"role":"user","content":"!/oneoff(anthropic:claude-x)"}]})J");
        QVERIFY(manager.process(first, requestWithSession("s")).answerLocally);
        InboundRequest second = inboundOf(Dialect::OpenAIChat, R"J({"messages":[{"role":"user","content":"a"}]})J");
        QCOMPARE(manager.process(second, requestWithSession("s")).overrides.oneoff, QStringLiteral("anthropic:claude-x"));
        InboundRequest third = inboundOf(Dialect::OpenAIChat, R"J({"messages":[{"role":"user","content":"b"}]})J");
        QVERIFY(manager.process(third, requestWithSession("s")).overrides.oneoff.isEmpty());
        // With text in the same message: this very request is the one.
        InboundRequest both = inboundOf(Dialect::OpenAIChat, R"J({"messages":[{"role":"user","content":"c\n!/oneoff(openai:gpt-x)"}]})J");
        QCOMPARE(manager.process(both, requestWithSession("s")).overrides.oneoff, QStringLiteral("openai:gpt-x"));
        InboundRequest after = inboundOf(Dialect::OpenAIChat, R"J({"messages":[{"role":"user","content":"d"}]})J");
        QVERIFY(manager.process(after, requestWithSession("s")).overrides.oneoff.isEmpty());
    }

    void prefixChangeApplies()
    {
        const config::Config config = testConfig();
        SessionManager manager(config, QString());
        InboundRequest set = inboundOf(Dialect::OpenAIChat, R"J({"messages":[{"role":"user","content":"!/set(command-prefix=##)"}]})J");
        QVERIFY(manager.process(set, requestWithSession("p")).answerLocally);
        InboundRequest old = inboundOf(Dialect::OpenAIChat, R"J({"messages":[{"role":"user","content":"!/hello"}]})J");
        QVERIFY(!manager.process(old, requestWithSession("p")).answerLocally);
        InboundRequest now = inboundOf(Dialect::OpenAIChat, R"J({"messages":[{"role":"user","content":"##hello"}]})J");
        QVERIFY(manager.process(now, requestWithSession("p")).answerLocally);
    }

    void identity_data()
    {
        QTest::addColumn<Dialect>("dialect");
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<QString>("expected"); // "fp" for a fingerprint
        QTest::newRow("claude code json") << Dialect::Anthropic
            << QByteArray("{\"metadata\":{\"user_id\":\"{\\\"device_id\\\":\\\"d\\\",\\\"session_id\\\":\\\"abc-123\\\"}\"},"
                          "\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}")
            << "anthropic:abc-123";
        QTest::newRow("claude code legacy") << Dialect::Anthropic
            << QByteArray(R"J({"metadata":{"user_id":"user_1_account_2_session_9f9"},"messages":[{"role":"user","content":"x"}]})J")
            << "anthropic:9f9";
        QTest::newRow("prompt cache key") << Dialect::OpenAIResponses << QByteArray(R"J({"prompt_cache_key":"k1","input":"x"})J") << "responses:k1";
        QTest::newRow("chat user") << Dialect::OpenAIChat << QByteArray(R"J({"user":"u7","messages":[{"role":"user","content":"x"}]})J") << "openai:u7";
        QTest::newRow("chat metadata") << Dialect::OpenAIChat
            << QByteArray(R"J({"user":"u7","metadata":{"session_id":"m1"},"messages":[{"role":"user","content":"x"}]})J") << "openai:m1";
        QTest::newRow("gemini fingerprint") << Dialect::Gemini << QByteArray(R"J({"contents":[{"parts":[{"text":"x"}]}]})J") << "fp";
    }
    void identity()
    {
        QFETCH(Dialect, dialect);
        QFETCH(QByteArray, body);
        QFETCH(QString, expected);
        const config::Config config = testConfig();
        SessionManager manager(config, QString());
        InboundRequest inbound = inboundOf(dialect, body);
        server::HttpRequest request;
        request.headers.append(qMakePair(QByteArray("authorization"), QByteArray("Bearer proxy-key-1")));
        const QString id = manager.process(inbound, request).session;
        if (expected == QLatin1String("fp")) {
            QVERIFY(id.startsWith(QLatin1String("fp-")));
            QVERIFY(!id.contains(QLatin1String("proxy-key")));
            // Same key and first message: same session; another key: another one.
            InboundRequest again = inboundOf(dialect, body);
            QCOMPARE(manager.process(again, request).session, id);
            server::HttpRequest other;
            other.headers.append(qMakePair(QByteArray("authorization"), QByteArray("Bearer proxy-key-2")));
            InboundRequest third = inboundOf(dialect, body);
            QVERIFY(manager.process(third, other).session != id);
        } else {
            QCOMPARE(id, expected);
        }
    }
};

QTEST_GUILESS_MAIN(TestChatSurface)
#include "tst_chatsurface.moc"
