// SPDX-License-Identifier: GPL-3.0-or-later
#include "backendprobe.h"

#include "backends/connector.h"
#include "config/backendprofiles.h"
#include "core/logfeed.h"

#include <QElapsedTimer>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QTimer>

#include <memory>

namespace lip {

namespace {

constexpr qint64 kMaxListingBytes = 16 * 1024 * 1024;

// Providers sometimes quote part of a rejected key back ("Incorrect API key provided: sk-ab…").
QString withoutKey(QString text, const QString &key)
{
    if (key.size() >= 4)
        text.replace(key, QStringLiteral("[REDACTED]"));
    return LogFeed::redact(text);
}

void answerLater(QObject *context, std::function<void(const BackendTestResult &)> done, BackendTestResult result)
{
    QMetaObject::invokeMethod(context, [done = std::move(done), result] { done(result); }, Qt::QueuedConnection);
}

} // namespace

void probeBackend(QNetworkAccessManager *nam, const config::BackendConfig &backend, int timeoutMs,
                  std::function<void(const BackendTestResult &)> done)
{
    BackendTestResult result;
    const config::BackendProfile *profile = config::findBackendProfile(backend.type);
    if (profile && profile->isVirtual()) {
        result.error = QStringLiteral("'%1' is a virtual backend (it calls other backends): test those instead").arg(backend.type);
        answerLater(nam, std::move(done), result);
        return;
    }
    const BackendConnector *connector = connectorForType(backend.type);
    if (!connector) {
        result.error = QStringLiteral("unknown backend type '%1'").arg(backend.type.left(100));
        answerLater(nam, std::move(done), result);
        return;
    }
    const QString key = backend.apiKeys.value(0);
    BackendContext context;
    context.backend = &backend; // only read while the request is built
    context.apiKey = key;
    Result<upstream::UpstreamRequest> built = connector->buildModelsRequest(context);
    if (!built) {
        result.error = withoutKey(built.error().message, key);
        answerLater(nam, std::move(done), result);
        return;
    }
    QNetworkRequest request(built->url);
    for (const auto &[name, value] : built->headers)
        request.setRawHeader(name, value);
    request.setTransferTimeout(timeoutMs); // no byte for this long: the reply ends with a timeout
    auto timer = std::make_shared<QElapsedTimer>();
    timer->start();
    QNetworkReply *reply = nam->sendCustomRequest(request, built->method, built->body);
    // A hard deadline as well: a provider trickling bytes never hangs the dialog.
    QTimer::singleShot(timeoutMs, reply, [reply] { reply->abort(); });
    const QString host = built->url.host();
    QObject::connect(reply, &QNetworkReply::finished, reply, [reply, timer, connector, key, host, timeoutMs, done = std::move(done)] {
        reply->deleteLater();
        BackendTestResult result;
        result.latencyMs = timer->elapsed();
        result.httpStatus = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        const QByteArray body = reply->read(kMaxListingBytes);
        if (result.httpStatus == 0) {
            const bool timedOut = reply->error() == QNetworkReply::OperationCanceledError
                || reply->error() == QNetworkReply::TimeoutError;
            result.error = timedOut ? QStringLiteral("no answer from %1 within %2 s").arg(host).arg(timeoutMs / 1000)
                                    : QStringLiteral("cannot reach %1: %2").arg(host, reply->errorString());
            result.error = withoutKey(result.error, key);
        } else if (result.httpStatus >= 300) {
            const Error error = connector->parseError(result.httpStatus, {}, body);
            result.error = withoutKey(QStringLiteral("HTTP %1: %2").arg(result.httpStatus).arg(error.message), key);
        } else {
            Result<std::vector<ModelInfo>> models = connector->parseModels(body);
            if (!models) {
                result.error = withoutKey(models.error().message, key);
            } else {
                result.ok = true;
                for (const ModelInfo &model : *models)
                    result.models << QString::fromStdString(model.id);
                result.modelCount = int(result.models.size());
            }
        }
        done(result);
    });
}

} // namespace lip
