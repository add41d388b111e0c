// SPDX-License-Identifier: GPL-3.0-or-later
// lip-bench: runs the proxy's performance benchmark (issue 9) in one go and prints one table.
//
// Layout of a run: this process hosts the fake upstream (FakeProvider, Qt event loop on the main
// thread) and the load generator (plain sockets on a worker thread), both pinned to CPU 1; it
// starts the proxy binary pinned to CPU 0, pointed at the fake. Every figure is measured
// "direct to the fake" and "through the proxy" in the same run; at concurrency 1 the two are
// interleaved request by request so that both see the same machine state. It reports, it
// never asserts: the exit code is 0 whenever the run itself worked.

#include "fakeprovider.h"
#include "loadclient.h"
#include "payloads.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTextStream>

#include <arpa/inet.h>
#include <csignal>
#include <fcntl.h>
#include <netinet/in.h>
#include <sched.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cstdio>
#include <optional>
#include <thread>
#include <vector>

using lip::test::FakeProvider;
using lip::test::FakeReply;
using lip::test::FakeRequest;

namespace lip::bench {
namespace {

struct Options
{
    QString proxy;
    QStringList wrap; // e.g. valgrind --tool=callgrind ...
    QStringList proxyArgs;
    int requests = 2000;      // per path at concurrency 1 (non-stream), each side
    int streams = 1000;       // per path at concurrency 1 (stream), each side
    int bigRequests = 300;    // 150 KB requests per path, each side
    double seconds = 3.0;     // per closed-loop run at concurrency 32
    int concurrency = 32;
    int parallelStreams = 256;
    QString out;              // markdown copy of the report
    QString only;             // run only the paths whose name contains this (for profiling)
    bool pin = true;
    // SCHED_FIFO for the proxy and the load generator (when allowed): on a machine that is also
    // compiling, neighbours would otherwise add milliseconds of run-queue wait to every figure.
    bool realtime = true;
};

// ---- /proc readings ------------------------------------------------------------------------

struct ProcCpu
{
    double seconds = 0; // utime + stime
};

std::optional<ProcCpu> procCpu(pid_t pid)
{
    QFile f(QStringLiteral("/proc/%1/stat").arg(pid));
    if (!f.open(QIODevice::ReadOnly))
        return std::nullopt;
    const QByteArray s = f.readAll();
    const qsizetype paren = s.lastIndexOf(')');
    if (paren < 0)
        return std::nullopt;
    // Fields after "(comm)": state is field 3, utime 14, stime 15.
    const QList<QByteArray> fields = s.mid(paren + 2).split(' ');
    if (fields.size() < 13)
        return std::nullopt;
    static const double tick = double(sysconf(_SC_CLK_TCK));
    return ProcCpu{double(fields[11].toLongLong() + fields[12].toLongLong()) / tick};
}

// kB values from /proc/<pid>/status.
qint64 procStatusKb(pid_t pid, QByteArrayView key)
{
    QFile f(QStringLiteral("/proc/%1/status").arg(pid));
    if (!f.open(QIODevice::ReadOnly))
        return -1;
    const QList<QByteArray> lines = f.readAll().split('\n');
    for (const QByteArray &line : lines) {
        if (line.startsWith(key) && line.size() > key.size() && line[key.size()] == ':')
            return line.mid(key.size() + 1).trimmed().split(' ').value(0).toLongLong();
    }
    return -1;
}

double selfCpuSeconds()
{
    rusage ru{};
    getrusage(RUSAGE_SELF, &ru);
    return double(ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) + double(ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) / 1e6;
}

// ---- statistics ----------------------------------------------------------------------------

double percentileUs(std::vector<std::int64_t> v, double p)
{
    if (v.empty())
        return 0;
    std::sort(v.begin(), v.end());
    const std::size_t i = std::min(v.size() - 1, std::size_t(p * double(v.size() - 1) + 0.5));
    return double(v[i]) / 1000.0;
}

struct Side
{
    std::vector<std::int64_t> total;
    std::vector<std::int64_t> ttfb;
    int errors = 0;
};

// ---- the proxy process ---------------------------------------------------------------------

quint16 freePort()
{
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    ::bind(fd, reinterpret_cast<sockaddr *>(&addr), sizeof addr);
    socklen_t len = sizeof addr;
    ::getsockname(fd, reinterpret_cast<sockaddr *>(&addr), &len);
    ::close(fd);
    return ntohs(addr.sin_port);
}

bool makeRealtime(pid_t pid)
{
    sched_param p{};
    p.sched_priority = 10;
    return sched_setscheduler(pid, SCHED_FIFO, &p) == 0;
}

bool pinTo(pid_t pid, int cpu)
{
    cpu_set_t set;
    CPU_ZERO(&set);
    CPU_SET(cpu, &set);
    return sched_setaffinity(pid, sizeof set, &set) == 0;
}

pid_t startProxy(const Options &o, quint16 port, quint16 upstreamPort, const QString &home,
                 const QString &logFile)
{
    QStringList argv = o.wrap;
    argv << o.proxy << QStringLiteral("--headless") << QStringLiteral("--host")
         << QStringLiteral("127.0.0.1") << QStringLiteral("--port") << QString::number(port)
         << QStringLiteral("--data-dir") << home + QStringLiteral("/data")
         << QStringLiteral("--default-backend") << QStringLiteral("openai") << o.proxyArgs;
    const QByteArray up = "http://127.0.0.1:" + QByteArray::number(upstreamPort);
    // A clean environment: no real keys, config files or logging rules from the caller leak in.
    QList<QByteArray> env = {
        "PATH=" + qgetenv("PATH"),
        "HOME=" + home.toLocal8Bit(),
        "XDG_CONFIG_HOME=" + home.toLocal8Bit() + "/config",
        "XDG_DATA_HOME=" + home.toLocal8Bit() + "/share",
        "XDG_CACHE_HOME=" + home.toLocal8Bit() + "/cache",
        "XDG_RUNTIME_DIR=" + home.toLocal8Bit(),
        "QT_QPA_PLATFORM=offscreen",
        "OPENAI_API_KEY=sk-bench-openai-key",
        "OPENAI_API_BASE_URL=" + up + "/v1",
        "ANTHROPIC_API_KEY=sk-ant-bench-key",
        "ANTHROPIC_API_BASE_URL=" + up,
    };
    if (qEnvironmentVariableIsSet("VALGRIND_LIB"))
        env.append("VALGRIND_LIB=" + qgetenv("VALGRIND_LIB"));
    std::vector<QByteArray> argStore;
    for (const QString &a : argv)
        argStore.push_back(a.toLocal8Bit());
    std::vector<char *> cargv;
    for (QByteArray &a : argStore)
        cargv.push_back(a.data());
    cargv.push_back(nullptr);
    std::vector<char *> cenv;
    for (QByteArray &e : env)
        cenv.push_back(e.data());
    cenv.push_back(nullptr);
    const QByteArray log = logFile.toLocal8Bit();

    const pid_t pid = fork();
    if (pid == 0) {
        if (o.pin)
            pinTo(0, 0);
        if (o.realtime)
            makeRealtime(0);
        const int fd = ::open(log.constData(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
        if (fd >= 0) {
            dup2(fd, 1);
            dup2(fd, 2);
        }
        execve(cargv[0], cargv.data(), cenv.data());
        // execve needs a path: wrappers like "valgrind" are looked up on PATH.
        execvpe(cargv[0], cargv.data(), cenv.data());
        _exit(127);
    }
    return pid;
}

bool waitForPort(quint16 port, pid_t pid, double seconds)
{
    const std::int64_t until = nowNs() + std::int64_t(seconds * 1e9);
    while (nowNs() < until) {
        int status = 0;
        if (waitpid(pid, &status, WNOHANG) == pid)
            return false;
        const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
        sockaddr_in addr{};
        addr.sin_family = AF_INET;
        addr.sin_port = htons(port);
        addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        const bool ok = ::connect(fd, reinterpret_cast<sockaddr *>(&addr), sizeof addr) == 0;
        ::close(fd);
        if (ok)
            return true;
        usleep(50 * 1000);
    }
    return false;
}

// ---- the runs ------------------------------------------------------------------------------

struct Path
{
    QByteArray name;
    bool translated = false;
    QByteArray proxyPath;
    QList<QPair<QByteArray, QByteArray>> proxyHeaders;
    QByteArray (*proxyBody)(const QByteArray &, bool);
    QByteArray proxyModel;
    QByteArray directPath;
    QList<QPair<QByteArray, QByteArray>> directHeaders;
    QByteArray (*directBody)(const QByteArray &, bool);
    QByteArray directModel;
    QByteArray (*proxyAgent)(const QByteArray &);
    QByteArray (*directAgent)(const QByteArray &);
};

struct PathResult
{
    Side plainDirect, plainProxy, streamDirect, streamProxy, bigDirect, bigProxy;
    double cpuPlainUs = 0, cpuStreamUs = 0, cpuBigUs = 0, cpuC32Us = 0;
    LoadResult c32Direct, c32Proxy;
    double proxyCoreBusy = 0, loadCoreBusy = 0;
    QByteArray sanityError;
};

struct Report
{
    QString machine;
    std::vector<PathResult> paths;
    qint64 rssIdleKb = -1, rssEndKb = -1, hwmKb = -1;
    std::uint64_t proxyRequests = 0;
    ParallelResult parallel;
    int upstreamMaxInFlight = 0;
    QByteArray fatal;
};

class Runner
{
public:
    Runner(const Options &o, FakeProvider *fake, quint16 proxyPort, pid_t pid)
        : m_o(o), m_fake(fake), m_proxyPort(proxyPort), m_pid(pid)
    {
    }

    Report run(const std::vector<Path> &paths)
    {
        Report r;
        usleep(300 * 1000); // let the proxy settle before the idle reading
        r.rssIdleKb = procStatusKb(m_pid, "VmRSS");
        for (const Path &p : paths) {
            PathResult pr;
            runPath(p, pr);
            r.paths.push_back(std::move(pr));
        }
        runParallelStreams(r);
        r.rssEndKb = procStatusKb(m_pid, "VmRSS");
        r.hwmKb = procStatusKb(m_pid, "VmHWM");
        r.proxyRequests = m_proxyRequests;
        return r;
    }

private:
    double proxyCpu() const
    {
        const auto c = procCpu(m_pid);
        return c ? c->seconds : 0;
    }

    // Direct and proxied requests alternate one by one, so both see the same machine state. The
    // proxy is idle during the direct ones, so its CPU over the loop is its cost for its own.
    void interleave(BlockingConnection &direct, BlockingConnection &proxy, const QByteArray &dreq,
                    const QByteArray &preq, int count, Side &d, Side &p)
    {
        d.total.reserve(std::size_t(count));
        p.total.reserve(std::size_t(count));
        for (int i = 0; i < count; ++i) {
            const Timing td = direct.roundTrip(dreq);
            if (td.ok) {
                d.total.push_back(td.totalNs);
                d.ttfb.push_back(td.ttfbNs);
            } else {
                ++d.errors;
            }
            const Timing tp = proxy.roundTrip(preq);
            ++m_proxyRequests;
            if (tp.ok) {
                p.total.push_back(tp.totalNs);
                p.ttfb.push_back(tp.ttfbNs);
            } else {
                ++p.errors;
            }
        }
    }

    void measured(BlockingConnection &direct, BlockingConnection &proxy, const QByteArray &dreq,
                  const QByteArray &preq, int count, Side &d, Side &p, double &cpuUsPerReq)
    {
        // Warm-up: connections, caches, lazily created objects in the proxy.
        Side wd, wp;
        interleave(direct, proxy, dreq, preq, std::max(20, count / 10), wd, wp);
        const double c0 = proxyCpu();
        interleave(direct, proxy, dreq, preq, count, d, p);
        const double c1 = proxyCpu();
        cpuUsPerReq = count > 0 ? (c1 - c0) * 1e6 / count : 0;
    }

    void runPath(const Path &path, PathResult &pr)
    {
        const auto preqOf = [&](bool stream) {
            return httpPost(path.proxyPath, path.proxyBody(path.proxyModel, stream), path.proxyHeaders);
        };
        const auto dreqOf = [&](bool stream) {
            return httpPost(path.directPath, path.directBody(path.directModel, stream), path.directHeaders);
        };
        const QByteArray pPlain = preqOf(false), dPlain = dreqOf(false);
        const QByteArray pStream = preqOf(true), dStream = dreqOf(true);
        const QByteArray pBig = httpPost(path.proxyPath, path.proxyAgent(path.proxyModel), path.proxyHeaders);
        const QByteArray dBig = httpPost(path.directPath, path.directAgent(path.directModel), path.directHeaders);

        BlockingConnection direct(m_fake->port());
        BlockingConnection proxy(m_proxyPort);
        // Sanity: every request kind answers 200 through the proxy, else the figures are void.
        for (const QByteArray *req : {&pPlain, &pStream, &pBig}) {
            QByteArray raw;
            const Timing t = proxy.roundTrip(*req, &raw);
            ++m_proxyRequests;
            if (!t.ok) {
                pr.sanityError = "status " + QByteArray::number(t.status) + ": " + raw.left(600);
                return;
            }
        }

        measured(direct, proxy, dPlain, pPlain, m_o.requests, pr.plainDirect, pr.plainProxy, pr.cpuPlainUs);
        measured(direct, proxy, dStream, pStream, m_o.streams, pr.streamDirect, pr.streamProxy, pr.cpuStreamUs);
        measured(direct, proxy, dBig, pBig, m_o.bigRequests, pr.bigDirect, pr.bigProxy, pr.cpuBigUs);

        pr.c32Direct = runClosedLoop(m_fake->port(), dPlain, m_o.concurrency, m_o.seconds, 0.3);
        const double c0 = proxyCpu();
        const double s0 = selfCpuSeconds();
        const std::int64_t w0 = nowNs();
        pr.c32Proxy = runClosedLoop(m_proxyPort, pPlain, m_o.concurrency, m_o.seconds, 0.3);
        const double wall = double(nowNs() - w0) / 1e9;
        const double c1 = proxyCpu();
        const double s1 = selfCpuSeconds();
        // Warm-up requests are not in `completed`; scale by the wall time they took instead.
        const double totalReq = pr.c32Proxy.rps() * wall;
        m_proxyRequests += std::uint64_t(totalReq);
        pr.cpuC32Us = totalReq > 0 ? (c1 - c0) * 1e6 / totalReq : 0;
        pr.proxyCoreBusy = wall > 0 ? (c1 - c0) / wall : 0;
        pr.loadCoreBusy = wall > 0 ? (s1 - s0) / wall : 0;
    }

    int fakeInFlight()
    {
        int n = 0;
        QMetaObject::invokeMethod(
            m_fake, [this] { return m_fake->inFlight(); }, Qt::BlockingQueuedConnection, &n);
        return n;
    }

    void runParallelStreams(Report &r)
    {
        const QByteArray req = httpPost("/v1/chat/completions",
                                        Payloads::openAIChatRequest("openai:gpt-bench-gated", true),
                                        {{"Authorization", "Bearer bench-client-key"}});
        int maxSeen = 0;
        const std::int64_t giveUpAt = nowNs() + 5'000'000'000;
        r.parallel = runParallel(m_proxyPort, req, m_o.parallelStreams, 30.0, [&] {
            const int n = fakeInFlight();
            maxSeen = std::max(maxSeen, n);
            if (n < m_o.parallelStreams && nowNs() < giveUpAt)
                return false;
            QMetaObject::invokeMethod(
                m_fake, [this] { m_fake->openGate(0); }, Qt::BlockingQueuedConnection);
            return true;
        });
        m_proxyRequests += std::uint64_t(r.parallel.started);
        r.upstreamMaxInFlight = maxSeen;
    }

    const Options &m_o;
    FakeProvider *m_fake;
    quint16 m_proxyPort;
    pid_t m_pid;
    std::uint64_t m_proxyRequests = 0;
};

// ---- the report ----------------------------------------------------------------------------

QString machineDescription()
{
    QString cpu;
    QFile f(QStringLiteral("/proc/cpuinfo"));
    if (f.open(QIODevice::ReadOnly)) {
        const QList<QByteArray> lines = f.readAll().split('\n');
        for (const QByteArray &l : lines) {
            if (l.startsWith("model name")) {
                cpu = QString::fromUtf8(l.mid(l.indexOf(':') + 1).trimmed());
                break;
            }
        }
    }
    utsname u{};
    uname(&u);
    // Other work on the machine perturbs every figure: the load average says how much there was.
    QString load;
    QFile l(QStringLiteral("/proc/loadavg"));
    if (l.open(QIODevice::ReadOnly))
        load = QString::fromLatin1(l.readAll().split(' ').mid(0, 3).join(' '));
    return QStringLiteral("%1, %2 CPUs online, Linux %3, Qt %4; load average before the run: %5")
        .arg(cpu)
        .arg(sysconf(_SC_NPROCESSORS_ONLN))
        .arg(QString::fromLocal8Bit(u.release), QString::fromLatin1(qVersion()), load);
}

QString num(double v, int decimals = 0)
{
    return QString::number(v, 'f', decimals);
}

QString added(const Side &d, const Side &p, double pct, bool ttfb)
{
    const double dv = percentileUs(ttfb ? d.ttfb : d.total, pct);
    const double pv = percentileUs(ttfb ? p.ttfb : p.total, pct);
    return num(pv - dv);
}

QString render(const Report &r, const Options &o, const std::vector<Path> &paths)
{
    QString s;
    QTextStream out(&s);
    out << "Machine: " << r.machine << "\n";
    out << "Proxy pinned to CPU 0, load generator and fake upstream to CPU 1"
        << (o.pin ? "" : " (pinning OFF)")
        << (o.realtime ? ", both SCHED_FIFO" : ", normal scheduling") << ". c=1: " << o.requests << " requests, "
        << o.streams << " streams, " << o.bigRequests << " × 150 KB per path and side (interleaved); c="
        << o.concurrency << ": " << num(o.seconds, 1) << " s per side.\n\n";
    if (!r.fatal.isEmpty()) {
        out << "FAILED: " << r.fatal << "\n";
        return s;
    }
    for (std::size_t i = 0; i < paths.size(); ++i) {
        if (!r.paths[i].sanityError.isEmpty())
            out << "Path " << paths[i].name << " FAILED its sanity request: " << r.paths[i].sanityError << "\n";
    }
    out << "| figure | " ;
    for (const Path &p : paths)
        out << p.name << " | ";
    out << "budget (passthrough / translated) |\n|---|";
    for (std::size_t i = 0; i < paths.size(); ++i)
        out << "---|";
    out << "---|\n";
    auto row = [&](const QString &label, const QString &budget, auto value) {
        out << "| " << label << " | ";
        for (std::size_t i = 0; i < paths.size(); ++i)
            out << (r.paths[i].sanityError.isEmpty() ? value(r.paths[i]) : QStringLiteral("n/a")) << " | ";
        out << budget << " |\n";
    };
    row(QStringLiteral("added latency p50, c=1 (µs)"), QStringLiteral("≤ 100 / ≤ 200"),
        [](const PathResult &p) { return added(p.plainDirect, p.plainProxy, 0.50, false); });
    row(QStringLiteral("added latency p99, c=1 (µs)"), QStringLiteral("≤ 1000 / ≤ 1000"),
        [](const PathResult &p) { return added(p.plainDirect, p.plainProxy, 0.99, false); });
    row(QStringLiteral("added time to first byte p50, stream (µs)"), QStringLiteral("≤ 200 / ≤ 300"),
        [](const PathResult &p) { return added(p.streamDirect, p.streamProxy, 0.50, true); });
    row(QStringLiteral("added time to first byte p99, stream (µs)"), QStringLiteral("—"),
        [](const PathResult &p) { return added(p.streamDirect, p.streamProxy, 0.99, true); });
    row(QStringLiteral("added stream duration p50, 20 events (µs)"), QStringLiteral("—"),
        [](const PathResult &p) { return added(p.streamDirect, p.streamProxy, 0.50, false); });
    row(QStringLiteral("proxy CPU per request, c=1 (µs)"), QStringLiteral("≤ 100 / ≤ 200"),
        [](const PathResult &p) { return num(p.cpuPlainUs); });
    row(QStringLiteral("proxy CPU per request, c=32 (µs)"), QStringLiteral("≤ 100 / ≤ 200"),
        [](const PathResult &p) { return num(p.cpuC32Us); });
    row(QStringLiteral("proxy CPU per stream of 20 events (µs)"), QStringLiteral("—"),
        [](const PathResult &p) { return num(p.cpuStreamUs); });
    row(QStringLiteral("throughput c=32, proxy on one core (req/s)"), QStringLiteral("≥ 8000 / ≥ 4000"),
        [](const PathResult &p) { return num(p.c32Proxy.rps()); });
    row(QStringLiteral("150 KB request: proxy CPU (µs)"), QStringLiteral("≤ 1000 / ≤ 2000"),
        [](const PathResult &p) { return num(p.cpuBigUs); });
    row(QStringLiteral("150 KB request: added latency p50 (µs)"), QStringLiteral("—"),
        [](const PathResult &p) { return added(p.bigDirect, p.bigProxy, 0.50, false); });
    out << "| RSS idle / after " << r.proxyRequests << " requests / peak VmHWM (MiB) | "
        << num(double(r.rssIdleKb) / 1024, 1) << " / " << num(double(r.rssEndKb) / 1024, 1) << " / "
        << num(double(r.hwmKb) / 1024, 1);
    for (std::size_t i = 1; i < paths.size(); ++i)
        out << " | (same process)";
    out << " | ≤ 30 / ≤ 60 |\n";
    out << "| concurrent streams to one HTTP/1.1 upstream, in flight at the upstream | "
        << r.upstreamMaxInFlight << " of " << o.parallelStreams << " (" << r.parallel.completed
        << " completed, " << r.parallel.errors << " errors)";
    for (std::size_t i = 1; i < paths.size(); ++i)
        out << " | (openai path)";
    out << " | ≥ 256, none queued |\n\n";

    out << "Raw figures (µs unless named; d = direct to the fake, p = through the proxy):\n\n";
    out << "| path | plain p50 d/p | plain p99 d/p | TTFB p50 d/p | stream p50 d/p | 150 KB p50 d/p | c=32 req/s d/p | c=32 busy proxy core / load core | errors d/p |\n";
    out << "|---|---|---|---|---|---|---|---|---|\n";
    for (std::size_t i = 0; i < paths.size(); ++i) {
        const PathResult &p = r.paths[i];
        if (!p.sanityError.isEmpty())
            continue;
        const int de = p.plainDirect.errors + p.streamDirect.errors + p.bigDirect.errors + int(p.c32Direct.errors);
        const int pe = p.plainProxy.errors + p.streamProxy.errors + p.bigProxy.errors + int(p.c32Proxy.errors);
        out << "| " << paths[i].name << " | " << num(percentileUs(p.plainDirect.total, 0.5)) << " / "
            << num(percentileUs(p.plainProxy.total, 0.5)) << " | " << num(percentileUs(p.plainDirect.total, 0.99))
            << " / " << num(percentileUs(p.plainProxy.total, 0.99)) << " | "
            << num(percentileUs(p.streamDirect.ttfb, 0.5)) << " / " << num(percentileUs(p.streamProxy.ttfb, 0.5))
            << " | " << num(percentileUs(p.streamDirect.total, 0.5)) << " / "
            << num(percentileUs(p.streamProxy.total, 0.5)) << " | " << num(percentileUs(p.bigDirect.total, 0.5))
            << " / " << num(percentileUs(p.bigProxy.total, 0.5)) << " | " << num(p.c32Direct.rps()) << " / "
            << num(p.c32Proxy.rps()) << " | " << num(p.proxyCoreBusy * 100) << " % / "
            << num(p.loadCoreBusy * 100) << " % | " << de << " / " << pe << " |\n";
    }
    out << "\nCPU figures come from /proc/<pid>/stat utime+stime (" << sysconf(_SC_CLK_TCK)
        << " ticks/s) divided by the requests of that run; RSS from /proc/<pid>/status.\n";
    return s;
}

} // namespace
} // namespace lip::bench

int main(int argc, char **argv)
{
    using namespace lip::bench;
    Options o;
    // Pin before any thread exists: every thread of the load generator and the fake inherits it.
    const bool twoCpus = sysconf(_SC_NPROCESSORS_ONLN) >= 2;
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Benchmark of llm-interactive-proxy (see docs/performance.md)."));
    parser.addHelpOption();
    const QCommandLineOption proxyOpt(QStringLiteral("proxy"), QStringLiteral("Proxy executable."), QStringLiteral("path"));
    const QCommandLineOption wrapOpt(QStringLiteral("wrap"), QStringLiteral("Command the proxy runs under, e.g. 'valgrind --tool=callgrind' (space separated)."), QStringLiteral("cmd"));
    const QCommandLineOption argOpt(QStringLiteral("proxy-arg"), QStringLiteral("Extra argument for the proxy (repeatable)."), QStringLiteral("arg"));
    const QCommandLineOption reqOpt(QStringLiteral("requests"), QStringLiteral("Non-stream requests per path at c=1 (default 2000)."), QStringLiteral("n"));
    const QCommandLineOption streamOpt(QStringLiteral("streams"), QStringLiteral("Streams per path at c=1 (default 1000)."), QStringLiteral("n"));
    const QCommandLineOption bigOpt(QStringLiteral("big"), QStringLiteral("150 KB requests per path (default 300)."), QStringLiteral("n"));
    const QCommandLineOption secOpt(QStringLiteral("seconds"), QStringLiteral("Seconds per c=32 run (default 3)."), QStringLiteral("s"));
    const QCommandLineOption quickOpt(QStringLiteral("quick"), QStringLiteral("Few requests (for profiling under valgrind)."));
    const QCommandLineOption outOpt(QStringLiteral("out"), QStringLiteral("Also write the report to this file."), QStringLiteral("file"));
    const QCommandLineOption noPinOpt(QStringLiteral("no-pin"), QStringLiteral("Do not pin to CPUs."));
    const QCommandLineOption onlyOpt(QStringLiteral("only"), QStringLiteral("Run only the paths whose name contains this text (openai, anthropic, translated)."), QStringLiteral("text"));
    const QCommandLineOption noRtOpt(QStringLiteral("no-realtime"), QStringLiteral("Do not use SCHED_FIFO (it is used when permitted)."));
    const QCommandLineOption dumpOpt(QStringLiteral("dump-payloads"), QStringLiteral("Write the request and reply bodies into this directory and exit."), QStringLiteral("dir"));
    parser.addOptions({proxyOpt, wrapOpt, argOpt, reqOpt, streamOpt, bigOpt, secOpt, quickOpt, outOpt, noPinOpt, noRtOpt, onlyOpt, dumpOpt});
    parser.process(app);
    if (parser.isSet(dumpOpt)) {
        const QString dir = parser.value(dumpOpt);
        QDir().mkpath(dir);
        const QList<QPair<QString, QByteArray>> files = {
            {QStringLiteral("openai_request.json"), Payloads::openAIChatRequest("gpt-bench", false)},
            {QStringLiteral("anthropic_request.json"), Payloads::anthropicRequest("claude-bench", false)},
            {QStringLiteral("openai_agent_request.json"), Payloads::openAIAgentRequest("gpt-bench")},
            {QStringLiteral("anthropic_agent_request.json"), Payloads::anthropicAgentRequest("claude-bench")},
            {QStringLiteral("openai_reply.json"), Payloads::openAIReply()},
            {QStringLiteral("anthropic_reply.json"), Payloads::anthropicReply()},
            {QStringLiteral("openai_stream.sse"), Payloads::openAIStream().join()},
            {QStringLiteral("anthropic_stream.sse"), Payloads::anthropicStream().join()},
        };
        for (const auto &[name, body] : files) {
            QFile f(dir + QLatin1Char('/') + name);
            if (!f.open(QIODevice::WriteOnly | QIODevice::Truncate) || f.write(body) != body.size())
                return 1;
        }
        return 0;
    }
    o.proxy = parser.value(proxyOpt);
    if (o.proxy.isEmpty() || !QFile::exists(o.proxy)) {
        std::fprintf(stderr, "lip-bench: --proxy must name the llm-interactive-proxy executable\n");
        return 2;
    }
    if (parser.isSet(wrapOpt))
        o.wrap = parser.value(wrapOpt).split(QLatin1Char(' '), Qt::SkipEmptyParts);
    o.proxyArgs = parser.values(argOpt);
    if (parser.isSet(quickOpt)) {
        o.requests = 200;
        o.streams = 100;
        o.bigRequests = 20;
        o.seconds = 1.0;
    }
    if (parser.isSet(reqOpt))
        o.requests = std::max(1, parser.value(reqOpt).toInt());
    if (parser.isSet(streamOpt))
        o.streams = std::max(1, parser.value(streamOpt).toInt());
    if (parser.isSet(bigOpt))
        o.bigRequests = std::max(1, parser.value(bigOpt).toInt());
    if (parser.isSet(secOpt))
        o.seconds = std::max(0.2, parser.value(secOpt).toDouble());
    o.out = parser.value(outOpt);
    o.only = parser.value(onlyOpt);
    o.pin = twoCpus && !parser.isSet(noPinOpt);
    if (o.pin)
        pinTo(0, 1);
    o.realtime = !parser.isSet(noRtOpt) && makeRealtime(0);
    std::signal(SIGPIPE, SIG_IGN);

    // The fake upstream: prebuilt replies, recording off, so its cost per request is a parse of
    // the head and one write (the "direct" column shows what it costs).
    FakeProvider fake;
    fake.setRecording(false);
    const int gate = fake.newGate();
    const FakeReply openJson = FakeReply::json(Payloads::openAIReply());
    const FakeReply openSse = FakeReply::sse(Payloads::openAIStream());
    const FakeReply antJson = FakeReply::json(Payloads::anthropicReply());
    const FakeReply antSse = FakeReply::sse(Payloads::anthropicStream());
    FakeReply gated = FakeReply::sse(Payloads::openAIStream(), gate);
    gated.delayHeadUntilReleased = true;
    fake.setHandler([&](const FakeRequest &req) -> FakeReply {
        const bool anthropic = req.path.endsWith("/messages");
        // Only small bodies can ask for a stream here: a 150 KB body is not searched.
        const bool small = req.body.size() < 8192;
        const bool stream = small && (req.body.contains("\"stream\":true") || req.body.contains("\"stream\": true"));
        if (stream && req.body.contains("bench-gated"))
            return gated;
        if (anthropic)
            return stream ? antSse : antJson;
        return stream ? openSse : openJson;
    });
    if (!fake.listen()) {
        std::fprintf(stderr, "lip-bench: the fake upstream cannot listen\n");
        return 1;
    }

    QTemporaryDir home;
    const quint16 proxyPort = freePort();
    const QString log = home.path() + QStringLiteral("/proxy.log");
    QDir().mkpath(home.path() + QStringLiteral("/data"));
    const pid_t pid = startProxy(o, proxyPort, fake.port(), home.path(), log);
    std::fprintf(stderr, "lip-bench: proxy pid %d on port %u, fake upstream on port %u\n", int(pid),
                 unsigned(proxyPort), unsigned(fake.port()));

    std::vector<Path> paths = {
        {"openai passthrough", false, "/v1/chat/completions", {{"Authorization", "Bearer bench-client-key"}},
         &Payloads::openAIChatRequest, "openai:gpt-bench", "/v1/chat/completions",
         {{"Authorization", "Bearer sk-bench-openai-key"}}, &Payloads::openAIChatRequest, "gpt-bench",
         &Payloads::openAIAgentRequest, &Payloads::openAIAgentRequest},
        {"anthropic passthrough", false, "/v1/messages",
         {{"x-api-key", "bench-client-key"}, {"anthropic-version", "2023-06-01"}},
         &Payloads::anthropicRequest, "anthropic:claude-bench", "/v1/messages",
         {{"x-api-key", "sk-ant-bench-key"}, {"anthropic-version", "2023-06-01"}}, &Payloads::anthropicRequest,
         "claude-bench", &Payloads::anthropicAgentRequest, &Payloads::anthropicAgentRequest},
        {"translated anthropic→openai", true, "/v1/messages",
         {{"x-api-key", "bench-client-key"}, {"anthropic-version", "2023-06-01"}},
         &Payloads::anthropicRequest, "openai:gpt-bench", "/v1/chat/completions",
         {{"Authorization", "Bearer sk-bench-openai-key"}}, &Payloads::openAIChatRequest, "gpt-bench",
         &Payloads::anthropicAgentRequest, &Payloads::openAIAgentRequest},
    };

    if (!o.only.isEmpty()) {
        std::erase_if(paths, [&](const Path &p) { return !QString::fromUtf8(p.name).contains(o.only); });
        if (paths.empty()) {
            std::fprintf(stderr, "lip-bench: no path matches --only\n");
            ::kill(pid, SIGTERM);
            waitpid(pid, nullptr, 0);
            return 2;
        }
    }

    Report report;
    report.machine = machineDescription();
    std::thread worker([&] {
        const double startWait = o.wrap.isEmpty() ? 15.0 : 120.0;
        if (!waitForPort(proxyPort, pid, startWait)) {
            report.fatal = "the proxy did not start listening; its log:\n";
            QFile f(log);
            if (f.open(QIODevice::ReadOnly))
                report.fatal += f.readAll().right(4000);
        } else {
            Runner runner(o, &fake, proxyPort, pid);
            const QString machine = report.machine;
            report = runner.run(paths);
            report.machine = machine;
        }
        QMetaObject::invokeMethod(&app, [&app] { app.quit(); }, Qt::QueuedConnection);
    });
    app.exec();
    worker.join();

    ::kill(pid, SIGTERM);
    int status = 0;
    for (int i = 0; i < 100 && waitpid(pid, &status, WNOHANG) == 0; ++i)
        usleep(50 * 1000);
    if (waitpid(pid, &status, WNOHANG) == 0) {
        ::kill(pid, SIGKILL);
        waitpid(pid, &status, 0);
    }

    const QString text = render(report, o, paths);
    std::fputs(text.toUtf8().constData(), stdout);
    if (!o.out.isEmpty()) {
        QFile f(o.out);
        if (f.open(QIODevice::WriteOnly | QIODevice::Truncate))
            f.write(text.toUtf8());
    }
    return report.fatal.isEmpty() ? 0 : 1;
}
