// SPDX-License-Identifier: GPL-3.0-or-later
#include "frontends/openai_responses/openairesponsesfrontend.h"

#include "core/logging.h"
#include "frontends/openai_chat/openaichatfrontend.h"
#include "frontends/openai_responses/openairesponsesencoder.h"
#include "server/httpserver.h"

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include <QByteArray>
#include <QDateTime>
#include <QRandomGenerator>

#include <cmath>
#include <set>

namespace lip {

namespace {

namespace bj = boost::json;

// Tool schemas nest deeply; Boost.JSON's default depth limit of 32 would reject real requests.
constexpr std::size_t kMaxDepth = 512;
constexpr std::string_view kPackPrefix = "lipr1.";

QString qs(std::string_view s)
{
    return QString::fromUtf8(s.data(), qsizetype(s.size()));
}

std::string str(const bj::string &s)
{
    return std::string(s.data(), s.size());
}

const bj::string *stringAt(const bj::object &o, std::string_view key)
{
    const bj::value *v = o.if_contains(key);
    return v ? v->if_string() : nullptr;
}

Error typeError(const QString &field, const char *expected)
{
    return Error::invalid(QStringLiteral("Invalid type for '%1': expected %2.").arg(field, QLatin1String(expected)), field);
}

Error missing(const QString &field)
{
    return Error::invalid(QStringLiteral("Missing required parameter: '%1'.").arg(field), field);
}

// The fields toCanonical() maps itself; everything else goes to extensions.
const std::set<std::string_view> &mappedFields()
{
    static const std::set<std::string_view> fields{
        "model", "input", "instructions", "tools", "tool_choice", "parallel_tool_calls", "max_output_tokens",
        "temperature", "top_p", "reasoning", "text", "stream", "user", "metadata"};
    return fields;
}

std::optional<Error> readDouble(const bj::object &o, const char *key, std::optional<double> &out)
{
    const bj::value *v = o.if_contains(key);
    if (!v || v->is_null())
        return std::nullopt;
    bj::error_code ec;
    const double d = v->is_number() ? v->to_number<double>(ec) : 0;
    if (!v->is_number() || ec || !std::isfinite(d))
        return typeError(QLatin1String(key), "a number");
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
    if (const auto *u = v->if_uint64(); u && *u <= uint64_t(INT64_MAX)) {
        out = int64_t(*u);
        return std::nullopt;
    }
    if (const auto *d = v->if_double(); d && std::isfinite(*d) && std::floor(*d) == *d && std::fabs(*d) < 9e15) {
        out = int64_t(*d);
        return std::nullopt;
    }
    return typeError(QLatin1String(key), "an integer");
}

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

canon::ContentBlock textBlock(std::string text)
{
    canon::ContentBlock b;
    b.text = std::move(text);
    return b;
}

// Content parts (input_text, output_text, input_image, input_file, refusal) → blocks.
std::optional<Error> contentParts(const bj::value &content, const QString &param, std::vector<canon::ContentBlock> &out)
{
    if (content.is_null())
        return std::nullopt;
    if (const auto *s = content.if_string()) {
        out.push_back(textBlock(str(*s)));
        return std::nullopt;
    }
    const auto *arr = content.if_array();
    if (!arr)
        return typeError(param, "a string or an array of content parts");
    for (std::size_t i = 0; i < arr->size(); ++i) {
        const QString partParam = QStringLiteral("%1[%2]").arg(param).arg(i);
        const bj::object *part = (*arr)[i].if_object();
        const bj::string *type = part ? stringAt(*part, "type") : nullptr;
        if (!type)
            return missing(partParam + QStringLiteral(".type"));
        canon::ContentBlock b;
        if (*type == "input_text" || *type == "output_text" || *type == "text" || *type == "summary_text") {
            const bj::string *text = stringAt(*part, "text");
            if (!text)
                return missing(partParam + QStringLiteral(".text"));
            b.text = str(*text);
        } else if (*type == "refusal") {
            const bj::string *text = stringAt(*part, "refusal");
            if (!text)
                return missing(partParam + QStringLiteral(".refusal"));
            b.text = str(*text);
        } else if (*type == "input_image") {
            b.kind = canon::BlockKind::Image;
            if (const bj::string *url = stringAt(*part, "image_url")) {
                if (!parseDataUrl(std::string_view(*url), b.media)) {
                    if (url->starts_with("data:"))
                        return Error::invalid(QStringLiteral("Invalid image URL at '%1': a data URL must be base64.").arg(partParam),
                                              partParam + QStringLiteral(".image_url"));
                    b.media.kind = canon::MediaSource::Kind::Url;
                    b.media.data = str(*url);
                }
            } else if (const bj::string *id = stringAt(*part, "file_id")) {
                b.media.kind = canon::MediaSource::Kind::FileId;
                b.media.data = str(*id);
            } else {
                return Error::invalid(QStringLiteral("'%1' needs image_url or file_id.").arg(partParam), partParam + QStringLiteral(".image_url"));
            }
            if (const bj::value *detail = part->if_contains("detail"); detail && !detail->is_null())
                b.extensions["detail"] = *detail;
        } else if (*type == "input_file") {
            b.kind = canon::BlockKind::Document;
            if (const bj::string *name = stringAt(*part, "filename"))
                b.text = str(*name);
            if (const bj::string *data = stringAt(*part, "file_data")) {
                if (!parseDataUrl(std::string_view(*data), b.media)) {
                    b.media.kind = canon::MediaSource::Kind::Base64;
                    b.media.mediaType = "application/pdf";
                    b.media.data = str(*data);
                }
            } else if (const bj::string *id = stringAt(*part, "file_id")) {
                b.media.kind = canon::MediaSource::Kind::FileId;
                b.media.data = str(*id);
            } else if (const bj::string *url = stringAt(*part, "file_url")) {
                b.media.kind = canon::MediaSource::Kind::Url;
                b.media.data = str(*url);
            } else {
                return Error::invalid(QStringLiteral("'%1' needs file_data, file_id or file_url.").arg(partParam), partParam);
            }
        } else {
            qCDebug(lcTranslate) << "openai-responses: content part of type" << qs(*type) << "dropped";
            continue;
        }
        out.push_back(std::move(b));
    }
    return std::nullopt;
}

bj::value parseArguments(std::string_view text)
{
    if (text.find_first_not_of(" \t\r\n") == std::string_view::npos)
        return bj::object{};
    bj::error_code ec;
    bj::parse_options opts;
    opts.max_depth = kMaxDepth;
    bj::value parsed = bj::parse(text, ec, {}, opts);
    // Models do emit broken JSON; keep it verbatim so the next hop can still see it.
    return ec ? bj::value(bj::string(text)) : parsed;
}

// Appends a block to the conversation, merging consecutive blocks of one role into one message.
void appendBlock(canon::Request &req, canon::Role role, canon::ContentBlock block)
{
    if (req.messages.empty() || req.messages.back().role != role) {
        canon::Message m;
        m.role = role;
        req.messages.push_back(std::move(m));
    }
    req.messages.back().content.push_back(std::move(block));
}

std::optional<Error> convertItem(const bj::object &item, const QString &param, canon::Request &req)
{
    std::string type = "message";
    if (const bj::value *t = item.if_contains("type")) {
        if (!t->is_string())
            return typeError(param + QStringLiteral(".type"), "a string");
        type = str(t->get_string());
    }

    if (type == "message") {
        const bj::string *role = stringAt(item, "role");
        if (!role)
            return missing(param + QStringLiteral(".role"));
        static const bj::value nullValue;
        const bj::value *contentP = item.if_contains("content");
        const bj::value &content = contentP ? *contentP : nullValue;
        const QString contentParam = param + QStringLiteral(".content");
        std::vector<canon::ContentBlock> blocks;
        if (auto e = contentParts(content, contentParam, blocks))
            return e;
        if (*role == "system" || *role == "developer") {
            for (canon::ContentBlock &b : blocks) {
                if (b.kind != canon::BlockKind::Text) {
                    qCDebug(lcTranslate) << "openai-responses: non-text part of a system message dropped";
                    continue;
                }
                if (*role == "developer")
                    b.extensions["role"] = "developer";
                req.system.push_back(std::move(b));
            }
            return std::nullopt;
        }
        canon::Role r;
        if (*role == "user")
            r = canon::Role::User;
        else if (*role == "assistant")
            r = canon::Role::Assistant;
        else
            return Error::invalid(QStringLiteral("Invalid value: '%1'. Supported values are: 'user', 'assistant', 'system' and 'developer'.")
                                      .arg(qs(*role)),
                                  param + QStringLiteral(".role"));
        for (canon::ContentBlock &b : blocks)
            appendBlock(req, r, std::move(b));
        return std::nullopt;
    }

    if (type == "function_call" || type == "custom_tool_call") {
        const bool custom = type == "custom_tool_call";
        const bj::string *callId = stringAt(item, "call_id");
        const bj::string *name = stringAt(item, "name");
        if (!callId)
            return missing(param + QStringLiteral(".call_id"));
        if (!name)
            return missing(param + QStringLiteral(".name"));
        canon::ContentBlock b;
        b.kind = canon::BlockKind::ToolUse;
        b.toolId = str(*callId);
        b.toolName = str(*name);
        if (const bj::string *ns = stringAt(item, "namespace"); ns && !ns->empty())
            b.toolName = responses::flatName(*ns, *name);
        if (custom) {
            const bj::string *input = stringAt(item, "input");
            b.input = bj::object{{"input", input ? str(*input) : std::string()}};
            b.extensions[responses::kCustomKey] = true;
        } else {
            const bj::value *args = item.if_contains("arguments");
            if (args && args->is_string())
                b.input = parseArguments(args->get_string());
            else if (args && args->is_object())
                b.input = *args;
            else
                b.input = bj::object{};
        }
        if (const bj::string *id = stringAt(item, "id"))
            b.extensions["item_id"] = str(*id);
        appendBlock(req, canon::Role::Assistant, std::move(b));
        return std::nullopt;
    }

    if (type == "function_call_output" || type == "custom_tool_call_output") {
        const bj::string *callId = stringAt(item, "call_id");
        if (!callId)
            return missing(param + QStringLiteral(".call_id"));
        canon::ContentBlock b;
        b.kind = canon::BlockKind::ToolResult;
        b.toolId = str(*callId);
        const bj::value *output = item.if_contains("output");
        if (output && !output->is_null()) {
            if (auto e = contentParts(*output, param + QStringLiteral(".output"), b.content))
                return e;
        }
        if (type == "custom_tool_call_output")
            b.extensions[responses::kCustomKey] = true;
        appendBlock(req, canon::Role::User, std::move(b));
        return std::nullopt;
    }

    if (type == "reasoning") {
        canon::ContentBlock b;
        b.kind = canon::BlockKind::Thinking;
        if (const bj::value *summary = item.if_contains("summary"); summary && summary->is_array()) {
            for (const bj::value &s : summary->get_array()) {
                const bj::object *so = s.if_object();
                const bj::string *text = so ? stringAt(*so, "text") : nullptr;
                if (!text)
                    continue;
                if (!b.text.empty())
                    b.text += "\n\n";
                b.text += str(*text);
            }
        }
        if (const bj::string *enc = stringAt(item, "encrypted_content"); enc && !enc->empty()) {
            if (auto unpacked = responses::unpackReasoning(*enc)) {
                b.signature = std::move(unpacked->signature);
                if (unpacked->redacted)
                    b.kind = canon::BlockKind::RedactedThinking;
                else if (!unpacked->text.empty())
                    b.text = std::move(unpacked->text);
            } else {
                b.signature = str(*enc);
            }
        }
        if (const bj::string *id = stringAt(item, "id"))
            b.extensions[responses::kItemIdKey] = str(*id);
        if (b.text.empty() && b.signature.empty()) {
            qCDebug(lcTranslate) << "openai-responses: empty reasoning item dropped";
            return std::nullopt;
        }
        appendBlock(req, canon::Role::Assistant, std::move(b));
        return std::nullopt;
    }

    // item_reference, web_search_call, file_search_call, computer_call, mcp_*, ...: state held by
    // OpenAI itself, which no other dialect can express.
    qCDebug(lcTranslate) << "openai-responses: input item of type" << qs(type) << "dropped";
    return std::nullopt;
}

// A free-form custom tool as a function with one string parameter "input".
canon::Tool customTool(const bj::object &t, std::string name)
{
    canon::Tool tool;
    tool.name = std::move(name);
    if (const bj::string *d = stringAt(t, "description"))
        tool.description = str(*d);
    std::string inputDescription = "The raw input of the tool, as free-form text.";
    bj::object custom;
    if (const bj::value *format = t.if_contains("format"); format && format->is_object()) {
        custom["format"] = *format;
        const bj::object &f = format->get_object();
        const bj::string *ft = stringAt(f, "type");
        const bj::string *def = stringAt(f, "definition");
        if (ft && *ft == "grammar" && def) {
            const bj::string *syntax = stringAt(f, "syntax");
            inputDescription = "The raw input of the tool. It must match this " + (syntax ? str(*syntax) : std::string("grammar"))
                               + " grammar:\n" + str(*def);
        }
    }
    tool.schema = bj::object{{"type", "object"},
                             {"properties", bj::object{{"input", bj::object{{"type", "string"}, {"description", inputDescription}}}}},
                             {"required", bj::array{"input"}},
                             {"additionalProperties", false}};
    tool.extensions[responses::kCustomKey] = std::move(custom);
    return tool;
}

std::optional<Error> functionTool(const bj::object &t, const QString &param, canon::Tool &tool)
{
    const bj::string *name = stringAt(t, "name");
    if (!name)
        return missing(param + QStringLiteral(".name"));
    tool.name = str(*name);
    if (const bj::string *d = stringAt(t, "description"))
        tool.description = str(*d);
    if (const bj::value *p = t.if_contains("parameters"); p && !p->is_null())
        tool.schema = *p;
    if (const bj::value *s = t.if_contains("strict"); s && !s->is_null())
        tool.extensions["strict"] = *s;
    return std::nullopt;
}

std::optional<Error> convertTools(const bj::object &body, canon::Request &req)
{
    const bj::value *tools = body.if_contains("tools");
    if (!tools || tools->is_null())
        return std::nullopt;
    if (!tools->is_array())
        return typeError(QStringLiteral("tools"), "an array");
    bj::array builtin;
    const bj::array &arr = tools->get_array();
    for (std::size_t i = 0; i < arr.size(); ++i) {
        const QString param = QStringLiteral("tools[%1]").arg(i);
        const bj::object *t = arr[i].if_object();
        if (!t)
            return typeError(param, "an object");
        const bj::string *type = stringAt(*t, "type");
        if (!type)
            return missing(param + QStringLiteral(".type"));
        if (*type == "function") {
            canon::Tool tool;
            if (auto e = functionTool(*t, param, tool))
                return e;
            req.tools.push_back(std::move(tool));
        } else if (*type == "custom") {
            const bj::string *name = stringAt(*t, "name");
            if (!name)
                return missing(param + QStringLiteral(".name"));
            req.tools.push_back(customTool(*t, str(*name)));
        } else if (*type == "namespace") {
            const bj::string *ns = stringAt(*t, "name");
            const bj::value *inner = t->if_contains("tools");
            if (!ns)
                return missing(param + QStringLiteral(".name"));
            if (!inner || !inner->is_array())
                return missing(param + QStringLiteral(".tools"));
            const bj::array &innerArr = inner->get_array();
            for (std::size_t k = 0; k < innerArr.size(); ++k) {
                const QString innerParam = QStringLiteral("%1.tools[%2]").arg(param).arg(k);
                const bj::object *it = innerArr[k].if_object();
                const bj::string *itType = it ? stringAt(*it, "type") : nullptr;
                const bj::string *itName = it ? stringAt(*it, "name") : nullptr;
                if (!itName)
                    return missing(innerParam + QStringLiteral(".name"));
                canon::Tool tool;
                if (itType && *itType == "custom") {
                    tool = customTool(*it, responses::flatName(*ns, *itName));
                } else if (auto e = functionTool(*it, innerParam, tool)) {
                    return e;
                }
                tool.name = responses::flatName(*ns, *itName);
                bj::object nsExt{{"namespace", str(*ns)}, {"name", str(*itName)}};
                // Other dialects have no namespaces: the model reads the group's description
                // with each tool; the originals are kept to rebuild the group for Responses.
                if (const bj::string *nsDesc = stringAt(*t, "description"); nsDesc && !nsDesc->empty()) {
                    nsExt["description"] = str(*nsDesc);
                    nsExt["tool_description"] = tool.description;
                    tool.description = str(*nsDesc) + (tool.description.empty() ? "" : "\n\n" + tool.description);
                }
                tool.extensions[responses::kNamespaceKey] = std::move(nsExt);
                req.tools.push_back(std::move(tool));
            }
        } else {
            // web_search, file_search, code_interpreter, computer_use_preview, mcp, image_generation,
            // local_shell, ...: executed by OpenAI, kept verbatim for a Responses backend.
            builtin.push_back(*t);
        }
    }
    if (!builtin.empty())
        req.extensions[responses::kBuiltinToolsKey] = std::move(builtin);
    return std::nullopt;
}

std::optional<Error> convertToolChoice(const bj::object &body, canon::Request &req)
{
    if (const bj::value *p = body.if_contains("parallel_tool_calls"); p && !p->is_null()) {
        if (!p->is_bool())
            return typeError(QStringLiteral("parallel_tool_calls"), "a boolean");
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
    const bj::string *type = o ? stringAt(*o, "type") : nullptr;
    if (!type)
        return Error::invalid(QStringLiteral("Invalid 'tool_choice': expected a string or an object with a type."),
                              QStringLiteral("tool_choice"));
    if (*type == "function" || *type == "custom") {
        const bj::string *name = stringAt(*o, "name");
        if (!name)
            return missing(QStringLiteral("tool_choice.name"));
        req.toolChoice.mode = canon::ToolChoice::Mode::Named;
        req.toolChoice.name = str(*name);
        if (const bj::string *ns = stringAt(*o, "namespace"); ns && !ns->empty())
            req.toolChoice.name = responses::flatName(*ns, *name);
        return std::nullopt;
    }
    if (*type == "allowed_tools") {
        const bj::string *mode = stringAt(*o, "mode");
        req.toolChoice.mode = mode && *mode == "required" ? canon::ToolChoice::Mode::Required : canon::ToolChoice::Mode::Auto;
        qCDebug(lcTranslate) << "openai-responses: allowed_tools list in tool_choice reduced to its mode";
        return std::nullopt;
    }
    // A built-in tool forced ({"type":"web_search"}): only a Responses backend can honour it.
    req.toolChoice.mode = canon::ToolChoice::Mode::Required;
    req.extensions["tool_choice"] = *tc;
    return std::nullopt;
}

std::optional<Error> convertText(const bj::object &body, canon::Request &req)
{
    const bj::value *text = body.if_contains("text");
    if (!text || text->is_null())
        return std::nullopt;
    if (!text->is_object())
        return typeError(QStringLiteral("text"), "an object");
    const bj::object &t = text->get_object();
    if (const bj::value *v = t.if_contains("verbosity"); v && !v->is_null())
        req.extensions["verbosity"] = *v;
    const bj::value *format = t.if_contains("format");
    if (!format || format->is_null())
        return std::nullopt;
    const bj::object *f = format->if_object();
    const bj::string *type = f ? stringAt(*f, "type") : nullptr;
    if (!type)
        return missing(QStringLiteral("text.format.type"));
    if (*type == "text") {
        req.responseFormat.kind = canon::ResponseFormat::Kind::Text;
    } else if (*type == "json_object") {
        req.responseFormat.kind = canon::ResponseFormat::Kind::JsonObject;
    } else if (*type == "json_schema") {
        req.responseFormat.kind = canon::ResponseFormat::Kind::JsonSchema;
        if (const bj::string *n = stringAt(*f, "name"))
            req.responseFormat.name = str(*n);
        const bj::value *schema = f->if_contains("schema");
        if (!schema || !schema->is_object())
            return missing(QStringLiteral("text.format.schema"));
        req.responseFormat.schema = *schema;
        if (const bj::value *s = f->if_contains("strict"); s && s->is_bool())
            req.responseFormat.strict = s->get_bool();
    } else {
        return Error::invalid(QStringLiteral("Invalid value: '%1'. Supported values are: 'text', 'json_object' and 'json_schema'.").arg(qs(*type)),
                              QStringLiteral("text.format.type"));
    }
    return std::nullopt;
}

std::optional<Error> convertReasoning(const bj::object &body, canon::Request &req)
{
    const bj::value *r = body.if_contains("reasoning");
    if (!r || r->is_null())
        return std::nullopt;
    if (!r->is_object())
        return typeError(QStringLiteral("reasoning"), "an object");
    const bj::object &o = r->get_object();
    if (const bj::value *effort = o.if_contains("effort"); effort && !effort->is_null()) {
        if (!effort->is_string())
            return typeError(QStringLiteral("reasoning.effort"), "a string");
        req.reasoning.effort = str(effort->get_string());
        req.reasoning.enabled = req.reasoning.effort != "none";
    }
    for (const char *key : {"summary", "generate_summary"}) {
        const bj::value *s = o.if_contains(key);
        if (!s || s->is_null())
            continue;
        if (!s->is_string())
            return typeError(QStringLiteral("reasoning.%1").arg(QLatin1String(key)), "a string");
        req.reasoning.summary = str(s->get_string());
        if (req.reasoning.summary != "none")
            req.reasoning.includeThoughts = true;
        break;
    }
    return std::nullopt;
}

std::string base64Url(std::string_view bytes)
{
    return QByteArray(bytes.data(), qsizetype(bytes.size()))
        .toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals)
        .toStdString();
}

} // namespace

// ---- helpers -----------------------------------------------------------------------------------

namespace responses {

std::string flatName(std::string_view ns, std::string_view name)
{
    return std::string(ns) + "__" + std::string(name);
}

std::string packReasoning(const std::string &text, const std::string &signature, bool redacted)
{
    bj::object o;
    if (redacted) {
        o["r"] = signature;
    } else {
        o["t"] = text;
        o["s"] = signature;
    }
    return std::string(kPackPrefix) + base64Url(bj::serialize(o));
}

std::optional<UnpackedReasoning> unpackReasoning(std::string_view encrypted)
{
    if (!encrypted.starts_with(kPackPrefix))
        return std::nullopt;
    encrypted.remove_prefix(kPackPrefix.size());
    const auto decoded = QByteArray::fromBase64Encoding(QByteArray(encrypted.data(), qsizetype(encrypted.size())),
                                                        QByteArray::Base64UrlEncoding | QByteArray::AbortOnBase64DecodingErrors);
    if (!decoded)
        return std::nullopt;
    bj::error_code ec;
    bj::value v = bj::parse(std::string_view(decoded.decoded.constData(), size_t(decoded.decoded.size())), ec);
    const bj::object *o = ec ? nullptr : v.if_object();
    if (!o)
        return std::nullopt;
    UnpackedReasoning r;
    if (const bj::string *red = stringAt(*o, "r")) {
        r.redacted = true;
        r.signature = str(*red);
        return r;
    }
    const bj::string *t = stringAt(*o, "t");
    const bj::string *s = stringAt(*o, "s");
    if (!t || !s)
        return std::nullopt;
    r.text = str(*t);
    r.signature = str(*s);
    return r;
}

std::optional<Error> rejectBuiltinTools(const canon::Request &request, const char *backendDialect)
{
    const bj::value *tools = request.extensions.if_contains(kBuiltinToolsKey);
    if (!tools || !tools->is_array() || tools->get_array().empty())
        return std::nullopt;
    std::string type = "unknown";
    if (const bj::object *first = tools->get_array().front().if_object())
        if (const bj::string *t = stringAt(*first, "type"))
            type = str(*t);
    return Error::make(ErrorCategory::InvalidRequest,
                       QStringLiteral("The built-in tool type '%1' is only available on an OpenAI Responses backend; "
                                      "this request was routed to a %2 backend. Remove the tool or route the model to a "
                                      "Responses backend.")
                           .arg(qs(type), QLatin1String(backendDialect)),
                       QStringLiteral("tools"));
}

bool storeRequested(const InboundRequest &inbound)
{
    const bj::value *store = inbound.body.if_contains("store");
    return !(store && store->is_bool() && !store->get_bool());
}

std::string previousResponseId(const InboundRequest &inbound)
{
    const bj::string *id = stringAt(inbound.body, "previous_response_id");
    return id ? str(*id) : std::string();
}

int errorStatus(const Error &error)
{
    return openaichat::errorStatus(error);
}

QByteArray errorEnvelope(const Error &error)
{
    return openaichat::errorEnvelope(error);
}

} // namespace responses

// ---- frontend ----------------------------------------------------------------------------------

Result<InboundRequest> OpenAIResponsesFrontend::inbound(const server::HttpRequest &request, const std::string &, bool) const
{
    bj::error_code ec;
    bj::parse_options opts;
    opts.max_depth = kMaxDepth;
    bj::value v = bj::parse(std::string_view(request.body.constData(), size_t(request.body.size())), ec, {}, opts);
    if (ec)
        return Error::invalid(QStringLiteral("We could not parse the JSON body of your request. (%1)").arg(QString::fromStdString(ec.message())));
    if (!v.is_object())
        return Error::invalid(QStringLiteral("The request body must be a JSON object."));
    bj::object &body = v.get_object();
    const bj::value *model = body.if_contains("model");
    if (!model || model->is_null())
        return missing(QStringLiteral("model"));
    if (!model->is_string())
        return typeError(QStringLiteral("model"), "a string");
    const bj::value *input = body.if_contains("input");
    if (!input || input->is_null()) {
        // Without input a request can still continue a stored response or a conversation.
        if (!body.contains("previous_response_id") && !body.contains("conversation") && !body.contains("prompt"))
            return missing(QStringLiteral("input"));
    } else if (!input->is_string() && !input->is_array()) {
        return typeError(QStringLiteral("input"), "a string or an array");
    }
    if (const bj::value *stream = body.if_contains("stream"); stream && !stream->is_null() && !stream->is_bool())
        return typeError(QStringLiteral("stream"), "a boolean");

    InboundRequest in;
    in.dialect = Dialect::OpenAIResponses;
    in.model = str(model->get_string());
    const bj::value *stream = body.if_contains("stream");
    in.stream = stream && stream->is_bool() && stream->get_bool();
    in.body = std::move(body);
    in.rawBody = request.body;
    in.clientHeaders = request.headers;
    in.clientQuery = request.query;
    return in;
}

Result<canon::Request> OpenAIResponsesFrontend::toCanonical(const InboundRequest &inbound) const
{
    const bj::object &body = inbound.body;
    canon::Request req;
    req.model = inbound.model;

    if (const bj::value *instr = body.if_contains("instructions"); instr && !instr->is_null()) {
        if (instr->is_string()) {
            if (!instr->get_string().empty())
                req.system.push_back(textBlock(str(instr->get_string())));
        } else if (instr->is_array()) {
            // Instructions as input items (a reusable prompt's rendering): their text only.
            canon::Request scratch;
            for (std::size_t i = 0; i < instr->get_array().size(); ++i) {
                const bj::object *item = instr->get_array()[i].if_object();
                if (!item)
                    return typeError(QStringLiteral("instructions[%1]").arg(i), "an object");
                if (auto e = convertItem(*item, QStringLiteral("instructions[%1]").arg(i), scratch))
                    return *e;
            }
            for (canon::ContentBlock &b : scratch.system)
                req.system.push_back(std::move(b));
            for (canon::Message &m : scratch.messages)
                for (canon::ContentBlock &b : m.content)
                    if (b.kind == canon::BlockKind::Text)
                        req.system.push_back(std::move(b));
        } else {
            return typeError(QStringLiteral("instructions"), "a string");
        }
    }

    if (const bj::value *input = body.if_contains("input"); input && !input->is_null()) {
        if (input->is_string()) {
            appendBlock(req, canon::Role::User, textBlock(str(input->get_string())));
        } else if (input->is_array()) {
            const bj::array &items = input->get_array();
            for (std::size_t i = 0; i < items.size(); ++i) {
                const QString param = QStringLiteral("input[%1]").arg(i);
                const bj::object *item = items[i].if_object();
                if (!item)
                    return typeError(param, "an object");
                if (auto e = convertItem(*item, param, req))
                    return *e;
            }
        } else {
            return typeError(QStringLiteral("input"), "a string or an array");
        }
    }

    if (auto e = convertTools(body, req))
        return *e;
    if (auto e = convertToolChoice(body, req))
        return *e;
    if (auto e = convertText(body, req))
        return *e;
    if (auto e = convertReasoning(body, req))
        return *e;

    canon::Sampling &s = req.sampling;
    for (auto e : {readDouble(body, "temperature", s.temperature), readDouble(body, "top_p", s.topP),
                   readInt(body, "max_output_tokens", s.maxTokens)}) {
        if (e)
            return *e;
    }
    if (const bj::value *stream = body.if_contains("stream"); stream && !stream->is_null()) {
        if (!stream->is_bool())
            return typeError(QStringLiteral("stream"), "a boolean");
        req.stream = stream->get_bool();
    }
    req.includeUsage = true; // Responses always reports usage
    if (const bj::value *user = body.if_contains("user"); user && !user->is_null()) {
        if (!user->is_string())
            return typeError(QStringLiteral("user"), "a string");
        req.user = str(user->get_string());
    }
    if (const bj::value *meta = body.if_contains("metadata"); meta && !meta->is_null()) {
        if (!meta->is_object())
            return typeError(QStringLiteral("metadata"), "an object");
        req.metadata = meta->get_object();
    }
    if (const bj::value *include = body.if_contains("include"); include && !include->is_null() && !include->is_array())
        return typeError(QStringLiteral("include"), "an array");

    // include, prompt_cache_key, store, previous_response_id, truncation, service_tier, ...
    for (const auto &kv : body) {
        if (!mappedFields().count(std::string_view(kv.key())))
            req.extensions[kv.key()] = kv.value();
    }
    return req;
}

std::unique_ptr<ResponseEncoder> OpenAIResponsesFrontend::makeEncoder(const canon::Request &request,
                                                                      const std::string &clientModel, bool stream) const
{
    return std::make_unique<OpenAIResponsesEncoder>(request, clientModel, stream);
}

std::unique_ptr<ResponseEncoder> OpenAIResponsesFrontend::encoderFor(const canon::Request &request,
                                                                     const InboundRequest &inbound) const
{
    return std::make_unique<OpenAIResponsesEncoder>(request, inbound.model, inbound.stream, inbound.body);
}

ErrorReply OpenAIResponsesFrontend::renderError(const Error &error) const
{
    return openAIChatFrontend().renderError(error);
}

QByteArray OpenAIResponsesFrontend::renderStreamError(const Error &error) const
{
    static const char hex[] = "0123456789abcdef";
    std::string id = "resp_";
    for (int i = 0; i < 48; ++i)
        id.push_back(hex[QRandomGenerator::global()->bounded(16)]);
    const QByteArray envelope = responses::errorEnvelope(error);
    bj::error_code ec;
    bj::value env = bj::parse(std::string_view(envelope.constData(), size_t(envelope.size())), ec);
    bj::object err;
    if (!ec && env.is_object() && env.get_object().contains("error")) {
        const bj::object &e = env.get_object().at("error").get_object();
        err["code"] = e.contains("code") && !e.at("code").is_null() ? e.at("code") : bj::value(e.at("type"));
        err["message"] = e.at("message");
    }
    bj::object response{{"id", id},
                        {"object", "response"},
                        {"created_at", int64_t(QDateTime::currentSecsSinceEpoch())},
                        {"status", "failed"},
                        {"error", std::move(err)},
                        {"incomplete_details", nullptr},
                        {"output", bj::array{}},
                        {"usage", nullptr}};
    bj::object data{{"type", "response.failed"}, {"response", std::move(response)}};
    return "event: response.failed\ndata: " + QByteArray::fromStdString(bj::serialize(data)) + "\n\n";
}

const Frontend &openAIResponsesFrontend()
{
    static const OpenAIResponsesFrontend frontend;
    return frontend;
}

} // namespace lip
