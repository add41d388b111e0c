// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

namespace lip::ui {

// "Start at login": the platform's own mechanism, so the user can also see and remove it there.
// Linux/BSD: an XDG autostart entry ($XDG_CONFIG_HOME/autostart/llm-interactive-proxy.desktop).
// macOS: a LaunchAgent plist (~/Library/LaunchAgents). Windows: the HKCU Run key.
class Autostart
{
public:
    static bool isEnabled();
    // `program`: the executable to start (QCoreApplication::applicationFilePath()).
    // Returns an error message, empty on success.
    static QString setEnabled(bool enabled, const QString &program, bool startHidden);

    // Where the entry lives on this platform (a file path, or the registry key on Windows).
    static QString location();
    // The command line the entry runs.
    static QString commandLine(const QString &program, bool startHidden);
};

} // namespace lip::ui
