// SPDX-License-Identifier: GPL-3.0-or-later
#include "session/sessionstore.h"

#include "core/logging.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>

#include <algorithm>

namespace lip::session {

namespace {

constexpr qint64 kMaxFileBytes = 32ll * 1024 * 1024;
constexpr int kSaveDebounceMs = 1000;

QJsonValue optBool(const std::optional<bool> &b)
{
    return b ? QJsonValue(*b) : QJsonValue();
}

std::optional<bool> readOptBool(const QJsonObject &o, const char *key)
{
    const QJsonValue v = o.value(QLatin1String(key));
    if (v.isBool())
        return v.toBool();
    return std::nullopt;
}

} // namespace

SessionStore::SessionStore(const config::SessionConfig &config, QString filePath, QObject *parent)
    : QObject(parent), m_config(config), m_filePath(std::move(filePath))
{
    m_writer.setMaxThreadCount(1); // writes land in order
    m_saveTimer.setSingleShot(true);
    m_saveTimer.setInterval(kSaveDebounceMs);
    connect(&m_saveTimer, &QTimer::timeout, this, [this] { saveNow(false); });
    load();
}

SessionStore::~SessionStore()
{
    if (m_dirty)
        saveNow(true);
    m_writer.waitForDone();
}

void SessionStore::load()
{
    if (m_filePath.isEmpty())
        return;
    QFile file(m_filePath);
    if (!file.exists())
        return;
    if (file.size() > kMaxFileBytes) {
        qCWarning(lcSession).noquote() << m_filePath << "is larger than" << kMaxFileBytes << "bytes; sessions not restored";
        return;
    }
    if (!file.open(QIODevice::ReadOnly)) {
        qCWarning(lcSession).noquote() << "cannot read" << m_filePath << ":" << file.errorString();
        return;
    }
    QString error;
    m_sessions = deserialize(file.read(kMaxFileBytes), &error);
    if (!error.isEmpty())
        qCWarning(lcSession).noquote() << m_filePath << ":" << error << "; sessions not restored";
    expire();
    qCDebug(lcSession) << "restored" << m_sessions.size() << "sessions";
}

QByteArray SessionStore::serialize(const QHash<QString, SessionState> &sessions)
{
    QJsonArray list;
    for (const SessionState &s : sessions) {
        QJsonArray routes;
        for (const config::RouteConfig &r : s.routes) {
            routes.append(QJsonObject{{QStringLiteral("name"), r.name},
                                      {QStringLiteral("policy"), r.policy},
                                      {QStringLiteral("elements"), QJsonArray::fromStringList(r.elements)}});
        }
        list.append(QJsonObject{
            {QStringLiteral("id"), s.id},
            {QStringLiteral("created"), s.created.toString(Qt::ISODateWithMs)},
            {QStringLiteral("last_seen"), s.lastSeen.toString(Qt::ISODateWithMs)},
            {QStringLiteral("requests"), double(s.requests)},
            {QStringLiteral("commands"), double(s.commands)},
            {QStringLiteral("input_tokens"), double(s.inputTokens)},
            {QStringLiteral("output_tokens"), double(s.outputTokens)},
            {QStringLiteral("backend"), s.backend},
            {QStringLiteral("model"), s.model},
            {QStringLiteral("oneoff"), s.oneoff},
            {QStringLiteral("temperature"), s.temperature},
            {QStringLiteral("reasoning_effort"), s.reasoningEffort},
            {QStringLiteral("thinking_budget"), s.thinkingBudget},
            {QStringLiteral("project"), s.project},
            {QStringLiteral("command_prefix"), s.commandPrefix},
            {QStringLiteral("interactive_mode"), optBool(s.interactiveMode)},
            {QStringLiteral("redact_api_keys_in_prompts"), optBool(s.redactApiKeys)},
            {QStringLiteral("loop_detection"), optBool(s.loopDetection)},
            {QStringLiteral("routes"), routes},
        });
    }
    return QJsonDocument(QJsonObject{{QStringLiteral("version"), 1}, {QStringLiteral("sessions"), list}})
        .toJson(QJsonDocument::Compact);
}

QHash<QString, SessionState> SessionStore::deserialize(const QByteArray &bytes, QString *error)
{
    QHash<QString, SessionState> out;
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(bytes, &parseError);
    if (parseError.error != QJsonParseError::NoError || !doc.isObject()) {
        if (error)
            *error = QStringLiteral("not a sessions file (%1 at byte %2)").arg(parseError.errorString()).arg(parseError.offset);
        return out;
    }
    const QJsonObject root = doc.object();
    if (root.value(QLatin1String("version")).toInt() != 1) {
        if (error)
            *error = QStringLiteral("unknown sessions file version");
        return out;
    }
    const QJsonArray list = root.value(QLatin1String("sessions")).toArray();
    for (const QJsonValue &v : list) {
        const QJsonObject o = v.toObject();
        SessionState s;
        s.id = o.value(QLatin1String("id")).toString();
        if (s.id.isEmpty() || s.id.size() > 512)
            continue; // a damaged entry is skipped, the rest kept
        s.created = QDateTime::fromString(o.value(QLatin1String("created")).toString(), Qt::ISODateWithMs);
        s.lastSeen = QDateTime::fromString(o.value(QLatin1String("last_seen")).toString(), Qt::ISODateWithMs);
        if (!s.lastSeen.isValid())
            continue;
        if (!s.created.isValid())
            s.created = s.lastSeen;
        s.requests = quint64(std::max(0.0, o.value(QLatin1String("requests")).toDouble()));
        s.commands = quint64(std::max(0.0, o.value(QLatin1String("commands")).toDouble()));
        s.inputTokens = qint64(std::max(0.0, o.value(QLatin1String("input_tokens")).toDouble()));
        s.outputTokens = qint64(std::max(0.0, o.value(QLatin1String("output_tokens")).toDouble()));
        s.backend = o.value(QLatin1String("backend")).toString();
        s.model = o.value(QLatin1String("model")).toString();
        s.oneoff = o.value(QLatin1String("oneoff")).toString();
        s.temperature = o.value(QLatin1String("temperature")).toString();
        s.reasoningEffort = o.value(QLatin1String("reasoning_effort")).toString();
        s.thinkingBudget = o.value(QLatin1String("thinking_budget")).toString();
        s.project = o.value(QLatin1String("project")).toString();
        s.commandPrefix = o.value(QLatin1String("command_prefix")).toString();
        s.interactiveMode = readOptBool(o, "interactive_mode");
        s.redactApiKeys = readOptBool(o, "redact_api_keys_in_prompts");
        s.loopDetection = readOptBool(o, "loop_detection");
        for (const QJsonValue &rv : o.value(QLatin1String("routes")).toArray()) {
            const QJsonObject ro = rv.toObject();
            config::RouteConfig route;
            route.name = ro.value(QLatin1String("name")).toString();
            route.policy = ro.value(QLatin1String("policy")).toString();
            for (const QJsonValue &e : ro.value(QLatin1String("elements")).toArray())
                route.elements << e.toString();
            route.origin = QStringLiteral("session");
            if (!route.name.isEmpty())
                s.routes.push_back(std::move(route));
        }
        out.insert(s.id, std::move(s));
    }
    return out;
}

void SessionStore::expire(const QString &keep)
{
    const QDateTime now = QDateTime::currentDateTimeUtc();
    bool changed = false;
    if (m_config.idleExpirySeconds > 0) {
        for (auto it = m_sessions.begin(); it != m_sessions.end();) {
            if (it.key() != keep && it->lastSeen.secsTo(now) > m_config.idleExpirySeconds) {
                it = m_sessions.erase(it);
                changed = true;
            } else {
                ++it;
            }
        }
    }
    const int limit = std::max(1, m_config.maxSessions);
    if (m_sessions.size() > limit) {
        std::vector<std::pair<QDateTime, QString>> order;
        order.reserve(size_t(m_sessions.size()));
        for (const SessionState &s : std::as_const(m_sessions)) {
            if (s.id != keep)
                order.emplace_back(s.lastSeen, s.id);
        }
        std::sort(order.begin(), order.end());
        for (size_t i = 0; i < order.size() && m_sessions.size() > limit; ++i)
            m_sessions.remove(order[i].second);
        changed = true;
    }
    if (changed)
        markDirty();
}

SessionState &SessionStore::touch(const QString &id)
{
    const QDateTime now = QDateTime::currentDateTimeUtc();
    const qint64 nowMs = now.toMSecsSinceEpoch();
    auto it = m_sessions.find(id);
    if (it == m_sessions.end()) {
        SessionState s;
        s.id = id;
        s.created = now;
        s.lastSeen = now;
        m_sessions.insert(id, std::move(s));
    } else {
        it->lastSeen = now;
    }
    // Expiry walks every session: at most once a minute, or when the count overflows. The
    // session being touched is never the one dropped.
    if (nowMs - m_lastExpiryMs > 60000 || m_sessions.size() > std::max(1, m_config.maxSessions)) {
        m_lastExpiryMs = nowMs;
        expire(id);
    }
    markDirty();
    return m_sessions[id];
}

SessionState *SessionStore::find(const QString &id)
{
    auto it = m_sessions.find(id);
    return it == m_sessions.end() ? nullptr : &*it;
}

void SessionStore::markDirty()
{
    m_dirty = true;
    scheduleSave();
}

void SessionStore::scheduleSave()
{
    if (!m_filePath.isEmpty() && !m_saveTimer.isActive())
        m_saveTimer.start();
}

void SessionStore::saveNow(bool wait)
{
    m_saveTimer.stop();
    if (m_filePath.isEmpty() || !m_dirty)
        return;
    m_dirty = false;
    const QByteArray snapshot = serialize(m_sessions);
    const QString path = m_filePath;
    m_writer.start([snapshot, path] {
        QDir().mkpath(QFileInfo(path).absolutePath());
        QSaveFile file(path);
        if (!file.open(QIODevice::WriteOnly) || file.write(snapshot) != snapshot.size() || !file.commit())
            qCWarning(lcSession).noquote() << "cannot save sessions to" << path << ":" << file.errorString();
    });
    if (wait)
        m_writer.waitForDone();
}

void SessionStore::flush()
{
    m_dirty = true;
    saveNow(true);
}

} // namespace lip::session
