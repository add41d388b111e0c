// SPDX-License-Identifier: GPL-3.0-or-later
#include "routeplan.h"

#include "routing/modelrewrite.h"
#include "routing/modelselector.h"
#include "routing/routingstate.h"

#include <QHash>

#include <algorithm>

namespace lip::routing {

namespace {

const QString kHybridType = QStringLiteral("hybrid");

Error planError(const QString &message)
{
    return Error::invalid(message, QStringLiteral("model"));
}

const config::RouteConfig *findRoute(const QString &name, const config::Config &config,
                                     const RoutingOverrides &overrides)
{
    for (const config::RouteConfig &route : overrides.sessionRoutes) { // session routes shadow config ones
        if (route.name == name)
            return &route;
    }
    return config.route(name);
}

// Missing keys are added from `extra`; keys already set stay (the more specific source wins).
void mergeParams(ModelParams &into, const ModelParams &extra)
{
    for (const auto &param : extra) {
        const bool present = std::any_of(into.cbegin(), into.cend(),
                                         [&](const auto &p) { return p.first == param.first; });
        if (!present)
            into.append(param);
    }
}

struct Element
{
    const config::BackendConfig *backend = nullptr;
    const BackendConnector *connector = nullptr;
    QString model;
    ModelParams params;
    QString text;

    int keyCount() const { return int(backend->apiKeys.size()); }
};

Result<Element> toElement(const ModelSelector &selector, const config::Config &config)
{
    Element element;
    element.backend = config.backend(selector.backend);
    if (!element.backend)
        return planError(QStringLiteral("backend '%1' is not configured; configured backends: %2")
                             .arg(selector.backend, config.backendNames().join(QStringLiteral(", "))));
    if (element.backend->type != kHybridType) {
        element.connector = connectorForType(element.backend->type);
        if (!element.connector)
            return Error::make(ErrorCategory::Unsupported,
                               QStringLiteral("backend '%1' has type '%2', which this build cannot talk to")
                                   .arg(element.backend->name, element.backend->type));
    }
    element.model = selector.model;
    element.params = selector.params;
    element.text = selector.backend + QLatin1Char(':') + selector.model;
    return element;
}

Attempt attemptFor(const Element &element, int keyIndex)
{
    Attempt attempt;
    attempt.backend = element.backend;
    attempt.connector = element.connector;
    attempt.model = element.model;
    attempt.keyIndex = element.keyCount() == 0 ? -1 : keyIndex;
    attempt.params = element.params;
    attempt.element = element.text;
    return attempt;
}

void appendAllKeys(QList<Attempt> &out, const Element &element)
{
    const int keys = qMax(1, element.keyCount());
    for (int k = 0; k < keys; ++k)
        out.append(attemptFor(element, k));
}

void expandRoute(QList<Attempt> &out, const QString &policy, const QList<Element> &elements, const RoutingState *state)
{
    if (elements.isEmpty())
        return;
    if (policy == QLatin1String("k")) {
        appendAllKeys(out, elements.first());
    } else if (policy == QLatin1String("m") || policy == QLatin1String("ordered")) {
        // One key per element: the first working one (not cooling down), else the first.
        for (const Element &element : elements)
            out.append(attemptFor(element, state ? qMax(0, state->pickKey(*element.backend)) : 0));
    } else if (policy == QLatin1String("mk")) {
        int rounds = 0;
        for (const Element &element : elements)
            rounds = qMax(rounds, qMax(1, element.keyCount()));
        for (int k = 0; k < rounds; ++k) {
            for (const Element &element : elements) {
                if (k < qMax(1, element.keyCount()))
                    out.append(attemptFor(element, k));
            }
        }
    } else { // km
        for (const Element &element : elements)
            appendAllKeys(out, element);
    }
}

bool unavailable(const Attempt &attempt, const RoutingState &state)
{
    if (!state.admits(attempt.backend->name))
        return true;
    return attempt.keyIndex >= 0 && state.keyCooling(attempt.backend->name, attempt.keyIndex);
}

} // namespace

bool Attempt::isHybrid() const
{
    return backend && backend->type == kHybridType;
}

QString Attempt::keyAlias() const
{
    if (!backend || keyIndex < 0)
        return {};
    return backend->keyAliases.value(keyIndex, QStringLiteral("%1 key %2").arg(backend->name).arg(keyIndex + 1));
}

QString Attempt::apiKey() const
{
    if (!backend || keyIndex < 0)
        return {};
    return backend->apiKeys.value(keyIndex);
}

bool isKnownPolicy(const QString &policy)
{
    static const QStringList known = {QStringLiteral("k"), QStringLiteral("m"), QStringLiteral("km"),
                                      QStringLiteral("mk"), QStringLiteral("ordered")};
    return known.contains(policy);
}

Result<RoutePlan> planRoute(const QString &clientModel, Dialect clientDialect, const config::Config &config,
                            const RoutingOverrides &overrides, const RoutingState *state)
{
    RoutePlan plan;
    QString text = clientModel;
    if (!overrides.oneoff.isEmpty())
        text = overrides.oneoff;
    else if (!overrides.model.isEmpty())
        text = overrides.model;
    text = applyModelRewrites(text, clientDialect, config);
    plan.selector = text;

    QStringList sessionRouteNames;
    for (const config::RouteConfig &route : overrides.sessionRoutes)
        sessionRouteNames << route.name;

    Result<QList<ModelSelector>> selectors = resolveSelectors(text, config, sessionRouteNames);
    if (!selectors)
        return selectors.error();

    // !/backend(name) redirects a client's own model, not a oneoff or a session model.
    const bool redirect = overrides.oneoff.isEmpty() && overrides.model.isEmpty() && !overrides.backend.isEmpty();
    if (redirect) {
        const config::BackendConfig *target = config.backend(overrides.backend);
        if (!target || !target->enabled)
            return planError(QStringLiteral("the session's backend '%1' is not a configured, enabled backend; "
                                            "configured backends: %2")
                                 .arg(overrides.backend, config.backendNames().join(QStringLiteral(", "))));
    }

    for (ModelSelector &selector : *selectors) {
        if (!selector.route.isEmpty()) {
            const config::RouteConfig *route = findRoute(selector.route, config, overrides);
            if (!route)
                return planError(QStringLiteral("route '%1' is not defined").arg(selector.route));
            if (!isKnownPolicy(route->policy))
                return planError(QStringLiteral("route '%1' has policy '%2' (accepted: k, m, km, mk, ordered)")
                                     .arg(route->name, route->policy));
            if (plan.route.isEmpty()) {
                plan.route = route->name;
                plan.policy = route->policy;
            }
            QList<Element> elements;
            for (const QString &elementText : route->elements) {
                // A disabled backend drops out of its routes instead of breaking them.
                const config::BackendConfig *named = config.backend(elementText.section(QLatin1Char(':'), 0, 0).trimmed());
                if (named && !named->enabled)
                    continue;
                Result<QList<ModelSelector>> resolved = resolveSelectors(elementText, config);
                if (!resolved)
                    return planError(QStringLiteral("route '%1' element '%2': %3")
                                         .arg(route->name, elementText, resolved.error().message));
                for (const ModelSelector &inner : *resolved) {
                    if (!inner.route.isEmpty())
                        return planError(QStringLiteral("route '%1' element '%2' names another route; routes "
                                                        "cannot nest")
                                             .arg(route->name, elementText));
                    Result<Element> element = toElement(inner, config);
                    if (!element)
                        return element.error();
                    mergeParams(element->params, selector.params);
                    elements.append(std::move(*element));
                }
            }
            if (elements.isEmpty())
                return planError(QStringLiteral("route '%1' has no elements").arg(route->name));
            expandRoute(plan.attempts, route->policy, elements, state);
            continue;
        }
        if (redirect)
            selector.backend = overrides.backend;
        Result<Element> element = toElement(selector, config);
        if (!element)
            return element.error();
        appendAllKeys(plan.attempts, *element);
    }
    if (plan.attempts.size() > kMaxPlanAttempts)
        plan.attempts.resize(kMaxPlanAttempts);
    for (Attempt &attempt : plan.attempts)
        mergeParams(attempt.params, overrides.params);

    if (state) {
        // Cooling keys and open circuits go to the back of the plan, not out of it: they are the
        // last resort once everything healthy has failed (trying beats failing without a try, and
        // the client then gets the error of the route's own last element, not of whichever
        // backend happened to be healthy). Their route order is kept across backends; within one
        // backend, the keys that come back soonest go first.
        QList<Attempt> available;
        QList<Attempt> deferred;
        for (const Attempt &attempt : std::as_const(plan.attempts))
            (unavailable(attempt, *state) ? deferred : available).append(attempt);
        QHash<const config::BackendConfig *, QList<int>> backendPlaces; // each backend's places in `deferred`
        for (int i = 0; i < deferred.size(); ++i)
            backendPlaces[deferred.at(i).backend].append(i);
        for (const QList<int> &places : std::as_const(backendPlaces)) {
            QList<Attempt> mine;
            for (int i : places)
                mine.append(deferred.at(i));
            std::stable_sort(mine.begin(), mine.end(), [state](const Attempt &a, const Attempt &b) {
                return state->keyAvailableAt(a.backend->name, a.keyIndex)
                    < state->keyAvailableAt(b.backend->name, b.keyIndex);
            });
            for (int j = 0; j < places.size(); ++j)
                deferred[places.at(j)] = mine.at(j);
        }
        plan.skipped = int(deferred.size());
        plan.allSkipped = available.isEmpty() && !deferred.isEmpty();
        plan.attempts = available + deferred;
    }
    return plan;
}

} // namespace lip::routing
