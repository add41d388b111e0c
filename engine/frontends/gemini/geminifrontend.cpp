// SPDX-License-Identifier: GPL-3.0-or-later
#include "frontends/gemini/geminifrontend.h"

#include "backends/connector.h" // ModelInfo
#include "core/logging.h"
#include "server/httpserver.h"

#include <boost/json.hpp>

#include <QUrlQuery>

#include <algorithm>
#include <cstdio>
#include <deque>

namespace lip {

namespace json = boost::json;

namespace {

// Gemini's JSON accepts camelCase and snake_case member names alike (protobuf JSON mapping).
const json::value *member(const json::object &o, std::string_view camel)
{
    if (auto it = o.find(camel); it != o.end())
        return &it->value();
    std::string snake;
    for (char c : camel) {
        if (c >= 'A' && c <= 'Z') {
            snake += '_';
            snake += char(c - 'A' + 'a');
        } else {
            snake += c;
        }
    }
    if (snake != camel)
        if (auto it = o.find(snake); it != o.end())
            return &it->value();
    return nullptr;
}

const json::object *objectMember(const json::object &o, std::string_view camel)
{
    const auto *v = member(o, camel);
    return v && v->is_object() ? &v->get_object() : nullptr;
}

const json::array *arrayMember(const json::object &o, std::string_view camel)
{
    const auto *v = member(o, camel);
    return v && v->is_array() ? &v->get_array() : nullptr;
}

std::string stringMember(const json::object &o, std::string_view camel)
{
    const auto *v = member(o, camel);
    return v && v->is_string() ? std::string(v->get_string()) : std::string();
}

std::optional<double> numberMember(const json::object &o, std::string_view camel)
{
    const auto *v = member(o, camel);
    if (!v)
        return std::nullopt;
    if (v->is_double())
        return v->get_double();
    if (v->is_int64())
        return double(v->get_int64());
    if (v->is_uint64())
        return double(v->get_uint64());
    return std::nullopt;
}

std::optional<int64_t> intMember(const json::object &o, std::string_view camel)
{
    const auto *v = member(o, camel);
    if (!v)
        return std::nullopt;
    if (v->is_int64())
        return v->get_int64();
    if (v->is_uint64())
        return int64_t(v->get_uint64());
    if (v->is_double())
        return int64_t(v->get_double());
    if (v->is_string()) { // int64 fields may come as strings in proto JSON
        try {
            return std::stoll(std::string(v->get_string()));
        } catch (...) {
            return std::nullopt;
        }
    }
    return std::nullopt;
}

uint64_t fnv1a(std::string_view bytes, uint64_t h = 1469598103934665603ull)
{
    for (unsigned char c : bytes) {
        h ^= c;
        h *= 1099511628211ull;
    }
    return h;
}

// A call id for a functionCall without one: the same call in the same place of the history gets
// the same id in every later request, so results keep mapping back. "lipg_" marks it as ours
// (the Gemini connector does not send such ids upstream).
std::string synthesizeCallId(std::string_view name, const json::value &args, size_t turn,
                             size_t ordinal)
{
    std::string key(name);
    key += '\0';
    key += json::serialize(args);
    key += '\0';
    key += std::to_string(turn);
    key += '\0';
    key += std::to_string(ordinal);
    char buf[32];
    std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(fnv1a(key)));
    return std::string("lipg_") + buf;
}

// OpenAPI-subset schema (`parameters`, `responseSchema`) → JSON Schema: type names lower case,
// nullable → type union; propertyOrdering is Gemini-only and dropped.
json::value openApiToJsonSchema(const json::value &in, int depth = 0)
{
    if (depth > 64)
        return json::object{};
    if (in.is_array()) {
        json::array out;
        for (const auto &v : in.get_array())
            out.push_back(openApiToJsonSchema(v, depth + 1));
        return out;
    }
    if (!in.is_object())
        return in;
    const auto &o = in.get_object();
    json::object out;
    bool nullable = false;
    if (auto it = o.find("nullable"); it != o.end() && it->value().is_bool())
        nullable = it->value().get_bool();
    for (const auto &kv : o) {
        const std::string_view key = kv.key();
        if (key == "nullable" || key == "propertyOrdering")
            continue;
        if (key == "type" && kv.value().is_string()) {
            std::string t(kv.value().get_string());
            std::transform(t.begin(), t.end(), t.begin(),
                           [](unsigned char c) { return char(std::tolower(c)); });
            if (t == "type_unspecified")
                continue;
            if (nullable) {
                out["type"] = json::array{json::string(t), "null"};
            } else {
                out["type"] = json::string(t);
            }
        } else if (key == "properties" && kv.value().is_object()) {
            json::object props;
            for (const auto &p : kv.value().get_object())
                props[p.key()] = openApiToJsonSchema(p.value(), depth + 1);
            out["properties"] = std::move(props);
        } else if (key == "items" || key == "anyOf") {
            out[key] = openApiToJsonSchema(kv.value(), depth + 1);
        } else {
            out[key] = kv.value();
        }
    }
    return out;
}

void addText(std::vector<canon::ContentBlock> &blocks, std::string text)
{
    canon::ContentBlock b;
    b.kind = canon::BlockKind::Text;
    b.text = std::move(text);
    blocks.push_back(std::move(b));
}

canon::ContentBlock mediaBlock(const std::string &mimeType, std::string data,
                               canon::MediaSource::Kind kind)
{
    canon::ContentBlock b;
    b.kind = mimeType.rfind("image/", 0) == 0 ? canon::BlockKind::Image : canon::BlockKind::Document;
    b.media.kind = kind;
    b.media.mediaType = mimeType;
    b.media.data = std::move(data);
    return b;
}

// The text a functionResponse.response holds: {"result": "…"} / {"output": "…"} are the usual
// spellings of a plain string result; anything else is passed as its JSON.
void fillToolResult(canon::ContentBlock &b, const json::value &response)
{
    b.extensions["response"] = response;
    if (response.is_object()) {
        const auto &r = response.get_object();
        if (r.size() == 1) {
            const auto &kv = *r.begin();
            if (kv.key() == "error")
                b.isError = true;
            if ((kv.key() == "result" || kv.key() == "output" || kv.key() == "content"
                 || kv.key() == "error") && kv.value().is_string()) {
                addText(b.content, std::string(kv.value().get_string()));
                return;
            }
        }
    }
    if (response.is_string())
        addText(b.content, std::string(response.get_string()));
    else
        addText(b.content, json::serialize(response));
}

Result<canon::Request> buildCanonical(const InboundRequest &in)
{
    canon::Request r;
    r.model = in.model;
    r.stream = in.stream;
    const json::object &body = in.body;

    if (const auto *sys = member(body, "systemInstruction")) {
        if (sys->is_string()) {
            addText(r.system, std::string(sys->get_string()));
        } else if (sys->is_object()) {
            if (const auto *parts = arrayMember(sys->get_object(), "parts"))
                for (const auto &p : *parts)
                    if (p.is_object())
                        if (const auto *t = member(p.get_object(), "text"); t && t->is_string())
                            addText(r.system, std::string(t->get_string()));
        }
    }

    const json::array *contents = arrayMember(body, "contents");
    if (!contents)
        return Error::invalid(QStringLiteral("contents is not specified"), QStringLiteral("contents"));

    // Calls not yet answered, in order, to map id-less functionResponses back by name.
    std::deque<std::pair<std::string, std::string>> openCalls; // (name, id)
    for (size_t turn = 0; turn < contents->size(); ++turn) {
        const auto &cv = (*contents)[turn];
        if (!cv.is_object())
            return Error::invalid(QStringLiteral("contents[%1] is not an object").arg(turn),
                                  QStringLiteral("contents"));
        const auto &c = cv.get_object();
        canon::Message m;
        m.role = stringMember(c, "role") == "model" ? canon::Role::Assistant : canon::Role::User;
        const json::array *parts = arrayMember(c, "parts");
        if (!parts) {
            if (const auto *pv = member(c, "parts"); pv && !pv->is_null())
                return Error::invalid(QStringLiteral("contents[%1].parts is not an array").arg(turn),
                                      QStringLiteral("contents"));
            continue;
        }
        size_t callOrdinal = 0;
        for (const auto &pv : *parts) {
            if (!pv.is_object())
                continue;
            const auto &p = pv.get_object();
            std::string signature = stringMember(p, "thoughtSignature");
            bool ourPack = false;
            if (!signature.empty() && signature.rfind("lipthink.", 0) == 0) {
                bool ok = false;
                auto restored = gemini::unpackThinking(signature, &ok);
                if (ok) {
                    for (auto &b : restored)
                        m.content.push_back(std::move(b));
                    signature.clear();
                    ourPack = true;
                }
            }
            Q_UNUSED(ourPack);
            const auto *thoughtV = member(p, "thought");
            const bool thought = thoughtV && thoughtV->is_bool() && thoughtV->get_bool();
            if (const auto *t = member(p, "text"); t && t->is_string()) {
                if (thought) {
                    // Consecutive thought parts are one thinking block (the client got them in
                    // pieces); a signature closes it.
                    if (m.content.empty() || m.content.back().kind != canon::BlockKind::Thinking
                        || !m.content.back().signature.empty()) {
                        canon::ContentBlock b;
                        b.kind = canon::BlockKind::Thinking;
                        m.content.push_back(std::move(b));
                    }
                    m.content.back().text += t->get_string();
                    m.content.back().signature = signature;
                    if (!signature.empty()) // Gemini's own: the Gemini connector may send it back
                        m.content.back().extensions["thoughtSignatureOrigin"] = "gemini";
                } else {
                    canon::ContentBlock b;
                    b.kind = canon::BlockKind::Text;
                    b.text = std::string(t->get_string());
                    b.signature = signature;
                    m.content.push_back(std::move(b));
                }
            } else if (const auto *inl = objectMember(p, "inlineData")) {
                auto b = mediaBlock(stringMember(*inl, "mimeType"), stringMember(*inl, "data"),
                                    canon::MediaSource::Kind::Base64);
                b.signature = signature;
                m.content.push_back(std::move(b));
            } else if (const auto *fd = objectMember(p, "fileData")) {
                auto b = mediaBlock(stringMember(*fd, "mimeType"), stringMember(*fd, "fileUri"),
                                    canon::MediaSource::Kind::Url);
                b.signature = signature;
                m.content.push_back(std::move(b));
            } else if (const auto *fc = objectMember(p, "functionCall")) {
                canon::ContentBlock b;
                b.kind = canon::BlockKind::ToolUse;
                b.toolName = stringMember(*fc, "name");
                const auto *args = member(*fc, "args");
                b.input = args && args->is_object() ? *args : json::value(json::object{});
                b.toolId = stringMember(*fc, "id");
                if (b.toolId.empty())
                    b.toolId = synthesizeCallId(b.toolName, b.input, turn, callOrdinal);
                ++callOrdinal;
                b.signature = signature;
                openCalls.emplace_back(b.toolName, b.toolId);
                m.content.push_back(std::move(b));
            } else if (const auto *fr = objectMember(p, "functionResponse")) {
                canon::ContentBlock b;
                b.kind = canon::BlockKind::ToolResult;
                b.toolName = stringMember(*fr, "name");
                b.toolId = stringMember(*fr, "id");
                auto match = openCalls.end();
                if (!b.toolId.empty()) {
                    match = std::find_if(openCalls.begin(), openCalls.end(),
                                         [&](const auto &c) { return c.second == b.toolId; });
                } else {
                    match = std::find_if(openCalls.begin(), openCalls.end(),
                                         [&](const auto &c) { return c.first == b.toolName; });
                }
                if (match != openCalls.end()) {
                    b.toolId = match->second;
                    if (b.toolName.empty())
                        b.toolName = match->first;
                    openCalls.erase(match);
                } else if (b.toolId.empty()) {
                    b.toolId = synthesizeCallId(b.toolName, json::value(nullptr), turn, callOrdinal++);
                }
                const auto *resp = member(*fr, "response");
                fillToolResult(b, resp ? *resp : json::value(json::object{}));
                if (const auto *frParts = arrayMember(*fr, "parts")) // multimodal results
                    for (const auto &fp : *frParts)
                        if (fp.is_object())
                            if (const auto *inl2 = objectMember(fp.get_object(), "inlineData"))
                                b.content.push_back(mediaBlock(stringMember(*inl2, "mimeType"),
                                                               stringMember(*inl2, "data"),
                                                               canon::MediaSource::Kind::Base64));
                m.content.push_back(std::move(b));
            } else if (!signature.empty()) {
                // A part with only a signature (e.g. an empty trailing part): keep it replayable.
                canon::ContentBlock b;
                b.kind = canon::BlockKind::Text;
                b.signature = signature;
                m.content.push_back(std::move(b));
            } else if (p.empty() || ourPack) {
                continue;
            } else {
                qCDebug(lcTranslate, "gemini: dropped a part the canonical model has no block for (%s)",
                        p.begin()->key().data());
            }
        }
        if (!m.content.empty())
            r.messages.push_back(std::move(m));
    }

    // Tools
    if (const auto *tools = arrayMember(body, "tools")) {
        json::array other;
        for (const auto &tv : *tools) {
            if (!tv.is_object())
                continue;
            const auto &t = tv.get_object();
            const auto *decls = arrayMember(t, "functionDeclarations");
            if (decls) {
                for (const auto &dv : *decls) {
                    if (!dv.is_object())
                        continue;
                    const auto &d = dv.get_object();
                    canon::Tool tool;
                    tool.name = stringMember(d, "name");
                    tool.description = stringMember(d, "description");
                    if (const auto *js = member(d, "parametersJsonSchema"))
                        tool.schema = *js;
                    else if (const auto *ps = member(d, "parameters"))
                        tool.schema = openApiToJsonSchema(*ps);
                    else
                        tool.schema = json::object{{"type", "object"}, {"properties", json::object{}}};
                    for (const auto &kv : d)
                        if (kv.key() != "name" && kv.key() != "description" && kv.key() != "parameters"
                            && kv.key() != "parametersJsonSchema" && kv.key() != "parameters_json_schema")
                            tool.extensions[kv.key()] = kv.value();
                    r.tools.push_back(std::move(tool));
                }
            }
            json::object rest;
            for (const auto &kv : t)
                if (kv.key() != "functionDeclarations" && kv.key() != "function_declarations")
                    rest[kv.key()] = kv.value();
            if (!rest.empty())
                other.push_back(std::move(rest));
        }
        if (!other.empty())
            r.extensions["tools"] = std::move(other); // googleSearch, codeExecution, urlContext…
    }

    if (const auto *tc = objectMember(body, "toolConfig")) {
        if (const auto *fcc = objectMember(*tc, "functionCallingConfig")) {
            const std::string mode = stringMember(*fcc, "mode");
            const auto *allowed = arrayMember(*fcc, "allowedFunctionNames");
            r.toolChoice.specified = !mode.empty();
            if (mode == "NONE") {
                r.toolChoice.mode = canon::ToolChoice::Mode::None;
            } else if (mode == "ANY" || mode == "VALIDATED") {
                if (allowed && allowed->size() == 1 && (*allowed)[0].is_string()) {
                    r.toolChoice.mode = canon::ToolChoice::Mode::Named;
                    r.toolChoice.name = std::string((*allowed)[0].get_string());
                } else {
                    r.toolChoice.mode = canon::ToolChoice::Mode::Required;
                }
            } else {
                r.toolChoice.mode = canon::ToolChoice::Mode::Auto;
            }
            if (allowed && allowed->size() > 1)
                r.extensions["allowedFunctionNames"] = *allowed;
        }
        json::object rest;
        for (const auto &kv : *tc)
            if (kv.key() != "functionCallingConfig" && kv.key() != "function_calling_config")
                rest[kv.key()] = kv.value();
        if (!rest.empty())
            r.extensions["toolConfig"] = std::move(rest); // retrievalConfig…
    }

    if (const auto *gc = objectMember(body, "generationConfig")) {
        auto &s = r.sampling;
        s.temperature = numberMember(*gc, "temperature");
        s.topP = numberMember(*gc, "topP");
        s.topK = intMember(*gc, "topK");
        s.maxTokens = intMember(*gc, "maxOutputTokens");
        s.n = intMember(*gc, "candidateCount");
        s.presencePenalty = numberMember(*gc, "presencePenalty");
        s.frequencyPenalty = numberMember(*gc, "frequencyPenalty");
        s.seed = intMember(*gc, "seed");
        if (const auto *stops = arrayMember(*gc, "stopSequences"))
            for (const auto &sv : *stops)
                if (sv.is_string())
                    s.stop.emplace_back(sv.get_string());
        const std::string mime = stringMember(*gc, "responseMimeType");
        if (mime == "application/json") {
            if (const auto *js = member(*gc, "responseJsonSchema")) {
                r.responseFormat.kind = canon::ResponseFormat::Kind::JsonSchema;
                r.responseFormat.schema = *js;
            } else if (const auto *os = member(*gc, "responseSchema")) {
                r.responseFormat.kind = canon::ResponseFormat::Kind::JsonSchema;
                r.responseFormat.schema = openApiToJsonSchema(*os);
            } else {
                r.responseFormat.kind = canon::ResponseFormat::Kind::JsonObject;
            }
            if (r.responseFormat.kind == canon::ResponseFormat::Kind::JsonSchema)
                r.responseFormat.name = "response";
        }
        if (const auto *th = objectMember(*gc, "thinkingConfig")) {
            auto &rs = r.reasoning;
            if (const auto budget = intMember(*th, "thinkingBudget")) {
                if (*budget == 0) {
                    rs.effort = "none";
                } else if (*budget > 0) {
                    rs.budgetTokens = *budget;
                    rs.enabled = true;
                } else {
                    rs.enabled = true; // -1: dynamic thinking
                }
            }
            std::string level = stringMember(*th, "thinkingLevel");
            std::transform(level.begin(), level.end(), level.begin(),
                           [](unsigned char c) { return char(std::tolower(c)); });
            if (!level.empty() && level != "thinking_level_unspecified") {
                rs.effort = level;
                rs.enabled = level != "minimal";
            }
            if (const auto *inc = member(*th, "includeThoughts"); inc && inc->is_bool())
                rs.includeThoughts = inc->get_bool();
            if (rs.includeThoughts)
                rs.enabled = rs.effort != "none";
        }
        static constexpr std::string_view mapped[] = {
            "temperature", "topP", "topK", "maxOutputTokens", "candidateCount", "presencePenalty",
            "frequencyPenalty", "seed", "stopSequences", "responseMimeType", "responseSchema",
            "responseJsonSchema", "thinkingConfig", "top_p", "top_k", "max_output_tokens",
            "candidate_count", "presence_penalty", "frequency_penalty", "stop_sequences",
            "response_mime_type", "response_schema", "response_json_schema", "thinking_config"};
        json::object rest;
        for (const auto &kv : *gc)
            if (std::find(std::begin(mapped), std::end(mapped), kv.key()) == std::end(mapped))
                rest[kv.key()] = kv.value();
        if (mime != "application/json" && !mime.empty())
            rest["responseMimeType"] = json::string(mime);
        if (!rest.empty())
            r.extensions["generationConfig"] = std::move(rest); // responseModalities, speechConfig…
    }

    for (std::string_view key : {"safetySettings", "cachedContent", "labels", "serviceTier"})
        if (const auto *v = member(body, key))
            r.extensions[key] = *v;
    return r;
}

} // namespace

Result<InboundRequest> GeminiFrontend::inbound(const server::HttpRequest &request,
                                               const std::string &pathModel, bool pathStream) const
{
    InboundRequest in;
    in.dialect = Dialect::Gemini;
    std::string model = pathModel;
    if (model.rfind("models/", 0) == 0)
        model.erase(0, 7);
    if (model.empty())
        return Error::invalid(QStringLiteral("The model is missing from the URL "
                                             "(/v1beta/models/{model}:generateContent)."),
                              QStringLiteral("model"));
    in.model = std::move(model);
    in.stream = pathStream;
    in.rawBody = request.body;
    in.clientHeaders = request.headers;
    in.clientQuery = request.query;

    boost::system::error_code ec;
    json::value v = json::parse(std::string_view(request.body.constData(), size_t(request.body.size())), ec);
    if (ec)
        return Error::invalid(QStringLiteral("Invalid JSON payload received. %1")
                                  .arg(QString::fromStdString(ec.message())));
    if (!v.is_object())
        return Error::invalid(QStringLiteral("Invalid JSON payload received: the body must be a "
                                             "GenerateContentRequest object."));
    const auto *contents = member(v.get_object(), "contents");
    if (!contents || !contents->is_array())
        return Error::invalid(QStringLiteral("* GenerateContentRequest.contents: contents is not specified"),
                              QStringLiteral("contents"));
    in.body = std::move(v.get_object());
    return in;
}

Result<canon::Request> GeminiFrontend::toCanonical(const InboundRequest &inbound) const
{
    return buildCanonical(inbound);
}

std::unique_ptr<ResponseEncoder> GeminiFrontend::makeEncoder(const canon::Request &request,
                                                             const std::string &clientModel,
                                                             bool stream) const
{
    return gemini::makeEncoder(request, clientModel,
                               stream ? gemini::StreamForm::Sse : gemini::StreamForm::Whole);
}

std::unique_ptr<ResponseEncoder> GeminiFrontend::encoderFor(const canon::Request &request,
                                                             const InboundRequest &inbound) const
{
    // streamGenerateContent without alt=sse streams one JSON array.
    return gemini::makeEncoder(request, inbound.model, gemini::streamFormFor(inbound.stream, inbound.clientQuery));
}

ErrorReply GeminiFrontend::renderError(const Error &error) const
{
    ErrorReply reply;
    reply.status = gemini::errorStatus(error);
    reply.contentType = "application/json; charset=UTF-8";
    reply.body = gemini::errorEnvelope(error);
    if (error.category == ErrorCategory::RateLimited && error.retryAfterMs >= 0)
        reply.headers.append(qMakePair(QByteArray("retry-after"), QByteArray::number((error.retryAfterMs + 999) / 1000)));
    return reply;
}

QByteArray GeminiFrontend::renderStreamError(const Error &error) const
{
    return "data: " + gemini::errorEnvelope(error) + "\r\n\r\n";
}

const Frontend &geminiFrontend()
{
    static const GeminiFrontend instance;
    return instance;
}

namespace gemini {

StreamForm streamFormFor(bool stream, QByteArrayView rawQuery)
{
    if (!stream)
        return StreamForm::Whole;
    const QUrlQuery q(QString::fromUtf8(rawQuery));
    return q.queryItemValue(QStringLiteral("alt"), QUrl::FullyDecoded).compare(QLatin1String("sse"), Qt::CaseInsensitive) == 0
               ? StreamForm::Sse
               : StreamForm::JsonArray;
}

namespace {
struct StatusName
{
    int code;
    const char *status;
};

StatusName statusFor(const Error &error)
{
    switch (error.category) {
    case ErrorCategory::None:
    case ErrorCategory::Internal: return {500, "INTERNAL"};
    case ErrorCategory::InvalidRequest:
    case ErrorCategory::RequestTooLarge: return {400, "INVALID_ARGUMENT"};
    case ErrorCategory::Authentication: return {401, "UNAUTHENTICATED"};
    case ErrorCategory::PermissionDenied: return {403, "PERMISSION_DENIED"};
    case ErrorCategory::NotFound: return {404, "NOT_FOUND"};
    case ErrorCategory::RateLimited: return {429, "RESOURCE_EXHAUSTED"};
    case ErrorCategory::Overloaded:
    case ErrorCategory::UpstreamUnreachable: return {503, "UNAVAILABLE"};
    case ErrorCategory::Timeout: return {504, "DEADLINE_EXCEEDED"};
    case ErrorCategory::Cancelled: return {499, "CANCELLED"};
    case ErrorCategory::Unsupported: return {501, "UNIMPLEMENTED"};
    case ErrorCategory::UpstreamProtocol: return {502, "INTERNAL"};
    case ErrorCategory::Upstream:
        switch (error.upstreamStatus) {
        case 400: return {400, "INVALID_ARGUMENT"};
        case 401: return {401, "UNAUTHENTICATED"};
        case 403: return {403, "PERMISSION_DENIED"};
        case 404: return {404, "NOT_FOUND"};
        case 409: return {409, "ABORTED"};
        case 429: return {429, "RESOURCE_EXHAUSTED"};
        case 503: return {503, "UNAVAILABLE"};
        case 504: return {504, "DEADLINE_EXCEEDED"};
        default: return {error.upstreamStatus >= 400 && error.upstreamStatus < 600 ? error.upstreamStatus : 500,
                         "INTERNAL"};
        }
    }
    return {500, "INTERNAL"};
}

std::string retryDelay(int ms)
{
    if (ms % 1000 == 0)
        return std::to_string(ms / 1000) + "s";
    char buf[32];
    std::snprintf(buf, sizeof buf, "%d.%03ds", ms / 1000, ms % 1000);
    return buf;
}
} // namespace

int errorStatus(const Error &error)
{
    return statusFor(error).code;
}

QByteArray errorEnvelope(const Error &error)
{
    const auto sn = statusFor(error);
    json::object e;
    e["code"] = sn.code;
    e["message"] = error.message.isEmpty() ? json::string(errorCategoryName(error.category))
                                           : json::string(error.message.toStdString());
    e["status"] = sn.status;
    if (error.category == ErrorCategory::RateLimited && error.retryAfterMs >= 0) {
        e["details"] = json::array{json::object{{"@type", "type.googleapis.com/google.rpc.RetryInfo"},
                                                {"retryDelay", retryDelay(error.retryAfterMs)}}};
    }
    return QByteArray::fromStdString(json::serialize(json::object{{"error", std::move(e)}}));
}

namespace {
json::object modelObject(const ModelInfo &m)
{
    json::object o;
    o["name"] = "models/" + m.id;
    o["displayName"] = m.displayName.empty() ? m.id : m.displayName;
    o["supportedGenerationMethods"] = json::array{"generateContent", "streamGenerateContent", "countTokens"};
    o["inputTokenLimit"] = m.inputTokenLimit > 0 ? m.inputTokenLimit : 1048576;
    o["outputTokenLimit"] = m.outputTokenLimit > 0 ? m.outputTokenLimit : 65536;
    return o;
}
} // namespace

Result<QByteArray> renderModelList(const std::vector<ModelInfo> &models, int pageSize,
                                   QByteArrayView pageToken)
{
    size_t size = pageSize <= 0 ? 50 : size_t(std::min(pageSize, 1000));
    size_t from = 0;
    if (!pageToken.isEmpty()) {
        bool ok = false;
        const qulonglong v = QByteArray(pageToken.data(), pageToken.size()).toULongLong(&ok);
        if (!ok || v > models.size())
            return Error::invalid(QStringLiteral("Invalid page token."), QStringLiteral("pageToken"));
        from = size_t(v);
    }
    json::array list;
    const size_t to = std::min(models.size(), from + size);
    for (size_t i = from; i < to; ++i)
        list.push_back(modelObject(models[i]));
    json::object out;
    out["models"] = std::move(list);
    if (to < models.size())
        out["nextPageToken"] = std::to_string(to);
    return QByteArray::fromStdString(json::serialize(out));
}

QByteArray renderModel(const ModelInfo &model)
{
    return QByteArray::fromStdString(json::serialize(modelObject(model)));
}

int64_t estimateTokens(const boost::json::object &body)
{
    const json::object *req = &body;
    if (const auto *inner = objectMember(body, "generateContentRequest"))
        req = inner;
    size_t bytes = 0;
    for (std::string_view key : {"contents", "systemInstruction", "tools"})
        if (const auto *v = member(*req, key))
            bytes += json::serialize(*v).size();
    return std::max<int64_t>(1, int64_t((bytes + 3) / 4));
}

QByteArray renderCountTokens(const boost::json::object &body)
{
    return QByteArray::fromStdString(
        json::serialize(json::object{{"totalTokens", estimateTokens(body)}}));
}

} // namespace gemini

Result<QByteArray> renderGeminiModelList(const std::vector<ModelInfo> &models, int pageSize,
                                         QByteArrayView pageToken)
{
    return gemini::renderModelList(models, pageSize, pageToken);
}

QByteArray renderGeminiModel(const ModelInfo &model)
{
    return gemini::renderModel(model);
}

} // namespace lip
