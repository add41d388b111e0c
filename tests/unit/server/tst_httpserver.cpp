// SPDX-License-Identifier: GPL-3.0-or-later
// The lean HTTP/1.1 server over real sockets on 127.0.0.1: framing, keep-alive, pipelining,
// streaming, disconnects, limits, upgrades, and a fuzz run of mutated heads.

#include "server/httpserver.h"

#include <QRandomGenerator>
#include <QTcpServer>
#include <QTcpSocket>
#include <QDeadlineTimer>
#include <QTest>
#include <QTimer>

#ifdef Q_OS_WIN
#include <winsock2.h>
#else
#include <sys/socket.h>
#endif

#include <optional>

using namespace lip;
using namespace lip::server;

namespace {

struct Response
{
    int status = 0;
    HeaderList headers;
    QByteArray body;
    QList<QByteArray> chunks;
    bool chunked = false;

    QByteArray header(QByteArrayView name) const
    {
        for (const auto &[k, v] : headers) {
            if (k.compare(name, Qt::CaseInsensitive) == 0)
                return v;
        }
        return {};
    }
    bool hasHeader(QByteArrayView name) const
    {
        for (const auto &entry : headers) {
            if (entry.first.compare(name, Qt::CaseInsensitive) == 0)
                return true;
        }
        return false;
    }
};

// One response from the start of buf: bytes consumed when complete, 0 when more is needed (r
// still gets the chunks seen so far), -1 when the bytes are not an HTTP/1.1 response.
qsizetype parseResponse(const QByteArray &buf, Response &r, bool headRequest, bool eof)
{
    r = Response{};
    static const QByteArray prefix("HTTP/1.1 ");
    if (!prefix.startsWith(buf.left(prefix.size())))
        return -1;
    const qsizetype headEnd = buf.indexOf("\r\n\r\n");
    if (headEnd < 0)
        return 0;
    const QList<QByteArray> lines = buf.left(headEnd).split('\n');
    const QByteArray statusLine = lines.first().trimmed();
    bool ok = false;
    r.status = statusLine.mid(9, 3).toInt(&ok);
    if (!ok || statusLine.size() < 12)
        return -1;
    for (qsizetype i = 1; i < lines.size(); ++i) {
        const QByteArray line = lines[i].trimmed();
        const qsizetype colon = line.indexOf(':');
        if (colon <= 0)
            return -1;
        r.headers.append({line.left(colon), line.mid(colon + 1).trimmed()});
    }
    qsizetype pos = headEnd + 4;
    if (headRequest || r.status < 200 || r.status == 204 || r.status == 304)
        return pos;
    if (r.header("transfer-encoding").toLower() == "chunked") {
        r.chunked = true;
        for (;;) {
            const qsizetype lineEnd = buf.indexOf("\r\n", pos);
            if (lineEnd < 0)
                return 0;
            const qsizetype size = buf.mid(pos, lineEnd - pos).toLongLong(&ok, 16);
            if (!ok)
                return -1;
            if (buf.size() < lineEnd + 2 + size + 2)
                return 0;
            if (buf.mid(lineEnd + 2 + size, 2) != "\r\n")
                return -1;
            pos = lineEnd + 2 + size + 2;
            if (size == 0)
                return pos;
            r.chunks.append(buf.mid(lineEnd + 2, size));
            r.body += r.chunks.last();
        }
    }
    if (r.hasHeader("content-length")) {
        const qsizetype length = r.header("content-length").toLongLong(&ok);
        if (!ok)
            return -1;
        if (buf.size() - pos < length)
            return 0;
        r.body = buf.mid(pos, length);
        return pos + length;
    }
    if (!eof)
        return 0;
    r.body = buf.mid(pos);
    return buf.size();
}

void shutdownWrite(QTcpSocket &socket)
{
#ifdef Q_OS_WIN
    ::shutdown(SOCKET(socket.socketDescriptor()), SD_SEND);
#else
    ::shutdown(int(socket.socketDescriptor()), SHUT_WR);
#endif
}

// Like QTest::qWaitFor, but wakes on every event instead of polling every 10 ms: the fuzz run
// waits thousands of times.
template <typename Predicate>
bool waitUntil(Predicate predicate, int timeoutMs = 5000)
{
    const QDeadlineTimer deadline(timeoutMs);
    QTimer tick; // bounds each blocking wait so the deadline is seen
    tick.start(50);
    while (!predicate()) {
        if (deadline.hasExpired())
            return false;
        QCoreApplication::processEvents(QEventLoop::AllEvents | QEventLoop::WaitForMoreEvents);
    }
    return true;
}

class Client : public QObject
{
public:
    explicit Client(quint16 port)
    {
        m_socket.setSocketOption(QAbstractSocket::LowDelayOption, 1);
        connect(&m_socket, &QIODevice::readyRead, this, [this] { m_in += m_socket.readAll(); });
        connect(&m_socket, &QAbstractSocket::disconnected, this, [this] {
            if (m_socket.isOpen())
                m_in += m_socket.readAll();
            m_closed = true;
        });
        m_socket.connectToHost(QHostAddress::LocalHost, port);
    }
    ~Client() override { m_socket.disconnect(this); }

    bool waitConnected()
    {
        return waitUntil([this] { return m_socket.state() == QAbstractSocket::ConnectedState; },
                               5000);
    }
    void send(const QByteArray &bytes)
    {
        if (m_socket.state() != QAbstractSocket::ConnectedState && !m_closed)
            (void)waitConnected();
        m_socket.write(bytes);
        m_socket.flush();
    }
    // The next complete response; nullopt on timeout, close or garbage.
    std::optional<Response> next(bool headRequest = false)
    {
        Response r;
        qsizetype used = 0;
        (void)waitUntil(
            [&] {
                used = parseResponse(m_in, r, headRequest, m_closed);
                return used != 0 || m_closed;
            },
            5000);
        used = parseResponse(m_in, r, headRequest, m_closed);
        if (used <= 0)
            return std::nullopt;
        m_in.remove(0, used);
        return r;
    }
    // The response being received (possibly incomplete).
    Response partial(bool headRequest = false) const
    {
        Response r;
        parseResponse(m_in, r, headRequest, m_closed);
        return r;
    }
    bool waitClosed() { return waitUntil([this] { return m_closed; }, 5000); }
    bool closed() const { return m_closed; }
    QByteArray &received() { return m_in; }
    QTcpSocket &socket() { return m_socket; }

private:
    QTcpSocket m_socket;
    QByteArray m_in;
    bool m_closed = false;
};

// A server whose handler echoes the request as "METHOD path?query|body" unless a test sets its
// own handler.
struct TestServer
{
    HttpServer server;
    QList<HttpRequest> requests;
    QList<ResponderPtr> held;

    explicit TestServer(const HttpServerLimits &limits = {})
    {
        server.setLimits(limits);
        echo();
        QString error;
        if (!server.listen(QHostAddress::LocalHost, 0, &error))
            qFatal("listen failed: %s", qPrintable(error));
    }
    void echo()
    {
        server.setHandler([this](HttpRequest &&request, ResponderPtr responder) {
            QByteArray body = request.method + ' ' + request.path;
            if (!request.query.isEmpty())
                body += '?' + request.query;
            body += '|' + request.body;
            requests.append(request);
            responder->respond(200, {{"X-Test", "yes"}}, body, "text/plain");
        });
    }
    // Requests are stored, responses left to the test.
    void hold()
    {
        server.setHandler([this](HttpRequest &&request, ResponderPtr responder) {
            requests.append(std::move(request));
            held.append(std::move(responder));
        });
    }
    quint16 port() const { return server.serverPort(); }
};

QByteArray randomBytes(QRandomGenerator &rng, int n)
{
    QByteArray b(n, '\0');
    for (int i = 0; i < n; ++i)
        b[i] = char(rng.bounded(256));
    return b;
}

} // namespace

class TestHttpServer : public QObject
{
    Q_OBJECT

private slots:
    void simpleRequests_data();
    void simpleRequests();
    void chunkedRequestBody();
    void largeBody();
    void bodyByteByByte();
    void headByteByByte();
    void keepAliveTwoRequests();
    void pipelinedInOrder();
    void streamingArrivesBeforeEnd();
    void streamingWithContentLength();
    void clientGoneMidStream();
    void clientGoneBeforeResponse();
    void payloadTooLarge();
    void chunkedPayloadTooLarge();
    void headTooLarge();
    void badRequests_data();
    void badRequests();
    void headRequest();
    void http10Closes();
    void http10KeepAlive();
    void expectContinue();
    void expectContinueTooLarge();
    void callerHeadersNotDuplicated();
    void droppedResponderAnswers500();
    void maxConnections();
    void takeSocket();
    void takeSocketRewound();
    void headTimeout();
    void idleTimeout();
    void listenError();
    void requestAccessors();
    void reasonPhrases();
    void fuzzHeads();
};

void TestHttpServer::simpleRequests_data()
{
    QTest::addColumn<QByteArray>("raw");
    QTest::addColumn<QByteArray>("expectedBody");

    QTest::newRow("get") << QByteArray("GET /v1/models HTTP/1.1\r\nHost: x\r\n\r\n")
                         << QByteArray("GET /v1/models|");
    QTest::newRow("get with query") << QByteArray("GET /a/b?key=1&x=y HTTP/1.1\r\nHost: x\r\n\r\n")
                                    << QByteArray("GET /a/b?key=1&x=y|");
    QTest::newRow("post") << QByteArray("POST /v1/chat/completions HTTP/1.1\r\nHost: x\r\n"
                                        "Content-Type: application/json\r\nContent-Length: 13\r\n\r\n"
                                        "{\"model\":\"m\"}")
                          << QByteArray("POST /v1/chat/completions|{\"model\":\"m\"}");
    QTest::newRow("post empty body") << QByteArray("POST /x HTTP/1.1\r\nContent-Length: 0\r\n\r\n")
                                     << QByteArray("POST /x|");
    QTest::newRow("bare LF line ends") << QByteArray("GET /lf HTTP/1.1\nHost: x\n\n")
                                       << QByteArray("GET /lf|");
    QTest::newRow("leading blank line") << QByteArray("\r\nGET /blank HTTP/1.1\r\n\r\n")
                                        << QByteArray("GET /blank|");
    QTest::newRow("absolute form") << QByteArray("GET http://127.0.0.1:8000/v1/x?q=1 HTTP/1.1\r\n\r\n")
                                   << QByteArray("GET /v1/x?q=1|");
}

void TestHttpServer::simpleRequests()
{
    QFETCH(QByteArray, raw);
    QFETCH(QByteArray, expectedBody);
    TestServer ts;
    Client c(ts.port());
    c.send(raw);
    const auto r = c.next();
    QVERIFY(r);
    QCOMPARE(r->status, 200);
    QCOMPARE(r->body, expectedBody);
    QCOMPARE(r->header("content-type"), QByteArray("text/plain"));
    QCOMPARE(r->header("content-length"), QByteArray::number(expectedBody.size()));
    QCOMPARE(r->header("x-test"), QByteArray("yes"));
    QVERIFY(!r->hasHeader("connection")); // keep-alive is the HTTP/1.1 default
    QCOMPARE(ts.requests.size(), 1);
    QCOMPARE(ts.requests[0].peer, QHostAddress(QHostAddress::LocalHost));
    QCOMPARE(ts.requests[0].localPort, ts.port());
}

void TestHttpServer::chunkedRequestBody()
{
    TestServer ts;
    Client c(ts.port());
    c.send("POST /c HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n"
           "5\r\nhello\r\n"
           "1;ext=1\r\n \r\n"
           "A\r\n0123456789\r\n"
           "0\r\nX-Trailer: t\r\n\r\n");
    const auto r = c.next();
    QVERIFY(r);
    QCOMPARE(r->status, 200);
    QCOMPARE(r->body, QByteArray("POST /c|hello 0123456789"));
    // the connection is reusable afterwards
    c.send("GET /after HTTP/1.1\r\n\r\n");
    const auto r2 = c.next();
    QVERIFY(r2);
    QCOMPARE(r2->body, QByteArray("GET /after|"));
}

void TestHttpServer::largeBody()
{
    TestServer ts;
    Client c(ts.port());
    QByteArray body(3 * 1024 * 1024 + 17, 'b');
    body[0] = '<';
    body[body.size() - 1] = '>';
    c.send("POST /large HTTP/1.1\r\nContent-Length: " + QByteArray::number(body.size()) + "\r\n\r\n"
           + body + "GET /next HTTP/1.1\r\n\r\n");
    const auto r = c.next();
    QVERIFY(r);
    QCOMPARE(r->status, 200);
    QCOMPARE(r->body.size(), body.size() + 12);
    QVERIFY(r->body == "POST /large|" + body);
    const auto r2 = c.next();
    QVERIFY(r2);
    QCOMPARE(r2->body, QByteArray("GET /next|"));
}

void TestHttpServer::bodyByteByByte()
{
    TestServer ts;
    Client c(ts.port());
    QVERIFY(c.waitConnected());
    const QByteArray body = "{\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
    c.send("POST /b HTTP/1.1\r\nContent-Length: " + QByteArray::number(body.size()) + "\r\n\r\n");
    for (char ch : body) {
        c.send(QByteArray(1, ch));
        QCoreApplication::processEvents();
    }
    const auto r = c.next();
    QVERIFY(r);
    QCOMPARE(r->body, "POST /b|" + body);

    // chunked, byte by byte too
    const QByteArray chunked = "3\r\nabc\r\n2\r\nde\r\n0\r\n\r\n";
    c.send("POST /c HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n");
    for (char ch : chunked) {
        c.send(QByteArray(1, ch));
        QCoreApplication::processEvents();
    }
    const auto r2 = c.next();
    QVERIFY(r2);
    QCOMPARE(r2->body, QByteArray("POST /c|abcde"));
}

void TestHttpServer::headByteByByte()
{
    TestServer ts;
    Client c(ts.port());
    QVERIFY(c.waitConnected());
    const QByteArray raw = "POST /slow?x=1 HTTP/1.1\r\nHost: localhost\r\nX-A: b\r\n"
                           "Content-Length: 2\r\n\r\nok";
    for (char ch : raw) {
        c.send(QByteArray(1, ch));
        QCoreApplication::processEvents();
    }
    const auto r = c.next();
    QVERIFY(r);
    QCOMPARE(r->body, QByteArray("POST /slow?x=1|ok"));
    QCOMPARE(ts.requests.size(), 1);
    QCOMPARE(ts.requests[0].header("x-a"), QByteArray("b"));
}

void TestHttpServer::keepAliveTwoRequests()
{
    TestServer ts;
    Client c(ts.port());
    c.send("GET /one HTTP/1.1\r\n\r\n");
    const auto r1 = c.next();
    QVERIFY(r1);
    QCOMPARE(r1->body, QByteArray("GET /one|"));
    c.send("POST /two HTTP/1.1\r\nContent-Length: 3\r\n\r\nabc");
    const auto r2 = c.next();
    QVERIFY(r2);
    QCOMPARE(r2->body, QByteArray("POST /two|abc"));
    QVERIFY(!c.closed());
    QCOMPARE(ts.requests.size(), 2);
    QCOMPARE(ts.requests[0].connectionId, ts.requests[1].connectionId);
    QCOMPARE(ts.server.connectionCount(), 1);
}

void TestHttpServer::pipelinedInOrder()
{
    TestServer ts;
    ts.hold();
    Client c(ts.port());
    c.send("GET /1 HTTP/1.1\r\n\r\n"
           "POST /2 HTTP/1.1\r\nContent-Length: 4\r\n\r\nbody"
           "POST /3 HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n1\r\nz\r\n0\r\n\r\n"
           "GET /4 HTTP/1.1\r\n\r\n");
    QTRY_COMPARE(ts.requests.size(), 1);
    // The second request must wait until the first response has ended.
    QTest::qWait(50);
    QCOMPARE(ts.requests.size(), 1);
    QCOMPARE(ts.requests[0].path, QByteArray("/1"));

    // Answer the first one by streaming, so "ended" means end(), not the head.
    ts.held[0]->beginStream(200, {}, "text/plain");
    ts.held[0]->write("one");
    QTest::qWait(20);
    QCOMPARE(ts.requests.size(), 1);
    ts.held[0]->end();
    QTRY_COMPARE(ts.requests.size(), 2);
    QCOMPARE(ts.requests[1].body, QByteArray("body"));
    ts.held[1]->respond(200, {}, "two", "text/plain");
    QTRY_COMPARE(ts.requests.size(), 3);
    QCOMPARE(ts.requests[2].body, QByteArray("z"));
    ts.held[2]->respond(201, {}, "three", "text/plain");
    QTRY_COMPARE(ts.requests.size(), 4);
    ts.held[3]->respond(202, {}, "four", "text/plain");

    const QList<QByteArray> expected{"one", "two", "three", "four"};
    const QList<int> statuses{200, 200, 201, 202};
    for (int i = 0; i < 4; ++i) {
        const auto r = c.next();
        QVERIFY2(r, qPrintable(QString::number(i)));
        QCOMPARE(r->status, statuses[i]);
        QCOMPARE(r->body, expected[i]);
    }
    QVERIFY(!c.closed());
}

void TestHttpServer::streamingArrivesBeforeEnd()
{
    TestServer ts;
    ts.hold();
    Client c(ts.port());
    c.send("POST /v1/chat/completions HTTP/1.1\r\nContent-Length: 2\r\n\r\n{}");
    QTRY_COMPARE(ts.held.size(), 1);
    ResponderPtr responder = ts.held[0];
    responder->beginStream(200, {{"Cache-Control", "no-cache"}}, "text/event-stream");
    QVERIFY(responder->headSent());
    responder->write("data: one\n\n");

    // The first chunk reaches the client while the response is still open.
    QVERIFY(waitUntil([&] { return c.partial().chunks.size() == 1; }, 5000));
    const Response first = c.partial();
    QCOMPARE(first.status, 200);
    QVERIFY(first.chunked);
    QCOMPARE(first.chunks[0], QByteArray("data: one\n\n"));
    QCOMPARE(first.header("content-type"), QByteArray("text/event-stream"));
    QCOMPARE(first.header("cache-control"), QByteArray("no-cache"));
    QVERIFY(responder->isOpen());
    QVERIFY(!responder->finished());

    responder->write("");  // an empty write must not end the body
    responder->write("data: two\n\n");
    QVERIFY(waitUntil([&] { return c.partial().chunks.size() == 2; }, 5000));
    responder->end();
    QVERIFY(responder->finished());
    QVERIFY(!responder->isOpen());
    const auto r = c.next();
    QVERIFY(r);
    QCOMPARE(r->chunks, (QList<QByteArray>{"data: one\n\n", "data: two\n\n"}));
    QCOMPARE(responder->bytesWritten(), qint64(22));
    QVERIFY(!c.closed());
}

void TestHttpServer::streamingWithContentLength()
{
    TestServer ts;
    ts.hold();
    Client c(ts.port());
    c.send("GET /file HTTP/1.1\r\n\r\n");
    QTRY_COMPARE(ts.held.size(), 1);
    ts.held[0]->beginStream(200, {}, "application/octet-stream", 6);
    ts.held[0]->write("abc");
    ts.held[0]->write("defEXTRA"); // beyond the declared length: dropped
    ts.held[0]->end();
    const auto r = c.next();
    QVERIFY(r);
    QVERIFY(!r->chunked);
    QCOMPARE(r->body, QByteArray("abcdef"));
    c.send("GET /again HTTP/1.1\r\n\r\n");
    QTRY_COMPARE(ts.held.size(), 2);
    ts.held[1]->respond(204, {}, {});
    const auto r2 = c.next();
    QVERIFY(r2);
    QCOMPARE(r2->status, 204);
    QVERIFY(!r2->hasHeader("content-length"));
}

void TestHttpServer::clientGoneMidStream()
{
    TestServer ts;
    ts.hold();
    Client c(ts.port());
    c.send("POST /s HTTP/1.1\r\nContent-Length: 0\r\n\r\n");
    QTRY_COMPARE(ts.held.size(), 1);
    ResponderPtr responder = ts.held[0];
    int gone = 0;
    responder->onClientGone([&gone] { ++gone; });
    responder->beginStream(200, {}, "text/event-stream");
    responder->write("data: 1\n\n");
    QVERIFY(waitUntil([&] { return c.partial().chunks.size() == 1; }, 5000));

    c.socket().abort();
    QTRY_COMPARE(gone, 1);
    QVERIFY(!responder->isOpen());
    responder->write("data: 2\n\n");
    responder->end();
    responder->abortConnection();
    QTest::qWait(20);
    QCOMPARE(gone, 1);
    QVERIFY(!responder->finished());
    QTRY_COMPARE(ts.server.connectionCount(), 0);
    // registering after the fact still tells the handler, once
    int late = 0;
    responder->onClientGone([&late] { ++late; });
    QCOMPARE(late, 1);
}

void TestHttpServer::clientGoneBeforeResponse()
{
    TestServer ts;
    ts.hold();
    Client c(ts.port());
    c.send("GET /pending HTTP/1.1\r\n\r\n");
    QTRY_COMPARE(ts.held.size(), 1);
    int gone = 0;
    ts.held[0]->onClientGone([&gone] { ++gone; });
    shutdownWrite(c.socket()); // EOF while the response is pending
    QTRY_COMPARE(gone, 1);
    ts.held[0]->respond(200, {}, "late");
    QCOMPARE(gone, 1);
    QVERIFY(!ts.held[0]->headSent());
}

void TestHttpServer::payloadTooLarge()
{
    HttpServerLimits limits;
    limits.maxBodyBytes = 1000;
    TestServer ts(limits);
    Client c(ts.port());
    // The body is never sent: the answer must come from the Content-Length alone.
    c.send("POST /big HTTP/1.1\r\nContent-Length: 5000\r\n\r\n");
    const auto r = c.next();
    QVERIFY(r);
    QCOMPARE(r->status, 413);
    QCOMPARE(r->header("connection"), QByteArray("close"));
    QCOMPARE(r->header("content-type"), QByteArray("application/json"));
    QVERIFY(r->body.contains("\"type\":\"invalid_request_error\""));
    QVERIFY(c.waitClosed());
    QCOMPARE(ts.requests.size(), 0);
}

void TestHttpServer::chunkedPayloadTooLarge()
{
    HttpServerLimits limits;
    limits.maxBodyBytes = 10;
    TestServer ts(limits);
    Client c(ts.port());
    c.send("POST /big HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n8\r\n12345678\r\n8\r\n");
    const auto r = c.next();
    QVERIFY(r);
    QCOMPARE(r->status, 413);
    QVERIFY(c.waitClosed());
    QCOMPARE(ts.requests.size(), 0);
}

void TestHttpServer::headTooLarge()
{
    HttpServerLimits limits;
    limits.maxHeadBytes = 1024;
    TestServer ts(limits);
    {
        Client c(ts.port());
        c.send("GET / HTTP/1.1\r\nX-Big: " + QByteArray(4000, 'a') + "\r\n\r\n");
        const auto r = c.next();
        QVERIFY(r);
        QCOMPARE(r->status, 431);
        QVERIFY(c.waitClosed());
    }
    {
        // without a terminator in sight
        Client c(ts.port());
        c.send("GET / HTTP/1.1\r\nX-Big: " + QByteArray(2000, 'a'));
        const auto r = c.next();
        QVERIFY(r);
        QCOMPARE(r->status, 431);
    }
    QCOMPARE(ts.requests.size(), 0);
}

void TestHttpServer::badRequests_data()
{
    QTest::addColumn<QByteArray>("raw");
    QTest::addColumn<int>("status");

    QTest::newRow("no version") << QByteArray("GET /\r\n\r\n") << 400;
    QTest::newRow("extra token") << QByteArray("GET / HTTP/1.1 x\r\n\r\n") << 400;
    QTest::newRow("double space") << QByteArray("GET  / HTTP/1.1\r\n\r\n") << 400;
    QTest::newRow("lowercase version") << QByteArray("GET / http/1.1\r\n\r\n") << 400;
    QTest::newRow("http/2") << QByteArray("GET / HTTP/2.0\r\n\r\n") << 505;
    QTest::newRow("relative target") << QByteArray("GET foo HTTP/1.1\r\n\r\n") << 400;
    QTest::newRow("control char in target") << QByteArray("GET /a\x01 HTTP/1.1\r\n\r\n") << 400;
    QTest::newRow("bad method") << QByteArray("G(T / HTTP/1.1\r\n\r\n") << 400;
    QTest::newRow("tls hello") << QByteArray("\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03", 11) << 400;
    QTest::newRow("no colon") << QByteArray("GET / HTTP/1.1\r\nHost x\r\n\r\n") << 400;
    QTest::newRow("space before colon") << QByteArray("GET / HTTP/1.1\r\nHost : x\r\n\r\n") << 400;
    QTest::newRow("obs-fold") << QByteArray("GET / HTTP/1.1\r\nX-A: b\r\n c\r\n\r\n") << 400;
    QTest::newRow("NUL in value") << QByteArray("GET / HTTP/1.1\r\nX-A: b\0c\r\n\r\n", 29) << 400;
    QTest::newRow("CL letters") << QByteArray("POST / HTTP/1.1\r\nContent-Length: abc\r\n\r\n") << 400;
    QTest::newRow("CL negative") << QByteArray("POST / HTTP/1.1\r\nContent-Length: -1\r\n\r\n") << 400;
    QTest::newRow("CL plus sign") << QByteArray("POST / HTTP/1.1\r\nContent-Length: +5\r\n\r\n") << 400;
    QTest::newRow("CL empty") << QByteArray("POST / HTTP/1.1\r\nContent-Length:\r\n\r\n") << 400;
    QTest::newRow("CL conflicting")
        << QByteArray("POST / HTTP/1.1\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\nab") << 400;
    QTest::newRow("CL list mismatch") << QByteArray("POST / HTTP/1.1\r\nContent-Length: 1, 2\r\n\r\nab")
                                      << 400;
    QTest::newRow("CL huge") << QByteArray("POST / HTTP/1.1\r\nContent-Length: 99999999999999999999999\r\n\r\n")
                             << 413;
    QTest::newRow("CL and TE")
        << QByteArray("POST / HTTP/1.1\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n")
        << 400;
    QTest::newRow("TE gzip only") << QByteArray("POST / HTTP/1.1\r\nTransfer-Encoding: gzip\r\n\r\n") << 400;
    QTest::newRow("TE gzip, chunked")
        << QByteArray("POST / HTTP/1.1\r\nTransfer-Encoding: gzip, chunked\r\n\r\n") << 501;
    QTest::newRow("TE chunked twice")
        << QByteArray("POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\nTransfer-Encoding: chunked\r\n\r\n")
        << 400;
    QTest::newRow("TE in HTTP/1.0")
        << QByteArray("POST / HTTP/1.0\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n") << 400;
    QTest::newRow("bad chunk size")
        << QByteArray("POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n") << 400;
    QTest::newRow("chunk without CRLF")
        << QByteArray("POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nabcd\r\n") << 400;
}

void TestHttpServer::badRequests()
{
    QFETCH(QByteArray, raw);
    QFETCH(int, status);
    TestServer ts;
    Client c(ts.port());
    c.send(raw);
    const auto r = c.next();
    QVERIFY(r);
    QCOMPARE(r->status, status);
    QCOMPARE(r->header("connection"), QByteArray("close"));
    QVERIFY(r->body.startsWith("{\"error\":{\"message\":\""));
    QVERIFY(r->body.endsWith("\",\"type\":\"invalid_request_error\"}}"));
    QVERIFY(c.waitClosed());
    QCOMPARE(ts.requests.size(), 0);
}

void TestHttpServer::headRequest()
{
    TestServer ts;
    ts.server.setHandler([](HttpRequest &&, ResponderPtr responder) {
        responder->respond(200, {}, "hello", "text/plain");
    });
    Client c(ts.port());
    c.send("HEAD /x HTTP/1.1\r\n\r\n");
    const auto r = c.next(true);
    QVERIFY(r);
    QCOMPARE(r->status, 200);
    QCOMPARE(r->header("content-length"), QByteArray("5"));
    QVERIFY(c.received().isEmpty()); // no body bytes
    // a streamed answer to HEAD sends no chunks either
    ts.server.setHandler([](HttpRequest &&, ResponderPtr responder) {
        responder->beginStream(200, {}, "text/event-stream");
        responder->write("data: x\n\n");
        responder->end();
    });
    c.send("HEAD /y HTTP/1.1\r\n\r\n");
    const auto r2 = c.next(true);
    QVERIFY(r2);
    QCOMPARE(r2->status, 200);
    ts.server.setHandler([](HttpRequest &&, ResponderPtr responder) {
        responder->respond(200, {}, "after", "text/plain");
    });
    c.send("GET /z HTTP/1.1\r\n\r\n");
    const auto r3 = c.next();
    QVERIFY(r3);
    QCOMPARE(r3->body, QByteArray("after"));
}

void TestHttpServer::http10Closes()
{
    TestServer ts;
    Client c(ts.port());
    c.send("GET /old HTTP/1.0\r\n\r\n");
    const auto r = c.next();
    QVERIFY(r);
    QCOMPARE(r->body, QByteArray("GET /old|"));
    QCOMPARE(r->header("connection"), QByteArray("close"));
    QVERIFY(c.waitClosed());

    // HTTP/1.1 with Connection: close as well
    Client c2(ts.port());
    c2.send("GET /x HTTP/1.1\r\nConnection: close\r\n\r\n");
    const auto r2 = c2.next();
    QVERIFY(r2);
    QCOMPARE(r2->header("connection"), QByteArray("close"));
    QVERIFY(c2.waitClosed());
    QTRY_COMPARE(ts.server.connectionCount(), 0);
}

void TestHttpServer::http10KeepAlive()
{
    TestServer ts;
    Client c(ts.port());
    c.send("GET /a HTTP/1.0\r\nConnection: keep-alive\r\n\r\n");
    const auto r = c.next();
    QVERIFY(r);
    QCOMPARE(r->header("connection"), QByteArray("keep-alive"));
    c.send("GET /b HTTP/1.0\r\nConnection: keep-alive\r\n\r\n");
    const auto r2 = c.next();
    QVERIFY(r2);
    QCOMPARE(r2->body, QByteArray("GET /b|"));
    QVERIFY(!c.closed());

    // streaming to an HTTP/1.0 client: no chunked framing, the close ends the body
    ts.server.setHandler([](HttpRequest &&, ResponderPtr responder) {
        responder->beginStream(200, {}, "text/plain");
        responder->write("part1 ");
        responder->write("part2");
        responder->end();
    });
    c.send("GET /c HTTP/1.0\r\nConnection: keep-alive\r\n\r\n");
    const auto r3 = c.next();
    QVERIFY(r3);
    QVERIFY(!r3->chunked);
    QCOMPARE(r3->body, QByteArray("part1 part2"));
    QVERIFY(c.closed());
}

void TestHttpServer::expectContinue()
{
    TestServer ts;
    Client c(ts.port());
    c.send("POST /e HTTP/1.1\r\nContent-Length: 5\r\nExpect: 100-continue\r\n\r\n");
    const auto interim = c.next();
    QVERIFY(interim);
    QCOMPARE(interim->status, 100);
    QCOMPARE(ts.requests.size(), 0);
    c.send("hello");
    const auto r = c.next();
    QVERIFY(r);
    QCOMPARE(r->status, 200);
    QCOMPARE(r->body, QByteArray("POST /e|hello"));
}

void TestHttpServer::expectContinueTooLarge()
{
    HttpServerLimits limits;
    limits.maxBodyBytes = 4;
    TestServer ts(limits);
    Client c(ts.port());
    c.send("POST /e HTTP/1.1\r\nContent-Length: 5\r\nExpect: 100-continue\r\n\r\n");
    const auto r = c.next();
    QVERIFY(r);
    QCOMPARE(r->status, 413); // and no 100 Continue before it
    QVERIFY(c.waitClosed());
}

void TestHttpServer::callerHeadersNotDuplicated()
{
    TestServer ts;
    ts.server.setHandler([](HttpRequest &&, ResponderPtr responder) {
        responder->respond(200,
                           {{"content-type", "application/x-ndjson"},
                            {"Content-Length", "999"},
                            {"Transfer-Encoding", "chunked"},
                            {"X-Evil", "a\r\nInjected: 1"},
                            {"X-Good", "1"}},
                           "{}\n");
    });
    Client c(ts.port());
    c.send("GET / HTTP/1.1\r\n\r\n");
    const auto r = c.next();
    QVERIFY(r);
    int contentTypes = 0, lengths = 0;
    for (const auto &[k, v] : r->headers) {
        contentTypes += k.compare("content-type", Qt::CaseInsensitive) == 0;
        lengths += k.compare("content-length", Qt::CaseInsensitive) == 0;
        QVERIFY(k.compare("injected", Qt::CaseInsensitive) != 0);
        QVERIFY(k.compare("transfer-encoding", Qt::CaseInsensitive) != 0);
    }
    QCOMPARE(contentTypes, 1);
    QCOMPARE(lengths, 1);
    QCOMPARE(r->header("content-type"), QByteArray("application/x-ndjson"));
    QCOMPARE(r->header("content-length"), QByteArray("3"));
    QCOMPARE(r->header("x-good"), QByteArray("1"));
    QCOMPARE(r->body, QByteArray("{}\n"));

    // a caller's "Connection: close" is honoured
    ts.server.setHandler([](HttpRequest &&, ResponderPtr responder) {
        responder->respond(200, {{"Connection", "close"}}, "bye");
    });
    c.send("GET / HTTP/1.1\r\n\r\n");
    const auto r2 = c.next();
    QVERIFY(r2);
    QCOMPARE(r2->header("connection"), QByteArray("close"));
    QVERIFY(c.waitClosed());
}

void TestHttpServer::droppedResponderAnswers500()
{
    TestServer ts;
    ts.server.setHandler([](HttpRequest &&, ResponderPtr) {});
    Client c(ts.port());
    c.send("GET / HTTP/1.1\r\n\r\n");
    const auto r = c.next();
    QVERIFY(r);
    QCOMPARE(r->status, 500);
    c.send("GET / HTTP/1.1\r\n\r\n"); // the connection stays usable
    const auto r2 = c.next();
    QVERIFY(r2);
    QCOMPARE(r2->status, 500);
}

void TestHttpServer::maxConnections()
{
    HttpServerLimits limits;
    limits.maxConnections = 1;
    TestServer ts(limits);
    Client a(ts.port());
    a.send("GET /a HTTP/1.1\r\n\r\n");
    QVERIFY(a.next());
    QCOMPARE(ts.server.connectionCount(), 1);
    Client b(ts.port());
    const auto r = b.next();
    QVERIFY(r);
    QCOMPARE(r->status, 503);
    QVERIFY(b.waitClosed());
    // the first one is unaffected
    a.send("GET /a2 HTTP/1.1\r\n\r\n");
    const auto r2 = a.next();
    QVERIFY(r2);
    QCOMPARE(r2->status, 200);
}

void TestHttpServer::takeSocket()
{
    TestServer ts;
    QTcpSocket *taken = nullptr;
    ResponderPtr kept;
    ts.server.setHandler([&](HttpRequest &&request, ResponderPtr responder) {
        QVERIFY(request.wantsUpgrade());
        QVERIFY(!request.rawHead.isEmpty());
        kept = responder;
        taken = ts.server.takeSocket(request.connectionId);
        QVERIFY(!ts.server.takeSocket(request.connectionId)); // only once
    });
    Client c(ts.port());
    c.send("GET /ws HTTP/1.1\r\nHost: x\r\nConnection: keep-alive, Upgrade\r\nUpgrade: websocket\r\n\r\n"
           "EXTRA");
    QTRY_VERIFY(taken);
    QVERIFY(!taken->parent());
    QVERIFY(waitUntil([&] { return taken->bytesAvailable() >= 5; }, 5000));
    QCOMPARE(taken->readAll(), QByteArray("EXTRA"));
    QTRY_COMPARE(ts.server.connectionCount(), 0);
    kept->respond(200, {}, "nope"); // no-op: the socket belongs to someone else now
    QVERIFY(!kept->isOpen());
    taken->write("raw frames");
    taken->flush();
    QVERIFY(waitUntil([&] { return c.received() == "raw frames"; }, 5000));
    c.send("more");
    QVERIFY(waitUntil([&] { return taken->bytesAvailable() >= 4; }, 5000));
    QCOMPARE(taken->readAll(), QByteArray("more"));
    delete taken;
    QVERIFY(c.waitClosed());
}

void TestHttpServer::takeSocketRewound()
{
    TestServer ts;
    QTcpSocket *taken = nullptr;
    QByteArray rawHead;
    ts.server.setHandler([&](HttpRequest &&request, ResponderPtr) {
        rawHead = request.rawHead;
        taken = ts.server.takeSocketRewound(request.connectionId);
    });
    const QByteArray head = "GET /ws HTTP/1.1\r\nConnection: Upgrade\r\nUpgrade: websocket\r\n\r\n";
    Client c(ts.port());
    c.send(head + "tail");
    QTRY_VERIFY(taken);
    QCOMPARE(rawHead, head);
    QVERIFY(waitUntil([&] { return taken->bytesAvailable() >= head.size() + 4; }, 5000));
    QCOMPARE(taken->readAll(), head + "tail");
    delete taken;
}

void TestHttpServer::headTimeout()
{
    HttpServerLimits limits;
    limits.headTimeoutMs = 100;
    TestServer ts(limits);
    Client c(ts.port());
    c.send("GET / HTTP/1.1\r\nHost:");
    const auto r = c.next();
    QVERIFY(r);
    QCOMPARE(r->status, 408);
    QVERIFY(c.waitClosed());
    // a connection that never sends anything is closed too
    Client silent(ts.port());
    QVERIFY(silent.waitClosed());
    QVERIFY(silent.received().isEmpty());
}

void TestHttpServer::idleTimeout()
{
    HttpServerLimits limits;
    limits.idleTimeoutMs = 100;
    TestServer ts(limits);
    Client c(ts.port());
    c.send("GET / HTTP/1.1\r\n\r\n");
    QVERIFY(c.next());
    QVERIFY(c.waitClosed());
    QTRY_COMPARE(ts.server.connectionCount(), 0);
}

void TestHttpServer::listenError()
{
    QTcpServer blocker;
    QVERIFY(blocker.listen(QHostAddress::LocalHost, 0));
    HttpServer server;
    QString error;
    QVERIFY(!server.listen(QHostAddress::LocalHost, blocker.serverPort(), &error));
    QCOMPARE(error, QStringLiteral("cannot listen on 127.0.0.1:%1: address already in use")
                        .arg(blocker.serverPort()));
    QVERIFY(!server.isListening());
    QVERIFY(server.listen(QHostAddress::LocalHost, 0, &error));
    QVERIFY(server.isListening());
    QCOMPARE(server.serverAddress(), QHostAddress(QHostAddress::LocalHost));
    server.close();
    QVERIFY(!server.isListening());
}

void TestHttpServer::requestAccessors()
{
    HttpRequest r;
    r.headers = {{"Content-Type", "application/json"}, {"X-Multi", "1"}, {"x-multi", "2"},
                 {"Connection", "keep-alive, Upgrade"}, {"Upgrade", "websocket"}};
    r.query = "a=1&b=hello+world&c=%2B%20x&flag&empty=&k%65y=v&a=second";
    QCOMPARE(r.header("content-type"), QByteArray("application/json"));
    QCOMPARE(r.header("CONTENT-TYPE"), QByteArray("application/json"));
    QCOMPARE(r.header("x-multi"), QByteArray("1"));
    QVERIFY(r.hasHeader("x-MULTI"));
    QVERIFY(!r.hasHeader("missing"));
    QVERIFY(r.header("missing").isEmpty());
    QCOMPARE(r.queryItem("a"), QByteArray("1"));
    QCOMPARE(r.queryItem("b"), QByteArray("hello world"));
    QCOMPARE(r.queryItem("c"), QByteArray("+ x"));
    QCOMPARE(r.queryItem("key"), QByteArray("v"));
    QVERIFY(r.queryItem("flag").isEmpty());
    QVERIFY(r.queryItem("empty").isEmpty());
    QVERIFY(r.queryItem("nope").isEmpty());
    QVERIFY(r.wantsUpgrade());
    r.headers.removeLast();
    QVERIFY(!r.wantsUpgrade());
}

void TestHttpServer::reasonPhrases()
{
    QCOMPARE(reasonPhrase(200), QByteArray("OK"));
    QCOMPARE(reasonPhrase(404), QByteArray("Not Found"));
    QCOMPARE(reasonPhrase(413), QByteArray("Content Too Large"));
    QCOMPARE(reasonPhrase(429), QByteArray("Too Many Requests"));
    QCOMPARE(reasonPhrase(529), QByteArray("Site Is Overloaded"));
    QVERIFY(!reasonPhrase(599).isEmpty());
}

void TestHttpServer::fuzzHeads()
{
    HttpServerLimits limits;
    limits.maxHeadBytes = 4096;
    limits.maxBodyBytes = 4096;
    TestServer ts(limits);
    int handled = 0;
    ts.server.setHandler([&](HttpRequest &&request, ResponderPtr responder) {
        ++handled;
        // exercise the accessors on whatever got through
        (void)request.header("content-type");
        (void)request.queryItem("key");
        (void)request.wantsUpgrade();
        if (handled % 2)
            responder->respond(200, {}, request.body);
        else {
            responder->beginStream(200, {}, "text/plain");
            responder->write(request.path);
            responder->end();
        }
    });

    const QList<QByteArray> seeds{
        "GET /v1/models HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer sk-x\r\n\r\n",
        "POST /v1/messages?beta=true HTTP/1.1\r\nHost: h\r\nContent-Type: application/json\r\n"
        "Content-Length: 11\r\nx-api-key: k\r\n\r\n{\"a\":\"b\"}\r\n",
        "POST /c HTTP/1.1\r\nTransfer-Encoding: chunked\r\nExpect: 100-continue\r\n\r\n"
        "4\r\nwiki\r\n0\r\n\r\n",
        "GET /ws HTTP/1.1\r\nConnection: Upgrade\r\nUpgrade: websocket\r\n\r\n",
        "HEAD / HTTP/1.0\r\nConnection: keep-alive\r\n\r\nGET /2 HTTP/1.1\r\n\r\n",
    };
    const QList<QByteArray> tokens{"\r\n", "\n", "\r", ":", " ", "\t", "\0", "chunked",
                                   "Content-Length: ", "Transfer-Encoding: chunked\r\n",
                                   "0\r\n\r\n", "99999999999999999999", "%", "?", "HTTP/1.1",
                                   "HTTP/1.0", "\r\n\r\n", ",", "-1", "ffffffffffffffff\r\n",
                                   QByteArray(300, 'A')};
    QRandomGenerator rng(20240601);
    int responses = 0;
    for (int iteration = 0; iteration < 2000; ++iteration) {
        QByteArray input = seeds[rng.bounded(int(seeds.size()))];
        const int mutations = 1 + rng.bounded(8);
        for (int m = 0; m < mutations; ++m) {
            const int pos = input.isEmpty() ? 0 : rng.bounded(int(input.size()));
            switch (rng.bounded(6)) {
            case 0: if (!input.isEmpty()) input[pos] = char(rng.bounded(256)); break;
            case 1: input.insert(pos, randomBytes(rng, 1 + rng.bounded(8))); break;
            case 2: input.remove(pos, rng.bounded(16)); break;
            case 3: input.insert(pos, tokens[rng.bounded(int(tokens.size()))]); break;
            case 4: input.insert(pos, input.mid(rng.bounded(int(input.size()) + 1), rng.bounded(64))); break;
            case 5: input.truncate(pos); break;
            }
        }
        Client c(ts.port());
        QVERIFY(c.waitConnected());
        c.send(input);
        shutdownWrite(c.socket()); // EOF: the server must now answer and/or close, never hang
        QVERIFY2(c.waitClosed(), qPrintable(QStringLiteral("iteration %1: %2")
                                                .arg(iteration)
                                                .arg(QString::fromLatin1(input.toPercentEncoding()))));
        if (!c.received().isEmpty()) {
            // whatever came back starts as a well-formed response (how the rest is framed
            // depends on the mutated method, e.g. HEAD)
            ++responses;
            Response r;
            const bool head = input.contains("HEAD");
            QVERIFY2(parseResponse(c.received(), r, head, true) != -1,
                     qPrintable(QString::fromLatin1(c.received().left(200).toPercentEncoding())));
            QVERIFY(r.status >= 100 && r.status < 600);
        }
    }
    qInfo("fuzz: %d of 2000 connections got a response, handler ran %d times", responses, handled);
    QVERIFY(responses > 0);
    QTRY_COMPARE(ts.server.connectionCount(), 0);

    // and the server still works
    Client c(ts.port());
    c.send("POST /ok HTTP/1.1\r\nContent-Length: 2\r\n\r\nok");
    const auto r = c.next();
    QVERIFY(r);
    QCOMPARE(r->status, 200);
}

QTEST_GUILESS_MAIN(TestHttpServer)
#include "tst_httpserver.moc"
