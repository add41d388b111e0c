// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// A request body's JSON object, parsed when first needed. Same-dialect passthrough forwards the
// client's bytes and needs only a few top-level members (model, stream, metadata): a full DOM
// of every body was ~24 % of a passthrough request's instructions, and most of the 150 KB
// agent request's proxy time. The frontend scans the body once (json::scanTopLevel in core/jsonsplice.h, which also
// rejects what is not one JSON object); a reader that needs one member gets just that member
// parsed (if_contains), a reader that needs the whole object (translation, in-chat commands)
// gets the full parse on first access, cached. Copies share nothing mutable and behave alike.

#include "core/jsontoplevel.h"

#include <boost/json/object.hpp>
#include <boost/json/parse_options.hpp>
#include <boost/json/value.hpp>

#include <list>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

namespace lip {

class LazyJsonObject
{
public:
    LazyJsonObject() = default;
    // An object that is already parsed (tests, bodies built in code, the eager frontends).
    LazyJsonObject(const boost::json::object &object);
    LazyJsonObject(boost::json::object &&object);
    LazyJsonObject &operator=(const boost::json::object &object);
    LazyJsonObject &operator=(boost::json::object &&object);

    // `layout` scanned from a client body; parsed with `options` on first whole access.
    static LazyJsonObject deferred(JsonTopLevelLayout layout, const boost::json::parse_options &options);

    // The whole object (parsed now if it was not). A body the scanner let through but the
    // parser rejects (a malformed scalar deep inside) reads as an empty object: check
    // parseError() where that matters (toCanonical does).
    const boost::json::object &get() const;
    operator const boost::json::object &() const { return get(); }
    // For editors: the whole object, mutable; take() moves it out (the body is then empty
    // until assigned again).
    boost::json::object &mut();
    boost::json::object take();

    // One top-level member, parsed on its own when the whole object is not (the last of
    // duplicate keys, as the full parse keeps). nullptr when absent.
    const boost::json::value *if_contains(std::string_view key) const;
    bool contains(std::string_view key) const { return if_contains(key) != nullptr; }

    // An object holding only member `key` with, when it is an array, only its first `elements`
    // elements: what a reader of the start of a conversation needs (session identity hashes
    // the first user text), without parsing the rest. A parsed body gives the same from its
    // DOM. Empty when `key` is absent.
    boost::json::object prefix(std::string_view key, std::size_t elements) const;

    bool parsed() const { return m_parsed; }
    // Empty, or why the deferred parse failed (after get()).
    const std::string &parseError() const { return m_error; }
    // The scan of the client's bytes, when this body came from one and `bytes` are still those
    // bytes (same shared buffer): splices use it instead of scanning the body again.
    const JsonTopLevelLayout *layoutOf(const QByteArray &bytes) const;

private:
    void parseNow() const;

    mutable boost::json::object m_object;
    mutable bool m_parsed = true;
    mutable std::string m_error;
    std::shared_ptr<const JsonTopLevelLayout> m_layout;
    boost::json::parse_options m_options;
    // Members parsed one by one before any whole parse (stable addresses: a std::list).
    mutable std::list<std::pair<std::string, boost::json::value>> m_members;
};

} // namespace lip
