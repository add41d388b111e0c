// SPDX-License-Identifier: GPL-3.0-or-later
// The OS keychain through QtKeychain. Insecure fallbacks (QtKeychain can write to a plain
// QSettings file when no keychain exists) stay off: a secret is stored in the keychain or not
// at all.

#include "config/credentials/secretbackend.h"

#include <QTimer>

#ifdef LIP_HAVE_QTKEYCHAIN
#include <qt6keychain/keychain.h>
#endif

namespace lip::config::credentials {

namespace {

const char *const kService = "llm-interactive-proxy";

QString platformKeychainName()
{
#if defined(Q_OS_MACOS)
    return QStringLiteral("macOS Keychain");
#elif defined(Q_OS_WIN)
    return QStringLiteral("Windows Credential Manager");
#else
    return QStringLiteral("Secret Service / KWallet (D-Bus)");
#endif
}

#ifdef LIP_HAVE_QTKEYCHAIN

SecretOutcome outcomeOf(const QKeychain::Job *job)
{
    SecretOutcome outcome;
    switch (job->error()) {
    case QKeychain::NoError:
        outcome.status = SecretOutcome::Status::Ok;
        return outcome;
    case QKeychain::EntryNotFound:
        outcome.status = SecretOutcome::Status::NotFound;
        break;
    case QKeychain::NoBackendAvailable:
    case QKeychain::NotImplemented:
        outcome.status = SecretOutcome::Status::Unavailable;
        break;
    case QKeychain::AccessDeniedByUser:
    case QKeychain::AccessDenied:
        outcome.status = SecretOutcome::Status::Denied;
        break;
    case QKeychain::CouldNotDeleteEntry:
    case QKeychain::OtherError:
        outcome.status = SecretOutcome::Status::Failed;
        break;
    }
    outcome.message = job->errorString();
    // Without a session bus QtKeychain reports an "other" error; it means no keychain here.
    if (outcome.status == SecretOutcome::Status::Failed
        && (outcome.message.contains(QLatin1String("D-Bus"), Qt::CaseInsensitive)
            || outcome.message.contains(QLatin1String("DBus"), Qt::CaseInsensitive)
            || outcome.message.contains(QLatin1String("org.freedesktop.secrets"))
            || outcome.message.contains(QLatin1String("No such secret collection"))
            || outcome.message.contains(QLatin1String("kwalletd"), Qt::CaseInsensitive)))
        outcome.status = SecretOutcome::Status::Unavailable;
    if (outcome.message.isEmpty())
        outcome.message = QStringLiteral("keychain error %1").arg(int(job->error()));
    return outcome;
}

class QtKeychainBackend final : public SecretBackend
{
public:
    QtKeychainBackend(const QString &service, QObject *parent)
        : SecretBackend(parent), m_service(service.isEmpty() ? QString::fromLatin1(kService) : service)
    {
    }

    void read(const QString &key, Callback done) override
    {
        auto *job = new QKeychain::ReadPasswordJob(m_service, this);
        job->setKey(key);
        run(job, [done = std::move(done)](QKeychain::Job *j) {
            SecretOutcome outcome = outcomeOf(j);
            if (outcome.ok())
                outcome.value = static_cast<QKeychain::ReadPasswordJob *>(j)->binaryData();
            done(outcome);
        });
    }

    void write(const QString &key, const QByteArray &value, Callback done) override
    {
        auto *job = new QKeychain::WritePasswordJob(m_service, this);
        job->setKey(key);
        job->setBinaryData(value);
        run(job, [done = std::move(done)](QKeychain::Job *j) { done(outcomeOf(j)); });
    }

    void remove(const QString &key, Callback done) override
    {
        auto *job = new QKeychain::DeletePasswordJob(m_service, this);
        job->setKey(key);
        run(job, [done = std::move(done)](QKeychain::Job *j) { done(outcomeOf(j)); });
    }

    QString description() const override { return platformKeychainName(); }

private:
    template<typename F>
    void run(QKeychain::Job *job, F onFinished)
    {
        job->setAutoDelete(true);
        job->setInsecureFallback(false);
        connect(job, &QKeychain::Job::finished, this, std::move(onFinished));
        job->start();
    }

    QString m_service;
};

#else

class UnavailableBackend final : public SecretBackend
{
public:
    using SecretBackend::SecretBackend;
    void read(const QString &, Callback done) override { answer(std::move(done)); }
    void write(const QString &, const QByteArray &, Callback done) override { answer(std::move(done)); }
    void remove(const QString &, Callback done) override { answer(std::move(done)); }
    QString description() const override { return platformKeychainName(); }

private:
    void answer(Callback done)
    {
        QTimer::singleShot(0, this, [done = std::move(done)] {
            done({SecretOutcome::Status::Unavailable,
                  QStringLiteral("this build has no keychain support (QtKeychain was not found)"), {}});
        });
    }
};

#endif

} // namespace

std::unique_ptr<SecretBackend> makeSystemSecretBackend(QObject *parent, const QString &service)
{
#ifdef LIP_HAVE_QTKEYCHAIN
    return std::make_unique<QtKeychainBackend>(service, parent);
#else
    Q_UNUSED(service)
    return std::make_unique<UnavailableBackend>(parent);
#endif
}

} // namespace lip::config::credentials
