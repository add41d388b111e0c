// SPDX-License-Identifier: GPL-3.0-or-later
#include "backends/oauth/cliimport.h"

#include "backends/oauth/identity.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>

namespace lip::oauth {

namespace {

constexpr qint64 kMaxFileBytes = 1024 * 1024;

Error fileError(const QString &path, const QString &what)
{
    return Error::make(ErrorCategory::InvalidRequest, QStringLiteral("%1: %2").arg(path, what));
}

Result<QJsonObject> readJsonObject(const QString &path)
{
    QFile file(path);
    if (!file.exists())
        return fileError(path, QStringLiteral("not found (is the provider's CLI signed in on this computer?)"));
    if (QFileInfo(path).size() > kMaxFileBytes)
        return fileError(path, QStringLiteral("larger than 1 MiB, not a login file"));
    if (!file.open(QIODevice::ReadOnly))
        return fileError(path, QStringLiteral("cannot be read: %1").arg(file.errorString()));
    const QByteArray bytes = file.read(kMaxFileBytes + 1);
    QJsonParseError pe{};
    const QJsonDocument doc = QJsonDocument::fromJson(bytes, &pe);
    if (pe.error != QJsonParseError::NoError) {
        const int line = int(bytes.left(pe.offset).count('\n')) + 1;
        return Error::make(ErrorCategory::InvalidRequest,
                           QStringLiteral("%1:%2: not valid JSON (%3)").arg(path).arg(line).arg(pe.errorString()));
    }
    if (!doc.isObject())
        return fileError(path, QStringLiteral("expected a JSON object"));
    return doc.object();
}

QString s(const QJsonObject &o, const char *key)
{
    return o.value(QLatin1String(key)).toString();
}

QDateTime msOrIso(const QJsonValue &v)
{
    if (v.isDouble())
        return QDateTime::fromMSecsSinceEpoch(qint64(v.toDouble())).toUTC();
    if (v.isString()) {
        bool ok = false;
        const qint64 ms = v.toString().toLongLong(&ok);
        if (ok)
            return QDateTime::fromMSecsSinceEpoch(ms).toUTC();
        return QDateTime::fromString(v.toString(), Qt::ISODateWithMs).toUTC();
    }
    return {};
}

QDateTime jwtExpiry(const QString &token)
{
    const QJsonValue exp = jwtClaims(token).value(QLatin1String("exp"));
    return exp.isDouble() ? QDateTime::fromSecsSinceEpoch(qint64(exp.toDouble())).toUTC() : QDateTime();
}

} // namespace

Result<ImportedLogin> readCliLogin(const QString &provider, const QString &path)
{
    Result<QJsonObject> loaded = readJsonObject(path);
    if (!loaded)
        return loaded.error();
    const QJsonObject root = *loaded;
    ImportedLogin login;
    TokenSet &t = login.tokens;

    if (provider == QLatin1String("openai")) {
        const QJsonObject tokens = root.value(QLatin1String("tokens")).toObject();
        t.accessToken = s(tokens, "access_token");
        t.refreshToken = s(tokens, "refresh_token");
        t.idToken = s(tokens, "id_token");
        t.expiresAt = jwtExpiry(t.accessToken);
        if (!s(tokens, "account_id").isEmpty())
            login.answer.insert(QStringLiteral("account_id"), s(tokens, "account_id"));
    } else if (provider == QLatin1String("google") || provider == QLatin1String("qwen")) {
        t.accessToken = s(root, "access_token");
        t.refreshToken = s(root, "refresh_token");
        t.idToken = s(root, "id_token");
        t.scope = s(root, "scope");
        t.expiresAt = msOrIso(root.value(QLatin1String("expiry_date")));
        if (!s(root, "resource_url").isEmpty())
            login.answer.insert(QStringLiteral("resource_url"), s(root, "resource_url"));
    } else if (provider == QLatin1String("anthropic")) {
        const QJsonObject o = root.value(QLatin1String("claudeAiOauth")).toObject();
        if (o.isEmpty())
            return fileError(path, QStringLiteral("has no 'claudeAiOauth' login (sign in with Claude Code first)"));
        t.accessToken = s(o, "accessToken");
        t.refreshToken = s(o, "refreshToken");
        t.expiresAt = msOrIso(o.value(QLatin1String("expiresAt")));
        login.plan = s(o, "subscriptionType");
    } else if (provider == QLatin1String("kiro")) {
        t.accessToken = s(root, "accessToken");
        t.refreshToken = s(root, "refreshToken");
        t.expiresAt = msOrIso(root.value(QLatin1String("expiresAt")));
        for (const char *key : {"profileArn", "region"})
            if (!s(root, key).isEmpty())
                login.answer.insert(QLatin1String(key), s(root, key));
        // The registered client (needed to refresh) sits next to it, named by its hash.
        const QString hash = s(root, "clientIdHash");
        if (!hash.isEmpty() && !hash.contains(QLatin1Char('/')) && !hash.contains(QLatin1Char('\\'))) {
            Result<QJsonObject> reg = readJsonObject(QFileInfo(path).dir().filePath(hash + QStringLiteral(".json")));
            if (reg && !s(*reg, "clientId").isEmpty())
                login.registration = {{QStringLiteral("clientId"), s(*reg, "clientId")},
                                      {QStringLiteral("clientSecret"), s(*reg, "clientSecret")}};
        }
    } else if (provider == QLatin1String("cline")) {
        QJsonValue v = root.value(QLatin1String("cline:clineAccountId"));
        if (v.isUndefined())
            v = root.value(QLatin1String("clineAccountId"));
        QJsonObject o = v.toObject();
        if (o.isEmpty() && v.isString())
            o = QJsonDocument::fromJson(v.toString().toUtf8()).object();
        t.accessToken = s(o, "idToken").isEmpty() ? s(o, "accessToken") : s(o, "idToken");
        t.refreshToken = s(o, "refreshToken");
        t.expiresAt = msOrIso(o.value(QLatin1String("expiresAt")));
        if (!t.expiresAt.isValid())
            t.expiresAt = jwtExpiry(t.accessToken);
        login.email = o.value(QLatin1String("userInfo")).toObject().value(QLatin1String("email")).toString();
        if (t.accessToken.isEmpty())
            t.accessToken = s(root, "clineApiKey");
    } else {
        return Error::make(ErrorCategory::InvalidRequest, QStringLiteral("%1 logins cannot be imported").arg(provider));
    }
    if (t.accessToken.isEmpty() && t.refreshToken.isEmpty())
        return fileError(path, QStringLiteral("holds no login (no access or refresh token)"));
    return login;
}

} // namespace lip::oauth
