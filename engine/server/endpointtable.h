// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// The endpoint table: which dialect and operation a request path names. Pure: no I/O, so it is
// unit-tested directly and costs nothing on the hot path (a few prefix compares).

#include "core/dialect.h"

#include <QByteArray>

#include <optional>
#include <string>

namespace lip::server {

struct HttpRequest;

enum class Operation {
    Health,
    ProbeRoot,      // HEAD / and HEAD /anthropic (Claude Code probes its base URL)
    ListModels,
    GetModel,       // Gemini GET /v1beta/models/{model}
    Generate,       // chat/completions, messages, responses, generateContent, streamGenerateContent
    CountTokens,    // Anthropic count_tokens, Gemini countTokens, Responses input_tokens
    ResponseGet,    // GET /v1/responses/{id}
    ResponseDelete, // DELETE /v1/responses/{id}
    ResponseCancel, // POST /v1/responses/{id}/cancel
    // The proxy's own endpoints (behind the proxy key; answered as JSON / Prometheus text).
    Diagnostics,           // GET /v1/diagnostics (also /diagnostics): backends, keys, circuits
    DiagnosticsReactivate, // POST /v1/diagnostics/backends/{instance}/reactivate (resourceId = instance)
    UsageStats,            // GET /usage/stats (also /v1/usage/stats)
    UsageRecent,           // GET /usage/recent (also /v1/usage/recent)
    Metrics,               // GET /metrics (Prometheus text format)
};

struct Endpoint
{
    Operation operation = Operation::Health;
    Dialect dialect = Dialect::OpenAIChat;
    std::string pathModel;    // Gemini: the model from the path (percent-decoded, "models/" kept off)
    std::string resourceId;   // Responses: the response id; DiagnosticsReactivate: the instance
    bool pathStream = false;  // Gemini :streamGenerateContent
};

enum class ServerRole { Main, AnthropicOnly };

// nullopt: no such endpoint (the caller answers 404 in guessDialect()'s envelope).
std::optional<Endpoint> matchEndpoint(const HttpRequest &request, ServerRole role);

// The dialect to answer in when no endpoint matched, or before one is known (auth failures):
// by path prefix first, then by the SDK's telltale headers.
Dialect guessDialect(const HttpRequest &request, ServerRole role);

} // namespace lip::server
