// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine.h"

#include "core/logging.h"
#include "proxyservice.h"
#include "server/httpserver.h"

#include <QCoreApplication>
#include <QMutex>
#include <QMutexLocker>
#include <QSemaphore>
#include <QThread>
#include <QTimer>

namespace lip {

// Lives on the engine thread; only EngineClient talks to it, through queued calls.
class Engine : public QObject
{
    Q_OBJECT
public:
    explicit Engine(EngineClient::Private *owner) : m_owner(owner) {}
    ~Engine() override { shutdown(); }

    QString startServing(const config::Config &config);
    void shutdown();

private:
    void publishStatus();
    void scheduleStatus();

    EngineClient::Private *m_owner;
    config::Config m_config;
    ProxyService *m_service = nullptr;
    server::HttpServer *m_server = nullptr;
    server::HttpServer *m_anthropicServer = nullptr;
    QTimer *m_statusTimer = nullptr;
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
};

QString Engine::startServing(const config::Config &config)
{
    shutdown();
    m_config = config;
    m_service = new ProxyService(m_config, this);
    server::HttpServerLimits limits;
    limits.maxBodyBytes = m_config.maxRequestBytes;

    m_server = new server::HttpServer(this);
    m_server->setLimits(limits);
    m_server->setHandler([this](server::HttpRequest &&request, server::ResponderPtr responder) {
        m_service->handle(std::move(request), std::move(responder), server::ServerRole::Main);
    });
    QString error;
    QHostAddress address;
    if (m_config.host == QLatin1String("localhost"))
        address = QHostAddress(QHostAddress::LocalHost);
    else if (!address.setAddress(m_config.host)) {
        shutdown();
        return QStringLiteral("invalid listen address '%1' (an IP address such as 127.0.0.1, 0.0.0.0 or ::1)").arg(m_config.host);
    }
    if (!m_server->listen(address, m_config.port, &error)) {
        shutdown();
        return error;
    }
    if (m_config.anthropicPort != 0) {
        m_anthropicServer = new server::HttpServer(this);
        m_anthropicServer->setLimits(limits);
        m_anthropicServer->setHandler([this](server::HttpRequest &&request, server::ResponderPtr responder) {
            m_service->handle(std::move(request), std::move(responder), server::ServerRole::AnthropicOnly);
        });
        if (!m_anthropicServer->listen(address, m_config.anthropicPort, &error)) {
            shutdown();
            return error;
        }
    }
    m_statusTimer = new QTimer(this);
    m_statusTimer->setSingleShot(true);
    m_statusTimer->setInterval(100); // counters reach the GUI at most 10 times a second
    connect(m_statusTimer, &QTimer::timeout, this, &Engine::publishStatus);
    connect(m_service, &ProxyService::countersChanged, this, &Engine::scheduleStatus);
    publishStatus();
    qCInfo(lcEngine).noquote() << "listening on" << m_server->serverAddress().toString() << m_server->serverPort();
    return {};
}

void Engine::shutdown()
{
    delete m_statusTimer;
    m_statusTimer = nullptr;
    delete m_server;
    m_server = nullptr;
    delete m_anthropicServer;
    m_anthropicServer = nullptr;
    delete m_service; // aborts in-flight upstream calls
    m_service = nullptr;
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
        QString host = m_server->serverAddress().toString();
        if (m_server->serverAddress().protocol() == QAbstractSocket::IPv6Protocol)
            host = QLatin1Char('[') + host + QLatin1Char(']');
        status.listenAddress = QStringLiteral("http://%1:%2").arg(host).arg(m_server->serverPort());
        if (m_anthropicServer)
            status.anthropicAddress = QStringLiteral("http://%1:%2").arg(host).arg(m_anthropicServer->serverPort());
    }
    status.backends = m_config.backendNames();
    status.defaultBackend = m_config.defaultBackend;
    if (m_service) {
        status.requests = m_service->requestCount();
        status.errors = m_service->errorCount();
        status.activeRequests = m_service->activeCount();
        status.lastError = m_service->lastError();
    }
    {
        QMutexLocker lock(&m_owner->mutex);
        if (status.lastError != m_owner->status.lastError)
            status.lastErrorTime = QDateTime::currentDateTime();
        else
            status.lastErrorTime = m_owner->status.lastErrorTime;
    }
    m_owner->setStatus(status);
}

EngineClient::EngineClient(QObject *parent) : QObject(parent), d(new Private)
{
    qRegisterMetaType<lip::EngineStatus>();
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
    {
        QMutexLocker lock(&d->mutex);
        d->config = config;
    }
    QMetaObject::invokeMethod(d->engine, [this, engine = d->engine, config] {
        const QString error = engine->startServing(config);
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
    {
        QMutexLocker lock(&d->mutex);
        d->config = config;
    }
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

} // namespace lip

#include "engine.moc"
