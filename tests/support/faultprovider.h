// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// A fault-injecting OpenAI-compatible upstream for routing tests: each request takes the next
// step of a script (429 with Retry-After, 500, 529, 401, 400, a stream dropped after its first
// chunk or before it, a malformed body, a first byte that never comes, ok); when the script is
// empty, requests succeed. Every request is recorded with the path and the API key it carried.
// Streams are answered when the request body has "stream":true.

#include "fakeprovider.h"

#include <QByteArray>
#include <QList>

namespace lip::test {

enum class Fault {
    Ok,
    RateLimited,     // 429, with Retry-After when retryAfterSeconds >= 0
    ServerError,     // 500
    Overloaded,      // 529
    Unauthorized,    // 401
    BadRequest,      // 400
    DropMidStream,   // 200, first chunk, then the connection is cut
    DropBeforeBody,  // 200 head, then the connection is cut before any body byte
    MalformedJson,   // 200 with a body that is not JSON (non-stream) / not SSE JSON (stream)
    SlowFirstByte,   // the head is held until releaseSlow() (timeouts)
};

struct FaultStep
{
    Fault fault = Fault::Ok;
    int retryAfterSeconds = -1;
};

struct FaultHit
{
    QByteArray path;
    QByteArray key; // the bearer / x-api-key / x-goog-api-key / ?key= value, empty when none
    Fault fault = Fault::Ok;
};

class FaultProvider : public FakeProvider
{
    Q_OBJECT
public:
    explicit FaultProvider(QObject *parent = nullptr);

    // Steps are consumed one per request, in arrival order.
    void script(QList<FaultStep> steps) { m_script = std::move(steps); }
    void script(std::initializer_list<Fault> faults);
    // Steps for requests carrying this key only (taken before the shared script).
    void scriptForKey(const QByteArray &key, QList<Fault> faults);
    void setFallback(Fault fault) { m_fallback = fault; } // when no step is left (default Ok)
    void releaseSlow();                                   // lets SlowFirstByte replies go

    QList<FaultHit> hits() const { return m_hits; }
    QList<QByteArray> keysSeen() const;
    void clearHits() { m_hits.clear(); }

    // A 127.0.0.1 port nobody listens on (connection refused).
    static quint16 closedPort();

    QByteArray replyText = "Hello from fault provider";

private:
    FakeReply replyFor(const FakeRequest &request);
    FakeReply build(Fault fault, int retryAfterSeconds, bool stream);

    QList<FaultStep> m_script;
    QList<QPair<QByteArray, QList<Fault>>> m_keyScripts;
    Fault m_fallback = Fault::Ok;
    QList<FaultHit> m_hits;
    int m_slowGate = -1;
};

} // namespace lip::test
