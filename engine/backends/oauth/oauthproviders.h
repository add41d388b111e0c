// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// The sign-in providers: endpoints, public client ids, scopes and redirect ports as the
// providers' own CLIs use them (sources cited in docs/oauth.md). Every endpoint can be pointed
// elsewhere with one environment variable per provider (`baseUrlVariable`), which replaces the
// scheme, host and port of all of that provider's auth endpoints and keeps their paths: tests
// point them at tests/support/fakeauthserver, and so can a user behind a corporate gateway.

#include "backends/oauth/oauthtypes.h"

#include <QHash>
#include <QList>
#include <QString>
#include <QStringList>
#include <QUrl>

namespace lip::oauth {

struct ProviderSpec
{
    // How the device authorization and its polling are spoken.
    enum class DeviceStyle {
        None,
        Rfc8628,   // form-encoded RFC 8628 (Qwen adds PKCE to it)
        AwsOidc,   // AWS SSO OIDC (Kiro): register a public client, then camelCase JSON
        CodexJson, // ChatGPT: JSON user-code request; polling yields an authorization code + verifier
    };
    // How token requests (code exchange, refresh) are encoded.
    enum class TokenStyle {
        Form,      // application/x-www-form-urlencoded, snake_case (RFC 6749)
        JsonSnake, // JSON body, snake_case field names
        JsonCamel, // JSON body, camelCase field names (AWS OIDC, Cline)
    };

    ProviderInfo info;
    QString baseUrlVariable; // "OPENAI_CODEX_OAUTH_BASE_URL"
    QString clientId;
    QString clientSecret; // public "installed app" secrets only (Google's), never a user secret
    QStringList scopes;
    QUrl authorizeUrl;
    QUrl tokenUrl;
    QUrl deviceUrl;        // device authorization (usercode) endpoint
    QUrl devicePollUrl;    // empty: tokenUrl
    QUrl registerUrl;      // AwsOidc client registration
    QUrl userinfoUrl;      // identity, when the id_token has none
    QUrl revokeUrl;        // RFC 7009, empty when the provider has none
    QUrl deviceRedirectUrl;// CodexJson: the redirect_uri the device code is exchanged with
    int redirectPort = 0;  // 0: any free port (the provider accepts any loopback port)
    QString redirectPath;  // "/auth/callback"
    QString redirectHost = QStringLiteral("localhost"); // as registered; the listener is 127.0.0.1
    QList<QPair<QString, QString>> extraAuthorizeParams;
    DeviceStyle deviceStyle = DeviceStyle::None;
    bool devicePkce = false;
    TokenStyle refreshStyle = TokenStyle::Form;
    QString refreshScope;  // sent with refresh requests when set
    QString startUrl;      // AwsOidc: the start URL (Builder ID)
};

// Every provider, in display order, with `env` overrides applied.
QList<ProviderSpec> providerSpecs(const QHash<QString, QString> &env);
// One provider by id; nullptr-like empty spec (info.id empty) when unknown.
ProviderSpec providerSpec(const QString &id, const QHash<QString, QString> &env);
QStringList providerIds();

// `url` with its scheme/host/port replaced by `base` (and base's path prefixed), when base is valid.
QUrl rebase(const QUrl &url, const QUrl &base);

// Where the provider CLI keeps its own login (the import source), honouring CODEX_HOME & co.
QString defaultImportPath(const QString &provider, const QHash<QString, QString> &env);

} // namespace lip::oauth
