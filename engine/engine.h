// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Engine: the proxy itself (server, routing, backends). It lives in its own QThread.
// EngineClient: the thread-safe facade the GUI and app/ use; it owns that thread, starts and
// stops the engine, and reports status through queued signals. Nothing outside engine/ touches
// an Engine object directly.

#include "config/config.h"

#include <QDateTime>
#include <QMetaType>
#include <QObject>
#include <QStringList>

#include <memory>

class QThread;

namespace lip {

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

Q_SIGNALS:
    void started(const QString &listenAddress);
    void stopped();
    void failed(const QString &message);
    void statusChanged(const lip::EngineStatus &status);

private:
    friend class Engine;
    class Private;
    std::unique_ptr<Private> d;
};

} // namespace lip

Q_DECLARE_METATYPE(lip::EngineStatus)
