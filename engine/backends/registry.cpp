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

const BackendConnector *connectorForType(const QString &type)
{
    // Virtual types (hybrid) have no dialect and so no connector: they run their phases through
    // the connectors of the backends they name.
    const config::BackendProfile *profile = config::findBackendProfile(type);
    return profile && profile->dialect ? connectorForDialect(*profile->dialect) : nullptr;
}

} // namespace lip
