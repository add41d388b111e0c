// SPDX-License-Identifier: GPL-3.0-or-later
#include "observe/usagecost.h"

#include <QRegularExpression>

#include <algorithm>

namespace lip::observe {

namespace {

bool globMatches(const QString &pattern, const QString &text)
{
    if (!pattern.contains(QLatin1Char('*')))
        return pattern == text;
    // Only '*' is special: everything else is matched literally.
    QString regex;
    const QStringList parts = pattern.split(QLatin1Char('*'));
    for (qsizetype i = 0; i < parts.size(); ++i) {
        if (i > 0)
            regex += QStringLiteral(".*");
        regex += QRegularExpression::escape(parts.at(i));
    }
    return QRegularExpression(QRegularExpression::anchoredPattern(regex),
                              QRegularExpression::DotMatchesEverythingOption)
        .match(text)
        .hasMatch();
}

} // namespace

const config::ModelPrice *findPrice(const std::vector<config::ModelPrice> &prices, const QString &backend,
                                    const QString &model)
{
    if (model.isEmpty())
        return nullptr;
    if (!backend.isEmpty()) {
        const QString qualified = backend + QLatin1Char(':') + model;
        for (const config::ModelPrice &price : prices) {
            if (price.model.contains(QLatin1Char(':')) && globMatches(price.model, qualified))
                return &price;
        }
    }
    for (const config::ModelPrice &price : prices) {
        if (!price.model.contains(QLatin1Char(':')) && globMatches(price.model, model))
            return &price;
    }
    return nullptr;
}

QString accountedModel(const CallRecord &record)
{
    return record.modelUsed.isEmpty() ? record.modelRequested : record.modelUsed;
}

std::optional<double> callCost(const CallRecord &record, const std::vector<config::ModelPrice> &prices)
{
    const config::ModelPrice *price = findPrice(prices, record.backend, accountedModel(record));
    if (!price)
        return std::nullopt;
    return callCost(record, *price);
}

std::optional<double> callCost(const CallRecord &record, const config::ModelPrice &price)
{
    if (!record.usage.present())
        return std::nullopt;
    const canon::Usage &usage = record.usage;
    const double cacheRead = double(std::max<int64_t>(usage.cacheRead, 0));
    const double cacheWrite = double(std::max<int64_t>(usage.cacheWrite, 0));
    const double input = double(std::max<int64_t>(usage.input, 0));
    const double output = double(std::max<int64_t>(usage.output, 0));
    const double uncached = std::max(0.0, input - cacheRead - cacheWrite);
    const double readPrice = price.cacheReadPerMTok >= 0 ? price.cacheReadPerMTok : price.inputPerMTok;
    const double writePrice = price.cacheWritePerMTok >= 0 ? price.cacheWritePerMTok : price.inputPerMTok;
    return (uncached * price.inputPerMTok + cacheRead * readPrice + cacheWrite * writePrice
            + output * price.outputPerMTok)
        / 1e6;
}

} // namespace lip::observe
