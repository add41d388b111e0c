// SPDX-License-Identifier: GPL-3.0-or-later
#include "fakeprovider.h"

#include <QHostAddress>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTimer>

#include <climits>
#include <cstdio>
#include <utility>

namespace lip::test {

namespace {

constexpr qsizetype kMaxRequestHead = 1024 * 1024;

bool equalsCi(QByteArrayView a, QByteArrayView b)
{
    return a.size() == b.size() && qstrnicmp(a.data(), a.size(), b.data(), b.size()) == 0;
}

const char *reasonPhrase(int status)
{
    switch (status) {
    case 200: return "OK";
    case 201: return "Created";
    case 204: return "No Content";
    case 304: return "Not Modified";
    case 400: return "Bad Request";
    case 401: return "Unauthorized";
    case 403: return "Forbidden";
    case 404: return "Not Found";
    case 408: return "Request Timeout";
    case 413: return "Payload Too Large";
    case 429: return "Too Many Requests";
    case 500: return "Internal Server Error";
    case 501: return "Not Implemented";
    case 502: return "Bad Gateway";
    case 503: return "Service Unavailable";
    case 529: return "Overloaded";
    default: return "Status";
    }
}

void appendChunk(QByteArray &out, const QByteArray &chunk)
{
    out += QByteArray::number(chunk.size(), 16);
    out += "\r\n";
    out += chunk;
    out += "\r\n";
}

} // namespace

QByteArray FakeRequest::header(QByteArrayView name) const
{
    for (const auto &h : headers) {
        if (equalsCi(h.first, name))
            return h.second;
    }
    return {};
}

bool FakeRequest::hasHeader(QByteArrayView name) const
{
    for (const auto &h : headers) {
        if (equalsCi(h.first, name))
            return true;
    }
    return false;
}

FakeReply FakeReply::json(QByteArray body, int status)
{
    FakeReply r;
    r.status = status;
    r.headers = {{"Content-Type", "application/json"}};
    r.body = std::move(body);
    return r;
}

FakeReply FakeReply::sse(QList<QByteArray> events, int gate)
{
    FakeReply r;
    r.headers = {{"Content-Type", "text/event-stream"}, {"Cache-Control", "no-cache"}};
    r.chunks = std::move(events);
    r.gate = gate;
    return r;
}

FakeReply FakeReply::error(int status, const QByteArray &message, const QByteArray &type,
                           const QByteArray &code)
{
    return json(FakeProvider::openAIError(message, type, code), status);
}

struct FakeProvider::Conn
{
    quint64 id = 0;
    int index = 0;
    QTcpSocket *socket = nullptr;
    QByteArray in;
    bool busy = false; // a request is being answered
    bool headSent = false;
    bool closeWhenDone = false;
    bool chunked = false;
    FakeReply reply;
    int nextChunk = 0;
};

FakeProvider::FakeProvider(QObject *parent) : QObject(parent)
{
    m_server = new QTcpServer(this);
    // Many clients connect in one event-loop turn: a short accept queue would drop SYNs.
    m_server->setListenBacklogSize(1024);
    m_server->setMaxPendingConnections(1 << 20);
    connect(m_server, &QTcpServer::newConnection, this, [this] { onNewConnection(); });
    m_pumpTimer = new QTimer(this);
    m_pumpTimer->setSingleShot(true);
    m_pumpTimer->setInterval(0);
    connect(m_pumpTimer, &QTimer::timeout, this, [this] { pumpAll(); });
    m_handler = [](const FakeRequest &) {
        return FakeReply::json(openAIChatCompletion("fake-model", "Hello from fake"));
    };
}

FakeProvider::~FakeProvider()
{
    for (Conn *conn : std::as_const(m_conns)) {
        conn->socket->disconnect();
        conn->socket->abort();
        delete conn;
    }
    m_conns.clear();
}

bool FakeProvider::listen()
{
    return m_server->listen(QHostAddress::LocalHost, 0);
}

quint16 FakeProvider::port() const
{
    return m_server->serverPort();
}

QUrl FakeProvider::baseUrl() const
{
    QUrl url;
    url.setScheme(QStringLiteral("http"));
    url.setHost(QStringLiteral("127.0.0.1"));
    url.setPort(port());
    return url;
}

void FakeProvider::setHandler(Handler handler)
{
    m_handler = std::move(handler);
}

int FakeProvider::newGate()
{
    m_gates.append(0);
    return int(m_gates.size() - 1);
}

void FakeProvider::stepGate(int gate, int units)
{
    if (gate < 0 || gate >= m_gates.size())
        return;
    m_gates[gate] = int(qMin<qint64>(qint64(m_gates[gate]) + units, INT_MAX / 2));
    for (Conn *conn : std::as_const(m_conns)) {
        if (conn->busy && conn->reply.gate == gate)
            schedule(conn);
    }
}

void FakeProvider::openGate(int gate)
{
    stepGate(gate, INT_MAX / 2);
}

int FakeProvider::gateAllowance(int gate) const
{
    if (gate < 0)
        return INT_MAX;
    return gate < m_gates.size() ? m_gates[gate] : 0;
}

void FakeProvider::reset()
{
    m_requests.clear();
    m_requestCount = 0;
    m_connectionsAccepted = 0;
    m_maxInFlight = m_inFlight;
    m_disconnectsBeforeResponse = 0;
    m_disconnectsMidStream = 0;
}

void FakeProvider::closeIdleConnections()
{
    const auto conns = m_conns.values();
    for (Conn *conn : conns) {
        if (!conn->busy && conn->in.isEmpty())
            dropConn(conn, true);
    }
}

void FakeProvider::onNewConnection()
{
    while (QTcpSocket *socket = m_server->nextPendingConnection()) {
        auto *conn = new Conn;
        conn->id = m_nextConnId++;
        conn->index = ++m_connectionsAccepted;
        conn->socket = socket;
        socket->setSocketOption(QAbstractSocket::LowDelayOption, 1);
        m_conns.insert(conn->id, conn);
        connect(socket, &QIODevice::readyRead, socket, [this, conn] { onReadable(conn); });
        connect(socket, &QAbstractSocket::disconnected, socket,
                [this, conn] { onDisconnected(conn); });
        if (socket->bytesAvailable() > 0)
            onReadable(conn);
    }
}

void FakeProvider::onReadable(Conn *conn)
{
    conn->in += conn->socket->readAll();
    if (!conn->busy)
        processRequests(conn);
}

void FakeProvider::onDisconnected(Conn *conn)
{
    // The client went away (we disconnect our own signals before closing a socket ourselves).
    if (conn->busy) {
        if (conn->headSent)
            ++m_disconnectsMidStream;
        else
            ++m_disconnectsBeforeResponse;
        --m_inFlight;
    }
    m_conns.remove(conn->id);
    m_scheduled.remove(conn->id);
    conn->socket->disconnect();
    conn->socket->deleteLater();
    delete conn;
}

void FakeProvider::dropConn(Conn *conn, bool graceful)
{
    if (conn->busy)
        --m_inFlight;
    m_conns.remove(conn->id);
    m_scheduled.remove(conn->id);
    QTcpSocket *socket = conn->socket;
    delete conn;
    socket->disconnect();
    if (graceful) {
        connect(socket, &QAbstractSocket::disconnected, socket, &QObject::deleteLater);
        socket->disconnectFromHost(); // flushes what is queued, then closes
        if (socket->state() == QAbstractSocket::UnconnectedState)
            socket->deleteLater();
    } else {
        socket->flush(); // what the reply wrote so far goes out before the cut
        socket->abort();
        socket->deleteLater();
    }
}

void FakeProvider::processRequests(Conn *conn)
{
    while (!conn->busy) {
        const qsizetype headEnd = conn->in.indexOf("\r\n\r\n");
        if (headEnd < 0) {
            if (conn->in.size() > kMaxRequestHead)
                dropConn(conn, false);
            return;
        }
        const QByteArrayView head = QByteArrayView(conn->in).first(headEnd);
        FakeRequest req;
        req.connection = conn->index;

        qsizetype lineEnd = head.indexOf("\r\n");
        const QByteArrayView requestLine = lineEnd < 0 ? head : head.first(lineEnd);
        const qsizetype sp1 = requestLine.indexOf(' ');
        const qsizetype sp2 = sp1 < 0 ? -1 : requestLine.indexOf(' ', sp1 + 1);
        if (sp1 <= 0 || sp2 <= sp1 + 1) {
            conn->socket->write("HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n");
            dropConn(conn, true);
            return;
        }
        req.method = requestLine.first(sp1).toByteArray();
        req.target = requestLine.sliced(sp1 + 1, sp2 - sp1 - 1).toByteArray();
        req.version = requestLine.sliced(sp2 + 1).toByteArray();
        const qsizetype q = req.target.indexOf('?');
        req.path = q < 0 ? req.target : req.target.first(q);
        if (q >= 0)
            req.query = req.target.sliced(q + 1);

        qint64 contentLength = 0;
        bool wantsClose = req.version == "HTTP/1.0";
        qsizetype pos = lineEnd < 0 ? head.size() : lineEnd + 2;
        while (pos < head.size()) {
            qsizetype e = head.indexOf("\r\n", pos);
            if (e < 0)
                e = head.size();
            const QByteArrayView line = head.sliced(pos, e - pos);
            pos = e + 2;
            const qsizetype colon = line.indexOf(':');
            if (colon <= 0)
                continue;
            const QByteArrayView name = line.first(colon);
            const QByteArrayView value = line.sliced(colon + 1).trimmed();
            if (equalsCi(name, "content-length"))
                contentLength = value.toLongLong();
            else if (equalsCi(name, "connection"))
                wantsClose = equalsCi(value, "close") ? true
                                                      : (equalsCi(value, "keep-alive") ? false
                                                                                        : wantsClose);
            req.headers.append({name.toByteArray(), value.toByteArray()});
        }
        if (contentLength < 0 || contentLength > (qint64(1) << 31)) {
            dropConn(conn, false);
            return;
        }
        const qsizetype total = headEnd + 4 + qsizetype(contentLength);
        if (conn->in.size() < total)
            return; // wait for the rest of the body
        req.body = conn->in.sliced(headEnd + 4, qsizetype(contentLength));
        if (conn->in.size() == total)
            conn->in.clear();
        else
            conn->in.remove(0, total);

        ++m_requestCount;
        ++m_inFlight;
        m_maxInFlight = qMax(m_maxInFlight, m_inFlight);
        conn->busy = true;
        conn->headSent = false;
        conn->closeWhenDone = wantsClose;
        FakeReply reply = m_handler(req);
        if (m_recording)
            m_requests.append(std::move(req));
        const quint64 id = conn->id;
        startReply(conn, std::move(reply));
        if (!m_conns.contains(id))
            return; // the reply closed the connection
    }
}

void FakeProvider::startReply(Conn *conn, FakeReply reply)
{
    conn->reply = std::move(reply);
    conn->nextChunk = 0;
    const FakeReply &r = conn->reply;
    if (!r.raw.isEmpty()) {
        conn->socket->write(r.raw);
        conn->headSent = true;
        finishResponse(conn);
        return;
    }
    if (r.malformedHead) {
        conn->socket->write("HTTP/1.1 OK\r\nContent-Length: 2\r\n\r\nhi");
        dropConn(conn, true);
        return;
    }
    const bool streamed = !r.chunks.isEmpty();
    FakeReply::Framing framing = r.framing;
    if (framing == FakeReply::Framing::Auto)
        framing = streamed ? FakeReply::Framing::Chunked : FakeReply::Framing::ContentLength;
    conn->chunked = framing == FakeReply::Framing::Chunked;
    if (framing == FakeReply::Framing::CloseDelimited || r.closeAfter)
        conn->closeWhenDone = true;
    if (r.delayHeadUntilReleased || streamed || r.dropAfter >= 0) {
        schedule(conn);
        return;
    }
    pump(conn); // fixed reply: head and body in one write
}

void FakeProvider::schedule(Conn *conn)
{
    m_scheduled.insert(conn->id);
    if (!m_pumpTimer->isActive())
        m_pumpTimer->start();
}

void FakeProvider::pumpAll()
{
    const QSet<quint64> ids = std::exchange(m_scheduled, {});
    for (quint64 id : ids) {
        if (Conn *conn = m_conns.value(id))
            pump(conn);
    }
}

void FakeProvider::pump(Conn *conn)
{
    const FakeReply &r = conn->reply;
    const int allowance = gateAllowance(r.gate);
    const int headUnits = r.delayHeadUntilReleased ? 1 : 0;
    QByteArray out;
    if (!conn->headSent) {
        if (r.delayHeadUntilReleased && (r.gate < 0 || allowance < 1))
            return; // waits for a gate step
        out.reserve(256 + r.body.size());
        out += "HTTP/1.1 ";
        out += QByteArray::number(r.status);
        out += ' ';
        out += r.reason.isEmpty() ? QByteArray(reasonPhrase(r.status)) : r.reason;
        out += "\r\n";
        for (const auto &h : r.headers) {
            out += h.first;
            out += ": ";
            out += h.second;
            out += "\r\n";
        }
        const bool streamed = !r.chunks.isEmpty();
        if (conn->chunked) {
            out += "Transfer-Encoding: chunked\r\n";
        } else if (r.framing != FakeReply::Framing::CloseDelimited) {
            qint64 length = r.body.size();
            if (streamed) {
                length = 0;
                for (const QByteArray &c : r.chunks)
                    length += c.size();
            }
            out += "Content-Length: ";
            out += QByteArray::number(length);
            out += "\r\n";
        }
        out += "\r\n";
        conn->headSent = true;
        if (!streamed) {
            if (r.dropAfter >= 0) {
                out += r.body.first(r.body.size() / 2);
                conn->socket->write(out);
                dropConn(conn, false);
                return;
            }
            out += r.body;
            conn->socket->write(out);
            finishResponse(conn);
            return;
        }
        if (r.dropAfter == 0) {
            conn->socket->write(out);
            dropConn(conn, false);
            return;
        }
    }

    // One chunk per turn, as far as the gate allows.
    if (conn->nextChunk < r.chunks.size()) {
        if (allowance <= conn->nextChunk + headUnits) {
            if (!out.isEmpty())
                conn->socket->write(out);
            return; // waits for a gate step
        }
        const QByteArray &chunk = r.chunks.at(conn->nextChunk++);
        if (conn->chunked)
            appendChunk(out, chunk);
        else
            out += chunk;
    }
    if (r.dropAfter >= 0 && conn->nextChunk >= r.dropAfter) {
        if (r.dropMidChunk && conn->nextChunk < r.chunks.size()) {
            const QByteArray &next = r.chunks.at(conn->nextChunk);
            if (conn->chunked) {
                out += QByteArray::number(next.size(), 16);
                out += "\r\n";
            }
            out += next.first(next.size() / 2);
        }
        conn->socket->write(out);
        dropConn(conn, false);
        return;
    }
    if (conn->nextChunk >= r.chunks.size()) {
        if (conn->chunked)
            out += "0\r\n\r\n";
        conn->socket->write(out);
        finishResponse(conn);
        return;
    }
    conn->socket->write(out);
    schedule(conn);
}

void FakeProvider::finishResponse(Conn *conn)
{
    conn->busy = false;
    --m_inFlight;
    if (conn->closeWhenDone) {
        dropConn(conn, true);
        return;
    }
    if (!conn->in.isEmpty())
        processRequests(conn); // a pipelined request
}

QByteArray FakeProvider::jsonString(QByteArrayView text)
{
    QByteArray out;
    out.reserve(text.size() + 2);
    out += '"';
    for (char c : text) {
        switch (c) {
        case '"': out += "\\\""; break;
        case '\\': out += "\\\\"; break;
        case '\n': out += "\\n"; break;
        case '\r': out += "\\r"; break;
        case '\t': out += "\\t"; break;
        default:
            if (uchar(c) < 0x20) {
                char buf[8];
                std::snprintf(buf, sizeof buf, "\\u%04x", unsigned(uchar(c)));
                out += buf;
            } else {
                out += c;
            }
        }
    }
    out += '"';
    return out;
}

QByteArray FakeProvider::openAIChatCompletion(const QByteArray &model, const QByteArray &content,
                                              int promptTokens, int completionTokens)
{
    QByteArray out;
    out.reserve(400 + content.size());
    out += R"({"id":"chatcmpl-fake","object":"chat.completion","created":1700000000,"model":)";
    out += jsonString(model);
    out += R"(,"choices":[{"index":0,"message":{"role":"assistant","content":)";
    out += jsonString(content);
    out += R"(},"logprobs":null,"finish_reason":"stop"}],"usage":{"prompt_tokens":)";
    out += QByteArray::number(promptTokens);
    out += R"(,"completion_tokens":)";
    out += QByteArray::number(completionTokens);
    out += R"(,"total_tokens":)";
    out += QByteArray::number(promptTokens + completionTokens);
    out += "}}";
    return out;
}

QList<QByteArray> FakeProvider::openAIChatStream(const QByteArray &model,
                                                 const QList<QByteArray> &deltas,
                                                 bool includeUsage, int promptTokens,
                                                 int completionTokens)
{
    const QByteArray prefix =
        R"(data: {"id":"chatcmpl-fake","object":"chat.completion.chunk","created":1700000000,"model":)"
        + jsonString(model) + ',';
    QList<QByteArray> events;
    events.reserve(deltas.size() + 4);
    events.append(prefix
                  + R"("choices":[{"index":0,"delta":{"role":"assistant","content":""},"logprobs":null,"finish_reason":null}]})"
                  + "\n\n");
    for (const QByteArray &d : deltas) {
        events.append(prefix + R"("choices":[{"index":0,"delta":{"content":)" + jsonString(d)
                      + R"(},"logprobs":null,"finish_reason":null}]})" + "\n\n");
    }
    events.append(prefix
                  + R"("choices":[{"index":0,"delta":{},"logprobs":null,"finish_reason":"stop"}]})"
                  + "\n\n");
    if (includeUsage) {
        events.append(prefix + R"("choices":[],"usage":{"prompt_tokens":)"
                      + QByteArray::number(promptTokens) + R"(,"completion_tokens":)"
                      + QByteArray::number(completionTokens) + R"(,"total_tokens":)"
                      + QByteArray::number(promptTokens + completionTokens) + "}}\n\n");
    }
    events.append("data: [DONE]\n\n");
    return events;
}

QByteArray FakeProvider::openAIError(const QByteArray &message, const QByteArray &type,
                                     const QByteArray &code)
{
    return R"({"error":{"message":)" + jsonString(message) + R"(,"type":)" + jsonString(type)
           + R"(,"param":null,"code":)" + (code.isEmpty() ? QByteArray("null") : jsonString(code))
           + "}}";
}

} // namespace lip::test
