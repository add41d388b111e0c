// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// The top-level layout of a JSON object body (json::scanTopLevel in core/jsonsplice.h makes it).

#include <QByteArray>

#include <string>
#include <string_view>
#include <vector>

namespace lip {

// Where the top-level members of a JSON object body sit (byte offsets into `body`, which the
// layout keeps: implicitly shared, so it cannot change under the offsets).
struct JsonTopLevelMember
{
    qsizetype keyStart = 0;   // the opening quote of the key
    qsizetype valueStart = 0; // first byte of the value
    qsizetype valueEnd = 0;   // one past the last byte of the value
    std::string key;          // unescaped
};
struct JsonTopLevelLayout
{
    QByteArray body;
    qsizetype open = 0;  // the '{'
    qsizetype close = 0; // the '}'
    std::vector<JsonTopLevelMember> members;

    // The raw bytes of the last member named `key` (the one parsers keep), nullptr when absent.
    const JsonTopLevelMember *find(std::string_view key) const;
    std::string_view raw(const JsonTopLevelMember &m) const
    {
        return std::string_view(body.constData() + m.valueStart, size_t(m.valueEnd - m.valueStart));
    }
    // This layout describes exactly these bytes (the same shared buffer).
    bool describes(const QByteArray &bytes) const
    {
        return bytes.constData() == body.constData() && bytes.size() == body.size();
    }
};

} // namespace lip
