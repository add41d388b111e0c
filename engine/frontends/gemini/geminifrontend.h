// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// The Gemini generateContent dialect as clients speak it (POST /v1beta/models/{model}:generateContent
// and :streamGenerateContent, GET /v1beta/models, :countTokens). The model rides in the URL: the
// server splits the method off at the LAST ':' (models like `openai:gpt-4o` hold colons).

#include "frontends/frontend.h"

#include <QByteArray>
#include <QByteArrayView>

#include <vector>

namespace lip {

struct ModelInfo;

class GeminiFrontend final : public Frontend
{
public:
    Dialect dialect() const override { return Dialect::Gemini; }
    Result<InboundRequest> inbound(const server::HttpRequest &request, const std::string &pathModel,
                                   bool pathStream) const override;
    Result<canon::Request> toCanonical(const InboundRequest &inbound) const override;
    // stream=true gives the `alt=sse` form (what every SDK asks for). A stream request WITHOUT
    // alt=sse wants one JSON array instead: use gemini::makeEncoder(..., StreamForm::JsonArray).
    std::unique_ptr<ResponseEncoder> makeEncoder(const canon::Request &request,
                                                 const std::string &clientModel,
                                                 bool stream) const override;
    std::unique_ptr<ResponseEncoder> encoderFor(const canon::Request &request,
                                                const InboundRequest &inbound) const override;
    ErrorReply renderError(const Error &error) const override;
    QByteArray renderStreamError(const Error &error) const override;
};

namespace gemini {

// How a response goes to the client: `data: {chunk}\r\n\r\n` (alt=sse), a JSON array streamed
// element by element (streamGenerateContent without alt=sse), or one GenerateContentResponse.
enum class StreamForm { Sse, JsonArray, Whole };

// The form a request asks for: Whole unless streaming; Sse when the raw query has alt=sse.
StreamForm streamFormFor(bool stream, QByteArrayView rawQuery);

// The encoder for an explicit form. Errors after the first byte must reach it as Error events
// (it knows whether the array is open); renderStreamError() is the SSE form only.
std::unique_ptr<ResponseEncoder> makeEncoder(const canon::Request &request,
                                             const std::string &clientModel, StreamForm form);

// {"error":{"code","message","status"[,"details"]}} and its HTTP status.
int errorStatus(const Error &error);
QByteArray errorEnvelope(const Error &error);

// GET /v1beta/models?pageSize=&pageToken=: the page token is the decimal offset of the page.
// pageSize <= 0 means 50; capped at 1000. A malformed token is an InvalidRequest error.
Result<QByteArray> renderModelList(const std::vector<ModelInfo> &models, int pageSize,
                                   QByteArrayView pageToken);
// GET /v1beta/models/{model}
QByteArray renderModel(const ModelInfo &model);
// POST :countTokens: a local estimate (about 4 bytes of JSON per token) of a
// GenerateContentRequest or {"generateContentRequest": {...}} / {"contents": [...]}.
QByteArray renderCountTokens(const boost::json::object &body);
int64_t estimateTokens(const boost::json::object &body);

// Where a thinking block's text and signature ride when the client does not see thoughts
// (includeThoughts off): an opaque thoughtSignature value the proxy alone understands.
std::string packThinking(const std::vector<canon::ContentBlock> &blocks);
std::vector<canon::ContentBlock> unpackThinking(std::string_view thoughtSignature, bool *ok);

} // namespace gemini

// Spelled as the brief names them (wrappers of the gemini:: functions above).
Result<QByteArray> renderGeminiModelList(const std::vector<ModelInfo> &models, int pageSize,
                                         QByteArrayView pageToken);
QByteArray renderGeminiModel(const ModelInfo &model);

} // namespace lip
