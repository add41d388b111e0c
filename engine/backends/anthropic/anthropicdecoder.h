// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/dialect.h"
#include "core/jsonarena.h"
#include "core/sse.h"

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace lip {

// An Anthropic error type ("overloaded_error", …) and HTTP status → error category.
ErrorCategory anthropicErrorCategory(std::string_view type, int status);

// Anthropic Messages SSE → canonical events. Usage: input = input_tokens + cache read + cache
// creation (canonical input includes the cache), output from message_delta's cumulative usage.
// Anthropic counts thinking inside output_tokens without a split; other dialects report it
// apart (reasoning_tokens, thoughtsTokenCount), so `reasoning` is an ESTIMATE from the thinking
// text received: about one token per 4 bytes, at least 1 when any thinking arrived, never more
// than output (anthropicReasoningEstimate).
// The reasoning-token estimate for `thinkingBytes` bytes of thinking text and `output` tokens
// (-1: unknown): 0 when no thinking arrived.
int64_t anthropicReasoningEstimate(int64_t thinkingBytes, int64_t output);

class AnthropicStreamDecoder : public ResponseDecoder
{
public:
    void feed(std::string_view bytes, canon::Events &out) override;
    void finish(canon::Events &out) override;
    void setUsageOnly() override { m_usageOnly = true; }
    int64_t textBytesSeen() const override { return m_usageOnly ? m_textBytes : -1; }

private:
    void handle(const SseParser::Event &event, canon::Events &out);
    bool skippedUsageOnly(const SseParser::Event &event);
    void fail(Error error, canon::Events &out);

    SseParser m_parser;
    std::vector<SseParser::Event> m_pending;
    json::ScratchParser m_json; // one buffer for every event's DOM
    std::vector<bool> m_known;   // per Anthropic index: a block kind we forward
    canon::Usage m_usage;
    int64_t m_thinkingBytes = 0; // thinking text received, for the reasoning estimate
    bool m_stopped = false;      // message_stop seen
    bool m_failed = false;       // an Error event was emitted
    bool m_usageOnly = false;    // passthrough: Usage (and Error) events and a text count only
    int64_t m_textBytes = 0;
    canon::Events m_scratchEvents;
};

// A whole Anthropic message (non-stream) → the same events, folded.
class AnthropicJsonDecoder : public ResponseDecoder
{
public:
    void feed(std::string_view bytes, canon::Events &out) override;
    void finish(canon::Events &out) override;
    void setUsageOnly() override { m_usageOnly = true; }
    int64_t textBytesSeen() const override { return m_usageOnly ? m_textBytes : -1; }

private:
    std::string m_body;
    bool m_tooLarge = false;
    bool m_usageOnly = false;
    int64_t m_textBytes = 0;
};

} // namespace lip
