// SPDX-License-Identifier: GPL-3.0-or-later
#include "portholder.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QTcpSocket>

namespace lip {

namespace {

constexpr int kConnectMs = 500;
constexpr int kAnswerMs = 1000;
constexpr qint64 kMaxAnswerBytes = 8192;

// The pid of the proxy holding `port`, 0 when it is another program (or does not answer).
qint64 proxyHolding(const QHostAddress &bound, quint16 port)
{
    // A wildcard bind is reached through loopback.
    QHostAddress target = bound;
    if (bound == QHostAddress::AnyIPv4 || bound == QHostAddress::Any)
        target = QHostAddress(QHostAddress::LocalHost);
    else if (bound == QHostAddress::AnyIPv6)
        target = QHostAddress(QHostAddress::LocalHostIPv6);
    QTcpSocket socket;
    socket.connectToHost(target, port);
    if (!socket.waitForConnected(kConnectMs))
        return 0;
    socket.write("GET /health HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
    QByteArray answer;
    while (answer.size() < kMaxAnswerBytes && socket.waitForReadyRead(kAnswerMs)) {
        answer += socket.read(kMaxAnswerBytes - answer.size());
        if (answer.contains("}"))
            break;
    }
    const qsizetype bodyAt = answer.indexOf("\r\n\r\n");
    if (bodyAt < 0 || !answer.startsWith("HTTP/1.1 200"))
        return 0;
    const QJsonObject health = QJsonDocument::fromJson(answer.mid(bodyAt + 4)).object();
    if (health.value(QStringLiteral("app")).toString() != QLatin1String("llm-interactive-proxy"))
        return 0;
    return qint64(health.value(QStringLiteral("pid")).toDouble(-1));
}

} // namespace

QString explainListenError(const QString &error, const QHostAddress &address, quint16 port)
{
    if (port == 0 || !error.contains(QLatin1String("already in use")))
        return error;
    const qint64 pid = proxyHolding(address, port);
    if (pid > 0)
        return error + QStringLiteral(": another LLM Interactive Proxy (pid %1) is running there; stop it or choose another port").arg(pid);
    if (pid < 0)
        return error + QStringLiteral(": another LLM Interactive Proxy is running there; stop it or choose another port");
    return error + QStringLiteral(": another program holds it; stop it or choose another port");
}

} // namespace lip
