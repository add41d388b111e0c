// SPDX-License-Identifier: GPL-3.0-or-later
#include "proxycall.h"

#include "backends/hybrid/hybridrun.h"
#include "core/logging.h"
#include "frontends/anthropic/anthropicfrontend.h" // estimateInputTokens
#include "observe/wirecapture.h"
#include "frontends/openai_responses/openairesponsesencoder.h"
#include "frontends/openai_responses/openairesponsesfrontend.h"
#include "frontends/openai_responses/responsestore.h"
#include "routing/modelselector.h"
#include "routing/requestparams.h"
#include "routing/routingstate.h"

#include <QTimer>

namespace lip {

namespace {

constexpr qsizetype kMaxErrorBodyBytes = 1024 * 1024;

// Hop-by-hop and framing headers are ours to set; cookies from a provider are not the client's.
bool forwardableResponseHeader(QByteArrayView name)
{
    static constexpr const char *dropped[] = {
        "connection", "keep-alive", "transfer-encoding", "content-length", "proxy-connection",
        "te", "trailer", "upgrade", "set-cookie", "alt-svc", "content-type",
    };
    for (const char *d : dropped) {
        if (name.compare(QByteArrayView(d), Qt::CaseInsensitive) == 0)
            return false;
    }
    return true;
}

QByteArray headerValue(const HeaderList &headers, QByteArrayView name)
{
    for (const auto &[key, value] : headers) {
        if (key.compare(name, Qt::CaseInsensitive) == 0)
            return value;
    }
    return {};
}

} // namespace

ProxyCall::ProxyCall(ProxyContext *context, const Frontend &frontend, InboundRequest inbound,
                     server::ResponderPtr responder, CallOptions options)
    : m_context(context), m_configHold(context->configSnapshot)
    , m_config(m_configHold ? m_configHold.get() : context->config), m_frontend(frontend), m_inbound(std::move(inbound)), m_responder(std::move(responder))
    , m_options(std::move(options))
{
}

ProxyCall::~ProxyCall() = default;

BackendContext ResolvedBackend::context(const routing::RoutingState *routing) const
{
    BackendContext context;
    context.backend = backend;
    const int key = routing ? routing->pickKey(*backend) : 0;
    context.apiKey = backend->apiKeys.value(qMax(0, key));
    return context;
}

Result<ResolvedBackend> resolveBackend(const std::string &selectorText, const config::Config &config)
{
    Result<routing::ModelSelector> selector = routing::resolveSelector(QString::fromStdString(selectorText), config);
    if (!selector)
        return selector.error();
    if (!selector->route.isEmpty()) {
        // Count tokens and the like go to the route's first element.
        const config::RouteConfig *route = config.route(selector->route);
        if (!route || route->elements.isEmpty())
            return Error::invalid(QStringLiteral("route '%1' has no elements").arg(selector->route), QStringLiteral("model"));
        selector = routing::resolveSelector(route->elements.first(), config);
        if (!selector)
            return selector.error();
    }
    ResolvedBackend resolved;
    resolved.backend = config.backend(selector->backend);
    if (!resolved.backend) {
        return Error::invalid(QStringLiteral("backend '%1' is not configured; configured backends: %2")
                                  .arg(selector->backend, config.backendNames().join(QStringLiteral(", "))),
                              QStringLiteral("model"));
    }
    resolved.connector = connectorForType(resolved.backend->type);
    if (!resolved.connector) {
        return Error::make(ErrorCategory::Unsupported,
                           QStringLiteral("backend '%1' has type '%2', which this build cannot talk to")
                               .arg(resolved.backend->name, resolved.backend->type));
    }
    resolved.model = selector->model.toStdString();
    return resolved;
}

void ProxyCall::start()
{
    Result<routing::RoutePlan> plan = routing::planRoute(QString::fromStdString(m_inbound.model), m_frontend.dialect(),
                                                         *m_config, m_options.overrides, m_context->routing);
    if (!plan) {
        fail(plan.error());
        return;
    }
    m_plan = std::move(*plan);
    if (m_plan.attempts.isEmpty()) {
        fail(Error::invalid(QStringLiteral("model '%1' leads to no backend").arg(m_plan.selector), QStringLiteral("model")));
        return;
    }
    if (m_plan.allSkipped) {
        qCInfo(lcRouting).noquote() << "every backend/key for" << m_plan.selector
                                    << "is cooling down or has an open circuit; trying anyway";
    }

    // Callbacks hold weak references only: the service owns the call until it reports its end
    // (and drops it on a later event-loop turn, never inside one of these callbacks).
    std::weak_ptr<ProxyCall> weak = weak_from_this();
    m_responder->onClientGone([weak] {
        if (auto self = weak.lock()) {
            self->m_call.reset(); // closes the upstream connection at once
            self->m_hybrid.reset();
            if (self->m_attemptActive && self->m_context->routing && self->m_backend)
                self->m_context->routing->abandon(self->m_backend->name);
            self->m_attemptActive = false;
            self->report(Error::make(ErrorCategory::Cancelled, QStringLiteral("client disconnected")));
        }
    });
    startAttempt(0);
}

void ProxyCall::startAttempt(int index)
{
    if (m_reported)
        return; // the client left while we waited to retry
    m_attemptIndex = index;
    ++m_generation;
    m_attempt = m_plan.attempts.at(index);
    ++m_attemptsMade;
    m_backend = m_attempt.backend;
    m_connector = m_attempt.connector;
    m_status = 0;
    m_upstreamHeaders.clear();
    m_errorBody.clear();
    m_events.clear();
    m_out.clear();
    m_usage = {};
    m_outputChars = 0;
    m_headPending = false;
    m_hybridEventsSeen = false;
    m_decoder.reset();
    m_encoder.reset();
    m_attemptActive = true;
    if (m_context->routing)
        m_context->routing->begin(m_backend->name);

    if (m_attempt.isHybrid()) {
        startHybridAttempt();
        return;
    }
    if (startOAuthAttempt()) // oauthconn: an account's token first (proxycalloauth.cpp), then sendAttempt()
        return;
    sendAttempt();
}

// The upstream request of the current attempt (for OAuth backends: with m_grant).
void ProxyCall::sendAttempt()
{
    BackendContext backendContext;
    backendContext.backend = m_backend;
    backendContext.apiKey = m_attempt.apiKey();
    backendContext.clientHeaders = m_inbound.clientHeaders;
    backendContext.grant = m_grant ? &*m_grant : nullptr; // oauthconn
    backendContext.session = m_options.session;

    const std::string model = m_attempt.model.toStdString();
    m_passthrough = m_connector->dialect() == m_frontend.dialect() && m_connector->allowsPassthrough();
    Result<upstream::UpstreamRequest> built = Error{};
    if (m_passthrough) {
        if (m_attempt.params.isEmpty()) {
            built = m_connector->buildPassthrough(m_inbound, model, backendContext);
        } else {
            Result<QByteArray> body = routing::applyParamsToBody(m_frontend.dialect(), m_attempt.params, m_inbound.rawBody);
            if (!body) {
                m_attemptActive = false;
                fail(body.error());
                return;
            }
            // The patched bytes stand in for the client's for this build only (no copy of the
            // parsed body; the original stays for the next attempt).
            const QByteArray original = m_inbound.rawBody;
            m_inbound.rawBody = *body;
            built = m_connector->buildPassthrough(m_inbound, model, backendContext);
            m_inbound.rawBody = original;
        }
    } else {
        if (!startTranslated(backendContext))
            return;
        built = m_connector->buildRequest(m_canonical, backendContext);
    }
    if (!built) {
        m_attemptActive = false;
        fail(built.error());
        return;
    }
    m_decoder = m_connector->makeDecoder(m_connector->streamsUpstream(m_inbound.stream));
    if (m_passthrough)
        m_decoder->setUsageOnly(); // perf: the client gets the provider's bytes; only usage is read
    built->firstByteTimeoutMs = m_backend->timeoutSeconds * 1000;
    built->idleTimeoutMs = m_backend->timeoutSeconds * 1000;

    qCDebug(lcRouting).noquote() << dialectName(m_frontend.dialect()) << "→" << m_backend->name
                                 << m_attempt.model << (m_passthrough ? "passthrough" : "translated")
                                 << "attempt" << m_attemptsMade;

    std::weak_ptr<ProxyCall> weak = weak_from_this();
    upstream::UpstreamCallbacks callbacks;
    callbacks.onHead = [weak](int status, const HeaderList &headers) {
        if (auto self = weak.lock())
            self->onHead(status, headers);
    };
    callbacks.onData = [weak](QByteArrayView bytes) {
        if (auto self = weak.lock())
            self->onData(bytes);
    };
    callbacks.onDone = [weak](const Error &error) {
        if (auto self = weak.lock())
            self->onDone(error);
    };
    if (m_context->capture)
        m_context->capture->tapUpstream(m_options.requestId, m_options.session, m_backend->name, *built, callbacks);
    m_call = m_context->pool->start(std::move(*built), std::move(callbacks));
}

// The canonical request for this attempt: converted from the client's once, then the attempt's
// model and parameters. False when the call already answered (an error).
bool ProxyCall::startTranslated(BackendContext &)
{
    if (!m_baseCanonical) {
        Result<canon::Request> canonical = m_frontend.toCanonical(m_inbound);
        if (!canonical) {
            m_attemptActive = false;
            fail(canonical.error());
            return false;
        }
        m_baseCanonical = std::move(*canonical);
    }
    m_canonical = *m_baseCanonical;
    m_canonical.model = m_attempt.model.toStdString();
    m_canonical.stream = m_inbound.stream;
    if (!m_attempt.params.isEmpty()) {
        if (std::optional<Error> error = routing::applyParams(m_attempt.params, m_canonical)) {
            m_attemptActive = false;
            fail(*error);
            return false;
        }
    }
    if (m_frontend.dialect() == Dialect::OpenAIResponses) {
        if (std::optional<Error> error = prepareResponsesTranslation()) {
            m_attemptActive = false;
            fail(*error);
            return false;
        }
    } else {
        m_encoder = m_frontend.encoderFor(m_canonical, m_inbound);
    }
    return true;
}

void ProxyCall::startHybridAttempt()
{
    m_passthrough = false;
    BackendContext unused;
    if (!startTranslated(unused))
        return;
    hybrid::HybridEnv env;
    env.config = m_config;
    env.pool = m_context->pool;
    env.routing = m_context->routing;
    env.clientHeaders = m_inbound.clientHeaders;
    std::weak_ptr<ProxyCall> weak = weak_from_this();
    const int generation = m_generation;
    hybrid::HybridCallbacks callbacks;
    callbacks.onEvents = [weak, generation](canon::Events &events) {
        if (auto self = weak.lock(); self && self->m_generation == generation) {
            if (!self->m_hybridEventsSeen) {
                self->m_hybridEventsSeen = true;
                self->m_status = 200;
                self->m_headPending = self->m_inbound.stream;
            }
            self->handleEvents(events);
        }
    };
    callbacks.onDone = [weak, generation](const Error &error) {
        if (auto self = weak.lock(); self && self->m_generation == generation) {
            if (error.isError() && !self->m_hybridEventsSeen) {
                self->attemptFailed(error);
                return;
            }
            if (error.isError()) {
                self->failStream(error);
                return;
            }
            if (self->m_streamFailed || self->m_reported)
                return;
            self->succeeded();
            self->complete();
        }
    };
    qCDebug(lcRouting).noquote() << dialectName(m_frontend.dialect()) << "→" << m_backend->name << "(hybrid)";
    m_hybrid = hybrid::startHybrid(*m_backend, m_canonical, std::move(env), std::move(callbacks));
}

// Where to go after a failure, or -1 when the plan is exhausted. A transient failure says the
// backend (that model on it) is unwell, so its other keys are not tried in this call.
int ProxyCall::nextAttemptAfterFailure(routing::FailureKind kind) const
{
    for (int i = m_attemptIndex + 1; i < m_plan.attempts.size(); ++i) {
        const routing::Attempt &next = m_plan.attempts.at(i);
        const QString target = next.backend->name + QLatin1Char(':') + next.model;
        if (m_failedTargets.contains(target))
            continue;
        Q_UNUSED(kind)
        return i;
    }
    return -1;
}

// A hybrid run may be inside one of its own callbacks: it is deleted on a later turn (its
// callbacks carry the attempt's generation, so nothing it still says is heard).
static void dropLater(std::unique_ptr<hybrid::HybridRun> &run, QObject *context)
{
    if (hybrid::HybridRun *raw = run.release())
        QTimer::singleShot(0, context, [raw] { delete raw; });
}

void ProxyCall::attemptFailed(const Error &error)
{
    m_attemptActive = false;
    m_call.reset();
    dropLater(m_hybrid, m_context->pool);
    const routing::FailureKind kind = routing::classifyFailure(error);
    if (m_context->routing)
        m_context->routing->recordFailure(m_backend->name, m_attempt.keyIndex, error);
    if (kind == routing::FailureKind::Transient)
        m_failedTargets << m_backend->name + QLatin1Char(':') + m_attempt.model;

    const QString what = error.upstreamStatus ? QStringLiteral("HTTP %1 %2").arg(error.upstreamStatus).arg(error.message)
                                              : error.message;
    const QString from = m_backend->name + (m_attempt.keyAlias().isEmpty() ? QString() : QStringLiteral(" [%1]").arg(m_attempt.keyAlias()));
    if (kind == routing::FailureKind::Client) {
        finalFailure(error);
        return;
    }
    const int next = nextAttemptAfterFailure(kind);
    if (next >= 0) {
        const routing::Attempt &to = m_plan.attempts.at(next);
        const QString toText = to.backend->name
            + (to.keyAlias().isEmpty() ? QString() : QStringLiteral(" [%1]").arg(to.keyAlias()));
        qCInfo(lcRouting).noquote() << QStringLiteral("%1 → %2: %3").arg(from, toText, what);
        startAttempt(next);
        return;
    }
    const config::RetryConfig &retry = m_config->retry;
    const bool retryable = kind == routing::FailureKind::Transient || kind == routing::FailureKind::RateLimited;
    if (!retryable || m_retries >= retry.maxRetries) {
        finalFailure(error);
        return;
    }
    qint64 delayMs = 0;
    if (error.retryAfterMs >= 0) {
        if (error.retryAfterMs > qint64(retry.maxRetryAfterSeconds) * 1000) {
            qCInfo(lcRouting).noquote() << QStringLiteral("%1: %2; Retry-After %3 ms is longer than "
                                                          "routing.max_retry_after_seconds: not retrying")
                                               .arg(from, what).arg(error.retryAfterMs);
            finalFailure(error);
            return;
        }
        delayMs = error.retryAfterMs;
    } else {
        delayMs = qMin<qint64>(qint64(retry.initialBackoffMs) << qMin(m_retries, 20), retry.maxBackoffMs);
        delayMs += delayMs / 4 * (m_attemptsMade % 4) / 3; // a little spread so parallel calls do not align
    }
    ++m_retries;
    qCInfo(lcRouting).noquote() << QStringLiteral("%1: %2; retry %3 of %4 in %5 ms")
                                       .arg(from, what).arg(m_retries).arg(retry.maxRetries).arg(delayMs);
    std::weak_ptr<ProxyCall> weak = weak_from_this();
    const int index = m_attemptIndex;
    QTimer::singleShot(int(delayMs), m_context->pool, [weak, index] {
        if (auto self = weak.lock())
            self->startAttempt(index);
    });
}

// The plan is over: the client gets the last failure. Same dialect: the provider's own error
// body and status unchanged.
void ProxyCall::finalFailure(const Error &error)
{
    if (m_status != 0 && (m_status < 200 || m_status >= 300) && !m_attempt.isHybrid()) {
        relayUpstreamError();
        return;
    }
    Error e = error;
    if (m_backend && !e.message.startsWith(QLatin1String("backend '")))
        e.message = QStringLiteral("backend '%1': %2").arg(m_backend->name, error.message);
    fail(e);
}

void ProxyCall::succeeded()
{
    if (m_attemptActive && m_context->routing)
        m_context->routing->recordSuccess(m_backend->name, m_attempt.keyIndex);
    m_attemptActive = false;
}

void ProxyCall::noteFirstByte()
{
    if (m_firstByteMs < 0 && m_options.received.isValid())
        m_firstByteMs = m_options.received.elapsed();
}

// A Responses client on a backend of another dialect: the proxy keeps the conversation itself so
// previous_response_id works, and built-in tools that only OpenAI runs are refused up front.
std::optional<Error> ProxyCall::prepareResponsesTranslation()
{
    if (std::optional<Error> error = responses::rejectBuiltinTools(m_canonical, m_connector ? dialectName(m_connector->dialect()) : "hybrid"))
        return error;
    const std::string previous = responses::previousResponseId(m_inbound);
    if (!previous.empty() && m_context->responseStore) {
        if (std::optional<Error> error = m_context->responseStore->prependHistory(m_canonical, previous))
            return error;
    }
    m_encoder = m_frontend.encoderFor(m_canonical, m_inbound);
    if (m_context->responseStore && responses::storeRequested(m_inbound)) {
        static_cast<OpenAIResponsesEncoder &>(*m_encoder).attachStore(m_context->responseStore, m_canonical.messages);
    }
    return std::nullopt;
}

void ProxyCall::onHead(int status, const HeaderList &headers)
{
    m_status = status;
    m_upstreamHeaders = headers;
    if (status < 200 || status >= 300)
        return; // the body is the error; collected in onData, answered in onDone
    // Sent with the first bytes: until then a failure can still go to the next attempt.
    m_headPending = m_passthrough || m_inbound.stream;
}

void ProxyCall::sendHeadIfPending()
{
    if (!m_headPending)
        return;
    m_headPending = false;
    if (!m_responder->isOpen())
        return;
    noteFirstByte();
    if (m_passthrough) {
        HeaderList forwarded;
        for (const auto &[name, value] : std::as_const(m_upstreamHeaders)) {
            if (forwardableResponseHeader(name))
                forwarded.append({name, value});
        }
        QByteArray contentType = headerValue(m_upstreamHeaders, "content-type");
        if (contentType.isEmpty())
            contentType = m_inbound.stream ? "text/event-stream" : "application/json";
        m_clientStatus = m_status;
        m_responder->beginStream(m_status, forwarded, contentType);
    } else {
        HeaderList forwarded;
        forwarded.append(qMakePair(QByteArray("cache-control"), QByteArray("no-cache")));
        m_clientStatus = 200;
        m_responder->beginStream(200, forwarded, m_encoder->contentType());
    }
    m_upstreamHeaders.clear();
}

void ProxyCall::onData(QByteArrayView bytes)
{
    if (m_status < 200 || m_status >= 300) {
        if (m_errorBody.size() + bytes.size() <= kMaxErrorBodyBytes)
            m_errorBody.append(bytes);
        return;
    }
    const std::string_view view(bytes.data(), size_t(bytes.size()));
    if (m_passthrough) {
        sendHeadIfPending();
        m_responder->write(bytes); // the client's bytes first; bookkeeping after
        m_decoder->feed(view, m_events);
        for (const canon::Event &event : m_events) {
            if (event.type == canon::EventType::Usage)
                m_usage = event.usage;
            else if (event.type == canon::EventType::TextDelta || event.type == canon::EventType::ToolArgsDelta
                     || event.type == canon::EventType::ThinkingDelta)
                m_outputChars += qint64(event.text.size());
        }
        if (const int64_t seen = m_decoder->textBytesSeen(); seen >= 0)
            m_outputChars = seen; // perf: usage-only decoders count text instead of emitting it
        m_events.clear();
        return;
    }
    m_decoder->feed(view, m_events);
    handleEvents(m_events);
}

void ProxyCall::handleEvents(canon::Events &events)
{
    for (const canon::Event &event : events) {
        if (m_streamFailed || m_reported || !m_attemptActive)
            break;
        if (event.type == canon::EventType::Usage)
            m_usage = event.usage;
        else if (event.type == canon::EventType::TextDelta || event.type == canon::EventType::ToolArgsDelta
                 || event.type == canon::EventType::ThinkingDelta)
            m_outputChars += qint64(event.text.size());
        if (event.type == canon::EventType::Error) {
            failStream(event.error);
            break;
        }
        m_encoder->encode(event, m_out);
        if (m_inbound.stream && !m_out.isEmpty()) {
            sendHeadIfPending();
            m_responder->write(m_out);
            m_out.clear();
        }
    }
    events.clear();
}

void ProxyCall::onDone(const Error &error)
{
    if (m_streamFailed)
        return;
    if (error.isError()) {
        Error e = error;
        e.message = QStringLiteral("backend '%1': %2").arg(m_backend->name, error.message);
        if (!m_responder->headSent())
            attemptFailed(e);
        else
            failStream(e);
        return;
    }
    if (m_status < 200 || m_status >= 300) {
        if (handleOAuthRefusal()) // oauthconn: 401 → one refresh; quota → the next account
            return;
        Error e = m_connector->parseError(m_status, m_upstreamHeaders, m_errorBody);
        e.upstreamStatus = m_status;
        attemptFailed(e);
        return;
    }
    m_decoder->finish(m_events);
    if (m_passthrough) {
        for (const canon::Event &event : m_events) {
            if (event.type == canon::EventType::Usage)
                m_usage = event.usage;
        }
        if (const int64_t seen = m_decoder->textBytesSeen(); seen >= 0)
            m_outputChars = seen; // perf: usage-only decoders count text instead of emitting it
        m_events.clear();
        sendHeadIfPending(); // an empty body
        succeeded();
        m_responder->end();
        report({});
        return;
    }
    const int generation = m_generation;
    handleEvents(m_events);
    if (m_streamFailed || !m_attemptActive || generation != m_generation)
        return; // failed, or failed over to another attempt
    succeeded();
    complete();
}

// A failure after the response head went out: the client gets the dialect's in-stream error
// (translated: the encoder writes it, since only it knows what is open — a Gemini JSON array,
// a Responses response.failed), never a silent end. Before that, it is an attempt failure.
void ProxyCall::failStream(const Error &error)
{
    if (!m_responder->headSent()) {
        attemptFailed(error);
        return;
    }
    m_streamFailed = true;
    m_call.reset();
    dropLater(m_hybrid, m_context->pool);
    if (m_attemptActive && m_context->routing)
        m_context->routing->recordFailure(m_backend->name, m_attempt.keyIndex, error);
    m_attemptActive = false;
    qCInfo(lcRouting).noquote() << m_backend->name << "failed after the response started; no failover possible:"
                                << error.message;
    QByteArray errorEvent;
    if (!m_inbound.stream) {
        // A plain body cut short: closing without the final chunk tells the client it is truncated.
    } else if (m_passthrough) {
        errorEvent = m_frontend.renderStreamError(error);
    } else {
        canon::Event event;
        event.type = canon::EventType::Error;
        event.error = error;
        m_encoder->encode(event, errorEvent);
    }
    if (errorEvent.isEmpty()) {
        m_responder->abortConnection();
    } else {
        m_responder->write(errorEvent);
        m_responder->end();
    }
    report(error);
}

void ProxyCall::complete()
{
    m_encoder->finish(m_out);
    if (m_inbound.stream) {
        sendHeadIfPending();
        if (!m_out.isEmpty())
            m_responder->write(m_out);
        m_responder->end();
    } else {
        noteFirstByte();
        m_clientStatus = 200;
        m_responder->respond(200, {}, m_out, m_encoder->contentType());
    }
    m_out.clear();
    report({});
}

void ProxyCall::relayUpstreamError()
{
    Error error = m_connector->parseError(m_status, m_upstreamHeaders, m_errorBody);
    error.upstreamStatus = m_status;
    const QString description = QStringLiteral("backend '%1': HTTP %2 %3").arg(m_backend->name).arg(m_status).arg(error.message);
    Error reported = error;
    reported.message = description;
    noteFirstByte();
    if (m_passthrough) {
        // Same dialect: the provider's own error, status and body unchanged.
        HeaderList forwarded;
        for (const auto &[name, value] : std::as_const(m_upstreamHeaders)) {
            if (forwardableResponseHeader(name))
                forwarded.append({name, value});
        }
        QByteArray contentType = headerValue(m_upstreamHeaders, "content-type");
        if (contentType.isEmpty())
            contentType = "application/json";
        m_clientStatus = m_status;
        m_responder->respond(m_status, forwarded, m_errorBody, contentType);
        report(reported);
        return;
    }
    const ErrorReply reply = m_frontend.renderError(error);
    m_clientStatus = reply.status;
    m_responder->respond(reply.status, reply.headers, reply.body, reply.contentType);
    report(reported);
}

void ProxyCall::fail(const Error &error)
{
    const ErrorReply reply = m_frontend.renderError(error);
    noteFirstByte();
    m_clientStatus = reply.status;
    m_responder->respond(reply.status, reply.headers, reply.body, reply.contentType);
    report(error);
}

void ProxyCall::report(const Error &error)
{
    if (m_reported)
        return;
    m_reported = true;
    if (m_context->finished) {
        observe::CallRecord record;
        record.requestId = m_options.requestId;
        record.startedAt = m_options.receivedAt.isValid() ? m_options.receivedAt : QDateTime::currentDateTimeUtc();
        record.session = m_options.session;
        record.project = m_options.project;
        record.clientDialect = m_frontend.dialect();
        record.backend = m_backend ? m_backend->name : QString();
        record.modelRequested = QString::fromStdString(m_inbound.model);
        record.modelUsed = m_backend ? m_attempt.model : QString();
        record.keyAlias = m_backend ? m_attempt.keyAlias() : QString();
        if (m_grant)
            record.keyAlias = m_grant->accountId; // oauthconn: subscription backends rotate accounts, not keys
        record.attempts = m_attemptsMade;
        record.stream = m_inbound.stream;
        record.status = m_clientStatus ? m_clientStatus : (m_responder->headSent() ? 200 : 0);
        record.errorCategory = error.category;
        record.error = error.message;
        record.firstByteMs = m_firstByteMs;
        record.totalMs = m_options.received.isValid() ? m_options.received.elapsed() : -1;
        record.usage = m_usage;
        if (!m_usage.present() && m_backend) {
            // The provider sent no numbers: about four characters per token, as in count tokens.
            record.usage.input = m_baseCanonical ? estimateInputTokens(*m_baseCanonical)
                                                 : qMax<int64_t>(1, int64_t(m_inbound.rawBody.size() / 4));
            record.usage.output = (m_outputChars + 3) / 4;
            record.usageEstimated = true;
        }
        m_context->finished(record);
    }
    if (m_context->release)
        m_context->release(this);
}

} // namespace lip
