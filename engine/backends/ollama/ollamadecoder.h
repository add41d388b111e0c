// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Ollama /api/chat bytes → canonical events. A stream is NDJSON: one JSON object per line,
// {"message":{"role","content","thinking"?,"tool_calls"?},"done":false} … and a last line with
// "done":true, "done_reason" and the token counts. A non-stream answer is the same object once.
// Both go through one chunk handler, so everything above sees one shape.
//
// Event order: MessageStart on the first object; thinking and text blocks numbered 0.. in order
// of appearance (a block is stopped when another kind starts); Ollama sends a tool call whole
// (arguments as an object), so each becomes BlockStart(ToolUse) + one ToolArgsDelta with the
// serialized arguments + BlockStop, with a generated id when Ollama gives none; Usage
// (prompt_eval_count → input, eval_count → output) and Finish at "done":true.

#include "core/canonical.h"
#include "core/dialect.h"

#include <boost/json/object.hpp>

#include <string>

namespace lip {

namespace ollama {
// {"error":"…"} (or {"error":{"message":…}}) → Error; `status` the HTTP status (0 in a stream).
Error errorFromBody(const boost::json::object &body, int status);
ErrorCategory categoryForStatus(int status);
} // namespace ollama

class OllamaDecoder final : public ResponseDecoder
{
public:
    explicit OllamaDecoder(bool stream) : m_stream(stream) {}
    void feed(std::string_view bytes, canon::Events &out) override;
    void finish(canon::Events &out) override;

private:
    void onLine(std::string_view line, canon::Events &out);
    void onObject(const boost::json::object &object, canon::Events &out);
    void openBlock(canon::BlockKind kind, canon::Events &out);
    void closeCurrent(canon::Events &out);
    void fail(Error error, canon::Events &out);

    bool m_stream;
    std::string m_buffer;    // the partial line (stream) or the whole body
    bool m_started = false;
    bool m_done = false;     // "done":true seen, or the decoder failed: ignore the rest
    bool m_sawTool = false;
    int m_nextIndex = 0;
    int m_current = -1;      // the open text/thinking block, -1 when none
    canon::BlockKind m_currentKind = canon::BlockKind::Text;
    std::string m_idPrefix;  // for generated tool call ids
};

} // namespace lip
