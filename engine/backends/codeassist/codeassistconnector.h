// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Google's Code Assist API (cloudcode-pa.googleapis.com, v1internal), which the Gemini CLI uses
// with a Google account instead of an API key; Antigravity calls the same API shape at its own
// endpoint. The Gemini body travels wrapped: {model, project, request:{…generateContent body…}}
// and each answer comes back wrapped as {response:{…}}. The project comes from the account
// (ProjectResolver, codeassistproject.h) and reaches the connector in grant->extra.project_id.
// Backend types: gemini-oauth-plan, gemini-oauth-free, gemini-oauth-auto,
// gemini-cli-cloud-project (this connector) and antigravity-oauth (the Antigravity flavour).

#include "backends/connector.h"

namespace lip {

class CodeAssistConnector final : public BackendConnector
{
public:
    enum class Flavour { GeminiCli, Antigravity };
    explicit CodeAssistConnector(Flavour flavour) : m_flavour(flavour) {}

    Dialect dialect() const override { return Dialect::Gemini; }
    Result<upstream::UpstreamRequest> buildRequest(const canon::Request &request,
                                                   const BackendContext &context) const override;
    Result<upstream::UpstreamRequest> buildPassthrough(const InboundRequest &inbound, const std::string &model,
                                                       const BackendContext &context) const override;
    // Unwraps {response:…} (SSE events or one body) and hands the inner Gemini answer to the
    // Gemini decoder, so usage and finish reasons map as for the Gemini API.
    std::unique_ptr<ResponseDecoder> makeDecoder(bool stream) const override;
    Error parseError(int status, const HeaderList &headers, QByteArrayView body) const override;
    Result<upstream::UpstreamRequest> buildModelsRequest(const BackendContext &context) const override;
    Result<std::vector<ModelInfo>> parseModels(QByteArrayView body) const override;
    bool allowsPassthrough() const override { return false; }

private:
    Flavour m_flavour;
};

namespace codeassist {
// The Code Assist envelope around a generateContent body. `sessionId` may be empty.
Result<QByteArray> wrapBody(const std::string &geminiBody, const std::string &model, const QString &project,
                            const QString &sessionId, bool antigravity);
// The API base without a trailing slash or version ("https://cloudcode-pa.googleapis.com").
QString apiBase(const BackendContext &context);
} // namespace codeassist

} // namespace lip
