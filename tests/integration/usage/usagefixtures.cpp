// SPDX-License-Identifier: GPL-3.0-or-later
#include "usagefixtures.h"

namespace lip::test {

namespace {

QByteArray sse(const char *event, const QByteArray &data)
{
    return QByteArray("event: ") + event + "\ndata: " + data + "\n\n";
}

QByteArray data(const QByteArray &json)
{
    return "data: " + json + "\n\n";
}

} // namespace

ExpectedUsage expectedUsage(Wire wire)
{
    switch (wire) {
    case Wire::Chat: return {120, 30, 64, 0, 12};
    case Wire::Responses: return {80, 25, 32, 0, 9};
    case Wire::Anthropic: return {9 + 16 + 4, 5, 16, 4, 0};
    case Wire::Gemini: return {50, 7 + 3, 20, 0, 3};
    }
    return {};
}

FakeReply usageReply(Wire wire, bool stream)
{
    switch (wire) {
    case Wire::Chat: {
        const QByteArray usage = R"({"prompt_tokens":120,"completion_tokens":30,"total_tokens":150,"prompt_tokens_details":{"cached_tokens":64},"completion_tokens_details":{"reasoning_tokens":12}})";
        if (!stream)
            return FakeReply::json(R"({"id":"chatcmpl-u1","object":"chat.completion","created":1,"model":"gpt-x","choices":[{"index":0,"message":{"role":"assistant","content":"Hello"},"finish_reason":"stop"}],"usage":)" + usage + "}");
        return FakeReply::sse({
            data(R"({"id":"chatcmpl-u1","object":"chat.completion.chunk","created":1,"model":"gpt-x","choices":[{"index":0,"delta":{"role":"assistant","content":""},"finish_reason":null}]})"),
            data(R"({"id":"chatcmpl-u1","object":"chat.completion.chunk","created":1,"model":"gpt-x","choices":[{"index":0,"delta":{"content":"Hello"},"finish_reason":null}]})"),
            data(R"({"id":"chatcmpl-u1","object":"chat.completion.chunk","created":1,"model":"gpt-x","choices":[{"index":0,"delta":{},"finish_reason":"stop"}]})"),
            data(R"({"id":"chatcmpl-u1","object":"chat.completion.chunk","created":1,"model":"gpt-x","choices":[],"usage":)" + usage + "}"),
            "data: [DONE]\n\n",
        });
    }
    case Wire::Responses: {
        const QByteArray done = R"({"id":"resp_u1","object":"response","created_at":1,"status":"completed","model":"gpt-r","output":[{"id":"msg_u1","type":"message","status":"completed","role":"assistant","content":[{"type":"output_text","annotations":[],"text":"Hello"}]}],"usage":{"input_tokens":80,"input_tokens_details":{"cached_tokens":32},"output_tokens":25,"output_tokens_details":{"reasoning_tokens":9},"total_tokens":105}})";
        if (!stream)
            return FakeReply::json(done);
        const QByteArray started = R"({"id":"resp_u1","object":"response","created_at":1,"status":"in_progress","model":"gpt-r","output":[],"usage":null})";
        return FakeReply::sse({
            sse("response.created", R"({"type":"response.created","response":)" + started + R"(,"sequence_number":0})"),
            sse("response.output_item.added", R"({"type":"response.output_item.added","output_index":0,"item":{"id":"msg_u1","type":"message","status":"in_progress","role":"assistant","content":[]},"sequence_number":1})"),
            sse("response.content_part.added", R"({"type":"response.content_part.added","item_id":"msg_u1","output_index":0,"content_index":0,"part":{"type":"output_text","annotations":[],"text":""},"sequence_number":2})"),
            sse("response.output_text.delta", R"({"type":"response.output_text.delta","item_id":"msg_u1","output_index":0,"content_index":0,"delta":"Hello","sequence_number":3})"),
            sse("response.output_text.done", R"({"type":"response.output_text.done","item_id":"msg_u1","output_index":0,"content_index":0,"text":"Hello","sequence_number":4})"),
            sse("response.content_part.done", R"({"type":"response.content_part.done","item_id":"msg_u1","output_index":0,"content_index":0,"part":{"type":"output_text","annotations":[],"text":"Hello"},"sequence_number":5})"),
            sse("response.output_item.done", R"({"type":"response.output_item.done","output_index":0,"item":{"id":"msg_u1","type":"message","status":"completed","role":"assistant","content":[{"type":"output_text","annotations":[],"text":"Hello"}]},"sequence_number":6})"),
            sse("response.completed", R"({"type":"response.completed","response":)" + done + R"(,"sequence_number":7})"),
        });
    }
    case Wire::Anthropic: {
        if (!stream)
            return FakeReply::json(R"({"id":"msg_u1","type":"message","role":"assistant","model":"claude-x","content":[{"type":"text","text":"Hello"}],"stop_reason":"end_turn","stop_sequence":null,"usage":{"input_tokens":9,"cache_read_input_tokens":16,"cache_creation_input_tokens":4,"output_tokens":5}})");
        return FakeReply::sse({
            sse("message_start", R"({"type":"message_start","message":{"id":"msg_u1","type":"message","role":"assistant","model":"claude-x","content":[],"stop_reason":null,"stop_sequence":null,"usage":{"input_tokens":9,"cache_read_input_tokens":16,"cache_creation_input_tokens":4,"output_tokens":1}}})"),
            sse("content_block_start", R"({"type":"content_block_start","index":0,"content_block":{"type":"text","text":""}})"),
            sse("content_block_delta", R"({"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"Hello"}})"),
            sse("content_block_stop", R"({"type":"content_block_stop","index":0})"),
            sse("message_delta", R"({"type":"message_delta","delta":{"stop_reason":"end_turn","stop_sequence":null},"usage":{"output_tokens":5}})"),
            sse("message_stop", R"({"type":"message_stop"})"),
        });
    }
    case Wire::Gemini: {
        const QByteArray last = R"({"candidates":[{"content":{"role":"model","parts":[{"text":"lo"}]},"finishReason":"STOP","index":0}],"usageMetadata":{"promptTokenCount":50,"candidatesTokenCount":7,"thoughtsTokenCount":3,"cachedContentTokenCount":20,"totalTokenCount":60},"modelVersion":"gemini-x","responseId":"g1"})";
        if (!stream)
            return FakeReply::json(R"({"candidates":[{"content":{"role":"model","parts":[{"text":"Hello"}]},"finishReason":"STOP","index":0}],"usageMetadata":{"promptTokenCount":50,"candidatesTokenCount":7,"thoughtsTokenCount":3,"cachedContentTokenCount":20,"totalTokenCount":60},"modelVersion":"gemini-x","responseId":"g1"})");
        return FakeReply::sse({
            "data: " + QByteArray(R"({"candidates":[{"content":{"role":"model","parts":[{"text":"Hel"}]},"index":0}],"usageMetadata":{"promptTokenCount":50,"candidatesTokenCount":2,"totalTokenCount":52},"modelVersion":"gemini-x","responseId":"g1"})") + "\r\n\r\n",
            "data: " + last + "\r\n\r\n",
        });
    }
    }
    return FakeReply::error(500, "no fixture");
}

QByteArray clientPath(Wire wire, const QByteArray &model, bool stream)
{
    switch (wire) {
    case Wire::Chat: return "/v1/chat/completions";
    case Wire::Responses: return "/v1/responses";
    case Wire::Anthropic: return "/v1/messages";
    case Wire::Gemini:
        return "/v1beta/models/" + model + (stream ? ":streamGenerateContent?alt=sse" : ":generateContent");
    }
    return {};
}

QByteArray clientBody(Wire wire, const QByteArray &model, bool stream)
{
    const QByteArray flag = stream ? "true" : "false";
    switch (wire) {
    case Wire::Chat:
        return R"({"model":")" + model + R"(","messages":[{"role":"user","content":"hi"}],"stream":)" + flag + "}";
    case Wire::Responses:
        return R"({"model":")" + model + R"(","input":"hi","stream":)" + flag + "}";
    case Wire::Anthropic:
        return R"({"model":")" + model + R"(","max_tokens":64,"messages":[{"role":"user","content":"hi"}],"stream":)" + flag + "}";
    case Wire::Gemini:
        return R"({"contents":[{"role":"user","parts":[{"text":"hi"}]}]})";
    }
    return {};
}

} // namespace lip::test
