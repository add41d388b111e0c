// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Request bodies the load generator sends and replies the fake upstream gives, all generated
// deterministically (same bytes every run) so two runs of the benchmark compare.

#include <QByteArray>
#include <QList>

namespace lip::bench {

struct Payloads
{
    // Client requests, ~300 B each. `model` is what the proxy routes on ("openai:gpt-bench").
    static QByteArray openAIChatRequest(const QByteArray &model, bool stream);
    static QByteArray anthropicRequest(const QByteArray &model, bool stream);

    // The realistic agent request: system prompt, long history of tool calls and results, 40
    // tools with large JSON schemas; about 150 KB, in either dialect (same content).
    static QByteArray openAIAgentRequest(const QByteArray &model);
    static QByteArray anthropicAgentRequest(const QByteArray &model);

    // Upstream replies: non-stream ~400 B; streams are 20 SSE events.
    static QByteArray openAIReply();
    static QList<QByteArray> openAIStream();
    static QByteArray anthropicReply();
    static QList<QByteArray> anthropicStream();
};

} // namespace lip::bench
