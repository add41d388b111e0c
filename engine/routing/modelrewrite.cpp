// SPDX-License-Identifier: GPL-3.0-or-later
#include "routing/modelrewrite.h"

#include <QHash>
#include <QRegularExpression>

#include <optional>

namespace lip::routing {

namespace {

// Patterns come from the config (validated at load), so the set is small and fixed per config;
// compiling once per pattern keeps a regex rule off the per-request cost. Engine-thread only in
// practice, but thread_local keeps any other caller safe.
const QRegularExpression &compiled(const QString &pattern)
{
    thread_local QHash<QString, QRegularExpression> cache;
    auto it = cache.constFind(pattern);
    if (it != cache.constEnd())
        return *it;
    if (cache.size() > 512) // a reloaded config brings new patterns; never grow without bound
        cache.clear();
    return *cache.insert(pattern, QRegularExpression(QRegularExpression::anchoredPattern(pattern)));
}

// The target with \0..\9 and \g<name-or-number> replaced by the match's groups. A group that did
// not take part in the match becomes empty; "\\" is a literal backslash.
QString expandTarget(const QString &target, const QRegularExpressionMatch &match)
{
    QString out;
    out.reserve(target.size() + 32);
    for (qsizetype i = 0; i < target.size(); ++i) {
        const QChar c = target.at(i);
        if (c != QLatin1Char('\\') || i + 1 >= target.size()) {
            out += c;
            continue;
        }
        const QChar next = target.at(i + 1);
        if (next.isDigit() && next.unicode() < 128) {
            out += match.captured(next.digitValue());
            ++i;
        } else if (next == QLatin1Char('g') && i + 2 < target.size() && target.at(i + 2) == QLatin1Char('<')) {
            const qsizetype close = target.indexOf(QLatin1Char('>'), i + 3);
            if (close < 0) {
                out += c;
                continue;
            }
            const QString ref = target.mid(i + 3, close - i - 3);
            bool numeric = false;
            const int number = ref.toInt(&numeric);
            out += numeric ? match.captured(number) : match.captured(ref);
            i = close;
        } else if (next == QLatin1Char('\\')) {
            out += QLatin1Char('\\');
            ++i;
        } else {
            out += c;
        }
    }
    return out;
}

// "model?a=1" + "target?b=2" → "target?b=2&a=1": the rule's own parameters first, the client's
// after them (the selector parser rejects a repeated key, so a clash is reported, not guessed).
QString withQuery(const QString &target, const QString &query)
{
    if (query.isEmpty())
        return target;
    return target + (target.contains(QLatin1Char('?')) ? QLatin1Char('&') : QLatin1Char('?')) + query;
}

// One lookup of `name` (without parameters): nullopt when nothing applies.
std::optional<QString> aliasFor(const QString &name, const config::Config &config)
{
    const auto it = config.modelAliases.constFind(name);
    if (it != config.modelAliases.constEnd())
        return *it;
    return std::nullopt;
}

std::optional<QString> rewriteFor(const QString &name, const QString &frontend, const config::Config &config)
{
    for (const config::ModelRewrite &rule : config.rewrites) {
        if (!rule.frontend.isEmpty() && rule.frontend != frontend)
            continue;
        if (!rule.regex) {
            if (name == rule.pattern)
                return rule.target;
            continue;
        }
        const QRegularExpression &re = compiled(rule.pattern);
        if (!re.isValid())
            continue; // rejected at load; a hand-built Config may still carry one
        const QRegularExpressionMatch match = re.match(name);
        if (match.hasMatch())
            return expandTarget(rule.target, match);
    }
    return std::nullopt;
}

// Applies `step` to the whole text first (a rule may be written for "gpt-4o?x=1" itself), then to
// the text without its "?parameters" (which are carried over), then without a Gemini "models/"
// prefix.
template<typename Step>
std::optional<QString> applyStep(const QString &model, Step step)
{
    if (auto hit = step(model))
        return hit;
    const qsizetype q = model.indexOf(QLatin1Char('?'));
    const QString name = q < 0 ? model : model.left(q);
    const QString query = q < 0 ? QString() : model.mid(q + 1);
    if (q >= 0) {
        if (auto hit = step(name))
            return withQuery(*hit, query);
    }
    if (name.startsWith(QLatin1String("models/"))) {
        if (auto hit = step(name.mid(7)))
            return withQuery(*hit, query);
    }
    return std::nullopt;
}

} // namespace

QString frontendKey(Dialect clientDialect)
{
    switch (clientDialect) {
    case Dialect::OpenAIChat: return QStringLiteral("openai");
    case Dialect::OpenAIResponses: return QStringLiteral("openai-responses");
    case Dialect::Anthropic: return QStringLiteral("anthropic");
    case Dialect::Gemini: return QStringLiteral("gemini");
    case Dialect::Ollama: return QStringLiteral("ollama"); // no frontend speaks it; never matches a rule
    }
    return {};
}

QString applyModelRewrites(const QString &model, Dialect clientDialect, const config::Config &config)
{
    if (config.modelAliases.isEmpty() && config.rewrites.empty())
        return model;
    QString current = model;
    if (auto aliased = applyStep(current, [&](const QString &name) { return aliasFor(name, config); }))
        current = *aliased;
    const QString frontend = frontendKey(clientDialect);
    if (auto rewritten = applyStep(current, [&](const QString &name) { return rewriteFor(name, frontend, config); }))
        current = *rewritten;
    return current;
}

} // namespace lip::routing
