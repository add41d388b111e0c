// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "engine.h"

#include <QCoreApplication>
#include <QString>

namespace lip::ui {

// The four states the window and the tray show.
enum class ProxyState { Running, Degraded, Paused, Stopped };

// The user-visible wording of an EngineStatus, shared by the window and the tray so that both
// say the same thing.
class StatusText
{
    Q_DECLARE_TR_FUNCTIONS(StatusText)
public:
    static ProxyState proxyState(const EngineStatus &status);
    static QString stateId(ProxyState state); // "running", "degraded", "paused", "stopped" (icon names)
    static QString state(const EngineStatus &status); // "Running", "Stopped", "Paused", "Running, degraded"
    static QString summary(const EngineStatus &status); // one line for the tray
    static QString backends(const EngineStatus &status);
    static QString lastError(const EngineStatus &status);
    static QString degraded(const EngineStatus &status); // the banner text, empty when not degraded

    // Base URLs to paste into clients: OpenAI SDKs want "/v1", Anthropic and Gemini SDKs add
    // their own version path. Empty when not listening.
    static QString openAiBaseUrl(const EngineStatus &status);
    static QString anthropicBaseUrl(const EngineStatus &status);
    static QString geminiBaseUrl(const EngineStatus &status);
};

} // namespace lip::ui
