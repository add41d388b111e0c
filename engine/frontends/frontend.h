// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// A frontend speaks one dialect to clients. The server's endpoint table maps a path to a
// frontend and an operation; the frontend turns the HTTP request into an InboundRequest, and
// renders canonical events (translated path) and errors in its dialect.

#include "core/canonical.h"
#include "core/dialect.h"
#include "core/lazyjson.h"

#include <boost/json/object.hpp>

#include <QByteArray>

#include <memory>
#include <string>

namespace lip {

namespace server { struct HttpRequest; }

// What a frontend extracted from a client request.
struct InboundRequest
{
    Dialect dialect = Dialect::OpenAIChat;
    std::string model;          // the model selector as the client wrote it
    bool stream = false;
    LazyJsonObject body;        // the client body, parsed on first use (perf: passthrough reads
                                // only a few top-level members; see core/lazyjson.h)
    QByteArray rawBody;         // the original bytes (implicitly shared), for lossless passthrough
    HeaderList clientHeaders;   // the client's headers (for pass-through ones such as anthropic-beta)
    QByteArray clientQuery;     // the client's raw query string (Gemini alt=sse, Anthropic beta=true)
};

class Frontend
{
public:
    virtual ~Frontend() = default;
    virtual Dialect dialect() const = 0;

    // HTTP request → InboundRequest (validates the JSON shape the dialect requires).
    // `pathModel` is the model taken from the URL where the dialect puts it there (Gemini).
    virtual Result<InboundRequest> inbound(const server::HttpRequest &request,
                                           const std::string &pathModel, bool pathStream) const = 0;
    // Client body → canonical request (for the translated path). `model` is already resolved.
    virtual Result<canon::Request> toCanonical(const InboundRequest &inbound) const = 0;
    // Canonical events → client bytes, stream or whole body.
    virtual std::unique_ptr<ResponseEncoder> makeEncoder(const canon::Request &request,
                                                         const std::string &clientModel,
                                                         bool stream) const = 0;
    // The encoder for this inbound request: by default makeEncoder(request, inbound.model,
    // inbound.stream); a dialect whose response form depends on more (Gemini's alt=sse) overrides.
    virtual std::unique_ptr<ResponseEncoder> encoderFor(const canon::Request &request,
                                                        const InboundRequest &inbound) const
    {
        return makeEncoder(request, inbound.model, inbound.stream);
    }
    // An error as this dialect's clients expect it (status, envelope).
    virtual ErrorReply renderError(const Error &error) const = 0;
    // An error after the stream has started, as this dialect's in-stream error event; empty
    // when the dialect has none (the connection is then closed).
    virtual QByteArray renderStreamError(const Error &error) const = 0;
};

// Each dialect's frontend (defined in engine/frontends/<dialect>/).
const Frontend &openAIChatFrontend();
const Frontend &openAIResponsesFrontend();
const Frontend &anthropicFrontend();
const Frontend &geminiFrontend();

} // namespace lip
