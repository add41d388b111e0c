// SPDX-License-Identifier: GPL-3.0-or-later
#include "backends/gemini/schemasanitizer.h"

#include <boost/json.hpp>

#include <algorithm>
#include <string>
#include <vector>

namespace lip::gemini {

namespace json = boost::json;

namespace {

constexpr int kMaxRefDepth = 16;
constexpr int kMaxDepth = 64;

bool oneOf(std::string_view key, std::initializer_list<std::string_view> keys)
{
    return std::find(keys.begin(), keys.end(), key) != keys.end();
}

class Sanitizer
{
public:
    Sanitizer(const json::value &root, SchemaTarget target) : m_root(root), m_target(target) {}

    json::value run(const json::value &node, int depth)
    {
        if (depth > kMaxDepth || !node.is_object())
            return node.is_object() || node.is_null() ? json::value(json::object{{"type", "object"}})
                                                      : node;
        json::object in = node.get_object();

        // $ref: replace by the referenced schema, siblings (description…) laid over it.
        if (auto *ref = in.if_contains("$ref"); ref && ref->is_string()) {
            const std::string target(ref->get_string());
            in.erase("$ref");
            const json::value *resolved = resolve(target);
            if (!resolved || m_refStack.size() >= kMaxRefDepth
                || std::find(m_refStack.begin(), m_refStack.end(), target) != m_refStack.end()) {
                json::object out{{"type", "object"}};
                if (auto *d = in.if_contains("description"); d && d->is_string())
                    out["description"] = *d;
                return out;
            }
            m_refStack.push_back(target);
            json::value expanded = run(*resolved, depth + 1);
            m_refStack.pop_back();
            if (expanded.is_object()) {
                json::object merged = expanded.get_object();
                json::value rest = run(json::value(in), depth + 1);
                if (rest.is_object())
                    for (const auto &kv : rest.get_object())
                        if (kv.key() != "type" || !merged.contains("type"))
                            merged[kv.key()] = kv.value();
                return merged;
            }
            return expanded;
        }

        if (m_target == SchemaTarget::OpenApi)
            return openApi(std::move(in), depth);
        return jsonSchema(std::move(in), depth);
    }

private:
    const json::value *resolve(const std::string &ref) const
    {
        if (ref.empty() || ref[0] != '#')
            return nullptr; // remote refs are never fetched
        if (ref == "#")
            return &m_root;
        boost::system::error_code ec;
        const json::value *v = m_root.find_pointer(std::string_view(ref).substr(1), ec);
        return ec ? nullptr : v;
    }

    json::value sub(const json::value &v, int depth)
    {
        if (v.is_array()) {
            json::array out;
            for (const auto &x : v.get_array())
                out.push_back(run(x, depth + 1));
            return out;
        }
        return run(v, depth + 1);
    }

    json::object properties(const json::object &props, int depth)
    {
        json::object out;
        for (const auto &kv : props)
            out[kv.key()] = run(kv.value(), depth + 1);
        return out;
    }

    static void pruneRequired(json::object &o)
    {
        auto *req = o.if_contains("required");
        if (!req)
            return;
        if (!req->is_array()) {
            o.erase("required");
            return;
        }
        const auto *props = o.if_contains("properties");
        json::array kept;
        for (const auto &r : req->get_array())
            if (r.is_string() && props && props->is_object() && props->get_object().contains(r.get_string())
                && std::find(kept.begin(), kept.end(), r) == kept.end())
                kept.push_back(r);
        if (kept.empty())
            o.erase("required");
        else
            *req = std::move(kept);
    }

    json::value jsonSchema(json::object in, int depth)
    {
        json::object out;
        for (auto &kv : in) {
            const std::string_view k = kv.key();
            if (oneOf(k, {"$schema", "$id", "$comment", "$anchor", "$defs", "definitions"}))
                continue;
            if (k == "properties" && kv.value().is_object())
                out[k] = properties(kv.value().get_object(), depth);
            else if (oneOf(k, {"items", "anyOf", "oneOf", "allOf", "prefixItems", "not"})
                     || (k == "additionalProperties" && kv.value().is_object()))
                out[k] = sub(kv.value(), depth);
            else
                out[k] = kv.value();
        }
        pruneRequired(out);
        return out;
    }

    json::value openApi(json::object in, int depth)
    {
        // allOf: fold every part into this schema first.
        if (auto *all = in.if_contains("allOf"); all && all->is_array()) {
            json::array parts = all->get_array();
            in.erase("allOf");
            for (const auto &p : parts) {
                json::value s = run(p, depth + 1);
                if (!s.is_object())
                    continue;
                for (const auto &kv : s.get_object()) {
                    if (kv.key() == "properties" && kv.value().is_object()) {
                        auto &props = in["properties"];
                        if (!props.is_object())
                            props = json::object{};
                        for (const auto &pp : kv.value().get_object())
                            props.get_object()[pp.key()] = pp.value();
                    } else if (kv.key() == "required" && kv.value().is_array()) {
                        auto &req = in["required"];
                        if (!req.is_array())
                            req = json::array{};
                        for (const auto &r : kv.value().get_array())
                            req.get_array().push_back(r);
                    } else if (!in.contains(kv.key())) {
                        in[kv.key()] = kv.value();
                    }
                }
            }
        }

        bool nullable = false;
        // anyOf/oneOf: a type + null is a nullable type; any other union keeps its first branch.
        for (std::string_view unionKey : {"anyOf", "oneOf"}) {
            auto *u = in.if_contains(unionKey);
            if (!u)
                continue;
            json::array alts = u->is_array() ? u->get_array() : json::array{};
            in.erase(unionKey);
            json::array nonNull;
            for (const auto &a : alts) {
                if (a.is_object() && a.get_object().size() == 1) {
                    const auto *t = a.get_object().if_contains("type");
                    if (t && t->is_string() && t->get_string() == "null") {
                        nullable = true;
                        continue;
                    }
                }
                nonNull.push_back(a);
            }
            if (nonNull.empty())
                continue;
            json::value first = run(nonNull.front(), depth + 1);
            if (first.is_object()) {
                for (const auto &kv : first.get_object())
                    if (!in.contains(kv.key()) || kv.key() == "type")
                        in[kv.key()] = kv.value();
                if (first.get_object().contains("nullable"))
                    nullable = true;
            }
        }

        json::object out;
        for (auto &kv : in) {
            const std::string_view k = kv.key();
            json::value &v = kv.value();
            if (k == "type") {
                if (v.is_array()) {
                    std::string chosen;
                    for (const auto &t : v.get_array()) {
                        if (!t.is_string())
                            continue;
                        if (t.get_string() == "null")
                            nullable = true;
                        else if (chosen.empty())
                            chosen = std::string(t.get_string());
                    }
                    if (!chosen.empty())
                        out["type"] = chosen;
                } else if (v.is_string() && v.get_string() != "null") {
                    out["type"] = v;
                } else if (v.is_string()) {
                    nullable = true;
                }
            } else if (k == "properties" && v.is_object()) {
                if (!v.get_object().empty())
                    out[k] = properties(v.get_object(), depth);
            } else if (k == "items") {
                out[k] = v.is_array() ? (v.get_array().empty() ? json::value(json::object{{"type", "string"}})
                                                                : run(v.get_array().front(), depth + 1))
                                      : run(v, depth + 1);
            } else if (k == "const") {
                if (!in.contains("enum"))
                    out["enum"] = json::array{v.is_string() ? v : json::value(json::serialize(v))};
            } else if (k == "enum" && v.is_array()) {
                json::array e;
                for (const auto &x : v.get_array())
                    if (!x.is_null())
                        e.push_back(x.is_string() ? x : json::value(json::serialize(x)));
                    else
                        nullable = true;
                out[k] = std::move(e);
            } else if (k == "format" && v.is_string()) {
                if (oneOf(v.get_string(), {"date-time", "enum", "int32", "int64", "float", "double"}))
                    out[k] = v;
            } else if (k == "nullable" && v.is_bool()) {
                nullable = nullable || v.get_bool();
            } else if (oneOf(k, {"description", "title", "required", "minItems", "maxItems",
                                 "minProperties", "maxProperties", "minLength", "maxLength",
                                 "pattern", "minimum", "maximum", "example", "propertyOrdering"})) {
                out[k] = v;
            }
            // everything else ($defs, additionalProperties, default, examples, exclusiveMinimum,
            // patternProperties, if/then/else, not, readOnly, …) is outside the subset
        }
        if (out.contains("enum") && !out.contains("type"))
            out["type"] = "string";
        if (out.contains("enum") && out["type"] != json::value("string")) {
            out["type"] = "string"; // Gemini's enum is string-only: the values were stringified
            out.erase("format");
        }
        if (out.contains("properties") && !out.contains("type"))
            out["type"] = "object";
        if (nullable)
            out["nullable"] = true;
        pruneRequired(out);
        return out;
    }

    const json::value &m_root;
    SchemaTarget m_target;
    std::vector<std::string> m_refStack;
};

} // namespace

json::value sanitizeSchema(const json::value &schema, SchemaTarget target)
{
    if (schema.is_null())
        return json::object{{"type", "object"}};
    Sanitizer s(schema, target);
    return s.run(schema, 0);
}

} // namespace lip::gemini
