// SPDX-License-Identifier: GPL-3.0-or-later
#include "backends/modelcatalog.h"

#include "config/backendprofiles.h"
#include "core/logging.h"

#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>

#include <optional>
#include <utility>

namespace lip {

namespace {
constexpr qint64 kMaxModelListBytes = 16 * 1024 * 1024;
}

ModelCatalog::ModelCatalog(const config::Config &config, QObject *parent)
    : QObject(parent), m_config(config), m_nam(new QNetworkAccessManager(this))
{
    m_nam->setRedirectPolicy(QNetworkRequest::ManualRedirectPolicy);
}

ModelCatalog::~ModelCatalog() = default;

void ModelCatalog::invalidate()
{
    for (BackendState &state : m_state)
        state.fetchedAt.invalidate();
}

namespace {

// Whatever changes what a backend lists (an edited key may see other models).
bool sameListing(const config::BackendConfig &a, const config::BackendConfig &b)
{
    return a.type == b.type && a.baseUrl == b.baseUrl && a.apiKeys == b.apiKeys && a.extraHeaders == b.extraHeaders
        && a.enabled == b.enabled && a.models == b.models && a.reasoningModel == b.reasoningModel
        && a.executionModel == b.executionModel;
}

} // namespace

void ModelCatalog::setConfig(const config::Config &config)
{
    for (auto it = m_state.begin(); it != m_state.end();) {
        const config::BackendConfig *before = m_config.backend(it.key());
        const config::BackendConfig *after = config.backend(it.key());
        if (!after || !before || !sameListing(*before, *after)) {
            if (it->inFlight) { // its reply still lands here: only make it stale
                it->staleOnArrival = true;
                ++it;
            } else {
                it = m_state.erase(it);
            }
            continue;
        }
        ++it;
    }
    m_config = config;
}

void ModelCatalog::fetch(Callback callback)
{
    m_waiting.push_back(std::move(callback));
    const qint64 ttlMs = qint64(m_config.modelsCacheTtlSeconds) * 1000;
    for (const config::BackendConfig &backend : m_config.backends) {
        if (!backend.enabled)
            continue;
        BackendState &state = m_state[backend.name];
        const bool fresh = state.fetchedAt.isValid() && state.fetchedAt.elapsed() < ttlMs;
        if (!fresh && !state.inFlight)
            startFetch(backend);
    }
    deliverIfReady();
}

namespace {

// What a backend lists without asking its provider: the config's own `models:` list, or, for a
// hybrid, the one pseudo-model "<reasoning>+<execution>" (its two phases; the model part of a
// "hybrid-instance:…" selector is ignored, so any text selects it). nullopt: ask the provider.
std::optional<std::vector<ModelInfo>> staticModels(const config::BackendConfig &backend)
{
    const config::BackendProfile *profile = config::findBackendProfile(backend.type);
    if (profile && profile->isVirtual()) {
        ModelInfo info;
        info.id = QString(backend.reasoningModel + QLatin1Char('+') + backend.executionModel).toStdString();
        info.displayName = QStringLiteral("hybrid: %1 reasons, %2 answers")
                               .arg(backend.reasoningModel, backend.executionModel)
                               .toStdString();
        info.ownedBy = "proxy";
        return std::vector<ModelInfo>{info};
    }
    if (backend.models.isEmpty())
        return std::nullopt;
    std::vector<ModelInfo> models;
    for (const QString &id : backend.models) {
        ModelInfo info;
        info.id = id.toStdString();
        info.ownedBy = backend.type.toStdString();
        models.push_back(std::move(info));
    }
    return models;
}

} // namespace

void ModelCatalog::startFetch(const config::BackendConfig &backend)
{
    BackendState &state = m_state[backend.name];
    if (std::optional<std::vector<ModelInfo>> fixed = staticModels(backend)) {
        state.models = std::move(*fixed);
        state.failure.clear();
        state.fetchedAt.start();
        return;
    }
    const BackendConnector *connector = connectorForType(backend.type);
    if (!connector) {
        state.failure = QStringLiteral("unknown backend type '%1'").arg(backend.type);
        state.fetchedAt.start();
        return;
    }
    BackendContext context;
    context.backend = &backend;
    context.apiKey = backend.apiKeys.value(0);
    Result<upstream::UpstreamRequest> built = connector->buildModelsRequest(context);
    if (!built) {
        state.models.clear();
        state.failure = built.error().message;
        state.fetchedAt.start();
        return;
    }
    QNetworkRequest request(built->url);
    for (const auto &[name, value] : built->headers)
        request.setRawHeader(name, value);
    request.setTransferTimeout(15000);
    state.inFlight = true;
    QNetworkReply *reply = m_nam->sendCustomRequest(request, built->method, built->body);
    const QString name = backend.name;
    connect(reply, &QNetworkReply::finished, this, [this, reply, name, connector] {
        reply->deleteLater();
        BackendState &state = m_state[name];
        state.inFlight = false;
        state.fetchedAt.start();
        const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        const QByteArray body = reply->read(kMaxModelListBytes);
        if (status == 0) {
            state.failure = QStringLiteral("cannot reach %1: %2").arg(reply->url().host(), reply->errorString());
        } else if (status >= 300) {
            const Error error = connector->parseError(status, {}, body);
            state.failure = QStringLiteral("HTTP %1: %2").arg(status).arg(error.message);
        } else {
            Result<std::vector<ModelInfo>> models = connector->parseModels(body);
            if (models) {
                state.models = std::move(*models);
                state.failure.clear();
            } else {
                state.failure = models.error().message;
            }
        }
        if (!state.failure.isEmpty())
            qCWarning(lcModels).noquote() << "model list of backend" << name << "failed:" << state.failure;
        if (std::exchange(state.staleOnArrival, false))
            state.fetchedAt.invalidate(); // answered once; refetched with the new settings next time
        deliverIfReady();
    });
}

void ModelCatalog::deliverIfReady()
{
    for (const BackendState &state : std::as_const(m_state)) {
        if (state.inFlight)
            return;
    }
    if (m_waiting.empty())
        return;
    std::vector<CatalogEntry> all;
    QStringList failures;
    for (const config::BackendConfig &backend : m_config.backends) {
        const auto it = m_state.constFind(backend.name);
        if (it == m_state.cend())
            continue;
        if (!it->failure.isEmpty())
            failures << backend.name + QStringLiteral(": ") + it->failure;
        for (const ModelInfo &model : it->models)
            all.push_back({backend.name.toStdString(), model});
    }
    std::vector<Callback> waiting;
    waiting.swap(m_waiting);
    for (Callback &callback : waiting)
        callback(all, failures);
}

} // namespace lip
