// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine.h"

#include "backendprobe.h"
#include "core/logging.h"
#include "portholder.h"
#include "proxyservice.h"
#include "server/httpserver.h"

#include <QCoreApplication>
#include <QJsonDocument>
#include <QMutex>
#include <QMutexLocker>
#include <QNetworkAccessManager>
#include <QPointer>
#include <QSemaphore>
#include <QThread>
#include <QTimer>

#include <vector>

namespace lip {

namespace {

constexpr int kBackendTestTimeoutMs = 20000;

// Answers go to a relay object created on the caller's thread: it is deleted only by the
// delivery itself, so the engine thread never posts to a dead object; `context` is checked
// (QPointer) on the caller's thread, where it can die.
template<typename Fn>
class Relay
{
public:
    Relay(QObject *owner, QObject *context, Fn done) : m_context(context), m_done(std::move(done))
    {
        m_object = new QObject;
        // Same thread as the client: a child, so nothing leaks when the engine never answers.
        if (owner && owner->thread() == QThread::currentThread())
            m_object->setParent(owner);
    }
    template<typename... Args>
    void deliver(Args... args) const // from any thread, once
    {
        QObject *object = m_object;
        QMetaObject::invokeMethod(object, [object, context = m_context, done = m_done, args...] {
            if (context)
                done(args...);
            object->deleteLater(); // not `delete`: we are inside its own event
        }, Qt::QueuedConnection);
    }

private:
    QObject *m_object = nullptr;
    QPointer<QObject> m_context;
    Fn m_done;
};

QString hostForUrl(const QHostAddress &address)
{
    const QString host = address.toString();
    return address.protocol() == QAbstractSocket::IPv6Protocol ? QLatin1Char('[') + host + QLatin1Char(']') : host;
}

} // namespace

// Lives on the engine thread; only EngineClient talks to it, through queued calls.
class Engine : public QObject
{
    Q_OBJECT
public:
    explicit Engine(EngineClient::Private *owner) : m_owner(owner) {}
    ~Engine() override { shutdown(); }

    QString startServing(const config::Config &config);
    // Live reconfiguration. `applied` false: nothing changed (the error says why).
    QString apply(const config::Config &config, bool *applied);
    void shutdown();
    void pause();
    bool paused() const { return m_paused; }
    const config::Config &config() const { return m_config; }
    ProxyService *service() const { return m_service; }
    QNetworkAccessManager *network();
    void publishStatus();

private:
    struct Listeners
    {
        server::HttpServer *main = nullptr;
        server::HttpServer *anthropic = nullptr;
    };
    QString listenAll(const config::Config &config, Listeners *out, bool explain = true);
    server::HttpServer *newServer(server::ServerRole role, const config::Config &config);
    void retire(server::HttpServer *server);
    void dropIdleRetired();
    void scheduleStatus();
    void connectService();

    EngineClient::Private *m_owner;
    config::Config m_config;
    ProxyService *m_service = nullptr;
    server::HttpServer *m_server = nullptr;
    server::HttpServer *m_anthropicServer = nullptr;
    std::vector<server::HttpServer *> m_retired; // old listeners finishing their connections
    QTimer *m_retireTimer = nullptr;
    QTimer *m_statusTimer = nullptr;
    QNetworkAccessManager *m_network = nullptr;
    bool m_paused = false;
};

class EngineClient::Private
{
public:
    EngineClient *q = nullptr;
    QThread *thread = nullptr;
    Engine *engine = nullptr;
    mutable QMutex mutex;
    EngineStatus status;
    config::Config config;

    void setStatus(const EngineStatus &next)
    {
        {
            QMutexLocker lock(&mutex);
            status = next;
        }
        QMetaObject::invokeMethod(q, [this, next] { Q_EMIT q->statusChanged(next); }, Qt::QueuedConnection);
    }
    void setConfig(const config::Config &next)
    {
        QMutexLocker lock(&mutex);
        config = next;
    }
};

server::HttpServer *Engine::newServer(server::ServerRole role, const config::Config &config)
{
    auto *server = new server::HttpServer(this);
    server::HttpServerLimits limits;
    limits.maxBodyBytes = config.maxRequestBytes;
    server->setLimits(limits);
    // m_service, not a captured pointer: a restart replaces the service, never these handlers' servers.
    server->setHandler([this, role](server::HttpRequest &&request, server::ResponderPtr responder) {
        m_service->handle(std::move(request), std::move(responder), role);
    });
    return server;
}

// Binds the listeners `config` asks for; on failure none stays bound and the error says who
// holds the port when it is another instance of this proxy.
QString Engine::listenAll(const config::Config &config, Listeners *out, bool explain)
{
    QHostAddress address;
    if (config.host == QLatin1String("localhost"))
        address = QHostAddress(QHostAddress::LocalHost);
    else if (!address.setAddress(config.host))
        return QStringLiteral("invalid listen address '%1' (an IP address such as 127.0.0.1, 0.0.0.0 or ::1)").arg(config.host.left(100));
    QString error;
    Listeners made;
    made.main = newServer(server::ServerRole::Main, config);
    if (!made.main->listen(address, config.port, &error)) {
        delete made.main;
        return explain ? explainListenError(error, address, config.port) : error;
    }
    if (config.anthropicPort != 0) {
        made.anthropic = newServer(server::ServerRole::AnthropicOnly, config);
        if (!made.anthropic->listen(address, config.anthropicPort, &error)) {
            delete made.main;
            delete made.anthropic;
            return explain ? explainListenError(error, address, config.anthropicPort) : error;
        }
    }
    *out = made;
    return {};
}

void Engine::connectService()
{
    EngineClient *q = m_owner->q;
    connect(m_service, &ProxyService::countersChanged, this, &Engine::scheduleStatus);
    connect(m_service, &ProxyService::circuitChanged, q, [q](const QString &instance, bool open) {
        Q_EMIT q->circuitChanged(instance, open);
    }, Qt::QueuedConnection);
    connect(m_service, &ProxyService::credentialRejected, q, [q](const QString &instance, const QString &alias, int status) {
        Q_EMIT q->credentialRejected(instance, alias, status);
    }, Qt::QueuedConnection);
    connect(m_service, &ProxyService::accountNeedsSignIn, q, [q](const QString &account, const QString &message) {
        Q_EMIT q->accountNeedsSignIn(account, message);
    }, Qt::QueuedConnection);
}

QString Engine::startServing(const config::Config &config)
{
    shutdown();
    m_paused = false;
    m_config = config;
    m_service = new ProxyService(m_config, this);
    Listeners listeners;
    if (const QString error = listenAll(m_config, &listeners); !error.isEmpty()) {
        shutdown();
        return error;
    }
    m_server = listeners.main;
    m_anthropicServer = listeners.anthropic;
    m_statusTimer = new QTimer(this);
    m_statusTimer->setSingleShot(true);
    m_statusTimer->setInterval(100); // counters reach the GUI at most 10 times a second
    connect(m_statusTimer, &QTimer::timeout, this, &Engine::publishStatus);
    connectService();
    publishStatus();
    qCInfo(lcEngine).noquote() << "listening on" << m_server->serverAddress().toString() << m_server->serverPort();
    return {};
}

QString Engine::apply(const config::Config &config, bool *applied)
{
    *applied = false;
    if (!m_service) { // stopped or paused: the next start uses it
        m_config = config;
        *applied = true;
        publishStatus();
        return {};
    }
    const bool rebind = config.host != m_config.host || config.port != m_config.port
        || config.anthropicPort != m_config.anthropicPort;
    if (rebind) {
        Listeners fresh;
        const bool hostChanged = config.host != m_config.host;
        // With a new host the port may collide with our own listener: asking it who it is
        // would only wait for ourselves.
        QString error = listenAll(config, &fresh, !hostChanged);
        if (!error.isEmpty() && hostChanged) {
            // The same port on another address (127.0.0.1 → 0.0.0.0) collides with our own
            // listener: free it for the attempt, and take it back if the attempt fails.
            const QHostAddress oldAddress = m_server->serverAddress();
            const quint16 oldPort = m_server->serverPort();
            const quint16 oldAnthropic = m_anthropicServer ? m_anthropicServer->serverPort() : 0;
            m_server->close();
            if (m_anthropicServer)
                m_anthropicServer->close();
            error = listenAll(config, &fresh);
            if (!error.isEmpty()) {
                QString again;
                if (!m_server->listen(oldAddress, oldPort, &again))
                    qCCritical(lcEngine).noquote() << "lost the old listener after a failed rebind:" << again;
                if (m_anthropicServer && !m_anthropicServer->listen(oldAddress, oldAnthropic, &again))
                    qCCritical(lcEngine).noquote() << "lost the old Anthropic listener after a failed rebind:" << again;
            }
        }
        if (!error.isEmpty())
            return error + QStringLiteral(" (the proxy keeps running on the previous address with the previous settings)");
        retire(m_server);
        retire(m_anthropicServer);
        m_server = fresh.main;
        m_anthropicServer = fresh.anthropic;
        qCInfo(lcEngine).noquote() << "now listening on" << m_server->serverAddress().toString() << m_server->serverPort();
    } else if (config.maxRequestBytes != m_config.maxRequestBytes) {
        server::HttpServerLimits limits = m_server->limits();
        limits.maxBodyBytes = config.maxRequestBytes;
        m_server->setLimits(limits);
        if (m_anthropicServer)
            m_anthropicServer->setLimits(limits);
    }
    m_config = config;
    const QString notice = m_service->applyConfig(config);
    *applied = true;
    qCInfo(lcEngine).noquote() << "configuration applied" << (notice.isEmpty() ? QString() : QStringLiteral("(%1)").arg(notice));
    publishStatus();
    return notice;
}

// An old listener stops accepting at once; its open connections finish what they are doing
// (a request in flight completes) and it goes when the last one closed.
void Engine::retire(server::HttpServer *server)
{
    if (!server)
        return;
    server->close();
    m_retired.push_back(server);
    if (!m_retireTimer) {
        m_retireTimer = new QTimer(this);
        m_retireTimer->setInterval(1000);
        connect(m_retireTimer, &QTimer::timeout, this, &Engine::dropIdleRetired);
    }
    m_retireTimer->start();
}

void Engine::dropIdleRetired()
{
    for (auto it = m_retired.begin(); it != m_retired.end();) {
        if ((*it)->connectionCount() == 0) {
            delete *it;
            it = m_retired.erase(it);
        } else {
            ++it;
        }
    }
    if (m_retired.empty() && m_retireTimer)
        m_retireTimer->stop();
}

void Engine::shutdown()
{
    delete m_statusTimer;
    m_statusTimer = nullptr;
    delete m_retireTimer;
    m_retireTimer = nullptr;
    for (server::HttpServer *server : std::exchange(m_retired, {}))
        delete server;
    delete m_server;
    m_server = nullptr;
    delete m_anthropicServer;
    m_anthropicServer = nullptr;
    delete m_service; // aborts in-flight upstream calls
    m_service = nullptr;
}

void Engine::pause()
{
    shutdown();
    m_paused = true;
    qCInfo(lcEngine) << "paused: not listening until resumed";
    publishStatus();
}

QNetworkAccessManager *Engine::network()
{
    if (!m_network) {
        m_network = new QNetworkAccessManager(this);
        m_network->setRedirectPolicy(QNetworkRequest::ManualRedirectPolicy);
    }
    return m_network;
}

void Engine::scheduleStatus()
{
    if (m_statusTimer && !m_statusTimer->isActive())
        m_statusTimer->start();
}

void Engine::publishStatus()
{
    EngineStatus status;
    if (m_server && m_server->isListening()) {
        status.running = true;
        const QString host = hostForUrl(m_server->serverAddress());
        status.listenAddress = QStringLiteral("http://%1:%2").arg(host).arg(m_server->serverPort());
        if (m_anthropicServer)
            status.anthropicAddress = QStringLiteral("http://%1:%2").arg(host).arg(m_anthropicServer->serverPort());
    }
    status.backends = m_config.backendNames();
    status.defaultBackend = m_config.defaultBackend;
    status.paused = m_paused;
    if (m_service) {
        status.requests = m_service->requestCount();
        status.errors = m_service->errorCount();
        status.activeRequests = m_service->activeCount();
        status.lastError = m_service->lastError();
        status.openCircuits = m_service->openCircuits();
        for (const ProxyService::RecordedError &error : m_service->recentErrors())
            status.recentErrors.append(RecentError{error.time, error.backend, error.message});
    }
    {
        QMutexLocker lock(&m_owner->mutex);
        if (status.lastError != m_owner->status.lastError)
            status.lastErrorTime = status.recentErrors.isEmpty() ? QDateTime::currentDateTime() : status.recentErrors.first().time;
        else
            status.lastErrorTime = m_owner->status.lastErrorTime;
    }
    m_owner->setStatus(status);
}

EngineClient::EngineClient(QObject *parent) : QObject(parent), d(new Private)
{
    qRegisterMetaType<lip::EngineStatus>();
    qRegisterMetaType<lip::BackendTestResult>();
    d->q = this;
    d->thread = new QThread;
    d->thread->setObjectName(QStringLiteral("lip-engine"));
    d->engine = new Engine(d.get());
    d->engine->moveToThread(d->thread);
    QObject::connect(d->thread, &QThread::finished, d->engine, &QObject::deleteLater);
    d->thread->start();
}

EngineClient::~EngineClient()
{
    QMetaObject::invokeMethod(d->engine, [engine = d->engine] { engine->shutdown(); }, Qt::BlockingQueuedConnection);
    d->thread->quit();
    d->thread->wait();
    delete d->thread;
}

void EngineClient::start(const config::Config &config)
{
    d->setConfig(config);
    QMetaObject::invokeMethod(d->engine, [this, engine = d->engine, config] {
        const QString error = engine->startServing(config);
        if (!error.isEmpty())
            engine->publishStatus(); // stopped
        QMetaObject::invokeMethod(this, [this, error] {
            if (error.isEmpty())
                Q_EMIT started(status().listenAddress);
            else
                Q_EMIT failed(error);
        }, Qt::QueuedConnection);
    }, Qt::QueuedConnection);
}

QString EngineClient::startAndWait(const config::Config &config, int timeoutMs)
{
    d->setConfig(config);
    auto result = std::make_shared<QString>();
    auto done = std::make_shared<QSemaphore>();
    QMetaObject::invokeMethod(d->engine, [engine = d->engine, config, result, done] {
        *result = engine->startServing(config);
        done->release();
    }, Qt::QueuedConnection);
    if (!done->tryAcquire(1, timeoutMs))
        return QStringLiteral("the engine did not start within %1 ms").arg(timeoutMs);
    return *result;
}

void EngineClient::stop()
{
    QMetaObject::invokeMethod(d->engine, [this, engine = d->engine] {
        engine->shutdown();
        d->setStatus(EngineStatus{});
        QMetaObject::invokeMethod(this, [this] { Q_EMIT stopped(); }, Qt::QueuedConnection);
    }, Qt::QueuedConnection);
}

void EngineClient::stopAndWait(int timeoutMs)
{
    auto done = std::make_shared<QSemaphore>();
    QMetaObject::invokeMethod(d->engine, [this, engine = d->engine, done] {
        engine->shutdown();
        d->setStatus(EngineStatus{});
        done->release();
    }, Qt::QueuedConnection);
    done->tryAcquire(1, timeoutMs);
}

EngineStatus EngineClient::status() const
{
    QMutexLocker lock(&d->mutex);
    return d->status;
}

config::Config EngineClient::currentConfig() const
{
    QMutexLocker lock(&d->mutex);
    return d->config;
}

void EngineClient::applyConfig(const config::Config &config)
{
    QMetaObject::invokeMethod(d->engine, [this, engine = d->engine, config] {
        bool applied = false;
        const QString message = engine->apply(config, &applied);
        if (applied)
            d->setConfig(config);
        const QString error = applied ? QString() : message;
        const QString notice = applied ? message : QString();
        QMetaObject::invokeMethod(this, [this, error, notice] { Q_EMIT configApplied(error, notice); },
                                  Qt::QueuedConnection);
    }, Qt::QueuedConnection);
}

void EngineClient::reloadAccounts()
{
    QMetaObject::invokeMethod(d->engine, [engine = d->engine] {
        if (engine->service())
            engine->service()->reloadAccounts();
    }, Qt::QueuedConnection);
}

void EngineClient::pause()
{
    QMetaObject::invokeMethod(d->engine, [this, engine = d->engine] {
        const bool wasRunning = engine->service() != nullptr;
        engine->pause();
        if (wasRunning)
            QMetaObject::invokeMethod(this, [this] { Q_EMIT stopped(); }, Qt::QueuedConnection);
    }, Qt::QueuedConnection);
}

void EngineClient::resume()
{
    QMetaObject::invokeMethod(d->engine, [this, engine = d->engine] {
        const QString error = engine->startServing(engine->config());
        if (!error.isEmpty())
            engine->publishStatus();
        QMetaObject::invokeMethod(this, [this, error] {
            if (error.isEmpty())
                Q_EMIT started(status().listenAddress);
            else
                Q_EMIT failed(error);
        }, Qt::QueuedConnection);
    }, Qt::QueuedConnection);
}

void EngineClient::fetchDiagnostics(QObject *context, std::function<void(const QJsonObject &)> done)
{
    Relay relay(this, context, std::move(done));
    QMetaObject::invokeMethod(d->engine, [engine = d->engine, relay] {
        QJsonObject diagnostics;
        if (engine->service())
            diagnostics = QJsonDocument::fromJson(engine->service()->diagnosticsJson()).object();
        relay.deliver(diagnostics);
    }, Qt::QueuedConnection);
}

void EngineClient::reactivate(const QString &instance)
{
    QMetaObject::invokeMethod(d->engine, [engine = d->engine, instance] {
        if (engine->service() && engine->service()->reactivateBackend(instance))
            engine->publishStatus();
    }, Qt::QueuedConnection);
}

void EngineClient::testBackend(const config::BackendConfig &backend, QObject *context,
                               std::function<void(const lip::BackendTestResult &)> done)
{
    Relay relay(this, context, std::move(done));
    QMetaObject::invokeMethod(d->engine, [engine = d->engine, backend, relay] {
        probeBackend(engine->network(), backend, kBackendTestTimeoutMs,
                     [relay](const BackendTestResult &result) { relay.deliver(result); });
    }, Qt::QueuedConnection);
}

void EngineClient::fetchModels(const QString &instance, QObject *context,
                               std::function<void(const QStringList &models, const QString &error)> done)
{
    Relay relay(this, context, std::move(done));
    QMetaObject::invokeMethod(d->engine, [engine = d->engine, instance, relay] {
        if (!engine->service()) {
            relay.deliver(QStringList(), QStringLiteral("the proxy is not running"));
            return;
        }
        engine->service()->modelsOf(instance, [relay](const QStringList &models, const QString &error) {
            relay.deliver(models, error);
        });
    }, Qt::QueuedConnection);
}

} // namespace lip

#include "engine.moc"
