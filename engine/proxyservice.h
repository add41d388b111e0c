// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// The proxy's request handling on the engine thread: authentication, the endpoint table, and
// the operations behind it (generate, count tokens, model lists, health). Generate requests are
// ProxyCalls; the service owns them until they end.

#include "backends/http/upstreamclient.h"
#include "backends/modelcatalog.h"
#include "forwardcall.h"
#include "config/config.h"
#include "observe/usageservice.h" // usage
#include "observe/wirecapture.h"
#include "proxycall.h"
#include "routing/routingstate.h"
#include "server/endpointtable.h"
#include "server/httpserver.h"
#include "server/proxyauth.h"
#include "session/sessionmanager.h"

#include <QDateTime>
#include <QObject>

#include <deque>
#include <functional>
#include <memory>
#include <unordered_map>
#include <utility>
#include <vector>

namespace lip::config::credentials {
class SecretBackend;
}

namespace lip {

class ProxyService : public QObject
{
    Q_OBJECT
public:
    ProxyService(const config::Config &config, QObject *parent = nullptr);
    ~ProxyService() override;

    void handle(server::HttpRequest &&request, server::ResponderPtr responder, server::ServerRole role);

    quint64 requestCount() const { return m_requests; }
    quint64 errorCount() const { return m_errors; }
    quint64 activeCount() const { return quint64(m_calls.size()); }
    QString lastError() const { return m_lastError; }
    routing::RoutingState &routingState() { return *m_routing; } // tests: inject a clock

    // ---- engineapi: what EngineClient needs (live reconfiguration, status, queries)
    // New requests use `config`; calls in flight keep the snapshot they started with. Routing
    // state and sessions survive for backends that still exist; cached model lists of changed
    // backends are dropped. Listeners are the Engine's business. Returns a notice naming the
    // settings that only take effect after a restart (data dir, capture, usage), else empty.
    QString applyConfig(const config::Config &config);
    const config::Config &config() const { return m_config; }
    struct RecordedError
    {
        QDateTime time;
        QString backend; // empty when not a backend's error
        QString message;
    };
    const std::deque<RecordedError> &recentErrors() const { return m_recentErrors; } // newest first
    QStringList openCircuits() const { return m_routing->openCircuits(); }
    QByteArray diagnosticsJson() const { return m_routing->diagnosticsJson(); }
    bool reactivateBackend(const QString &instance) { return m_routing->reactivate(instance); }
    // One instance's model ids from the catalog (cached like /v1/models), or why there are none.
    void modelsOf(const QString &instance, std::function<void(const QStringList &, const QString &)> done);
    // OAuth accounts changed (sign-in/out elsewhere): read them again.
    void reloadAccounts();

    // oauthconn: where the token broker keeps account tokens. Unset: the OS keychain. Tests set
    // an in-memory keychain before the engine starts (process-wide).
    using SecretBackendFactory = std::function<std::unique_ptr<config::credentials::SecretBackend>()>;
    static void setOAuthSecretBackendFactory(SecretBackendFactory factory);

Q_SIGNALS:
    void countersChanged();
    // engineapi: forwarded by Engine to EngineClient's signals of the same names.
    void circuitChanged(const QString &instance, bool open);
    void credentialRejected(const QString &instance, const QString &keyAlias, int httpStatus);
    void accountNeedsSignIn(const QString &accountId, const QString &message);

private:
    void generate(server::HttpRequest &&request, server::ResponderPtr responder, const server::Endpoint &endpoint,
                  quint64 requestId, const QElapsedTimer &received);
    void listModels(const server::HttpRequest &request, server::ResponderPtr responder, Dialect dialect);
    void getModel(server::ResponderPtr responder, const std::string &pathModel);
    void countTokens(const server::HttpRequest &request, server::ResponderPtr responder, const server::Endpoint &endpoint);
    void responseResource(const server::HttpRequest &request, server::ResponderPtr responder, const server::Endpoint &endpoint);
    void diagnostics(server::ResponderPtr responder);
    void reactivate(server::ResponderPtr responder, const std::string &instance);
    void forward(const Frontend &frontend, const config::BackendConfig &backend, upstream::UpstreamRequest request,
                 server::ResponderPtr responder);
    const config::BackendConfig *firstBackendOfDialect(Dialect dialect) const;
    void answerError(const server::ResponderPtr &responder, Dialect dialect, const Error &error);
    void finished(const QString &error, const QString &backend = {});
    void setUpOAuth(); // oauthconn (proxyserviceoauth.cpp): the token broker, once an OAuth backend is configured

    config::Config m_config; // the live config (RoutingState and SessionManager hold references)
    std::shared_ptr<const config::Config> m_snapshot; // engineapi: the same, for calls to keep
    server::ProxyAuth m_auth;
    upstream::UpstreamPool *m_pool;
    ModelCatalog *m_catalog;
    ProxyContext m_context;
    std::unique_ptr<observe::WireCapture> m_capture; // off unless capture.enabled
    std::unique_ptr<responses::ResponseStore> m_responseStore;
    std::unique_ptr<routing::RoutingState> m_routing;
    session::SessionManager *m_sessions = nullptr; // sessions and in-chat commands (engine/session)
    observe::UsageService *m_usage = nullptr; // usage: store, /usage/*, /metrics (engine/observe)
    std::unordered_map<ProxyCall *, std::shared_ptr<ProxyCall>> m_calls;
    std::vector<ProxyCall *> m_released; // ended calls, dropped together on the next turn
    std::unordered_map<ForwardCall *, std::unique_ptr<ForwardCall>> m_forwards;

    quint64 m_lastRequestId = 0;
    quint64 m_requests = 0;
    quint64 m_errors = 0;
    QString m_lastError;
    std::deque<RecordedError> m_recentErrors; // engineapi: newest first, at most 20
    // oauthconn: account tokens and Code Assist projects for subscription backends (children).
    oauth::TokenBroker *m_tokenBroker = nullptr;
    codeassist::ProjectResolver *m_codeAssistProjects = nullptr;
};

const Frontend &frontendFor(Dialect dialect);

} // namespace lip
