// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// The entry point of the lip_ui module. app/main.cpp loads the module with QLibrary in GUI mode
// only (the executable itself never links Qt Gui/Widgets) and calls this with the loaded
// config, after destroying its own QCoreApplication. Returns the process exit code.

#include "config/config.h"

#include <QtGlobal>

extern "C" Q_DECL_EXPORT int lip_ui_main(int argc, char **argv, const lip::config::Config *config);
