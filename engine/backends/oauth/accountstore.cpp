// SPDX-License-Identifier: GPL-3.0-or-later
#include "backends/oauth/accountstore.h"

#include "config/credentials/secretbackend.h"
#include "config/credentials/secretchunks.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QPointer>
#include <QSaveFile>
#include <QUuid>

namespace lip::oauth {

namespace creds = lip::config::credentials;

namespace {

const QByteArray kPartsHeader = "lip-oauth-parts:";

int lineOf(const QByteArray &text, int offset)
{
    return int(text.left(offset).count('\n')) + 1;
}

QString stateName(Account::State s)
{
    return s == Account::State::SignInNeeded ? QStringLiteral("sign_in_needed") : QStringLiteral("ready");
}

} // namespace

const Account *AccountIndex::find(const QString &id) const
{
    for (const Account &a : accounts)
        if (a.id == id)
            return &a;
    return nullptr;
}

void AccountIndex::upsert(const Account &account)
{
    Account listed = account;
    listed.tokens = {};
    for (Account &a : accounts)
        if (a.id == account.id) {
            a = listed;
            return;
        }
    accounts.append(listed);
}

bool AccountIndex::remove(const QString &id)
{
    for (qsizetype i = 0; i < accounts.size(); ++i)
        if (accounts.at(i).id == id) {
            accounts.removeAt(i);
            return true;
        }
    return false;
}

QString accountsFilePath(const QString &dataDir)
{
    return QDir(dataDir).filePath(QStringLiteral("accounts.json"));
}

Result<AccountIndex> loadAccountIndex(const QString &path)
{
    AccountIndex index;
    QFile file(path);
    if (!file.exists())
        return index;
    if (QFileInfo(path).size() > kMaxAccountsFileBytes)
        return Error::make(ErrorCategory::Internal, QStringLiteral("%1: larger than 1 MiB, not an account list").arg(path));
    if (!file.open(QIODevice::ReadOnly))
        return Error::make(ErrorCategory::Internal, QStringLiteral("%1: cannot be read: %2").arg(path, file.errorString()));
    const QByteArray bytes = file.read(kMaxAccountsFileBytes + 1);
    QJsonParseError pe{};
    const QJsonDocument doc = QJsonDocument::fromJson(bytes, &pe);
    if (pe.error != QJsonParseError::NoError)
        return Error::make(ErrorCategory::Internal,
                           QStringLiteral("%1:%2: not valid JSON (%3)").arg(path).arg(lineOf(bytes, pe.offset)).arg(pe.errorString()));
    if (!doc.isObject())
        return Error::make(ErrorCategory::Internal, QStringLiteral("%1:1: expected a JSON object").arg(path));
    const QJsonObject root = doc.object();
    index.storeId = root.value(QLatin1String("store")).toString();
    const QJsonValue list = root.value(QLatin1String("accounts"));
    if (!list.isUndefined() && !list.isArray())
        return Error::make(ErrorCategory::Internal, QStringLiteral("%1: key 'accounts' must be a list").arg(path));
    const QJsonArray array = list.toArray();
    for (qsizetype i = 0; i < array.size(); ++i) {
        const QJsonObject o = array.at(i).toObject();
        Account a;
        a.id = o.value(QLatin1String("id")).toString();
        a.provider = o.value(QLatin1String("provider")).toString();
        if (a.id.isEmpty() || a.provider.isEmpty() || a.id.size() > 300)
            return Error::make(ErrorCategory::Internal,
                               QStringLiteral("%1: accounts[%2] needs an 'id' and a 'provider'").arg(path).arg(i));
        if (index.find(a.id))
            return Error::make(ErrorCategory::Internal, QStringLiteral("%1: accounts[%2]: duplicate id '%3'").arg(path).arg(i).arg(a.id));
        a.email = o.value(QLatin1String("email")).toString();
        a.plan = o.value(QLatin1String("plan")).toString();
        a.extra = o.value(QLatin1String("extra")).toObject();
        if (o.value(QLatin1String("state")).toString() == QLatin1String("sign_in_needed"))
            a.state = Account::State::SignInNeeded;
        a.stateReason = o.value(QLatin1String("reason")).toString();
        index.accounts.append(a);
    }
    return index;
}

QByteArray serializeAccountIndex(const AccountIndex &index)
{
    QJsonArray list;
    for (const Account &a : index.accounts) {
        QJsonObject o{{QStringLiteral("id"), a.id}, {QStringLiteral("provider"), a.provider}};
        if (!a.email.isEmpty())
            o.insert(QStringLiteral("email"), a.email);
        if (!a.plan.isEmpty())
            o.insert(QStringLiteral("plan"), a.plan);
        if (!a.extra.isEmpty())
            o.insert(QStringLiteral("extra"), a.extra);
        o.insert(QStringLiteral("state"), stateName(a.state));
        if (!a.stateReason.isEmpty())
            o.insert(QStringLiteral("reason"), a.stateReason);
        list.append(o);
    }
    const QJsonObject root{{QStringLiteral("version"), 1}, {QStringLiteral("store"), index.storeId},
                           {QStringLiteral("accounts"), list}};
    return QJsonDocument(root).toJson(QJsonDocument::Indented);
}

QString saveAccountIndex(const QString &path, AccountIndex &index)
{
    if (index.storeId.isEmpty())
        index.storeId = QUuid::createUuid().toString(QUuid::WithoutBraces).left(8);
    QDir().mkpath(QFileInfo(path).absolutePath());
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return QStringLiteral("%1: cannot be written: %2").arg(path, file.errorString());
    file.write(serializeAccountIndex(index));
    if (!file.commit())
        return QStringLiteral("%1: cannot be written: %2").arg(path, file.errorString());
    return {};
}

QByteArray serializeTokens(const StoredTokens &stored)
{
    QJsonObject o;
    const TokenSet &t = stored.tokens;
    o.insert(QStringLiteral("access_token"), t.accessToken);
    if (!t.refreshToken.isEmpty())
        o.insert(QStringLiteral("refresh_token"), t.refreshToken);
    if (!t.idToken.isEmpty())
        o.insert(QStringLiteral("id_token"), t.idToken);
    if (t.expiresAt.isValid())
        o.insert(QStringLiteral("expires_at"), t.expiresAt.toUTC().toString(Qt::ISODateWithMs));
    if (!t.scope.isEmpty())
        o.insert(QStringLiteral("scope"), t.scope);
    if (!stored.registration.isEmpty())
        o.insert(QStringLiteral("registration"), stored.registration);
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

bool parseTokens(const QByteArray &json, StoredTokens *out)
{
    const QJsonDocument doc = QJsonDocument::fromJson(json);
    if (!doc.isObject())
        return false;
    const QJsonObject o = doc.object();
    StoredTokens s;
    s.tokens.accessToken = o.value(QLatin1String("access_token")).toString();
    s.tokens.refreshToken = o.value(QLatin1String("refresh_token")).toString();
    s.tokens.idToken = o.value(QLatin1String("id_token")).toString();
    s.tokens.scope = o.value(QLatin1String("scope")).toString();
    s.tokens.expiresAt = QDateTime::fromString(o.value(QLatin1String("expires_at")).toString(), Qt::ISODateWithMs).toUTC();
    s.registration = o.value(QLatin1String("registration")).toObject();
    if (s.tokens.accessToken.isEmpty() && s.tokens.refreshToken.isEmpty())
        return false;
    *out = s;
    return true;
}

TokenVault::TokenVault(std::unique_ptr<creds::SecretBackend> backend, QObject *parent)
    : QObject(parent), m_shared(std::make_shared<Shared>()), m_partSize(creds::defaultPartSize())
{
    m_shared->backend = std::move(backend);
    if (!m_shared->backend)
        m_shared->backend = creds::makeSystemSecretBackend(nullptr, QString::fromLatin1(kOAuthKeychainService));
    m_shared->backend->setParent(nullptr); // owned by the unique_ptr
}

TokenVault::~TokenVault()
{
    m_shared->alive = false;
    if (m_shared->inFlight > 0 && m_shared->backend)
        m_shared->backend.release()->setParent(nullptr); // deleted by the last answer (track())
}

std::function<void(const creds::SecretOutcome &)> TokenVault::track(std::function<void(const creds::SecretOutcome &)> f)
{
    std::shared_ptr<Shared> shared = m_shared;
    ++shared->inFlight;
    // The backend pointer is kept here too: the vault may release it from m_shared on destruction.
    QPointer<creds::SecretBackend> backend(shared->backend.get());
    return [shared, backend, f = std::move(f)](const creds::SecretOutcome &o) {
        --shared->inFlight;
        if (!shared->alive) {
            if (shared->inFlight == 0 && backend)
                backend->deleteLater(); // not from inside its own job's signal
            return;
        }
        f(o);
    };
}

QString TokenVault::description() const
{
    return backend()->description();
}

QString TokenVault::describe(const creds::SecretOutcome &outcome)
{
    const QString reason = outcome.message.isEmpty() ? QStringLiteral("no reason given") : outcome.message;
    switch (outcome.status) {
    case creds::SecretOutcome::Status::Unavailable:
        return QStringLiteral("unavailable: ") + reason;
    case creds::SecretOutcome::Status::Denied:
        return QStringLiteral("unavailable: access denied (%1)").arg(reason);
    case creds::SecretOutcome::Status::NotFound:
        return QStringLiteral("no tokens stored in the keychain");
    default:
        return QStringLiteral("keychain error: ") + reason;
    }
}

void TokenVault::probe(Done done)
{
    backend()->read(QStringLiteral("availability-probe"), track([done = std::move(done)](const creds::SecretOutcome &o) {
        done(o.ok() || o.status == creds::SecretOutcome::Status::NotFound ? QString() : describe(o));
    }));
}

void TokenVault::readPart0(const QString &key,
                           std::function<void(const creds::SecretOutcome &, int, QByteArray)> done)
{
    backend()->read(key, track([done = std::move(done)](const creds::SecretOutcome &o) {
        if (!o.ok())
            return done(o, 0, {});
        QByteArray value = o.value;
        int parts = 1;
        if (value.startsWith(kPartsHeader)) {
            const qsizetype nl = value.indexOf('\n');
            bool ok = false;
            parts = nl > 0 ? value.mid(kPartsHeader.size(), nl - kPartsHeader.size()).toInt(&ok) : 0;
            if (!ok || parts < 1 || parts > creds::kMaxParts) {
                creds::SecretOutcome bad;
                bad.status = creds::SecretOutcome::Status::Failed;
                bad.message = QStringLiteral("the stored tokens are damaged");
                return done(bad, 0, {});
            }
            value = value.mid(nl + 1);
        }
        done(o, parts, value);
    }));
}

void TokenVault::readRest(const QString &key, int parts, QList<QByteArray> collected, ReadDone done)
{
    if (collected.size() >= parts) {
        StoredTokens stored;
        if (!parseTokens(creds::joinParts(collected), &stored))
            return done(QStringLiteral("the stored tokens are damaged; sign in again"), {});
        return done({}, stored);
    }
    const QString partKey = creds::partKey(key, int(collected.size()));
    backend()->read(partKey, track([this, key, parts, collected = std::move(collected), done](const creds::SecretOutcome &o) mutable {
        if (!o.ok())
            return done(describe(o), {});
        collected.append(o.value);
        readRest(key, parts, std::move(collected), std::move(done));
    }));
}

void TokenVault::read(const QString &storeId, const QString &accountId, ReadDone done)
{
    const QString key = storeId + QLatin1Char('/') + accountId;
    readPart0(key, [this, key, done = std::move(done)](const creds::SecretOutcome &o, int parts, QByteArray first) {
        if (!o.ok())
            return done(describe(o), {});
        readRest(key, parts, {first}, done);
    });
}

void TokenVault::writeParts(const QString &key, QList<QByteArray> parts, int index, Done done)
{
    // Parts 1..n-1 first, part 0 (with the header) last: a reader never sees a header that
    // points at parts not written yet.
    const int n = int(parts.size());
    if (index >= n) {
        const QByteArray first = kPartsHeader + QByteArray::number(n) + '\n' + parts.at(0);
        backend()->write(key, first, track([done = std::move(done)](const creds::SecretOutcome &o) {
            done(o.ok() ? QString() : describe(o));
        }));
        return;
    }
    if (index == 0)
        return writeParts(key, std::move(parts), 1, std::move(done));
    const QByteArray part = parts.at(index);
    backend()->write(creds::partKey(key, index), part,
                     track([this, key, parts = std::move(parts), index, done = std::move(done)](const creds::SecretOutcome &o) mutable {
                         if (!o.ok())
                             return done(describe(o));
                         writeParts(key, std::move(parts), index + 1, std::move(done));
                     }));
}

void TokenVault::removeParts(const QString &key, int from, int to, Done done)
{
    if (from >= to)
        return done({});
    backend()->remove(creds::partKey(key, from), track([this, key, from, to, done = std::move(done)](const creds::SecretOutcome &o) mutable {
        if (!o.ok() && o.status != creds::SecretOutcome::Status::NotFound)
            return done(describe(o));
        removeParts(key, from + 1, to, std::move(done));
    }));
}

void TokenVault::write(const QString &storeId, const QString &accountId, const StoredTokens &stored, Done done)
{
    const QString key = storeId + QLatin1Char('/') + accountId;
    const QByteArray blob = serializeTokens(stored);
    if (blob.size() > creds::kMaxSecretBytes) {
        QMetaObject::invokeMethod(this, [done] { done(QStringLiteral("the tokens are larger than 128 KiB")); }, Qt::QueuedConnection);
        return;
    }
    QList<QByteArray> parts = creds::splitSecret(blob, m_partSize);
    readPart0(key, [this, key, parts = std::move(parts), done = std::move(done)](const creds::SecretOutcome &, int oldParts, QByteArray) mutable {
        const int newParts = int(parts.size());
        writeParts(key, std::move(parts), 0, [this, key, newParts, oldParts, done](const QString &error) {
            if (!error.isEmpty())
                return done(error);
            removeParts(key, newParts, oldParts, done);
        });
    });
}

void TokenVault::remove(const QString &storeId, const QString &accountId, Done done)
{
    const QString key = storeId + QLatin1Char('/') + accountId;
    readPart0(key, [this, key, done = std::move(done)](const creds::SecretOutcome &o, int parts, QByteArray) mutable {
        if (!o.ok())
            return done(o.status == creds::SecretOutcome::Status::NotFound ? QString() : describe(o));
        removeParts(key, 1, parts, [this, key, done](const QString &error) {
            if (!error.isEmpty())
                return done(error);
            backend()->remove(key, track([done](const creds::SecretOutcome &o) {
                done(o.ok() || o.status == creds::SecretOutcome::Status::NotFound ? QString() : describe(o));
            }));
        });
    });
}

} // namespace lip::oauth
