// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// One generate request on its way through the proxy: resolve the model selector, pick the
// backend, build the upstream request (lossless passthrough when the dialects match, translated
// otherwise), relay or translate the answer as it arrives, and abort upstream the moment the
// client goes away.

#include "backends/connector.h"
#include "backends/oauth/oauthtypes.h"
#include "backends/http/upstreamclient.h"
#include "config/config.h"
#include "frontends/frontend.h"
#include "observe/callrecord.h"
#include "routing/overrides.h"
#include "routing/routeplan.h"
#include "routing/routingstate.h"
#include "server/httpserver.h"

#include <QDateTime>
#include <QElapsedTimer>

#include <functional>
#include <memory>

namespace lip {

// What the service shares with its calls. Lives as long as the engine; calls hold a pointer.
class ProxyCall;
namespace responses { class ResponseStore; }
// routing::RoutingState: key cooldowns + backend health (engine/routing/routingstate.h)
namespace observe { class WireCapture; }
namespace hybrid { class HybridRun; }
namespace oauth { class TokenBroker; }
namespace codeassist { class ProjectResolver; }

// A model selector resolved to a configured backend and the connector that speaks to it.
struct ResolvedBackend
{
    const config::BackendConfig *backend = nullptr;
    const BackendConnector *connector = nullptr;
    std::string model;
    // The key: the first one not cooling when `routing` is given, else the first.
    BackendContext context(const routing::RoutingState *routing = nullptr) const;
};
Result<ResolvedBackend> resolveBackend(const std::string &selector, const config::Config &config);

struct ProxyContext
{
    const config::Config *config = nullptr;
    // engineapi: the same config, shared: a call keeps the snapshot it started with, so a live
    // reconfiguration (EngineClient::applyConfig) never pulls its backends from under it.
    std::shared_ptr<const config::Config> configSnapshot;
    upstream::UpstreamPool *pool = nullptr;
    responses::ResponseStore *responseStore = nullptr; // Responses conversations kept by the proxy
    routing::RoutingState *routing = nullptr;          // may be null in tests: no rotation/health memory
    observe::WireCapture *capture = nullptr;           // may be null: no capture
    // oauthconn: subscription backends. The broker hands out account tokens; the resolver finds
    // a Code Assist account's project. Null: OAuth backends answer an error.
    oauth::TokenBroker *tokenBroker = nullptr;
    codeassist::ProjectResolver *codeAssistProjects = nullptr;
    // Reported once per call when it ends (usage, session counters, status window).
    std::function<void(const observe::CallRecord &record)> finished;
    // Called once when the call is over; the owner drops its reference on a later turn.
    std::function<void(ProxyCall *call)> release;
};

// Per-request facts the service knows before the call starts.
struct CallOptions
{
    quint64 requestId = 0;
    QString session;
    QString project;
    routing::RoutingOverrides overrides; // from the session's in-chat commands
    QElapsedTimer received;              // started when the request reached the proxy
    QDateTime receivedAt;                // UTC
};

class ProxyCall : public std::enable_shared_from_this<ProxyCall>
{
public:
    ProxyCall(ProxyContext *context, const Frontend &frontend, InboundRequest inbound,
              server::ResponderPtr responder, CallOptions options = {});
    ~ProxyCall();

    void start();

private:
    void startAttempt(int index);
    void sendAttempt();
    // oauthconn (proxycalloauth.cpp): account tokens for subscription backends.
    bool startOAuthAttempt();
    void acquireGrant(const QString &excludedAccount, const Error &ifNone);
    void grantArrived(Result<oauth::AccessGrant> grant);
    bool handleOAuthRefusal();
    void resetForResend();
    bool startTranslated(BackendContext &backendContext);
    void startHybridAttempt();
    void attemptFailed(const Error &error);
    void finalFailure(const Error &error);
    int nextAttemptAfterFailure(routing::FailureKind kind) const;
    void sendHeadIfPending();
    void succeeded();
    void onHead(int status, const HeaderList &headers);
    void onData(QByteArrayView bytes);
    void onDone(const Error &error);
    void handleEvents(canon::Events &events);
    void relayUpstreamError();
    void fail(const Error &error);
    void failStream(const Error &error);
    void complete();
    void report(const Error &error);
    void noteFirstByte();
    std::optional<Error> prepareResponsesTranslation();

    ProxyContext *m_context;
    std::shared_ptr<const config::Config> m_configHold; // engineapi: keeps m_config alive
    const config::Config *m_config;                     // the config this call started with
    const Frontend &m_frontend;
    InboundRequest m_inbound;
    server::ResponderPtr m_responder;
    CallOptions m_options;

    routing::RoutePlan m_plan;
    int m_attemptIndex = -1;
    routing::Attempt m_attempt;     // the one in flight (or the last one)
    int m_attemptsMade = 0;
    int m_retries = 0;              // backoff retries of the last attempt
    int m_generation = 0;           // bumped per attempt: stale work after a failover stops
    QStringList m_failedTargets;    // "backend:model" that failed transiently in this call
    bool m_attemptActive = false;

    const config::BackendConfig *m_backend = nullptr;
    const BackendConnector *m_connector = nullptr;
    bool m_passthrough = false;
    std::optional<canon::Request> m_baseCanonical; // the client's request, converted once
    canon::Request m_canonical;
    std::unique_ptr<upstream::UpstreamCall> m_call;
    std::unique_ptr<hybrid::HybridRun> m_hybrid;
    std::unique_ptr<ResponseDecoder> m_decoder;   // provider bytes → events
    std::unique_ptr<ResponseEncoder> m_encoder;   // events → client bytes (translated path)
    canon::Events m_events;

    int m_status = 0;
    HeaderList m_upstreamHeaders;
    bool m_headPending = false;   // a 2xx head arrived; sent to the client with the first bytes
    bool m_hybridEventsSeen = false;
    QByteArray m_errorBody;       // a non-2xx body, collected (bounded)
    QByteArray m_out;             // reused output buffer
    canon::Usage m_usage;
    qint64 m_outputChars = 0;     // text the client got, for a usage estimate
    int m_clientStatus = 0;
    qint64 m_firstByteMs = -1;
    bool m_reported = false;
    bool m_streamFailed = false;

    // oauthconn: the account token of the current attempt (OAuth backends only).
    std::optional<oauth::AccessGrant> m_grant;
    QString m_oauthProvider;
    bool m_oauthRetried = false;  // the one refresh after a 401 was used
    int m_accountSwitches = 0;    // quota answers that moved this call to another account
};

} // namespace lip
