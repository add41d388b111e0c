// SPDX-License-Identifier: GPL-3.0-or-later
#include "backends/oauth/loopbackreceiver.h"

#include <QTcpServer>
#include <QTcpSocket>
#include <QTimer>
#include <QUrl>
#include <QUrlQuery>

namespace lip::oauth {

namespace {

constexpr int kMaxRequestBytes = 16 * 1024;
constexpr int kDefaultTimeoutMs = 5 * 60 * 1000;

QString htmlEscape(const QString &s)
{
    return s.toHtmlEscaped();
}

} // namespace

LoopbackReceiver::LoopbackReceiver(const QString &path, const QString &expectedState, QObject *parent)
    : QObject(parent), m_path(path), m_state(expectedState), m_server(new QTcpServer(this)), m_timeout(new QTimer(this))
{
    m_timeout->setSingleShot(true);
    m_timeout->setInterval(kDefaultTimeoutMs);
    connect(m_timeout, &QTimer::timeout, this, [this] {
        if (m_done)
            return;
        m_done = true;
        close();
        Q_EMIT failed(QStringLiteral("no answer from the browser within %1 minutes; start the sign-in again")
                          .arg(qMax(1, m_timeout->interval() / 60000)));
    });
    connect(m_server, &QTcpServer::newConnection, this, &LoopbackReceiver::onConnection);
}

LoopbackReceiver::~LoopbackReceiver() = default;

bool LoopbackReceiver::listen(quint16 port, QString *error)
{
    // 127.0.0.1 only: a sign-in code must never be reachable from the network.
    if (!m_server->listen(QHostAddress::LocalHost, port)) {
        if (error)
            *error = QStringLiteral("cannot listen on 127.0.0.1:%1 for the sign-in redirect: %2")
                         .arg(port)
                         .arg(m_server->errorString());
        return false;
    }
    m_timeout->start();
    return true;
}

quint16 LoopbackReceiver::port() const
{
    return m_server->serverPort();
}

void LoopbackReceiver::setTimeoutMs(int ms)
{
    m_timeout->setInterval(ms);
    if (m_timeout->isActive())
        m_timeout->start();
}

void LoopbackReceiver::close()
{
    m_server->close();
    m_timeout->stop();
}

bool LoopbackReceiver::isListening() const
{
    return m_server->isListening();
}

void LoopbackReceiver::onConnection()
{
    while (QTcpSocket *socket = m_server->nextPendingConnection()) {
        socket->setParent(this);
        m_buffers.insert(socket, {});
        connect(socket, &QTcpSocket::readyRead, this, [this, socket] { onReadable(socket); });
        connect(socket, &QTcpSocket::disconnected, this, [this, socket] {
            m_buffers.remove(socket);
            socket->deleteLater();
        });
    }
}

void LoopbackReceiver::onReadable(QTcpSocket *socket)
{
    auto it = m_buffers.find(socket);
    if (it == m_buffers.end())
        return;
    it.value() += socket->readAll();
    const QByteArray &buffer = it.value();
    const qsizetype end = buffer.indexOf("\r\n\r\n");
    if (end < 0) {
        if (buffer.size() > kMaxRequestBytes) {
            answer(socket, 431, QStringLiteral("Request too large"), QStringLiteral("This request is too large."));
            m_buffers.remove(socket);
        }
        return;
    }
    const QByteArray requestLine = buffer.left(buffer.indexOf("\r\n"));
    m_buffers.remove(socket);
    const QList<QByteArray> parts = requestLine.split(' ');
    if (parts.size() != 3 || parts.at(0) != "GET") {
        answer(socket, 400, QStringLiteral("Bad request"), QStringLiteral("This address only takes the sign-in redirect."));
        return;
    }
    handle(socket, parts.at(1));
}

void LoopbackReceiver::handle(QTcpSocket *socket, const QByteArray &target)
{
    const QUrl url(QStringLiteral("http://127.0.0.1") + QString::fromLatin1(target));
    if (url.path() != m_path) {
        answer(socket, 404, QStringLiteral("Not found"), QStringLiteral("This address only takes the sign-in redirect."));
        return;
    }
    if (m_done) {
        answer(socket, 400, QStringLiteral("Sign-in already finished"),
               QStringLiteral("This sign-in has already been completed or cancelled. Start a new one if needed."));
        return;
    }
    const QUrlQuery query(url);
    const QString state = query.queryItemValue(QStringLiteral("state"), QUrl::FullyDecoded);
    if (state.isEmpty() || state != m_state) {
        // Not from the authorization request we sent (stale tab, forged link): ignore it.
        answer(socket, 400, QStringLiteral("Sign-in not recognised"),
               QStringLiteral("This answer does not belong to the sign-in in progress, so it was ignored."));
        return;
    }
    const QString error = query.queryItemValue(QStringLiteral("error"), QUrl::FullyDecoded);
    const QString code = query.queryItemValue(QStringLiteral("code"), QUrl::FullyDecoded);
    m_done = true;
    if (!error.isEmpty()) {
        const QString description = query.queryItemValue(QStringLiteral("error_description"), QUrl::FullyDecoded).left(300);
        answer(socket, 400, QStringLiteral("Sign-in refused"),
               QStringLiteral("The provider refused the sign-in: %1. You can close this tab.").arg(error.left(100)));
        Q_EMIT failed(description.isEmpty() ? QStringLiteral("the provider refused the sign-in: %1").arg(error.left(100))
                                            : QStringLiteral("the provider refused the sign-in: %1 (%2)").arg(error.left(100), description));
        return;
    }
    if (code.isEmpty()) {
        answer(socket, 400, QStringLiteral("Sign-in failed"),
               QStringLiteral("The provider's answer had no authorization code. You can close this tab."));
        Q_EMIT failed(QStringLiteral("the provider's redirect carried no authorization code"));
        return;
    }
    answer(socket, 200, QStringLiteral("Signed in"),
           QStringLiteral("Sign-in complete. You can close this tab and return to LLM Interactive Proxy."));
    m_timeout->stop();
    Q_EMIT codeReceived(code);
}

void LoopbackReceiver::answer(QTcpSocket *socket, int status, const QString &title, const QString &text)
{
    const QByteArray body = QStringLiteral("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>%1</title></head>"
                                           "<body style=\"font-family:sans-serif;margin:3em\"><h1>%1</h1><p>%2</p></body></html>")
                                .arg(htmlEscape(title), htmlEscape(text))
                                .toUtf8();
    const char *reason = status == 200 ? "OK" : status == 404 ? "Not Found" : status == 431 ? "Request Header Fields Too Large" : "Bad Request";
    QByteArray head = "HTTP/1.1 " + QByteArray::number(status) + ' ' + reason + "\r\n";
    head += "Content-Type: text/html; charset=utf-8\r\nCache-Control: no-store\r\nConnection: close\r\n";
    head += "Content-Length: " + QByteArray::number(body.size()) + "\r\n\r\n";
    socket->write(QByteArray(head + body));
    socket->disconnectFromHost();
}

} // namespace lip::oauth
