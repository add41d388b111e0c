// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// The questions /usage/stats and /usage/recent ask of the usage store, parsed from the query
// string, and the rows the store answers with.

#include "core/error.h"
#include "observe/callrecord.h"

#include <QByteArray>
#include <QString>
#include <QStringList>

#include <optional>
#include <vector>

namespace lip::observe {

struct UsageStatsQuery
{
    QString project;                // exact match; empty: any
    QString backend;                // instance name, exact match
    QString model;                  // the model used (else requested), exact match
    std::optional<qint64> sinceMs;  // inclusive, ms since the epoch (UTC)
    std::optional<qint64> untilMs;  // inclusive
    QStringList groupBy = {QStringLiteral("backend"), QStringLiteral("model"), QStringLiteral("day"),
                           QStringLiteral("project")};
};

// Parses project, backend, model, since, until (ISO 8601 date-time, or YYYY-MM-DD meaning the
// whole day in UTC) and group_by (comma list of backend, model, day, project; empty: one total).
// An unknown parameter or a bad value → InvalidRequest naming the parameter in Error::param.
Result<UsageStatsQuery> parseUsageStatsQuery(const QByteArray &rawQuery);

inline constexpr int kRecentDefaultLimit = 50;
inline constexpr int kRecentMaxLimit = 1000;

// limit: 1.. (larger values are clamped to kRecentMaxLimit); default kRecentDefaultLimit.
Result<int> parseUsageRecentLimit(const QByteArray &rawQuery);

// One stored call.
struct UsageRow
{
    qint64 id = 0;
    CallRecord record;
    std::optional<double> cost;
};

// One group of /usage/stats (group keys not asked for stay empty).
struct UsageGroup
{
    QString backend;
    QString model;
    QString day;
    QString project;
    qint64 requests = 0;
    qint64 errors = 0;
    qint64 estimated = 0;      // calls whose usage is the proxy's estimate
    qint64 inputTokens = 0;
    qint64 outputTokens = 0;
    qint64 cacheReadTokens = 0;
    qint64 cacheWriteTokens = 0;
    qint64 reasoningTokens = 0;
    qint64 pricedRequests = 0; // calls with a cost
    double cost = 0;
    qint64 totalMsSum = 0;     // for the mean latency
    qint64 totalMsCount = 0;
};

struct UsageStats
{
    UsageStatsQuery query;
    std::vector<UsageGroup> groups;
};

} // namespace lip::observe
