// SPDX-License-Identifier: GPL-3.0-or-later
#include "server/httpserver.h"

#include "core/logging.h"
#include "server/httpconnection.h"

#include <QTcpServer>
#include <QTcpSocket>

namespace lip::server {

namespace {

bool sameName(const QByteArray &a, QByteArrayView b)
{
    return a.size() == b.size() && qstrnicmp(a.constData(), a.size(), b.data(), b.size()) == 0;
}

// '+' means a space in form-style query strings; decode it before %XX so %2B stays a '+'.
QByteArray decodeQueryPart(QByteArrayView part)
{
    QByteArray bytes = part.toByteArray();
    bytes.replace('+', ' ');
    return QByteArray::fromPercentEncoding(bytes);
}

} // namespace

// ---------------------------------------------------------------------------------------------
// HttpRequest

QByteArray HttpRequest::header(QByteArrayView name) const
{
    for (const auto &[key, value] : headers) {
        if (sameName(key, name))
            return value;
    }
    return {};
}

bool HttpRequest::hasHeader(QByteArrayView name) const
{
    for (const auto &entry : headers) {
        if (sameName(entry.first, name))
            return true;
    }
    return false;
}

QByteArray HttpRequest::queryItem(QByteArrayView name) const
{
    qsizetype start = 0;
    const QByteArrayView q(query);
    while (start <= q.size()) {
        qsizetype end = q.indexOf('&', start);
        if (end < 0)
            end = q.size();
        const QByteArrayView pair = q.sliced(start, end - start);
        if (!pair.isEmpty()) {
            const qsizetype eq = pair.indexOf('=');
            const QByteArrayView key = eq < 0 ? pair : pair.first(eq);
            const bool plain = !key.contains('%') && !key.contains('+');
            if (plain ? key == name : decodeQueryPart(key) == name)
                return eq < 0 ? QByteArray() : decodeQueryPart(pair.sliced(eq + 1));
        }
        start = end + 1;
    }
    return {};
}

bool HttpRequest::wantsUpgrade() const
{
    bool connectionUpgrade = false;
    bool upgradeHeader = false;
    for (const auto &[key, value] : headers) {
        if (sameName(key, "upgrade") && !value.trimmed().isEmpty()) {
            upgradeHeader = true;
        } else if (sameName(key, "connection")) {
            for (const QByteArray &token : value.split(',')) {
                if (sameName(token.trimmed(), "upgrade"))
                    connectionUpgrade = true;
            }
        }
    }
    return connectionUpgrade && upgradeHeader;
}

// ---------------------------------------------------------------------------------------------
// HttpServer

HttpServer::HttpServer(QObject *parent)
    : QObject(parent), m_tcp(new QTcpServer(this))
{
    connect(m_tcp, &QTcpServer::newConnection, this, &HttpServer::onNewConnection);
}

HttpServer::~HttpServer()
{
    m_tcp->close();
    // Connections are children and go with us; each tells its pending responder the client is
    // gone so upstream work stops.
    const QList<HttpConnection *> connections = m_connections;
    m_connections.clear();
    qDeleteAll(connections);
}

void HttpServer::setHandler(RequestHandler handler)
{
    m_handler = std::move(handler);
}

void HttpServer::setLimits(const HttpServerLimits &limits)
{
    m_limits = limits;
}

bool HttpServer::listen(const QHostAddress &address, quint16 port, QString *errorMessage)
{
    if (m_tcp->isListening())
        m_tcp->close();
    m_tcp->setListenBacklogSize(1024);
    if (m_tcp->listen(address, port)) {
        qCDebug(lcServer) << "listening on" << address.toString() << m_tcp->serverPort();
        return true;
    }
    QString reason;
    switch (m_tcp->serverError()) {
    case QAbstractSocket::AddressInUseError:
        reason = QStringLiteral("address already in use");
        break;
    case QAbstractSocket::SocketAccessError:
        reason = QStringLiteral("permission denied (ports below 1024 need extra privileges)");
        break;
    case QAbstractSocket::SocketAddressNotAvailableError:
        reason = QStringLiteral("the address is not available on this machine");
        break;
    default:
        reason = m_tcp->errorString();
        break;
    }
    const QString host = address.protocol() == QAbstractSocket::IPv6Protocol
        ? QLatin1Char('[') + address.toString() + QLatin1Char(']')
        : address.toString();
    const QString message = QStringLiteral("cannot listen on %1:%2: %3").arg(host).arg(port).arg(reason);
    qCDebug(lcServer).noquote() << message;
    if (errorMessage)
        *errorMessage = message;
    return false;
}

void HttpServer::close()
{
    // Stops accepting; connections already open finish their current exchange.
    m_tcp->close();
}

bool HttpServer::isListening() const
{
    return m_tcp->isListening();
}

quint16 HttpServer::serverPort() const
{
    return m_tcp->serverPort();
}

QHostAddress HttpServer::serverAddress() const
{
    return m_tcp->serverAddress();
}

int HttpServer::connectionCount() const
{
    return int(m_connections.size());
}

void HttpServer::onNewConnection()
{
    while (m_tcp->hasPendingConnections()) {
        QTcpSocket *socket = m_tcp->nextPendingConnection();
        if (!socket)
            break;
        if (m_connections.size() >= m_limits.maxConnections) {
            qCDebug(lcServer) << "connection limit" << m_limits.maxConnections
                              << "reached, refusing" << socket->peerAddress().toString();
            connect(socket, &QAbstractSocket::disconnected, socket, &QObject::deleteLater);
            socket->write(HttpConnection::errorResponse(503, "too many connections"));
            socket->disconnectFromHost();
            continue;
        }
        m_connections.append(new HttpConnection(this, socket, m_nextConnectionId++));
    }
}

void HttpServer::connectionClosed(HttpConnection *connection)
{
    m_connections.removeOne(connection);
}

QTcpSocket *HttpServer::detachSocket(quint64 connectionId, bool rewind)
{
    for (HttpConnection *connection : std::as_const(m_connections)) {
        if (connection->id() == connectionId)
            return connection->detachSocket(rewind);
    }
    return nullptr;
}

QTcpSocket *HttpServer::takeSocket(quint64 connectionId)
{
    return detachSocket(connectionId, false);
}

QTcpSocket *HttpServer::takeSocketRewound(quint64 connectionId)
{
    return detachSocket(connectionId, true);
}

// ---------------------------------------------------------------------------------------------

QByteArray reasonPhrase(int status)
{
    switch (status) {
    case 100: return QByteArrayLiteral("Continue");
    case 101: return QByteArrayLiteral("Switching Protocols");
    case 200: return QByteArrayLiteral("OK");
    case 201: return QByteArrayLiteral("Created");
    case 202: return QByteArrayLiteral("Accepted");
    case 204: return QByteArrayLiteral("No Content");
    case 206: return QByteArrayLiteral("Partial Content");
    case 301: return QByteArrayLiteral("Moved Permanently");
    case 302: return QByteArrayLiteral("Found");
    case 303: return QByteArrayLiteral("See Other");
    case 304: return QByteArrayLiteral("Not Modified");
    case 307: return QByteArrayLiteral("Temporary Redirect");
    case 308: return QByteArrayLiteral("Permanent Redirect");
    case 400: return QByteArrayLiteral("Bad Request");
    case 401: return QByteArrayLiteral("Unauthorized");
    case 402: return QByteArrayLiteral("Payment Required");
    case 403: return QByteArrayLiteral("Forbidden");
    case 404: return QByteArrayLiteral("Not Found");
    case 405: return QByteArrayLiteral("Method Not Allowed");
    case 406: return QByteArrayLiteral("Not Acceptable");
    case 408: return QByteArrayLiteral("Request Timeout");
    case 409: return QByteArrayLiteral("Conflict");
    case 410: return QByteArrayLiteral("Gone");
    case 411: return QByteArrayLiteral("Length Required");
    case 412: return QByteArrayLiteral("Precondition Failed");
    case 413: return QByteArrayLiteral("Content Too Large");
    case 414: return QByteArrayLiteral("URI Too Long");
    case 415: return QByteArrayLiteral("Unsupported Media Type");
    case 416: return QByteArrayLiteral("Range Not Satisfiable");
    case 417: return QByteArrayLiteral("Expectation Failed");
    case 421: return QByteArrayLiteral("Misdirected Request");
    case 422: return QByteArrayLiteral("Unprocessable Content");
    case 425: return QByteArrayLiteral("Too Early");
    case 426: return QByteArrayLiteral("Upgrade Required");
    case 428: return QByteArrayLiteral("Precondition Required");
    case 429: return QByteArrayLiteral("Too Many Requests");
    case 431: return QByteArrayLiteral("Request Header Fields Too Large");
    case 451: return QByteArrayLiteral("Unavailable For Legal Reasons");
    case 499: return QByteArrayLiteral("Client Closed Request");
    case 500: return QByteArrayLiteral("Internal Server Error");
    case 501: return QByteArrayLiteral("Not Implemented");
    case 502: return QByteArrayLiteral("Bad Gateway");
    case 503: return QByteArrayLiteral("Service Unavailable");
    case 504: return QByteArrayLiteral("Gateway Timeout");
    case 505: return QByteArrayLiteral("HTTP Version Not Supported");
    case 529: return QByteArrayLiteral("Site Is Overloaded");
    default: break;
    }
    if (status >= 100 && status < 200)
        return QByteArrayLiteral("Informational");
    if (status >= 200 && status < 300)
        return QByteArrayLiteral("Success");
    if (status >= 300 && status < 400)
        return QByteArrayLiteral("Redirection");
    if (status >= 400 && status < 500)
        return QByteArrayLiteral("Client Error");
    return QByteArrayLiteral("Server Error");
}

} // namespace lip::server
