// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/logging.h"

Q_LOGGING_CATEGORY(lcEngine, "lip.engine", QtInfoMsg)
Q_LOGGING_CATEGORY(lcServer, "lip.engine.server", QtInfoMsg)
Q_LOGGING_CATEGORY(lcConfig, "lip.engine.config", QtInfoMsg)
Q_LOGGING_CATEGORY(lcRouting, "lip.engine.routing", QtInfoMsg)
Q_LOGGING_CATEGORY(lcUpstream, "lip.engine.upstream", QtInfoMsg)
Q_LOGGING_CATEGORY(lcBackendOpenAI, "lip.backend.openai", QtInfoMsg)
Q_LOGGING_CATEGORY(lcBackendAnthropic, "lip.backend.anthropic", QtInfoMsg)
Q_LOGGING_CATEGORY(lcBackendGemini, "lip.backend.gemini", QtInfoMsg)
Q_LOGGING_CATEGORY(lcTranslate, "lip.engine.translate", QtWarningMsg)
Q_LOGGING_CATEGORY(lcModels, "lip.engine.models", QtInfoMsg)
Q_LOGGING_CATEGORY(lcHealth, "lip.engine.health", QtInfoMsg)
Q_LOGGING_CATEGORY(lcSession, "lip.engine.session", QtInfoMsg)
Q_LOGGING_CATEGORY(lcUsage, "lip.engine.usage", QtInfoMsg)
Q_LOGGING_CATEGORY(lcCapture, "lip.engine.capture", QtInfoMsg)
Q_LOGGING_CATEGORY(lcCredentials, "lip.engine.credentials", QtInfoMsg)
Q_LOGGING_CATEGORY(lcHybrid, "lip.backend.hybrid", QtInfoMsg)
