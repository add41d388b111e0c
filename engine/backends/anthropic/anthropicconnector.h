// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// The Anthropic Messages dialect towards providers (api.anthropic.com and compatible hosts):
// canonical → Messages body, same-dialect passthrough, SSE/JSON decoding, error envelopes and
// the model listing.

#include "backends/connector.h"

#include <cstdint>
#include <string>

namespace lip {

class AnthropicConnector : public BackendConnector
{
public:
    // max_tokens is required by Anthropic; used when the client gave none.
    static constexpr int64_t kDefaultMaxTokens = 8192;
    // Reasoning effort → thinking.budget_tokens.
    static constexpr int64_t kBudgetLow = 2048;
    static constexpr int64_t kBudgetMedium = 8192;
    static constexpr int64_t kBudgetHigh = 24576;
    static constexpr int64_t kMinBudget = 1024; // Anthropic's minimum
    static constexpr const char *kDefaultVersion = "2023-06-01";

    Dialect dialect() const override { return Dialect::Anthropic; }
    Result<upstream::UpstreamRequest> buildRequest(const canon::Request &request,
                                                   const BackendContext &context) const override;
    Result<upstream::UpstreamRequest> buildPassthrough(const InboundRequest &inbound,
                                                       const std::string &model,
                                                       const BackendContext &context) const override;
    std::unique_ptr<ResponseDecoder> makeDecoder(bool stream) const override;
    Error parseError(int status, const HeaderList &headers, QByteArrayView body) const override;
    Result<upstream::UpstreamRequest> buildModelsRequest(const BackendContext &context) const override;
    Result<std::vector<ModelInfo>> parseModels(QByteArrayView body) const override;

    // The Messages body for a canonical request (what buildRequest sends), exposed for tests.
    static Result<QByteArray> buildBody(const canon::Request &request);
};

// POST {baseUrl}/v1/messages/count_tokens with the client's body (model replaced), for
// Anthropic backends that can count.
Result<upstream::UpstreamRequest> buildCountTokensPassthrough(const InboundRequest &inbound,
                                                              const std::string &model,
                                                              const BackendContext &context);

} // namespace lip
