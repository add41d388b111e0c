// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// The route planner (pure): what the client asked for, plus the session's overrides, the
// config's rewrites and routes and what routing remembers (cooling keys, open circuits), turned
// into an ordered list of upstream attempts. ProxyCall walks the list; see docs/routing.md.
//
// Order of resolution: session override (oneoff > model > backend), model aliases/rewrites,
// selector parsing (alternatives a|b|c), route expansion by policy, key expansion.

#include "backends/connector.h"
#include "config/config.h"
#include "core/dialect.h"
#include "core/error.h"
#include "routing/overrides.h"
#include "routing/requestparams.h"

#include <QList>
#include <QString>

namespace lip::routing {

class RoutingState;

struct Attempt
{
    const config::BackendConfig *backend = nullptr;
    const BackendConnector *connector = nullptr; // nullptr for a hybrid backend
    QString model;
    int keyIndex = -1;                           // into backend->apiKeys; -1: keyless
    ModelParams params;
    QString element;                             // "openai:gpt-4o" as planned (logs, errors)

    bool isHybrid() const;
    QString keyAlias() const; // safe to log; empty for keyless
    QString apiKey() const;   // never log this
};

struct RoutePlan
{
    QString selector;   // the model text after overrides and rewrites
    QString route;      // the route's name when the model named one (first one met)
    QString policy;     // that route's policy
    QList<Attempt> attempts;
    int skipped = 0;    // attempts moved to the back: cooling key or open circuit
    bool allSkipped = false; // every attempt was unavailable: the plan is tried anyway, in route order
};

constexpr int kMaxPlanAttempts = 64;

// Route policies: k, m, km, mk; "ordered" (the default) is an alias of m. m takes each
// element's first working key (not cooling down).
bool isKnownPolicy(const QString &policy);

// Errors are InvalidRequest naming "model" (or the route / parameter at fault).
Result<RoutePlan> planRoute(const QString &clientModel, Dialect clientDialect, const config::Config &config,
                            const RoutingOverrides &overrides = {}, const RoutingState *state = nullptr);

} // namespace lip::routing
