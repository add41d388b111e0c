// SPDX-License-Identifier: GPL-3.0-or-later
#include "proxyservice.h"

#include "backends/anthropic/anthropicconnector.h"
#include "backends/oauth/tokenbroker.h" // oauthconn: reloadAccounts
#include "backends/openai_responses/openairesponsesconnector.h"
#include "config/backendprofiles.h"
#include "core/jsonsplice.h"
#include "core/logging.h"
#include "frontends/anthropic/anthropicfrontend.h"
#include "frontends/gemini/geminifrontend.h"
#include "frontends/openai_responses/responsestore.h"
#include "modellists.h"
#include "observe/captureredaction.h"
#include "session/commandreply.h"

#include <boost/json/serialize.hpp>

#include <QCoreApplication>
#include <QDir>
#include <QJsonDocument>
#include <QJsonObject>
#include <QStandardPaths>

#include <QTimer>

namespace lip {

const Frontend &frontendFor(Dialect dialect)
{
    switch (dialect) {
    case Dialect::OpenAIChat: return openAIChatFrontend();
    case Dialect::Anthropic: return anthropicFrontend();
    case Dialect::Gemini: return geminiFrontend();
    case Dialect::OpenAIResponses: return openAIResponsesFrontend();
    case Dialect::Ollama: break; // backend-only: no Ollama frontend
    }
    return openAIChatFrontend();
}

namespace {

QList<QByteArray> keysAsBytes(const QStringList &keys)
{
    QList<QByteArray> out;
    for (const QString &key : keys)
        out.append(key.toUtf8());
    return out;
}

} // namespace

ProxyService::ProxyService(const config::Config &config, QObject *parent)
    : QObject(parent)
    , m_config(config)
    , m_auth(keysAsBytes(config.proxyApiKeys))
    , m_pool(new upstream::UpstreamPool(this))
    , m_catalog(new ModelCatalog(m_config, this))
{
    responses::ResponseStore::Options storeOptions;
    QString dataDir = m_config.dataDir;
    if (dataDir.isEmpty())
        dataDir = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
    if (!dataDir.isEmpty() && QDir().mkpath(dataDir + QStringLiteral("/responses")))
        storeOptions.directory = dataDir + QStringLiteral("/responses");
    m_responseStore = std::make_unique<responses::ResponseStore>(storeOptions);
    m_context.config = &m_config;
    m_snapshot = std::make_shared<const config::Config>(m_config);
    m_context.configSnapshot = m_snapshot;
    m_context.pool = m_pool;
    m_context.responseStore = m_responseStore.get();
    m_capture = std::make_unique<observe::WireCapture>(m_config.capture, dataDir);
    if (m_capture->enabled())
        m_capture->setKnownSecrets(observe::secretsIn(m_config));
    m_context.capture = m_capture.get();
    m_routing = std::make_unique<routing::RoutingState>(m_config);
    m_context.routing = m_routing.get();
    // engineapi: circuit and key transitions for the desktop app (queued onward by Engine).
    routing::RoutingState::Observer observer;
    observer.circuitChanged = [this](const QString &backend, bool open) {
        Q_EMIT circuitChanged(backend, open);
        Q_EMIT countersChanged(); // status().openCircuits
    };
    observer.keyRejected = [this](const QString &backend, int keyIndex, int httpStatus) {
        const config::BackendConfig *b = m_config.backend(backend);
        const QString alias = b && keyIndex >= 0 ? b->keyAliases.value(keyIndex, QStringLiteral("%1 key %2").arg(backend).arg(keyIndex + 1))
                                                 : QString();
        Q_EMIT credentialRejected(backend, alias, httpStatus);
    };
    m_routing->setObserver(std::move(observer));
    m_sessions = new session::SessionManager(m_config, dataDir, this);
    m_usage = new observe::UsageService(m_config, dataDir, this); // usage
    m_context.finished = [this](const observe::CallRecord &record) {
        m_sessions->recordFinished(record); // session token counters
        m_usage->record(record); // usage: metrics + store
        finished(record.error, record.backend);
    };
    setUpOAuth(); // oauthconn
    m_context.release = [this](ProxyCall *call) {
        // Dropped on a later turn: the call may be inside one of its own callbacks right now.
        // One queued sweep for every call released in this turn (a timer per call cost ~7% of
        // a passthrough request's instructions).
        m_released.push_back(call);
        if (m_released.size() == 1) {
            QMetaObject::invokeMethod(this, [this] {
                for (ProxyCall *done : std::exchange(m_released, {}))
                    m_calls.erase(done);
                Q_EMIT countersChanged();
            }, Qt::QueuedConnection);
        }
    };
}

ProxyService::~ProxyService()
{
    m_calls.clear(); // destroys in-flight calls: their upstream connections close
    m_forwards.clear();
}

void ProxyService::finished(const QString &error, const QString &backend)
{
    ++m_requests;
    if (!error.isEmpty()) {
        ++m_errors;
        m_lastError = backend.isEmpty() ? error : backend + QStringLiteral(": ") + error;
        m_recentErrors.push_front({QDateTime::currentDateTime(), backend, error.left(2000)});
        if (m_recentErrors.size() > 20)
            m_recentErrors.pop_back();
    }
    Q_EMIT countersChanged();
}

namespace {

bool sameUsage(const config::UsageConfig &a, const config::UsageConfig &b)
{
    if (a.enabled != b.enabled || a.store != b.store || a.postgresUrl != b.postgresUrl
        || a.flushIntervalMs != b.flushIntervalMs || a.prices.size() != b.prices.size())
        return false;
    for (size_t i = 0; i < a.prices.size(); ++i) {
        const config::ModelPrice &x = a.prices[i];
        const config::ModelPrice &y = b.prices[i];
        if (x.model != y.model || x.inputPerMTok != y.inputPerMTok || x.outputPerMTok != y.outputPerMTok
            || x.cacheReadPerMTok != y.cacheReadPerMTok || x.cacheWritePerMTok != y.cacheWritePerMTok)
            return false;
    }
    return true;
}

bool sameCapture(const config::CaptureConfig &a, const config::CaptureConfig &b)
{
    return a.enabled == b.enabled && a.directory == b.directory && a.maxFileBytes == b.maxFileBytes
        && a.maxTotalBytes == b.maxTotalBytes && a.redactBodies == b.redactBodies;
}

} // namespace

QString ProxyService::applyConfig(const config::Config &config)
{
    // The usage store, the capture writer and the response store are tied to files opened at
    // start and referenced by calls in flight: swapping them live is not worth the risk, so
    // their settings wait for the next start and the caller is told so.
    QStringList restart;
    if (config.dataDir != m_config.dataDir)
        restart << QStringLiteral("data directory");
    if (!sameCapture(config.capture, m_config.capture))
        restart << QStringLiteral("capture");
    if (!sameUsage(config.usage, m_config.usage))
        restart << QStringLiteral("usage");

    const config::Config previous = m_config;
    m_config = config; // same object: RoutingState and SessionManager see the new values
    if (!restart.isEmpty()) { // keep the running services' view consistent with what they opened
        m_config.dataDir = previous.dataDir;
        m_config.capture = previous.capture;
        m_config.usage = previous.usage;
    }
    m_snapshot = std::make_shared<const config::Config>(m_config);
    m_context.configSnapshot = m_snapshot; // calls in flight keep theirs
    m_auth = server::ProxyAuth(keysAsBytes(m_config.proxyApiKeys));
    m_routing->configChanged(previous);
    m_catalog->setConfig(m_config);
    setUpOAuth(); // oauthconn: an OAuth backend may have been added
    Q_EMIT countersChanged();
    if (restart.isEmpty())
        return {};
    return QStringLiteral("the %1 settings take effect after a restart of the proxy")
        .arg(restart.join(QStringLiteral(", ")));
}

void ProxyService::modelsOf(const QString &instance, std::function<void(const QStringList &, const QString &)> done)
{
    if (!m_config.backend(instance)) {
        done({}, QStringLiteral("no backend instance '%1'").arg(instance.left(100)));
        return;
    }
    m_catalog->fetch([instance, done = std::move(done)](const std::vector<CatalogEntry> &models, const QStringList &failures) {
        QStringList ids;
        const std::string name = instance.toStdString();
        for (const CatalogEntry &entry : models) {
            if (entry.backend == name)
                ids << QString::fromStdString(entry.model.id);
        }
        QString error;
        const QString prefix = instance + QStringLiteral(": ");
        for (const QString &failure : failures) {
            if (failure.startsWith(prefix))
                error = failure.mid(prefix.size());
        }
        if (ids.isEmpty() && error.isEmpty())
            error = QStringLiteral("the backend listed no models (or is disabled)");
        done(ids, error);
    });
}

void ProxyService::reloadAccounts()
{
    // oauthconn: the broker reads accounts.json and the keychain again at its next acquire.
    setUpOAuth();
    if (m_tokenBroker)
        m_tokenBroker->reload();
}

void ProxyService::answerError(const server::ResponderPtr &responder, Dialect dialect, const Error &error)
{
    const ErrorReply reply = frontendFor(dialect).renderError(error);
    responder->respond(reply.status, reply.headers, reply.body, reply.contentType);
}

void ProxyService::handle(server::HttpRequest &&request, server::ResponderPtr responder, server::ServerRole role)
{
    const quint64 requestId = ++m_lastRequestId; // the same id in usage records and captures
    QElapsedTimer received;
    received.start();
    if (m_capture->enabled()) {
        m_capture->clientRequest(requestId, QString(), request);
        m_capture->tapClient(requestId, *responder);
    }
    const std::optional<server::Endpoint> endpoint = server::matchEndpoint(request, role);
    if (endpoint && endpoint->operation == server::Operation::Health) {
        // engineapi: who answers, so a second instance can say who holds the port.
        static const QByteArray health = QByteArray(R"({"status":"ok","app":"llm-interactive-proxy","pid":)")
            + QByteArray::number(QCoreApplication::applicationPid()) + R"(,"version":")" LIP_VERSION R"("})";
        responder->respond(200, {}, health);
        return;
    }
    if (endpoint && endpoint->operation == server::Operation::ProbeRoot) {
        responder->respond(200, {}, {}, "text/plain");
        return;
    }
    if (!m_auth.accepts(request)) {
        const Dialect dialect = endpoint ? endpoint->dialect : server::guessDialect(request, role);
        answerError(responder, dialect,
                    Error::make(ErrorCategory::Authentication,
                                QStringLiteral("invalid or missing proxy API key (send it as Authorization: Bearer, "
                                               "x-api-key or x-goog-api-key)")));
        return;
    }
    if (request.wantsUpgrade()) {
        // Codex tries the Responses WebSocket mode first; 426 makes it fall back to HTTP
        // streaming at once (a 404 costs it seconds of retries, a 400 makes it give up).
        ErrorReply reply = frontendFor(server::guessDialect(request, role))
                               .renderError(Error::make(ErrorCategory::Unsupported,
                                                        QStringLiteral("WebSocket mode is not available; use HTTP streaming")));
        reply.status = 426;
        responder->respond(reply.status, reply.headers, reply.body, reply.contentType);
        return;
    }
    if (!endpoint) {
        answerError(responder, server::guessDialect(request, role),
                    Error::make(ErrorCategory::NotFound,
                                QStringLiteral("no such endpoint: %1 %2")
                                    .arg(QString::fromLatin1(request.method), QString::fromUtf8(request.path))));
        return;
    }
    switch (endpoint->operation) {
    case server::Operation::ListModels:
        listModels(request, std::move(responder), endpoint->dialect);
        return;
    case server::Operation::Generate:
        generate(std::move(request), std::move(responder), *endpoint, requestId, received);
        return;
    case server::Operation::GetModel:
        getModel(std::move(responder), endpoint->pathModel);
        return;
    case server::Operation::CountTokens:
        countTokens(request, std::move(responder), *endpoint);
        return;
    case server::Operation::ResponseGet:
    case server::Operation::ResponseDelete:
    case server::Operation::ResponseCancel:
        responseResource(request, std::move(responder), *endpoint);
        return;
    case server::Operation::Diagnostics:
        diagnostics(std::move(responder));
        return;
    case server::Operation::DiagnosticsReactivate:
        reactivate(std::move(responder), endpoint->resourceId);
        return;
    case server::Operation::UsageStats: // usage
        m_usage->serveStats(request, std::move(responder));
        return;
    case server::Operation::UsageRecent: // usage
        m_usage->serveRecent(request, std::move(responder));
        return;
    case server::Operation::Metrics: // usage
        m_usage->serveMetrics(std::move(responder), activeCount());
        return;
    default:
        break;
    }
    answerError(responder, endpoint->dialect,
                Error::make(ErrorCategory::NotFound,
                            QStringLiteral("%1 %2 is not available in this build")
                                .arg(QString::fromLatin1(request.method), QString::fromUtf8(request.path))));
}

void ProxyService::generate(server::HttpRequest &&request, server::ResponderPtr responder,
                            const server::Endpoint &endpoint, quint64 requestId, const QElapsedTimer &received)
{
    const Frontend &frontend = frontendFor(endpoint.dialect);
    Result<InboundRequest> inbound = frontend.inbound(request, endpoint.pathModel, endpoint.pathStream);
    if (!inbound) {
        answerError(responder, endpoint.dialect, inbound.error());
        finished(inbound.error().message);
        return;
    }
    if (inbound->clientQuery.isEmpty())
        inbound->clientQuery = request.query;
    CallOptions options;
    options.requestId = requestId;
    options.received = received;
    options.receivedAt = QDateTime::currentDateTimeUtc();
    // ---- session layer (engine/session): identify the session, run an in-chat command, strip
    // command lines; a message that was only a command is answered here and never forwarded.
    {
        session::Decision decision = m_sessions->process(*inbound, request);
        options.session = decision.session;
        options.project = decision.project;
        options.overrides = std::move(decision.overrides);
        if (decision.answerLocally) {
            session::sendCommandReply(frontend, *inbound, responder, decision.replyText);
            observe::CallRecord record;
            record.requestId = requestId;
            record.startedAt = options.receivedAt;
            record.session = options.session;
            record.project = options.project;
            record.clientDialect = endpoint.dialect;
            record.operation = QStringLiteral("command");
            record.modelRequested = QString::fromStdString(inbound->model);
            record.stream = inbound->stream;
            record.status = 200;
            record.totalMs = record.firstByteMs = received.elapsed();
            record.usage.input = record.usage.output = 0;
            m_context.finished(record);
            return;
        }
    }
    // ---- end of session layer
    auto call = std::make_shared<ProxyCall>(&m_context, frontend, std::move(*inbound), std::move(responder),
                                            std::move(options));
    m_calls.emplace(call.get(), call);
    call->start();
}

void ProxyService::listModels(const server::HttpRequest &request, server::ResponderPtr responder, Dialect dialect)
{
    ModelListQuery query;
    query.pageSize = request.queryItem("pageSize");
    query.pageToken = request.queryItem("pageToken");
    query.limit = request.queryItem("limit");
    query.afterId = request.queryItem("after_id");
    query.beforeId = request.queryItem("before_id");
    m_catalog->fetch([responder, dialect, query](const std::vector<CatalogEntry> &models, const QStringList &failures) {
        if (models.empty() && !failures.isEmpty()) {
            // Every backend failed: say why instead of an empty list that looks like success.
            const ErrorReply reply = frontendFor(dialect).renderError(
                Error::make(ErrorCategory::UpstreamUnreachable,
                            QStringLiteral("no backend returned a model list: ") + failures.join(QStringLiteral("; "))));
            responder->respond(reply.status, reply.headers, reply.body, reply.contentType);
            return;
        }
        const Result<QByteArray> body = renderModelList(dialect, models, query);
        if (!body) {
            const ErrorReply reply = frontendFor(dialect).renderError(body.error());
            responder->respond(reply.status, reply.headers, reply.body, reply.contentType);
            return;
        }
        responder->respond(200, {}, *body);
    });
}

void ProxyService::getModel(server::ResponderPtr responder, const std::string &pathModel)
{
    std::string wanted = pathModel;
    if (wanted.rfind("models/", 0) == 0)
        wanted.erase(0, 7);
    m_catalog->fetch([responder, wanted](const std::vector<CatalogEntry> &models, const QStringList &) {
        for (const CatalogEntry &entry : models) {
            if (entry.fullId() == wanted || entry.model.id == wanted) {
                ModelInfo info = entry.model;
                info.id = entry.fullId();
                responder->respond(200, {}, renderGeminiModel(info));
                return;
            }
        }
        const ErrorReply reply = geminiFrontend().renderError(Error::make(
            ErrorCategory::NotFound, QStringLiteral("model '%1' is not offered by any configured backend").arg(QString::fromStdString(wanted))));
        responder->respond(reply.status, reply.headers, reply.body, reply.contentType);
    });
}

// The operator's view of routing: circuits, key cooldowns, routes (no secrets).
void ProxyService::diagnostics(server::ResponderPtr responder)
{
    responder->respond(200, {}, m_routing->diagnosticsJson());
}

void ProxyService::reactivate(server::ResponderPtr responder, const std::string &instance)
{
    const QString name = QString::fromStdString(instance);
    if (!m_routing->reactivate(name)) {
        answerError(responder, Dialect::OpenAIChat,
                    Error::make(ErrorCategory::NotFound,
                                QStringLiteral("no backend instance '%1'; configured backends: %2")
                                    .arg(name.left(100), m_config.backendNames().join(QStringLiteral(", ")))));
        return;
    }
    responder->respond(200, {}, QJsonDocument(QJsonObject{
                                    {QStringLiteral("instance"), name},
                                    {QStringLiteral("reactivated"), true},
                                    {QStringLiteral("circuit"), QStringLiteral("closed")},
                                }).toJson(QJsonDocument::Compact));
}

const config::BackendConfig *ProxyService::firstBackendOfDialect(Dialect dialect) const
{
    for (const config::BackendConfig &backend : m_config.backends) {
        const config::BackendProfile *profile = config::findBackendProfile(backend.type);
        if (backend.enabled && profile && profile->dialect == dialect)
            return &backend;
    }
    return nullptr;
}

void ProxyService::forward(const Frontend &frontend, const config::BackendConfig &backend,
                           upstream::UpstreamRequest request, server::ResponderPtr responder)
{
    request.firstByteTimeoutMs = backend.timeoutSeconds * 1000;
    request.idleTimeoutMs = backend.timeoutSeconds * 1000;
    auto call = std::make_unique<ForwardCall>(m_pool, frontend, backend.name, std::move(responder),
                                              [this, name = backend.name](ForwardCall *done, const QString &error) {
                                                  finished(error, name);
                                                  QTimer::singleShot(0, this, [this, done] { m_forwards.erase(done); });
                                              });
    ForwardCall *raw = call.get();
    raw->setCapture(m_capture.get(), m_lastRequestId); // forward() runs inside handle(): the current id
    m_forwards.emplace(raw, std::move(call));
    raw->start(std::move(request));
}

// Counting is forwarded to a backend of the client's own dialect that can count; anything else
// gets an honest local estimate (about four characters per token; see docs/dialects).
void ProxyService::countTokens(const server::HttpRequest &request, server::ResponderPtr responder,
                               const server::Endpoint &endpoint)
{
    const Frontend &frontend = frontendFor(endpoint.dialect);
    Result<InboundRequest> inbound = frontend.inbound(request, endpoint.pathModel, false);
    if (endpoint.dialect == Dialect::Anthropic)
        inbound = AnthropicFrontend::parseBody(request.body, true);
    if (!inbound) {
        answerError(responder, endpoint.dialect, inbound.error());
        return;
    }
    inbound->clientHeaders = request.headers;
    inbound->clientQuery = request.query;
    Result<ResolvedBackend> resolved = resolveBackend(inbound->model, m_config);
    if (!resolved) {
        answerError(responder, endpoint.dialect, resolved.error());
        return;
    }
    BackendContext context = resolved->context(m_routing.get());
    context.clientHeaders = request.headers;
    const bool sameDialect = resolved->connector->dialect() == endpoint.dialect;

    if (sameDialect && endpoint.dialect == Dialect::Anthropic) {
        Result<upstream::UpstreamRequest> built = buildCountTokensPassthrough(*inbound, resolved->model, context);
        if (built) {
            forward(frontend, *resolved->backend, std::move(*built), std::move(responder));
            return;
        }
    }
    if (sameDialect && endpoint.dialect == Dialect::OpenAIResponses) {
        const QByteArray body = json::replaceMember(request.body, "model", json::quoted(resolved->model)).value_or(request.body);
        Result<upstream::UpstreamRequest> built = static_cast<const OpenAIResponsesConnector &>(*resolved->connector)
                                                      .buildResourceRequest("POST", QStringLiteral("/input_tokens"), request.query, body, context);
        if (built) {
            forward(frontend, *resolved->backend, std::move(*built), std::move(responder));
            return;
        }
    }
    if (sameDialect && endpoint.dialect == Dialect::Gemini) {
        Result<upstream::UpstreamRequest> built = resolved->connector->buildPassthrough(*inbound, resolved->model, context);
        if (built) {
            // The same resource, counting instead of generating.
            QString path = built->url.path();
            path = path.left(path.lastIndexOf(QLatin1Char(':'))) + QStringLiteral(":countTokens");
            built->url.setPath(path);
            built->url.setQuery(QString());
            forward(frontend, *resolved->backend, std::move(*built), std::move(responder));
            return;
        }
    }

    if (endpoint.dialect == Dialect::Gemini) {
        responder->respond(200, {}, gemini::renderCountTokens(inbound->body));
        return;
    }
    Result<canon::Request> canonical = frontend.toCanonical(*inbound);
    if (!canonical) {
        answerError(responder, endpoint.dialect, canonical.error());
        return;
    }
    const int64_t tokens = estimateInputTokens(*canonical);
    if (endpoint.dialect == Dialect::Anthropic) {
        responder->respond(200, {}, renderAnthropicCountTokens(tokens));
        return;
    }
    responder->respond(200, {}, QByteArray(R"({"object":"response.input_tokens","input_tokens":)")
                                    + QByteArray::number(qint64(tokens)) + '}');
}

// GET/DELETE/cancel of a stored response: the proxy's own store first (conversations it kept for
// non-Responses backends), then the first Responses backend, which keeps its own.
void ProxyService::responseResource(const server::HttpRequest &request, server::ResponderPtr responder,
                                    const server::Endpoint &endpoint)
{
    const std::string &id = endpoint.resourceId;
    if (endpoint.operation == server::Operation::ResponseGet) {
        if (std::optional<boost::json::object> stored = m_responseStore->response(id)) {
            responder->respond(200, {}, QByteArray::fromStdString(boost::json::serialize(*stored)));
            return;
        }
    } else if (endpoint.operation == server::Operation::ResponseDelete) {
        if (m_responseStore->remove(id)) {
            responder->respond(200, {}, responses::ResponseStore::deletedBody(id));
            return;
        }
    }
    const config::BackendConfig *backend = firstBackendOfDialect(Dialect::OpenAIResponses);
    const BackendConnector *connector = backend ? connectorForType(backend->type) : nullptr;
    if (!connector) {
        answerError(responder, Dialect::OpenAIResponses, responses::ResponseStore::notFound(id));
        return;
    }
    BackendContext context;
    context.backend = backend;
    context.apiKey = backend->apiKeys.value(qMax(0, m_routing->pickKey(*backend)));
    QString suffix = QLatin1Char('/') + QString::fromStdString(id);
    if (endpoint.operation == server::Operation::ResponseCancel)
        suffix += QStringLiteral("/cancel");
    Result<upstream::UpstreamRequest> built = static_cast<const OpenAIResponsesConnector &>(*connector)
                                                  .buildResourceRequest(request.method, suffix, request.query, request.body, context);
    if (!built) {
        answerError(responder, Dialect::OpenAIResponses, built.error());
        return;
    }
    forward(openAIResponsesFrontend(), *backend, std::move(*built), std::move(responder));
}

} // namespace lip
