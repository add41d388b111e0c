// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Byte-level edits deep inside a JSON body (core/jsonsplice only looks at top-level members):
// the session layer rewrites one string value or drops one array element in a message and must
// leave every other byte of the client's body as it was (same-dialect passthrough is lossless).

#include <QByteArray>

#include <optional>
#include <string>
#include <variant>
#include <vector>

namespace lip::session::rawjson {

// One step of a path: a member name (compared after unescaping; the last duplicate wins, as
// Boost.JSON keeps it) or an array index.
using PathStep = std::variant<std::string, size_t>;
using Path = std::vector<PathStep>;

struct Range
{
    qsizetype begin = 0; // first byte of the value
    qsizetype end = 0;   // one past its last byte
};

// Where the value at `path` is in `body`; nullopt when the path does not exist or the body is
// malformed before it.
std::optional<Range> locate(const QByteArray &body, const Path &path);

// `body` with the value at `path` replaced by `rawJsonValue` (inserted verbatim).
std::optional<QByteArray> replaceValue(const QByteArray &body, const Path &path, const std::string &rawJsonValue);

// `body` with the array element at `path` (last step an index) removed, with one comma.
std::optional<QByteArray> removeElement(const QByteArray &body, const Path &path);

} // namespace lip::session::rawjson
