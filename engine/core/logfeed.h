// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// The live log for the GUI's Log page: a Qt message handler that keeps the last lines of the
// `lip.*` categories (secrets already redacted: API keys, bearer tokens, `key=` query values)
// and hands new lines to whoever listens, on the listener's thread. It chains to the handler
// that was installed before it, so stderr logging is unchanged. Thread-safe: any thread logs.

#include <QDateTime>
#include <QList>
#include <QMetaType>
#include <QObject>
#include <QString>
#include <QtGlobal>

namespace lip {

struct LogLine
{
    QDateTime time;
    QtMsgType type = QtDebugMsg;
    QString category; // "lip.engine.routing"
    QString message;  // redacted
};

class LogFeed : public QObject
{
    Q_OBJECT
public:
    static LogFeed *instance();
    // Installs the handler once (later calls do nothing). Lines logged before are not kept.
    static void install(int keepLines = 5000);

    QList<LogLine> recent() const; // oldest first

    // Replaces what looks like a secret by "[REDACTED]" (also used by the Log page for pasted text).
    static QString redact(const QString &text);

Q_SIGNALS:
    // Emitted on the feed's thread (the thread that created the instance; the GUI thread in the app).
    void lineAdded(const lip::LogLine &line);

private:
    LogFeed();
};

} // namespace lip

Q_DECLARE_METATYPE(lip::LogLine)
