// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// The proxy's own answer to a message that was only a command: one assistant text block with
// zero usage and a normal end of turn, rendered by the client dialect's own encoder, so each
// dialect's exact stream or non-stream shape (event order, [DONE], message_stop,
// response.completed, Gemini's alt=sse or JSON array) is the one real answers use.

#include "frontends/frontend.h"
#include "server/httpserver.h"

#include <QString>

namespace lip::session {

// The canonical events of a reply saying `text`.
canon::Events replyEvents(const std::string &text, const std::string &model);

// Renders and sends the reply; returns the bytes the client got (for capture/tests).
QByteArray sendCommandReply(const Frontend &frontend, const InboundRequest &inbound,
                            const server::ResponderPtr &responder, const QString &text);

} // namespace lip::session
