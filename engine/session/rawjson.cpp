// SPDX-License-Identifier: GPL-3.0-or-later
#include "session/rawjson.h"

namespace lip::session::rawjson {

namespace {

constexpr int kMaxDepth = 512; // hostile nesting must not blow the stack

class Scanner
{
public:
    explicit Scanner(const QByteArray &s) : m_s(s) {}

    qsizetype pos() const { return m_pos; }
    void setPos(qsizetype pos) { m_pos = pos; }
    bool atEnd() const { return m_pos >= m_s.size(); }
    char peek() const { return m_s.at(m_pos); }

    void skipWs()
    {
        while (!atEnd()) {
            const char c = peek();
            if (c != ' ' && c != '\t' && c != '\n' && c != '\r')
                return;
            ++m_pos;
        }
    }

    static int hex(char c)
    {
        if (c >= '0' && c <= '9')
            return c - '0';
        if (c >= 'a' && c <= 'f')
            return c - 'a' + 10;
        if (c >= 'A' && c <= 'F')
            return c - 'A' + 10;
        return -1;
    }

    static void appendUtf8(std::string &out, uint32_t cp)
    {
        if (cp < 0x80) {
            out += char(cp);
        } else if (cp < 0x800) {
            out += char(0xC0 | (cp >> 6));
            out += char(0x80 | (cp & 0x3F));
        } else if (cp < 0x10000) {
            out += char(0xE0 | (cp >> 12));
            out += char(0x80 | ((cp >> 6) & 0x3F));
            out += char(0x80 | (cp & 0x3F));
        } else {
            out += char(0xF0 | (cp >> 18));
            out += char(0x80 | ((cp >> 12) & 0x3F));
            out += char(0x80 | ((cp >> 6) & 0x3F));
            out += char(0x80 | (cp & 0x3F));
        }
    }

    // A string at the current '"'; unescaped into `out` when non-null (member names only: the
    // surrogate pairs of keys we look for never matter, lone ones become U+FFFD).
    bool string(std::string *out)
    {
        if (atEnd() || peek() != '"')
            return false;
        ++m_pos;
        while (!atEnd()) {
            const char c = peek();
            ++m_pos;
            if (c == '"')
                return true;
            if (c != '\\') {
                if (out)
                    *out += c;
                continue;
            }
            if (atEnd())
                return false;
            const char e = peek();
            ++m_pos;
            if (e == 'u') {
                if (m_pos + 4 > m_s.size())
                    return false;
                uint32_t cp = 0;
                for (int i = 0; i < 4; ++i) {
                    const int h = hex(m_s.at(m_pos + i));
                    if (h < 0)
                        return false;
                    cp = cp * 16 + uint32_t(h);
                }
                m_pos += 4;
                if (out)
                    appendUtf8(*out, (cp >= 0xD800 && cp <= 0xDFFF) ? 0xFFFD : cp);
            } else if (out) {
                switch (e) {
                case 'n': *out += '\n'; break;
                case 't': *out += '\t'; break;
                case 'r': *out += '\r'; break;
                case 'b': *out += '\b'; break;
                case 'f': *out += '\f'; break;
                default: *out += e; break; // " \ /
                }
            }
        }
        return false;
    }

    bool value(int depth = 0)
    {
        if (depth > kMaxDepth)
            return false;
        skipWs();
        if (atEnd())
            return false;
        const char c = peek();
        if (c == '"')
            return string(nullptr);
        if (c == '{' || c == '[') {
            const char close = c == '{' ? '}' : ']';
            ++m_pos;
            skipWs();
            if (!atEnd() && peek() == close) {
                ++m_pos;
                return true;
            }
            while (true) {
                skipWs();
                if (c == '{') {
                    if (!string(nullptr))
                        return false;
                    skipWs();
                    if (atEnd() || peek() != ':')
                        return false;
                    ++m_pos;
                }
                if (!value(depth + 1))
                    return false;
                skipWs();
                if (atEnd())
                    return false;
                if (peek() == ',') {
                    ++m_pos;
                    continue;
                }
                if (peek() == close) {
                    ++m_pos;
                    return true;
                }
                return false;
            }
        }
        // number, true, false, null: up to the next delimiter
        const qsizetype start = m_pos;
        while (!atEnd()) {
            const char d = peek();
            if (d == ',' || d == '}' || d == ']' || d == ' ' || d == '\t' || d == '\n' || d == '\r')
                break;
            ++m_pos;
        }
        return m_pos > start;
    }

private:
    const QByteArray &m_s;
    qsizetype m_pos = 0;
};

struct Located
{
    Range value;
    qsizetype containerOpen = -1; // the '[' of the array holding the value (last step an index)
};

std::optional<Located> find(const QByteArray &body, const Path &path)
{
    Scanner s(body);
    s.skipWs();
    Located located;
    for (const PathStep &step : path) {
        s.skipWs();
        if (s.atEnd())
            return std::nullopt;
        if (const std::string *key = std::get_if<std::string>(&step)) {
            if (s.peek() != '{')
                return std::nullopt;
            const qsizetype open = s.pos();
            s.setPos(open + 1);
            std::optional<qsizetype> found;
            s.skipWs();
            if (!s.atEnd() && s.peek() == '}')
                return std::nullopt;
            while (true) {
                s.skipWs();
                std::string name;
                if (!s.string(&name))
                    return std::nullopt;
                s.skipWs();
                if (s.atEnd() || s.peek() != ':')
                    return std::nullopt;
                s.setPos(s.pos() + 1);
                s.skipWs();
                const qsizetype valueStart = s.pos();
                if (!s.value())
                    return std::nullopt;
                if (name == *key)
                    found = valueStart;
                s.skipWs();
                if (s.atEnd())
                    return std::nullopt;
                if (s.peek() == ',') {
                    s.setPos(s.pos() + 1);
                    continue;
                }
                if (s.peek() == '}')
                    break;
                return std::nullopt;
            }
            if (!found)
                return std::nullopt;
            s.setPos(*found);
            located.containerOpen = -1;
        } else {
            const size_t index = std::get<size_t>(step);
            if (s.peek() != '[')
                return std::nullopt;
            located.containerOpen = s.pos();
            s.setPos(s.pos() + 1);
            for (size_t i = 0;; ++i) {
                s.skipWs();
                if (s.atEnd() || s.peek() == ']')
                    return std::nullopt;
                if (i == index)
                    break;
                if (!s.value())
                    return std::nullopt;
                s.skipWs();
                if (s.atEnd() || s.peek() != ',')
                    return std::nullopt;
                s.setPos(s.pos() + 1);
            }
        }
    }
    s.skipWs();
    const qsizetype start = s.pos();
    if (!s.value())
        return std::nullopt;
    located.value = {start, s.pos()};
    return located;
}

} // namespace

std::optional<Range> locate(const QByteArray &body, const Path &path)
{
    if (std::optional<Located> found = find(body, path))
        return found->value;
    return std::nullopt;
}

std::optional<QByteArray> replaceValue(const QByteArray &body, const Path &path, const std::string &rawJsonValue)
{
    const std::optional<Located> found = find(body, path);
    if (!found || rawJsonValue.empty())
        return std::nullopt;
    QByteArray out;
    out.reserve(body.size() + qsizetype(rawJsonValue.size()));
    out.append(body.constData(), found->value.begin);
    out.append(rawJsonValue.data(), qsizetype(rawJsonValue.size()));
    out.append(body.constData() + found->value.end, body.size() - found->value.end);
    return out;
}

std::optional<QByteArray> removeElement(const QByteArray &body, const Path &path)
{
    if (path.empty() || !std::holds_alternative<size_t>(path.back()))
        return std::nullopt;
    const std::optional<Located> found = find(body, path);
    if (!found || found->containerOpen < 0)
        return std::nullopt;
    auto isWs = [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; };
    qsizetype from = found->value.begin;
    qsizetype to = found->value.end;
    // Prefer the comma before the element (it is not the first); else the one after it.
    qsizetype before = from - 1;
    while (before > found->containerOpen && isWs(body.at(before)))
        --before;
    if (before > found->containerOpen && body.at(before) == ',') {
        from = before;
    } else {
        qsizetype after = to;
        while (after < body.size() && isWs(body.at(after)))
            ++after;
        if (after < body.size() && body.at(after) == ',') {
            to = after + 1;
            while (to < body.size() && isWs(body.at(to)))
                ++to;
        }
    }
    QByteArray out;
    out.reserve(body.size());
    out.append(body.constData(), from);
    out.append(body.constData() + to, body.size() - to);
    return out;
}

} // namespace lip::session::rawjson
