// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// API keys per backend instance, several per instance with an alias each (order = rotation
// order). Values live only in the OS keychain; <data dir>/credentials.json lists the aliases
// (credentialindex.h). Every operation is asynchronous and calls back on this object's thread;
// operations run one after another in the order they were asked for. Without a keychain,
// storing is refused with the reason: there is no plaintext fallback.

#include "config/credentials/credentialindex.h"
#include "config/credentials/credentialset.h"
#include "config/credentials/secretbackend.h"

#include <QObject>
#include <QString>
#include <QStringList>

#include <deque>
#include <functional>
#include <memory>

namespace lip::config::credentials {

class CredentialStore : public QObject
{
    Q_OBJECT
public:
    // Empty error: success. Otherwise a message for users (never a secret); when the keychain
    // cannot be used it starts with "unavailable: ".
    using Done = std::function<void(const QString &error)>;

    // `dataDir` as resolved by resolveDataDir(). `backend` null: the OS keychain.
    explicit CredentialStore(const QString &dataDir, std::unique_ptr<SecretBackend> backend = {},
                             QObject *parent = nullptr);
    ~CredentialStore() override;

    QString indexPath() const;
    // The part size for long values (secretchunks.h); the platform's default unless set (tests).
    void setPartSize(int bytes) { m_partSize = bytes; }

    // The index as on disk now: instances and aliases, never values.
    Result<CredentialIndex> list() const;

    // Whether the keychain answers: empty error if it does, else "unavailable: <reason>".
    void checkAvailable(Done done);
    // Stores (or replaces, keeping its place in the order) the key `alias` of `instance`.
    void set(const QString &instance, const QString &alias, const QByteArray &secret, Done done);
    // Removes one alias, or every key of the instance when `alias` is empty.
    void remove(const QString &instance, const QString &alias, Done done);
    // Sets the rotation order of an instance's keys: `aliases` must list exactly its stored
    // aliases. Only the index changes; no keychain value is touched.
    void reorder(const QString &instance, const QStringList &aliases, Done done);
    // Reads one stored value (the GUI's reveal/copy/test). `done` gets an error message (empty
    // on success) and the value.
    using ReadDone = std::function<void(const QString &error, const QByteArray &value)>;
    void read(const QString &instance, const QString &alias, ReadDone done);
    // Reads every listed key. Entries that cannot be read become warnings; a keychain that
    // cannot be used at all sets unavailableReason.
    void loadAll(std::function<void(const config::CredentialSet &)> done);

private:
    void enqueue(std::function<void()> operation);
    void finishOperation();
    void writeParts(const QString &baseKey, QList<QByteArray> parts, int index, Done done);
    void deleteParts(const QString &baseKey, int from, int to, Done done);
    void readParts(const QString &baseKey, int parts, QList<QByteArray> collected,
                   std::function<void(const SecretOutcome &)> done);
    static QString describe(const SecretOutcome &outcome);

    QString m_dataDir;
    std::unique_ptr<SecretBackend> m_backend;
    int m_partSize;
    std::deque<std::function<void()>> m_queue;
    bool m_busy = false;
};

} // namespace lip::config::credentials
