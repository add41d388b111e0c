// SPDX-License-Identifier: GPL-3.0-or-later
#include "loadclient.h"

#include <arpa/inet.h>
#include <cerrno>
#include <cctype>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cstring>
#include <ctime>
#include <memory>

namespace lip::bench {

namespace {

bool equalsCi(std::string_view a, std::string_view b)
{
    return a.size() == b.size()
           && std::equal(a.begin(), a.end(), b.begin(),
                         [](char x, char y) { return std::tolower(uchar(x)) == std::tolower(uchar(y)); });
}

std::string_view trim(std::string_view s)
{
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t'))
        s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r'))
        s.remove_suffix(1);
    return s;
}

int connectLoopback(quint16 port, bool nonBlocking)
{
    const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd < 0)
        return -1;
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(port);
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (::connect(fd, reinterpret_cast<sockaddr *>(&addr), sizeof addr) != 0) {
        ::close(fd);
        return -1;
    }
    const int one = 1;
    ::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    if (nonBlocking) {
        const int flags = fcntl(fd, F_GETFL, 0);
        fcntl(fd, F_SETFL, flags | O_NONBLOCK);
    }
    return fd;
}

bool sendAll(int fd, const char *data, std::size_t size)
{
    while (size > 0) {
        const ssize_t n = ::send(fd, data, size, MSG_NOSIGNAL);
        if (n < 0) {
            if (errno == EINTR)
                continue;
            return false;
        }
        data += n;
        size -= std::size_t(n);
    }
    return true;
}

} // namespace

std::int64_t nowNs()
{
    timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return std::int64_t(ts.tv_sec) * 1000000000 + ts.tv_nsec;
}

void ResponseParser::reset()
{
    m_state = State::Head;
    m_line.clear();
    m_remaining = 0;
    m_bodyBytes = 0;
    m_status = 0;
    m_close = false;
}

bool ResponseParser::parseHead()
{
    std::string_view head(m_line);
    std::size_t eol = head.find("\r\n");
    const std::string_view statusLine = head.substr(0, eol);
    if (statusLine.size() < 12 || statusLine.substr(0, 5) != "HTTP/")
        return false;
    m_status = std::atoi(std::string(statusLine.substr(9, 3)).c_str());
    m_close = statusLine.substr(5, 3) == "1.0";
    bool chunked = false;
    bool haveLength = false;
    std::uint64_t length = 0;
    while (eol != std::string_view::npos) {
        const std::size_t start = eol + 2;
        eol = head.find("\r\n", start);
        const std::string_view line = head.substr(start, eol == std::string_view::npos ? head.npos : eol - start);
        const std::size_t colon = line.find(':');
        if (colon == std::string_view::npos)
            continue;
        const std::string_view name = line.substr(0, colon);
        const std::string_view value = trim(line.substr(colon + 1));
        if (equalsCi(name, "content-length")) {
            haveLength = true;
            length = std::strtoull(std::string(value).c_str(), nullptr, 10);
        } else if (equalsCi(name, "transfer-encoding")) {
            chunked = value.find("chunked") != std::string_view::npos;
        } else if (equalsCi(name, "connection")) {
            m_close = equalsCi(value, "close");
        }
    }
    m_line.clear();
    if (m_status == 204 || m_status == 304 || (m_status >= 100 && m_status < 200)) {
        m_state = State::Done;
    } else if (chunked) {
        m_state = State::ChunkSize;
    } else if (haveLength) {
        m_remaining = length;
        m_state = length == 0 ? State::Done : State::Body;
    } else {
        m_close = true;
        m_state = State::UntilClose;
    }
    return true;
}

std::size_t ResponseParser::feed(const char *data, std::size_t size)
{
    std::size_t used = 0;
    while (used < size && m_state != State::Done && m_state != State::Failed) {
        const char *p = data + used;
        const std::size_t n = size - used;
        switch (m_state) {
        case State::Head: {
            const std::size_t old = m_line.size();
            m_line.append(p, n);
            const std::size_t from = old >= 3 ? old - 3 : 0;
            const std::size_t end = m_line.find("\r\n\r\n", from);
            if (end == std::string::npos) {
                used += n;
                if (m_line.size() > 64 * 1024)
                    m_state = State::Failed;
                break;
            }
            used += end + 4 - old;
            m_line.resize(end + 2);
            if (!parseHead())
                m_state = State::Failed;
            break;
        }
        case State::Body: {
            const std::size_t take = std::size_t(std::min<std::uint64_t>(m_remaining, n));
            m_remaining -= take;
            m_bodyBytes += take;
            used += take;
            if (m_remaining == 0)
                m_state = State::Done;
            break;
        }
        case State::UntilClose:
            m_bodyBytes += n;
            used += n;
            break;
        case State::ChunkSize:
        case State::Trailer: {
            const char *nl = static_cast<const char *>(std::memchr(p, '\n', n));
            const std::size_t take = nl ? std::size_t(nl - p) + 1 : n;
            m_line.append(p, take);
            used += take;
            if (!nl)
                break;
            const std::string_view line = trim(std::string_view(m_line).substr(0, m_line.size() - 1));
            if (m_state == State::Trailer) {
                if (line.empty())
                    m_state = State::Done;
            } else {
                char *end = nullptr;
                const std::string hex(line.substr(0, line.find(';')));
                const unsigned long long chunk = std::strtoull(hex.c_str(), &end, 16);
                if (hex.empty() || (end && *end != '\0'))
                    m_state = State::Failed;
                else if (chunk == 0)
                    m_state = State::Trailer;
                else {
                    m_remaining = chunk;
                    m_state = State::ChunkData;
                }
            }
            m_line.clear();
            break;
        }
        case State::ChunkData: {
            const std::size_t take = std::size_t(std::min<std::uint64_t>(m_remaining, n));
            m_remaining -= take;
            m_bodyBytes += take;
            used += take;
            if (m_remaining == 0) {
                m_state = State::ChunkCrlf;
                m_remaining = 2;
            }
            break;
        }
        case State::ChunkCrlf: {
            const std::size_t take = std::size_t(std::min<std::uint64_t>(m_remaining, n));
            m_remaining -= take;
            used += take;
            if (m_remaining == 0)
                m_state = State::ChunkSize;
            break;
        }
        case State::Done:
        case State::Failed:
            break;
        }
    }
    return used;
}

void ResponseParser::finishAtClose()
{
    if (m_state == State::UntilClose)
        m_state = State::Done;
    else if (m_state != State::Done)
        m_state = State::Failed;
}

BlockingConnection::~BlockingConnection()
{
    close();
}

void BlockingConnection::close()
{
    if (m_fd >= 0)
        ::close(m_fd);
    m_fd = -1;
}

bool BlockingConnection::ensureConnected()
{
    if (m_fd < 0)
        m_fd = connectLoopback(m_port, false);
    return m_fd >= 0;
}

Timing BlockingConnection::roundTrip(const QByteArray &request, QByteArray *raw)
{
    Timing t;
    if (!ensureConnected())
        return t;
    ResponseParser parser;
    const std::int64_t start = nowNs();
    if (!sendAll(m_fd, request.constData(), std::size_t(request.size()))) {
        close();
        return t;
    }
    bool first = true;
    while (!parser.done() && !parser.failed()) {
        const ssize_t n = ::recv(m_fd, m_buf.data(), m_buf.size(), 0);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0) {
            parser.finishAtClose();
            close();
            break;
        }
        if (first) {
            t.ttfbNs = nowNs() - start;
            first = false;
        }
        if (raw)
            raw->append(m_buf.data(), n);
        parser.feed(m_buf.data(), std::size_t(n));
    }
    t.totalNs = nowNs() - start;
    t.status = parser.status();
    t.ok = parser.done() && t.status == 200;
    if (parser.closeAfter() || !parser.done())
        close();
    return t;
}

namespace {

struct AsyncConn
{
    int fd = -1;
    std::size_t sent = 0;
    bool writing = false;
    ResponseParser parser;
};

class EpollLoop
{
public:
    EpollLoop() : m_epoll(epoll_create1(EPOLL_CLOEXEC)) {}
    ~EpollLoop() { ::close(m_epoll); }
    bool valid() const { return m_epoll >= 0; }
    void watch(AsyncConn *c, bool out, bool add)
    {
        epoll_event ev{};
        ev.events = EPOLLIN | (out ? EPOLLOUT : 0u);
        ev.data.ptr = c;
        epoll_ctl(m_epoll, add ? EPOLL_CTL_ADD : EPOLL_CTL_MOD, c->fd, &ev);
    }
    int wait(epoll_event *events, int max, int timeoutMs) { return epoll_wait(m_epoll, events, max, timeoutMs); }

private:
    int m_epoll;
};

// Sends what remains of the request; false on a socket error.
bool pushRequest(EpollLoop &loop, AsyncConn *c, const QByteArray &request)
{
    while (c->sent < std::size_t(request.size())) {
        const ssize_t n = ::send(c->fd, request.constData() + c->sent, std::size_t(request.size()) - c->sent,
                                 MSG_NOSIGNAL);
        if (n < 0) {
            if (errno == EINTR)
                continue;
            if (errno == EAGAIN || errno == EWOULDBLOCK) {
                if (!c->writing) {
                    c->writing = true;
                    loop.watch(c, true, false);
                }
                return true;
            }
            return false;
        }
        c->sent += std::size_t(n);
    }
    if (c->writing) {
        c->writing = false;
        loop.watch(c, false, false);
    }
    return true;
}

// Reads what is there; returns 1 when the response is complete, 0 when more is to come, -1 on error.
int pullResponse(AsyncConn *c, std::vector<char> &buf)
{
    for (;;) {
        const ssize_t n = ::recv(c->fd, buf.data(), buf.size(), 0);
        if (n < 0) {
            if (errno == EINTR)
                continue;
            if (errno == EAGAIN || errno == EWOULDBLOCK)
                return c->parser.done() ? 1 : 0;
            return -1;
        }
        if (n == 0) {
            c->parser.finishAtClose();
            return c->parser.done() ? 1 : -1;
        }
        c->parser.feed(buf.data(), std::size_t(n));
        if (c->parser.failed())
            return -1;
        if (c->parser.done())
            return 1;
    }
}

} // namespace

LoadResult runClosedLoop(quint16 port, const QByteArray &request, int concurrency, double seconds,
                         double warmupSeconds)
{
    LoadResult result;
    EpollLoop loop;
    if (!loop.valid())
        return result;
    std::vector<std::unique_ptr<AsyncConn>> conns;
    auto start = [&](AsyncConn *c) -> bool {
        if (c->fd < 0) {
            c->fd = connectLoopback(port, true);
            if (c->fd < 0)
                return false;
            c->writing = false;
            loop.watch(c, false, true);
        }
        c->sent = 0;
        c->parser.reset();
        return pushRequest(loop, c, request);
    };
    auto drop = [&](AsyncConn *c) {
        if (c->fd >= 0)
            ::close(c->fd); // also leaves the epoll set
        c->fd = -1;
    };
    for (int i = 0; i < concurrency; ++i) {
        conns.push_back(std::make_unique<AsyncConn>());
        if (!start(conns.back().get())) {
            ++result.errors;
            drop(conns.back().get());
        }
    }
    std::vector<char> buf(256 * 1024);
    std::vector<epoll_event> events(std::size_t(concurrency) + 1);
    const std::int64_t t0 = nowNs();
    const std::int64_t measureFrom = t0 + std::int64_t(warmupSeconds * 1e9);
    const std::int64_t until = measureFrom + std::int64_t(seconds * 1e9);
    std::int64_t measuredStart = 0;
    std::uint64_t atMeasureStart = 0;
    std::uint64_t completedAll = 0;
    std::int64_t now = t0;
    while (now < until) {
        const int n = loop.wait(events.data(), int(events.size()), 50);
        now = nowNs();
        if (measuredStart == 0 && now >= measureFrom) {
            measuredStart = now;
            atMeasureStart = completedAll;
            result.errors = 0;
        }
        for (int i = 0; i < n; ++i) {
            auto *c = static_cast<AsyncConn *>(events[std::size_t(i)].data.ptr);
            if (c->fd < 0)
                continue;
            if ((events[std::size_t(i)].events & EPOLLOUT) && !pushRequest(loop, c, request)) {
                ++result.errors;
                drop(c);
                if (!start(c))
                    drop(c);
                continue;
            }
            if (!(events[std::size_t(i)].events & (EPOLLIN | EPOLLHUP | EPOLLERR)))
                continue;
            const int r = pullResponse(c, buf);
            if (r == 0)
                continue;
            if (r > 0 && c->parser.status() == 200)
                ++completedAll;
            else
                ++result.errors;
            if (r < 0 || c->parser.closeAfter())
                drop(c);
            if (now < until && !start(c)) {
                ++result.errors;
                drop(c);
            }
        }
        // Connections that failed to reconnect are retried here, at most once per wait.
        for (auto &c : conns) {
            if (c->fd < 0 && now < until && !start(c.get()))
                drop(c.get());
        }
    }
    result.completed = completedAll - atMeasureStart;
    result.seconds = measuredStart ? double(nowNs() - measuredStart) / 1e9 : 0;
    for (auto &c : conns)
        drop(c.get());
    return result;
}

namespace detail {

ParallelResult runParallelImpl(quint16 port, const QByteArray &request, int count,
                               double timeoutSeconds, bool (*poll)(void *), void *ctx)
{
    ParallelResult result;
    EpollLoop loop;
    std::vector<std::unique_ptr<AsyncConn>> conns;
    for (int i = 0; i < count; ++i) {
        auto c = std::make_unique<AsyncConn>();
        c->fd = connectLoopback(port, true);
        if (c->fd < 0) {
            ++result.errors;
            continue;
        }
        loop.watch(c.get(), false, true);
        if (!pushRequest(loop, c.get(), request)) {
            ++result.errors;
            ::close(c->fd);
            continue;
        }
        ++result.started;
        conns.push_back(std::move(c));
    }
    std::vector<char> buf(64 * 1024);
    std::vector<epoll_event> events(conns.size() + 1);
    const std::int64_t until = nowNs() + std::int64_t(timeoutSeconds * 1e9);
    bool released = false;
    int open = int(conns.size());
    while (open > 0 && nowNs() < until) {
        if (!released)
            released = poll(ctx);
        const int n = loop.wait(events.data(), int(events.size()), 10);
        for (int i = 0; i < n; ++i) {
            auto *c = static_cast<AsyncConn *>(events[std::size_t(i)].data.ptr);
            if (c->fd < 0)
                continue;
            if ((events[std::size_t(i)].events & EPOLLOUT) && !pushRequest(loop, c, request)) {
                ++result.errors;
                ::close(c->fd);
                c->fd = -1;
                --open;
                continue;
            }
            const int r = pullResponse(c, buf);
            if (r == 0)
                continue;
            if (r > 0 && c->parser.status() == 200)
                ++result.completed;
            else
                ++result.errors;
            ::close(c->fd);
            c->fd = -1;
            --open;
        }
    }
    if (!released)
        poll(ctx);
    for (auto &c : conns) {
        if (c->fd >= 0) {
            ++result.errors;
            ::close(c->fd);
        }
    }
    return result;
}

} // namespace detail

QByteArray httpPost(const QByteArray &path, const QByteArray &body,
                    const QList<QPair<QByteArray, QByteArray>> &headers)
{
    QByteArray out = "POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n";
    for (const auto &h : headers)
        out += h.first + ": " + h.second + "\r\n";
    out += "Content-Length: " + QByteArray::number(body.size()) + "\r\n\r\n";
    out += body;
    return out;
}

} // namespace lip::bench
