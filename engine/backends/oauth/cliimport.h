// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Reading the provider CLIs' own logins (Codex ~/.codex/auth.json, Gemini CLI
// ~/.gemini/oauth_creds.json, Qwen Code ~/.qwen/oauth_creds.json, Claude Code
// ~/.claude/.credentials.json, Kiro ~/.aws/sso/cache/kiro-auth-token.json, Cline
// ~/.cline/data/secrets.json). The files are only read, never modified.

#include "backends/oauth/oauthtypes.h"
#include "core/error.h"

#include <QJsonObject>
#include <QString>

namespace lip::oauth {

struct ImportedLogin
{
    TokenSet tokens;
    QJsonObject answer;       // token-answer-like facts for applyIdentity (resource_url, profileArn, …)
    QJsonObject registration; // Kiro's registered client, when found next to the token file
    QString email;
    QString plan;
};

// Errors name the file (and line for malformed JSON) and never quote a token.
Result<ImportedLogin> readCliLogin(const QString &provider, const QString &path);

} // namespace lip::oauth
