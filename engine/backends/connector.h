// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// A backend connector speaks one dialect to providers: it builds upstream requests (from the
// canonical request when translating, or from the client's own body when the dialects match),
// decodes provider bytes into canonical events, maps provider errors, and lists models.

#include "backends/http/upstreamclient.h"
#include "config/config.h"
#include "core/canonical.h"
#include "core/dialect.h"
#include "frontends/frontend.h"

#include <QByteArray>

#include <memory>
#include <string>
#include <vector>

namespace lip {
namespace oauth {
struct AccessGrant;
}

struct BackendContext
{
    const config::BackendConfig *backend = nullptr;
    QString apiKey;              // the key chosen for this attempt (may be empty: local backends)
    HeaderList clientHeaders;    // the client's headers, for the few that pass through
    const oauth::AccessGrant *grant = nullptr; // OAuth backends: the account's token for this attempt
    QString session;             // the proxy's session key (subscription backends send it as their session id)
};

struct ModelInfo
{
    std::string id;           // the provider's model id
    std::string displayName;  // when the provider gives one
    int64_t created = 0;
    std::string ownedBy;
    int64_t inputTokenLimit = 0;
    int64_t outputTokenLimit = 0;
};

class BackendConnector
{
public:
    virtual ~BackendConnector() = default;
    virtual Dialect dialect() const = 0;

    // Translated path: the upstream request for a canonical request (model already resolved).
    virtual Result<upstream::UpstreamRequest> buildRequest(const canon::Request &request,
                                                           const BackendContext &context) const = 0;
    // Same-dialect path: the client's body with only the model patched (bytes spliced, key order,
    // unknown fields and number spelling preserved).
    virtual Result<upstream::UpstreamRequest> buildPassthrough(const InboundRequest &inbound,
                                                               const std::string &model,
                                                               const BackendContext &context) const = 0;
    // Provider bytes → canonical events (stream: the provider's stream format; else one body).
    virtual std::unique_ptr<ResponseDecoder> makeDecoder(bool stream) const = 0;
    // A non-2xx answer from the provider → Error (category, message, upstream type, retry hint).
    virtual Error parseError(int status, const HeaderList &headers, QByteArrayView body) const = 0;

    // Model listing (low-rate; the caller caches). A backend without a listing endpoint returns
    // an Unsupported error from buildModelsRequest.
    virtual Result<upstream::UpstreamRequest> buildModelsRequest(const BackendContext &context) const = 0;
    virtual Result<std::vector<ModelInfo>> parseModels(QByteArrayView body) const = 0;

    // Subscription endpoints that wrap bodies (Code Assist) or insist on fields of their own
    // (ChatGPT Codex) never take the client's bytes as they are: false sends even a same-dialect
    // request through the canonical model.
    virtual bool allowsPassthrough() const { return true; }
    // Whether the upstream answer streams for a client that asked `clientStream` (ChatGPT Codex
    // only streams: a non-stream client gets the stream folded into one response).
    virtual bool streamsUpstream(bool clientStream) const { return clientStream; }
};

// Each dialect's connector (defined in engine/backends/<dialect>/).
const BackendConnector &openAIChatConnector();
const BackendConnector &openAIResponsesConnector();
const BackendConnector &anthropicConnector();
const BackendConnector &geminiConnector();
const BackendConnector &ollamaConnector(); // Ollama's native /api/chat
// Subscription (OAuth) backends: the account's token comes in BackendContext::grant.
const BackendConnector &codexConnector();           // openai-codex (engine/backends/codex/)
const BackendConnector &codeAssistConnector();      // gemini-oauth-*, gemini-cli-cloud-project (codeassist/)
const BackendConnector &antigravityConnector();     // antigravity-oauth (codeassist/)
const BackendConnector &qwenOAuthConnector();       // qwen-oauth (oauthwire/)
const BackendConnector &anthropicOAuthConnector();  // anthropic-oauth (oauthwire/)
const BackendConnector &clineConnector();           // cline (oauthwire/)

// The connector for a backend type ("openai", "anthropic", ...: config/backendprofiles.h maps a
// type to its dialect); nullptr for an unknown type or a dialect this build has no connector for.
const BackendConnector *connectorForType(const QString &type);
const BackendConnector *connectorForDialect(Dialect dialect);

} // namespace lip
