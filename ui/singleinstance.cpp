// SPDX-License-Identifier: GPL-3.0-or-later
#include "singleinstance.h"

#include "uilogging.h"

#include <QCryptographicHash>
#include <QDir>
#include <QLocalServer>
#include <QLocalSocket>

namespace lip::ui {

namespace {
const QByteArray ShowCommand = QByteArrayLiteral("show\n");
const QByteArray Ack = QByteArrayLiteral("ok\n");
} // namespace

QString SingleInstance::serverName(const QString &dataDir)
{
    // The user name keeps two users of one machine apart (Windows pipes are machine-wide); the
    // data dir keeps a second, deliberately separate profile possible. Hashed: socket paths are
    // short on Unix (~100 bytes).
    QString user = qEnvironmentVariable("USER");
    if (user.isEmpty())
        user = qEnvironmentVariable("USERNAME");
    const QByteArray key = (user + QLatin1Char('\n') + QDir::cleanPath(QDir(dataDir).absolutePath())).toUtf8();
    const QByteArray hash = QCryptographicHash::hash(key, QCryptographicHash::Sha256).toHex().left(16);
    return QStringLiteral("llm-interactive-proxy-") + QString::fromLatin1(hash);
}

SingleInstance::SingleInstance(const QString &serverName, QObject *parent)
    : QObject(parent)
    , m_name(serverName)
{
}

SingleInstance::~SingleInstance() = default;

bool SingleInstance::claim(int timeoutMs)
{
    if (m_server)
        return true;
    {
        QLocalSocket socket;
        socket.connectToServer(m_name);
        if (socket.waitForConnected(timeoutMs)) {
            socket.write(ShowCommand);
            socket.waitForBytesWritten(timeoutMs);
            // Wait for the acknowledgement so the first window is up before this process exits
            // (the desktop then gives it focus rather than a vanished launcher).
            while (!socket.canReadLine() && socket.waitForReadyRead(timeoutMs)) {
            }
            qCInfo(lcUi) << "another instance is running; asked it to show its window";
            return false;
        }
    }
    auto *server = new QLocalServer(this);
    server->setSocketOptions(QLocalServer::UserAccessOption);
    if (!server->listen(m_name)) {
        // A stale socket file from a crashed instance: nobody answered above, so remove it.
        QLocalServer::removeServer(m_name);
        if (!server->listen(m_name)) {
            qCWarning(lcUi) << "single-instance socket unavailable:" << server->errorString();
            delete server;
            // Better two windows than none.
            return true;
        }
    }
    m_server = server;
    connect(m_server, &QLocalServer::newConnection, this, &SingleInstance::onNewConnection);
    return true;
}

void SingleInstance::onNewConnection()
{
    while (QLocalSocket *socket = m_server->nextPendingConnection()) {
        connect(socket, &QLocalSocket::disconnected, socket, &QObject::deleteLater);
        connect(socket, &QLocalSocket::readyRead, this, [this, socket] {
            // A line at most; anything longer or different is not ours and is dropped.
            if (socket->bytesAvailable() > 64) {
                socket->abort();
                return;
            }
            if (!socket->canReadLine())
                return;
            const QByteArray line = socket->readLine(64);
            if (line == ShowCommand) {
                Q_EMIT showRequested();
                socket->write(Ack);
                socket->flush();
            }
            socket->disconnectFromServer();
        });
    }
}

} // namespace lip::ui
