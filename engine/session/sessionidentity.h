// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Which conversation a request belongs to (docs/sessions.md), first match wins:
//   1. the x-session-id header;
//   2. the client's own conversation identity: Anthropic metadata.user_id (Claude Code's
//      JSON with a session_id, or its older "…_session_<uuid>" form, else the whole value);
//      Responses prompt_cache_key; OpenAI Chat metadata.session_id, then user;
//   3. a fingerprint: SHA-256 of the client's proxy key (never stored) and the first user text.

#include "frontends/frontend.h"

#include <QString>

namespace lip::server { struct HttpRequest; }

namespace lip::session {

constexpr int kMaxSessionIdLength = 200;

// The fingerprint (the last resort) reads the conversation's first user text; nothing else does.
QString identifySession(const InboundRequest &inbound, const server::HttpRequest &request);

} // namespace lip::session
