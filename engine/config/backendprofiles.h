// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// The backend types the config accepts, and what each one implies when the user gives no more
// than a name and a key: which dialect the provider speaks, where it lives, how the key is sent
// and which environment variables hold it. Connectors, the config loader, the GUI and
// docs/backends/ read the same table, so a type means the same thing everywhere.

#include "core/dialect.h"

#include <QString>
#include <QStringList>
#include <QStringView>

#include <optional>

namespace lip::config {

enum class AuthStyle {
    Bearer,       // Authorization: Bearer <key>
    XApiKey,      // x-api-key: <key> (Anthropic)
    XGoogApiKey,  // x-goog-api-key: <key> (Gemini)
    None,         // keyless local servers, and virtual backends
    OAuth,        // Authorization: Bearer <access token of a signed-in account> (oauth/tokenbroker.h)
};

const char *authStyleName(AuthStyle style); // "bearer", "x-api-key", "x-goog-api-key", "none", "oauth"

struct BackendProfile
{
    const char *type;                // "openai", "anthropic", ...
    std::optional<Dialect> dialect;  // empty for virtual backends ("hybrid") that have no wire of their own
    const char *defaultBaseUrl;      // OpenAI-style bases include /v1; Anthropic and Gemini bases do not; "" when virtual
    AuthStyle auth;
    bool keyless;                    // usable without any key (local servers, virtual backends)
    const char *description;         // one line for --help, docs and the GUI
    // The key variable the Python llm-interactive-proxy uses for this type when it differs from
    // <PREFIX>API_KEY ("INTERNAI_API_KEY" for internlm); nullptr when there is none. Read only for
    // the instance named exactly like the type, and only when <PREFIX>API_KEY is unset.
    const char *legacyKeyVariable = nullptr;
    // AuthStyle::OAuth only: the sign-in provider whose accounts this type uses (oauthtypes.h:
    // "openai", "google", "qwen", "antigravity", "anthropic", "cline"); nullptr otherwise.
    const char *oauthProvider = nullptr;

    bool isVirtual() const { return !dialect.has_value(); }
    bool usesOAuth() const { return auth == AuthStyle::OAuth; }
};

// nullptr when the type is unknown. Type names are matched exactly (lower case).
const BackendProfile *findBackendProfile(QStringView type);

// The OAuth provider of a backend type ("gemini-oauth-free" → "google"); empty when the type
// does not sign in with an account.
QString oauthProviderForType(QStringView type);

// All known types, in table order (the order used when listing them in errors).
QStringList knownBackendTypes();

// "openai" → "OPENAI_", "openai.2" → "OPENAI_2_", "my-ollama" → "MY_OLLAMA_".
QString envPrefixFor(const QString &instanceName);

// The type implied by an instance name: the name itself when it is a known type, the part before
// ".N" for numbered instances ("openai.2" → "openai"), otherwise empty.
QString impliedBackendType(const QString &instanceName);

} // namespace lip::config
