// SPDX-License-Identifier: GPL-3.0-or-later
#include "backends/oauth/tokenbroker.h"

#include "backends/oauth/accountstore.h"
#include "backends/oauth/oauthproviders.h"
#include "backends/oauth/tokenclient.h"
#include "config/credentials/secretbackend.h"
#include "core/logging.h"

#include <QPointer>
#include <QTimer>

#include <limits>
#include <vector>

namespace lip::oauth {

namespace {

constexpr qint64 kRefreshAheadSecs = 5 * 60;
constexpr int kMaxAffinityEntries = 10000;

QString signInHint(const QString &provider)
{
    return QStringLiteral("sign in again: `llm-interactive-proxy auth login %1` or the Accounts page").arg(provider);
}

} // namespace

class TokenBroker::Private
{
public:
    enum class Phase { Unloaded, Loading, Ready, Refreshing };

    struct Slot
    {
        Account account;
        QJsonObject registration;
        Phase phase = Phase::Unloaded;
        bool signInNeeded = false;
        QString reason;
        QDateTime coolUntil;
        std::vector<GrantCallback> waiters;
    };

    TokenBroker *q;
    QString dataDir;
    QHash<QString, QString> env;
    TokenVault *vault = nullptr;
    TokenClient *client = nullptr;
    bool indexLoaded = false;
    QString indexError;
    QString storeId;
    QList<QString> order;          // account ids, rotation order
    QHash<QString, Slot> byId;    // by account id
    QHash<QString, QString> affinity; // provider + '\n' + session → account id
    quint64 generation = 0;

    void ensureIndex()
    {
        if (indexLoaded)
            return;
        indexLoaded = true;
        // A small file read once (and after reload()): the rest of the broker never touches disk.
        Result<AccountIndex> loaded = loadAccountIndex(accountsFilePath(dataDir));
        if (!loaded) {
            indexError = loaded.error().message;
            return;
        }
        storeId = loaded->storeId;
        for (const Account &a : loaded->accounts) {
            Slot s;
            s.account = a;
            if (a.state == Account::State::SignInNeeded) {
                s.signInNeeded = true;
                s.reason = a.stateReason.isEmpty() ? QStringLiteral("sign-in needed") : a.stateReason;
            }
            order.append(a.id);
            byId.insert(a.id, s);
        }
    }

    AccessGrant grantOf(const Slot &s) const
    {
        AccessGrant g;
        g.accountId = s.account.id;
        g.email = s.account.email;
        g.accessToken = s.account.tokens.accessToken;
        g.extra = s.account.extra;
        return g;
    }

    Error signInError(const Slot &s) const
    {
        Error e = Error::make(ErrorCategory::Authentication,
                              QStringLiteral("OAuth account '%1' needs to sign in again (%2): %3")
                                  .arg(s.account.id, s.reason, signInHint(s.account.provider)));
        e.upstreamType = "oauth_sign_in_needed";
        return e;
    }

    void deliverLater(GrantCallback done, Result<AccessGrant> result)
    {
        // Never call back from inside acquire(): callers may hold state they set up after it.
        QTimer::singleShot(0, q, [done = std::move(done), result = std::move(result)]() mutable { done(std::move(result)); });
    }

    void finishWaiters(const QString &id, const std::function<Result<AccessGrant>()> &make)
    {
        auto it = byId.find(id);
        if (it == byId.end())
            return;
        std::vector<GrantCallback> waiters;
        waiters.swap(it->waiters);
        for (GrantCallback &w : waiters)
            w(make());
    }

    bool expiringSoon(const Slot &s) const
    {
        const TokenSet &t = s.account.tokens;
        if (t.refreshToken.isEmpty())
            return false; // nothing to refresh with: use what there is until the upstream refuses it
        if (!t.expiresAt.isValid() || t.accessToken.isEmpty())
            return true;
        return QDateTime::currentDateTimeUtc().secsTo(t.expiresAt) < kRefreshAheadSecs;
    }

    // Gets a usable token for `id` (loading and refreshing as needed) and calls `done` once.
    void withToken(const QString &id, bool forceRefresh, GrantCallback done)
    {
        Slot &s = byId[id];
        if (s.signInNeeded) {
            deliverLater(std::move(done), signInError(s));
            return;
        }
        switch (s.phase) {
        case Phase::Loading:
        case Phase::Refreshing:
            s.waiters.push_back(std::move(done));
            return;
        case Phase::Unloaded:
            s.waiters.push_back(std::move(done));
            load(id, forceRefresh);
            return;
        case Phase::Ready:
            if (forceRefresh || expiringSoon(s)) {
                s.waiters.push_back(std::move(done));
                refresh(id);
                return;
            }
            deliverLater(std::move(done), grantOf(s));
            return;
        }
    }

    void load(const QString &id, bool forceRefresh)
    {
        byId[id].phase = Phase::Loading;
        const quint64 gen = generation;
        vault->read(storeId, id, [this, id, gen, forceRefresh](const QString &error, const StoredTokens &stored) {
            if (gen != generation || !byId.contains(id))
                return;
            Slot &s = byId[id];
            if (!error.isEmpty()) {
                s.phase = Phase::Unloaded; // try the keychain again next time (it may be unlocked by then)
                const Error e = Error::make(ErrorCategory::Authentication,
                                            QStringLiteral("OAuth account '%1': tokens cannot be read from the keychain (%2); %3")
                                                .arg(id, error, signInHint(s.account.provider)));
                finishWaiters(id, [e] { return Result<AccessGrant>(e); });
                return;
            }
            s.account.tokens = stored.tokens;
            s.registration = stored.registration;
            s.phase = Phase::Ready;
            if (forceRefresh || expiringSoon(s)) {
                refresh(id);
                return;
            }
            finishWaiters(id, [this, id] { return Result<AccessGrant>(grantOf(byId[id])); });
        });
    }

    void refresh(const QString &id)
    {
        Slot &s = byId[id];
        if (s.account.tokens.refreshToken.isEmpty()) {
            // Nothing to refresh with (an imported access token only): the account must sign in.
            markSignInNeeded(id, QStringLiteral("the access token expired and there is no refresh token"));
            return;
        }
        s.phase = Phase::Refreshing;
        const ProviderSpec spec = providerSpec(s.account.provider, env);
        if (spec.info.id.isEmpty() || spec.tokenUrl.isEmpty()) {
            s.phase = Phase::Ready;
            const Error e = Error::make(ErrorCategory::Authentication,
                                        QStringLiteral("OAuth account '%1': provider '%2' cannot refresh tokens").arg(id, s.account.provider));
            finishWaiters(id, [e] { return Result<AccessGrant>(e); });
            return;
        }
        qCInfo(lcCredentials) << "refreshing the OAuth token of" << id;
        const quint64 gen = generation;
        client->refresh(spec, s.account.tokens.refreshToken, s.registration, [this, id, gen](const JsonReply &r) {
            if (gen != generation || !byId.contains(id))
                return;
            onRefreshed(id, r);
        });
    }

    void onRefreshed(const QString &id, const JsonReply &r)
    {
        Slot &s = byId[id];
        s.phase = Phase::Ready;
        if (r.invalidGrant() || (r.httpStatus == 401 && r.oauthError == QLatin1String("unauthorized_client"))) {
            markSignInNeeded(id, QStringLiteral("the provider refused the refresh token: it was revoked or has expired"));
            return;
        }
        TokenSet fresh = r.ok() ? parseTokenSet(r.json, QDateTime::currentDateTimeUtc()) : TokenSet();
        if (!r.ok() || fresh.accessToken.isEmpty()) {
            const QString why = r.ok() ? QStringLiteral("the answer has no access token") : r.message();
            qCWarning(lcCredentials).noquote() << "refreshing the OAuth token of" << id << "failed:" << why;
            // A transient failure: a token that has not expired yet is still good to use.
            const TokenSet &old = s.account.tokens;
            if (!old.accessToken.isEmpty() && old.expiresAt.isValid() && old.expiresAt > QDateTime::currentDateTimeUtc()) {
                finishWaiters(id, [this, id] { return Result<AccessGrant>(grantOf(byId[id])); });
                return;
            }
            Error e = Error::make(r.httpStatus == 0 ? ErrorCategory::UpstreamUnreachable : ErrorCategory::Authentication,
                                  QStringLiteral("OAuth account '%1': refreshing the access token failed: %2").arg(id, why));
            e.upstreamStatus = r.httpStatus;
            finishWaiters(id, [e] { return Result<AccessGrant>(e); });
            return;
        }
        if (fresh.refreshToken.isEmpty())
            fresh.refreshToken = s.account.tokens.refreshToken; // not rotated: keep the one we have
        if (fresh.idToken.isEmpty())
            fresh.idToken = s.account.tokens.idToken;
        if (fresh.scope.isEmpty())
            fresh.scope = s.account.tokens.scope;
        s.account.tokens = fresh;
        // Written back so a rotated refresh token survives a restart; the request does not wait.
        StoredTokens stored{fresh, s.registration};
        vault->write(storeId, id, stored, [id](const QString &error) {
            if (!error.isEmpty())
                qCWarning(lcCredentials).noquote() << "saving the refreshed tokens of" << id << "failed:" << error;
        });
        finishWaiters(id, [this, id] { return Result<AccessGrant>(grantOf(byId[id])); });
    }

    void markSignInNeeded(const QString &id, const QString &reason)
    {
        Slot &s = byId[id];
        const bool first = !s.signInNeeded;
        s.signInNeeded = true;
        s.reason = reason;
        s.phase = Phase::Ready;
        const Error e = signInError(s);
        qCWarning(lcCredentials).noquote() << e.message;
        finishWaiters(id, [e] { return Result<AccessGrant>(e); });
        if (first)
            Q_EMIT q->signInNeeded(id, e.message);
    }

    // The candidate accounts of `provider` in rotation order, the session's account first.
    QStringList candidates(const QString &provider, const QString &sessionKey) const
    {
        QStringList ids;
        for (const QString &id : order)
            if (byId.value(id).account.provider == provider)
                ids << id;
        const QString preferred = affinity.value(provider + QLatin1Char('\n') + sessionKey);
        if (!preferred.isEmpty() && ids.removeOne(preferred))
            ids.prepend(preferred);
        return ids;
    }

    void acquire(const QString &provider, const QString &sessionKey, GrantCallback done)
    {
        ensureIndex();
        if (!indexError.isEmpty()) {
            deliverLater(std::move(done), Error::make(ErrorCategory::Internal, indexError));
            return;
        }
        const QStringList ids = candidates(provider, sessionKey);
        if (ids.isEmpty()) {
            deliverLater(std::move(done),
                         Error::make(ErrorCategory::Authentication,
                                     QStringLiteral("no %1 account is signed in: sign in with `llm-interactive-proxy auth login %1` "
                                                    "or the Accounts page")
                                         .arg(provider)));
            return;
        }
        const QDateTime now = QDateTime::currentDateTimeUtc();
        QString chosen;
        QDateTime earliest;
        for (const QString &id : ids) {
            const Slot &s = byId[id];
            if (s.signInNeeded)
                continue;
            if (s.coolUntil.isValid() && s.coolUntil > now) {
                if (!earliest.isValid() || s.coolUntil < earliest)
                    earliest = s.coolUntil;
                continue;
            }
            chosen = id;
            break;
        }
        if (chosen.isEmpty()) {
            if (earliest.isValid()) {
                Error e = Error::make(ErrorCategory::RateLimited,
                                      QStringLiteral("every %1 account is resting after a quota answer").arg(provider));
                e.retryAfterMs = int(qMin<qint64>(now.msecsTo(earliest), std::numeric_limits<int>::max()));
                deliverLater(std::move(done), e);
            } else {
                deliverLater(std::move(done), signInError(byId[ids.first()]));
            }
            return;
        }
        if (!sessionKey.isEmpty()) {
            if (affinity.size() > kMaxAffinityEntries)
                affinity.clear();
            affinity.insert(provider + QLatin1Char('\n') + sessionKey, chosen);
        }
        withToken(chosen, false, std::move(done));
    }
};

TokenBroker::TokenBroker(const QString &dataDir, const QHash<QString, QString> &env,
                         std::unique_ptr<config::credentials::SecretBackend> backend, QObject *parent)
    : QObject(parent), d(std::make_unique<Private>())
{
    d->q = this;
    d->dataDir = dataDir;
    d->env = env;
    d->vault = new TokenVault(std::move(backend), this);
    d->client = new TokenClient(this);
}

TokenBroker::~TokenBroker() = default;

void TokenBroker::acquire(const QString &provider, const QString &sessionKey, GrantCallback done)
{
    d->acquire(provider, sessionKey, std::move(done));
}

void TokenBroker::rejected(const AccessGrant &grant, GrantCallback done)
{
    d->ensureIndex();
    if (!d->byId.contains(grant.accountId)) {
        d->deliverLater(std::move(done), Error::make(ErrorCategory::Authentication,
                                                     QStringLiteral("OAuth account '%1' is no longer signed in").arg(grant.accountId)));
        return;
    }
    const Private::Slot &s = d->byId[grant.accountId];
    // Someone else refreshed since this grant was handed out: the new token is the answer.
    const bool alreadyRefreshed = s.phase == Private::Phase::Ready && !s.account.tokens.accessToken.isEmpty()
                                  && s.account.tokens.accessToken != grant.accessToken;
    d->withToken(grant.accountId, !alreadyRefreshed, std::move(done));
}

void TokenBroker::quotaExhausted(const AccessGrant &grant, const QDateTime &until)
{
    d->ensureIndex();
    auto it = d->byId.find(grant.accountId);
    if (it == d->byId.end())
        return;
    it->coolUntil = until.isValid() ? until.toUTC() : QDateTime::currentDateTimeUtc().addSecs(60);
    // Sessions pinned to it move on at their next acquire.
    for (auto a = d->affinity.begin(); a != d->affinity.end();)
        a = a.value() == grant.accountId ? d->affinity.erase(a) : std::next(a);
}

void TokenBroker::reload()
{
    ++d->generation;
    // Waiters of the old generation get an answer instead of hanging.
    for (auto it = d->byId.begin(); it != d->byId.end(); ++it) {
        std::vector<GrantCallback> waiters;
        waiters.swap(it->waiters);
        for (GrantCallback &w : waiters)
            d->deliverLater(std::move(w), Error::make(ErrorCategory::UpstreamUnreachable,
                                                      QStringLiteral("the OAuth accounts were reloaded; try again")));
    }
    d->byId.clear();
    d->order.clear();
    d->affinity.clear();
    d->indexLoaded = false;
    d->indexError.clear();
}

} // namespace lip::oauth
