// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/canonical.h"

namespace lip::canon {

const char *stopReasonName(StopReason reason)
{
    switch (reason) {
    case StopReason::None: return "none";
    case StopReason::EndTurn: return "end_turn";
    case StopReason::MaxTokens: return "max_tokens";
    case StopReason::ToolUse: return "tool_use";
    case StopReason::StopSequence: return "stop_sequence";
    case StopReason::Refusal: return "refusal";
    case StopReason::ContentFilter: return "content_filter";
    case StopReason::PauseTurn: return "pause_turn";
    case StopReason::Error: return "error";
    }
    return "none";
}

} // namespace lip::canon
