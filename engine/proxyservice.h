// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// The proxy's request handling on the engine thread: authentication, the endpoint table, and
// the operations behind it (generate, count tokens, model lists, health). Generate requests are
// ProxyCalls; the service owns them until they end.

#include "backends/http/upstreamclient.h"
#include "backends/modelcatalog.h"
#include "forwardcall.h"
#include "config/config.h"
#include "proxycall.h"
#include "server/endpointtable.h"
#include "server/httpserver.h"
#include "server/proxyauth.h"

#include <QObject>

#include <memory>
#include <unordered_map>

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

Q_SIGNALS:
    void countersChanged();

private:
    void generate(server::HttpRequest &&request, server::ResponderPtr responder, const server::Endpoint &endpoint);
    void listModels(const server::HttpRequest &request, server::ResponderPtr responder, Dialect dialect);
    void getModel(server::ResponderPtr responder, const std::string &pathModel);
    void countTokens(const server::HttpRequest &request, server::ResponderPtr responder, const server::Endpoint &endpoint);
    void responseResource(const server::HttpRequest &request, server::ResponderPtr responder, const server::Endpoint &endpoint);
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
    std::unique_ptr<responses::ResponseStore> m_responseStore;
    std::unordered_map<ProxyCall *, std::shared_ptr<ProxyCall>> m_calls;
    std::unordered_map<ForwardCall *, std::unique_ptr<ForwardCall>> m_forwards;

    quint64 m_requests = 0;
    quint64 m_errors = 0;
    QString m_lastError;
};

const Frontend &frontendFor(Dialect dialect);

} // namespace lip
