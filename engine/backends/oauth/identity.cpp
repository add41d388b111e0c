// SPDX-License-Identifier: GPL-3.0-or-later
#include "backends/oauth/identity.h"

#include <QCryptographicHash>
#include <QJsonDocument>

namespace lip::oauth {

QJsonObject jwtClaims(const QString &jwt)
{
    const QStringList parts = jwt.split(QLatin1Char('.'));
    if (parts.size() != 3 || parts.at(1).size() > 64 * 1024)
        return {};
    const QByteArray payload = QByteArray::fromBase64(parts.at(1).toLatin1(), QByteArray::Base64UrlEncoding);
    const QJsonDocument doc = QJsonDocument::fromJson(payload);
    return doc.isObject() ? doc.object() : QJsonObject();
}

void applyIdentity(const QString &provider, const TokenSet &tokens, const QJsonObject &answer, Account *account)
{
    const QJsonObject claims = jwtClaims(tokens.idToken);
    if (account->email.isEmpty())
        account->email = claims.value(QLatin1String("email")).toString();
    if (provider == QLatin1String("openai")) {
        // ChatGPT puts its account facts under a namespaced claim (in the id_token and the access token).
        QJsonObject auth = claims.value(QLatin1String("https://api.openai.com/auth")).toObject();
        if (auth.isEmpty())
            auth = jwtClaims(tokens.accessToken).value(QLatin1String("https://api.openai.com/auth")).toObject();
        const QString accountId = auth.value(QLatin1String("chatgpt_account_id")).toString();
        if (!accountId.isEmpty())
            account->extra.insert(QStringLiteral("chatgpt_account_id"), accountId);
        const QString plan = auth.value(QLatin1String("chatgpt_plan_type")).toString();
        if (!plan.isEmpty())
            account->plan = plan;
        if (account->email.isEmpty())
            account->email = jwtClaims(tokens.accessToken).value(QLatin1String("https://api.openai.com/profile"))
                                  .toObject().value(QLatin1String("email")).toString();
    } else if (provider == QLatin1String("qwen")) {
        const QString resource = answer.value(QLatin1String("resource_url")).toString();
        if (!resource.isEmpty())
            account->extra.insert(QStringLiteral("resource_url"), resource);
    } else if (provider == QLatin1String("kiro")) {
        for (const char *key : {"profileArn", "region"}) {
            const QString v = answer.value(QLatin1String(key)).toString();
            if (!v.isEmpty())
                account->extra.insert(QLatin1String(key) == QLatin1String("profileArn") ? QStringLiteral("profile_arn")
                                                                                          : QStringLiteral("region"),
                                      v);
        }
    }
    if (account->email.size() > 200)
        account->email.truncate(200);
}

QString accountIdFor(const QString &provider, const QString &email, const QString &fallback)
{
    return provider + QLatin1Char(':') + (email.isEmpty() ? fallback : email.toLower());
}

} // namespace lip::oauth
