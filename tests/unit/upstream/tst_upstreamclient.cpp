// SPDX-License-Identifier: GPL-3.0-or-later
// The hot-path upstream client against the fake provider over real sockets on 127.0.0.1.

#include "backends/http/upstreamclient.h"
#include "fakeprovider.h"

#include <QHostAddress>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSslKey>
#include <QSslServer>
#include <QTcpServer>
#include <QTest>

#include <memory>

using lip::ErrorCategory;
using lip::HeaderList;
using lip::test::FakeProvider;
using lip::test::FakeReply;
using lip::test::FakeRequest;
using lip::upstream::UpstreamCall;
using lip::upstream::UpstreamCallbacks;
using lip::upstream::UpstreamPool;
using lip::upstream::UpstreamRequest;

namespace {

// What a caller of the client observes.
struct Outcome
{
    int status = -1;
    HeaderList headers;
    QByteArray body;
    QList<QByteArray> pieces;
    int doneCount = 0;
    lip::Error error;

    bool done() const { return doneCount > 0; }

    UpstreamCallbacks callbacks()
    {
        UpstreamCallbacks cb;
        cb.onHead = [this](int s, const HeaderList &h) {
            status = s;
            headers = h;
        };
        cb.onData = [this](QByteArrayView bytes) {
            body += bytes;
            pieces.append(bytes.toByteArray());
        };
        cb.onDone = [this](const lip::Error &e) {
            ++doneCount;
            error = e;
        };
        return cb;
    }

    QByteArray header(QByteArrayView name) const
    {
        for (const auto &h : headers) {
            if (QByteArrayView(h.first).compare(name, Qt::CaseInsensitive) == 0)
                return h.second;
        }
        return {};
    }
};

// A self-signed certificate for 127.0.0.1 that no system CA store trusts.
const char kSelfSignedCert[] =
    "-----BEGIN CERTIFICATE-----\n"
    "MIIBmjCCAUGgAwIBAgIUOBJgWJg3HU2LQE6GWhMI+fTptkwwCgYIKoZIzj0EAwIw\n"
    "FDESMBAGA1UEAwwJMTI3LjAuMC4xMCAXDTI2MTIwMjAwNTAzOVoYDzIxMjYxMTA4\n"
    "MDA1MDM5WjAUMRIwEAYDVQQDDAkxMjcuMC4wLjEwWTATBgcqhkjOPQIBBggqhkjO\n"
    "PQMBBwNCAAT9X5QE+hNyHgmRGci3+wfIw+HSDiRrzjMNdNJRn01tmqUd1mBuFAzV\n"
    "LiVt22344CtUzuW3h8fTCmuNfayXJEhwo28wbTAdBgNVHQ4EFgQUgLOZo2u8OiYC\n"
    "CCJYUkp8iugHocswHwYDVR0jBBgwFoAUgLOZo2u8OiYCCCJYUkp8iugHocswDwYD\n"
    "VR0TAQH/BAUwAwEB/zAaBgNVHREEEzARhwR/AAABgglsb2NhbGhvc3QwCgYIKoZI\n"
    "zj0EAwIDRwAwRAIgdKwgPLIt/1rive7VcQaF9jWZD3ESptFPw5PLN4TR6/MCIB/+\n"
    "511OqJK2hMqfNImKnKesedS5TZrXrJg75gKRaLuH\n"
    "-----END CERTIFICATE-----\n";
const char kSelfSignedKey[] =
    "-----BEGIN PRIVATE KEY-----\n"
    "MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQgoA+2N9L08GXBjjPE\n"
    "mejc/6mIivTZ4kgvZ7oyAbmPk/qhRANCAAT9X5QE+hNyHgmRGci3+wfIw+HSDiRr\n"
    "zjMNdNJRn01tmqUd1mBuFAzVLiVt22344CtUzuW3h8fTCmuNfayXJEhw\n"
    "-----END PRIVATE KEY-----\n";

UpstreamRequest makeRequest(const QUrl &base, const QByteArray &method, const QString &path,
                            const QByteArray &body = {})
{
    UpstreamRequest r;
    r.method = method;
    QUrl url = base;
    url.setPath(path);
    r.url = url;
    r.body = body;
    if (!body.isEmpty())
        r.headers.append(qMakePair(QByteArray("Content-Type"), QByteArray("application/json")));
    return r;
}

} // namespace

class TestUpstreamClient : public QObject
{
    Q_OBJECT

private slots:
    void init()
    {
        m_fake = std::make_unique<FakeProvider>();
        QVERIFY(m_fake->listen());
        m_pool = std::make_unique<UpstreamPool>();
    }
    void cleanup()
    {
        m_pool.reset();
        m_fake.reset();
    }

    void fixedAndChunkedResponses_data()
    {
        QTest::addColumn<QByteArray>("method");
        QTest::addColumn<int>("framing");
        QTest::addColumn<bool>("streamed");
        using F = FakeReply::Framing;
        QTest::newRow("GET content-length") << QByteArray("GET") << int(F::ContentLength) << false;
        QTest::newRow("POST content-length") << QByteArray("POST") << int(F::ContentLength) << false;
        QTest::newRow("POST chunked") << QByteArray("POST") << int(F::Chunked) << true;
        QTest::newRow("GET chunked") << QByteArray("GET") << int(F::Chunked) << true;
        QTest::newRow("POST streamed content-length")
            << QByteArray("POST") << int(F::ContentLength) << true;
        QTest::newRow("POST close-delimited") << QByteArray("POST") << int(F::CloseDelimited) << true;
    }
    void fixedAndChunkedResponses()
    {
        QFETCH(QByteArray, method);
        QFETCH(int, framing);
        QFETCH(bool, streamed);
        const QList<QByteArray> parts{"first part|", "second, longer part|", QByteArray(70000, 'x'),
                                      "end"};
        m_fake->setHandler([&](const FakeRequest &) {
            FakeReply r;
            r.headers = {{"Content-Type", "text/plain"}, {"X-Test", "yes"}};
            if (streamed)
                r.chunks = parts;
            else
                r.body = parts.join();
            r.framing = FakeReply::Framing(framing);
            return r;
        });
        const QByteArray body = method == "POST" ? QByteArray(R"({"model":"m"})") : QByteArray();
        Outcome out;
        auto call = m_pool->start(makeRequest(m_fake->baseUrl(), method, "/v1/chat/completions", body),
                                  out.callbacks());
        QTRY_VERIFY(out.done());
        QCOMPARE(out.error.category, ErrorCategory::None);
        QCOMPARE(out.doneCount, 1);
        QCOMPARE(out.status, 200);
        QCOMPARE(out.header("x-test"), QByteArray("yes"));
        QCOMPARE(out.body, parts.join());
        QVERIFY(call->isFinished());

        const FakeRequest req = m_fake->lastRequest();
        QCOMPARE(req.method, method);
        QCOMPARE(req.path, QByteArray("/v1/chat/completions"));
        QCOMPARE(req.body, body);
        QCOMPARE(m_pool->activeCallCount(), 0);
        // A close-delimited body cannot leave a reusable socket behind.
        QCOMPARE(m_pool->idleConnectionCount(), framing == int(FakeReply::Framing::CloseDelimited) ? 0 : 1);
    }

    void requestHeadersAreExactlyTheCallers()
    {
        Outcome out;
        UpstreamRequest r = makeRequest(m_fake->baseUrl(), "POST", "/v1/messages");
        r.url.setQuery(QStringLiteral("beta=true&x=a%20b"));
        r.headers = {{"x-api-key", "sk-secret-1234"}, {"anthropic-version", "2023-06-01"},
                     {"Host", "evil.example"}, {"Content-Length", "999"}};
        auto call = m_pool->start(r, out.callbacks());
        QTRY_VERIFY(out.done());
        QCOMPARE(out.error.category, ErrorCategory::None);
        const FakeRequest req = m_fake->lastRequest();
        QCOMPARE(req.target, QByteArray("/v1/messages?beta=true&x=a%20b"));
        QVERIFY(!req.hasHeader("User-Agent"));
        QVERIFY(!req.hasHeader("Accept-Encoding"));
        QVERIFY(!req.hasHeader("Cookie"));
        QVERIFY(!req.hasHeader("Accept-Language"));
        QCOMPARE(req.header("Host"), "127.0.0.1:" + QByteArray::number(m_fake->port()));
        QCOMPARE(req.header("Content-Length"), QByteArray("0")); // POST without body says so
        QCOMPARE(req.header("x-api-key"), QByteArray("sk-secret-1234"));
        int hosts = 0;
        int lengths = 0;
        for (const auto &h : req.headers) {
            hosts += h.first.compare("host", Qt::CaseInsensitive) == 0;
            lengths += h.first.compare("content-length", Qt::CaseInsensitive) == 0;
        }
        QCOMPARE(hosts, 1);
        QCOMPARE(lengths, 1);
        // The caller's headers keep their order and spelling.
        QCOMPARE(req.headers.at(1).first, QByteArray("x-api-key"));
        QCOMPARE(req.headers.at(2).first, QByteArray("anthropic-version"));
    }

    void largeRequestBodyArrivesIntact_data()
    {
        QTest::addColumn<int>("size");
        QTest::newRow("100 KiB, one write") << 100 * 1024;
        QTest::newRow("3 MiB, head and body written apart") << 3 * 1024 * 1024;
    }
    void largeRequestBodyArrivesIntact()
    {
        QFETCH(int, size);
        QByteArray body(size, Qt::Uninitialized);
        for (int i = 0; i < size; ++i)
            body[i] = char('a' + i % 26);
        Outcome out;
        auto call = m_pool->start(makeRequest(m_fake->baseUrl(), "POST", "/v1/chat/completions", body),
                                  out.callbacks());
        QTRY_VERIFY(out.done());
        QCOMPARE(out.error.category, ErrorCategory::None);
        const FakeRequest req = m_fake->lastRequest();
        QCOMPARE(req.header("Content-Length"), QByteArray::number(size));
        QVERIFY(req.body == body);
    }

    void bodyIsDeliveredAsItArrives()
    {
        const int gate = m_fake->newGate();
        const QList<QByteArray> chunks{"data: one\n\n", "data: two\n\n", "data: three\n\n"};
        m_fake->setHandler([&](const FakeRequest &) { return FakeReply::sse(chunks, gate); });
        Outcome out;
        auto call = m_pool->start(makeRequest(m_fake->baseUrl(), "POST", "/v1/chat/completions", "{}"),
                                  out.callbacks());
        QTRY_COMPARE(out.status, 200); // the head is not held back
        QVERIFY(out.body.isEmpty());
        for (int i = 0; i < chunks.size(); ++i) {
            m_fake->stepGate(gate);
            QByteArray expected;
            for (int j = 0; j <= i; ++j)
                expected += chunks.at(j);
            QTRY_COMPARE(out.body, expected); // chunk i arrived before chunk i+1 was even sent
            if (i + 1 < chunks.size())
                QVERIFY(!out.done());
        }
        QTRY_VERIFY(out.done());
        QCOMPARE(out.error.category, ErrorCategory::None);
        QCOMPARE(out.pieces.size(), chunks.size());
    }

    void keepAliveReusesTheConnection()
    {
        for (int i = 0; i < 3; ++i) {
            Outcome out;
            auto call = m_pool->start(makeRequest(m_fake->baseUrl(), "POST", "/v1/chat/completions", "{}"),
                                      out.callbacks());
            QTRY_VERIFY(out.done());
            QCOMPARE(out.error.category, ErrorCategory::None);
            QCOMPARE(m_pool->idleConnectionCount(), 1);
        }
        QCOMPARE(m_fake->requestCount(), 3);
        QCOMPARE(m_fake->connectionsAccepted(), 1);
    }

    void nextCallFromInsideOnDoneReusesTheConnection()
    {
        Outcome second;
        std::unique_ptr<UpstreamCall> call2;
        UpstreamCallbacks cb;
        cb.onDone = [&](const lip::Error &e) {
            QCOMPARE(e.category, ErrorCategory::None);
            call2 = m_pool->start(makeRequest(m_fake->baseUrl(), "GET", "/v1/models"), second.callbacks());
        };
        auto call1 = m_pool->start(makeRequest(m_fake->baseUrl(), "GET", "/v1/models"), cb);
        QTRY_VERIFY(second.done());
        QCOMPARE(second.error.category, ErrorCategory::None);
        QCOMPARE(m_fake->connectionsAccepted(), 1);
    }

    void staleIdleConnectionIsRetriedTransparently_data()
    {
        QTest::addColumn<bool>("clientNoticesFirst");
        QTest::newRow("closed just before the call") << false;
        QTest::newRow("closed and noticed while idle") << true;
    }
    void staleIdleConnectionIsRetriedTransparently()
    {
        QFETCH(bool, clientNoticesFirst);
        Outcome first;
        auto call1 = m_pool->start(makeRequest(m_fake->baseUrl(), "POST", "/v1/chat/completions", "{}"),
                                   first.callbacks());
        QTRY_VERIFY(first.done());
        QCOMPARE(m_pool->idleConnectionCount(), 1);

        m_fake->closeIdleConnections(); // the server drops its idle keep-alive connection
        if (clientNoticesFirst)
            QTRY_COMPARE(m_pool->idleConnectionCount(), 0);
        // Otherwise the pool still believes the socket is good and writes the request into it.
        Outcome second;
        auto call2 = m_pool->start(makeRequest(m_fake->baseUrl(), "POST", "/v1/chat/completions", "{\"n\":2}"),
                                   second.callbacks());
        QTRY_VERIFY(second.done());
        QCOMPARE(second.error.category, ErrorCategory::None);
        QCOMPARE(second.status, 200);
        QVERIFY(second.body.contains("Hello from fake"));
        QCOMPARE(m_fake->connectionsAccepted(), 2);
        QCOMPARE(m_fake->requestCount(), 2);
        QCOMPARE(m_fake->lastRequest().body, QByteArray("{\"n\":2}"));
    }

    void serverClosingAfterResponseIsNotAnError()
    {
        // The provider closes every connection after answering, without saying so.
        m_fake->setHandler([](const FakeRequest &) {
            FakeReply r = FakeReply::json(FakeProvider::openAIChatCompletion("m", "hi"));
            r.closeAfter = true;
            return r;
        });
        for (int i = 0; i < 3; ++i) {
            Outcome out;
            auto call = m_pool->start(makeRequest(m_fake->baseUrl(), "POST", "/v1/chat/completions", "{}"),
                                      out.callbacks());
            QTRY_VERIFY(out.done());
            QCOMPARE(out.error.category, ErrorCategory::None);
        }
        QCOMPARE(m_fake->requestCount(), 3);
    }

    void concurrentStreamsAreAllInFlight_data()
    {
        QTest::addColumn<int>("count");
        QTest::newRow("64") << 64;
        QTest::newRow("256") << 256;
    }
    void concurrentStreamsAreAllInFlight()
    {
        QFETCH(int, count);
        const int gate = m_fake->newGate();
        const QList<QByteArray> events =
            FakeProvider::openAIChatStream("gpt-fake", {"Hel", "lo"}, true);
        m_fake->setHandler([&](const FakeRequest &) {
            FakeReply r = FakeReply::sse(events, gate);
            r.delayHeadUntilReleased = true; // nobody answers until every request has arrived
            return r;
        });
        std::vector<Outcome> outs(static_cast<size_t>(count));
        std::vector<std::unique_ptr<UpstreamCall>> calls;
        for (int i = 0; i < count; ++i)
            calls.push_back(m_pool->start(
                makeRequest(m_fake->baseUrl(), "POST", "/v1/chat/completions", "{\"stream\":true}"),
                outs[size_t(i)].callbacks()));
        QCOMPARE(m_pool->activeCallCount(), count);
        QTRY_COMPARE(m_fake->inFlight(), count);
        QCOMPARE(m_fake->maxInFlight(), count);
        QCOMPARE(m_fake->connectionsAccepted(), count);

        m_fake->openGate(gate);
        QTRY_COMPARE(m_pool->activeCallCount(), 0);
        for (const Outcome &o : outs) {
            QCOMPARE(o.error.category, ErrorCategory::None);
            QCOMPARE(o.body, events.join());
        }
        QCOMPARE(m_pool->idleConnectionCount(), qMin(count, 64)); // the default idle cap
    }

    void abortMidStreamDisconnects_data()
    {
        QTest::addColumn<bool>("destroy");
        QTest::newRow("abort()") << false;
        QTest::newRow("destroy the call") << true;
    }
    void abortMidStreamDisconnects()
    {
        QFETCH(bool, destroy);
        const int gate = m_fake->newGate();
        m_fake->setHandler([&](const FakeRequest &) {
            return FakeReply::sse({"data: 1\n\n", "data: 2\n\n"}, gate);
        });
        Outcome out;
        auto call = m_pool->start(makeRequest(m_fake->baseUrl(), "POST", "/v1/chat/completions", "{}"),
                                  out.callbacks());
        m_fake->stepGate(gate);
        QTRY_COMPARE(out.body, QByteArray("data: 1\n\n"));
        if (destroy)
            call.reset();
        else
            call->abort();
        QTRY_COMPARE(m_fake->disconnectsMidStream(), 1);
        m_fake->openGate(gate);
        QTest::qWait(20); // let anything that would wrongly call back do so
        QCOMPARE(out.doneCount, 0);
        QCOMPARE(out.body, QByteArray("data: 1\n\n"));
        QCOMPARE(m_pool->activeCallCount(), 0);
        QCOMPARE(m_pool->idleConnectionCount(), 0);
        if (!destroy)
            QVERIFY(call->isFinished());
    }

    void destroyingTheCallInsideOnDataIsSafe()
    {
        const int gate = m_fake->newGate();
        m_fake->setHandler([&](const FakeRequest &) {
            return FakeReply::sse({"data: 1\n\n", "data: 2\n\n", "data: 3\n\n"}, gate);
        });
        std::unique_ptr<UpstreamCall> call;
        int dataCalls = 0;
        bool doneCalled = false;
        UpstreamCallbacks cb;
        cb.onData = [&](QByteArrayView bytes) {
            ++dataCalls;
            QVERIFY(!bytes.isEmpty());
            call.reset();
        };
        cb.onDone = [&](const lip::Error &) { doneCalled = true; };
        call = m_pool->start(makeRequest(m_fake->baseUrl(), "POST", "/v1/chat/completions", "{}"), cb);
        m_fake->stepGate(gate);
        QTRY_VERIFY(!call);
        QTRY_COMPARE(m_fake->disconnectsMidStream(), 1);
        QCOMPARE(dataCalls, 1);
        QVERIFY(!doneCalled);
        QCOMPARE(m_pool->activeCallCount(), 0);
    }

    void destroyingTheCallInsideOnDoneIsSafe()
    {
        std::unique_ptr<UpstreamCall> call;
        int doneCalls = 0;
        UpstreamCallbacks cb;
        cb.onDone = [&](const lip::Error &e) {
            ++doneCalls;
            QCOMPARE(e.category, ErrorCategory::None);
            call.reset();
        };
        call = m_pool->start(makeRequest(m_fake->baseUrl(), "GET", "/v1/models"), cb);
        QTRY_VERIFY(!call);
        QCOMPARE(doneCalls, 1);
        QCOMPARE(m_pool->idleConnectionCount(), 1);
    }

    void connectionRefused()
    {
        quint16 port = 0;
        {
            QTcpServer probe;
            QVERIFY(probe.listen(QHostAddress::LocalHost, 0));
            port = probe.serverPort();
        }
        Outcome out;
        UpstreamRequest r;
        r.url = QUrl(QStringLiteral("http://127.0.0.1:%1/v1/chat/completions").arg(port));
        auto call = m_pool->start(r, out.callbacks());
        QVERIFY(!out.done()); // never from inside start()
        QTRY_VERIFY(out.done());
        QCOMPARE(out.error.category, ErrorCategory::UpstreamUnreachable);
        QVERIFY2(out.error.message.startsWith(QStringLiteral("cannot connect to 127.0.0.1:%1: ").arg(port)),
                 qPrintable(out.error.message));
        QCOMPARE(out.status, -1);
    }

    void tlsPeerVerificationIsOn()
    {
        if (!QSslSocket::supportsSsl())
            QSKIP("no TLS backend");
        QSslServer server;
        QSslConfiguration config = QSslConfiguration::defaultConfiguration();
        config.setLocalCertificate(QSslCertificate(QByteArray(kSelfSignedCert)));
        config.setPrivateKey(QSslKey(QByteArray(kSelfSignedKey), QSsl::Ec));
        config.setPeerVerifyMode(QSslSocket::VerifyNone);
        server.setSslConfiguration(config);
        QVERIFY(server.listen(QHostAddress::LocalHost, 0));
        Outcome out;
        UpstreamRequest r;
        r.url = QUrl(QStringLiteral("https://127.0.0.1:%1/v1/chat/completions").arg(server.serverPort()));
        r.body = "{}";
        auto call = m_pool->start(r, out.callbacks());
        QTRY_VERIFY(out.done());
        QCOMPARE(out.error.category, ErrorCategory::UpstreamUnreachable);
        QVERIFY2(out.error.message.startsWith(
                     QStringLiteral("cannot connect to 127.0.0.1:%1: ").arg(server.serverPort())),
                 qPrintable(out.error.message));
        QCOMPARE(m_pool->idleConnectionCount(), 0);
    }

    void invalidUrlIsReportedAsynchronously()
    {
        Outcome out;
        UpstreamRequest r;
        r.url = QUrl(QStringLiteral("ftp://example.com/x?key=secret"));
        auto call = m_pool->start(r, out.callbacks());
        QVERIFY(!out.done());
        QTRY_VERIFY(out.done());
        QCOMPARE(out.error.category, ErrorCategory::UpstreamUnreachable);
        QVERIFY(!out.error.message.contains(QStringLiteral("secret")));
    }

    void headTimeout()
    {
        m_fake->setHandler([](const FakeRequest &) {
            FakeReply r = FakeReply::json("{}");
            r.delayHeadUntilReleased = true; // no gate: never answers
            return r;
        });
        Outcome out;
        UpstreamRequest r = makeRequest(m_fake->baseUrl(), "POST", "/v1/chat/completions", "{}");
        r.headers.append(qMakePair(QByteArray("Authorization"), QByteArray("Bearer sk-do-not-leak-9876")));
        r.firstByteTimeoutMs = 200;
        auto call = m_pool->start(r, out.callbacks());
        QTRY_VERIFY(out.done());
        QCOMPARE(out.error.category, ErrorCategory::Timeout);
        QVERIFY2(out.error.message.contains(QStringLiteral("127.0.0.1:%1").arg(m_fake->port())),
                 qPrintable(out.error.message));
        QVERIFY(!out.error.message.contains(QStringLiteral("sk-do-not-leak")));
        QTRY_COMPARE(m_fake->disconnectsBeforeResponse(), 1);
    }

    void idleTimeoutBetweenReads()
    {
        const int gate = m_fake->newGate();
        m_fake->setHandler([&](const FakeRequest &) { return FakeReply::sse({"a", "b"}, gate); });
        Outcome out;
        UpstreamRequest r = makeRequest(m_fake->baseUrl(), "POST", "/v1/chat/completions", "{}");
        r.idleTimeoutMs = 200;
        auto call = m_pool->start(r, out.callbacks());
        m_fake->stepGate(gate);
        QTRY_VERIFY(out.done());
        QCOMPARE(out.error.category, ErrorCategory::Timeout);
        QCOMPARE(out.body, QByteArray("a"));
    }

    void bodyCutShort_data()
    {
        QTest::addColumn<int>("framing");
        QTest::addColumn<bool>("midChunk");
        QTest::newRow("chunked, mid-chunk") << int(FakeReply::Framing::Chunked) << true;
        QTest::newRow("chunked, between chunks") << int(FakeReply::Framing::Chunked) << false;
        QTest::newRow("content-length") << int(FakeReply::Framing::ContentLength) << true;
    }
    void bodyCutShort()
    {
        QFETCH(int, framing);
        QFETCH(bool, midChunk);
        m_fake->setHandler([&](const FakeRequest &) {
            FakeReply r = FakeReply::sse({"data: first\n\n", "data: second\n\n", "data: third\n\n"});
            r.framing = FakeReply::Framing(framing);
            r.dropAfter = 1;
            r.dropMidChunk = midChunk;
            return r;
        });
        Outcome out;
        auto call = m_pool->start(makeRequest(m_fake->baseUrl(), "POST", "/v1/chat/completions", "{}"),
                                  out.callbacks());
        QTRY_VERIFY(out.done());
        QCOMPARE(out.error.category, ErrorCategory::UpstreamUnreachable);
        QCOMPARE(out.error.message, QStringLiteral("connection closed by upstream mid-response"));
        QVERIFY(out.body.startsWith("data: first\n\n"));
        QVERIFY(!out.body.contains("third"));
        QCOMPARE(m_pool->idleConnectionCount(), 0);
    }

    void malformedResponses_data()
    {
        QTest::addColumn<QByteArray>("raw");
        QTest::newRow("broken status line") << QByteArray();
        QTest::newRow("not http") << QByteArray("SSH-2.0-OpenSSH\r\n\r\n");
        QTest::newRow("bad status code") << QByteArray("HTTP/1.1 2x0 OK\r\nContent-Length: 0\r\n\r\n");
        QTest::newRow("header without colon")
            << QByteArray("HTTP/1.1 200 OK\r\nNoColonHere\r\nContent-Length: 0\r\n\r\n");
        QTest::newRow("bad content-length")
            << QByteArray("HTTP/1.1 200 OK\r\nContent-Length: -5\r\n\r\n");
        QTest::newRow("bad chunk size")
            << QByteArray("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\nabc\r\n0\r\n\r\n");
    }
    void malformedResponses()
    {
        QFETCH(QByteArray, raw);
        m_fake->setHandler([&](const FakeRequest &) {
            FakeReply r;
            if (raw.isEmpty())
                r.malformedHead = true;
            else
                r.raw = raw;
            return r;
        });
        Outcome out;
        auto call = m_pool->start(makeRequest(m_fake->baseUrl(), "POST", "/v1/chat/completions", "{}"),
                                  out.callbacks());
        QTRY_VERIFY(out.done());
        QCOMPARE(out.doneCount, 1);
        QCOMPARE(out.error.category, ErrorCategory::UpstreamProtocol);
        QVERIFY2(out.error.message.contains(QStringLiteral("127.0.0.1:%1").arg(m_fake->port())),
                 qPrintable(out.error.message));
        QCOMPARE(m_pool->idleConnectionCount(), 0);
    }

    void interimAndBodilessResponses_data()
    {
        QTest::addColumn<QByteArray>("method");
        QTest::addColumn<QByteArray>("raw");
        QTest::addColumn<int>("status");
        QTest::addColumn<QByteArray>("body");
        QTest::newRow("100 continue skipped")
            << QByteArray("POST")
            << QByteArray("HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok")
            << 200 << QByteArray("ok");
        QTest::newRow("204 has no body")
            << QByteArray("POST") << QByteArray("HTTP/1.1 204 No Content\r\n\r\n") << 204 << QByteArray();
        QTest::newRow("HEAD has no body")
            << QByteArray("HEAD") << QByteArray("HTTP/1.1 200 OK\r\nContent-Length: 1234\r\n\r\n")
            << 200 << QByteArray();
        QTest::newRow("error status with body")
            << QByteArray("POST")
            << QByteArray("HTTP/1.1 429 Too Many Requests\r\nretry-after: 3\r\nContent-Length: 4\r\n\r\nslow")
            << 429 << QByteArray("slow");
        QTest::newRow("chunk extensions and trailers")
            << QByteArray("POST")
            << QByteArray("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
                          "3;ext=1\r\nabc\r\nA\r\n0123456789\r\n0\r\nX-Trailer: t\r\n\r\n")
            << 200 << QByteArray("abc0123456789");
    }
    void interimAndBodilessResponses()
    {
        QFETCH(QByteArray, method);
        QFETCH(QByteArray, raw);
        QFETCH(int, status);
        QFETCH(QByteArray, body);
        m_fake->setHandler([&](const FakeRequest &) {
            FakeReply r;
            r.raw = raw;
            return r;
        });
        for (int i = 0; i < 2; ++i) { // the connection stays usable afterwards
            Outcome out;
            auto call = m_pool->start(makeRequest(m_fake->baseUrl(), method, "/x"), out.callbacks());
            QTRY_VERIFY(out.done());
            QCOMPARE(out.error.category, ErrorCategory::None);
            QCOMPARE(out.status, status);
            QCOMPARE(out.body, body);
        }
        QCOMPARE(m_fake->connectionsAccepted(), 1);
    }

    // The fake's builders are what integration tests and the benchmark feed the engine.
    void fakeBuildersProduceOpenAIShapes()
    {
        // QJsonDocument only checks validity here; it never touches wire payloads of the engine.
        const QJsonObject completion =
            QJsonDocument::fromJson(FakeProvider::openAIChatCompletion("m\"1", "a\nb\u0001")).object();
        QCOMPARE(completion.value("model").toString(), QStringLiteral("m\"1"));
        QCOMPARE(completion.value("choices").toArray().at(0).toObject().value("message").toObject()
                     .value("content").toString(), QStringLiteral("a\nb\u0001"));
        QCOMPARE(completion.value("usage").toObject().value("total_tokens").toInt(), 8);

        const QList<QByteArray> events = FakeProvider::openAIChatStream("m", {"Hel", "lo"}, true);
        QCOMPARE(events.size(), 6); // role, 2 deltas, finish, usage, [DONE]
        QCOMPARE(events.last(), QByteArray("data: [DONE]\n\n"));
        QString text;
        for (int i = 0; i + 1 < events.size(); ++i) {
            QVERIFY(events[i].startsWith("data: ") && events[i].endsWith("\n\n"));
            QJsonParseError err;
            const QJsonObject o = QJsonDocument::fromJson(events[i].mid(6).trimmed(), &err).object();
            QCOMPARE(err.error, QJsonParseError::NoError);
            const QJsonArray choices = o.value("choices").toArray();
            if (!choices.isEmpty())
                text += choices.at(0).toObject().value("delta").toObject().value("content").toString();
        }
        QCOMPARE(text, QStringLiteral("Hello"));
        QCOMPARE(QJsonDocument::fromJson(events.at(4).mid(6)).object().value("usage").toObject()
                     .value("prompt_tokens").toInt(), 5);

        const QJsonObject error = QJsonDocument::fromJson(
            FakeProvider::openAIError("bad key", "invalid_request_error", "invalid_api_key")).object();
        QCOMPARE(error.value("error").toObject().value("code").toString(), QStringLiteral("invalid_api_key"));
        QVERIFY(error.value("error").toObject().value("param").isNull());
    }

    void poolDestroyedWithCallsInFlight()
    {
        const int gate = m_fake->newGate();
        m_fake->setHandler([&](const FakeRequest &) { return FakeReply::sse({"a", "b"}, gate); });
        Outcome out;
        auto call = m_pool->start(makeRequest(m_fake->baseUrl(), "POST", "/v1/chat/completions", "{}"),
                                  out.callbacks());
        QTRY_COMPARE(out.status, 200);
        m_pool.reset();
        QTRY_COMPARE(m_fake->disconnectsMidStream(), 1);
        QVERIFY(call->isFinished());
        call->abort();
        call.reset();
        QCOMPARE(out.doneCount, 0);
    }

private:
    std::unique_ptr<FakeProvider> m_fake;
    std::unique_ptr<UpstreamPool> m_pool;
};

QTEST_GUILESS_MAIN(TestUpstreamClient)
#include "tst_upstreamclient.moc"
