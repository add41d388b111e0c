// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// The pieces each wire dialect provides. A *frontend* speaks a dialect to clients: it parses
// their requests into the canonical model and renders canonical events back. A *backend
// connector* speaks a dialect to providers: it builds the upstream body from the canonical
// request and decodes the provider's bytes into canonical events.
//
// Same-dialect traffic does not go through these: the original bytes are forwarded (patched in
// place) and a ResponseDecoder only watches them for usage and capture.

#include "core/canonical.h"
#include "core/error.h"

#include <QByteArray>
#include <QList>
#include <QPair>

#include <memory>
#include <string>
#include <string_view>

namespace lip {

// Ollama is backend-only (its native /api/chat): no frontend speaks it, so clients reach an
// Ollama backend through the translated path.
enum class Dialect { OpenAIChat, OpenAIResponses, Anthropic, Gemini, Ollama };

const char *dialectName(Dialect dialect); // "openai-chat", "openai-responses", "anthropic", "gemini", "ollama"

using HeaderList = QList<QPair<QByteArray, QByteArray>>;

// An error as a client of one dialect must see it.
struct ErrorReply
{
    int status = 500;
    HeaderList headers;  // extra headers, e.g. retry-after
    QByteArray contentType = "application/json";
    QByteArray body;
};

// Provider bytes → canonical events, incrementally. feed() may be called with any split of the
// body (mid-line, mid-UTF-8 character); finish() is called once at end of body and must report a
// truncated or malformed body as an Error event (never throw, never crash).
class ResponseDecoder
{
public:
    virtual ~ResponseDecoder() = default;
    virtual void feed(std::string_view bytes, canon::Events &out) = 0;
    virtual void finish(canon::Events &out) = 0;
    // perf: on the passthrough path the client gets the provider's bytes as they are; the proxy
    // needs only the Usage events and how much text went by (a usage estimate when the provider
    // sends none). A decoder that supports it then skips parsing events that carry neither, and
    // counts their text bytes (textBytesSeen, -1: not counted, take the text events instead).
    virtual void setUsageOnly() {}
    virtual int64_t textBytesSeen() const { return -1; }
};

// Canonical events → client bytes. For a stream every encode() appends what can be sent at
// once; for a non-stream response encode() accumulates and finish() appends the whole JSON body.
class ResponseEncoder
{
public:
    virtual ~ResponseEncoder() = default;
    virtual void encode(const canon::Event &event, QByteArray &out) = 0;
    virtual void finish(QByteArray &out) = 0;
    virtual QByteArray contentType() const = 0;
};

} // namespace lip
