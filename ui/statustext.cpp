// SPDX-License-Identifier: GPL-3.0-or-later
#include "statustext.h"

#include <QLocale>

namespace lip::ui {

QString StatusText::state(const EngineStatus &status)
{
    return status.running ? tr("Running") : tr("Stopped");
}

QString StatusText::summary(const EngineStatus &status)
{
    if (!status.running || status.listenAddress.isEmpty())
        return tr("Proxy stopped");
    return tr("Listening on %1 · requests: %2 · errors: %3")
        .arg(status.listenAddress)
        .arg(status.requests)
        .arg(status.errors);
}

QString StatusText::backends(const EngineStatus &status)
{
    if (status.backends.isEmpty())
        return tr("None configured. Set an API key such as OPENAI_API_KEY or ANTHROPIC_API_KEY, "
                  "or start with --config FILE.");
    QStringList names;
    for (const QString &name : status.backends) {
        if (name == status.defaultBackend)
            names << tr("%1 (default)").arg(name);
        else
            names << name;
    }
    return names.join(QStringLiteral(", "));
}

QString StatusText::lastError(const EngineStatus &status)
{
    if (status.lastError.isEmpty())
        return tr("None");
    if (!status.lastErrorTime.isValid())
        return status.lastError;
    return tr("%1 (at %2)").arg(status.lastError,
                                QLocale().toString(status.lastErrorTime.toLocalTime().time(),
                                                   QLocale::ShortFormat));
}

} // namespace lip::ui
