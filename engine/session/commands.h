// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// The in-chat command set (docs/commands.md). A command changes the session's state and returns
// the text the proxy answers with. A failed command (unknown name, bad argument) changes nothing
// and its text names the accepted forms.

#include "config/config.h"
#include "session/commandline.h"
#include "session/sessionstate.h"

#include <QString>
#include <QStringList>

namespace lip::session {

struct CommandResult
{
    bool ok = false;
    QString text;
};

// `prefix` is the prefix in effect (for the texts); `state` is changed only when ok.
CommandResult executeCommand(const ParsedCommand &command, SessionState &state,
                             const config::Config &config, const QString &prefix);

// The names of every command (for help and tests).
QStringList commandNames();

// `config` with the session's routes added (they shadow config routes of the same name), for
// validating selectors the way routing will resolve them.
config::Config configWithSessionRoutes(const config::Config &config, const std::vector<config::RouteConfig> &routes);

} // namespace lip::session
