// SPDX-License-Identifier: GPL-3.0-or-later
#include "backends/http/upstreamclient.h"

#include "core/logging.h"

#include <QElapsedTimer>
#include <QHash>
#include <QSslSocket>
#include <QTcpSocket>
#include <QTimer>

#include <cstring>
#include <limits>
#include <unordered_set>
#include <vector>

namespace lip::upstream {

namespace {

// A response head larger than this is not a provider talking HTTP to us.
constexpr qsizetype kMaxHeadBytes = 64 * 1024;
// A chunk-size line (with extensions) or trailer line larger than this is hostile.
constexpr qsizetype kMaxChunkLine = 4096;
// Idle keep-alive sockets older than this are closed rather than risked: many servers drop
// idle connections after 60 s, and a stale one costs a retry.
constexpr qint64 kIdleExpiryMs = 55000;
// The pool timer is coarse on purpose: one timer for every call, checked against deadlines.
constexpr int kActiveTickMs = 50;
constexpr int kIdleTickMs = 1000;
// Bodies up to this size are copied behind the head so the request leaves in one write; larger
// ones are queued as a second write rather than copied.
constexpr qsizetype kInlineBodyMax = 256 * 1024;

bool equalsCi(QByteArrayView a, QByteArrayView b)
{
    return a.size() == b.size() && qstrnicmp(a.data(), a.size(), b.data(), b.size()) == 0;
}

// True when the comma-separated header value contains the token (case-insensitive).
bool hasToken(QByteArrayView value, QByteArrayView token)
{
    qsizetype start = 0;
    while (start <= value.size()) {
        qsizetype comma = value.indexOf(',', start);
        if (comma < 0)
            comma = value.size();
        if (equalsCi(value.sliced(start, comma - start).trimmed(), token))
            return true;
        start = comma + 1;
    }
    return false;
}

// The last token of a comma-separated list, e.g. Transfer-Encoding: gzip, chunked.
QByteArrayView lastToken(QByteArrayView value)
{
    const qsizetype comma = value.lastIndexOf(',');
    return (comma < 0 ? value : value.sliced(comma + 1)).trimmed();
}

bool isRequestFramingHeader(QByteArrayView name)
{
    // The client owns framing and connection management; a caller's copy would contradict ours.
    return equalsCi(name, "host") || equalsCi(name, "content-length") || equalsCi(name, "connection")
        || equalsCi(name, "transfer-encoding") || equalsCi(name, "keep-alive");
}

struct Origin
{
    QByteArray key; // scheme://host:port
    QString host;
    quint16 port = 0;
    bool tls = false;
    QString display; // host:port, for messages and logs
};

} // namespace

class CallImpl;

// One socket. Plain struct: the socket is the only QObject, and its signals are connected once.
struct Conn
{
    QTcpSocket *socket = nullptr;
    QByteArray originKey;
    CallImpl *owner = nullptr; // null while idle in the pool
    qint64 idleSince = 0;
};

// The pool's state; PoolCore is this (CallImpl cannot name a private nested class).
class PoolCore
{
public:
    explicit PoolCore(UpstreamPool *q) : q(q)
    {
        m_clock.start();
        m_timer = new QTimer(q);
        QObject::connect(m_timer, &QTimer::timeout, q, [this] { tick(); });
    }
    ~PoolCore();

    qint64 now() const { return m_clock.elapsed(); }

    Conn *newConn(const Origin &origin);
    Conn *takeIdle(const QByteArray &originKey);
    void release(Conn *conn);
    void destroyConn(Conn *conn);
    void dropIdle(Conn *conn);

    void addActive(CallImpl *call)
    {
        m_active.insert(call);
        updateTimer();
    }
    void removeActive(CallImpl *call)
    {
        m_active.erase(call);
        updateTimer();
    }
    void updateTimer();
    void tick();

    UpstreamPool *q;
    QTimer *m_timer = nullptr;
    QElapsedTimer m_clock;
    QHash<QByteArray, QList<Conn *>> m_idle;
    int m_idleCount = 0;
    int m_maxIdlePerOrigin = 64;
    std::unordered_set<CallImpl *> m_active;
};

class CallImpl final : public UpstreamCall
{
public:
    CallImpl(PoolCore *pool, UpstreamRequest request, UpstreamCallbacks callbacks)
        : m_pool(pool)
        , m_request(std::move(request))
        , m_cb(std::make_shared<UpstreamCallbacks>(std::move(callbacks)))
        , m_token(std::make_shared<char>(0))
    {}

    ~CallImpl() override { abort(); }

    void abort() override
    {
        if (m_phase == Phase::Done)
            return;
        qCDebug(lcUpstream) << "call to" << m_origin.display << "aborted";
        m_phase = Phase::Done;
        if (m_conn) {
            m_conn->owner = nullptr;
            if (m_pool)
                m_pool->destroyConn(m_conn);
            m_conn = nullptr;
        }
        if (m_pool)
            m_pool->removeActive(this);
    }

    bool isFinished() const override { return m_phase == Phase::Done; }

    void begin();

    // Socket events, dispatched by the pool while this call owns the connection.
    void onConnected();
    void onReadable();
    void onSocketError(QAbstractSocket::SocketError error);
    void onClosed();

    void checkDeadline(qint64 now);
    void detachPool() // the pool is going away before this call
    {
        m_phase = Phase::Done;
        if (m_conn) {
            m_conn->owner = nullptr;
            m_pool->destroyConn(m_conn);
            m_conn = nullptr;
        }
        m_pool = nullptr;
    }

private:
    enum class Phase { Idle, Connecting, Head, Body, Done };
    enum class Framing { None, Length, Chunked, UntilClose };
    enum class ChunkState { Size, Data, DataCr, DataLf, Trailer, Finished };

    void connectFresh();
    void send();
    void feed(QByteArray data);
    bool parseHead(QByteArrayView head, Error &error);
    // Decodes chunked framing in place; returns the number of body bytes compacted at `out`.
    bool dechunk(char *data, qsizetype size, qsizetype &outSize, Error &error);
    void complete();
    void fail(ErrorCategory category, QString message);
    void finishWith(Error error);
    bool canRetry() const
    {
        return m_reused && !m_retried && !m_gotBytes && (m_phase == Phase::Head);
    }
    void retry();
    QByteArray buildWire() const;

    PoolCore *m_pool;
    UpstreamRequest m_request;
    // Shared so a callback that destroys this call is not destroyed while it runs.
    std::shared_ptr<UpstreamCallbacks> m_cb;
    // Expires with this call: a weak copy tells code after a callback whether we still exist.
    std::shared_ptr<char> m_token;

    Origin m_origin;
    Conn *m_conn = nullptr;
    Phase m_phase = Phase::Idle;
    bool m_starting = false;
    bool m_reused = false;
    bool m_retried = false;
    bool m_gotBytes = false;
    qint64 m_deadline = std::numeric_limits<qint64>::max();

    // Response state.
    QByteArray m_headBuf;
    qsizetype m_headScanned = 0;
    int m_status = 0;
    HeaderList m_headers;
    bool m_keepAlive = true;
    bool m_reusable = true; // false once anything makes the socket unsafe to reuse
    Framing m_framing = Framing::None;
    qint64 m_remaining = 0;
    ChunkState m_chunkState = ChunkState::Size;
    QByteArray m_chunkLine;
};

// ---- pool ---------------------------------------------------------------------------------

class UpstreamPool::Private : public PoolCore
{
public:
    using PoolCore::PoolCore;
};

PoolCore::~PoolCore()
{
    // Calls may outlive the pool: they close their sockets now and never call back.
    const std::vector<CallImpl *> calls(m_active.begin(), m_active.end());
    m_active.clear();
    for (CallImpl *call : calls)
        call->detachPool();
    for (auto it = m_idle.begin(); it != m_idle.end(); ++it) {
        for (Conn *conn : std::as_const(it.value()))
            destroyConn(conn);
    }
    m_idle.clear();
    m_idleCount = 0;
}

Conn *PoolCore::newConn(const Origin &origin)
{
    auto *conn = new Conn;
    conn->originKey = origin.key;
    QTcpSocket *socket = origin.tls ? new QSslSocket(q) : new QTcpSocket(q);
    conn->socket = socket;

    // TCP_NODELAY: a request or SSE event must not wait for an ACK (the ~40 ms Nagle stall).
    QObject::connect(socket, &QAbstractSocket::connected, socket, [conn, tls = origin.tls] {
        conn->socket->setSocketOption(QAbstractSocket::LowDelayOption, 1);
        conn->socket->setSocketOption(QAbstractSocket::KeepAliveOption, 1);
        if (!tls && conn->owner)
            conn->owner->onConnected();
    });
    if (origin.tls) {
        auto *ssl = static_cast<QSslSocket *>(socket);
        QObject::connect(ssl, &QSslSocket::encrypted, ssl, [conn] {
            if (conn->owner)
                conn->owner->onConnected();
        });
    }
    QObject::connect(socket, &QIODevice::readyRead, socket, [this, conn] {
        if (conn->owner)
            conn->owner->onReadable();
        else
            dropIdle(conn); // unsolicited bytes on an idle socket: it cannot be reused
    });
    QObject::connect(socket, &QAbstractSocket::errorOccurred, socket,
                     [this, conn](QAbstractSocket::SocketError error) {
                         if (conn->owner)
                             conn->owner->onSocketError(error);
                         else
                             dropIdle(conn);
                     });
    QObject::connect(socket, &QAbstractSocket::disconnected, socket, [this, conn] {
        if (conn->owner)
            conn->owner->onClosed();
        else
            dropIdle(conn);
    });
    return conn;
}

Conn *PoolCore::takeIdle(const QByteArray &originKey)
{
    auto it = m_idle.find(originKey);
    if (it == m_idle.end())
        return nullptr;
    QList<Conn *> &list = it.value();
    while (!list.isEmpty()) {
        Conn *conn = list.takeLast(); // the most recently used is the least likely to be stale
        --m_idleCount;
        if (conn->socket->state() == QAbstractSocket::ConnectedState
            && conn->socket->bytesAvailable() == 0) {
            if (list.isEmpty())
                m_idle.erase(it);
            return conn;
        }
        destroyConn(conn);
    }
    m_idle.erase(it);
    return nullptr;
}

void PoolCore::release(Conn *conn)
{
    conn->owner = nullptr;
    if (m_maxIdlePerOrigin <= 0) {
        destroyConn(conn);
        return;
    }
    QList<Conn *> &list = m_idle[conn->originKey];
    if (list.size() >= m_maxIdlePerOrigin) {
        Conn *oldest = list.takeFirst();
        --m_idleCount;
        destroyConn(oldest);
    }
    conn->idleSince = now();
    list.append(conn);
    ++m_idleCount;
    updateTimer();
}

void PoolCore::destroyConn(Conn *conn)
{
    QTcpSocket *socket = conn->socket;
    socket->disconnect(); // no signal of this socket reaches us any more
    socket->abort();
    socket->deleteLater(); // we may be inside one of its signals
    delete conn;
}

void PoolCore::dropIdle(Conn *conn)
{
    auto it = m_idle.find(conn->originKey);
    if (it != m_idle.end() && it.value().removeOne(conn)) {
        --m_idleCount;
        if (it.value().isEmpty())
            m_idle.erase(it);
    }
    destroyConn(conn);
    updateTimer();
}

void PoolCore::updateTimer()
{
    const int want = !m_active.empty() ? kActiveTickMs : (m_idleCount > 0 ? kIdleTickMs : 0);
    if (want == 0) {
        m_timer->stop();
        return;
    }
    if (!m_timer->isActive() || m_timer->interval() != want)
        m_timer->start(want);
}

void PoolCore::tick()
{
    const qint64 t = now();
    if (!m_active.empty()) {
        // Timeouts call back into user code, which may start or destroy calls: snapshot first.
        std::vector<CallImpl *> calls(m_active.begin(), m_active.end());
        for (CallImpl *call : calls) {
            if (m_active.count(call))
                call->checkDeadline(t);
        }
    }
    for (auto it = m_idle.begin(); it != m_idle.end();) {
        QList<Conn *> &list = it.value();
        while (!list.isEmpty() && t - list.first()->idleSince > kIdleExpiryMs) {
            destroyConn(list.takeFirst());
            --m_idleCount;
        }
        it = list.isEmpty() ? m_idle.erase(it) : std::next(it);
    }
    updateTimer();
}

UpstreamPool::UpstreamPool(QObject *parent) : QObject(parent), d(std::make_unique<Private>(this)) {}

UpstreamPool::~UpstreamPool() = default;

std::unique_ptr<UpstreamCall> UpstreamPool::start(UpstreamRequest request,
                                                  UpstreamCallbacks callbacks)
{
    auto call = std::make_unique<CallImpl>(d.get(), std::move(request), std::move(callbacks));
    call->begin();
    return call;
}

void UpstreamPool::setMaxIdlePerOrigin(int count)
{
    d->m_maxIdlePerOrigin = count;
    for (auto it = d->m_idle.begin(); it != d->m_idle.end(); ++it) {
        while (it.value().size() > qMax(0, count)) {
            d->destroyConn(it.value().takeFirst());
            --d->m_idleCount;
        }
    }
    d->m_idle.removeIf([](const auto &it) { return it.value().isEmpty(); });
    d->updateTimer();
}

int UpstreamPool::idleConnectionCount() const
{
    return d->m_idleCount;
}

int UpstreamPool::activeCallCount() const
{
    return int(d->m_active.size());
}

void UpstreamPool::closeIdle()
{
    for (auto it = d->m_idle.begin(); it != d->m_idle.end(); ++it) {
        for (Conn *conn : std::as_const(it.value()))
            d->destroyConn(conn);
    }
    d->m_idle.clear();
    d->m_idleCount = 0;
    d->updateTimer();
}

// ---- call ---------------------------------------------------------------------------------

void CallImpl::begin()
{
    const QUrl &url = m_request.url;
    const QString scheme = url.scheme().toLower();
    m_origin.tls = scheme == QLatin1String("https");
    m_origin.host = url.host();
    const int defaultPort = m_origin.tls ? 443 : 80;
    m_origin.port = quint16(url.port(defaultPort));
    m_origin.display = (m_origin.host.contains(u':') ? u'[' + m_origin.host + u']' : m_origin.host)
                       + u':' + QString::number(m_origin.port);
    m_origin.key = scheme.toLatin1() + "://" + m_origin.display.toUtf8();

    m_pool->addActive(this);
    m_starting = true;
    if ((scheme != QLatin1String("http") && !m_origin.tls) || m_origin.host.isEmpty()
        || !url.isValid()) {
        // Never echo the URL itself: a query string may carry a key.
        fail(ErrorCategory::UpstreamUnreachable,
             QStringLiteral("cannot connect to %1: invalid upstream URL (scheme '%2')")
                 .arg(m_origin.display, scheme));
        m_starting = false;
        return;
    }
    if (m_origin.tls && !QSslSocket::supportsSsl()) {
        fail(ErrorCategory::UpstreamUnreachable,
             QStringLiteral("cannot connect to %1: TLS is not available").arg(m_origin.display));
        m_starting = false;
        return;
    }

    if (Conn *conn = m_pool->takeIdle(m_origin.key)) {
        qCDebug(lcUpstream) << "reusing connection to" << m_origin.display;
        m_conn = conn;
        conn->owner = this;
        m_reused = true;
        send();
    } else {
        connectFresh();
    }
    m_starting = false;
}

void CallImpl::connectFresh()
{
    qCDebug(lcUpstream) << "connecting to" << m_origin.display;
    m_reused = false;
    m_phase = Phase::Connecting;
    m_deadline = m_pool->now() + m_request.connectTimeoutMs;
    m_conn = m_pool->newConn(m_origin);
    m_conn->owner = this;
    if (m_origin.tls)
        static_cast<QSslSocket *>(m_conn->socket)->connectToHostEncrypted(m_origin.host,
                                                                          m_origin.port);
    else
        m_conn->socket->connectToHost(m_origin.host, m_origin.port);
}

QByteArray CallImpl::buildWire() const
{
    const QUrl &url = m_request.url;
    QByteArray target = url.toEncoded(QUrl::RemoveScheme | QUrl::RemoveAuthority
                                      | QUrl::RemoveFragment);
    if (target.isEmpty() || target.front() != '/')
        target.prepend('/');

    QByteArray host = url.host(QUrl::FullyEncoded).toUtf8();
    if (host.contains(':'))
        host = '[' + host + ']';
    if (m_origin.port != (m_origin.tls ? 443 : 80))
        host += ':' + QByteArray::number(m_origin.port);

    const QByteArray &body = m_request.body;
    const bool sendLength = !body.isEmpty()
                            || !(equalsCi(m_request.method, "GET")
                                 || equalsCi(m_request.method, "HEAD"));
    qsizetype size = m_request.method.size() + target.size() + host.size() + 64;
    for (const auto &h : m_request.headers)
        size += h.first.size() + h.second.size() + 4;
    const bool inline_ = body.size() <= kInlineBodyMax;
    if (inline_)
        size += body.size();

    QByteArray wire;
    wire.reserve(size);
    wire += m_request.method;
    wire += ' ';
    wire += target;
    wire += " HTTP/1.1\r\nHost: ";
    wire += host;
    wire += "\r\n";
    for (const auto &h : m_request.headers) {
        if (isRequestFramingHeader(h.first))
            continue;
        wire += h.first;
        wire += ": ";
        wire += h.second;
        wire += "\r\n";
    }
    if (sendLength) {
        wire += "Content-Length: ";
        wire += QByteArray::number(body.size());
        wire += "\r\n";
    }
    wire += "\r\n";
    if (inline_)
        wire += body;
    return wire;
}

void CallImpl::send()
{
    m_phase = Phase::Head;
    m_deadline = m_pool->now() + m_request.firstByteTimeoutMs;
    QTcpSocket *socket = m_conn->socket;
    const QByteArray wire = buildWire();
    bool ok = socket->write(wire) == wire.size();
    if (ok && m_request.body.size() > kInlineBodyMax) // not copied into `wire`
        ok = socket->write(m_request.body) == m_request.body.size();
    qCDebug(lcUpstream) << "sent" << m_request.method << m_request.url.path() << "to"
                        << m_origin.display << (m_reused ? "(reused)" : "");
    if (!ok) {
        if (canRetry())
            retry();
        else
            fail(ErrorCategory::UpstreamUnreachable,
                 QStringLiteral("cannot send request to %1: %2")
                     .arg(m_origin.display, socket->errorString()));
    }
}

void CallImpl::retry()
{
    qCDebug(lcUpstream) << "idle connection to" << m_origin.display
                        << "was closed by the server; retrying on a fresh one";
    m_retried = true;
    m_conn->owner = nullptr;
    m_pool->destroyConn(m_conn);
    m_conn = nullptr;
    connectFresh();
}

void CallImpl::onConnected()
{
    if (m_phase != Phase::Connecting)
        return;
    send();
}

void CallImpl::onReadable()
{
    QByteArray data = m_conn->socket->readAll();
    if (data.isEmpty())
        return;
    m_gotBytes = true;
    feed(std::move(data));
}

void CallImpl::onSocketError(QAbstractSocket::SocketError error)
{
    if (m_phase == Phase::Done)
        return;
    if (error == QAbstractSocket::RemoteHostClosedError) {
        onClosed();
        return;
    }
    QTcpSocket *socket = m_conn->socket;
    // Bytes already buffered arrived before the error: hand them over first.
    if (socket->bytesAvailable() > 0) {
        std::weak_ptr<char> alive = m_token;
        onReadable();
        if (alive.expired() || m_phase == Phase::Done)
            return;
    }
    if (canRetry()) {
        retry();
        return;
    }
    const QString reason = socket->errorString();
    switch (m_phase) {
    case Phase::Connecting:
        fail(ErrorCategory::UpstreamUnreachable,
             QStringLiteral("cannot connect to %1: %2").arg(m_origin.display, reason));
        break;
    case Phase::Head:
        fail(ErrorCategory::UpstreamUnreachable,
             m_gotBytes ? QStringLiteral("connection closed by upstream mid-response")
                        : QStringLiteral("connection to %1 failed before a response: %2")
                              .arg(m_origin.display, reason));
        break;
    default:
        fail(ErrorCategory::UpstreamUnreachable,
             QStringLiteral("connection closed by upstream mid-response"));
        break;
    }
}

void CallImpl::onClosed()
{
    if (m_phase == Phase::Done)
        return;
    if (m_conn->socket->bytesAvailable() > 0) {
        std::weak_ptr<char> alive = m_token;
        onReadable();
        if (alive.expired() || m_phase == Phase::Done)
            return;
    }
    m_reusable = false;
    switch (m_phase) {
    case Phase::Connecting:
        fail(ErrorCategory::UpstreamUnreachable,
             QStringLiteral("cannot connect to %1: connection closed").arg(m_origin.display));
        break;
    case Phase::Head:
        if (canRetry())
            retry();
        else if (m_gotBytes)
            fail(ErrorCategory::UpstreamUnreachable,
                 QStringLiteral("connection closed by upstream mid-response"));
        else
            fail(ErrorCategory::UpstreamUnreachable,
                 QStringLiteral("upstream %1 closed the connection without a response")
                     .arg(m_origin.display));
        break;
    case Phase::Body:
        if (m_framing == Framing::UntilClose)
            complete();
        else
            fail(ErrorCategory::UpstreamUnreachable,
                 QStringLiteral("connection closed by upstream mid-response"));
        break;
    default:
        break;
    }
}

void CallImpl::checkDeadline(qint64 now)
{
    if (m_phase == Phase::Done || now < m_deadline)
        return;
    switch (m_phase) {
    case Phase::Connecting:
        fail(ErrorCategory::Timeout, QStringLiteral("timed out connecting to %1 after %2 ms")
                                         .arg(m_origin.display)
                                         .arg(m_request.connectTimeoutMs));
        break;
    case Phase::Head:
        fail(ErrorCategory::Timeout,
             QStringLiteral("upstream %1 did not answer within %2 ms")
                 .arg(m_origin.display)
                 .arg(m_request.firstByteTimeoutMs));
        break;
    default:
        fail(ErrorCategory::Timeout, QStringLiteral("upstream %1 sent nothing for %2 ms")
                                         .arg(m_origin.display)
                                         .arg(m_request.idleTimeoutMs));
        break;
    }
}

void CallImpl::feed(QByteArray data)
{
    std::weak_ptr<char> alive = m_token;
    qsizetype pos = 0;

    if (m_phase == Phase::Head) {
        if (!m_headBuf.isEmpty()) {
            m_headBuf.append(data);
            data = std::move(m_headBuf);
            m_headBuf = QByteArray();
        }
        while (m_phase == Phase::Head) {
            const qsizetype avail = data.size() - pos;
            // Fail fast on something that is not HTTP at all (e.g. TLS spoken to an http port).
            const qsizetype probe = qMin<qsizetype>(avail, 5);
            if (probe > 0 && std::memcmp(data.constData() + pos, "HTTP/", size_t(probe)) != 0) {
                fail(ErrorCategory::UpstreamProtocol,
                     QStringLiteral("malformed response from upstream %1: not HTTP")
                         .arg(m_origin.display));
                return;
            }
            const qsizetype from = pos + qMax<qsizetype>(0, m_headScanned - 3);
            const qsizetype end = data.indexOf("\r\n\r\n", from);
            if (end < 0) {
                if (avail > kMaxHeadBytes) {
                    fail(ErrorCategory::UpstreamProtocol,
                         QStringLiteral("malformed response from upstream %1: head too large")
                             .arg(m_origin.display));
                    return;
                }
                m_headBuf = pos == 0 ? std::move(data) : data.mid(pos);
                m_headScanned = m_headBuf.size();
                return;
            }
            m_headScanned = 0;
            Error error;
            if (!parseHead(QByteArrayView(data).sliced(pos, end - pos), error)) {
                fail(error.category, error.message);
                return;
            }
            pos = end + 4;
            if (m_status >= 100 && m_status < 200)
                continue; // interim response: the real one follows

            m_phase = Phase::Body;
            m_deadline = m_pool->now() + m_request.idleTimeoutMs;
            if (m_cb->onHead) {
                auto cb = m_cb;
                cb->onHead(m_status, m_headers);
                if (alive.expired() || m_phase == Phase::Done)
                    return;
            }
            if (m_framing == Framing::None || (m_framing == Framing::Length && m_remaining == 0)) {
                if (pos < data.size())
                    m_reusable = false; // bytes we did not ask for: do not trust this socket
                complete();
                return;
            }
        }
    }

    if (m_phase != Phase::Body)
        return;
    m_deadline = m_pool->now() + m_request.idleTimeoutMs;

    qsizetype outStart = pos;
    qsizetype outSize = 0;
    bool finished = false;
    Error error;
    switch (m_framing) {
    case Framing::Length: {
        const qsizetype avail = data.size() - pos;
        outSize = qsizetype(qMin<qint64>(m_remaining, avail));
        m_remaining -= outSize;
        if (avail > outSize)
            m_reusable = false;
        finished = m_remaining == 0;
        break;
    }
    case Framing::UntilClose:
        outSize = data.size() - pos;
        break;
    case Framing::Chunked:
        if (!dechunk(data.data() + pos, data.size() - pos, outSize, error)) {
            // Deliver what decoded cleanly, then report the framing error.
        }
        finished = m_chunkState == ChunkState::Finished;
        break;
    case Framing::None:
        break;
    }

    if (outSize > 0 && m_cb->onData) {
        auto cb = m_cb;
        cb->onData(QByteArrayView(data.constData() + outStart, outSize));
        if (alive.expired() || m_phase == Phase::Done)
            return;
    }
    if (error.isError())
        fail(error.category, error.message);
    else if (finished)
        complete();
}

bool CallImpl::parseHead(QByteArrayView head, Error &error)
{
    auto bad = [&](const char *what) {
        error = Error::make(ErrorCategory::UpstreamProtocol,
                            QStringLiteral("malformed response from upstream %1: %2")
                                .arg(m_origin.display, QLatin1String(what)));
        return false;
    };
    qsizetype lineEnd = head.indexOf('\n');
    QByteArrayView status = lineEnd < 0 ? head : head.first(lineEnd);
    if (status.endsWith('\r'))
        status.chop(1);
    // "HTTP/1.x SSS[ reason]"
    if (status.size() < 12 || !status.startsWith("HTTP/1.") || status[8] != ' '
        || (status.size() > 12 && status[12] != ' '))
        return bad("bad status line");
    int code = 0;
    for (int i = 9; i < 12; ++i) {
        const char c = status[i];
        if (c < '0' || c > '9')
            return bad("bad status line");
        code = code * 10 + (c - '0');
    }
    if (code < 100)
        return bad("bad status line");
    if (code == 101)
        return bad("unexpected protocol switch");
    const bool http10 = status[7] == '0';

    m_status = code;
    m_headers.clear();
    bool closeRequested = false;
    bool keepAliveRequested = false;
    bool chunked = false;
    bool hasTransferEncoding = false;
    qint64 contentLength = -1;

    qsizetype pos = lineEnd < 0 ? head.size() : lineEnd + 1;
    while (pos < head.size()) {
        qsizetype e = head.indexOf('\n', pos);
        if (e < 0)
            e = head.size();
        QByteArrayView line = head.sliced(pos, e - pos);
        pos = e + 1;
        if (line.endsWith('\r'))
            line.chop(1);
        if (line.isEmpty())
            continue;
        const qsizetype colon = line.indexOf(':');
        if (colon <= 0)
            return bad("bad header line");
        const QByteArrayView name = line.first(colon);
        if (name.back() == ' ' || name.back() == '\t')
            return bad("bad header line");
        const QByteArrayView value = line.sliced(colon + 1).trimmed();
        if (code >= 200) {
            if (equalsCi(name, "content-length")) {
                bool ok = false;
                const qint64 n = value.toLongLong(&ok);
                if (!ok || n < 0 || (contentLength >= 0 && contentLength != n))
                    return bad("bad Content-Length");
                contentLength = n;
            } else if (equalsCi(name, "transfer-encoding")) {
                hasTransferEncoding = true;
                chunked = equalsCi(lastToken(value), "chunked");
            } else if (equalsCi(name, "connection")) {
                closeRequested = closeRequested || hasToken(value, "close");
                keepAliveRequested = keepAliveRequested || hasToken(value, "keep-alive");
            }
            m_headers.append({name.toByteArray(), value.toByteArray()});
        }
    }
    if (code < 200)
        return true;

    m_keepAlive = http10 ? (keepAliveRequested && !closeRequested) : !closeRequested;
    if (!m_keepAlive)
        m_reusable = false;
    if (equalsCi(m_request.method, "HEAD") || code == 204 || code == 304) {
        m_framing = Framing::None;
    } else if (hasTransferEncoding) {
        m_framing = chunked ? Framing::Chunked : Framing::UntilClose;
        if (!chunked)
            m_reusable = false;
    } else if (contentLength >= 0) {
        m_framing = Framing::Length;
        m_remaining = contentLength;
    } else {
        m_framing = Framing::UntilClose;
        m_reusable = false;
    }
    return true;
}

bool CallImpl::dechunk(char *data, qsizetype size, qsizetype &outSize, Error &error)
{
    auto bad = [&](const char *what) {
        error = Error::make(ErrorCategory::UpstreamProtocol,
                            QStringLiteral("malformed chunked body from upstream %1: %2")
                                .arg(m_origin.display, QLatin1String(what)));
        return false;
    };
    qsizetype r = 0;
    qsizetype w = 0;
    while (r < size) {
        switch (m_chunkState) {
        case ChunkState::Size: {
            const char *nl = static_cast<const char *>(std::memchr(data + r, '\n', size_t(size - r)));
            const qsizetype take = nl ? (nl - (data + r)) : (size - r);
            m_chunkLine.append(data + r, take);
            if (m_chunkLine.size() > kMaxChunkLine) {
                outSize = w;
                return bad("chunk size line too long");
            }
            r += take;
            if (!nl)
                break;
            ++r; // the '\n'
            QByteArrayView line(m_chunkLine);
            const qsizetype semi = line.indexOf(';');
            if (semi >= 0)
                line = line.first(semi);
            line = line.trimmed();
            if (line.isEmpty() || line.size() > 15) {
                outSize = w;
                return bad("bad chunk size");
            }
            qint64 n = 0;
            for (char c : line) {
                int v;
                if (c >= '0' && c <= '9')
                    v = c - '0';
                else if (c >= 'a' && c <= 'f')
                    v = c - 'a' + 10;
                else if (c >= 'A' && c <= 'F')
                    v = c - 'A' + 10;
                else {
                    outSize = w;
                    return bad("bad chunk size");
                }
                n = n * 16 + v;
            }
            m_chunkLine.clear();
            m_remaining = n;
            m_chunkState = n == 0 ? ChunkState::Trailer : ChunkState::Data;
            break;
        }
        case ChunkState::Data: {
            const qsizetype n = qsizetype(qMin<qint64>(m_remaining, size - r));
            if (w != r)
                std::memmove(data + w, data + r, size_t(n));
            w += n;
            r += n;
            m_remaining -= n;
            if (m_remaining == 0)
                m_chunkState = ChunkState::DataCr;
            break;
        }
        case ChunkState::DataCr:
            if (data[r] == '\r') {
                ++r;
                m_chunkState = ChunkState::DataLf;
            } else if (data[r] == '\n') {
                ++r;
                m_chunkState = ChunkState::Size;
            } else {
                outSize = w;
                return bad("missing CRLF after chunk data");
            }
            break;
        case ChunkState::DataLf:
            if (data[r] != '\n') {
                outSize = w;
                return bad("missing CRLF after chunk data");
            }
            ++r;
            m_chunkState = ChunkState::Size;
            break;
        case ChunkState::Trailer: {
            const char *nl = static_cast<const char *>(std::memchr(data + r, '\n', size_t(size - r)));
            const qsizetype take = nl ? (nl - (data + r)) : (size - r);
            m_chunkLine.append(data + r, take);
            if (m_chunkLine.size() > kMaxChunkLine) {
                outSize = w;
                return bad("trailer too long");
            }
            r += take;
            if (!nl)
                break;
            ++r;
            const bool empty = m_chunkLine.isEmpty() || m_chunkLine == "\r";
            m_chunkLine.clear();
            if (empty)
                m_chunkState = ChunkState::Finished;
            break;
        }
        case ChunkState::Finished:
            m_reusable = false; // bytes after the last chunk
            r = size;
            break;
        }
    }
    outSize = w;
    return true;
}

void CallImpl::complete()
{
    m_phase = Phase::Done;
    Conn *conn = m_conn;
    m_conn = nullptr;
    if (conn) {
        conn->owner = nullptr;
        const bool reuse = m_reusable && m_keepAlive
                           && conn->socket->state() == QAbstractSocket::ConnectedState
                           && conn->socket->bytesAvailable() == 0;
        if (reuse)
            m_pool->release(conn);
        else
            m_pool->destroyConn(conn);
    }
    m_pool->removeActive(this);
    finishWith(Error{});
}

void CallImpl::fail(ErrorCategory category, QString message)
{
    if (m_phase == Phase::Done)
        return;
    qCDebug(lcUpstream) << "call to" << m_origin.display << "failed:" << message;
    m_phase = Phase::Done;
    if (m_conn) {
        m_conn->owner = nullptr;
        m_pool->destroyConn(m_conn);
        m_conn = nullptr;
    }
    m_pool->removeActive(this);
    finishWith(Error::make(category, std::move(message)));
}

void CallImpl::finishWith(Error error)
{
    auto cb = m_cb;
    if (!cb->onDone)
        return;
    if (m_starting) {
        // The caller does not hold the call yet: report from the event loop, not from start().
        std::weak_ptr<char> alive = m_token;
        QTimer::singleShot(0, m_pool->q, [alive, cb, error = std::move(error)] {
            if (!alive.expired())
                cb->onDone(error);
        });
        return;
    }
    cb->onDone(error);
}

} // namespace lip::upstream
