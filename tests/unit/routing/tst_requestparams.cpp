// SPDX-License-Identifier: GPL-3.0-or-later
// URI model parameters ("model?temperature=0.2") merged into a request: into the canonical
// request on the translated path, and spliced into the client's own body (every other byte kept)
// on the same-dialect path, in each dialect's own spelling.

#include "routing/requestparams.h"

#include <QTest>

using namespace lip;
using routing::ModelParams;

namespace {

ModelParams params(std::initializer_list<std::pair<const char *, const char *>> items)
{
    ModelParams out;
    for (const auto &[k, v] : items)
        out.append(qMakePair(QString::fromLatin1(k), QString::fromLatin1(v)));
    return out;
}

} // namespace

class TstRequestParams : public QObject
{
    Q_OBJECT

private slots:
    void canonical()
    {
        canon::Request r;
        r.reasoning.budgetTokens = 500; // the client's own: the effort parameter replaces it
        const auto error = routing::applyParams(params({{"temperature", "0.2"}, {"top_p", "0.9"}, {"top_k", "40"},
                                                        {"max_tokens", "1000"}, {"seed", "-7"},
                                                        {"presence_penalty", "-1.5"}, {"frequency_penalty", "2"},
                                                        {"reasoning_effort", "HIGH"}}),
                                                r);
        QVERIFY2(!error, qPrintable(error ? error->message : QString()));
        QCOMPARE(*r.sampling.temperature, 0.2);
        QCOMPARE(*r.sampling.topP, 0.9);
        QCOMPARE(*r.sampling.topK, int64_t(40));
        QCOMPARE(*r.sampling.maxTokens, int64_t(1000));
        QCOMPARE(*r.sampling.seed, int64_t(-7));
        QCOMPARE(*r.sampling.presencePenalty, -1.5);
        QCOMPARE(*r.sampling.frequencyPenalty, 2.0);
        QCOMPARE(r.reasoning.effort, std::string("high"));
        QVERIFY(!r.reasoning.budgetTokens);
        QVERIFY(r.reasoning.enabled);

        canon::Request off;
        off.reasoning.effort = "high";
        off.reasoning.enabled = true;
        QVERIFY(!routing::applyParams(params({{"thinking_budget", "0"}}), off));
        QCOMPARE(*off.reasoning.budgetTokens, int64_t(0));
        QVERIFY(!off.reasoning.enabled);
        QVERIFY(off.reasoning.effort.empty());
    }

    void lastValueWins()
    {
        canon::Request r;
        QVERIFY(!routing::applyParams(params({{"temperature", "0.2"}, {"temperature", "0.7"}}), r));
        QCOMPARE(*r.sampling.temperature, 0.7);
    }

    void errors_data()
    {
        QTest::addColumn<QString>("key");
        QTest::addColumn<QString>("value");
        QTest::addColumn<QString>("expected");
        QTest::newRow("unknown") << "temp" << "1" << "model parameter 'temp': unknown parameter (accepted: temperature, top_p,";
        QTest::newRow("not a number") << "temperature" << "warm" << "model parameter 'temperature': 'warm' is not a number";
        QTest::newRow("too hot") << "temperature" << "2.5" << "model parameter 'temperature': 2.5 is out of range (0 to 2)";
        QTest::newRow("nan") << "top_p" << "nan" << "'nan' is not a number";
        QTest::newRow("inf") << "temperature" << "inf" << "'inf' is not a number";
        QTest::newRow("fraction for int") << "max_tokens" << "10.5" << "model parameter 'max_tokens': '10.5' is not a whole number";
        QTest::newRow("zero max tokens") << "max_tokens" << "0" << "model parameter 'max_tokens': 0 is out of range";
        QTest::newRow("negative budget") << "thinking_budget" << "-1" << "model parameter 'thinking_budget': -1 is out of range";
        QTest::newRow("bad effort") << "reasoning_effort" << "extreme"
                                    << "model parameter 'reasoning_effort': 'extreme' is not an effort (accepted: minimal, low, medium, high)";
        QTest::newRow("penalty") << "presence_penalty" << "3" << "out of range (-2 to 2)";
    }
    void errors()
    {
        QFETCH(QString, key);
        QFETCH(QString, value);
        QFETCH(QString, expected);
        const ModelParams p = {qMakePair(QStringLiteral("temperature"), QStringLiteral("0.5")), qMakePair(key, value)};
        canon::Request r;
        const auto error = routing::applyParams(p, r);
        QVERIFY(error);
        QCOMPARE(error->category, ErrorCategory::InvalidRequest);
        QCOMPARE(error->param, QStringLiteral("model"));
        QVERIFY2(error->message.startsWith(expected) || error->message.contains(expected), qPrintable(error->message));
        QVERIFY2(!r.sampling.temperature, "nothing may change when one parameter is bad");
        // The body path validates the same way and leaves the body alone.
        const auto body = routing::applyParamsToBody(Dialect::OpenAIChat, p, "{\"model\":\"m\"}");
        QVERIFY(!body.ok());
    }

    void splice_data()
    {
        QTest::addColumn<int>("dialect");
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<QString>("query");
        QTest::addColumn<QByteArray>("expected");
        const int chat = int(Dialect::OpenAIChat);
        const int responses = int(Dialect::OpenAIResponses);
        const int anthropic = int(Dialect::Anthropic);
        const int gemini = int(Dialect::Gemini);
        QTest::newRow("chat: replace and append, spelling kept")
            << chat << QByteArray(R"({"model":"m", "temperature": 1.0E0,"x":[1,2]})") << "temperature=0.20&top_p=1e-1&seed=3"
            << QByteArray(R"({"model":"m", "temperature": 0.20,"x":[1,2],"top_p":1e-1,"seed":3})");
        QTest::newRow("chat: non-JSON spelling normalised")
            << chat << QByteArray(R"({"model":"m"})") << "temperature=.5"
            << QByteArray(R"({"model":"m","temperature":0.5})");
        QTest::newRow("chat: max_completion_tokens kept")
            << chat << QByteArray(R"({"max_completion_tokens":5,"model":"o3"})") << "max_tokens=99"
            << QByteArray(R"({"max_completion_tokens":99,"model":"o3"})");
        QTest::newRow("chat: max_tokens")
            << chat << QByteArray(R"({"model":"m"})") << "max_tokens=99&reasoning_effort=low"
            << QByteArray(R"({"model":"m","max_tokens":99,"reasoning_effort":"low"})");
        QTest::newRow("chat: budget becomes an effort")
            << chat << QByteArray(R"({"model":"m"})") << "thinking_budget=20000"
            << QByteArray(R"({"model":"m","reasoning_effort":"high"})");
        QTest::newRow("responses: nested effort, other reasoning keys kept")
            << responses << QByteArray(R"({"model":"m","reasoning":{"summary":"auto","effort":"low"}})") << "reasoning_effort=high&max_tokens=7"
            << QByteArray(R"({"model":"m","reasoning":{"summary":"auto","effort":"high"},"max_output_tokens":7})");
        QTest::newRow("responses: reasoning created")
            << responses << QByteArray(R"({"model":"m"})") << "reasoning_effort=minimal&seed=1"
            << QByteArray(R"({"model":"m","reasoning":{"effort":"minimal"}})");
        QTest::newRow("anthropic: thinking budget")
            << anthropic << QByteArray(R"({"model":"m","max_tokens":32000,"thinking":{"type":"disabled"}})") << "thinking_budget=5000&top_k=3"
            << QByteArray(R"({"model":"m","max_tokens":32000,"thinking":{"type":"enabled","budget_tokens":5000},"top_k":3})");
        QTest::newRow("anthropic: small budget raised to the minimum")
            << anthropic << QByteArray(R"({"model":"m"})") << "thinking_budget=10"
            << QByteArray(R"({"model":"m","thinking":{"type":"enabled","budget_tokens":1024}})");
        QTest::newRow("anthropic: budget 0 turns thinking off")
            << anthropic << QByteArray(R"({"model":"m","thinking":{"type":"enabled","budget_tokens":4000}})") << "thinking_budget=0"
            << QByteArray(R"({"model":"m","thinking":{"type":"disabled"}})");
        QTest::newRow("anthropic: effort maps to a budget")
            << anthropic << QByteArray(R"({"model":"m"})") << "reasoning_effort=medium&frequency_penalty=1"
            << QByteArray(R"({"model":"m","thinking":{"type":"enabled","budget_tokens":8192}})");
        QTest::newRow("gemini: generationConfig created")
            << gemini << QByteArray(R"({"contents":[]})") << "temperature=0.3&max_tokens=50"
            << QByteArray(R"({"contents":[],"generationConfig":{"temperature":0.3,"maxOutputTokens":50}})");
        QTest::newRow("gemini: nested thinking, siblings kept")
            << gemini << QByteArray(R"({"contents":[],"generationConfig":{"topK":1,"thinkingConfig":{"includeThoughts":true}}})")
            << "thinking_budget=0&top_k=2"
            << QByteArray(R"({"contents":[],"generationConfig":{"topK":2,"thinkingConfig":{"includeThoughts":true,"thinkingBudget":0}}})");
    }
    void splice()
    {
        QFETCH(int, dialect);
        QFETCH(QByteArray, body);
        QFETCH(QString, query);
        QFETCH(QByteArray, expected);
        ModelParams p;
        for (const QString &item : query.split(QLatin1Char('&')))
            p.append(qMakePair(item.section(QLatin1Char('='), 0, 0), item.section(QLatin1Char('='), 1)));
        const auto out = routing::applyParamsToBody(Dialect(dialect), p, body);
        QVERIFY2(out.ok(), qPrintable(out.ok() ? QString() : out.error().message));
        QCOMPARE(*out, expected);
    }

    void emptyParamsReturnBodyAsIs()
    {
        const QByteArray body = "not even json";
        const auto out = routing::applyParamsToBody(Dialect::Anthropic, {}, body);
        QVERIFY(out.ok());
        QCOMPARE(*out, body);
        canon::Request r;
        QVERIFY(!routing::applyParams({}, r));
    }

    void badBody_data()
    {
        QTest::addColumn<QByteArray>("body");
        QTest::newRow("array") << QByteArray("[1,2]");
        QTest::newRow("truncated") << QByteArray("{\"model\":\"m\",\"temperature\":");
        QTest::newRow("empty") << QByteArray();
    }
    void badBody()
    {
        QFETCH(QByteArray, body);
        for (Dialect d : {Dialect::OpenAIChat, Dialect::OpenAIResponses, Dialect::Anthropic, Dialect::Gemini}) {
            const auto out = routing::applyParamsToBody(d, params({{"temperature", "0.1"}}), body);
            QVERIFY(!out.ok());
            QCOMPARE(out.error().category, ErrorCategory::InvalidRequest);
        }
    }
};

QTEST_GUILESS_MAIN(TstRequestParams)
#include "tst_requestparams.moc"
