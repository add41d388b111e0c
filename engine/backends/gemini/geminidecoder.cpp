// SPDX-License-Identifier: GPL-3.0-or-later
// Gemini bytes → canonical events: alt=sse streams, JSON-array streams and whole bodies.
#include "backends/gemini/geminiconnector.h"
#include "backends/gemini/jsonarraysplitter.h"

#include "core/logging.h"
#include "core/sse.h"

#include <boost/json.hpp>

#include <cstdio>

namespace lip {

namespace json = boost::json;

namespace {

constexpr size_t kMaxBodyBytes = 256u * 1024 * 1024;

const json::object *obj(const json::object &o, std::string_view k)
{
    const auto *v = o.if_contains(k);
    return v && v->is_object() ? &v->get_object() : nullptr;
}

int64_t count(const json::object &o, std::string_view k)
{
    const auto *v = o.if_contains(k);
    if (!v)
        return -1;
    if (v->is_int64())
        return v->get_int64();
    if (v->is_uint64())
        return int64_t(v->get_uint64());
    if (v->is_double())
        return int64_t(v->get_double());
    return -1;
}

canon::StopReason stopFor(std::string_view reason, bool sawToolUse)
{
    if (reason == "MAX_TOKENS")
        return canon::StopReason::MaxTokens;
    if (reason == "SAFETY" || reason == "RECITATION" || reason == "BLOCKLIST"
        || reason == "PROHIBITED_CONTENT" || reason == "SPII" || reason == "IMAGE_SAFETY"
        || reason == "IMAGE_PROHIBITED_CONTENT")
        return canon::StopReason::ContentFilter;
    if (reason == "MALFORMED_FUNCTION_CALL" || reason == "UNEXPECTED_TOOL_CALL")
        return canon::StopReason::Error;
    return sawToolUse ? canon::StopReason::ToolUse : canon::StopReason::EndTurn;
}

class GeminiDecoder final : public ResponseDecoder
{
public:
    explicit GeminiDecoder(bool stream) : m_stream(stream) {}

    void feed(std::string_view bytes, canon::Events &out) override
    {
        if (m_failed || bytes.empty())
            return;
        if (m_mode == Mode::Unknown) {
            const size_t first = bytes.find_first_not_of(" \t\r\n");
            if (first == std::string_view::npos) {
                m_pendingSpace = true;
                return;
            }
            const char c = bytes[first];
            m_mode = !m_stream || c == '{' ? Mode::Whole : c == '[' ? Mode::Array : Mode::Sse;
        }
        switch (m_mode) {
        case Mode::Whole:
            if (m_body.size() + bytes.size() > kMaxBodyBytes) {
                fail(ErrorCategory::UpstreamProtocol, "Gemini's response is larger than 256 MiB.", out);
                return;
            }
            m_body.append(bytes);
            break;
        case Mode::Array: {
            std::vector<std::string> elements;
            const bool ok = m_splitter.feed(bytes, elements);
            for (const auto &e : elements)
                if (!m_failed)
                    chunkText(e, out);
            if (!ok && !m_failed)
                fail(ErrorCategory::UpstreamProtocol,
                     "Gemini's stream is malformed: " + m_splitter.error(), out);
            break;
        }
        case Mode::Sse: {
            std::vector<SseParser::Event> events;
            m_sse.feed(bytes, events);
            sseEvents(events, out);
            break;
        }
        case Mode::Unknown:
            break;
        }
    }

    void finish(canon::Events &out) override
    {
        if (m_failed)
            return;
        switch (m_mode) {
        case Mode::Unknown:
            fail(ErrorCategory::UpstreamProtocol, "Gemini sent an empty response.", out);
            return;
        case Mode::Whole: {
            boost::system::error_code ec;
            json::value v = json::parse(m_body, ec);
            if (ec) {
                fail(ErrorCategory::UpstreamProtocol,
                     "Gemini's response is truncated or is not JSON.", out);
                return;
            }
            if (v.is_array()) {
                for (const auto &e : v.get_array())
                    if (!m_failed && e.is_object())
                        chunk(e.get_object(), out);
            } else if (v.is_object()) {
                chunk(v.get_object(), out);
            }
            if (m_failed)
                return;
            if (!m_finished) {
                if (m_stream) {
                    cut(out);
                    return;
                }
                // A whole body without finishReason still ends the message.
                closeBlock(out);
                emitUsage(out);
                emitFinish(canon::StopReason::EndTurn, out);
            }
            return;
        }
        case Mode::Array:
            if (!m_splitter.done()) {
                cut(out);
                return;
            }
            break;
        case Mode::Sse: {
            std::vector<SseParser::Event> events;
            m_sse.finish(events);
            sseEvents(events, out);
            if (m_failed)
                return;
            if (m_sse.hasPartialEvent()) {
                cut(out);
                return;
            }
            break;
        }
        }
        if (!m_finished)
            cut(out);
    }

private:
    enum class Mode { Unknown, Sse, Array, Whole };

    void cut(canon::Events &out)
    {
        fail(ErrorCategory::UpstreamUnreachable,
             "Gemini's stream ended before the response was complete.", out);
    }

    void fail(ErrorCategory category, const std::string &message, canon::Events &out)
    {
        if (m_failed)
            return;
        m_failed = true;
        canon::Event e;
        e.type = canon::EventType::Error;
        e.error = Error::make(category, QString::fromStdString(message));
        out.push_back(std::move(e));
    }

    void sseEvents(std::vector<SseParser::Event> &events, canon::Events &out)
    {
        for (auto &ev : events) {
            if (m_failed)
                return;
            std::string_view data(ev.data);
            while (!data.empty() && (data.front() == ' ' || data.front() == '\r' || data.front() == '\n'))
                data.remove_prefix(1);
            if (data.empty() || data == "[DONE]")
                continue;
            chunkText(data, out);
        }
    }

    void chunkText(std::string_view text, canon::Events &out)
    {
        boost::system::error_code ec;
        json::value v = json::parse(text, ec);
        if (ec || !v.is_object()) {
            fail(ErrorCategory::UpstreamProtocol, "Gemini sent a malformed stream chunk.", out);
            return;
        }
        chunk(v.get_object(), out);
    }

    void chunk(const json::object &c, canon::Events &out)
    {
        if (c.contains("error")) {
            const std::string s = json::serialize(c);
            canon::Event e;
            e.type = canon::EventType::Error;
            e.error = gemini::errorFromEnvelope(0, s);
            out.push_back(std::move(e));
            m_failed = true;
            return;
        }
        if (!m_started) {
            m_started = true;
            canon::Event e;
            e.type = canon::EventType::MessageStart;
            if (const auto *id = c.if_contains("responseId"); id && id->is_string())
                e.id = std::string(id->get_string());
            if (const auto *mv = c.if_contains("modelVersion"); mv && mv->is_string())
                e.model = std::string(mv->get_string());
            out.push_back(std::move(e));
        }
        if (const auto *u = obj(c, "usageMetadata")) {
            const int64_t prompt = count(*u, "promptTokenCount");
            const int64_t cand = count(*u, "candidatesTokenCount");
            const int64_t thoughts = count(*u, "thoughtsTokenCount");
            const int64_t cached = count(*u, "cachedContentTokenCount");
            canon::Usage usage;
            usage.input = prompt;
            if (cand >= 0 || thoughts >= 0)
                usage.output = std::max<int64_t>(0, cand) + std::max<int64_t>(0, thoughts);
            usage.reasoning = std::max<int64_t>(0, thoughts);
            usage.cacheRead = std::max<int64_t>(0, cached);
            m_usage = usage;
            m_haveUsage = true;
            if (m_finished)
                emitUsage(out); // a usage-only chunk after the finish
        }
        const json::array *cands = nullptr;
        if (const auto *cv = c.if_contains("candidates"); cv && cv->is_array())
            cands = &cv->get_array();
        if (!cands || cands->empty()) {
            if (const auto *pf = obj(c, "promptFeedback"))
                if (const auto *br = pf->if_contains("blockReason"); br && br->is_string() && !m_finished) {
                    qCDebug(lcBackendGemini, "gemini: the prompt was blocked (%s)", br->get_string().c_str());
                    closeBlock(out);
                    emitUsage(out);
                    emitFinish(canon::StopReason::Refusal, out);
                }
            return;
        }
        if (!(*cands)[0].is_object())
            return;
        const auto &cand = (*cands)[0].get_object(); // candidateCount > 1 is not streamed on
        if (const auto *content = obj(cand, "content"))
            if (const auto *parts = content->if_contains("parts"); parts && parts->is_array())
                for (const auto &p : parts->get_array())
                    if (p.is_object())
                        part(p.get_object(), out);
        if (const auto *fr = cand.if_contains("finishReason"); fr && fr->is_string() && !m_finished) {
            closeBlock(out);
            emitUsage(out);
            emitFinish(stopFor(fr->get_string(), m_sawToolUse), out);
        }
    }

    void part(const json::object &p, canon::Events &out)
    {
        std::string signature;
        if (const auto *s = p.if_contains("thoughtSignature"); s && s->is_string())
            signature = std::string(s->get_string());
        const auto *thoughtV = p.if_contains("thought");
        const bool thought = thoughtV && thoughtV->is_bool() && thoughtV->get_bool();
        if (const auto *t = p.if_contains("text"); t && t->is_string()) {
            const std::string_view text = t->get_string();
            if (text.empty() && signature.empty())
                return; // Gemini's closing {"text":""} carries nothing
            if (thought) {
                if (m_open < 0 || m_openKind != canon::BlockKind::Thinking || m_openSigned)
                    openBlock(canon::BlockKind::Thinking, {}, {}, out);
                if (!text.empty())
                    push(canon::EventType::ThinkingDelta, std::string(text), out);
                if (!signature.empty()) {
                    push(canon::EventType::Signature, signature, out);
                    m_openSigned = true;
                }
            } else {
                if (m_open < 0 || m_openKind != canon::BlockKind::Text || (m_openSigned && !signature.empty()))
                    openBlock(canon::BlockKind::Text, {}, {}, out);
                // Before the text: an encoder puts the signature on the part that carries it.
                if (!signature.empty()) {
                    push(canon::EventType::Signature, signature, out);
                    m_openSigned = true;
                }
                if (!text.empty())
                    push(canon::EventType::TextDelta, std::string(text), out);
            }
            return;
        }
        if (const auto *fcv = p.if_contains("functionCall"); fcv && fcv->is_object()) {
            const auto &fc = fcv->get_object();
            std::string name, id;
            if (const auto *n = fc.if_contains("name"); n && n->is_string())
                name = std::string(n->get_string());
            if (const auto *i = fc.if_contains("id"); i && i->is_string())
                id = std::string(i->get_string());
            const auto *args = fc.if_contains("args");
            const std::string argsText = args && args->is_object() ? json::serialize(*args) : std::string("{}");
            if (id.empty()) {
                // Stable for the same call in the same answer: "lipg_" marks it as synthesized.
                uint64_t h = 1469598103934665603ull;
                const std::string key = name + '\0' + argsText + '\0' + std::to_string(m_calls);
                for (unsigned char ch : key) {
                    h ^= ch;
                    h *= 1099511628211ull;
                }
                char buf[32];
                std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(h));
                id = std::string("lipg_") + buf;
            }
            ++m_calls;
            m_sawToolUse = true;
            openBlock(canon::BlockKind::ToolUse, id, name, out);
            if (!signature.empty())
                push(canon::EventType::Signature, signature, out);
            push(canon::EventType::ToolArgsDelta, argsText, out);
            closeBlock(out);
            return;
        }
        if (!signature.empty()) {
            // A part we do not map that carries the signature: keep it on an empty text block.
            openBlock(canon::BlockKind::Text, {}, {}, out);
            push(canon::EventType::Signature, signature, out);
            m_openSigned = true;
        }
        if (!p.empty())
            qCDebug(lcBackendGemini, "gemini: ignored a response part (%s)", p.begin()->key().data());
    }

    void openBlock(canon::BlockKind kind, std::string id, std::string name, canon::Events &out)
    {
        closeBlock(out);
        m_open = m_nextIndex++;
        m_openKind = kind;
        m_openSigned = false;
        canon::Event e;
        e.type = canon::EventType::BlockStart;
        e.index = m_open;
        e.blockKind = kind;
        e.id = std::move(id);
        e.name = std::move(name);
        out.push_back(std::move(e));
    }

    void closeBlock(canon::Events &out)
    {
        if (m_open < 0)
            return;
        canon::Event e;
        e.type = canon::EventType::BlockStop;
        e.index = m_open;
        e.blockKind = m_openKind;
        out.push_back(std::move(e));
        m_open = -1;
    }

    void push(canon::EventType type, std::string text, canon::Events &out)
    {
        canon::Event e;
        e.type = type;
        e.index = m_open;
        e.blockKind = m_openKind;
        e.text = std::move(text);
        out.push_back(std::move(e));
    }

    void emitUsage(canon::Events &out)
    {
        if (!m_haveUsage)
            return;
        canon::Event e;
        e.type = canon::EventType::Usage;
        e.usage = m_usage;
        out.push_back(std::move(e));
    }

    void emitFinish(canon::StopReason stop, canon::Events &out)
    {
        m_finished = true;
        canon::Event e;
        e.type = canon::EventType::Finish;
        e.stop = stop;
        out.push_back(std::move(e));
    }

    bool m_stream;
    Mode m_mode = Mode::Unknown;
    bool m_pendingSpace = false;
    std::string m_body;
    SseParser m_sse;
    gemini::JsonArraySplitter m_splitter;
    bool m_started = false;
    bool m_finished = false;
    bool m_failed = false;
    bool m_sawToolUse = false;
    bool m_haveUsage = false;
    canon::Usage m_usage;
    int m_open = -1;
    canon::BlockKind m_openKind = canon::BlockKind::Text;
    bool m_openSigned = false;
    int m_nextIndex = 0;
    int m_calls = 0;
};

} // namespace

std::unique_ptr<ResponseDecoder> GeminiConnector::makeDecoder(bool stream) const
{
    return std::make_unique<GeminiDecoder>(stream);
}

} // namespace lip
