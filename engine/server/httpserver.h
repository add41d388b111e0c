// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// The proxy's HTTP/1.1 front: a lean QTcpServer-based server (see docs/architecture.md for why
// not QHttpServer on this path). It parses request heads itself, enforces limits before a body is
// held, serves keep-alive connections one request at a time (pipelined requests wait), streams
// responses with chunked framing as bytes arrive, and tells the handler at once when the client
// goes away so the upstream request can be aborted.

#include "core/dialect.h" // HeaderList

#include <QByteArray>
#include <QHostAddress>
#include <QObject>
#include <QPointer>

#include <functional>
#include <memory>

// At global scope, so that the "class QTcpSocket *" below names Qt's class and does not declare
// a new lip::server::QTcpSocket.
class QTcpServer;
class QTcpSocket;

namespace lip::server {

struct HttpRequest
{
    QByteArray method;   // "GET", "POST", ... (as sent, uppercase expected)
    QByteArray target;   // the raw request-target
    QByteArray path;     // target up to '?', still percent-encoded
    QByteArray query;    // after '?', raw, without the '?'
    HeaderList headers;  // in arrival order, names as sent
    QByteArray body;     // de-chunked when the client sent chunked
    QHostAddress peer;
    quint16 localPort = 0;
    quint64 connectionId = 0;
    int httpMinor = 1;   // HTTP/1.<minor>
    QByteArray rawHead;  // the head exactly as received; filled only when wantsUpgrade()

    // First value of a header, case-insensitive name; empty when absent.
    QByteArray header(QByteArrayView name) const;
    bool hasHeader(QByteArrayView name) const;
    // Value of a query parameter (percent-decoded), empty when absent.
    QByteArray queryItem(QByteArrayView name) const;
    bool wantsUpgrade() const; // Connection: upgrade + Upgrade header
};

class HttpConnection;

// An observer of what a responder sends the client (wire capture): the head as the caller gave it,
// body bytes as sent (before chunk framing), and the end (false: cut off or the client left).
struct ResponseTap
{
    std::function<void(int status, const HeaderList &headers, const QByteArray &contentType)> head;
    std::function<void(QByteArrayView body)> body;
    std::function<void(bool complete)> end;
};

// The handle a handler answers through. Owned by shared_ptr: the handler may keep it across
// event-loop turns (while the upstream streams). Every method is a no-op once the client is gone.
// Engine thread only.
class HttpResponder
{
public:
    ~HttpResponder();

    // A whole response at once (Content-Length framing).
    void respond(int status, const HeaderList &headers, const QByteArray &body,
                 const QByteArray &contentType = "application/json");
    // A streamed response: head now (chunked framing unless contentLength >= 0), then write()s,
    // then end(). Each write() is sent as one chunk immediately.
    void beginStream(int status, const HeaderList &headers, const QByteArray &contentType,
                     qint64 contentLength = -1);
    void write(QByteArrayView bytes);
    void end();
    // Close the connection without a proper end (after a fatal mid-stream failure where the
    // dialect has no in-stream error form). The client sees a truncated body.
    void abortConnection();

    bool isOpen() const;       // the client is still there and the response is not finished
    bool headSent() const { return m_headSent; }
    bool finished() const { return m_finished; }
    qint64 bytesWritten() const { return m_bodyBytes; }

    // Called once, on the engine thread, if the client disconnects before end()/respond().
    void onClientGone(std::function<void()> callback);
    // Set before the response starts; costs nothing when never set.
    void setTap(ResponseTap tap) { m_tap = std::make_unique<ResponseTap>(std::move(tap)); }

private:
    friend class HttpConnection;
    explicit HttpResponder(HttpConnection *connection, bool headOnly);
    void clientGone();

    QPointer<HttpConnection> m_connection;
    std::function<void()> m_onGone;
    std::unique_ptr<ResponseTap> m_tap;
    qint64 m_bodyBytes = 0;
    qint64 m_remaining = -1; // Content-Length framing: bytes still owed; -1 otherwise
    bool m_headOnly = false;
    bool m_noBody = false;    // HEAD, 1xx, 204, 304
    bool m_closeAfter = false;
    bool m_headSent = false;
    bool m_chunked = false;
    bool m_finished = false;
    bool m_gone = false;
};

using ResponderPtr = std::shared_ptr<HttpResponder>;
using RequestHandler = std::function<void(HttpRequest &&request, ResponderPtr responder)>;

struct HttpServerLimits
{
    qint64 maxBodyBytes = 64ll * 1024 * 1024;   // larger → 413 before the body is held
    int maxHeadBytes = 64 * 1024;               // request line + headers; larger → 431
    int headTimeoutMs = 30000;                  // slow-loris guard: whole head within this
    int idleTimeoutMs = 120000;                 // idle keep-alive connection is closed
    int maxConnections = 4096;
};

class HttpServer : public QObject
{
    Q_OBJECT
public:
    explicit HttpServer(QObject *parent = nullptr);
    ~HttpServer() override;

    void setHandler(RequestHandler handler);
    void setLimits(const HttpServerLimits &limits);
    const HttpServerLimits &limits() const { return m_limits; }

    // On failure returns false and a message a person can act on (e.g. the port is in use).
    bool listen(const QHostAddress &address, quint16 port, QString *errorMessage);
    void close();
    bool isListening() const;
    quint16 serverPort() const;
    QHostAddress serverAddress() const;
    int connectionCount() const;

    // A connection whose request asked to upgrade (WebSocket) can be taken over: the socket is
    // detached from this server with its unread bytes intact. Returns nullptr if not possible.
    // Only while that request is being handled and no response head was sent; the returned
    // socket has no parent and is positioned just after the request head (bytes the client sent
    // after it are still readable, but no readyRead is emitted for those: check bytesAvailable()).
    class QTcpSocket *takeSocket(quint64 connectionId);
    // The same, but the request head is pushed back in front of the unread bytes, for
    // QWebSocketServer::handleConnection(), which wants to read the handshake itself.
    class QTcpSocket *takeSocketRewound(quint64 connectionId);

private:
    friend class HttpConnection;
    void onNewConnection();
    void connectionClosed(HttpConnection *connection);
    class QTcpSocket *detachSocket(quint64 connectionId, bool rewind);

    class QTcpServer *m_tcp = nullptr;
    RequestHandler m_handler;
    HttpServerLimits m_limits;
    QList<HttpConnection *> m_connections;
    quint64 m_nextConnectionId = 1;
};

// The reason phrase for a status code ("OK", "Not Found", ...).
QByteArray reasonPhrase(int status);

} // namespace lip::server
