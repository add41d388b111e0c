// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// The redirect target of a browser sign-in: a tiny HTTP listener on 127.0.0.1 only (never on
// other interfaces), on the provider's registered port or a free one. It completes on ONE
// callback with the expected path and `state`; a callback with another state is answered with
// an error page and ignored (it did not come from this sign-in), a callback after completion is
// answered with an error page (replay), and a provider error or a missing code fails the
// sign-in. Gives up after the timeout (5 minutes by default).

#include <QHash>
#include <QObject>
#include <QString>

class QTcpServer;
class QTcpSocket;
class QTimer;

namespace lip::oauth {

class LoopbackReceiver : public QObject
{
    Q_OBJECT
public:
    LoopbackReceiver(const QString &path, const QString &expectedState, QObject *parent = nullptr);
    ~LoopbackReceiver() override;

    // port 0: any free port. False with the reason (port in use) when it cannot listen.
    bool listen(quint16 port, QString *error);
    quint16 port() const;
    void setTimeoutMs(int ms);
    // Stops listening; connections already answered finish on their own.
    void close();
    bool isListening() const;

Q_SIGNALS:
    void codeReceived(const QString &code);
    void failed(const QString &error);

private:
    void onConnection();
    void onReadable(QTcpSocket *socket);
    void handle(QTcpSocket *socket, const QByteArray &target);
    void answer(QTcpSocket *socket, int status, const QString &title, const QString &text);

    QString m_path;
    QString m_state;
    QTcpServer *m_server;
    QTimer *m_timeout;
    QHash<QTcpSocket *, QByteArray> m_buffers;
    bool m_done = false;
};

} // namespace lip::oauth
