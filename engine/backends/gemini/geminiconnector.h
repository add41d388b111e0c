// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// The Gemini generateContent API as a backend (https://generativelanguage.googleapis.com by
// default; the base has no version, /v1beta is added here).

#include "backends/connector.h"

namespace lip {

class GeminiConnector final : public BackendConnector
{
public:
    Dialect dialect() const override { return Dialect::Gemini; }
    Result<upstream::UpstreamRequest> buildRequest(const canon::Request &request,
                                                   const BackendContext &context) const override;
    // The client's bytes unchanged (the model is in the URL, not the body); the client's query
    // parameters except `key` are kept, so alt=sse (or its absence) reaches the provider as asked.
    Result<upstream::UpstreamRequest> buildPassthrough(const InboundRequest &inbound,
                                                       const std::string &model,
                                                       const BackendContext &context) const override;
    // Streams are recognised by their first byte: `[` a JSON array, `{` one body, else SSE.
    std::unique_ptr<ResponseDecoder> makeDecoder(bool stream) const override;
    Error parseError(int status, const HeaderList &headers, QByteArrayView body) const override;
    // One page of GET /v1beta/models?pageSize=1000 (nextPageToken is not followed: Gemini lists
    // well under 1000 models).
    Result<upstream::UpstreamRequest> buildModelsRequest(const BackendContext &context) const override;
    Result<std::vector<ModelInfo>> parseModels(QByteArrayView body) const override;
};

namespace gemini {
// The request body the translated path sends (exposed for tests and diagnostics).
Result<std::string> buildRequestBody(const canon::Request &request);
// "1s", "0.5s", "39.123s" → milliseconds; -1 when malformed.
int parseDurationMs(std::string_view duration);
// The {"error":{…}} envelope (also inside an array) → Error.
Error errorFromEnvelope(int status, std::string_view body);
} // namespace gemini

} // namespace lip
