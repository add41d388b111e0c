// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Fixtures for tst_hybrid, kept out of the Q_OBJECT file: Qt 6.4's moc cannot read raw strings
// that contain quotes.

#include "backends/hybrid/hybridrun.h"
#include "fakeprovider.h"

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include <QStringList>

namespace lip::test::hybridfixtures {

namespace bj = boost::json;

inline const char *kindName(canon::BlockKind kind)
{
    switch (kind) {
    case canon::BlockKind::Text: return "text";
    case canon::BlockKind::Thinking: return "thinking";
    case canon::BlockKind::ToolUse: return "tool";
    default: return "other";
    }
}

// One short line per event, so a whole response compares as a list.
inline QStringList describe(const canon::Events &events)
{
    QStringList out;
    for (const canon::Event &e : events) {
        switch (e.type) {
        case canon::EventType::MessageStart: out << QStringLiteral("start"); break;
        case canon::EventType::BlockStart:
            out << QStringLiteral("open %1 %2%3").arg(e.index).arg(QLatin1String(kindName(e.blockKind)),
                                                                   e.name.empty() ? QString() : QStringLiteral(" ") + QString::fromStdString(e.name));
            break;
        case canon::EventType::TextDelta: out << QStringLiteral("text %1 %2").arg(e.index).arg(QString::fromStdString(e.text)); break;
        case canon::EventType::ThinkingDelta: out << QStringLiteral("think %1 %2").arg(e.index).arg(QString::fromStdString(e.text)); break;
        case canon::EventType::ToolArgsDelta: out << QStringLiteral("args %1 %2").arg(e.index).arg(QString::fromStdString(e.text)); break;
        case canon::EventType::Signature: out << QStringLiteral("sig %1").arg(e.index); break;
        case canon::EventType::BlockStop: out << QStringLiteral("close %1").arg(e.index); break;
        case canon::EventType::Usage:
            out << QStringLiteral("usage in=%1 out=%2 reasoning=%3").arg(e.usage.input).arg(e.usage.output).arg(e.usage.reasoning);
            break;
        case canon::EventType::Finish: out << QStringLiteral("finish %1").arg(QLatin1String(canon::stopReasonName(e.stop))); break;
        case canon::EventType::Error: out << QStringLiteral("error"); break;
        }
    }
    return out;
}

inline QByteArray chunk(const QByteArray &json)
{
    return "data: " + json + "\n\n";
}

inline QByteArray deltaChunk(const QByteArray &delta, const QByteArray &finish = "null")
{
    return chunk(R"({"id":"chatcmpl-r","model":"m","choices":[{"index":0,"delta":)" + delta + R"(,"finish_reason":)" + finish + "}]}");
}

inline QByteArray usageChunk(int prompt, int completion)
{
    return chunk(R"({"id":"chatcmpl-r","model":"m","choices":[],"usage":{"prompt_tokens":)" + QByteArray::number(prompt)
                 + R"(,"completion_tokens":)" + QByteArray::number(completion) + "}}");
}

// A reasoning stream: thinking deltas, then (optionally) the answer it should not get to give.
inline QList<QByteArray> thinkingStream(const QList<QByteArray> &thoughts, const QByteArray &answer = {})
{
    QList<QByteArray> events;
    for (const QByteArray &t : thoughts)
        events << deltaChunk(R"({"reasoning_content":)" + FakeProvider::jsonString(t) + "}");
    if (!answer.isEmpty())
        events << deltaChunk(R"({"content":)" + FakeProvider::jsonString(answer) + "}");
    events << deltaChunk("{}", "\"stop\"") << usageChunk(7, 4) << "data: [DONE]\n\n";
    return events;
}

inline QList<QByteArray> toolCallStream()
{
    return {deltaChunk(R"({"role":"assistant","content":null,"tool_calls":[{"index":0,"id":"call_1","type":"function","function":{"name":"get_weather","arguments":""}}]})"),
            deltaChunk(R"({"tool_calls":[{"index":0,"function":{"arguments":"{\"city\":\"Paris\"}"}}]})"),
            deltaChunk("{}", "\"tool_calls\""), usageChunk(20, 6), "data: [DONE]\n\n"};
}

inline QByteArray modelOf(const FakeRequest &request)
{
    bj::error_code ec;
    bj::value v = bj::parse(std::string_view(request.body.constData(), size_t(request.body.size())), ec);
    if (ec || !v.is_object() || !v.get_object().contains("model"))
        return {};
    return QByteArray::fromStdString(std::string(v.get_object().at("model").get_string()));
}

inline bj::object bodyOf(const FakeRequest &request)
{
    bj::error_code ec;
    bj::value v = bj::parse(std::string_view(request.body.constData(), size_t(request.body.size())), ec);
    return ec || !v.is_object() ? bj::object() : v.get_object();
}

struct Recorder
{
    canon::Events events;
    int eventCalls = 0;
    int doneCount = 0;
    bool eventsBeforeDone = false;
    Error error;

    hybrid::HybridCallbacks callbacks()
    {
        hybrid::HybridCallbacks cb;
        cb.onEvents = [this](canon::Events &in) {
            ++eventCalls;
            if (doneCount > 0)
                qWarning("events after onDone");
            for (canon::Event &e : in)
                events.push_back(std::move(e));
            in.clear();
        };
        cb.onDone = [this](const Error &e) {
            ++doneCount;
            eventsBeforeDone = eventCalls > 0;
            error = e;
        };
        return cb;
    }
};

inline canon::Request clientRequest()
{
    canon::Request r;
    r.model = "ignored";
    canon::ContentBlock sys;
    sys.text = "Be brief.";
    r.system.push_back(sys);
    canon::Message m;
    canon::ContentBlock text;
    text.text = "Weather in Paris?";
    m.content.push_back(text);
    r.messages.push_back(m);
    canon::Tool tool;
    tool.name = "get_weather";
    tool.description = "Current weather for a city";
    tool.schema = bj::parse(R"({"type":"object","properties":{"city":{"type":"string"}}})");
    r.tools.push_back(tool);
    r.stream = true;
    return r;
}


} // namespace lip::test::hybridfixtures
