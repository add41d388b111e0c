// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// One finished client request, as every observer sees it: usage accounting (engine/observe),
// session counters (engine/session), the status window. Filled by the call that served the
// request (ProxyCall, ForwardCall, or the session layer for a command answered locally).

#include "core/canonical.h"
#include "core/dialect.h"
#include "core/error.h"

#include <QDateTime>
#include <QString>

namespace lip::observe {

struct CallRecord
{
    quint64 requestId = 0;        // the proxy's own id (also in captures)
    QDateTime startedAt;          // UTC, when the request reached the proxy
    QString session;              // session id, empty when none
    QString project;              // the session's project, empty when none
    Dialect clientDialect = Dialect::OpenAIChat;
    QString operation = QStringLiteral("generate"); // generate | count_tokens | command | …
    QString backend;              // instance that answered (the last attempt), empty when none
    QString modelRequested;       // what the client wrote in "model"
    QString modelUsed;            // what the backend was asked for (or reported), empty when none
    QString keyAlias;             // e.g. "env:OPENAI_API_KEY_2": never the key itself
    int attempts = 0;             // upstream attempts made (failover, rotation, retries)
    bool stream = false;
    int status = 0;               // HTTP status the client got (200 also for in-stream errors)
    ErrorCategory errorCategory = ErrorCategory::None;
    QString error;                // "backend 'x': message", empty on success
    qint64 firstByteMs = -1;      // request received → first byte to the client
    qint64 totalMs = -1;          // request received → response finished
    canon::Usage usage;           // the provider's own numbers (input includes cached tokens)
    bool usageEstimated = false;  // the provider sent none; `usage` is the proxy's estimate
};

} // namespace lip::observe
