// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// A plain relay for the low-rate, non-streamed resources that go to one backend as they are
// (count tokens, GET/DELETE/cancel of stored responses): the provider's status, content type and
// body reach the client unchanged; a connection failure is rendered in the client's dialect.

#include "backends/http/upstreamclient.h"
#include "frontends/frontend.h"
#include "server/httpserver.h"

#include <functional>
#include <memory>

namespace lip {

namespace observe { class WireCapture; }

class ForwardCall
{
public:
    // `done` is called once when the call is over (the owner then drops it on a later turn).
    ForwardCall(upstream::UpstreamPool *pool, const Frontend &frontend, QString backendName,
                server::ResponderPtr responder, std::function<void(ForwardCall *, const QString &error)> done);
    ~ForwardCall();

    void start(upstream::UpstreamRequest request);
    // Before start(): the upstream hop is recorded under `requestId` (no-op when capture is off).
    void setCapture(observe::WireCapture *capture, quint64 requestId) { m_capture = capture; m_requestId = requestId; }

private:
    void finish(const QString &error);

    upstream::UpstreamPool *m_pool;
    const Frontend &m_frontend;
    QString m_backendName;
    server::ResponderPtr m_responder;
    std::function<void(ForwardCall *, const QString &)> m_done;
    std::unique_ptr<upstream::UpstreamCall> m_call;
    int m_status = 0;
    HeaderList m_headers;
    QByteArray m_body;
    bool m_finished = false;
    observe::WireCapture *m_capture = nullptr;
    quint64 m_requestId = 0;
};

} // namespace lip
