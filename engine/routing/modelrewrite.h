// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Model aliases and rewrites (config keys model_aliases, model_rewrites), applied to what the
// client wrote in "model" before the selector is parsed: first an exact alias, then the first
// matching rewrite for this client dialect (or for all dialects). The result may itself be a
// selector ("openrouter:x", a route name, "a|b", with ?params).

#include "config/config.h"
#include "core/dialect.h"

#include <QString>

namespace lip::routing {

// Returns `model` unchanged when nothing applies. Never loops: one alias step, then one rewrite.
QString applyModelRewrites(const QString &model, Dialect clientDialect, const config::Config &config);

// The config's frontend name for a client dialect: "openai", "openai-responses", "anthropic", "gemini".
QString frontendKey(Dialect clientDialect);

} // namespace lip::routing
