// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// One connection to the usage store (SQLite file or PostgreSQL server). Not thread-safe: it is
// created, used and destroyed on one thread (the usage worker; tests may use it directly).

#include "observe/usagequery.h"
#include "observe/usageschema.h"

#include <QString>

#include <vector>

namespace lip::observe {

struct UsageTarget
{
    SqlFlavor flavor = SqlFlavor::Sqlite;
    QString sqlitePath;  // SqlFlavor::Sqlite
    QString postgresUrl; // SqlFlavor::Postgres: postgres://user:password@host:port/db?sslmode=...

    // For messages: the file, or the URL without its password.
    QString describe() const;
};

class UsageDatabase
{
public:
    UsageDatabase();
    ~UsageDatabase();
    UsageDatabase(const UsageDatabase &) = delete;
    UsageDatabase &operator=(const UsageDatabase &) = delete;

    // Opens and migrates. Returns an empty string on success, else a message that names the
    // database and says why (never the password).
    QString open(const UsageTarget &target);
    void close();
    bool isOpen() const { return m_open; }
    const UsageTarget &target() const { return m_target; }

    // All rows in one transaction: either all are stored or none. Empty string on success.
    QString insert(const std::vector<UsageRow> &rows);

    Result<UsageStats> stats(const UsageStatsQuery &query);
    Result<std::vector<UsageRow>> recent(int limit);
    Result<qint64> count();

private:
    Error queryError(const QString &what, const QString &why) const;

    QString m_connection;
    UsageTarget m_target;
    bool m_open = false;
};

} // namespace lip::observe
