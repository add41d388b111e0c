// SPDX-License-Identifier: GPL-3.0-or-later
#include "frontends/openai_chat/openaimodellist.h"

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <boost/json/serialize.hpp>

namespace lip {

QByteArray renderOpenAIModelList(const std::vector<std::pair<std::string, ModelInfo>> &models)
{
    boost::json::array data;
    data.reserve(models.size());
    for (const auto &[fullId, info] : models) {
        std::string owner = info.ownedBy;
        if (owner.empty()) {
            // Without the provider's answer the backend name is the most useful owner to show.
            const auto colon = fullId.find(':');
            owner = colon == std::string::npos ? std::string("system") : fullId.substr(0, colon);
        }
        data.push_back(boost::json::object{{"id", fullId},
                                           {"object", "model"},
                                           {"created", info.created},
                                           {"owned_by", owner}});
    }
    return QByteArray::fromStdString(
        boost::json::serialize(boost::json::object{{"object", "list"}, {"data", std::move(data)}}));
}

} // namespace lip
