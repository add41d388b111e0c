// SPDX-License-Identifier: GPL-3.0-or-later
// Canonical events → GenerateContentResponse chunks (alt=sse, JSON array, or one body).
#include "frontends/gemini/geminifrontend.h"

#include <boost/json.hpp>

#include <QByteArray>
#include <QUuid>

#include <map>

namespace lip::gemini {

namespace json = boost::json;

namespace {

constexpr std::string_view kPackPrefix = "lipthink.";

const char *finishReasonName(canon::StopReason stop)
{
    switch (stop) {
    case canon::StopReason::MaxTokens: return "MAX_TOKENS";
    case canon::StopReason::ContentFilter:
    case canon::StopReason::Refusal: return "SAFETY";
    case canon::StopReason::Error: return "OTHER";
    default: return "STOP"; // end_turn, tool_use, stop_sequence, pause_turn: Gemini says STOP
    }
}

class GeminiEncoder final : public ResponseEncoder
{
public:
    GeminiEncoder(const canon::Request &request, std::string clientModel, StreamForm form)
        : m_form(form), m_includeThoughts(request.reasoning.includeThoughts),
          m_model(std::move(clientModel))
    {
        if (m_model.rfind("models/", 0) == 0)
            m_model.erase(0, 7);
    }

    void encode(const canon::Event &e, QByteArray &out) override
    {
        if (m_done)
            return;
        switch (e.type) {
        case canon::EventType::MessageStart:
            if (!e.id.empty() && m_responseId.empty())
                m_responseId = e.id;
            break;
        case canon::EventType::BlockStart: {
            Block &b = m_blocks[e.index];
            b = Block{};
            b.kind = e.blockKind;
            b.id = e.id;
            b.name = e.name;
            break;
        }
        case canon::EventType::TextDelta: {
            Block &b = m_blocks[e.index];
            json::object part{{"text", e.text}};
            if (!b.signature.empty()) {
                part["thoughtSignature"] = std::move(b.signature);
                b.signature.clear();
            }
            emitPart(std::move(part), out);
            break;
        }
        case canon::EventType::ThinkingDelta: {
            Block &b = m_blocks[e.index];
            b.kind = canon::BlockKind::Thinking;
            b.text += e.text;
            if (m_includeThoughts && !e.text.empty())
                emitPart(json::object{{"text", e.text}, {"thought", true}}, out);
            break;
        }
        case canon::EventType::ToolArgsDelta:
            m_blocks[e.index].args += e.text;
            break;
        case canon::EventType::Signature:
            m_blocks[e.index].signature += e.text;
            break;
        case canon::EventType::BlockStop:
            stopBlock(e.index, out);
            break;
        case canon::EventType::Usage:
            m_usage = e.usage;
            break;
        case canon::EventType::Finish:
            m_stop = e.stop;
            break;
        case canon::EventType::Error:
            writeError(e.error, out);
            break;
        }
    }

    void finish(QByteArray &out) override
    {
        if (m_done) {
            if (m_form == StreamForm::Whole && m_error.isError())
                out += errorEnvelope(m_error);
            return;
        }
        for (auto &[index, b] : m_blocks)
            if (!b.stopped)
                stopBlock(index, out);
        json::array parts;
        if (!m_carry.empty() || m_unsignedThoughts)
            parts.push_back(json::object{{"text", ""}, {"thoughtSignature", packThinking(m_carry)}});
        m_carry.clear();
        m_unsignedThoughts = false;
        if (m_form == StreamForm::Whole) {
            for (auto &p : parts)
                appendWhole(std::move(p.get_object()));
            parts = std::move(m_whole);
        }
        if (parts.empty())
            parts.push_back(json::object{{"text", ""}});
        json::object candidate{{"content", json::object{{"parts", std::move(parts)}, {"role", "model"}}},
                               {"finishReason", finishReasonName(m_stop)},
                               {"index", 0}};
        json::object chunk{{"candidates", json::array{std::move(candidate)}}};
        if (m_usage.present())
            chunk["usageMetadata"] = usageMetadata();
        chunk["modelVersion"] = m_model;
        chunk["responseId"] = responseId();
        writeChunk(chunk, out);
        if (m_form == StreamForm::JsonArray)
            out += ']';
        m_done = true;
    }

    QByteArray contentType() const override
    {
        return m_form == StreamForm::Sse ? QByteArray("text/event-stream")
                                         : QByteArray("application/json; charset=UTF-8");
    }

private:
    struct Block
    {
        canon::BlockKind kind = canon::BlockKind::Text;
        std::string id, name, args, text, signature;
        bool stopped = false;
    };

    void stopBlock(int index, QByteArray &out)
    {
        Block &b = m_blocks[index];
        if (b.stopped)
            return;
        b.stopped = true;
        switch (b.kind) {
        case canon::BlockKind::ToolUse: {
            boost::system::error_code ec;
            json::value args = b.args.empty() ? json::value(json::object{}) : json::parse(b.args, ec);
            if (ec || !args.is_object())
                args = json::object{}; // a broken argument string cannot be a Gemini args object
            json::object call;
            // Our own synthesized ids stay ours: the client maps results back by name anyway.
            if (!b.id.empty() && b.id.rfind("lipg_", 0) != 0)
                call["id"] = b.id;
            call["name"] = b.name;
            call["args"] = std::move(args);
            json::object part{{"functionCall", std::move(call)}};
            if (!b.signature.empty())
                part["thoughtSignature"] = b.signature;
            emitPart(std::move(part), out);
            break;
        }
        case canon::BlockKind::Thinking:
        case canon::BlockKind::RedactedThinking:
            if (b.signature.empty()) {
                // Unsigned thinking (Chat reasoning_content…) cannot be replayed anywhere, but
                // Gemini clients always get a thoughtSignature after thoughts (Gemini puts one on
                // the first answer part): unless that part has one anyway, it gets an empty pack.
                if (b.kind == canon::BlockKind::Thinking)
                    m_unsignedThoughts = true;
                break;
            }
            if (m_includeThoughts && b.kind == canon::BlockKind::Thinking) {
                emitPart(json::object{{"text", ""}, {"thought", true}, {"thoughtSignature", b.signature}}, out);
            } else {
                // The client does not see thoughts: the block (text and signature) rides on the
                // next part as an opaque thoughtSignature, restored when the turn comes back.
                canon::ContentBlock cb;
                cb.kind = b.kind;
                cb.text = b.text;
                cb.signature = b.signature;
                m_carry.push_back(std::move(cb));
            }
            break;
        case canon::BlockKind::Text:
            if (!b.signature.empty()) // a signature that came after the last text of the block
                emitPart(json::object{{"text", ""}, {"thoughtSignature", b.signature}}, out);
            break;
        default:
            break;
        }
        b.signature.clear();
    }

    void emitPart(json::object part, QByteArray &out)
    {
        const bool thought = part.contains("thought");
        if (!thought && !m_carry.empty()) {
            // Taken out first: the part emitted here must not come back for the carry again.
            const std::string packed = packThinking(m_carry);
            m_carry.clear();
            if (part.contains("thoughtSignature"))
                emitPart(json::object{{"text", ""}, {"thoughtSignature", packed}}, out);
            else
                part["thoughtSignature"] = packed;
            m_unsignedThoughts = false;
        }
        if (!thought && m_unsignedThoughts) {
            m_unsignedThoughts = false;
            if (!part.contains("thoughtSignature"))
                part["thoughtSignature"] = packThinking({});
        }
        if (m_form == StreamForm::Whole) {
            appendWhole(std::move(part));
            return;
        }
        json::object candidate{{"content", json::object{{"parts", json::array{std::move(part)}}, {"role", "model"}}},
                               {"index", 0}};
        json::object chunk{{"candidates", json::array{std::move(candidate)}},
                           {"modelVersion", m_model},
                           {"responseId", responseId()}};
        writeChunk(chunk, out);
    }

    // Gemini's own non-stream answers hold one text part per run of text: merge like it does.
    void appendWhole(json::object part)
    {
        if (!m_whole.empty() && part.contains("text") && !part.contains("thoughtSignature")) {
            auto &last = m_whole.back().get_object();
            if (last.contains("text") && last.contains("thought") == part.contains("thought")) {
                std::string merged(last["text"].get_string());
                merged += part["text"].get_string();
                last["text"] = merged;
                return;
            }
        }
        m_whole.push_back(std::move(part));
    }

    void writeChunk(const json::object &chunk, QByteArray &out)
    {
        const std::string s = json::serialize(chunk);
        switch (m_form) {
        case StreamForm::Sse:
            out += "data: ";
            out.append(s.data(), qsizetype(s.size()));
            out += "\r\n\r\n";
            break;
        case StreamForm::JsonArray:
            out += m_arrayOpen ? ",\r\n" : "[";
            m_arrayOpen = true;
            out.append(s.data(), qsizetype(s.size()));
            break;
        case StreamForm::Whole:
            out.append(s.data(), qsizetype(s.size()));
            break;
        }
    }

    void writeError(const Error &error, QByteArray &out)
    {
        m_done = true;
        switch (m_form) {
        case StreamForm::Sse:
            out += "data: " + errorEnvelope(error) + "\r\n\r\n";
            break;
        case StreamForm::JsonArray:
            out += m_arrayOpen ? ",\r\n" : "[";
            out += errorEnvelope(error);
            out += ']';
            break;
        case StreamForm::Whole:
            m_error = error;
            break;
        }
    }

    json::object usageMetadata() const
    {
        json::object u;
        const int64_t input = std::max<int64_t>(0, m_usage.input);
        // Canonical output includes reasoning; Gemini counts thoughts apart from candidates.
        // A reasoning count above the output (or with none) still shows as thoughtsTokenCount.
        const int64_t reasoning = std::max<int64_t>(0, m_usage.reasoning);
        const int64_t output = std::max<int64_t>({0, m_usage.output, reasoning});
        u["promptTokenCount"] = input;
        u["candidatesTokenCount"] = output - reasoning;
        if (reasoning > 0)
            u["thoughtsTokenCount"] = reasoning;
        if (m_usage.cacheRead > 0)
            u["cachedContentTokenCount"] = m_usage.cacheRead;
        u["totalTokenCount"] = input + output;
        return u;
    }

    const std::string &responseId()
    {
        if (m_responseId.empty())
            m_responseId = QUuid::createUuid().toString(QUuid::Id128).left(22).toStdString();
        return m_responseId;
    }

    StreamForm m_form;
    bool m_includeThoughts = false;
    std::string m_model;
    std::string m_responseId;
    std::map<int, Block> m_blocks;
    std::vector<canon::ContentBlock> m_carry;
    bool m_unsignedThoughts = false; // unsigned thinking ended; no thoughtSignature sent since
    json::array m_whole;
    canon::Usage m_usage;
    canon::StopReason m_stop = canon::StopReason::EndTurn;
    Error m_error;
    bool m_arrayOpen = false;
    bool m_done = false;
};

} // namespace

std::unique_ptr<ResponseEncoder> makeEncoder(const canon::Request &request,
                                             const std::string &clientModel, StreamForm form)
{
    return std::make_unique<GeminiEncoder>(request, clientModel, form);
}

std::string packThinking(const std::vector<canon::ContentBlock> &blocks)
{
    json::array a;
    for (const auto &b : blocks) {
        if (b.kind == canon::BlockKind::RedactedThinking)
            a.push_back(json::object{{"r", b.signature}});
        else
            a.push_back(json::object{{"t", b.text}, {"s", b.signature}});
    }
    const std::string s = json::serialize(a);
    const QByteArray enc = QByteArray(s.data(), qsizetype(s.size()))
                               .toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
    return std::string(kPackPrefix) + enc.toStdString();
}

std::vector<canon::ContentBlock> unpackThinking(std::string_view sig, bool *ok)
{
    *ok = false;
    std::vector<canon::ContentBlock> out;
    if (sig.substr(0, kPackPrefix.size()) != kPackPrefix)
        return out;
    sig.remove_prefix(kPackPrefix.size());
    const auto decoded = QByteArray::fromBase64Encoding(QByteArray(sig.data(), qsizetype(sig.size())),
                                                        QByteArray::Base64UrlEncoding | QByteArray::AbortOnBase64DecodingErrors);
    if (!decoded)
        return out;
    boost::system::error_code ec;
    const json::value v = json::parse(std::string_view(decoded.decoded.constData(), size_t(decoded.decoded.size())), ec);
    if (ec || !v.is_array())
        return out;
    for (const auto &item : v.get_array()) {
        if (!item.is_object())
            return {};
        const auto &o = item.get_object();
        canon::ContentBlock b;
        if (const auto *r = o.if_contains("r"); r && r->is_string()) {
            b.kind = canon::BlockKind::RedactedThinking;
            b.signature = std::string(r->get_string());
        } else {
            const auto *t = o.if_contains("t");
            const auto *s = o.if_contains("s");
            if (!t || !s || !t->is_string() || !s->is_string())
                return {};
            b.kind = canon::BlockKind::Thinking;
            b.text = std::string(t->get_string());
            b.signature = std::string(s->get_string());
        }
        out.push_back(std::move(b));
    }
    *ok = true;
    return out;
}

} // namespace lip::gemini
