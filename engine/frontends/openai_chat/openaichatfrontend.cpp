// SPDX-License-Identifier: GPL-3.0-or-later
#include "frontends/openai_chat/openaichatfrontend.h"

#include "core/jsonarena.h"
#include "core/jsonsplice.h"
#include "core/logging.h"
#include "frontends/openai_chat/openaichatencoder.h"
#include "server/httpserver.h"

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include <cmath>
#include <set>

namespace lip {

namespace {

namespace bj = boost::json;

// Tool schemas nest deeply; Boost.JSON's default depth limit of 32 would reject real requests.
constexpr std::size_t kMaxDepth = 512;

QString qs(std::string_view s)
{
    return QString::fromUtf8(s.data(), qsizetype(s.size()));
}

std::string str(const bj::string &s)
{
    return std::string(s.data(), s.size());
}

// The fields toCanonical() maps itself; everything else goes to extensions.
const std::set<std::string_view> &mappedFields()
{
    static const std::set<std::string_view> fields{
        "model", "messages", "tools", "tool_choice", "parallel_tool_calls", "temperature", "top_p",
        "max_tokens", "max_completion_tokens", "stop", "n", "seed", "presence_penalty",
        "frequency_penalty", "response_format", "reasoning_effort", "stream", "stream_options",
        "user", "metadata"};
    return fields;
}

// A JSON number as double / integer; a wrong type is the client's error, null means "unset".
Error typeError(const std::string &field, const char *expected)
{
    return Error::invalid(QStringLiteral("Invalid type for '%1': expected %2.").arg(qs(field), QLatin1String(expected)),
                          qs(field));
}

std::optional<Error> readDouble(const bj::object &o, const char *key, std::optional<double> &out)
{
    const bj::value *v = o.if_contains(key);
    if (!v || v->is_null())
        return std::nullopt;
    if (!v->is_number())
        return typeError(key, "a number");
    bj::error_code ec;
    const double d = v->to_number<double>(ec);
    if (ec || !std::isfinite(d))
        return typeError(key, "a number");
    out = d;
    return std::nullopt;
}

std::optional<Error> readInt(const bj::object &o, const char *key, std::optional<int64_t> &out)
{
    const bj::value *v = o.if_contains(key);
    if (!v || v->is_null())
        return std::nullopt;
    if (const auto *i = v->if_int64()) {
        out = *i;
        return std::nullopt;
    }
    if (const auto *u = v->if_uint64()) {
        if (*u > uint64_t(INT64_MAX))
            return typeError(key, "an integer");
        out = int64_t(*u);
        return std::nullopt;
    }
    if (const auto *d = v->if_double()) {
        if (std::isfinite(*d) && std::floor(*d) == *d && std::fabs(*d) < 9e15) {
            out = int64_t(*d);
            return std::nullopt;
        }
    }
    return typeError(key, "an integer");
}

// "data:image/png;base64,AAAA" → media type + base64 payload.
bool parseDataUrl(std::string_view url, canon::MediaSource &media)
{
    if (url.substr(0, 5) != "data:")
        return false;
    const auto comma = url.find(',');
    if (comma == std::string_view::npos)
        return false;
    std::string_view meta = url.substr(5, comma - 5);
    constexpr std::string_view b64 = ";base64";
    if (meta.size() < b64.size() || meta.substr(meta.size() - b64.size()) != b64)
        return false;
    media.kind = canon::MediaSource::Kind::Base64;
    media.mediaType = std::string(meta.substr(0, meta.size() - b64.size()));
    media.data = std::string(url.substr(comma + 1));
    return true;
}

// Text of a content that is a string or an array of text parts (system, developer, tool).
std::optional<Error> textParts(const bj::value &content, const QString &param,
                               std::vector<canon::ContentBlock> &out)
{
    if (content.is_null())
        return std::nullopt;
    if (const auto *s = content.if_string()) {
        canon::ContentBlock b;
        b.text = str(*s);
        out.push_back(std::move(b));
        return std::nullopt;
    }
    const auto *arr = content.if_array();
    if (!arr)
        return Error::invalid(QStringLiteral("Invalid type for '%1': expected a string or an array of content parts.").arg(param), param);
    for (std::size_t i = 0; i < arr->size(); ++i) {
        const auto *part = (*arr)[i].if_object();
        const bj::value *text = part ? part->if_contains("text") : nullptr;
        if (!part || !text || !text->is_string())
            return Error::invalid(QStringLiteral("Invalid content part at '%1[%2]': expected a text part.").arg(param).arg(i),
                                  QStringLiteral("%1[%2]").arg(param).arg(i));
        canon::ContentBlock b;
        b.text = str(text->get_string());
        out.push_back(std::move(b));
    }
    return std::nullopt;
}

std::optional<Error> userParts(const bj::value &content, const QString &param,
                               std::vector<canon::ContentBlock> &out)
{
    if (content.is_string() || content.is_null())
        return textParts(content, param, out);
    const auto *arr = content.if_array();
    if (!arr)
        return Error::invalid(QStringLiteral("Invalid type for '%1': expected a string or an array of content parts.").arg(param), param);
    for (std::size_t i = 0; i < arr->size(); ++i) {
        const QString partParam = QStringLiteral("%1[%2]").arg(param).arg(i);
        const auto *part = (*arr)[i].if_object();
        const bj::value *typeV = part ? part->if_contains("type") : nullptr;
        if (!part || !typeV || !typeV->is_string())
            return Error::invalid(QStringLiteral("Missing required parameter: '%1.type'.").arg(partParam), partParam + QStringLiteral(".type"));
        const std::string_view type = typeV->get_string();
        canon::ContentBlock b;
        if (type == "text") {
            const bj::value *text = part->if_contains("text");
            if (!text || !text->is_string())
                return Error::invalid(QStringLiteral("Missing required parameter: '%1.text'.").arg(partParam), partParam + QStringLiteral(".text"));
            b.text = str(text->get_string());
        } else if (type == "image_url") {
            const bj::value *iu = part->if_contains("image_url");
            std::string url;
            const bj::object *iuObj = iu ? iu->if_object() : nullptr;
            if (iuObj && iuObj->if_contains("url") && iuObj->at("url").is_string())
                url = str(iuObj->at("url").get_string());
            else if (iu && iu->is_string())
                url = str(iu->get_string()); // lenient: some clients send the URL directly
            else
                return Error::invalid(QStringLiteral("Missing required parameter: '%1.image_url.url'.").arg(partParam), partParam + QStringLiteral(".image_url.url"));
            b.kind = canon::BlockKind::Image;
            if (!parseDataUrl(url, b.media)) {
                if (url.rfind("data:", 0) == 0)
                    return Error::invalid(QStringLiteral("Invalid image URL at '%1': a data URL must be base64.").arg(partParam), partParam + QStringLiteral(".image_url.url"));
                b.media.kind = canon::MediaSource::Kind::Url;
                b.media.data = url;
            }
            if (iuObj) {
                if (const bj::value *detail = iuObj->if_contains("detail"))
                    b.extensions["detail"] = *detail;
            }
        } else if (type == "file") {
            const bj::value *f = part->if_contains("file");
            const bj::object *fo = f ? f->if_object() : nullptr;
            if (!fo)
                return Error::invalid(QStringLiteral("Missing required parameter: '%1.file'.").arg(partParam), partParam + QStringLiteral(".file"));
            b.kind = canon::BlockKind::Document;
            if (const bj::value *name = fo->if_contains("filename"); name && name->is_string())
                b.text = str(name->get_string());
            const bj::value *data = fo->if_contains("file_data");
            const bj::value *id = fo->if_contains("file_id");
            if (data && data->is_string() && parseDataUrl(std::string_view(data->get_string()), b.media)) {
                // media filled in
            } else if (data && data->is_string()) {
                b.media.kind = canon::MediaSource::Kind::Base64;
                b.media.mediaType = "application/pdf"; // OpenAI only accepts PDFs as file_data
                b.media.data = str(data->get_string());
            } else if (id && id->is_string()) {
                b.media.kind = canon::MediaSource::Kind::FileId;
                b.media.data = str(id->get_string());
            } else {
                return Error::invalid(QStringLiteral("'%1.file' needs file_data or file_id.").arg(partParam), partParam + QStringLiteral(".file"));
            }
        } else if (type == "input_audio") {
            qCDebug(lcTranslate) << "openai-chat: input_audio part dropped (no canonical audio block)";
            continue;
        } else {
            qCDebug(lcTranslate) << "openai-chat: unknown content part type dropped:" << qs(type);
            continue;
        }
        out.push_back(std::move(b));
    }
    return std::nullopt;
}

canon::ContentBlock toolUseBlock(const bj::object &call)
{
    canon::ContentBlock b;
    b.kind = canon::BlockKind::ToolUse;
    if (const bj::value *id = call.if_contains("id"); id && id->is_string())
        b.toolId = str(id->get_string());
    const bj::value *fn = call.if_contains("function");
    const bj::object *fo = fn ? fn->if_object() : nullptr;
    if (fo) {
        if (const bj::value *name = fo->if_contains("name"); name && name->is_string())
            b.toolName = str(name->get_string());
        const bj::value *args = fo->if_contains("arguments");
        if (args && args->is_string()) {
            const std::string_view text = args->get_string();
            if (text.find_first_not_of(" \t\r\n") == std::string_view::npos) {
                b.input = bj::object{};
            } else {
                bj::error_code ec;
                bj::parse_options opts;
                opts.max_depth = kMaxDepth;
                bj::value parsed = bj::parse(text, ec, {}, opts);
                // Models do emit broken JSON; keep it verbatim so the next hop can still see it.
                b.input = ec ? bj::value(bj::string(text)) : std::move(parsed);
            }
        } else if (args && args->is_object()) {
            b.input = *args; // lenient: some clients send the object itself
        } else {
            b.input = bj::object{};
        }
    }
    if (const bj::value *type = call.if_contains("type"); type && type->is_string() && type->get_string() != "function")
        b.extensions["type"] = *type;
    return b;
}

std::optional<canon::ContentBlock> reasoningBlock(const bj::object &msg)
{
    for (const char *key : {"reasoning_content", "reasoning"}) {
        const bj::value *v = msg.if_contains(key);
        if (v && v->is_string() && !v->get_string().empty()) {
            canon::ContentBlock b;
            b.kind = canon::BlockKind::Thinking;
            b.text = str(v->get_string());
            return b;
        }
    }
    return std::nullopt;
}

std::optional<Error> convertMessages(const bj::array &messages, canon::Request &req)
{
    for (std::size_t i = 0; i < messages.size(); ++i) {
        const QString param = QStringLiteral("messages[%1]").arg(i);
        const bj::object *msg = messages[i].if_object();
        if (!msg)
            return Error::invalid(QStringLiteral("Invalid type for '%1': expected an object.").arg(param), param);
        const bj::value *roleV = msg->if_contains("role");
        if (!roleV || !roleV->is_string())
            return Error::invalid(QStringLiteral("Missing required parameter: '%1.role'.").arg(param), param + QStringLiteral(".role"));
        const std::string_view role = roleV->get_string();
        static const bj::value nullValue;
        const bj::value *contentP = msg->if_contains("content");
        const bj::value &content = contentP ? *contentP : nullValue;
        const QString contentParam = param + QStringLiteral(".content");

        if (role == "system" || role == "developer") {
            const std::size_t before = req.system.size();
            if (auto e = textParts(content, contentParam, req.system))
                return e;
            if (role == "developer") {
                for (std::size_t k = before; k < req.system.size(); ++k)
                    req.system[k].extensions["role"] = "developer";
            }
            continue;
        }

        if (role == "user") {
            canon::Message m;
            m.role = canon::Role::User;
            if (auto e = userParts(content, contentParam, m.content))
                return e;
            if (const bj::value *name = msg->if_contains("name"))
                m.extensions["name"] = *name;
            req.messages.push_back(std::move(m));
            continue;
        }

        if (role == "assistant") {
            canon::Message m;
            m.role = canon::Role::Assistant;
            auto thinking = reasoningBlock(*msg);
            if (thinking)
                m.content.push_back(std::move(*thinking));
            if (content.is_array()) {
                for (std::size_t k = 0; k < content.get_array().size(); ++k) {
                    const bj::object *part = content.get_array()[k].if_object();
                    const bj::value *text = part ? part->if_contains("text") : nullptr;
                    const bj::value *refusal = part ? part->if_contains("refusal") : nullptr;
                    canon::ContentBlock b;
                    if (text && text->is_string())
                        b.text = str(text->get_string());
                    else if (refusal && refusal->is_string())
                        b.text = str(refusal->get_string());
                    else
                        return Error::invalid(QStringLiteral("Invalid content part at '%1[%2]'.").arg(contentParam).arg(k),
                                              QStringLiteral("%1[%2]").arg(contentParam).arg(k));
                    m.content.push_back(std::move(b));
                }
            } else if (content.is_string()) {
                if (!content.get_string().empty()) {
                    canon::ContentBlock b;
                    b.text = str(content.get_string());
                    m.content.push_back(std::move(b));
                }
            } else if (!content.is_null()) {
                return Error::invalid(QStringLiteral("Invalid type for '%1': expected a string or an array.").arg(contentParam), contentParam);
            }
            if (const bj::value *calls = msg->if_contains("tool_calls"); calls && !calls->is_null()) {
                if (!calls->is_array())
                    return typeError(QString(param + QStringLiteral(".tool_calls")).toStdString(), "an array");
                for (const bj::value &c : calls->get_array()) {
                    if (!c.is_object())
                        return typeError(QString(param + QStringLiteral(".tool_calls")).toStdString(), "an array of objects");
                    m.content.push_back(toolUseBlock(c.get_object()));
                }
            }
            if (const bj::value *fc = msg->if_contains("function_call"); fc && fc->is_object()) {
                // Deprecated single function call: an id is invented from the name.
                canon::ContentBlock b = toolUseBlock(bj::object{{"function", *fc}});
                b.toolId = "call_" + b.toolName;
                m.content.push_back(std::move(b));
            }
            for (const char *key : {"name", "refusal", "audio"}) {
                if (const bj::value *v = msg->if_contains(key); v && !v->is_null())
                    m.extensions[key] = *v;
            }
            req.messages.push_back(std::move(m));
            continue;
        }

        if (role == "tool" || role == "function") {
            canon::ContentBlock b;
            b.kind = canon::BlockKind::ToolResult;
            const char *idKey = role == "tool" ? "tool_call_id" : "name";
            const bj::value *id = msg->if_contains(idKey);
            if (!id || !id->is_string())
                return Error::invalid(QStringLiteral("Missing required parameter: '%1.%2'.").arg(param, QLatin1String(idKey)),
                                      param + QLatin1Char('.') + QLatin1String(idKey));
            b.toolId = str(id->get_string());
            if (role == "function") {
                b.toolName = b.toolId;
                b.toolId = "call_" + b.toolName;
            }
            if (auto e = textParts(content, contentParam, b.content))
                return e;
            // Consecutive tool messages answer one assistant turn: one user message holds them all.
            if (!req.messages.empty() && req.messages.back().role == canon::Role::User
                && !req.messages.back().content.empty()
                && req.messages.back().content.back().kind == canon::BlockKind::ToolResult
                && i > 0 && messages[i - 1].is_object()) {
                const bj::value *prevRole = messages[i - 1].get_object().if_contains("role");
                if (prevRole && prevRole->is_string()
                    && (prevRole->get_string() == "tool" || prevRole->get_string() == "function")) {
                    req.messages.back().content.push_back(std::move(b));
                    continue;
                }
            }
            canon::Message m;
            m.role = canon::Role::User;
            m.content.push_back(std::move(b));
            req.messages.push_back(std::move(m));
            continue;
        }

        return Error::invalid(QStringLiteral("Invalid value: '%1'. Supported values are: 'system', 'developer', 'user', 'assistant', 'tool' and 'function'.")
                                  .arg(qs(role)),
                              param + QStringLiteral(".role"));
    }
    return std::nullopt;
}

std::optional<Error> convertTools(const bj::object &body, canon::Request &req)
{
    const bj::value *tools = body.if_contains("tools");
    if (!tools || tools->is_null())
        return std::nullopt;
    if (!tools->is_array())
        return typeError("tools", "an array");
    const bj::array &arr = tools->get_array();
    for (std::size_t i = 0; i < arr.size(); ++i) {
        const QString param = QStringLiteral("tools[%1]").arg(i);
        const bj::object *t = arr[i].if_object();
        if (!t)
            return typeError(param.toStdString(), "an object");
        const bj::value *type = t->if_contains("type");
        if (type && type->is_string() && type->get_string() != "function") {
            qCDebug(lcTranslate) << "openai-chat: tool of type" << qs(type->get_string()) << "dropped";
            continue;
        }
        const bj::value *fn = t->if_contains("function");
        const bj::object *fo = fn ? fn->if_object() : nullptr;
        const bj::value *name = fo ? fo->if_contains("name") : nullptr;
        if (!name || !name->is_string())
            return Error::invalid(QStringLiteral("Missing required parameter: '%1.function.name'.").arg(param), param + QStringLiteral(".function.name"));
        canon::Tool tool;
        tool.name = str(name->get_string());
        if (const bj::value *d = fo->if_contains("description"); d && d->is_string())
            tool.description = str(d->get_string());
        if (const bj::value *p = fo->if_contains("parameters"))
            tool.schema = *p;
        if (const bj::value *s = fo->if_contains("strict"); s && !s->is_null())
            tool.extensions["strict"] = *s;
        req.tools.push_back(std::move(tool));
    }
    return std::nullopt;
}

std::optional<Error> convertToolChoice(const bj::object &body, canon::Request &req)
{
    if (const bj::value *p = body.if_contains("parallel_tool_calls"); p && !p->is_null()) {
        if (!p->is_bool())
            return typeError("parallel_tool_calls", "a boolean");
        req.toolChoice.disableParallel = !p->get_bool();
    }
    const bj::value *tc = body.if_contains("tool_choice");
    if (!tc || tc->is_null())
        return std::nullopt;
    req.toolChoice.specified = true;
    if (const auto *s = tc->if_string()) {
        if (*s == "auto")
            req.toolChoice.mode = canon::ToolChoice::Mode::Auto;
        else if (*s == "none")
            req.toolChoice.mode = canon::ToolChoice::Mode::None;
        else if (*s == "required")
            req.toolChoice.mode = canon::ToolChoice::Mode::Required;
        else
            return Error::invalid(QStringLiteral("Invalid value: '%1'. Supported values are: 'none', 'auto' and 'required'.").arg(qs(*s)),
                                  QStringLiteral("tool_choice"));
        return std::nullopt;
    }
    const bj::object *o = tc->if_object();
    const bj::value *fn = o ? o->if_contains("function") : nullptr;
    const bj::value *name = fn && fn->is_object() ? fn->get_object().if_contains("name") : nullptr;
    if (!name || !name->is_string())
        return Error::invalid(QStringLiteral("Invalid 'tool_choice': expected a string or {\"type\":\"function\",\"function\":{\"name\":…}}."),
                              QStringLiteral("tool_choice"));
    req.toolChoice.mode = canon::ToolChoice::Mode::Named;
    req.toolChoice.name = str(name->get_string());
    return std::nullopt;
}

std::optional<Error> convertResponseFormat(const bj::object &body, canon::Request &req)
{
    const bj::value *rf = body.if_contains("response_format");
    if (!rf || rf->is_null())
        return std::nullopt;
    const bj::object *o = rf->if_object();
    const bj::value *type = o ? o->if_contains("type") : nullptr;
    if (!type || !type->is_string())
        return Error::invalid(QStringLiteral("Missing required parameter: 'response_format.type'."), QStringLiteral("response_format.type"));
    const std::string_view t = type->get_string();
    if (t == "text") {
        req.responseFormat.kind = canon::ResponseFormat::Kind::Text;
    } else if (t == "json_object") {
        req.responseFormat.kind = canon::ResponseFormat::Kind::JsonObject;
    } else if (t == "json_schema") {
        const bj::value *js = o->if_contains("json_schema");
        const bj::object *jo = js ? js->if_object() : nullptr;
        if (!jo)
            return Error::invalid(QStringLiteral("Missing required parameter: 'response_format.json_schema'."), QStringLiteral("response_format.json_schema"));
        req.responseFormat.kind = canon::ResponseFormat::Kind::JsonSchema;
        if (const bj::value *n = jo->if_contains("name"); n && n->is_string())
            req.responseFormat.name = str(n->get_string());
        if (const bj::value *s = jo->if_contains("schema"))
            req.responseFormat.schema = *s;
        if (const bj::value *s = jo->if_contains("strict"); s && s->is_bool())
            req.responseFormat.strict = s->get_bool();
    } else {
        return Error::invalid(QStringLiteral("Invalid value: '%1'. Supported values are: 'text', 'json_object' and 'json_schema'.").arg(qs(t)),
                              QStringLiteral("response_format.type"));
    }
    return std::nullopt;
}

} // namespace

Result<InboundRequest> OpenAIChatFrontend::inbound(const server::HttpRequest &request, const std::string &,
                                                   bool) const
{
    bj::parse_options opts;
    opts.max_depth = kMaxDepth;
    // perf: one scan of the body instead of a DOM; the members checked here are parsed on their
    // own, the rest only when a reader needs the whole object (translation, in-chat commands).
    std::optional<json::TopLevelLayout> layout = json::scanTopLevel(request.body);
    if (!layout) {
        bj::error_code ec;
        const bj::value v = json::parseScalar(std::string_view(request.body.constData(), size_t(request.body.size())), ec);
        if (ec)
            return Error::invalid(QStringLiteral("We could not parse the JSON body of your request. (%1)").arg(QString::fromStdString(ec.message())));
        return Error::invalid(QStringLiteral("The request body must be a JSON object."));
    }
    const json::TopLevelLayout &lay = *layout;
    const json::TopLevelMember *model = lay.find("model");
    if (!model || lay.raw(*model) == "null")
        return Error::invalid(QStringLiteral("you must provide a model parameter"), QStringLiteral("model"));
    std::optional<std::string> modelName = json::rawString(lay.raw(*model));
    if (!modelName)
        return typeError("model", "a string");
    const json::TopLevelMember *messages = lay.find("messages");
    if (!messages || lay.raw(*messages) == "null")
        return Error::invalid(QStringLiteral("Missing required parameter: 'messages'."), QStringLiteral("messages"));
    if (lay.raw(*messages).front() != '[')
        return typeError("messages", "an array");

    InboundRequest in;
    in.dialect = Dialect::OpenAIChat;
    in.model = std::move(*modelName);
    const json::TopLevelMember *stream = lay.find("stream");
    in.stream = stream && json::rawBool(lay.raw(*stream)).value_or(false);
    in.body = LazyJsonObject::deferred(std::move(*layout), opts);
    in.rawBody = request.body;
    in.clientHeaders = request.headers;
    return in;
}

Result<canon::Request> OpenAIChatFrontend::toCanonical(const InboundRequest &inbound) const
{
    const bj::object &body = inbound.body;
    if (!inbound.body.parseError().empty()) // the scan let it through, the parser did not
        return Error::invalid(QStringLiteral("We could not parse the JSON body of your request. (%1)")
                                  .arg(QString::fromStdString(inbound.body.parseError())));
    canon::Request req;
    req.model = inbound.model;

    const bj::value *messages = body.if_contains("messages");
    if (!messages || !messages->is_array())
        return Error::invalid(QStringLiteral("Missing required parameter: 'messages'."), QStringLiteral("messages"));
    if (auto e = convertMessages(messages->get_array(), req))
        return *e;
    if (auto e = convertTools(body, req))
        return *e;
    if (auto e = convertToolChoice(body, req))
        return *e;
    if (auto e = convertResponseFormat(body, req))
        return *e;

    canon::Sampling &s = req.sampling;
    for (auto e : {readDouble(body, "temperature", s.temperature), readDouble(body, "top_p", s.topP),
                   readDouble(body, "presence_penalty", s.presencePenalty),
                   readDouble(body, "frequency_penalty", s.frequencyPenalty), readInt(body, "n", s.n),
                   readInt(body, "seed", s.seed), readInt(body, "max_tokens", s.maxTokens)}) {
        if (e)
            return *e;
    }
    // max_completion_tokens is the newer name; when both are present it is the one OpenAI honours.
    std::optional<int64_t> maxCompletion;
    if (auto e = readInt(body, "max_completion_tokens", maxCompletion))
        return *e;
    if (maxCompletion)
        s.maxTokens = maxCompletion;

    if (const bj::value *stop = body.if_contains("stop"); stop && !stop->is_null()) {
        if (const auto *one = stop->if_string()) {
            s.stop.push_back(str(*one));
        } else if (const auto *many = stop->if_array()) {
            for (const bj::value &x : *many) {
                if (!x.is_string())
                    return typeError("stop", "a string or an array of strings");
                s.stop.push_back(str(x.get_string()));
            }
        } else {
            return typeError("stop", "a string or an array of strings");
        }
    }

    if (const bj::value *effort = body.if_contains("reasoning_effort"); effort && !effort->is_null()) {
        if (!effort->is_string())
            return typeError("reasoning_effort", "a string");
        req.reasoning.effort = str(effort->get_string());
        if (req.reasoning.effort != "none") {
            req.reasoning.enabled = true;
            req.reasoning.includeThoughts = true; // Chat clients always get reasoning_content
        }
    }

    if (const bj::value *stream = body.if_contains("stream"); stream && !stream->is_null()) {
        if (!stream->is_bool())
            return typeError("stream", "a boolean");
        req.stream = stream->get_bool();
    }
    if (const bj::value *so = body.if_contains("stream_options"); so && so->is_object()) {
        const bj::object &opts = so->get_object();
        if (const bj::value *iu = opts.if_contains("include_usage"); iu && iu->is_bool())
            req.includeUsage = iu->get_bool();
        bj::object rest;
        for (const auto &kv : opts) {
            if (kv.key() != "include_usage")
                rest[kv.key()] = kv.value();
        }
        if (!rest.empty())
            req.extensions["stream_options"] = std::move(rest);
    }
    if (const bj::value *user = body.if_contains("user"); user && user->is_string())
        req.user = str(user->get_string());
    if (const bj::value *meta = body.if_contains("metadata"); meta && meta->is_object())
        req.metadata = meta->get_object();

    for (const auto &kv : body) {
        if (!mappedFields().count(std::string_view(kv.key())))
            req.extensions[kv.key()] = kv.value();
    }
    return req;
}

std::unique_ptr<ResponseEncoder> OpenAIChatFrontend::makeEncoder(const canon::Request &request,
                                                                 const std::string &clientModel,
                                                                 bool stream) const
{
    return std::make_unique<OpenAIChatEncoder>(clientModel, stream, stream && request.includeUsage);
}

namespace openaichat {

namespace {

struct ErrorShape
{
    int status;
    const char *type;
    const char *code; // nullptr → JSON null
    const char *fallbackMessage;
};

ErrorShape shapeFor(const Error &error)
{
    switch (error.category) {
    case ErrorCategory::InvalidRequest: return {400, "invalid_request_error", nullptr, "Invalid request."};
    case ErrorCategory::Authentication: return {401, "invalid_request_error", "invalid_api_key", "Incorrect API key provided."};
    case ErrorCategory::PermissionDenied: return {403, "invalid_request_error", "permission_denied", "You are not allowed to access this resource."};
    case ErrorCategory::NotFound:
        return {404, "invalid_request_error", error.param == QLatin1String("model") ? "model_not_found" : "not_found", "Not found."};
    case ErrorCategory::RequestTooLarge: return {413, "invalid_request_error", "request_too_large", "The request is too large."};
    case ErrorCategory::RateLimited: return {429, "requests", "rate_limit_exceeded", "Rate limit reached. Please try again later."};
    case ErrorCategory::Overloaded: return {503, "server_error", "overloaded", "The server is currently overloaded, please try again later."};
    case ErrorCategory::Upstream: {
        const int s = (error.upstreamStatus >= 400 && error.upstreamStatus <= 599) ? error.upstreamStatus : 502;
        return {s, s < 500 ? "invalid_request_error" : "server_error", nullptr, "The upstream provider returned an error."};
    }
    case ErrorCategory::UpstreamUnreachable: return {502, "server_error", "upstream_unreachable", "The upstream provider could not be reached."};
    case ErrorCategory::UpstreamProtocol: return {502, "server_error", "upstream_protocol_error", "The upstream provider sent a response that could not be understood."};
    case ErrorCategory::Timeout: return {504, "server_error", "timeout", "The upstream provider timed out."};
    case ErrorCategory::Cancelled: return {499, "invalid_request_error", "cancelled", "The request was cancelled."};
    case ErrorCategory::Unsupported: return {400, "invalid_request_error", "unsupported", "This request is not supported."};
    case ErrorCategory::Internal:
    case ErrorCategory::None: break;
    }
    return {500, "server_error", nullptr, "The proxy had an internal error."};
}

bj::object errorObject(const Error &error)
{
    const ErrorShape shape = shapeFor(error);
    bj::object e;
    e["message"] = error.message.isEmpty() ? std::string(shape.fallbackMessage) : error.message.toStdString();
    e["type"] = shape.type;
    if (error.param.isEmpty())
        e["param"] = nullptr;
    else
        e["param"] = error.param.toStdString();
    // The provider's own code tells the client more than our generic one (e.g. insufficient_quota).
    if (!error.upstreamType.isEmpty() && (error.category == ErrorCategory::Upstream || error.category == ErrorCategory::RateLimited
                                          || error.category == ErrorCategory::InvalidRequest))
        e["code"] = error.upstreamType.toStdString();
    else if (shape.code)
        e["code"] = shape.code;
    else
        e["code"] = nullptr;
    return e;
}

} // namespace

int errorStatus(const Error &error)
{
    return shapeFor(error).status;
}

QByteArray errorEnvelope(const Error &error)
{
    return QByteArray::fromStdString(bj::serialize(bj::object{{"error", errorObject(error)}}));
}

} // namespace openaichat

ErrorReply OpenAIChatFrontend::renderError(const Error &error) const
{
    ErrorReply reply;
    reply.status = openaichat::errorStatus(error);
    reply.body = openaichat::errorEnvelope(error);
    if (error.retryAfterMs >= 0) {
        reply.headers.append({QByteArrayLiteral("retry-after"), QByteArray::number((error.retryAfterMs + 999) / 1000)});
        reply.headers.append({QByteArrayLiteral("retry-after-ms"), QByteArray::number(error.retryAfterMs)});
    }
    return reply;
}

QByteArray OpenAIChatFrontend::renderStreamError(const Error &error) const
{
    return "data: " + openaichat::errorEnvelope(error) + "\n\n";
}

const Frontend &openAIChatFrontend()
{
    static const OpenAIChatFrontend frontend;
    return frontend;
}

} // namespace lip
