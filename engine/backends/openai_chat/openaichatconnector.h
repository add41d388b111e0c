// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Providers that speak OpenAI Chat Completions: api.openai.com and the many compatible servers
// (vLLM, llama.cpp, Ollama, OpenRouter, DeepSeek, ...).

#include "backends/connector.h"

namespace lip {

class OpenAIChatConnector final : public BackendConnector
{
public:
    Dialect dialect() const override { return Dialect::OpenAIChat; }
    Result<upstream::UpstreamRequest> buildRequest(const canon::Request &request,
                                                   const BackendContext &context) const override;
    Result<upstream::UpstreamRequest> buildPassthrough(const InboundRequest &inbound, const std::string &model,
                                                       const BackendContext &context) const override;
    std::unique_ptr<ResponseDecoder> makeDecoder(bool stream) const override;
    Error parseError(int status, const HeaderList &headers, QByteArrayView body) const override;
    Result<upstream::UpstreamRequest> buildModelsRequest(const BackendContext &context) const override;
    Result<std::vector<ModelInfo>> parseModels(QByteArrayView body) const override;
};

const BackendConnector &openAIChatConnector();

} // namespace lip
