// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// `llm-interactive-proxy auth login|list|logout|import`: OAuth subscription accounts from the
// command line (docs/oauth.md). Tokens go to the OS keychain and never appear in the output.

#include <QStringList>

namespace lip::app {

// `arguments`: what follows "auth". Exit code: 0 done, 1 failed, 2 usage, 130 interrupted.
int runAuthCommand(const QStringList &arguments);

} // namespace lip::app
