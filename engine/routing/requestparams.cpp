// SPDX-License-Identifier: GPL-3.0-or-later
#include "routing/requestparams.h"

#include "core/jsonsplice.h"
#include "core/logging.h"

#include <QHash>
#include <QRegularExpression>
#include <QStringList>

#include <algorithm>
#include <cmath>
#include <limits>
#include <string>

namespace lip::routing {

namespace {

// The same buckets the connectors use when they translate an effort into a budget
// (engine/backends/anthropic: 2048 / 8192 / 24576; "minimal" turns thinking off).
constexpr int64_t kBudgetLow = 2048;
constexpr int64_t kBudgetMedium = 8192;
constexpr int64_t kBudgetHigh = 24576;
constexpr int64_t kAnthropicMinBudget = 1024; // the Messages API refuses less

const QStringList &knownKeys()
{
    static const QStringList keys = {
        QStringLiteral("temperature"),      QStringLiteral("top_p"),
        QStringLiteral("top_k"),            QStringLiteral("max_tokens"),
        QStringLiteral("seed"),             QStringLiteral("presence_penalty"),
        QStringLiteral("frequency_penalty"), QStringLiteral("reasoning_effort"),
        QStringLiteral("thinking_budget"),
    };
    return keys;
}

const QStringList &efforts()
{
    static const QStringList values = {QStringLiteral("minimal"), QStringLiteral("low"),
                                       QStringLiteral("medium"), QStringLiteral("high")};
    return values;
}

// The validated parameters, last value of a key winning. Optional members: not given.
struct Parsed
{
    std::optional<double> temperature;
    std::optional<double> topP;
    std::optional<int64_t> topK;
    std::optional<int64_t> maxTokens;
    std::optional<int64_t> seed;
    std::optional<double> presencePenalty;
    std::optional<double> frequencyPenalty;
    std::string effort; // "" = not given
    std::optional<int64_t> thinkingBudget;
    // The JSON spelling of each number as the user wrote it when that is valid JSON, so
    // "0.2" stays "0.2" in a spliced body.
    QHash<QString, QByteArray> spelling;
};

Error paramError(const QString &key, const QString &why)
{
    return Error::invalid(QStringLiteral("model parameter '%1': %2").arg(key.left(40), why), QStringLiteral("model"));
}

// A JSON number literal (RFC 8259): what may be copied into a body verbatim.
bool isJsonNumber(const QString &text)
{
    static const QRegularExpression re(QStringLiteral("^-?(0|[1-9][0-9]*)(\\.[0-9]+)?([eE][+-]?[0-9]+)?$"));
    return re.match(text).hasMatch();
}

std::optional<Error> readDouble(const QString &key, const QString &raw, double min, double max,
                                std::optional<double> &out, Parsed &p)
{
    bool ok = false;
    const QString text = raw.trimmed();
    const double v = text.toDouble(&ok);
    if (!ok || !std::isfinite(v))
        return paramError(key, QStringLiteral("'%1' is not a number").arg(text.left(40)));
    if (v < min || v > max)
        return paramError(key, QStringLiteral("%1 is out of range (%2 to %3)").arg(text.left(40)).arg(min).arg(max));
    out = v;
    p.spelling.insert(key, isJsonNumber(text) ? text.toLatin1() : QByteArray::number(v, 'g', 15));
    return std::nullopt;
}

std::optional<Error> readInt(const QString &key, const QString &raw, int64_t min, int64_t max,
                             std::optional<int64_t> &out, Parsed &p)
{
    bool ok = false;
    const QString text = raw.trimmed();
    const qint64 v = text.toLongLong(&ok, 10);
    if (!ok)
        return paramError(key, QStringLiteral("'%1' is not a whole number").arg(text.left(40)));
    if (v < min || v > max)
        return paramError(key, QStringLiteral("%1 is out of range (%2 to %3)").arg(v).arg(min).arg(max));
    out = v;
    p.spelling.insert(key, QByteArray::number(v));
    return std::nullopt;
}

Result<Parsed> parse(const ModelParams &params)
{
    Parsed p;
    for (const auto &[rawKey, value] : params) {
        const QString key = rawKey.trimmed().toLower();
        std::optional<Error> error;
        if (key == QLatin1String("temperature"))
            error = readDouble(key, value, 0, 2, p.temperature, p);
        else if (key == QLatin1String("top_p"))
            error = readDouble(key, value, 0, 1, p.topP, p);
        else if (key == QLatin1String("top_k"))
            error = readInt(key, value, 0, 1000000, p.topK, p);
        else if (key == QLatin1String("max_tokens"))
            error = readInt(key, value, 1, 10000000, p.maxTokens, p);
        else if (key == QLatin1String("seed"))
            error = readInt(key, value, std::numeric_limits<int64_t>::min(), std::numeric_limits<int64_t>::max(), p.seed, p);
        else if (key == QLatin1String("presence_penalty"))
            error = readDouble(key, value, -2, 2, p.presencePenalty, p);
        else if (key == QLatin1String("frequency_penalty"))
            error = readDouble(key, value, -2, 2, p.frequencyPenalty, p);
        else if (key == QLatin1String("thinking_budget"))
            error = readInt(key, value, 0, 10000000, p.thinkingBudget, p);
        else if (key == QLatin1String("reasoning_effort")) {
            const QString effort = value.trimmed().toLower();
            if (!efforts().contains(effort))
                error = paramError(key, QStringLiteral("'%1' is not an effort (accepted: %2)")
                                            .arg(value.left(40), efforts().join(QLatin1String(", "))));
            else
                p.effort = effort.toStdString();
        } else {
            error = paramError(rawKey, QStringLiteral("unknown parameter (accepted: %1)").arg(knownKeys().join(QLatin1String(", "))));
        }
        if (error)
            return *error;
    }
    return p;
}

int64_t budgetForEffort(const std::string &effort)
{
    if (effort == "low")
        return kBudgetLow;
    if (effort == "high")
        return kBudgetHigh;
    return kBudgetMedium;
}

const char *effortForBudget(int64_t budget)
{
    if (budget <= 1024)
        return "low";
    if (budget <= 8192)
        return "medium";
    return "high";
}

// ---- splicing ---------------------------------------------------------------------------

// Sets `key` in the JSON object `body`. Failures (a body that is not an object) are reported
// once by the caller.
bool set(QByteArray &body, std::string_view key, const QByteArray &raw)
{
    std::optional<QByteArray> out = json::replaceMember(body, key, std::string_view(raw.constData(), size_t(raw.size())));
    if (!out)
        return false;
    body = std::move(*out);
    return true;
}

// Sets `key` inside the object member `parent` of `body` (created when absent). A `parent` that
// is present but not an object is replaced: the parameter is what the user asked for.
bool setNested(QByteArray &body, std::string_view parent, std::string_view key, const QByteArray &raw)
{
    QByteArray inner = "{}";
    if (const std::optional<std::string> existing = json::memberRawValue(body, parent)) {
        const QByteArray trimmed = QByteArray::fromStdString(*existing).trimmed();
        if (trimmed.startsWith('{'))
            inner = trimmed;
    }
    if (!set(inner, key, raw))
        return false;
    return set(body, parent, inner);
}

QByteArray number(int64_t v) { return QByteArray::number(qint64(v)); }

void dropped(Dialect dialect, const char *key)
{
    qCDebug(lcRouting) << "model parameter" << key << "has no equivalent in" << dialectName(dialect) << "and is not sent";
}

bool spliceOpenAIChat(QByteArray &body, const Parsed &p)
{
    bool ok = true;
    auto setIf = [&](bool present, std::string_view field, const char *key) {
        if (present && ok)
            ok = set(body, field, p.spelling.value(QLatin1String(key)));
    };
    setIf(p.temperature.has_value(), "temperature", "temperature");
    setIf(p.topP.has_value(), "top_p", "top_p");
    setIf(p.topK.has_value(), "top_k", "top_k"); // not OpenAI's own; most compatible servers take it
    if (p.maxTokens && ok) {
        // Reasoning models refuse max_tokens: keep whichever spelling the client used.
        const bool completion = json::memberRawValue(body, "max_completion_tokens").has_value();
        ok = set(body, completion ? "max_completion_tokens" : "max_tokens", number(*p.maxTokens));
    }
    setIf(p.seed.has_value(), "seed", "seed");
    setIf(p.presencePenalty.has_value(), "presence_penalty", "presence_penalty");
    setIf(p.frequencyPenalty.has_value(), "frequency_penalty", "frequency_penalty");
    if (ok && !p.effort.empty())
        ok = set(body, "reasoning_effort", QByteArray::fromStdString(json::quoted(p.effort)));
    else if (ok && p.thinkingBudget && *p.thinkingBudget > 0)
        ok = set(body, "reasoning_effort", QByteArray::fromStdString(json::quoted(effortForBudget(*p.thinkingBudget))));
    else if (ok && p.thinkingBudget)
        ok = set(body, "reasoning_effort", "\"minimal\"");
    return ok;
}

bool spliceResponses(QByteArray &body, const Parsed &p)
{
    bool ok = true;
    if (p.temperature)
        ok = ok && set(body, "temperature", p.spelling.value(QStringLiteral("temperature")));
    if (p.topP)
        ok = ok && set(body, "top_p", p.spelling.value(QStringLiteral("top_p")));
    if (p.maxTokens)
        ok = ok && set(body, "max_output_tokens", number(*p.maxTokens));
    if (p.topK)
        dropped(Dialect::OpenAIResponses, "top_k");
    if (p.seed)
        dropped(Dialect::OpenAIResponses, "seed");
    if (p.presencePenalty)
        dropped(Dialect::OpenAIResponses, "presence_penalty");
    if (p.frequencyPenalty)
        dropped(Dialect::OpenAIResponses, "frequency_penalty");
    std::string effort = p.effort;
    if (effort.empty() && p.thinkingBudget)
        effort = *p.thinkingBudget > 0 ? effortForBudget(*p.thinkingBudget) : "minimal";
    if (ok && !effort.empty())
        ok = setNested(body, "reasoning", "effort", QByteArray::fromStdString(json::quoted(effort)));
    return ok;
}

bool spliceAnthropic(QByteArray &body, const Parsed &p)
{
    bool ok = true;
    if (p.temperature)
        ok = ok && set(body, "temperature", p.spelling.value(QStringLiteral("temperature")));
    if (p.topP)
        ok = ok && set(body, "top_p", p.spelling.value(QStringLiteral("top_p")));
    if (p.topK)
        ok = ok && set(body, "top_k", number(*p.topK));
    if (p.maxTokens)
        ok = ok && set(body, "max_tokens", number(*p.maxTokens));
    if (p.seed)
        dropped(Dialect::Anthropic, "seed");
    if (p.presencePenalty)
        dropped(Dialect::Anthropic, "presence_penalty");
    if (p.frequencyPenalty)
        dropped(Dialect::Anthropic, "frequency_penalty");
    // An explicit budget wins over an effort, as in the translated path.
    std::optional<int64_t> budget;
    bool off = false;
    if (p.thinkingBudget) {
        off = *p.thinkingBudget == 0;
        budget = *p.thinkingBudget;
    } else if (!p.effort.empty()) {
        off = p.effort == "minimal";
        budget = budgetForEffort(p.effort);
    }
    if (ok && off)
        ok = set(body, "thinking", R"({"type":"disabled"})");
    else if (ok && budget)
        ok = set(body, "thinking", QByteArray(R"({"type":"enabled","budget_tokens":)")
                                       + number(std::max(*budget, kAnthropicMinBudget)) + '}');
    return ok;
}

bool spliceGemini(QByteArray &body, const Parsed &p)
{
    bool ok = true;
    auto gen = [&](bool present, std::string_view field, const QByteArray &raw) {
        if (present && ok)
            ok = setNested(body, "generationConfig", field, raw);
    };
    gen(p.temperature.has_value(), "temperature", p.spelling.value(QStringLiteral("temperature")));
    gen(p.topP.has_value(), "topP", p.spelling.value(QStringLiteral("top_p")));
    gen(p.topK.has_value(), "topK", p.topK ? number(*p.topK) : QByteArray());
    gen(p.maxTokens.has_value(), "maxOutputTokens", p.maxTokens ? number(*p.maxTokens) : QByteArray());
    gen(p.seed.has_value(), "seed", p.seed ? number(*p.seed) : QByteArray());
    gen(p.presencePenalty.has_value(), "presencePenalty", p.spelling.value(QStringLiteral("presence_penalty")));
    gen(p.frequencyPenalty.has_value(), "frequencyPenalty", p.spelling.value(QStringLiteral("frequency_penalty")));
    std::optional<int64_t> budget = p.thinkingBudget;
    if (!budget && !p.effort.empty())
        budget = p.effort == "minimal" ? 0 : budgetForEffort(p.effort);
    if (ok && budget) {
        // thinkingConfig sits inside generationConfig: splice two levels down.
        QByteArray config = "{}";
        if (const auto existing = json::memberRawValue(body, "generationConfig")) {
            const QByteArray trimmed = QByteArray::fromStdString(*existing).trimmed();
            if (trimmed.startsWith('{'))
                config = trimmed;
        }
        ok = setNested(config, "thinkingConfig", "thinkingBudget", number(*budget));
        ok = ok && set(body, "generationConfig", config);
    }
    return ok;
}

} // namespace

std::optional<Error> applyParams(const ModelParams &params, canon::Request &request)
{
    if (params.isEmpty())
        return std::nullopt;
    Result<Parsed> parsed = parse(params);
    if (!parsed)
        return parsed.error();
    const Parsed &p = *parsed;
    canon::Sampling &s = request.sampling;
    if (p.temperature)
        s.temperature = p.temperature;
    if (p.topP)
        s.topP = p.topP;
    if (p.topK)
        s.topK = p.topK;
    if (p.maxTokens)
        s.maxTokens = p.maxTokens;
    if (p.seed)
        s.seed = p.seed;
    if (p.presencePenalty)
        s.presencePenalty = p.presencePenalty;
    if (p.frequencyPenalty)
        s.frequencyPenalty = p.frequencyPenalty;
    canon::Reasoning &r = request.reasoning;
    if (!p.effort.empty()) {
        // The parameter replaces whatever the client asked for: the connectors prefer an
        // explicit budget over an effort, so the client's own budget must go.
        r.effort = p.effort;
        r.budgetTokens.reset();
        r.enabled = p.effort != "minimal";
    }
    if (p.thinkingBudget) {
        r.budgetTokens = p.thinkingBudget;
        r.enabled = *p.thinkingBudget > 0;
        if (p.effort.empty())
            r.effort.clear();
    }
    return std::nullopt;
}

Result<QByteArray> applyParamsToBody(Dialect dialect, const ModelParams &params, const QByteArray &rawBody)
{
    if (params.isEmpty())
        return rawBody;
    Result<Parsed> parsed = parse(params);
    if (!parsed)
        return parsed.error();
    QByteArray body = rawBody;
    bool ok = false;
    switch (dialect) {
    case Dialect::OpenAIChat:
    case Dialect::Ollama: // never a passthrough dialect; the Chat spelling is the closest
        ok = spliceOpenAIChat(body, *parsed);
        break;
    case Dialect::OpenAIResponses:
        ok = spliceResponses(body, *parsed);
        break;
    case Dialect::Anthropic:
        ok = spliceAnthropic(body, *parsed);
        break;
    case Dialect::Gemini:
        ok = spliceGemini(body, *parsed);
        break;
    }
    if (!ok)
        return Error::invalid(QStringLiteral("the request body is not a JSON object"));
    return body;
}

} // namespace lip::routing
