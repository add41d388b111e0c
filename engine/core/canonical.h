// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// The canonical model: what every dialect translates into and out of (see docs/architecture.md).
// Strings are UTF-8 std::string (they come from and go to wire JSON; no UTF-16 round trips).
// Anything a dialect has that does not map is carried in an `extensions` object keyed by the
// dialect's own field name, or dropped on purpose with a debug line in lip.engine.translate.

#include "core/error.h"

#include <boost/json/object.hpp>
#include <boost/json/value.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace lip::canon {

enum class BlockKind {
    Text,
    Image,
    Document,
    ToolUse,
    ToolResult,
    Thinking,
    RedactedThinking,
};

struct MediaSource
{
    enum class Kind { Base64, Url, FileId };
    Kind kind = Kind::Base64;
    std::string mediaType; // "image/png", "application/pdf"
    std::string data;      // base64 text, URL or file id
};

struct ContentBlock
{
    BlockKind kind = BlockKind::Text;
    std::string text;        // Text, Thinking (the thought text), Document title
    std::string signature;   // Thinking signature; RedactedThinking data; Gemini thoughtSignature
    MediaSource media;       // Image, Document
    std::string toolId;      // ToolUse, ToolResult: the call id
    std::string toolName;    // ToolUse (and ToolResult when the dialect names it, e.g. Gemini)
    boost::json::value input;          // ToolUse arguments: normally an object
    std::vector<ContentBlock> content; // ToolResult content (text and image blocks)
    bool isError = false;              // ToolResult
    boost::json::object extensions;    // e.g. {"cache_control": {...}} kept for same-family targets
};

enum class Role { User, Assistant };

struct Message
{
    Role role = Role::User;
    std::vector<ContentBlock> content;
    boost::json::object extensions;
};

struct Tool
{
    std::string name;
    std::string description;
    boost::json::value schema; // JSON Schema of the arguments, property order kept
    boost::json::object extensions;
};

struct ToolChoice
{
    enum class Mode { Auto, None, Required, Named };
    Mode mode = Mode::Auto;
    std::string name;                // Named
    bool disableParallel = false;    // Anthropic disable_parallel_tool_use / OpenAI parallel_tool_calls=false
    bool specified = false;          // false: the client said nothing
};

struct Sampling
{
    std::optional<double> temperature;
    std::optional<double> topP;
    std::optional<int64_t> topK;
    std::optional<int64_t> maxTokens;
    std::vector<std::string> stop;
    std::optional<int64_t> n;
    std::optional<double> presencePenalty;
    std::optional<double> frequencyPenalty;
    std::optional<int64_t> seed;
};

struct Reasoning
{
    std::string effort;                 // "minimal" | "low" | "medium" | "high" | "" (unset)
    std::optional<int64_t> budgetTokens; // Anthropic budget_tokens / Gemini thinkingBudget
    bool enabled = false;               // thinking requested explicitly
    bool includeThoughts = false;       // the client wants the thought text back
    std::string summary;                // Responses reasoning.summary
};

struct ResponseFormat
{
    enum class Kind { Text, JsonObject, JsonSchema };
    Kind kind = Kind::Text;
    std::string name;
    boost::json::value schema;
    bool strict = false;
};

struct Request
{
    std::string model;                  // as the backend should see it (selector already resolved)
    std::vector<ContentBlock> system;   // text blocks
    std::vector<Message> messages;
    std::vector<Tool> tools;
    ToolChoice toolChoice;
    Sampling sampling;
    Reasoning reasoning;
    ResponseFormat responseFormat;
    bool stream = false;
    bool includeUsage = false;          // OpenAI stream_options.include_usage
    std::string user;
    boost::json::object metadata;
    boost::json::object extensions;     // dialect-specific top-level fields, keyed by field name
};

// ---- Responses: a sequence of events shaped like a block-structured stream. -------------------

enum class StopReason { None, EndTurn, MaxTokens, ToolUse, StopSequence, Refusal, ContentFilter, PauseTurn, Error };

// Token counts. `input` is the whole prompt INCLUDING cached tokens (OpenAI/Gemini convention);
// cacheRead/cacheWrite are the parts of it served from / written to the cache. `output` includes
// reasoning tokens. -1 means "the provider did not say".
struct Usage
{
    int64_t input = -1;
    int64_t output = -1;
    int64_t cacheRead = 0;
    int64_t cacheWrite = 0;
    int64_t reasoning = 0;
    bool present() const { return input >= 0 || output >= 0; }
};

enum class EventType {
    MessageStart, // id, model
    BlockStart,   // index, blockKind, id+name for ToolUse
    TextDelta,    // index, text
    ToolArgsDelta,// index, text (a fragment of the arguments JSON)
    ThinkingDelta,// index, text
    Signature,    // index, text (thinking signature, or redacted-thinking data)
    BlockStop,    // index
    Usage,        // usage (cumulative: the latest wins)
    Finish,       // stop, stopSequence
    Error,        // error (a failure after the stream started)
};

struct Event
{
    EventType type = EventType::TextDelta;
    int index = -1;
    BlockKind blockKind = BlockKind::Text;
    std::string id;
    std::string name;
    std::string text;
    Usage usage;
    StopReason stop = StopReason::None;
    std::string stopSequence;
    std::string model;
    Error error;
};

using Events = std::vector<Event>;

const char *stopReasonName(StopReason reason);

} // namespace lip::canon
