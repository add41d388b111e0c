// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Canonical events → Responses bytes: named SSE events (`event: <type>` + `data` with `type` and
// `sequence_number`) for streams, one response object otherwise. The openai SDK's
// responses.stream() is strict (output_index grows one by one, every item_id matches its item,
// ids unique), and Codex needs response.completed / response.failed as the last event.

#include "core/canonical.h"
#include "core/dialect.h"

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>

#include <cstdint>
#include <functional>
#include <map>
#include <set>
#include <string>
#include <vector>

namespace lip {

namespace responses { class ResponseStore; }

class OpenAIResponsesEncoder final : public ResponseEncoder
{
public:
    // `clientBody` is the client's request body (for the echo of instructions, tools, ...); an
    // empty object derives the echo from `request`.
    OpenAIResponsesEncoder(const canon::Request &request, std::string clientModel, bool stream,
                           boost::json::object clientBody = {});

    void encode(const canon::Event &event, QByteArray &out) override;
    void finish(QByteArray &out) override;
    QByteArray contentType() const override;

    // Tests pin the otherwise random ids and the clock.
    void setIdentity(std::string responseId, int64_t createdAt);
    void setDeterministicItemIds(bool on) { m_deterministicIds = on; }

    // On a completed (or incomplete) response, put `conversation` (request.messages, already
    // prefixed with any stored history) + this turn's output into `store` under responseId().
    // Not for store:false requests and not for Responses backends (they keep their own state).
    void attachStore(responses::ResponseStore *store, std::vector<canon::Message> conversation);

    const std::string &responseId() const { return m_id; }
    // The response object as last rendered (status in_progress until finish()).
    boost::json::object responseObject() const;
    // This turn's output as a canonical assistant message.
    canon::Message outputMessage() const;

private:
    enum class ItemType { Message, FunctionCall, CustomCall, Reasoning };
    struct Item
    {
        ItemType type = ItemType::Message;
        std::string id;
        int outputIndex = 0;
        bool done = false;
        // message
        std::vector<std::string> parts; // text of each output_text part
        bool partOpen = false;
        // calls
        std::string callId;
        std::string name;       // as the client sees it
        std::string canonName;  // as the canonical model named it
        std::string ns;
        std::string arguments;  // function arguments / raw custom args JSON
        std::string input;      // custom tool input text
        // reasoning
        std::string text;
        std::string signature;
        bool redacted = false;
        bool summaryOpen = false;
    };

    void writeEvent(const char *type, boost::json::object data, QByteArray &out);
    void ensureStarted(QByteArray &out);
    std::string newItemId(const char *prefix);
    Item &openItem(ItemType type, QByteArray &out, int blockIndex);
    void closeMessagePart(Item &item, QByteArray &out);
    void closeItem(Item &item, QByteArray &out);
    void closeOpenMessage(QByteArray &out);
    void closeAll(QByteArray &out);
    boost::json::object itemJson(const Item &item, bool final) const;
    boost::json::object usageJson() const;
    boost::json::object baseResponse(const char *status) const;
    Item *itemForBlock(int blockIndex);

    // Echo
    boost::json::object m_echo;
    bool m_summary = false;
    bool m_includeEncrypted = false;
    std::set<std::string> m_customTools;
    std::map<std::string, std::pair<std::string, std::string>> m_namespaced; // flat → (ns, name)

    std::string m_model;
    bool m_stream = false;
    std::string m_id;
    int64_t m_createdAt = 0;
    bool m_deterministicIds = false;
    int m_idCounter = 0;

    int64_t m_seq = 0;
    bool m_started = false;
    bool m_terminal = false;   // response.completed/incomplete/failed written
    bool m_errored = false;
    Error m_error;
    canon::StopReason m_stop = canon::StopReason::None;
    canon::Usage m_usage;
    std::vector<Item> m_items;
    std::map<int, size_t> m_itemOfBlock;  // canonical block index → m_items index
    int m_openMessage = -1;               // m_items index of the message still open, -1 none
    std::string m_status;                 // final status once known

    responses::ResponseStore *m_store = nullptr;
    std::vector<canon::Message> m_conversation;
};

} // namespace lip
