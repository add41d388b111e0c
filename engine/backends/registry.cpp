// SPDX-License-Identifier: GPL-3.0-or-later
#include "backends/connector.h"

#include "config/backendprofiles.h"

namespace lip {

const BackendConnector *connectorForDialect(Dialect dialect)
{
    switch (dialect) {
    case Dialect::OpenAIChat: return &openAIChatConnector();
    case Dialect::Anthropic: return &anthropicConnector();
    case Dialect::Gemini: return &geminiConnector();
    case Dialect::OpenAIResponses: return &openAIResponsesConnector();
    case Dialect::Ollama: return &ollamaConnector();
    }
    return nullptr;
}

// Subscription types: the dialect's wire plus what the provider's own CLI sends.
static const BackendConnector *oauthConnectorForType(const QString &type)
{
    if (type == QLatin1String("openai-codex"))
        return &codexConnector();
    if (type == QLatin1String("antigravity-oauth"))
        return &antigravityConnector();
    if (type.startsWith(QLatin1String("gemini-")))
        return &codeAssistConnector();
    if (type == QLatin1String("qwen-oauth"))
        return &qwenOAuthConnector();
    if (type == QLatin1String("anthropic-oauth"))
        return &anthropicOAuthConnector();
    if (type == QLatin1String("cline"))
        return &clineConnector();
    return nullptr;
}

const BackendConnector *connectorForType(const QString &type)
{
    // Virtual types (hybrid) have no dialect and so no connector: they run their phases through
    // the connectors of the backends they name.
    const config::BackendProfile *profile = config::findBackendProfile(type);
    if (profile && profile->usesOAuth())
        return oauthConnectorForType(type);
    return profile && profile->dialect ? connectorForDialect(*profile->dialect) : nullptr;
}

} // namespace lip
