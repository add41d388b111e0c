// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// The desktop app's own config layer. GUI changes never touch the user's YAML: they go to a file
// the app owns (appConfigPath()), written whole and atomically (QSaveFile), and loaded between the
// user's file and the environment (configloader.h, CliOptions::appConfigFile). The layer uses the
// same YAML keys as the user's config, so what it holds reads like a config file, plus an `app:`
// section the engine ignores (desktop-only settings).
//
// Layering rules (documented in docs/desktop.md):
// - scalars (default_backend, host, port, anthropic_port, data_dir, logging.level): the layer wins;
// - failover_routes and model_aliases: an entry replaces the user's entry of the same name;
// - model_rewrites: when the layer has the key, its list replaces the user's list;
// - backends: an entry with the name of a user instance overrides only the fields it sets
//   (enabled, api_url); an entry with a new name adds an instance (its keys come from the
//   keychain or the environment, never from this file).
// The layer never holds a secret.

#include "config/config.h"
#include "config/configloader.h"
#include "core/error.h"

#include <QHash>
#include <QString>

#include <functional>
#include <optional>
#include <vector>

namespace lip::config {

// Layer contents compare by what is stored; `origin` (where a value was read) is not part of it.
bool operator==(const RouteConfig &a, const RouteConfig &b);
bool operator==(const ModelRewrite &a, const ModelRewrite &b);

struct AppBackendOverride
{
    QString name;                   // instance: "openai", "openai.2"
    QString type;                   // set only when the layer adds the instance
    std::optional<bool> enabled;
    std::optional<QString> baseUrl; // api_url

    bool operator==(const AppBackendOverride &other) const = default;
};

struct AppLayer
{
    std::optional<QString> defaultBackend; // "backend" or "backend:model"
    std::vector<RouteConfig> routes;
    QHash<QString, QString> modelAliases;
    std::optional<std::vector<ModelRewrite>> rewrites;
    std::vector<AppBackendOverride> backends;
    std::optional<QString> host;
    std::optional<quint16> port;
    std::optional<quint16> anthropicPort;
    std::optional<QString> dataDir;
    std::optional<QString> logLevel;

    // `app:` section: desktop only, ignored by the engine.
    bool startHidden = false;  // app.start_hidden: start in the tray without showing the window
    bool startAtLogin = false; // app.start_at_login (the autostart entry is the truth; this mirrors it)
    QString language;          // app.language: "" = system, else a locale name ("de", "zh_CN")

    bool operator==(const AppLayer &other) const = default;
};

// LLM_PROXY_APP_CONFIG when set, else <AppConfigLocation>/app-config.yaml
// (~/.config/llm-interactive-proxy/app-config.yaml on Linux).
QString appConfigPath(const QHash<QString, QString> &env);

// A missing file is an empty layer. Errors name the file, line and key.
Result<AppLayer> readAppLayer(const QString &path);
QByteArray serializeAppLayer(const AppLayer &layer);
// Atomic (QSaveFile); creates the directory. Returns an error message, empty on success.
QString writeAppLayer(const QString &path, const AppLayer &layer);

// The config the engine would run with if `layer` were saved: the user's config, this layer, the
// environment and the CLI, through the same loader and validators as start-up. The GUI validates
// every edit with it before saving anything. `beforeValidation` as in loadConfig.
Result<Config> previewConfig(const CliOptions &cli, const QHash<QString, QString> &env, const AppLayer &layer,
                             const std::function<void(Config &)> &beforeValidation = {});

} // namespace lip::config
