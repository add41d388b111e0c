// SPDX-License-Identifier: GPL-3.0-or-later
#include "backends/anthropic/anthropicconnector.h"

#include "backends/anthropic/anthropicdecoder.h"
#include "core/jsonsplice.h"
#include "core/logging.h"

#include <boost/json.hpp>

#include <QDateTime>
#include <QRegularExpression>
#include <QUrl>

#include <algorithm>
#include <array>
#include <cmath>

namespace lip {

namespace bj = boost::json;
using Header = QPair<QByteArray, QByteArray>;

namespace {

// Content-block fields Anthropic accepts beyond the ones the canonical model maps. Extensions a
// frontend of another dialect filled in (its own field names) must not reach Anthropic, which
// rejects unknown fields.
constexpr std::array<std::string_view, 4> kBlockExtensions = {"cache_control", "citations",
                                                               "context", "caller"};
constexpr std::array<std::string_view, 6> kToolExtensions = {
    "cache_control", "strict", "input_examples", "defer_loading", "allowed_callers",
    "eager_input_streaming"};
constexpr std::array<std::string_view, 8> kTopLevelExtensions = {
    "container",     "context_management", "mcp_servers",   "service_tier",
    "output_config", "output_format",      "inference_geo", "cache_control"};
constexpr const char *kRawBlockKey = "anthropic_raw_block"; // see frontends/anthropic
// anthropic::kProxySignaturePrefix (frontends/anthropic): a signature the proxy made for thinking
// that came unsigned from another provider; Anthropic would reject it (tst_anthropic_connector
// checks the two stay equal).
constexpr std::string_view kProxySignaturePrefix = "lipsig1.";

template<size_t N>
bool allowed(const std::array<std::string_view, N> &list, std::string_view key)
{
    return std::find(list.begin(), list.end(), key) != list.end();
}

template<size_t N>
void copyAllowed(const bj::object &ext, bj::object &into, const std::array<std::string_view, N> &list,
                 const char *what)
{
    for (const auto &kv : ext) {
        if (into.contains(kv.key()))
            continue;
        if (allowed(list, kv.key()))
            into[kv.key()] = kv.value();
        else
            qCDebug(lcTranslate) << "anthropic: dropped" << what << "field"
                                 << QByteArray(kv.key().data(), qsizetype(kv.key().size()));
    }
}

bool isPlainText(const canon::ContentBlock &b)
{
    return b.kind == canon::BlockKind::Text && b.extensions.empty();
}

bj::object mediaSource(const canon::MediaSource &m)
{
    bj::object s;
    switch (m.kind) {
    case canon::MediaSource::Kind::Base64:
        s["type"] = "base64";
        s["media_type"] = m.mediaType;
        s["data"] = m.data;
        break;
    case canon::MediaSource::Kind::Url: {
        // OpenAI clients send inline images as data: URLs; Anthropic wants them as base64.
        const std::string &u = m.data;
        const size_t comma = u.find(',');
        if (u.rfind("data:", 0) == 0 && comma != std::string::npos
            && u.substr(0, comma).find(";base64") != std::string::npos) {
            std::string type = u.substr(5, u.find(';') - 5);
            s["type"] = "base64";
            s["media_type"] = type.empty() ? m.mediaType : type;
            s["data"] = u.substr(comma + 1);
        } else {
            s["type"] = "url";
            s["url"] = u;
        }
        break;
    }
    case canon::MediaSource::Kind::FileId:
        s["type"] = "file";
        s["file_id"] = m.data;
        break;
    }
    return s;
}

// One canonical block as an Anthropic content block; nullopt when it cannot be sent.
std::optional<bj::object> blockOut(const canon::ContentBlock &b)
{
    if (const auto it = b.extensions.find(kRawBlockKey); it != b.extensions.end()) {
        if (it->value().is_object())
            return it->value().get_object();
        return std::nullopt;
    }
    bj::object o;
    switch (b.kind) {
    case canon::BlockKind::Text:
        if (b.text.empty()) // Anthropic rejects empty text blocks
            return std::nullopt;
        o["type"] = "text";
        o["text"] = b.text;
        break;
    case canon::BlockKind::Image:
        o["type"] = "image";
        o["source"] = mediaSource(b.media);
        break;
    case canon::BlockKind::Document:
        o["type"] = "document";
        if (const auto it = b.extensions.find("source"); it != b.extensions.end())
            o["source"] = it->value();
        else
            o["source"] = mediaSource(b.media);
        if (!b.text.empty())
            o["title"] = b.text;
        break;
    case canon::BlockKind::ToolUse:
        o["type"] = "tool_use";
        o["id"] = b.toolId;
        o["name"] = b.toolName;
        o["input"] = b.input.is_object() ? b.input : bj::value(bj::object());
        break;
    case canon::BlockKind::ToolResult: {
        o["type"] = "tool_result";
        o["tool_use_id"] = b.toolId;
        if (b.content.size() == 1 && isPlainText(b.content.front())) {
            o["content"] = b.content.front().text;
        } else if (!b.content.empty()) {
            bj::array inner;
            for (const auto &c : b.content) {
                if (auto x = blockOut(c))
                    inner.push_back(std::move(*x));
            }
            o["content"] = std::move(inner);
        }
        if (b.isError)
            o["is_error"] = true;
        break;
    }
    case canon::BlockKind::Thinking:
        if (b.signature.empty()) {
            // Anthropic verifies signatures: thoughts from another provider cannot be replayed.
            qCDebug(lcTranslate) << "anthropic: dropped a thinking block without a signature";
            return std::nullopt;
        }
        if (std::string_view(b.signature).substr(0, kProxySignaturePrefix.size()) == kProxySignaturePrefix) {
            // Made by the proxy for another provider's unsigned thinking: not Anthropic's.
            qCDebug(lcTranslate) << "anthropic: dropped a thinking block with a proxy-made signature";
            return std::nullopt;
        }
        o["type"] = "thinking";
        o["thinking"] = b.text;
        o["signature"] = b.signature;
        break;
    case canon::BlockKind::RedactedThinking:
        if (b.signature.empty())
            return std::nullopt;
        o["type"] = "redacted_thinking";
        o["data"] = b.signature;
        break;
    }
    copyAllowed(b.extensions, o, kBlockExtensions, "content block");
    return o;
}

bj::value contentOut(const bj::array &blocks)
{
    if (blocks.size() == 1) {
        const bj::object &b = blocks.front().get_object();
        if (b.size() == 2 && b.contains("type") && b.at("type") == "text" && b.contains("text"))
            return b.at("text");
    }
    return blocks;
}

bool isServerToolType(const bj::value &type)
{
    static const QRegularExpression dated(QStringLiteral("^[a-z_]+_[0-9]{8}$"));
    return type.is_string()
           && dated.match(QString::fromUtf8(type.get_string().data(), qsizetype(type.get_string().size())))
                  .hasMatch();
}

int64_t budgetForEffort(const std::string &effort, bool &off)
{
    off = false;
    if (effort == "low")
        return AnthropicConnector::kBudgetLow;
    if (effort == "high" || effort == "xhigh" || effort == "max")
        return AnthropicConnector::kBudgetHigh;
    if (effort == "minimal" || effort == "none") {
        off = true;
        return 0;
    }
    return AnthropicConnector::kBudgetMedium;
}

QByteArray headerValue(const HeaderList &headers, QByteArrayView name)
{
    QByteArray value;
    for (const auto &h : headers) {
        if (h.first.compare(name, Qt::CaseInsensitive) == 0) {
            if (!value.isEmpty())
                value += ',';
            value += h.second.trimmed();
        }
    }
    return value;
}

QString baseUrlOf(const BackendContext &context)
{
    QString base = context.backend ? context.backend->baseUrl : QString();
    while (base.endsWith(QLatin1Char('/')))
        base.chop(1);
    // Anthropic bases do not include /v1; a user who added it anyway should not get /v1/v1.
    if (base.endsWith(QLatin1String("/v1")))
        base.chop(3);
    return base;
}

HeaderList upstreamHeaders(const BackendContext &context, QByteArrayView accept)
{
    HeaderList h;
    h.append(Header{"content-type", "application/json"});
    h.append(Header{"accept", accept.toByteArray()});
    if (!context.apiKey.isEmpty())
        h.append(Header{"x-api-key", context.apiKey.toUtf8()});
    QByteArray version = headerValue(context.clientHeaders, "anthropic-version");
    h.append(Header{"anthropic-version", version.isEmpty() ? QByteArray(AnthropicConnector::kDefaultVersion)
                                                     : version});
    if (const QByteArray beta = headerValue(context.clientHeaders, "anthropic-beta"); !beta.isEmpty())
        h.append(Header{"anthropic-beta", beta});
    if (context.backend) { // configured extra headers win over ours
        for (const auto &extra : context.backend->extraHeaders) {
            h.removeIf([&](const auto &x) { return x.first.compare(extra.first, Qt::CaseInsensitive) == 0; });
            h.append(extra);
        }
    }
    return h;
}

Result<upstream::UpstreamRequest> makeRequest(const BackendContext &context, const QString &path,
                                              const QByteArray &query, QByteArray body, bool stream)
{
    if (!context.backend || context.backend->baseUrl.isEmpty())
        return Error::make(ErrorCategory::Internal, QStringLiteral("Anthropic backend has no base URL"));
    upstream::UpstreamRequest r;
    r.method = "POST";
    QString url = baseUrlOf(context) + path;
    if (!query.isEmpty())
        url += QLatin1Char('?') + QString::fromLatin1(query);
    r.url = QUrl(url, QUrl::StrictMode);
    if (!r.url.isValid())
        return Error::make(ErrorCategory::Internal, QStringLiteral("Anthropic backend base URL is not valid"));
    r.headers = upstreamHeaders(context, stream ? "text/event-stream" : "application/json");
    r.body = std::move(body);
    if (context.backend->timeoutSeconds > 0) {
        r.firstByteTimeoutMs = context.backend->timeoutSeconds * 1000;
        r.idleTimeoutMs = context.backend->timeoutSeconds * 1000;
    }
    return r;
}

} // namespace

// ---- canonical → Messages body --------------------------------------------------------------

Result<QByteArray> AnthropicConnector::buildBody(const canon::Request &req)
{
    bj::object body;
    body["model"] = req.model;
    const int64_t maxTokens = req.sampling.maxTokens && *req.sampling.maxTokens > 0
                                  ? *req.sampling.maxTokens
                                  : kDefaultMaxTokens;
    body["max_tokens"] = maxTokens;

    if (!req.system.empty()) {
        bj::array sys;
        for (const auto &b : req.system) {
            if (auto o = blockOut(b); o && o->at("type") == "text")
                sys.push_back(std::move(*o));
        }
        if (!sys.empty())
            body["system"] = contentOut(sys);
    }

    // Anthropic wants user/assistant alternation: consecutive same-role turns are merged, and in
    // a user turn the tool results come first (right after the assistant's tool_use turn).
    struct Turn
    {
        canon::Role role;
        bj::array blocks;
    };
    std::vector<Turn> turns;
    for (const auto &m : req.messages) {
        bj::array blocks;
        for (const auto &b : m.content) {
            if (auto o = blockOut(b))
                blocks.push_back(std::move(*o));
        }
        if (blocks.empty())
            continue;
        if (!turns.empty() && turns.back().role == m.role) {
            for (auto &b : blocks)
                turns.back().blocks.push_back(std::move(b));
        } else {
            turns.push_back({m.role, std::move(blocks)});
        }
    }
    bj::array messages;
    for (auto &t : turns) {
        if (t.role == canon::Role::User)
            std::stable_partition(t.blocks.begin(), t.blocks.end(), [](const bj::value &v) {
                return v.get_object().at("type") == "tool_result";
            });
        bj::object m;
        m["role"] = t.role == canon::Role::User ? "user" : "assistant";
        m["content"] = contentOut(t.blocks);
        messages.push_back(std::move(m));
    }
    body["messages"] = std::move(messages);

    if (!req.tools.empty()) {
        bj::array tools;
        for (const auto &t : req.tools) {
            bj::object o;
            const auto type = t.extensions.find("type");
            const bool server = type != t.extensions.end() && isServerToolType(type->value());
            if (type != t.extensions.end() && (server || type->value() == "custom"))
                o["type"] = type->value();
            o["name"] = t.name;
            if (!t.description.empty())
                o["description"] = t.description;
            if (!t.schema.is_null())
                o["input_schema"] = t.schema;
            else if (!server)
                o["input_schema"] = bj::object{{"type", "object"}, {"properties", bj::object()}};
            if (server) {
                for (const auto &kv : t.extensions) {
                    if (!o.contains(kv.key()))
                        o[kv.key()] = kv.value();
                }
            } else {
                bj::object ext = t.extensions;
                ext.erase("type");
                copyAllowed(ext, o, kToolExtensions, "tool");
            }
            tools.push_back(std::move(o));
        }
        body["tools"] = std::move(tools);

        const canon::ToolChoice &tc = req.toolChoice;
        if (tc.specified || tc.disableParallel) {
            bj::object c;
            switch (tc.mode) {
            case canon::ToolChoice::Mode::Auto: c["type"] = "auto"; break;
            case canon::ToolChoice::Mode::None: c["type"] = "none"; break;
            case canon::ToolChoice::Mode::Required: c["type"] = "any"; break;
            case canon::ToolChoice::Mode::Named:
                c["type"] = "tool";
                c["name"] = tc.name;
                break;
            }
            if (tc.disableParallel && tc.mode != canon::ToolChoice::Mode::None)
                c["disable_parallel_tool_use"] = true;
            body["tool_choice"] = std::move(c);
        }
    } else if (req.toolChoice.specified) {
        qCDebug(lcTranslate) << "anthropic: tool_choice without tools dropped";
    }

    // Thinking: an explicit budget, else the effort, else the client's own Anthropic thinking
    // object (adaptive/disabled), else a medium budget when thinking was asked for.
    const bj::value *extThinking = nullptr;
    if (const auto it = req.extensions.find("thinking"); it != req.extensions.end() && it->value().is_object())
        extThinking = &it->value();
    std::optional<int64_t> budget;
    bool off = false;
    if (req.reasoning.budgetTokens) {
        if (*req.reasoning.budgetTokens == 0)
            off = true; // Gemini thinkingBudget 0
        else
            budget = *req.reasoning.budgetTokens > 0 ? *req.reasoning.budgetTokens : kBudgetMedium;
    } else if (!req.reasoning.effort.empty()) {
        const int64_t b = budgetForEffort(req.reasoning.effort, off);
        if (!off)
            budget = b;
    } else if (extThinking) {
        body["thinking"] = *extThinking;
    } else if (req.reasoning.enabled) {
        budget = kBudgetMedium;
    }
    bool thinkingOn = false;
    const bool forcedTool = !req.tools.empty() && req.toolChoice.specified
                            && (req.toolChoice.mode == canon::ToolChoice::Mode::Required
                                || req.toolChoice.mode == canon::ToolChoice::Mode::Named);
    if (budget && forcedTool) {
        // Anthropic refuses thinking together with a forced tool; the client's tool choice wins.
        qCDebug(lcTranslate) << "anthropic: thinking dropped (tool_choice forces a tool)";
        budget.reset();
    }
    if (budget) {
        const int64_t clamped = std::min(std::max(*budget, kMinBudget), maxTokens - 1);
        if (clamped < kMinBudget) {
            qCDebug(lcTranslate) << "anthropic: thinking dropped: max_tokens" << maxTokens
                                 << "leaves no room for the minimum budget";
        } else {
            bj::object t;
            if (extThinking && extThinking->get_object().contains("type")
                && extThinking->get_object().at("type") == "enabled")
                t = extThinking->get_object(); // keeps fields we do not model
            t["type"] = "enabled";
            t["budget_tokens"] = clamped;
            body["thinking"] = std::move(t);
            thinkingOn = true;
        }
    }
    if (const auto it = body.find("thinking"); it != body.end() && it->value().is_object()) {
        const auto &t = it->value().get_object();
        thinkingOn = t.contains("type") && t.at("type") != "disabled";
    }

    // With thinking on Anthropic accepts only temperature 1, top_p >= 0.95 and no top_k.
    const canon::Sampling &s = req.sampling;
    if (s.temperature) {
        if (thinkingOn && *s.temperature != 1.0)
            qCDebug(lcTranslate) << "anthropic: temperature dropped (thinking is on)";
        else
            body["temperature"] = *s.temperature;
    }
    if (s.topP) {
        if (thinkingOn && *s.topP < 0.95)
            qCDebug(lcTranslate) << "anthropic: top_p dropped (thinking is on)";
        else
            body["top_p"] = *s.topP;
    }
    if (s.topK) {
        if (thinkingOn)
            qCDebug(lcTranslate) << "anthropic: top_k dropped (thinking is on)";
        else
            body["top_k"] = *s.topK;
    }
    if (!s.stop.empty()) {
        bj::array stop;
        for (const auto &x : s.stop)
            stop.emplace_back(x);
        body["stop_sequences"] = std::move(stop);
    }
    if (s.n && *s.n != 1)
        qCDebug(lcTranslate) << "anthropic: n dropped (one candidate only)";
    if (s.presencePenalty || s.frequencyPenalty || s.seed)
        qCDebug(lcTranslate) << "anthropic: presence/frequency penalty and seed dropped";
    if (req.responseFormat.kind != canon::ResponseFormat::Kind::Text)
        qCDebug(lcTranslate) << "anthropic: response_format dropped";

    // Anthropic metadata takes only user_id.
    std::string userId = req.user;
    if (const auto it = req.metadata.find("user_id"); it != req.metadata.end() && it->value().is_string())
        userId = it->value().get_string();
    if (!userId.empty())
        body["metadata"] = bj::object{{"user_id", userId}};
    for (const auto &kv : req.metadata) {
        if (kv.key() != "user_id")
            qCDebug(lcTranslate) << "anthropic: metadata field dropped"
                                 << QByteArray(kv.key().data(), qsizetype(kv.key().size()));
    }
    if (req.stream)
        body["stream"] = true;

    bj::object ext = req.extensions;
    ext.erase("thinking");
    copyAllowed(ext, body, kTopLevelExtensions, "request");
    return QByteArray::fromStdString(bj::serialize(body));
}

Result<upstream::UpstreamRequest> AnthropicConnector::buildRequest(const canon::Request &request,
                                                                   const BackendContext &context) const
{
    Result<QByteArray> body = buildBody(request);
    if (!body)
        return body.error();
    return makeRequest(context, QStringLiteral("/v1/messages"), {}, std::move(*body), request.stream);
}

namespace {

Result<QByteArray> patchedBody(const InboundRequest &inbound, const std::string &model)
{
    std::optional<QByteArray> body;
    if (!inbound.rawBody.isEmpty()) {
        const json::TopLevelLayout *scanned = inbound.body.layoutOf(inbound.rawBody); // perf: no second scan
        body = scanned ? json::replaceMember(*scanned, "model", json::quoted(model))
                       : json::replaceMember(inbound.rawBody, "model", json::quoted(model));
    } else {
        bj::object o = inbound.body;
        o["model"] = model;
        body = QByteArray::fromStdString(bj::serialize(o));
    }
    if (!body)
        return Error::invalid(QStringLiteral("The request body is not valid JSON."));
    return *body;
}

} // namespace

Result<upstream::UpstreamRequest> AnthropicConnector::buildPassthrough(const InboundRequest &inbound,
                                                                       const std::string &model,
                                                                       const BackendContext &context) const
{
    Result<QByteArray> body = patchedBody(inbound, model);
    if (!body)
        return body.error();
    BackendContext ctx = context;
    if (ctx.clientHeaders.isEmpty())
        ctx.clientHeaders = inbound.clientHeaders;
    return makeRequest(ctx, QStringLiteral("/v1/messages"), inbound.clientQuery, std::move(*body),
                       inbound.stream);
}

Result<upstream::UpstreamRequest> buildCountTokensPassthrough(const InboundRequest &inbound,
                                                              const std::string &model,
                                                              const BackendContext &context)
{
    Result<QByteArray> body = patchedBody(inbound, model);
    if (!body)
        return body.error();
    BackendContext ctx = context;
    if (ctx.clientHeaders.isEmpty())
        ctx.clientHeaders = inbound.clientHeaders;
    return makeRequest(ctx, QStringLiteral("/v1/messages/count_tokens"), inbound.clientQuery,
                       std::move(*body), false);
}

std::unique_ptr<ResponseDecoder> AnthropicConnector::makeDecoder(bool stream) const
{
    if (stream)
        return std::make_unique<AnthropicStreamDecoder>();
    return std::make_unique<AnthropicJsonDecoder>();
}

// ---- errors ---------------------------------------------------------------------------------

namespace {

int retryAfterMs(const HeaderList &headers)
{
    bool ok = false;
    const QByteArray ms = headerValue(headers, "retry-after-ms");
    if (!ms.isEmpty()) {
        const double v = ms.toDouble(&ok);
        if (ok && v >= 0 && v < 1e9)
            return int(v);
    }
    const QByteArray s = headerValue(headers, "retry-after");
    if (!s.isEmpty()) {
        const double v = s.toDouble(&ok);
        if (ok && v >= 0 && v < 1e6)
            return int(std::ceil(v * 1000));
        const QDateTime when = QDateTime::fromString(QString::fromLatin1(s), Qt::RFC2822Date);
        if (when.isValid())
            return int(std::clamp<qint64>(QDateTime::currentDateTimeUtc().msecsTo(when), 0, 1000000000));
    }
    return -1;
}

ErrorCategory categoryForStatus(int status)
{
    switch (status) {
    case 400: case 422: return ErrorCategory::InvalidRequest;
    case 401: return ErrorCategory::Authentication;
    case 403: return ErrorCategory::PermissionDenied;
    case 404: return ErrorCategory::NotFound;
    case 413: return ErrorCategory::RequestTooLarge;
    case 429: return ErrorCategory::RateLimited;
    case 503: case 529: return ErrorCategory::Overloaded;
    case 504: return ErrorCategory::Timeout;
    default: return ErrorCategory::Upstream;
    }
}

} // namespace

ErrorCategory anthropicErrorCategory(std::string_view type, int status)
{
    if (type == "invalid_request_error")
        return status == 413 ? ErrorCategory::RequestTooLarge : ErrorCategory::InvalidRequest;
    if (type == "authentication_error")
        return ErrorCategory::Authentication;
    if (type == "permission_error")
        return ErrorCategory::PermissionDenied;
    if (type == "not_found_error")
        return ErrorCategory::NotFound;
    if (type == "request_too_large")
        return ErrorCategory::RequestTooLarge;
    if (type == "rate_limit_error")
        return ErrorCategory::RateLimited;
    if (type == "overloaded_error")
        return ErrorCategory::Overloaded;
    if (type == "timeout_error")
        return ErrorCategory::Timeout;
    if (type == "billing_error" || type == "api_error")
        return ErrorCategory::Upstream;
    return status > 0 ? categoryForStatus(status) : ErrorCategory::Upstream;
}

Error AnthropicConnector::parseError(int status, const HeaderList &headers, QByteArrayView body) const
{
    Error e;
    e.upstreamStatus = status;
    e.retryAfterMs = retryAfterMs(headers);
    std::string type;
    boost::system::error_code ec;
    const bj::value v = bj::parse(bj::string_view(body.data(), size_t(body.size())), ec);
    if (!ec && v.is_object()) {
        const bj::object &o = v.get_object();
        const bj::value *err = o.if_contains("error");
        if (err && err->is_object()) {
            const bj::object &eo = err->get_object();
            if (const bj::value *t = eo.if_contains("type"); t && t->is_string())
                type = t->get_string();
            if (const bj::value *m = eo.if_contains("message"); m && m->is_string())
                e.message = QString::fromUtf8(m->get_string().data(), qsizetype(m->get_string().size()));
        }
    }
    e.category = type.empty() ? categoryForStatus(status) : anthropicErrorCategory(type, status);
    e.upstreamType = QByteArray::fromStdString(type);
    if (e.message.isEmpty()) {
        // Not Anthropic's envelope (a gateway page?): a short, printable excerpt helps more than nothing.
        QString excerpt = QString::fromUtf8(body.first(std::min<qsizetype>(body.size(), 300)).toByteArray()).simplified();
        e.message = QStringLiteral("Anthropic backend answered HTTP %1").arg(status)
                    + (excerpt.isEmpty() ? QString() : QStringLiteral(": ") + excerpt);
    }
    return e;
}

// ---- models ---------------------------------------------------------------------------------

Result<upstream::UpstreamRequest> AnthropicConnector::buildModelsRequest(const BackendContext &context) const
{
    if (!context.backend || context.backend->baseUrl.isEmpty())
        return Error::make(ErrorCategory::Internal, QStringLiteral("Anthropic backend has no base URL"));
    upstream::UpstreamRequest r;
    r.method = "GET";
    r.url = QUrl(baseUrlOf(context) + QStringLiteral("/v1/models?limit=1000"), QUrl::StrictMode);
    if (!context.apiKey.isEmpty())
        r.headers.append(Header{"x-api-key", context.apiKey.toUtf8()});
    const QByteArray version = headerValue(context.clientHeaders, "anthropic-version");
    r.headers.append(Header{"anthropic-version", version.isEmpty() ? QByteArray(kDefaultVersion) : version});
    r.headers.append(Header{"accept", "application/json"});
    for (const auto &extra : context.backend->extraHeaders)
        r.headers.append(extra);
    r.body = {};
    return r;
}

Result<std::vector<ModelInfo>> AnthropicConnector::parseModels(QByteArrayView body) const
{
    boost::system::error_code ec;
    const bj::value v = bj::parse(bj::string_view(body.data(), size_t(body.size())), ec);
    const bj::value *data = !ec && v.is_object() ? v.get_object().if_contains("data") : nullptr;
    if (!data || !data->is_array()) {
        Error e = Error::make(ErrorCategory::UpstreamProtocol,
                              QStringLiteral("Anthropic model list is not the expected JSON"));
        return e;
    }
    std::vector<ModelInfo> models;
    for (const bj::value &item : data->get_array()) {
        if (!item.is_object())
            continue;
        const bj::object &o = item.get_object();
        const bj::value *id = o.if_contains("id");
        if (!id || !id->is_string())
            continue;
        ModelInfo m;
        m.id = id->get_string();
        if (const bj::value *d = o.if_contains("display_name"); d && d->is_string())
            m.displayName = d->get_string();
        if (const bj::value *c = o.if_contains("created_at"); c && c->is_string()) {
            const QDateTime t = QDateTime::fromString(
                QString::fromUtf8(c->get_string().data(), qsizetype(c->get_string().size())), Qt::ISODate);
            if (t.isValid())
                m.created = t.toSecsSinceEpoch();
        }
        m.ownedBy = "anthropic";
        if (const bj::value *x = o.if_contains("max_input_tokens"); x && x->is_int64())
            m.inputTokenLimit = x->get_int64();
        if (const bj::value *x = o.if_contains("max_tokens"); x && x->is_int64())
            m.outputTokenLimit = x->get_int64();
        models.push_back(std::move(m));
    }
    return models;
}

const BackendConnector &anthropicConnector()
{
    static const AnthropicConnector connector;
    return connector;
}

} // namespace lip
