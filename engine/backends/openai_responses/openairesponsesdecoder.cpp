// SPDX-License-Identifier: GPL-3.0-or-later
#include "backends/openai_responses/openairesponsesdecoder.h"

#include "backends/openai_chat/openaichatdecoder.h"
#include "core/jsonsplice.h"
#include "core/logging.h"
#include "frontends/openai_responses/openairesponsesfrontend.h"

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

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

std::string stringOr(const bj::object &o, std::string_view key)
{
    const bj::string *s = stringAt(o, key);
    return s ? str(*s) : std::string();
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

// The inside of a JSON string literal: a custom tool's input text streamed as {"input": "..."}.
std::string escaped(std::string_view text)
{
    std::string q = json::quoted(text);
    return q.substr(1, q.size() - 2);
}

canon::Event errorEvent(Error error)
{
    canon::Event e;
    e.type = canon::EventType::Error;
    e.error = std::move(error);
    return e;
}

canon::Usage usageFrom(const bj::object &u)
{
    canon::Usage usage;
    usage.input = intAt(u, "input_tokens", -1);
    usage.output = intAt(u, "output_tokens", -1);
    if (const bj::object *d = objectAt(u, "input_tokens_details")) {
        usage.cacheRead = intAt(*d, "cached_tokens", 0);
        usage.cacheWrite = intAt(*d, "cache_write_tokens", 0);
    }
    if (const bj::object *d = objectAt(u, "output_tokens_details"))
        usage.reasoning = intAt(*d, "reasoning_tokens", 0);
    return usage;
}

} // namespace

void OpenAIResponsesDecoder::feed(std::string_view bytes, canon::Events &out)
{
    if (m_done)
        return;
    if (!m_stream) {
        if (m_tooLarge)
            return;
        if (m_body.size() + bytes.size() > kMaxBodyBytes) {
            m_tooLarge = true;
            m_body.clear();
            return;
        }
        m_body.append(bytes);
        return;
    }
    m_pending.clear();
    m_sse.feed(bytes, m_pending);
    for (const auto &ev : m_pending) {
        if (m_done)
            break;
        onData(ev.event, ev.data, out);
    }
}

void OpenAIResponsesDecoder::finish(canon::Events &out)
{
    if (!m_stream) {
        if (m_done)
            return;
        m_done = true;
        if (m_tooLarge) {
            out.push_back(errorEvent(Error::make(ErrorCategory::UpstreamProtocol, QStringLiteral("The upstream response is too large."))));
            return;
        }
        bj::error_code ec;
        bj::parse_options opts;
        opts.max_depth = 512;
        bj::value v = bj::parse(m_body, ec, {}, opts);
        const bj::object *body = ec ? nullptr : v.if_object();
        if (!body) {
            out.push_back(errorEvent(Error::make(ErrorCategory::UpstreamProtocol,
                                                 QStringLiteral("The upstream provider sent a malformed response body."))));
            return;
        }
        m_done = false;
        onResponse(*body, out);
        m_done = true;
        return;
    }
    if (!m_done) {
        m_pending.clear();
        m_sse.finish(m_pending);
        for (const auto &ev : m_pending) {
            if (m_done)
                break;
            onData(ev.event, ev.data, out);
        }
    }
    if (!m_done)
        fail(Error::make(ErrorCategory::UpstreamUnreachable, QStringLiteral("The upstream stream ended early.")), out);
}

void OpenAIResponsesDecoder::fail(Error error, canon::Events &out)
{
    out.push_back(errorEvent(std::move(error)));
    m_done = true;
}

void OpenAIResponsesDecoder::onData(const std::string &eventName, const std::string &data, canon::Events &out)
{
    std::string_view d = data;
    while (!d.empty() && (d.front() == ' ' || d.front() == '\n' || d.front() == '\r' || d.front() == '\t'))
        d.remove_prefix(1);
    while (!d.empty() && (d.back() == ' ' || d.back() == '\n' || d.back() == '\r' || d.back() == '\t'))
        d.remove_suffix(1);
    if (d.empty() || d == "[DONE]")
        return;
    bj::error_code ec;
    bj::parse_options opts;
    opts.max_depth = 512;
    bj::value v = bj::parse(d, ec, {}, opts);
    if (ec || !v.is_object()) {
        fail(Error::make(ErrorCategory::UpstreamProtocol, QStringLiteral("The upstream provider sent a malformed stream event.")), out);
        return;
    }
    const bj::object &event = v.get_object();
    std::string type = stringOr(event, "type");
    if (type.empty())
        type = eventName;
    onEvent(event, type, out);
}

void OpenAIResponsesDecoder::start(const bj::object *response, canon::Events &out)
{
    if (m_started)
        return;
    m_started = true;
    canon::Event e;
    e.type = canon::EventType::MessageStart;
    if (response) {
        e.id = stringOr(*response, "id");
        e.model = stringOr(*response, "model");
    }
    out.push_back(std::move(e));
}

int OpenAIResponsesDecoder::openBlock(ItemState &state, canon::BlockKind kind, canon::Events &out, std::string id, std::string name)
{
    if (state.block >= 0)
        return state.block;
    state.block = m_nextBlock++;
    canon::Event e;
    e.type = canon::EventType::BlockStart;
    e.index = state.block;
    e.blockKind = kind;
    e.id = std::move(id);
    e.name = std::move(name);
    out.push_back(std::move(e));
    return state.block;
}

void OpenAIResponsesDecoder::delta(canon::EventType type, int block, std::string text, canon::Events &out)
{
    if (text.empty())
        return;
    canon::Event e;
    e.type = type;
    e.index = block;
    e.text = std::move(text);
    out.push_back(std::move(e));
}

void OpenAIResponsesDecoder::closeBlock(ItemState &state, canon::Events &out)
{
    if (state.closed || state.block < 0)
        return;
    state.closed = true;
    canon::Event e;
    e.type = canon::EventType::BlockStop;
    e.index = state.block;
    out.push_back(std::move(e));
}

OpenAIResponsesDecoder::ItemState &OpenAIResponsesDecoder::itemAdded(const bj::object &item, canon::Events &out)
{
    std::string id = stringOr(item, "id");
    if (id.empty())
        id = "item_" + std::to_string(m_items.size());
    auto [it, inserted] = m_items.try_emplace(id);
    ItemState &state = it->second;
    if (!inserted)
        return state;
    state.type = stringOr(item, "type");
    if (state.type == "function_call" || state.type == "custom_tool_call") {
        m_sawTool = true;
        std::string name = stringOr(item, "name");
        if (const bj::string *ns = stringAt(item, "namespace"); ns && !ns->empty())
            name = responses::flatName(*ns, name);
        std::string callId = stringOr(item, "call_id");
        if (callId.empty())
            callId = id;
        const int block = openBlock(state, canon::BlockKind::ToolUse, out, std::move(callId), std::move(name));
        if (state.type == "custom_tool_call")
            delta(canon::EventType::ToolArgsDelta, block, "{\"input\":\"", out);
    } else if (state.type == "reasoning") {
        openBlock(state, canon::BlockKind::Thinking, out);
    } else if (state.type != "message") {
        qCDebug(lcBackendOpenAI) << "openai-responses: output item of type" << QString::fromStdString(state.type) << "ignored";
    }
    return state;
}

OpenAIResponsesDecoder::ItemState *OpenAIResponsesDecoder::itemFor(const bj::object &event)
{
    std::string id = stringOr(event, "item_id");
    if (id.empty()) {
        const auto at = m_itemAtIndex.find(intAt(event, "output_index", -1));
        if (at == m_itemAtIndex.end())
            return nullptr;
        id = at->second;
    }
    const auto it = m_items.find(id);
    return it == m_items.end() ? nullptr : &it->second;
}

void OpenAIResponsesDecoder::itemDone(const bj::object &item, canon::Events &out)
{
    ItemState &state = itemAdded(item, out);
    if (state.closed)
        return;
    if (state.type == "message") {
        if (!state.contentSeen) {
            std::string text;
            if (const bj::value *content = item.if_contains("content"); content && content->is_array()) {
                for (const bj::value &p : content->get_array()) {
                    const bj::object *part = p.if_object();
                    if (!part)
                        continue;
                    text += stringOr(*part, "text");
                    text += stringOr(*part, "refusal");
                }
            }
            if (!text.empty()) {
                const int block = openBlock(state, canon::BlockKind::Text, out);
                delta(canon::EventType::TextDelta, block, std::move(text), out);
            }
        }
    } else if (state.type == "function_call") {
        if (!state.contentSeen)
            delta(canon::EventType::ToolArgsDelta, state.block, stringOr(item, "arguments"), out);
    } else if (state.type == "custom_tool_call") {
        if (!state.contentSeen)
            delta(canon::EventType::ToolArgsDelta, state.block, escaped(stringOr(item, "input")), out);
        delta(canon::EventType::ToolArgsDelta, state.block, "\"}", out);
    } else if (state.type == "reasoning") {
        if (!state.contentSeen) {
            std::string text;
            for (const char *key : {"summary", "content"}) {
                const bj::value *parts = item.if_contains(key);
                if (!parts || !parts->is_array())
                    continue;
                for (const bj::value &p : parts->get_array()) {
                    const bj::object *part = p.if_object();
                    const std::string t = part ? stringOr(*part, "text") : std::string();
                    if (t.empty())
                        continue;
                    if (!text.empty())
                        text += "\n\n";
                    text += t;
                }
                if (!text.empty())
                    break; // summary when there is one, else the raw reasoning text (open models)
            }
            delta(canon::EventType::ThinkingDelta, state.block, std::move(text), out);
        }
        if (const bj::string *enc = stringAt(item, "encrypted_content"); enc && !enc->empty())
            delta(canon::EventType::Signature, state.block, str(*enc), out);
    }
    closeBlock(state, out);
    state.closed = true;
}

void OpenAIResponsesDecoder::terminal(const bj::object &response, const std::string &type, canon::Events &out)
{
    // Items the stream never announced (a body, or a terse server) still count.
    if (const bj::value *output = response.if_contains("output"); output && output->is_array())
        for (const bj::value &item : output->get_array())
            if (const bj::object *o = item.if_object())
                itemDone(*o, out);
    for (auto &[id, state] : m_items)
        closeBlock(state, out);

    std::string status = stringOr(response, "status");
    if (status.empty())
        status = type == "response.incomplete" ? "incomplete" : "completed";
    if (status == "failed") {
        Error e;
        if (const bj::object *err = objectAt(response, "error"))
            e = openaichat::errorFromObject(*err, 0);
        else
            e = Error::make(ErrorCategory::Upstream, QStringLiteral("The upstream response failed."));
        fail(std::move(e), out);
        return;
    }
    if (const bj::object *usage = objectAt(response, "usage")) {
        canon::Event u;
        u.type = canon::EventType::Usage;
        u.usage = usageFrom(*usage);
        if (u.usage.present())
            out.push_back(std::move(u));
    }
    canon::Event fin;
    fin.type = canon::EventType::Finish;
    if (status == "incomplete") {
        const bj::object *details = objectAt(response, "incomplete_details");
        const std::string reason = details ? stringOr(*details, "reason") : std::string();
        fin.stop = reason == "content_filter" ? canon::StopReason::ContentFilter : canon::StopReason::MaxTokens;
    } else {
        fin.stop = m_sawTool ? canon::StopReason::ToolUse : canon::StopReason::EndTurn;
    }
    out.push_back(std::move(fin));
    m_done = true;
}

void OpenAIResponsesDecoder::onResponse(const bj::object &response, canon::Events &out)
{
    if (const bj::object *err = objectAt(response, "error"); err && stringOr(response, "status") != "incomplete") {
        fail(openaichat::errorFromObject(*err, 0), out);
        return;
    }
    start(&response, out);
    terminal(response, "response.completed", out);
}

void OpenAIResponsesDecoder::onEvent(const bj::object &event, const std::string &type, canon::Events &out)
{
    if (type == "error") {
        // The event carries code/message at the top level (older servers nest an "error" object).
        const bj::object *nested = objectAt(event, "error");
        fail(openaichat::errorFromObject(nested ? *nested : event, 0), out);
        return;
    }
    if (type == "response.failed") {
        const bj::object *response = objectAt(event, "response");
        const bj::object *err = response ? objectAt(*response, "error") : nullptr;
        fail(err ? openaichat::errorFromObject(*err, 0)
                 : Error::make(ErrorCategory::Upstream, QStringLiteral("The upstream response failed.")),
             out);
        return;
    }
    if (type == "response.created" || type == "response.in_progress" || type == "response.queued") {
        start(objectAt(event, "response"), out);
        return;
    }
    start(nullptr, out);
    if (type == "response.completed" || type == "response.incomplete") {
        const bj::object *response = objectAt(event, "response");
        static const bj::object empty;
        terminal(response ? *response : empty, type, out);
        return;
    }
    if (type == "response.output_item.added" || type == "response.output_item.done") {
        const bj::object *item = objectAt(event, "item");
        if (!item)
            return;
        const int64_t index = intAt(event, "output_index", -1);
        if (index >= 0 && item->contains("id"))
            m_itemAtIndex[index] = stringOr(*item, "id");
        if (type == "response.output_item.added")
            itemAdded(*item, out);
        else
            itemDone(*item, out);
        return;
    }

    ItemState *state = itemFor(event);
    if (!state) {
        if (type.find(".delta") != std::string::npos)
            qCDebug(lcBackendOpenAI) << "openai-responses: delta for an unknown item ignored:" << QString::fromStdString(type);
        return;
    }
    if (state->closed)
        return;
    if (type == "response.output_text.delta" || type == "response.refusal.delta") {
        const int block = openBlock(*state, canon::BlockKind::Text, out);
        state->contentSeen = true;
        delta(canon::EventType::TextDelta, block, stringOr(event, "delta"), out);
    } else if (type == "response.output_text.done" || type == "response.refusal.done") {
        if (!state->contentSeen) {
            const std::string text = stringOr(event, type == "response.refusal.done" ? "refusal" : "text");
            if (!text.empty()) {
                const int block = openBlock(*state, canon::BlockKind::Text, out);
                state->contentSeen = true;
                delta(canon::EventType::TextDelta, block, text, out);
            }
        }
    } else if (type == "response.function_call_arguments.delta") {
        state->contentSeen = true;
        delta(canon::EventType::ToolArgsDelta, state->block, stringOr(event, "delta"), out);
    } else if (type == "response.function_call_arguments.done") {
        if (!state->contentSeen) {
            state->contentSeen = true;
            delta(canon::EventType::ToolArgsDelta, state->block, stringOr(event, "arguments"), out);
        }
    } else if (type == "response.custom_tool_call_input.delta") {
        state->contentSeen = true;
        delta(canon::EventType::ToolArgsDelta, state->block, escaped(stringOr(event, "delta")), out);
    } else if (type == "response.custom_tool_call_input.done") {
        if (!state->contentSeen) {
            state->contentSeen = true;
            delta(canon::EventType::ToolArgsDelta, state->block, escaped(stringOr(event, "input")), out);
        }
    } else if (type == "response.reasoning_summary_part.added") {
        if (state->summaryParts++ > 0)
            delta(canon::EventType::ThinkingDelta, state->block, "\n\n", out);
    } else if (type == "response.reasoning_summary_text.delta" || type == "response.reasoning_text.delta") {
        state->contentSeen = true;
        delta(canon::EventType::ThinkingDelta, state->block, stringOr(event, "delta"), out);
    }
    // content_part.*, *.done duplicates, annotations, web_search_call.* ...: nothing to add.
}

} // namespace lip
