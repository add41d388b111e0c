// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Canonical events → Chat Completions bytes: `data: {chunk}` SSE for streams, one
// chat.completion object otherwise. Shapes follow what api.openai.com sends (see
// shared/clients/HOWTO.md), because the openai SDK's stream helpers are strict about them.

#include "core/canonical.h"
#include "core/dialect.h"

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>

#include <cstdint>
#include <map>
#include <string>

namespace lip {

class OpenAIChatEncoder final : public ResponseEncoder
{
public:
    OpenAIChatEncoder(std::string clientModel, bool stream, bool includeUsage);

    void encode(const canon::Event &event, QByteArray &out) override;
    void finish(QByteArray &out) override;
    QByteArray contentType() const override;

    // Tests pin the otherwise random id and the clock.
    void setIdentity(std::string id, int64_t created);

private:
    boost::json::object chunk(boost::json::object delta, const char *finishReason = nullptr) const;
    void writeChunk(const boost::json::object &chunk, QByteArray &out) const;
    void ensureStarted(QByteArray &out);
    void adoptId(const std::string &upstreamId);
    int toolIndex(int blockIndex) const;
    boost::json::object usageJson() const;
    const char *finishReason() const;

    std::string m_model;
    bool m_stream = false;
    bool m_includeUsage = false;
    bool m_idPinned = false;
    std::string m_id;
    int64_t m_created = 0;

    bool m_started = false;
    bool m_finishSent = false;
    bool m_errored = false;
    bool m_sawToolUse = false;
    canon::StopReason m_stop = canon::StopReason::None;
    canon::Usage m_usage;
    Error m_error;
    std::map<int, int> m_toolIndexOfBlock; // canonical block index → Chat tool_calls index

    // Non-stream accumulation.
    std::string m_text;
    std::string m_reasoning;
    struct ToolCall
    {
        std::string id;
        std::string name;
        std::string arguments;
    };
    std::vector<ToolCall> m_toolCalls;
};

} // namespace lip
