// SPDX-License-Identifier: GPL-3.0-or-later
// Capture files on disk: a new file per UTC day and past the size limit, the oldest files removed
// past the total cap, and WireCapture's writer thread putting redacted records there.

#include "backends/http/upstreamclient.h"
#include "observe/capturefile.h"
#include "observe/captureredaction.h"
#include "observe/capturesink.h"
#include "observe/wirecapture.h"
#include "server/httpserver.h"

#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QTest>

using namespace lip;
using namespace lip::observe;

namespace {

constexpr qint64 kDay = 24ll * 3600 * 1000;
constexpr qint64 kStart = 1764633600000; // 2025-12-02T00:00:00Z

QByteArray recordOf(quint64 id, qint64 timeMs, int bodySize)
{
    CaptureRecord r;
    r.timeMs = timeMs;
    r.direction = CaptureDirection::ClientToProxy;
    r.kind = CaptureKind::Request;
    r.requestId = id;
    r.method = "POST";
    r.url = "/v1/messages";
    r.bytes = QByteArray(bodySize, char('a' + id % 26));
    return encodeCaptureRecord(r);
}

QList<quint64> idsIn(const QStringList &files, QStringList *warnings = nullptr)
{
    QList<quint64> ids;
    for (const QString &file : files) {
        const CaptureReadResult result = readCaptureFile(file, [&](CaptureRecord &&r) {
            ids.append(r.requestId);
            return true;
        });
        if (warnings && !result.warning.isEmpty())
            warnings->append(result.warning);
        if (warnings && !result.ok)
            warnings->append(result.error);
    }
    return ids;
}

qint64 totalSize(const QStringList &files)
{
    qint64 total = 0;
    for (const QString &file : files)
        total += QFileInfo(file).size();
    return total;
}

} // namespace

class TestCaptureSink : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void rotatesBySize_data()
    {
        QTest::addColumn<qint64>("maxFile");
        QTest::addColumn<int>("bodySize");
        QTest::addColumn<int>("count");
        QTest::newRow("4 KiB files, 1 KiB records") << qint64(4096) << 1000 << 20;
        QTest::newRow("record larger than a file") << qint64(1024) << 3000 << 5;
    }

    void rotatesBySize()
    {
        QFETCH(qint64, maxFile);
        QFETCH(int, bodySize);
        QFETCH(int, count);
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        {
            CaptureSink sink({dir.path(), maxFile, 0, QStringLiteral("t"), QStringLiteral("run")});
            for (int i = 1; i <= count; ++i)
                QVERIFY(sink.append(recordOf(quint64(i), kStart + i, bodySize), kStart + i));
        }
        const QStringList files = captureFilesIn(dir.path());
        QVERIFY2(files.size() > 1, qPrintable(QString::number(files.size())));
        for (const QString &file : files) {
            // A file holds more than its limit only when a single record does.
            const qint64 size = QFileInfo(file).size();
            QVERIFY2(size <= maxFile || idsIn({file}).size() == 1, qPrintable(file));
        }
        QStringList warnings;
        QList<quint64> expected;
        for (int i = 1; i <= count; ++i)
            expected.append(quint64(i));
        QCOMPARE(idsIn(files, &warnings), expected); // nothing lost, in order, across files
        QVERIFY2(warnings.isEmpty(), qPrintable(warnings.join(QLatin1Char('\n'))));
    }

    void rotatesAtEachUtcDay()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        {
            CaptureSink sink({dir.path(), 1 << 20, 0, QStringLiteral("t"), QStringLiteral("run")});
            QVERIFY(sink.append(recordOf(1, kStart + kDay - 2, 10), kStart + kDay - 2));
            QVERIFY(sink.append(recordOf(2, kStart + kDay - 1, 10), kStart + kDay - 1));
            QVERIFY(sink.append(recordOf(3, kStart + kDay, 10), kStart + kDay));
        }
        const QStringList files = captureFilesIn(dir.path());
        QCOMPARE(files.size(), 2);
        QCOMPARE(idsIn({files.at(0)}), (QList<quint64>{1, 2}));
        QCOMPARE(idsIn({files.at(1)}), (QList<quint64>{3}));
        QVERIFY(QFileInfo(files.at(1)).fileName().startsWith(QLatin1String("capture-20251203-")));
    }

    void totalCapRemovesOldestFiles()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const qint64 maxTotal = 20 * 1024;
        {
            CaptureSink sink({dir.path(), 4096, maxTotal, QStringLiteral("t"), QStringLiteral("run")});
            for (int i = 1; i <= 200; ++i) {
                QVERIFY(sink.append(recordOf(quint64(i), kStart + i, 900), kStart + i));
                QVERIFY(totalSize(captureFilesIn(dir.path())) <= maxTotal + 4096);
            }
        }
        const QStringList files = captureFilesIn(dir.path());
        QVERIFY(totalSize(files) <= maxTotal);
        const QList<quint64> ids = idsIn(files);
        QVERIFY(!ids.isEmpty());
        QCOMPARE(ids.last(), quint64(200)); // the newest survive, the oldest went
        QVERIFY(ids.first() > 1);
        for (qsizetype i = 1; i < ids.size(); ++i)
            QCOMPARE(ids.at(i), ids.at(i - 1) + 1);
    }

    void unwritableDirectoryDropsQuietly()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString blocker = dir.filePath(QStringLiteral("file"));
        QFile file(blocker);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.close();
        CaptureSink sink({blocker + QStringLiteral("/sub"), 4096, 0, QStringLiteral("t"), QStringLiteral("run")});
        QVERIFY(!sink.append(recordOf(1, kStart, 10), kStart));
        QCOMPARE(sink.droppedRecords(), 1);
    }

    // The whole hook set on a real writer thread: records arrive in order and no secret is on disk.
    void wireCaptureWritesRedactedRecords()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        config::CaptureConfig config;
        config.enabled = true;
        config.redactBodies = true;
        const QByteArray key = "sk-test-0123456789abcdefXYZ";
        const QByteArray configuredKey = "plain-configured-secret-42";
        {
            WireCapture capture(config, dir.path());
            QVERIFY(capture.enabled());
            capture.setKnownSecrets({configuredKey});
            server::HttpRequest request;
            request.method = "POST";
            request.target = "/v1beta/models/m:generateContent?key=" + key;
            request.headers = {qMakePair(QByteArray("Authorization"), QByteArray("Bearer " + key)),
                               qMakePair(QByteArray("Content-Type"), QByteArray("application/json"))};
            request.body = QByteArray("{\"text\":\"my key is " + key + " and " + configuredKey + "\"}");
            capture.clientRequest(1, QStringLiteral("s1"), request);

            upstream::UpstreamRequest up;
            up.url = QUrl(QStringLiteral("https://api.example.com/v1/chat/completions"));
            up.headers = {qMakePair(QByteArray("x-api-key"), key)};
            up.body = "{}";
            upstream::UpstreamCallbacks callbacks;
            QByteArray relayed;
            callbacks.onData = [&](QByteArrayView bytes) { relayed += bytes.toByteArray(); };
            capture.tapUpstream(1, QStringLiteral("s1"), QStringLiteral("openai"), up, callbacks);
            callbacks.onHead(200, {qMakePair(QByteArray("set-cookie"), QByteArray("session=abc"))});
            callbacks.onData("hello ");
            callbacks.onData("world");
            callbacks.onDone(Error());
            QCOMPARE(relayed, QByteArray("hello world")); // the wrapped callbacks still run
            capture.flush();
            const QStringList files = captureFilesIn(capture.directory());
            QCOMPARE(files.size(), 1);
            QFile written(files.first());
            QVERIFY(written.open(QIODevice::ReadOnly));
            const QByteArray raw = written.readAll();
            QVERIFY(!raw.contains(key));
            QVERIFY(!raw.contains(configuredKey));
            QVERIFY(!raw.contains("session=abc"));
            QVERIFY(raw.contains(kCaptureRedacted));
        }
        QList<CaptureRecord> records;
        const CaptureReadResult result = readCaptureFile(captureFilesIn(dir.filePath(QStringLiteral("captures"))).value(0),
                                                         [&](CaptureRecord &&r) {
                                                             records.append(std::move(r));
                                                             return true;
                                                         });
        QVERIFY2(result.ok && result.warning.isEmpty(), qPrintable(result.error + result.warning));
        QCOMPARE(records.size(), 6);
        QCOMPARE(records.at(0).url, QByteArray("/v1beta/models/m:generateContent?key=[REDACTED]"));
        QCOMPARE(records.at(0).session, QStringLiteral("s1"));
        QCOMPARE(records.at(1).direction, CaptureDirection::ProxyToUpstream);
        QCOMPARE(records.at(1).backend, QStringLiteral("openai"));
        QCOMPARE(records.at(2).status, 200);
        QCOMPARE(records.at(3).bytes + records.at(4).bytes, QByteArray("hello world"));
        QCOMPARE(records.at(5).kind, CaptureKind::End);
        QVERIFY(records.at(5).error.isEmpty());
    }

    void disabledCaptureWritesNothing()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        WireCapture capture(config::CaptureConfig{}, dir.path());
        QVERIFY(!capture.enabled());
        server::HttpRequest request;
        capture.clientRequest(1, QString(), request);
        upstream::UpstreamCallbacks callbacks;
        capture.tapUpstream(1, QString(), QString(), upstream::UpstreamRequest(), callbacks);
        QVERIFY(!callbacks.onData); // untouched: zero cost on the hot path
        capture.flush();
        QVERIFY(!QFileInfo::exists(dir.filePath(QStringLiteral("captures"))));
    }
};

QTEST_GUILESS_MAIN(TestCaptureSink)
#include "tst_capturesink.moc"
