// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// The OpenAI Responses dialect as clients speak it (POST /v1/responses). See
// docs/dialects/openai-responses.md for the mapping and what is dropped on purpose.

#include "frontends/frontend.h"

#include <boost/json/object.hpp>

#include <optional>
#include <string>
#include <string_view>

namespace lip {

class OpenAIResponsesFrontend final : public Frontend
{
public:
    Dialect dialect() const override { return Dialect::OpenAIResponses; }
    Result<InboundRequest> inbound(const server::HttpRequest &request, const std::string &pathModel,
                                   bool pathStream) const override;
    Result<canon::Request> toCanonical(const InboundRequest &inbound) const override;
    std::unique_ptr<ResponseEncoder> makeEncoder(const canon::Request &request, const std::string &clientModel,
                                                 bool stream) const override;
    // Uses the client's body to echo instructions, tools, reasoning, ... as the real API does.
    std::unique_ptr<ResponseEncoder> encoderFor(const canon::Request &request,
                                                const InboundRequest &inbound) const override;
    ErrorReply renderError(const Error &error) const override;
    // `event: response.failed` with a minimal failed response object (see the docs for why not
    // `event: error`). Prefer feeding an Error event to the encoder: it keeps the response id
    // and the sequence numbers.
    QByteArray renderStreamError(const Error &error) const override;
};

const Frontend &openAIResponsesFrontend();

namespace responses {

// Canonical extension keys this dialect uses.
inline constexpr std::string_view kCustomKey = "custom";       // Tool / ToolUse / ToolResult: a custom (free-form) tool
inline constexpr std::string_view kNamespaceKey = "namespace"; // Tool: {"namespace": ns, "name": inner name}
inline constexpr std::string_view kItemIdKey = "id";           // Thinking: the reasoning item id (rs_…)
// Request extension holding the built-in tools (web_search, file_search, ...) verbatim.
inline constexpr std::string_view kBuiltinToolsKey = "tools";

// For a connector of another dialect: an InvalidRequest error naming the first built-in tool
// type the request carries (web_search, code_interpreter, ...), nullopt when there is none.
std::optional<Error> rejectBuiltinTools(const canon::Request &request, const char *backendDialect);

// The client asked the proxy to keep the response (Responses `store`, default true).
bool storeRequested(const InboundRequest &inbound);
// The previous_response_id of the request, empty when none.
std::string previousResponseId(const InboundRequest &inbound);

// A canonical tool name for a function inside a namespace tool ("crm" + "lookup" → "crm__lookup").
std::string flatName(std::string_view ns, std::string_view name);

// Reasoning that came from a non-Responses backend is carried through the client inside
// encrypted_content: the signature verbatim when the client also sees the thought text (summary
// requested), otherwise packed with the text so that the next turn can restore both.
std::string packReasoning(const std::string &text, const std::string &signature, bool redacted);
struct UnpackedReasoning
{
    std::string text;
    std::string signature;
    bool redacted = false;
};
std::optional<UnpackedReasoning> unpackReasoning(std::string_view encrypted);

// The Responses error envelope (same as Chat's) and status.
int errorStatus(const Error &error);
QByteArray errorEnvelope(const Error &error);

} // namespace responses

} // namespace lip
