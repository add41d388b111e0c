// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// One entry of a capture file, as written and as read back. docs/capture.md describes the CBOR
// encoding; capturefile.h reads and writes it.

#include "core/dialect.h" // HeaderList

#include <QByteArray>
#include <QString>

namespace lip::observe {

// Which hop the bytes travelled on. Stored as its number: keep the values.
enum class CaptureDirection : quint8 {
    ClientToProxy = 0,
    ProxyToUpstream = 1,
    UpstreamToProxy = 2,
    ProxyToClient = 3,
};
const char *captureDirectionName(CaptureDirection direction); // "client->proxy", ...

// What a record holds. A request record carries the whole request (head and body); a response is
// a head record, any number of data records (bytes as they arrived) and an end record.
enum class CaptureKind : quint8 { Request = 0, Head = 1, Data = 2, End = 3 };
const char *captureKindName(CaptureKind kind); // "request", "head", "data", "end"

struct CaptureRecord
{
    qint64 timeMs = 0;            // UTC, milliseconds since the epoch, when the proxy saw it
    CaptureDirection direction = CaptureDirection::ClientToProxy;
    CaptureKind kind = CaptureKind::Request;
    quint64 requestId = 0;        // the proxy's request id (usage records use the same)
    quint32 upstreamCall = 0;     // numbers the upstream attempts of one request (failover, retries)
    QString session;              // empty when none
    QString backend;              // upstream hops: the backend instance
    QByteArray method;            // request records
    QByteArray url;               // request records: the client's target, or the upstream URL (secrets redacted)
    int status = 0;               // head records
    HeaderList headers;           // request and head records (secrets redacted)
    QByteArray contentType;       // proxy->client head records
    QByteArray bytes;             // request body, or the response bytes of a data record
    QString error;                // end records: why the response did not end cleanly; empty when it did
};

struct CaptureFileHeader
{
    QString magic;                // kCaptureMagic
    int formatVersion = 0;
    QString appVersion;
    qint64 startedMs = 0;         // UTC ms since epoch
    QString runId;                // the same in every file one proxy run writes (request ids restart per run)
};

inline constexpr char kCaptureMagic[] = "llm-interactive-proxy capture";
inline constexpr int kCaptureFormatVersion = 1;
inline constexpr char kCaptureFileSuffix[] = ".lipcap";

} // namespace lip::observe
