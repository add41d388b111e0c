// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// In-memory Prometheus metrics, kept on the engine thread: a finished call costs a few hash
// lookups and additions; nothing is read from the usage database. Rendered as the Prometheus
// text exposition format (version 0.0.4) for GET /metrics.

#include "observe/callrecord.h"

#include <QByteArray>
#include <QHash>
#include <QString>

#include <array>
#include <map>
#include <optional>

namespace lip::observe {

// Extra gauges the owner knows and the metrics do not (in-flight calls, the usage store).
struct MetricsGauges
{
    quint64 activeRequests = 0;
    std::optional<bool> usageStoreUp; // nullopt: accounting turned off
    quint64 usageRowsWritten = 0;
    quint64 usageRowsDropped = 0;
};

class Metrics
{
public:
    // Upper bounds in seconds of the latency histograms (+Inf is implicit).
    static constexpr std::array<double, 13> kBuckets = {0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 20, 30, 60, 120, 300};

    // `cost` from the price table, when one matched.
    void record(const CallRecord &record, std::optional<double> cost = std::nullopt);
    QByteArray render(const MetricsGauges &gauges = {}) const;

    quint64 requests() const { return m_requests; }

private:
    struct Histogram
    {
        std::array<quint64, kBuckets.size()> counts{}; // non-cumulative; summed when rendered
        quint64 count = 0;
        double sum = 0;
        void observe(double seconds);
    };
    struct Series // per backend + model
    {
        Histogram total;
        Histogram firstByte;
        quint64 inputTokens = 0;
        quint64 outputTokens = 0;
        quint64 cacheReadTokens = 0;
        quint64 cacheWriteTokens = 0;
        quint64 reasoningTokens = 0;
        quint64 estimatedRequests = 0;
        double cost = 0;
        bool priced = false;
    };
    // Ordered maps: the exposition is stable from scrape to scrape.
    using Key = std::pair<QString, QString>; // backend, model
    std::map<std::tuple<QString, QString, QString, int>, quint64> m_requestsBy; // backend, model, dialect, status
    std::map<std::tuple<QString, QString, QString>, quint64> m_errorsBy;       // backend, model, category
    std::map<Key, Series> m_series;
    quint64 m_requests = 0;
};

} // namespace lip::observe
