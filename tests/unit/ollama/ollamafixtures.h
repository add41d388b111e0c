// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Fixtures for tst_ollama, kept out of the Q_OBJECT file: Qt 6.4's moc cannot read raw strings
// that contain quotes.

#include "core/canonical.h"

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include <QByteArray>
#include <QString>
#include <QStringList>

#include <string>

namespace lip::test::ollamafixtures {

namespace bj = boost::json;

inline canon::ContentBlock text(std::string t)
{
    canon::ContentBlock b;
    b.text = std::move(t);
    return b;
}

inline canon::Message message(canon::Role role, std::vector<canon::ContentBlock> content)
{
    canon::Message m;
    m.role = role;
    m.content = std::move(content);
    return m;
}

inline canon::Tool weatherTool()
{
    canon::Tool t;
    t.name = "get_weather";
    t.description = "Current weather for a city";
    t.schema = bj::parse(R"({"type":"object","properties":{"city":{"type":"string"}},"required":["city"]})");
    return t;
}

// Named canonical requests; golden/req_<name>.json holds the body each must become.
inline canon::Request requestCase(const QString &name)
{
    canon::Request r;
    r.model = "llama3.2";
    r.stream = true;
    if (name == QLatin1String("basic")) {
        r.system = {text("Be brief."), text("Answer in English.")};
        r.messages = {message(canon::Role::User, {text("Why is the sky blue?")})};
        r.sampling.temperature = 0.5;
        r.sampling.topP = 0.9;
        r.sampling.topK = 40;
        r.sampling.maxTokens = 256;
        r.sampling.stop = {"\n\n", "END"};
        r.sampling.seed = 42;
    } else if (name == QLatin1String("tools_history")) {
        r.stream = false;
        r.tools = {weatherTool()};
        canon::ContentBlock thinking;
        thinking.kind = canon::BlockKind::Thinking;
        thinking.text = "The user wants the weather.";
        thinking.signature = "sig";
        canon::ContentBlock call;
        call.kind = canon::BlockKind::ToolUse;
        call.toolId = "call_1";
        call.toolName = "get_weather";
        call.input = bj::parse(R"({"city":"Paris"})");
        canon::ContentBlock stringArgs = call;
        stringArgs.toolId = "call_2";
        stringArgs.input = bj::string(R"({"city":"Oslo"})");
        canon::ContentBlock result;
        result.kind = canon::BlockKind::ToolResult;
        result.toolId = "call_1";
        result.content = {text("sunny, 21C")};
        canon::ContentBlock result2 = result;
        result2.toolId = "call_2";
        result2.content = {text("snow")};
        r.messages = {message(canon::Role::User, {text("Weather in Paris and Oslo?")}),
                      message(canon::Role::Assistant, {thinking, text("Checking."), call, stringArgs}),
                      message(canon::Role::User, {result, result2, text("Thanks; and tomorrow?")})};
    } else if (name == QLatin1String("images_format")) {
        canon::ContentBlock image;
        image.kind = canon::BlockKind::Image;
        image.media.kind = canon::MediaSource::Kind::Base64;
        image.media.mediaType = "image/png";
        image.media.data = "iVBORw0KGgo=";
        canon::ContentBlock byUrl = image;
        byUrl.media.kind = canon::MediaSource::Kind::Url;
        byUrl.media.data = "https://example.com/cat.png";
        r.messages = {message(canon::Role::User, {text("What is this?"), image, byUrl})};
        r.responseFormat.kind = canon::ResponseFormat::Kind::JsonSchema;
        r.responseFormat.schema = bj::parse(R"({"type":"object","properties":{"animal":{"type":"string"}}})");
        r.reasoning.enabled = true;
    } else if (name == QLatin1String("tools_off_gptoss")) {
        r.model = "gpt-oss:20b";
        r.tools = {weatherTool()};
        r.toolChoice.mode = canon::ToolChoice::Mode::None;
        r.toolChoice.specified = true;
        r.reasoning.effort = "high";
        r.messages = {message(canon::Role::User, {text("Hi")})};
    } else if (name == QLatin1String("think_off")) {
        r.reasoning.budgetTokens = 0;
        r.responseFormat.kind = canon::ResponseFormat::Kind::JsonObject;
        r.messages = {message(canon::Role::User, {text("Hi")})};
    }
    return r;
}

inline const char *kindName(canon::BlockKind kind)
{
    switch (kind) {
    case canon::BlockKind::Text: return "text";
    case canon::BlockKind::Thinking: return "thinking";
    case canon::BlockKind::ToolUse: return "tool_use";
    default: return "other";
    }
}

// One line per event, readable in a diff. Generated tool ids are shown as their prefix only.
inline QByteArray dump(const canon::Events &events)
{
    QByteArray out;
    for (const canon::Event &e : events) {
        switch (e.type) {
        case canon::EventType::MessageStart:
            out += "message_start model=" + QByteArray::fromStdString(e.model)
                   + (e.id.rfind("msg_ollama_", 0) == 0 ? " id=msg_ollama_*" : " id=?") + "\n";
            break;
        case canon::EventType::BlockStart: {
            QByteArray id = QByteArray::fromStdString(e.id);
            if (id.startsWith("call_") && id.count('_') == 2)
                id = "call_*";
            out += "block_start " + QByteArray::number(e.index) + " " + kindName(e.blockKind);
            if (e.blockKind == canon::BlockKind::ToolUse)
                out += " id=" + id + " name=" + QByteArray::fromStdString(e.name);
            out += "\n";
            break;
        }
        case canon::EventType::TextDelta:
            out += "text " + QByteArray::number(e.index) + " " + QByteArray::fromStdString(bj::serialize(bj::value(bj::string(e.text)))) + "\n";
            break;
        case canon::EventType::ThinkingDelta:
            out += "thinking " + QByteArray::number(e.index) + " " + QByteArray::fromStdString(bj::serialize(bj::value(bj::string(e.text)))) + "\n";
            break;
        case canon::EventType::ToolArgsDelta:
            out += "args " + QByteArray::number(e.index) + " " + QByteArray::fromStdString(e.text) + "\n";
            break;
        case canon::EventType::Signature: out += "signature\n"; break;
        case canon::EventType::BlockStop: out += "block_stop " + QByteArray::number(e.index) + "\n"; break;
        case canon::EventType::Usage:
            out += "usage input=" + QByteArray::number(e.usage.input) + " output=" + QByteArray::number(e.usage.output) + "\n";
            break;
        case canon::EventType::Finish: out += QByteArray("finish ") + canon::stopReasonName(e.stop) + "\n"; break;
        case canon::EventType::Error:
            out += QByteArray("error ") + errorCategoryName(e.error.category) + " " + e.error.message.toUtf8() + "\n";
            break;
        }
    }
    return out;
}

} // namespace lip::test::ollamafixtures
