// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Model parameters from a selector ("gpt-4o?temperature=0.2&reasoning_effort=high") or from the
// session (!/set(temperature=0.2)) merged into the request. Known keys (others are an
// InvalidRequest error naming the key and the accepted ones): temperature, top_p, top_k,
// max_tokens, seed, presence_penalty, frequency_penalty, reasoning_effort
// (minimal|low|medium|high), thinking_budget (tokens; 0 turns thinking off). Values are validated
// (numbers in range) before anything is changed.

#include "core/canonical.h"
#include "core/dialect.h"
#include "core/error.h"

#include <QByteArray>
#include <QList>
#include <QPair>
#include <QString>

#include <optional>

namespace lip::routing {

using ModelParams = QList<QPair<QString, QString>>;

// Translated path: set the canonical fields.
std::optional<Error> applyParams(const ModelParams &params, canon::Request &request);

// Same-dialect path: the client's body with only those fields set or replaced, in the dialect's
// own spelling (OpenAI Chat: temperature, reasoning_effort…; Responses: reasoning.effort;
// Anthropic: temperature, thinking{type,budget_tokens}; Gemini: generationConfig.temperature,
// generationConfig.thinkingConfig.thinkingBudget…). Everything else in the body is untouched
// (bytes spliced, key order and number spelling kept). Empty params: returns `rawBody` as is.
Result<QByteArray> applyParamsToBody(Dialect dialect, const ModelParams &params, const QByteArray &rawBody);

} // namespace lip::routing
