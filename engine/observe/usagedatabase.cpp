// SPDX-License-Identifier: GPL-3.0-or-later
#include "observe/usagedatabase.h"

#include "core/logging.h"

#include <QAtomicInteger>
#include <QDir>
#include <QFileInfo>
#include <QSqlDatabase>
#include <QSqlDriver>
#include <QSqlError>
#include <QSqlQuery>
#include <QTimeZone>
#include <QUrl>
#include <QUrlQuery>
#include <QVariant>

namespace lip::observe {

namespace {

QAtomicInteger<quint64> g_nextConnection = 0;

const QString kModelExpr = QStringLiteral("CASE WHEN model_used <> '' THEN model_used ELSE model_requested END");

const char *const kColumns =
    "id, request_id, started_ms, session, project, client_dialect, operation, backend, model_requested, "
    "model_used, key_alias, attempts, stream, status, error_category, error, first_byte_ms, total_ms, "
    "input_tokens, output_tokens, cache_read_tokens, cache_write_tokens, reasoning_tokens, usage_estimated, cost";

Dialect dialectFromName(const QString &name)
{
    for (Dialect d : {Dialect::OpenAIChat, Dialect::OpenAIResponses, Dialect::Anthropic, Dialect::Gemini, Dialect::Ollama}) {
        if (name == QLatin1String(dialectName(d)))
            return d;
    }
    return Dialect::OpenAIChat;
}

ErrorCategory categoryFromName(const QString &name)
{
    for (int i = int(ErrorCategory::None); i <= int(ErrorCategory::Internal); ++i) {
        if (name == QLatin1String(errorCategoryName(ErrorCategory(i))))
            return ErrorCategory(i);
    }
    return name == QLatin1String("none") || name.isEmpty() ? ErrorCategory::None : ErrorCategory::Internal;
}

QVariant nullableCount(int64_t value)
{
    return value < 0 ? QVariant(QMetaType::fromType<qint64>()) : QVariant(qint64(value));
}

// Text columns are NOT NULL: an empty QString must be bound as '' (a null QString binds as NULL).
QVariant text(const QString &value)
{
    return value.isNull() ? QVariant(QStringLiteral("")) : QVariant(value);
}

struct PostgresParts
{
    QString host;
    int port = 5432;
    QString user;
    QString password;
    QString database;
    QString options;
    QString error;
};

PostgresParts parsePostgresUrl(const QString &text)
{
    PostgresParts parts;
    const QUrl url(text, QUrl::StrictMode);
    if (!url.isValid() || (url.scheme() != QLatin1String("postgres") && url.scheme() != QLatin1String("postgresql"))) {
        parts.error = QStringLiteral("usage.postgres_url must look like postgres://user:password@host:5432/database");
        return parts;
    }
    parts.host = url.host().isEmpty() ? QStringLiteral("localhost") : url.host();
    parts.port = url.port(5432);
    parts.user = url.userName(QUrl::FullyDecoded);
    parts.password = url.password(QUrl::FullyDecoded);
    parts.database = url.path(QUrl::FullyDecoded).mid(1);
    QStringList options;
    for (const auto &item : QUrlQuery(url).queryItems(QUrl::FullyDecoded))
        options.append(item.first + QLatin1Char('=') + item.second);
    if (!options.join(QLatin1Char(' ')).contains(QLatin1String("connect_timeout")))
        options.append(QStringLiteral("connect_timeout=10"));
    parts.options = options.join(QLatin1Char(';'));
    return parts;
}

} // namespace

QString UsageTarget::describe() const
{
    if (flavor == SqlFlavor::Sqlite)
        return QDir::toNativeSeparators(sqlitePath);
    QUrl url(postgresUrl);
    url.setPassword(QString());
    return url.isValid() ? url.toString() : QStringLiteral("usage.postgres_url");
}

UsageDatabase::UsageDatabase()
    : m_connection(QStringLiteral("lip-usage-%1").arg(++g_nextConnection))
{
}

UsageDatabase::~UsageDatabase()
{
    close();
}

void UsageDatabase::close()
{
    if (QSqlDatabase::contains(m_connection)) {
        {
            QSqlDatabase db = QSqlDatabase::database(m_connection, false);
            db.close();
        }
        QSqlDatabase::removeDatabase(m_connection);
    }
    m_open = false;
}

QString UsageDatabase::open(const UsageTarget &target)
{
    close();
    m_target = target;
    const QString name = target.describe();
    const bool pg = target.flavor == SqlFlavor::Postgres;
    const QString driver = pg ? QStringLiteral("QPSQL") : QStringLiteral("QSQLITE");
    if (!QSqlDatabase::isDriverAvailable(driver))
        return QStringLiteral("%1: the Qt SQL driver %2 is not installed%3")
            .arg(name, driver, pg ? QStringLiteral(" (Debian: libqt6sql6-psql)") : QStringLiteral(" (Debian: libqt6sql6-sqlite)"));
    QString failure;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(driver, m_connection);
        if (pg) {
            const PostgresParts parts = parsePostgresUrl(target.postgresUrl);
            if (!parts.error.isEmpty()) {
                failure = parts.error;
            } else {
                db.setHostName(parts.host);
                db.setPort(parts.port);
                db.setUserName(parts.user);
                db.setPassword(parts.password);
                db.setDatabaseName(parts.database);
                db.setConnectOptions(parts.options);
            }
        } else {
            const QFileInfo info(target.sqlitePath);
            if (!QDir().mkpath(info.absolutePath()))
                failure = QStringLiteral("cannot create the folder %1").arg(QDir::toNativeSeparators(info.absolutePath()));
            db.setDatabaseName(target.sqlitePath);
            db.setConnectOptions(QStringLiteral("QSQLITE_BUSY_TIMEOUT=5000"));
        }
        if (failure.isEmpty() && !db.open())
            failure = db.lastError().text();
        if (failure.isEmpty() && !pg) {
            // WAL: readers never block the writer, and a killed process loses nothing committed.
            // synchronous=NORMAL is still durable against a crash of the process (not of the OS).
            QSqlQuery pragma(db);
            if (!pragma.exec(QStringLiteral("PRAGMA journal_mode=WAL")))
                failure = pragma.lastError().text();
            else if (pragma.next() && pragma.value(0).toString().compare(QLatin1String("wal"), Qt::CaseInsensitive) != 0)
                qCWarning(lcUsage) << name << "does not support WAL; using journal mode" << pragma.value(0).toString();
            if (failure.isEmpty() && !pragma.exec(QStringLiteral("PRAGMA synchronous=NORMAL")))
                failure = pragma.lastError().text();
            pragma.finish();
        }
        if (failure.isEmpty())
            failure = migrateUsageSchema(db, target.flavor);
    }
    if (!failure.isEmpty()) {
        close();
        m_target = target;
        return QStringLiteral("%1: %2").arg(name, failure.trimmed());
    }
    m_open = true;
    return {};
}

Error UsageDatabase::queryError(const QString &what, const QString &why) const
{
    return Error::make(ErrorCategory::Internal,
                       QStringLiteral("usage store %1: %2 failed: %3").arg(m_target.describe(), what, why.trimmed()));
}

QString UsageDatabase::insert(const std::vector<UsageRow> &rows)
{
    if (!m_open)
        return QStringLiteral("%1: not open").arg(m_target.describe());
    if (rows.empty())
        return {};
    QSqlDatabase db = QSqlDatabase::database(m_connection, false);
    if (!db.transaction())
        return queryError(QStringLiteral("begin"), db.lastError().text()).message;
    QSqlQuery query(db);
    query.prepare(QStringLiteral(
        "INSERT INTO usage_calls (request_id, started_ms, day, session, project, client_dialect, operation, backend, "
        "model_requested, model_used, key_alias, attempts, stream, status, error_category, error, first_byte_ms, "
        "total_ms, input_tokens, output_tokens, cache_read_tokens, cache_write_tokens, reasoning_tokens, "
        "usage_estimated, cost) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"));
    for (const UsageRow &row : rows) {
        const CallRecord &r = row.record;
        const QDateTime started = (r.startedAt.isValid() ? r.startedAt : QDateTime::currentDateTimeUtc()).toUTC();
        int i = 0;
        query.bindValue(i++, qint64(r.requestId));
        query.bindValue(i++, started.toMSecsSinceEpoch());
        query.bindValue(i++, started.date().toString(Qt::ISODate));
        query.bindValue(i++, text(r.session));
        query.bindValue(i++, text(r.project));
        query.bindValue(i++, QString::fromLatin1(dialectName(r.clientDialect)));
        query.bindValue(i++, text(r.operation));
        query.bindValue(i++, text(r.backend));
        query.bindValue(i++, text(r.modelRequested));
        query.bindValue(i++, text(r.modelUsed));
        query.bindValue(i++, text(r.keyAlias));
        query.bindValue(i++, r.attempts);
        query.bindValue(i++, r.stream ? 1 : 0);
        query.bindValue(i++, r.status);
        query.bindValue(i++, QString::fromLatin1(errorCategoryName(r.errorCategory)));
        query.bindValue(i++, text(r.error));
        query.bindValue(i++, nullableCount(r.firstByteMs));
        query.bindValue(i++, nullableCount(r.totalMs));
        query.bindValue(i++, nullableCount(r.usage.input));
        query.bindValue(i++, nullableCount(r.usage.output));
        query.bindValue(i++, qint64(std::max<int64_t>(r.usage.cacheRead, 0)));
        query.bindValue(i++, qint64(std::max<int64_t>(r.usage.cacheWrite, 0)));
        query.bindValue(i++, qint64(std::max<int64_t>(r.usage.reasoning, 0)));
        query.bindValue(i++, r.usageEstimated ? 1 : 0);
        query.bindValue(i++, row.cost ? QVariant(*row.cost) : QVariant(QMetaType::fromType<double>()));
        if (!query.exec()) {
            const QString why = query.lastError().text();
            db.rollback();
            return queryError(QStringLiteral("insert"), why).message;
        }
    }
    if (!db.commit()) {
        const QString why = db.lastError().text();
        db.rollback();
        return queryError(QStringLiteral("commit"), why).message;
    }
    return {};
}

Result<UsageStats> UsageDatabase::stats(const UsageStatsQuery &request)
{
    if (!m_open)
        return queryError(QStringLiteral("stats"), QStringLiteral("not open"));
    QStringList keys;    // select expressions for the group keys, in UsageGroup order
    QStringList groupBy; // the same, for GROUP BY / ORDER BY
    for (const QString &key : {QStringLiteral("backend"), QStringLiteral("model"), QStringLiteral("day"),
                               QStringLiteral("project")}) {
        const QString expr = key == QLatin1String("model") ? kModelExpr : key;
        if (request.groupBy.contains(key)) {
            keys.append(expr);
            groupBy.append(expr);
        } else {
            keys.append(QStringLiteral("''"));
        }
    }
    QStringList where;
    QVariantList values;
    if (!request.project.isEmpty()) {
        where.append(QStringLiteral("project = ?"));
        values.append(request.project);
    }
    if (!request.backend.isEmpty()) {
        where.append(QStringLiteral("backend = ?"));
        values.append(request.backend);
    }
    if (!request.model.isEmpty()) {
        where.append(kModelExpr + QStringLiteral(" = ?"));
        values.append(request.model);
    }
    if (request.sinceMs) {
        where.append(QStringLiteral("started_ms >= ?"));
        values.append(*request.sinceMs);
    }
    if (request.untilMs) {
        where.append(QStringLiteral("started_ms <= ?"));
        values.append(*request.untilMs);
    }
    QString sql = QStringLiteral(
        "SELECT %1, COUNT(*), "
        "SUM(CASE WHEN error_category <> 'none' OR error <> '' THEN 1 ELSE 0 END), "
        "SUM(usage_estimated), SUM(COALESCE(input_tokens, 0)), SUM(COALESCE(output_tokens, 0)), "
        "SUM(cache_read_tokens), SUM(cache_write_tokens), SUM(reasoning_tokens), "
        "SUM(CASE WHEN cost IS NULL THEN 0 ELSE 1 END), SUM(COALESCE(cost, 0)), "
        "SUM(CASE WHEN total_ms >= 0 THEN total_ms ELSE 0 END), SUM(CASE WHEN total_ms >= 0 THEN 1 ELSE 0 END) "
        "FROM usage_calls").arg(keys.join(QStringLiteral(", ")));
    if (!where.isEmpty())
        sql += QStringLiteral(" WHERE ") + where.join(QStringLiteral(" AND "));
    if (!groupBy.isEmpty()) {
        sql += QStringLiteral(" GROUP BY ") + groupBy.join(QStringLiteral(", "));
        sql += QStringLiteral(" ORDER BY ") + groupBy.join(QStringLiteral(", "));
    }
    QSqlQuery query(QSqlDatabase::database(m_connection, false));
    query.setForwardOnly(true);
    if (!query.prepare(sql))
        return queryError(QStringLiteral("stats"), query.lastError().text());
    for (int i = 0; i < values.size(); ++i)
        query.bindValue(i, values.at(i));
    if (!query.exec())
        return queryError(QStringLiteral("stats"), query.lastError().text());
    UsageStats result;
    result.query = request;
    while (query.next()) {
        UsageGroup group;
        int i = 0;
        group.backend = query.value(i++).toString();
        group.model = query.value(i++).toString();
        group.day = query.value(i++).toString();
        group.project = query.value(i++).toString();
        group.requests = query.value(i++).toLongLong();
        if (group.requests == 0)
            continue; // no grouping and no rows: SQL still answers one row of NULLs
        group.errors = query.value(i++).toLongLong();
        group.estimated = query.value(i++).toLongLong();
        group.inputTokens = query.value(i++).toLongLong();
        group.outputTokens = query.value(i++).toLongLong();
        group.cacheReadTokens = query.value(i++).toLongLong();
        group.cacheWriteTokens = query.value(i++).toLongLong();
        group.reasoningTokens = query.value(i++).toLongLong();
        group.pricedRequests = query.value(i++).toLongLong();
        group.cost = query.value(i++).toDouble();
        group.totalMsSum = query.value(i++).toLongLong();
        group.totalMsCount = query.value(i++).toLongLong();
        result.groups.push_back(std::move(group));
    }
    return result;
}

Result<std::vector<UsageRow>> UsageDatabase::recent(int limit)
{
    if (!m_open)
        return queryError(QStringLiteral("recent"), QStringLiteral("not open"));
    QSqlQuery query(QSqlDatabase::database(m_connection, false));
    query.setForwardOnly(true);
    if (!query.exec(QStringLiteral("SELECT %1 FROM usage_calls ORDER BY id DESC LIMIT %2")
                        .arg(QLatin1String(kColumns))
                        .arg(std::max(limit, 0))))
        return queryError(QStringLiteral("recent"), query.lastError().text());
    std::vector<UsageRow> rows;
    const auto count = [&query](int column) -> int64_t {
        const QVariant value = query.value(column);
        return value.isNull() ? -1 : value.toLongLong();
    };
    while (query.next()) {
        UsageRow row;
        CallRecord &r = row.record;
        int i = 0;
        row.id = query.value(i++).toLongLong();
        r.requestId = quint64(query.value(i++).toLongLong());
        r.startedAt = QDateTime::fromMSecsSinceEpoch(query.value(i++).toLongLong(), QTimeZone::utc());
        r.session = query.value(i++).toString();
        r.project = query.value(i++).toString();
        r.clientDialect = dialectFromName(query.value(i++).toString());
        r.operation = query.value(i++).toString();
        r.backend = query.value(i++).toString();
        r.modelRequested = query.value(i++).toString();
        r.modelUsed = query.value(i++).toString();
        r.keyAlias = query.value(i++).toString();
        r.attempts = query.value(i++).toInt();
        r.stream = query.value(i++).toInt() != 0;
        r.status = query.value(i++).toInt();
        r.errorCategory = categoryFromName(query.value(i++).toString());
        r.error = query.value(i++).toString();
        r.firstByteMs = count(i++);
        r.totalMs = count(i++);
        r.usage.input = count(i++);
        r.usage.output = count(i++);
        r.usage.cacheRead = query.value(i++).toLongLong();
        r.usage.cacheWrite = query.value(i++).toLongLong();
        r.usage.reasoning = query.value(i++).toLongLong();
        r.usageEstimated = query.value(i++).toInt() != 0;
        const QVariant cost = query.value(i++);
        if (!cost.isNull())
            row.cost = cost.toDouble();
        rows.push_back(std::move(row));
    }
    return rows;
}

Result<qint64> UsageDatabase::count()
{
    if (!m_open)
        return queryError(QStringLiteral("count"), QStringLiteral("not open"));
    QSqlQuery query(QSqlDatabase::database(m_connection, false));
    if (!query.exec(QStringLiteral("SELECT COUNT(*) FROM usage_calls")) || !query.next())
        return queryError(QStringLiteral("count"), query.lastError().text());
    return query.value(0).toLongLong();
}

} // namespace lip::observe
