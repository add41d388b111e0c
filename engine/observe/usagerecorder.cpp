// SPDX-License-Identifier: GPL-3.0-or-later
#include "observe/usagerecorder.h"

#include "core/logging.h"

#include <QDir>
#include <QMutexLocker>
#include <QPointer>
#include <QThread>
#include <QTimer>

#include <algorithm>
#include <iterator>

namespace lip::observe {

UsageRecorderOptions usageOptionsFromConfig(const config::Config &config, const QString &dataDir)
{
    UsageRecorderOptions options;
    if (config.usage.store.compare(QLatin1String("postgres"), Qt::CaseInsensitive) == 0
        || config.usage.store.compare(QLatin1String("postgresql"), Qt::CaseInsensitive) == 0) {
        options.target.flavor = SqlFlavor::Postgres;
        options.target.postgresUrl = config.usage.postgresUrl;
    } else {
        options.target.flavor = SqlFlavor::Sqlite;
        options.target.sqlitePath = QDir(dataDir).filePath(QStringLiteral("usage.sqlite"));
    }
    options.flushIntervalMs = config.usage.flushIntervalMs;
    return options;
}

// Everything the worker thread owns. Created on the recorder's thread, then used only on the
// worker thread (through calls posted to the anchor).
struct UsageRecorder::Worker
{
    UsageRecorder *owner = nullptr;
    UsageRecorderOptions options;
    std::unique_ptr<UsageDatabase> db;
    QTimer *timer = nullptr;
    std::vector<UsageRow> retry; // a batch the store refused (server away, disk full): tried again
    bool warnedWriteFailure = false;

    void open()
    {
        db = std::make_unique<UsageDatabase>();
        const QString error = db->open(options.target);
        if (!error.isEmpty()) {
            db.reset();
            qCWarning(lcUsage).noquote() << "usage accounting is disabled:" << error;
            {
                QMutexLocker lock(&owner->m_mutex);
                owner->m_state = State::Failed;
                owner->m_failure = error;
                owner->m_dropped += quint64(owner->m_queue.size());
                owner->m_queue.clear();
            }
            Q_EMIT owner->failed(error);
            return;
        }
        qCDebug(lcUsage).noquote() << "usage store:" << options.target.describe();
        {
            QMutexLocker lock(&owner->m_mutex);
            owner->m_state = State::Ready;
        }
        timer = new QTimer(owner->m_anchor);
        timer->setInterval(std::clamp(options.flushIntervalMs, 10, 1000));
        QObject::connect(timer, &QTimer::timeout, owner->m_anchor, [this] { flush(); });
        timer->start();
        Q_EMIT owner->ready();
    }

    void flush()
    {
        if (!db)
            return;
        std::vector<UsageRow> taken;
        {
            QMutexLocker lock(&owner->m_mutex);
            taken.swap(owner->m_queue);
        }
        if (taken.empty() && retry.empty())
            return;
        std::vector<UsageRow> rows = std::move(retry);
        retry.clear();
        rows.reserve(rows.size() + taken.size());
        std::move(taken.begin(), taken.end(), std::back_inserter(rows));
        const QString error = db->insert(rows);
        if (!error.isEmpty()) {
            if (!warnedWriteFailure)
                qCWarning(lcUsage).noquote() << error << "(will retry)";
            warnedWriteFailure = true;
            const qsizetype keep = std::min<qsizetype>(qsizetype(rows.size()), options.maxQueued);
            {
                QMutexLocker lock(&owner->m_mutex);
                owner->m_dropped += quint64(qsizetype(rows.size()) - keep);
            }
            rows.erase(rows.begin(), rows.end() - keep); // the oldest go first
            retry = std::move(rows);
            return;
        }
        if (warnedWriteFailure)
            qCInfo(lcUsage) << "usage store writable again";
        warnedWriteFailure = false;
        quint64 total = 0;
        {
            QMutexLocker lock(&owner->m_mutex);
            owner->m_written += quint64(rows.size());
            total = owner->m_written;
        }
        Q_EMIT owner->batchWritten(qint64(rows.size()), total);
    }

    void shutdown()
    {
        flush();
        delete timer;
        timer = nullptr;
        if (!retry.empty()) {
            QMutexLocker lock(&owner->m_mutex);
            owner->m_dropped += quint64(retry.size());
        }
        retry.clear();
        db.reset();
    }
};

UsageRecorder::UsageRecorder(UsageRecorderOptions options, QObject *parent)
    : QObject(parent)
    , m_maxQueued(options.maxQueued)
    , m_describe(options.target.describe())
    , m_thread(new QThread)
    , m_anchor(new QObject)
    , m_worker(std::make_shared<Worker>())
{
    m_worker->owner = this;
    m_worker->options = std::move(options);
    m_thread->setObjectName(QStringLiteral("lip-usage"));
    m_anchor->moveToThread(m_thread);
    QObject::connect(m_thread, &QThread::finished, m_anchor, &QObject::deleteLater);
    // Opening (disk or network I/O, migrations) happens on the worker, never on this thread.
    QMetaObject::invokeMethod(m_anchor, [worker = m_worker] { worker->open(); }, Qt::QueuedConnection);
    m_thread->start();
}

UsageRecorder::~UsageRecorder()
{
    QMetaObject::invokeMethod(m_anchor, [worker = m_worker] { worker->shutdown(); }, Qt::BlockingQueuedConnection);
    m_thread->quit();
    m_thread->wait();
    delete m_thread;
}

void UsageRecorder::record(const CallRecord &record, std::optional<double> cost)
{
    QMutexLocker lock(&m_mutex);
    if (m_state == State::Failed || qsizetype(m_queue.size()) >= m_maxQueued) {
        ++m_dropped;
        return;
    }
    m_queue.push_back(UsageRow{0, record, cost});
}

template<typename T>
void UsageRecorder::query(QObject *context, std::function<Result<T>(UsageDatabase &)> run,
                          std::function<void(Result<T>)> callback)
{
    QPointer<QObject> target(context);
    QMetaObject::invokeMethod(
        m_anchor,
        [worker = m_worker, run = std::move(run), callback = std::move(callback), target]() mutable {
            std::shared_ptr<Result<T>> result;
            if (worker->db) {
                worker->flush();
                result = std::make_shared<Result<T>>(run(*worker->db));
            } else {
                QString why;
                {
                    QMutexLocker lock(&worker->owner->m_mutex);
                    why = worker->owner->m_failure;
                }
                result = std::make_shared<Result<T>>(Error::make(
                    ErrorCategory::Unsupported, QStringLiteral("usage accounting is disabled: %1").arg(why)));
            }
            // Back to the recorder's thread (the recorder outlives the worker), where `target`
            // can be checked without a race.
            QMetaObject::invokeMethod(
                worker->owner,
                [callback = std::move(callback), result, target] {
                    if (target)
                        callback(std::move(*result));
                },
                Qt::QueuedConnection);
        },
        Qt::QueuedConnection);
}

void UsageRecorder::stats(const UsageStatsQuery &request, QObject *context,
                          std::function<void(Result<UsageStats>)> callback)
{
    query<UsageStats>(context, [request](UsageDatabase &db) { return db.stats(request); }, std::move(callback));
}

void UsageRecorder::recent(int limit, QObject *context,
                           std::function<void(Result<std::vector<UsageRow>>)> callback)
{
    query<std::vector<UsageRow>>(context, [limit](UsageDatabase &db) { return db.recent(limit); },
                                 std::move(callback));
}

UsageRecorder::State UsageRecorder::state() const
{
    QMutexLocker lock(&m_mutex);
    return m_state;
}

QString UsageRecorder::failure() const
{
    QMutexLocker lock(&m_mutex);
    return m_failure;
}

quint64 UsageRecorder::written() const
{
    QMutexLocker lock(&m_mutex);
    return m_written;
}

quint64 UsageRecorder::dropped() const
{
    QMutexLocker lock(&m_mutex);
    return m_dropped;
}

} // namespace lip::observe
