// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace lip {

// An incremental Server-Sent Events parser (WHATWG rules: LF, CR or CRLF line ends; `event:`,
// `data:` (joined with \n), `id:`; comments; dispatch on a blank line). Feed it any split of the
// bytes.
class SseParser
{
public:
    struct Event
    {
        std::string event; // empty when the stream gave no `event:` line
        std::string data;
    };

    void feed(std::string_view bytes, std::vector<Event> &out);
    // End of stream: a final event without its blank line is returned only if complete=true.
    bool hasPartialEvent() const { return !m_line.empty() || m_hasData || !m_event.empty(); }
    void finish(std::vector<Event> &out);

private:
    void line(std::string_view line, std::vector<Event> &out);
    std::string m_line;
    std::string m_event;
    std::string m_data;
    bool m_hasData = false;
    bool m_lastWasCR = false;
};

} // namespace lip
