// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// A deliberately simple HTTP/1.1 test client on a raw QTcpSocket (independent of the engine's
// own client and of QNetworkAccessManager's 6-per-host limit): send one request, then wait for
// the head, for body bytes as they arrive (chunked framing decoded), or for the end.

#include <QByteArray>
#include <QList>
#include <QObject>
#include <QPair>
#include <QTcpSocket>

namespace lip::test {

class RawHttpClient : public QObject
{
    Q_OBJECT
public:
    using Headers = QList<QPair<QByteArray, QByteArray>>;

    explicit RawHttpClient(quint16 port, QObject *parent = nullptr);
    // The socket is destroyed after the buffers (members go in reverse order) and says
    // "disconnected" while it goes: stop listening first.
    ~RawHttpClient() override;

    void send(const QByteArray &method, const QByteArray &target, const Headers &headers = {},
              const QByteArray &body = {});
    void sendRaw(const QByteArray &bytes);

    bool waitForHead(int timeoutMs = 10000);
    bool waitForBody(QByteArrayView needle, int timeoutMs = 10000); // until body contains needle
    bool waitForEnd(int timeoutMs = 10000);    // response complete (or connection closed)
    bool waitForClosed(int timeoutMs = 10000);
    void close();

    int status() const { return m_status; }
    QByteArray header(QByteArrayView name) const;
    QByteArray body() const { return m_body; }       // de-chunked body so far
    bool complete() const { return m_complete; }
    bool chunked() const { return m_chunked; }
    bool closed() const { return m_closed; }
    QTcpSocket *socket() { return &m_socket; }

private:
    void onReadyRead();
    void parse();
    bool waitUntil(const std::function<bool()> &condition, int timeoutMs);

    QTcpSocket m_socket;
    QByteArray m_raw;
    Headers m_headers;
    QByteArray m_body;
    int m_status = 0;
    bool m_headDone = false;
    bool m_chunked = false;
    qint64 m_contentLength = -1;
    bool m_complete = false;
    bool m_closed = false;
    bool m_headRequest = false;
};

} // namespace lip::test
