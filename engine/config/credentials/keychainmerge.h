// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Keychain keys join the Config the same way for the GUI and a headless proxy.

#include "config/config.h"
#include "config/credentials/credentialset.h"

namespace lip::config {

// Appends each instance's keychain keys after its env/config keys (rotation order), with the
// aliases "keychain:<alias>". An instance that only the keychain knows becomes configured when
// its name implies a type ("openai", "anthropic.2"), like an env-only instance; otherwise it is
// skipped with a warning in config.warnings. A key already present (same value) is not added
// twice. Works on a config before or after validation: a new instance gets its type's default
// base URL and the proxy-wide timeout, and becomes the default backend if there was none.
void mergeKeychainCredentials(Config &config, const CredentialSet &keychain);

} // namespace lip::config
