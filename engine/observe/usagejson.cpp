// SPDX-License-Identifier: GPL-3.0-or-later
#include "observe/usagejson.h"

#include "core/jsonsplice.h"

#include <QDateTime>
#include <QTimeZone>

namespace lip::observe {

namespace {

// A small ordered JSON writer for our own bodies: keys in the order written, numbers spelled
// the way people read them (Boost.JSON would write 0.0123 as 1.23E-2).
class JsonOut
{
public:
    QByteArray take() { return std::move(m_out); }

    void begin(char bracket) { comma(); m_out += bracket; m_first = true; }
    void end(char bracket) { m_out += bracket; m_first = false; }
    void key(const char *name)
    {
        comma();
        m_out += '"';
        m_out += name;
        m_out += "\":";
        m_first = true; // the value follows without a comma
    }
    void string(const QString &value)
    {
        comma();
        m_out += QByteArray::fromStdString(json::quoted(value.toUtf8().toStdString()));
    }
    void integer(qint64 value) { comma(); m_out += QByteArray::number(value); }
    void real(double value)
    {
        comma();
        m_out += QByteArray::number(value, 'g', 15);
    }
    void boolean(bool value) { comma(); m_out += value ? "true" : "false"; }
    void null() { comma(); m_out += "null"; }

    void field(const char *name, const QString &value) { key(name); string(value); }
    void field(const char *name, qint64 value) { key(name); integer(value); }
    void optionalCount(const char *name, qint64 value)
    {
        key(name);
        if (value < 0)
            null();
        else
            integer(value);
    }

private:
    void comma()
    {
        if (!m_first)
            m_out += ',';
        m_first = false;
    }

    QByteArray m_out;
    bool m_first = true;
};

QString isoMs(qint64 ms)
{
    return QDateTime::fromMSecsSinceEpoch(ms, QTimeZone::utc()).toString(Qt::ISODateWithMs);
}

void writeTotals(JsonOut &out, const UsageGroup &g)
{
    out.field("requests", g.requests);
    out.field("errors", g.errors);
    out.field("estimated_requests", g.estimated);
    out.field("input_tokens", g.inputTokens);
    out.field("output_tokens", g.outputTokens);
    out.field("cache_read_tokens", g.cacheReadTokens);
    out.field("cache_write_tokens", g.cacheWriteTokens);
    out.field("reasoning_tokens", g.reasoningTokens);
    out.key("cost");
    if (g.pricedRequests > 0)
        out.real(g.cost);
    else
        out.null();
    out.field("priced_requests", g.pricedRequests);
    out.key("avg_total_ms");
    if (g.totalMsCount > 0)
        out.integer(g.totalMsSum / g.totalMsCount);
    else
        out.null();
}

} // namespace

QByteArray renderUsageStats(const UsageStats &stats)
{
    const UsageStatsQuery &q = stats.query;
    JsonOut out;
    out.begin('{');
    out.field("object", QStringLiteral("usage.stats"));
    out.key("filters");
    out.begin('{');
    if (!q.project.isEmpty())
        out.field("project", q.project);
    if (!q.backend.isEmpty())
        out.field("backend", q.backend);
    if (!q.model.isEmpty())
        out.field("model", q.model);
    if (q.sinceMs)
        out.field("since", isoMs(*q.sinceMs));
    if (q.untilMs)
        out.field("until", isoMs(*q.untilMs));
    out.end('}');
    out.key("group_by");
    out.begin('[');
    for (const QString &key : q.groupBy)
        out.string(key);
    out.end(']');

    UsageGroup totals;
    out.key("groups");
    out.begin('[');
    for (const UsageGroup &g : stats.groups) {
        out.begin('{');
        if (q.groupBy.contains(QLatin1String("backend")))
            out.field("backend", g.backend);
        if (q.groupBy.contains(QLatin1String("model")))
            out.field("model", g.model);
        if (q.groupBy.contains(QLatin1String("day")))
            out.field("day", g.day);
        if (q.groupBy.contains(QLatin1String("project")))
            out.field("project", g.project);
        writeTotals(out, g);
        out.end('}');
        totals.requests += g.requests;
        totals.errors += g.errors;
        totals.estimated += g.estimated;
        totals.inputTokens += g.inputTokens;
        totals.outputTokens += g.outputTokens;
        totals.cacheReadTokens += g.cacheReadTokens;
        totals.cacheWriteTokens += g.cacheWriteTokens;
        totals.reasoningTokens += g.reasoningTokens;
        totals.pricedRequests += g.pricedRequests;
        totals.cost += g.cost;
        totals.totalMsSum += g.totalMsSum;
        totals.totalMsCount += g.totalMsCount;
    }
    out.end(']');
    out.key("totals");
    out.begin('{');
    writeTotals(out, totals);
    out.end('}');
    out.end('}');
    return out.take();
}

QByteArray renderUsageRecent(const std::vector<UsageRow> &rows)
{
    JsonOut out;
    out.begin('{');
    out.field("object", QStringLiteral("list"));
    out.key("data");
    out.begin('[');
    for (const UsageRow &row : rows) {
        const CallRecord &r = row.record;
        out.begin('{');
        out.field("id", row.id);
        out.field("request_id", qint64(r.requestId));
        out.field("time", r.startedAt.toUTC().toString(Qt::ISODateWithMs));
        out.field("session", r.session);
        out.field("project", r.project);
        out.field("client_dialect", QString::fromLatin1(dialectName(r.clientDialect)));
        out.field("operation", r.operation);
        out.field("backend", r.backend);
        out.field("model_requested", r.modelRequested);
        out.field("model_used", r.modelUsed);
        out.field("key_alias", r.keyAlias);
        out.field("attempts", qint64(r.attempts));
        out.key("stream");
        out.boolean(r.stream);
        out.field("status", qint64(r.status));
        out.field("error_category", QString::fromLatin1(errorCategoryName(r.errorCategory)));
        out.field("error", r.error);
        out.optionalCount("first_byte_ms", r.firstByteMs);
        out.optionalCount("total_ms", r.totalMs);
        out.key("usage");
        out.begin('{');
        out.optionalCount("input_tokens", r.usage.input);
        out.optionalCount("output_tokens", r.usage.output);
        out.field("cache_read_tokens", qint64(r.usage.cacheRead));
        out.field("cache_write_tokens", qint64(r.usage.cacheWrite));
        out.field("reasoning_tokens", qint64(r.usage.reasoning));
        out.key("estimated");
        out.boolean(r.usageEstimated);
        out.end('}');
        out.key("cost");
        if (row.cost)
            out.real(*row.cost);
        else
            out.null();
        out.end('}');
    }
    out.end(']');
    out.end('}');
    return out.take();
}

QByteArray renderUsageError(const Error &error)
{
    JsonOut out;
    out.begin('{');
    out.key("error");
    out.begin('{');
    out.field("message", error.message);
    out.field("type", error.category == ErrorCategory::InvalidRequest ? QStringLiteral("invalid_request_error")
                                                                      : QStringLiteral("usage_unavailable"));
    out.key("param");
    if (error.param.isEmpty())
        out.null();
    else
        out.string(error.param);
    out.key("code");
    out.null();
    out.end('}');
    out.end('}');
    return out.take();
}

} // namespace lip::observe
