// SPDX-License-Identifier: GPL-3.0-or-later
#include "observe/metrics.h"

#include "observe/usagecost.h"

namespace lip::observe {

namespace {

// Label values: backslash, double quote and line feed escaped, as the text format requires.
QByteArray labelValue(const QString &value)
{
    QByteArray out;
    const QByteArray utf8 = value.toUtf8();
    out.reserve(utf8.size());
    for (char c : utf8) {
        if (c == '\\')
            out += "\\\\";
        else if (c == '"')
            out += "\\\"";
        else if (c == '\n')
            out += "\\n";
        else
            out += c;
    }
    return out;
}

QByteArray number(double value)
{
    return QByteArray::number(value, 'g', 15);
}

void header(QByteArray &out, const char *name, const char *type, const char *help)
{
    out += "# HELP ";
    out += name;
    out += ' ';
    out += help;
    out += "\n# TYPE ";
    out += name;
    out += ' ';
    out += type;
    out += '\n';
}

QByteArray backendModel(const QString &backend, const QString &model)
{
    return QByteArray("backend=\"") + labelValue(backend) + "\",model=\"" + labelValue(model) + '"';
}

} // namespace

void Metrics::Histogram::observe(double seconds)
{
    ++count;
    sum += seconds;
    for (size_t i = 0; i < kBuckets.size(); ++i) {
        if (seconds <= kBuckets[i]) {
            ++counts[i];
            return;
        }
    }
}

void Metrics::record(const CallRecord &record, std::optional<double> cost)
{
    ++m_requests;
    const QString model = accountedModel(record);
    ++m_requestsBy[{record.backend, model, QString::fromLatin1(dialectName(record.clientDialect)), record.status}];
    if (record.errorCategory != ErrorCategory::None || !record.error.isEmpty()) {
        const ErrorCategory category =
            record.errorCategory == ErrorCategory::None ? ErrorCategory::Internal : record.errorCategory;
        ++m_errorsBy[{record.backend, model, QString::fromLatin1(errorCategoryName(category))}];
    }
    Series &series = m_series[{record.backend, model}];
    if (record.totalMs >= 0)
        series.total.observe(double(record.totalMs) / 1000.0);
    if (record.firstByteMs >= 0)
        series.firstByte.observe(double(record.firstByteMs) / 1000.0);
    const canon::Usage &usage = record.usage;
    series.inputTokens += quint64(std::max<int64_t>(usage.input, 0));
    series.outputTokens += quint64(std::max<int64_t>(usage.output, 0));
    series.cacheReadTokens += quint64(std::max<int64_t>(usage.cacheRead, 0));
    series.cacheWriteTokens += quint64(std::max<int64_t>(usage.cacheWrite, 0));
    series.reasoningTokens += quint64(std::max<int64_t>(usage.reasoning, 0));
    if (record.usageEstimated)
        ++series.estimatedRequests;
    if (cost) {
        series.cost += *cost;
        series.priced = true;
    }
}

QByteArray Metrics::render(const MetricsGauges &gauges) const
{
    QByteArray out;
    out.reserve(4096 + int(m_series.size()) * 2048);

    header(out, "lip_requests_total", "counter", "Client requests finished, by backend, model, client dialect and HTTP status.");
    for (const auto &[key, count] : m_requestsBy) {
        const auto &[backend, model, dialect, status] = key;
        out += "lip_requests_total{" + backendModel(backend, model) + ",client_dialect=\"" + labelValue(dialect)
            + "\",status=\"" + QByteArray::number(status) + "\"} " + QByteArray::number(count) + '\n';
    }

    header(out, "lip_request_errors_total", "counter", "Client requests that ended in an error, by error category.");
    for (const auto &[key, count] : m_errorsBy) {
        const auto &[backend, model, category] = key;
        out += "lip_request_errors_total{" + backendModel(backend, model) + ",category=\"" + labelValue(category)
            + "\"} " + QByteArray::number(count) + '\n';
    }

    const auto histogram = [&out, this](const char *name, const char *help, Histogram Series::*member) {
        header(out, name, "histogram", help);
        for (const auto &[key, series] : m_series) {
            const Histogram &h = series.*member;
            if (h.count == 0)
                continue;
            const QByteArray labels = backendModel(key.first, key.second);
            quint64 cumulative = 0;
            for (size_t i = 0; i < kBuckets.size(); ++i) {
                cumulative += h.counts[i];
                out += QByteArray(name) + "_bucket{" + labels + ",le=\"" + number(kBuckets[i]) + "\"} "
                    + QByteArray::number(cumulative) + '\n';
            }
            out += QByteArray(name) + "_bucket{" + labels + ",le=\"+Inf\"} " + QByteArray::number(h.count) + '\n';
            out += QByteArray(name) + "_sum{" + labels + "} " + number(h.sum) + '\n';
            out += QByteArray(name) + "_count{" + labels + "} " + QByteArray::number(h.count) + '\n';
        }
    };
    histogram("lip_request_duration_seconds", "Time from receiving a request to finishing its response.",
              &Series::total);
    histogram("lip_time_to_first_byte_seconds", "Time from receiving a request to its first response byte.",
              &Series::firstByte);

    header(out, "lip_tokens_total", "counter",
           "Tokens by backend, model and type (input includes cache_read and cache_write; output includes reasoning).");
    for (const auto &[key, series] : m_series) {
        const QByteArray labels = backendModel(key.first, key.second);
        const std::pair<const char *, quint64> types[] = {
            {"input", series.inputTokens},          {"output", series.outputTokens},
            {"cache_read", series.cacheReadTokens}, {"cache_write", series.cacheWriteTokens},
            {"reasoning", series.reasoningTokens},
        };
        for (const auto &[type, value] : types)
            out += "lip_tokens_total{" + labels + ",type=\"" + type + "\"} " + QByteArray::number(value) + '\n';
    }

    header(out, "lip_usage_estimated_requests_total", "counter",
           "Requests whose token counts are the proxy's estimate (the provider sent none).");
    for (const auto &[key, series] : m_series) {
        if (series.estimatedRequests > 0)
            out += "lip_usage_estimated_requests_total{" + backendModel(key.first, key.second) + "} "
                + QByteArray::number(series.estimatedRequests) + '\n';
    }

    header(out, "lip_cost_total", "counter", "Cost from the usage.prices table, in its currency.");
    for (const auto &[key, series] : m_series) {
        if (series.priced)
            out += "lip_cost_total{" + backendModel(key.first, key.second) + "} " + number(series.cost) + '\n';
    }

    header(out, "lip_requests_active", "gauge", "Client requests being served now.");
    out += "lip_requests_active " + QByteArray::number(gauges.activeRequests) + '\n';
    if (gauges.usageStoreUp) {
        header(out, "lip_usage_store_up", "gauge", "1 when the usage store is being written, 0 when accounting is disabled.");
        out += "lip_usage_store_up " + QByteArray(*gauges.usageStoreUp ? "1" : "0") + '\n';
        header(out, "lip_usage_rows_written_total", "counter", "Usage rows committed to the store.");
        out += "lip_usage_rows_written_total " + QByteArray::number(gauges.usageRowsWritten) + '\n';
        header(out, "lip_usage_rows_dropped_total", "counter", "Usage rows given up on (store disabled or stuck).");
        out += "lip_usage_rows_dropped_total " + QByteArray::number(gauges.usageRowsDropped) + '\n';
    }
    return out;
}

} // namespace lip::observe
