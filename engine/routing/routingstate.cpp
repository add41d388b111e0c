// SPDX-License-Identifier: GPL-3.0-or-later
#include "routingstate.h"

#include "config/backendprofiles.h"
#include "core/logging.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <limits>

namespace lip::routing {

FailureKind classifyFailure(const Error &error)
{
    if (!error.isError())
        return FailureKind::None;
    const int status = error.upstreamStatus;
    if (status == 401 || status == 403)
        return FailureKind::KeyRejected;
    if (status == 429)
        return FailureKind::RateLimited;
    if (status == 408 || status >= 500)
        return FailureKind::Transient;
    if (status >= 400)
        return FailureKind::Client;
    switch (error.category) {
    case ErrorCategory::UpstreamUnreachable:
    case ErrorCategory::UpstreamProtocol:
    case ErrorCategory::Timeout:
    case ErrorCategory::Overloaded:
    case ErrorCategory::Upstream:
        return FailureKind::Transient;
    case ErrorCategory::RateLimited:
        return FailureKind::RateLimited;
    case ErrorCategory::Authentication:
    case ErrorCategory::PermissionDenied:
        return FailureKind::KeyRejected;
    default:
        return FailureKind::Client;
    }
}

const char *failureKindName(FailureKind kind)
{
    switch (kind) {
    case FailureKind::None: return "none";
    case FailureKind::KeyRejected: return "key_rejected";
    case FailureKind::RateLimited: return "rate_limited";
    case FailureKind::Transient: return "transient";
    case FailureKind::Client: return "client";
    }
    return "none";
}

const char *circuitStateName(CircuitState state)
{
    switch (state) {
    case CircuitState::Closed: return "closed";
    case CircuitState::Open: return "open";
    case CircuitState::HalfOpen: return "half_open";
    }
    return "closed";
}

namespace {

qint64 monotonicNow()
{
    static QElapsedTimer timer = [] {
        QElapsedTimer t;
        t.start();
        return t;
    }();
    return timer.elapsed() + 1; // never 0: 0 means "not set" below
}

} // namespace

RoutingState::RoutingState(const config::Config &config, Clock clock)
    : m_config(config), m_clock(clock ? std::move(clock) : Clock(monotonicNow))
{
}

qint64 RoutingState::now() const
{
    return m_clock();
}

void RoutingState::setClock(Clock clock)
{
    m_clock = clock ? std::move(clock) : Clock(monotonicNow);
}

RoutingState::BackendHealth &RoutingState::health(const QString &backend)
{
    BackendHealth &h = m_backends[backend];
    if (const config::BackendConfig *b = m_config.backend(backend)) {
        if (h.keys.size() < size_t(b->apiKeys.size()))
            h.keys.resize(size_t(b->apiKeys.size()));
    }
    return h;
}

const RoutingState::BackendHealth *RoutingState::find(const QString &backend) const
{
    auto it = m_backends.constFind(backend);
    return it == m_backends.constEnd() ? nullptr : &it.value();
}

CircuitState RoutingState::effectiveState(const BackendHealth &h) const
{
    if (h.state == CircuitState::Open && now() >= h.retryAt)
        return CircuitState::HalfOpen;
    return h.state;
}

bool RoutingState::keyCooling(const QString &backend, int keyIndex) const
{
    return keyAvailableAt(backend, keyIndex) != 0;
}

qint64 RoutingState::keyAvailableAt(const QString &backend, int keyIndex) const
{
    const BackendHealth *h = find(backend);
    if (!h || keyIndex < 0 || size_t(keyIndex) >= h->keys.size())
        return 0;
    const qint64 until = h->keys[size_t(keyIndex)].coolingUntil;
    return until > now() ? until : 0;
}

int RoutingState::pickKey(const config::BackendConfig &backend) const
{
    const int count = int(backend.apiKeys.size());
    if (count == 0)
        return -1;
    int soonest = 0;
    qint64 soonestAt = std::numeric_limits<qint64>::max();
    for (int i = 0; i < count; ++i) {
        const qint64 at = keyAvailableAt(backend.name, i);
        if (at == 0)
            return i;
        if (at < soonestAt) {
            soonestAt = at;
            soonest = i;
        }
    }
    return soonest;
}

CircuitState RoutingState::circuit(const QString &backend) const
{
    const BackendHealth *h = find(backend);
    return h ? effectiveState(*h) : CircuitState::Closed;
}

bool RoutingState::admits(const QString &backend) const
{
    const BackendHealth *h = find(backend);
    if (!h)
        return true;
    switch (effectiveState(*h)) {
    case CircuitState::Closed: return true;
    case CircuitState::Open: return false;
    case CircuitState::HalfOpen: return !h->probeInFlight;
    }
    return true;
}

void RoutingState::begin(const QString &backend)
{
    BackendHealth &h = health(backend);
    if (effectiveState(h) != CircuitState::HalfOpen)
        return;
    if (h.state == CircuitState::Open)
        qCInfo(lcHealth).noquote() << "backend" << backend << "half-open: sending one probe request";
    h.state = CircuitState::HalfOpen;
    h.probeInFlight = true;
}

void RoutingState::abandon(const QString &backend)
{
    BackendHealth &h = health(backend);
    if (h.state == CircuitState::HalfOpen && h.probeInFlight) {
        // The probe never finished (the client left): the next request probes again.
        h.state = CircuitState::Open;
        h.retryAt = now();
        h.probeInFlight = false;
    }
}

void RoutingState::recordSuccess(const QString &backend, int keyIndex)
{
    BackendHealth &h = health(backend);
    if (keyIndex >= 0 && size_t(keyIndex) < h.keys.size()) {
        KeyHealth &k = h.keys[size_t(keyIndex)];
        ++k.successes;
        k.coolingUntil = 0;
    }
    if (h.state != CircuitState::Closed)
        qCInfo(lcHealth).noquote() << "backend" << backend << "circuit closed: a request succeeded";
    const CircuitState before = h.state;
    h.state = CircuitState::Closed;
    h.consecutiveFailures = 0;
    h.probeInFlight = false;
    h.openedAt = 0;
    h.retryAt = 0;
    closed(backend, before);
}

void RoutingState::recordFailure(const QString &backend, int keyIndex, const Error &error)
{
    const FailureKind kind = classifyFailure(error);
    if (kind == FailureKind::None)
        return;
    BackendHealth &h = health(backend);
    const qint64 t = now();
    if (keyIndex >= 0 && size_t(keyIndex) < h.keys.size()) {
        KeyHealth &k = h.keys[size_t(keyIndex)];
        ++k.failures;
        k.lastErrorCategory = QString::fromLatin1(errorCategoryName(error.category));
        if (kind == FailureKind::RateLimited) {
            const qint64 rest = error.retryAfterMs >= 0 ? qint64(error.retryAfterMs)
                                                        : qint64(m_config.retry.rateLimitCooldownSeconds) * 1000;
            k.coolingUntil = qMax(k.coolingUntil, t + qMax<qint64>(rest, 1));
        } else if (kind == FailureKind::KeyRejected) {
            k.coolingUntil = qMax(k.coolingUntil, t + qint64(m_config.retry.authFailureCooldownSeconds) * 1000);
        }
    }
    if (kind == FailureKind::KeyRejected && m_observer.keyRejected)
        m_observer.keyRejected(backend, keyIndex, error.upstreamStatus);
    if (kind != FailureKind::Transient) {
        // Not the backend's fault (a key problem or the client's request): the circuit only
        // forgets a half-open probe, which did reach a responsive server.
        if (h.state == CircuitState::HalfOpen) {
            h.state = CircuitState::Closed;
            h.consecutiveFailures = 0;
            h.probeInFlight = false;
            closed(backend, CircuitState::HalfOpen);
        }
        return;
    }
    ++h.consecutiveFailures;
    const int threshold = m_config.health.failureThreshold;
    const bool wasProbe = h.state == CircuitState::HalfOpen;
    if (threshold > 0 && (wasProbe || h.consecutiveFailures >= threshold)) {
        if (h.state == CircuitState::Closed || wasProbe) {
            qCWarning(lcHealth).noquote()
                << "backend" << backend << "circuit open after" << h.consecutiveFailures
                << "consecutive failure(s); retrying in" << m_config.health.cooldownSeconds << "s";
        }
        const bool opened = h.state == CircuitState::Closed;
        h.state = CircuitState::Open;
        h.openedAt = t;
        h.retryAt = t + qint64(m_config.health.cooldownSeconds) * 1000;
        h.probeInFlight = false;
        if (opened && m_observer.circuitChanged)
            m_observer.circuitChanged(backend, true);
    }
}

bool RoutingState::reactivate(const QString &backend)
{
    if (!m_config.backend(backend))
        return false;
    BackendHealth &h = health(backend);
    if (h.state != CircuitState::Closed)
        qCInfo(lcHealth).noquote() << "backend" << backend << "reactivated by the operator";
    const CircuitState before = h.state;
    h.state = CircuitState::Closed;
    h.consecutiveFailures = 0;
    h.openedAt = 0;
    h.retryAt = 0;
    h.probeInFlight = false;
    for (KeyHealth &k : h.keys)
        k.coolingUntil = 0;
    closed(backend, before);
    return true;
}

void RoutingState::closed(const QString &backend, CircuitState before)
{
    if (before != CircuitState::Closed && m_observer.circuitChanged)
        m_observer.circuitChanged(backend, false);
}

QStringList RoutingState::openCircuits() const
{
    QStringList open;
    for (auto it = m_backends.cbegin(); it != m_backends.cend(); ++it) {
        if (it->state != CircuitState::Closed)
            open << it.key();
    }
    open.sort();
    return open;
}

void RoutingState::configChanged(const config::Config &previous)
{
    for (auto it = m_backends.begin(); it != m_backends.end();) {
        const config::BackendConfig *now = m_config.backend(it.key());
        if (!now) {
            it = m_backends.erase(it);
            continue;
        }
        const config::BackendConfig *before = previous.backend(it.key());
        if (!before || before->apiKeys != now->apiKeys)
            it->keys.assign(size_t(now->apiKeys.size()), KeyHealth{});
        ++it;
    }
}

qint64 RoutingState::toWallMs(qint64 monotonicMs) const
{
    return QDateTime::currentMSecsSinceEpoch() + (monotonicMs - now());
}

QByteArray RoutingState::diagnosticsJson() const
{
    const auto isoAt = [this](qint64 at) -> QJsonValue {
        if (at == 0)
            return QJsonValue::Null;
        return QDateTime::fromMSecsSinceEpoch(toWallMs(at)).toUTC().toString(Qt::ISODateWithMs);
    };
    QJsonArray backends;
    for (const config::BackendConfig &b : m_config.backends) {
        const BackendHealth *h = find(b.name);
        const CircuitState state = h ? effectiveState(*h) : CircuitState::Closed;
        QJsonObject circuit{
            {QStringLiteral("state"), QString::fromLatin1(circuitStateName(state))},
            {QStringLiteral("consecutive_failures"), h ? h->consecutiveFailures : 0},
            {QStringLiteral("opened_at"), h && h->openedAt && state != CircuitState::Closed ? isoAt(h->openedAt) : QJsonValue::Null},
            {QStringLiteral("retry_at"), h && h->retryAt && state != CircuitState::Closed ? isoAt(h->retryAt) : QJsonValue::Null},
        };
        QJsonArray keys;
        for (qsizetype i = 0; i < b.apiKeys.size(); ++i) {
            const KeyHealth *k = h && size_t(i) < h->keys.size() ? &h->keys[size_t(i)] : nullptr;
            const qint64 until = keyAvailableAt(b.name, int(i));
            keys.append(QJsonObject{
                {QStringLiteral("alias"), b.keyAliases.value(i, QStringLiteral("key %1").arg(i + 1))},
                {QStringLiteral("available"), until == 0},
                {QStringLiteral("cooldown_until"), isoAt(until)},
                {QStringLiteral("last_error"), k && !k->lastErrorCategory.isEmpty() ? QJsonValue(k->lastErrorCategory) : QJsonValue::Null},
                {QStringLiteral("successes"), k ? double(k->successes) : 0.0},
                {QStringLiteral("failures"), k ? double(k->failures) : 0.0},
            });
        }
        QJsonObject entry{
            {QStringLiteral("instance"), b.name},
            {QStringLiteral("type"), b.type},
            {QStringLiteral("dialect"), [&b]() -> QJsonValue {
                 if (b.type == QLatin1String("hybrid"))
                     return QStringLiteral("hybrid");
                 const config::BackendProfile *profile = config::findBackendProfile(b.type);
                 return profile && profile->dialect ? QJsonValue(QString::fromLatin1(dialectName(*profile->dialect))) : QJsonValue::Null;
             }()},
            {QStringLiteral("base_url"), b.baseUrl},
            {QStringLiteral("enabled"), b.enabled},
            {QStringLiteral("circuit"), circuit},
            {QStringLiteral("keys"), keys},
        };
        backends.append(entry);
    }
    QJsonArray routes;
    for (const config::RouteConfig &r : m_config.routes) {
        routes.append(QJsonObject{
            {QStringLiteral("name"), r.name},
            {QStringLiteral("policy"), r.policy},
            {QStringLiteral("elements"), QJsonArray::fromStringList(r.elements)},
        });
    }
    QJsonObject root{
        {QStringLiteral("backends"), backends},
        {QStringLiteral("failover_routes"), routes},
        {QStringLiteral("retry"), QJsonObject{
            {QStringLiteral("max_retries"), m_config.retry.maxRetries},
            {QStringLiteral("max_retry_after_seconds"), m_config.retry.maxRetryAfterSeconds},
        }},
        {QStringLiteral("health"), QJsonObject{
            {QStringLiteral("failure_threshold"), m_config.health.failureThreshold},
            {QStringLiteral("cooldown_seconds"), m_config.health.cooldownSeconds},
        }},
    };
    return QJsonDocument(root).toJson(QJsonDocument::Compact);
}

} // namespace lip::routing
