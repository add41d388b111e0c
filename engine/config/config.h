// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// The proxy's configuration as a plain value type. Loaded from a YAML file, the environment and
// the command line with precedence CLI > env > file > defaults (configloader.h). The config
// never holds a secret that came from the keychain; keys from env/config are held in memory only.

#include "core/dialect.h"

#include <QHash>
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
    QStringList models;     // optional model list from the file (advertised by /v1/models)
    QString origin;         // where the instance was declared: "config.yaml:12" or "env:OPENAI_API_KEY"
};

// A named failover route (file key failover_routes): a request whose model is the route's name
// tries the elements in order.
struct RouteConfig
{
    QString name;
    QString policy = QStringLiteral("ordered"); // ordered | k | m | km | mk
    QStringList elements;                      // model selectors: "openai:gpt-4o", "anthropic:claude-x"
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

    int proxyTimeoutSeconds = 300; // upstream timeout for backends without their own

    std::vector<BackendConfig> backends;
    std::vector<RouteConfig> routes;

    // Where each value came from, for diagnostics ("file:/x.yaml:12", "env:OPENAI_API_KEY", "cli").
    QString sourceDescription;
    // Per key path ("port", "backends.openai.api_url", "default_backend"): its origin, as above.
    QHash<QString, QString> origins;
    // Things worth telling the user that are not errors (shown at startup and in the GUI).
    QStringList warnings;

    const BackendConfig *backend(const QString &name) const;
    QStringList backendNames() const;
    bool bindsLoopbackOnly() const;
    const RouteConfig *route(const QString &name) const;
};

} // namespace lip::config
