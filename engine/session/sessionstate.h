// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// What the proxy remembers about one conversation: the overrides its in-chat commands set, its
// own failover routes, and counters. Plain value; the store owns the instances.

#include "config/config.h"
#include "routing/overrides.h"

#include <QDateTime>
#include <QString>

#include <optional>
#include <vector>

namespace lip::session {

struct SessionState
{
    QString id;
    QDateTime created;   // UTC
    QDateTime lastSeen;  // UTC
    quint64 requests = 0;        // requests seen (commands included)
    quint64 commands = 0;        // commands executed
    qint64 inputTokens = 0;
    qint64 outputTokens = 0;

    // Overrides (empty / nullopt: not set).
    QString backend;
    QString model;
    QString oneoff;              // next forwarded request only
    QString temperature;         // validated number text, e.g. "0.2"
    QString reasoningEffort;     // minimal | low | medium | high
    QString thinkingBudget;      // tokens, validated integer text
    QString project;
    QString commandPrefix;       // empty: the configured prefix
    std::optional<bool> interactiveMode;
    std::optional<bool> redactApiKeys;
    std::optional<bool> loopDetection;
    std::vector<config::RouteConfig> routes; // this session's failover routes

    // The routing overrides for a forwarded request (oneoff included as it stands).
    routing::RoutingOverrides overrides() const;
};

} // namespace lip::session
