// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// The capture file format: a CBOR sequence (RFC 8742) of one header map followed by record maps,
// appended as traffic flows. A file cut short (crash, full disk) or damaged is read up to the
// damage with a warning that names the file and the byte offset. docs/capture.md has the keys.

#include "observe/capturerecord.h"

#include <QByteArray>
#include <QString>

#include <functional>

namespace lip::observe {

QByteArray encodeCaptureHeader(const CaptureFileHeader &header);
QByteArray encodeCaptureRecord(const CaptureRecord &record);

struct CaptureReadResult
{
    bool ok = false;          // false: not a capture file at all (see error), nothing was read
    QString error;            // "<file>: ..." when !ok
    QString warning;          // "<file>: damaged at byte N (...): read M records before it"; empty if intact
    CaptureFileHeader header;
    qint64 records = 0;       // records visited
    qint64 damagedAt = -1;    // byte offset of the first damaged record, -1 if none
};

// Returns false from the visitor to stop early (the result is still ok).
using CaptureVisitor = std::function<bool(CaptureRecord &&record)>;

using CaptureHeaderVisitor = std::function<void(const CaptureFileHeader &header)>;

// `name` only labels messages. Never throws; hostile input ends the read with a warning.
// `onHeader` (optional) sees the file header before the first record.
CaptureReadResult readCaptureData(const QByteArray &data, const QString &name, const CaptureVisitor &visit,
                                  const CaptureHeaderVisitor &onHeader = {});
CaptureReadResult readCaptureFile(const QString &path, const CaptureVisitor &visit,
                                  const CaptureHeaderVisitor &onHeader = {});

} // namespace lip::observe
