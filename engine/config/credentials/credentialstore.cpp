// SPDX-License-Identifier: GPL-3.0-or-later
#include "config/credentials/credentialstore.h"

#include "config/credentials/secretchunks.h"

#include <QTimer>

#include <algorithm>

#include <memory>

namespace lip::config::credentials {

namespace {

bool keychainUnusable(const SecretOutcome &o)
{
    return o.status == SecretOutcome::Status::Unavailable || o.status == SecretOutcome::Status::Denied;
}

// Walks every key of the index in order, reading each; a small state object so the recursion
// through callbacks stays readable.
struct LoadAllState
{
    CredentialIndex index;
    std::size_t instance = 0;
    qsizetype key = 0;
    config::CredentialSet result;
    std::function<void(const config::CredentialSet &)> done;
};

} // namespace

CredentialStore::CredentialStore(const QString &dataDir, std::unique_ptr<SecretBackend> backend, QObject *parent)
    : QObject(parent), m_dataDir(dataDir), m_backend(std::move(backend)), m_partSize(defaultPartSize())
{
    if (!m_backend)
        m_backend = makeSystemSecretBackend();
    m_backend->setParent(nullptr); // owned by the unique_ptr
}

CredentialStore::~CredentialStore() = default;

QString CredentialStore::indexPath() const
{
    return indexFilePath(m_dataDir);
}

Result<CredentialIndex> CredentialStore::list() const
{
    return loadIndex(indexPath());
}

QString CredentialStore::describe(const SecretOutcome &outcome)
{
    const QString reason = outcome.message.isEmpty() ? QStringLiteral("no reason given") : outcome.message;
    switch (outcome.status) {
    case SecretOutcome::Status::Unavailable:
        return QStringLiteral("unavailable: ") + reason;
    case SecretOutcome::Status::Denied:
        return QStringLiteral("unavailable: access denied (%1)").arg(reason);
    default:
        return QStringLiteral("keychain error: ") + reason;
    }
}

void CredentialStore::enqueue(std::function<void()> operation)
{
    m_queue.push_back(std::move(operation));
    if (!m_busy) {
        // Never call back from inside the call that asked: start on the next event-loop turn.
        m_busy = true;
        QTimer::singleShot(0, this, [this] {
            m_busy = false;
            finishOperation();
        });
    }
}

void CredentialStore::finishOperation()
{
    if (m_busy)
        m_busy = false;
    if (m_queue.empty())
        return;
    auto next = std::move(m_queue.front());
    m_queue.pop_front();
    m_busy = true;
    next();
}

void CredentialStore::checkAvailable(Done done)
{
    enqueue([this, done = std::move(done)] {
        // Reading a key that does not exist is harmless and tells whether the service answers.
        m_backend->read(QStringLiteral("availability-probe"), [this, done](const SecretOutcome &o) {
            done(o.ok() || o.status == SecretOutcome::Status::NotFound ? QString() : describe(o));
            finishOperation();
        });
    });
}

void CredentialStore::writeParts(const QString &baseKey, QList<QByteArray> parts, int index, Done done)
{
    if (index >= parts.size()) {
        done({});
        return;
    }
    const QByteArray part = parts.at(index);
    m_backend->write(partKey(baseKey, index), part,
                     [this, baseKey, parts = std::move(parts), index, done](const SecretOutcome &o) mutable {
                         if (!o.ok()) {
                             done(describe(o));
                             return;
                         }
                         writeParts(baseKey, std::move(parts), index + 1, std::move(done));
                     });
}

void CredentialStore::deleteParts(const QString &baseKey, int from, int to, Done done)
{
    if (from >= to) {
        done({});
        return;
    }
    m_backend->remove(partKey(baseKey, from), [this, baseKey, from, to, done](const SecretOutcome &o) {
        if (!o.ok() && o.status != SecretOutcome::Status::NotFound) {
            done(describe(o));
            return;
        }
        deleteParts(baseKey, from + 1, to, done);
    });
}

void CredentialStore::readParts(const QString &baseKey, int parts, QList<QByteArray> collected,
                                std::function<void(const SecretOutcome &)> done)
{
    if (collected.size() >= parts) {
        SecretOutcome outcome;
        outcome.value = joinParts(collected);
        done(outcome);
        return;
    }
    // The key first: the lambda below moves `collected`, and argument order is unspecified.
    const QString key = partKey(baseKey, int(collected.size()));
    m_backend->read(key,
                    [this, baseKey, parts, collected = std::move(collected), done](const SecretOutcome &o) mutable {
                        if (!o.ok()) {
                            done(o);
                            return;
                        }
                        collected.append(o.value);
                        readParts(baseKey, parts, std::move(collected), std::move(done));
                    });
}

void CredentialStore::set(const QString &instance, const QString &alias, const QByteArray &secret, Done done)
{
    enqueue([this, instance, alias, secret, done = std::move(done)] {
        auto finish = [this, done](const QString &error) {
            done(error);
            finishOperation();
        };
        if (const QString p = nameProblem(instance); !p.isEmpty())
            return finish(QStringLiteral("backend name '%1' %2").arg(instance.left(80), p));
        if (const QString p = nameProblem(alias); !p.isEmpty())
            return finish(QStringLiteral("alias '%1' %2").arg(alias.left(80), p));
        if (secret.isEmpty())
            return finish(QStringLiteral("the key is empty"));
        if (secret.size() > kMaxSecretBytes)
            return finish(QStringLiteral("the key is larger than %1 KiB").arg(kMaxSecretBytes / 1024));
        const QList<QByteArray> parts = splitSecret(secret, m_partSize);
        if (parts.size() > kMaxParts)
            return finish(QStringLiteral("the key needs more than %1 keychain entries").arg(kMaxParts));

        Result<CredentialIndex> loaded = list();
        if (!loaded)
            return finish(loaded.error().message);
        auto index = std::make_shared<CredentialIndex>(std::move(loaded.value()));
        if (index->storeId.isEmpty()) {
            // Assign the id now, so the keys written below are under the id the index will keep.
            CredentialIndex fresh = *index;
            if (const QString error = saveIndex(indexPath(), fresh); !error.isEmpty())
                return finish(error);
            index->storeId = fresh.storeId;
        }
        int oldParts = 0;
        if (const IndexInstance *i = index->instance(instance))
            for (const IndexKey &k : i->keys)
                if (k.alias == alias)
                    oldParts = k.parts;
        const QString baseKey = keychainKey(index->storeId, instance, alias);
        const int newParts = int(parts.size());
        writeParts(baseKey, parts, 0, [this, index, instance, alias, baseKey, oldParts, newParts, finish](const QString &error) {
            if (!error.isEmpty())
                return finish(error);
            // A shorter value replaced a longer one: its extra parts must not linger.
            deleteParts(baseKey, newParts, oldParts, [this, index, instance, alias, newParts, finish](const QString &error) {
                if (!error.isEmpty())
                    return finish(error);
                IndexInstance *entry = index->instance(instance);
                if (!entry) {
                    index->instances.push_back({instance, {}});
                    entry = &index->instances.back();
                }
                bool replaced = false;
                for (IndexKey &k : entry->keys) {
                    if (k.alias == alias) {
                        k.parts = newParts;
                        replaced = true;
                    }
                }
                if (!replaced)
                    entry->keys.append({alias, newParts});
                finish(saveIndex(indexPath(), *index));
            });
        });
    });
}

void CredentialStore::remove(const QString &instance, const QString &alias, Done done)
{
    enqueue([this, instance, alias, done = std::move(done)] {
        auto finish = [this, done](const QString &error) {
            done(error);
            finishOperation();
        };
        Result<CredentialIndex> loaded = list();
        if (!loaded)
            return finish(loaded.error().message);
        auto index = std::make_shared<CredentialIndex>(std::move(loaded.value()));
        const IndexInstance *entry = index->instance(instance);
        if (!entry)
            return finish(QStringLiteral("no keys are stored for '%1'").arg(instance.left(80)));
        auto doomed = std::make_shared<QList<IndexKey>>();
        for (const IndexKey &k : entry->keys)
            if (alias.isEmpty() || k.alias == alias)
                doomed->append(k);
        if (doomed->isEmpty())
            return finish(QStringLiteral("'%1' has no key with alias '%2'").arg(instance, alias.left(80)));

        // Deletes the doomed keys one by one, then rewrites the index without them.
        // The step holds itself only weakly; each pending keychain callback holds it strongly, so it
        // lives exactly as long as the walk.
        auto step = std::make_shared<std::function<void()>>();
        *step = [this, index, instance, alias, doomed, weakStep = std::weak_ptr(step), finish] {
            if (doomed->isEmpty()) {
                IndexInstance *e = index->instance(instance);
                e->keys.removeIf([&](const IndexKey &k) { return alias.isEmpty() || k.alias == alias; });
                std::erase_if(index->instances, [](const IndexInstance &i) { return i.keys.isEmpty(); });
                return finish(saveIndex(indexPath(), *index));
            }
            const IndexKey key = doomed->takeFirst();
            deleteParts(keychainKey(index->storeId, instance, key.alias), 0, key.parts,
                        [step = weakStep.lock(), finish](const QString &error) {
                            if (!error.isEmpty())
                                return finish(error);
                            (*step)();
                        });
        };
        (*step)();
    });
}

void CredentialStore::reorder(const QString &instance, const QStringList &aliases, Done done)
{
    enqueue([this, instance, aliases, done = std::move(done)] {
        auto finish = [this, done](const QString &error) {
            done(error);
            finishOperation();
        };
        Result<CredentialIndex> loaded = list();
        if (!loaded)
            return finish(loaded.error().message);
        CredentialIndex index = std::move(loaded.value());
        IndexInstance *entry = index.instance(instance);
        if (!entry)
            return finish(QStringLiteral("no keys are stored for '%1'").arg(instance.left(80)));
        QList<IndexKey> ordered;
        for (const QString &alias : aliases) {
            auto it = std::find_if(entry->keys.cbegin(), entry->keys.cend(),
                                   [&](const IndexKey &k) { return k.alias == alias; });
            if (it == entry->keys.cend())
                return finish(QStringLiteral("'%1' has no key with alias '%2'").arg(instance, alias.left(80)));
            if (std::any_of(ordered.cbegin(), ordered.cend(), [&](const IndexKey &k) { return k.alias == alias; }))
                return finish(QStringLiteral("alias '%1' is listed twice").arg(alias.left(80)));
            ordered.append(*it);
        }
        if (ordered.size() != entry->keys.size())
            return finish(QStringLiteral("the new order of '%1' must list all of its %2 keys")
                              .arg(instance.left(80))
                              .arg(entry->keys.size()));
        entry->keys = ordered;
        finish(saveIndex(indexPath(), index));
    });
}

void CredentialStore::read(const QString &instance, const QString &alias, ReadDone done)
{
    enqueue([this, instance, alias, done = std::move(done)] {
        Result<CredentialIndex> loaded = list();
        if (!loaded) {
            done(loaded.error().message, {});
            return finishOperation();
        }
        const IndexInstance *entry = loaded.value().instance(instance);
        int parts = 0;
        if (entry)
            for (const IndexKey &k : entry->keys)
                if (k.alias == alias)
                    parts = k.parts;
        if (parts <= 0) {
            done(QStringLiteral("'%1' has no key with alias '%2'").arg(instance.left(80), alias.left(80)), {});
            return finishOperation();
        }
        readParts(keychainKey(loaded.value().storeId, instance, alias), parts, {},
                  [this, done](const SecretOutcome &o) {
                      if (o.ok())
                          done({}, o.value);
                      else
                          done(o.status == SecretOutcome::Status::NotFound
                                   ? QStringLiteral("the keychain has no value for this key (removed outside the app?)")
                                   : describe(o),
                               {});
                      finishOperation();
                  });
    });
}

void CredentialStore::loadAll(std::function<void(const config::CredentialSet &)> done)
{
    enqueue([this, done = std::move(done)] {
        auto state = std::make_shared<LoadAllState>();
        state->done = done;
        Result<CredentialIndex> loaded = list();
        if (!loaded) {
            state->result.unavailableReason = loaded.error().message;
            done(state->result);
            return finishOperation();
        }
        state->index = std::move(loaded.value());

        auto step = std::make_shared<std::function<void()>>();
        *step = [this, state, weakStep = std::weak_ptr(step)] {
            while (state->instance < state->index.instances.size()
                   && state->key >= state->index.instances[state->instance].keys.size()) {
                ++state->instance;
                state->key = 0;
            }
            if (state->instance >= state->index.instances.size()) {
                state->done(state->result);
                return finishOperation();
            }
            const IndexInstance &instance = state->index.instances[state->instance];
            const IndexKey key = instance.keys.at(state->key);
            const QString name = instance.name;
            readParts(keychainKey(state->index.storeId, name, key.alias), key.parts, {},
                      [this, state, step = weakStep.lock(), name, key](const SecretOutcome &o) {
                          if (keychainUnusable(o)) {
                              state->result.instances.clear();
                              state->result.unavailableReason = describe(o).mid(int(qstrlen("unavailable: ")));
                              state->done(state->result);
                              return finishOperation();
                          }
                          const QString secret = QString::fromUtf8(o.value).trimmed();
                          if (!o.ok() || secret.isEmpty()) {
                              state->result.warnings << QStringLiteral("keychain key '%1' of '%2' could not be read (%3); it is skipped")
                                                            .arg(key.alias, name, o.ok() ? QStringLiteral("empty value") : describe(o));
                          } else {
                              if (state->result.instances.empty() || state->result.instances.back().name != name)
                                  state->result.instances.push_back({name, {}});
                              state->result.instances.back().keys.append({key.alias, secret});
                          }
                          ++state->key;
                          (*step)();
                      });
        };
        (*step)();
    });
}

} // namespace lip::config::credentials
