// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// What routing remembers between requests: per-key cooldowns (rate limits, rejected keys) and a
// circuit breaker per backend instance (closed → open after N consecutive failures → half-open
// after a cooldown, one probe request → closed or open again). Lives on the engine thread, owned
// by ProxyService; time comes from an injectable clock so tests never sleep.

#include "config/config.h"
#include "core/error.h"

#include <QByteArray>
#include <QHash>
#include <QString>

#include <functional>
#include <vector>

namespace lip::routing {

// Milliseconds on a monotonic scale (only differences matter).
using Clock = std::function<qint64()>;

// How an attempt failed, as far as routing cares.
enum class FailureKind {
    None,
    KeyRejected, // 401/403: this key is bad; rest it long, try the next key
    RateLimited, // 429 / quota: this key rests (Retry-After or the configured cooldown)
    Transient,   // connection error, timeout, 408, 5xx, 529: the backend is unwell (counts for the circuit)
    Client,      // any other 4xx or a request we could not build: final, no retry, no failover
};

FailureKind classifyFailure(const Error &error);
const char *failureKindName(FailureKind kind);

enum class CircuitState { Closed, Open, HalfOpen };
const char *circuitStateName(CircuitState state);

class RoutingState
{
public:
    explicit RoutingState(const config::Config &config, Clock clock = {});

    qint64 now() const;
    void setClock(Clock clock);

    // Keys (index into BackendConfig::apiKeys).
    bool keyCooling(const QString &backend, int keyIndex) const;
    qint64 keyAvailableAt(const QString &backend, int keyIndex) const; // 0 when not cooling
    // The first key not cooling; when all are, the one available soonest; -1 for a keyless backend.
    int pickKey(const config::BackendConfig &backend) const;

    // Circuits.
    CircuitState circuit(const QString &backend) const;
    // True when a request may go to this backend now: closed, or half-open with no probe out.
    bool admits(const QString &backend) const;

    // Outcome of one upstream attempt. `keyIndex` -1 for keyless. begin() marks a half-open probe.
    void begin(const QString &backend);
    void abandon(const QString &backend); // the attempt ended with no outcome (client gone)
    void recordSuccess(const QString &backend, int keyIndex);
    void recordFailure(const QString &backend, int keyIndex, const Error &error);

    // Operator: closes the circuit and clears the key cooldowns. False for an unknown instance.
    bool reactivate(const QString &backend);

    // GET /v1/diagnostics body (no secrets: key aliases only).
    QByteArray diagnosticsJson() const;

    // engineapi: transitions the desktop app reports (tray notifications, status page). Called
    // synchronously on the engine thread, so they must be cheap. `open` is true when a closed
    // circuit opened, false when an open or half-open one closed (half-open counts as open).
    struct Observer
    {
        std::function<void(const QString &backend, bool open)> circuitChanged;
        std::function<void(const QString &backend, int keyIndex, int httpStatus)> keyRejected;
    };
    void setObserver(Observer observer) { m_observer = std::move(observer); }
    QStringList openCircuits() const; // instances whose circuit is open or half-open
    // engineapi: the config (held by reference) was replaced: forget removed backends, and the
    // key health of backends whose key list changed (index i may be another key now).
    void configChanged(const config::Config &previous);

private:
    struct KeyHealth
    {
        qint64 coolingUntil = 0;
        QString lastErrorCategory;
        qint64 successes = 0;
        qint64 failures = 0;
    };
    struct BackendHealth
    {
        CircuitState state = CircuitState::Closed;
        int consecutiveFailures = 0;
        qint64 openedAt = 0;
        qint64 retryAt = 0;
        bool probeInFlight = false;
        std::vector<KeyHealth> keys;
    };
    BackendHealth &health(const QString &backend);
    const BackendHealth *find(const QString &backend) const;
    CircuitState effectiveState(const BackendHealth &health) const;
    qint64 toWallMs(qint64 monotonicMs) const;

    void closed(const QString &backend, CircuitState before); // engineapi: observer on close

    const config::Config &m_config;
    Clock m_clock;
    QHash<QString, BackendHealth> m_backends;
    Observer m_observer;
};

} // namespace lip::routing
