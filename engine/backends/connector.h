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

struct BackendContext
{
    const config::BackendConfig *backend = nullptr;
    QString apiKey;              // the key chosen for this attempt (may be empty: local backends)
    HeaderList clientHeaders;    // the client's headers, for the few that pass through
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
};

// Each dialect's connector (defined in engine/backends/<dialect>/).
const BackendConnector &openAIChatConnector();
const BackendConnector &openAIResponsesConnector();
const BackendConnector &anthropicConnector();
const BackendConnector &geminiConnector();
const BackendConnector &ollamaConnector(); // Ollama's native /api/chat

// The connector for a backend type ("openai", "anthropic", ...: config/backendprofiles.h maps a
// type to its dialect); nullptr for an unknown type or a dialect this build has no connector for.
const BackendConnector *connectorForType(const QString &type);
const BackendConnector *connectorForDialect(Dialect dialect);

} // namespace lip
