// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// The "hybrid" backend: a reasoning model thinks first, an execution model answers with that
// reasoning fed forward, and the client sees one response: the reasoning as a thinking block
// (streamed as it arrives), then the answer (text and tool calls) with the execution model's
// finish reason, usage summed over both phases. Always the translated path (canonical events).

#include "backends/http/upstreamclient.h"
#include "config/config.h"
#include "core/canonical.h"
#include "core/dialect.h"

#include <functional>
#include <memory>

namespace lip::routing { class RoutingState; }

namespace lip::hybrid {

struct HybridEnv
{
    const config::Config *config = nullptr;
    upstream::UpstreamPool *pool = nullptr;
    routing::RoutingState *routing = nullptr; // for the phases' key choice; may be null
    HeaderList clientHeaders;
};

struct HybridCallbacks
{
    // Canonical events for the client, in order (MessageStart first). The callee may clear them.
    std::function<void(canon::Events &events)> onEvents;
    // Exactly once, last. An error before any onEvents call means nothing reached the client
    // (the caller may fail over); after that it is an in-stream failure.
    std::function<void(const Error &error)> onDone;
};

class HybridRun
{
public:
    virtual ~HybridRun() = default; // aborts any upstream call in flight; no callback afterwards
};

// `backend` has type "hybrid". `request` is the canonical client request (its model field is
// ignored: the phases use backend.reasoningModel / executionModel).
std::unique_ptr<HybridRun> startHybrid(const config::BackendConfig &backend, canon::Request request,
                                       HybridEnv env, HybridCallbacks callbacks);

} // namespace lip::hybrid
