// SPDX-License-Identifier: GPL-3.0-or-later
#include "proxycall.h"

#include "core/logging.h"
#include "frontends/openai_responses/openairesponsesencoder.h"
#include "frontends/openai_responses/openairesponsesfrontend.h"
#include "frontends/openai_responses/responsestore.h"
#include "routing/modelselector.h"

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
    : m_context(context), m_frontend(frontend), m_inbound(std::move(inbound)), m_responder(std::move(responder))
    , m_options(std::move(options))
{
}

ProxyCall::~ProxyCall() = default;

BackendContext ResolvedBackend::context() const
{
    BackendContext context;
    context.backend = backend;
    context.apiKey = backend->apiKeys.value(0);
    return context;
}

Result<ResolvedBackend> resolveBackend(const std::string &selectorText, const config::Config &config)
{
    Result<routing::ModelSelector> selector = routing::resolveSelector(QString::fromStdString(selectorText), config);
    if (!selector)
        return selector.error();
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
    Result<ResolvedBackend> resolved = resolveBackend(m_inbound.model, *m_context->config);
    if (!resolved) {
        fail(resolved.error());
        return;
    }
    m_backend = resolved->backend;
    m_connector = resolved->connector;
    BackendContext backendContext = resolved->context();
    backendContext.clientHeaders = m_inbound.clientHeaders;

    const std::string model = resolved->model;
    m_passthrough = m_connector->dialect() == m_frontend.dialect();
    Result<upstream::UpstreamRequest> built = Error{};
    if (m_passthrough) {
        built = m_connector->buildPassthrough(m_inbound, model, backendContext);
    } else {
        Result<canon::Request> canonical = m_frontend.toCanonical(m_inbound);
        if (!canonical) {
            fail(canonical.error());
            return;
        }
        m_canonical = std::move(*canonical);
        m_canonical.model = model;
        m_canonical.stream = m_inbound.stream;
        if (m_frontend.dialect() == Dialect::OpenAIResponses) {
            if (std::optional<Error> error = prepareResponsesTranslation()) {
                fail(*error);
                return;
            }
        } else {
            m_encoder = m_frontend.encoderFor(m_canonical, m_inbound);
        }
        built = m_connector->buildRequest(m_canonical, backendContext);
    }
    if (!built) {
        fail(built.error());
        return;
    }
    m_decoder = m_connector->makeDecoder(m_inbound.stream);
    built->firstByteTimeoutMs = m_backend->timeoutSeconds * 1000;
    built->idleTimeoutMs = m_backend->timeoutSeconds * 1000;

    qCDebug(lcRouting).noquote() << dialectName(m_frontend.dialect()) << "→" << m_backend->name
                                 << QString::fromStdString(model) << (m_passthrough ? "passthrough" : "translated");

    // Callbacks hold weak references only: the service owns the call until it reports its end
    // (and drops it on a later event-loop turn, never inside one of these callbacks).
    std::weak_ptr<ProxyCall> weak = weak_from_this();
    m_responder->onClientGone([weak] {
        if (auto self = weak.lock()) {
            self->m_call.reset(); // closes the upstream connection at once
            self->report(QStringLiteral("client disconnected"));
        }
    });
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
    m_call = m_context->pool->start(std::move(*built), std::move(callbacks));
}

// A Responses client on a backend of another dialect: the proxy keeps the conversation itself so
// previous_response_id works, and built-in tools that only OpenAI runs are refused up front.
std::optional<Error> ProxyCall::prepareResponsesTranslation()
{
    if (std::optional<Error> error = responses::rejectBuiltinTools(m_canonical, dialectName(m_connector->dialect())))
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
    if (status < 200 || status >= 300) {
        m_upstreamHeaders = headers;
        return; // the body is the error; collected in onData, answered in onDone
    }
    if (!m_responder->isOpen())
        return;
    if (m_passthrough) {
        HeaderList forwarded;
        for (const auto &[name, value] : headers) {
            if (forwardableResponseHeader(name))
                forwarded.append({name, value});
        }
        QByteArray contentType = headerValue(headers, "content-type");
        if (contentType.isEmpty())
            contentType = m_inbound.stream ? "text/event-stream" : "application/json";
        m_responder->beginStream(status, forwarded, contentType);
    } else if (m_inbound.stream) {
        HeaderList forwarded;
        forwarded.append(qMakePair(QByteArray("cache-control"), QByteArray("no-cache")));
        m_responder->beginStream(200, forwarded, m_encoder->contentType());
    }
    // A translated non-stream answer is sent whole in complete().
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
        m_responder->write(bytes); // the client's bytes first; bookkeeping after
        m_decoder->feed(view, m_events);
        for (const canon::Event &event : m_events) {
            if (event.type == canon::EventType::Usage)
                m_usage = event.usage;
        }
        m_events.clear();
        return;
    }
    m_decoder->feed(view, m_events);
    handleEvents(m_events);
}

void ProxyCall::handleEvents(canon::Events &events)
{
    for (const canon::Event &event : events) {
        if (m_streamFailed)
            break;
        if (event.type == canon::EventType::Usage)
            m_usage = event.usage;
        if (event.type == canon::EventType::Error) {
            failStream(event.error);
            break;
        }
        m_encoder->encode(event, m_out);
        if (m_inbound.stream && !m_out.isEmpty()) {
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
        if (m_status == 0 || !m_responder->headSent())
            fail(e);
        else
            failStream(e);
        return;
    }
    if (m_status < 200 || m_status >= 300) {
        relayUpstreamError();
        return;
    }
    m_decoder->finish(m_events);
    if (m_passthrough) {
        for (const canon::Event &event : m_events) {
            if (event.type == canon::EventType::Usage)
                m_usage = event.usage;
        }
        m_events.clear();
        m_responder->end();
        report({});
        return;
    }
    handleEvents(m_events);
    if (m_streamFailed)
        return;
    complete();
}

// A failure after the response head went out: the client gets the dialect's in-stream error
// (translated: the encoder writes it, since only it knows what is open — a Gemini JSON array,
// a Responses response.failed), never a silent end.
void ProxyCall::failStream(const Error &error)
{
    m_streamFailed = true;
    m_call.reset();
    if (!m_responder->headSent()) {
        fail(error);
        return;
    }
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
    report(error.message);
}

void ProxyCall::complete()
{
    m_encoder->finish(m_out);
    if (m_inbound.stream) {
        if (!m_out.isEmpty())
            m_responder->write(m_out);
        m_responder->end();
    } else {
        m_responder->respond(200, {}, m_out, m_encoder->contentType());
    }
    m_out.clear();
    report({});
}

void ProxyCall::relayUpstreamError()
{
    const Error error = m_connector->parseError(m_status, m_upstreamHeaders, m_errorBody);
    const QString description = QStringLiteral("backend '%1': HTTP %2 %3").arg(m_backend->name).arg(m_status).arg(error.message);
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
        m_responder->respond(m_status, forwarded, m_errorBody, contentType);
        report(description);
        return;
    }
    const ErrorReply reply = m_frontend.renderError(error);
    m_responder->respond(reply.status, reply.headers, reply.body, reply.contentType);
    report(description);
}

void ProxyCall::fail(const Error &error)
{
    const ErrorReply reply = m_frontend.renderError(error);
    m_responder->respond(reply.status, reply.headers, reply.body, reply.contentType);
    report(error.message);
}

void ProxyCall::report(const QString &error)
{
    if (m_reported)
        return;
    m_reported = true;
    if (m_context->finished) {
        observe::CallRecord record;
        record.requestId = m_options.requestId;
        record.error = error;
        record.usage = m_usage;
        m_context->finished(record); // TODO(routing): fill every field
    }
    if (m_context->release)
        m_context->release(this);
}

} // namespace lip
