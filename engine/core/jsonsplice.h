// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Byte-level edits of a JSON object body without re-serializing it: key order, unknown fields,
// number spelling and whitespace all survive, which is what same-dialect passthrough promises.
// Only top-level members are looked at; a "model" key nested inside messages is never touched.
// Keys are compared after unescaping, so "mod\u0065l" matches "model".

#include <QByteArray>

#include <optional>
#include <string>
#include <string_view>

namespace lip::json {

// Replaces the value of every top-level member named `key` (duplicates included, so any parser
// sees the new value) with `rawJsonValue`, or appends the member at the end of the object when
// absent. `rawJsonValue` is inserted verbatim (use quoted() for a string). nullopt when `body`
// is not a JSON object (or is truncated) or rawJsonValue is empty.
std::optional<QByteArray> replaceMember(const QByteArray &body, std::string_view key,
                                        std::string_view rawJsonValue);

// Removes every top-level member named `key` together with one adjacent comma. A body without
// the key comes back unchanged. nullopt when `body` is not a JSON object.
std::optional<QByteArray> removeMember(const QByteArray &body, std::string_view key);

// The raw bytes of the value of the last top-level member named `key` (the one most parsers
// keep), nullopt when absent or when `body` is not a JSON object.
std::optional<std::string> memberRawValue(const QByteArray &body, std::string_view key);

// `utf8` as a JSON string literal, quotes included (", \ and control characters escaped; other
// bytes, including non-ASCII UTF-8, kept as they are).
std::string quoted(std::string_view utf8);

} // namespace lip::json
