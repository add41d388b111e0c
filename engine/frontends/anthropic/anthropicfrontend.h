// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// The Anthropic Messages dialect towards clients (Claude Code, the Anthropic SDKs): request
// validation and parsing into the canonical model, Anthropic SSE / message rendering, the error
// envelope, the /v1/models listing and a local count_tokens estimate.

#include "backends/connector.h" // ModelInfo
#include "frontends/frontend.h"

#include <QByteArray>

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace lip {

class AnthropicFrontend : public Frontend
{
public:
    Dialect dialect() const override { return Dialect::Anthropic; }
    Result<InboundRequest> inbound(const server::HttpRequest &request, const std::string &pathModel,
                                   bool pathStream) const override;
    Result<canon::Request> toCanonical(const InboundRequest &inbound) const override;
    std::unique_ptr<ResponseEncoder> makeEncoder(const canon::Request &request,
                                                 const std::string &clientModel,
                                                 bool stream) const override;
    ErrorReply renderError(const Error &error) const override;
    QByteArray renderStreamError(const Error &error) const override;

    // The body half of inbound(): validates an Anthropic request body (a JSON object with a
    // string `model`, an array `messages` and, unless `countTokens`, an integer `max_tokens`).
    static Result<InboundRequest> parseBody(const QByteArray &body, bool countTokens);
};

namespace anthropic {

// The Anthropic error type for a category/status ("invalid_request_error", "overloaded_error"…).
const char *errorTypeFor(const Error &error, int status);
// The status an Anthropic client should see for `error`.
int statusFor(const Error &error);
// {"type":"error","error":{"type":…,"message":…}} (no trailing newline).
QByteArray errorEnvelope(const Error &error);

// Extension key under which a content block of a type the canonical model has no kind for
// (server_tool_use, web_search_tool_result, search_result, …) is carried whole, so that an
// Anthropic backend can replay it; other dialects ignore it.
inline constexpr const char *kRawBlockKey = "anthropic_raw_block";

// Anthropic clients always get a signature on a thinking block (the SDKs and Claude Code keep
// and resend it). Thinking from a provider that signs nothing (Chat reasoning_content, Gemini
// thoughts whose signature rides on another part) gets a proxy-made one: kProxySignaturePrefix
// + base64url (no padding) of the first 18 bytes of the SHA-256 of the thinking text. It proves
// nothing to a provider: the Anthropic connector never sends a block signed this way upstream.
inline constexpr std::string_view kProxySignaturePrefix = "lipsig1.";
std::string proxySignature(std::string_view thinkingText);
bool isProxySignature(std::string_view signature);

} // namespace anthropic

// GET /v1/models in Anthropic's shape: {"data":[{"type":"model","id","display_name",
// "created_at"}],"has_more","first_id","last_id"}. `models` pairs the id the proxy exposes with
// what the provider said about it. Paging as Anthropic: `limit` (default 20, 1..1000) items after
// `afterId` or before `beforeId`.
QByteArray renderAnthropicModelList(const std::vector<std::pair<std::string, ModelInfo>> &models,
                                    const std::string &beforeId = {},
                                    const std::string &afterId = {}, int limit = 0);

// A local estimate for POST /v1/messages/count_tokens when the backend cannot count: about one
// token per 4 characters of system, message text, tool inputs/results and tool definitions
// (names, descriptions, schemas), plus a fixed 1,600 per image and per document. It is an
// estimate, not the provider's tokenizer.
int64_t estimateInputTokens(const canon::Request &request);
// {"input_tokens":N}
QByteArray renderAnthropicCountTokens(int64_t inputTokens);

} // namespace lip
