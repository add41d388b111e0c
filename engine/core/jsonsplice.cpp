// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/jsonsplice.h"

#include <QVarLengthArray>

#include <array>
#include <bit>
#include <cstdint>
#include <cstring>
#include <vector>

namespace lip::json {

namespace {

using Member = TopLevelMember;
using ObjectLayout = TopLevelLayout;

bool isWs(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

// Byte classes of the container loop and of the string loop.
enum : uint8_t { kPlain = 0, kQuote, kOpenObject, kOpenArray, kClose, kBad };
constexpr std::array<uint8_t, 256> containerClasses()
{
    std::array<uint8_t, 256> t{};
    for (int i = 0; i < 0x20; ++i)
        t[size_t(i)] = kBad;
    t[' '] = t['\t'] = t['\n'] = t['\r'] = kPlain;
    t['"'] = kQuote;
    t['{'] = kOpenObject;
    t['['] = kOpenArray;
    t['}'] = t[']'] = kClose;
    return t;
}
// In a string: 0 = ordinary byte, 1 = closing quote, 2 = backslash, 3 = control (invalid).
constexpr std::array<uint8_t, 256> stringClasses()
{
    std::array<uint8_t, 256> t{};
    for (int i = 0; i < 0x20; ++i)
        t[size_t(i)] = 3;
    t['"'] = 1;
    t['\\'] = 2;
    return t;
}
constexpr std::array<uint8_t, 256> kContainerClass = containerClasses();
constexpr std::array<uint8_t, 256> kStringClass = stringClasses();

class Scanner
{
public:
    explicit Scanner(std::string_view s) : m_s(s) {}

    qsizetype pos() const { return m_pos; }
    bool atEnd() const { return m_pos >= qsizetype(m_s.size()); }
    char peek() const { return m_s[size_t(m_pos)]; }
    bool expect(char c)
    {
        if (atEnd() || peek() != c)
            return false;
        ++m_pos;
        return true;
    }

    void skipWs()
    {
        while (!atEnd() && isWs(peek()))
            ++m_pos;
    }

    // A string starting at the current '"'; its unescaped value goes to `out` when non-null.
    bool string(std::string *out)
    {
        if (atEnd() || peek() != '"')
            return false;
        ++m_pos;
        if (!out)
            return skipStringTail();
        while (!atEnd()) {
            const char c = peek();
            ++m_pos;
            if (c == '"')
                return true;
            if (static_cast<unsigned char>(c) < 0x20)
                return false;
            if (c != '\\') {
                out->push_back(c);
                continue;
            }
            if (atEnd())
                return false;
            const char e = peek();
            ++m_pos;
            char plain = 0;
            switch (e) {
            case '"': plain = '"'; break;
            case '\\': plain = '\\'; break;
            case '/': plain = '/'; break;
            case 'b': plain = '\b'; break;
            case 'f': plain = '\f'; break;
            case 'n': plain = '\n'; break;
            case 'r': plain = '\r'; break;
            case 't': plain = '\t'; break;
            case 'u': {
                uint32_t cp = 0;
                if (!hex4(cp))
                    return false;
                // A high surrogate followed by an escaped low one forms one code point; a lone
                // surrogate is kept as U+FFFD so that comparisons stay well defined.
                if (cp >= 0xD800 && cp <= 0xDBFF && m_pos + 1 < qsizetype(m_s.size())
                    && m_s[size_t(m_pos)] == '\\' && m_s[size_t(m_pos) + 1] == 'u') {
                    const qsizetype save = m_pos;
                    m_pos += 2;
                    uint32_t lo = 0;
                    if (!hex4(lo))
                        return false;
                    if (lo >= 0xDC00 && lo <= 0xDFFF)
                        cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
                    else
                        m_pos = save;
                }
                if (cp >= 0xD800 && cp <= 0xDFFF)
                    cp = 0xFFFD;
                appendUtf8(*out, cp);
                continue;
            }
            default:
                return false;
            }
            out->push_back(plain);
        }
        return false; // truncated
    }

    // Any value: nested containers are skipped with a bracket stack (no recursion, so a deeply
    // nested hostile body cannot overflow the stack). This loop runs over every byte of a 150 KB
    // agent request on the passthrough path, so it works on raw pointers with a class table.
    bool value()
    {
        if (atEnd())
            return false;
        const char c = peek();
        if (c == '"')
            return string(nullptr);
        if (c == '{' || c == '[') {
            QVarLengthArray<char, 64> stack;
            const char *p = m_s.data() + m_pos;
            const char *const end = m_s.data() + m_s.size();
            while (p < end) {
                const unsigned char d = static_cast<unsigned char>(*p);
                const uint8_t cls = kContainerClass[d];
                if (cls == kPlain) {
                    ++p;
                    continue;
                }
                if (cls == kQuote) {
                    m_pos = qsizetype(p - m_s.data()) + 1;
                    if (!skipStringTail())
                        return false;
                    p = m_s.data() + m_pos;
                    continue;
                }
                ++p;
                if (cls == kOpenObject) {
                    stack.append('}');
                } else if (cls == kOpenArray) {
                    stack.append(']');
                } else if (cls == kClose) {
                    if (stack.isEmpty() || stack.back() != char(d))
                        return false;
                    stack.removeLast();
                    if (stack.isEmpty()) {
                        m_pos = qsizetype(p - m_s.data());
                        return true;
                    }
                } else { // control character outside a string that is not whitespace
                    return false;
                }
            }
            m_pos = qsizetype(m_s.size());
            return false; // truncated
        }
        // Literal or number: a run of the characters they may contain.
        const qsizetype start = m_pos;
        while (!atEnd()) {
            const char d = peek();
            const bool ok = (d >= '0' && d <= '9') || (d >= 'a' && d <= 'z') || d == '-'
                            || d == '+' || d == '.' || d == 'E';
            if (!ok)
                break;
            ++m_pos;
        }
        if (m_pos == start)
            return false;
        const std::string_view tok = m_s.substr(size_t(start), size_t(m_pos - start));
        if (tok == "true" || tok == "false" || tok == "null")
            return true;
        const char f = tok.front();
        return f == '-' || (f >= '0' && f <= '9');
    }

private:
    // After the opening quote: skips to just past the closing one, validating escapes. Eight
    // bytes at a time while none of them is a quote, a backslash or a control character: most
    // of an agent's request is string content (file contents, tool results).
    bool skipStringTail()
    {
        const char *p = m_s.data() + m_pos;
        const char *const end = m_s.data() + m_s.size();
        for (;;) {
            p = nextStringSpecial(p, end);
            if (p >= end)
                break;
            const uint8_t cls = kStringClass[static_cast<unsigned char>(*p)];
            if (cls == 1) {
                m_pos = qsizetype(p + 1 - m_s.data());
                return true;
            }
            if (cls == 3)
                return false;
            // A backslash: one of the JSON escapes, \u with four hex digits.
            if (p + 1 >= end)
                return false;
            switch (p[1]) {
            case '"': case '\\': case '/': case 'b': case 'f': case 'n': case 'r': case 't':
                p += 2;
                break;
            case 'u': {
                m_pos = qsizetype(p + 2 - m_s.data());
                uint32_t cp = 0;
                if (!hex4(cp))
                    return false;
                p = m_s.data() + m_pos;
                break;
            }
            default:
                return false;
            }
        }
        m_pos = qsizetype(m_s.size());
        return false; // truncated
    }

    // The first quote, backslash or control character at or after `p` (or `end`). Eight bytes
    // at a time with the classic SWAR zero-byte tests: their lowest flagged byte is always a true
    // match (false positives only sit above a true one), which on a little-endian machine is the
    // first in memory.
    static const char *nextStringSpecial(const char *p, const char *end)
    {
        if constexpr (std::endian::native == std::endian::little) {
            constexpr uint64_t ones = 0x0101010101010101ull;
            constexpr uint64_t high = 0x8080808080808080ull;
            constexpr uint64_t quotes = ones * uint8_t('"');
            constexpr uint64_t backslashes = ones * uint8_t('\\');
            while (end - p >= 8) {
                uint64_t w;
                std::memcpy(&w, p, sizeof w);
                const uint64_t q = w ^ quotes;
                const uint64_t b = w ^ backslashes;
                const uint64_t mask = (((q - ones) & ~q) | ((b - ones) & ~b) | ((w - ones * 0x20) & ~w)) & high;
                if (mask != 0)
                    return p + (std::countr_zero(mask) >> 3);
                p += 8;
            }
        }
        while (p < end && kStringClass[static_cast<unsigned char>(*p)] == 0)
            ++p;
        return p;
    }

    bool hex4(uint32_t &cp)
    {
        if (m_pos + 4 > qsizetype(m_s.size()))
            return false;
        cp = 0;
        for (int i = 0; i < 4; ++i) {
            const char h = m_s[size_t(m_pos++)];
            cp <<= 4;
            if (h >= '0' && h <= '9')
                cp |= uint32_t(h - '0');
            else if (h >= 'a' && h <= 'f')
                cp |= uint32_t(h - 'a' + 10);
            else if (h >= 'A' && h <= 'F')
                cp |= uint32_t(h - 'A' + 10);
            else
                return false;
        }
        return true;
    }

    static void appendUtf8(std::string &out, uint32_t cp)
    {
        if (cp < 0x80) {
            out.push_back(char(cp));
        } else if (cp < 0x800) {
            out.push_back(char(0xC0 | (cp >> 6)));
            out.push_back(char(0x80 | (cp & 0x3F)));
        } else if (cp < 0x10000) {
            out.push_back(char(0xE0 | (cp >> 12)));
            out.push_back(char(0x80 | ((cp >> 6) & 0x3F)));
            out.push_back(char(0x80 | (cp & 0x3F)));
        } else {
            out.push_back(char(0xF0 | (cp >> 18)));
            out.push_back(char(0x80 | ((cp >> 12) & 0x3F)));
            out.push_back(char(0x80 | ((cp >> 6) & 0x3F)));
            out.push_back(char(0x80 | (cp & 0x3F)));
        }
    }

    std::string_view m_s;
    qsizetype m_pos = 0;
};

std::optional<ObjectLayout> layout(const QByteArray &body)
{
    Scanner sc(std::string_view(body.constData(), size_t(body.size())));
    ObjectLayout lay;
    lay.body = body;
    sc.skipWs();
    lay.open = sc.pos();
    if (!sc.expect('{'))
        return std::nullopt;
    sc.skipWs();
    if (!sc.expect('}')) {
        for (;;) {
            Member m;
            m.keyStart = sc.pos();
            if (!sc.string(&m.key))
                return std::nullopt;
            sc.skipWs();
            if (!sc.expect(':'))
                return std::nullopt;
            sc.skipWs();
            m.valueStart = sc.pos();
            if (!sc.value())
                return std::nullopt;
            m.valueEnd = sc.pos();
            lay.members.push_back(std::move(m));
            sc.skipWs();
            if (sc.expect(','))  {
                sc.skipWs();
                continue;
            }
            if (sc.expect('}'))
                break;
            return std::nullopt;
        }
    }
    lay.close = sc.pos() - 1;
    sc.skipWs();
    if (!sc.atEnd())
        return std::nullopt; // trailing garbage: not one JSON object
    return lay;
}

} // namespace

} // namespace lip::json

namespace lip {

const JsonTopLevelMember *JsonTopLevelLayout::find(std::string_view key) const
{
    for (auto it = members.rbegin(); it != members.rend(); ++it) {
        if (it->key == key)
            return &*it;
    }
    return nullptr;
}

} // namespace lip

namespace lip::json {

std::optional<std::string> arrayPrefix(std::string_view arrayRaw, std::size_t elements)
{
    Scanner sc(arrayRaw);
    if (!sc.expect('['))
        return std::nullopt;
    sc.skipWs();
    if (sc.expect(']') || elements == 0)
        return std::string("[]");
    std::size_t count = 0;
    for (;;) {
        if (!sc.value())
            return std::nullopt;
        if (++count == elements) {
            std::string out(arrayRaw.substr(0, size_t(sc.pos())));
            out.push_back(']');
            return out;
        }
        sc.skipWs();
        if (sc.expect(',')) {
            sc.skipWs();
            continue;
        }
        if (sc.expect(']'))
            return std::string(arrayRaw.substr(0, size_t(sc.pos())));
        return std::nullopt;
    }
}

std::optional<TopLevelLayout> scanTopLevel(const QByteArray &body)
{
    return layout(body);
}

std::optional<QByteArray> replaceMember(const QByteArray &body, std::string_view key,
                                        std::string_view rawJsonValue)
{
    if (rawJsonValue.empty())
        return std::nullopt;
    const auto lay = layout(body);
    if (!lay)
        return std::nullopt;
    return replaceMember(*lay, key, rawJsonValue);
}

std::optional<QByteArray> replaceMember(const TopLevelLayout &layout, std::string_view key,
                                        std::string_view rawJsonValue)
{
    if (rawJsonValue.empty())
        return std::nullopt;
    const QByteArray &body = layout.body;
    const TopLevelLayout *lay = &layout;
    const QByteArrayView value(rawJsonValue.data(), qsizetype(rawJsonValue.size()));
    // The new body is written once, front to back, from slices of the old one: a 150 KB body
    // is copied exactly once (QByteArray::replace on a shared body would copy, then move).
    qsizetype replaced = 0;
    qsizetype removedBytes = 0;
    for (const Member &m : lay->members) {
        if (m.key == key) {
            ++replaced;
            removedBytes += m.valueEnd - m.valueStart;
        }
    }
    if (replaced == 1) {
        // Already the wanted value (the usual case: the client named the backend's model): the
        // body goes on as it is, shared, not copied.
        for (const Member &m : lay->members) {
            if (m.key == key && QByteArrayView(body).sliced(m.valueStart, m.valueEnd - m.valueStart) == value)
                return body;
        }
    }
    QByteArray out;
    if (replaced > 0) {
        out.reserve(body.size() - removedBytes + replaced * value.size());
        qsizetype from = 0;
        for (const Member &m : lay->members) {
            if (m.key != key)
                continue;
            out.append(QByteArrayView(body).sliced(from, m.valueStart - from));
            out.append(value);
            from = m.valueEnd;
        }
        out.append(QByteArrayView(body).sliced(from));
        return out;
    }
    const std::string quotedKey = quoted(key);
    const qsizetype at = lay->members.empty() ? lay->open + 1 : lay->members.back().valueEnd;
    out.reserve(body.size() + qsizetype(quotedKey.size()) + value.size() + 2);
    out.append(QByteArrayView(body).first(at));
    if (!lay->members.empty())
        out.append(',');
    out.append(QByteArrayView(quotedKey.data(), qsizetype(quotedKey.size()))).append(':').append(value);
    out.append(QByteArrayView(body).sliced(at));
    return out;
}

std::optional<QByteArray> removeMember(const QByteArray &body, std::string_view key)
{
    const auto lay = layout(body);
    if (!lay)
        return std::nullopt;
    const auto &ms = lay->members;
    // Decide the byte ranges first (on the original offsets), then cut back to front.
    std::vector<bool> drop(ms.size(), false);
    for (size_t i = 0; i < ms.size(); ++i)
        drop[i] = ms[i].key == key;
    std::vector<std::pair<qsizetype, qsizetype>> cuts; // [from, to)
    size_t firstKept = ms.size();
    for (size_t i = 0; i < ms.size(); ++i) {
        if (!drop[i]) {
            firstKept = i;
            break;
        }
    }
    for (size_t i = 0; i < ms.size(); ++i) {
        if (!drop[i])
            continue;
        if (i < firstKept) {
            // Before the first kept member: cut up to the next key, taking the comma with it.
            const qsizetype to = (i + 1 < ms.size()) ? ms[i + 1].keyStart : ms[i].valueEnd;
            cuts.emplace_back(ms[i].keyStart, to);
        } else {
            // After a kept member: cut from the end of the previous value (its comma included).
            cuts.emplace_back(ms[i - 1].valueEnd, ms[i].valueEnd);
        }
    }
    QByteArray out = body;
    for (auto it = cuts.rbegin(); it != cuts.rend(); ++it)
        out.remove(it->first, it->second - it->first);
    return out;
}

std::optional<std::string> memberRawValue(const QByteArray &body, std::string_view key)
{
    const auto lay = layout(body);
    if (!lay)
        return std::nullopt;
    for (auto it = lay->members.rbegin(); it != lay->members.rend(); ++it) {
        if (it->key == key)
            return std::string(body.constData() + it->valueStart, size_t(it->valueEnd - it->valueStart));
    }
    return std::nullopt;
}

std::size_t stringMemberBytes(std::string_view text, std::string_view key)
{
    std::size_t total = 0;
    if (key.empty())
        return 0;
    const std::size_t n = text.size();
    std::size_t from = 0;
    for (;;) {
        const std::size_t at = text.find(key, from);
        if (at == std::string_view::npos)
            return total;
        from = at + 1;
        std::size_t p = at + key.size();
        // "key" followed by optional whitespace and a colon: a member name, not string content.
        if (at == 0 || text[at - 1] != '"' || p >= n || text[p] != '"')
            continue;
        ++p;
        while (p < n && isWs(text[p]))
            ++p;
        if (p >= n || text[p] != ':')
            continue;
        ++p;
        while (p < n && isWs(text[p]))
            ++p;
        if (p >= n || text[p] != '"')
            continue; // null, a number, an object: no text
        ++p;
        std::size_t bytes = 0;
        while (p < n && text[p] != '"') {
            if (text[p] != '\\') {
                ++p;
                ++bytes;
                continue;
            }
            if (p + 1 < n && text[p + 1] == 'u') {
                // As many bytes as the code point takes in UTF-8 (a surrogate half: 2, so
                // that a pair makes 4), the way a decoder's text would measure it.
                uint32_t cp = 0;
                for (std::size_t i = p + 2; i < p + 6 && i < n; ++i) {
                    const char h = text[i];
                    cp = (cp << 4) | uint32_t(h >= '0' && h <= '9' ? h - '0' : h >= 'a' && h <= 'f' ? h - 'a' + 10 : h >= 'A' && h <= 'F' ? h - 'A' + 10 : 0);
                }
                bytes += cp < 0x80 ? 1 : cp < 0x800 ? 2 : (cp >= 0xD800 && cp <= 0xDFFF) ? 2 : 3;
                p += 6;
            } else {
                p += 2;
                ++bytes;
            }
        }
        total += bytes;
        from = p;
    }
}

std::string quoted(std::string_view utf8)
{
    static const char hex[] = "0123456789abcdef";
    std::string out;
    out.reserve(utf8.size() + 2);
    out.push_back('"');
    for (const char c : utf8) {
        switch (c) {
        case '"': out += "\\\""; break;
        case '\\': out += "\\\\"; break;
        case '\n': out += "\\n"; break;
        case '\r': out += "\\r"; break;
        case '\t': out += "\\t"; break;
        case '\b': out += "\\b"; break;
        case '\f': out += "\\f"; break;
        default:
            if (static_cast<unsigned char>(c) < 0x20) {
                out += "\\u00";
                out.push_back(hex[(static_cast<unsigned char>(c) >> 4) & 0xF]);
                out.push_back(hex[static_cast<unsigned char>(c) & 0xF]);
            } else {
                out.push_back(c);
            }
        }
    }
    out.push_back('"');
    return out;
}

} // namespace lip::json
