// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Model selectors: what a client (or a route, or --default-backend) writes in "model" to pick a
// backend instance and a model.
//
//   gpt-4o                          bare model → the default backend
//   openai:gpt-4o                   backend instance + model
//   openai.2:gpt-4o                 second instance of the openai type
//   llama3:8b, gpt-4o:free          the part before the first ':' is a backend only when it is a
//                                   configured instance or a known type; otherwise the whole
//                                   string is the model (tags such as ":8b" must keep working)
//   gpt-4o?temperature=0.2&reasoning_effort=high    per-request parameters
//   openai:gpt-4o|anthropic:claude-sonnet-4        alternatives, tried in order
//   my-route                        a bare name that matches a failover route
//
// Parsing is pure and needs only the names of the known backends; resolution against a Config
// fills in the default backend, strips Gemini's "models/" prefix and marks route names.

#include "config/config.h"
#include "core/error.h"

#include <QList>
#include <QPair>
#include <QString>
#include <QStringList>

namespace lip::routing {

struct ModelSelector
{
    QString backend; // instance name; empty for a bare model (resolution fills the default)
    QString model;
    QList<QPair<QString, QString>> params; // in the order written; values percent-decoded
    QString route;   // set by resolution when the bare model names a failover route

    // "backend:model?k=v" as it would be written (for logs and error messages).
    QString toString() const;
    bool operator==(const ModelSelector &other) const
    {
        return backend == other.backend && model == other.model && params == other.params
            && route == other.route;
    }
};

// Longest selector text accepted; anything longer is a client error, not a model name.
constexpr int kMaxSelectorLength = 1024;
constexpr int kMaxAlternatives = 16;

// Splits `text` into its alternatives. `knownBackends` are the configured instance names; known
// backend types (config/backendprofiles.h) and "<type>.<N>" are always recognised as backends
// so that a selector for an unconfigured backend gets a clear error at resolution instead of
// being sent upstream as a model name. Errors are InvalidRequest with param "model".
Result<QList<ModelSelector>> parseModelSelector(const QString &text, const QStringList &knownBackends);

// Parses and resolves every alternative against the config: an explicit backend must be a
// configured, enabled instance; a bare model goes to the default backend unless it names a
// failover route (then `route` is set and `backend` left empty); a leading "models/" (Gemini
// paths) is removed from the model.
// `extraRoutes` are more route names (a session's own routes) that count like config routes.
Result<QList<ModelSelector>> resolveSelectors(const QString &text, const config::Config &config,
                                              const QStringList &extraRoutes = {});

// The first alternative of resolveSelectors() (callers that fail over use resolveSelectors).
Result<ModelSelector> resolveSelector(const QString &text, const config::Config &config);

} // namespace lip::routing
