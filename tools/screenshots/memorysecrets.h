// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// A keychain that lives in memory, so the screenshot tool never reads or writes the real one.

#include "config/credentials/secretbackend.h"

#include <QHash>
#include <QTimer>

namespace lip::tools {

class MemorySecrets final : public config::credentials::SecretBackend
{
public:
    using Outcome = config::credentials::SecretOutcome;

    void read(const QString &key, Callback done) override
    {
        Outcome outcome;
        if (m_entries.contains(key))
            outcome.value = m_entries.value(key);
        else
            outcome.status = Outcome::Status::NotFound;
        later(std::move(done), outcome);
    }
    void write(const QString &key, const QByteArray &value, Callback done) override
    {
        m_entries.insert(key, value);
        later(std::move(done), Outcome{});
    }
    void remove(const QString &key, Callback done) override
    {
        m_entries.remove(key);
        later(std::move(done), Outcome{});
    }
    QString description() const override { return QStringLiteral("In-memory keychain (screenshots)"); }

private:
    // The contract: answers come later, never from inside the call.
    void later(Callback done, const Outcome &outcome)
    {
        QTimer::singleShot(0, this, [done = std::move(done), outcome] {
            if (done)
                done(outcome);
        });
    }

    QHash<QString, QByteArray> m_entries;
};

} // namespace lip::tools
