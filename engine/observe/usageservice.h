// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Usage accounting as the proxy service sees it: one call per finished request (metrics in
// memory, the row queued for the store), and the three endpoints /usage/stats, /usage/recent
// and /metrics. Engine thread; the store itself is written and queried on its own worker.

#include "config/config.h"
#include "observe/metrics.h"
#include "observe/usagerecorder.h"
#include "server/httpserver.h"

#include <QHash>
#include <QObject>

#include <memory>
#include <optional>

namespace lip::observe {

class UsageService : public QObject
{
public:
    // `dataDir` empty: the platform's app data location. With usage.enabled false there is no
    // store (the endpoints say so) but /metrics still counts.
    UsageService(const config::Config &config, const QString &dataDir, QObject *parent = nullptr);
    ~UsageService() override;

    void record(const CallRecord &record);

    void serveStats(const server::HttpRequest &request, server::ResponderPtr responder);
    void serveRecent(const server::HttpRequest &request, server::ResponderPtr responder);
    void serveMetrics(server::ResponderPtr responder, quint64 activeRequests);

    UsageRecorder *recorder() const { return m_recorder.get(); } // null when usage.enabled is false
    const Metrics &metrics() const { return m_metrics; }

private:
    std::optional<double> costOf(const CallRecord &record);
    void respondError(const server::ResponderPtr &responder, const Error &error);

    std::vector<config::ModelPrice> m_prices;
    QHash<QString, int> m_priceIndex; // "backend\nmodel" → index in m_prices, -1: none (a cache)
    Metrics m_metrics;
    std::unique_ptr<UsageRecorder> m_recorder;
};

} // namespace lip::observe
