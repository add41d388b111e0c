// SPDX-License-Identifier: GPL-3.0-or-later
#include "backends/anthropic/anthropicdecoder.h"

#include "core/jsonsplice.h"
#include "core/logging.h"

#include <boost/json.hpp>

#include <algorithm>

namespace lip {

namespace bj = boost::json;

namespace {

constexpr size_t kMaxBody = 64u * 1024 * 1024; // a non-stream answer larger than this is not a message

std::string str(const bj::object &o, std::string_view key)
{
    const bj::value *v = o.if_contains(key);
    return v && v->is_string() ? std::string(v->get_string()) : std::string();
}

std::optional<int64_t> integer(const bj::object &o, std::string_view key)
{
    const bj::value *v = o.if_contains(key);
    if (!v)
        return std::nullopt;
    if (v->is_int64())
        return v->get_int64();
    if (v->is_uint64())
        return int64_t(v->get_uint64());
    if (v->is_double())
        return int64_t(v->get_double());
    return std::nullopt;
}

// Anthropic's input_tokens excludes the cached parts; canonical input includes them.
void readUsage(const bj::value *v, canon::Usage &usage)
{
    if (!v || !v->is_object())
        return;
    const bj::object &u = v->get_object();
    if (const auto in = integer(u, "input_tokens")) {
        usage.cacheRead = integer(u, "cache_read_input_tokens").value_or(0);
        usage.cacheWrite = integer(u, "cache_creation_input_tokens").value_or(0);
        usage.input = *in + usage.cacheRead + usage.cacheWrite;
    }
    if (const auto out = integer(u, "output_tokens"))
        usage.output = *out;
}

canon::StopReason stopReasonOf(std::string_view s)
{
    using S = canon::StopReason;
    if (s == "end_turn")
        return S::EndTurn;
    if (s == "max_tokens" || s == "model_context_window_exceeded")
        return S::MaxTokens;
    if (s == "tool_use")
        return S::ToolUse;
    if (s == "stop_sequence")
        return S::StopSequence;
    if (s == "refusal")
        return S::Refusal;
    if (s == "pause_turn")
        return S::PauseTurn;
    return S::EndTurn;
}

canon::Event ev(canon::EventType type, int index = -1, std::string text = {})
{
    canon::Event e;
    e.type = type;
    e.index = index;
    e.text = std::move(text);
    return e;
}

// The thinking text of a content block start (thinking blocks only).
int64_t thinkingBytesOf(const bj::object &cb)
{
    const bj::value *t = cb.if_contains("type");
    if (!t || !t->is_string() || t->get_string() != "thinking")
        return 0;
    return int64_t(str(cb, "thinking").size());
}

canon::Event usageEvent(const canon::Usage &usage)
{
    canon::Event e = ev(canon::EventType::Usage);
    e.usage = usage;
    return e;
}

canon::Event finishEvent(const bj::object &delta)
{
    canon::Event e = ev(canon::EventType::Finish);
    e.stop = stopReasonOf(str(delta, "stop_reason"));
    e.stopSequence = str(delta, "stop_sequence");
    return e;
}

} // namespace

int64_t anthropicReasoningEstimate(int64_t thinkingBytes, int64_t output)
{
    if (thinkingBytes <= 0)
        return 0;
    int64_t estimate = std::max<int64_t>(1, (thinkingBytes + 3) / 4);
    if (output >= 0)
        estimate = std::min(estimate, output);
    return estimate;
}

namespace {

Error errorFrom(const bj::object &o, int status)
{
    Error e;
    std::string type;
    if (const bj::value *err = o.if_contains("error"); err && err->is_object()) {
        type = str(err->get_object(), "type");
        e.message = QString::fromStdString(str(err->get_object(), "message"));
    }
    e.category = anthropicErrorCategory(type, status);
    e.upstreamType = QByteArray::fromStdString(type);
    if (e.message.isEmpty())
        e.message = QStringLiteral("Anthropic backend reported an error");
    return e;
}

// A content block start → events. Returns false for block types without a canonical kind.
bool blockStart(const bj::object &cb, int index, canon::Events &out, bool whole)
{
    const std::string type = str(cb, "type");
    if (type == "text") {
        out.push_back(ev(canon::EventType::BlockStart, index));
        out.back().blockKind = canon::BlockKind::Text;
        if (std::string t = str(cb, "text"); !t.empty())
            out.push_back(ev(canon::EventType::TextDelta, index, std::move(t)));
        return true;
    }
    if (type == "thinking") {
        out.push_back(ev(canon::EventType::BlockStart, index));
        out.back().blockKind = canon::BlockKind::Thinking;
        if (std::string t = str(cb, "thinking"); !t.empty())
            out.push_back(ev(canon::EventType::ThinkingDelta, index, std::move(t)));
        if (std::string s = str(cb, "signature"); !s.empty())
            out.push_back(ev(canon::EventType::Signature, index, std::move(s)));
        return true;
    }
    if (type == "redacted_thinking") {
        out.push_back(ev(canon::EventType::BlockStart, index));
        out.back().blockKind = canon::BlockKind::RedactedThinking;
        out.push_back(ev(canon::EventType::Signature, index, str(cb, "data")));
        return true;
    }
    if (type == "tool_use") {
        canon::Event e = ev(canon::EventType::BlockStart, index);
        e.blockKind = canon::BlockKind::ToolUse;
        e.id = str(cb, "id");
        e.name = str(cb, "name");
        out.push_back(std::move(e));
        const bj::value *input = cb.if_contains("input");
        // A stream starts with input {} and sends the arguments as deltas; a whole message has them here.
        if (input && input->is_object() && (whole || !input->get_object().empty()))
            out.push_back(ev(canon::EventType::ToolArgsDelta, index, bj::serialize(*input)));
        return true;
    }
    qCDebug(lcBackendAnthropic) << "content block type without a canonical kind ignored:"
                                << QByteArray::fromStdString(type);
    return false;
}

} // namespace

// ---- stream ---------------------------------------------------------------------------------

void AnthropicStreamDecoder::fail(Error error, canon::Events &out)
{
    if (m_failed)
        return;
    m_failed = true;
    canon::Event e = ev(canon::EventType::Error);
    e.error = std::move(error);
    out.push_back(std::move(e));
}

void AnthropicStreamDecoder::feed(std::string_view bytes, canon::Events &out)
{
    if (m_failed)
        return;
    m_pending.clear();
    m_parser.feed(bytes, m_pending);
    for (const auto &e : m_pending) {
        if (m_failed)
            break;
        if (m_usageOnly && skippedUsageOnly(e))
            continue;
        handle(e, out);
    }
    m_pending.clear();
}

// Usage-only (passthrough): text deltas, pings and block stops — all but three or four events
// of a reply — are measured by a byte scan instead of a DOM; the rest (message_start and
// message_delta carry the usage, block starts the kinds, errors) are handled as usual and only
// their Usage and Error events kept.
bool AnthropicStreamDecoder::skippedUsageOnly(const SseParser::Event &sse)
{
    if (sse.event == "content_block_delta") {
        const std::string_view d = sse.data;
        const int64_t thinking = int64_t(json::stringMemberBytes(d, "thinking"));
        m_thinkingBytes += thinking;
        m_textBytes += thinking + int64_t(json::stringMemberBytes(d, "text"))
                       + int64_t(json::stringMemberBytes(d, "partial_json"));
        return true;
    }
    if (sse.event == "ping" || sse.event == "content_block_stop")
        return true;
    if (sse.event == "message_stop") {
        m_stopped = true;
        return true;
    }
    return false;
}

void AnthropicStreamDecoder::finish(canon::Events &out)
{
    if (!m_failed) {
        m_pending.clear();
        m_parser.finish(m_pending);
        for (const auto &e : m_pending) {
            if (m_failed)
                break;
            handle(e, out);
        }
        m_pending.clear();
    }
    if (!m_stopped && !m_failed)
        fail(Error::make(ErrorCategory::UpstreamUnreachable,
                         QStringLiteral("Anthropic backend stream ended early (no message_stop)")),
             out);
}

void AnthropicStreamDecoder::handle(const SseParser::Event &sse, canon::Events &out)
{
    if (m_usageOnly && &out != &m_scratchEvents) {
        m_scratchEvents.clear();
        handle(sse, m_scratchEvents);
        for (canon::Event &e : m_scratchEvents) {
            if (e.type == canon::EventType::Usage || e.type == canon::EventType::Error)
                out.push_back(std::move(e));
            else if (e.type == canon::EventType::TextDelta || e.type == canon::EventType::ToolArgsDelta
                     || e.type == canon::EventType::ThinkingDelta)
                m_textBytes += int64_t(e.text.size());
        }
        m_scratchEvents.clear();
        return;
    }
    if (sse.data.empty()) {
        if (sse.event == "message_stop")
            m_stopped = true;
        return; // ping without data, keep-alive
    }
    boost::system::error_code ec;
    const bj::value &v = m_json.parse(sse.data, ec);
    if (ec || !v.is_object()) {
        fail(Error::make(ErrorCategory::UpstreamProtocol,
                         QStringLiteral("Anthropic backend sent a malformed stream event")),
             out);
        return;
    }
    const bj::object &o = v.get_object();
    std::string type = str(o, "type");
    if (type.empty())
        type = sse.event;
    const int index = int(integer(o, "index").value_or(-1));

    if (type == "message_start") {
        const bj::value *m = o.if_contains("message");
        if (m && m->is_object()) {
            canon::Event e = ev(canon::EventType::MessageStart);
            e.id = str(m->get_object(), "id");
            e.model = str(m->get_object(), "model");
            out.push_back(std::move(e));
            readUsage(m->get_object().if_contains("usage"), m_usage);
            if (m_usage.present())
                out.push_back(usageEvent(m_usage));
        }
    } else if (type == "content_block_start") {
        const bj::value *cb = o.if_contains("content_block");
        if (index < 0 || index > 100000 || !cb || !cb->is_object())
            return;
        if (size_t(index) >= m_known.size())
            m_known.resize(size_t(index) + 1, false);
        m_known[size_t(index)] = blockStart(cb->get_object(), index, out, false);
        m_thinkingBytes += thinkingBytesOf(cb->get_object());
    } else if (type == "content_block_delta") {
        if (index < 0 || size_t(index) >= m_known.size() || !m_known[size_t(index)])
            return;
        const bj::value *d = o.if_contains("delta");
        if (!d || !d->is_object())
            return;
        const bj::object &delta = d->get_object();
        const std::string dt = str(delta, "type");
        if (dt == "text_delta")
            out.push_back(ev(canon::EventType::TextDelta, index, str(delta, "text")));
        else if (dt == "input_json_delta")
            out.push_back(ev(canon::EventType::ToolArgsDelta, index, str(delta, "partial_json")));
        else if (dt == "thinking_delta") {
            std::string text = str(delta, "thinking");
            m_thinkingBytes += int64_t(text.size());
            out.push_back(ev(canon::EventType::ThinkingDelta, index, std::move(text)));
        }
        else if (dt == "signature_delta")
            out.push_back(ev(canon::EventType::Signature, index, str(delta, "signature")));
        // citations_delta and future kinds: nothing canonical to say
    } else if (type == "content_block_stop") {
        if (index >= 0 && size_t(index) < m_known.size() && m_known[size_t(index)])
            out.push_back(ev(canon::EventType::BlockStop, index));
    } else if (type == "message_delta") {
        if (const bj::value *u = o.if_contains("usage")) {
            readUsage(u, m_usage);
            m_usage.reasoning = anthropicReasoningEstimate(m_thinkingBytes, m_usage.output);
            out.push_back(usageEvent(m_usage));
        }
        const bj::value *d = o.if_contains("delta");
        if (d && d->is_object()) {
            const bj::value *sr = d->get_object().if_contains("stop_reason");
            if (sr && sr->is_string())
                out.push_back(finishEvent(d->get_object()));
        }
    } else if (type == "message_stop") {
        m_stopped = true;
    } else if (type == "error") {
        fail(errorFrom(o, 0), out);
    }
    // ping and unknown event types: nothing to do
}

// ---- whole message --------------------------------------------------------------------------

void AnthropicJsonDecoder::feed(std::string_view bytes, canon::Events &)
{
    if (m_tooLarge)
        return;
    if (m_body.size() + bytes.size() > kMaxBody) {
        m_tooLarge = true;
        m_body.clear();
        return;
    }
    m_body.append(bytes);
}

void AnthropicJsonDecoder::finish(canon::Events &out)
{
    auto fail = [&](ErrorCategory c, const QString &message) {
        canon::Event e = ev(canon::EventType::Error);
        e.error = Error::make(c, message);
        out.push_back(std::move(e));
    };
    if (m_tooLarge)
        return fail(ErrorCategory::UpstreamProtocol, QStringLiteral("Anthropic backend answer is too large"));
    if (m_usageOnly) {
        // Passthrough: the client has the body; the usage member and the thinking text's size
        // (for the reasoning estimate) are read without parsing the whole message.
        const QByteArray body = QByteArray::fromRawData(m_body.data(), qsizetype(m_body.size()));
        if (std::optional<std::string> raw = json::memberRawValue(body, "usage"); raw && !raw->empty() && raw->front() == '{') {
            boost::system::error_code uec;
            json::ScratchParser scratch;
            const bj::value &u = scratch.parse(*raw, uec);
            canon::Usage usage;
            if (!uec)
                readUsage(&u, usage);
            if (usage.present()) {
                usage.reasoning = anthropicReasoningEstimate(int64_t(json::stringMemberBytes(m_body, "thinking")), usage.output);
                out.push_back(usageEvent(usage));
                m_body.clear();
                return;
            }
        }
        canon::Events all;
        m_usageOnly = false;
        finish(all);
        m_usageOnly = true;
        for (canon::Event &e : all) {
            if (e.type == canon::EventType::Usage || e.type == canon::EventType::Error)
                out.push_back(std::move(e));
            else if (e.type == canon::EventType::TextDelta || e.type == canon::EventType::ToolArgsDelta
                     || e.type == canon::EventType::ThinkingDelta)
                m_textBytes += int64_t(e.text.size());
        }
        return;
    }
    boost::system::error_code ec;
    json::ScratchParser scratch; // no malloc per node for an ordinary reply
    const bj::value &v = scratch.parse(m_body, ec);
    m_body.clear();
    if (ec || !v.is_object())
        return fail(ErrorCategory::UpstreamProtocol,
                    QStringLiteral("Anthropic backend answered with malformed JSON"));
    const bj::object &o = v.get_object();
    const std::string type = str(o, "type");
    if (type == "error") {
        canon::Event e = ev(canon::EventType::Error);
        e.error = errorFrom(o, 0);
        out.push_back(std::move(e));
        return;
    }
    const bj::value *content = o.if_contains("content");
    if (type != "message" || !content || !content->is_array())
        return fail(ErrorCategory::UpstreamProtocol,
                    QStringLiteral("Anthropic backend answered something that is not a message"));
    canon::Event start = ev(canon::EventType::MessageStart);
    start.id = str(o, "id");
    start.model = str(o, "model");
    out.push_back(std::move(start));
    canon::Usage usage;
    readUsage(o.if_contains("usage"), usage);
    int64_t thinkingBytes = 0;
    for (const bj::value &b : content->get_array())
        if (b.is_object())
            thinkingBytes += thinkingBytesOf(b.get_object());
    usage.reasoning = anthropicReasoningEstimate(thinkingBytes, usage.output);
    if (usage.present())
        out.push_back(usageEvent(usage));
    int index = 0;
    for (const bj::value &b : content->get_array()) {
        if (b.is_object() && blockStart(b.get_object(), index, out, true)) {
            out.push_back(ev(canon::EventType::BlockStop, index));
            ++index;
        }
    }
    out.push_back(finishEvent(o));
}

} // namespace lip
