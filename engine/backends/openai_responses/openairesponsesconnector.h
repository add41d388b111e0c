// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Providers that speak the OpenAI Responses API (POST {base}/responses): api.openai.com, Azure
// OpenAI, and the servers that copy it (vLLM, LM Studio, Ollama, OpenRouter).

#include "backends/connector.h"

namespace lip {

class OpenAIResponsesConnector final : public BackendConnector
{
public:
    Dialect dialect() const override { return Dialect::OpenAIResponses; }
    Result<upstream::UpstreamRequest> buildRequest(const canon::Request &request,
                                                   const BackendContext &context) const override;
    Result<upstream::UpstreamRequest> buildPassthrough(const InboundRequest &inbound, const std::string &model,
                                                       const BackendContext &context) const override;
    std::unique_ptr<ResponseDecoder> makeDecoder(bool stream) const override;
    Error parseError(int status, const HeaderList &headers, QByteArrayView body) const override;
    Result<upstream::UpstreamRequest> buildModelsRequest(const BackendContext &context) const override;
    Result<std::vector<ModelInfo>> parseModels(QByteArrayView body) const override;

    // The Responses resources besides POST /responses, forwarded as they are:
    // GET/DELETE {base}/responses/{id}, POST {base}/responses/{id}/cancel,
    // GET {base}/responses/{id}/input_items, POST {base}/responses/input_tokens (body = the
    // client's body with the model patched, when given). `suffix` starts after "/responses".
    Result<upstream::UpstreamRequest> buildResourceRequest(const QByteArray &method, const QString &suffix,
                                                           const QByteArray &query, const QByteArray &body,
                                                           const BackendContext &context) const;
};

const BackendConnector &openAIResponsesConnector();

} // namespace lip
