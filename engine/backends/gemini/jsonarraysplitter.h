// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// streamGenerateContent without alt=sse answers one JSON array, sent element by element. This
// cuts the elements out as each one completes (strings, escapes and nesting tracked), so a chunk
// is decoded the moment its closing brace arrives, whatever the network split.

#include <string>
#include <string_view>
#include <vector>

namespace lip::gemini {

class JsonArraySplitter
{
public:
    // Appends each completed top-level element (raw JSON text) to `out`. Returns false once the
    // input is not a JSON array of objects/arrays (error() says why); later calls do nothing.
    bool feed(std::string_view bytes, std::vector<std::string> &out);

    bool done() const { return m_state == State::After; }    // the closing ']' arrived
    bool failed() const { return m_state == State::Failed; }
    bool started() const { return m_state != State::Before; }
    const std::string &error() const { return m_error; }

    static constexpr size_t kMaxElementBytes = 64u * 1024 * 1024;

private:
    enum class State { Before, Between, InElement, After, Failed };
    bool fail(std::string message);

    State m_state = State::Before;
    std::string m_element;
    int m_depth = 0;
    bool m_inString = false;
    bool m_escape = false;
    bool m_needComma = false;
    std::string m_error;
};

} // namespace lip::gemini
