// SPDX-License-Identifier: GPL-3.0-or-later
// ProxyService's part for subscription (OAuth) backends: it owns the TokenBroker (account
// tokens) and the Code Assist project resolver, created when the first OAuth backend is
// configured, so a proxy without one never touches the OAuth keychain entries.

#include "proxyservice.h"

#include "backends/codeassist/codeassistproject.h"
#include "backends/oauth/accountstore.h"
#include "backends/oauth/oauthproviders.h"
#include "backends/oauth/tokenbroker.h"
#include "config/backendprofiles.h"
#include "config/credentials/secretbackend.h"

#include <QCoreApplication>
#include <QDir>
#include <QThread>
#include <QProcessEnvironment>
#include <QStandardPaths>

namespace lip {

namespace {

// QtKeychain queues its jobs in one per-process object that must be used from one thread only;
// the GUI and the `auth` command use the keychain from the main thread, so the engine's token
// broker does too: each call hops to the main thread, and its answer hops back to the engine.
class MainThreadSecrets final : public config::credentials::SecretBackend
{
public:
    MainThreadSecrets()
        : m_relay(new QObject, [](QObject *relay) { relay->deleteLater(); }), m_main(std::make_shared<MainSide>())
    {
        m_main->target = config::credentials::makeSystemSecretBackend(nullptr, QString::fromLatin1(oauth::kOAuthKeychainService)).release();
        if (QCoreApplication *app = QCoreApplication::instance(); app && m_main->target->thread() != app->thread())
            m_main->target->moveToThread(app->thread());
    }
    ~MainThreadSecrets() override
    {
        // A keychain job still running must not lose its backend (libsecret calls back into it):
        // the backend goes when the last one has answered.
        std::shared_ptr<MainSide> main = m_main;
        QMetaObject::invokeMethod(main->target, [main] {
            main->orphaned = true;
            main->releaseIfIdle();
        }, Qt::QueuedConnection);
    }

    void read(const QString &key, Callback done) override
    {
        hop([key](SecretBackend *target, Callback back) { target->read(key, std::move(back)); }, std::move(done));
    }
    void write(const QString &key, const QByteArray &value, Callback done) override
    {
        hop([key, value](SecretBackend *target, Callback back) { target->write(key, value, std::move(back)); }, std::move(done));
    }
    void remove(const QString &key, Callback done) override
    {
        hop([key](SecretBackend *target, Callback back) { target->remove(key, std::move(back)); }, std::move(done));
    }
    QString description() const override { return m_main->target->description(); }

private:
    // Touched on the main thread only.
    struct MainSide
    {
        SecretBackend *target = nullptr;
        int pending = 0;
        bool orphaned = false;
        void releaseIfIdle()
        {
            if (orphaned && pending == 0 && target) {
                target->deleteLater();
                target = nullptr;
            }
        }
    };

    void hop(std::function<void(SecretBackend *, Callback)> call, Callback done)
    {
        std::weak_ptr<QObject> relay = m_relay;
        std::shared_ptr<MainSide> main = m_main;
        QMetaObject::invokeMethod(main->target, [main, relay, call = std::move(call), done = std::move(done)]() mutable {
            ++main->pending;
            call(main->target, [main, relay, done = std::move(done)](const config::credentials::SecretOutcome &outcome) mutable {
                --main->pending;
                main->releaseIfIdle();
                // The broker may be gone by now: then nobody waits for the answer.
                if (std::shared_ptr<QObject> back = relay.lock())
                    QMetaObject::invokeMethod(back.get(), [done = std::move(done), outcome] { done(outcome); }, Qt::QueuedConnection);
            });
        }, Qt::QueuedConnection);
    }

    std::shared_ptr<QObject> m_relay;  // on the engine thread; answers are delivered through it
    std::shared_ptr<MainSide> m_main;  // the real backend, on the main thread
};

ProxyService::SecretBackendFactory &secretBackendFactory()
{
    static ProxyService::SecretBackendFactory factory;
    return factory;
}

// The process environment, plus each OAuth backend's oauth_url as its provider's variable
// (OPENAI_CODEX_OAUTH_BASE_URL, GEMINI_OAUTH_BASE_URL, …) where the environment sets none.
QHash<QString, QString> oauthEnvironment(const config::Config &config)
{
    QHash<QString, QString> env;
    const QProcessEnvironment system = QProcessEnvironment::systemEnvironment();
    for (const QString &key : system.keys())
        env.insert(key, system.value(key));
    for (const config::BackendConfig &b : config.backends) {
        if (b.oauthBaseUrl.isEmpty())
            continue;
        const QString provider = config::oauthProviderForType(b.type);
        if (provider.isEmpty())
            continue;
        const QString variable = oauth::providerSpec(provider, {}).baseUrlVariable;
        if (!variable.isEmpty() && !env.contains(variable))
            env.insert(variable, b.oauthBaseUrl);
    }
    return env;
}

} // namespace

void ProxyService::setOAuthSecretBackendFactory(SecretBackendFactory factory)
{
    secretBackendFactory() = std::move(factory);
}

void ProxyService::setUpOAuth()
{
    if (m_tokenBroker)
        return;
    bool anyOAuth = false;
    for (const config::BackendConfig &b : m_config.backends) {
        const config::BackendProfile *profile = config::findBackendProfile(b.type);
        anyOAuth = anyOAuth || (profile && profile->usesOAuth());
    }
    if (!anyOAuth)
        return;
    QString dataDir = m_config.dataDir;
    if (dataDir.isEmpty())
        dataDir = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
    const QHash<QString, QString> env = oauthEnvironment(m_config);
    std::unique_ptr<config::credentials::SecretBackend> secrets;
    if (secretBackendFactory())
        secrets = secretBackendFactory()();
    else
        secrets = std::make_unique<MainThreadSecrets>();
    m_tokenBroker = new oauth::TokenBroker(dataDir, env, std::move(secrets), this);
    connect(m_tokenBroker, &oauth::TokenBroker::signInNeeded, this, &ProxyService::accountNeedsSignIn);
    m_codeAssistProjects = new codeassist::ProjectResolver(env, this);
    bool ok = false;
    const int pollMs = env.value(QStringLiteral("LIP_CODE_ASSIST_ONBOARD_POLL_MS")).toInt(&ok);
    if (ok && pollMs >= 0 && pollMs <= 60000)
        m_codeAssistProjects->setPollIntervalMs(pollMs);
    m_context.tokenBroker = m_tokenBroker;
    m_context.codeAssistProjects = m_codeAssistProjects;
}

} // namespace lip
