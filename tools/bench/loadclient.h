// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// The load generator's HTTP/1.1 client: plain blocking or epoll sockets with keep-alive, no Qt
// event loop, so its own cost per request is a few syscalls and the same for "direct" and
// "through the proxy" runs (it cancels out of the added figures).

#include <QByteArray>
#include <QList>
#include <QPair>

#include <cstdint>
#include <string>
#include <vector>

namespace lip::bench {

// Incremental HTTP/1.1 response parser: Content-Length, chunked, or read-until-close bodies.
class ResponseParser
{
public:
    void reset();
    // Consumes bytes of one response; returns how many were used (the rest belongs to the next).
    std::size_t feed(const char *data, std::size_t size);
    void finishAtClose(); // the peer closed: a read-until-close body is complete
    bool done() const { return m_state == State::Done; }
    bool failed() const { return m_state == State::Failed; }
    int status() const { return m_status; }
    bool closeAfter() const { return m_close; }
    std::uint64_t bodyBytes() const { return m_bodyBytes; }

private:
    enum class State { Head, Body, UntilClose, ChunkSize, ChunkData, ChunkCrlf, Trailer, Done, Failed };
    bool parseHead();

    State m_state = State::Head;
    std::string m_line; // head so far, or the current chunk-size / trailer line
    std::uint64_t m_remaining = 0;
    std::uint64_t m_bodyBytes = 0;
    int m_status = 0;
    bool m_close = false;
};

struct Timing
{
    bool ok = false;
    int status = 0;
    std::int64_t ttfbNs = 0;  // request written → first response byte
    std::int64_t totalNs = 0; // request written → response complete
};

std::int64_t nowNs();

// One keep-alive connection used synchronously (concurrency 1).
class BlockingConnection
{
public:
    explicit BlockingConnection(quint16 port) : m_port(port) {}
    ~BlockingConnection();
    BlockingConnection(const BlockingConnection &) = delete;
    BlockingConnection &operator=(const BlockingConnection &) = delete;

    // Reconnects if needed; `raw`, when given, receives the whole response (for sanity checks).
    Timing roundTrip(const QByteArray &request, QByteArray *raw = nullptr);

private:
    bool ensureConnected();
    void close();

    quint16 m_port;
    int m_fd = -1;
    std::vector<char> m_buf = std::vector<char>(256 * 1024);
};

struct LoadResult
{
    std::uint64_t completed = 0;
    std::uint64_t errors = 0;
    double seconds = 0;
    double rps() const { return seconds > 0 ? double(completed) / seconds : 0; }
};

// Closed loop: `concurrency` keep-alive connections, each sends the next request as soon as the
// previous response is complete, for `seconds` (after `warmupSeconds` not counted).
LoadResult runClosedLoop(quint16 port, const QByteArray &request, int concurrency, double seconds,
                         double warmupSeconds);

// Opens `count` connections and sends one request on each; `waitInFlight` is called repeatedly
// (every ~10 ms) while responses are outstanding and returns true once the caller has seen what
// it waited for (it then releases the upstream); all responses are read to the end.
struct ParallelResult
{
    int started = 0;
    int completed = 0;
    int errors = 0;
};
template <typename F> ParallelResult runParallel(quint16 port, const QByteArray &request, int count,
                                                 double timeoutSeconds, F waitInFlight);

// Builds a POST request with keep-alive.
QByteArray httpPost(const QByteArray &path, const QByteArray &body,
                    const QList<QPair<QByteArray, QByteArray>> &headers);

namespace detail {
ParallelResult runParallelImpl(quint16 port, const QByteArray &request, int count,
                               double timeoutSeconds, bool (*poll)(void *), void *ctx);
}

template <typename F> ParallelResult runParallel(quint16 port, const QByteArray &request, int count,
                                                 double timeoutSeconds, F waitInFlight)
{
    return detail::runParallelImpl(port, request, count, timeoutSeconds,
                                   [](void *ctx) { return (*static_cast<F *>(ctx))(); }, &waitInFlight);
}

} // namespace lip::bench
