// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// The capture files on disk: appends encoded records to the current file, starts a new file at
// each new UTC day and when the size limit would be passed, and deletes the oldest files while the
// directory's captures exceed the total cap. Used by the capture writer thread only (blocking I/O).

#include <QByteArray>
#include <QFile>
#include <QString>

#include <memory>

namespace lip::observe {

struct CaptureSinkOptions
{
    QString directory;
    qint64 maxFileBytes = 256ll * 1024 * 1024;
    qint64 maxTotalBytes = 2ll * 1024 * 1024 * 1024;
    QString appVersion;
    QString runId;
};

class CaptureSink
{
public:
    explicit CaptureSink(CaptureSinkOptions options);
    ~CaptureSink();

    // `nowMs`: UTC ms since epoch (decides the day). False when the record was dropped (the
    // reason was logged once per failure streak).
    bool append(const QByteArray &encodedRecord, qint64 nowMs);
    void flush();
    QString currentFile() const { return m_path; }
    qint64 droppedRecords() const { return m_dropped; }

private:
    bool openNew(qint64 nowMs);
    void close();
    void enforceTotalCap();

    CaptureSinkOptions m_options;
    std::unique_ptr<QFile> m_file;
    QString m_path;
    qint64 m_fileBytes = 0;
    qint64 m_headerBytes = 0;
    qint64 m_fileDay = -1;         // days since epoch (UTC) of the current file
    qint64 m_othersBytes = 0;      // the other capture files in the directory, as of the last check
    qint64 m_retryAfterMs = 0;     // after a failure, do not retry opening before this
    qint64 m_dropped = 0;
    bool m_failing = false;
};

// Capture files in `directory`, oldest first (their names sort by start time).
QStringList captureFilesIn(const QString &directory);

} // namespace lip::observe
