// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// The aggregated model list: every configured backend's own listing, fetched live (low-rate,
// QNetworkAccessManager), cached per backend for a short TTL. Concurrent askers share one fetch;
// a failing backend is logged and left out, never hiding the others.

#include "backends/connector.h"
#include "config/config.h"

#include <QElapsedTimer>
#include <QHash>
#include <QObject>

#include <functional>
#include <string>
#include <utility>
#include <vector>

class QNetworkAccessManager;

namespace lip {

struct CatalogEntry
{
    std::string backend;   // instance name
    ModelInfo model;
    std::string fullId() const { return backend + ':' + model.id; }
};

class ModelCatalog : public QObject
{
    Q_OBJECT
public:
    using Callback = std::function<void(const std::vector<CatalogEntry> &models, const QStringList &failures)>;

    ModelCatalog(const config::Config &config, QObject *parent = nullptr);
    ~ModelCatalog() override;

    // Calls back (possibly at once, from the cache) with all backends' models in config order.
    void fetch(Callback callback);
    void invalidate();
    // engineapi: live reconfiguration: lists of removed or changed backends are dropped (a fetch
    // already under way for one is answered, then refetched on the next ask).
    void setConfig(const config::Config &config);

private:
    struct BackendState
    {
        std::vector<ModelInfo> models;
        QString failure;          // why the last fetch failed (no secrets), empty when it worked
        QElapsedTimer fetchedAt;  // invalid: never fetched
        bool inFlight = false;
        bool staleOnArrival = false; // engineapi: the backend changed while its fetch was out
    };

    void startFetch(const config::BackendConfig &backend);
    void backendDone(const QString &name);
    void deliverIfReady();

    config::Config m_config;
    QNetworkAccessManager *m_nam = nullptr;
    QHash<QString, BackendState> m_state;
    std::vector<Callback> m_waiting;
};

} // namespace lip
