// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Subscription backends whose wire is exactly a dialect we already speak, with an account's token
// instead of a key: qwen-oauth (OpenAI Chat at the account's resource URL), anthropic-oauth
// (Anthropic Messages with the Claude Code login and its OAuth beta header) and cline (OpenAI
// Chat at Cline's API). The wrapped connector builds everything; this sets the token, the base
// URL the account names, and the provider's headers. Same-dialect requests still pass through.

#include "backends/connector.h"

namespace lip::oauthwire {

class WrappedConnector final : public BackendConnector
{
public:
    enum class Kind { Qwen, AnthropicOAuth, Cline };
    WrappedConnector(Kind kind, const BackendConnector &inner) : m_kind(kind), m_inner(inner) {}

    Dialect dialect() const override { return m_inner.dialect(); }
    Result<upstream::UpstreamRequest> buildRequest(const canon::Request &request,
                                                   const BackendContext &context) const override;
    Result<upstream::UpstreamRequest> buildPassthrough(const InboundRequest &inbound, const std::string &model,
                                                       const BackendContext &context) const override;
    std::unique_ptr<ResponseDecoder> makeDecoder(bool stream) const override { return m_inner.makeDecoder(stream); }
    Error parseError(int status, const HeaderList &headers, QByteArrayView body) const override
    {
        return m_inner.parseError(status, headers, body);
    }
    Result<upstream::UpstreamRequest> buildModelsRequest(const BackendContext &context) const override;
    Result<std::vector<ModelInfo>> parseModels(QByteArrayView body) const override { return m_inner.parseModels(body); }

private:
    Result<upstream::UpstreamRequest> finish(Result<upstream::UpstreamRequest> built, const BackendContext &context) const;

    Kind m_kind;
    const BackendConnector &m_inner;
};

// Qwen's resource_url ("portal.qwen.ai", "https://dashscope.aliyuncs.com/compatible-mode") →
// an OpenAI-style base ending in /v1; empty when `resourceUrl` is empty or not a URL.
QString qwenBaseFromResourceUrl(const QString &resourceUrl);

// The beta flag Claude Code sends with an OAuth token, merged into the client's anthropic-beta.
inline constexpr const char kAnthropicOAuthBeta[] = "oauth-2025-04-20";

} // namespace lip::oauthwire
