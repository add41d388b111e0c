// SPDX-License-Identifier: GPL-3.0-or-later
#include "server/httpconnection.h"

#include "core/logging.h"

#include <QTcpSocket>
#include <QTimerEvent>

#ifdef Q_OS_WIN
#include <winsock2.h>
#else
#include <sys/socket.h>
#endif

namespace lip::server {

namespace {

// Pipelined bytes held while a response is pending; beyond this the socket is left unread, so
// TCP flow control pushes back on a client that floods.
constexpr qsizetype kMaxPipelined = 1024 * 1024;
// Qt's own read buffer per socket: bounds memory when we stop reading.
constexpr qint64 kSocketReadBuffer = 1024 * 1024;
// After an error or "Connection: close": how long to keep draining input so the kernel does not
// reset the connection (and destroy our response) because of unread request bytes.
constexpr int kLingerMs = 2000;
// A response small enough to copy head and body into one write (one TCP segment).
constexpr qsizetype kCoalesceBytes = 16 * 1024;

bool nameIs(const QByteArray &name, QByteArrayView lower)
{
    return name.size() == lower.size()
        && qstrnicmp(name.constData(), name.size(), lower.data(), lower.size()) == 0;
}

bool hasToken(const QByteArray &list, QByteArrayView token)
{
    qsizetype start = 0;
    while (start <= list.size()) {
        qsizetype end = list.indexOf(',', start);
        if (end < 0)
            end = list.size();
        qsizetype b = start, e = end;
        while (b < e && (list[b] == ' ' || list[b] == '\t'))
            ++b;
        while (e > b && (list[e - 1] == ' ' || list[e - 1] == '\t'))
            --e;
        if (e - b == token.size()
            && qstrnicmp(list.constData() + b, e - b, token.data(), token.size()) == 0)
            return true;
        start = end + 1;
    }
    return false;
}

bool isSecretHeader(const QByteArray &name)
{
    return nameIs(name, "authorization") || nameIs(name, "proxy-authorization")
        || nameIs(name, "x-api-key") || nameIs(name, "x-goog-api-key") || nameIs(name, "cookie")
        || nameIs(name, "set-cookie");
}

QByteArray jsonEscape(QByteArrayView text)
{
    QByteArray out;
    out.reserve(text.size() + 8);
    for (char c : text) {
        switch (c) {
        case '"': out += "\\\""; break;
        case '\\': out += "\\\\"; break;
        case '\n': out += "\\n"; break;
        case '\r': out += "\\r"; break;
        case '\t': out += "\\t"; break;
        default:
            if (quint8(c) < 0x20) {
                static const char hex[] = "0123456789abcdef";
                out += "\\u00";
                out += hex[(c >> 4) & 0xf];
                out += hex[c & 0xf];
            } else {
                out += c;
            }
        }
    }
    return out;
}

QByteArray errorJson(QByteArrayView message)
{
    return R"({"error":{"message":")" + jsonEscape(message)
        + R"(","type":"invalid_request_error"}})";
}

} // namespace

// ---------------------------------------------------------------------------------------------
// HttpConnection

HttpConnection::HttpConnection(HttpServer *server, QTcpSocket *socket, quint64 id)
    : QObject(server), m_server(server), m_socket(socket), m_id(id)
{
    m_socket->setParent(this);
    m_socket->setSocketOption(QAbstractSocket::LowDelayOption, 1);
    m_socket->setReadBufferSize(kSocketReadBuffer);
    connect(m_socket, &QIODevice::readyRead, this, &HttpConnection::onReadyRead);
    connect(m_socket, &QAbstractSocket::disconnected, this, &HttpConnection::onSocketGone);
    connect(m_socket, &QAbstractSocket::errorOccurred, this,
            [this](QAbstractSocket::SocketError) { onSocketGone(); });
    // The first request's head must arrive in time, even if not a single byte does.
    m_timer.start(m_server->limits().headTimeoutMs, this);
    m_headTimerOn = true;
    qCDebug(lcServer) << "connection" << m_id << "from" << m_socket->peerAddress().toString();
}

HttpConnection::~HttpConnection()
{
    if (m_socket)
        m_socket->disconnect(this);
    // The server goes away under a pending response: the upstream work must stop too.
    if (auto responder = m_responder.lock())
        responder->clientGone();
}

QByteArray HttpConnection::errorResponse(int status, QByteArrayView message)
{
    const QByteArray body = errorJson(message);
    QByteArray r;
    r.reserve(160 + body.size());
    r += "HTTP/1.1 " + QByteArray::number(status) + ' ' + reasonPhrase(status)
        + "\r\nContent-Type: application/json\r\nContent-Length: "
        + QByteArray::number(body.size()) + "\r\nConnection: close\r\n\r\n" + body;
    return r;
}

void HttpConnection::pullSocket()
{
    if (m_socket && m_socket->bytesAvailable() > 0)
        m_buffer.append(m_socket->readAll());
}

void HttpConnection::onReadyRead()
{
    switch (m_state) {
    case State::Closing:
        m_socket->skip(m_socket->bytesAvailable());
        return;
    case State::Closed:
        return;
    case State::Dispatched:
        // Keep reading so a disconnect is noticed; the bytes wait for their turn.
        if (m_buffer.size() < kMaxPipelined)
            pullSocket();
        return;
    default:
        process();
    }
}

void HttpConnection::process()
{
    if (m_inProcess)
        return;
    m_inProcess = true;
    // One request at a time: a handler answering synchronously puts us back in ReadingHead and
    // the loop goes on with the next buffered request, without recursion.
    bool progress = true;
    while (progress) {
        switch (m_state) {
        case State::ReadingHead: progress = stepHead(); break;
        case State::ReadingBody: progress = stepBody(); break;
        case State::ReadingChunked: progress = stepChunked(); break;
        default: progress = false; break;
        }
    }
    m_inProcess = false;
}

bool HttpConnection::stepHead()
{
    pullSocket();
    if (m_buffer.isEmpty())
        return false;
    const HttpServerLimits &limits = m_server->limits();
    HeadParseOptions options;
    options.maxHeadBytes = limits.maxHeadBytes;
    HeadParseResult r = parseRequestHead(m_buffer, options, m_scanFrom);
    if (r.status == HeadParseResult::NeedMore) {
        m_scanFrom = r.resumeScanAt;
        if (!m_headTimerOn) {
            m_timer.start(limits.headTimeoutMs, this);
            m_headTimerOn = true;
        }
        return false;
    }
    if (r.status == HeadParseResult::Error) {
        qCDebug(lcServer) << "connection" << m_id << "bad request head:" << r.errorStatus
                          << r.errorMessage;
        failRequest(r.errorStatus, r.errorMessage);
        return false;
    }

    m_scanFrom = 0;
    m_headTimerOn = false;
    m_head = std::move(r.head);
    m_keepAlive = m_head.keepAlive;
    m_headOnly = m_head.method == "HEAD";
    m_rawHead = m_head.upgrade ? m_buffer.first(r.consumed) : QByteArray();
    m_body = QByteArray();

    if (m_head.chunked) {
        if (r.consumed == m_buffer.size())
            m_buffer.clear();
        else
            m_buffer.remove(0, r.consumed);
        m_chunked = ChunkedDecoder(limits.maxBodyBytes, limits.maxHeadBytes);
        if (m_head.expectContinue && m_buffer.isEmpty())
            send(QByteArrayView("HTTP/1.1 100 Continue\r\n\r\n"));
        m_state = State::ReadingChunked;
        m_timer.start(limits.idleTimeoutMs, this);
        return true;
    }
    if (m_head.contentLength > limits.maxBodyBytes) {
        qCDebug(lcServer) << "connection" << m_id << "body of" << m_head.contentLength
                          << "bytes exceeds the limit of" << limits.maxBodyBytes;
        failRequest(413, "request body too large");
        return false;
    }
    const qint64 length = qMax<qint64>(0, m_head.contentLength);
    const qsizetype have = qsizetype(qMin<qint64>(length, m_buffer.size() - r.consumed));
    if (have > 0 && r.consumed + have == m_buffer.size() && !m_buffer.isDetached()) {
        m_body = m_buffer.sliced(r.consumed, have); // shared with another holder: copy
        m_buffer.clear();
    } else if (have > 0 && r.consumed + have == m_buffer.size()) {
        // The usual case, the request is the whole buffer: the body takes the buffer over.
        // Dropping the head from the front of an unshared QByteArray only moves its start
        // (Qt 6), so a 150 KB body is not copied here at all.
        m_body = std::move(m_buffer);
        m_body.remove(0, r.consumed);
        m_buffer = QByteArray();
    } else {
        if (have > 0)
            m_body = m_buffer.sliced(r.consumed, have); // pipelined bytes follow: copy the body
        if (r.consumed + have == m_buffer.size())
            m_buffer.clear();
        else
            m_buffer.remove(0, r.consumed + have);
    }
    m_bodyLeft = length - have;
    if (m_bodyLeft > 0) {
        m_body.reserve(qsizetype(qMin<qint64>(length, 1024 * 1024)));
        if (m_head.expectContinue && have == 0)
            send(QByteArrayView("HTTP/1.1 100 Continue\r\n\r\n"));
        m_state = State::ReadingBody;
        m_timer.start(limits.idleTimeoutMs, this);
        return true;
    }
    dispatch();
    return true;
}

bool HttpConnection::stepBody()
{
    // Read the body straight from the socket into its final buffer: no intermediate copy, and
    // bytes past it (a pipelined request) stay in the socket.
    const qint64 avail = m_socket ? m_socket->bytesAvailable() : 0;
    if (avail <= 0)
        return false;
    const qint64 want = qMin(avail, m_bodyLeft);
    const qsizetype old = m_body.size();
    if (m_body.capacity() < old + want) {
        const qint64 total = old + m_bodyLeft;
        m_body.reserve(qsizetype(qMin<qint64>(total, qMax<qint64>(old + want, 2 * qint64(old)))));
    }
    m_body.resize(old + want);
    qint64 got = m_socket->read(m_body.data() + old, want);
    if (got < 0)
        got = 0;
    m_body.resize(old + got);
    m_bodyLeft -= got;
    if (m_bodyLeft > 0) {
        m_timer.start(m_server->limits().idleTimeoutMs, this);
        return false;
    }
    dispatch();
    return true;
}

bool HttpConnection::stepChunked()
{
    pullSocket();
    if (m_buffer.isEmpty())
        return false;
    qsizetype used = 0;
    const ChunkedDecoder::Status status = m_chunked.feed(m_buffer, m_body, &used);
    if (status == ChunkedDecoder::Error) {
        qCDebug(lcServer) << "connection" << m_id << "bad chunked body:" << m_chunked.errorMessage();
        failRequest(m_chunked.errorStatus(), m_chunked.errorMessage());
        return false;
    }
    if (used == m_buffer.size())
        m_buffer.clear();
    else
        m_buffer.remove(0, used);
    if (status == ChunkedDecoder::NeedMore) {
        m_timer.start(m_server->limits().idleTimeoutMs, this);
        return false;
    }
    dispatch();
    return true;
}

void HttpConnection::dispatch()
{
    m_state = State::Dispatched;
    m_timer.stop();

    HttpRequest request;
    request.method = std::move(m_head.method);
    request.target = std::move(m_head.target);
    request.path = std::move(m_head.path);
    request.query = std::move(m_head.query);
    request.headers = std::move(m_head.headers);
    request.body = std::move(m_body);
    m_body = QByteArray();
    request.peer = m_socket->peerAddress();
    request.localPort = m_socket->localPort();
    request.connectionId = m_id;
    request.httpMinor = m_head.httpMinor;
    request.rawHead = m_rawHead;

    if (lcServer().isDebugEnabled()) {
        // The path only: a query may carry a key (Gemini's ?key=).
        qCDebug(lcServer).noquote() << "connection" << m_id << request.method << request.path
                                    << "body" << request.body.size();
        for (const auto &[name, value] : std::as_const(request.headers)) {
            qCDebug(lcServer).noquote()
                << "  " << name << ":" << (isSecretHeader(name) ? QByteArray("<redacted>") : value);
        }
    }

    ResponderPtr responder(new HttpResponder(this, m_headOnly));
    m_responder = responder;
    const RequestHandler &handler = m_server->m_handler;
    if (!handler) {
        responder->respond(503, {}, errorJson("no request handler is installed"));
        return;
    }
    handler(std::move(request), std::move(responder));
}

void HttpConnection::failRequest(int status, const char *message)
{
    if (m_state == State::Closing || m_state == State::Closed)
        return;
    m_buffer.clear();
    send(errorResponse(status, message ? QByteArrayView(message) : QByteArrayView("bad request")));
    closeGracefully();
}

void HttpConnection::closeGracefully()
{
    if (m_state == State::Closing || m_state == State::Closed || !m_socket)
        return;
    m_state = State::Closing;
    m_buffer.clear();
    m_socket->skip(m_socket->bytesAvailable());
    m_timer.start(kLingerMs, this);
    connect(m_socket, &QIODevice::bytesWritten, this, &HttpConnection::onBytesWritten);
    m_socket->flush();
    if (m_socket->bytesToWrite() == 0)
        shutdownWrite();
}

void HttpConnection::onBytesWritten()
{
    if (m_state == State::Closing && m_socket && m_socket->bytesToWrite() == 0)
        shutdownWrite();
}

void HttpConnection::shutdownWrite()
{
    if (m_writeShut || !m_socket)
        return;
    m_writeShut = true;
    // Half-close: the client sees the end of our response (and EOF for close-delimited bodies)
    // while we keep draining what it still sends, until it closes or the linger timer fires.
    // QAbstractSocket has no half-close, hence the native call.
    const qintptr fd = m_socket->socketDescriptor();
    if (fd < 0) {
        finalize();
        return;
    }
#ifdef Q_OS_WIN
    ::shutdown(SOCKET(fd), SD_SEND);
#else
    ::shutdown(int(fd), SHUT_WR);
#endif
}

void HttpConnection::onSocketGone()
{
    if (m_state == State::Closed)
        return;
    qCDebug(lcServer) << "connection" << m_id << "closed by the client";
    std::shared_ptr<HttpResponder> responder = m_responder.lock();
    m_responder.reset();
    finalize();
    if (responder)
        responder->clientGone();
}

void HttpConnection::finalize()
{
    if (m_state == State::Closed)
        return;
    m_state = State::Closed;
    m_timer.stop();
    m_buffer.clear();
    if (m_socket) {
        m_socket->disconnect(this);
        m_socket->abort();
    }
    m_server->connectionClosed(this);
    deleteLater();
}

void HttpConnection::timerEvent(QTimerEvent *event)
{
    if (event->timerId() != m_timer.timerId()) {
        QObject::timerEvent(event);
        return;
    }
    m_timer.stop();
    switch (m_state) {
    case State::ReadingHead:
        if (m_buffer.isEmpty()) {
            qCDebug(lcServer) << "connection" << m_id << "idle, closing";
            closeGracefully();
        } else {
            failRequest(408, "the request head was not received in time");
        }
        break;
    case State::ReadingBody:
    case State::ReadingChunked:
        failRequest(408, "the request body was not received in time");
        break;
    case State::Closing:
        finalize();
        break;
    default:
        break;
    }
}

QTcpSocket *HttpConnection::detachSocket(bool rewind)
{
    if (m_state != State::Dispatched || !m_socket)
        return nullptr;
    std::shared_ptr<HttpResponder> responder = m_responder.lock();
    if (responder) {
        if (responder->m_headSent)
            return nullptr;
        responder->m_finished = true; // its calls are no-ops from now on, no 500 on destruction
    }
    m_responder.reset();
    QTcpSocket *socket = m_socket;
    m_socket = nullptr;
    socket->disconnect(this);
    m_timer.stop();
    // We read ahead into m_buffer; give those bytes back, in order, in front of the unread rest.
    for (qsizetype i = m_buffer.size() - 1; i >= 0; --i)
        socket->ungetChar(m_buffer.at(i));
    if (rewind) {
        for (qsizetype i = m_rawHead.size() - 1; i >= 0; --i)
            socket->ungetChar(m_rawHead.at(i));
    }
    m_buffer.clear();
    socket->setParent(nullptr);
    qCDebug(lcServer) << "connection" << m_id << "socket taken over";
    m_state = State::Closed;
    m_server->connectionClosed(this);
    deleteLater();
    return socket;
}

QByteArray HttpConnection::buildHead(int status, const HeaderList &headers,
                                     const QByteArray &contentType, qint64 contentLength,
                                     bool chunked, bool *closeAfter) const
{
    if (!m_keepAlive)
        *closeAfter = true;
    QByteArray h;
    h.reserve(128 + headers.size() * 48);
    h += "HTTP/1.1 ";
    h += QByteArray::number(status);
    h += ' ';
    h += reasonPhrase(status);
    h += "\r\n";
    bool haveContentType = false;
    for (const auto &[name, value] : headers) {
        // Framing is ours to decide; a caller's copy (often forwarded from upstream) would lie.
        if (nameIs(name, "content-length") || nameIs(name, "transfer-encoding")
            || nameIs(name, "keep-alive"))
            continue;
        if (nameIs(name, "connection")) {
            if (hasToken(value, "close"))
                *closeAfter = true;
            continue;
        }
        if (name.isEmpty() || name.contains('\r') || name.contains('\n') || name.contains(':')
            || value.contains('\r') || value.contains('\n'))
            continue; // would split the response
        if (nameIs(name, "content-type"))
            haveContentType = true;
        h += name;
        h += ": ";
        h += value;
        h += "\r\n";
    }
    if (!haveContentType && !contentType.isEmpty()) {
        h += "Content-Type: ";
        h += contentType;
        h += "\r\n";
    }
    if (chunked) {
        h += "Transfer-Encoding: chunked\r\n";
    } else if (contentLength >= 0) {
        h += "Content-Length: ";
        h += QByteArray::number(contentLength);
        h += "\r\n";
    }
    if (*closeAfter)
        h += "Connection: close\r\n";
    else if (m_head.httpMinor == 0)
        h += "Connection: keep-alive\r\n";
    h += "\r\n";
    return h;
}

void HttpConnection::send(const QByteArray &bytes)
{
    if (m_socket && !bytes.isEmpty())
        m_socket->write(bytes);
}

void HttpConnection::send(QByteArrayView bytes)
{
    if (m_socket && !bytes.isEmpty())
        m_socket->write(bytes.data(), bytes.size());
}

void HttpConnection::flush()
{
    // Hand the bytes to the kernel now rather than on the next event-loop turn.
    if (m_socket)
        m_socket->flush();
}

void HttpConnection::responseFinished(bool closeAfter)
{
    m_responder.reset();
    if (m_state != State::Dispatched)
        return;
    if (closeAfter || !m_keepAlive) {
        closeGracefully();
        return;
    }
    m_state = State::ReadingHead;
    const HttpServerLimits &limits = m_server->limits();
    if (m_buffer.isEmpty() && m_socket->bytesAvailable() == 0) {
        m_headTimerOn = false;
        m_timer.start(limits.idleTimeoutMs, this);
        return;
    }
    m_headTimerOn = true;
    m_timer.start(limits.headTimeoutMs, this);
    if (m_inProcess)
        return; // the loop in process() continues with the buffered request
    // Answered later, from some other callback: go on from the event loop, not inside the
    // caller's stack (its handler would be re-entered).
    if (!m_processQueued) {
        m_processQueued = true;
        QMetaObject::invokeMethod(
            this,
            [this] {
                m_processQueued = false;
                process();
            },
            Qt::QueuedConnection);
    }
}

void HttpConnection::abortFromResponder()
{
    m_responder.reset();
    qCDebug(lcServer) << "connection" << m_id << "aborted by the handler";
    finalize();
}

// ---------------------------------------------------------------------------------------------
// HttpResponder

HttpResponder::HttpResponder(HttpConnection *connection, bool headOnly)
    : m_connection(connection), m_headOnly(headOnly)
{
}

HttpResponder::~HttpResponder()
{
    if (m_finished || m_gone || !m_connection)
        return;
    // The handler dropped its last reference without finishing: never leave the client hanging.
    qCDebug(lcServer) << "connection" << m_connection->id() << "handler dropped the response";
    if (!m_headSent) {
        respond(500, {}, errorJson("the request handler produced no response"));
    } else {
        m_finished = true;
        m_connection->abortFromResponder();
    }
}

bool HttpResponder::isOpen() const
{
    return !m_finished && !m_gone && !m_connection.isNull();
}

void HttpResponder::onClientGone(std::function<void()> callback)
{
    if (m_gone) {
        if (callback)
            callback();
        return;
    }
    m_onGone = std::move(callback);
}

void HttpResponder::clientGone()
{
    if (m_gone || m_finished)
        return;
    m_gone = true;
    if (m_tap && m_tap->end)
        m_tap->end(false);
    std::function<void()> callback = std::move(m_onGone);
    m_onGone = nullptr;
    if (callback)
        callback();
}

void HttpResponder::respond(int status, const HeaderList &headers, const QByteArray &body,
                            const QByteArray &contentType)
{
    HttpConnection *c = m_connection.data();
    if (!c || m_gone || m_finished || m_headSent)
        return;
    if (status < 100 || status > 999)
        status = 500;
    const bool bodyless = status < 200 || status == 204 || status == 304;
    bool closeAfter = false;
    QByteArray head = c->buildHead(status, headers, contentType, bodyless ? -1 : body.size(),
                                   false, &closeAfter);
    m_headSent = true;
    m_finished = true;
    qCDebug(lcServer) << "connection" << c->id() << "->" << status << body.size() << "bytes";
    if (m_tap) {
        if (m_tap->head)
            m_tap->head(status, headers, contentType);
        if (m_tap->body && !bodyless && !m_headOnly && !body.isEmpty())
            m_tap->body(body);
        if (m_tap->end)
            m_tap->end(true);
    }
    if (!bodyless && !m_headOnly && !body.isEmpty()) {
        m_bodyBytes = body.size();
        if (body.size() <= kCoalesceBytes) {
            head += body;
            c->send(head);
        } else {
            c->send(head);
            c->send(body);
        }
    } else {
        c->send(head);
    }
    c->flush();
    c->responseFinished(closeAfter);
}

void HttpResponder::beginStream(int status, const HeaderList &headers,
                                const QByteArray &contentType, qint64 contentLength)
{
    HttpConnection *c = m_connection.data();
    if (!c || m_gone || m_finished || m_headSent)
        return;
    if (status < 100 || status > 999)
        status = 500;
    const bool bodylessStatus = status < 200 || status == 204 || status == 304;
    m_noBody = bodylessStatus || m_headOnly;
    bool chunked = false;
    if (bodylessStatus) {
        contentLength = -1;
    } else if (contentLength >= 0) {
        m_remaining = contentLength;
    } else if (c->m_head.httpMinor == 0) {
        m_closeAfter = true; // HTTP/1.0 has no chunked framing: the body ends with the connection
    } else {
        chunked = true;
    }
    m_chunked = chunked && !m_noBody;
    const QByteArray head = c->buildHead(status, headers, contentType, contentLength, chunked,
                                         &m_closeAfter);
    m_headSent = true;
    qCDebug(lcServer) << "connection" << c->id() << "->" << status << "streaming";
    if (m_tap && m_tap->head)
        m_tap->head(status, headers, contentType);
    c->send(head);
    c->flush();
}

void HttpResponder::write(QByteArrayView bytes)
{
    HttpConnection *c = m_connection.data();
    if (!c || m_gone || m_finished || !m_headSent || m_noBody || bytes.isEmpty())
        return;
    if (m_chunked) {
        // An empty chunk would end the body, hence the isEmpty() check above.
        QByteArray frame;
        frame.reserve(bytes.size() + 20);
        frame += QByteArray::number(bytes.size(), 16);
        frame += "\r\n";
        frame.append(bytes);
        frame += "\r\n";
        c->send(frame);
    } else {
        if (m_remaining >= 0) {
            if (bytes.size() > m_remaining) {
                qCDebug(lcServer) << "connection" << c->id() << "response longer than its"
                                  << "Content-Length; excess dropped";
                bytes = bytes.first(qsizetype(m_remaining));
            }
            m_remaining -= bytes.size();
        }
        c->send(bytes);
    }
    if (m_tap && m_tap->body)
        m_tap->body(bytes);
    m_bodyBytes += bytes.size();
    c->flush();
}

void HttpResponder::end()
{
    HttpConnection *c = m_connection.data();
    if (!c || m_gone || m_finished)
        return;
    if (!m_headSent) {
        respond(500, {}, errorJson("the response ended before it began"));
        return;
    }
    if (m_chunked)
        c->send(QByteArrayView("0\r\n\r\n"));
    if (m_remaining > 0 && !m_noBody)
        m_closeAfter = true; // the client still waits for bytes that will never come
    m_finished = true;
    if (m_tap && m_tap->end)
        m_tap->end(m_remaining <= 0 || m_noBody);
    c->flush();
    c->responseFinished(m_closeAfter);
}

void HttpResponder::abortConnection()
{
    HttpConnection *c = m_connection.data();
    if (!c || m_gone || m_finished)
        return;
    m_finished = true;
    if (m_tap && m_tap->end)
        m_tap->end(false);
    c->abortFromResponder();
}

} // namespace lip::server
