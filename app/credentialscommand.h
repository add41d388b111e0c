// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// `llm-interactive-proxy credentials set|list|remove`: API keys in the OS keychain, scriptable.
// Secrets come only from stdin (never argv) and never appear in the output.

#include <QStringList>

namespace lip::app {

// `arguments`: what follows "credentials" on the command line. Returns the exit code:
// 0 done, 1 failed (keychain unavailable or refused, file error), 2 usage.
int runCredentialsCommand(const QStringList &arguments);

} // namespace lip::app
