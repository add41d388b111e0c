// SPDX-License-Identifier: GPL-3.0-or-later
#include "frontends/openai_chat/openaichatencoder.h"

#include "core/logging.h"
#include "frontends/openai_chat/openaichatfrontend.h"

#include <boost/json/serialize.hpp>

#include <QDateTime>
#include <QRandomGenerator>

#include <algorithm>

namespace lip {

namespace {

std::string randomId()
{
    static const char alphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    std::string id = "chatcmpl-";
    auto *rng = QRandomGenerator::global();
    for (int i = 0; i < 29; ++i)
        id.push_back(alphabet[rng->bounded(int(sizeof(alphabet) - 1))]);
    return id;
}

} // namespace

OpenAIChatEncoder::OpenAIChatEncoder(std::string clientModel, bool stream, bool includeUsage)
    : m_model(std::move(clientModel))
    , m_stream(stream)
    , m_includeUsage(includeUsage)
    , m_id(randomId())
    , m_created(QDateTime::currentSecsSinceEpoch())
{
}

void OpenAIChatEncoder::setIdentity(std::string id, int64_t created)
{
    m_id = std::move(id);
    m_created = created;
    m_idPinned = true;
}

QByteArray OpenAIChatEncoder::contentType() const
{
    return m_stream ? QByteArrayLiteral("text/event-stream") : QByteArrayLiteral("application/json");
}

void OpenAIChatEncoder::adoptId(const std::string &upstreamId)
{
    // Reusing the provider's id lets a user match our log lines with the provider's; any other
    // id keeps the chatcmpl- prefix clients may look for.
    if (m_idPinned || upstreamId.empty() || upstreamId.size() > 200)
        return;
    m_id = upstreamId.rfind("chatcmpl-", 0) == 0 ? upstreamId : "chatcmpl-" + upstreamId;
}

boost::json::object OpenAIChatEncoder::chunk(boost::json::object delta, const char *finishReason) const
{
    boost::json::object choice;
    choice["index"] = 0;
    choice["delta"] = std::move(delta);
    choice["logprobs"] = nullptr;
    if (finishReason)
        choice["finish_reason"] = finishReason;
    else
        choice["finish_reason"] = nullptr;
    boost::json::object c;
    c["id"] = m_id;
    c["object"] = "chat.completion.chunk";
    c["created"] = m_created;
    c["model"] = m_model;
    c["choices"] = boost::json::array{std::move(choice)};
    if (m_includeUsage)
        c["usage"] = nullptr;
    return c;
}

void OpenAIChatEncoder::writeChunk(const boost::json::object &chunk, QByteArray &out) const
{
    out += "data: ";
    out += QByteArray::fromStdString(boost::json::serialize(chunk));
    out += "\n\n";
}

void OpenAIChatEncoder::ensureStarted(QByteArray &out)
{
    if (m_started)
        return;
    m_started = true;
    if (!m_stream)
        return;
    boost::json::object delta;
    delta["role"] = "assistant";
    delta["content"] = "";
    delta["refusal"] = nullptr;
    writeChunk(chunk(std::move(delta)), out);
}

int OpenAIChatEncoder::toolIndex(int blockIndex) const
{
    const auto it = m_toolIndexOfBlock.find(blockIndex);
    return it == m_toolIndexOfBlock.end() ? -1 : it->second;
}

const char *OpenAIChatEncoder::finishReason() const
{
    using canon::StopReason;
    switch (m_stop) {
    case StopReason::MaxTokens: return "length";
    case StopReason::ToolUse: return "tool_calls";
    case StopReason::Refusal:
    case StopReason::ContentFilter: return "content_filter";
    case StopReason::None:
        // A provider that never said why it stopped: tool calls imply tool_calls.
        return m_sawToolUse ? "tool_calls" : "stop";
    case StopReason::EndTurn:
    case StopReason::StopSequence:
    case StopReason::PauseTurn:
    case StopReason::Error: return "stop";
    }
    return "stop";
}

boost::json::object OpenAIChatEncoder::usageJson() const
{
    const int64_t prompt = std::max<int64_t>(0, m_usage.input);
    const int64_t completion = std::max<int64_t>(0, m_usage.output);
    boost::json::object u;
    u["prompt_tokens"] = prompt;
    u["completion_tokens"] = completion;
    u["total_tokens"] = prompt + completion;
    u["prompt_tokens_details"] = boost::json::object{{"cached_tokens", std::max<int64_t>(0, m_usage.cacheRead)}};
    u["completion_tokens_details"] = boost::json::object{{"reasoning_tokens", std::max<int64_t>(0, m_usage.reasoning)}};
    return u;
}

void OpenAIChatEncoder::encode(const canon::Event &event, QByteArray &out)
{
    using canon::EventType;
    if (m_errored)
        return;
    switch (event.type) {
    case EventType::MessageStart:
        adoptId(event.id);
        ensureStarted(out);
        return;
    case EventType::BlockStart:
        ensureStarted(out);
        if (event.blockKind == canon::BlockKind::ToolUse) {
            m_sawToolUse = true;
            const int index = int(m_toolIndexOfBlock.size());
            m_toolIndexOfBlock[event.index] = index;
            if (m_stream) {
                boost::json::object fn{{"name", event.name}, {"arguments", ""}};
                boost::json::object call{{"index", index}, {"id", event.id}, {"type", "function"},
                                         {"function", std::move(fn)}};
                writeChunk(chunk(boost::json::object{{"tool_calls", boost::json::array{std::move(call)}}}), out);
            } else {
                m_toolCalls.push_back({event.id, event.name, {}});
            }
        } else if (event.blockKind != canon::BlockKind::Text && event.blockKind != canon::BlockKind::Thinking) {
            qCDebug(lcTranslate) << "openai-chat: no Chat form for a block of kind" << int(event.blockKind)
                                 << "in a response; dropped";
        }
        return;
    case EventType::TextDelta:
        ensureStarted(out);
        if (event.text.empty())
            return;
        if (m_stream)
            writeChunk(chunk(boost::json::object{{"content", event.text}}), out);
        else
            m_text += event.text;
        return;
    case EventType::ThinkingDelta:
        ensureStarted(out);
        if (event.text.empty())
            return;
        // reasoning_content is the de-facto Chat field (DeepSeek, vLLM, the fake provider).
        if (m_stream)
            writeChunk(chunk(boost::json::object{{"reasoning_content", event.text}}), out);
        else
            m_reasoning += event.text;
        return;
    case EventType::ToolArgsDelta: {
        ensureStarted(out);
        const int index = toolIndex(event.index);
        if (index < 0) {
            qCDebug(lcTranslate) << "openai-chat: tool arguments for unknown block" << event.index;
            return;
        }
        if (event.text.empty())
            return;
        if (m_stream) {
            boost::json::object call{{"index", index}, {"function", boost::json::object{{"arguments", event.text}}}};
            writeChunk(chunk(boost::json::object{{"tool_calls", boost::json::array{std::move(call)}}}), out);
        } else {
            m_toolCalls[size_t(index)].arguments += event.text;
        }
        return;
    }
    case EventType::Signature:
        // Chat has nowhere to carry a thinking signature.
        qCDebug(lcTranslate) << "openai-chat: thinking signature dropped (no Chat field)";
        return;
    case EventType::BlockStop:
        return;
    case EventType::Usage:
        m_usage = event.usage;
        return;
    case EventType::Finish:
        ensureStarted(out);
        m_stop = event.stop;
        if (m_stream && !m_finishSent) {
            m_finishSent = true;
            writeChunk(chunk(boost::json::object{}, finishReason()), out);
        }
        return;
    case EventType::Error:
        m_errored = true;
        m_error = event.error;
        if (m_stream)
            out += openAIChatFrontend().renderStreamError(event.error);
        return;
    }
}

void OpenAIChatEncoder::finish(QByteArray &out)
{
    if (m_stream) {
        if (m_errored)
            return; // the error chunk was the last word; [DONE] would claim success
        ensureStarted(out);
        if (!m_finishSent) {
            m_finishSent = true;
            writeChunk(chunk(boost::json::object{}, finishReason()), out);
        }
        if (m_includeUsage) {
            boost::json::object c;
            c["id"] = m_id;
            c["object"] = "chat.completion.chunk";
            c["created"] = m_created;
            c["model"] = m_model;
            c["choices"] = boost::json::array{};
            c["usage"] = usageJson();
            writeChunk(c, out);
        }
        out += "data: [DONE]\n\n";
        return;
    }

    if (m_errored) {
        // The caller should have turned this into an error reply; the body still says what broke.
        out += openaichat::errorEnvelope(m_error);
        return;
    }
    boost::json::object message;
    message["role"] = "assistant";
    if (m_text.empty() && !m_toolCalls.empty())
        message["content"] = nullptr;
    else
        message["content"] = m_text;
    if (!m_reasoning.empty())
        message["reasoning_content"] = m_reasoning;
    if (!m_toolCalls.empty()) {
        boost::json::array calls;
        for (const ToolCall &call : m_toolCalls) {
            calls.push_back(boost::json::object{
                {"id", call.id},
                {"type", "function"},
                {"function", boost::json::object{{"name", call.name}, {"arguments", call.arguments}}}});
        }
        message["tool_calls"] = std::move(calls);
    }
    message["refusal"] = nullptr;

    boost::json::object choice;
    choice["index"] = 0;
    choice["message"] = std::move(message);
    choice["logprobs"] = nullptr;
    choice["finish_reason"] = finishReason();

    boost::json::object body;
    body["id"] = m_id;
    body["object"] = "chat.completion";
    body["created"] = m_created;
    body["model"] = m_model;
    body["choices"] = boost::json::array{std::move(choice)};
    body["usage"] = usageJson();
    out += QByteArray::fromStdString(boost::json::serialize(body));
}

} // namespace lip
