// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// A PostgreSQL cluster for one test run: initdb + pg_ctl (Debian's /usr/lib/postgresql/N/bin)
// in a temporary folder, listening on 127.0.0.1 on a free port, trust authentication, fsync
// off; stopped and deleted when this object goes. As root the server runs as `nobody` (postgres
// refuses to run as root).

#include <QString>
#include <QTemporaryDir>

namespace lip::test {

class ThrowawayPostgres
{
public:
    ThrowawayPostgres() = default;
    ~ThrowawayPostgres();
    ThrowawayPostgres(const ThrowawayPostgres &) = delete;
    ThrowawayPostgres &operator=(const ThrowawayPostgres &) = delete;

    // Empty on success; else why there is no server (for QSKIP: no binaries, no Qt driver, ...).
    QString start();
    bool running() const { return m_running; }

    // A new empty database; returns its URL (postgres://lip@127.0.0.1:port/name), or empty.
    QString createDatabase(const QString &name, QString *error = nullptr);
    QString url(const QString &database = QStringLiteral("postgres")) const;

private:
    bool run(const QString &program, const QStringList &arguments, QString *output);

    QTemporaryDir m_dir;
    QString m_bin;
    quint16 m_port = 0;
    bool m_asNobody = false;
    bool m_running = false;
};

} // namespace lip::test
