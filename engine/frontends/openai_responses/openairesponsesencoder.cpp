// SPDX-License-Identifier: GPL-3.0-or-later
#include "frontends/openai_responses/openairesponsesencoder.h"

#include "core/logging.h"
#include "frontends/openai_responses/openairesponsesfrontend.h"
#include "frontends/openai_responses/responsestore.h"

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include <QDateTime>
#include <QRandomGenerator>

#include <algorithm>

namespace lip {

namespace {

namespace bj = boost::json;

std::string randomHex(int n)
{
    static const char hex[] = "0123456789abcdef";
    std::string s;
    s.reserve(size_t(n));
    auto *rng = QRandomGenerator::global();
    for (int i = 0; i < n; ++i)
        s.push_back(hex[rng->bounded(16)]);
    return s;
}

const bj::value *member(const bj::object &o, std::string_view key)
{
    const bj::value *v = o.if_contains(key);
    return v && !v->is_null() ? v : nullptr;
}

bj::value orDefault(const bj::object &o, std::string_view key, bj::value fallback)
{
    const bj::value *v = member(o, key);
    return v ? *v : fallback;
}

bool containsString(const bj::value *array, std::string_view s)
{
    if (!array || !array->is_array())
        return false;
    for (const bj::value &v : array->get_array())
        if (v.is_string() && v.get_string() == s)
            return true;
    return false;
}

// The error object of a failed response: OpenAI's code (or type) and message.
bj::object failedError(const Error &error)
{
    const QByteArray envelope = responses::errorEnvelope(error);
    bj::error_code ec;
    bj::value v = bj::parse(std::string_view(envelope.constData(), size_t(envelope.size())), ec);
    bj::object out;
    if (ec || !v.is_object() || !v.get_object().contains("error"))
        return bj::object{{"code", "server_error"}, {"message", error.message.toStdString()}};
    const bj::object &e = v.get_object().at("error").get_object();
    const bj::value &code = e.at("code");
    out["code"] = code.is_null() ? e.at("type") : code;
    out["message"] = e.at("message");
    return out;
}

} // namespace

OpenAIResponsesEncoder::OpenAIResponsesEncoder(const canon::Request &request, std::string clientModel, bool stream,
                                               bj::object clientBody)
    : m_model(std::move(clientModel))
    , m_stream(stream)
    , m_id("resp_" + randomHex(48))
    , m_createdAt(QDateTime::currentSecsSinceEpoch())
{
    for (const canon::Tool &t : request.tools) {
        if (t.extensions.contains(responses::kCustomKey))
            m_customTools.insert(t.name);
        if (const bj::value *ns = t.extensions.if_contains(responses::kNamespaceKey); ns && ns->is_object()) {
            const bj::object &o = ns->get_object();
            if (o.contains("namespace") && o.contains("name") && o.at("namespace").is_string() && o.at("name").is_string())
                m_namespaced[t.name] = {std::string(o.at("namespace").get_string()), std::string(o.at("name").get_string())};
        }
    }
    m_summary = !request.reasoning.summary.empty() && request.reasoning.summary != "none";

    const bj::object &b = clientBody;
    const bool haveBody = !b.empty();
    m_includeEncrypted = containsString(member(b, "include"), "reasoning.encrypted_content")
                         || containsString(request.extensions.if_contains("include"), "reasoning.encrypted_content");

    bj::value instructions = nullptr;
    if (haveBody) {
        instructions = orDefault(b, "instructions", nullptr);
    } else {
        std::string joined;
        for (const canon::ContentBlock &s : request.system)
            joined += (joined.empty() ? "" : "\n\n") + s.text;
        if (!joined.empty())
            instructions = bj::string(joined);
    }
    bj::object reasoning{{"effort", nullptr}, {"summary", nullptr}};
    if (const bj::value *r = member(b, "reasoning"); r && r->is_object()) {
        reasoning["effort"] = orDefault(r->get_object(), "effort", nullptr);
        reasoning["summary"] = orDefault(r->get_object(), "summary", nullptr);
    } else if (!haveBody) {
        if (!request.reasoning.effort.empty())
            reasoning["effort"] = request.reasoning.effort;
        if (!request.reasoning.summary.empty())
            reasoning["summary"] = request.reasoning.summary;
    }
    bj::object text{{"format", bj::object{{"type", "text"}}}, {"verbosity", "medium"}};
    if (const bj::value *t = member(b, "text"); t && t->is_object()) {
        text["format"] = orDefault(t->get_object(), "format", bj::object{{"type", "text"}});
        text["verbosity"] = orDefault(t->get_object(), "verbosity", "medium");
    }
    bj::value tools = bj::array{};
    if (haveBody) {
        tools = orDefault(b, "tools", bj::array{});
    } else {
        bj::array arr;
        for (const canon::Tool &t : request.tools)
            arr.push_back(bj::object{{"type", "function"}, {"name", t.name}, {"description", t.description},
                                     {"parameters", t.schema}, {"strict", false}});
        tools = std::move(arr);
    }
    bj::value maxOutput = nullptr;
    if (request.sampling.maxTokens)
        maxOutput = *request.sampling.maxTokens;

    // Key order as api.openai.com sends it.
    m_echo["instructions"] = std::move(instructions);
    m_echo["max_output_tokens"] = haveBody ? orDefault(b, "max_output_tokens", nullptr) : maxOutput;
    m_echo["max_tool_calls"] = orDefault(b, "max_tool_calls", nullptr);
    m_echo["parallel_tool_calls"] = haveBody ? orDefault(b, "parallel_tool_calls", true) : bj::value(!request.toolChoice.disableParallel);
    m_echo["previous_response_id"] = orDefault(b, "previous_response_id", nullptr);
    m_echo["prompt_cache_key"] = orDefault(b, "prompt_cache_key", nullptr);
    m_echo["reasoning"] = std::move(reasoning);
    m_echo["safety_identifier"] = orDefault(b, "safety_identifier", nullptr);
    m_echo["service_tier"] = orDefault(b, "service_tier", "default");
    m_echo["store"] = orDefault(b, "store", true);
    m_echo["temperature"] = haveBody ? orDefault(b, "temperature", 1.0)
                                     : bj::value(request.sampling.temperature.value_or(1.0));
    m_echo["text"] = std::move(text);
    m_echo["tool_choice"] = orDefault(b, "tool_choice", "auto");
    m_echo["tools"] = std::move(tools);
    m_echo["top_logprobs"] = orDefault(b, "top_logprobs", 0);
    m_echo["top_p"] = haveBody ? orDefault(b, "top_p", 1.0) : bj::value(request.sampling.topP.value_or(1.0));
    m_echo["truncation"] = orDefault(b, "truncation", "disabled");
    m_echo["user"] = orDefault(b, "user", nullptr);
    m_echo["metadata"] = orDefault(b, "metadata", bj::object{});
}

void OpenAIResponsesEncoder::setIdentity(std::string responseId, int64_t createdAt)
{
    m_id = std::move(responseId);
    m_createdAt = createdAt;
}

void OpenAIResponsesEncoder::attachStore(responses::ResponseStore *store, std::vector<canon::Message> conversation)
{
    m_store = store;
    m_conversation = std::move(conversation);
}

QByteArray OpenAIResponsesEncoder::contentType() const
{
    return m_stream ? QByteArrayLiteral("text/event-stream") : QByteArrayLiteral("application/json");
}

std::string OpenAIResponsesEncoder::newItemId(const char *prefix)
{
    if (m_deterministicIds) {
        std::string n = std::to_string(++m_idCounter);
        return std::string(prefix) + std::string(n.size() < 4 ? 4 - n.size() : 0, '0') + n;
    }
    return std::string(prefix) + randomHex(48);
}

void OpenAIResponsesEncoder::writeEvent(const char *type, bj::object data, QByteArray &out)
{
    const int64_t seq = m_seq++;
    if (!m_stream)
        return;
    bj::object o;
    o.reserve(data.size() + 2);
    o["type"] = type;
    for (auto &kv : data)
        o[kv.key()] = std::move(kv.value());
    o["sequence_number"] = seq;
    out += "event: ";
    out += type;
    out += "\ndata: ";
    out += QByteArray::fromStdString(bj::serialize(o));
    out += "\n\n";
}

bj::object OpenAIResponsesEncoder::baseResponse(const char *status) const
{
    bj::object r;
    r["id"] = m_id;
    r["object"] = "response";
    r["created_at"] = m_createdAt;
    r["status"] = status;
    r["background"] = false;
    r["completed_at"] = nullptr;
    r["error"] = nullptr;
    r["incomplete_details"] = nullptr;
    r["instructions"] = m_echo.at("instructions");
    r["max_output_tokens"] = m_echo.at("max_output_tokens");
    r["max_tool_calls"] = m_echo.at("max_tool_calls");
    r["model"] = m_model;
    r["output"] = bj::array{};
    for (const auto &kv : m_echo) {
        if (!r.contains(kv.key()))
            r[kv.key()] = kv.value();
    }
    r["usage"] = nullptr;
    // usage sits before user/metadata in the real object; move those two after it.
    bj::value user = r["user"];
    bj::value metadata = r["metadata"];
    r.erase("user");
    r.erase("metadata");
    r["user"] = std::move(user);
    r["metadata"] = std::move(metadata);
    return r;
}

void OpenAIResponsesEncoder::ensureStarted(QByteArray &out)
{
    if (m_started)
        return;
    m_started = true;
    writeEvent("response.created", bj::object{{"response", baseResponse("in_progress")}}, out);
    writeEvent("response.in_progress", bj::object{{"response", baseResponse("in_progress")}}, out);
}

OpenAIResponsesEncoder::Item *OpenAIResponsesEncoder::itemForBlock(int blockIndex)
{
    const auto it = m_itemOfBlock.find(blockIndex);
    return it == m_itemOfBlock.end() ? nullptr : &m_items[it->second];
}

OpenAIResponsesEncoder::Item &OpenAIResponsesEncoder::openItem(ItemType type, QByteArray &out, int blockIndex)
{
    if (type == ItemType::Message && m_openMessage >= 0) {
        m_itemOfBlock[blockIndex] = size_t(m_openMessage);
        return m_items[size_t(m_openMessage)];
    }
    closeOpenMessage(out);
    Item item;
    item.type = type;
    item.outputIndex = int(m_items.size());
    item.id = newItemId(type == ItemType::Message        ? "msg_"
                        : type == ItemType::FunctionCall ? "fc_"
                        : type == ItemType::CustomCall   ? "ctc_"
                                                         : "rs_");
    m_items.push_back(std::move(item));
    const size_t index = m_items.size() - 1;
    m_itemOfBlock[blockIndex] = index;
    if (type == ItemType::Message)
        m_openMessage = int(index);
    return m_items[index];
}

bj::object OpenAIResponsesEncoder::itemJson(const Item &item, bool final) const
{
    switch (item.type) {
    case ItemType::Message: {
        bj::array content;
        if (final) {
            for (const std::string &p : item.parts)
                content.push_back(bj::object{{"type", "output_text"}, {"annotations", bj::array{}}, {"logprobs", bj::array{}}, {"text", p}});
        }
        return bj::object{{"id", item.id}, {"type", "message"}, {"status", final ? "completed" : "in_progress"},
                          {"content", std::move(content)}, {"role", "assistant"}};
    }
    case ItemType::FunctionCall: {
        bj::object o{{"id", item.id}, {"type", "function_call"}, {"status", final ? "completed" : "in_progress"},
                     {"arguments", final ? item.arguments : std::string()}, {"call_id", item.callId}, {"name", item.name}};
        if (!item.ns.empty())
            o["namespace"] = item.ns;
        return o;
    }
    case ItemType::CustomCall: {
        bj::object o{{"id", item.id}, {"type", "custom_tool_call"}, {"status", final ? "completed" : "in_progress"},
                     {"call_id", item.callId}, {"input", final ? item.input : std::string()}, {"name", item.name}};
        if (!item.ns.empty())
            o["namespace"] = item.ns;
        return o;
    }
    case ItemType::Reasoning: {
        bj::object o{{"id", item.id}, {"type", "reasoning"}};
        bj::array summary;
        if (final && m_summary && !item.text.empty() && !item.redacted)
            summary.push_back(bj::object{{"type", "summary_text"}, {"text", item.text}});
        o["summary"] = std::move(summary);
        if (final && m_includeEncrypted && item.signature.empty() && !item.redacted) {
            // The provider signed nothing (Chat reasoning_content, Gemini thoughts): clients
            // asked for encrypted_content still get one, an unsigned pack that comes back as
            // unsigned thinking (which connectors then drop, as they would without it).
            o["encrypted_content"] = responses::packReasoning(item.text, {}, false);
        } else if (final && m_includeEncrypted && !item.signature.empty()) {
            if (item.redacted)
                o["encrypted_content"] = responses::packReasoning({}, item.signature, true);
            else if (m_summary || item.text.empty())
                o["encrypted_content"] = item.signature; // the client holds the text already
            else
                o["encrypted_content"] = responses::packReasoning(item.text, item.signature, false);
        }
        return o;
    }
    }
    return {};
}

void OpenAIResponsesEncoder::closeMessagePart(Item &item, QByteArray &out)
{
    if (!item.partOpen)
        return;
    item.partOpen = false;
    const int contentIndex = int(item.parts.size()) - 1;
    const std::string &text = item.parts.back();
    writeEvent("response.output_text.done",
         bj::object{{"item_id", item.id}, {"output_index", item.outputIndex}, {"content_index", contentIndex},
                    {"text", text}, {"logprobs", bj::array{}}},
         out);
    writeEvent("response.content_part.done",
         bj::object{{"item_id", item.id}, {"output_index", item.outputIndex}, {"content_index", contentIndex},
                    {"part", bj::object{{"type", "output_text"}, {"annotations", bj::array{}}, {"logprobs", bj::array{}}, {"text", text}}}},
         out);
}

void OpenAIResponsesEncoder::closeItem(Item &item, QByteArray &out)
{
    if (item.done)
        return;
    switch (item.type) {
    case ItemType::Message:
        closeMessagePart(item, out);
        if (m_openMessage >= 0 && &m_items[size_t(m_openMessage)] == &item)
            m_openMessage = -1;
        break;
    case ItemType::FunctionCall:
        if (item.arguments.empty())
            item.arguments = "{}";
        writeEvent("response.function_call_arguments.done",
             bj::object{{"item_id", item.id}, {"output_index", item.outputIndex}, {"arguments", item.arguments}}, out);
        break;
    case ItemType::CustomCall: {
        // The canonical call carries {"input": "<text>"}; the client wants the text itself.
        bj::error_code ec;
        bj::value v = bj::parse(item.arguments, ec);
        if (!ec && v.is_object() && v.get_object().contains("input") && v.get_object().at("input").is_string())
            item.input = std::string(v.get_object().at("input").get_string());
        else if (!ec && v.is_string())
            item.input = std::string(v.get_string());
        else
            item.input = item.arguments;
        if (!item.input.empty())
            writeEvent("response.custom_tool_call_input.delta",
                 bj::object{{"item_id", item.id}, {"output_index", item.outputIndex}, {"delta", item.input}}, out);
        writeEvent("response.custom_tool_call_input.done",
             bj::object{{"item_id", item.id}, {"output_index", item.outputIndex}, {"input", item.input}}, out);
        break;
    }
    case ItemType::Reasoning:
        if (item.summaryOpen) {
            item.summaryOpen = false;
            writeEvent("response.reasoning_summary_text.done",
                 bj::object{{"item_id", item.id}, {"output_index", item.outputIndex}, {"summary_index", 0}, {"text", item.text}}, out);
            writeEvent("response.reasoning_summary_part.done",
                 bj::object{{"item_id", item.id}, {"output_index", item.outputIndex}, {"summary_index", 0},
                            {"part", bj::object{{"type", "summary_text"}, {"text", item.text}}}},
                 out);
        }
        break;
    }
    item.done = true;
    writeEvent("response.output_item.done", bj::object{{"output_index", item.outputIndex}, {"item", itemJson(item, true)}}, out);
}

void OpenAIResponsesEncoder::closeOpenMessage(QByteArray &out)
{
    if (m_openMessage < 0)
        return;
    closeItem(m_items[size_t(m_openMessage)], out);
    m_openMessage = -1;
}

void OpenAIResponsesEncoder::closeAll(QByteArray &out)
{
    for (Item &item : m_items)
        closeItem(item, out);
    m_openMessage = -1;
}

bj::object OpenAIResponsesEncoder::usageJson() const
{
    const int64_t input = std::max<int64_t>(0, m_usage.input);
    const int64_t output = std::max<int64_t>(0, m_usage.output);
    return bj::object{{"input_tokens", input},
                      {"input_tokens_details", bj::object{{"cached_tokens", std::max<int64_t>(0, m_usage.cacheRead)}}},
                      {"output_tokens", output},
                      {"output_tokens_details", bj::object{{"reasoning_tokens", std::max<int64_t>(0, m_usage.reasoning)}}},
                      {"total_tokens", input + output}};
}

bj::object OpenAIResponsesEncoder::responseObject() const
{
    const char *status = m_status.empty() ? "in_progress" : m_status.c_str();
    bj::object r = baseResponse(status);
    bj::array output;
    for (const Item &item : m_items)
        if (item.done)
            output.push_back(itemJson(item, true));
    r["output"] = std::move(output);
    if (m_status == "completed")
        r["completed_at"] = QDateTime::currentSecsSinceEpoch();
    if (m_status == "incomplete")
        r["incomplete_details"] = bj::object{{"reason", m_stop == canon::StopReason::MaxTokens ? "max_output_tokens" : "content_filter"}};
    if (m_status == "failed")
        r["error"] = failedError(m_error);
    if (!m_status.empty() && m_usage.present())
        r["usage"] = usageJson();
    return r;
}

canon::Message OpenAIResponsesEncoder::outputMessage() const
{
    canon::Message m;
    m.role = canon::Role::Assistant;
    for (const Item &item : m_items) {
        switch (item.type) {
        case ItemType::Message:
            for (const std::string &p : item.parts) {
                canon::ContentBlock b;
                b.text = p;
                m.content.push_back(std::move(b));
            }
            break;
        case ItemType::Reasoning: {
            canon::ContentBlock b;
            b.kind = item.redacted ? canon::BlockKind::RedactedThinking : canon::BlockKind::Thinking;
            b.text = item.text;
            b.signature = item.signature;
            b.extensions[responses::kItemIdKey] = item.id;
            m.content.push_back(std::move(b));
            break;
        }
        case ItemType::FunctionCall:
        case ItemType::CustomCall: {
            canon::ContentBlock b;
            b.kind = canon::BlockKind::ToolUse;
            b.toolId = item.callId;
            b.toolName = item.canonName;
            bj::error_code ec;
            bj::value v = bj::parse(item.arguments.empty() ? std::string("{}") : item.arguments, ec);
            b.input = ec ? bj::value(bj::string(item.arguments)) : std::move(v);
            if (item.type == ItemType::CustomCall)
                b.extensions[responses::kCustomKey] = true;
            m.content.push_back(std::move(b));
            break;
        }
        }
    }
    return m;
}

void OpenAIResponsesEncoder::encode(const canon::Event &event, QByteArray &out)
{
    using canon::EventType;
    if (m_terminal)
        return;
    switch (event.type) {
    case EventType::MessageStart:
        ensureStarted(out);
        return;
    case EventType::BlockStart: {
        ensureStarted(out);
        switch (event.blockKind) {
        case canon::BlockKind::Text: {
            Item &item = openItem(ItemType::Message, out, event.index);
            if (item.parts.empty() && !item.partOpen)
                writeEvent("response.output_item.added", bj::object{{"output_index", item.outputIndex}, {"item", itemJson(item, false)}}, out);
            closeMessagePart(item, out);
            item.parts.emplace_back();
            item.partOpen = true;
            writeEvent("response.content_part.added",
                 bj::object{{"item_id", item.id}, {"output_index", item.outputIndex}, {"content_index", int(item.parts.size()) - 1},
                            {"part", bj::object{{"type", "output_text"}, {"annotations", bj::array{}}, {"logprobs", bj::array{}}, {"text", ""}}}},
                 out);
            return;
        }
        case canon::BlockKind::Thinking:
        case canon::BlockKind::RedactedThinking: {
            Item &item = openItem(ItemType::Reasoning, out, event.index);
            item.redacted = event.blockKind == canon::BlockKind::RedactedThinking;
            writeEvent("response.output_item.added", bj::object{{"output_index", item.outputIndex}, {"item", itemJson(item, false)}}, out);
            return;
        }
        case canon::BlockKind::ToolUse: {
            const bool custom = m_customTools.count(event.name) > 0;
            Item &item = openItem(custom ? ItemType::CustomCall : ItemType::FunctionCall, out, event.index);
            item.callId = event.id.empty() ? "call_" + randomHex(24) : event.id;
            item.canonName = event.name;
            item.name = event.name;
            if (const auto it = m_namespaced.find(event.name); it != m_namespaced.end()) {
                item.ns = it->second.first;
                item.name = it->second.second;
            }
            writeEvent("response.output_item.added", bj::object{{"output_index", item.outputIndex}, {"item", itemJson(item, false)}}, out);
            return;
        }
        default:
            qCDebug(lcTranslate) << "openai-responses: no Responses form for a block of kind" << int(event.blockKind) << "; dropped";
            return;
        }
    }
    case EventType::TextDelta: {
        ensureStarted(out);
        Item *item = itemForBlock(event.index);
        if (!item || item->type != ItemType::Message || item->done) {
            // A delta without its block start: open one so the text is not lost.
            canon::Event start;
            start.type = EventType::BlockStart;
            start.blockKind = canon::BlockKind::Text;
            start.index = event.index;
            encode(start, out);
            item = itemForBlock(event.index);
        }
        if (event.text.empty())
            return;
        if (!item->partOpen) {
            item->parts.emplace_back();
            item->partOpen = true;
        }
        item->parts.back() += event.text;
        writeEvent("response.output_text.delta",
             bj::object{{"item_id", item->id}, {"output_index", item->outputIndex}, {"content_index", int(item->parts.size()) - 1},
                        {"delta", event.text}, {"logprobs", bj::array{}}},
             out);
        return;
    }
    case EventType::ThinkingDelta: {
        ensureStarted(out);
        Item *item = itemForBlock(event.index);
        if (!item || item->type != ItemType::Reasoning || item->done) {
            canon::Event start;
            start.type = EventType::BlockStart;
            start.blockKind = canon::BlockKind::Thinking;
            start.index = event.index;
            encode(start, out);
            item = itemForBlock(event.index);
        }
        if (event.text.empty())
            return;
        item->text += event.text;
        if (!m_summary)
            return;
        if (!item->summaryOpen) {
            item->summaryOpen = true;
            writeEvent("response.reasoning_summary_part.added",
                 bj::object{{"item_id", item->id}, {"output_index", item->outputIndex}, {"summary_index", 0},
                            {"part", bj::object{{"type", "summary_text"}, {"text", ""}}}},
                 out);
        }
        writeEvent("response.reasoning_summary_text.delta",
             bj::object{{"item_id", item->id}, {"output_index", item->outputIndex}, {"summary_index", 0}, {"delta", event.text}}, out);
        return;
    }
    case EventType::ToolArgsDelta: {
        Item *item = itemForBlock(event.index);
        if (!item || (item->type != ItemType::FunctionCall && item->type != ItemType::CustomCall) || item->done) {
            qCDebug(lcTranslate) << "openai-responses: tool arguments for unknown block" << event.index;
            return;
        }
        if (event.text.empty())
            return;
        item->arguments += event.text;
        if (item->type == ItemType::FunctionCall)
            writeEvent("response.function_call_arguments.delta",
                 bj::object{{"item_id", item->id}, {"output_index", item->outputIndex}, {"delta", event.text}}, out);
        return;
    }
    case EventType::Signature: {
        Item *item = itemForBlock(event.index);
        if (!item || item->type != ItemType::Reasoning) {
            qCDebug(lcTranslate) << "openai-responses: signature on a non-reasoning block dropped (no Responses field)";
            return;
        }
        item->signature += event.text;
        return;
    }
    case EventType::BlockStop: {
        Item *item = itemForBlock(event.index);
        if (!item)
            return;
        if (item->type == ItemType::Message)
            closeMessagePart(*item, out); // the message itself stays open for following text blocks
        else
            closeItem(*item, out);
        return;
    }
    case EventType::Usage:
        m_usage = event.usage;
        return;
    case EventType::Finish:
        m_stop = event.stop;
        return;
    case EventType::Error: {
        ensureStarted(out);
        m_errored = true;
        m_terminal = true;
        m_error = event.error;
        m_status = "failed";
        // Clients such as Codex act on response.failed; the openai SDK surfaces it as an event.
        writeEvent("response.failed", bj::object{{"response", responseObject()}}, out);
        return;
    }
    }
}

void OpenAIResponsesEncoder::finish(QByteArray &out)
{
    if (m_terminal) {
        if (!m_stream && m_errored)
            out += responses::errorEnvelope(m_error); // the caller should have sent an error reply
        return;
    }
    ensureStarted(out);
    closeAll(out);
    m_terminal = true;
    const bool incomplete = m_stop == canon::StopReason::MaxTokens || m_stop == canon::StopReason::ContentFilter;
    m_status = incomplete ? "incomplete" : "completed";
    bj::object response = responseObject();
    if (m_store)
        m_store->put(m_id, [&] {
            std::vector<canon::Message> conversation = std::move(m_conversation);
            conversation.push_back(outputMessage());
            return conversation;
        }(), response);
    if (m_stream)
        writeEvent(incomplete ? "response.incomplete" : "response.completed", bj::object{{"response", std::move(response)}}, out);
    else
        out += QByteArray::fromStdString(bj::serialize(response));
}

} // namespace lip
