// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// A unified diff (as `diff -u` prints it) of two texts, for the "what will change" dialog.

#include <QByteArray>
#include <QString>

namespace lip::ui::clients {

// Empty when the texts are equal. `context`: unchanged lines shown around each change.
QString unifiedDiff(const QByteArray &oldText, const QByteArray &newText, const QString &oldName,
                    const QString &newName, int context = 3);

} // namespace lip::ui::clients
