// SPDX-License-Identifier: GPL-3.0-or-later
#include "forwardcall.h"

#include "observe/wirecapture.h"

namespace lip {

namespace {
constexpr qsizetype kMaxForwardedBody = 16 * 1024 * 1024;
}

ForwardCall::ForwardCall(upstream::UpstreamPool *pool, const Frontend &frontend, QString backendName,
                         server::ResponderPtr responder, std::function<void(ForwardCall *, const QString &)> done)
    : m_pool(pool)
    , m_frontend(frontend)
    , m_backendName(std::move(backendName))
    , m_responder(std::move(responder))
    , m_done(std::move(done))
{
}

ForwardCall::~ForwardCall() = default;

void ForwardCall::start(upstream::UpstreamRequest request)
{
    m_responder->onClientGone([this] {
        m_call.reset();
        finish(QStringLiteral("client disconnected"));
    });
    upstream::UpstreamCallbacks callbacks;
    callbacks.onHead = [this](int status, const HeaderList &headers) {
        m_status = status;
        m_headers = headers;
    };
    callbacks.onData = [this](QByteArrayView bytes) {
        if (m_body.size() + bytes.size() > kMaxForwardedBody) {
            m_call.reset();
            const ErrorReply reply = m_frontend.renderError(Error::make(
                ErrorCategory::UpstreamProtocol, QStringLiteral("backend '%1' sent a response larger than 16 MiB").arg(m_backendName)));
            m_responder->respond(reply.status, reply.headers, reply.body, reply.contentType);
            finish(QStringLiteral("oversized response"));
            return;
        }
        m_body.append(bytes);
    };
    callbacks.onDone = [this](const Error &error) {
        if (error.isError()) {
            Error e = error;
            e.message = QStringLiteral("backend '%1': %2").arg(m_backendName, error.message);
            const ErrorReply reply = m_frontend.renderError(e);
            m_responder->respond(reply.status, reply.headers, reply.body, reply.contentType);
            finish(e.message);
            return;
        }
        QByteArray contentType = "application/json";
        HeaderList forwarded;
        for (const auto &[name, value] : std::as_const(m_headers)) {
            if (name.compare("content-type", Qt::CaseInsensitive) == 0)
                contentType = value;
            else if (name.compare("retry-after", Qt::CaseInsensitive) == 0
                     || name.compare("request-id", Qt::CaseInsensitive) == 0
                     || name.compare("x-request-id", Qt::CaseInsensitive) == 0)
                forwarded.append({name, value});
        }
        m_responder->respond(m_status, forwarded, m_body, contentType);
        finish(m_status >= 400 ? QStringLiteral("backend '%1': HTTP %2").arg(m_backendName).arg(m_status) : QString());
    };
    if (m_capture)
        m_capture->tapUpstream(m_requestId, QString(), m_backendName, request, callbacks);
    m_call = m_pool->start(std::move(request), std::move(callbacks));
}

void ForwardCall::finish(const QString &error)
{
    if (m_finished)
        return;
    m_finished = true;
    if (m_done)
        m_done(this, error);
}

} // namespace lip
