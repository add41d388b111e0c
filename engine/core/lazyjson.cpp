// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/lazyjson.h"

#include "core/jsonarena.h"
#include "core/jsonsplice.h"

#include <boost/json/monotonic_resource.hpp>
#include <boost/json/parse.hpp>
#include <boost/json/value.hpp>

namespace bj = boost::json;

namespace lip {

LazyJsonObject::LazyJsonObject(const bj::object &object)
    : m_object(object)
{
}

LazyJsonObject::LazyJsonObject(bj::object &&object)
{
    json::adopt(m_object, std::move(object)); // keeps the object's memory resource (an arena)
}

LazyJsonObject &LazyJsonObject::operator=(const bj::object &object)
{
    *this = LazyJsonObject(object);
    return *this;
}

LazyJsonObject &LazyJsonObject::operator=(bj::object &&object)
{
    json::adopt(m_object, std::move(object));
    m_parsed = true;
    m_error.clear();
    m_layout.reset();
    m_members.clear();
    return *this;
}

LazyJsonObject LazyJsonObject::deferred(JsonTopLevelLayout layout, const bj::parse_options &options)
{
    LazyJsonObject out;
    out.m_parsed = false;
    out.m_options = options;
    out.m_layout = std::make_shared<const JsonTopLevelLayout>(std::move(layout));
    return out;
}

void LazyJsonObject::parseNow() const
{
    if (m_parsed)
        return;
    m_parsed = true;
    const QByteArray &body = m_layout->body;
    boost::system::error_code ec;
    bj::value v = json::parseInArena(std::string_view(body.constData(), size_t(body.size())), ec, m_options);
    if (ec || !v.is_object()) {
        m_error = ec ? ec.message() : std::string("not a JSON object");
        return;
    }
    json::adopt(m_object, std::move(v.get_object()));
    m_members.clear(); // readers now use the whole object
}

const bj::object &LazyJsonObject::get() const
{
    parseNow();
    return m_object;
}

bj::object &LazyJsonObject::mut()
{
    parseNow();
    m_layout.reset(); // the bytes no longer describe an edited object
    return m_object;
}

bj::object LazyJsonObject::take()
{
    parseNow();
    m_layout.reset();
    bj::object out(std::move(m_object));
    json::adopt(m_object, bj::object());
    return out;
}

const bj::value *LazyJsonObject::if_contains(std::string_view key) const
{
    if (m_parsed)
        return m_object.if_contains(key);
    for (const auto &[name, value] : m_members) {
        if (name == key)
            return &value;
    }
    const JsonTopLevelMember *member = m_layout->find(key);
    if (!member)
        return nullptr;
    boost::system::error_code ec;
    bj::value v = json::parseInArena(m_layout->raw(*member), ec, m_options);
    if (ec) {
        parseNow(); // let the whole parse say what is wrong (and readers see one consistent view)
        return m_object.if_contains(key);
    }
    m_members.emplace_back(std::string(key), std::move(v));
    return &m_members.back().second;
}

bj::object LazyJsonObject::prefix(std::string_view key, std::size_t elements) const
{
    bj::object out;
    if (m_parsed) {
        if (const bj::value *v = m_object.if_contains(key)) {
            if (const bj::array *a = v->if_array()) {
                bj::array head;
                for (std::size_t i = 0; i < a->size() && i < elements; ++i)
                    head.push_back((*a)[i]);
                out[key] = std::move(head);
            } else {
                out[key] = *v;
            }
        }
        return out;
    }
    const JsonTopLevelMember *member = m_layout->find(key);
    if (!member)
        return out;
    const std::string_view raw = m_layout->raw(*member);
    boost::system::error_code ec;
    if (raw.front() == '[') {
        if (const std::optional<std::string> head = json::arrayPrefix(raw, elements)) {
            bj::value v = bj::parse(bj::string_view(head->data(), head->size()), ec, {}, m_options);
            if (!ec)
                out[key] = std::move(v);
        }
        return out;
    }
    if (const bj::value *v = if_contains(key))
        out[key] = *v;
    return out;
}

const JsonTopLevelLayout *LazyJsonObject::layoutOf(const QByteArray &bytes) const
{
    return m_layout && m_layout->describes(bytes) ? m_layout.get() : nullptr;
}

} // namespace lip

namespace lip::json {

std::optional<std::string> rawString(std::string_view raw)
{
    if (raw.size() < 2 || raw.front() != '"')
        return std::nullopt;
    // The common case, no escapes: the bytes between the quotes.
    const std::string_view inner = raw.substr(1, raw.size() - 2);
    if (inner.find('\\') == std::string_view::npos) {
        for (char c : inner) {
            if (static_cast<unsigned char>(c) < 0x20 || c == '"')
                return std::nullopt;
        }
        return std::string(inner);
    }
    unsigned char buffer[1024];
    bj::monotonic_resource arena(buffer, sizeof buffer);
    boost::system::error_code ec;
    bj::value v = bj::parse(bj::string_view(raw.data(), raw.size()), ec, &arena);
    if (ec || !v.is_string())
        return std::nullopt;
    return std::string(v.get_string());
}

bj::value parseScalar(std::string_view raw, boost::system::error_code &ec)
{
    bj::parse_options options;
    options.max_depth = 512;
    return bj::parse(bj::string_view(raw.data(), raw.size()), ec, {}, options);
}

std::optional<bool> rawBool(std::string_view raw)
{
    if (raw == "true")
        return true;
    if (raw == "false")
        return false;
    return std::nullopt;
}

} // namespace lip::json
