// SPDX-License-Identifier: GPL-3.0-or-later
#include "backends/openai_chat/providerquirks.h"

#include "core/jsonsplice.h"
#include "core/logging.h"

namespace lip::openai_chat {

namespace {

// NVIDIA's hosted NIM endpoint validates bodies against a strict schema: it refuses
// `max_completion_tokens` and `stream_options` as unknown fields (reported by the Python
// llm-interactive-proxy, docs/backends/nvidia.md). The limit is kept under its older name; the
// usage of a streamed answer is then only known if the provider sends it on its own.
bool strictSchema(const config::BackendConfig *backend)
{
    return backend && backend->type == QLatin1String("nvidia");
}

} // namespace

void applyProviderQuirks(const config::BackendConfig *backend, boost::json::object &body)
{
    if (!strictSchema(backend))
        return;
    if (body.erase("stream_options"))
        qCDebug(lcBackendOpenAI) << "nvidia: stream_options not sent (strict schema)";
    if (auto *limit = body.if_contains("max_completion_tokens")) {
        if (!body.contains("max_tokens"))
            body["max_tokens"] = *limit;
        body.erase("max_completion_tokens");
    }
}

void applyProviderQuirks(const config::BackendConfig *backend, QByteArray &body)
{
    if (!strictSchema(backend))
        return;
    if (std::optional<QByteArray> out = json::removeMember(body, "stream_options"))
        body = std::move(*out);
    const std::optional<std::string> limit = json::memberRawValue(body, "max_completion_tokens");
    if (!limit)
        return;
    std::optional<QByteArray> out = json::removeMember(body, "max_completion_tokens");
    if (out && !json::memberRawValue(*out, "max_tokens"))
        out = json::replaceMember(*out, "max_tokens", *limit);
    if (out)
        body = std::move(*out);
}

} // namespace lip::openai_chat
