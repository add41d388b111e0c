// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// One accepted client socket of HttpServer (private to engine/server). It is the only QObject per
// connection: timers are QBasicTimers aimed at itself, responders are plain objects.

#include "server/httpparser.h"
#include "server/httpserver.h"

#include <QBasicTimer>
#include <QObject>

#include <memory>

class QTcpSocket;

namespace lip::server {

class HttpConnection : public QObject
{
    Q_OBJECT
public:
    HttpConnection(HttpServer *server, QTcpSocket *socket, quint64 id);
    ~HttpConnection() override;

    quint64 id() const { return m_id; }
    // For HttpServer::takeSocket: null unless a request is being handled and nothing was answered.
    QTcpSocket *detachSocket(bool rewind);

    // A complete error response from the server itself, then a graceful close.
    static QByteArray errorResponse(int status, QByteArrayView message);

protected:
    void timerEvent(QTimerEvent *event) override;

private:
    friend class HttpResponder;
    enum class State { ReadingHead, ReadingBody, ReadingChunked, Dispatched, Closing, Closed };

    void onReadyRead();
    void onSocketGone();
    void onBytesWritten();
    void process();
    bool stepHead();
    bool stepBody();
    bool stepChunked();
    void dispatch();
    void failRequest(int status, const char *message);
    void closeGracefully();
    void shutdownWrite();
    void finalize();
    void pullSocket();

    // Responder side.
    QByteArray buildHead(int status, const HeaderList &headers, const QByteArray &contentType,
                         qint64 contentLength, bool chunked, bool *closeAfter) const;
    void send(const QByteArray &bytes);
    void send(QByteArrayView bytes);
    void flush();
    void responseFinished(bool closeAfter);
    void abortFromResponder();

    HttpServer *m_server;
    QTcpSocket *m_socket;
    quint64 m_id;
    State m_state = State::ReadingHead;
    QByteArray m_buffer;         // received, not yet consumed (head bytes, pipelined requests)
    qsizetype m_scanFrom = 0;    // head-terminator search resumes here
    bool m_headTimerOn = false;
    bool m_inProcess = false;
    bool m_processQueued = false;
    bool m_writeShut = false;
    QBasicTimer m_timer;

    // The request being read / handled.
    ParsedHead m_head;
    QByteArray m_rawHead;
    QByteArray m_body;
    qint64 m_bodyLeft = 0;
    ChunkedDecoder m_chunked;
    bool m_keepAlive = true;
    bool m_headOnly = false;
    std::weak_ptr<HttpResponder> m_responder;
};

} // namespace lip::server
