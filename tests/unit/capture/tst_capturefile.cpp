// SPDX-License-Identifier: GPL-3.0-or-later
// The capture file format: records survive a round trip byte for byte, a file cut anywhere is read
// up to the damage (never a crash), secrets are redacted, and the exports parse back.

#include "observe/capturefile.h"
#include "observe/captureexport.h"
#include "observe/captureredaction.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QTest>

using namespace lip;
using namespace lip::observe;

namespace {

QByteArray binaryBytes(int size, quint32 seed)
{
    QByteArray out(size, Qt::Uninitialized);
    QRandomGenerator gen(seed);
    for (int i = 0; i < size; ++i)
        out[i] = char(gen.bounded(256));
    return out;
}

QList<CaptureRecord> sampleExchange(quint64 id)
{
    QList<CaptureRecord> out;
    CaptureRecord req;
    req.timeMs = 1764640000000 + qint64(id) * 10;
    req.direction = CaptureDirection::ClientToProxy;
    req.kind = CaptureKind::Request;
    req.requestId = id;
    req.session = QStringLiteral("sess-é");
    req.method = "POST";
    req.url = "/v1/chat/completions";
    req.headers = {qMakePair(QByteArray("Content-Type"), QByteArray("application/json"))};
    req.bytes = R"({"model":"gpt-4o","messages":[{"role":"user","content":"héllo"}],"temperature":0.20})";
    out.append(req);
    CaptureRecord up = req;
    up.direction = CaptureDirection::ProxyToUpstream;
    up.upstreamCall = quint32(id);
    up.backend = QStringLiteral("openai");
    up.url = "http://127.0.0.1:9/v1/chat/completions";
    out.append(up);
    CaptureRecord head;
    head.timeMs = req.timeMs + 3;
    head.direction = CaptureDirection::UpstreamToProxy;
    head.kind = CaptureKind::Head;
    head.requestId = id;
    head.upstreamCall = quint32(id);
    head.status = 200;
    head.headers = {qMakePair(QByteArray("content-type"), QByteArray("text/event-stream"))};
    out.append(head);
    for (int i = 0; i < 3; ++i) {
        CaptureRecord data;
        data.timeMs = req.timeMs + 4 + i;
        data.direction = CaptureDirection::UpstreamToProxy;
        data.kind = CaptureKind::Data;
        data.requestId = id;
        data.upstreamCall = quint32(id);
        data.bytes = "data: {\"i\":" + QByteArray::number(i) + "}\n\n";
        out.append(data);
    }
    CaptureRecord end;
    end.timeMs = req.timeMs + 9;
    end.direction = CaptureDirection::UpstreamToProxy;
    end.kind = CaptureKind::End;
    end.requestId = id;
    end.upstreamCall = quint32(id);
    out.append(end);
    CaptureRecord chead = head;
    chead.direction = CaptureDirection::ProxyToClient;
    chead.upstreamCall = 0;
    chead.contentType = "text/event-stream";
    out.append(chead);
    CaptureRecord cdata;
    cdata.timeMs = req.timeMs + 10;
    cdata.direction = CaptureDirection::ProxyToClient;
    cdata.kind = CaptureKind::Data;
    cdata.requestId = id;
    cdata.bytes = binaryBytes(300, quint32(id)); // not UTF-8: exports must carry it as base64
    out.append(cdata);
    CaptureRecord cend = end;
    cend.direction = CaptureDirection::ProxyToClient;
    cend.upstreamCall = 0;
    cend.error = QStringLiteral("the response was cut off");
    out.append(cend);
    return out;
}

QByteArray fileOf(const QList<CaptureRecord> &records, QList<qsizetype> *boundaries = nullptr)
{
    CaptureFileHeader header;
    header.appVersion = QStringLiteral("9.9.9");
    header.startedMs = 1764640000000;
    header.runId = QStringLiteral("run-1");
    QByteArray data = encodeCaptureHeader(header);
    if (boundaries)
        boundaries->append(data.size());
    for (const CaptureRecord &r : records) {
        data += encodeCaptureRecord(r);
        if (boundaries)
            boundaries->append(data.size());
    }
    return data;
}

bool sameRecord(const CaptureRecord &a, const CaptureRecord &b)
{
    return a.timeMs == b.timeMs && a.direction == b.direction && a.kind == b.kind && a.requestId == b.requestId
        && a.upstreamCall == b.upstreamCall && a.session == b.session && a.backend == b.backend
        && a.method == b.method && a.url == b.url && a.status == b.status && a.headers == b.headers
        && a.contentType == b.contentType && a.bytes == b.bytes && a.error == b.error;
}

QList<CaptureRecord> readAll(const QByteArray &data, CaptureReadResult *result)
{
    QList<CaptureRecord> out;
    *result = readCaptureData(data, QStringLiteral("test.lipcap"), [&](CaptureRecord &&r) {
        out.append(std::move(r));
        return true;
    });
    return out;
}

QString writeTemp(const QTemporaryDir &dir, const QString &name, const QByteArray &data)
{
    const QString path = dir.filePath(name);
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(data) != data.size())
        return {};
    return path;
}

} // namespace

class TestCaptureFile : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void roundTripKeepsEveryField()
    {
        const QList<CaptureRecord> records = sampleExchange(7) + sampleExchange(8);
        CaptureReadResult result;
        const QList<CaptureRecord> back = readAll(fileOf(records), &result);
        QVERIFY2(result.ok, qPrintable(result.error));
        QVERIFY2(result.warning.isEmpty(), qPrintable(result.warning));
        QCOMPARE(result.header.appVersion, QStringLiteral("9.9.9"));
        QCOMPARE(result.header.runId, QStringLiteral("run-1"));
        QCOMPARE(result.header.formatVersion, kCaptureFormatVersion);
        QCOMPARE(back.size(), records.size());
        for (qsizetype i = 0; i < records.size(); ++i)
            QVERIFY2(sameRecord(back.at(i), records.at(i)), qPrintable(QStringLiteral("record %1 differs").arg(i)));
    }

    void notACaptureFile_data()
    {
        QTest::addColumn<QByteArray>("data");
        QTest::newRow("empty") << QByteArray();
        QTest::newRow("json") << QByteArray(R"({"magic":"llm-interactive-proxy capture"})");
        QTest::newRow("other cbor map") << QByteArray::fromHex("a1616101");
        QTest::newRow("random") << binaryBytes(500, 3);
    }

    void notACaptureFile()
    {
        QFETCH(QByteArray, data);
        CaptureReadResult result;
        const QList<CaptureRecord> back = readAll(data, &result);
        QVERIFY(!result.ok);
        QVERIFY(result.error.contains(QLatin1String("test.lipcap")));
        QVERIFY(back.isEmpty());
    }

    void unsupportedVersionIsNamed()
    {
        CaptureFileHeader header;
        header.formatVersion = 99;
        CaptureReadResult result;
        readAll(encodeCaptureHeader(header), &result);
        QVERIFY(!result.ok);
        QVERIFY(result.error.contains(QLatin1String("version 99")));
    }

    // A file cut at any byte (crash, full disk) yields exactly the complete records before the cut.
    void truncatedFileReadsUpToTheDamage_data()
    {
        QTest::addColumn<int>("step");
        QTest::newRow("every 7th byte") << 7;
        QTest::newRow("every 61st byte") << 61;
    }

    void truncatedFileReadsUpToTheDamage()
    {
        QFETCH(int, step);
        const QList<CaptureRecord> records = sampleExchange(1) + sampleExchange(2);
        QList<qsizetype> boundaries;
        const QByteArray full = fileOf(records, &boundaries);
        int checked = 0;
        for (qsizetype cut = 1; cut < full.size(); cut += step) {
            CaptureReadResult result;
            const QList<CaptureRecord> back = readAll(full.left(cut), &result);
            if (cut < boundaries.first()) {
                QVERIFY2(!result.ok, qPrintable(QStringLiteral("cut at %1 inside the header").arg(cut)));
                continue;
            }
            QVERIFY2(result.ok, qPrintable(result.error));
            qsizetype complete = 0; // records that end at or before the cut
            while (complete + 1 < boundaries.size() && boundaries.at(complete + 1) <= cut)
                ++complete;
            QCOMPARE(back.size(), complete);
            for (qsizetype i = 0; i < back.size(); ++i)
                QVERIFY(sameRecord(back.at(i), records.at(i)));
            const bool atBoundary = boundaries.contains(cut);
            QCOMPARE(result.warning.isEmpty(), atBoundary);
            if (!atBoundary) {
                QVERIFY(result.warning.contains(QLatin1String("test.lipcap")));
                QCOMPARE(result.damagedAt, qint64(boundaries.at(complete)));
            }
            ++checked;
        }
        QVERIFY(checked > 10);
    }

    // Flipped bytes may turn into anything; the reader must stop cleanly, never crash or hang.
    void corruptedBytesNeverCrash()
    {
        const QByteArray full = fileOf(sampleExchange(1) + sampleExchange(2));
        QRandomGenerator gen(42);
        for (int round = 0; round < 300; ++round) {
            QByteArray damaged = full;
            for (int n = 0; n < 3; ++n)
                damaged[gen.bounded(int(damaged.size()))] = char(gen.bounded(256));
            CaptureReadResult result;
            const QList<CaptureRecord> back = readAll(damaged, &result);
            QVERIFY(back.size() <= 20);
        }
        // A byte string that claims to be huge must not make the reader allocate it.
        QByteArray huge = fileOf({});
        huge += QByteArray::fromHex("bf61745b7fffffffffffffff");
        CaptureReadResult result;
        readAll(huge, &result);
        QVERIFY(result.ok);
        QVERIFY(!result.warning.isEmpty());
    }

    void headersAreRedacted_data()
    {
        QTest::addColumn<QByteArray>("name");
        QTest::addColumn<bool>("secret");
        QTest::newRow("authorization") << QByteArray("Authorization") << true;
        QTest::newRow("x-api-key") << QByteArray("x-api-key") << true;
        QTest::newRow("x-goog-api-key") << QByteArray("X-Goog-Api-Key") << true;
        QTest::newRow("cookie") << QByteArray("Cookie") << true;
        QTest::newRow("set-cookie") << QByteArray("set-cookie") << true;
        QTest::newRow("proxy-authorization") << QByteArray("Proxy-Authorization") << true;
        QTest::newRow("content-type") << QByteArray("Content-Type") << false;
        QTest::newRow("anthropic-version") << QByteArray("anthropic-version") << false;
    }

    void headersAreRedacted()
    {
        QFETCH(QByteArray, name);
        QFETCH(bool, secret);
        const HeaderList in = {qMakePair(QByteArray("Host"), QByteArray("x")),
                               qMakePair(name, QByteArray("Bearer sk-secret-value-1234567890"))};
        const HeaderList out = redactHeaders(in);
        QCOMPARE(out.size(), 2);
        QCOMPARE(out.at(0), in.at(0));
        QCOMPARE(out.at(1).first, name);
        QCOMPARE(out.at(1).second, secret ? QByteArray(kCaptureRedacted) : in.at(1).second);
    }

    void urlKeysAreRedacted_data()
    {
        QTest::addColumn<QByteArray>("url");
        QTest::addColumn<QByteArray>("expected");
        QTest::newRow("none") << QByteArray("/v1/models") << QByteArray("/v1/models");
        QTest::newRow("gemini key") << QByteArray("/v1beta/models/g:streamGenerateContent?alt=sse&key=AIzaSECRET")
                                    << QByteArray("/v1beta/models/g:streamGenerateContent?alt=sse&key=[REDACTED]");
        QTest::newRow("key first") << QByteArray("https://h/x?key=abc&alt=sse") << QByteArray("https://h/x?key=[REDACTED]&alt=sse");
        QTest::newRow("fragment kept") << QByteArray("/x?api_key=zz#frag") << QByteArray("/x?api_key=[REDACTED]#frag");
        QTest::newRow("monkey is not key") << QByteArray("/x?monkey=1") << QByteArray("/x?monkey=1");
    }

    void urlKeysAreRedacted()
    {
        QFETCH(QByteArray, url);
        QFETCH(QByteArray, expected);
        QCOMPARE(redactUrl(url), expected);
    }

    void bodiesAreRedactedOnRequest_data()
    {
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<QByteArray>("expected");
        QTest::newRow("openai key") << QByteArray(R"({"k":"sk-proj-abcdefghijklmnop1234"})") << QByteArray(R"({"k":"[REDACTED]"})");
        QTest::newRow("anthropic key") << QByteArray("key sk-ant-api03-abcdefghijklmnopqrstu end")
                                       << QByteArray("key [REDACTED] end");
        QTest::newRow("google key") << QByteArray("AIzaSyA1234567890abcdefghijklmnopqrstu") << QByteArray("[REDACTED]");
        QTest::newRow("configured key") << QByteArray("my key is local-key-12345678 ok") << QByteArray("my key is [REDACTED] ok");
        QTest::newRow("task- is not a key") << QByteArray("task-abcdefghijklmnopqrstuvw") << QByteArray("task-abcdefghijklmnopqrstuvw");
        QTest::newRow("short sk- kept") << QByteArray("sk-short") << QByteArray("sk-short");
        QTest::newRow("binary kept") << QByteArray("\xff\xfe sk-abcdefghijklmnopqrstuv \x80")
                                     << QByteArray("\xff\xfe [REDACTED] \x80");
    }

    void bodiesAreRedactedOnRequest()
    {
        QFETCH(QByteArray, body);
        QFETCH(QByteArray, expected);
        const BodyRedactor redactor({QByteArray("local-key-12345678"), QByteArray("short")});
        QCOMPARE(redactor.redact(body), expected);
    }

    void exportsParseBack()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QList<CaptureRecord> records = sampleExchange(5) + sampleExchange(6);
        const QString path = writeTemp(dir, QStringLiteral("capture-1.lipcap"), fileOf(records));
        QVERIFY(!path.isEmpty());

        QStringList problems;
        const QList<CaptureExchange> exchanges = readExchanges({path}, &problems);
        QVERIFY(problems.isEmpty());
        QCOMPARE(exchanges.size(), 2);
        QCOMPARE(exchanges.at(0).requestId, quint64(5));
        QCOMPARE(exchanges.at(0).upstream.size(), 1);
        QCOMPARE(exchanges.at(0).upstream.at(0).responseBody,
                 QByteArray("data: {\"i\":0}\n\ndata: {\"i\":1}\n\ndata: {\"i\":2}\n\n"));

        // HAR: two entries per exchange (client hop, upstream hop), bodies intact.
        QJsonParseError error;
        const QJsonDocument har = QJsonDocument::fromJson(exportHar(exchanges), &error);
        QCOMPARE(error.error, QJsonParseError::NoError);
        const QJsonArray entries = har.object().value(QLatin1String("log")).toObject().value(QLatin1String("entries")).toArray();
        QCOMPARE(entries.size(), 4);
        const QJsonObject client = entries.at(0).toObject();
        QCOMPARE(client.value(QLatin1String("_hop")).toString(), QStringLiteral("client"));
        QCOMPARE(client.value(QLatin1String("request")).toObject().value(QLatin1String("postData")).toObject()
                     .value(QLatin1String("text")).toString().toUtf8(), records.at(0).bytes);
        const QJsonObject content = client.value(QLatin1String("response")).toObject().value(QLatin1String("content")).toObject();
        QCOMPARE(content.value(QLatin1String("encoding")).toString(), QStringLiteral("base64"));
        QCOMPARE(QByteArray::fromBase64(content.value(QLatin1String("text")).toString().toLatin1()), binaryBytes(300, 5));
        const QJsonObject upstream = entries.at(1).toObject();
        QCOMPARE(upstream.value(QLatin1String("_backend")).toString(), QStringLiteral("openai"));
        QCOMPARE(upstream.value(QLatin1String("response")).toObject().value(QLatin1String("status")).toInt(), 200);

        // JSONL: one line per record, lossless.
        const QByteArray jsonl = exportJsonl({path}, &problems);
        QVERIFY(problems.isEmpty());
        const QList<QByteArray> lines = jsonl.trimmed().split('\n');
        QCOMPARE(lines.size(), records.size());
        for (qsizetype i = 0; i < lines.size(); ++i) {
            const QJsonObject o = QJsonDocument::fromJson(lines.at(i), &error).object();
            QCOMPARE(error.error, QJsonParseError::NoError);
            QCOMPARE(o.value(QLatin1String("request_id")).toString().toULongLong(), records.at(i).requestId);
            QCOMPARE(o.value(QLatin1String("direction")).toString(),
                     QString::fromLatin1(captureDirectionName(records.at(i).direction)));
            const QByteArray body = o.contains(QLatin1String("body_base64"))
                ? QByteArray::fromBase64(o.value(QLatin1String("body_base64")).toString().toLatin1())
                : o.value(QLatin1String("body")).toString().toUtf8();
            QCOMPARE(body, records.at(i).bytes);
        }

        // The text view names both hops and the file.
        const QString text = formatExchange(exchanges.at(0));
        QVERIFY(text.contains(QLatin1String("client -> proxy")));
        QVERIFY(text.contains(QLatin1String("proxy -> upstream #1 backend openai")));
        QVERIFY(text.contains(QLatin1String("upstream -> proxy #1 backend openai  HTTP 200")));
        QVERIFY(text.contains(QLatin1String("data: {\"i\":2}")));
        QVERIFY(text.contains(path));
    }
};

QTEST_GUILESS_MAIN(TestCaptureFile)
#include "tst_capturefile.moc"
