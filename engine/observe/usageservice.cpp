// SPDX-License-Identifier: GPL-3.0-or-later
#include "observe/usageservice.h"

#include "observe/usagecost.h"
#include "observe/usagejson.h"

#include <QStandardPaths>

namespace lip::observe {

UsageService::UsageService(const config::Config &config, const QString &dataDir, QObject *parent)
    : QObject(parent)
    , m_prices(config.usage.prices)
{
    if (!config.usage.enabled)
        return;
    QString dir = dataDir;
    if (dir.isEmpty())
        dir = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
    m_recorder = std::make_unique<UsageRecorder>(usageOptionsFromConfig(config, dir));
}

UsageService::~UsageService() = default;

std::optional<double> UsageService::costOf(const CallRecord &record)
{
    if (m_prices.empty())
        return std::nullopt;
    const QString model = accountedModel(record);
    const QString key = record.backend + QLatin1Char('\n') + model;
    auto it = m_priceIndex.constFind(key);
    if (it == m_priceIndex.constEnd()) {
        if (m_priceIndex.size() > 10000)
            m_priceIndex.clear(); // clients can invent model names: keep the cache bounded
        const config::ModelPrice *price = findPrice(m_prices, record.backend, model);
        it = m_priceIndex.insert(key, price ? int(price - m_prices.data()) : -1);
    }
    if (*it < 0)
        return std::nullopt;
    return callCost(record, m_prices[size_t(*it)]);
}

void UsageService::record(const CallRecord &record)
{
    const std::optional<double> cost = costOf(record);
    m_metrics.record(record, cost);
    if (m_recorder)
        m_recorder->record(record, cost);
}

void UsageService::respondError(const server::ResponderPtr &responder, const Error &error)
{
    responder->respond(error.category == ErrorCategory::InvalidRequest ? 400 : 503, {}, renderUsageError(error));
}

void UsageService::serveStats(const server::HttpRequest &request, server::ResponderPtr responder)
{
    Result<UsageStatsQuery> query = parseUsageStatsQuery(request.query);
    if (!query) {
        respondError(responder, query.error());
        return;
    }
    if (!m_recorder) {
        respondError(responder, Error::make(ErrorCategory::Unsupported,
                                            QStringLiteral("usage accounting is turned off (usage.enabled: false)")));
        return;
    }
    m_recorder->stats(*query, this, [this, responder](Result<UsageStats> stats) {
        if (!stats)
            respondError(responder, stats.error());
        else
            responder->respond(200, {}, renderUsageStats(*stats));
    });
}

void UsageService::serveRecent(const server::HttpRequest &request, server::ResponderPtr responder)
{
    Result<int> limit = parseUsageRecentLimit(request.query);
    if (!limit) {
        respondError(responder, limit.error());
        return;
    }
    if (!m_recorder) {
        respondError(responder, Error::make(ErrorCategory::Unsupported,
                                            QStringLiteral("usage accounting is turned off (usage.enabled: false)")));
        return;
    }
    m_recorder->recent(*limit, this, [this, responder](Result<std::vector<UsageRow>> rows) {
        if (!rows)
            respondError(responder, rows.error());
        else
            responder->respond(200, {}, renderUsageRecent(*rows));
    });
}

void UsageService::serveMetrics(server::ResponderPtr responder, quint64 activeRequests)
{
    MetricsGauges gauges;
    gauges.activeRequests = activeRequests;
    if (m_recorder) {
        gauges.usageStoreUp = m_recorder->state() != UsageRecorder::State::Failed;
        gauges.usageRowsWritten = m_recorder->written();
        gauges.usageRowsDropped = m_recorder->dropped();
    }
    responder->respond(200, {}, m_metrics.render(gauges), "text/plain; version=0.0.4; charset=utf-8");
}

} // namespace lip::observe
