// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Where accounts are kept. <data dir>/accounts.json lists them (no tokens, ever):
//
//   {"version": 1, "store": "<id>",
//    "accounts": [{"id": "openai:me@example.com", "provider": "openai", "email": "…",
//                  "plan": "plus", "extra": {…}}, …]}        (array order = rotation order)
//
// The tokens of each account are one JSON value in the OS keychain under
// "<store id>/<account id>" (service "llm-interactive-proxy-oauth", apart from API keys), split
// into parts where the keychain caps an entry (secretchunks.h). Part 0 starts with a one-line
// header naming the part count, so reading needs no index of parts.

#include "backends/oauth/oauthtypes.h"
#include "core/error.h"

#include <QJsonObject>
#include <QList>
#include <QObject>
#include <QString>

#include <functional>
#include <memory>

namespace lip::config::credentials {
class SecretBackend;
struct SecretOutcome;
}

namespace lip::oauth {

inline constexpr qint64 kMaxAccountsFileBytes = 1024 * 1024;
inline const char *const kOAuthKeychainService = "llm-interactive-proxy-oauth";

struct AccountIndex
{
    QString storeId;
    QList<Account> accounts; // tokens always empty here

    const Account *find(const QString &id) const;
    // Replaces the account with the same id in place, or appends it.
    void upsert(const Account &account);
    bool remove(const QString &id);
};

QString accountsFilePath(const QString &dataDir);
// A missing file is an empty index. Errors name the file and line.
Result<AccountIndex> loadAccountIndex(const QString &path);
// Atomic (QSaveFile); assigns a store id when there is none. Empty on success.
QString saveAccountIndex(const QString &path, AccountIndex &index);
QByteArray serializeAccountIndex(const AccountIndex &index);

// What goes into the keychain for one account.
struct StoredTokens
{
    TokenSet tokens;
    QJsonObject registration; // AWS OIDC client id/secret registered at sign-in
};
QByteArray serializeTokens(const StoredTokens &stored);
bool parseTokens(const QByteArray &json, StoredTokens *out);

// Keychain access for token blobs; asynchronous, calls back on this object's thread.
class TokenVault : public QObject
{
    Q_OBJECT
public:
    using Done = std::function<void(const QString &error)>;
    using ReadDone = std::function<void(const QString &error, const StoredTokens &stored)>;

    // `backend` null: the OS keychain (service kOAuthKeychainService).
    explicit TokenVault(std::unique_ptr<config::credentials::SecretBackend> backend, QObject *parent = nullptr);
    ~TokenVault() override;

    void setPartSize(int bytes) { m_partSize = bytes; }
    QString description() const;

    // Empty when the keychain answers; else why it cannot be used ("unavailable: …").
    void probe(Done done);
    void read(const QString &storeId, const QString &accountId, ReadDone done);
    void write(const QString &storeId, const QString &accountId, const StoredTokens &stored, Done done);
    void remove(const QString &storeId, const QString &accountId, Done done);

    static QString describe(const config::credentials::SecretOutcome &outcome);

private:
    void readPart0(const QString &key, std::function<void(const config::credentials::SecretOutcome &, int parts, QByteArray first)> done);
    void readRest(const QString &key, int parts, QList<QByteArray> collected, ReadDone done);
    void writeParts(const QString &key, QList<QByteArray> parts, int index, Done done);
    void removeParts(const QString &key, int from, int to, Done done);

    // Calls into the backend go through track(): a keychain job may still answer after this
    // vault is gone (QtKeychain's libsecret jobs call back on their own), so the backend is kept
    // alive until its last job answered, and answers for a dead vault are dropped.
    struct Shared
    {
        std::unique_ptr<config::credentials::SecretBackend> backend;
        int inFlight = 0;
        bool alive = true;
    };
    std::function<void(const config::credentials::SecretOutcome &)>
    track(std::function<void(const config::credentials::SecretOutcome &)> f);
    config::credentials::SecretBackend *backend() const { return m_shared->backend.get(); }

    std::shared_ptr<Shared> m_shared;
    int m_partSize;
};

} // namespace lip::oauth
