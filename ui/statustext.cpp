// SPDX-License-Identifier: GPL-3.0-or-later
#include "statustext.h"

#include <QLocale>

namespace lip::ui {

ProxyState StatusText::proxyState(const EngineStatus &status)
{
    if (status.paused)
        return ProxyState::Paused;
    if (!status.running)
        return ProxyState::Stopped;
    if (!status.openCircuits.isEmpty())
        return ProxyState::Degraded;
    return ProxyState::Running;
}

QString StatusText::stateId(ProxyState state)
{
    switch (state) {
    case ProxyState::Running:
        return QStringLiteral("running");
    case ProxyState::Degraded:
        return QStringLiteral("degraded");
    case ProxyState::Paused:
        return QStringLiteral("paused");
    case ProxyState::Stopped:
        break;
    }
    return QStringLiteral("stopped");
}

QString StatusText::state(const EngineStatus &status)
{
    switch (proxyState(status)) {
    case ProxyState::Running:
        return tr("Running");
    case ProxyState::Degraded:
        return tr("Running, degraded");
    case ProxyState::Paused:
        return tr("Paused");
    case ProxyState::Stopped:
        break;
    }
    return tr("Stopped");
}

QString StatusText::summary(const EngineStatus &status)
{
    if (status.paused)
        return tr("Proxy paused");
    if (!status.running || status.listenAddress.isEmpty())
        return tr("Proxy stopped");
    if (!status.openCircuits.isEmpty())
        return tr("Degraded: %1 unavailable · %2").arg(status.openCircuits.join(QStringLiteral(", ")), status.listenAddress);
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

QString StatusText::degraded(const EngineStatus &status)
{
    if (status.openCircuits.isEmpty())
        return {};
    return tr("Degraded: requests skip %1 until it recovers (circuit open). Requests that name only "
              "this backend fail.", nullptr, int(status.openCircuits.size()))
        .arg(status.openCircuits.join(QStringLiteral(", ")));
}

QString StatusText::openAiBaseUrl(const EngineStatus &status)
{
    return status.listenAddress.isEmpty() ? QString() : status.listenAddress + QStringLiteral("/v1");
}

QString StatusText::anthropicBaseUrl(const EngineStatus &status)
{
    // The dedicated Anthropic port, when on, is what Anthropic-only clients are documented to use.
    return status.anthropicAddress.isEmpty() ? status.listenAddress : status.anthropicAddress;
}

QString StatusText::geminiBaseUrl(const EngineStatus &status)
{
    return status.listenAddress;
}

} // namespace lip::ui
