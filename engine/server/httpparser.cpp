// SPDX-License-Identifier: GPL-3.0-or-later
#include "server/httpparser.h"

#include <array>
#include <cstring>
#include <limits>

namespace lip::server {

namespace {

// Character classes as lookup tables: the parser touches every head byte once or twice, so no
// branches on ranges per byte.
enum : quint8 { kTchar = 1, kVchar = 2, kHex = 4, kTargetChar = 8 };

constexpr std::array<quint8, 256> makeTable()
{
    std::array<quint8, 256> t{};
    for (int c = 0; c < 256; ++c) {
        quint8 v = 0;
        const bool alpha = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
        const bool digit = c >= '0' && c <= '9';
        if (alpha || digit)
            v |= kTchar;
        switch (c) {
        case '!': case '#': case '$': case '%': case '&': case '\'': case '*': case '+': case '-':
        case '.': case '^': case '_': case '`': case '|': case '~':
            v |= kTchar;
            break;
        default:
            break;
        }
        // field-value bytes: VCHAR, SP, HTAB and obs-text; CTLs (incl. NUL, CR, LF, DEL) are not
        if (c == '\t' || (c >= 0x20 && c != 0x7f))
            v |= kVchar;
        if (digit || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'))
            v |= kHex;
        // request-target: no SP, no CTL. Raw UTF-8 is tolerated (some clients do not encode it)
        if (c > 0x20 && c != 0x7f)
            v |= kTargetChar;
        t[size_t(c)] = v;
    }
    return t;
}

constexpr std::array<quint8, 256> kTable = makeTable();

inline bool is(char c, quint8 cls) { return kTable[quint8(c)] & cls; }

inline bool ieq(QByteArrayView a, const char *lower, qsizetype n)
{
    if (a.size() != n)
        return false;
    for (qsizetype i = 0; i < n; ++i) {
        char c = a[i];
        if (c >= 'A' && c <= 'Z')
            c = char(c + 32);
        if (c != lower[i])
            return false;
    }
    return true;
}

template <qsizetype N>
inline bool ieq(QByteArrayView a, const char (&lower)[N])
{
    return ieq(a, lower, N - 1);
}

inline QByteArrayView trimOws(QByteArrayView v)
{
    qsizetype b = 0, e = v.size();
    while (b < e && (v[b] == ' ' || v[b] == '\t'))
        ++b;
    while (e > b && (v[e - 1] == ' ' || v[e - 1] == '\t'))
        --e;
    return v.sliced(b, e - b);
}

// Calls fn(token) for each comma-separated, OWS-trimmed element (empty elements included).
template <typename Fn>
inline void forEachToken(QByteArrayView list, Fn fn)
{
    qsizetype start = 0;
    for (;;) {
        const qsizetype comma = list.indexOf(',', start);
        const qsizetype end = comma < 0 ? list.size() : comma;
        fn(trimOws(list.sliced(start, end - start)));
        if (comma < 0)
            break;
        start = comma + 1;
    }
}

HeadParseResult error(int status, const char *message)
{
    HeadParseResult r;
    r.status = HeadParseResult::Error;
    r.errorStatus = status;
    r.errorMessage = message;
    return r;
}

// Position just past the blank line that ends the head, or -1. *resume gets where to restart.
qsizetype findHeadEnd(const char *d, qsizetype n, qsizetype from, qsizetype *resume)
{
    qsizetype i = from;
    while (i < n) {
        const void *hit = std::memchr(d + i, '\n', size_t(n - i));
        if (!hit)
            break;
        const qsizetype lf = static_cast<const char *>(hit) - d;
        if (lf + 1 < n && d[lf + 1] == '\n')
            return lf + 2;
        if (lf + 2 < n && d[lf + 1] == '\r' && d[lf + 2] == '\n')
            return lf + 3;
        if (lf + 1 >= n || (d[lf + 1] == '\r' && lf + 2 >= n)) {
            *resume = lf; // undecided: the terminator may continue in the next bytes
            return -1;
        }
        i = lf + 1;
    }
    *resume = n;
    return -1;
}

bool parseRequestLine(QByteArrayView line, ParsedHead &h, int *status, const char **message)
{
    const qsizetype sp1 = line.indexOf(' ');
    if (sp1 <= 0 || sp1 > 32) { // the same method bound as the early check in parseRequestHead
        *message = "malformed request line";
        return false;
    }
    const qsizetype sp2 = line.indexOf(' ', sp1 + 1);
    if (sp2 < 0 || sp2 == sp1 + 1) {
        *message = "malformed request line";
        return false;
    }
    const QByteArrayView method = line.first(sp1);
    const QByteArrayView target = line.sliced(sp1 + 1, sp2 - sp1 - 1);
    const QByteArrayView version = line.sliced(sp2 + 1);
    for (char c : method) {
        if (!is(c, kTchar)) {
            *message = "malformed request method";
            return false;
        }
    }
    for (char c : target) {
        if (!is(c, kTargetChar)) {
            *message = "malformed request target";
            return false;
        }
    }
    if (version.size() != 8 || !version.startsWith("HTTP/") || version[6] != '.'
        || version[5] < '0' || version[5] > '9' || version[7] < '0' || version[7] > '9') {
        *message = "malformed HTTP version";
        return false;
    }
    if (version[5] != '1' || (version[7] != '0' && version[7] != '1')) {
        *status = 505;
        *message = "HTTP version not supported";
        return false;
    }
    h.httpMinor = version[7] - '0';
    h.method = method.toByteArray();
    h.target = target.toByteArray();

    QByteArrayView pathAndQuery;
    if (target[0] == '/') {
        pathAndQuery = target;
    } else if ((target.size() > 7 && ieq(target.first(7), "http://"))
               || (target.size() > 8 && ieq(target.first(8), "https://"))) {
        // absolute-form: servers must accept it; keep only the path for routing
        const qsizetype authStart = target[4] == ':' ? 7 : 8;
        const qsizetype slash = target.indexOf('/', authStart);
        const qsizetype q = target.indexOf('?', authStart);
        if (slash >= 0 && (q < 0 || slash < q))
            pathAndQuery = target.sliced(slash);
        else if (q >= 0)
            pathAndQuery = target.sliced(q); // "http://h?x" → path "/" below
        else
            pathAndQuery = QByteArrayView("/");
    } else if (target == "*" && method == "OPTIONS") {
        pathAndQuery = target;
    } else if (method == "CONNECT") {
        pathAndQuery = {}; // authority-form; the handler refuses CONNECT
    } else {
        *message = "malformed request target";
        return false;
    }
    const qsizetype qm = pathAndQuery.indexOf('?');
    if (qm >= 0) {
        h.path = qm == 0 ? QByteArray("/") : pathAndQuery.first(qm).toByteArray();
        h.query = pathAndQuery.sliced(qm + 1).toByteArray();
    } else {
        h.path = pathAndQuery.toByteArray();
    }
    return true;
}

} // namespace

HeadParseResult parseRequestHead(QByteArrayView data, const HeadParseOptions &options,
                                 qsizetype resumeScanAt)
{
    const char *d = data.data();
    const qsizetype n = data.size();

    // Blank lines before a request line are ignored (RFC 9112 §2.2); they count toward the limit.
    qsizetype start = 0;
    while (start < n && (d[start] == '\r' || d[start] == '\n'))
        ++start;
    if (start >= options.maxHeadBytes)
        return error(431, "request header fields too large");
    if (start == n) {
        HeadParseResult r;
        r.resumeScanAt = 0;
        return r;
    }

    qsizetype resume = 0;
    const qsizetype end = findHeadEnd(d, n, resumeScanAt > start ? resumeScanAt : start, &resume);
    if (end < 0) {
        if (n > options.maxHeadBytes)
            return error(431, "request header fields too large");
        // Reject garbage early (a TLS hello on the plain port, a binary protocol) instead of
        // waiting for a blank line that never comes: the method must be a short token.
        const qsizetype check = std::min<qsizetype>(n, start + 33);
        for (qsizetype i = start; i < check; ++i) {
            if (d[i] == ' ')
                break;
            if (!is(d[i], kTchar) || i - start >= 32)
                return error(400, "malformed request line");
        }
        HeadParseResult r;
        r.resumeScanAt = resume;
        return r;
    }
    if (end > options.maxHeadBytes)
        return error(431, "request header fields too large");

    HeadParseResult r;
    r.status = HeadParseResult::Complete;
    r.consumed = end;
    ParsedHead &h = r.head;

    // Lines; the last one found is the empty terminator line.
    qsizetype pos = start;
    auto nextLine = [&](QByteArrayView *line) -> bool {
        const void *hit = std::memchr(d + pos, '\n', size_t(end - pos));
        if (!hit)
            return false;
        const qsizetype lf = static_cast<const char *>(hit) - d;
        qsizetype e = lf;
        if (e > pos && d[e - 1] == '\r')
            --e;
        *line = QByteArrayView(d + pos, e - pos);
        pos = lf + 1;
        return true;
    };

    QByteArrayView line;
    nextLine(&line);
    int status = 400;
    const char *message = nullptr;
    if (!parseRequestLine(line, h, &status, &message))
        return error(status, message);

    bool connClose = false, connKeepAlive = false, connUpgrade = false, hasUpgrade = false;
    bool hasTe = false, teError = false, teUnsupported = false, teChunkedLast = false;
    bool clError = false;
    int chunkedCount = 0;

    h.headers.reserve(16);
    while (nextLine(&line)) {
        if (line.isEmpty())
            break; // the terminator
        if (line[0] == ' ' || line[0] == '\t')
            return error(400, "obsolete header line folding is not accepted");
        const qsizetype colon = line.indexOf(':');
        if (colon <= 0)
            return error(400, "malformed header line");
        const QByteArrayView name = line.first(colon);
        for (char c : name) {
            if (!is(c, kTchar))
                return error(400, "malformed header name");
        }
        const QByteArrayView value = trimOws(line.sliced(colon + 1));
        for (char c : value) {
            if (!is(c, kVchar))
                return error(400, "invalid character in header value");
        }
        if (h.headers.size() >= options.maxHeaderCount)
            return error(431, "too many header fields");

        switch (name.size()) {
        case 14:
            if (ieq(name, "content-length")) {
                forEachToken(value, [&](QByteArrayView v) {
                    if (v.isEmpty()) {
                        clError = true;
                        return;
                    }
                    qint64 len = 0;
                    for (char c : v) {
                        if (c < '0' || c > '9') {
                            clError = true;
                            return;
                        }
                        if (len > (std::numeric_limits<qint64>::max() - 9) / 10)
                            len = std::numeric_limits<qint64>::max(); // saturate: answered 413
                        else
                            len = len * 10 + (c - '0');
                    }
                    if (h.contentLength >= 0 && h.contentLength != len)
                        clError = true;
                    h.contentLength = len;
                });
            }
            break;
        case 17:
            if (ieq(name, "transfer-encoding")) {
                hasTe = true;
                forEachToken(value, [&](QByteArrayView v) {
                    if (v.isEmpty()) {
                        teError = true;
                    } else if (ieq(v, "chunked")) {
                        ++chunkedCount;
                        teChunkedLast = true;
                        return;
                    } else {
                        teUnsupported = true;
                    }
                    teChunkedLast = false;
                });
            }
            break;
        case 10:
            if (ieq(name, "connection")) {
                forEachToken(value, [&](QByteArrayView v) {
                    if (ieq(v, "close"))
                        connClose = true;
                    else if (ieq(v, "keep-alive"))
                        connKeepAlive = true;
                    else if (ieq(v, "upgrade"))
                        connUpgrade = true;
                });
            }
            break;
        case 6:
            if (ieq(name, "expect") && ieq(value, "100-continue"))
                h.expectContinue = true;
            break;
        case 7:
            if (ieq(name, "upgrade") && !value.isEmpty())
                hasUpgrade = true;
            break;
        default:
            break;
        }
        h.headers.append({name.toByteArray(), value.toByteArray()});
    }

    if (clError)
        return error(400, "invalid Content-Length");
    if (hasTe) {
        if (h.httpMinor == 0)
            return error(400, "Transfer-Encoding is not allowed in HTTP/1.0");
        if (h.contentLength >= 0)
            return error(400, "both Content-Length and Transfer-Encoding");
        if (teError || chunkedCount != 1 || !teChunkedLast)
            return error(400, "invalid Transfer-Encoding");
        if (teUnsupported)
            return error(501, "unsupported Transfer-Encoding");
        h.chunked = true;
    }
    h.keepAlive = h.httpMinor == 1 ? !connClose : (connKeepAlive && !connClose);
    h.upgrade = connUpgrade && hasUpgrade;
    if (h.httpMinor == 0)
        h.expectContinue = false;
    return r;
}

void ChunkedDecoder::reset()
{
    m_state = State::Size;
    m_chunkLeft = 0;
    m_total = 0;
    m_lineBytes = 0;
    m_sizeDigits = 0;
    m_trailerLineEmpty = true;
    m_errorStatus = 0;
    m_errorMessage = nullptr;
}

ChunkedDecoder::Status ChunkedDecoder::fail(int status, const char *message)
{
    m_state = State::Failed;
    m_errorStatus = status;
    m_errorMessage = message;
    return Error;
}

ChunkedDecoder::Status ChunkedDecoder::feed(QByteArrayView in, QByteArray &out, qsizetype *consumed)
{
    const char *d = in.data();
    const qsizetype n = in.size();
    qsizetype i = 0;
    *consumed = 0;
    if (m_state == State::Failed)
        return Error;
    while (i < n) {
        switch (m_state) {
        case State::Size: {
            const char c = d[i];
            if (is(c, kHex)) {
                if (++m_sizeDigits > 15)
                    return fail(413, "chunk size too large");
                const int v = c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10;
                m_chunkLeft = m_chunkLeft * 16 + v;
            } else if (m_sizeDigits > 0 && (c == ';' || c == ' ' || c == '\t')) {
                m_state = State::Ext;
                m_lineBytes = 0;
            } else if (m_sizeDigits > 0 && c == '\r') {
                m_state = State::SizeLf;
            } else {
                return fail(400, "malformed chunk size");
            }
            ++i;
            break;
        }
        case State::Ext: {
            // chunk extensions carry nothing we use; skip to the line end, bounded
            const void *hit = std::memchr(d + i, '\r', size_t(n - i));
            const qsizetype stop = hit ? static_cast<const char *>(hit) - d : n;
            if (std::memchr(d + i, '\n', size_t(stop - i)))
                return fail(400, "malformed chunk extension");
            m_lineBytes += stop - i;
            if (m_lineBytes > m_maxLine)
                return fail(400, "chunk extension too long");
            i = stop;
            if (hit) {
                m_state = State::SizeLf;
                ++i;
            }
            break;
        }
        case State::SizeLf:
            if (d[i] != '\n')
                return fail(400, "malformed chunk size line");
            ++i;
            if (m_chunkLeft == 0) {
                m_state = State::Trailer;
                m_trailerLineEmpty = true;
                m_lineBytes = 0;
            } else {
                if (m_chunkLeft > m_maxBody - m_total)
                    return fail(413, "request body too large");
                m_total += m_chunkLeft;
                m_state = State::Data;
            }
            break;
        case State::Data: {
            const qsizetype take = qsizetype(std::min<qint64>(m_chunkLeft, n - i));
            out.append(d + i, take);
            i += take;
            m_chunkLeft -= take;
            if (m_chunkLeft == 0)
                m_state = State::DataCr;
            break;
        }
        case State::DataCr:
            if (d[i] != '\r')
                return fail(400, "chunk data longer than its size");
            ++i;
            m_state = State::DataLf;
            break;
        case State::DataLf:
            if (d[i] != '\n')
                return fail(400, "malformed chunk terminator");
            ++i;
            m_state = State::Size;
            m_sizeDigits = 0;
            m_chunkLeft = 0;
            break;
        case State::Trailer:
            if (d[i] == '\r') {
                m_state = State::TrailerLf;
            } else if (d[i] == '\n') {
                return fail(400, "malformed trailer");
            } else {
                m_trailerLineEmpty = false;
                if (++m_lineBytes > m_maxLine)
                    return fail(431, "trailer too large");
            }
            ++i;
            break;
        case State::TrailerLf:
            if (d[i] != '\n')
                return fail(400, "malformed trailer");
            ++i;
            if (m_trailerLineEmpty) {
                m_state = State::Done;
                *consumed = i;
                return Done;
            }
            m_trailerLineEmpty = true;
            m_state = State::Trailer;
            break;
        case State::Done:
            *consumed = i;
            return Done;
        case State::Failed:
            return Error;
        }
    }
    *consumed = i;
    return m_state == State::Done ? Done : NeedMore;
}

} // namespace lip::server
