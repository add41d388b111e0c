// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// The entry point of the lip_ui module. app/main.cpp loads the module with QLibrary in GUI mode
// only (the executable itself never links Qt Gui/Widgets) and calls this with what start-up
// loaded, after destroying its own QCoreApplication. Returns the process exit code.

#include "config/config.h"
#include "config/configloader.h"
#include "config/credentials/credentialset.h"

#include <QHash>
#include <QString>
#include <QtGlobal>

namespace lip::ui {

// Everything start-up knows, so the UI can reload the config the same way (ConfigController).
// The pointers stay valid while lip_ui_main runs.
struct UiStartup
{
    const config::Config *config = nullptr;          // as loaded (app layer, env, CLI, keychain keys merged)
    const config::CliOptions *cli = nullptr;         // what the command line said (appConfigFile set)
    const QHash<QString, QString> *env = nullptr;    // the process environment
    const config::CredentialSet *keychain = nullptr; // keys read from the keychain (may be empty)
    bool startHidden = false;                        // --start-hidden
};

} // namespace lip::ui

extern "C" Q_DECL_EXPORT int lip_ui_main(int argc, char **argv, const lip::ui::UiStartup *startup);
