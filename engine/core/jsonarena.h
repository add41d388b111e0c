// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Boost.JSON parsing without a malloc/free per node. Profiles of the proxy showed the general
// purpose allocator (allocating every node of a request body's DOM, then freeing it node by
// node when the call ends) costing more than the parse itself. Two shapes:
//
// - parseInArena: a request body parsed into one monotonic arena that every value taken from
//   it shares (a reference-counted boost::json::monotonic_resource). Copies of its values stay
//   valid however long they live; the arena goes when the last one does.
// - ScratchParser: one small JSON text after another (SSE events, reply bodies) parsed into a
//   buffer reused from one parse to the next. The value lives until the next parse.

#include <boost/json/monotonic_resource.hpp>
#include <boost/json/object.hpp>
#include <boost/json/parse.hpp>
#include <boost/json/parser.hpp>
#include <boost/json/value.hpp>

#include <optional>
#include <string>
#include <string_view>

namespace lip::json {

// `text` parsed into a fresh shared arena sized for it.
boost::json::value parseInArena(std::string_view text, boost::system::error_code &ec,
                                const boost::json::parse_options &options = {});

// Moves `from` into `to` so that `to` keeps from's memory resource. (A plain move assignment
// between objects of different resources deep-copies into the target's resource.)
void adopt(boost::json::object &to, boost::json::object &&from);

// The value of a JSON scalar text (a member's raw bytes) as a string, nullopt when it is not a
// string (for `model` and the like, without a DOM).
std::optional<std::string> rawString(std::string_view raw);
// A small JSON text (a scalar member's raw bytes) parsed without an arena.
boost::json::value parseScalar(std::string_view raw, boost::system::error_code &ec);
// `true` / `false` raw bytes → bool, nullopt for anything else.
std::optional<bool> rawBool(std::string_view raw);

class ScratchParser
{
public:
    explicit ScratchParser(const boost::json::parse_options &options = {});
    ScratchParser(const ScratchParser &) = delete;
    ScratchParser &operator=(const ScratchParser &) = delete;

    // The parsed value, valid until the next parse() or this parser's end. Do not keep copies
    // of it beyond that either: a copy shares the scratch buffer.
    const boost::json::value &parse(std::string_view text, boost::system::error_code &ec);

private:
    static constexpr std::size_t kInlineBytes = 4096; // an SSE event's DOM fits; larger grows
    alignas(std::max_align_t) unsigned char m_buffer[kInlineBytes];
    boost::json::monotonic_resource m_arena;
    boost::json::parser m_parser;
    std::optional<boost::json::value> m_value; // declared last: gone before the arena is
    static const boost::json::value s_null;
};

} // namespace lip::json
