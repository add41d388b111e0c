// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Byte-exact wire capture (off by default). The engine thread calls the hooks below; they only
// queue implicitly shared bytes for a writer thread (no disk I/O on the engine thread; bytes that
// arrive as a QByteArrayView are copied once, and only when capture is on). Secrets in headers
// and URLs are replaced by a fixed marker before anything is written, bodies too when
// capture.redact_bodies is on. The file format and reader are in capturefile.h; docs/capture.md
// describes both.

#include "config/config.h"
#include "core/dialect.h" // HeaderList
#include "core/error.h"
#include "observe/capturerecord.h"

#include <QByteArray>
#include <QObject>
#include <QString>

#include <memory>

namespace lip::server { struct HttpRequest; class HttpResponder; }
namespace lip::upstream { struct UpstreamRequest; struct UpstreamCallbacks; }

namespace lip::observe {

using Direction = CaptureDirection;

class WireCapture : public QObject
{
    Q_OBJECT
public:
    // `dataDir` is the resolved data directory (captures go to config.directory or dataDir/captures).
    WireCapture(const config::CaptureConfig &config, const QString &dataDir, QObject *parent = nullptr);
    ~WireCapture() override; // flushes and stops the writer thread

    bool enabled() const;
    QString directory() const;
    // Keys to blank out of bodies when redact_bodies is on (see secretsIn() in captureredaction.h).
    void setKnownSecrets(const QList<QByteArray> &secrets);

    // Engine thread. Cheap when disabled (one branch).
    void clientRequest(quint64 requestId, const QString &session, const server::HttpRequest &request);
    void clientResponseHead(quint64 requestId, int status, const HeaderList &headers, const QByteArray &contentType);
    void clientResponseBytes(quint64 requestId, QByteArrayView bytes);
    void clientResponseEnd(quint64 requestId, bool complete);
    void upstreamRequest(quint64 requestId, const QString &session, const QString &backend,
                         const upstream::UpstreamRequest &request);
    void upstreamResponseHead(quint64 requestId, int status, const HeaderList &headers);
    void upstreamResponseBytes(quint64 requestId, QByteArrayView bytes);
    void upstreamResponseEnd(quint64 requestId, const Error &error);

    // Records what `responder` sends the client (head, body bytes, end). One line in the handler.
    void tapClient(quint64 requestId, server::HttpResponder &responder);

    // Wraps `callbacks` so the upstream head and bytes are captured too, and records `request`.
    // One line at each place an upstream call starts.
    void tapUpstream(quint64 requestId, const QString &session, const QString &backend,
                     const upstream::UpstreamRequest &request, upstream::UpstreamCallbacks &callbacks);

    void flush(); // blocks until everything queued so far is on disk (tests, shutdown)

    class Shared; // the queue, shared with the writer thread and with taps that outlive a call

private:
    std::shared_ptr<Shared> d;
};

} // namespace lip::observe
