// SPDX-License-Identifier: GPL-3.0-or-later
#include "backends/hybrid/hybridprompts.h"

#include <boost/json/serialize.hpp>

#include <map>

namespace lip::hybrid {

namespace {

// A tool schema or argument text longer than this is cut in the reasoning prompt: the model
// needs the gist, not every enum value of a huge schema.
constexpr std::size_t kMaxSchemaChars = 2000;
constexpr std::size_t kMaxToolResultChars = 20000;

const char kReasoningInstruction[] =
    "You are the reasoning stage of a two-stage assistant. Read the conversation and work out how "
    "the assistant should respond next: understand what is asked, weigh the approaches and their "
    "pitfalls, and lay out a concrete plan (which tools to call with which arguments, or what the "
    "answer must contain). Do not call tools and do not write the final reply: a second model "
    "writes it from your reasoning.";

const char kExecutionPreamble[] =
    "A separate reasoning step has already analysed this request. Use its reasoning below to "
    "write your reply or make your tool calls; do not repeat or mention it.\n<reasoning>\n";

std::string cut(std::string text, std::size_t limit)
{
    if (text.size() <= limit)
        return text;
    std::size_t end = limit;
    while (end > 0 && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80)
        --end; // never split a UTF-8 sequence
    text.resize(end);
    text += "…";
    return text;
}

std::string argumentsText(const boost::json::value &input)
{
    if (input.is_string())
        return std::string(input.get_string());
    if (input.is_null())
        return "{}";
    return boost::json::serialize(input);
}

std::string toolResultText(const canon::ContentBlock &result)
{
    std::string text;
    for (const canon::ContentBlock &c : result.content) {
        if (c.kind == canon::BlockKind::Text) {
            if (!text.empty())
                text += "\n";
            text += c.text;
        } else if (c.kind == canon::BlockKind::Image) {
            text += text.empty() ? "[image]" : "\n[image]";
        }
    }
    return cut(std::move(text), kMaxToolResultChars);
}

canon::ContentBlock textBlock(std::string text)
{
    canon::ContentBlock b;
    b.kind = canon::BlockKind::Text;
    b.text = std::move(text);
    return b;
}

std::string toolListing(const std::vector<canon::Tool> &tools)
{
    std::string out = "Tools the answering model can call:";
    for (const canon::Tool &t : tools) {
        out += "\n- " + t.name;
        if (!t.description.empty())
            out += ": " + t.description;
        if (!t.schema.is_null())
            out += "\n  parameters: " + cut(boost::json::serialize(t.schema), kMaxSchemaChars);
    }
    return out;
}

bool isThinking(const canon::ContentBlock &b)
{
    return b.kind == canon::BlockKind::Thinking || b.kind == canon::BlockKind::RedactedThinking;
}

} // namespace

canon::Request reasoningRequest(const canon::Request &client, int reasoningMaxTokens)
{
    canon::Request r;
    r.system = client.system;
    r.sampling = client.sampling;
    r.sampling.maxTokens.reset();
    if (reasoningMaxTokens > 0)
        r.sampling.maxTokens = reasoningMaxTokens;
    r.sampling.n.reset();
    r.stream = true;
    r.includeUsage = true;
    r.user = client.user;

    // Tool traffic as text: providers refuse tool_use/tool_result history without tool definitions.
    std::map<std::string, std::string> toolNames;
    for (const canon::Message &m : client.messages) {
        canon::Message out;
        out.role = m.role;
        for (const canon::ContentBlock &b : m.content) {
            switch (b.kind) {
            case canon::BlockKind::Thinking:
            case canon::BlockKind::RedactedThinking:
                break; // another model's (or our own earlier) reasoning: not evidence
            case canon::BlockKind::ToolUse:
                toolNames[b.toolId] = b.toolName;
                out.content.push_back(textBlock("[called tool " + b.toolName + " (call " + b.toolId + ") with arguments "
                                                + cut(argumentsText(b.input), kMaxSchemaChars) + "]"));
                break;
            case canon::BlockKind::ToolResult: {
                std::string name = b.toolName;
                if (name.empty() && toolNames.count(b.toolId))
                    name = toolNames[b.toolId];
                out.content.push_back(textBlock("[result of tool " + (name.empty() ? std::string("call") : name) + " (call "
                                                + b.toolId + ")" + (b.isError ? " (error)" : "") + ":\n"
                                                + toolResultText(b) + "]"));
                break;
            }
            default:
                out.content.push_back(b);
                break;
            }
        }
        if (out.content.empty())
            continue;
        if (!r.messages.empty() && r.messages.back().role == out.role) {
            // Merged so strict providers still see alternating roles after the rewrite.
            for (canon::ContentBlock &b : out.content)
                r.messages.back().content.push_back(std::move(b));
        } else {
            r.messages.push_back(std::move(out));
        }
    }

    std::string instruction = kReasoningInstruction;
    if (!client.tools.empty())
        instruction += "\n\n" + toolListing(client.tools);
    r.system.push_back(textBlock(std::move(instruction)));
    return r;
}

canon::Request executionRequest(const canon::Request &client, const std::string &reasoning)
{
    canon::Request r = client;
    r.stream = true;
    r.includeUsage = true;
    r.reasoning = canon::Reasoning{};
    std::vector<canon::Message> messages;
    messages.reserve(r.messages.size());
    for (canon::Message &m : r.messages) {
        std::erase_if(m.content, isThinking);
        if (!m.content.empty())
            messages.push_back(std::move(m));
    }
    r.messages = std::move(messages);
    if (!reasoning.empty())
        r.system.push_back(textBlock(kExecutionPreamble + reasoning + "\n</reasoning>"));
    return r;
}

} // namespace lip::hybrid
