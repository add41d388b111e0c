// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Blocking use of the asynchronous credential store, for the command line and for start-up
// before the engine runs (the GUI uses CredentialStore directly). A local event loop runs until
// the keychain answers or the timeout passes, so a keychain that never answers cannot hang the
// process.

#include "config/config.h"
#include "config/credentials/credentialset.h"

#include <functional>

namespace lip::config::credentials {

// Long enough for a user to type a keychain password into an unlock prompt.
inline constexpr int kDefaultKeychainTimeoutMs = 60000;

// Calls `start(finish)` and runs a local event loop until `finish` is called or `timeoutMs`
// passes. Returns false on timeout (the operation may still complete later; `finish` is then a
// no-op).
bool waitFor(const std::function<void(std::function<void()> finish)> &start, int timeoutMs);

// Start-up: if <data dir>/credentials.json lists keys, reads them from the keychain and merges
// them into `config` (mergeKeychainCredentials). The keychain is not touched at all when nothing
// is stored. An unavailable keychain costs one info log line and the config is left as it was;
// unreadable entries become config.warnings. Call it on a config whose data dir is resolved
// (e.g. from loadConfig's hook, before validation).
// `loadedSet`, when given, receives the keys read (the desktop app keeps them for live reloads).
void loadKeychainIntoConfig(Config &config, int timeoutMs = kDefaultKeychainTimeoutMs,
                            CredentialSet *loadedSet = nullptr);

} // namespace lip::config::credentials
