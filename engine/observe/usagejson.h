// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// JSON bodies of /usage/stats, /usage/recent and their errors. Keys are written in a fixed,
// readable order (QJsonObject would sort them).

#include "core/error.h"
#include "observe/usagequery.h"

#include <QByteArray>

#include <vector>

namespace lip::observe {

QByteArray renderUsageStats(const UsageStats &stats);
QByteArray renderUsageRecent(const std::vector<UsageRow> &rows);

// {"error":{"message","type","param","code"}} as OpenAI-style clients expect.
QByteArray renderUsageError(const Error &error);

} // namespace lip::observe
