// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// The GUI's one way to change the running configuration. It holds what start-up used (CLI
// options, environment), the app-owned layer (config/appconfig.h) and the keychain keys last
// read, and it applies every change the same way: validate with the start-up loader, save the
// layer atomically, apply the new config to the running engine (EngineClient::applyConfig).
// Pages never write config files or call applyConfig themselves.

#include "config/appconfig.h"
#include "config/config.h"
#include "config/configloader.h"
#include "config/credentials/credentialset.h"

#include <QHash>
#include <QObject>

namespace lip {
class EngineClient;
}

namespace lip::ui {

class ConfigController : public QObject
{
    Q_OBJECT
public:
    // `keychain`: the keys start-up merged (may be empty). The app layer is read from
    // cli.appConfigFile (a missing file is an empty layer).
    ConfigController(EngineClient *engine, const config::CliOptions &cli, const QHash<QString, QString> &env,
                     const config::CredentialSet &keychain, QObject *parent = nullptr);

    const config::AppLayer &layer() const { return m_layer; }
    const config::Config &config() const { return m_config; } // as last applied (secrets in memory only)
    QString layerPath() const;
    // Why the saved layer could not be read at start (the pages then start from an empty layer
    // and the first commit replaces the file); empty when it was fine.
    QString layerError() const { return m_layerError; }
    const config::CliOptions &cli() const { return m_cli; }
    const QHash<QString, QString> &environment() const { return m_env; }

    // The config `candidate` would give (same loader, same validators, keychain keys merged), or
    // the loader's error naming the key. Nothing is saved.
    Result<config::Config> preview(const config::AppLayer &candidate) const;
    // Validates, writes the layer atomically, applies the result to the engine. Returns the
    // error message (nothing saved, nothing applied), empty on success.
    QString commit(const config::AppLayer &candidate);
    // The keychain changed (Credentials/Accounts page): reload the config with these keys and
    // apply it. Returns the error message, empty on success.
    QString setKeychain(const config::CredentialSet &keychain);

Q_SIGNALS:
    void configChanged(const lip::config::Config &config); // after every successful commit/setKeychain

private:
    QString apply(Result<config::Config> loaded, const config::AppLayer &layer);

    EngineClient *m_engine;
    config::CliOptions m_cli;
    QHash<QString, QString> m_env;
    config::CredentialSet m_keychain;
    config::AppLayer m_layer;
    config::Config m_config;
    QString m_layerError;
};

} // namespace lip::ui
