// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// The hot-path HTTP/1.1 client: QTcpSocket/QSslSocket with a keep-alive pool per origin,
// TCP_NODELAY (LowDelayOption), bytes handed to the caller as they arrive, no QObject per
// request and no per-host connection cap (64+ concurrent streams to one plain-HTTP upstream
// are all in flight at once). Nothing is added to a request but Host, Content-Length and
// Connection: no gzip, cookies, redirects, Accept-Language or User-Agent of its own.
// QNetworkAccessManager remains for low-rate calls (model lists, OAuth) — see docs.

#include "core/dialect.h" // HeaderList
#include "core/error.h"

#include <QByteArray>
#include <QObject>
#include <QUrl>

#include <functional>
#include <memory>

namespace lip::upstream {

struct UpstreamRequest
{
    QByteArray method = "POST";
    QUrl url;            // http:// or https://
    HeaderList headers;  // as to be sent; Host, Content-Length, Connection are added by the client
    QByteArray body;     // implicitly shared: not copied
    int connectTimeoutMs = 15000;
    int firstByteTimeoutMs = 300000; // from request sent to response head
    int idleTimeoutMs = 300000;      // between body reads
};

struct UpstreamCallbacks
{
    // The response head. Headers as received (hop-by-hop ones included; the caller filters).
    std::function<void(int status, const HeaderList &headers)> onHead;
    // Body bytes, de-chunked, in arrival order, as soon as they arrive.
    std::function<void(QByteArrayView bytes)> onData;
    // Exactly once, last. Error category None: the body ended cleanly. Otherwise
    // UpstreamUnreachable (connect/TLS/reset, or the body was cut), Timeout, Cancelled (abort()).
    std::function<void(const Error &error)> onDone;
};

class UpstreamPool;

// One request in flight. Destroying it or calling abort() closes its connection at once (the
// provider sees the client go away) and no callback is called afterwards. Both are safe from
// inside a callback.
class UpstreamCall
{
public:
    virtual ~UpstreamCall() = default;
    virtual void abort() = 0;
    virtual bool isFinished() const = 0;
};

class UpstreamPool : public QObject
{
    Q_OBJECT
public:
    explicit UpstreamPool(QObject *parent = nullptr);
    ~UpstreamPool() override;

    std::unique_ptr<UpstreamCall> start(UpstreamRequest request, UpstreamCallbacks callbacks);

    void setMaxIdlePerOrigin(int count);   // idle keep-alive sockets kept per origin (default 64)
    int idleConnectionCount() const;
    int activeCallCount() const;
    void closeIdle();

private:
    class Private;
    std::unique_ptr<Private> d;
};

} // namespace lip::upstream
