// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Byte-exact wire capture (off by default). The engine thread calls the hooks below; they only
// queue implicitly shared bytes for a writer thread (no disk I/O, no copy of a body on the engine
// thread). Secrets in headers are replaced by a fixed marker before anything is written. The
// file format and reader are in capturefile.h; docs/capture.md describes both.

#include "config/config.h"
#include "core/dialect.h" // HeaderList

#include <QByteArray>
#include <QObject>
#include <QString>

#include <memory>

namespace lip::server { struct HttpRequest; }
namespace lip::upstream { struct UpstreamRequest; struct UpstreamCallbacks; }

namespace lip::observe {

enum class Direction : quint8 {
    ClientToProxy = 0,
    ProxyToUpstream = 1,
    UpstreamToProxy = 2,
    ProxyToClient = 3,
};

class WireCapture : public QObject
{
    Q_OBJECT
public:
    // `dataDir` is the resolved data directory (captures go to config.directory or dataDir/captures).
    WireCapture(const config::CaptureConfig &config, const QString &dataDir, QObject *parent = nullptr);
    ~WireCapture() override; // flushes and stops the writer thread

    bool enabled() const;

    // Engine thread. Cheap when disabled (one branch).
    void clientRequest(quint64 requestId, const QString &session, const server::HttpRequest &request);
    void clientResponseHead(quint64 requestId, int status, const HeaderList &headers, const QByteArray &contentType);
    void clientResponseBytes(quint64 requestId, QByteArrayView bytes);
    void upstreamRequest(quint64 requestId, const QString &session, const QString &backend,
                         const upstream::UpstreamRequest &request);
    void upstreamResponseHead(quint64 requestId, int status, const HeaderList &headers);
    void upstreamResponseBytes(quint64 requestId, QByteArrayView bytes);

    // Wraps `callbacks` so the upstream head and bytes are captured too, and records `request`.
    // One line at each place an upstream call starts.
    void tapUpstream(quint64 requestId, const QString &session, const QString &backend,
                     const upstream::UpstreamRequest &request, upstream::UpstreamCallbacks &callbacks);

    void flush(); // blocks until everything queued so far is on disk (tests, shutdown)

private:
    class Private;
    std::unique_ptr<Private> d;
};

} // namespace lip::observe
