// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// All sessions, bounded (least recently seen beyond maxSessions are forgotten) and expiring
// (idle longer than idleExpirySeconds), kept across restarts in <data dir>/sessions.json.
// Engine thread only. Persistence never blocks a request: changes mark the store dirty, a
// debounce timer snapshots it (small: a few hundred bytes per session) and a single writer
// thread saves the snapshot with QSaveFile (atomic rename). The file is read once, at start-up.

#include "config/config.h"
#include "session/sessionstate.h"

#include <QHash>
#include <QObject>
#include <QThreadPool>
#include <QTimer>

namespace lip::session {

class SessionStore : public QObject
{
    Q_OBJECT
public:
    // `filePath` empty: memory only.
    SessionStore(const config::SessionConfig &config, QString filePath, QObject *parent = nullptr);
    ~SessionStore() override;

    // The session, created when new; lastSeen is set to now. Expired sessions are dropped first.
    SessionState &touch(const QString &id);
    SessionState *find(const QString &id);
    void markDirty();
    int count() const { return int(m_sessions.size()); }

    // Synchronous save of the current state and wait for pending writes (tests, shutdown).
    void flush();

    static QByteArray serialize(const QHash<QString, SessionState> &sessions);
    // Sessions from a file's bytes; `error` says what was wrong (the file is then ignored).
    static QHash<QString, SessionState> deserialize(const QByteArray &bytes, QString *error);

    QString filePath() const { return m_filePath; }

private:
    void load();
    void expire(const QString &keep = QString());
    void scheduleSave();
    void saveNow(bool wait);

    config::SessionConfig m_config;
    QString m_filePath;
    QHash<QString, SessionState> m_sessions;
    QTimer m_saveTimer;
    QThreadPool m_writer;
    bool m_dirty = false;
    qint64 m_lastExpiryMs = 0;
};

} // namespace lip::session
