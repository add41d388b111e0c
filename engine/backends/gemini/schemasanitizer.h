// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Tool and response schemas as Gemini accepts them. Agents send JSON Schema written for OpenAI or
// Anthropic (draft 2020-12 with $ref/$defs, additionalProperties, const, type unions); Gemini
// rejects some of it with a 400 for the whole request. See docs/dialects/gemini.md.

#include <boost/json/value.hpp>

namespace lip::gemini {

enum class SchemaTarget {
    // `parametersJsonSchema` / `responseJsonSchema`: Gemini's JSON Schema fields. Keeps
    // additionalProperties, anyOf, const, type arrays; only removes what Gemini chokes on.
    JsonSchema,
    // `parameters` / `responseSchema`: the OpenAPI 3.0 subset (a whitelist of keywords).
    OpenApi,
};

// Both targets: $schema/$id/$comment/$anchor dropped; local $ref ("#/$defs/X", "#/definitions/X",
// any "#/…" pointer) inlined up to 16 levels, a cycle or a dangling ref becomes {"type":"object"};
// $defs/definitions dropped; `required` names without a property dropped.
// OpenApi additionally: additionalProperties, default, examples, const (→ enum [v]), formats other
// than date-time/enum/int32/int64/float/double, and every keyword outside the subset dropped;
// type arrays and anyOf/oneOf of a type + null → that type with nullable:true; other unions →
// the first alternative; allOf merged; enum values as strings; empty `properties` dropped.
boost::json::value sanitizeSchema(const boost::json::value &schema, SchemaTarget target);

} // namespace lip::gemini
