// SPDX-License-Identifier: GPL-3.0-or-later
// The usage store on SQLite and on a throwaway PostgreSQL cluster: every field survives a round
// trip, stats group and filter, migrations from schema version 1, a newer or corrupt database is
// refused with a message naming it, and the recorder writes in batches off the calling thread.

#include "observe/usagedatabase.h"
#include "observe/usagerecorder.h"
#include "throwawaypostgres.h"

#include <QFile>
#include <QSignalSpy>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>
#include <QTimeZone>

#include <memory>

using namespace lip;
using namespace lip::observe;

namespace {

QDateTime utc(int y, int mo, int d, int h = 12)
{
    return QDateTime(QDate(y, mo, d), QTime(h, 0), QTimeZone::utc());
}

UsageRow row(quint64 requestId, const QString &backend, const QString &model, const QString &project,
             const QDateTime &at, qint64 input, qint64 output, std::optional<double> cost = std::nullopt)
{
    UsageRow r;
    r.record.requestId = requestId;
    r.record.startedAt = at;
    r.record.backend = backend;
    r.record.modelRequested = model;
    r.record.modelUsed = model;
    r.record.project = project;
    r.record.status = 200;
    r.record.usage.input = input;
    r.record.usage.output = output;
    r.record.totalMs = 100;
    r.cost = cost;
    return r;
}

// Runs a statement on the store's database from the test (to set up old schemas and the like).
class RawConnection
{
public:
    explicit RawConnection(const UsageTarget &target) : m_name(QStringLiteral("raw-%1").arg(++s_count))
    {
        QSqlDatabase db;
        if (target.flavor == SqlFlavor::Sqlite) {
            db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), m_name);
            db.setDatabaseName(target.sqlitePath);
        } else {
            const QUrl url(target.postgresUrl);
            db = QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), m_name);
            db.setHostName(url.host());
            db.setPort(url.port());
            db.setUserName(url.userName());
            db.setDatabaseName(url.path().mid(1));
        }
        m_ok = db.open();
    }
    ~RawConnection()
    {
        {
            QSqlDatabase db = QSqlDatabase::database(m_name, false);
            db.close();
        }
        QSqlDatabase::removeDatabase(m_name);
    }
    bool ok() const { return m_ok; }
    QString exec(const QString &sql)
    {
        QSqlQuery query(QSqlDatabase::database(m_name, false));
        return query.exec(sql) ? QString() : query.lastError().text() + QStringLiteral(" in ") + sql;
    }
    QVariant scalar(const QString &sql)
    {
        QSqlQuery query(QSqlDatabase::database(m_name, false));
        return query.exec(sql) && query.next() ? query.value(0) : QVariant();
    }

private:
    static inline int s_count = 0;
    QString m_name;
    bool m_ok = false;
};

} // namespace

class TestUsageStore : public QObject
{
    Q_OBJECT

private:
    test::ThrowawayPostgres m_postgres;
    QString m_postgresSkip;
    QTemporaryDir m_dir;
    int m_databases = 0;

    // A fresh, empty store location for the current data row.
    UsageTarget freshTarget()
    {
        QFETCH_GLOBAL(QString, flavor);
        UsageTarget target;
        ++m_databases;
        if (flavor == QLatin1String("sqlite")) {
            target.flavor = SqlFlavor::Sqlite;
            target.sqlitePath = m_dir.filePath(QStringLiteral("db%1/usage.sqlite").arg(m_databases));
            return target;
        }
        target.flavor = SqlFlavor::Postgres;
        QString error;
        target.postgresUrl = m_postgres.createDatabase(QStringLiteral("t%1").arg(m_databases), &error);
        if (target.postgresUrl.isEmpty())
            qWarning() << "createDatabase:" << error;
        return target;
    }

    bool skipUnavailable()
    {
        QFETCH_GLOBAL(QString, flavor);
        return flavor == QLatin1String("postgres") && !m_postgresSkip.isEmpty();
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_postgresSkip = m_postgres.start();
        if (!m_postgresSkip.isEmpty())
            qWarning().noquote() << "PostgreSQL rows will be skipped:" << m_postgresSkip;
    }

    void initTestCase_data()
    {
        QTest::addColumn<QString>("flavor");
        QTest::newRow("sqlite") << QStringLiteral("sqlite");
        QTest::newRow("postgres") << QStringLiteral("postgres");
    }

    void init()
    {
        if (skipUnavailable())
            QSKIP(qPrintable(m_postgresSkip));
    }

    void roundTripKeepsEveryField()
    {
        UsageDatabase db;
        const UsageTarget target = freshTarget();
        QCOMPARE(db.open(target), QString());
        UsageRow full;
        CallRecord &r = full.record;
        r.requestId = 4242;
        r.startedAt = QDateTime(QDate(2026, 3, 4), QTime(5, 6, 7, 890), QTimeZone::utc());
        r.session = QStringLiteral("sess-1");
        r.project = QStringLiteral("projé ☃"); // non-ASCII survives
        r.clientDialect = Dialect::Gemini;
        r.operation = QStringLiteral("generate");
        r.backend = QStringLiteral("anthropic.2");
        r.modelRequested = QStringLiteral("claude-route");
        r.modelUsed = QStringLiteral("claude-sonnet-4");
        r.keyAlias = QStringLiteral("env:ANTHROPIC_API_KEY_2");
        r.attempts = 3;
        r.stream = true;
        r.status = 200;
        r.errorCategory = ErrorCategory::Overloaded;
        r.error = QStringLiteral("backend 'anthropic': it's \"overloaded\"");
        r.firstByteMs = 321;
        r.totalMs = 4567;
        r.usage.input = 1000;
        r.usage.output = 200;
        r.usage.cacheRead = 600;
        r.usage.cacheWrite = 100;
        r.usage.reasoning = 50;
        r.usageEstimated = true;
        full.cost = 0.012345;
        UsageRow sparse; // nothing known: nulls stay nulls
        sparse.record.requestId = 4243;
        sparse.record.startedAt = r.startedAt.addSecs(1);
        sparse.record.operation = QStringLiteral("generate");
        QCOMPARE(db.insert({full, sparse}), QString());

        const Result<std::vector<UsageRow>> rows = db.recent(10);
        QVERIFY2(rows.ok(), qPrintable(rows.ok() ? QString() : rows.error().message));
        QCOMPARE(rows->size(), size_t(2));
        const UsageRow &newest = rows->at(0);
        QCOMPARE(newest.record.requestId, quint64(4243));
        QCOMPARE(newest.record.usage.input, int64_t(-1));
        QCOMPARE(newest.record.usage.output, int64_t(-1));
        QCOMPARE(newest.record.firstByteMs, qint64(-1));
        QCOMPARE(newest.record.totalMs, qint64(-1));
        QVERIFY(!newest.cost);
        QCOMPARE(newest.record.errorCategory, ErrorCategory::None);
        const UsageRow &got = rows->at(1);
        QVERIFY(got.id < newest.id);
        QCOMPARE(got.record.requestId, r.requestId);
        QCOMPARE(got.record.startedAt, r.startedAt);
        QCOMPARE(got.record.session, r.session);
        QCOMPARE(got.record.project, r.project);
        QCOMPARE(got.record.clientDialect, r.clientDialect);
        QCOMPARE(got.record.operation, r.operation);
        QCOMPARE(got.record.backend, r.backend);
        QCOMPARE(got.record.modelRequested, r.modelRequested);
        QCOMPARE(got.record.modelUsed, r.modelUsed);
        QCOMPARE(got.record.keyAlias, r.keyAlias);
        QCOMPARE(got.record.attempts, r.attempts);
        QCOMPARE(got.record.stream, r.stream);
        QCOMPARE(got.record.status, r.status);
        QCOMPARE(got.record.errorCategory, r.errorCategory);
        QCOMPARE(got.record.error, r.error);
        QCOMPARE(got.record.firstByteMs, r.firstByteMs);
        QCOMPARE(got.record.totalMs, r.totalMs);
        QCOMPARE(got.record.usage.input, r.usage.input);
        QCOMPARE(got.record.usage.output, r.usage.output);
        QCOMPARE(got.record.usage.cacheRead, r.usage.cacheRead);
        QCOMPARE(got.record.usage.cacheWrite, r.usage.cacheWrite);
        QCOMPARE(got.record.usage.reasoning, r.usage.reasoning);
        QCOMPARE(got.record.usageEstimated, r.usageEstimated);
        QVERIFY(got.cost);
        QCOMPARE(*got.cost, *full.cost);

        const Result<std::vector<UsageRow>> one = db.recent(1);
        QVERIFY(one.ok());
        QCOMPARE(one->size(), size_t(1));
    }

    void statsGroupAndFilter()
    {
        UsageDatabase db;
        QCOMPARE(db.open(freshTarget()), QString());
        std::vector<UsageRow> rows = {
            row(1, "openai", "gpt-4o", "web", utc(2026, 1, 30), 100, 10, 0.5),
            row(2, "openai", "gpt-4o", "web", utc(2026, 1, 31), 200, 20, 0.25),
            row(3, "openai", "gpt-4o", "cli", utc(2026, 1, 31), 300, 30),
            row(4, "anthropic", "claude", "web", utc(2026, 1, 31, 23), 400, 40),
            row(5, "anthropic", "claude", "web", utc(2026, 2, 1, 0), 500, 50),
        };
        rows[2].record.errorCategory = ErrorCategory::RateLimited;
        rows[2].record.error = QStringLiteral("slow down");
        rows[2].record.status = 429;
        rows[3].record.usageEstimated = true;
        rows[3].record.usage.cacheRead = 7;
        rows[3].record.usage.cacheWrite = 3;
        rows[3].record.usage.reasoning = 11;
        rows[3].record.totalMs = 300;
        // Accounted under the model the backend was asked for; the requested one when none.
        rows[4].record.modelUsed.clear();
        QCOMPARE(db.insert(rows), QString());

        const auto stats = [&db](const UsageStatsQuery &q) {
            Result<UsageStats> s = db.stats(q);
            if (!s.ok())
                qWarning() << s.error().message;
            return s.ok() ? s->groups : std::vector<UsageGroup>{};
        };

        UsageStatsQuery all;
        std::vector<UsageGroup> groups = stats(all);
        QCOMPARE(groups.size(), size_t(5)); // (backend, model, day, project) all distinct but 2 and 3 by project
        QCOMPARE(groups.front().backend, QStringLiteral("anthropic"));
        QCOMPARE(groups.front().day, QStringLiteral("2026-01-31"));

        UsageStatsQuery byBackend;
        byBackend.groupBy = {QStringLiteral("backend")};
        groups = stats(byBackend);
        QCOMPARE(groups.size(), size_t(2));
        const UsageGroup &anthropic = groups.at(0);
        QCOMPARE(anthropic.backend, QStringLiteral("anthropic"));
        QVERIFY(anthropic.model.isEmpty() && anthropic.day.isEmpty());
        QCOMPARE(anthropic.requests, qint64(2));
        QCOMPARE(anthropic.inputTokens, qint64(900));
        QCOMPARE(anthropic.outputTokens, qint64(90));
        QCOMPARE(anthropic.cacheReadTokens, qint64(7));
        QCOMPARE(anthropic.cacheWriteTokens, qint64(3));
        QCOMPARE(anthropic.reasoningTokens, qint64(11));
        QCOMPARE(anthropic.estimated, qint64(1));
        QCOMPARE(anthropic.pricedRequests, qint64(0));
        QCOMPARE(anthropic.totalMsSum, qint64(400));
        const UsageGroup &openai = groups.at(1);
        QCOMPARE(openai.requests, qint64(3));
        QCOMPARE(openai.errors, qint64(1));
        QCOMPARE(openai.pricedRequests, qint64(2));
        QCOMPARE(openai.cost, 0.75);

        UsageStatsQuery byDayForWeb;
        byDayForWeb.groupBy = {QStringLiteral("day")};
        byDayForWeb.project = QStringLiteral("web");
        groups = stats(byDayForWeb);
        QCOMPARE(groups.size(), size_t(3));
        QCOMPARE(groups.at(0).day, QStringLiteral("2026-01-30"));
        QCOMPARE(groups.at(1).day, QStringLiteral("2026-01-31"));
        QCOMPARE(groups.at(1).requests, qint64(2));
        QCOMPARE(groups.at(2).day, QStringLiteral("2026-02-01"));

        UsageStatsQuery oneDay; // since/until inclusive; model falls back to the requested one
        oneDay.groupBy = {QStringLiteral("model")};
        oneDay.sinceMs = utc(2026, 1, 31, 0).toMSecsSinceEpoch();
        oneDay.untilMs = utc(2026, 2, 1, 0).toMSecsSinceEpoch();
        groups = stats(oneDay);
        QCOMPARE(groups.size(), size_t(2));
        QCOMPARE(groups.at(0).model, QStringLiteral("claude"));
        QCOMPARE(groups.at(0).requests, qint64(2));
        QCOMPARE(groups.at(1).model, QStringLiteral("gpt-4o"));
        QCOMPARE(groups.at(1).requests, qint64(2));

        UsageStatsQuery filtered;
        filtered.groupBy = {};
        filtered.backend = QStringLiteral("anthropic");
        filtered.model = QStringLiteral("claude");
        groups = stats(filtered);
        QCOMPARE(groups.size(), size_t(1));
        QCOMPARE(groups.at(0).requests, qint64(2));

        UsageStatsQuery nothing;
        nothing.groupBy = {};
        nothing.backend = QStringLiteral("nope");
        QCOMPARE(stats(nothing).size(), size_t(0));

        // Filter values are bound, never spliced into SQL.
        UsageStatsQuery hostile;
        hostile.project = QStringLiteral("x' OR '1'='1");
        QCOMPARE(stats(hostile).size(), size_t(0));
        QVERIFY(db.stats(hostile).ok());
    }

    void migratesFromVersion1()
    {
        const UsageTarget target = freshTarget();
        {
            if (target.flavor == SqlFlavor::Sqlite)
                QDir().mkpath(QFileInfo(target.sqlitePath).absolutePath());
            RawConnection raw(target);
            QVERIFY(raw.ok());
            for (const QString &statement : usageMigration(1, target.flavor))
                QCOMPARE(raw.exec(statement), QString());
            QCOMPARE(raw.exec(QStringLiteral("INSERT INTO lip_schema (component, version) VALUES ('usage', 1)")), QString());
            QCOMPARE(raw.exec(QStringLiteral(
                         "INSERT INTO usage_calls (request_id, started_ms, day, client_dialect, operation, backend, "
                         "model_used, stream, status, input_tokens, output_tokens) VALUES (7, %1, '2025-06-01', "
                         "'anthropic', 'generate', 'anthropic', 'claude-old', 0, 200, 12, 34)")
                                 .arg(utc(2025, 6, 1).toMSecsSinceEpoch())),
                     QString());
        }
        UsageDatabase db;
        QCOMPARE(db.open(target), QString());
        {
            RawConnection raw(target);
            QCOMPARE(raw.scalar(QStringLiteral("SELECT version FROM lip_schema WHERE component = 'usage'")).toInt(),
                     kUsageSchemaVersion);
        }
        QCOMPARE(db.insert({row(8, "openai", "gpt-4o", "p", utc(2026, 1, 1), 1, 2, 0.1)}), QString());
        const Result<std::vector<UsageRow>> rows = db.recent(10);
        QVERIFY(rows.ok());
        QCOMPARE(rows->size(), size_t(2));
        const UsageRow &old = rows->at(1);
        QCOMPARE(old.record.requestId, quint64(7));
        QCOMPARE(old.record.modelUsed, QStringLiteral("claude-old"));
        QCOMPARE(old.record.usage.input, int64_t(12));
        QCOMPARE(old.record.usage.output, int64_t(34));
        QCOMPARE(old.record.project, QString()); // columns added by version 2 take their defaults
        QCOMPARE(old.record.usage.reasoning, int64_t(0));
        QVERIFY(!old.cost);
        QCOMPARE(rows->at(0).record.project, QStringLiteral("p"));

        // Opening again is a no-op (already current).
        db.close();
        QCOMPARE(db.open(target), QString());
        QCOMPARE(db.count().value(), qint64(2));
    }

    void refusesANewerSchema()
    {
        const UsageTarget target = freshTarget();
        {
            UsageDatabase db;
            QCOMPARE(db.open(target), QString());
        }
        {
            RawConnection raw(target);
            QCOMPARE(raw.exec(QStringLiteral("UPDATE lip_schema SET version = 99 WHERE component = 'usage'")), QString());
        }
        UsageDatabase db;
        const QString error = db.open(target);
        QVERIFY2(error.contains(QStringLiteral("newer")), qPrintable(error));
        QVERIFY2(error.startsWith(target.describe()), qPrintable(error));
        QVERIFY(!db.isOpen());
        QVERIFY(!db.recent(1).ok());
    }

    void refusesAForeignTable()
    {
        const UsageTarget target = freshTarget();
        {
            if (target.flavor == SqlFlavor::Sqlite)
                QDir().mkpath(QFileInfo(target.sqlitePath).absolutePath());
            RawConnection raw(target);
            QCOMPARE(raw.exec(QStringLiteral("CREATE TABLE usage_calls (x INTEGER)")), QString());
        }
        UsageDatabase db;
        const QString error = db.open(target);
        QVERIFY2(error.contains(QStringLiteral("usage_calls")), qPrintable(error));
    }

    void recorderWritesInBatchesAndAnswersQueries()
    {
        UsageRecorderOptions options;
        options.target = freshTarget();
        options.flushIntervalMs = 20;
        UsageRecorder recorder(options);
        QSignalSpy written(&recorder, &UsageRecorder::batchWritten);
        for (int i = 1; i <= 250; ++i)
            recorder.record(row(quint64(i), "b", "m", "p", utc(2026, 1, 1), i, 1).record, i % 2 ? std::optional(0.5) : std::nullopt);
        // The timer writes without anyone asking.
        QTRY_VERIFY_WITH_TIMEOUT(recorder.written() == 250, 20000);
        QVERIFY(!written.isEmpty());
        QCOMPARE(recorder.state(), UsageRecorder::State::Ready);

        // A query sees a record made just before it (the queue is written first).
        recorder.record(row(251, "b", "m", "p", utc(2026, 1, 1), 1, 1).record);
        std::optional<Result<std::vector<UsageRow>>> recent;
        recorder.recent(3, this, [&recent](Result<std::vector<UsageRow>> rows) { recent = std::move(rows); });
        QTRY_VERIFY_WITH_TIMEOUT(recent.has_value(), 20000);
        QVERIFY(recent->ok());
        QCOMPARE((*recent)->size(), size_t(3));
        QCOMPARE((*recent)->front().record.requestId, quint64(251));

        std::optional<Result<UsageStats>> stats;
        UsageStatsQuery total;
        total.groupBy = {};
        recorder.stats(total, this, [&stats](Result<UsageStats> s) { stats = std::move(s); });
        QTRY_VERIFY_WITH_TIMEOUT(stats.has_value(), 20000);
        QVERIFY(stats->ok());
        QCOMPARE((*stats)->groups.size(), size_t(1));
        QCOMPARE((*stats)->groups.front().requests, qint64(251));
        QCOMPARE((*stats)->groups.front().inputTokens, qint64(250 * 251 / 2 + 1));
        QCOMPARE((*stats)->groups.front().pricedRequests, qint64(125));
        QCOMPARE((*stats)->groups.front().cost, 62.5);
        QCOMPARE(recorder.dropped(), quint64(0));
    }

    void recorderFlushesOnDestruction()
    {
        UsageRecorderOptions options;
        options.target = freshTarget();
        options.flushIntervalMs = 1000;
        {
            UsageRecorder recorder(options);
            for (int i = 1; i <= 40; ++i)
                recorder.record(row(quint64(i), "b", "m", "p", utc(2026, 1, 1), 1, 1).record);
        }
        UsageDatabase db;
        QCOMPARE(db.open(options.target), QString());
        QCOMPARE(db.count().value(), qint64(40));
    }

    void queuedQueryForAGoneContextIsDropped()
    {
        UsageRecorderOptions options;
        options.target = freshTarget();
        UsageRecorder recorder(options);
        bool called = false;
        auto context = std::make_unique<QObject>();
        recorder.recent(1, context.get(), [&called](Result<std::vector<UsageRow>>) { called = true; });
        context.reset();
        // A second query on a live context, answered after the first: by then the first was dropped.
        bool second = false;
        recorder.recent(1, this, [&second](Result<std::vector<UsageRow>>) { second = true; });
        QTRY_VERIFY_WITH_TIMEOUT(second, 20000);
        QVERIFY(!called);
    }

    void postgresErrorsNeverShowThePassword()
    {
        QFETCH_GLOBAL(QString, flavor);
        if (flavor != QLatin1String("postgres"))
            QSKIP("PostgreSQL only");
        // The cluster trusts everyone, so aim at a database that does not exist to get an error.
        UsageTarget target;
        target.flavor = SqlFlavor::Postgres;
        target.postgresUrl = m_postgres.url(QStringLiteral("no_such_db")).replace(QStringLiteral("lip@"),
                                                                                 QStringLiteral("lip:s3cr3t-pw@"));
        UsageDatabase db;
        const QString error = db.open(target);
        QVERIFY(!error.isEmpty());
        QVERIFY2(!error.contains(QStringLiteral("s3cr3t-pw")), qPrintable(error));
        QVERIFY2(error.contains(QStringLiteral("no_such_db")), qPrintable(error));

        target.postgresUrl = QStringLiteral("mysql://root:s3cr3t-pw@host/db");
        const QString bad = db.open(target);
        QVERIFY2(bad.contains(QStringLiteral("postgres_url")), qPrintable(bad));
        QVERIFY2(!bad.contains(QStringLiteral("s3cr3t-pw")), qPrintable(bad));
    }

    void corruptSqliteFileIsNamedAndDisablesAccounting()
    {
        QFETCH_GLOBAL(QString, flavor);
        if (flavor != QLatin1String("sqlite"))
            QSKIP("SQLite only");
        const UsageTarget target = freshTarget();
        QDir().mkpath(QFileInfo(target.sqlitePath).absolutePath());
        {
            QFile file(target.sqlitePath);
            QVERIFY(file.open(QIODevice::WriteOnly));
            file.write(QByteArray("this is not a database; ").repeated(400));
        }
        UsageDatabase db;
        const QString error = db.open(target);
        QVERIFY2(error.startsWith(QDir::toNativeSeparators(target.sqlitePath)), qPrintable(error));
        QVERIFY2(error.contains(QStringLiteral("not a database")), qPrintable(error));

        UsageRecorderOptions options;
        options.target = target;
        UsageRecorder recorder(options);
        QSignalSpy failed(&recorder, &UsageRecorder::failed);
        QTRY_COMPARE_WITH_TIMEOUT(recorder.state(), UsageRecorder::State::Failed, 20000);
        QVERIFY(recorder.failure().contains(QStringLiteral("not a database")));
        recorder.record(CallRecord{});
        QCOMPARE(recorder.dropped(), quint64(1));
        std::optional<Result<std::vector<UsageRow>>> recent;
        recorder.recent(3, this, [&recent](Result<std::vector<UsageRow>> rows) { recent = std::move(rows); });
        QTRY_VERIFY_WITH_TIMEOUT(recent.has_value(), 20000);
        QVERIFY(!recent->ok());
        QVERIFY2(recent->error().message.contains(target.sqlitePath), qPrintable(recent->error().message));
        // The file is left alone: the user decides what to do with it.
        QFile file(target.sqlitePath);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QVERIFY(file.readAll().startsWith("this is not a database"));
    }

    void sqliteUsesWal()
    {
        QFETCH_GLOBAL(QString, flavor);
        if (flavor != QLatin1String("sqlite"))
            QSKIP("SQLite only");
        const UsageTarget target = freshTarget();
        UsageDatabase db;
        QCOMPARE(db.open(target), QString());
        RawConnection raw(target);
        QCOMPARE(raw.scalar(QStringLiteral("PRAGMA journal_mode")).toString(), QStringLiteral("wal"));
    }
};

QTEST_GUILESS_MAIN(TestUsageStore)
#include "tst_usage_store.moc"
