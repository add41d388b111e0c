// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/dialect.h"

#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace lip {

// Canonical events → Anthropic Messages output: the SSE event sequence of the real API
// (message_start, content_block_start/delta/stop, ping, message_delta, message_stop) or, for a
// non-stream request, one message JSON. Blocks are renumbered 0.. in order of appearance and
// one block is open at a time, as Anthropic clients expect. message_start waits for the first
// content event so that usage reported with the start (Anthropic backends) is in it; usage
// that only arrives at the end (every other provider) is in message_delta, and message_start
// then carries `inputEstimate` (the local estimate of the prompt; clients show it until
// message_delta overwrites it) with output_tokens 1, as the real API starts.
// A thinking block that ends without a signature gets a proxy-made one (anthropic::
// proxySignature) so that clients, which always expect one, keep and resend the block.
class AnthropicEncoder : public ResponseEncoder
{
public:
    AnthropicEncoder(std::string clientModel, bool stream, int64_t inputEstimate = -1);

    void encode(const canon::Event &event, QByteArray &out) override;
    void finish(QByteArray &out) override;
    QByteArray contentType() const override;

private:
    struct Block
    {
        int index = 0;          // the Anthropic content index
        canon::BlockKind kind = canon::BlockKind::Text;
        std::string id;
        std::string name;
        std::string text;       // text, thinking, or tool arguments JSON
        std::string signature;  // thinking signature / redacted data
        bool open = true;
        bool startSent = false;
    };

    void ensureStarted(QByteArray &out);
    Block &blockFor(const canon::Event &event, canon::BlockKind kind, QByteArray &out);
    Block &openBlock(int eventIndex, canon::BlockKind kind, const std::string &id,
                     const std::string &name, QByteArray &out);
    void sendStart(Block &block, QByteArray &out);
    void closeBlock(Block &block, QByteArray &out);
    void closeOpen(QByteArray &out);
    std::string stopReason() const;
    std::string usageJson(bool start = false) const;
    QByteArray messageJson() const;

    std::string m_model;
    bool m_stream = false;
    std::string m_id;
    canon::Usage m_usage;
    int64_t m_inputEstimate = -1;
    std::vector<Block> m_blocks;
    std::map<int, size_t> m_byEventIndex;
    int m_open = -1;            // index into m_blocks of the open block
    bool m_started = false;
    bool m_pinged = false;
    bool m_finishSeen = false;
    bool m_failed = false;
    bool m_done = false;
    canon::StopReason m_stop = canon::StopReason::None;
    std::string m_stopSequence;
    Error m_error;
};

} // namespace lip
