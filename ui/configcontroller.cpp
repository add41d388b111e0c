// SPDX-License-Identifier: GPL-3.0-or-later
#include "configcontroller.h"

#include "config/credentials/keychainmerge.h"
#include "engine.h"

namespace lip::ui {

ConfigController::ConfigController(EngineClient *engine, const config::CliOptions &cli,
                                   const QHash<QString, QString> &env, const config::CredentialSet &keychain,
                                   QObject *parent)
    : QObject(parent), m_engine(engine), m_cli(cli), m_env(env), m_keychain(keychain)
{
    if (!m_cli.appConfigFile || m_cli.appConfigFile->isEmpty())
        m_cli.appConfigFile = config::appConfigPath(m_env);
    Result<config::AppLayer> layer = config::readAppLayer(*m_cli.appConfigFile);
    if (layer)
        m_layer = layer.value();
    else
        m_layerError = layer.error().message; // start-up reported it too; the pages start empty
    Result<config::Config> loaded = preview(m_layer);
    if (loaded)
        m_config = loaded.value();
    else if (m_engine)
        m_config = m_engine->currentConfig();
}

QString ConfigController::layerPath() const
{
    return m_cli.appConfigFile.value_or(QString());
}

Result<config::Config> ConfigController::preview(const config::AppLayer &candidate) const
{
    const config::CredentialSet keychain = m_keychain;
    return config::previewConfig(m_cli, m_env, candidate,
                                 [keychain](config::Config &c) { config::mergeKeychainCredentials(c, keychain); });
}

QString ConfigController::commit(const config::AppLayer &candidate)
{
    Result<config::Config> loaded = preview(candidate);
    if (!loaded)
        return loaded.error().message;
    // Saved before it is applied: what runs is always what the next start-up will load.
    const QString writeError = config::writeAppLayer(layerPath(), candidate);
    if (!writeError.isEmpty())
        return writeError;
    m_layerError.clear();
    return apply(std::move(loaded), candidate);
}

QString ConfigController::setKeychain(const config::CredentialSet &keychain)
{
    const config::CredentialSet previous = m_keychain;
    m_keychain = keychain;
    Result<config::Config> loaded = preview(m_layer);
    if (!loaded) {
        m_keychain = previous;
        return loaded.error().message;
    }
    return apply(std::move(loaded), m_layer);
}

QString ConfigController::apply(Result<config::Config> loaded, const config::AppLayer &layer)
{
    if (!loaded)
        return loaded.error().message;
    m_layer = layer;
    m_config = loaded.value();
    if (m_engine)
        m_engine->applyConfig(m_config);
    Q_EMIT configChanged(m_config);
    return {};
}

} // namespace lip::ui
