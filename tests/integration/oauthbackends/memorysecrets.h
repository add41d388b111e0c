// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// An in-memory keychain shared by every instance in the process (the test writes tokens on its
// thread; the engine's token broker reads them on the engine thread). Answers asynchronously,
// like the real one.

#include "config/credentials/secretbackend.h"

#include <QHash>
#include <QMutex>
#include <QTimer>

namespace lip::test {

class MemorySecrets : public config::credentials::SecretBackend
{
public:
    using SecretBackend::SecretBackend;

    static void clearAll()
    {
        QMutexLocker lock(&mutex());
        store().clear();
    }

    void read(const QString &key, Callback done) override
    {
        config::credentials::SecretOutcome outcome;
        {
            QMutexLocker lock(&mutex());
            if (store().contains(key))
                outcome.value = store().value(key);
            else
                outcome.status = config::credentials::SecretOutcome::Status::NotFound;
        }
        later(std::move(done), outcome);
    }
    void write(const QString &key, const QByteArray &value, Callback done) override
    {
        {
            QMutexLocker lock(&mutex());
            store().insert(key, value);
        }
        later(std::move(done), {});
    }
    void remove(const QString &key, Callback done) override
    {
        {
            QMutexLocker lock(&mutex());
            store().remove(key);
        }
        later(std::move(done), {});
    }
    QString description() const override { return QStringLiteral("test memory"); }

private:
    void later(Callback done, config::credentials::SecretOutcome outcome)
    {
        QTimer::singleShot(0, this, [done = std::move(done), outcome] { done(outcome); });
    }
    static QMutex &mutex()
    {
        static QMutex m;
        return m;
    }
    static QHash<QString, QByteArray> &store()
    {
        static QHash<QString, QByteArray> s;
        return s;
    }
};

} // namespace lip::test
