// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/sse.h"

namespace lip {

void SseParser::feed(std::string_view bytes, std::vector<Event> &out)
{
    for (size_t i = 0; i < bytes.size(); ++i) {
        const char c = bytes[i];
        if (c == '\n' && m_lastWasCR) { // the LF of a CRLF: the line was already ended by CR
            m_lastWasCR = false;
            continue;
        }
        m_lastWasCR = false;
        if (c == '\r' || c == '\n') {
            m_lastWasCR = (c == '\r');
            line(m_line, out);
            m_line.clear();
            continue;
        }
        // Fast path: copy up to the next line end in one go.
        size_t j = i;
        while (j < bytes.size() && bytes[j] != '\r' && bytes[j] != '\n')
            ++j;
        m_line.append(bytes.data() + i, j - i);
        i = j - 1;
    }
}

void SseParser::finish(std::vector<Event> &out)
{
    if (!m_line.empty()) {
        line(m_line, out);
        m_line.clear();
    }
    // A last event without its terminating blank line is incomplete; the caller decides.
}

void SseParser::line(std::string_view line, std::vector<Event> &out)
{
    if (line.empty()) {
        if (m_hasData || !m_event.empty()) {
            out.push_back({std::move(m_event), std::move(m_data)});
            m_event.clear();
            m_data.clear();
            m_hasData = false;
        }
        return;
    }
    if (line.front() == ':')
        return; // comment
    const size_t colon = line.find(':');
    std::string_view field = line.substr(0, colon);
    std::string_view value;
    if (colon != std::string_view::npos) {
        value = line.substr(colon + 1);
        if (!value.empty() && value.front() == ' ')
            value.remove_prefix(1);
    }
    if (field == "data") {
        if (m_hasData)
            m_data.push_back('\n');
        m_data.append(value);
        m_hasData = true;
    } else if (field == "event") {
        m_event.assign(value);
    }
}

} // namespace lip
