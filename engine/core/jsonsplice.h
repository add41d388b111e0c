// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Byte-level edits of a JSON object body without re-serializing it: key order, unknown fields,
// number spelling and whitespace all survive, which is what same-dialect passthrough promises.
// Only top-level members are looked at; a "model" key nested inside messages is never touched.
// Keys are compared after unescaping, so "mod\u0065l" matches "model".

#include "core/jsontoplevel.h"

#include <QByteArray>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace lip::json {

// The layout types live in namespace lip (core/jsontoplevel.h) so that headers every file
// includes (frontend.h) need not declare lip::json, which some files alias to boost::json.
using TopLevelMember = JsonTopLevelMember;
using TopLevelLayout = JsonTopLevelLayout;

// One pass over `body`: its top-level members, nullopt when it is not one JSON object (strings
// and brackets are checked; scalars inside containers are only skipped, not validated).
std::optional<TopLevelLayout> scanTopLevel(const QByteArray &body);

// The JSON text of the first `elements` elements of the array `arrayRaw` (itself a JSON array
// text), closed with `]`: "[a,b]" of "[a,b,c]". The whole text when it has no more; nullopt
// when it is not an array.
std::optional<std::string> arrayPrefix(std::string_view arrayRaw, std::size_t elements);

// replaceMember on a body already scanned (`layout.body`): no second pass over it.
std::optional<QByteArray> replaceMember(const TopLevelLayout &layout, std::string_view key,
                                        std::string_view rawJsonValue);

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

// How many bytes of text the string values of every member named `key` carry, anywhere in the
// JSON `text` (as decoded UTF-8: an escape counts the bytes of its character; non-string
// values count nothing). A
// cheap measure of the text in a stream event without parsing it: passthrough needs only that
// (for a usage estimate) and the usage numbers. Only real member names match, never bytes
// inside a string value (a quote there is always escaped).
std::size_t stringMemberBytes(std::string_view text, std::string_view key);

// `utf8` as a JSON string literal, quotes included (", \ and control characters escaped; other
// bytes, including non-ASCII UTF-8, kept as they are).
std::string quoted(std::string_view utf8);

} // namespace lip::json
