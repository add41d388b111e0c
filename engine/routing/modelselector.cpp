// SPDX-License-Identifier: GPL-3.0-or-later
#include "routing/modelselector.h"

#include "config/backendprofiles.h"

#include <QRegularExpression>
#include <QSet>
#include <QUrl>

namespace lip::routing {

namespace {

Error selectorError(const QString &message)
{
    return Error::invalid(message, QStringLiteral("model"));
}

// Quoting user text in a message: bounded, so a huge or hostile model name cannot flood a log.
QString quoted(const QString &text)
{
    constexpr int kMax = 120;
    return text.size() <= kMax ? text : text.left(kMax) + QStringLiteral("…");
}

bool isBackendName(const QString &prefix, const QStringList &knownBackends)
{
    return knownBackends.contains(prefix) || config::findBackendProfile(prefix)
        || !config::impliedBackendType(prefix).isEmpty();
}

Result<QList<QPair<QString, QString>>> parseParams(const QString &query, const QString &alternative)
{
    static const QRegularExpression keyRe(QStringLiteral("^[A-Za-z_][A-Za-z0-9_.-]{0,63}$"));
    QList<QPair<QString, QString>> params;
    if (query.isEmpty())
        return selectorError(QStringLiteral("nothing after '?' in model '%1' (expected key=value pairs "
                                            "joined by '&')")
                                 .arg(quoted(alternative)));
    QSet<QString> seen;
    const QStringList parts = query.split(QLatin1Char('&'));
    for (const QString &part : parts) {
        if (part.isEmpty())
            return selectorError(QStringLiteral("empty parameter in model '%1' (check for '&&' or a "
                                                "trailing '&')")
                                     .arg(quoted(alternative)));
        const qsizetype eq = part.indexOf(QLatin1Char('='));
        if (eq < 0)
            return selectorError(QStringLiteral("parameter '%1' in model '%2' has no value (expected key=value)")
                                     .arg(quoted(part), quoted(alternative)));
        const QString key = part.left(eq);
        const QString rawValue = part.mid(eq + 1);
        if (!keyRe.match(key).hasMatch())
            return selectorError(QStringLiteral("'%1' is not a valid parameter name in model '%2'")
                                     .arg(quoted(key), quoted(alternative)));
        if (rawValue.isEmpty())
            return selectorError(QStringLiteral("parameter '%1' in model '%2' has an empty value")
                                     .arg(key, quoted(alternative)));
        if (seen.contains(key))
            return selectorError(QStringLiteral("parameter '%1' is given twice in model '%2'")
                                     .arg(key, quoted(alternative)));
        seen.insert(key);
        params.append({key, QUrl::fromPercentEncoding(rawValue.toUtf8())});
    }
    return params;
}

Result<ModelSelector> parseOne(const QString &alternative, const QStringList &knownBackends)
{
    ModelSelector sel;
    QString head = alternative;
    const qsizetype question = alternative.indexOf(QLatin1Char('?'));
    if (question >= 0) {
        head = alternative.left(question);
        auto params = parseParams(alternative.mid(question + 1), alternative);
        if (!params)
            return params.error();
        sel.params = std::move(params.value());
    }
    if (head.isEmpty())
        return selectorError(QStringLiteral("no model name before '?' in '%1'").arg(quoted(alternative)));

    const qsizetype colon = head.indexOf(QLatin1Char(':'));
    if (colon == 0)
        return selectorError(QStringLiteral("empty backend name before ':' in model '%1' (use "
                                            "'backend:model' or just 'model')")
                                 .arg(quoted(alternative)));
    if (colon > 0 && isBackendName(head.left(colon), knownBackends)) {
        sel.backend = head.left(colon);
        sel.model = head.mid(colon + 1);
        if (sel.model.isEmpty())
            return selectorError(QStringLiteral("no model name after '%1:' in '%2'")
                                     .arg(sel.backend, quoted(alternative)));
    } else {
        sel.model = head;
    }
    for (const QChar c : std::as_const(sel.model)) {
        if (c.isSpace())
            return selectorError(QStringLiteral("model name '%1' contains whitespace").arg(quoted(sel.model)));
    }
    return sel;
}

} // namespace

QString ModelSelector::toString() const
{
    QString text = backend.isEmpty() ? model : backend + QLatin1Char(':') + model;
    for (qsizetype i = 0; i < params.size(); ++i) {
        text += QLatin1Char(i == 0 ? '?' : '&');
        text += params.at(i).first + QLatin1Char('=')
            + QString::fromUtf8(QUrl::toPercentEncoding(params.at(i).second));
    }
    return text;
}

Result<QList<ModelSelector>> parseModelSelector(const QString &text, const QStringList &knownBackends)
{
    const QString trimmed = text.trimmed();
    if (trimmed.isEmpty())
        return selectorError(QStringLiteral("the model is empty"));
    if (trimmed.size() > kMaxSelectorLength)
        return selectorError(QStringLiteral("the model is longer than %1 characters").arg(kMaxSelectorLength));
    for (const QChar c : trimmed) {
        if (c.category() == QChar::Other_Control || c.category() == QChar::Other_Format)
            return selectorError(QStringLiteral("the model contains control characters"));
    }

    const QStringList alternatives = trimmed.split(QLatin1Char('|'));
    if (alternatives.size() > kMaxAlternatives)
        return selectorError(QStringLiteral("too many alternatives in model (%1, at most %2)")
                                 .arg(alternatives.size())
                                 .arg(kMaxAlternatives));
    QList<ModelSelector> out;
    for (const QString &raw : alternatives) {
        const QString alternative = raw.trimmed();
        if (alternative.isEmpty())
            return selectorError(QStringLiteral("empty alternative in model '%1' (check for '||' or a "
                                                "leading/trailing '|')")
                                     .arg(quoted(trimmed)));
        auto sel = parseOne(alternative, knownBackends);
        if (!sel)
            return sel.error();
        out.append(std::move(sel.value()));
    }
    return out;
}

Result<QList<ModelSelector>> resolveSelectors(const QString &text, const config::Config &config,
                                              const QStringList &extraRoutes)
{
    QStringList allNames; // disabled ones too, so that they get "is disabled" rather than parse as models
    for (const config::BackendConfig &b : config.backends)
        allNames << b.name;
    auto parsed = parseModelSelector(text, allNames);
    if (!parsed)
        return parsed.error();

    const QStringList configured = config.backendNames();
    const QString configuredText = configured.isEmpty()
        ? QStringLiteral("no backend is configured")
        : QStringLiteral("configured backends: ") + configured.join(QLatin1String(", "));
    const QString defaultBackend = !config.defaultBackend.isEmpty()
        ? config.defaultBackend
        : (configured.isEmpty() ? QString() : configured.first());

    QList<ModelSelector> out = std::move(parsed.value());
    for (ModelSelector &sel : out) {
        const QString written = sel.backend.isEmpty() ? sel.model : sel.backend + QLatin1Char(':') + sel.model;
        if (sel.model.startsWith(QLatin1String("models/")) && sel.model.size() > 7)
            sel.model = sel.model.mid(7);
        if (!sel.backend.isEmpty()) {
            const config::BackendConfig *b = config.backend(sel.backend);
            if (!b)
                return selectorError(QStringLiteral("unknown backend '%1' in model '%2'; %3")
                                         .arg(sel.backend, quoted(written), configuredText));
            if (!b->enabled)
                return selectorError(QStringLiteral("backend '%1' in model '%2' is disabled; %3")
                                         .arg(sel.backend, quoted(written), configuredText));
            continue;
        }
        if (extraRoutes.contains(sel.model) || config.route(sel.model)) {
            sel.route = sel.model;
            continue;
        }
        if (defaultBackend.isEmpty())
            return selectorError(QStringLiteral("no backend is configured to serve model '%1': set e.g. "
                                                "OPENAI_API_KEY or configure one under 'backends:'")
                                     .arg(quoted(written)));
        sel.backend = defaultBackend;
    }
    return out;
}

Result<ModelSelector> resolveSelector(const QString &text, const config::Config &config)
{
    auto all = resolveSelectors(text, config);
    if (!all)
        return all.error();
    return all->first();
}

} // namespace lip::routing
