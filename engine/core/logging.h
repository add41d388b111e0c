// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QLoggingCategory>

// One category per area, so `QT_LOGGING_RULES="lip.backend.*=true"` turns on exactly that.
Q_DECLARE_LOGGING_CATEGORY(lcEngine)
Q_DECLARE_LOGGING_CATEGORY(lcServer)
Q_DECLARE_LOGGING_CATEGORY(lcConfig)
Q_DECLARE_LOGGING_CATEGORY(lcRouting)
Q_DECLARE_LOGGING_CATEGORY(lcUpstream)
Q_DECLARE_LOGGING_CATEGORY(lcBackendOpenAI)
Q_DECLARE_LOGGING_CATEGORY(lcBackendAnthropic)
Q_DECLARE_LOGGING_CATEGORY(lcBackendGemini)
Q_DECLARE_LOGGING_CATEGORY(lcTranslate)
Q_DECLARE_LOGGING_CATEGORY(lcModels)
Q_DECLARE_LOGGING_CATEGORY(lcHealth)      // lip.engine.health: circuits opening/closing, key cooldowns
Q_DECLARE_LOGGING_CATEGORY(lcSession)     // lip.engine.session: sessions and in-chat commands
Q_DECLARE_LOGGING_CATEGORY(lcUsage)       // lip.engine.usage: usage store
Q_DECLARE_LOGGING_CATEGORY(lcCapture)     // lip.engine.capture: wire capture
Q_DECLARE_LOGGING_CATEGORY(lcCredentials) // lip.engine.credentials: keychain
Q_DECLARE_LOGGING_CATEGORY(lcHybrid)      // lip.backend.hybrid
