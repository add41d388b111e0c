// SPDX-License-Identifier: GPL-3.0-or-later
#include "observe/wirecapture.h"

#include "backends/http/upstreamclient.h"
#include "core/logging.h"
#include "observe/capturefile.h"
#include "observe/captureredaction.h"
#include "observe/capturesink.h"
#include "server/httpserver.h"

#include <QDateTime>
#include <QDir>
#include <QMutex>
#include <QThread>
#include <QUuid>
#include <QWaitCondition>

#include <optional>

namespace lip::observe {

namespace {
// Past this much unwritten data (a disk slower than the traffic) records are dropped rather than
// letting the proxy's memory grow without bound.
constexpr qint64 kMaxQueuedBytes = 256ll * 1024 * 1024;

qint64 nowMs()
{
    return QDateTime::currentMSecsSinceEpoch();
}
} // namespace

class WireCapture::Shared
{
public:
    bool enabled = false;
    config::CaptureConfig config;
    QString directory;

    QMutex mutex;
    QWaitCondition wake;      // writer: work or stop
    QWaitCondition written;   // flush(): a batch is on disk
    QList<CaptureRecord> queue;
    qint64 queuedBytes = 0;
    quint64 enqueued = 0;     // records accepted so far
    quint64 done = 0;         // records handled by the writer so far
    bool stop = false;
    bool overflowing = false;
    QList<QByteArray> secrets;
    bool secretsChanged = false;

    QThread *thread = nullptr;
    quint32 nextUpstreamCall = 0; // engine thread only

    void push(CaptureRecord &&record)
    {
        const qint64 size = record.bytes.size();
        QMutexLocker lock(&mutex);
        if (queuedBytes + size > kMaxQueuedBytes) {
            if (!overflowing)
                qCWarning(lcCapture) << "capture writer is behind by" << queuedBytes
                                     << "bytes; dropping captured traffic until it catches up";
            overflowing = true;
            return;
        }
        overflowing = false;
        queuedBytes += size;
        queue.append(std::move(record));
        ++enqueued;
        wake.wakeOne();
    }

    void run()
    {
        CaptureSinkOptions options;
        options.directory = directory;
        options.maxFileBytes = config.maxFileBytes;
        options.maxTotalBytes = config.maxTotalBytes;
        options.appVersion = QStringLiteral(LIP_VERSION);
        options.runId = QUuid::createUuid().toString(QUuid::WithoutBraces);
        CaptureSink sink(options);
        std::optional<BodyRedactor> redactor;
        if (config.redactBodies)
            redactor.emplace();
        for (;;) {
            QList<CaptureRecord> batch;
            quint64 upTo = 0;
            {
                QMutexLocker lock(&mutex);
                while (queue.isEmpty() && !stop)
                    wake.wait(&mutex);
                if (queue.isEmpty() && stop)
                    break;
                batch.swap(queue);
                queuedBytes = 0;
                upTo = enqueued;
                if (secretsChanged && config.redactBodies)
                    redactor.emplace(secrets);
                secretsChanged = false;
            }
            for (CaptureRecord &record : batch) {
                record.headers = redactHeaders(record.headers);
                record.url = redactUrl(record.url);
                if (redactor)
                    record.bytes = redactor->redact(record.bytes);
                sink.append(encodeCaptureRecord(record), record.timeMs);
            }
            batch.clear();
            sink.flush();
            QMutexLocker lock(&mutex);
            done = upTo;
            written.wakeAll();
        }
        QMutexLocker lock(&mutex);
        done = enqueued;
        written.wakeAll();
    }
};

WireCapture::WireCapture(const config::CaptureConfig &config, const QString &dataDir, QObject *parent)
    : QObject(parent), d(std::make_shared<Shared>())
{
    d->config = config;
    d->enabled = config.enabled;
    d->directory = !config.directory.isEmpty()    ? config.directory
                   : !dataDir.isEmpty() ? QDir(dataDir).filePath(QStringLiteral("captures"))
                                        : QString();
    if (d->enabled && d->directory.isEmpty()) {
        qCWarning(lcCapture) << "capture is on but there is no data directory; capture stays off";
        d->enabled = false;
    }
    if (!d->enabled)
        return;
    qCInfo(lcCapture) << "capturing traffic to" << d->directory
                      << (config.redactBodies ? "(bodies redacted)" : "");
    std::shared_ptr<Shared> shared = d;
    d->thread = QThread::create([shared] { shared->run(); });
    d->thread->setObjectName(QStringLiteral("lip-capture-writer"));
    d->thread->start(QThread::LowPriority);
}

WireCapture::~WireCapture()
{
    if (!d->thread)
        return;
    {
        QMutexLocker lock(&d->mutex);
        d->stop = true;
        d->wake.wakeAll();
    }
    d->thread->wait();
    delete d->thread;
    d->thread = nullptr;
}

bool WireCapture::enabled() const
{
    return d->enabled;
}

QString WireCapture::directory() const
{
    return d->directory;
}

void WireCapture::setKnownSecrets(const QList<QByteArray> &secrets)
{
    QMutexLocker lock(&d->mutex);
    d->secrets = secrets;
    d->secretsChanged = true;
}

void WireCapture::clientRequest(quint64 requestId, const QString &session, const server::HttpRequest &request)
{
    if (!d->enabled)
        return;
    CaptureRecord r;
    r.timeMs = nowMs();
    r.direction = CaptureDirection::ClientToProxy;
    r.kind = CaptureKind::Request;
    r.requestId = requestId;
    r.session = session;
    r.method = request.method;
    r.url = request.target;
    r.headers = request.headers;
    r.bytes = request.body;
    d->push(std::move(r));
}

void WireCapture::clientResponseHead(quint64 requestId, int status, const HeaderList &headers,
                                     const QByteArray &contentType)
{
    if (!d->enabled)
        return;
    CaptureRecord r;
    r.timeMs = nowMs();
    r.direction = CaptureDirection::ProxyToClient;
    r.kind = CaptureKind::Head;
    r.requestId = requestId;
    r.status = status;
    r.headers = headers;
    r.contentType = contentType;
    d->push(std::move(r));
}

namespace {
CaptureRecord dataRecord(CaptureDirection direction, quint64 requestId, quint32 call, QByteArrayView bytes)
{
    CaptureRecord r;
    r.timeMs = nowMs();
    r.direction = direction;
    r.kind = CaptureKind::Data;
    r.requestId = requestId;
    r.upstreamCall = call;
    r.bytes = bytes.toByteArray(); // the one copy: the view dies with the callback
    return r;
}

CaptureRecord endRecord(CaptureDirection direction, quint64 requestId, quint32 call, QString error)
{
    CaptureRecord r;
    r.timeMs = nowMs();
    r.direction = direction;
    r.kind = CaptureKind::End;
    r.requestId = requestId;
    r.upstreamCall = call;
    r.error = std::move(error);
    return r;
}

CaptureRecord upstreamHeadRecord(quint64 requestId, quint32 call, int status, const HeaderList &headers)
{
    CaptureRecord r;
    r.timeMs = nowMs();
    r.direction = CaptureDirection::UpstreamToProxy;
    r.kind = CaptureKind::Head;
    r.requestId = requestId;
    r.upstreamCall = call;
    r.status = status;
    r.headers = headers;
    return r;
}

QString upstreamError(const Error &error)
{
    return error.isError() ? error.message.isEmpty() ? QStringLiteral("failed") : error.message : QString();
}
} // namespace

void WireCapture::clientResponseBytes(quint64 requestId, QByteArrayView bytes)
{
    if (!d->enabled || bytes.isEmpty())
        return;
    d->push(dataRecord(CaptureDirection::ProxyToClient, requestId, 0, bytes));
}

void WireCapture::clientResponseEnd(quint64 requestId, bool complete)
{
    if (!d->enabled)
        return;
    d->push(endRecord(CaptureDirection::ProxyToClient, requestId, 0,
                      complete ? QString() : QStringLiteral("the response was cut off")));
}

void WireCapture::upstreamRequest(quint64 requestId, const QString &session, const QString &backend,
                                  const upstream::UpstreamRequest &request)
{
    if (!d->enabled)
        return;
    CaptureRecord r;
    r.timeMs = nowMs();
    r.direction = CaptureDirection::ProxyToUpstream;
    r.kind = CaptureKind::Request;
    r.requestId = requestId;
    r.session = session;
    r.backend = backend;
    r.method = request.method;
    r.url = request.url.toEncoded();
    r.headers = request.headers;
    r.bytes = request.body;
    d->push(std::move(r));
}

void WireCapture::upstreamResponseHead(quint64 requestId, int status, const HeaderList &headers)
{
    if (!d->enabled)
        return;
    d->push(upstreamHeadRecord(requestId, 0, status, headers));
}

void WireCapture::upstreamResponseBytes(quint64 requestId, QByteArrayView bytes)
{
    if (!d->enabled || bytes.isEmpty())
        return;
    d->push(dataRecord(CaptureDirection::UpstreamToProxy, requestId, 0, bytes));
}

void WireCapture::upstreamResponseEnd(quint64 requestId, const Error &error)
{
    if (!d->enabled)
        return;
    d->push(endRecord(CaptureDirection::UpstreamToProxy, requestId, 0, upstreamError(error)));
}

void WireCapture::tapClient(quint64 requestId, server::HttpResponder &responder)
{
    if (!d->enabled)
        return;
    std::shared_ptr<Shared> s = d;
    server::ResponseTap tap;
    tap.head = [s, requestId](int status, const HeaderList &headers, const QByteArray &contentType) {
        CaptureRecord r;
        r.timeMs = nowMs();
        r.direction = CaptureDirection::ProxyToClient;
        r.kind = CaptureKind::Head;
        r.requestId = requestId;
        r.status = status;
        r.headers = headers;
        r.contentType = contentType;
        s->push(std::move(r));
    };
    tap.body = [s, requestId](QByteArrayView bytes) {
        if (!bytes.isEmpty())
            s->push(dataRecord(CaptureDirection::ProxyToClient, requestId, 0, bytes));
    };
    tap.end = [s, requestId](bool complete) {
        s->push(endRecord(CaptureDirection::ProxyToClient, requestId, 0,
                          complete ? QString() : QStringLiteral("the response was cut off")));
    };
    responder.setTap(std::move(tap));
}

void WireCapture::tapUpstream(quint64 requestId, const QString &session, const QString &backend,
                              const upstream::UpstreamRequest &request, upstream::UpstreamCallbacks &callbacks)
{
    if (!d->enabled)
        return;
    const quint32 call = ++d->nextUpstreamCall;
    CaptureRecord r;
    r.timeMs = nowMs();
    r.direction = CaptureDirection::ProxyToUpstream;
    r.kind = CaptureKind::Request;
    r.requestId = requestId;
    r.upstreamCall = call;
    r.session = session;
    r.backend = backend;
    r.method = request.method;
    r.url = request.url.toEncoded();
    r.headers = request.headers;
    r.bytes = request.body;
    d->push(std::move(r));

    std::shared_ptr<Shared> s = d;
    callbacks.onHead = [s, requestId, call, next = std::move(callbacks.onHead)](int status, const HeaderList &headers) {
        s->push(upstreamHeadRecord(requestId, call, status, headers));
        if (next)
            next(status, headers);
    };
    callbacks.onData = [s, requestId, call, next = std::move(callbacks.onData)](QByteArrayView bytes) {
        if (!bytes.isEmpty())
            s->push(dataRecord(CaptureDirection::UpstreamToProxy, requestId, call, bytes));
        if (next)
            next(bytes);
    };
    callbacks.onDone = [s, requestId, call, next = std::move(callbacks.onDone)](const Error &error) {
        s->push(endRecord(CaptureDirection::UpstreamToProxy, requestId, call, upstreamError(error)));
        if (next)
            next(error);
    };
}

void WireCapture::flush()
{
    if (!d->thread)
        return;
    QMutexLocker lock(&d->mutex);
    const quint64 target = d->enqueued;
    while (d->done < target)
        d->written.wait(&d->mutex);
}

} // namespace lip::observe
