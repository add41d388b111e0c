// SPDX-License-Identifier: GPL-3.0-or-later
#include "backends/openai_responses/openairesponsesconnector.h"

#include "backends/openai_chat/openaichatconnector.h"
#include "backends/openai_responses/openairesponsesdecoder.h"
#include "core/jsonsplice.h"
#include "core/logging.h"
#include "frontends/openai_responses/openairesponsesfrontend.h"

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include <set>

namespace lip {

namespace {

namespace bj = boost::json;

// Responses parameters a Responses frontend kept in extensions; passed on as they are.
const std::set<std::string_view> &passableExtensions()
{
    static const std::set<std::string_view> keys{
        "include", "prompt_cache_key", "prompt_cache_retention", "store", "previous_response_id", "truncation",
        "service_tier", "safety_identifier", "background", "max_tool_calls", "top_logprobs", "conversation",
        "prompt", "stream_options"};
    return keys;
}

Result<QUrl> endpoint(const BackendContext &context, const QString &path, const QByteArray &query = {})
{
    if (!context.backend)
        return Error::make(ErrorCategory::Internal, QStringLiteral("No backend configured for this request."));
    QString base = context.backend->baseUrl.trimmed();
    while (base.endsWith(QLatin1Char('/')))
        base.chop(1);
    QUrl url(base + path, QUrl::StrictMode);
    if (!query.isEmpty())
        url.setQuery(QString::fromLatin1(query), QUrl::StrictMode);
    if (!url.isValid() || url.host().isEmpty()
        || (url.scheme() != QLatin1String("http") && url.scheme() != QLatin1String("https")))
        return Error::make(ErrorCategory::Internal, QStringLiteral("Backend '%1' has an invalid base URL.").arg(context.backend->name));
    return url;
}

HeaderList headersFor(const BackendContext &context, bool stream, bool withBody)
{
    HeaderList h;
    if (!context.apiKey.isEmpty())
        h.append({QByteArrayLiteral("Authorization"), "Bearer " + context.apiKey.toUtf8()});
    if (withBody)
        h.append({QByteArrayLiteral("Content-Type"), QByteArrayLiteral("application/json")});
    h.append({QByteArrayLiteral("Accept"), stream ? QByteArrayLiteral("text/event-stream") : QByteArrayLiteral("application/json")});
    if (context.backend)
        h.append(context.backend->extraHeaders);
    return h;
}

void applyTimeouts(upstream::UpstreamRequest &req, const BackendContext &context)
{
    if (context.backend && context.backend->timeoutSeconds > 0) {
        const int ms = context.backend->timeoutSeconds > 2000000 ? 2000000000 : context.backend->timeoutSeconds * 1000;
        req.firstByteTimeoutMs = ms;
        req.idleTimeoutMs = ms;
    }
}

std::string dataUrl(const canon::MediaSource &m)
{
    return "data:" + (m.mediaType.empty() ? std::string("application/octet-stream") : m.mediaType) + ";base64," + m.data;
}

// A user-side block → an input content part; nullopt when it has no Responses form.
std::optional<bj::object> inputPart(const canon::ContentBlock &b)
{
    switch (b.kind) {
    case canon::BlockKind::Text:
        return bj::object{{"type", "input_text"}, {"text", b.text}};
    case canon::BlockKind::Image: {
        bj::object o{{"type", "input_image"}};
        if (b.media.kind == canon::MediaSource::Kind::FileId)
            o["file_id"] = b.media.data;
        else
            o["image_url"] = b.media.kind == canon::MediaSource::Kind::Base64 ? dataUrl(b.media) : b.media.data;
        o["detail"] = b.extensions.contains("detail") ? b.extensions.at("detail") : bj::value("auto");
        return o;
    }
    case canon::BlockKind::Document: {
        bj::object o{{"type", "input_file"}};
        if (b.media.kind == canon::MediaSource::Kind::FileId) {
            o["file_id"] = b.media.data;
        } else if (b.media.kind == canon::MediaSource::Kind::Url) {
            o["file_url"] = b.media.data;
        } else {
            o["filename"] = b.text.empty() ? std::string("document.pdf") : b.text;
            o["file_data"] = dataUrl(b.media);
        }
        if (!o.contains("filename") && !b.text.empty())
            o["filename"] = b.text;
        return o;
    }
    default:
        return std::nullopt;
    }
}

bj::value toolOutput(const canon::ContentBlock &result)
{
    bool onlyText = true;
    std::string text;
    for (const canon::ContentBlock &c : result.content) {
        if (c.kind != canon::BlockKind::Text)
            onlyText = false;
        else
            text += c.text;
    }
    if (onlyText)
        return bj::string(text);
    bj::array parts;
    for (const canon::ContentBlock &c : result.content) {
        if (auto p = inputPart(c))
            parts.push_back(std::move(*p));
    }
    return parts;
}

struct ToolNames
{
    std::set<std::string> custom;
    std::map<std::string, std::pair<std::string, std::string>> namespaced; // flat → (ns, name)
};

ToolNames toolNames(const canon::Request &request)
{
    ToolNames n;
    for (const canon::Tool &t : request.tools) {
        if (t.extensions.contains(responses::kCustomKey))
            n.custom.insert(t.name);
        if (const bj::value *ns = t.extensions.if_contains(responses::kNamespaceKey); ns && ns->is_object()) {
            const bj::object &o = ns->get_object();
            if (o.contains("namespace") && o.contains("name") && o.at("namespace").is_string() && o.at("name").is_string())
                n.namespaced[t.name] = {std::string(o.at("namespace").get_string()), std::string(o.at("name").get_string())};
        }
    }
    return n;
}

void appendInput(const canon::Request &request, const ToolNames &names, bj::array &input, bool &sawReasoning)
{
    for (const canon::Message &m : request.messages) {
        const bool user = m.role == canon::Role::User;
        bj::array parts; // pending message content
        auto flush = [&] {
            if (parts.empty())
                return;
            input.push_back(bj::object{{"type", "message"}, {"role", user ? "user" : "assistant"}, {"content", std::move(parts)}});
            parts = bj::array{};
        };
        for (const canon::ContentBlock &b : m.content) {
            switch (b.kind) {
            case canon::BlockKind::ToolResult: {
                flush();
                const bool custom = b.extensions.contains(responses::kCustomKey);
                bj::object o{{"type", custom ? "custom_tool_call_output" : "function_call_output"}, {"call_id", b.toolId}};
                bj::value out = toolOutput(b);
                if (b.isError && out.is_string())
                    out = bj::string("Error: " + std::string(out.get_string()));
                o["output"] = std::move(out);
                input.push_back(std::move(o));
                break;
            }
            case canon::BlockKind::ToolUse: {
                flush();
                const bool custom = b.extensions.contains(responses::kCustomKey) || names.custom.count(b.toolName);
                std::string name = b.toolName;
                std::string ns;
                if (const auto it = names.namespaced.find(b.toolName); it != names.namespaced.end()) {
                    ns = it->second.first;
                    name = it->second.second;
                }
                bj::object o;
                if (custom) {
                    std::string text;
                    if (b.input.is_object() && b.input.get_object().contains("input") && b.input.get_object().at("input").is_string())
                        text = std::string(b.input.get_object().at("input").get_string());
                    else if (b.input.is_string())
                        text = std::string(b.input.get_string());
                    else
                        text = bj::serialize(b.input);
                    o = bj::object{{"type", "custom_tool_call"}, {"call_id", b.toolId}, {"name", name}, {"input", std::move(text)}};
                } else {
                    std::string args = b.input.is_string() ? std::string(b.input.get_string())
                                       : b.input.is_null() ? std::string("{}")
                                                           : bj::serialize(b.input);
                    o = bj::object{{"type", "function_call"}, {"call_id", b.toolId}, {"name", name}, {"arguments", std::move(args)}};
                }
                if (!ns.empty())
                    o["namespace"] = ns;
                input.push_back(std::move(o));
                break;
            }
            case canon::BlockKind::Thinking: {
                flush();
                if (b.signature.empty()) {
                    // Without encrypted_content OpenAI cannot verify the item; the text alone is
                    // not accepted back (store=false) and would be someone else's reasoning anyway.
                    qCDebug(lcTranslate) << "openai-responses: reasoning without a signature dropped from history";
                    break;
                }
                bj::object o{{"type", "reasoning"}};
                if (const bj::value *id = b.extensions.if_contains(responses::kItemIdKey); id && id->is_string())
                    o["id"] = *id;
                bj::array summary;
                if (!b.text.empty())
                    summary.push_back(bj::object{{"type", "summary_text"}, {"text", b.text}});
                o["summary"] = std::move(summary);
                o["encrypted_content"] = b.signature;
                input.push_back(std::move(o));
                sawReasoning = true;
                break;
            }
            case canon::BlockKind::RedactedThinking:
                qCDebug(lcTranslate) << "openai-responses: redacted thinking dropped from history (no Responses form)";
                break;
            case canon::BlockKind::Text:
                if (user)
                    parts.push_back(bj::object{{"type", "input_text"}, {"text", b.text}});
                else
                    parts.push_back(bj::object{{"type", "output_text"}, {"text", b.text}, {"annotations", bj::array{}}});
                break;
            default:
                if (!user) {
                    qCDebug(lcTranslate) << "openai-responses: assistant block of kind" << int(b.kind) << "dropped";
                    break;
                }
                if (auto p = inputPart(b))
                    parts.push_back(std::move(*p));
                break;
            }
        }
        flush();
    }
}

bj::array toolsJson(const canon::Request &request)
{
    bj::array tools;
    std::map<std::string, size_t> namespaces; // ns → index in tools
    for (const canon::Tool &t : request.tools) {
        bj::object o;
        std::string name = t.name;
        std::string ns;
        std::string nsDescription;
        std::string description = t.description;
        if (const bj::value *nsv = t.extensions.if_contains(responses::kNamespaceKey); nsv && nsv->is_object()) {
            const bj::object &n = nsv->get_object();
            if (n.contains("namespace") && n.contains("name") && n.at("namespace").is_string() && n.at("name").is_string()) {
                ns = std::string(n.at("namespace").get_string());
                name = std::string(n.at("name").get_string());
                if (const bj::value *d = n.if_contains("description"); d && d->is_string())
                    nsDescription = std::string(d->get_string());
                if (const bj::value *d = n.if_contains("tool_description"); d && d->is_string())
                    description = std::string(d->get_string());
            }
        }
        if (const bj::value *custom = t.extensions.if_contains(responses::kCustomKey)) {
            o = bj::object{{"type", "custom"}, {"name", name}};
            if (!description.empty())
                o["description"] = description;
            if (custom->is_object() && custom->get_object().contains("format"))
                o["format"] = custom->get_object().at("format");
        } else {
            o = bj::object{{"type", "function"}, {"name", name}};
            if (!description.empty())
                o["description"] = description;
            o["parameters"] = t.schema.is_null() ? bj::value(bj::object{{"type", "object"}, {"properties", bj::object{}}}) : t.schema;
            // Responses defaults strict to true, which rejects most hand-written schemas.
            o["strict"] = t.extensions.contains("strict") ? t.extensions.at("strict") : bj::value(false);
        }
        if (ns.empty()) {
            tools.push_back(std::move(o));
            continue;
        }
        auto it = namespaces.find(ns);
        if (it == namespaces.end()) {
            tools.push_back(bj::object{{"type", "namespace"}, {"name", ns}, {"description", nsDescription}, {"tools", bj::array{}}});
            it = namespaces.emplace(ns, tools.size() - 1).first;
        }
        tools[it->second].get_object()["tools"].get_array().push_back(std::move(o));
    }
    if (const bj::value *builtin = request.extensions.if_contains(responses::kBuiltinToolsKey); builtin && builtin->is_array())
        for (const bj::value &t : builtin->get_array())
            tools.push_back(t);
    return tools;
}

const char *effortForBudget(int64_t budget)
{
    if (budget <= 1024)
        return "low";
    if (budget <= 8192)
        return "medium";
    return "high";
}

} // namespace

Result<upstream::UpstreamRequest> OpenAIResponsesConnector::buildRequest(const canon::Request &request,
                                                                         const BackendContext &context) const
{
    auto url = endpoint(context, QStringLiteral("/responses"));
    if (!url)
        return url.error();

    bj::object body;
    body["model"] = request.model;
    std::string instructions;
    for (const canon::ContentBlock &s : request.system) {
        if (s.kind != canon::BlockKind::Text)
            continue;
        if (!instructions.empty())
            instructions += "\n\n";
        instructions += s.text;
    }
    if (!instructions.empty())
        body["instructions"] = instructions;

    const ToolNames names = toolNames(request);
    bj::array input;
    bool sawReasoning = false;
    appendInput(request, names, input, sawReasoning);
    body["input"] = std::move(input);

    bj::array tools = toolsJson(request);
    if (!tools.empty()) {
        body["tools"] = std::move(tools);
        if (request.toolChoice.disableParallel)
            body["parallel_tool_calls"] = false;
    }
    if (const bj::value *forced = request.extensions.if_contains("tool_choice")) {
        body["tool_choice"] = *forced; // a built-in tool forced by a Responses client
    } else if (request.toolChoice.specified && body.contains("tools")) {
        switch (request.toolChoice.mode) {
        case canon::ToolChoice::Mode::Auto: body["tool_choice"] = "auto"; break;
        case canon::ToolChoice::Mode::None: body["tool_choice"] = "none"; break;
        case canon::ToolChoice::Mode::Required: body["tool_choice"] = "required"; break;
        case canon::ToolChoice::Mode::Named: {
            const std::string &n = request.toolChoice.name;
            bj::object c{{"type", names.custom.count(n) ? "custom" : "function"}};
            if (const auto it = names.namespaced.find(n); it != names.namespaced.end()) {
                c["name"] = it->second.second;
                c["namespace"] = it->second.first;
            } else {
                c["name"] = n;
            }
            body["tool_choice"] = std::move(c);
            break;
        }
        }
    }

    const canon::Sampling &s = request.sampling;
    if (s.temperature)
        body["temperature"] = *s.temperature;
    if (s.topP)
        body["top_p"] = *s.topP;
    if (s.maxTokens)
        body["max_output_tokens"] = *s.maxTokens;
    if (s.topK || !s.stop.empty() || s.seed || s.presencePenalty || s.frequencyPenalty || (s.n && *s.n != 1))
        qCDebug(lcTranslate) << "openai-responses: top_k/stop/seed/penalties/n dropped (no Responses parameter)";

    bj::object reasoning;
    if (!request.reasoning.effort.empty())
        reasoning["effort"] = request.reasoning.effort;
    else if (request.reasoning.budgetTokens)
        reasoning["effort"] = effortForBudget(*request.reasoning.budgetTokens);
    if (!request.reasoning.summary.empty())
        reasoning["summary"] = request.reasoning.summary;
    else if (request.reasoning.includeThoughts)
        reasoning["summary"] = "auto";
    if (!reasoning.empty())
        body["reasoning"] = std::move(reasoning);

    bj::object text;
    switch (request.responseFormat.kind) {
    case canon::ResponseFormat::Kind::Text: break;
    case canon::ResponseFormat::Kind::JsonObject: text["format"] = bj::object{{"type", "json_object"}}; break;
    case canon::ResponseFormat::Kind::JsonSchema: {
        bj::object f{{"type", "json_schema"},
                     {"name", request.responseFormat.name.empty() ? std::string("response") : request.responseFormat.name}};
        f["schema"] = request.responseFormat.schema.is_null() ? bj::value(bj::object{}) : request.responseFormat.schema;
        f["strict"] = request.responseFormat.strict;
        text["format"] = std::move(f);
        break;
    }
    }
    if (const bj::value *v = request.extensions.if_contains("verbosity"))
        text["verbosity"] = *v;
    if (!text.empty())
        body["text"] = std::move(text);

    if (!request.user.empty())
        body["user"] = request.user;
    if (!request.metadata.empty())
        body["metadata"] = request.metadata;

    for (const auto &kv : request.extensions) {
        const std::string_view key = kv.key();
        if (key == responses::kBuiltinToolsKey || key == "tool_choice" || key == "verbosity")
            continue;
        if (passableExtensions().count(key))
            body[kv.key()] = kv.value();
        else
            qCDebug(lcTranslate) << "openai-responses: field" << QString::fromUtf8(key.data(), qsizetype(key.size()))
                                 << "has no Responses equivalent; dropped";
    }
    // Reasoning is only carried across turns (and to our client) as encrypted content.
    if (sawReasoning || request.reasoning.enabled || !request.reasoning.effort.empty()) {
        bj::value &include = body["include"];
        if (!include.is_array())
            include = bj::array{};
        bool present = false;
        for (const bj::value &v : include.get_array())
            present = present || (v.is_string() && v.get_string() == "reasoning.encrypted_content");
        if (!present)
            include.get_array().push_back("reasoning.encrypted_content");
    }
    // The proxy keeps the conversation itself for translated clients; stateless upstream calls
    // cannot collide with ids the provider would otherwise remember.
    if (!body.contains("store"))
        body["store"] = false;
    if (request.stream)
        body["stream"] = true;

    upstream::UpstreamRequest req;
    req.method = "POST";
    req.url = *url;
    req.headers = headersFor(context, request.stream, true);
    req.body = QByteArray::fromStdString(bj::serialize(body));
    applyTimeouts(req, context);
    return req;
}

Result<upstream::UpstreamRequest> OpenAIResponsesConnector::buildPassthrough(const InboundRequest &inbound,
                                                                             const std::string &model,
                                                                             const BackendContext &context) const
{
    auto url = endpoint(context, QStringLiteral("/responses"));
    if (!url)
        return url.error();
    auto patched = json::replaceMember(inbound.rawBody, "model", json::quoted(model));
    if (!patched)
        return Error::invalid(QStringLiteral("The request body is not a JSON object."));
    upstream::UpstreamRequest req;
    req.method = "POST";
    req.url = *url;
    req.headers = headersFor(context, inbound.stream, true);
    req.body = std::move(*patched);
    applyTimeouts(req, context);
    return req;
}

Result<upstream::UpstreamRequest> OpenAIResponsesConnector::buildResourceRequest(const QByteArray &method, const QString &suffix,
                                                                                 const QByteArray &query, const QByteArray &body,
                                                                                 const BackendContext &context) const
{
    auto url = endpoint(context, QStringLiteral("/responses") + suffix, query);
    if (!url)
        return url.error();
    upstream::UpstreamRequest req;
    req.method = method;
    req.url = *url;
    req.headers = headersFor(context, false, !body.isEmpty());
    req.body = body;
    applyTimeouts(req, context);
    return req;
}

std::unique_ptr<ResponseDecoder> OpenAIResponsesConnector::makeDecoder(bool stream) const
{
    return std::make_unique<OpenAIResponsesDecoder>(stream);
}

// Same envelope, same model list as Chat Completions: one implementation.
Error OpenAIResponsesConnector::parseError(int status, const HeaderList &headers, QByteArrayView body) const
{
    return openAIChatConnector().parseError(status, headers, body);
}

Result<upstream::UpstreamRequest> OpenAIResponsesConnector::buildModelsRequest(const BackendContext &context) const
{
    return openAIChatConnector().buildModelsRequest(context);
}

Result<std::vector<ModelInfo>> OpenAIResponsesConnector::parseModels(QByteArrayView body) const
{
    return openAIChatConnector().parseModels(body);
}

const BackendConnector &openAIResponsesConnector()
{
    static const OpenAIResponsesConnector connector;
    return connector;
}

} // namespace lip
