// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/logfeed.h"

#include <QCoreApplication>
#include <QMutex>
#include <QMutexLocker>
#include <QRegularExpression>

#include <atomic>
#include <cstdio>
#include <deque>

namespace lip {

namespace {

struct FeedState
{
    QMutex mutex;
    std::deque<LogLine> lines;
    int keep = 5000;
    QtMessageHandler previous = nullptr;
    std::atomic<bool> installed{false};
};

// Never destroyed: messages may still be logged while static objects are torn down.
FeedState &state()
{
    static auto *s = new FeedState;
    return *s;
}

std::atomic<LogFeed *> g_feed{nullptr};
thread_local bool t_inHandler = false; // a message logged while we handle one goes straight through

bool wanted(QtMsgType type, const char *category)
{
    if (type == QtWarningMsg || type == QtCriticalMsg || type == QtFatalMsg)
        return true;
    return category && qstrncmp(category, "lip.", 4) == 0;
}

void chain(QtMsgType type, const QMessageLogContext &context, const QString &message)
{
    if (QtMessageHandler previous = state().previous) {
        previous(type, context, message);
        return;
    }
    // Qt returned no previous handler: do what its default one does.
    const QString formatted = qFormatLogMessage(type, context, message);
    std::fprintf(stderr, "%s\n", formatted.toLocal8Bit().constData());
    std::fflush(stderr);
}

void handler(QtMsgType type, const QMessageLogContext &context, const QString &message)
{
    if (!t_inHandler && wanted(type, context.category)) {
        t_inHandler = true;
        LogLine line;
        line.time = QDateTime::currentDateTime();
        line.type = type;
        line.category = QString::fromLatin1(context.category ? context.category : "default");
        line.message = LogFeed::redact(message);
        FeedState &s = state();
        {
            QMutexLocker lock(&s.mutex);
            s.lines.push_back(line);
            while (s.lines.size() > size_t(s.keep))
                s.lines.pop_front();
        }
        // Queued to the feed's thread; skipped once the application is going away (no event
        // loop will deliver it, and posting then is not safe).
        LogFeed *feed = g_feed.load(std::memory_order_acquire);
        if (feed && QCoreApplication::instance() && !QCoreApplication::closingDown())
            QMetaObject::invokeMethod(feed, [feed, line] { Q_EMIT feed->lineAdded(line); }, Qt::QueuedConnection);
        t_inHandler = false;
    }
    chain(type, context, message);
}

struct Redaction
{
    QRegularExpression pattern;
    QString replacement;
};

QList<Redaction> makeRedactions()
{
    const auto ci = QRegularExpression::CaseInsensitiveOption;
    const QString r = QStringLiteral("[REDACTED]");
    QList<Redaction> list = {
        // Bearer / Basic credentials: the scheme stays, the credential goes.
        {QRegularExpression(QStringLiteral(R"(\b(Bearer\s+)(?!\[REDACTED\])[^\s"',;]+)"), ci), QStringLiteral("\\1") + r},
        {QRegularExpression(QStringLiteral(R"(\b(Basic\s+)[A-Za-z0-9+/=]{8,})"), ci), QStringLiteral("\\1") + r},
        // Header and field names that carry a secret, as "name: value", "name=value", "\"name\":\"value\"".
        {QRegularExpression(QStringLiteral(R"(\b((?:x-goog-api-key|x-api-key|api[-_]?key|access[-_]?token|refresh[-_]?token|id[-_]?token|client[-_]?secret|password|secret)["']?\s*[:=]\s*["']?)(?!\[REDACTED\]|Bearer\s)[^\s"',;&]+)"), ci),
         QStringLiteral("\\1") + r},
        {QRegularExpression(QStringLiteral(R"(\b(authorization["']?\s*[:=]\s*["']?)(?!\[REDACTED\]|Bearer\s|Basic\s)[^\s"',;&]+)"), ci),
         QStringLiteral("\\1") + r},
        // Gemini's ?key= (and any key= parameter).
        {QRegularExpression(QStringLiteral(R"(\b(key=)(?!\[REDACTED\])[^\s"',;&]+)"), ci), QStringLiteral("\\1") + r},
        // Provider key formats, wherever they appear.
        {QRegularExpression(QStringLiteral(R"(\bsk-(?:ant-)?[A-Za-z0-9_\-]{8,})")), r},
        {QRegularExpression(QStringLiteral(R"(\bAIza[0-9A-Za-z_\-]{20,})")), r},
        {QRegularExpression(QStringLiteral(R"(\bya29\.[0-9A-Za-z_\-\.]{10,})")), r},
        {QRegularExpression(QStringLiteral(R"(\bgh[pousr]_[A-Za-z0-9]{20,})")), r},
        {QRegularExpression(QStringLiteral(R"(\beyJ[A-Za-z0-9_\-]{8,}\.[A-Za-z0-9_\-]{8,}\.[A-Za-z0-9_\-]*)")), r},
        // A long hex/base64 run after the word "token" ("token abc…", "session_token=…").
        {QRegularExpression(QStringLiteral(R"((token[\w-]*["']?\s*[:=]?\s*["']?)(?!\[REDACTED\])[A-Za-z0-9+/_\-\.=]{20,})"), ci),
         QStringLiteral("\\1") + r},
    };
    for (Redaction &redaction : list)
        redaction.pattern.optimize();
    return list;
}

} // namespace

LogFeed::LogFeed() = default;

LogFeed *LogFeed::instance()
{
    static LogFeed *feed = [] {
        auto *created = new LogFeed; // never deleted: the handler may run during shutdown
        g_feed.store(created, std::memory_order_release);
        return created;
    }();
    return feed;
}

void LogFeed::install(int keepLines)
{
    qRegisterMetaType<lip::LogLine>();
    instance(); // created on the installing thread: lineAdded is delivered there
    FeedState &s = state();
    if (s.installed.exchange(true))
        return;
    {
        QMutexLocker lock(&s.mutex);
        s.keep = qMax(1, keepLines);
    }
    s.previous = qInstallMessageHandler(handler);
}

QList<LogLine> LogFeed::recent() const
{
    FeedState &s = state();
    QMutexLocker lock(&s.mutex);
    return QList<LogLine>(s.lines.begin(), s.lines.end());
}

QString LogFeed::redact(const QString &text)
{
    // One compiled set per thread: matching never waits on another thread's lock.
    thread_local const QList<Redaction> redactions = makeRedactions();
    QString out = text;
    for (const Redaction &redaction : redactions)
        out.replace(redaction.pattern, redaction.replacement);
    return out;
}

} // namespace lip
