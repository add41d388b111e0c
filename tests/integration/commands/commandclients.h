// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Client requests and provider answers of each dialect for tst_commands. Kept out of the
// Q_OBJECT file: Qt 6.4's moc mis-reads raw strings with quotes in them.

#include "fakeprovider.h"

#include <QByteArray>

namespace lip::test::commands {

enum class Client { Chat, Responses, Anthropic, Gemini };

struct ClientRequest
{
    QByteArray target;
    QList<QPair<QByteArray, QByteArray>> headers;
    QByteArray body;
};

inline ClientRequest clientRequest(Client client, const QByteArray &model, const QByteArray &text, bool stream,
                                   const QByteArray &session = "sess-1")
{
    ClientRequest r;
    r.headers = {qMakePair(QByteArray("Content-Type"), QByteArray("application/json")),
                 qMakePair(QByteArray("Authorization"), QByteArray("Bearer proxy-key")),
                 qMakePair(QByteArray("x-session-id"), session)};
    const QByteArray s = stream ? "true" : "false";
    const QByteArray t = FakeProvider::jsonString(text);
    switch (client) {
    case Client::Chat:
        r.target = "/v1/chat/completions";
        r.body = "{\"model\":\"" + model + "\",\"messages\":[{\"role\":\"user\",\"content\":" + t + "}],\"stream\":" + s + "}";
        break;
    case Client::Responses:
        r.target = "/v1/responses";
        r.body = "{\"model\":\"" + model + "\",\"input\":" + t + ",\"stream\":" + s + "}";
        break;
    case Client::Anthropic:
        r.target = "/v1/messages";
        r.headers.append(qMakePair(QByteArray("anthropic-version"), QByteArray("2023-06-01")));
        r.body = "{\"model\":\"" + model + "\",\"max_tokens\":64,\"messages\":[{\"role\":\"user\",\"content\":" + t
                 + "}],\"stream\":" + s + "}";
        break;
    case Client::Gemini:
        r.target = "/v1beta/models/" + model + (stream ? ":streamGenerateContent?alt=sse" : ":generateContent");
        r.body = "{\"contents\":[{\"role\":\"user\",\"parts\":[{\"text\":" + t + "}]}]}";
        break;
    }
    return r;
}

// The provider's answer for whichever dialect was called (non-streamed requests only).
inline FakeReply providerReply(const FakeRequest &request)
{
    if (request.path.endsWith("/chat/completions")) {
        if (request.body.contains("\"broken\""))
            return FakeReply::error(500, "broken model", "server_error");
        return FakeReply::json(FakeProvider::openAIChatCompletion("gpt-x", "from-openai"));
    }
    if (request.path.endsWith("/messages")) {
        return FakeReply::json("{\"id\":\"msg_1\",\"type\":\"message\",\"role\":\"assistant\",\"model\":\"claude-x\","
                               "\"content\":[{\"type\":\"text\",\"text\":\"from-anthropic\"}],\"stop_reason\":\"end_turn\","
                               "\"stop_sequence\":null,\"usage\":{\"input_tokens\":5,\"output_tokens\":2}}");
    }
    if (request.path.endsWith("/responses")) {
        return FakeReply::json("{\"id\":\"resp_1\",\"object\":\"response\",\"status\":\"completed\",\"model\":\"gpt-x\","
                               "\"output\":[{\"type\":\"message\",\"id\":\"msg_1\",\"status\":\"completed\",\"role\":\"assistant\","
                               "\"content\":[{\"type\":\"output_text\",\"text\":\"from-responses\",\"annotations\":[]}]}],"
                               "\"usage\":{\"input_tokens\":5,\"output_tokens\":2,\"total_tokens\":7}}");
    }
    if (request.path.contains(":generateContent")) {
        return FakeReply::json("{\"candidates\":[{\"content\":{\"role\":\"model\",\"parts\":[{\"text\":\"from-gemini\"}]},"
                               "\"finishReason\":\"STOP\"}],\"usageMetadata\":{\"promptTokenCount\":5,"
                               "\"candidatesTokenCount\":2,\"totalTokenCount\":7}}");
    }
    return FakeReply::error(404, "no such path");
}

} // namespace lip::test::commands
