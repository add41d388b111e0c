// SPDX-License-Identifier: GPL-3.0-or-later
#include "widgets/origintext.h"

#include <QCoreApplication>
#include <QFileInfo>

namespace lip::ui {

QString originNote(const QString &origin, const QString &layerPath)
{
    if (origin.isEmpty() || origin.startsWith(QLatin1String("default")))
        return {};
    if (!layerPath.isEmpty() && origin.startsWith(layerPath + QLatin1Char(':')))
        return {};
    if (origin.startsWith(QLatin1String("env:")))
        return QCoreApplication::translate("lip::ui::OriginText",
                                           "Set by the environment variable %1, which wins over this page.")
            .arg(origin.mid(4));
    if (origin == QLatin1String("cli"))
        return QCoreApplication::translate("lip::ui::OriginText", "Set on the command line, which wins over this page.");
    // "<path>:<line>": name the file, not the whole path.
    const qsizetype colon = origin.lastIndexOf(QLatin1Char(':'));
    const QString file = colon > 0 ? origin.left(colon) : origin;
    const QString line = colon > 0 ? origin.mid(colon + 1) : QString();
    const QString where = line.isEmpty() ? QFileInfo(file).fileName() : QFileInfo(file).fileName() + QLatin1Char(':') + line;
    return QCoreApplication::translate("lip::ui::OriginText", "Set in %1; a value saved here replaces it.").arg(where);
}

bool originOverridesApp(const QString &origin)
{
    return origin.startsWith(QLatin1String("env:")) || origin == QLatin1String("cli");
}

QString withoutLayerLocation(const QString &message, const QString &layerPath)
{
    if (layerPath.isEmpty() || !message.startsWith(layerPath + QLatin1Char(':')))
        return message;
    const qsizetype sep = message.indexOf(QLatin1String(": "), layerPath.size());
    return sep < 0 ? message : message.mid(sep + 2);
}

} // namespace lip::ui
