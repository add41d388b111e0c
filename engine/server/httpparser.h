// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// The HTTP/1.1 request-head parser and chunked-body decoder of the lean server, as pure functions
// of the bytes received so far: no sockets, no Qt objects. That keeps them fuzzable
// (tools/fuzz/httpserver_fuzz.cpp) and testable without a network. Depends on Qt Core only.

#include <QByteArray>
#include <QByteArrayView>
#include <QList>
#include <QPair>

namespace lip::server {

struct ParsedHead
{
    QByteArray method;
    QByteArray target;
    QByteArray path;   // origin-form path (absolute-form is reduced to its path), still encoded
    QByteArray query;  // after '?', without it
    QList<QPair<QByteArray, QByteArray>> headers; // same type as lip::HeaderList
    int httpMinor = 1;          // HTTP/1.<minor>; only 0 and 1 are accepted
    qint64 contentLength = -1;  // -1: none; saturates at INT64_MAX for absurd values
    bool chunked = false;
    bool keepAlive = true;      // after HTTP/1.0 vs 1.1 defaults and Connection tokens
    bool expectContinue = false;
    bool upgrade = false;       // Connection: upgrade and an Upgrade header
};

struct HeadParseResult
{
    enum Status { NeedMore, Complete, Error };
    Status status = NeedMore;
    int errorStatus = 0;        // HTTP status to answer with when status == Error
    const char *errorMessage = nullptr;
    qsizetype consumed = 0;     // Complete: bytes of the head incl. leading blank lines + terminator
    qsizetype resumeScanAt = 0; // NeedMore: pass back with more data so the search is not redone
    ParsedHead head;
};

struct HeadParseOptions
{
    qsizetype maxHeadBytes = 64 * 1024;
    int maxHeaderCount = 256;
};

// Parses the head at the start of `data` (which may hold more, e.g. a body or a pipelined
// request). Accepts CRLF or bare LF line ends and ignores blank lines before the request line.
HeadParseResult parseRequestHead(QByteArrayView data, const HeadParseOptions &options = {},
                                 qsizetype resumeScanAt = 0);

// Incremental de-chunker (RFC 9112 §7.1): strict CRLF framing, chunk extensions and trailers are
// skipped, the decoded size is bounded.
class ChunkedDecoder
{
public:
    enum Status { NeedMore, Done, Error };

    explicit ChunkedDecoder(qint64 maxBodyBytes = INT64_MAX, qsizetype maxLineBytes = 64 * 1024)
        : m_maxBody(maxBodyBytes), m_maxLine(maxLineBytes) {}

    void reset();
    // Decodes from `in`, appending payload to `out`; *consumed gets the number of input bytes
    // used (on Done, the bytes after it belong to the next request).
    Status feed(QByteArrayView in, QByteArray &out, qsizetype *consumed);
    int errorStatus() const { return m_errorStatus; } // 400 or 413
    const char *errorMessage() const { return m_errorMessage; }
    qint64 decodedBytes() const { return m_total; }

private:
    Status fail(int status, const char *message);

    enum class State { Size, Ext, SizeLf, Data, DataCr, DataLf, Trailer, TrailerLf, Done, Failed };
    State m_state = State::Size;
    qint64 m_maxBody;
    qsizetype m_maxLine;
    qint64 m_chunkLeft = 0;
    qint64 m_total = 0;
    qsizetype m_lineBytes = 0;
    int m_sizeDigits = 0;
    bool m_trailerLineEmpty = true;
    int m_errorStatus = 0;
    const char *m_errorMessage = nullptr;
};

} // namespace lip::server
