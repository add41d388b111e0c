// SPDX-License-Identifier: GPL-3.0-or-later
// The hybrid backend against a fake OpenAI-compatible provider serving both phases over real
// sockets: what the client sees (event order, indices, thinking then answer, summed usage), what
// each model is asked, errors before and after the first event, and abort on destruction.

#include "backends/http/upstreamclient.h"
#include "backends/hybrid/hybridprompts.h"
#include "backends/hybrid/hybridrun.h"
#include "fakeprovider.h"
#include "hybridfixtures.h"

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include <QTest>

using namespace lip;
using lip::test::FakeProvider;
using lip::test::FakeReply;
using lip::test::FakeRequest;
namespace bj = boost::json;

using namespace lip::test::hybridfixtures;

class TestHybrid : public QObject
{
    Q_OBJECT

private:
    FakeProvider *m_fake = nullptr;
    upstream::UpstreamPool *m_pool = nullptr;
    config::Config m_config;
    QList<FakeReply> m_reasoningReplies;
    QList<FakeReply> m_executionReplies;

    const config::BackendConfig &hybridBackend() const { return *m_config.backend(QStringLiteral("smart")); }

    std::unique_ptr<hybrid::HybridRun> run(Recorder &rec, canon::Request request = clientRequest())
    {
        hybrid::HybridEnv env;
        env.config = &m_config;
        env.pool = m_pool;
        return hybrid::startHybrid(hybridBackend(), std::move(request), env, rec.callbacks());
    }

    FakeRequest requestFor(const QByteArray &model) const
    {
        const QList<FakeRequest> all = m_fake->requests();
        for (const FakeRequest &r : all) {
            if (modelOf(r) == model)
                return r;
        }
        return {};
    }

private slots:
    void init()
    {
        m_fake = new FakeProvider(this);
        QVERIFY(m_fake->listen());
        m_pool = new upstream::UpstreamPool(this);
        m_config = config::Config{};
        config::BackendConfig fake;
        fake.name = QStringLiteral("fake");
        fake.type = QStringLiteral("openai");
        fake.baseUrl = m_fake->baseUrl().toString() + QStringLiteral("/v1");
        fake.apiKeys = {QStringLiteral("sk-test-key-123456")};
        m_config.backends.push_back(fake);
        config::BackendConfig smart;
        smart.name = QStringLiteral("smart");
        smart.type = QStringLiteral("hybrid");
        smart.reasoningModel = QStringLiteral("fake:reasoner");
        smart.executionModel = QStringLiteral("fake:executor");
        smart.reasoningMaxTokens = 1000;
        m_config.backends.push_back(smart);
        m_config.defaultBackend = QStringLiteral("fake");
        m_reasoningReplies.clear();
        m_executionReplies.clear();
        m_fake->setHandler([this](const FakeRequest &request) {
            QList<FakeReply> &queue = modelOf(request) == "reasoner" ? m_reasoningReplies : m_executionReplies;
            return queue.isEmpty() ? FakeReply::error(500, "no reply queued") : queue.takeFirst();
        });
    }

    void cleanup()
    {
        delete m_pool;
        m_pool = nullptr;
        delete m_fake;
        m_fake = nullptr;
    }

    void thinkingThenAnswer()
    {
        m_reasoningReplies << FakeReply::sse(thinkingStream({"Need ", "the weather tool."}, "It is sunny"));
        m_executionReplies << FakeReply::sse(FakeProvider::openAIChatStream("executor", {"Hello", " world"}, true, 10, 5));
        Recorder rec;
        auto hybridRun = run(rec);
        QTRY_COMPARE(rec.doneCount, 1);
        QVERIFY2(!rec.error.isError(), qPrintable(rec.error.message));
        // The reasoning model answered after thinking: that answer is cut, its usage never came.
        const QStringList expected = {
            "start", "open 0 thinking", "think 0 Need ", "think 0 the weather tool.", "close 0",
            "open 1 text", "text 1 Hello", "text 1  world", "close 1",
            "usage in=10 out=5 reasoning=0", "finish end_turn",
        };
        QCOMPARE(describe(rec.events), expected);

        // What each model was asked.
        const bj::object reasoning = bodyOf(requestFor("reasoner"));
        QVERIFY(!reasoning.contains("tools"));
        QCOMPARE(reasoning.at("max_tokens").as_int64(), 1000);
        const std::string reasoningSystem(reasoning.at("messages").as_array().at(0).as_object().at("content").as_string());
        QVERIFY(reasoningSystem.find("Be brief.") == 0);
        QVERIFY(reasoningSystem.find("- get_weather: Current weather for a city") != std::string::npos);
        const bj::object execution = bodyOf(requestFor("executor"));
        QVERIFY(execution.contains("tools"));
        const std::string executionSystem(execution.at("messages").as_array().at(0).as_object().at("content").as_string());
        QVERIFY(executionSystem.find("Be brief.") == 0);
        QVERIFY2(executionSystem.find("<reasoning>\nNeed the weather tool.\n</reasoning>") != std::string::npos,
                 executionSystem.c_str());
        QVERIFY(executionSystem.find("It is sunny") == std::string::npos);
        QCOMPARE(requestFor("executor").header("authorization"), QByteArray("Bearer sk-test-key-123456"));
    }

    void textReasoningAndToolCall()
    {
        // A model without separate thinking: its text is the reasoning. Usage of both phases is summed.
        m_reasoningReplies << FakeReply::sse(FakeProvider::openAIChatStream("reasoner", {"Call ", "get_weather."}, true, 7, 4));
        m_executionReplies << FakeReply::sse(toolCallStream());
        Recorder rec;
        auto hybridRun = run(rec);
        QTRY_COMPARE(rec.doneCount, 1);
        QVERIFY2(!rec.error.isError(), qPrintable(rec.error.message));
        const QStringList expected = {
            "start", "open 0 thinking", "think 0 Call ", "think 0 get_weather.", "close 0",
            "open 1 tool get_weather", "args 1 {\"city\":\"Paris\"}", "close 1",
            "usage in=27 out=10 reasoning=4", "finish tool_use",
        };
        QCOMPARE(describe(rec.events), expected);
    }

    void emptyReasoningStartsAtIndexZero()
    {
        m_reasoningReplies << FakeReply::sse(FakeProvider::openAIChatStream("reasoner", {}, false));
        m_executionReplies << FakeReply::sse(FakeProvider::openAIChatStream("executor", {"Hi"}, true, 3, 1));
        Recorder rec;
        auto hybridRun = run(rec);
        QTRY_COMPARE(rec.doneCount, 1);
        QVERIFY(!rec.error.isError());
        const QStringList expected = {"start", "open 0 text", "text 0 Hi", "close 0", "usage in=3 out=1 reasoning=0", "finish end_turn"};
        QCOMPARE(describe(rec.events), expected);
        const std::string system(bodyOf(requestFor("executor")).at("messages").as_array().at(0).as_object().at("content").as_string());
        QVERIFY(system.find("<reasoning>") == std::string::npos);
    }

    void reasoningCappedAtMaxTokens()
    {
        m_config.backends[1].reasoningMaxTokens = 2; // 8 bytes of reasoning at most
        m_reasoningReplies << FakeReply::sse(thinkingStream({"0123", "456\u00e989"}));
        m_executionReplies << FakeReply::sse(FakeProvider::openAIChatStream("executor", {"ok"}));
        Recorder rec;
        auto hybridRun = run(rec);
        QTRY_COMPARE(rec.doneCount, 1);
        QVERIFY(!rec.error.isError());
        const QStringList head = describe(rec.events).mid(0, 5);
        QCOMPARE(head, (QStringList{"start", "open 0 thinking", "think 0 0123", "think 0 456", "close 0"}));
        QCOMPARE(bodyOf(requestFor("reasoner")).at("max_tokens").as_int64(), 2);
        const std::string system(bodyOf(requestFor("executor")).at("messages").as_array().at(0).as_object().at("content").as_string());
        QVERIFY(system.find("<reasoning>\n0123456\n</reasoning>") != std::string::npos);
    }

    void errorBeforeFirstEvent_data()
    {
        QTest::addColumn<int>("status");
        QTest::addColumn<QString>("reasoningSelector");
        QTest::addColumn<int>("category");
        QTest::newRow("reasoning 429") << 429 << "fake:reasoner" << int(ErrorCategory::RateLimited);
        QTest::newRow("reasoning 500") << 500 << "fake:reasoner" << int(ErrorCategory::Upstream);
        QTest::newRow("reasoning 401") << 401 << "fake:reasoner" << int(ErrorCategory::Authentication);
        QTest::newRow("backend not configured") << 0 << "anthropic:claude" << -1;
        QTest::newRow("hybrid in hybrid") << 0 << "smart:x" << int(ErrorCategory::Unsupported);
        QTest::newRow("not configured") << 0 << "" << int(ErrorCategory::Unsupported);
    }

    void errorBeforeFirstEvent()
    {
        QFETCH(int, status);
        QFETCH(QString, reasoningSelector);
        QFETCH(int, category);
        m_config.backends[1].reasoningModel = reasoningSelector;
        if (status)
            m_reasoningReplies << FakeReply::error(status, "provider says no");
        Recorder rec;
        auto hybridRun = run(rec);
        QCOMPARE(rec.doneCount, 0); // never called back before the caller holds the run
        QTRY_COMPARE(rec.doneCount, 1);
        QVERIFY(rec.error.isError());
        QVERIFY(!rec.eventsBeforeDone); // nothing reached the client: the caller may fail over
        QVERIFY(rec.events.empty());
        if (category >= 0)
            QCOMPARE(int(rec.error.category), category);
        if (status) {
            QCOMPARE(rec.error.upstreamStatus, status);
            QVERIFY2(rec.error.message.contains(QStringLiteral("provider says no")), qPrintable(rec.error.message));
        }
        QVERIFY(!rec.error.message.contains(QStringLiteral("sk-test-key")));
        QCOMPARE(m_fake->requestCount(), status ? 1 : 0);
    }

    void errorAfterEvents_data()
    {
        QTest::addColumn<bool>("failReasoning");
        QTest::newRow("execution answers 503") << false;
        QTest::newRow("reasoning stream cut") << true;
    }

    void errorAfterEvents()
    {
        QFETCH(bool, failReasoning);
        if (failReasoning) {
            FakeReply cut = FakeReply::sse(thinkingStream({"half a thought"}));
            cut.dropAfter = 1;
            m_reasoningReplies << cut;
        } else {
            m_reasoningReplies << FakeReply::sse(thinkingStream({"a thought"}));
            m_executionReplies << FakeReply::error(503, "overloaded");
        }
        Recorder rec;
        auto hybridRun = run(rec);
        QTRY_COMPARE(rec.doneCount, 1);
        QVERIFY(rec.error.isError());
        QVERIFY(rec.eventsBeforeDone); // an in-stream failure for the caller
        const QStringList seen = describe(rec.events);
        QCOMPARE(seen.value(0), QStringLiteral("start"));
        QCOMPARE(seen.value(1), QStringLiteral("open 0 thinking"));
        QVERIFY(!seen.contains(QStringLiteral("finish end_turn")));
        if (!failReasoning)
            QCOMPARE(int(rec.error.category), int(ErrorCategory::Overloaded));
        QCOMPARE(m_fake->requestCount(), failReasoning ? 1 : 2);
    }

    void abortOnDestruction_data()
    {
        QTest::addColumn<bool>("inExecution");
        QTest::newRow("during reasoning") << false;
        QTest::newRow("during execution") << true;
    }

    void abortOnDestruction()
    {
        QFETCH(bool, inExecution);
        const int gate = m_fake->newGate();
        if (inExecution) {
            m_reasoningReplies << FakeReply::sse(thinkingStream({"plan"}));
            m_executionReplies << FakeReply::sse(FakeProvider::openAIChatStream("executor", {"a", "b", "c"}), gate);
        } else {
            m_reasoningReplies << FakeReply::sse(thinkingStream({"one", "two", "three"}), gate);
        }
        Recorder rec;
        auto hybridRun = run(rec);
        m_fake->stepGate(gate, 2);
        if (inExecution) {
            QTRY_VERIFY(describe(rec.events).contains(QStringLiteral("close 0")));
            // The thinking block can close before the execution request reaches the provider:
            // wait for that request, not just for "one request in flight" (which the finishing
            // reasoning request could still be).
            QTRY_COMPARE(m_fake->requestCount(), 2);
        } else {
            QTRY_VERIFY(describe(rec.events).contains(QStringLiteral("think 0 one")));
        }
        QTRY_COMPARE(m_fake->inFlight(), 1);
        const int callsBefore = rec.eventCalls;
        hybridRun.reset();
        QTRY_COMPARE(m_fake->disconnectsMidStream(), 1); // the provider saw us go
        m_fake->openGate(gate);
        QTRY_COMPARE(m_fake->inFlight(), 0);
        QCOMPARE(rec.eventCalls, callsBefore);
        QCOMPARE(rec.doneCount, 0);
    }

    void destroyedBeforeStart()
    {
        Recorder rec;
        auto hybridRun = run(rec);
        hybridRun.reset();
        QTest::qWait(0); // the deferred start would run on this turn
        QCoreApplication::processEvents();
        QCOMPARE(m_fake->requestCount(), 0);
        QCOMPARE(rec.doneCount, 0);
    }

    // ---- prompts --------------------------------------------------------------------------------

    void reasoningPromptRewritesToolTraffic()
    {
        canon::Request client = clientRequest();
        client.responseFormat.kind = canon::ResponseFormat::Kind::JsonObject;
        client.reasoning.effort = "high";
        canon::Message assistant;
        assistant.role = canon::Role::Assistant;
        canon::ContentBlock thinking;
        thinking.kind = canon::BlockKind::Thinking;
        thinking.text = "old thought";
        assistant.content.push_back(thinking);
        canon::ContentBlock call;
        call.kind = canon::BlockKind::ToolUse;
        call.toolId = "call_9";
        call.toolName = "get_weather";
        call.input = bj::parse(R"({"city":"Paris"})");
        assistant.content.push_back(call);
        client.messages.push_back(assistant);
        canon::Message user;
        canon::ContentBlock result;
        result.kind = canon::BlockKind::ToolResult;
        result.toolId = "call_9";
        canon::ContentBlock resultText;
        resultText.text = "sunny";
        result.content.push_back(resultText);
        user.content.push_back(result);
        client.messages.push_back(user);

        const canon::Request r = hybrid::reasoningRequest(client, 300);
        QVERIFY(r.tools.empty());
        QVERIFY(!r.toolChoice.specified);
        QCOMPARE(int(r.responseFormat.kind), int(canon::ResponseFormat::Kind::Text));
        QVERIFY(r.reasoning.effort.empty());
        QCOMPARE(r.sampling.maxTokens.value_or(0), 300);
        QVERIFY(r.stream);
        QCOMPARE(r.messages.size(), size_t(3));
        QCOMPARE(r.messages[1].content.size(), size_t(1));
        QCOMPARE(QString::fromStdString(r.messages[1].content[0].text),
                 QStringLiteral("[called tool get_weather (call call_9) with arguments {\"city\":\"Paris\"}]"));
        QCOMPARE(QString::fromStdString(r.messages[2].content[0].text),
                 QStringLiteral("[result of tool get_weather (call call_9):\nsunny]"));
        for (const canon::Message &m : r.messages) {
            for (const canon::ContentBlock &b : m.content)
                QCOMPARE(int(b.kind), int(canon::BlockKind::Text));
        }
        QCOMPARE(r.system.size(), size_t(2));

        const canon::Request e = hybrid::executionRequest(client, "think hard");
        QCOMPARE(e.tools.size(), size_t(1));
        QVERIFY(e.reasoning.effort.empty());
        QCOMPARE(int(e.responseFormat.kind), int(canon::ResponseFormat::Kind::JsonObject));
        QCOMPARE(e.messages[1].content.size(), size_t(1)); // the old thinking is gone, the call stays
        QCOMPARE(int(e.messages[1].content[0].kind), int(canon::BlockKind::ToolUse));
        QVERIFY(e.system.back().text.find("<reasoning>\nthink hard\n</reasoning>") != std::string::npos);
    }
};

QTEST_GUILESS_MAIN(TestHybrid)
#include "tst_hybrid.moc"
