// SPDX-License-Identifier: GPL-3.0-or-later
#include "rawhttpclient.h"

#include <QDeadlineTimer>
#include <QEventLoop>
#include <QHostAddress>
#include <QTest>

namespace lip::test {

RawHttpClient::RawHttpClient(quint16 port, QObject *parent) : QObject(parent)
{
    connect(&m_socket, &QTcpSocket::readyRead, this, &RawHttpClient::onReadyRead);
    connect(&m_socket, &QTcpSocket::disconnected, this, [this] { m_closed = true; parse(); });
    m_socket.connectToHost(QHostAddress::LocalHost, port);
    m_socket.waitForConnected(5000);
}

RawHttpClient::~RawHttpClient()
{
    m_socket.disconnect(this);
    m_socket.abort();
}

void RawHttpClient::send(const QByteArray &method, const QByteArray &target, const Headers &headers,
                         const QByteArray &body)
{
    m_headRequest = method == "HEAD";
    QByteArray out = method + ' ' + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\n";
    bool hasLength = false;
    for (const auto &[name, value] : headers) {
        out += name + ": " + value + "\r\n";
        hasLength |= name.compare("content-length", Qt::CaseInsensitive) == 0
                     || name.compare("transfer-encoding", Qt::CaseInsensitive) == 0;
    }
    if (!hasLength && (!body.isEmpty() || method == "POST"))
        out += "Content-Length: " + QByteArray::number(body.size()) + "\r\n";
    out += "\r\n" + body;
    sendRaw(out);
}

void RawHttpClient::sendRaw(const QByteArray &bytes)
{
    m_raw.clear();
    m_headers.clear();
    m_body.clear();
    m_status = 0;
    m_headDone = m_chunked = m_complete = false;
    m_contentLength = -1;
    m_socket.write(bytes);
    m_socket.flush();
}

QByteArray RawHttpClient::header(QByteArrayView name) const
{
    for (const auto &[key, value] : m_headers) {
        if (key.compare(name, Qt::CaseInsensitive) == 0)
            return value;
    }
    return {};
}

void RawHttpClient::onReadyRead()
{
    m_raw += m_socket.readAll();
    parse();
}

void RawHttpClient::parse()
{
    if (!m_headDone) {
        const qsizetype end = m_raw.indexOf("\r\n\r\n");
        if (end < 0)
            return;
        const QList<QByteArray> lines = m_raw.first(end).split('\n');
        const QList<QByteArray> statusLine = lines.value(0).trimmed().split(' ');
        m_status = statusLine.value(1).toInt();
        for (qsizetype i = 1; i < lines.size(); ++i) {
            const QByteArray line = lines[i].trimmed();
            const qsizetype colon = line.indexOf(':');
            if (colon > 0)
                m_headers.append({line.first(colon).trimmed(), line.mid(colon + 1).trimmed()});
        }
        m_headDone = true;
        m_chunked = header("transfer-encoding").toLower().contains("chunked");
        if (!header("content-length").isEmpty())
            m_contentLength = header("content-length").toLongLong();
        m_raw.remove(0, end + 4);
        if (m_headRequest || m_status == 204 || m_status == 304) {
            m_complete = true;
            return;
        }
    }
    if (m_chunked) {
        for (;;) {
            const qsizetype lineEnd = m_raw.indexOf("\r\n");
            if (lineEnd < 0)
                return;
            bool ok = false;
            const qint64 size = m_raw.first(lineEnd).split(';').value(0).trimmed().toLongLong(&ok, 16);
            if (!ok)
                return;
            if (size == 0) {
                if (m_raw.indexOf("\r\n\r\n", lineEnd) >= 0 || m_raw.size() >= lineEnd + 4)
                    m_complete = true;
                return;
            }
            if (m_raw.size() < lineEnd + 2 + size + 2)
                return;
            m_body += m_raw.mid(lineEnd + 2, size);
            m_raw.remove(0, lineEnd + 2 + size + 2);
        }
    }
    m_body += m_raw;
    m_raw.clear();
    if (m_contentLength >= 0 && m_body.size() >= m_contentLength)
        m_complete = true;
    if (m_contentLength < 0 && m_closed)
        m_complete = true;
}

bool RawHttpClient::waitUntil(const std::function<bool()> &condition, int timeoutMs)
{
    QDeadlineTimer deadline(timeoutMs);
    while (!condition()) {
        if (deadline.hasExpired())
            return false;
        QTest::qWait(5);
    }
    return true;
}

bool RawHttpClient::waitForHead(int timeoutMs) { return waitUntil([this] { return m_headDone || m_closed; }, timeoutMs) && m_headDone; }
bool RawHttpClient::waitForBody(QByteArrayView needle, int timeoutMs)
{
    return waitUntil([this, needle] { return m_body.contains(needle) || m_complete || m_closed; }, timeoutMs)
           && m_body.contains(needle);
}
bool RawHttpClient::waitForEnd(int timeoutMs) { return waitUntil([this] { return m_complete || m_closed; }, timeoutMs); }
bool RawHttpClient::waitForClosed(int timeoutMs) { return waitUntil([this] { return m_closed; }, timeoutMs); }
void RawHttpClient::close() { m_socket.abort(); m_closed = true; }

} // namespace lip::test
