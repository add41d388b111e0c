// SPDX-License-Identifier: GPL-3.0-or-later
#include "backends/gemini/geminiconnector.h"

#include "backends/gemini/schemasanitizer.h"
#include "core/logging.h"

#include <boost/json.hpp>

#include <QUrl>

#include <algorithm>
#include <cmath>
#include <map>

namespace lip {

namespace json = boost::json;

namespace {

constexpr const char *kDefaultBase = "https://generativelanguage.googleapis.com";
// Google documents this value for function calls that did not come from Gemini (or lost their
// signature on the way): Gemini 3 accepts it instead of a real thoughtSignature.
constexpr const char *kSkipSignature = "skip_thought_signature_validator";

std::string bareModel(std::string model)
{
    if (model.rfind("models/", 0) == 0)
        model.erase(0, 7);
    return model;
}

QString baseUrl(const BackendContext &context)
{
    QString base = context.backend && !context.backend->baseUrl.isEmpty()
                       ? context.backend->baseUrl
                       : QString::fromLatin1(kDefaultBase);
    while (base.endsWith(QLatin1Char('/')))
        base.chop(1);
    // Tolerate a base that already names the version.
    for (const auto *suffix : {"/v1beta", "/v1"})
        if (base.endsWith(QLatin1String(suffix)))
            base.chop(int(qstrlen(suffix)));
    return base;
}

HeaderList baseHeaders(const BackendContext &context)
{
    HeaderList h;
    h.append(qMakePair(QByteArray("content-type"), QByteArray("application/json")));
    if (!context.apiKey.isEmpty())
        h.append(qMakePair(QByteArray("x-goog-api-key"), context.apiKey.toUtf8()));
    if (context.backend)
        h.append(context.backend->extraHeaders);
    return h;
}

upstream::UpstreamRequest makeRequest(const BackendContext &context, const std::string &model,
                                      bool stream, const QByteArray &query)
{
    upstream::UpstreamRequest r;
    r.method = "POST";
    const QString path = QStringLiteral("/v1beta/models/") + QString::fromStdString(bareModel(model))
                         + (stream ? QStringLiteral(":streamGenerateContent") : QStringLiteral(":generateContent"));
    QUrl url(baseUrl(context) + path, QUrl::TolerantMode);
    if (!query.isEmpty())
        url.setQuery(QString::fromUtf8(query), QUrl::TolerantMode);
    r.url = url;
    r.headers = baseHeaders(context);
    if (context.backend && context.backend->timeoutSeconds > 0)
        r.firstByteTimeoutMs = r.idleTimeoutMs = context.backend->timeoutSeconds * 1000;
    return r;
}

json::object textPart(const std::string &text, const std::string &signature = {})
{
    json::object p{{"text", text}};
    if (!signature.empty())
        p["thoughtSignature"] = signature;
    return p;
}

std::optional<json::object> mediaPart(const canon::ContentBlock &b)
{
    const std::string mime = b.media.mediaType.empty()
                                 ? (b.kind == canon::BlockKind::Image ? "image/png" : "application/pdf")
                                 : b.media.mediaType;
    if (b.media.data.empty())
        return std::nullopt;
    if (b.media.kind == canon::MediaSource::Kind::Base64)
        return json::object{{"inlineData", json::object{{"mimeType", mime}, {"data", b.media.data}}}};
    return json::object{{"fileData", json::object{{"mimeType", mime}, {"fileUri", b.media.data}}}};
}

std::string resultText(const canon::ContentBlock &b)
{
    std::string text;
    for (const auto &c : b.content)
        if (c.kind == canon::BlockKind::Text)
            text += c.text;
    return text;
}

bool isGemini3(const std::string &model)
{
    return model.find("gemini-3") != std::string::npos;
}

bool isGeminiToolEntry(const json::value &v)
{
    if (!v.is_object() || v.get_object().empty())
        return false;
    static constexpr std::string_view known[] = {
        "googleSearch", "google_search", "googleSearchRetrieval", "google_search_retrieval",
        "codeExecution", "code_execution", "urlContext", "url_context", "fileSearch",
        "file_search", "googleMaps", "google_maps", "computerUse", "computer_use", "retrieval"};
    for (const auto &kv : v.get_object())
        if (std::find(std::begin(known), std::end(known), kv.key()) == std::end(known))
            return false;
    return true;
}

} // namespace

namespace gemini {

Result<std::string> buildRequestBody(const canon::Request &request)
{
    json::object body;
    const std::string model = bareModel(request.model);

    // contents: consecutive messages of one role are one turn (parallel results in one turn).
    json::array contents;
    std::map<std::string, std::string> callNames;
    for (const auto &m : request.messages) {
        json::array parts;
        for (const auto &b : m.content) {
            switch (b.kind) {
            case canon::BlockKind::Text:
                if (!b.text.empty() || !b.signature.empty())
                    parts.push_back(textPart(b.text, b.signature));
                break;
            case canon::BlockKind::Thinking:
                // Gemini needs no thoughts back (only functionCall signatures are mandatory) and
                // rejects a signature it did not issue: only a signed thought part a Gemini
                // client sent goes back; other thinking (Anthropic's, unsigned) is dropped.
                if (m.role == canon::Role::Assistant && !b.signature.empty()
                    && b.extensions.contains("thoughtSignatureOrigin")) {
                    parts.push_back(json::object{{"text", b.text}, {"thought", true}, {"thoughtSignature", b.signature}});
                } else {
                    qCDebug(lcTranslate, "gemini: dropped a thinking block (not a Gemini-signed thought)");
                }
                break;
            case canon::BlockKind::RedactedThinking:
                qCDebug(lcTranslate, "gemini: dropped a redacted_thinking block (no Gemini form)");
                break;
            case canon::BlockKind::Image:
            case canon::BlockKind::Document:
                if (auto p = mediaPart(b)) {
                    if (!b.signature.empty())
                        (*p)["thoughtSignature"] = b.signature;
                    parts.push_back(std::move(*p));
                }
                break;
            case canon::BlockKind::ToolUse: {
                json::object call;
                if (!b.toolId.empty() && b.toolId.rfind("lipg_", 0) != 0)
                    call["id"] = b.toolId;
                call["name"] = b.toolName;
                call["args"] = b.input.is_object() ? b.input : json::value(json::object{});
                callNames[b.toolId] = b.toolName;
                json::object p{{"functionCall", std::move(call)}};
                if (!b.signature.empty())
                    p["thoughtSignature"] = b.signature;
                parts.push_back(std::move(p));
                break;
            }
            case canon::BlockKind::ToolResult: {
                std::string name = b.toolName;
                if (name.empty())
                    if (auto it = callNames.find(b.toolId); it != callNames.end())
                        name = it->second;
                if (name.empty())
                    return Error::invalid(QStringLiteral("A tool result (id %1) has no matching tool call, "
                                                         "so its function name for Gemini is unknown.")
                                              .arg(QString::fromStdString(b.toolId)),
                                          QStringLiteral("messages"));
                json::object resp;
                if (const auto *orig = b.extensions.if_contains("response"); orig && orig->is_object())
                    resp = orig->get_object();
                else if (b.isError)
                    resp = json::object{{"error", resultText(b)}};
                else
                    resp = json::object{{"result", resultText(b)}};
                json::object fr;
                if (!b.toolId.empty() && b.toolId.rfind("lipg_", 0) != 0)
                    fr["id"] = b.toolId;
                fr["name"] = name;
                fr["response"] = std::move(resp);
                parts.push_back(json::object{{"functionResponse", std::move(fr)}});
                for (const auto &c : b.content) // images a tool returned ride along
                    if (c.kind == canon::BlockKind::Image || c.kind == canon::BlockKind::Document)
                        if (auto p = mediaPart(c))
                            parts.push_back(std::move(*p));
                break;
            }
            }
        }
        if (parts.empty())
            continue;
        const char *role = m.role == canon::Role::Assistant ? "model" : "user";
        if (!contents.empty() && contents.back().get_object()["role"] == json::value(role)) {
            auto &prev = contents.back().get_object()["parts"].get_array();
            for (auto &p : parts)
                prev.push_back(std::move(p));
        } else {
            contents.push_back(json::object{{"role", role}, {"parts", std::move(parts)}});
        }
    }
    if (contents.empty())
        return Error::invalid(QStringLiteral("The request has no content to send to Gemini."),
                              QStringLiteral("messages"));

    // Since the last user text, the first functionCall of each model turn must carry a
    // signature; a call that came from another dialect never had one.
    size_t lastUserText = 0;
    bool haveUserText = false;
    for (size_t i = 0; i < contents.size(); ++i) {
        auto &c = contents[i].get_object();
        if (c["role"] != json::value("user"))
            continue;
        for (const auto &p : c["parts"].get_array())
            if (p.get_object().contains("text")) {
                lastUserText = i;
                haveUserText = true;
            }
    }
    for (size_t i = haveUserText ? lastUserText + 1 : 0; i < contents.size(); ++i) {
        auto &c = contents[i].get_object();
        if (c["role"] != json::value("model"))
            continue;
        for (auto &p : c["parts"].get_array()) {
            auto &po = p.get_object();
            if (!po.contains("functionCall"))
                continue;
            if (!po.contains("thoughtSignature"))
                po["thoughtSignature"] = kSkipSignature;
            break;
        }
    }
    body["contents"] = std::move(contents);

    if (!request.system.empty()) {
        json::array parts;
        for (const auto &b : request.system)
            if (b.kind == canon::BlockKind::Text)
                parts.push_back(json::object{{"text", b.text}});
        if (!parts.empty())
            body["systemInstruction"] = json::object{{"parts", std::move(parts)}};
    }

    // tools
    json::array tools;
    if (!request.tools.empty()) {
        json::array decls;
        for (const auto &t : request.tools) {
            json::object d{{"name", t.name}};
            if (!t.description.empty())
                d["description"] = t.description;
            if (!t.schema.is_null())
                d["parametersJsonSchema"] = gemini::sanitizeSchema(t.schema, gemini::SchemaTarget::JsonSchema);
            for (std::string_view key : {"behavior", "response", "responseJsonSchema"})
                if (const auto *v = t.extensions.if_contains(key))
                    d[key] = *v;
            decls.push_back(std::move(d));
        }
        tools.push_back(json::object{{"functionDeclarations", std::move(decls)}});
    }
    if (const auto *other = request.extensions.if_contains("tools"); other && other->is_array())
        for (const auto &t : other->get_array())
            if (isGeminiToolEntry(t))
                tools.push_back(t);
    if (!tools.empty())
        body["tools"] = std::move(tools);

    if (request.toolChoice.specified && !request.tools.empty()) {
        json::object fcc;
        switch (request.toolChoice.mode) {
        case canon::ToolChoice::Mode::Auto: fcc["mode"] = "AUTO"; break;
        case canon::ToolChoice::Mode::None: fcc["mode"] = "NONE"; break;
        case canon::ToolChoice::Mode::Required:
            fcc["mode"] = "ANY";
            if (const auto *names = request.extensions.if_contains("allowedFunctionNames");
                names && names->is_array())
                fcc["allowedFunctionNames"] = *names;
            break;
        case canon::ToolChoice::Mode::Named:
            fcc["mode"] = "ANY";
            fcc["allowedFunctionNames"] = json::array{json::string(request.toolChoice.name)};
            break;
        }
        body["toolConfig"] = json::object{{"functionCallingConfig", std::move(fcc)}};
    }

    // generationConfig
    json::object gc;
    const auto &s = request.sampling;
    if (s.temperature)
        gc["temperature"] = *s.temperature;
    if (s.topP)
        gc["topP"] = *s.topP;
    if (s.topK)
        gc["topK"] = *s.topK;
    if (s.maxTokens)
        gc["maxOutputTokens"] = *s.maxTokens;
    if (!s.stop.empty()) {
        json::array stops;
        for (size_t i = 0; i < s.stop.size() && i < 5; ++i) // Gemini takes at most 5
            stops.push_back(json::string(s.stop[i]));
        if (s.stop.size() > 5)
            qCDebug(lcTranslate, "gemini: dropped %d stop sequences beyond the 5 Gemini accepts",
                    int(s.stop.size() - 5));
        gc["stopSequences"] = std::move(stops);
    }
    if (s.n && *s.n > 1)
        gc["candidateCount"] = *s.n;
    if (s.presencePenalty)
        gc["presencePenalty"] = *s.presencePenalty;
    if (s.frequencyPenalty)
        gc["frequencyPenalty"] = *s.frequencyPenalty;
    if (s.seed)
        gc["seed"] = *s.seed;
    switch (request.responseFormat.kind) {
    case canon::ResponseFormat::Kind::Text: break;
    case canon::ResponseFormat::Kind::JsonObject: gc["responseMimeType"] = "application/json"; break;
    case canon::ResponseFormat::Kind::JsonSchema:
        gc["responseMimeType"] = "application/json";
        if (!request.responseFormat.schema.is_null())
            gc["responseJsonSchema"] = gemini::sanitizeSchema(request.responseFormat.schema,
                                                              gemini::SchemaTarget::JsonSchema);
        break;
    }
    const auto &rs = request.reasoning;
    json::object thinking;
    if (rs.budgetTokens) {
        thinking["thinkingBudget"] = *rs.budgetTokens;
    } else if (rs.effort == "none") {
        if (!isGemini3(model)) // Gemini 3 cannot switch thinking off; its lowest level is the default
            thinking["thinkingBudget"] = 0;
    } else if (!rs.effort.empty()) {
        if (isGemini3(model)) {
            thinking["thinkingLevel"] = (rs.effort == "minimal" || rs.effort == "low") ? "low" : "high";
        } else {
            const int64_t budget = rs.effort == "high" ? 24576 : rs.effort == "medium" ? 8192 : 1024;
            thinking["thinkingBudget"] = budget;
        }
    } else if (rs.enabled && !isGemini3(model)) {
        thinking["thinkingBudget"] = -1; // dynamic
    }
    if (rs.includeThoughts || (!rs.summary.empty() && rs.summary != "none"))
        thinking["includeThoughts"] = true;
    if (!thinking.empty())
        gc["thinkingConfig"] = std::move(thinking);
    if (const auto *extra = request.extensions.if_contains("generationConfig"); extra && extra->is_object())
        for (const auto &kv : extra->get_object())
            if (!gc.contains(kv.key()))
                gc[kv.key()] = kv.value();
    if (!gc.empty())
        body["generationConfig"] = std::move(gc);

    if (const auto *v = request.extensions.if_contains("safetySettings"); v && v->is_array())
        body["safetySettings"] = *v;
    if (const auto *v = request.extensions.if_contains("cachedContent"); v && v->is_string())
        body["cachedContent"] = *v;
    if (const auto *v = request.extensions.if_contains("labels"); v && v->is_object())
        body["labels"] = *v;
    if (const auto *v = request.extensions.if_contains("toolConfig"); v && v->is_object()) {
        auto &tc = body["toolConfig"];
        if (!tc.is_object())
            tc = json::object{};
        for (const auto &kv : v->get_object())
            tc.get_object()[kv.key()] = kv.value();
    }
    return json::serialize(body);
}

int parseDurationMs(std::string_view d)
{
    if (d.size() < 2 || d.back() != 's')
        return -1;
    d.remove_suffix(1);
    try {
        size_t used = 0;
        const double seconds = std::stod(std::string(d), &used);
        if (used != d.size() || !std::isfinite(seconds) || seconds < 0 || seconds > 86400.0 * 7)
            return -1;
        return int(std::llround(seconds * 1000));
    } catch (...) {
        return -1;
    }
}

Error errorFromEnvelope(int status, std::string_view bodyText)
{
    Error e;
    e.upstreamStatus = status;
    boost::system::error_code ec;
    json::value v = json::parse(bodyText, ec);
    if (!ec && v.is_array() && !v.get_array().empty())
        v = v.get_array().front(); // streamGenerateContent (JSON array form) wraps the error
    const json::object *err = nullptr;
    if (!ec && v.is_object())
        if (const auto *x = v.get_object().if_contains("error"); x && x->is_object())
            err = &x->get_object();

    std::string statusName, reason, message;
    if (err) {
        if (const auto *m = err->if_contains("message"); m && m->is_string())
            message = std::string(m->get_string());
        if (const auto *st = err->if_contains("status"); st && st->is_string())
            statusName = std::string(st->get_string());
        if (status == 0)
            if (const auto *c = err->if_contains("code"); c && c->is_int64())
                e.upstreamStatus = status = int(c->get_int64());
        if (const auto *details = err->if_contains("details"); details && details->is_array()) {
            for (const auto &d : details->get_array()) {
                if (!d.is_object())
                    continue;
                const auto &dob = d.get_object();
                if (const auto *r = dob.if_contains("reason"); r && r->is_string() && reason.empty())
                    reason = std::string(r->get_string());
                if (const auto *rd = dob.if_contains("retryDelay"); rd && rd->is_string())
                    e.retryAfterMs = parseDurationMs(rd->get_string());
            }
        }
    }

    if (statusName == "RESOURCE_EXHAUSTED" || status == 429)
        e.category = ErrorCategory::RateLimited;
    else if (reason == "API_KEY_INVALID" || statusName == "UNAUTHENTICATED" || status == 401)
        e.category = ErrorCategory::Authentication;
    else if (statusName == "PERMISSION_DENIED" || status == 403)
        e.category = ErrorCategory::PermissionDenied;
    else if (statusName == "NOT_FOUND" || status == 404)
        e.category = ErrorCategory::NotFound;
    else if (statusName == "INVALID_ARGUMENT" || statusName == "FAILED_PRECONDITION"
             || statusName == "OUT_OF_RANGE" || status == 400)
        e.category = ErrorCategory::InvalidRequest;
    else if (status == 413)
        e.category = ErrorCategory::RequestTooLarge;
    else if (statusName == "UNAVAILABLE" || status == 503)
        e.category = ErrorCategory::Overloaded;
    else if (statusName == "DEADLINE_EXCEEDED" || status == 504)
        e.category = ErrorCategory::Timeout;
    else
        e.category = ErrorCategory::Upstream;

    e.upstreamType = QByteArray::fromStdString(!reason.empty() ? reason : statusName);
    if (message.empty()) {
        std::string snippet(bodyText.substr(0, 200));
        message = "Gemini answered HTTP " + std::to_string(status)
                  + (snippet.empty() ? std::string() : ": " + snippet);
    }
    e.message = QString::fromStdString(message);
    return e;
}

} // namespace gemini

Result<upstream::UpstreamRequest> GeminiConnector::buildRequest(const canon::Request &request,
                                                               const BackendContext &context) const
{
    auto body = gemini::buildRequestBody(request);
    if (!body)
        return body.error();
    auto r = makeRequest(context, request.model, request.stream, request.stream ? QByteArray("alt=sse") : QByteArray());
    r.body = QByteArray::fromStdString(*body);
    return r;
}

Result<upstream::UpstreamRequest> GeminiConnector::buildPassthrough(const InboundRequest &inbound,
                                                                   const std::string &model,
                                                                   const BackendContext &context) const
{
    // The client's key is for the proxy: never forward it, the backend key goes in the header.
    QByteArray query;
    for (const QByteArray &item : inbound.clientQuery.split('&')) {
        if (item.isEmpty())
            continue;
        const QByteArray name = QByteArray::fromPercentEncoding(item.left(item.indexOf('=') < 0 ? item.size() : item.indexOf('=')));
        if (name == "key")
            continue;
        if (!query.isEmpty())
            query += '&';
        query += item;
    }
    auto r = makeRequest(context, model, inbound.stream, query);
    r.body = inbound.rawBody;
    return r;
}

Error GeminiConnector::parseError(int status, const HeaderList &headers, QByteArrayView body) const
{
    Error e = gemini::errorFromEnvelope(status, std::string_view(body.data(), size_t(body.size())));
    if (e.retryAfterMs < 0)
        for (const auto &h : headers)
            if (h.first.compare("retry-after", Qt::CaseInsensitive) == 0) {
                bool ok = false;
                const double s = h.second.trimmed().toDouble(&ok);
                if (ok && s >= 0)
                    e.retryAfterMs = int(s * 1000);
            }
    return e;
}

Result<upstream::UpstreamRequest> GeminiConnector::buildModelsRequest(const BackendContext &context) const
{
    upstream::UpstreamRequest r;
    r.method = "GET";
    r.url = QUrl(baseUrl(context) + QStringLiteral("/v1beta/models?pageSize=1000"), QUrl::TolerantMode);
    r.headers = baseHeaders(context);
    r.headers.removeIf([](const auto &h) { return h.first == "content-type"; });
    r.firstByteTimeoutMs = r.idleTimeoutMs = 30000;
    return r;
}

Result<std::vector<ModelInfo>> GeminiConnector::parseModels(QByteArrayView body) const
{
    boost::system::error_code ec;
    const json::value v = json::parse(std::string_view(body.data(), size_t(body.size())), ec);
    if (ec || !v.is_object())
        return Error::make(ErrorCategory::UpstreamProtocol, QStringLiteral("Gemini's model list is not JSON."));
    std::vector<ModelInfo> out;
    const auto *models = v.get_object().if_contains("models");
    if (!models)
        return out;
    if (!models->is_array())
        return Error::make(ErrorCategory::UpstreamProtocol, QStringLiteral("Gemini's model list has no models array."));
    for (const auto &mv : models->get_array()) {
        if (!mv.is_object())
            continue;
        const auto &m = mv.get_object();
        const auto *name = m.if_contains("name");
        if (!name || !name->is_string())
            continue;
        if (const auto *methods = m.if_contains("supportedGenerationMethods"); methods && methods->is_array()) {
            const auto &a = methods->get_array();
            if (std::find(a.begin(), a.end(), json::value("generateContent")) == a.end())
                continue; // embedding-only and similar models cannot answer a chat
        }
        ModelInfo info;
        info.id = bareModel(std::string(name->get_string()));
        if (const auto *d = m.if_contains("displayName"); d && d->is_string())
            info.displayName = std::string(d->get_string());
        if (const auto *n = m.if_contains("inputTokenLimit"); n && n->is_number())
            info.inputTokenLimit = n->to_number<int64_t>();
        if (const auto *n = m.if_contains("outputTokenLimit"); n && n->is_number())
            info.outputTokenLimit = n->to_number<int64_t>();
        info.ownedBy = "google";
        out.push_back(std::move(info));
    }
    return out;
}

const BackendConnector &geminiConnector()
{
    static const GeminiConnector instance;
    return instance;
}

} // namespace lip
