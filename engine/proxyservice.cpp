// SPDX-License-Identifier: GPL-3.0-or-later
#include "proxyservice.h"

#include "core/logging.h"
#include "modellists.h"

#include <QTimer>

namespace lip {

const Frontend &frontendFor(Dialect dialect)
{
    switch (dialect) {
    case Dialect::OpenAIChat: return openAIChatFrontend();
    case Dialect::Anthropic: return anthropicFrontend();
    case Dialect::Gemini: return geminiFrontend();
    case Dialect::OpenAIResponses: break;
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
    m_context.config = &m_config;
    m_context.pool = m_pool;
    m_context.finished = [this](const QString &error) { finished(error); };
    m_context.release = [this](ProxyCall *call) {
        // Dropped on a later turn: the call may be inside one of its own callbacks right now.
        QTimer::singleShot(0, this, [this, call] { m_calls.erase(call); Q_EMIT countersChanged(); });
    };
}

ProxyService::~ProxyService()
{
    m_calls.clear(); // destroys in-flight calls: their upstream connections close
}

void ProxyService::finished(const QString &error)
{
    ++m_requests;
    if (!error.isEmpty()) {
        ++m_errors;
        m_lastError = error;
    }
    Q_EMIT countersChanged();
}

void ProxyService::answerError(const server::ResponderPtr &responder, Dialect dialect, const Error &error)
{
    const ErrorReply reply = frontendFor(dialect).renderError(error);
    responder->respond(reply.status, reply.headers, reply.body, reply.contentType);
}

void ProxyService::handle(server::HttpRequest &&request, server::ResponderPtr responder, server::ServerRole role)
{
    const std::optional<server::Endpoint> endpoint = server::matchEndpoint(request, role);
    if (endpoint && endpoint->operation == server::Operation::Health) {
        responder->respond(200, {}, R"({"status":"ok"})");
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
        if (endpoint->dialect == Dialect::OpenAIResponses)
            break;
        generate(std::move(request), std::move(responder), *endpoint);
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
                            const server::Endpoint &endpoint)
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
    auto call = std::make_shared<ProxyCall>(&m_context, frontend, std::move(*inbound), std::move(responder));
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

} // namespace lip
