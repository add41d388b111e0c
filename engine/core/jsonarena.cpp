// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/jsonarena.h"

#include <memory>

namespace bj = boost::json;

namespace lip::json {

bj::value parseInArena(std::string_view text, boost::system::error_code &ec, const bj::parse_options &options)
{
    // A DOM takes about as many bytes as its text plus the node overhead; one block that fits
    // most bodies, growing geometrically for the rest.
    const std::size_t initial = text.size() + text.size() / 2 + 1024;
    bj::storage_ptr arena = bj::make_shared_resource<bj::monotonic_resource>(initial);
    return bj::parse(bj::string_view(text.data(), text.size()), ec, std::move(arena), options);
}

void adopt(bj::object &to, bj::object &&from)
{
    std::destroy_at(&to);
    std::construct_at(&to, std::move(from));
}

const bj::value ScratchParser::s_null;

ScratchParser::ScratchParser(const bj::parse_options &options)
    : m_arena(m_buffer, sizeof m_buffer)
    , m_parser(bj::storage_ptr(), options)
{
}

const bj::value &ScratchParser::parse(std::string_view text, boost::system::error_code &ec)
{
    // The previous value's storage is the arena, whose deallocation is a no-op: dropping it
    // walks nothing, and release() rewinds to the inline buffer (freeing any overflow blocks).
    m_value.reset();
    m_arena.release();
    m_parser.reset(bj::storage_ptr(&m_arena));
    m_parser.write(text.data(), text.size(), ec);
    if (ec)
        return s_null;
    m_value.emplace(m_parser.release());
    return *m_value;
}

} // namespace lip::json
