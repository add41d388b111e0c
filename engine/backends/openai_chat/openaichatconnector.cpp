// SPDX-License-Identifier: GPL-3.0-or-later
#include "backends/openai_chat/openaichatconnector.h"

#include "backends/openai_chat/openaichatdecoder.h"
#include "backends/openai_chat/providerquirks.h"
#include "core/jsonsplice.h"
#include "core/logging.h"

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include <QDateTime>
#include <QTimeZone>

#include <cmath>
#include <set>

namespace lip {

namespace {

namespace bj = boost::json;

// Chat parameters another frontend may have kept in extensions under the same name and meaning.
// Anything else in extensions belongs to another dialect and would be rejected upstream.
const std::set<std::string_view> &passableExtensions()
{
    static const std::set<std::string_view> keys{
        "logprobs", "top_logprobs", "logit_bias", "service_tier", "store", "prediction", "modalities",
        "audio", "web_search_options", "verbosity", "prompt_cache_key", "prompt_cache_retention",
        "safety_identifier", "functions", "function_call"};
    return keys;
}

// api.openai.com rejects some parameters compatible servers expect (max_tokens on reasoning
// models, top_k); the official hosts get the strict spelling.
bool isOfficialOpenAI(const QUrl &url)
{
    const QString host = url.host().toLower();
    return host == QLatin1String("api.openai.com") || host.endsWith(QLatin1String(".openai.com"))
           || host.endsWith(QLatin1String(".openai.azure.com"));
}

Result<QUrl> endpoint(const BackendContext &context, QStringView path)
{
    if (!context.backend)
        return Error::make(ErrorCategory::Internal, QStringLiteral("No backend configured for this request."));
    QString base = context.backend->baseUrl.trimmed();
    while (base.endsWith(QLatin1Char('/')))
        base.chop(1);
    const QUrl url(base + path, QUrl::StrictMode);
    if (!url.isValid() || url.host().isEmpty()
        || (url.scheme() != QLatin1String("http") && url.scheme() != QLatin1String("https")))
        return Error::make(ErrorCategory::Internal,
                           QStringLiteral("Backend '%1' has an invalid base URL.").arg(context.backend->name));
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

std::string joinedText(const std::vector<canon::ContentBlock> &blocks, const char *separator)
{
    std::string out;
    bool first = true;
    for (const canon::ContentBlock &b : blocks) {
        if (b.kind != canon::BlockKind::Text)
            continue;
        if (!first)
            out += separator;
        out += b.text;
        first = false;
    }
    return out;
}

std::string dataUrl(const canon::MediaSource &m)
{
    return "data:" + (m.mediaType.empty() ? std::string("application/octet-stream") : m.mediaType) + ";base64," + m.data;
}

bj::value toolResultContent(const canon::ContentBlock &result)
{
    std::vector<const canon::ContentBlock *> texts;
    for (const canon::ContentBlock &c : result.content) {
        if (c.kind == canon::BlockKind::Text)
            texts.push_back(&c);
        else
            qCDebug(lcTranslate) << "openai-chat: non-text part of a tool result dropped (Chat tool messages hold text only)";
    }
    if (texts.size() == 1)
        return bj::string(texts.front()->text);
    if (texts.empty())
        return bj::string();
    bj::array parts;
    for (const canon::ContentBlock *t : texts)
        parts.push_back(bj::object{{"type", "text"}, {"text", t->text}});
    return parts;
}

bool appendUserPart(const canon::ContentBlock &b, bj::array &parts)
{
    switch (b.kind) {
    case canon::BlockKind::Text:
        parts.push_back(bj::object{{"type", "text"}, {"text", b.text}});
        return true;
    case canon::BlockKind::Image: {
        if (b.media.kind == canon::MediaSource::Kind::FileId) {
            qCDebug(lcTranslate) << "openai-chat: image by file id dropped (Chat takes URLs or data URLs)";
            return false;
        }
        bj::object iu{{"url", b.media.kind == canon::MediaSource::Kind::Base64 ? dataUrl(b.media) : b.media.data}};
        if (const bj::value *detail = b.extensions.if_contains("detail"))
            iu["detail"] = *detail;
        parts.push_back(bj::object{{"type", "image_url"}, {"image_url", std::move(iu)}});
        return true;
    }
    case canon::BlockKind::Document: {
        bj::object file;
        if (b.media.kind == canon::MediaSource::Kind::FileId) {
            file["file_id"] = b.media.data;
        } else if (b.media.kind == canon::MediaSource::Kind::Base64) {
            file["file_data"] = dataUrl(b.media);
            file["filename"] = b.text.empty() ? std::string("document.pdf") : b.text;
        } else {
            qCDebug(lcTranslate) << "openai-chat: document by URL dropped (Chat files take data or ids)";
            return false;
        }
        parts.push_back(bj::object{{"type", "file"}, {"file", std::move(file)}});
        return true;
    }
    case canon::BlockKind::Thinking:
    case canon::BlockKind::RedactedThinking:
        qCDebug(lcTranslate) << "openai-chat: thinking block in a user message dropped";
        return false;
    case canon::BlockKind::ToolUse:
        qCDebug(lcTranslate) << "openai-chat: tool_use block in a user message dropped";
        return false;
    case canon::BlockKind::ToolResult:
        return false; // emitted as tool messages by the caller
    }
    return false;
}

void appendMessages(const canon::Request &request, bool official, bj::array &messages)
{
    if (!request.system.empty()) {
        // One system message: some compatible servers' chat templates reject a second one. Only
        // OpenAI itself knows the developer role.
        bool developer = official;
        for (const canon::ContentBlock &b : request.system) {
            const bj::value *role = b.extensions.if_contains("role");
            developer = developer && role && role->is_string() && role->get_string() == "developer";
        }
        messages.push_back(bj::object{{"role", developer ? "developer" : "system"},
                                      {"content", joinedText(request.system, "\n\n")}});
    }
    for (const canon::Message &m : request.messages) {
        if (m.role == canon::Role::User) {
            // Tool results first: Chat wants the tool messages right after the assistant's calls.
            for (const canon::ContentBlock &b : m.content) {
                if (b.kind != canon::BlockKind::ToolResult)
                    continue;
                if (b.isError)
                    qCDebug(lcTranslate) << "openai-chat: tool result error flag dropped (no Chat field)";
                messages.push_back(bj::object{{"role", "tool"}, {"tool_call_id", b.toolId}, {"content", toolResultContent(b)}});
            }
            bj::array parts;
            bool onlyText = true;
            for (const canon::ContentBlock &b : m.content) {
                if (b.kind == canon::BlockKind::ToolResult)
                    continue;
                if (appendUserPart(b, parts) && b.kind != canon::BlockKind::Text)
                    onlyText = false;
            }
            if (parts.empty())
                continue;
            bj::object msg{{"role", "user"}};
            if (onlyText && parts.size() == 1)
                msg["content"] = parts[0].get_object().at("text");
            else
                msg["content"] = std::move(parts);
            if (const bj::value *name = m.extensions.if_contains("name"))
                msg["name"] = *name;
            messages.push_back(std::move(msg));
            continue;
        }

        bj::object msg{{"role", "assistant"}};
        std::vector<canon::ContentBlock> texts;
        bj::array calls;
        for (const canon::ContentBlock &b : m.content) {
            switch (b.kind) {
            case canon::BlockKind::Text:
                texts.push_back(b);
                break;
            case canon::BlockKind::ToolUse: {
                std::string args = b.input.is_string() ? std::string(b.input.get_string())
                                   : b.input.is_null()  ? std::string("{}")
                                                        : bj::serialize(b.input);
                calls.push_back(bj::object{{"id", b.toolId},
                                           {"type", "function"},
                                           {"function", bj::object{{"name", b.toolName}, {"arguments", std::move(args)}}}});
                break;
            }
            case canon::BlockKind::Thinking:
            case canon::BlockKind::RedactedThinking:
                // OpenAI-compatible servers reject or ignore reasoning_content in requests.
                qCDebug(lcTranslate) << "openai-chat: thinking block in history dropped";
                break;
            default:
                qCDebug(lcTranslate) << "openai-chat: assistant block of kind" << int(b.kind) << "dropped";
                break;
            }
        }
        if (texts.empty() && !calls.empty())
            msg["content"] = nullptr;
        else
            msg["content"] = joinedText(texts, "\n\n");
        if (!calls.empty())
            msg["tool_calls"] = std::move(calls);
        if (const bj::value *name = m.extensions.if_contains("name"))
            msg["name"] = *name;
        messages.push_back(std::move(msg));
    }
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

Result<upstream::UpstreamRequest> OpenAIChatConnector::buildRequest(const canon::Request &request,
                                                                    const BackendContext &context) const
{
    auto url = endpoint(context, u"/chat/completions");
    if (!url)
        return url.error();
    const bool official = isOfficialOpenAI(*url);

    bj::object body;
    body["model"] = request.model;
    bj::array messages;
    appendMessages(request, official, messages);
    body["messages"] = std::move(messages);

    if (!request.tools.empty()) {
        bj::array tools;
        for (const canon::Tool &t : request.tools) {
            bj::object fn{{"name", t.name}};
            if (!t.description.empty())
                fn["description"] = t.description;
            if (!t.schema.is_null())
                fn["parameters"] = t.schema;
            if (const bj::value *strict = t.extensions.if_contains("strict"))
                fn["strict"] = *strict;
            tools.push_back(bj::object{{"type", "function"}, {"function", std::move(fn)}});
        }
        body["tools"] = std::move(tools);
        if (request.toolChoice.disableParallel)
            body["parallel_tool_calls"] = false;
    }
    // OpenAI rejects tool_choice without tools; without tools "none" is what happens anyway.
    if (request.toolChoice.specified && !request.tools.empty()) {
        switch (request.toolChoice.mode) {
        case canon::ToolChoice::Mode::Auto: body["tool_choice"] = "auto"; break;
        case canon::ToolChoice::Mode::None: body["tool_choice"] = "none"; break;
        case canon::ToolChoice::Mode::Required: body["tool_choice"] = "required"; break;
        case canon::ToolChoice::Mode::Named:
            body["tool_choice"] = bj::object{{"type", "function"}, {"function", bj::object{{"name", request.toolChoice.name}}}};
            break;
        }
    }

    const canon::Sampling &s = request.sampling;
    if (s.temperature)
        body["temperature"] = *s.temperature;
    if (s.topP)
        body["top_p"] = *s.topP;
    if (s.topK) {
        if (official)
            qCDebug(lcTranslate) << "openai-chat: top_k dropped (api.openai.com rejects it)";
        else
            body["top_k"] = *s.topK;
    }
    if (s.maxTokens)
        body[official ? "max_completion_tokens" : "max_tokens"] = *s.maxTokens;
    if (!s.stop.empty()) {
        bj::array stop;
        for (const std::string &x : s.stop)
            stop.push_back(bj::string(x));
        body["stop"] = std::move(stop);
    }
    if (s.n)
        body["n"] = *s.n;
    if (s.seed)
        body["seed"] = *s.seed;
    if (s.presencePenalty)
        body["presence_penalty"] = *s.presencePenalty;
    if (s.frequencyPenalty)
        body["frequency_penalty"] = *s.frequencyPenalty;

    if (!request.reasoning.effort.empty())
        body["reasoning_effort"] = request.reasoning.effort;
    else if (request.reasoning.budgetTokens)
        body["reasoning_effort"] = effortForBudget(*request.reasoning.budgetTokens);

    switch (request.responseFormat.kind) {
    case canon::ResponseFormat::Kind::Text: break;
    case canon::ResponseFormat::Kind::JsonObject:
        body["response_format"] = bj::object{{"type", "json_object"}};
        break;
    case canon::ResponseFormat::Kind::JsonSchema: {
        bj::object js{{"name", request.responseFormat.name.empty() ? std::string("response") : request.responseFormat.name}};
        if (!request.responseFormat.schema.is_null())
            js["schema"] = request.responseFormat.schema;
        js["strict"] = request.responseFormat.strict;
        body["response_format"] = bj::object{{"type", "json_schema"}, {"json_schema", std::move(js)}};
        break;
    }
    }

    if (!request.user.empty())
        body["user"] = request.user;

    bool store = false;
    for (const auto &kv : request.extensions) {
        if (kv.key() == "stream_options")
            continue;
        if (passableExtensions().count(std::string_view(kv.key()))) {
            body[kv.key()] = kv.value();
            if (kv.key() == "store" && kv.value().is_bool())
                store = kv.value().get_bool();
        } else {
            qCDebug(lcTranslate) << "openai-chat: field" << QString::fromUtf8(kv.key().data(), qsizetype(kv.key().size()))
                                 << "has no Chat equivalent; dropped";
        }
    }
    if (!request.metadata.empty()) {
        // OpenAI accepts metadata only for stored completions.
        if (store || !official)
            body["metadata"] = request.metadata;
        else
            qCDebug(lcTranslate) << "openai-chat: metadata dropped (OpenAI accepts it only with store=true)";
    }

    if (request.stream) {
        body["stream"] = true;
        bj::object opts;
        if (const bj::value *so = request.extensions.if_contains("stream_options"); so && so->is_object())
            opts = so->get_object();
        // Always ask for usage: accounting needs it even when the client did not.
        opts["include_usage"] = true;
        body["stream_options"] = std::move(opts);
    }

    openai_chat::applyProviderQuirks(context.backend, body);

    upstream::UpstreamRequest req;
    req.method = "POST";
    req.url = *url;
    req.headers = headersFor(context, request.stream, true);
    req.body = QByteArray::fromStdString(bj::serialize(body));
    applyTimeouts(req, context);
    return req;
}

Result<upstream::UpstreamRequest> OpenAIChatConnector::buildPassthrough(const InboundRequest &inbound,
                                                                        const std::string &model,
                                                                        const BackendContext &context) const
{
    auto url = endpoint(context, u"/chat/completions");
    if (!url)
        return url.error();
    const json::TopLevelLayout *scanned = inbound.body.layoutOf(inbound.rawBody); // perf: no second scan
    auto patched = scanned ? json::replaceMember(*scanned, "model", json::quoted(model))
                           : json::replaceMember(inbound.rawBody, "model", json::quoted(model));
    if (!patched)
        return Error::invalid(QStringLiteral("The request body is not a JSON object."));
    openai_chat::applyProviderQuirks(context.backend, *patched);
    upstream::UpstreamRequest req;
    req.method = "POST";
    req.url = *url;
    req.headers = headersFor(context, inbound.stream, true);
    req.body = std::move(*patched);
    applyTimeouts(req, context);
    return req;
}

std::unique_ptr<ResponseDecoder> OpenAIChatConnector::makeDecoder(bool stream) const
{
    if (stream)
        return std::make_unique<OpenAIChatStreamDecoder>();
    return std::make_unique<OpenAIChatBodyDecoder>();
}

namespace {

QByteArray headerValue(const HeaderList &headers, QByteArrayView name)
{
    for (const auto &h : headers) {
        if (h.first.compare(name, Qt::CaseInsensitive) == 0)
            return h.second.trimmed();
    }
    return {};
}

int retryAfterMs(const HeaderList &headers)
{
    bool ok = false;
    const QByteArray ms = headerValue(headers, "retry-after-ms");
    if (!ms.isEmpty()) {
        const double v = ms.toDouble(&ok);
        if (ok && v >= 0 && v < 1e9)
            return int(std::ceil(v));
    }
    const QByteArray ra = headerValue(headers, "retry-after");
    if (ra.isEmpty())
        return -1;
    const double secs = ra.toDouble(&ok);
    if (ok && secs >= 0 && secs < 1e6)
        return int(std::ceil(secs * 1000));
    // An HTTP date (IMF-fixdate: "Wed, 21 Oct 2015 07:28:00 GMT").
    QDateTime when = QDateTime::fromString(QString::fromLatin1(ra), Qt::RFC2822Date);
    if (!when.isValid()) {
        QString s = QString::fromLatin1(ra);
        if (s.endsWith(QLatin1String(" GMT")))
            s.chop(4);
        when = QDateTime::fromString(s, QStringLiteral("ddd, dd MMM yyyy HH:mm:ss"));
        when.setTimeZone(QTimeZone::utc());
    }
    if (!when.isValid())
        return -1;
    const qint64 delta = QDateTime::currentDateTimeUtc().msecsTo(when);
    return int(std::clamp<qint64>(delta, 0, 1000000000));
}

ErrorCategory categoryForStatus(int status)
{
    switch (status) {
    case 400: return ErrorCategory::InvalidRequest;
    case 401: return ErrorCategory::Authentication;
    case 403: return ErrorCategory::PermissionDenied;
    case 404: return ErrorCategory::NotFound;
    case 408: return ErrorCategory::Timeout;
    case 413: return ErrorCategory::RequestTooLarge;
    case 429: return ErrorCategory::RateLimited;
    case 503:
    case 529: return ErrorCategory::Overloaded;
    case 504: return ErrorCategory::Timeout;
    default: break;
    }
    if (status >= 400 && status < 500)
        return ErrorCategory::InvalidRequest;
    return ErrorCategory::Upstream;
}

} // namespace

Error OpenAIChatConnector::parseError(int status, const HeaderList &headers, QByteArrayView body) const
{
    Error e;
    bj::error_code ec;
    bj::parse_options opts;
    opts.max_depth = 64;
    bj::value v = bj::parse(std::string_view(body.data(), size_t(body.size())), ec, {}, opts);
    const bj::object *root = ec ? nullptr : v.if_object();
    const bj::value *errV = root ? root->if_contains("error") : nullptr;
    if (errV && errV->is_object()) {
        e = openaichat::errorFromObject(errV->get_object(), status);
    } else {
        QString message;
        if (errV && errV->is_string())
            message = QString::fromUtf8(errV->get_string().data(), qsizetype(errV->get_string().size()));
        else if (const bj::value *m = root ? root->if_contains("message") : nullptr; m && m->is_string())
            message = QString::fromUtf8(m->get_string().data(), qsizetype(m->get_string().size()));
        else
            message = QString::fromUtf8(body.data(), qsizetype(std::min<qsizetype>(body.size(), 4096))).trimmed();
        if (message.size() > 300)
            message = message.left(300) + QStringLiteral("…");
        if (message.isEmpty())
            message = QStringLiteral("The upstream provider answered HTTP %1.").arg(status);
        e.message = openaichat::redactSecrets(message);
    }
    // The status is authoritative; the envelope's type only refines what it cannot say.
    e.category = categoryForStatus(status);
    e.upstreamStatus = status;
    e.retryAfterMs = retryAfterMs(headers);
    return e;
}

Result<upstream::UpstreamRequest> OpenAIChatConnector::buildModelsRequest(const BackendContext &context) const
{
    auto url = endpoint(context, u"/models");
    if (!url)
        return url.error();
    upstream::UpstreamRequest req;
    req.method = "GET";
    req.url = *url;
    req.headers = headersFor(context, false, false);
    applyTimeouts(req, context);
    return req;
}

Result<std::vector<ModelInfo>> OpenAIChatConnector::parseModels(QByteArrayView body) const
{
    bj::error_code ec;
    bj::value v = bj::parse(std::string_view(body.data(), size_t(body.size())), ec);
    const bj::object *root = ec ? nullptr : v.if_object();
    const bj::value *dataV = root ? root->if_contains("data") : nullptr;
    const bj::array *data = dataV ? dataV->if_array() : nullptr;
    if (!data)
        return Error::make(ErrorCategory::UpstreamProtocol, QStringLiteral("The model list has no \"data\" array."));
    std::vector<ModelInfo> models;
    for (const bj::value &item : *data) {
        const bj::object *o = item.if_object();
        const bj::value *id = o ? o->if_contains("id") : nullptr;
        if (!id || !id->is_string())
            continue;
        ModelInfo info;
        info.id = std::string(id->get_string());
        if (const bj::value *c = o->if_contains("created")) {
            if (c->is_int64())
                info.created = c->get_int64();
            else if (c->is_uint64())
                info.created = int64_t(std::min<uint64_t>(c->get_uint64(), uint64_t(INT64_MAX)));
        }
        if (const bj::value *owner = o->if_contains("owned_by"); owner && owner->is_string())
            info.ownedBy = std::string(owner->get_string());
        if (const bj::value *name = o->if_contains("display_name"); name && name->is_string())
            info.displayName = std::string(name->get_string());
        models.push_back(std::move(info));
    }
    return models;
}

const BackendConnector &openAIChatConnector()
{
    static const OpenAIChatConnector connector;
    return connector;
}

} // namespace lip
