// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "engine.h"

#include <QCoreApplication>
#include <QString>

namespace lip::ui {

// The user-visible wording of an EngineStatus, shared by the window and the tray so that both
// say the same thing.
class StatusText
{
    Q_DECLARE_TR_FUNCTIONS(StatusText)
public:
    static QString state(const EngineStatus &status); // "Running", "Stopped"
    static QString summary(const EngineStatus &status); // one line for the tray
    static QString backends(const EngineStatus &status);
    static QString lastError(const EngineStatus &status);
};

} // namespace lip::ui
