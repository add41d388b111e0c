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

#include <QObject>

#include <memory>
#include <unordered_map>
#include <utility>
#include <vector>

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

Q_SIGNALS:
    void countersChanged();

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
    void finished(const QString &error);

    config::Config m_config;
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
};

const Frontend &frontendFor(Dialect dialect);

} // namespace lip
