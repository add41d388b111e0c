// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QIcon>

namespace lip::ui {

// Registers the embedded icons and translations. Needed explicitly because in a static library
// (the widget tests link one) the linker would otherwise drop the unreferenced resource objects.
void initResources();

QIcon appIcon();

} // namespace lip::ui
