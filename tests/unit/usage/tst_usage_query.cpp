// SPDX-License-Identifier: GPL-3.0-or-later
// The query strings of /usage/stats and /usage/recent: accepted forms, and the parameter a bad
// one is blamed on.

#include "observe/usagequery.h"

#include <QDateTime>
#include <QTest>
#include <QTimeZone>

using namespace lip;
using namespace lip::observe;

namespace {

qint64 utcMs(int y, int mo, int d, int h = 0, int mi = 0, int s = 0, int ms = 0)
{
    return QDateTime(QDate(y, mo, d), QTime(h, mi, s, ms), QTimeZone::utc()).toMSecsSinceEpoch();
}

} // namespace

class TestUsageQuery : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void validStats_data()
    {
        QTest::addColumn<QByteArray>("query");
        QTest::addColumn<QString>("project");
        QTest::addColumn<QString>("backend");
        QTest::addColumn<QString>("model");
        QTest::addColumn<qint64>("since"); // -1: none
        QTest::addColumn<qint64>("until");
        QTest::addColumn<QStringList>("groupBy");

        const QStringList all = {"backend", "model", "day", "project"};
        QTest::newRow("empty") << QByteArray() << "" << "" << "" << qint64(-1) << qint64(-1) << all;
        QTest::newRow("filters") << QByteArray("project=web&backend=openai.2&model=gpt-4o") << "web" << "openai.2"
                                 << "gpt-4o" << qint64(-1) << qint64(-1) << all;
        QTest::newRow("percent-encoded model") << QByteArray("model=models%2Fgemini-2.5-pro") << "" << ""
                                               << "models/gemini-2.5-pro" << qint64(-1) << qint64(-1) << all;
        QTest::newRow("dates are whole UTC days")
            << QByteArray("since=2026-01-31&until=2026-02-01") << "" << "" << "" << utcMs(2026, 1, 31)
            << utcMs(2026, 2, 1, 23, 59, 59, 999) << all;
        QTest::newRow("date-time with Z") << QByteArray("since=2026-01-31T12:30:00Z") << "" << "" << ""
                                          << utcMs(2026, 1, 31, 12, 30) << qint64(-1) << all;
        QTest::newRow("date-time with offset (raw +)")
            << QByteArray("since=2026-01-31T12:30:00+02:00") << "" << "" << "" << utcMs(2026, 1, 31, 10, 30)
            << qint64(-1) << all;
        QTest::newRow("date-time with offset (%2B)")
            << QByteArray("until=2026-01-31T12:30:00.250%2B02:00") << "" << "" << "" << qint64(-1)
            << utcMs(2026, 1, 31, 10, 30, 0, 250) << all;
        QTest::newRow("date-time without offset is UTC") << QByteArray("since=2026-01-31T12:30") << "" << "" << ""
                                                         << utcMs(2026, 1, 31, 12, 30) << qint64(-1) << all;
        QTest::newRow("group_by subset, order kept, duplicates dropped")
            << QByteArray("group_by=day,%20backend,day") << "" << "" << "" << qint64(-1) << qint64(-1)
            << QStringList{"day", "backend"};
        QTest::newRow("group_by empty: one total") << QByteArray("group_by=") << "" << "" << "" << qint64(-1)
                                                   << qint64(-1) << QStringList{};
    }
    void validStats()
    {
        QFETCH(QByteArray, query);
        const Result<UsageStatsQuery> parsed = parseUsageStatsQuery(query);
        QVERIFY2(parsed.ok(), qPrintable(parsed.ok() ? QString() : parsed.error().message));
        QTEST(parsed->project, "project");
        QTEST(parsed->backend, "backend");
        QTEST(parsed->model, "model");
        QTEST(parsed->sinceMs.value_or(-1), "since");
        QTEST(parsed->untilMs.value_or(-1), "until");
        QTEST(parsed->groupBy, "groupBy");
    }

    void badStats_data()
    {
        QTest::addColumn<QByteArray>("query");
        QTest::addColumn<QString>("param");
        QTest::newRow("unknown parameter") << QByteArray("groupby=day") << "groupby";
        QTest::newRow("since not a date") << QByteArray("since=yesterday") << "since";
        QTest::newRow("since impossible date") << QByteArray("since=2026-02-30") << "since";
        QTest::newRow("until garbage") << QByteArray("until=2026-01-31T25:00:00Z") << "until";
        QTest::newRow("until before since") << QByteArray("since=2026-02-01&until=2026-01-31") << "until";
        QTest::newRow("group_by unknown key") << QByteArray("group_by=backend,user") << "group_by";
        QTest::newRow("bare year") << QByteArray("since=2026") << "since";
    }
    void badStats()
    {
        QFETCH(QByteArray, query);
        QFETCH(QString, param);
        const Result<UsageStatsQuery> parsed = parseUsageStatsQuery(query);
        QVERIFY(!parsed.ok());
        QCOMPARE(parsed.error().category, ErrorCategory::InvalidRequest);
        QCOMPARE(parsed.error().param, param);
        QVERIFY2(parsed.error().message.contains(QLatin1Char('\'') + param + QLatin1Char('\'')),
                 qPrintable(parsed.error().message));
    }

    void recentLimit_data()
    {
        QTest::addColumn<QByteArray>("query");
        QTest::addColumn<int>("limit"); // 0: an error naming "limit"
        QTest::addColumn<QString>("param");
        QTest::newRow("default") << QByteArray() << 50 << "";
        QTest::newRow("explicit") << QByteArray("limit=7") << 7 << "";
        QTest::newRow("max") << QByteArray("limit=1000") << 1000 << "";
        QTest::newRow("clamped") << QByteArray("limit=5000") << 1000 << "";
        QTest::newRow("zero") << QByteArray("limit=0") << 0 << "limit";
        QTest::newRow("negative") << QByteArray("limit=-3") << 0 << "limit";
        QTest::newRow("not a number") << QByteArray("limit=ten") << 0 << "limit";
        QTest::newRow("empty") << QByteArray("limit=") << 0 << "limit";
        QTest::newRow("unknown parameter") << QByteArray("limit=5&offset=10") << 0 << "offset";
    }
    void recentLimit()
    {
        QFETCH(QByteArray, query);
        QFETCH(int, limit);
        QFETCH(QString, param);
        const Result<int> parsed = parseUsageRecentLimit(query);
        if (limit > 0) {
            QVERIFY(parsed.ok());
            QCOMPARE(*parsed, limit);
        } else {
            QVERIFY(!parsed.ok());
            QCOMPARE(parsed.error().param, param);
        }
    }
};

QTEST_GUILESS_MAIN(TestUsageQuery)
#include "tst_usage_query.moc"
