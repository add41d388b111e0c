// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "backends/modelcatalog.h"
#include "core/dialect.h"

#include <QByteArray>

#include <vector>

namespace lip {

// Paging parameters as the client sent them (each dialect uses its own).
struct ModelListQuery
{
    QByteArray pageSize;   // Gemini
    QByteArray pageToken;  // Gemini
    QByteArray limit;      // Anthropic
    QByteArray afterId;    // Anthropic
    QByteArray beforeId;   // Anthropic
};

// The aggregated models in the shape the dialect's clients expect. Ids are `backend:model`.
Result<QByteArray> renderModelList(Dialect dialect, const std::vector<CatalogEntry> &models,
                                   const ModelListQuery &query);

} // namespace lip
