// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Usage accounting off the engine thread. record() only appends to a queue under a mutex; a
// worker thread with its own database connection opens (and migrates) the store, writes the
// queue in one transaction every flush interval, and answers the /usage queries. A store that
// cannot be opened (corrupt file, server down at start) disables accounting with one warning:
// the proxy keeps serving.

#include "config/config.h"
#include "observe/usagedatabase.h"

#include <QMutex>
#include <QObject>

#include <functional>
#include <memory>
#include <vector>

class QThread;

namespace lip::observe {

struct UsageRecorderOptions
{
    UsageTarget target;
    int flushIntervalMs = 500;             // clamped to 10..1000
    qsizetype maxQueued = 100000;          // beyond this (store stuck), new records are dropped and counted
};

// The store described by the config: <dataDir>/usage.sqlite, or the PostgreSQL URL.
UsageRecorderOptions usageOptionsFromConfig(const config::Config &config, const QString &dataDir);

class UsageRecorder : public QObject
{
    Q_OBJECT
public:
    enum class State { Opening, Ready, Failed };

    explicit UsageRecorder(UsageRecorderOptions options, QObject *parent = nullptr);
    // Writes what is still queued, then stops the worker (waits for it).
    ~UsageRecorder() override;

    // Any thread; never blocks on the database. `cost` from the price table (usagecost.h).
    void record(const CallRecord &record, std::optional<double> cost = std::nullopt);

    // Queries run on the worker after the queue is written (so a finished call is visible); the
    // callback runs on the recorder's thread, where `context` must live too, and is dropped if
    // `context` is gone by then.
    void stats(const UsageStatsQuery &query, QObject *context, std::function<void(Result<UsageStats>)> callback);
    void recent(int limit, QObject *context, std::function<void(Result<std::vector<UsageRow>>)> callback);

    State state() const;
    QString failure() const;   // why the store is disabled; empty otherwise
    quint64 written() const;   // rows committed since start
    quint64 dropped() const;   // rows given up on (store disabled or queue full)
    QString describe() const { return m_describe; }

Q_SIGNALS:
    // Emitted from the worker thread after each committed batch.
    void batchWritten(qint64 rows, quint64 totalWritten);
    // Emitted from the worker thread when the store is open and ready.
    void ready();
    // Emitted from the worker thread when the store cannot be used (accounting disabled).
    void failed(const QString &message);

private:
    struct Worker;
    template<typename T>
    void query(QObject *context, std::function<Result<T>(UsageDatabase &)> run, std::function<void(Result<T>)> callback);

    mutable QMutex m_mutex;
    std::vector<UsageRow> m_queue;   // guarded by m_mutex
    State m_state = State::Opening;  // guarded by m_mutex
    QString m_failure;               // guarded by m_mutex
    quint64 m_written = 0;           // guarded by m_mutex
    quint64 m_dropped = 0;           // guarded by m_mutex
    qsizetype m_maxQueued = 100000;
    QString m_describe;

    QThread *m_thread = nullptr;
    QObject *m_anchor = nullptr;     // lives on the worker thread; queued calls are posted to it
    std::shared_ptr<Worker> m_worker; // touched only on the worker thread
};

} // namespace lip::observe
