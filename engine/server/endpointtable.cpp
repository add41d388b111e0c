// SPDX-License-Identifier: GPL-3.0-or-later
#include "server/endpointtable.h"

#include "server/httpserver.h"

#include <QByteArrayView>
#include <QUrl>

namespace lip::server {

namespace {

bool startsWith(QByteArrayView s, QByteArrayView prefix) { return s.startsWith(prefix); }

// A GET /v1/models is shared by three SDKs; the fake and real clients are told apart by headers.
Dialect modelsDialectByHeaders(const HttpRequest &request)
{
    if (request.hasHeader("x-goog-api-key") || !request.queryItem("key").isEmpty())
        return Dialect::Gemini;
    if (request.hasHeader("anthropic-version") || request.hasHeader("x-api-key"))
        return Dialect::Anthropic;
    return Dialect::OpenAIChat;
}

// "/v1beta/models/{model}:{method}" → model, method; the model may itself contain ':' and '/'.
std::optional<Endpoint> matchGemini(const HttpRequest &request, QByteArrayView rest)
{
    const bool isGet = request.method == "GET";
    const bool isPost = request.method == "POST";
    if (rest.isEmpty() || rest == "/") {
        if (isGet)
            return Endpoint{Operation::ListModels, Dialect::Gemini};
        return std::nullopt;
    }
    if (!rest.startsWith('/'))
        return std::nullopt;
    rest = rest.sliced(1);
    if (isGet) {
        Endpoint e{Operation::GetModel, Dialect::Gemini};
        e.pathModel = QUrl::fromPercentEncoding(rest.toByteArray()).toStdString();
        return e;
    }
    if (!isPost)
        return std::nullopt;
    const qsizetype colon = rest.lastIndexOf(':');
    if (colon <= 0)
        return std::nullopt;
    const QByteArrayView method = rest.sliced(colon + 1);
    Endpoint e{Operation::Generate, Dialect::Gemini};
    e.pathModel = QUrl::fromPercentEncoding(rest.first(colon).toByteArray()).toStdString();
    if (method == "generateContent") {
    } else if (method == "streamGenerateContent") {
        e.pathStream = true;
    } else if (method == "countTokens") {
        e.operation = Operation::CountTokens;
    } else {
        return std::nullopt;
    }
    return e;
}

std::optional<Endpoint> matchAnthropic(const HttpRequest &request, QByteArrayView rest)
{
    // rest is what follows the /v1 of an Anthropic base.
    if (rest == "/messages" && request.method == "POST")
        return Endpoint{Operation::Generate, Dialect::Anthropic};
    if (rest == "/messages/count_tokens" && request.method == "POST")
        return Endpoint{Operation::CountTokens, Dialect::Anthropic};
    if ((rest == "/models" || rest == "/models/") && request.method == "GET")
        return Endpoint{Operation::ListModels, Dialect::Anthropic};
    return std::nullopt;
}

std::optional<Endpoint> matchResponses(const HttpRequest &request, QByteArrayView rest)
{
    // rest follows "/v1/responses".
    if (rest.isEmpty() && request.method == "POST")
        return Endpoint{Operation::Generate, Dialect::OpenAIResponses};
    if (rest == "/input_tokens" && request.method == "POST")
        return Endpoint{Operation::CountTokens, Dialect::OpenAIResponses};
    if (!rest.startsWith('/'))
        return std::nullopt;
    rest = rest.sliced(1);
    const bool cancel = rest.endsWith("/cancel");
    if (cancel)
        rest.chop(int(sizeof("/cancel") - 1));
    if (rest.isEmpty() || rest.contains('/'))
        return std::nullopt;
    Endpoint e{Operation::ResponseGet, Dialect::OpenAIResponses};
    e.resourceId = rest.toByteArray().toStdString();
    if (cancel && request.method == "POST")
        e.operation = Operation::ResponseCancel;
    else if (!cancel && request.method == "DELETE")
        e.operation = Operation::ResponseDelete;
    else if (cancel || request.method != "GET")
        return std::nullopt;
    return e;
}

// The proxy's own endpoints, on the main server only: /usage/*, /metrics, /diagnostics/*, each
// also under /v1.
std::optional<Endpoint> matchProxyOwn(const HttpRequest &request, QByteArrayView path)
{
    if (startsWith(path, "/v1/"))
        path = path.sliced(3);
    const bool isGet = request.method == "GET" || request.method == "HEAD";
    if (path == "/usage/stats")
        return isGet ? std::optional<Endpoint>(Endpoint{Operation::UsageStats, Dialect::OpenAIChat}) : std::nullopt;
    if (path == "/usage/recent")
        return isGet ? std::optional<Endpoint>(Endpoint{Operation::UsageRecent, Dialect::OpenAIChat}) : std::nullopt;
    if (path == "/metrics")
        return isGet ? std::optional<Endpoint>(Endpoint{Operation::Metrics, Dialect::OpenAIChat}) : std::nullopt;
    if (path == "/diagnostics")
        return isGet ? std::optional<Endpoint>(Endpoint{Operation::Diagnostics, Dialect::OpenAIChat}) : std::nullopt;
    static constexpr QByteArrayView backendsPrefix("/diagnostics/backends/");
    static constexpr QByteArrayView reactivate("/reactivate");
    if (startsWith(path, backendsPrefix) && path.endsWith(reactivate) && request.method == "POST") {
        const QByteArrayView instance = path.sliced(backendsPrefix.size(), path.size() - backendsPrefix.size() - reactivate.size());
        if (instance.isEmpty() || instance.contains('/'))
            return std::nullopt;
        Endpoint e{Operation::DiagnosticsReactivate, Dialect::OpenAIChat};
        e.resourceId = QUrl::fromPercentEncoding(instance.toByteArray()).toStdString();
        return e;
    }
    return std::nullopt;
}

} // namespace

std::optional<Endpoint> matchEndpoint(const HttpRequest &request, ServerRole role)
{
    QByteArrayView path = request.path;
    while (path.size() > 1 && path.endsWith('/'))
        path.chop(1);

    if (request.method == "HEAD" && (path == "/" || path == "/anthropic" || path == "/v1"))
        return Endpoint{Operation::ProbeRoot, Dialect::Anthropic};
    if (path == "/health" || path == "/v1/health" || path == "/healthz")
        return request.method == "GET" || request.method == "HEAD"
                   ? std::optional<Endpoint>(Endpoint{Operation::Health, Dialect::OpenAIChat})
                   : std::nullopt;

    if (role == ServerRole::AnthropicOnly) {
        if (startsWith(path, "/v1/"))
            return matchAnthropic(request, path.sliced(3));
        if (startsWith(path, "/anthropic/v1/"))
            return matchAnthropic(request, path.sliced(13));
        return std::nullopt;
    }

    if (startsWith(path, "/anthropic/v1/"))
        return matchAnthropic(request, path.sliced(13));
    if (std::optional<Endpoint> own = matchProxyOwn(request, path))
        return own;
    if (startsWith(path, "/v1beta/models"))
        return matchGemini(request, path.sliced(14));

    // OpenAI bases may or may not include /v1 (some tools call /chat/completions directly).
    QByteArrayView rest = path;
    if (startsWith(rest, "/v1/"))
        rest = rest.sliced(3);

    if (rest == "/chat/completions")
        return request.method == "POST"
                   ? std::optional<Endpoint>(Endpoint{Operation::Generate, Dialect::OpenAIChat})
                   : std::nullopt;
    if (rest == "/messages" || rest == "/messages/count_tokens")
        return matchAnthropic(request, rest);
    if (rest == "/responses" || startsWith(rest, "/responses/"))
        return matchResponses(request, rest.sliced(10));
    if (rest == "/models" && request.method == "GET") {
        Endpoint e{Operation::ListModels, modelsDialectByHeaders(request)};
        return e;
    }
    // @google/genai defaults to API version v1: /v1/models/{model}:generateContent.
    if (startsWith(path, "/v1/models/"))
        return matchGemini(request, path.sliced(10));
    return std::nullopt;
}

Dialect guessDialect(const HttpRequest &request, ServerRole role)
{
    if (role == ServerRole::AnthropicOnly)
        return Dialect::Anthropic;
    const QByteArrayView path = request.path;
    if (startsWith(path, "/v1beta/") || startsWith(path, "/v1/models/"))
        return Dialect::Gemini;
    if (startsWith(path, "/anthropic") || startsWith(path, "/v1/messages"))
        return Dialect::Anthropic;
    if (startsWith(path, "/v1/responses"))
        return Dialect::OpenAIResponses;
    return modelsDialectByHeaders(request);
}

} // namespace lip::server
