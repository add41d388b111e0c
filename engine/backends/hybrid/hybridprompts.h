// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// The two requests a hybrid run sends, built from the client's canonical request. Pure
// functions, so what each model is asked is testable without a network.
//
// Reasoning phase: the conversation with tool calls and results rewritten as plain text, no tools
// offered (their names, descriptions and schemas are listed in the system prompt instead, so any
// provider accepts the request and the model can plan tool use without calling anything), no
// response format, the provider's default reasoning, output capped at reasoning_max_tokens.
//
// Execution phase: the client's request as sent (tools, tool_choice, sampling, format), minus
// thinking blocks in the history and minus reasoning settings, with the reasoning appended to the
// system prompt inside <reasoning>…</reasoning>.

#include "core/canonical.h"

#include <string>

namespace lip::hybrid {

canon::Request reasoningRequest(const canon::Request &client, int reasoningMaxTokens);
canon::Request executionRequest(const canon::Request &client, const std::string &reasoning);

} // namespace lip::hybrid
