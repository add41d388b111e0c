// SPDX-License-Identifier: GPL-3.0-or-later
#include "config/credentials/keychainmerge.h"

#include "config/backendprofiles.h"
#include "config/credentials/credentialindex.h"

namespace lip::config {

void mergeKeychainCredentials(Config &config, const CredentialSet &keychain)
{
    for (const KeychainInstance &instance : keychain.instances) {
        if (instance.keys.isEmpty())
            continue;
        if (instance.name == QLatin1String(credentials::kProxyInstanceName)) {
            // The proxy's own client keys (Settings page), not a backend.
            for (const KeychainKey &key : instance.keys)
                if (!key.secret.isEmpty() && !config.proxyApiKeys.contains(key.secret))
                    config.proxyApiKeys << key.secret;
            continue;
        }
        BackendConfig *backend = nullptr;
        for (BackendConfig &b : config.backends)
            if (b.name == instance.name)
                backend = &b;
        if (!backend) {
            const QString type = impliedBackendType(instance.name);
            const BackendProfile *profile = type.isEmpty() ? nullptr : findBackendProfile(type);
            if (!profile) {
                config.warnings << QStringLiteral("keychain: keys are stored for '%1', but no backend of that name is "
                                                  "configured and the name implies no type (known types: %2); "
                                                  "declare it under 'backends:' with a type")
                                       .arg(instance.name, knownBackendTypes().join(QStringLiteral(", ")));
                continue;
            }
            BackendConfig b;
            b.name = instance.name;
            b.type = type;
            b.baseUrl = QString::fromLatin1(profile->defaultBaseUrl);
            b.timeoutSeconds = config.proxyTimeoutSeconds;
            b.origin = QStringLiteral("keychain:") + instance.keys.constFirst().alias;
            config.backends.push_back(std::move(b));
            backend = &config.backends.back();
            config.origins.insert(QStringLiteral("backends.%1.api_key").arg(instance.name), backend->origin);
            if (config.defaultBackend.isEmpty()) {
                config.defaultBackend = instance.name;
                config.origins.insert(QStringLiteral("default_backend"), QStringLiteral("default: first configured backend"));
            }
        }
        // Keep the two lists in step even if a caller left them uneven.
        while (backend->keyAliases.size() < backend->apiKeys.size())
            backend->keyAliases << QStringLiteral("key%1").arg(backend->keyAliases.size() + 1);
        for (const KeychainKey &key : instance.keys) {
            if (key.secret.isEmpty() || backend->apiKeys.contains(key.secret))
                continue;
            backend->apiKeys << key.secret;
            backend->keyAliases << QStringLiteral("keychain:") + key.alias;
        }
    }
}

} // namespace lip::config
