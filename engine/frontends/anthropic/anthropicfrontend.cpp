// SPDX-License-Identifier: GPL-3.0-or-later
#include "frontends/anthropic/anthropicfrontend.h"

#include "core/jsonarena.h"
#include "core/jsonsplice.h"
#include "core/logging.h"
#include "frontends/anthropic/anthropicencoder.h"
#include "server/httpserver.h"

#include <boost/json.hpp>

#include <QCryptographicHash>
#include <QDateTime>
#include <QTimeZone>

#include <algorithm>
#include <cmath>
#include <limits>

namespace lip {

namespace bj = boost::json;
using Header = QPair<QByteArray, QByteArray>;

namespace {

const bj::value *member(const bj::object &o, std::string_view key)
{
    const auto it = o.find(key);
    return it == o.end() ? nullptr : &it->value();
}

std::optional<int64_t> integerOf(const bj::value &v)
{
    if (v.is_int64())
        return v.get_int64();
    if (v.is_uint64())
        return v.get_uint64() <= uint64_t(std::numeric_limits<int64_t>::max())
                   ? std::optional<int64_t>(int64_t(v.get_uint64()))
                   : std::nullopt;
    if (v.is_double()) { // 1024.0 is an integer to Anthropic's validator too
        const double d = v.get_double();
        if (std::isfinite(d) && std::floor(d) == d && std::fabs(d) < 9.0e15)
            return int64_t(d);
    }
    return std::nullopt;
}

std::optional<double> numberOf(const bj::value &v)
{
    if (v.is_double())
        return v.get_double();
    if (v.is_int64())
        return double(v.get_int64());
    if (v.is_uint64())
        return double(v.get_uint64());
    return std::nullopt;
}

QString q(const std::string &s)
{
    return QString::fromStdString(s);
}

// Every member of `o` except `known`, in order: what a dialect field carries beyond the model.
bj::object extensionsOf(const bj::object &o, std::initializer_list<std::string_view> known)
{
    bj::object ext;
    for (const auto &kv : o) {
        if (std::find(known.begin(), known.end(), kv.key()) == known.end())
            ext[kv.key()] = kv.value();
    }
    return ext;
}

struct Parser
{
    Error error;

    bool fail(const std::string &path, const std::string &message)
    {
        error = Error::invalid(q(path + ": " + message), q(path));
        return false;
    }

    bool media(const bj::value *source, const std::string &path, canon::ContentBlock &block)
    {
        if (!source || !source->is_object())
            return fail(path + ".source", "Field required");
        const bj::object &s = source->get_object();
        const bj::value *type = member(s, "type");
        const std::string t = type && type->is_string() ? std::string(type->get_string()) : "";
        auto text = [&](std::string_view key) {
            const bj::value *v = member(s, key);
            return v && v->is_string() ? std::string(v->get_string()) : std::string();
        };
        if (t == "base64") {
            block.media.kind = canon::MediaSource::Kind::Base64;
            block.media.mediaType = text("media_type");
            block.media.data = text("data");
        } else if (t == "url") {
            block.media.kind = canon::MediaSource::Kind::Url;
            block.media.data = text("url");
        } else if (t == "file") {
            block.media.kind = canon::MediaSource::Kind::FileId;
            block.media.data = text("file_id");
        } else if (t == "text" || t == "content") {
            // Plain-text and content-array documents have no canonical media form: kept whole.
            block.media.kind = canon::MediaSource::Kind::Base64;
            block.media.mediaType = t == "text" ? text("media_type") : std::string();
            block.media.data = t == "text" ? text("data") : std::string();
            block.extensions["source"] = *source;
        } else {
            return fail(path + ".source.type", "Input should be 'base64', 'url' or 'file'");
        }
        return true;
    }

    bool block(const bj::value &v, const std::string &path, canon::ContentBlock &out, bool nested)
    {
        if (!v.is_object())
            return fail(path, "Input should be a valid dictionary");
        const bj::object &o = v.get_object();
        const bj::value *typeV = member(o, "type");
        if (!typeV || !typeV->is_string())
            return fail(path + ".type", "Field required");
        const std::string_view type = typeV->get_string();
        auto str = [&](std::string_view key, std::string &dst, bool required) {
            const bj::value *f = member(o, key);
            if (!f) {
                if (required)
                    return fail(path + "." + std::string(key), "Field required");
                return true;
            }
            if (!f->is_string())
                return fail(path + "." + std::string(key), "Input should be a valid string");
            dst = f->get_string();
            return true;
        };
        if (type == "text") {
            out.kind = canon::BlockKind::Text;
            out.extensions = extensionsOf(o, {"type", "text"});
            return str("text", out.text, true);
        }
        if (type == "image") {
            out.kind = canon::BlockKind::Image;
            out.extensions = extensionsOf(o, {"type", "source"});
            return media(member(o, "source"), path, out);
        }
        if (type == "document") {
            out.kind = canon::BlockKind::Document;
            out.extensions = extensionsOf(o, {"type", "source", "title"});
            if (const bj::value *title = member(o, "title"); title && title->is_string())
                out.text = title->get_string();
            return media(member(o, "source"), path, out);
        }
        if (!nested && type == "tool_use") {
            out.kind = canon::BlockKind::ToolUse;
            out.extensions = extensionsOf(o, {"type", "id", "name", "input"});
            if (!str("id", out.toolId, true) || !str("name", out.toolName, true))
                return false;
            const bj::value *input = member(o, "input");
            if (!input || !input->is_object())
                return fail(path + ".input", "Input should be a valid dictionary");
            out.input = *input;
            return true;
        }
        if (!nested && type == "tool_result") {
            out.kind = canon::BlockKind::ToolResult;
            out.extensions = extensionsOf(o, {"type", "tool_use_id", "content", "is_error"});
            if (!str("tool_use_id", out.toolId, true))
                return false;
            if (const bj::value *e = member(o, "is_error"); e && e->is_bool())
                out.isError = e->get_bool();
            const bj::value *content = member(o, "content");
            if (!content || content->is_null())
                return true;
            if (content->is_string()) {
                canon::ContentBlock t;
                t.text = content->get_string();
                out.content.push_back(std::move(t));
                return true;
            }
            if (!content->is_array())
                return fail(path + ".content", "Input should be a valid string or list");
            const bj::array &items = content->get_array();
            for (size_t i = 0; i < items.size(); ++i) {
                canon::ContentBlock inner;
                if (!block(items[i], path + ".content." + std::to_string(i), inner, true))
                    return false;
                out.content.push_back(std::move(inner));
            }
            return true;
        }
        if (!nested && type == "thinking") {
            out.kind = canon::BlockKind::Thinking;
            out.extensions = extensionsOf(o, {"type", "thinking", "signature"});
            return str("thinking", out.text, true) && str("signature", out.signature, false);
        }
        if (!nested && type == "redacted_thinking") {
            out.kind = canon::BlockKind::RedactedThinking;
            out.extensions = extensionsOf(o, {"type", "data"});
            return str("data", out.signature, true);
        }
        // server_tool_use, web_search_tool_result, search_result, container_upload, …: no
        // canonical kind. Carried whole for Anthropic backends; an empty text block elsewhere.
        qCDebug(lcTranslate) << "anthropic: content block" << QByteArray(type.data(), qsizetype(type.size()))
                             << "carried as a raw extension";
        out.kind = canon::BlockKind::Text;
        out.extensions[anthropic::kRawBlockKey] = v;
        return true;
    }

    bool content(const bj::value *v, const std::string &path, std::vector<canon::ContentBlock> &out)
    {
        if (!v)
            return fail(path, "Field required");
        if (v->is_string()) {
            canon::ContentBlock t;
            t.text = v->get_string();
            out.push_back(std::move(t));
            return true;
        }
        if (!v->is_array())
            return fail(path, "Input should be a valid string or list");
        const bj::array &items = v->get_array();
        for (size_t i = 0; i < items.size(); ++i) {
            canon::ContentBlock b;
            if (!block(items[i], path + "." + std::to_string(i), b, false))
                return false;
            out.push_back(std::move(b));
        }
        return true;
    }

    bool system(const bj::value &v, std::vector<canon::ContentBlock> &out)
    {
        if (v.is_string()) {
            canon::ContentBlock t;
            t.text = v.get_string();
            out.push_back(std::move(t));
            return true;
        }
        if (!v.is_array())
            return fail("system", "Input should be a valid string or list");
        const bj::array &items = v.get_array();
        for (size_t i = 0; i < items.size(); ++i) {
            canon::ContentBlock b;
            if (!block(items[i], "system." + std::to_string(i), b, true))
                return false;
            if (b.kind != canon::BlockKind::Text || b.extensions.contains(anthropic::kRawBlockKey))
                return fail("system." + std::to_string(i) + ".type", "Input should be 'text'");
            out.push_back(std::move(b));
        }
        return true;
    }

    bool tools(const bj::value &v, std::vector<canon::Tool> &out)
    {
        if (!v.is_array())
            return fail("tools", "Input should be a valid list");
        const bj::array &items = v.get_array();
        for (size_t i = 0; i < items.size(); ++i) {
            const std::string path = "tools." + std::to_string(i);
            if (!items[i].is_object())
                return fail(path, "Input should be a valid dictionary");
            const bj::object &o = items[i].get_object();
            canon::Tool tool;
            const bj::value *name = member(o, "name");
            if (!name || !name->is_string())
                return fail(path + ".name", "Field required");
            tool.name = name->get_string();
            if (const bj::value *d = member(o, "description"); d && d->is_string())
                tool.description = d->get_string();
            if (const bj::value *s = member(o, "input_schema"))
                tool.schema = *s;
            // cache_control, strict, and a server tool's `type` with its own fields.
            tool.extensions = extensionsOf(o, {"name", "description", "input_schema"});
            out.push_back(std::move(tool));
        }
        return true;
    }

    bool toolChoice(const bj::value &v, canon::ToolChoice &out)
    {
        if (!v.is_object())
            return fail("tool_choice", "Input should be a valid dictionary");
        const bj::object &o = v.get_object();
        const bj::value *type = member(o, "type");
        const std::string t = type && type->is_string() ? std::string(type->get_string()) : "";
        out.specified = true;
        if (t == "auto") {
            out.mode = canon::ToolChoice::Mode::Auto;
        } else if (t == "any") {
            out.mode = canon::ToolChoice::Mode::Required;
        } else if (t == "none") {
            out.mode = canon::ToolChoice::Mode::None;
        } else if (t == "tool") {
            out.mode = canon::ToolChoice::Mode::Named;
            const bj::value *name = member(o, "name");
            if (!name || !name->is_string())
                return fail("tool_choice.tool.name", "Field required");
            out.name = name->get_string();
        } else {
            return fail("tool_choice.type", "Input should be 'auto', 'any', 'tool' or 'none'");
        }
        if (const bj::value *d = member(o, "disable_parallel_tool_use"); d && d->is_bool())
            out.disableParallel = d->get_bool();
        return true;
    }
};

} // namespace

// ---- inbound ------------------------------------------------------------------------------

Result<InboundRequest> AnthropicFrontend::parseBody(const QByteArray &body, bool countTokens)
{
    bj::parse_options options;
    options.max_depth = 512; // tool schemas nest deeper than Boost's default of 32
    // perf: one scan of the body instead of a DOM; the members checked here are parsed on their
    // own, the rest only when a reader needs the whole object (translation, in-chat commands).
    std::optional<json::TopLevelLayout> layout = json::scanTopLevel(body);
    if (!layout) {
        std::string_view text(body.constData(), size_t(body.size()));
        while (!text.empty() && (text.front() == ' ' || text.front() == '\n' || text.front() == '\r' || text.front() == '\t'))
            text.remove_prefix(1);
        if (!text.empty() && text.front() != '{') {
            boost::system::error_code ec;
            json::parseScalar(text, ec);
            if (!ec) // valid JSON, just not an object
                return Error::invalid(QStringLiteral("The request body must be a JSON object."));
        }
        return Error::invalid(QStringLiteral("The request body is not valid JSON."));
    }
    const json::TopLevelLayout &lay = *layout;

    InboundRequest in;
    in.dialect = Dialect::Anthropic;
    const json::TopLevelMember *model = lay.find("model");
    if (!model)
        return Error::invalid(QStringLiteral("model: Field required"), QStringLiteral("model"));
    std::optional<std::string> modelName = json::rawString(lay.raw(*model));
    if (!modelName || modelName->empty())
        return Error::invalid(QStringLiteral("model: Input should be a valid string"),
                              QStringLiteral("model"));
    in.model = std::move(*modelName);
    const json::TopLevelMember *messages = lay.find("messages");
    if (!messages)
        return Error::invalid(QStringLiteral("messages: Field required"), QStringLiteral("messages"));
    if (lay.raw(*messages).front() != '[')
        return Error::invalid(QStringLiteral("messages: Input should be a valid list"),
                              QStringLiteral("messages"));
    if (!countTokens) {
        const json::TopLevelMember *maxTokens = lay.find("max_tokens");
        if (!maxTokens)
            return Error::invalid(QStringLiteral("max_tokens: Field required"),
                                  QStringLiteral("max_tokens"));
        boost::system::error_code ec;
        const bj::value v = json::parseScalar(lay.raw(*maxTokens), ec);
        if (ec || !integerOf(v))
            return Error::invalid(QStringLiteral("max_tokens: Input should be a valid integer"),
                                  QStringLiteral("max_tokens"));
    }
    if (const json::TopLevelMember *stream = lay.find("stream"); stream && lay.raw(*stream) != "null") {
        const std::optional<bool> flag = json::rawBool(lay.raw(*stream));
        if (!flag)
            return Error::invalid(QStringLiteral("stream: Input should be a valid boolean"),
                                  QStringLiteral("stream"));
        in.stream = !countTokens && *flag;
    }
    in.body = LazyJsonObject::deferred(std::move(*layout), options);
    in.rawBody = body;
    return in;
}

Result<InboundRequest> AnthropicFrontend::inbound(const server::HttpRequest &request,
                                                  const std::string &, bool) const
{
    const bool countTokens = request.path.endsWith("/count_tokens");
    Result<InboundRequest> in = parseBody(request.body, countTokens);
    if (!in)
        return in;
    in->clientHeaders = request.headers;
    in->clientQuery = request.query;
    return in;
}

// ---- toCanonical --------------------------------------------------------------------------

Result<canon::Request> AnthropicFrontend::toCanonical(const InboundRequest &inbound) const
{
    const bj::object &o = inbound.body;
    if (!inbound.body.parseError().empty()) // the scan let it through, the parser did not
        return Error::invalid(QStringLiteral("The request body is not valid JSON."));
    canon::Request req;
    req.model = inbound.model;
    Parser p;

    if (const bj::value *s = member(o, "system"); s && !s->is_null() && !p.system(*s, req.system))
        return p.error;

    const bj::value *messages = member(o, "messages");
    if (!messages || !messages->is_array())
        return Error::invalid(QStringLiteral("messages: Field required"), QStringLiteral("messages"));
    const bj::array &msgs = messages->get_array();
    for (size_t i = 0; i < msgs.size(); ++i) {
        const std::string path = "messages." + std::to_string(i);
        if (!msgs[i].is_object())
            return Error::invalid(q(path + ": Input should be a valid dictionary"), q(path));
        const bj::object &m = msgs[i].get_object();
        const bj::value *role = member(m, "role");
        const std::string r = role && role->is_string() ? std::string(role->get_string()) : "";
        if (r == "system") { // some clients put it there; Anthropic wants it top-level
            std::vector<canon::ContentBlock> blocks;
            if (!p.content(member(m, "content"), path + ".content", blocks))
                return p.error;
            for (auto &b : blocks) {
                if (b.kind == canon::BlockKind::Text && !b.extensions.contains(anthropic::kRawBlockKey))
                    req.system.push_back(std::move(b));
            }
            continue;
        }
        canon::Message msg;
        if (r == "user")
            msg.role = canon::Role::User;
        else if (r == "assistant")
            msg.role = canon::Role::Assistant;
        else
            return Error::invalid(q(path + ".role: Input should be 'user' or 'assistant'"),
                                  q(path + ".role"));
        if (!p.content(member(m, "content"), path + ".content", msg.content))
            return p.error;
        msg.extensions = extensionsOf(m, {"role", "content"});
        req.messages.push_back(std::move(msg));
    }

    if (const bj::value *t = member(o, "tools"); t && !t->is_null() && !p.tools(*t, req.tools))
        return p.error;
    if (const bj::value *tc = member(o, "tool_choice"); tc && !tc->is_null()
        && !p.toolChoice(*tc, req.toolChoice))
        return p.error;

    auto num = [&](std::string_view key, std::optional<double> &dst) -> bool {
        const bj::value *v = member(o, key);
        if (!v || v->is_null())
            return true;
        dst = numberOf(*v);
        if (!dst)
            return p.fail(std::string(key), "Input should be a valid number");
        return true;
    };
    if (!num("temperature", req.sampling.temperature) || !num("top_p", req.sampling.topP))
        return p.error;
    if (const bj::value *v = member(o, "top_k"); v && !v->is_null()) {
        req.sampling.topK = integerOf(*v);
        if (!req.sampling.topK)
            return Error::invalid(QStringLiteral("top_k: Input should be a valid integer"),
                                  QStringLiteral("top_k"));
    }
    if (const bj::value *v = member(o, "max_tokens"); v && !v->is_null())
        req.sampling.maxTokens = integerOf(*v);
    if (const bj::value *v = member(o, "stop_sequences"); v && !v->is_null()) {
        if (!v->is_array())
            return Error::invalid(QStringLiteral("stop_sequences: Input should be a valid list"),
                                  QStringLiteral("stop_sequences"));
        for (const bj::value &s : v->get_array()) {
            if (!s.is_string())
                return Error::invalid(QStringLiteral("stop_sequences: Input should be a valid string"),
                                      QStringLiteral("stop_sequences"));
            req.sampling.stop.emplace_back(s.get_string());
        }
    }

    if (const bj::value *v = member(o, "thinking"); v && v->is_object()) {
        const bj::object &t = v->get_object();
        const bj::value *type = member(t, "type");
        const std::string tt = type && type->is_string() ? std::string(type->get_string()) : "";
        if (tt == "enabled") {
            req.reasoning.enabled = true;
            req.reasoning.includeThoughts = true;
            if (const bj::value *b = member(t, "budget_tokens"))
                req.reasoning.budgetTokens = integerOf(*b);
            if (t.size() > 2 || (t.size() == 2 && !t.contains("budget_tokens")))
                req.extensions["thinking"] = *v; // fields we do not model (e.g. display)
        } else if (tt == "adaptive") {
            req.reasoning.enabled = true;
            req.reasoning.includeThoughts = true;
            req.extensions["thinking"] = *v; // no canonical form: replayed as is to Anthropic
        } else {
            req.extensions["thinking"] = *v; // "disabled"
        }
    }

    if (const bj::value *v = member(o, "metadata"); v && v->is_object()) {
        req.metadata = v->get_object();
        if (const bj::value *u = member(req.metadata, "user_id"); u && u->is_string())
            req.user = u->get_string();
    }
    req.stream = inbound.stream;
    if (const bj::value *v = member(o, "stream"); v && v->is_bool())
        req.stream = v->get_bool();

    static const std::initializer_list<std::string_view> known = {
        "model", "messages", "system", "tools", "tool_choice", "temperature", "top_p", "top_k",
        "max_tokens", "stop_sequences", "thinking", "metadata", "stream"};
    for (const auto &kv : o) {
        if (std::find(known.begin(), known.end(), kv.key()) == known.end())
            req.extensions[kv.key()] = kv.value();
    }
    return req;
}

std::unique_ptr<ResponseEncoder> AnthropicFrontend::makeEncoder(const canon::Request &request,
                                                                const std::string &clientModel,
                                                                bool stream) const
{
    return std::make_unique<AnthropicEncoder>(clientModel, stream,
                                              stream ? estimateInputTokens(request) : -1);
}

// ---- errors -------------------------------------------------------------------------------

namespace anthropic {

namespace {

// The matching entry of Anthropic's error types, nullptr when `t` is not one of them.
const char *knownAnthropicType(const QByteArray &t)
{
    static const char *const types[] = {
        "invalid_request_error", "authentication_error", "billing_error", "permission_error",
        "not_found_error", "request_too_large", "rate_limit_error", "api_error",
        "overloaded_error", "timeout_error"};
    for (const char *x : types) {
        if (t == x)
            return x;
    }
    return nullptr;
}

const char *typeForStatus(int status)
{
    switch (status) {
    case 400: return "invalid_request_error";
    case 401: return "authentication_error";
    case 402: return "billing_error";
    case 403: return "permission_error";
    case 404: return "not_found_error";
    case 413: return "request_too_large";
    case 429: return "rate_limit_error";
    case 529: return "overloaded_error";
    default: return status >= 400 && status < 500 ? "invalid_request_error" : "api_error";
    }
}

// The category's own status when the provider did not answer (or answered nonsense).
int defaultStatus(ErrorCategory c)
{
    switch (c) {
    case ErrorCategory::None: return 500;
    case ErrorCategory::InvalidRequest: return 400;
    case ErrorCategory::Authentication: return 401;
    case ErrorCategory::PermissionDenied: return 403;
    case ErrorCategory::NotFound: return 404;
    case ErrorCategory::RequestTooLarge: return 413;
    case ErrorCategory::RateLimited: return 429;
    case ErrorCategory::Overloaded: return 529;
    case ErrorCategory::Upstream: return 502;
    case ErrorCategory::UpstreamUnreachable: return 502;
    case ErrorCategory::UpstreamProtocol: return 502;
    case ErrorCategory::Timeout: return 504;
    case ErrorCategory::Cancelled: return 499;
    case ErrorCategory::Unsupported: return 400;
    case ErrorCategory::Internal: return 500;
    }
    return 500;
}

bool fromProvider(ErrorCategory c)
{
    switch (c) {
    case ErrorCategory::InvalidRequest:
    case ErrorCategory::Authentication:
    case ErrorCategory::PermissionDenied:
    case ErrorCategory::NotFound:
    case ErrorCategory::RequestTooLarge:
    case ErrorCategory::RateLimited:
    case ErrorCategory::Overloaded:
    case ErrorCategory::Upstream:
        return true;
    default:
        return false;
    }
}

} // namespace

std::string proxySignature(std::string_view thinkingText)
{
    const QByteArray digest = QCryptographicHash::hash(
        QByteArrayView(thinkingText.data(), qsizetype(thinkingText.size())), QCryptographicHash::Sha256);
    const QByteArray enc = digest.left(18).toBase64(QByteArray::Base64UrlEncoding
                                                    | QByteArray::OmitTrailingEquals);
    return std::string(kProxySignaturePrefix) + enc.toStdString();
}

bool isProxySignature(std::string_view signature)
{
    return signature.substr(0, kProxySignaturePrefix.size()) == kProxySignaturePrefix;
}

int statusFor(const Error &error)
{
    // Anthropic says "overloaded" with 529 only; a 503 from another provider would reach an
    // Anthropic SDK as ServiceUnavailableError instead of the OverloadedError it handles.
    if (error.category == ErrorCategory::Overloaded)
        return 529;
    if (fromProvider(error.category) && error.upstreamStatus >= 400 && error.upstreamStatus <= 599)
        return error.upstreamStatus;
    return defaultStatus(error.category);
}

const char *errorTypeFor(const Error &error, int status)
{
    switch (error.category) {
    case ErrorCategory::InvalidRequest:
    case ErrorCategory::Unsupported: return "invalid_request_error";
    case ErrorCategory::Authentication: return "authentication_error";
    case ErrorCategory::PermissionDenied:
        return error.upstreamType == "billing_error" ? "billing_error" : "permission_error";
    case ErrorCategory::NotFound: return "not_found_error";
    case ErrorCategory::RequestTooLarge: return "request_too_large";
    case ErrorCategory::RateLimited: return "rate_limit_error";
    case ErrorCategory::Overloaded: return "overloaded_error";
    case ErrorCategory::Upstream:
        // An Anthropic provider's own type passes through; other providers' types do not
        // mean anything to an Anthropic client.
        if (const char *t = knownAnthropicType(error.upstreamType))
            return t;
        return typeForStatus(status);
    default: return "api_error";
    }
}

QByteArray errorEnvelope(const Error &error)
{
    const int status = statusFor(error);
    QString message = error.message;
    if (message.isEmpty())
        message = QStringLiteral("%1 (%2)").arg(QString::fromLatin1(errorCategoryName(error.category)))
                      .arg(status);
    bj::object inner;
    inner["type"] = errorTypeFor(error, status);
    inner["message"] = message.toStdString();
    bj::object env;
    env["type"] = "error";
    env["error"] = std::move(inner);
    return QByteArray::fromStdString(bj::serialize(env));
}

} // namespace anthropic

ErrorReply AnthropicFrontend::renderError(const Error &error) const
{
    ErrorReply reply;
    reply.status = anthropic::statusFor(error);
    reply.body = anthropic::errorEnvelope(error);
    if (error.retryAfterMs >= 0)
        reply.headers.append(Header{"retry-after", QByteArray::number((error.retryAfterMs + 999) / 1000)});
    return reply;
}

QByteArray AnthropicFrontend::renderStreamError(const Error &error) const
{
    return "event: error\ndata: " + anthropic::errorEnvelope(error) + "\n\n";
}

const Frontend &anthropicFrontend()
{
    static const AnthropicFrontend frontend;
    return frontend;
}

// ---- models -------------------------------------------------------------------------------

QByteArray renderAnthropicModelList(const std::vector<std::pair<std::string, ModelInfo>> &models,
                                    const std::string &beforeId, const std::string &afterId,
                                    int limit)
{
    if (limit <= 0)
        limit = 20;
    limit = std::min(limit, 1000);
    const qsizetype n = qsizetype(models.size());
    auto indexOf = [&](const std::string &id) -> qsizetype {
        for (qsizetype i = 0; i < n; ++i) {
            if (models[size_t(i)].first == id)
                return i;
        }
        return -1;
    };
    qsizetype begin = 0;
    qsizetype end = n;
    bool hasMore = false;
    if (!afterId.empty()) {
        const qsizetype i = indexOf(afterId);
        begin = i < 0 ? n : i + 1;
        end = std::min(n, begin + limit);
        hasMore = end < n;
    } else if (!beforeId.empty()) {
        const qsizetype i = indexOf(beforeId);
        end = i < 0 ? 0 : i;
        begin = std::max<qsizetype>(0, end - limit);
        hasMore = begin > 0;
    } else {
        end = std::min(n, qsizetype(limit));
        hasMore = end < n;
    }
    bj::array data;
    for (qsizetype i = begin; i < end; ++i) {
        const auto &[id, info] = models[size_t(i)];
        bj::object m;
        m["type"] = "model";
        m["id"] = id;
        m["display_name"] = info.displayName.empty() ? id : info.displayName;
        m["created_at"] = QDateTime::fromSecsSinceEpoch(std::max<int64_t>(0, info.created), QTimeZone::utc())
                              .toString(QStringLiteral("yyyy-MM-dd'T'HH:mm:ss'Z'")).toStdString();
        data.push_back(std::move(m));
    }
    bj::object root;
    root["data"] = std::move(data);
    root["has_more"] = hasMore;
    if (begin < end) {
        root["first_id"] = models[size_t(begin)].first;
        root["last_id"] = models[size_t(end - 1)].first;
    } else {
        root["first_id"] = nullptr;
        root["last_id"] = nullptr;
    }
    return QByteArray::fromStdString(bj::serialize(root));
}

// ---- count_tokens estimate ----------------------------------------------------------------

namespace {

constexpr int64_t kMediaTokens = 1600; // Anthropic: ~(width*height)/750 for a ~1.15 MP image

int64_t charsOf(const std::vector<canon::ContentBlock> &blocks, int64_t &media)
{
    int64_t chars = 0;
    for (const auto &b : blocks) {
        switch (b.kind) {
        case canon::BlockKind::Image:
        case canon::BlockKind::Document:
            ++media;
            break;
        case canon::BlockKind::ToolUse:
            chars += int64_t(b.toolName.size()) + int64_t(bj::serialize(b.input).size());
            break;
        case canon::BlockKind::ToolResult:
            chars += charsOf(b.content, media);
            break;
        case canon::BlockKind::RedactedThinking:
            break;
        default:
            chars += int64_t(b.text.size());
            if (const auto it = b.extensions.find(anthropic::kRawBlockKey); it != b.extensions.end())
                chars += int64_t(bj::serialize(it->value()).size());
            break;
        }
    }
    return chars;
}

} // namespace

int64_t estimateInputTokens(const canon::Request &request)
{
    int64_t media = 0;
    int64_t chars = charsOf(request.system, media);
    for (const auto &m : request.messages)
        chars += charsOf(m.content, media) + 12; // role and turn framing
    for (const auto &t : request.tools) {
        chars += int64_t(t.name.size() + t.description.size());
        if (!t.schema.is_null())
            chars += int64_t(bj::serialize(t.schema).size());
    }
    return std::max<int64_t>(1, (chars + 3) / 4 + media * kMediaTokens);
}

QByteArray renderAnthropicCountTokens(int64_t inputTokens)
{
    return "{\"input_tokens\":" + QByteArray::number(qlonglong(inputTokens)) + "}";
}

} // namespace lip
