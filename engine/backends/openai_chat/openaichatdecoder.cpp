// SPDX-License-Identifier: GPL-3.0-or-later
#include "backends/openai_chat/openaichatdecoder.h"

#include "core/jsonsplice.h"
#include "core/logging.h"

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include <QRegularExpression>

#include <algorithm>

namespace lip {

namespace {

namespace bj = boost::json;

constexpr std::size_t kMaxBodyBytes = 256u * 1024 * 1024;

std::string str(const bj::string &s)
{
    return std::string(s.data(), s.size());
}

const bj::string *stringAt(const bj::object &o, std::string_view key)
{
    const bj::value *v = o.if_contains(key);
    return v ? v->if_string() : nullptr;
}

const bj::object *objectAt(const bj::object &o, std::string_view key)
{
    const bj::value *v = o.if_contains(key);
    return v ? v->if_object() : nullptr;
}

int64_t intAt(const bj::object &o, std::string_view key, int64_t fallback)
{
    const bj::value *v = o.if_contains(key);
    if (!v)
        return fallback;
    if (const auto *i = v->if_int64())
        return *i;
    if (const auto *u = v->if_uint64())
        return int64_t(std::min<uint64_t>(*u, uint64_t(INT64_MAX)));
    if (const auto *d = v->if_double())
        return int64_t(*d);
    return fallback;
}

canon::StopReason stopFromFinishReason(std::string_view reason)
{
    if (reason == "length")
        return canon::StopReason::MaxTokens;
    if (reason == "tool_calls" || reason == "function_call")
        return canon::StopReason::ToolUse;
    if (reason == "content_filter")
        return canon::StopReason::ContentFilter;
    return canon::StopReason::EndTurn; // "stop", "eos" and anything unknown
}

canon::Usage usageFrom(const bj::object &u)
{
    canon::Usage usage;
    usage.input = intAt(u, "prompt_tokens", -1);
    usage.output = intAt(u, "completion_tokens", -1);
    if (const bj::object *d = objectAt(u, "prompt_tokens_details"))
        usage.cacheRead = intAt(*d, "cached_tokens", 0);
    if (const bj::object *d = objectAt(u, "completion_tokens_details"))
        usage.reasoning = intAt(*d, "reasoning_tokens", 0);
    return usage;
}

bj::parse_options parseOptions()
{
    bj::parse_options opts;
    opts.max_depth = 512;
    return opts;
}

// The members whose string values are text the client receives (for the usage estimate).
constexpr std::string_view kTextKeys[] = {"content", "reasoning_content", "reasoning", "refusal", "arguments"};

// `"key"` as a member whose value is an object (not null): worth a parse.
bool hasObjectMember(std::string_view text, std::string_view key)
{
    std::size_t from = 0;
    for (;;) {
        const std::size_t at = text.find(key, from);
        if (at == std::string_view::npos)
            return false;
        from = at + 1;
        std::size_t p = at + key.size();
        if (at == 0 || text[at - 1] != '"' || p >= text.size() || text[p] != '"')
            continue;
        ++p;
        while (p < text.size() && (text[p] == ' ' || text[p] == '\t' || text[p] == '\n' || text[p] == '\r'))
            ++p;
        if (p >= text.size() || text[p] != ':')
            continue;
        ++p;
        while (p < text.size() && (text[p] == ' ' || text[p] == '\t' || text[p] == '\n' || text[p] == '\r'))
            ++p;
        if (p < text.size() && text[p] == '{')
            return true;
    }
}

// Usage-only mode: Usage and Error events go on, text events are only counted.
void keepUsageOnly(canon::Events &events, canon::Events &out, int64_t &textBytes)
{
    for (canon::Event &e : events) {
        if (e.type == canon::EventType::Usage || e.type == canon::EventType::Error)
            out.push_back(std::move(e));
        else if (e.type == canon::EventType::TextDelta || e.type == canon::EventType::ToolArgsDelta
                 || e.type == canon::EventType::ThinkingDelta)
            textBytes += int64_t(e.text.size());
    }
    events.clear();
}

canon::Event errorEvent(Error error)
{
    canon::Event e;
    e.type = canon::EventType::Error;
    e.error = std::move(error);
    return e;
}

} // namespace

namespace openaichat {

QString redactSecrets(QString text)
{
    static const QRegularExpression patterns(QStringLiteral(
        R"((sk-[A-Za-z0-9_\-]{8,})|((?:[Bb]earer)\s+[A-Za-z0-9._~+/\-]{8,}=*)|(AIza[0-9A-Za-z_\-]{20,}))"));
    QString out;
    qsizetype last = 0;
    auto it = patterns.globalMatch(text);
    while (it.hasNext()) {
        const auto m = it.next();
        out += QStringView(text).mid(last, m.capturedStart() - last);
        const QString secret = m.captured();
        const QString prefix = secret.startsWith(QLatin1String("sk-")) ? QStringLiteral("sk-")
                             : secret.startsWith(QLatin1String("AIza")) ? QStringLiteral("AIza")
                                                                        : QStringLiteral("Bearer ");
        out += prefix + QStringLiteral("…") + secret.right(4);
        last = m.capturedEnd();
    }
    out += QStringView(text).mid(last);
    return out;
}

Error errorFromObject(const bj::object &error, int status)
{
    Error e;
    e.upstreamStatus = status;
    QString message;
    if (const bj::string *m = stringAt(error, "message"))
        message = QString::fromStdString(str(*m));
    e.message = redactSecrets(message.isEmpty() ? QStringLiteral("The upstream provider reported an error.") : message);
    const bj::string *type = stringAt(error, "type");
    const bj::string *code = stringAt(error, "code");
    // The code is the more specific of the two (context_length_exceeded, insufficient_quota).
    if (code && !code->empty())
        e.upstreamType = QByteArray(code->data(), qsizetype(code->size()));
    else if (type)
        e.upstreamType = QByteArray(type->data(), qsizetype(type->size()));
    if (const bj::string *param = stringAt(error, "param"))
        e.param = QString::fromStdString(str(*param));
    if (status == 0)
        status = int(intAt(error, "code", 0)); // OpenRouter/vLLM put the status in "code"

    const QByteArray hint = (type ? QByteArray(type->data(), qsizetype(type->size())) : QByteArray()) + ' '
                            + (code ? QByteArray(code->data(), qsizetype(code->size())) : QByteArray());
    if (hint.contains("rate_limit") || hint.contains("insufficient_quota") || status == 429)
        e.category = ErrorCategory::RateLimited;
    else if (hint.contains("overloaded") || status == 503 || status == 529)
        e.category = ErrorCategory::Overloaded;
    else if (hint.contains("invalid_api_key") || hint.contains("authentication") || status == 401)
        e.category = ErrorCategory::Authentication;
    else if (hint.contains("permission") || status == 403)
        e.category = ErrorCategory::PermissionDenied;
    else if (hint.contains("not_found") || status == 404)
        e.category = ErrorCategory::NotFound;
    else if (status == 408 || status == 504 || hint.contains("timeout"))
        e.category = ErrorCategory::Timeout;
    else if (status == 413)
        e.category = ErrorCategory::RequestTooLarge;
    else if (hint.contains("invalid_request") || (status >= 400 && status < 500))
        e.category = ErrorCategory::InvalidRequest;
    else
        e.category = ErrorCategory::Upstream;
    return e;
}

} // namespace openaichat

// ---- stream ----------------------------------------------------------------------------------

bj::parse_options OpenAIChatStreamDecoder::jsonOptions()
{
    return parseOptions();
}

void OpenAIChatStreamDecoder::feed(std::string_view bytes, canon::Events &out)
{
    if (m_done)
        return;
    m_pending.clear();
    m_sse.feed(bytes, m_pending);
    canon::Events &target = m_usageOnly ? m_scratchEvents : out;
    for (const auto &ev : m_pending) {
        if (m_done)
            break;
        onData(ev.data, target);
    }
    if (m_usageOnly)
        keepUsageOnly(m_scratchEvents, out, m_textBytes);
}

void OpenAIChatStreamDecoder::finish(canon::Events &out)
{
    if (m_usageOnly) {
        m_usageOnly = false; // the end-of-stream rules as usual, into the scratch list
        finish(m_scratchEvents);
        m_usageOnly = true;
        keepUsageOnly(m_scratchEvents, out, m_textBytes);
        return;
    }
    if (!m_done) {
        m_pending.clear();
        m_sse.finish(m_pending);
        for (const auto &ev : m_pending) {
            if (m_done)
                break;
            onData(ev.data, out);
        }
    }
    if (m_done)
        return;
    if (m_finishSeen) {
        // Some servers end after the finish_reason without [DONE]: complete, just impolite.
        closeAll(out);
        emitFinish(out);
        m_done = true;
        return;
    }
    fail(Error::make(ErrorCategory::UpstreamUnreachable, QStringLiteral("The upstream stream ended early.")), out);
}

void OpenAIChatStreamDecoder::fail(Error error, canon::Events &out)
{
    out.push_back(errorEvent(std::move(error)));
    m_done = true;
}

void OpenAIChatStreamDecoder::onData(const std::string &data, canon::Events &out)
{
    std::string_view d = data;
    while (!d.empty() && (d.front() == ' ' || d.front() == '\n' || d.front() == '\r' || d.front() == '\t'))
        d.remove_prefix(1);
    while (!d.empty() && (d.back() == ' ' || d.back() == '\n' || d.back() == '\r' || d.back() == '\t'))
        d.remove_suffix(1);
    if (d.empty())
        return; // keep-alive comments and empty events
    if (d == "[DONE]") {
        closeAll(out);
        emitFinish(out);
        m_done = true;
        return;
    }
    if (m_usageOnly) {
        onUsageOnlyData(d, out);
        return;
    }
    bj::error_code ec;
    const bj::value &v = m_json.parse(d, ec);
    if (ec || !v.is_object()) {
        fail(Error::make(ErrorCategory::UpstreamProtocol,
                         QStringLiteral("The upstream provider sent a malformed stream chunk.")),
             out);
        return;
    }
    onChunk(v.get_object(), out);
}

// Passthrough: the client already has these bytes. Most chunks carry one text delta and no
// usage; they are measured by a byte scan instead of a DOM (the parse was ~19 % of a passthrough
// stream's instructions). A chunk with a usage object (or an error) is parsed as usual.
void OpenAIChatStreamDecoder::onUsageOnlyData(std::string_view d, canon::Events &out)
{
    if (!hasObjectMember(d, "usage") && !hasObjectMember(d, "error")) {
        for (std::string_view key : kTextKeys)
            m_textBytes += int64_t(json::stringMemberBytes(d, key));
        if (d.find("\"finish_reason\"") != std::string_view::npos && d.find("\"finish_reason\":null") == std::string_view::npos)
            m_finishSeen = true;
        return;
    }
    bj::error_code ec;
    const bj::value &v = m_json.parse(d, ec);
    if (ec || !v.is_object()) {
        fail(Error::make(ErrorCategory::UpstreamProtocol,
                         QStringLiteral("The upstream provider sent a malformed stream chunk.")),
             out);
        return;
    }
    onChunk(v.get_object(), out); // `out` is the scratch list: feed() keeps only the usage
}

void OpenAIChatStreamDecoder::openBlock(canon::BlockKind kind, canon::Events &out, std::string id, std::string name)
{
    canon::Event e;
    e.type = canon::EventType::BlockStart;
    e.index = m_nextIndex++;
    e.blockKind = kind;
    e.id = std::move(id);
    e.name = std::move(name);
    out.push_back(std::move(e));
}

void OpenAIChatStreamDecoder::closeCurrent(canon::Events &out)
{
    if (m_current < 0)
        return;
    canon::Event e;
    e.type = canon::EventType::BlockStop;
    e.index = m_current;
    out.push_back(std::move(e));
    m_current = -1;
}

void OpenAIChatStreamDecoder::closeAll(canon::Events &out)
{
    std::vector<int> indices = m_openTools;
    if (m_current >= 0)
        indices.push_back(m_current);
    std::sort(indices.begin(), indices.end());
    for (int index : indices) {
        canon::Event e;
        e.type = canon::EventType::BlockStop;
        e.index = index;
        out.push_back(std::move(e));
    }
    m_current = -1;
    m_openTools.clear();
}

void OpenAIChatStreamDecoder::emitFinish(canon::Events &out)
{
    if (m_finishEmitted)
        return;
    m_finishEmitted = true;
    canon::Event e;
    e.type = canon::EventType::Finish;
    e.stop = m_stop != canon::StopReason::None ? m_stop
             : m_sawTool                       ? canon::StopReason::ToolUse
                                               : canon::StopReason::EndTurn;
    out.push_back(std::move(e));
}

void OpenAIChatStreamDecoder::onChunk(const bj::object &chunk, canon::Events &out)
{
    if (const bj::object *err = objectAt(chunk, "error")) {
        fail(openaichat::errorFromObject(*err, 0), out);
        return;
    }
    if (!m_started) {
        m_started = true;
        canon::Event e;
        e.type = canon::EventType::MessageStart;
        if (const bj::string *id = stringAt(chunk, "id"))
            e.id = str(*id);
        if (const bj::string *model = stringAt(chunk, "model"))
            e.model = str(*model);
        out.push_back(std::move(e));
    }

    const bj::value *choicesV = chunk.if_contains("choices");
    const bj::array *choices = choicesV ? choicesV->if_array() : nullptr;
    if (choices) {
        for (const bj::value &cv : *choices) {
            const bj::object *choice = cv.if_object();
            if (!choice)
                continue;
            if (intAt(*choice, "index", 0) != 0) {
                if (!m_warnedChoices)
                    qCDebug(lcBackendOpenAI) << "openai-chat: choices beyond the first are ignored";
                m_warnedChoices = true;
                continue;
            }
            if (const bj::object *delta = objectAt(*choice, "delta")) {
                // Reasoning: reasoning_content (DeepSeek, vLLM), reasoning (OpenRouter, Ollama).
                for (const char *key : {"reasoning_content", "reasoning"}) {
                    const bj::string *r = stringAt(*delta, key);
                    if (!r || r->empty())
                        continue;
                    if (m_current < 0 || m_currentKind != canon::BlockKind::Thinking) {
                        closeAll(out);
                        m_current = m_nextIndex;
                        m_currentKind = canon::BlockKind::Thinking;
                        openBlock(canon::BlockKind::Thinking, out);
                    }
                    canon::Event e;
                    e.type = canon::EventType::ThinkingDelta;
                    e.index = m_current;
                    e.text = str(*r);
                    out.push_back(std::move(e));
                    break;
                }
                for (const char *key : {"content", "refusal"}) {
                    const bj::string *c = stringAt(*delta, key);
                    if (!c || c->empty())
                        continue;
                    if (m_current < 0 || m_currentKind != canon::BlockKind::Text) {
                        closeAll(out);
                        m_current = m_nextIndex;
                        m_currentKind = canon::BlockKind::Text;
                        openBlock(canon::BlockKind::Text, out);
                    }
                    canon::Event e;
                    e.type = canon::EventType::TextDelta;
                    e.index = m_current;
                    e.text = str(*c);
                    out.push_back(std::move(e));
                }
                const bj::value *callsV = delta->if_contains("tool_calls");
                const bj::array *calls = callsV ? callsV->if_array() : nullptr;
                for (std::size_t k = 0; calls && k < calls->size(); ++k) {
                    const bj::object *call = (*calls)[k].if_object();
                    if (!call)
                        continue;
                    const bj::string *id = stringAt(*call, "id");
                    const bj::object *fn = objectAt(*call, "function");
                    int toolIndex = int(intAt(*call, "index", -1));
                    if (toolIndex < 0) {
                        // Servers that omit the index send each call whole: a new id is a new call.
                        toolIndex = m_toolBlocks.empty() ? 0 : m_toolBlocks.rbegin()->first;
                        if (id && !id->empty()) {
                            bool known = false;
                            for (const auto &[ti, tid] : m_toolIds) {
                                if (tid == std::string_view(*id)) {
                                    toolIndex = ti;
                                    known = true;
                                }
                            }
                            if (!known)
                                toolIndex = m_toolBlocks.empty() ? 0 : m_toolBlocks.rbegin()->first + 1;
                        }
                    }
                    auto found = m_toolBlocks.find(toolIndex);
                    if (found == m_toolBlocks.end()) {
                        closeCurrent(out);
                        m_sawTool = true;
                        const int block = m_nextIndex;
                        m_toolBlocks[toolIndex] = block;
                        m_openTools.push_back(block);
                        std::string toolId = id && !id->empty() ? str(*id) : "call_" + std::to_string(toolIndex);
                        m_toolIds[toolIndex] = toolId;
                        const bj::string *name = fn ? stringAt(*fn, "name") : nullptr;
                        openBlock(canon::BlockKind::ToolUse, out, std::move(toolId), name ? str(*name) : std::string());
                        found = m_toolBlocks.find(toolIndex);
                    }
                    if (!fn)
                        continue;
                    const bj::value *args = fn->if_contains("arguments");
                    std::string fragment;
                    if (args && args->is_string())
                        fragment = str(args->get_string());
                    else if (args && args->is_object())
                        fragment = bj::serialize(*args);
                    if (fragment.empty())
                        continue;
                    canon::Event e;
                    e.type = canon::EventType::ToolArgsDelta;
                    e.index = found->second;
                    e.text = std::move(fragment);
                    out.push_back(std::move(e));
                }
            }
            if (const bj::string *fr = stringAt(*choice, "finish_reason"); fr && !fr->empty()) {
                closeAll(out);
                m_finishSeen = true;
                m_stop = stopFromFinishReason(*fr);
            }
        }
    }

    if (const bj::object *usage = objectAt(chunk, "usage")) {
        canon::Event e;
        e.type = canon::EventType::Usage;
        e.usage = usageFrom(*usage);
        if (e.usage.present())
            out.push_back(std::move(e));
    }
}

// ---- whole body ------------------------------------------------------------------------------

void OpenAIChatBodyDecoder::feed(std::string_view bytes, canon::Events &)
{
    if (m_tooLarge)
        return;
    if (m_body.size() + bytes.size() > kMaxBodyBytes) {
        m_tooLarge = true;
        m_body.clear();
        return;
    }
    m_body.append(bytes);
}

void OpenAIChatBodyDecoder::finish(canon::Events &out)
{
    if (m_tooLarge) {
        out.push_back(errorEvent(Error::make(ErrorCategory::UpstreamProtocol,
                                             QStringLiteral("The upstream response is too large."))));
        return;
    }
    if (m_usageOnly) {
        // Passthrough: the client has the body; only its usage (and, without one, its text
        // size) is needed. A well-formed reply with a usage object is not parsed whole.
        if (std::optional<std::string> raw = json::memberRawValue(QByteArray::fromRawData(m_body.data(), qsizetype(m_body.size())), "usage");
            raw && !raw->empty() && raw->front() == '{') {
            bj::error_code uec;
            json::ScratchParser scratch(parseOptions());
            const bj::value &u = scratch.parse(*raw, uec);
            if (!uec && u.is_object()) {
                canon::Event e;
                e.type = canon::EventType::Usage;
                e.usage = usageFrom(u.get_object());
                if (e.usage.present()) {
                    out.push_back(std::move(e));
                    return;
                }
            }
        }
        m_textBytes = 0;
        canon::Events all;
        m_usageOnly = false;
        finish(all);
        m_usageOnly = true;
        keepUsageOnly(all, out, m_textBytes);
        return;
    }
    bj::error_code ec;
    json::ScratchParser scratch(parseOptions()); // no malloc per node for an ordinary reply
    const bj::value &v = scratch.parse(m_body, ec);
    const bj::object *body = ec ? nullptr : v.if_object();
    if (!body) {
        out.push_back(errorEvent(Error::make(ErrorCategory::UpstreamProtocol,
                                             QStringLiteral("The upstream provider sent a malformed response body."))));
        return;
    }
    if (const bj::object *err = objectAt(*body, "error")) {
        out.push_back(errorEvent(openaichat::errorFromObject(*err, 0)));
        return;
    }
    const bj::value *choicesV = body->if_contains("choices");
    const bj::array *choices = choicesV ? choicesV->if_array() : nullptr;
    const bj::object *choice = choices && !choices->empty() ? (*choices)[0].if_object() : nullptr;
    const bj::object *message = choice ? objectAt(*choice, "message") : nullptr;
    if (!message) {
        out.push_back(errorEvent(Error::make(ErrorCategory::UpstreamProtocol,
                                             QStringLiteral("The upstream response has no choices[0].message."))));
        return;
    }

    canon::Event start;
    start.type = canon::EventType::MessageStart;
    if (const bj::string *id = stringAt(*body, "id"))
        start.id = str(*id);
    if (const bj::string *model = stringAt(*body, "model"))
        start.model = str(*model);
    out.push_back(std::move(start));

    int index = 0;
    auto block = [&](canon::BlockKind kind, canon::EventType deltaType, std::string text, std::string id = {},
                     std::string name = {}) {
        canon::Event s;
        s.type = canon::EventType::BlockStart;
        s.index = index;
        s.blockKind = kind;
        s.id = std::move(id);
        s.name = std::move(name);
        out.push_back(std::move(s));
        if (!text.empty()) {
            canon::Event d;
            d.type = deltaType;
            d.index = index;
            d.text = std::move(text);
            out.push_back(std::move(d));
        }
        canon::Event stop;
        stop.type = canon::EventType::BlockStop;
        stop.index = index;
        out.push_back(std::move(stop));
        ++index;
    };

    for (const char *key : {"reasoning_content", "reasoning"}) {
        if (const bj::string *r = stringAt(*message, key); r && !r->empty()) {
            block(canon::BlockKind::Thinking, canon::EventType::ThinkingDelta, str(*r));
            break;
        }
    }
    std::string text;
    if (const bj::string *c = stringAt(*message, "content")) {
        text = str(*c);
    } else if (const bj::value *cv = message->if_contains("content"); cv && cv->is_array()) {
        for (const bj::value &part : cv->get_array()) {
            if (const bj::object *po = part.if_object())
                if (const bj::string *t = stringAt(*po, "text"))
                    text += str(*t);
        }
    }
    if (const bj::string *r = stringAt(*message, "refusal"); r && text.empty())
        text = str(*r);
    if (!text.empty())
        block(canon::BlockKind::Text, canon::EventType::TextDelta, std::move(text));

    bool sawTool = false;
    if (const bj::value *callsV = message->if_contains("tool_calls"); callsV && callsV->is_array()) {
        int n = 0;
        for (const bj::value &cv : callsV->get_array()) {
            const bj::object *call = cv.if_object();
            if (!call)
                continue;
            const bj::string *id = stringAt(*call, "id");
            const bj::object *fn = objectAt(*call, "function");
            const bj::string *name = fn ? stringAt(*fn, "name") : nullptr;
            std::string args;
            if (const bj::value *a = fn ? fn->if_contains("arguments") : nullptr) {
                if (a->is_string())
                    args = str(a->get_string());
                else if (!a->is_null())
                    args = bj::serialize(*a);
            }
            block(canon::BlockKind::ToolUse, canon::EventType::ToolArgsDelta, std::move(args),
                  id && !id->empty() ? str(*id) : "call_" + std::to_string(n), name ? str(*name) : std::string());
            sawTool = true;
            ++n;
        }
    }

    if (const bj::object *usage = objectAt(*body, "usage")) {
        canon::Event u;
        u.type = canon::EventType::Usage;
        u.usage = usageFrom(*usage);
        if (u.usage.present())
            out.push_back(std::move(u));
    }
    canon::Event fin;
    fin.type = canon::EventType::Finish;
    const bj::string *fr = stringAt(*choice, "finish_reason");
    fin.stop = fr ? stopFromFinishReason(*fr) : (sawTool ? canon::StopReason::ToolUse : canon::StopReason::EndTurn);
    out.push_back(std::move(fin));
}

} // namespace lip
