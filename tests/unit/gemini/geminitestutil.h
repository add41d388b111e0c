// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Golden-file helpers for the Gemini tests. Set LIP_UPDATE_GOLDEN=1 to (re)write the files, then
// read the diff: a golden is only as good as the person who checked it.

#include "core/canonical.h"
#include "core/dialect.h"

#include <boost/json.hpp>

#include <QByteArray>
#include <QFile>
#include <QTest>

#include <string>

namespace geminitest {

namespace json = boost::json;

inline QString goldenPath(const QString &name)
{
    return qEnvironmentVariable("LIP_SOURCE_DIR") + QStringLiteral("/tests/unit/gemini/golden/") + name;
}

inline QByteArray readGolden(const QString &name)
{
    QFile f(goldenPath(name));
    if (!f.open(QIODevice::ReadOnly))
        return {};
    return f.readAll();
}

// Pretty JSON with keys in insertion order (Boost.JSON keeps it), 2-space indent.
inline void pretty(const json::value &v, std::string &out, int indent = 0)
{
    const std::string pad(size_t(indent), ' ');
    if (v.is_object()) {
        const auto &o = v.get_object();
        if (o.empty()) {
            out += "{}";
            return;
        }
        out += "{\n";
        bool first = true;
        for (const auto &kv : o) {
            if (!first)
                out += ",\n";
            first = false;
            out += pad + "  " + json::serialize(json::value(kv.key())) + ": ";
            pretty(kv.value(), out, indent + 2);
        }
        out += "\n" + pad + "}";
    } else if (v.is_array()) {
        const auto &a = v.get_array();
        if (a.empty()) {
            out += "[]";
            return;
        }
        out += "[\n";
        bool first = true;
        for (const auto &x : a) {
            if (!first)
                out += ",\n";
            first = false;
            out += pad + "  ";
            pretty(x, out, indent + 2);
        }
        out += "\n" + pad + "]";
    } else {
        out += json::serialize(v);
    }
}

inline QByteArray prettyBytes(const json::value &v)
{
    std::string s;
    pretty(v, s);
    s += '\n';
    return QByteArray::fromStdString(s);
}

// Compares with the golden file (or writes it under LIP_UPDATE_GOLDEN). Returns false on mismatch.
inline bool matchesGolden(const QString &name, const QByteArray &actual)
{
    if (qEnvironmentVariableIsSet("LIP_UPDATE_GOLDEN")) {
        QFile f(goldenPath(name));
        if (!f.open(QIODevice::WriteOnly | QIODevice::Truncate))
            return false;
        f.write(actual);
        return true;
    }
    const QByteArray expected = readGolden(name);
    if (expected != actual) {
        qWarning().noquote() << "golden" << name << "differs; actual:\n" << actual;
        return false;
    }
    return true;
}

inline json::value parse(const QByteArray &bytes)
{
    return json::parse(std::string_view(bytes.constData(), size_t(bytes.size())));
}

inline const char *kindName(lip::canon::BlockKind k)
{
    using K = lip::canon::BlockKind;
    switch (k) {
    case K::Text: return "text";
    case K::Image: return "image";
    case K::Document: return "document";
    case K::ToolUse: return "tool_use";
    case K::ToolResult: return "tool_result";
    case K::Thinking: return "thinking";
    case K::RedactedThinking: return "redacted_thinking";
    }
    return "?";
}

inline json::object dumpBlock(const lip::canon::ContentBlock &b)
{
    using K = lip::canon::BlockKind;
    json::object o{{"kind", kindName(b.kind)}};
    if (!b.text.empty() || b.kind == K::Text || b.kind == K::Thinking)
        o["text"] = b.text;
    if (!b.signature.empty())
        o["signature"] = b.signature;
    if (b.kind == K::Image || b.kind == K::Document)
        o["media"] = json::object{{"kind", int(b.media.kind)}, {"mediaType", b.media.mediaType}, {"data", b.media.data}};
    if (!b.toolId.empty())
        o["toolId"] = b.toolId;
    if (!b.toolName.empty())
        o["toolName"] = b.toolName;
    if (b.kind == K::ToolUse)
        o["input"] = b.input;
    if (b.kind == K::ToolResult) {
        json::array c;
        for (const auto &x : b.content)
            c.push_back(dumpBlock(x));
        o["content"] = std::move(c);
        o["isError"] = b.isError;
    }
    if (!b.extensions.empty())
        o["extensions"] = b.extensions;
    return o;
}

inline json::object dumpRequest(const lip::canon::Request &r)
{
    json::object o;
    o["model"] = r.model;
    o["stream"] = r.stream;
    json::array sys;
    for (const auto &b : r.system)
        sys.push_back(dumpBlock(b));
    o["system"] = std::move(sys);
    json::array msgs;
    for (const auto &m : r.messages) {
        json::array content;
        for (const auto &b : m.content)
            content.push_back(dumpBlock(b));
        msgs.push_back(json::object{{"role", m.role == lip::canon::Role::User ? "user" : "assistant"},
                                    {"content", std::move(content)}});
    }
    o["messages"] = std::move(msgs);
    json::array tools;
    for (const auto &t : r.tools) {
        json::object to{{"name", t.name}, {"description", t.description}, {"schema", t.schema}};
        if (!t.extensions.empty())
            to["extensions"] = t.extensions;
        tools.push_back(std::move(to));
    }
    o["tools"] = std::move(tools);
    o["toolChoice"] = json::object{{"mode", int(r.toolChoice.mode)}, {"name", r.toolChoice.name},
                                   {"specified", r.toolChoice.specified}};
    json::object s;
    if (r.sampling.temperature) s["temperature"] = *r.sampling.temperature;
    if (r.sampling.topP) s["topP"] = *r.sampling.topP;
    if (r.sampling.topK) s["topK"] = *r.sampling.topK;
    if (r.sampling.maxTokens) s["maxTokens"] = *r.sampling.maxTokens;
    if (r.sampling.n) s["n"] = *r.sampling.n;
    if (r.sampling.seed) s["seed"] = *r.sampling.seed;
    if (!r.sampling.stop.empty()) {
        json::array st;
        for (const auto &x : r.sampling.stop)
            st.push_back(json::string(x));
        s["stop"] = std::move(st);
    }
    o["sampling"] = std::move(s);
    json::object rs{{"effort", r.reasoning.effort}, {"enabled", r.reasoning.enabled},
                    {"includeThoughts", r.reasoning.includeThoughts}};
    if (r.reasoning.budgetTokens)
        rs["budgetTokens"] = *r.reasoning.budgetTokens;
    o["reasoning"] = std::move(rs);
    o["responseFormat"] = json::object{{"kind", int(r.responseFormat.kind)}, {"name", r.responseFormat.name},
                                       {"schema", r.responseFormat.schema}};
    o["extensions"] = r.extensions;
    return o;
}

inline const char *eventName(lip::canon::EventType t)
{
    using T = lip::canon::EventType;
    switch (t) {
    case T::MessageStart: return "message_start";
    case T::BlockStart: return "block_start";
    case T::TextDelta: return "text_delta";
    case T::ToolArgsDelta: return "tool_args_delta";
    case T::ThinkingDelta: return "thinking_delta";
    case T::Signature: return "signature";
    case T::BlockStop: return "block_stop";
    case T::Usage: return "usage";
    case T::Finish: return "finish";
    case T::Error: return "error";
    }
    return "?";
}

inline json::array dumpEvents(const lip::canon::Events &events)
{
    using T = lip::canon::EventType;
    json::array a;
    for (const auto &e : events) {
        json::object o{{"type", eventName(e.type)}};
        switch (e.type) {
        case T::MessageStart: o["id"] = e.id; o["model"] = e.model; break;
        case T::BlockStart:
            o["index"] = e.index;
            o["kind"] = kindName(e.blockKind);
            if (!e.id.empty()) o["id"] = e.id;
            if (!e.name.empty()) o["name"] = e.name;
            break;
        case T::TextDelta: case T::ToolArgsDelta: case T::ThinkingDelta: case T::Signature:
            o["index"] = e.index;
            o["text"] = e.text;
            break;
        case T::BlockStop: o["index"] = e.index; break;
        case T::Usage:
            o["input"] = e.usage.input; o["output"] = e.usage.output; o["cacheRead"] = e.usage.cacheRead;
            o["reasoning"] = e.usage.reasoning;
            break;
        case T::Finish: o["stop"] = lip::canon::stopReasonName(e.stop); break;
        case T::Error:
            o["category"] = lip::errorCategoryName(e.error.category);
            o["message"] = e.error.message.toStdString();
            break;
        }
        a.push_back(std::move(o));
    }
    return a;
}

} // namespace geminitest
