// SPDX-License-Identifier: GPL-3.0-or-later
#include "backends/oauth/accountmanager.h"

#include "backends/oauth/accountstore.h"
#include "backends/oauth/cliimport.h"
#include "backends/oauth/deviceflow.h"
#include "backends/oauth/identity.h"
#include "backends/oauth/loopbackreceiver.h"
#include "backends/oauth/oauthproviders.h"
#include "backends/oauth/pkce.h"
#include "backends/oauth/tokenclient.h"
#include "config/credentials/secretbackend.h"
#include "core/logging.h"

#include <QPointer>
#include <QTimer>
#include <QUrlQuery>

namespace lip::oauth {

class AccountManager::Private
{
public:
    AccountManager *q;
    QString dataDir;
    QHash<QString, QString> env;
    TokenVault *vault = nullptr;
    TokenClient *client = nullptr; // sign-in requests (aborted by cancel)
    TokenClient *misc = nullptr;   // sign-out and import requests
    QPointer<LoopbackReceiver> receiver;
    QPointer<DeviceFlow> device;
    bool busy = false;
    quint64 attempt = 0;

    QString indexPath() const { return accountsFilePath(dataDir); }

    void finishSignIn(const QString &accountId, const QString &error)
    {
        if (!busy)
            return;
        busy = false;
        ++attempt;
        if (receiver) {
            receiver->close();
            receiver->deleteLater();
        }
        if (device) {
            device->cancel();
            device->deleteLater();
        }
        Q_EMIT q->signInFinished(accountId, error);
    }

    // Identity, keychain, listing: the same for browser, device and import. `done` gets the
    // account id or an error.
    void complete(const QString &provider, const TokenSet &tokens, const QJsonObject &answer,
                  const QJsonObject &registration, Account seed, std::function<void(const QString &, const QString &)> done)
    {
        Account account = seed;
        account.provider = provider;
        applyIdentity(provider, tokens, answer, &account);
        const ProviderSpec spec = providerSpec(provider, env);
        if (account.email.isEmpty() && !spec.userinfoUrl.isEmpty() && !tokens.accessToken.isEmpty()) {
            QPointer<AccountManager> guard(q);
            misc->getJson(spec.userinfoUrl, tokens.accessToken, [this, guard, provider, tokens, registration, account, done](const JsonReply &r) mutable {
                if (!guard)
                    return;
                if (r.ok())
                    account.email = r.json.value(QLatin1String("email")).toString().left(200);
                else
                    qCInfo(lcCredentials).noquote() << "could not read the account's email:" << r.message();
                store(provider, tokens, registration, account, done);
            });
            return;
        }
        store(provider, tokens, registration, account, std::move(done));
    }

    void store(const QString &provider, const TokenSet &tokens, const QJsonObject &registration, Account account,
               std::function<void(const QString &, const QString &)> done)
    {
        Result<AccountIndex> loaded = loadAccountIndex(indexPath());
        if (!loaded)
            return done({}, loaded.error().message);
        AccountIndex index = *loaded;
        if (account.id.isEmpty()) {
            QString fallback = jwtClaims(tokens.idToken).value(QLatin1String("sub")).toString().left(80);
            if (fallback.isEmpty()) {
                int n = 1;
                for (const Account &a : index.accounts)
                    if (a.provider == provider)
                        ++n;
                fallback = QStringLiteral("account-%1").arg(n);
                while (index.find(accountIdFor(provider, {}, fallback)))
                    fallback = QStringLiteral("account-%1").arg(++n);
            }
            account.id = accountIdFor(provider, account.email, fallback);
        }
        if (index.storeId.isEmpty()) {
            // The store id namespaces the keychain entries: fix it before writing any.
            if (const QString error = saveAccountIndex(indexPath(), index); !error.isEmpty())
                return done({}, error);
        }
        const QString storeId = index.storeId;
        account.state = Account::State::Ready;
        account.stateReason.clear();
        vault->write(storeId, account.id, StoredTokens{tokens, registration}, [this, account, done](const QString &error) {
            if (!error.isEmpty())
                return done({}, QStringLiteral("saving the tokens in the keychain failed: %1").arg(error));
            // Read again: the list may have changed while the keychain was busy.
            Result<AccountIndex> again = loadAccountIndex(indexPath());
            if (!again)
                return done({}, again.error().message);
            AccountIndex index = *again;
            index.upsert(account);
            if (const QString e = saveAccountIndex(indexPath(), index); !e.isEmpty())
                return done({}, e);
            Q_EMIT q->accountsChanged();
            done(account.id, {});
        });
    }

    void startBrowser(const ProviderSpec &spec)
    {
        const QString state = randomState();
        const Pkce pkce = makePkce();
        auto *r = new LoopbackReceiver(spec.redirectPath, state, q);
        QString error;
        if (!r->listen(quint16(spec.redirectPort), &error)) {
            delete r;
            if (spec.redirectPort != 0)
                error += QStringLiteral(" (the provider only accepts this port; close the program using it, e.g. a running "
                                        "CLI sign-in, or use the device sign-in)");
            return finishSignIn({}, error);
        }
        receiver = r;
        const QString redirectUri = QStringLiteral("http://%1:%2%3").arg(spec.redirectHost).arg(r->port()).arg(spec.redirectPath);
        QUrl url = spec.authorizeUrl;
        QUrlQuery query;
        query.addQueryItem(QStringLiteral("response_type"), QStringLiteral("code"));
        query.addQueryItem(QStringLiteral("client_id"), spec.clientId);
        query.addQueryItem(QStringLiteral("redirect_uri"), redirectUri);
        query.addQueryItem(QStringLiteral("scope"), spec.scopes.join(QLatin1Char(' ')));
        query.addQueryItem(QStringLiteral("code_challenge"), QString::fromLatin1(pkce.challenge));
        query.addQueryItem(QStringLiteral("code_challenge_method"), QStringLiteral("S256"));
        query.addQueryItem(QStringLiteral("state"), state);
        for (const auto &[k, v] : spec.extraAuthorizeParams)
            query.addQueryItem(k, v);
        // Encode what QUrlQuery leaves alone ('+' would read as a space, ':' and '/' are fine).
        QString encoded = query.toString(QUrl::FullyEncoded);
        encoded.replace(QLatin1Char('+'), QLatin1String("%2B"));
        url.setQuery(encoded, QUrl::StrictMode);
        const quint64 mine = attempt;
        const QString provider = spec.info.id;
        connect(r, &LoopbackReceiver::failed, q, [this, mine](const QString &e) {
            if (mine == attempt)
                finishSignIn({}, e);
        });
        connect(r, &LoopbackReceiver::codeReceived, q, [this, mine, spec, pkce, redirectUri, provider](const QString &code) {
            if (mine != attempt)
                return;
            receiver->close();
            Q_EMIT q->signInProgress(QStringLiteral("Exchanging the authorization code…"));
            client->exchangeCode(spec, code, pkce.verifier, redirectUri, [this, mine, provider](const JsonReply &reply) {
                if (mine != attempt)
                    return;
                if (!reply.ok())
                    return finishSignIn({}, QStringLiteral("the code exchange failed: %1").arg(reply.message()));
                const TokenSet tokens = parseTokenSet(reply.json, QDateTime::currentDateTimeUtc());
                if (tokens.accessToken.isEmpty())
                    return finishSignIn({}, QStringLiteral("the code exchange failed: the answer has no access token"));
                complete(provider, tokens, reply.json, {}, {}, [this, mine](const QString &id, const QString &e) {
                    if (mine == attempt)
                        finishSignIn(id, e);
                });
            });
        });
        Q_EMIT q->browserUrlReady(url);
        Q_EMIT q->signInProgress(QStringLiteral("Waiting for the sign-in in the browser…"));
    }

    void startDevice(const ProviderSpec &spec)
    {
        auto *flow = new DeviceFlow(spec, client, q);
        bool okScale = false;
        const int secondMs = env.value(QStringLiteral("LIP_OAUTH_DEVICE_SECOND_MS")).toInt(&okScale);
        const QString host = spec.deviceUrl.host();
        const bool loopback = host == QLatin1String("127.0.0.1") || host == QLatin1String("localhost");
        if (okScale && secondMs > 0 && loopback)
            flow->setSecondMs(secondMs); // tests only (a fake server on loopback): shrinks the polling interval
        device = flow;
        const quint64 mine = attempt;
        const QString provider = spec.info.id;
        connect(flow, &DeviceFlow::codeReady, q, &AccountManager::deviceCodeReady);
        connect(flow, &DeviceFlow::finished, q,
                [this, mine, provider](const TokenSet &tokens, const QJsonObject &answer, const QJsonObject &registration,
                                       const QString &error) {
                    if (mine != attempt)
                        return;
                    if (!error.isEmpty())
                        return finishSignIn({}, error);
                    complete(provider, tokens, answer, registration, {}, [this, mine](const QString &id, const QString &e) {
                        if (mine == attempt)
                            finishSignIn(id, e);
                    });
                });
        Q_EMIT q->signInProgress(QStringLiteral("Asking for a device code…"));
        flow->start();
    }
};

AccountManager::AccountManager(const QString &dataDir, const QHash<QString, QString> &env,
                               std::unique_ptr<config::credentials::SecretBackend> backend, QObject *parent)
    : QObject(parent), d(std::make_unique<Private>())
{
    d->q = this;
    d->dataDir = dataDir;
    d->env = env;
    d->vault = new TokenVault(std::move(backend), this);
    d->client = new TokenClient(this);
    d->misc = new TokenClient(this);
}

AccountManager::~AccountManager()
{
    d->busy = false; // no signal from the destructor
}

QList<ProviderInfo> AccountManager::providers() const
{
    QList<ProviderInfo> list;
    for (const ProviderSpec &s : providerSpecs(d->env))
        list.append(s.info);
    return list;
}

QList<Account> AccountManager::accounts() const
{
    Result<AccountIndex> loaded = loadAccountIndex(d->indexPath());
    if (!loaded) {
        qCWarning(lcCredentials).noquote() << loaded.error().message;
        return {};
    }
    return loaded->accounts;
}

void AccountManager::signIn(const QString &provider, Flow flow)
{
    if (d->busy) {
        QTimer::singleShot(0, this, [this] {
            Q_EMIT signInFinished({}, QStringLiteral("another sign-in is in progress; finish or cancel it first"));
        });
        return;
    }
    const ProviderSpec spec = providerSpec(provider, d->env);
    QString problem;
    if (spec.info.id.isEmpty())
        problem = QStringLiteral("unknown provider '%1' (known: %2)").arg(provider.left(40), providerIds().join(QStringLiteral(", ")));
    else if (flow == Flow::Browser && !spec.info.browserFlow)
        problem = spec.info.deviceFlow ? QStringLiteral("%1 signs in with a device code, not in the browser").arg(provider)
                                       : QStringLiteral("%1 logins can only be imported from its own CLI").arg(provider);
    else if (flow == Flow::Device && !spec.info.deviceFlow)
        problem = spec.info.browserFlow ? QStringLiteral("%1 has no device sign-in; use the browser sign-in").arg(provider)
                                        : QStringLiteral("%1 logins can only be imported from its own CLI").arg(provider);
    d->busy = true;
    ++d->attempt;
    if (!problem.isEmpty()) {
        QTimer::singleShot(0, this, [this, problem] { d->finishSignIn({}, problem); });
        return;
    }
    const quint64 mine = d->attempt;
    Q_EMIT signInProgress(QStringLiteral("Checking the keychain…"));
    // Tokens are only ever kept in the keychain: without one, stop before the browser opens.
    d->vault->probe([this, mine, spec, flow](const QString &error) {
        if (mine != d->attempt)
            return;
        if (!error.isEmpty())
            return d->finishSignIn({}, QStringLiteral("the OS keychain cannot be used (%1); sign-in tokens are only stored "
                                                      "there, so signing in is not possible on this system").arg(error));
        if (flow == Flow::Browser)
            d->startBrowser(spec);
        else
            d->startDevice(spec);
    });
}

void AccountManager::cancelSignIn()
{
    if (!d->busy)
        return;
    d->client->abortAll();
    d->finishSignIn({}, QStringLiteral("cancelled"));
}

void AccountManager::importExisting(const QString &provider, Done done)
{
    const ProviderSpec spec = providerSpec(provider, d->env);
    if (spec.info.id.isEmpty() || spec.info.importPath.isEmpty()) {
        QTimer::singleShot(0, this, [done, provider] { done(QStringLiteral("nothing to import for '%1'").arg(provider.left(40))); });
        return;
    }
    Result<ImportedLogin> login = readCliLogin(provider, spec.info.importPath);
    if (!login) {
        const QString error = login.error().message;
        QTimer::singleShot(0, this, [done, error] { done(error); });
        return;
    }
    const ImportedLogin imported = *login;
    QPointer<AccountManager> self(this);
    d->vault->probe([self, provider, imported, done](const QString &error) {
        if (!self)
            return;
        if (!error.isEmpty())
            return done(QStringLiteral("the OS keychain cannot be used (%1); imported tokens are only stored there").arg(error));
        Account seed;
        seed.email = imported.email;
        seed.plan = imported.plan;
        seed.extra.insert(QStringLiteral("imported_from"), providerSpec(provider, self->d->env).info.importPath);
        self->d->complete(provider, imported.tokens, imported.answer, imported.registration, seed,
                          [done](const QString &, const QString &e) { done(e); });
    });
}

void AccountManager::signOut(const QString &accountId, Done done)
{
    Result<AccountIndex> loaded = loadAccountIndex(d->indexPath());
    const Account *found = loaded ? loaded->find(accountId) : nullptr;
    if (!found) {
        const QString error = loaded ? QStringLiteral("no account '%1'").arg(accountId.left(200)) : loaded.error().message;
        QTimer::singleShot(0, this, [done, error] { done(error); });
        return;
    }
    const QString storeId = loaded->storeId;
    const ProviderSpec spec = providerSpec(found->provider, d->env);
    QPointer<AccountManager> self(this);
    auto forget = [self, storeId, accountId, done](const QString &revokeNote) {
        if (!self)
            return;
        self->d->vault->remove(storeId, accountId, [self, accountId, done, revokeNote](const QString &error) {
            if (!self)
                return;
            if (!error.isEmpty())
                return done(QStringLiteral("removing the tokens from the keychain failed: %1").arg(error));
            Result<AccountIndex> again = loadAccountIndex(self->d->indexPath());
            if (!again)
                return done(again.error().message);
            AccountIndex index = *again;
            index.remove(accountId);
            if (const QString e = saveAccountIndex(self->d->indexPath(), index); !e.isEmpty())
                return done(e);
            Q_EMIT self->accountsChanged();
            if (!revokeNote.isEmpty())
                qCInfo(lcCredentials).noquote() << revokeNote;
            done({});
        });
    };
    if (spec.revokeUrl.isEmpty())
        return forget({});
    d->vault->read(storeId, accountId, [self, spec, forget](const QString &error, const StoredTokens &stored) {
        if (!self)
            return;
        const QString token = stored.tokens.refreshToken.isEmpty() ? stored.tokens.accessToken : stored.tokens.refreshToken;
        if (!error.isEmpty() || token.isEmpty())
            return forget({});
        self->d->misc->revoke(spec, token, [forget](const JsonReply &r) {
            // Google answers 200 with an empty body; anything else is worth a line, not a failure.
            const bool revoked = r.httpStatus >= 200 && r.httpStatus < 300;
            forget(revoked ? QString() : QStringLiteral("revoking the token failed (%1); it was deleted here anyway").arg(r.message()));
        });
    });
}

void AccountManager::reorder(const QString &provider, const QStringList &accountIds, Done done)
{
    Result<AccountIndex> loaded = loadAccountIndex(d->indexPath());
    QString error;
    if (!loaded) {
        error = loaded.error().message;
    } else {
        AccountIndex index = *loaded;
        QList<qsizetype> positions;
        QList<Account> mine;
        for (qsizetype i = 0; i < index.accounts.size(); ++i)
            if (index.accounts.at(i).provider == provider) {
                positions << i;
                mine << index.accounts.at(i);
            }
        QList<Account> sorted;
        for (const QString &id : accountIds)
            for (qsizetype i = 0; i < mine.size(); ++i)
                if (mine.at(i).id == id) {
                    sorted << mine.takeAt(i);
                    break;
                }
        sorted += mine; // accounts not named keep their relative order, after the named ones
        for (qsizetype i = 0; i < positions.size(); ++i)
            index.accounts[positions.at(i)] = sorted.at(i);
        error = saveAccountIndex(d->indexPath(), index);
        if (error.isEmpty())
            Q_EMIT accountsChanged();
    }
    QTimer::singleShot(0, this, [done, error] { done(error); });
}

} // namespace lip::oauth
