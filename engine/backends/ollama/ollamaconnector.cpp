// SPDX-License-Identifier: GPL-3.0-or-later
#include "backends/ollama/ollamaconnector.h"

#include "backends/ollama/ollamadecoder.h"
#include "core/jsonsplice.h"
#include "core/logging.h"

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include <QDateTime>
#include <QRegularExpression>

#include <cmath>
#include <map>

namespace lip {

namespace {

namespace bj = boost::json;

// The configured base is the server root ("http://127.0.0.1:11434"). A base copied from the
// OpenAI-compatible setup ends in /v1; the native API lives beside it, so that suffix is dropped.
Result<QUrl> endpoint(const BackendContext &context, QStringView path)
{
    if (!context.backend)
        return Error::make(ErrorCategory::Internal, QStringLiteral("No backend configured for this request."));
    QString base = context.backend->baseUrl.trimmed();
    while (base.endsWith(QLatin1Char('/')))
        base.chop(1);
    for (const QLatin1String suffix : {QLatin1String("/v1"), QLatin1String("/api")}) {
        if (base.endsWith(suffix)) {
            base.chop(suffix.size());
            break;
        }
    }
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
    // Keyless locally; ollama.com and authenticating proxies in front of a server take a bearer key.
    if (!context.apiKey.isEmpty())
        h.append(qMakePair(QByteArray("Authorization"), QByteArray("Bearer " + context.apiKey.toUtf8())));
    if (withBody)
        h.append(qMakePair(QByteArray("Content-Type"), QByteArray("application/json")));
    h.append(qMakePair(QByteArray("Accept"), stream ? QByteArray("application/x-ndjson") : QByteArray("application/json")));
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

std::string joinedText(const std::vector<canon::ContentBlock> &blocks, canon::BlockKind kind)
{
    std::string out;
    for (const canon::ContentBlock &b : blocks) {
        if (b.kind != kind || b.text.empty())
            continue;
        if (!out.empty())
            out += "\n\n";
        out += b.text;
    }
    return out;
}

// Ollama wants tool arguments as an object.
bj::value argumentsObject(const bj::value &input)
{
    if (input.is_object())
        return input;
    if (input.is_string()) {
        bj::error_code ec;
        bj::value parsed = bj::parse(input.get_string(), ec);
        if (!ec && parsed.is_object())
            return parsed;
        qCDebug(lcTranslate) << "ollama: tool call arguments that are not a JSON object replaced by {}";
    }
    return bj::object();
}

void appendUserMessage(const canon::Message &m, const std::map<std::string, std::string> &toolNames, bj::array &messages)
{
    // Tool results first: they answer the assistant turn just before this one.
    for (const canon::ContentBlock &b : m.content) {
        if (b.kind != canon::BlockKind::ToolResult)
            continue;
        bj::object msg{{"role", "tool"}, {"content", joinedText(b.content, canon::BlockKind::Text)}};
        std::string name = b.toolName;
        if (name.empty()) {
            if (auto found = toolNames.find(b.toolId); found != toolNames.end())
                name = found->second;
        }
        if (!name.empty())
            msg["tool_name"] = name;
        for (const canon::ContentBlock &c : b.content) {
            if (c.kind != canon::BlockKind::Text)
                qCDebug(lcTranslate) << "ollama: non-text part of a tool result dropped";
        }
        if (b.isError)
            qCDebug(lcTranslate) << "ollama: tool result error flag dropped (no Ollama field)";
        messages.push_back(std::move(msg));
    }
    std::string text;
    bj::array images;
    for (const canon::ContentBlock &b : m.content) {
        switch (b.kind) {
        case canon::BlockKind::Text:
            if (!text.empty())
                text += "\n\n";
            text += b.text;
            break;
        case canon::BlockKind::Image:
            if (b.media.kind == canon::MediaSource::Kind::Base64)
                images.push_back(bj::string(b.media.data));
            else
                qCDebug(lcTranslate) << "ollama: image by URL or file id dropped (Ollama takes base64 only)";
            break;
        case canon::BlockKind::ToolResult:
            break;
        default:
            qCDebug(lcTranslate) << "ollama: user block of kind" << int(b.kind) << "dropped";
            break;
        }
    }
    if (text.empty() && images.empty())
        return;
    bj::object msg{{"role", "user"}, {"content", std::move(text)}};
    if (!images.empty())
        msg["images"] = std::move(images);
    messages.push_back(std::move(msg));
}

void appendAssistantMessage(const canon::Message &m, bj::array &messages)
{
    bj::array calls;
    for (const canon::ContentBlock &b : m.content) {
        if (b.kind == canon::BlockKind::ToolUse) {
            calls.push_back(bj::object{{"function", bj::object{{"name", b.toolName}, {"arguments", argumentsObject(b.input)}}}});
        } else if (b.kind != canon::BlockKind::Text && b.kind != canon::BlockKind::Thinking) {
            qCDebug(lcTranslate) << "ollama: assistant block of kind" << int(b.kind) << "dropped";
        }
    }
    std::string text = joinedText(m.content, canon::BlockKind::Text);
    std::string thinking = joinedText(m.content, canon::BlockKind::Thinking);
    if (text.empty() && thinking.empty() && calls.empty())
        return;
    bj::object msg{{"role", "assistant"}, {"content", std::move(text)}};
    if (!thinking.empty())
        msg["thinking"] = std::move(thinking);
    if (!calls.empty())
        msg["tool_calls"] = std::move(calls);
    messages.push_back(std::move(msg));
}

bj::array messagesFor(const canon::Request &request)
{
    bj::array messages;
    const std::string system = joinedText(request.system, canon::BlockKind::Text);
    if (!system.empty())
        messages.push_back(bj::object{{"role", "system"}, {"content", system}});
    // Ollama names the tool a result belongs to, not the call id: remember which id was which.
    std::map<std::string, std::string> toolNames;
    for (const canon::Message &m : request.messages) {
        if (m.role == canon::Role::Assistant) {
            for (const canon::ContentBlock &b : m.content) {
                if (b.kind == canon::BlockKind::ToolUse)
                    toolNames[b.toolId] = b.toolName;
            }
            appendAssistantMessage(m, messages);
        } else {
            appendUserMessage(m, toolNames, messages);
        }
    }
    return messages;
}

// `think`: true/false for thinking models; gpt-oss takes a level instead.
std::optional<bj::value> thinkFor(const canon::Request &request)
{
    const canon::Reasoning &r = request.reasoning;
    if (r.budgetTokens && *r.budgetTokens == 0 && !r.enabled)
        return bj::value(false);
    if (!r.enabled && r.effort.empty() && !r.budgetTokens)
        return std::nullopt; // the model's own default
    if (request.model.find("gpt-oss") != std::string::npos
        && (r.effort == "low" || r.effort == "medium" || r.effort == "high"))
        return bj::value(bj::string(r.effort));
    return bj::value(true);
}

} // namespace

Result<upstream::UpstreamRequest> OllamaConnector::buildRequest(const canon::Request &request,
                                                                const BackendContext &context) const
{
    auto url = endpoint(context, u"/api/chat");
    if (!url)
        return url.error();

    bj::object body;
    body["model"] = request.model;
    body["messages"] = messagesFor(request);

    // Ollama has no tool_choice: "none" is honoured by not offering the tools at all.
    const bool toolsOff = request.toolChoice.specified && request.toolChoice.mode == canon::ToolChoice::Mode::None;
    if (!request.tools.empty() && !toolsOff) {
        bj::array tools;
        for (const canon::Tool &t : request.tools) {
            bj::object fn{{"name", t.name}};
            if (!t.description.empty())
                fn["description"] = t.description;
            fn["parameters"] = t.schema.is_null() ? bj::value(bj::object{{"type", "object"}, {"properties", bj::object()}}) : t.schema;
            tools.push_back(bj::object{{"type", "function"}, {"function", std::move(fn)}});
        }
        body["tools"] = std::move(tools);
        if (request.toolChoice.mode == canon::ToolChoice::Mode::Required || request.toolChoice.mode == canon::ToolChoice::Mode::Named)
            qCDebug(lcTranslate) << "ollama: tool_choice required/named dropped (Ollama has no tool_choice)";
    }

    body["stream"] = request.stream;

    const canon::Sampling &s = request.sampling;
    bj::object options;
    if (s.temperature)
        options["temperature"] = *s.temperature;
    if (s.topP)
        options["top_p"] = *s.topP;
    if (s.topK)
        options["top_k"] = *s.topK;
    if (s.maxTokens)
        options["num_predict"] = *s.maxTokens;
    if (!s.stop.empty()) {
        bj::array stop;
        for (const std::string &x : s.stop)
            stop.push_back(bj::string(x));
        options["stop"] = std::move(stop);
    }
    if (s.seed)
        options["seed"] = *s.seed;
    if (s.presencePenalty)
        options["presence_penalty"] = *s.presencePenalty;
    if (s.frequencyPenalty)
        options["frequency_penalty"] = *s.frequencyPenalty;
    if (s.n && *s.n != 1)
        qCDebug(lcTranslate) << "ollama: n dropped (Ollama answers with one choice)";
    if (!options.empty())
        body["options"] = std::move(options);

    if (std::optional<bj::value> think = thinkFor(request))
        body["think"] = std::move(*think);

    switch (request.responseFormat.kind) {
    case canon::ResponseFormat::Kind::Text: break;
    case canon::ResponseFormat::Kind::JsonObject: body["format"] = "json"; break;
    case canon::ResponseFormat::Kind::JsonSchema:
        body["format"] = request.responseFormat.schema.is_null() ? bj::value("json") : request.responseFormat.schema;
        break;
    }

    for (const auto &kv : request.extensions) {
        if (kv.key() == "keep_alive") {
            body["keep_alive"] = kv.value(); // same name and meaning, should a client have sent it
            continue;
        }
        qCDebug(lcTranslate) << "ollama: field" << QString::fromUtf8(kv.key().data(), qsizetype(kv.key().size()))
                             << "has no Ollama equivalent; dropped";
    }

    upstream::UpstreamRequest req;
    req.method = "POST";
    req.url = *url;
    req.headers = headersFor(context, request.stream, true);
    req.body = QByteArray::fromStdString(bj::serialize(body));
    applyTimeouts(req, context);
    return req;
}

// No client speaks Ollama's dialect, so this is reached only by a caller that insists; it is
// still correct for an /api/chat body.
Result<upstream::UpstreamRequest> OllamaConnector::buildPassthrough(const InboundRequest &inbound,
                                                                    const std::string &model,
                                                                    const BackendContext &context) const
{
    auto url = endpoint(context, u"/api/chat");
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

std::unique_ptr<ResponseDecoder> OllamaConnector::makeDecoder(bool stream) const
{
    return std::make_unique<OllamaDecoder>(stream);
}

Error OllamaConnector::parseError(int status, const HeaderList &headers, QByteArrayView body) const
{
    bj::error_code ec;
    bj::parse_options opts;
    opts.max_depth = 64;
    bj::value v = bj::parse(std::string_view(body.data(), size_t(body.size())), ec, {}, opts);
    Error e;
    if (!ec && v.is_object()) {
        e = ollama::errorFromBody(v.get_object(), status);
    } else {
        bj::object fallback;
        QString text = QString::fromUtf8(body.data(), qsizetype(std::min<qsizetype>(body.size(), 300))).trimmed();
        fallback["error"] = text.toStdString();
        e = ollama::errorFromBody(fallback, status);
    }
    e.category = ollama::categoryForStatus(status);
    for (const auto &[name, value] : headers) {
        if (name.compare(QByteArrayView("retry-after"), Qt::CaseInsensitive) != 0)
            continue;
        bool ok = false;
        const double secs = value.trimmed().toDouble(&ok);
        if (ok && secs >= 0 && secs < 1e6)
            e.retryAfterMs = int(std::ceil(secs * 1000));
    }
    return e;
}

Result<upstream::UpstreamRequest> OllamaConnector::buildModelsRequest(const BackendContext &context) const
{
    auto url = endpoint(context, u"/api/tags");
    if (!url)
        return url.error();
    upstream::UpstreamRequest req;
    req.method = "GET";
    req.url = *url;
    req.headers = headersFor(context, false, false);
    applyTimeouts(req, context);
    return req;
}

Result<std::vector<ModelInfo>> OllamaConnector::parseModels(QByteArrayView body) const
{
    bj::error_code ec;
    bj::value v = bj::parse(std::string_view(body.data(), size_t(body.size())), ec);
    const bj::object *root = ec ? nullptr : v.if_object();
    const bj::value *modelsV = root ? root->if_contains("models") : nullptr;
    const bj::array *models = modelsV ? modelsV->if_array() : nullptr;
    if (!models)
        return Error::make(ErrorCategory::UpstreamProtocol, QStringLiteral("The Ollama model list has no \"models\" array."));
    std::vector<ModelInfo> out;
    for (const bj::value &item : *models) {
        const bj::object *o = item.if_object();
        if (!o)
            continue;
        // "name" and "model" carry the same "llama3:8b"; older servers only send "name".
        const bj::value *id = o->if_contains("name");
        if (!id || !id->is_string() || id->get_string().empty())
            id = o->if_contains("model");
        if (!id || !id->is_string() || id->get_string().empty())
            continue;
        ModelInfo info;
        info.id = std::string(id->get_string());
        info.ownedBy = "ollama";
        if (const bj::value *m = o->if_contains("modified_at"); m && m->is_string()) {
            // Ollama writes nanoseconds ("…:49.277302595-07:00"); Qt parses up to milliseconds.
            QString text = QString::fromUtf8(m->get_string().data(), qsizetype(m->get_string().size()));
            static const QRegularExpression fraction(QStringLiteral("\\.(\\d{3})\\d+"));
            text.replace(fraction, QStringLiteral(".\\1"));
            const QDateTime when = QDateTime::fromString(text, Qt::ISODateWithMs);
            if (when.isValid())
                info.created = when.toSecsSinceEpoch();
        }
        out.push_back(std::move(info));
    }
    return out;
}

const BackendConnector &ollamaConnector()
{
    static const OllamaConnector connector;
    return connector;
}

} // namespace lip
