// SPDX-License-Identifier: GPL-3.0-or-later
#include "frontends/anthropic/anthropicencoder.h"

#include "core/jsonsplice.h"
#include "core/logging.h"
#include "frontends/anthropic/anthropicfrontend.h"

#include <boost/json.hpp>

#include <QRandomGenerator>

namespace lip {

namespace bj = boost::json;

namespace {

std::string randomId(std::string_view prefix)
{
    static const char alphabet[] = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    std::string id(prefix);
    for (int i = 0; i < 24; ++i)
        id += alphabet[QRandomGenerator::global()->bounded(62)];
    return id;
}

void event(QByteArray &out, std::string_view name, const std::string &json)
{
    out.append("event: ").append(name.data(), qsizetype(name.size())).append("\ndata: ");
    out.append(json.data(), qsizetype(json.size())).append("\n\n");
}

int64_t nonNegative(int64_t v)
{
    return v < 0 ? 0 : v;
}

} // namespace

AnthropicEncoder::AnthropicEncoder(std::string clientModel, bool stream, int64_t inputEstimate)
    : m_model(std::move(clientModel)), m_stream(stream), m_inputEstimate(inputEstimate)
{
}

QByteArray AnthropicEncoder::contentType() const
{
    return m_stream ? QByteArrayLiteral("text/event-stream; charset=utf-8")
                    : QByteArrayLiteral("application/json");
}

std::string AnthropicEncoder::usageJson(bool start) const
{
    if (start && !m_usage.present() && m_inputEstimate > 0) {
        // Nothing reported yet (only Anthropic reports usage at the start): the estimate keeps
        // clients that read message_start (context meters) from seeing an empty prompt.
        return "{\"input_tokens\":" + std::to_string(m_inputEstimate)
               + ",\"cache_creation_input_tokens\":0,\"cache_read_input_tokens\":0,\"output_tokens\":1}";
    }
    // Anthropic's input_tokens excludes the cached parts; canonical input includes them.
    const int64_t cacheRead = nonNegative(m_usage.cacheRead);
    const int64_t cacheWrite = nonNegative(m_usage.cacheWrite);
    const int64_t input = m_usage.input >= 0 ? nonNegative(m_usage.input - cacheRead - cacheWrite) : 0;
    const int64_t output = nonNegative(m_usage.output);
    return "{\"input_tokens\":" + std::to_string(input) + ",\"cache_creation_input_tokens\":"
           + std::to_string(cacheWrite) + ",\"cache_read_input_tokens\":" + std::to_string(cacheRead)
           + ",\"output_tokens\":" + std::to_string(output) + "}";
}

void AnthropicEncoder::ensureStarted(QByteArray &out)
{
    if (m_started)
        return;
    m_started = true;
    if (m_id.empty())
        m_id = randomId("msg_01");
    if (!m_stream)
        return;
    event(out, "message_start",
          "{\"type\":\"message_start\",\"message\":{\"id\":" + json::quoted(m_id)
              + ",\"type\":\"message\",\"role\":\"assistant\",\"model\":" + json::quoted(m_model)
              + ",\"content\":[],\"stop_reason\":null,\"stop_sequence\":null,\"usage\":"
              + usageJson(true) + "}}");
}

void AnthropicEncoder::sendStart(Block &b, QByteArray &out)
{
    if (b.startSent)
        return;
    b.startSent = true;
    if (!m_stream)
        return;
    std::string block;
    switch (b.kind) {
    case canon::BlockKind::Thinking:
        block = "{\"type\":\"thinking\",\"thinking\":\"\",\"signature\":\"\"}";
        break;
    case canon::BlockKind::RedactedThinking:
        block = "{\"type\":\"redacted_thinking\",\"data\":" + json::quoted(b.signature) + "}";
        break;
    case canon::BlockKind::ToolUse:
        block = "{\"type\":\"tool_use\",\"id\":" + json::quoted(b.id) + ",\"name\":"
                + json::quoted(b.name) + ",\"input\":{}}";
        break;
    default:
        block = "{\"type\":\"text\",\"text\":\"\"}";
        break;
    }
    event(out, "content_block_start",
          "{\"type\":\"content_block_start\",\"index\":" + std::to_string(b.index)
              + ",\"content_block\":" + block + "}");
    if (!m_pinged) { // the real API pings right after the first block start
        m_pinged = true;
        event(out, "ping", "{\"type\": \"ping\"}");
    }
}

void AnthropicEncoder::closeBlock(Block &b, QByteArray &out)
{
    if (!b.open)
        return;
    sendStart(b, out);
    b.open = false;
    if (b.kind == canon::BlockKind::Thinking && b.signature.empty()) {
        // The provider signed nothing; Anthropic clients expect every thinking block signed.
        b.signature = anthropic::proxySignature(b.text);
        if (m_stream)
            event(out, "content_block_delta",
                  "{\"type\":\"content_block_delta\",\"index\":" + std::to_string(b.index)
                      + ",\"delta\":{\"type\":\"signature_delta\",\"signature\":"
                      + json::quoted(b.signature) + "}}");
    }
    if (m_open >= 0 && &m_blocks[size_t(m_open)] == &b)
        m_open = -1;
    if (m_stream)
        event(out, "content_block_stop",
              "{\"type\":\"content_block_stop\",\"index\":" + std::to_string(b.index) + "}");
}

void AnthropicEncoder::closeOpen(QByteArray &out)
{
    if (m_open >= 0)
        closeBlock(m_blocks[size_t(m_open)], out);
}

AnthropicEncoder::Block &AnthropicEncoder::openBlock(int eventIndex, canon::BlockKind kind,
                                                     const std::string &id,
                                                     const std::string &name, QByteArray &out)
{
    // Anthropic clients expect one block at a time: a new block ends the previous one.
    closeOpen(out);
    Block b;
    b.index = int(m_blocks.size());
    b.kind = kind;
    b.id = id;
    b.name = name;
    if (kind == canon::BlockKind::ToolUse && b.id.empty())
        b.id = randomId("toolu_01");
    if (kind == canon::BlockKind::Image || kind == canon::BlockKind::Document
        || kind == canon::BlockKind::ToolResult) {
        qCDebug(lcTranslate) << "anthropic: an output block of kind" << int(kind) << "sent as text";
        b.kind = canon::BlockKind::Text;
    }
    m_blocks.push_back(std::move(b));
    m_byEventIndex[eventIndex] = m_blocks.size() - 1;
    m_open = int(m_blocks.size() - 1);
    Block &added = m_blocks.back();
    if (added.kind != canon::BlockKind::RedactedThinking) // its start carries the data
        sendStart(added, out);
    return added;
}

AnthropicEncoder::Block &AnthropicEncoder::blockFor(const canon::Event &e, canon::BlockKind kind,
                                                    QByteArray &out)
{
    const auto it = m_byEventIndex.find(e.index);
    if (it != m_byEventIndex.end())
        return m_blocks[it->second];
    return openBlock(e.index, kind, e.id, e.name, out);
}

void AnthropicEncoder::encode(const canon::Event &e, QByteArray &out)
{
    if (m_failed || m_done)
        return;
    using T = canon::EventType;
    switch (e.type) {
    case T::MessageStart:
        if (!m_started && !e.id.empty())
            m_id = e.id.rfind("msg_", 0) == 0 ? e.id : "msg_" + e.id;
        return;
    case T::Usage:
        // Cumulative: the latest wins, but a partial report keeps what is already known.
        if (e.usage.input >= 0) {
            m_usage.input = e.usage.input;
            m_usage.cacheRead = e.usage.cacheRead;
            m_usage.cacheWrite = e.usage.cacheWrite;
        }
        if (e.usage.output >= 0)
            m_usage.output = e.usage.output;
        if (e.usage.reasoning > 0)
            m_usage.reasoning = e.usage.reasoning;
        return;
    case T::BlockStart: {
        ensureStarted(out);
        if (m_byEventIndex.count(e.index)) { // a repeated start: treat as the same block
            return;
        }
        openBlock(e.index, e.blockKind, e.id, e.name, out);
        return;
    }
    case T::TextDelta:
    case T::ThinkingDelta:
    case T::ToolArgsDelta: {
        ensureStarted(out);
        const canon::BlockKind implied = e.type == T::TextDelta       ? canon::BlockKind::Text
                                         : e.type == T::ThinkingDelta ? canon::BlockKind::Thinking
                                                                       : canon::BlockKind::ToolUse;
        Block &b = blockFor(e, implied, out);
        b.text += e.text;
        if (!m_stream || e.text.empty())
            return;
        std::string delta;
        if (b.kind == canon::BlockKind::ToolUse)
            delta = "{\"type\":\"input_json_delta\",\"partial_json\":" + json::quoted(e.text) + "}";
        else if (b.kind == canon::BlockKind::Thinking)
            delta = "{\"type\":\"thinking_delta\",\"thinking\":" + json::quoted(e.text) + "}";
        else if (b.kind == canon::BlockKind::Text)
            delta = "{\"type\":\"text_delta\",\"text\":" + json::quoted(e.text) + "}";
        else
            return;
        event(out, "content_block_delta",
              "{\"type\":\"content_block_delta\",\"index\":" + std::to_string(b.index)
                  + ",\"delta\":" + delta + "}");
        return;
    }
    case T::Signature: {
        ensureStarted(out);
        const auto it = m_byEventIndex.find(e.index);
        if (it == m_byEventIndex.end()) {
            qCDebug(lcTranslate) << "anthropic: a signature for no open block dropped";
            return;
        }
        Block &b = m_blocks[it->second];
        if (b.kind == canon::BlockKind::RedactedThinking) {
            b.signature += e.text;
            sendStart(b, out);
            return;
        }
        if (b.kind != canon::BlockKind::Thinking) {
            // e.g. a Gemini thoughtSignature on a text part: Anthropic has no place for it.
            qCDebug(lcTranslate) << "anthropic: a signature on a non-thinking block dropped";
            return;
        }
        b.signature += e.text;
        if (m_stream && !e.text.empty())
            event(out, "content_block_delta",
                  "{\"type\":\"content_block_delta\",\"index\":" + std::to_string(b.index)
                      + ",\"delta\":{\"type\":\"signature_delta\",\"signature\":"
                      + json::quoted(e.text) + "}}");
        return;
    }
    case T::BlockStop: {
        const auto it = m_byEventIndex.find(e.index);
        if (it != m_byEventIndex.end())
            closeBlock(m_blocks[it->second], out);
        return;
    }
    case T::Finish:
        ensureStarted(out);
        closeOpen(out);
        m_finishSeen = true;
        m_stop = e.stop;
        m_stopSequence = e.stopSequence;
        return;
    case T::Error:
        m_failed = true;
        m_error = e.error;
        if (m_stream)
            out.append(anthropicFrontend().renderStreamError(e.error));
        return;
    }
}

std::string AnthropicEncoder::stopReason() const
{
    using S = canon::StopReason;
    bool anyTool = false;
    for (const Block &b : m_blocks)
        anyTool = anyTool || b.kind == canon::BlockKind::ToolUse;
    switch (m_stop) {
    case S::MaxTokens: return "max_tokens";
    case S::ToolUse: return "tool_use";
    case S::StopSequence: return "stop_sequence";
    case S::Refusal:
    case S::ContentFilter: return "refusal";
    case S::PauseTurn: return "pause_turn";
    default: return anyTool ? "tool_use" : "end_turn"; // some providers say "stop" after calls
    }
}

QByteArray AnthropicEncoder::messageJson() const
{
    bj::array content;
    for (const Block &b : m_blocks) {
        bj::object o;
        switch (b.kind) {
        case canon::BlockKind::Thinking:
            o["type"] = "thinking";
            o["thinking"] = b.text;
            o["signature"] = b.signature;
            break;
        case canon::BlockKind::RedactedThinking:
            o["type"] = "redacted_thinking";
            o["data"] = b.signature;
            break;
        case canon::BlockKind::ToolUse: {
            o["type"] = "tool_use";
            o["id"] = b.id;
            o["name"] = b.name;
            boost::system::error_code ec;
            bj::value input = b.text.empty() ? bj::value(bj::object()) : bj::parse(b.text, ec);
            if (ec || !input.is_object()) {
                qCDebug(lcTranslate) << "anthropic: tool arguments are not a JSON object; sent as {}";
                input = bj::object();
            }
            o["input"] = std::move(input);
            break;
        }
        default:
            o["type"] = "text";
            o["text"] = b.text;
            break;
        }
        content.push_back(std::move(o));
    }
    bj::object msg;
    msg["id"] = m_id;
    msg["type"] = "message";
    msg["role"] = "assistant";
    msg["model"] = m_model;
    msg["content"] = std::move(content);
    msg["stop_reason"] = stopReason();
    if (m_stop == canon::StopReason::StopSequence && !m_stopSequence.empty())
        msg["stop_sequence"] = m_stopSequence;
    else
        msg["stop_sequence"] = nullptr;
    msg["usage"] = bj::parse(usageJson());
    return QByteArray::fromStdString(bj::serialize(msg));
}

void AnthropicEncoder::finish(QByteArray &out)
{
    if (m_done)
        return;
    m_done = true;
    if (m_failed) {
        // A non-stream response cannot change its status any more; the envelope at least
        // tells the client what happened (the server normally renders the error itself).
        if (!m_stream)
            out.append(anthropic::errorEnvelope(m_error));
        return;
    }
    ensureStarted(out);
    closeOpen(out);
    if (!m_stream) {
        out.append(messageJson());
        return;
    }
    const std::string stopSeq = m_stop == canon::StopReason::StopSequence && !m_stopSequence.empty()
                                    ? json::quoted(m_stopSequence)
                                    : std::string("null");
    event(out, "message_delta",
          "{\"type\":\"message_delta\",\"delta\":{\"stop_reason\":" + json::quoted(stopReason())
              + ",\"stop_sequence\":" + stopSeq + "},\"usage\":" + usageJson() + "}");
    event(out, "message_stop", "{\"type\":\"message_stop\"}");
}

} // namespace lip
