// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/dialect.h"

namespace lip {

const char *dialectName(Dialect dialect)
{
    switch (dialect) {
    case Dialect::OpenAIChat: return "openai-chat";
    case Dialect::OpenAIResponses: return "openai-responses";
    case Dialect::Anthropic: return "anthropic";
    case Dialect::Gemini: return "gemini";
    case Dialect::Ollama: return "ollama";
    }
    return "unknown";
}

} // namespace lip
