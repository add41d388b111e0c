// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// What a call cost, from the price table in the config (usage.prices, per million tokens).

#include "config/config.h"
#include "observe/callrecord.h"

#include <optional>
#include <vector>

namespace lip::observe {

// The price entry for a model: entries are tried against "backend:model" first, then against the
// bare model, each time in file order; '*' in an entry matches any run of characters. nullptr
// when none matches.
const config::ModelPrice *findPrice(const std::vector<config::ModelPrice> &prices, const QString &backend,
                                    const QString &model);

// The cost of one call in the price table's currency, or nullopt when no price matches or the
// call has no token counts. Our `usage.input` includes cached tokens, so the input price applies
// to input minus cache reads and cache writes, and each cache price to its own part; output
// (which includes reasoning) at the output price.
std::optional<double> callCost(const CallRecord &record, const std::vector<config::ModelPrice> &prices);
// The same with the price entry already chosen.
std::optional<double> callCost(const CallRecord &record, const config::ModelPrice &price);

// The model a record is accounted under: the one the backend was asked for, else the requested one.
QString accountedModel(const CallRecord &record);

} // namespace lip::observe
