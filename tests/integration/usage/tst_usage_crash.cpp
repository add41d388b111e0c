// SPDX-License-Identifier: GPL-3.0-or-later
// A process killed (SIGKILL) while recording under load loses at most the batch it had not yet
// committed: every batch it reported as written is in the file, the file is intact, the rows
// are exactly request ids 1..N (no hole, no half batch), and the store opens and takes new rows.

#include "observe/usagedatabase.h"

#include <QProcess>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace lip;
using namespace lip::observe;

class TestUsageCrash : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void killedWriterLosesAtMostTheOpenBatch_data()
    {
        QTest::addColumn<int>("flushMs");
        QTest::addColumn<int>("batchesBeforeKill");
        QTest::newRow("fast batches") << 20 << 8;
        QTest::newRow("default window") << 500 << 2;
    }
    void killedWriterLosesAtMostTheOpenBatch()
    {
        QFETCH(int, flushMs);
        QFETCH(int, batchesBeforeKill);
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString path = dir.filePath(QStringLiteral("usage.sqlite"));

        QProcess writer;
        writer.setProcessChannelMode(QProcess::ForwardedErrorChannel);
        writer.start(QStringLiteral(USAGE_LOAD_WRITER), {path, QString::number(flushMs)});
        QVERIFY2(writer.waitForStarted(20000), qPrintable(writer.errorString()));
        quint64 reported = 0;
        int batches = 0;
        QByteArray pending;
        while (batches < batchesBeforeKill) {
            QVERIFY2(writer.state() == QProcess::Running, "the writer stopped by itself");
            QVERIFY2(writer.waitForReadyRead(30000), "the writer reported no committed batch");
            pending += writer.readAllStandardOutput();
            qsizetype newline;
            while ((newline = pending.indexOf('\n')) >= 0) {
                const QByteArray line = pending.left(newline);
                pending.remove(0, newline + 1);
                QVERIFY2(line.startsWith("written "), line.constData());
                reported = line.mid(8).toULongLong();
                ++batches;
            }
        }
        writer.kill(); // SIGKILL: no destructor, no final flush
        QVERIFY(writer.waitForFinished(20000));
        // Lines written between the last read and the kill count too.
        pending += writer.readAllStandardOutput();
        for (const QByteArray &line : pending.split('\n')) {
            if (line.startsWith("written "))
                reported = line.mid(8).toULongLong();
        }
        QVERIFY(reported > 0);

        {
            QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("check"));
            db.setDatabaseName(path);
            QVERIFY(db.open());
            QSqlQuery query(db);
            QVERIFY(query.exec(QStringLiteral("PRAGMA integrity_check")) && query.next());
            QCOMPARE(query.value(0).toString(), QStringLiteral("ok"));
            QVERIFY(query.exec(QStringLiteral("SELECT COUNT(*), MIN(request_id), MAX(request_id) FROM usage_calls")) && query.next());
            const quint64 count = query.value(0).toULongLong();
            QVERIFY2(count >= reported, qPrintable(QStringLiteral("%1 rows, %2 reported written").arg(count).arg(reported)));
            QCOMPARE(query.value(1).toULongLong(), quint64(1));
            QCOMPARE(query.value(2).toULongLong(), count); // 1..N: nothing missing in between
            db.close();
        }
        QSqlDatabase::removeDatabase(QStringLiteral("check"));

        UsageDatabase reopened;
        UsageTarget target;
        target.sqlitePath = path;
        QCOMPARE(reopened.open(target), QString());
        UsageRow row;
        row.record.requestId = 999999;
        QCOMPARE(reopened.insert({row}), QString());
        QCOMPARE(reopened.recent(1).value().front().record.requestId, quint64(999999));
    }
};

QTEST_GUILESS_MAIN(TestUsageCrash)
#include "tst_usage_crash.moc"
