// SPDX-License-Identifier: GPL-3.0-or-later
#include "observe/usageschema.h"

#include "core/logging.h"

#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

namespace lip::observe {

namespace {

const QString kMetaTable = QStringLiteral("lip_schema");
const QString kCallsTable = QStringLiteral("usage_calls");

bool hasTable(QSqlDatabase &db, const QString &name, QString *error)
{
    QSqlQuery query(db);
    const bool ok = db.driverName() == QLatin1String("QPSQL")
        ? query.exec(QStringLiteral("SELECT 1 FROM information_schema.tables WHERE table_schema = current_schema() "
                                    "AND table_name = '%1'").arg(name))
        : query.exec(QStringLiteral("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = '%1'").arg(name));
    if (!ok) {
        *error = query.lastError().text();
        return false;
    }
    return query.next();
}

} // namespace

QStringList usageMigration(int target, SqlFlavor flavor)
{
    const bool pg = flavor == SqlFlavor::Postgres;
    switch (target) {
    case 1:
        return {
            QStringLiteral("CREATE TABLE IF NOT EXISTS lip_schema (component TEXT PRIMARY KEY, version INTEGER NOT NULL)"),
            QStringLiteral("CREATE TABLE usage_calls ("
                           "id %1,"
                           " request_id BIGINT NOT NULL,"
                           " started_ms BIGINT NOT NULL,"
                           " day TEXT NOT NULL,"
                           " session TEXT NOT NULL DEFAULT '',"
                           " client_dialect TEXT NOT NULL,"
                           " operation TEXT NOT NULL,"
                           " backend TEXT NOT NULL DEFAULT '',"
                           " model_requested TEXT NOT NULL DEFAULT '',"
                           " model_used TEXT NOT NULL DEFAULT '',"
                           " key_alias TEXT NOT NULL DEFAULT '',"
                           " stream INTEGER NOT NULL DEFAULT 0,"
                           " status INTEGER NOT NULL DEFAULT 0,"
                           " error_category TEXT NOT NULL DEFAULT 'none',"
                           " error TEXT NOT NULL DEFAULT '',"
                           " first_byte_ms BIGINT,"
                           " total_ms BIGINT,"
                           " input_tokens BIGINT,"
                           " output_tokens BIGINT,"
                           " cache_read_tokens BIGINT NOT NULL DEFAULT 0,"
                           " cache_write_tokens BIGINT NOT NULL DEFAULT 0,"
                           " usage_estimated INTEGER NOT NULL DEFAULT 0)")
                .arg(pg ? QStringLiteral("BIGSERIAL PRIMARY KEY") : QStringLiteral("INTEGER PRIMARY KEY AUTOINCREMENT")),
            QStringLiteral("CREATE INDEX usage_calls_started ON usage_calls (started_ms)"),
            QStringLiteral("CREATE INDEX usage_calls_backend_day ON usage_calls (backend, day)"),
        };
    case 2:
        // Projects, reasoning tokens, attempts and cost arrived with the price table.
        return {
            QStringLiteral("ALTER TABLE usage_calls ADD COLUMN project TEXT NOT NULL DEFAULT ''"),
            QStringLiteral("ALTER TABLE usage_calls ADD COLUMN reasoning_tokens BIGINT NOT NULL DEFAULT 0"),
            QStringLiteral("ALTER TABLE usage_calls ADD COLUMN attempts INTEGER NOT NULL DEFAULT 0"),
            QStringLiteral("ALTER TABLE usage_calls ADD COLUMN cost DOUBLE PRECISION"),
            QStringLiteral("CREATE INDEX usage_calls_project_day ON usage_calls (project, day)"),
        };
    default:
        return {};
    }
}

int usageSchemaVersion(QSqlDatabase &db, QString *error)
{
    QString problem;
    const bool meta = hasTable(db, kMetaTable, &problem);
    if (!problem.isEmpty()) {
        *error = problem;
        return -1;
    }
    if (!meta) {
        const bool calls = hasTable(db, kCallsTable, &problem);
        if (!problem.isEmpty() || calls) {
            *error = problem.isEmpty() ? QStringLiteral("table usage_calls exists but lip_schema does not: not a usage "
                                                        "database this proxy made")
                                       : problem;
            return -1;
        }
        return 0;
    }
    QSqlQuery query(db);
    if (!query.exec(QStringLiteral("SELECT version FROM lip_schema WHERE component = 'usage'"))) {
        *error = query.lastError().text();
        return -1;
    }
    return query.next() ? query.value(0).toInt() : 0;
}

QString migrateUsageSchema(QSqlDatabase &db, SqlFlavor flavor)
{
    QString error;
    int version = usageSchemaVersion(db, &error);
    const int initialVersion = version;
    if (version < 0)
        return error;
    if (version > kUsageSchemaVersion)
        return QStringLiteral("schema version %1 is newer than this build understands (%2); use a newer proxy or "
                              "another database").arg(version).arg(kUsageSchemaVersion);
    while (version < kUsageSchemaVersion) {
        const int target = version + 1;
        QSqlQuery query(db);
        // Another process (a second proxy, a test running in parallel) may be migrating the same
        // database: take the write lock first, then look at the version again.
        bool ok = flavor == SqlFlavor::Sqlite ? query.exec(QStringLiteral("BEGIN IMMEDIATE")) : db.transaction();
        if (!ok)
            return QStringLiteral("cannot start a transaction: %1")
                .arg(flavor == SqlFlavor::Sqlite ? query.lastError().text() : db.lastError().text());
        if (flavor == SqlFlavor::Postgres)
            ok = query.exec(QStringLiteral("SELECT pg_advisory_xact_lock(74240010)"));
        if (ok) {
            QString reread;
            const int now = usageSchemaVersion(db, &reread);
            if (now < 0) {
                db.rollback();
                return reread;
            }
            if (now >= target) {
                db.commit();
                version = now;
                continue;
            }
        }
        QString failed;
        for (const QString &statement : usageMigration(target, flavor)) {
            if (!ok)
                break;
            if (!query.exec(statement)) {
                ok = false;
                failed = statement;
            }
        }
        if (ok)
            ok = query.exec(QStringLiteral("DELETE FROM lip_schema WHERE component = 'usage'"))
                && query.exec(QStringLiteral("INSERT INTO lip_schema (component, version) VALUES ('usage', %1)").arg(target));
        if (!ok) {
            const QString why = query.lastError().text();
            db.rollback();
            return QStringLiteral("migration to schema version %1 failed: %2%3")
                .arg(target)
                .arg(why, failed.isEmpty() ? QString() : QStringLiteral(" (in: %1)").arg(failed.left(80)));
        }
        if (!db.commit())
            return QStringLiteral("migration to schema version %1 could not be committed: %2")
                .arg(target)
                .arg(db.lastError().text());
        if (initialVersion == 0) // a new database: nothing worth telling the user
            qCDebug(lcUsage) << "usage schema created at version" << target;
        else
            qCInfo(lcUsage) << "usage schema migrated to version" << target;
        version = target;
    }
    return {};
}

} // namespace lip::observe
