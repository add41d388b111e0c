// SPDX-License-Identifier: GPL-3.0-or-later
#include "uiresources.h"

// Q_INIT_RESOURCE must be used outside any namespace.
static void initUiResources()
{
    Q_INIT_RESOURCE(resources);
#ifdef LIP_HAVE_TRANSLATIONS
    Q_INIT_RESOURCE(lip_ui_translations);
#endif
}

namespace lip::ui {

void initResources()
{
    static const bool done = [] {
        initUiResources();
        return true;
    }();
    Q_UNUSED(done);
}

QIcon appIcon()
{
    initResources();
    return QIcon(QStringLiteral(":/icons/app.svg"));
}

} // namespace lip::ui
