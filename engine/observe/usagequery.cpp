// SPDX-License-Identifier: GPL-3.0-or-later
#include "observe/usagequery.h"

#include <QDateTime>
#include <QTimeZone>
#include <QUrlQuery>

namespace lip::observe {

namespace {

// since/until as ms since the epoch. A bare date is the whole UTC day: its start for `since`,
// its last millisecond for `until`. A date-time without an offset is taken as UTC.
std::optional<qint64> parseInstant(const QString &text, bool endOfDay)
{
    if (text.size() == 10) {
        const QDate date = QDate::fromString(text, Qt::ISODate);
        if (!date.isValid())
            return std::nullopt;
        const QDateTime start(date, QTime(0, 0), QTimeZone::utc());
        return endOfDay ? start.addDays(1).toMSecsSinceEpoch() - 1 : start.toMSecsSinceEpoch();
    }
    QString normalized = text;
    if (normalized.endsWith(QLatin1Char('z')))
        normalized[normalized.size() - 1] = QLatin1Char('Z');
    QDateTime instant = QDateTime::fromString(normalized, Qt::ISODateWithMs);
    if (!instant.isValid() || text.size() < 16)
        return std::nullopt;
    if (instant.timeSpec() == Qt::LocalTime)
        instant = QDateTime(instant.date(), instant.time(), QTimeZone::utc());
    return instant.toMSecsSinceEpoch();
}

Error badParameter(const QString &name, const QString &why)
{
    return Error::invalid(QStringLiteral("invalid query parameter '%1': %2").arg(name, why), name);
}

} // namespace

Result<UsageStatsQuery> parseUsageStatsQuery(const QByteArray &rawQuery)
{
    UsageStatsQuery result;
    const QUrlQuery query(QString::fromUtf8(rawQuery));
    const QStringList known = {QStringLiteral("project"), QStringLiteral("backend"), QStringLiteral("model"),
                               QStringLiteral("since"), QStringLiteral("until"), QStringLiteral("group_by")};
    for (const auto &item : query.queryItems(QUrl::FullyDecoded)) {
        if (!known.contains(item.first))
            return badParameter(item.first, QStringLiteral("unknown parameter (accepted: %1)").arg(known.join(QStringLiteral(", "))));
    }
    const auto value = [&query](const QString &key) { return query.queryItemValue(key, QUrl::FullyDecoded); };
    result.project = value(QStringLiteral("project"));
    result.backend = value(QStringLiteral("backend"));
    result.model = value(QStringLiteral("model"));
    for (const bool isUntil : {false, true}) {
        const QString key = isUntil ? QStringLiteral("until") : QStringLiteral("since");
        if (!query.hasQueryItem(key))
            continue;
        const std::optional<qint64> instant = parseInstant(value(key), isUntil);
        if (!instant)
            return badParameter(key, QStringLiteral("'%1' is not an ISO 8601 date-time (2026-01-31T12:00:00Z) or a "
                                                    "date (2026-01-31)").arg(value(key).left(64)));
        (isUntil ? result.untilMs : result.sinceMs) = instant;
    }
    if (result.sinceMs && result.untilMs && *result.untilMs < *result.sinceMs)
        return badParameter(QStringLiteral("until"), QStringLiteral("it is before 'since'"));
    if (query.hasQueryItem(QStringLiteral("group_by"))) {
        result.groupBy.clear();
        const QStringList accepted = {QStringLiteral("backend"), QStringLiteral("model"), QStringLiteral("day"),
                                      QStringLiteral("project")};
        for (const QString &part : value(QStringLiteral("group_by")).split(QLatin1Char(','), Qt::SkipEmptyParts)) {
            const QString key = part.trimmed();
            if (!accepted.contains(key))
                return badParameter(QStringLiteral("group_by"), QStringLiteral("'%1' is not one of %2")
                                                                    .arg(key.left(64), accepted.join(QStringLiteral(", "))));
            if (!result.groupBy.contains(key))
                result.groupBy.append(key);
        }
    }
    return result;
}

Result<int> parseUsageRecentLimit(const QByteArray &rawQuery)
{
    const QUrlQuery query(QString::fromUtf8(rawQuery));
    for (const auto &item : query.queryItems(QUrl::FullyDecoded)) {
        if (item.first != QLatin1String("limit"))
            return badParameter(item.first, QStringLiteral("unknown parameter (accepted: limit)"));
    }
    if (!query.hasQueryItem(QStringLiteral("limit")))
        return kRecentDefaultLimit;
    const QString text = query.queryItemValue(QStringLiteral("limit"), QUrl::FullyDecoded).trimmed();
    bool ok = false;
    const qlonglong limit = text.toLongLong(&ok);
    if (!ok || limit < 1)
        return badParameter(QStringLiteral("limit"), QStringLiteral("'%1' is not a whole number from 1 to %2")
                                                         .arg(text.left(64))
                                                         .arg(kRecentMaxLimit));
    return int(std::min<qlonglong>(limit, kRecentMaxLimit));
}

} // namespace lip::observe
