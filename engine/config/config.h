// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// The proxy's configuration as a plain value type. Loaded from a YAML file, the environment and
// the command line with precedence CLI > env > file > defaults (configloader.h). The config
// never holds a secret that came from the keychain; keys from env/config are held in memory only.

#include "core/dialect.h"

#include <QHostAddress>
#include <QString>
#include <QStringList>

#include <vector>

namespace lip::config {

struct BackendConfig
{
    QString name;        // instance id as used in selectors: "openai", "openai.2", "my-ollama"
    QString type;        // connector/profile: "openai", "openai-responses", "anthropic", "gemini", ...
    QString baseUrl;     // OpenAI-style bases include /v1; Anthropic and Gemini bases do not
    QStringList apiKeys; // rotation order; empty for keyless local backends
    QStringList keyAliases; // same length as apiKeys: a name safe to log ("OPENAI_API_KEY_2")
    HeaderList extraHeaders; // sent upstream with every request
    int timeoutSeconds = 300;
    bool enabled = true;
};

struct Config
{
    // Server
    QString host = QStringLiteral("127.0.0.1");
    quint16 port = 8000;
    quint16 anthropicPort = 0; // 0: no dedicated Anthropic server
    qint64 maxRequestBytes = 64ll * 1024 * 1024;

    // Proxy authentication: clients must send one of these (Bearer / x-api-key / x-goog-api-key).
    QStringList proxyApiKeys;
    bool disableAuth = false; // only honoured on loopback binds

    // Routing
    QString defaultBackend;   // instance name; empty → the first configured backend
    QString defaultModel;     // from --default-backend backend:model, optional
    int modelsCacheTtlSeconds = 60;

    // Sessions and commands
    bool interactiveCommands = true;
    QString commandPrefix = QStringLiteral("!/");

    // Files and logs
    QString dataDir;          // empty → the platform's app data location
    QString logLevel = QStringLiteral("info"); // error|warning|info|debug

    std::vector<BackendConfig> backends;

    // Where each value came from, for diagnostics ("file:/x.yaml:12", "env:OPENAI_API_KEY", "cli").
    QString sourceDescription;

    const BackendConfig *backend(const QString &name) const;
    QStringList backendNames() const;
    bool bindsLoopbackOnly() const;
};

} // namespace lip::config
