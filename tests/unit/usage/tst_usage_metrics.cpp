// SPDX-License-Identifier: GPL-3.0-or-later
// The Prometheus exposition: names, labels (escaped), cumulative histogram buckets, tokens.

#include "observe/metrics.h"

#include <QTest>

using namespace lip;
using namespace lip::observe;

namespace {

CallRecord call(const QString &backend, const QString &model, int status, qint64 totalMs, qint64 firstByteMs)
{
    CallRecord record;
    record.backend = backend;
    record.modelRequested = model;
    record.modelUsed = model;
    record.clientDialect = Dialect::Anthropic;
    record.status = status;
    record.totalMs = totalMs;
    record.firstByteMs = firstByteMs;
    return record;
}

QList<QByteArray> samples(const QByteArray &text, const QByteArray &prefix)
{
    QList<QByteArray> out;
    for (const QByteArray &line : text.split('\n')) {
        if (line.startsWith(prefix))
            out.append(line);
    }
    return out;
}

} // namespace

class TestUsageMetrics : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void countsAndTokens()
    {
        Metrics metrics;
        CallRecord ok = call("openai", "gpt-4o", 200, 1200, 300);
        ok.usage.input = 100;
        ok.usage.output = 20;
        ok.usage.cacheRead = 40;
        ok.usage.cacheWrite = 5;
        ok.usage.reasoning = 7;
        metrics.record(ok, 0.5);
        metrics.record(ok, 0.25);
        CallRecord failed = call("openai", "gpt-4o", 429, 80, -1);
        failed.errorCategory = ErrorCategory::RateLimited;
        failed.error = QStringLiteral("backend 'openai': slow down");
        metrics.record(failed);
        const QByteArray text = metrics.render(MetricsGauges{3, true, 10, 1});

        QVERIFY(text.contains("# TYPE lip_requests_total counter\n"));
        QVERIFY(text.contains("lip_requests_total{backend=\"openai\",model=\"gpt-4o\",client_dialect=\"anthropic\",status=\"200\"} 2\n"));
        QVERIFY(text.contains("lip_requests_total{backend=\"openai\",model=\"gpt-4o\",client_dialect=\"anthropic\",status=\"429\"} 1\n"));
        QVERIFY(text.contains("lip_request_errors_total{backend=\"openai\",model=\"gpt-4o\",category=\"rate_limited\"} 1\n"));
        QVERIFY(text.contains("lip_tokens_total{backend=\"openai\",model=\"gpt-4o\",type=\"input\"} 200\n"));
        QVERIFY(text.contains("lip_tokens_total{backend=\"openai\",model=\"gpt-4o\",type=\"output\"} 40\n"));
        QVERIFY(text.contains("lip_tokens_total{backend=\"openai\",model=\"gpt-4o\",type=\"cache_read\"} 80\n"));
        QVERIFY(text.contains("lip_tokens_total{backend=\"openai\",model=\"gpt-4o\",type=\"cache_write\"} 10\n"));
        QVERIFY(text.contains("lip_tokens_total{backend=\"openai\",model=\"gpt-4o\",type=\"reasoning\"} 14\n"));
        QVERIFY(text.contains("lip_cost_total{backend=\"openai\",model=\"gpt-4o\"} 0.75\n"));
        QVERIFY(text.contains("lip_requests_active 3\n"));
        QVERIFY(text.contains("lip_usage_store_up 1\n"));
        QVERIFY(text.contains("lip_usage_rows_written_total 10\n"));
        QVERIFY(text.contains("lip_usage_rows_dropped_total 1\n"));
        QVERIFY(text.endsWith('\n'));
    }

    void histogramBucketsAreCumulative()
    {
        Metrics metrics;
        for (qint64 ms : {40, 40, 700, 3000, 999000})
            metrics.record(call("b", "m", 200, ms, ms / 2));
        const QByteArray text = metrics.render();
        const QByteArray labels = "backend=\"b\",model=\"m\"";
        QVERIFY(text.contains(QByteArray("lip_request_duration_seconds_bucket{" + labels + ",le=\"0.05\"} 2\n")));
        QVERIFY(text.contains(QByteArray("lip_request_duration_seconds_bucket{" + labels + ",le=\"0.5\"} 2\n")));
        QVERIFY(text.contains(QByteArray("lip_request_duration_seconds_bucket{" + labels + ",le=\"1\"} 3\n")));
        QVERIFY(text.contains(QByteArray("lip_request_duration_seconds_bucket{" + labels + ",le=\"5\"} 4\n")));
        QVERIFY(text.contains(QByteArray("lip_request_duration_seconds_bucket{" + labels + ",le=\"300\"} 4\n")));
        QVERIFY(text.contains(QByteArray("lip_request_duration_seconds_bucket{" + labels + ",le=\"+Inf\"} 5\n")));
        QVERIFY(text.contains(QByteArray("lip_request_duration_seconds_count{" + labels + "} 5\n")));
        QVERIFY(text.contains(QByteArray("lip_request_duration_seconds_sum{" + labels + "} 1002.78\n")));
        QVERIFY(text.contains(QByteArray("lip_time_to_first_byte_seconds_bucket{" + labels + ",le=\"0.05\"} 2\n")));
        // Buckets never decrease.
        qint64 previous = -1;
        for (const QByteArray &line : samples(text, "lip_request_duration_seconds_bucket")) {
            const qint64 value = line.mid(line.lastIndexOf(' ') + 1).toLongLong();
            QVERIFY2(value >= previous, line.constData());
            previous = value;
        }
    }

    void labelValuesAreEscaped()
    {
        Metrics metrics;
        metrics.record(call("b", "we\"ird\\mo\ndel", 200, 1, 1));
        const QByteArray text = metrics.render();
        QVERIFY2(text.contains("model=\"we\\\"ird\\\\mo\\ndel\""), text.constData());
        // Every sample line is one line: name{labels} value.
        for (const QByteArray &line : text.split('\n')) {
            if (line.isEmpty() || line.startsWith('#'))
                continue;
            QVERIFY2(line.startsWith("lip_"), line.constData());
        }
    }

    void failedRequestWithoutBackendIsCounted()
    {
        Metrics metrics;
        CallRecord record = call(QString(), "nope", 404, 2, -1);
        record.errorCategory = ErrorCategory::NotFound;
        metrics.record(record);
        const QByteArray text = metrics.render(MetricsGauges{0, false, 0, 5});
        QVERIFY(text.contains("lip_request_errors_total{backend=\"\",model=\"nope\",category=\"not_found\"} 1\n"));
        QVERIFY(!text.contains("lip_time_to_first_byte_seconds_bucket"));
        QVERIFY(text.contains("lip_usage_store_up 0\n"));
        QVERIFY(!metrics.render().contains("lip_usage_store_up")); // accounting off: no store gauges
    }
};

QTEST_GUILESS_MAIN(TestUsageMetrics)
#include "tst_usage_metrics.moc"
