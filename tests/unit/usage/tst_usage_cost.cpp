// SPDX-License-Identifier: GPL-3.0-or-later
// Price lookup and cost: which entry applies, and how cached tokens are charged.

#include "observe/usagecost.h"

#include <QTest>

using namespace lip;
using namespace lip::observe;

namespace {

config::ModelPrice price(const QString &model, double in, double out, double cacheRead = -1, double cacheWrite = -1)
{
    config::ModelPrice p;
    p.model = model;
    p.inputPerMTok = in;
    p.outputPerMTok = out;
    p.cacheReadPerMTok = cacheRead;
    p.cacheWritePerMTok = cacheWrite;
    return p;
}

} // namespace

class TestUsageCost : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void findPrice_data()
    {
        QTest::addColumn<QString>("backend");
        QTest::addColumn<QString>("model");
        QTest::addColumn<int>("expected"); // index into the table below, -1: none
        QTest::newRow("exact bare") << "openai" << "gpt-4o" << 2;
        QTest::newRow("qualified wins over bare, wherever it is") << "openrouter" << "gpt-4o" << 3;
        QTest::newRow("qualified wildcard") << "anthropic" << "claude-sonnet-4" << 0;
        QTest::newRow("bare wildcard") << "gemini" << "gemini-2.5-pro" << 1;
        QTest::newRow("wildcard is not a prefix match by itself") << "openai" << "gpt-4o-mini" << -1;
        QTest::newRow("regex characters are literal") << "openai" << "o1.mini" << 4;
        QTest::newRow("regex characters are literal (no match)") << "openai" << "o1xmini" << -1;
        QTest::newRow("no model") << "openai" << "" << -1;
        QTest::newRow("no backend: bare entries only") << "" << "claude-sonnet-4" << -1;
    }
    void findPrice()
    {
        QFETCH(QString, backend);
        QFETCH(QString, model);
        QFETCH(int, expected);
        const std::vector<config::ModelPrice> table = {
            price("anthropic:claude-*", 3, 15), price("gemini-*", 1.25, 10), price("gpt-4o", 2.5, 10),
            price("openrouter:gpt-4o", 2.6, 11), price("o1.mini", 1, 4),
        };
        const config::ModelPrice *found = observe::findPrice(table, backend, model);
        QCOMPARE(found ? int(found - table.data()) : -1, expected);
    }

    void cost_data()
    {
        QTest::addColumn<qint64>("input");
        QTest::addColumn<qint64>("output");
        QTest::addColumn<qint64>("cacheRead");
        QTest::addColumn<qint64>("cacheWrite");
        QTest::addColumn<double>("cacheReadPrice");
        QTest::addColumn<double>("cacheWritePrice");
        QTest::addColumn<double>("expected"); // -1: no cost
        // input 3/MTok, output 15/MTok
        QTest::newRow("plain") << qint64(1000000) << qint64(100000) << qint64(0) << qint64(0) << -1.0 << -1.0 << 4.5;
        QTest::newRow("cache prices apply to their part of input")
            << qint64(1000000) << qint64(0) << qint64(600000) << qint64(200000) << 0.3 << 3.75
            << (200000 * 3.0 + 600000 * 0.3 + 200000 * 3.75) / 1e6;
        QTest::newRow("cache without own price: input price")
            << qint64(1000000) << qint64(0) << qint64(600000) << qint64(0) << -1.0 << -1.0 << 3.0;
        QTest::newRow("output only (input unknown)") << qint64(-1) << qint64(2000) << qint64(0) << qint64(0) << -1.0
                                                     << -1.0 << 0.03;
        QTest::newRow("no usage at all") << qint64(-1) << qint64(-1) << qint64(0) << qint64(0) << -1.0 << -1.0 << -1.0;
        QTest::newRow("inconsistent cache > input is not negative")
            << qint64(10) << qint64(0) << qint64(50) << qint64(0) << 0.0 << -1.0 << 0.0;
    }
    void cost()
    {
        QFETCH(qint64, input);
        QFETCH(qint64, output);
        QFETCH(qint64, cacheRead);
        QFETCH(qint64, cacheWrite);
        QFETCH(double, cacheReadPrice);
        QFETCH(double, cacheWritePrice);
        QFETCH(double, expected);
        CallRecord record;
        record.backend = QStringLiteral("anthropic");
        record.modelRequested = QStringLiteral("sonnet");
        record.modelUsed = QStringLiteral("claude-sonnet-4");
        record.usage.input = input;
        record.usage.output = output;
        record.usage.cacheRead = cacheRead;
        record.usage.cacheWrite = cacheWrite;
        const std::optional<double> got =
            callCost(record, std::vector{price("claude-sonnet-4", 3, 15, cacheReadPrice, cacheWritePrice)});
        if (expected < 0) {
            QVERIFY(!got);
        } else {
            QVERIFY(got);
            QVERIFY2(qAbs(*got - expected) < 1e-12, qPrintable(QString::number(*got, 'g', 17)));
        }
    }

    void costUsesTheModelUsedThenRequested()
    {
        CallRecord record;
        record.modelRequested = QStringLiteral("alias");
        record.usage.input = 1000000;
        record.usage.output = 0;
        const std::vector table = {price("alias", 1, 1), price("real", 2, 2)};
        QCOMPARE(callCost(record, table).value_or(-1), 1.0);
        record.modelUsed = QStringLiteral("real");
        QCOMPARE(callCost(record, table).value_or(-1), 2.0);
        QVERIFY(!callCost(record, std::vector{price("other", 1, 1)}));
    }
};

QTEST_GUILESS_MAIN(TestUsageCost)
#include "tst_usage_cost.moc"
