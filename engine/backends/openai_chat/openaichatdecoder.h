// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Chat Completions bytes from a provider → canonical events. The stream decoder takes any split
// of the SSE body; the body decoder collects one chat.completion JSON and folds it into the same
// events, so everything above sees one shape.
//
// Event order: MessageStart on the first chunk; blocks numbered 0.. in order of appearance; a
// text/thinking block is stopped when another kind starts; tool blocks stay open until the
// choice finishes (providers may interleave the argument deltas of parallel calls); Usage when the
// usage chunk arrives; Finish last, at `[DONE]` (or at end of body after a finish_reason), so
// that Usage precedes it.

#include "core/canonical.h"
#include "core/dialect.h"
#include "core/jsonarena.h"
#include "core/sse.h"

#include <boost/json/object.hpp>

#include <map>
#include <string>
#include <vector>

namespace lip {

namespace openaichat {
// An OpenAI-style error object ({"message","type","code",...}) → Error; `status` is the HTTP
// status when known (0 in a stream).
Error errorFromObject(const boost::json::object &error, int status);
// Masks anything that looks like a credential (sk-…, Bearer …, AIza…) but for its last 4 chars.
QString redactSecrets(QString text);
} // namespace openaichat

class OpenAIChatStreamDecoder final : public ResponseDecoder
{
public:
    void feed(std::string_view bytes, canon::Events &out) override;
    void finish(canon::Events &out) override;
    void setUsageOnly() override { m_usageOnly = true; }
    int64_t textBytesSeen() const override { return m_usageOnly ? m_textBytes : -1; }

private:
    void onData(const std::string &data, canon::Events &out);
    void onUsageOnlyData(std::string_view data, canon::Events &out);
    void onChunk(const boost::json::object &chunk, canon::Events &out);
    void openBlock(canon::BlockKind kind, canon::Events &out, std::string id = {}, std::string name = {});
    void closeCurrent(canon::Events &out);
    void closeAll(canon::Events &out);
    void emitFinish(canon::Events &out);
    void fail(Error error, canon::Events &out);

    SseParser m_sse;
    std::vector<SseParser::Event> m_pending;
    json::ScratchParser m_json{jsonOptions()}; // one buffer for every chunk's DOM
    static boost::json::parse_options jsonOptions();
    bool m_started = false;
    bool m_done = false;        // [DONE] seen, or the stream failed: ignore the rest
    bool m_finishSeen = false;  // a finish_reason arrived
    bool m_finishEmitted = false;
    bool m_sawTool = false;
    bool m_warnedChoices = false;
    canon::StopReason m_stop = canon::StopReason::None;
    int m_nextIndex = 0;
    int m_current = -1;         // the open text/thinking block, -1 when none
    canon::BlockKind m_currentKind = canon::BlockKind::Text;
    std::map<int, int> m_toolBlocks; // Chat tool index → canonical block index
    std::vector<int> m_openTools;    // canonical indices of tool blocks still open
    std::map<int, std::string> m_toolIds;
    bool m_usageOnly = false;     // passthrough: Usage events and a text count only
    int64_t m_textBytes = 0;
    canon::Events m_scratchEvents; // usage-only: a parsed chunk's events, before filtering
};

class OpenAIChatBodyDecoder final : public ResponseDecoder
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
