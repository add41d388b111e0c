// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Responses bytes from a provider → canonical events. The stream form takes any split of the SSE
// body (named events, `data` JSON with a `type`); the body form folds one response object into
// the same events, so everything above sees one shape.
//
// Blocks are numbered 0.. in order of appearance: a reasoning item is a Thinking block (summary
// deltas as thinking text, encrypted_content as its Signature), a message item one Text block,
// a function_call / custom_tool_call a ToolUse block (call_id as its id; a custom tool's input
// text arrives as the arguments {"input": "<text>"}). Usage and Finish come from
// response.completed / response.incomplete; response.failed and `event: error` become an Error;
// a stream that ends before any of those is an Error (UpstreamUnreachable, "ended early").

#include "core/canonical.h"
#include "core/dialect.h"
#include "core/sse.h"

#include <boost/json/object.hpp>

#include <map>
#include <string>
#include <vector>

namespace lip {

class OpenAIResponsesDecoder final : public ResponseDecoder
{
public:
    explicit OpenAIResponsesDecoder(bool stream) : m_stream(stream) {}
    void feed(std::string_view bytes, canon::Events &out) override;
    void finish(canon::Events &out) override;

private:
    struct ItemState
    {
        std::string type;
        int block = -1;           // canonical block index, -1 until opened
        bool closed = false;
        bool contentSeen = false; // deltas arrived (text, arguments, summary)
        int summaryParts = 0;
    };

    void onData(const std::string &eventName, const std::string &data, canon::Events &out);
    void onEvent(const boost::json::object &event, const std::string &type, canon::Events &out);
    void onResponse(const boost::json::object &response, canon::Events &out); // whole body
    void start(const boost::json::object *response, canon::Events &out);
    ItemState &itemAdded(const boost::json::object &item, canon::Events &out);
    void itemDone(const boost::json::object &item, canon::Events &out);
    ItemState *itemFor(const boost::json::object &event);
    int openBlock(ItemState &state, canon::BlockKind kind, canon::Events &out, std::string id = {}, std::string name = {});
    void delta(canon::EventType type, int block, std::string text, canon::Events &out);
    void closeBlock(ItemState &state, canon::Events &out);
    void terminal(const boost::json::object &response, const std::string &type, canon::Events &out);
    void fail(Error error, canon::Events &out);

    bool m_stream = false;
    SseParser m_sse;
    std::vector<SseParser::Event> m_pending;
    std::string m_body;
    bool m_tooLarge = false;
    bool m_started = false;
    bool m_done = false;
    bool m_sawTool = false;
    int m_nextBlock = 0;
    std::map<std::string, ItemState> m_items;     // by item id
    std::map<int64_t, std::string> m_itemAtIndex; // output_index → item id
};

} // namespace lip
