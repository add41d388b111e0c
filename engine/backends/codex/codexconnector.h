// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// ChatGPT-plan Codex (backend type "openai-codex"): the OpenAI Responses API at the ChatGPT
// backend, as the Codex CLI calls it (see docs/backends/openai-codex.md for the sources):
// POST {base}/responses with base https://chatgpt.com/backend-api/codex, the account's bearer
// token, `chatgpt-account-id`, `OpenAI-Beta: responses=experimental`, `originator`, `session_id`.
// The endpoint only streams and only accepts `store: false`, so every request is translated
// (never passed through as the client sent it) and a non-stream client gets the stream folded.

#include "backends/connector.h"

namespace lip {

class CodexConnector final : public BackendConnector
{
public:
    Dialect dialect() const override { return Dialect::OpenAIResponses; }
    Result<upstream::UpstreamRequest> buildRequest(const canon::Request &request,
                                                   const BackendContext &context) const override;
    Result<upstream::UpstreamRequest> buildPassthrough(const InboundRequest &inbound, const std::string &model,
                                                       const BackendContext &context) const override;
    std::unique_ptr<ResponseDecoder> makeDecoder(bool stream) const override;
    // The OpenAI envelope; a usage-limit answer (`usage_limit_reached`, resets_in_seconds) is
    // RateLimited with the reset time as the retry hint, so the account rests until then.
    Error parseError(int status, const HeaderList &headers, QByteArrayView body) const override;
    // The ChatGPT backend has no model listing for API clients: list models in the config.
    Result<upstream::UpstreamRequest> buildModelsRequest(const BackendContext &context) const override;
    Result<std::vector<ModelInfo>> parseModels(QByteArrayView body) const override;
    bool allowsPassthrough() const override { return false; }
    bool streamsUpstream(bool) const override { return true; }
};

namespace codex {
// The Responses body the Responses connector built → what the ChatGPT backend accepts
// (stream and store forced, instructions present, unsupported fields dropped). Exposed for tests.
Result<QByteArray> adaptBody(const QByteArray &responsesBody);
} // namespace codex

} // namespace lip
