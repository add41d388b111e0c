// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Sign-in and account management for the GUI's Accounts page and the `auth` command. Lives on
// the caller's thread; all work is asynchronous. Tokens go to the OS keychain only (no plaintext
// fallback; without a keychain, sign-in fails with the reason before the browser opens).

#include "backends/oauth/oauthtypes.h"
#include "config/credentials/secretbackend.h" // complete type for the defaulted unique_ptr argument

#include <QHash>
#include <QList>
#include <QObject>
#include <QStringList>

#include <functional>
#include <memory>

namespace lip::config::credentials {
class SecretBackend;
}

namespace lip::oauth {

class AccountManager : public QObject
{
    Q_OBJECT
public:
    enum class Flow { Browser, Device };
    using Done = std::function<void(const QString &error)>; // empty: success

    // `env`: <PROVIDER>_OAUTH_BASE_URL / _API_BASE_URL overrides. `backend` null: the OS keychain.
    AccountManager(const QString &dataDir, const QHash<QString, QString> &env,
                   std::unique_ptr<config::credentials::SecretBackend> backend = {}, QObject *parent = nullptr);
    ~AccountManager() override;

    QList<ProviderInfo> providers() const;
    QList<Account> accounts() const; // from accounts.json: no tokens; rotation order per provider

    // One sign-in at a time. Browser: browserUrlReady() then signInFinished(). Device:
    // deviceCodeReady() then signInFinished(). Loopback listener on 127.0.0.1 only, one callback,
    // `state` checked, closed after the callback or after the timeout (5 minutes).
    void signIn(const QString &provider, Flow flow);
    void cancelSignIn();
    // Copies the provider CLI's own login (ProviderInfo::importPath) into the keychain; the file is
    // only read. Call only after the user confirmed.
    void importExisting(const QString &provider, Done done);
    // Revokes where the provider supports it, then deletes the tokens and the listing.
    void signOut(const QString &accountId, Done done);
    void reorder(const QString &provider, const QStringList &accountIds, Done done);

Q_SIGNALS:
    void browserUrlReady(const QUrl &url);
    void deviceCodeReady(const QUrl &verificationUri, const QString &userCode, const QDateTime &expiresAt,
                         const QUrl &verificationUriComplete);
    void signInProgress(const QString &message);
    void signInFinished(const QString &accountId, const QString &error);
    void accountsChanged();

private:
    class Private;
    std::unique_ptr<Private> d;
};

} // namespace lip::oauth
