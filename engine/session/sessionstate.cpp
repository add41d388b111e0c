// SPDX-License-Identifier: GPL-3.0-or-later
#include "session/sessionstate.h"

namespace lip::session {

routing::RoutingOverrides SessionState::overrides() const
{
    routing::RoutingOverrides o;
    o.oneoff = oneoff;
    o.model = model;
    o.backend = backend;
    if (!temperature.isEmpty())
        o.params.append(qMakePair(QStringLiteral("temperature"), temperature));
    if (!reasoningEffort.isEmpty())
        o.params.append(qMakePair(QStringLiteral("reasoning_effort"), reasoningEffort));
    if (!thinkingBudget.isEmpty())
        o.params.append(qMakePair(QStringLiteral("thinking_budget"), thinkingBudget));
    o.sessionRoutes = routes;
    return o;
}

} // namespace lip::session
