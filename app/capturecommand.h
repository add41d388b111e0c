// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// `llm-interactive-proxy capture list|show|export`: reads capture files headless (no Gui).
// docs/capture.md describes the commands.

#include <QStringList>

namespace lip::app {

// `arguments` are what follows "capture". Returns the process exit code (0 ok, 1 failure, 2 usage).
int runCaptureCommand(const QStringList &arguments);

} // namespace lip::app
