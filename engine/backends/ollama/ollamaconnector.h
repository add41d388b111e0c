// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Ollama's native API (POST /api/chat, GET /api/tags), for what its OpenAI-compatible /v1 layer
// does not carry: the `think` switch and thinking text, `options` such as top_k and num_predict,
// `format` with a JSON schema, images in messages. Backend type "ollama-native". No frontend
// speaks this dialect, so requests always arrive here translated from the canonical model.

#include "backends/connector.h"

namespace lip {

class OllamaConnector final : public BackendConnector
{
public:
    Dialect dialect() const override { return Dialect::Ollama; }
    Result<upstream::UpstreamRequest> buildRequest(const canon::Request &request,
                                                   const BackendContext &context) const override;
    Result<upstream::UpstreamRequest> buildPassthrough(const InboundRequest &inbound, const std::string &model,
                                                       const BackendContext &context) const override;
    std::unique_ptr<ResponseDecoder> makeDecoder(bool stream) const override;
    Error parseError(int status, const HeaderList &headers, QByteArrayView body) const override;
    Result<upstream::UpstreamRequest> buildModelsRequest(const BackendContext &context) const override;
    Result<std::vector<ModelInfo>> parseModels(QByteArrayView body) const override;
};

} // namespace lip
