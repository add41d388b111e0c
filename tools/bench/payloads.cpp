// SPDX-License-Identifier: GPL-3.0-or-later
#include "payloads.h"

#include "fakeprovider.h"

#include <cstdint>
#include <string>
#include <vector>

namespace lip::bench {

namespace {

using lip::test::FakeProvider;

QByteArray q(QByteArrayView text)
{
    return FakeProvider::jsonString(text);
}

// A fixed linear congruential generator: the 150 KB request must be the same bytes every run.
class Words
{
public:
    explicit Words(std::uint32_t seed) : m_state(seed) {}

    QByteArray text(int bytes)
    {
        static const char *const kWords[] = {
            "the", "request", "handler", "returns", "a", "value", "when", "buffer", "is",
            "empty", "and", "parser", "reads", "next", "token", "from", "stream", "config",
            "file", "contains", "backend", "model", "route", "session", "cache", "limit",
            "retry", "timeout", "error", "message", "should", "be", "logged", "with", "context",
            "function", "calls", "helper", "to", "compute", "index", "of", "first", "match",
            "in", "list", "then", "writes", "result", "into", "output", "struct", "field",
            "class", "member", "pointer", "owner", "thread", "queue", "signal", "slot", "test",
            "case", "fails"};
        constexpr int kCount = int(sizeof kWords / sizeof kWords[0]);
        QByteArray out;
        out.reserve(bytes + 16);
        int sentence = 0;
        while (out.size() < bytes) {
            QByteArray w = kWords[next() % kCount];
            if (sentence == 0 && !w.isEmpty())
                w[0] = char(w[0] - 'a' + 'A');
            out += w;
            if (++sentence >= 12 + int(next() % 8)) {
                out += ". ";
                sentence = 0;
            } else {
                out += ' ';
            }
        }
        out.truncate(bytes);
        return out;
    }

    std::uint32_t next()
    {
        m_state = m_state * 1664525u + 1013904223u;
        return m_state >> 8;
    }

private:
    std::uint32_t m_state;
};

struct Tool
{
    QByteArray name;
    QByteArray description;
    QByteArray schema; // JSON
};

struct Round
{
    QByteArray userText;      // the user's question (first round) or follow-up
    QByteArray assistantText; // said before the tool call
    QByteArray toolId;
    QByteArray toolName;
    QByteArray toolInput;     // JSON object
    QByteArray toolResult;    // a file's contents, as text
};

struct Agent
{
    QByteArray system;
    std::vector<Tool> tools;
    std::vector<Round> rounds;
    QByteArray finalUser;
};

QByteArray schemaFor(Words &words, int t)
{
    QByteArray s = R"({"type":"object","properties":{)";
    for (int p = 0; p < 8; ++p) {
        if (p)
            s += ',';
        s += '"' + QByteArray("param_") + QByteArray::number(p) + '"' + ':';
        switch (p % 4) {
        case 0:
            s += R"({"type":"string","description":)" + q(words.text(110)) + '}';
            break;
        case 1:
            s += R"({"type":"integer","minimum":0,"maximum":)" + QByteArray::number(1000 + t * 7 + p)
                 + R"(,"description":)" + q(words.text(90)) + '}';
            break;
        case 2:
            s += R"({"type":"string","enum":["auto","fast","careful","exhaustive","none"],"description":)"
                 + q(words.text(80)) + '}';
            break;
        default:
            s += R"({"type":"object","description":)" + q(words.text(60))
                 + R"(,"properties":{"path":{"type":"string","description":)" + q(words.text(50))
                 + R"(},"recursive":{"type":"boolean"},"depth":{"type":"number","default":0.5},"globs":{"type":"array","items":{"type":"string"}}},"required":["path"],"additionalProperties":false})";
            break;
        }
    }
    s += R"(},"required":["param_0","param_1"],"additionalProperties":false,"$schema":"http://json-schema.org/draft-07/schema#"})";
    return s;
}

const Agent &agent()
{
    static const Agent a = [] {
        Agent a;
        Words words(20240611u);
        a.system = "You are a coding agent working in a C++ repository. " + words.text(6000);
        for (int t = 0; t < 40; ++t) {
            Tool tool;
            tool.name = "tool_" + QByteArray::number(t) + "_" + words.text(8).replace(' ', '_').replace('.', '_');
            tool.description = words.text(260);
            tool.schema = schemaFor(words, t);
            a.tools.push_back(std::move(tool));
        }
        for (int r = 0; r < 20; ++r) {
            Round round;
            round.userText = words.text(r == 0 ? 900 : 250);
            round.assistantText = words.text(160);
            round.toolId = "toolu_bench_" + QByteArray::number(r);
            round.toolName = a.tools[std::size_t(r * 7 % 40)].name;
            round.toolInput = R"({"param_0":)" + q(QByteArray("src/engine/file_" + QByteArray::number(r) + ".cpp"))
                              + R"(,"param_1":)" + QByteArray::number(10 + r * 13)
                              + R"(,"param_2":"careful","param_3":{"path":"src","recursive":true,"depth":0.25}})";
            round.toolResult = words.text(2000);
            a.rounds.push_back(std::move(round));
        }
        a.finalUser = words.text(400);
        return a;
    }();
    return a;
}

} // namespace

QByteArray Payloads::openAIChatRequest(const QByteArray &model, bool stream)
{
    return R"({"model":)" + q(model)
           + R"(,"messages":[{"role":"system","content":"You are a terse assistant."},{"role":"user","content":"Say hello in one short sentence, please. This is a benchmark request of typical size."}],"max_tokens":64,"temperature":0.2,"stream":)"
           + (stream ? QByteArray("true") : QByteArray("false")) + '}';
}

QByteArray Payloads::anthropicRequest(const QByteArray &model, bool stream)
{
    return R"({"model":)" + q(model)
           + R"(,"max_tokens":64,"system":"You are a terse assistant.","messages":[{"role":"user","content":"Say hello in one short sentence, please. This is a benchmark request of typical size."}],"temperature":0.2,"stream":)"
           + (stream ? QByteArray("true") : QByteArray("false")) + '}';
}

QByteArray Payloads::openAIAgentRequest(const QByteArray &model)
{
    const Agent &a = agent();
    QByteArray out;
    out.reserve(160 * 1024);
    out += R"({"model":)" + q(model) + R"(,"max_tokens":4096,"messages":[{"role":"system","content":)"
           + q(a.system) + '}';
    for (const Round &r : a.rounds) {
        out += R"(,{"role":"user","content":)" + q(r.userText) + '}';
        out += R"(,{"role":"assistant","content":)" + q(r.assistantText)
               + R"(,"tool_calls":[{"id":)" + q(r.toolId) + R"(,"type":"function","function":{"name":)"
               + q(r.toolName) + R"(,"arguments":)" + q(r.toolInput) + "}}]}";
        out += R"(,{"role":"tool","tool_call_id":)" + q(r.toolId) + R"(,"content":)" + q(r.toolResult) + '}';
    }
    out += R"(,{"role":"user","content":)" + q(a.finalUser) + "}],\"tools\":[";
    for (std::size_t t = 0; t < a.tools.size(); ++t) {
        if (t)
            out += ',';
        out += R"({"type":"function","function":{"name":)" + q(a.tools[t].name) + R"(,"description":)"
               + q(a.tools[t].description) + R"(,"parameters":)" + a.tools[t].schema + "}}";
    }
    out += R"(],"tool_choice":"auto","temperature":0.2,"stream":false})";
    return out;
}

QByteArray Payloads::anthropicAgentRequest(const QByteArray &model)
{
    const Agent &a = agent();
    QByteArray out;
    out.reserve(160 * 1024);
    out += R"({"model":)" + q(model) + R"(,"max_tokens":4096,"system":)" + q(a.system) + R"(,"messages":[)";
    for (std::size_t i = 0; i < a.rounds.size(); ++i) {
        const Round &r = a.rounds[i];
        if (i == 0) {
            out += R"({"role":"user","content":)" + q(r.userText) + '}';
        } else {
            // The previous round's tool result and this round's question share one user turn.
            const Round &prev = a.rounds[i - 1];
            out += R"(,{"role":"user","content":[{"type":"tool_result","tool_use_id":)" + q(prev.toolId)
                   + R"(,"content":)" + q(prev.toolResult) + R"(},{"type":"text","text":)"
                   + q(r.userText) + "}]}";
        }
        out += R"(,{"role":"assistant","content":[{"type":"text","text":)" + q(r.assistantText)
               + R"(},{"type":"tool_use","id":)" + q(r.toolId) + R"(,"name":)" + q(r.toolName)
               + R"(,"input":)" + r.toolInput + "}]}";
    }
    const Round &last = a.rounds.back();
    out += R"(,{"role":"user","content":[{"type":"tool_result","tool_use_id":)" + q(last.toolId)
           + R"(,"content":)" + q(last.toolResult) + R"(},{"type":"text","text":)" + q(a.finalUser)
           + "}]}],\"tools\":[";
    for (std::size_t t = 0; t < a.tools.size(); ++t) {
        if (t)
            out += ',';
        out += R"({"name":)" + q(a.tools[t].name) + R"(,"description":)" + q(a.tools[t].description)
               + R"(,"input_schema":)" + a.tools[t].schema + '}';
    }
    out += R"(],"tool_choice":{"type":"auto"},"temperature":0.2,"stream":false})";
    return out;
}

QByteArray Payloads::openAIReply()
{
    return FakeProvider::openAIChatCompletion(
        "gpt-bench", "Hello! This is a short answer from the benchmark's fake upstream, about the "
                     "size of a typical one-line reply from a chat model.",
        31, 27);
}

QList<QByteArray> Payloads::openAIStream()
{
    // Role chunk + 17 deltas + finish chunk + [DONE] = 20 events.
    QList<QByteArray> deltas;
    for (int i = 0; i < 17; ++i)
        deltas.append("word" + QByteArray::number(i) + ' ');
    return FakeProvider::openAIChatStream("gpt-bench", deltas);
}

QByteArray Payloads::anthropicReply()
{
    return R"({"id":"msg_bench01","type":"message","role":"assistant","model":"claude-bench","content":[{"type":"text","text":"Hello! This is a short answer from the benchmark's fake upstream, about the size of a typical one-line reply."}],"stop_reason":"end_turn","stop_sequence":null,"usage":{"input_tokens":31,"cache_creation_input_tokens":0,"cache_read_input_tokens":0,"output_tokens":27}})";
}

QList<QByteArray> Payloads::anthropicStream()
{
    // message_start, block start, ping, 14 deltas, block stop, message_delta, message_stop = 20.
    QList<QByteArray> events;
    events.append(
        R"(event: message_start
data: {"type":"message_start","message":{"id":"msg_bench01","type":"message","role":"assistant","model":"claude-bench","content":[],"stop_reason":null,"stop_sequence":null,"usage":{"input_tokens":31,"cache_creation_input_tokens":0,"cache_read_input_tokens":0,"output_tokens":1}}}

)");
    events.append(R"(event: content_block_start
data: {"type":"content_block_start","index":0,"content_block":{"type":"text","text":""}}

)");
    events.append("event: ping\ndata: {\"type\": \"ping\"}\n\n");
    for (int i = 0; i < 14; ++i) {
        events.append(R"(event: content_block_delta
data: {"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"word)"
                      + QByteArray::number(i) + " \"}}\n\n");
    }
    events.append("event: content_block_stop\ndata: {\"type\":\"content_block_stop\",\"index\":0}\n\n");
    events.append(R"(event: message_delta
data: {"type":"message_delta","delta":{"stop_reason":"end_turn","stop_sequence":null},"usage":{"output_tokens":27}}

)");
    events.append("event: message_stop\ndata: {\"type\":\"message_stop\"}\n\n");
    return events;
}

} // namespace lip::bench
