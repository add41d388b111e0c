// SPDX-License-Identifier: GPL-3.0-or-later
#include "page.h"

#include <QEvent>

namespace lip::ui {

void Page::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QWidget::changeEvent(event);
}

} // namespace lip::ui
