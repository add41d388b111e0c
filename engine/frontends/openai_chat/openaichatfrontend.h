// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// The OpenAI Chat Completions dialect as clients speak it (POST /v1/chat/completions).

#include "frontends/frontend.h"

namespace lip {

class OpenAIChatFrontend final : public Frontend
{
public:
    Dialect dialect() const override { return Dialect::OpenAIChat; }
    Result<InboundRequest> inbound(const server::HttpRequest &request, const std::string &pathModel,
                                   bool pathStream) const override;
    Result<canon::Request> toCanonical(const InboundRequest &inbound) const override;
    std::unique_ptr<ResponseEncoder> makeEncoder(const canon::Request &request,
                                                 const std::string &clientModel,
                                                 bool stream) const override;
    ErrorReply renderError(const Error &error) const override;
    QByteArray renderStreamError(const Error &error) const override;
};

const Frontend &openAIChatFrontend();

namespace openaichat {
// The {"error":{message,type,param,code}} envelope and the HTTP status OpenAI would use.
int errorStatus(const Error &error);
QByteArray errorEnvelope(const Error &error);
} // namespace openaichat

} // namespace lip
