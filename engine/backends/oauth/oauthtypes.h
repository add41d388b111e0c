// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// OAuth subscription accounts: the values shared by sign-in (AccountManager, GUI thread or the
// `auth` command), the token broker (engine thread) and the connectors that use the tokens.
// Tokens live in the OS keychain only; <data dir>/accounts.json lists accounts without tokens.

#include <QDateTime>
#include <QJsonObject>
#include <QMetaType>
#include <QString>
#include <QUrl>

namespace lip::oauth {

// A sign-in provider. Several backend types can share one: the four gemini-* types all use
// "google" accounts. The backend profile table maps a backend type to its provider.
// Ids: "openai" (ChatGPT / Codex), "google" (Gemini CLI, Code Assist), "qwen", "antigravity",
// "kiro", "anthropic" (imported Claude Code login), "cline" (imported).
struct ProviderInfo
{
    QString id;
    QString displayName;          // "ChatGPT (Codex)", tr()'d by the UI, not here
    bool browserFlow = false;     // authorization code + PKCE on a loopback redirect
    bool deviceFlow = false;      // RFC 8628 device authorization
    QString importPath;           // the provider CLI's own credential file, empty if none
    QString termsWarning;         // non-empty: shown before sign-in/import (provider terms)
};

struct TokenSet
{
    QString accessToken;
    QString refreshToken;
    QString idToken;
    QDateTime expiresAt; // UTC; invalid: unknown (treated as expiring now when a refresh token exists)
    QString scope;
};

struct Account
{
    enum class State { Ready, SignInNeeded };

    QString id;        // stable, "<provider>:<email or subject>"
    QString provider;  // ProviderInfo::id
    QString email;     // may be empty when the provider does not say
    QString plan;      // "plus", "pro", "free", "standard-tier", ... when known
    QJsonObject extra; // facts a connector needs: chatgpt_account_id, project_id, resource_url, region, profile_arn …
    TokenSet tokens;   // in memory only; empty in listings
    State state = State::Ready;
    QString stateReason; // why sign-in is needed ("refresh token revoked")
};

// What a connector gets for one upstream attempt.
struct AccessGrant
{
    QString accountId;
    QString email;
    QString accessToken; // never logged
    QJsonObject extra;   // Account::extra
};

} // namespace lip::oauth

Q_DECLARE_METATYPE(lip::oauth::Account)
