// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "backends/connector.h" // ModelInfo

#include <QByteArray>

#include <string>
#include <utility>
#include <vector>

namespace lip {

// GET /v1/models as OpenAI clients expect it: {"object":"list","data":[{id,object,created,owned_by}]}.
// The first of each pair is the id clients must send back ("backend:model").
QByteArray renderOpenAIModelList(const std::vector<std::pair<std::string, ModelInfo>> &models);

} // namespace lip
