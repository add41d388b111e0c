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

    // type "hybrid" only: the two phases, each a model selector ("anthropic:claude-…", a bare
    // model for the default backend, not another hybrid). File keys reasoning_model,
    // execution_model, reasoning_max_tokens; env <PREFIX>REASONING_MODEL / <PREFIX>EXECUTION_MODEL.
    QString reasoningModel;
    QString executionModel;
    int reasoningMaxTokens = 4096;

    // Subscription (OAuth) backends only (file keys oauth_url, project_id; env
    // <PREFIX>OAUTH_BASE_URL, <PREFIX>PROJECT_ID / GOOGLE_CLOUD_PROJECT): where the provider's
    // token endpoint lives (handed to the token broker), and the Google Cloud project a Code
    // Assist backend bills to.
    QString oauthBaseUrl;
    QString projectId;
};

// A named failover route (file key failover_routes): a request whose model is the route's name
// tries the elements in order.
struct RouteConfig
{
    QString name;
    QString policy = QStringLiteral("ordered"); // ordered | k | m | km | mk
    QStringList elements;                      // model selectors: "openai:gpt-4o", "anthropic:claude-x"
    QString origin;                            // "config.yaml:31" (errors and diagnostics)
};

// A model rewrite (file key model_rewrites, a list): a requested model matching `pattern` is
// replaced by `target` before the selector is resolved. Exact match unless `regex`; a regex
// must match the whole model text and may use \1… in the target.
struct ModelRewrite
{
    QString pattern;
    QString target;
    bool regex = false;
    QString frontend; // empty: every client dialect; else "openai" | "openai-responses" | "anthropic" | "gemini"
    QString origin;
};

// Retries and key cooldowns (file key routing: …; see docs/configuration.md).
struct RetryConfig
{
    int maxRetries = 2;                  // extra tries of the last remaining attempt, connection errors/408/429/5xx/529
    int initialBackoffMs = 250;          // doubled per retry, with jitter
    int maxBackoffMs = 4000;
    int maxRetryAfterSeconds = 5;        // a longer Retry-After is not waited for: the next attempt is taken, or the error returned (the client may wait itself)
    int rateLimitCooldownSeconds = 60;   // a key that got 429 without Retry-After rests this long
    int authFailureCooldownSeconds = 3600; // a key the provider rejected (401/403) rests this long
};

// Per-backend circuit breaker (file key routing.health: …).
struct HealthConfig
{
    int failureThreshold = 3;   // consecutive failures that open the circuit; 0 disables circuits
    int cooldownSeconds = 30;   // open → half-open after this long (one probe request)
};

// Sessions (file key session: …).
struct SessionConfig
{
    int idleExpirySeconds = 24 * 3600; // a session unused this long is forgotten
    int maxSessions = 1000;            // least recently used beyond this are forgotten
    bool redactApiKeysInPrompts = true;
    bool loopDetection = true;
};

// A price for a model, per million tokens (file key usage.prices, a list). `model` is matched
// against "backend:model" and then the bare model; '*' is a wildcard.
struct ModelPrice
{
    QString model;
    double inputPerMTok = 0;
    double outputPerMTok = 0;
    double cacheReadPerMTok = -1;  // -1: same as input
    double cacheWritePerMTok = -1; // -1: same as input
};

// Usage accounting (file key usage: …; env LLM_PROXY_USAGE_STORE, LLM_PROXY_USAGE_POSTGRES_URL).
struct UsageConfig
{
    bool enabled = true;
    QString store = QStringLiteral("sqlite"); // sqlite | postgres
    QString postgresUrl;                      // postgres://user:pass@host:port/db (password never logged)
    int flushIntervalMs = 500;                // batch window; at most this much is lost on a crash
    std::vector<ModelPrice> prices;
};

// Wire capture (file key capture: …; flag --capture FILE-or-DIR, env LLM_PROXY_CAPTURE=1 /
// LLM_PROXY_CAPTURE_DIR).
struct CaptureConfig
{
    bool enabled = false;
    QString directory;                          // empty: <data dir>/captures
    qint64 maxFileBytes = 256ll * 1024 * 1024;  // a new file past this (and at each new day)
    qint64 maxTotalBytes = 2ll * 1024 * 1024 * 1024; // oldest files deleted past this
    bool redactBodies = false;                  // API-key-looking strings in bodies replaced
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
    QHash<QString, QString> modelAliases;   // file key model_aliases: alias → selector
    std::vector<ModelRewrite> rewrites;     // file key model_rewrites, in order (first match wins)
    RetryConfig retry;
    HealthConfig health;

    // Sessions and commands
    bool interactiveCommands = true;
    QString commandPrefix = QStringLiteral("!/");
    SessionConfig session;

    UsageConfig usage;
    CaptureConfig capture;

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
