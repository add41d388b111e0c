// SPDX-License-Identifier: GPL-3.0-or-later
// The pure head parser and chunked decoder of the lean server, without sockets.

#include "server/httpparser.h"

#include <QRandomGenerator>
#include <QTest>

using namespace lip::server;

class TestHttpParser : public QObject
{
    Q_OBJECT

private slots:
    void validHeads_data();
    void validHeads();
    void invalidHeads_data();
    void invalidHeads();
    void needMoreUntilComplete();
    void headLimit();
    void chunkedEverySplit();
    void chunkedErrors_data();
    void chunkedErrors();
    void fuzzParser();
};

void TestHttpParser::validHeads_data()
{
    QTest::addColumn<QByteArray>("raw");
    QTest::addColumn<QByteArray>("method");
    QTest::addColumn<QByteArray>("path");
    QTest::addColumn<QByteArray>("query");
    QTest::addColumn<qint64>("contentLength");
    QTest::addColumn<bool>("chunked");
    QTest::addColumn<bool>("keepAlive");
    QTest::addColumn<int>("headerCount");

    QTest::newRow("get") << QByteArray("GET / HTTP/1.1\r\nHost: a\r\n\r\n") << QByteArray("GET")
                         << QByteArray("/") << QByteArray() << qint64(-1) << false << true << 1;
    QTest::newRow("query") << QByteArray("GET /p?a=1&b HTTP/1.1\r\n\r\n") << QByteArray("GET")
                           << QByteArray("/p") << QByteArray("a=1&b") << qint64(-1) << false << true << 0;
    QTest::newRow("post cl") << QByteArray("POST /x HTTP/1.1\r\ncontent-length:  42 \r\n\r\n")
                             << QByteArray("POST") << QByteArray("/x") << QByteArray() << qint64(42)
                             << false << true << 1;
    QTest::newRow("cl repeated same") << QByteArray("POST /x HTTP/1.1\r\nContent-Length: 7, 7\r\nContent-Length: 7\r\n\r\n")
                                      << QByteArray("POST") << QByteArray("/x") << QByteArray()
                                      << qint64(7) << false << true << 2;
    QTest::newRow("chunked") << QByteArray("POST /x HTTP/1.1\r\nTransfer-Encoding: Chunked\r\n\r\n")
                             << QByteArray("POST") << QByteArray("/x") << QByteArray() << qint64(-1)
                             << true << true << 1;
    QTest::newRow("close") << QByteArray("GET / HTTP/1.1\r\nConnection: foo, close\r\n\r\n")
                           << QByteArray("GET") << QByteArray("/") << QByteArray() << qint64(-1)
                           << false << false << 1;
    QTest::newRow("1.0") << QByteArray("GET / HTTP/1.0\r\n\r\n") << QByteArray("GET") << QByteArray("/")
                         << QByteArray() << qint64(-1) << false << false << 0;
    QTest::newRow("1.0 keep-alive") << QByteArray("GET / HTTP/1.0\r\nConnection: Keep-Alive\r\n\r\n")
                                    << QByteArray("GET") << QByteArray("/") << QByteArray() << qint64(-1)
                                    << false << true << 1;
    QTest::newRow("LF only") << QByteArray("GET /a HTTP/1.1\nA: b\n\n") << QByteArray("GET")
                             << QByteArray("/a") << QByteArray() << qint64(-1) << false << true << 1;
    QTest::newRow("absolute") << QByteArray("GET HTTPS://h:1/v1?x=1 HTTP/1.1\r\n\r\n") << QByteArray("GET")
                              << QByteArray("/v1") << QByteArray("x=1") << qint64(-1) << false << true << 0;
    QTest::newRow("absolute no path") << QByteArray("GET http://h HTTP/1.1\r\n\r\n") << QByteArray("GET")
                                      << QByteArray("/") << QByteArray() << qint64(-1) << false << true << 0;
    QTest::newRow("options *") << QByteArray("OPTIONS * HTTP/1.1\r\n\r\n") << QByteArray("OPTIONS")
                               << QByteArray("*") << QByteArray() << qint64(-1) << false << true << 0;
    QTest::newRow("empty value") << QByteArray("GET / HTTP/1.1\r\nX-E:\r\n\r\n") << QByteArray("GET")
                                 << QByteArray("/") << QByteArray() << qint64(-1) << false << true << 1;
}

void TestHttpParser::validHeads()
{
    QFETCH(QByteArray, raw);
    QFETCH(QByteArray, method);
    QFETCH(QByteArray, path);
    QFETCH(QByteArray, query);
    QFETCH(qint64, contentLength);
    QFETCH(bool, chunked);
    QFETCH(bool, keepAlive);
    QFETCH(int, headerCount);

    const QByteArray withBody = raw + "BODY";
    const HeadParseResult r = parseRequestHead(withBody);
    QCOMPARE(r.status, HeadParseResult::Complete);
    QCOMPARE(r.consumed, raw.size());
    QCOMPARE(r.head.method, method);
    QCOMPARE(r.head.path, path);
    QCOMPARE(r.head.query, query);
    QCOMPARE(r.head.contentLength, contentLength);
    QCOMPARE(r.head.chunked, chunked);
    QCOMPARE(r.head.keepAlive, keepAlive);
    QCOMPARE(r.head.headers.size(), headerCount);
}

void TestHttpParser::invalidHeads_data()
{
    QTest::addColumn<QByteArray>("raw");
    QTest::addColumn<int>("status");
    QTest::newRow("empty method") << QByteArray(" / HTTP/1.1\r\n\r\n") << 400;
    QTest::newRow("version 1.2") << QByteArray("GET / HTTP/1.2\r\n\r\n") << 505;
    QTest::newRow("version 3") << QByteArray("GET / HTTP/3.0\r\n\r\n") << 505;
    QTest::newRow("bad version") << QByteArray("GET / HTTP/1.1x\r\n\r\n") << 400;
    QTest::newRow("CR in line") << QByteArray("GET / HT\rTP/1.1\r\n\r\n") << 400;
    QTest::newRow("header CR") << QByteArray("GET / HTTP/1.1\r\nA: b\rc\r\n\r\n") << 400;
    QTest::newRow("header name space") << QByteArray("GET / HTTP/1.1\r\nA B: c\r\n\r\n") << 400;
    QTest::newRow("empty name") << QByteArray("GET / HTTP/1.1\r\n: c\r\n\r\n") << 400;
    QTest::newRow("cl with te") << QByteArray("POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\nContent-Length: 0\r\n\r\n") << 400;
    QTest::newRow("te empty element") << QByteArray("POST / HTTP/1.1\r\nTransfer-Encoding: ,chunked\r\n\r\n") << 400;
    QTest::newRow("te chunked, gzip") << QByteArray("POST / HTTP/1.1\r\nTransfer-Encoding: chunked, gzip\r\n\r\n") << 400;
    QTest::newRow("te identity, chunked") << QByteArray("POST / HTTP/1.1\r\nTransfer-Encoding: identity, chunked\r\n\r\n") << 501;
    QTest::newRow("long method") << QByteArray(40, 'G') + " / HTTP/1.1\r\n\r\n" << 400;
    QTest::newRow("binary start") << QByteArray("\x80\x81", 2) << 400;
}

void TestHttpParser::invalidHeads()
{
    QFETCH(QByteArray, raw);
    QFETCH(int, status);
    const HeadParseResult r = parseRequestHead(raw);
    QCOMPARE(r.status, HeadParseResult::Error);
    QCOMPARE(r.errorStatus, status);
    QVERIFY(r.errorMessage);
}

void TestHttpParser::needMoreUntilComplete()
{
    const QByteArray raw = "\r\nPOST /v1/chat?x=1 HTTP/1.1\r\nHost: h\r\nContent-Length: 3\r\n\r\nabc";
    const qsizetype headSize = raw.size() - 3;
    qsizetype resume = 0;
    for (qsizetype n = 0; n < headSize; ++n) {
        const HeadParseResult r = parseRequestHead(QByteArrayView(raw).first(n), {}, resume);
        QCOMPARE(r.status, HeadParseResult::NeedMore);
        QVERIFY(r.resumeScanAt <= n);
        resume = r.resumeScanAt;
    }
    const HeadParseResult r = parseRequestHead(raw, {}, resume);
    QCOMPARE(r.status, HeadParseResult::Complete);
    QCOMPARE(r.consumed, headSize);
    QCOMPARE(r.head.contentLength, qint64(3));
}

void TestHttpParser::headLimit()
{
    HeadParseOptions options;
    options.maxHeadBytes = 100;
    QByteArray raw = "GET / HTTP/1.1\r\nX: " + QByteArray(70, 'a') + "\r\n\r\n";
    QCOMPARE(parseRequestHead(raw, options).status, HeadParseResult::Complete);
    raw = "GET / HTTP/1.1\r\nX: " + QByteArray(90, 'a') + "\r\n\r\n";
    HeadParseResult r = parseRequestHead(raw, options);
    QCOMPARE(r.status, HeadParseResult::Error);
    QCOMPARE(r.errorStatus, 431);
    r = parseRequestHead(raw.left(101), options);
    QCOMPARE(r.errorStatus, 431);
    options.maxHeaderCount = 2;
    r = parseRequestHead("GET / HTTP/1.1\r\nA: 1\r\nB: 2\r\nC: 3\r\n\r\n", options);
    QCOMPARE(r.errorStatus, 431);
}

void TestHttpParser::chunkedEverySplit()
{
    const QByteArray body = "4\r\nWiki\r\n7;name=\"v\"\r\npedia i\r\nB\r\nn \r\nchunks.\r\n"
                            "0\r\nTrailer: x\r\nOther: y\r\n\r\nNEXT";
    const QByteArray expected = "Wikipedia in \r\nchunks.";
    const qsizetype endOfBody = body.size() - 4;
    for (qsizetype split = 0; split <= body.size(); ++split) {
        ChunkedDecoder decoder;
        QByteArray out;
        qsizetype used = 0;
        ChunkedDecoder::Status s = decoder.feed(QByteArrayView(body).first(split), out, &used);
        qsizetype total = used;
        if (s != ChunkedDecoder::Done) {
            QCOMPARE(s, ChunkedDecoder::NeedMore);
            QCOMPARE(used, split);
            s = decoder.feed(QByteArrayView(body).sliced(split), out, &used);
            total += used;
        }
        QCOMPARE(s, ChunkedDecoder::Done);
        QCOMPARE(total, endOfBody);
        QCOMPARE(out, expected);
        QCOMPARE(decoder.decodedBytes(), qint64(expected.size()));
    }
}

void TestHttpParser::chunkedErrors_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<int>("status");
    QTest::newRow("no size") << QByteArray("\r\n") << 400;
    QTest::newRow("bad hex") << QByteArray("g\r\n") << 400;
    QTest::newRow("LF only") << QByteArray("1\nx\n") << 400;
    QTest::newRow("data too long") << QByteArray("1\r\nxy\r\n") << 400;
    QTest::newRow("huge size") << QByteArray("ffffffffffffffffff\r\n") << 413;
    QTest::newRow("over limit") << QByteArray("11\r\n") << 413;
    QTest::newRow("over limit in sum") << QByteArray("8\r\n12345678\r\n9\r\n") << 413;
    QTest::newRow("bare LF in ext") << QByteArray("1;a\n") << 400;
    QTest::newRow("bad trailer end") << QByteArray("0\r\nx\rz") << 400;
}

void TestHttpParser::chunkedErrors()
{
    QFETCH(QByteArray, body);
    QFETCH(int, status);
    ChunkedDecoder decoder(16);
    QByteArray out;
    qsizetype used = 0;
    QCOMPARE(decoder.feed(body, out, &used), ChunkedDecoder::Error);
    QCOMPARE(decoder.errorStatus(), status);
    QVERIFY(decoder.errorMessage());
    QCOMPARE(decoder.feed("0\r\n\r\n", out, &used), ChunkedDecoder::Error); // stays failed
}

void TestHttpParser::fuzzParser()
{
    // Properties over random mutations: no crash, sane offsets, and feeding the same bytes in
    // pieces (with the resume hint) ends the same way as feeding them at once.
    const QList<QByteArray> seeds{
        "GET /v1/models?key=x HTTP/1.1\r\nHost: h\r\n\r\n",
        "POST /v1/messages HTTP/1.1\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}",
        "POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n1\r\na\r\n0\r\n\r\n",
    };
    QRandomGenerator rng(777);
    HeadParseOptions options;
    options.maxHeadBytes = 512;
    for (int i = 0; i < 20000; ++i) {
        QByteArray input = seeds[rng.bounded(int(seeds.size()))];
        const int mutations = 1 + rng.bounded(6);
        for (int m = 0; m < mutations; ++m) {
            const int pos = input.isEmpty() ? 0 : rng.bounded(int(input.size()));
            switch (rng.bounded(4)) {
            case 0: if (!input.isEmpty()) input[pos] = char(rng.bounded(256)); break;
            case 1: input.insert(pos, char(rng.bounded(256))); break;
            case 2: input.remove(pos, rng.bounded(8)); break;
            case 3: input.insert(pos, rng.bounded(2) ? QByteArray("\r\n") : QByteArray(200, 'x')); break;
            }
        }
        const HeadParseResult whole = parseRequestHead(input, options);
        if (whole.status == HeadParseResult::Complete) {
            QVERIFY(whole.consumed > 0 && whole.consumed <= input.size());
            QVERIFY(!whole.head.method.isEmpty());
        }
        if (whole.status == HeadParseResult::Error)
            QVERIFY(whole.errorStatus >= 400 && whole.errorMessage);

        qsizetype resume = 0;
        HeadParseResult piecewise;
        for (qsizetype n = 0; n <= input.size(); n += 1 + rng.bounded(16)) {
            piecewise = parseRequestHead(QByteArrayView(input).first(n), options, resume);
            if (piecewise.status != HeadParseResult::NeedMore)
                break;
            resume = piecewise.resumeScanAt;
        }
        if (piecewise.status == HeadParseResult::NeedMore)
            piecewise = parseRequestHead(input, options, resume);
        if (piecewise.status == HeadParseResult::Complete) {
            QCOMPARE(whole.status, HeadParseResult::Complete);
            QCOMPARE(piecewise.consumed, whole.consumed);
        }

        ChunkedDecoder decoder(1024);
        QByteArray out;
        qsizetype used = 0;
        if (decoder.feed(input, out, &used) != ChunkedDecoder::Error)
            QVERIFY(used <= input.size());
        QVERIFY(out.size() <= 1024);
    }
}

QTEST_GUILESS_MAIN(TestHttpParser)
#include "tst_httpparser.moc"
