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
    }
    return nullptr;
}

const BackendConnector *connectorForType(const QString &type)
{
    const config::BackendProfile *profile = config::findBackendProfile(type);
    return profile ? connectorForDialect(profile->dialect) : nullptr;
}

} // namespace lip
