// SPDX-License-Identifier: GPL-3.0-or-later
#include "backends/gemini/jsonarraysplitter.h"

namespace lip::gemini {

namespace {
bool isSpace(char c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}
} // namespace

bool JsonArraySplitter::fail(std::string message)
{
    m_state = State::Failed;
    m_error = std::move(message);
    m_element.clear();
    return false;
}

bool JsonArraySplitter::feed(std::string_view bytes, std::vector<std::string> &out)
{
    size_t i = 0;
    while (i < bytes.size()) {
        const char c = bytes[i];
        switch (m_state) {
        case State::Failed:
            return false;
        case State::Before:
            if (c == '[')
                m_state = State::Between;
            else if (!isSpace(c))
                return fail("the stream is not a JSON array");
            ++i;
            break;
        case State::Between:
            if (isSpace(c)) {
            } else if (c == ',') {
                if (!m_needComma)
                    return fail("unexpected ',' in the JSON array stream");
                m_needComma = false;
            } else if (c == ']') {
                m_state = State::After;
            } else if (c == '{' || c == '[') {
                if (m_needComma)
                    return fail("missing ',' between JSON array elements");
                m_state = State::InElement;
                m_depth = 0;
                continue; // the element loop takes this byte
            } else {
                return fail("unexpected byte in the JSON array stream");
            }
            ++i;
            break;
        case State::InElement: {
            // Scan as far as possible in one go: the common case is a long run of string bytes.
            const size_t start = i;
            bool complete = false;
            for (; i < bytes.size(); ++i) {
                const char ch = bytes[i];
                if (m_inString) {
                    if (m_escape)
                        m_escape = false;
                    else if (ch == '\\')
                        m_escape = true;
                    else if (ch == '"')
                        m_inString = false;
                } else if (ch == '"') {
                    m_inString = true;
                } else if (ch == '{' || ch == '[') {
                    ++m_depth;
                } else if (ch == '}' || ch == ']') {
                    if (--m_depth == 0) {
                        ++i;
                        complete = true;
                        break;
                    }
                }
            }
            m_element.append(bytes.data() + start, i - start);
            if (m_element.size() > kMaxElementBytes)
                return fail("a JSON array element is larger than 64 MiB");
            if (complete) {
                out.push_back(std::move(m_element));
                m_element.clear();
                m_state = State::Between;
                m_needComma = true;
            }
            break;
        }
        case State::After:
            if (!isSpace(c))
                return fail("bytes after the end of the JSON array");
            ++i;
            break;
        }
    }
    return m_state != State::Failed;
}

} // namespace lip::gemini
