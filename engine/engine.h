// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Engine: the proxy itself (server, routing, backends). It lives in its own QThread.
// EngineClient: the thread-safe facade the GUI and app/ use; it owns that thread, starts and
// stops the engine, and reports status through queued signals. Nothing outside engine/ touches
// an Engine object directly.

#include "config/config.h"

#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QMetaType>
#include <QObject>
#include <QStringList>

#include <functional>
#include <memory>

class QThread;

namespace lip {

struct RecentError
{
    QDateTime time;
    QString backend; // instance, empty when the error was not a backend's (bad request, auth)
    QString message; // never a secret
};

struct EngineStatus
{
    bool running = false;
    QString listenAddress;        // "http://127.0.0.1:8000", empty when stopped
    QString anthropicAddress;     // dedicated Anthropic server, empty when off
    QStringList backends;         // configured backend instance names
    QString defaultBackend;
    quint64 requests = 0;         // requests answered since start
    quint64 errors = 0;           // of which ended in an error
    quint64 activeRequests = 0;
    QString lastError;            // "backend: message", empty when none
    QDateTime lastErrorTime;
    QStringList openCircuits;     // backend instances whose circuit is open: the proxy is degraded
    QList<RecentError> recentErrors; // newest first, at most 20
    bool paused = false;          // stopped on purpose (tray "Pause"), not by a failure
};

// The result of EngineClient::testBackend: the backend's model listing called with one key.
struct BackendTestResult
{
    bool ok = false;
    qint64 latencyMs = 0;
    int modelCount = 0;
    QStringList models;  // the ids, as listed
    QString error;       // the provider's own message (never a key), or why it could not be called
    int httpStatus = 0;  // 0: no HTTP answer (connection error, timeout)
};

class Engine;

class EngineClient : public QObject
{
    Q_OBJECT
public:
    explicit EngineClient(QObject *parent = nullptr);
    ~EngineClient() override; // stops the engine, quit()s and wait()s its thread

    // Start with this config (asynchronous: started() or failed() follows). Calling start()
    // while running restarts with the new config (e.g. a port change).
    void start(const config::Config &config);
    void stop();
    // Blocks until the engine answered start (for the headless app and tests). Returns the
    // error message, empty on success.
    QString startAndWait(const config::Config &config, int timeoutMs = 10000);
    void stopAndWait(int timeoutMs = 10000);

    EngineStatus status() const; // the latest status; thread-safe
    config::Config currentConfig() const;

    // Live reconfiguration (GUI edits, reloaded config files): new requests use `config`,
    // requests in flight finish with the config they started with. Routing state (cooldowns,
    // circuits) and sessions survive for backends that still exist. When host, port or
    // anthropic port changed the listeners are rebound; a port in use leaves the old listeners
    // running and reports the error. configApplied() follows: `error` empty on success, and then
    // `notice` may say what waits for a restart (data dir, usage, capture settings).
    void applyConfig(const config::Config &config);
    // OAuth accounts changed (sign-in, sign-out, reorder elsewhere): the engine reads them again.
    void reloadAccounts();

    // Tray "Pause"/"Resume": stop listening on purpose (status().paused) and start again with the
    // current config.
    void pause();
    void resume();

    // Asynchronous queries, answered on the caller's thread through `done`, which is dropped
    // when `context` is destroyed first. They work while running; while stopped diagnostics is
    // empty and testBackend still works (it needs no listener).
    // The same JSON as GET /v1/diagnostics.
    void fetchDiagnostics(QObject *context, std::function<void(const QJsonObject &)> done);
    // POST /v1/diagnostics/backends/{instance}/reactivate: closes the circuit, clears cooldowns.
    void reactivate(const QString &instance);
    // Calls `backend`'s model listing with its first key (backend.apiKeys may hold exactly the
    // key to test) and measures it. Timeout: 20 s.
    void testBackend(const config::BackendConfig &backend, QObject *context,
                     std::function<void(const lip::BackendTestResult &)> done);
    // The live model list of a configured instance (cached like /v1/models); error text if none.
    void fetchModels(const QString &instance, QObject *context,
                     std::function<void(const QStringList &models, const QString &error)> done);

Q_SIGNALS:
    void started(const QString &listenAddress);
    void stopped();
    void failed(const QString &message);
    void statusChanged(const lip::EngineStatus &status);
    void configApplied(const QString &error, const QString &notice);
    // For tray notifications (the UI rate-limits them).
    void circuitChanged(const QString &instance, bool open);
    void credentialRejected(const QString &instance, const QString &keyAlias, int httpStatus);
    // An OAuth account's refresh token was refused (oauth/tokenbroker.h); emitted once per account.
    void accountNeedsSignIn(const QString &accountId, const QString &message);

private:
    friend class Engine;
    class Private;
    std::unique_ptr<Private> d;
};

} // namespace lip

Q_DECLARE_METATYPE(lip::EngineStatus)
Q_DECLARE_METATYPE(lip::BackendTestResult)
