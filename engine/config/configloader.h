// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "config/config.h"
#include "core/error.h"

#include <QHash>
#include <QString>
#include <QStringList>

#include <functional>
#include <optional>

namespace lip::config {

// What the command line said (app/ parses argv into this; only options that were given are set).
struct CliOptions
{
    std::optional<QString> host;
    std::optional<quint16> port;
    std::optional<quint16> anthropicPort;
    std::optional<QString> configFile;
    std::optional<QString> defaultBackend; // "backend" or "backend:model"
    std::optional<QString> dataDir;
    std::optional<QString> logLevel;
    std::optional<bool> disableInteractiveCommands;
    std::optional<QString> commandPrefix;
    std::optional<bool> capture;       // --capture: wire capture on
    std::optional<QString> captureDir; // --capture-dir DIR: where captures go (implies --capture)
    // The file the desktop app owns (appconfig.h), layered over the user's config file and under
    // the environment. Unset: no layer. app/main.cpp sets it to appConfigPath(env).
    std::optional<QString> appConfigFile;
};

// Loads the config: defaults, then the YAML file (--config, else LLM_PROXY_CONFIG), then the
// app's own layer (cli.appConfigFile, when it exists), then the environment, then the CLI. Errors name the file, line and key, or the variable, and the
// accepted values. `env` is the process environment (injectable for tests).
// `beforeValidation`, when set, sees the merged config (data dir resolved) just before the checks
// that need every backend (default backend, keyless instances); start-up adds keychain keys there.
Result<Config> loadConfig(const CliOptions &cli, const QHash<QString, QString> &env,
                          const std::function<void(Config &)> &beforeValidation = {});

// loadConfig with the app's own layer given as YAML text instead of read from cli.appConfigFile
// (named by that path in errors): how the GUI previews an edit before saving it (appconfig.h).
Result<Config> loadConfigWithAppLayer(const CliOptions &cli, const QHash<QString, QString> &env,
                                      const QByteArray &appLayerYaml,
                                      const std::function<void(Config &)> &beforeValidation = {});
// The app layer's own checks (keys, types, values) without the rest of the config; the same
// messages loadConfig gives for them.
std::optional<Error> checkAppLayerYaml(const QByteArray &yaml, const QString &fileName);

// Parses YAML text only (no env/CLI), for tests and for the GUI's validators.
Result<Config> parseConfigYaml(const QByteArray &yaml, const QString &fileName, Config base = {});

QHash<QString, QString> processEnvironment();

} // namespace lip::config
