// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// The usage store's schema and its migrations. The same tables in SQLite and PostgreSQL; each
// migration is a list of statements run in one transaction, and the version reached is kept in
// the table lip_schema (component 'usage'). A database newer than this build is refused rather
// than written to.

#include <QString>
#include <QStringList>

class QSqlDatabase;

namespace lip::observe {

enum class SqlFlavor { Sqlite, Postgres };

inline constexpr int kUsageSchemaVersion = 2;

// The statements that take a database from version `target - 1` to `target` (1-based).
QStringList usageMigration(int target, SqlFlavor flavor);

// The schema version of an open database: 0 when it has no usage tables yet, -1 with *error set
// when it cannot be read (not a database, a foreign table of the same name, ...).
int usageSchemaVersion(QSqlDatabase &db, QString *error);

// Brings an open database to kUsageSchemaVersion. Returns an empty string on success, else why
// not (the database is left at the last version that completed).
QString migrateUsageSchema(QSqlDatabase &db, SqlFlavor flavor);

} // namespace lip::observe
