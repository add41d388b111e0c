// SPDX-License-Identifier: GPL-3.0-or-later
#include "modellists.h"

#include "frontends/anthropic/anthropicfrontend.h"
#include "frontends/gemini/geminifrontend.h"
#include "frontends/openai_chat/openaimodellist.h"

namespace lip {

Result<QByteArray> renderModelList(Dialect dialect, const std::vector<CatalogEntry> &models,
                                   const ModelListQuery &query)
{
    switch (dialect) {
    case Dialect::Gemini: {
        std::vector<ModelInfo> infos;
        infos.reserve(models.size());
        for (const CatalogEntry &entry : models) {
            infos.push_back(entry.model);
            infos.back().id = entry.fullId();
        }
        bool ok = true;
        const int pageSize = query.pageSize.isEmpty() ? 0 : query.pageSize.toInt(&ok);
        if (!ok)
            return Error::invalid(QStringLiteral("pageSize must be an integer"), QStringLiteral("pageSize"));
        return renderGeminiModelList(infos, pageSize, query.pageToken);
    }
    case Dialect::Anthropic: {
        std::vector<std::pair<std::string, ModelInfo>> pairs;
        for (const CatalogEntry &entry : models)
            pairs.emplace_back(entry.fullId(), entry.model);
        bool ok = true;
        const int limit = query.limit.isEmpty() ? 0 : query.limit.toInt(&ok);
        if (!ok || limit < 0 || limit > 1000)
            return Error::invalid(QStringLiteral("limit must be an integer from 1 to 1000"), QStringLiteral("limit"));
        return renderAnthropicModelList(pairs, query.beforeId.toStdString(), query.afterId.toStdString(), limit);
    }
    case Dialect::OpenAIChat:
    case Dialect::OpenAIResponses:
    case Dialect::Ollama: // backend-only: never a client's dialect
        break;
    }
    std::vector<std::pair<std::string, ModelInfo>> pairs;
    for (const CatalogEntry &entry : models)
        pairs.emplace_back(entry.fullId(), entry.model);
    return renderOpenAIModelList(pairs);
}

} // namespace lip
