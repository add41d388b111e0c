// SPDX-License-Identifier: GPL-3.0-or-later
#include "backends/oauth/oauthproviders.h"

#include <QDir>

namespace lip::oauth {

namespace {

const QString kGoogleAuthorize = QStringLiteral("https://accounts.google.com/o/oauth2/v2/auth");
const QString kGoogleToken = QStringLiteral("https://oauth2.googleapis.com/token");
const QString kGoogleRevoke = QStringLiteral("https://oauth2.googleapis.com/revoke");
const QString kGoogleUserinfo = QStringLiteral("https://www.googleapis.com/oauth2/v2/userinfo");

// Imported logins belong to tools whose terms may not allow use by a third-party program.
QString importTermsWarning(const QString &product)
{
    return QStringLiteral(
               "This reuses the login of %1, which is meant for that tool only. This project is not "
               "affiliated with or endorsed by its vendor, and using the login from another program "
               "may break the provider's terms of service and can get the account suspended. You are "
               "responsible for complying with those terms; continue only if you accept that risk.")
        .arg(product);
}

QString homeOr(const QHash<QString, QString> &env, const QString &variable, const QString &fallbackUnderHome)
{
    const QString set = env.value(variable);
    if (!set.isEmpty())
        return set;
    const QString home = env.value(QStringLiteral("HOME"), QDir::homePath());
    return QDir(home).filePath(fallbackUnderHome);
}

ProviderSpec openai()
{
    ProviderSpec s;
    s.info = {QStringLiteral("openai"), QStringLiteral("ChatGPT (Codex)"), true, true, {}, {}};
    s.baseUrlVariable = QStringLiteral("OPENAI_CODEX_OAUTH_BASE_URL");
    s.clientId = QStringLiteral("app_EMoamEEZ73f0CkXaXp7hrann");
    s.scopes = {QStringLiteral("openid"), QStringLiteral("profile"), QStringLiteral("email"),
                QStringLiteral("offline_access")};
    s.authorizeUrl = QUrl(QStringLiteral("https://auth.openai.com/oauth/authorize"));
    s.tokenUrl = QUrl(QStringLiteral("https://auth.openai.com/oauth/token"));
    s.deviceUrl = QUrl(QStringLiteral("https://auth.openai.com/api/accounts/deviceauth/usercode"));
    s.devicePollUrl = QUrl(QStringLiteral("https://auth.openai.com/api/accounts/deviceauth/token"));
    s.deviceRedirectUrl = QUrl(QStringLiteral("https://auth.openai.com/deviceauth/callback"));
    s.redirectPort = 1455; // the only port the Codex client is registered with
    s.redirectPath = QStringLiteral("/auth/callback");
    s.extraAuthorizeParams = {{QStringLiteral("id_token_add_organizations"), QStringLiteral("true")},
                              {QStringLiteral("codex_cli_simplified_flow"), QStringLiteral("true")},
                              {QStringLiteral("originator"), QStringLiteral("codex_cli_rs")}};
    s.deviceStyle = ProviderSpec::DeviceStyle::CodexJson;
    s.refreshStyle = ProviderSpec::TokenStyle::JsonSnake;
    s.refreshScope = QStringLiteral("openid profile email");
    return s;
}

ProviderSpec google()
{
    ProviderSpec s;
    s.info = {QStringLiteral("google"), QStringLiteral("Google (Gemini CLI / Code Assist)"), true, false, {}, {}};
    s.baseUrlVariable = QStringLiteral("GEMINI_OAUTH_BASE_URL");
    s.clientId = QStringLiteral("681255809395-oo8ft2oprdrnp9e3aqf6av3hmdib135j.apps.googleusercontent.com");
    s.clientSecret = QStringLiteral("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"); // public installed-app secret
    s.scopes = {QStringLiteral("https://www.googleapis.com/auth/cloud-platform"),
                QStringLiteral("https://www.googleapis.com/auth/userinfo.email"),
                QStringLiteral("https://www.googleapis.com/auth/userinfo.profile")};
    s.authorizeUrl = QUrl(kGoogleAuthorize);
    s.tokenUrl = QUrl(kGoogleToken);
    s.revokeUrl = QUrl(kGoogleRevoke);
    s.userinfoUrl = QUrl(kGoogleUserinfo);
    s.redirectPort = 0; // Google's installed-app clients accept any loopback port
    s.redirectPath = QStringLiteral("/oauth2callback");
    s.extraAuthorizeParams = {{QStringLiteral("access_type"), QStringLiteral("offline")},
                              {QStringLiteral("prompt"), QStringLiteral("consent")}};
    return s;
}

ProviderSpec antigravity()
{
    ProviderSpec s = google();
    s.info = {QStringLiteral("antigravity"), QStringLiteral("Google (Antigravity)"), true, false, {}, {}};
    s.baseUrlVariable = QStringLiteral("ANTIGRAVITY_OAUTH_BASE_URL");
    s.clientId = QStringLiteral("1071006060591-tmhssin2h21lcre235vtolojh4g403ep.apps.googleusercontent.com");
    s.clientSecret = QStringLiteral("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"); // public installed-app secret
    s.scopes << QStringLiteral("https://www.googleapis.com/auth/cclog")
             << QStringLiteral("https://www.googleapis.com/auth/experimentsandconfigs");
    s.redirectPort = 51121;
    s.redirectPath = QStringLiteral("/oauth-callback");
    return s;
}

ProviderSpec qwen()
{
    ProviderSpec s;
    s.info = {QStringLiteral("qwen"), QStringLiteral("Qwen Code"), false, true, {}, {}};
    s.baseUrlVariable = QStringLiteral("QWEN_OAUTH_BASE_URL");
    s.clientId = QStringLiteral("f0304373b74a44d2b584a3fb70ca9e56");
    s.scopes = {QStringLiteral("openid"), QStringLiteral("profile"), QStringLiteral("email"),
                QStringLiteral("model.completion")};
    s.deviceUrl = QUrl(QStringLiteral("https://chat.qwen.ai/api/v1/oauth2/device/code"));
    s.tokenUrl = QUrl(QStringLiteral("https://chat.qwen.ai/api/v1/oauth2/token"));
    s.deviceStyle = ProviderSpec::DeviceStyle::Rfc8628;
    s.devicePkce = true;
    return s;
}

ProviderSpec kiro()
{
    ProviderSpec s;
    s.info = {QStringLiteral("kiro"), QStringLiteral("Kiro (AWS Builder ID)"), false, true, {}, {}};
    s.baseUrlVariable = QStringLiteral("KIRO_OAUTH_BASE_URL");
    s.scopes = {QStringLiteral("codewhisperer:completions"), QStringLiteral("codewhisperer:analysis"),
                QStringLiteral("codewhisperer:conversations")};
    s.registerUrl = QUrl(QStringLiteral("https://oidc.us-east-1.amazonaws.com/client/register"));
    s.deviceUrl = QUrl(QStringLiteral("https://oidc.us-east-1.amazonaws.com/device_authorization"));
    s.tokenUrl = QUrl(QStringLiteral("https://oidc.us-east-1.amazonaws.com/token"));
    s.deviceStyle = ProviderSpec::DeviceStyle::AwsOidc;
    s.refreshStyle = ProviderSpec::TokenStyle::JsonCamel;
    s.startUrl = QStringLiteral("https://view.awsapps.com/start");
    return s;
}

ProviderSpec anthropic()
{
    ProviderSpec s;
    s.info = {QStringLiteral("anthropic"), QStringLiteral("Claude Code login (import)"), false, false, {},
              importTermsWarning(QStringLiteral("Claude Code"))};
    s.baseUrlVariable = QStringLiteral("ANTHROPIC_OAUTH_BASE_URL");
    s.clientId = QStringLiteral("9d1c250a-e61b-44d9-88ed-5944d1962f5e");
    s.tokenUrl = QUrl(QStringLiteral("https://console.anthropic.com/v1/oauth/token"));
    s.refreshStyle = ProviderSpec::TokenStyle::JsonSnake;
    return s;
}

ProviderSpec cline()
{
    ProviderSpec s;
    s.info = {QStringLiteral("cline"), QStringLiteral("Cline login (import)"), false, false, {},
              importTermsWarning(QStringLiteral("Cline"))};
    s.baseUrlVariable = QStringLiteral("CLINE_OAUTH_BASE_URL");
    s.tokenUrl = QUrl(QStringLiteral("https://api.cline.bot/api/v1/auth/refresh"));
    s.refreshStyle = ProviderSpec::TokenStyle::JsonCamel;
    return s;
}

void applyOverrides(ProviderSpec &s, const QHash<QString, QString> &env)
{
    s.info.importPath = defaultImportPath(s.info.id, env);
    const QString base = env.value(s.baseUrlVariable).trimmed();
    if (!base.isEmpty()) {
        const QUrl b(base);
        for (QUrl *u : {&s.authorizeUrl, &s.tokenUrl, &s.deviceUrl, &s.devicePollUrl, &s.registerUrl,
                        &s.userinfoUrl, &s.revokeUrl, &s.deviceRedirectUrl})
            *u = rebase(*u, b);
    }
    // The registered loopback port can be moved for tests (0: any free port).
    const QString portVariable = QString(s.baseUrlVariable).replace(QLatin1String("_BASE_URL"), QLatin1String("_REDIRECT_PORT"));
    bool ok = false;
    const int port = env.value(portVariable).toInt(&ok);
    if (ok && port >= 0 && port <= 65535)
        s.redirectPort = port;
}

} // namespace

QUrl rebase(const QUrl &url, const QUrl &base)
{
    if (url.isEmpty() || !base.isValid() || base.host().isEmpty())
        return url;
    QUrl out = url;
    out.setScheme(base.scheme());
    out.setHost(base.host());
    out.setPort(base.port());
    QString prefix = base.path();
    while (prefix.endsWith(QLatin1Char('/')))
        prefix.chop(1);
    out.setPath(prefix + url.path());
    return out;
}

QString defaultImportPath(const QString &provider, const QHash<QString, QString> &env)
{
    if (provider == QLatin1String("openai"))
        return QDir(homeOr(env, QStringLiteral("CODEX_HOME"), QStringLiteral(".codex"))).filePath(QStringLiteral("auth.json"));
    if (provider == QLatin1String("google"))
        return homeOr(env, QString(), QStringLiteral(".gemini/oauth_creds.json"));
    if (provider == QLatin1String("qwen"))
        return homeOr(env, QString(), QStringLiteral(".qwen/oauth_creds.json"));
    if (provider == QLatin1String("kiro"))
        return homeOr(env, QString(), QStringLiteral(".aws/sso/cache/kiro-auth-token.json"));
    if (provider == QLatin1String("anthropic"))
        return QDir(homeOr(env, QStringLiteral("CLAUDE_CONFIG_DIR"), QStringLiteral(".claude"))).filePath(QStringLiteral(".credentials.json"));
    if (provider == QLatin1String("cline"))
        return QDir(homeOr(env, QStringLiteral("CLINE_DIR"), QStringLiteral(".cline"))).filePath(QStringLiteral("data/secrets.json"));
    return {};
}

QList<ProviderSpec> providerSpecs(const QHash<QString, QString> &env)
{
    QList<ProviderSpec> all = {openai(), google(), qwen(), antigravity(), kiro(), anthropic(), cline()};
    for (ProviderSpec &s : all)
        applyOverrides(s, env);
    return all;
}

ProviderSpec providerSpec(const QString &id, const QHash<QString, QString> &env)
{
    for (const ProviderSpec &s : providerSpecs(env))
        if (s.info.id == id)
            return s;
    return {};
}

QStringList providerIds()
{
    QStringList ids;
    for (const ProviderSpec &s : providerSpecs({}))
        ids << s.info.id;
    return ids;
}

} // namespace lip::oauth
