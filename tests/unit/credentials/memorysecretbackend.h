// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// An in-memory keychain for unit tests: answers on the next event-loop turn like a real one, and
// can play a machine without a keychain (unavailable) or a locked one (denied).

#include "config/credentials/secretbackend.h"

#include <QHash>
#include <QTimer>

namespace lip::test {

class MemorySecretBackend final : public config::credentials::SecretBackend
{
public:
    using Outcome = config::credentials::SecretOutcome;

    // Shared so a test can look inside after the store took ownership of the backend.
    struct State
    {
        QHash<QString, QByteArray> entries;
        Outcome::Status failWith = Outcome::Status::Ok; // Ok: work normally
        int calls = 0;
    };

    explicit MemorySecretBackend(std::shared_ptr<State> state) : m_state(std::move(state)) {}

    void read(const QString &key, Callback done) override
    {
        answer(std::move(done), [this, key] {
            Outcome o;
            if (!m_state->entries.contains(key))
                o.status = Outcome::Status::NotFound;
            else
                o.value = m_state->entries.value(key);
            return o;
        });
    }
    void write(const QString &key, const QByteArray &value, Callback done) override
    {
        answer(std::move(done), [this, key, value] {
            m_state->entries.insert(key, value);
            return Outcome{};
        });
    }
    void remove(const QString &key, Callback done) override
    {
        answer(std::move(done), [this, key] {
            Outcome o;
            if (m_state->entries.remove(key) == 0)
                o.status = Outcome::Status::NotFound;
            return o;
        });
    }
    QString description() const override { return QStringLiteral("memory"); }

private:
    template<typename F>
    void answer(Callback done, F work)
    {
        ++m_state->calls;
        QTimer::singleShot(0, this, [this, done = std::move(done), work = std::move(work)] {
            if (m_state->failWith != Outcome::Status::Ok) {
                Outcome o;
                o.status = m_state->failWith;
                o.message = QStringLiteral("no keychain in this test");
                done(o);
                return;
            }
            done(work());
        });
    }

    std::shared_ptr<State> m_state;
};

} // namespace lip::test
