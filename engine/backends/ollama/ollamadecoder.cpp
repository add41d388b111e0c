// SPDX-License-Identifier: GPL-3.0-or-later
#include "backends/ollama/ollamadecoder.h"

#include "backends/openai_chat/openaichatdecoder.h" // redactSecrets
#include "core/logging.h"

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include <QRandomGenerator>

#include <algorithm>

namespace lip {

namespace {

namespace bj = boost::json;

// A line (stream) or a body (non-stream) larger than this is refused rather than buffered.
constexpr std::size_t kMaxLineBytes = 64u * 1024 * 1024;
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

std::string_view trimmed(std::string_view s)
{
    while (!s.empty() && (s.front() == ' ' || s.front() == '\r' || s.front() == '\n' || s.front() == '\t'))
        s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\r' || s.back() == '\n' || s.back() == '\t'))
        s.remove_suffix(1);
    return s;
}

canon::StopReason stopFromDoneReason(std::string_view reason, bool sawTool)
{
    if (reason == "length")
        return canon::StopReason::MaxTokens;
    // Ollama says "stop" after tool calls too; the calls are what the client must act on.
    return sawTool ? canon::StopReason::ToolUse : canon::StopReason::EndTurn; // stop, load, unload, unknown
}

QString fromUtf8(std::string_view s)
{
    return QString::fromUtf8(s.data(), qsizetype(s.size()));
}

} // namespace

namespace ollama {

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

Error errorFromBody(const bj::object &body, int status)
{
    Error e;
    e.upstreamStatus = status;
    QString message;
    const bj::value *err = body.if_contains("error");
    if (err && err->is_string()) {
        message = fromUtf8(err->get_string());
    } else if (err && err->is_object()) {
        // Ollama's cloud and proxies in front of it may answer OpenAI-style.
        if (const bj::string *m = stringAt(err->get_object(), "message"))
            message = fromUtf8(*m);
    }
    if (message.size() > 300)
        message = message.left(300) + QStringLiteral("…");
    if (message.isEmpty())
        message = status ? QStringLiteral("The Ollama server answered HTTP %1.").arg(status)
                         : QStringLiteral("The Ollama server reported an error.");
    e.message = openaichat::redactSecrets(message);
    e.category = status ? categoryForStatus(status) : ErrorCategory::Upstream;
    return e;
}

} // namespace ollama

void OllamaDecoder::feed(std::string_view bytes, canon::Events &out)
{
    if (m_done)
        return;
    if (!m_stream) {
        if (m_buffer.size() + bytes.size() > kMaxBodyBytes) {
            fail(Error::make(ErrorCategory::UpstreamProtocol, QStringLiteral("The Ollama response is too large.")), out);
            m_buffer.clear();
            return;
        }
        m_buffer.append(bytes);
        return;
    }
    while (!bytes.empty() && !m_done) {
        const std::size_t nl = bytes.find('\n');
        if (nl == std::string_view::npos) {
            if (m_buffer.size() + bytes.size() > kMaxLineBytes) {
                m_buffer.clear();
                fail(Error::make(ErrorCategory::UpstreamProtocol, QStringLiteral("The Ollama stream sent an oversized line.")), out);
                return;
            }
            m_buffer.append(bytes);
            return;
        }
        if (m_buffer.empty()) {
            onLine(bytes.substr(0, nl), out); // the common case: no copy
        } else {
            m_buffer.append(bytes.substr(0, nl));
            const std::string line = std::move(m_buffer);
            m_buffer.clear();
            onLine(line, out);
        }
        bytes.remove_prefix(nl + 1);
    }
}

void OllamaDecoder::finish(canon::Events &out)
{
    if (!m_done && !m_buffer.empty()) {
        const std::string rest = std::move(m_buffer);
        m_buffer.clear();
        onLine(rest, out);
    }
    if (m_done)
        return;
    fail(Error::make(ErrorCategory::UpstreamUnreachable,
                     m_started ? QStringLiteral("The Ollama stream ended early.")
                               : QStringLiteral("The Ollama server sent an empty response.")),
         out);
}

void OllamaDecoder::fail(Error error, canon::Events &out)
{
    canon::Event e;
    e.type = canon::EventType::Error;
    e.error = std::move(error);
    out.push_back(std::move(e));
    m_done = true;
}

void OllamaDecoder::onLine(std::string_view line, canon::Events &out)
{
    line = trimmed(line);
    if (line.empty())
        return;
    bj::error_code ec;
    bj::parse_options opts;
    opts.max_depth = 512;
    bj::value v = bj::parse(line, ec, {}, opts);
    if (ec || !v.is_object()) {
        fail(Error::make(ErrorCategory::UpstreamProtocol,
                         m_stream ? QStringLiteral("The Ollama server sent a malformed stream line.")
                                  : QStringLiteral("The Ollama server sent a malformed response body.")),
             out);
        return;
    }
    onObject(v.get_object(), out);
}

void OllamaDecoder::openBlock(canon::BlockKind kind, canon::Events &out)
{
    closeCurrent(out);
    canon::Event e;
    e.type = canon::EventType::BlockStart;
    e.index = m_nextIndex;
    e.blockKind = kind;
    out.push_back(std::move(e));
    m_current = m_nextIndex++;
    m_currentKind = kind;
}

void OllamaDecoder::closeCurrent(canon::Events &out)
{
    if (m_current < 0)
        return;
    canon::Event e;
    e.type = canon::EventType::BlockStop;
    e.index = m_current;
    out.push_back(std::move(e));
    m_current = -1;
}

void OllamaDecoder::onObject(const bj::object &object, canon::Events &out)
{
    if (object.contains("error")) {
        fail(ollama::errorFromBody(object, 0), out);
        return;
    }
    if (!m_started) {
        m_started = true;
        canon::Event e;
        e.type = canon::EventType::MessageStart;
        // Ollama has no response id; the id only has to be unique for the client.
        const quint64 r = QRandomGenerator::global()->generate64();
        m_idPrefix = QByteArray::number(r, 16).toStdString();
        e.id = "msg_ollama_" + m_idPrefix;
        if (const bj::string *model = stringAt(object, "model"))
            e.model = str(*model);
        out.push_back(std::move(e));
    }

    const bj::value *messageV = object.if_contains("message");
    if (const bj::object *message = messageV ? messageV->if_object() : nullptr) {
        if (const bj::string *thinking = stringAt(*message, "thinking"); thinking && !thinking->empty()) {
            if (m_current < 0 || m_currentKind != canon::BlockKind::Thinking)
                openBlock(canon::BlockKind::Thinking, out);
            canon::Event e;
            e.type = canon::EventType::ThinkingDelta;
            e.index = m_current;
            e.text = str(*thinking);
            out.push_back(std::move(e));
        }
        if (const bj::string *content = stringAt(*message, "content"); content && !content->empty()) {
            if (m_current < 0 || m_currentKind != canon::BlockKind::Text)
                openBlock(canon::BlockKind::Text, out);
            canon::Event e;
            e.type = canon::EventType::TextDelta;
            e.index = m_current;
            e.text = str(*content);
            out.push_back(std::move(e));
        }
        const bj::value *callsV = message->if_contains("tool_calls");
        if (const bj::array *calls = callsV ? callsV->if_array() : nullptr) {
            for (const bj::value &cv : *calls) {
                const bj::object *call = cv.if_object();
                const bj::value *fnV = call ? call->if_contains("function") : nullptr;
                const bj::object *fn = fnV ? fnV->if_object() : nullptr;
                if (!fn) {
                    qCDebug(lcTranslate) << "ollama: tool call without a function object ignored";
                    continue;
                }
                closeCurrent(out);
                canon::Event start;
                start.type = canon::EventType::BlockStart;
                start.index = m_nextIndex++;
                start.blockKind = canon::BlockKind::ToolUse;
                const bj::string *id = stringAt(*call, "id");
                start.id = id && !id->empty() ? str(*id)
                                              : "call_" + m_idPrefix + "_" + std::to_string(start.index);
                if (const bj::string *name = stringAt(*fn, "name"))
                    start.name = str(*name);
                const int index = start.index;
                out.push_back(std::move(start));
                std::string args;
                if (const bj::value *a = fn->if_contains("arguments")) {
                    if (a->is_string())
                        args = str(a->get_string());
                    else if (!a->is_null())
                        args = bj::serialize(*a);
                }
                if (args.empty())
                    args = "{}";
                canon::Event delta;
                delta.type = canon::EventType::ToolArgsDelta;
                delta.index = index;
                delta.text = std::move(args);
                out.push_back(std::move(delta));
                canon::Event stop;
                stop.type = canon::EventType::BlockStop;
                stop.index = index;
                out.push_back(std::move(stop));
                m_sawTool = true;
            }
        }
    }

    const bj::value *doneV = object.if_contains("done");
    const bool done = doneV && doneV->is_bool() && doneV->get_bool();
    // A non-stream body is the whole answer even when a proxy in front dropped "done".
    if (!done && m_stream)
        return;
    closeCurrent(out);
    canon::Usage usage;
    usage.input = intAt(object, "prompt_eval_count", -1);
    usage.output = intAt(object, "eval_count", -1);
    if (usage.present()) {
        canon::Event e;
        e.type = canon::EventType::Usage;
        e.usage = usage;
        out.push_back(std::move(e));
    }
    canon::Event fin;
    fin.type = canon::EventType::Finish;
    const bj::string *reason = stringAt(object, "done_reason");
    fin.stop = stopFromDoneReason(reason ? std::string_view(*reason) : std::string_view(), m_sawTool);
    out.push_back(std::move(fin));
    m_done = true;
}

} // namespace lip
