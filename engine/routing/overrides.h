// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// What a session (engine/session, in-chat commands) asks of routing for one request. Produced by
// the session layer, consumed by the route planner (engine/routing). Empty fields: no override.

#include "config/config.h"

#include <QList>
#include <QPair>
#include <QString>

#include <vector>

namespace lip::routing {

struct RoutingOverrides
{
    // !/oneoff(backend:model): this request only (the session clears it once handed out).
    // Wins over everything else, including the client's own model.
    QString oneoff;
    // !/model(backend:model) or !/set(model=…): replaces the client's model (a selector: may
    // name a route, carry alternatives or URI parameters).
    QString model;
    // !/backend(name): the client's model goes to this backend instance (its bare model part
    // is kept; a client "backend:model" has its backend replaced).
    QString backend;
    // Sampling/reasoning the session set (temperature, reasoning_effort, thinking_budget, ...),
    // merged like URI model parameters; the request's own URI parameters win over these.
    QList<QPair<QString, QString>> params;
    // Failover routes the session created; they shadow config routes of the same name.
    std::vector<config::RouteConfig> sessionRoutes;

    bool isEmpty() const
    {
        return oneoff.isEmpty() && model.isEmpty() && backend.isEmpty() && params.isEmpty()
            && sessionRoutes.empty();
    }
};

} // namespace lip::routing
