// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Access tokens for upstream requests, on the engine thread. Owned by ProxyService; connectors
// never see refresh tokens. Accounts are read from <data dir>/accounts.json and the keychain when
// first needed and again after reload().
//
// - acquire(): an account of the provider in rotation order, with session affinity (the same
//   session keeps its account while it is usable), skipping accounts cooling after a quota error
//   or needing sign-in. A token expiring within 5 minutes is refreshed first.
// - Refresh is single-flight per account: concurrent callers wait for the one refresh.
// - A refresh answered with invalid_grant (revoked/expired refresh token) marks the account
//   SignInNeeded, emits signInNeeded() once, and every later acquire for it fails at once with
//   an Error (category Auth) naming the account and the fix: no retry loop.
// - Refreshed tokens are written back to the keychain (asynchronously).

#include "backends/oauth/oauthtypes.h"
#include "config/credentials/secretbackend.h" // complete type for the defaulted unique_ptr argument
#include "core/error.h"

#include <QHash>
#include <QObject>

#include <functional>
#include <memory>

namespace lip::config::credentials {
class SecretBackend;
}

namespace lip::oauth {

class TokenBroker : public QObject
{
    Q_OBJECT
public:
    using GrantCallback = std::function<void(Result<AccessGrant>)>;

    // `env` for the <PROVIDER>_OAUTH_BASE_URL overrides (token endpoints). `backend` null: the OS keychain.
    TokenBroker(const QString &dataDir, const QHash<QString, QString> &env,
                std::unique_ptr<config::credentials::SecretBackend> backend = {}, QObject *parent = nullptr);
    ~TokenBroker() override;

    void acquire(const QString &provider, const QString &sessionKey, GrantCallback done);
    // The upstream answered 401 to this grant: one refresh (single-flight), then the new grant.
    void rejected(const AccessGrant &grant, GrantCallback done);
    // A quota or rate-limit answer: this account rests until `until`; the next acquire picks another.
    void quotaExhausted(const AccessGrant &grant, const QDateTime &until);
    // Sign-in happened elsewhere (GUI, `auth login`): forget cached accounts, read them again.
    void reload();

Q_SIGNALS:
    void signInNeeded(const QString &accountId, const QString &message);

private:
    class Private;
    std::unique_ptr<Private> d;
};

} // namespace lip::oauth
