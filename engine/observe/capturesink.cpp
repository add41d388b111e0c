// SPDX-License-Identifier: GPL-3.0-or-later
#include "observe/capturesink.h"

#include "core/logging.h"
#include "observe/capturefile.h"

#include <QDateTime>
#include <QDir>
#include <QFileInfo>

namespace lip::observe {

namespace {
constexpr qint64 kMsPerDay = 24ll * 3600 * 1000;
constexpr qint64 kRetryOpenMs = 5000;
}

QStringList captureFilesIn(const QString &directory)
{
    QDir dir(directory);
    QStringList names = dir.entryList({QStringLiteral("*") + QLatin1String(kCaptureFileSuffix)},
                                      QDir::Files, QDir::Name);
    QStringList out;
    out.reserve(names.size());
    for (const QString &name : std::as_const(names))
        out.append(dir.filePath(name));
    return out;
}

CaptureSink::CaptureSink(CaptureSinkOptions options) : m_options(std::move(options))
{
    if (m_options.maxTotalBytes > 0 && m_options.maxFileBytes > m_options.maxTotalBytes)
        m_options.maxFileBytes = m_options.maxTotalBytes; // one file must fit under the cap
}

CaptureSink::~CaptureSink()
{
    close();
}

void CaptureSink::close()
{
    if (m_file) {
        m_file->flush();
        m_file->close();
        m_file.reset();
    }
}

bool CaptureSink::openNew(qint64 nowMs)
{
    close();
    if (nowMs < m_retryAfterMs)
        return false;
    if (!QDir().mkpath(m_options.directory)) {
        if (!m_failing)
            qCWarning(lcCapture) << "cannot create the capture directory" << m_options.directory
                                 << "- captured traffic is dropped until it can be";
        m_failing = true;
        m_retryAfterMs = nowMs + kRetryOpenMs;
        return false;
    }
    const QString stamp = QDateTime::fromMSecsSinceEpoch(nowMs).toUTC().toString(QStringLiteral("yyyyMMdd-HHmmss-zzz"));
    QString path;
    for (int n = 0; n < 1000; ++n) {
        path = QDir(m_options.directory).filePath(QStringLiteral("capture-") + stamp
                                                  + (n ? QStringLiteral("-%1").arg(n) : QString())
                                                  + QLatin1String(kCaptureFileSuffix));
        if (!QFileInfo::exists(path))
            break;
    }
    auto file = std::make_unique<QFile>(path);
    CaptureFileHeader header;
    header.appVersion = m_options.appVersion;
    header.startedMs = nowMs;
    header.runId = m_options.runId;
    const QByteArray head = encodeCaptureHeader(header);
    if (!file->open(QIODevice::WriteOnly | QIODevice::NewOnly) || file->write(head) != head.size()) {
        if (!m_failing)
            qCWarning(lcCapture) << "cannot write capture file" << path << ":" << file->errorString()
                                 << "- captured traffic is dropped until it can be";
        m_failing = true;
        m_retryAfterMs = nowMs + kRetryOpenMs;
        return false;
    }
    if (m_failing)
        qCInfo(lcCapture) << "capturing again, to" << path;
    m_failing = false;
    m_file = std::move(file);
    m_path = path;
    m_headerBytes = head.size();
    m_fileBytes = head.size();
    m_fileDay = nowMs / kMsPerDay;
    qCDebug(lcCapture) << "capture file" << path;
    enforceTotalCap();
    return true;
}

bool CaptureSink::append(const QByteArray &record, qint64 nowMs)
{
    const bool newDay = m_file && nowMs / kMsPerDay != m_fileDay;
    const bool full = m_file && m_fileBytes > m_headerBytes && m_options.maxFileBytes > 0
                      && m_fileBytes + record.size() > m_options.maxFileBytes;
    if ((!m_file || newDay || full) && !openNew(nowMs)) {
        ++m_dropped;
        return false;
    }
    if (m_file->write(record) != record.size()) {
        qCWarning(lcCapture) << "writing" << m_path << "failed:" << m_file->errorString()
                             << "- captured traffic is dropped until a new file can be written";
        close();
        m_failing = true;
        m_retryAfterMs = nowMs + kRetryOpenMs;
        ++m_dropped;
        return false;
    }
    m_fileBytes += record.size();
    if (m_options.maxTotalBytes > 0 && m_othersBytes + m_fileBytes > m_options.maxTotalBytes)
        enforceTotalCap();
    return true;
}

void CaptureSink::flush()
{
    if (m_file)
        m_file->flush();
}

void CaptureSink::enforceTotalCap()
{
    m_othersBytes = 0;
    if (m_options.maxTotalBytes <= 0)
        return;
    const QStringList files = captureFilesIn(m_options.directory);
    qint64 total = 0;
    QList<qint64> sizes;
    for (const QString &path : files) {
        const qint64 size = path == m_path ? m_fileBytes : QFileInfo(path).size();
        sizes.append(size);
        total += size;
    }
    for (qsizetype i = 0; i < files.size() && total > m_options.maxTotalBytes; ++i) {
        if (files.at(i) == m_path)
            continue; // the file being written stays
        if (QFile::remove(files.at(i))) {
            qCDebug(lcCapture) << "capture total cap: removed" << files.at(i);
            total -= sizes.at(i);
        }
    }
    m_othersBytes = qMax<qint64>(0, total - m_fileBytes);
}

} // namespace lip::observe
