// SPDX-License-Identifier: GPL-3.0-or-later
#include "credentials/keymask.h"

namespace lip::ui::credentials {

QString maskSecret(QStringView secret)
{
    const QStringView trimmed = secret.trimmed();
    if (trimmed.size() < 12)
        return QStringLiteral("••••••");
    return trimmed.first(3).toString() + QStringLiteral("…") + trimmed.last(4).toString();
}

} // namespace lip::ui::credentials
