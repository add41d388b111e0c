// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// The backend types the config accepts, and what each one implies when the user gives no more
// than a name and a key: which dialect the provider speaks, where it lives and how the key is
// sent. Connectors and the GUI read the same table, so a type means the same thing everywhere.

#include "core/dialect.h"

#include <QString>
#include <QStringList>
#include <QStringView>

namespace lip::config {

enum class AuthStyle {
    Bearer,       // Authorization: Bearer <key>
    XApiKey,      // x-api-key: <key> (Anthropic)
    XGoogApiKey,  // x-goog-api-key: <key> (Gemini)
    None,         // keyless local servers
};

const char *authStyleName(AuthStyle style); // "bearer", "x-api-key", "x-goog-api-key", "none"

struct BackendProfile
{
    const char *type;           // "openai", "anthropic", ...
    Dialect dialect;
    const char *defaultBaseUrl; // OpenAI-style bases include /v1; Anthropic and Gemini bases do not
    AuthStyle auth;
    bool keyless;               // usable without any key (local servers)
    const char *description;    // one line for --help, docs and the GUI
};

// nullptr when the type is unknown. Type names are matched exactly (lower case).
const BackendProfile *findBackendProfile(QStringView type);

// All known types, in table order (the order used when listing them in errors).
QStringList knownBackendTypes();

// "openai" → "OPENAI_", "openai.2" → "OPENAI_2_", "my-ollama" → "MY_OLLAMA_".
QString envPrefixFor(const QString &instanceName);

// The type implied by an instance name: the name itself when it is a known type, the part before
// ".N" for numbered instances ("openai.2" → "openai"), otherwise empty.
QString impliedBackendType(const QString &instanceName);

} // namespace lip::config
