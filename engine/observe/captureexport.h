// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Capture files as people read them: records grouped into exchanges (one client request with its
// upstream attempts), a text view of one exchange, HAR 1.2 and JSON Lines exports, and a summary
// per file. Used by the `capture` subcommand and the GUI's capture browser.

#include "observe/capturefile.h"

#include <QByteArray>
#include <QList>
#include <QString>
#include <QStringList>

namespace lip::observe {

// One request/response pair on one hop.
struct CaptureHop
{
    bool haveRequest = false;
    quint32 upstreamCall = 0;
    QString backend;
    QByteArray method;
    QByteArray url;
    HeaderList requestHeaders;
    QByteArray requestBody;
    qint64 requestMs = 0;
    bool haveResponse = false;
    int status = 0;
    HeaderList responseHeaders;
    QByteArray contentType;       // proxy->client: the content type the proxy set
    QByteArray responseBody;      // every data record concatenated (a stream is one body)
    qint64 headMs = 0;
    qint64 endMs = 0;             // 0: no end record (still running, or the file was cut)
    bool ended = false;
    QString error;                // the end record's reason, empty when it ended cleanly
};

struct CaptureExchange
{
    QString file;                 // where its first record was read
    QString runId;
    quint64 requestId = 0;
    QString session;
    CaptureHop client;            // client->proxy request, proxy->client response
    QList<CaptureHop> upstream;   // in the order the attempts started
};

struct CaptureFileSummary
{
    QString path;
    qint64 firstMs = 0;           // earliest record (the header's start when there is none)
    qint64 lastMs = 0;
    qint64 records = 0;
    qint64 requests = 0;          // distinct request ids
    QString appVersion;
    QString warning;              // damage, if any
    QString error;                // not readable at all
};

CaptureFileSummary summarizeCaptureFile(const QString &path);

// Reads `files` in order and groups their records. Warnings (damage) and errors (unreadable
// files) are appended to `problems`, each naming its file. `onlyRequest` > 0 keeps one id.
QList<CaptureExchange> readExchanges(const QStringList &files, QStringList *problems, quint64 onlyRequest = 0);

QString formatExchange(const CaptureExchange &exchange);
QByteArray exportHar(const QList<CaptureExchange> &exchanges);
// One JSON object per record, in file order (lossless: bodies as text, or base64 when not UTF-8).
QByteArray exportJsonl(const QStringList &files, QStringList *problems);

QString formatTimeMs(qint64 ms); // ISO 8601 UTC with milliseconds

} // namespace lip::observe
