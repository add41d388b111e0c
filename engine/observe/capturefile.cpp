// SPDX-License-Identifier: GPL-3.0-or-later
#include "observe/capturefile.h"

#include <QCborArray>
#include <QCborMap>
#include <QCborStreamReader>
#include <QCborStreamWriter>
#include <QCborValue>
#include <QFile>

namespace lip::observe {

const char *captureDirectionName(CaptureDirection direction)
{
    switch (direction) {
    case CaptureDirection::ClientToProxy: return "client->proxy";
    case CaptureDirection::ProxyToUpstream: return "proxy->upstream";
    case CaptureDirection::UpstreamToProxy: return "upstream->proxy";
    case CaptureDirection::ProxyToClient: return "proxy->client";
    }
    return "?";
}

const char *captureKindName(CaptureKind kind)
{
    switch (kind) {
    case CaptureKind::Request: return "request";
    case CaptureKind::Head: return "head";
    case CaptureKind::Data: return "data";
    case CaptureKind::End: return "end";
    }
    return "?";
}

namespace {

// Map keys. Short, because a streamed response is many small records; stable (format version 1).
constexpr QLatin1StringView kMagic("magic");
constexpr QLatin1StringView kFormat("format");
constexpr QLatin1StringView kApp("app");
constexpr QLatin1StringView kStarted("started");
constexpr QLatin1StringView kRun("run");
constexpr QLatin1StringView kTime("t");
constexpr QLatin1StringView kDir("dir");
constexpr QLatin1StringView kKind("kind");
constexpr QLatin1StringView kId("id");
constexpr QLatin1StringView kCall("call");
constexpr QLatin1StringView kSession("session");
constexpr QLatin1StringView kBackend("backend");
constexpr QLatin1StringView kMethod("method");
constexpr QLatin1StringView kUrl("url");
constexpr QLatin1StringView kStatus("status");
constexpr QLatin1StringView kHeaders("headers");
constexpr QLatin1StringView kContentType("ctype");
constexpr QLatin1StringView kBody("body");
constexpr QLatin1StringView kError("error");

void writeKey(QCborStreamWriter &w, QLatin1StringView key)
{
    w.append(key);
}

} // namespace

QByteArray encodeCaptureHeader(const CaptureFileHeader &header)
{
    QByteArray out;
    QCborStreamWriter w(&out);
    w.startMap(5);
    writeKey(w, kMagic);
    w.append(header.magic.isEmpty() ? QString::fromLatin1(kCaptureMagic) : header.magic);
    writeKey(w, kFormat);
    w.append(qint64(header.formatVersion ? header.formatVersion : kCaptureFormatVersion));
    writeKey(w, kApp);
    w.append(header.appVersion);
    writeKey(w, kStarted);
    w.append(header.startedMs);
    writeKey(w, kRun);
    w.append(header.runId);
    w.endMap();
    return out;
}

QByteArray encodeCaptureRecord(const CaptureRecord &r)
{
    QByteArray out;
    out.reserve(r.bytes.size() + 128 + r.headers.size() * 48);
    QCborStreamWriter w(&out);
    w.startMap(); // indefinite length: the optional keys need no counting
    writeKey(w, kTime);
    w.append(r.timeMs);
    writeKey(w, kDir);
    w.append(quint64(r.direction));
    writeKey(w, kKind);
    w.append(quint64(r.kind));
    writeKey(w, kId);
    w.append(r.requestId);
    if (r.upstreamCall) {
        writeKey(w, kCall);
        w.append(quint64(r.upstreamCall));
    }
    if (!r.session.isEmpty()) {
        writeKey(w, kSession);
        w.append(r.session);
    }
    if (!r.backend.isEmpty()) {
        writeKey(w, kBackend);
        w.append(r.backend);
    }
    if (!r.method.isEmpty()) {
        writeKey(w, kMethod);
        w.appendByteString(r.method.constData(), r.method.size());
    }
    if (!r.url.isEmpty()) {
        writeKey(w, kUrl);
        w.appendByteString(r.url.constData(), r.url.size());
    }
    if (r.status) {
        writeKey(w, kStatus);
        w.append(qint64(r.status));
    }
    if (r.kind == CaptureKind::Request || r.kind == CaptureKind::Head) {
        writeKey(w, kHeaders);
        w.startArray(quint64(r.headers.size()));
        for (const auto &[name, value] : r.headers) {
            w.startArray(2);
            w.appendByteString(name.constData(), name.size());
            w.appendByteString(value.constData(), value.size());
            w.endArray();
        }
        w.endArray();
    }
    if (!r.contentType.isEmpty()) {
        writeKey(w, kContentType);
        w.appendByteString(r.contentType.constData(), r.contentType.size());
    }
    if (!r.bytes.isEmpty()) {
        writeKey(w, kBody);
        w.appendByteString(r.bytes.constData(), r.bytes.size());
    }
    if (!r.error.isEmpty()) {
        writeKey(w, kError);
        w.append(r.error);
    }
    w.endMap();
    return out;
}

namespace {

QByteArray bytesOf(const QCborValue &v)
{
    if (v.isByteArray())
        return v.toByteArray();
    if (v.isString())
        return v.toString().toUtf8();
    return {};
}

// Returns an explanation when `map` is not a valid record.
QString decodeRecord(const QCborMap &map, CaptureRecord &r)
{
    const QCborValue t = map.value(kTime), dir = map.value(kDir), kind = map.value(kKind), id = map.value(kId);
    if (!t.isInteger() || !dir.isInteger() || !kind.isInteger() || !id.isInteger())
        return QStringLiteral("a record lacks t/dir/kind/id");
    if (dir.toInteger() < 0 || dir.toInteger() > 3)
        return QStringLiteral("unknown direction %1").arg(dir.toInteger());
    if (kind.toInteger() < 0 || kind.toInteger() > 3)
        return QStringLiteral("unknown record kind %1").arg(kind.toInteger());
    r.timeMs = t.toInteger();
    r.direction = CaptureDirection(dir.toInteger());
    r.kind = CaptureKind(kind.toInteger());
    r.requestId = quint64(id.toInteger());
    r.upstreamCall = quint32(map.value(kCall).toInteger());
    r.session = map.value(kSession).toString();
    r.backend = map.value(kBackend).toString();
    r.method = bytesOf(map.value(kMethod));
    r.url = bytesOf(map.value(kUrl));
    r.status = int(map.value(kStatus).toInteger());
    const QCborValue headers = map.value(kHeaders);
    if (headers.isArray()) {
        const QCborArray list = headers.toArray();
        for (const QCborValue &pair : list) {
            const QCborArray nv = pair.toArray();
            if (nv.size() != 2)
                return QStringLiteral("a header is not a [name, value] pair");
            r.headers.append(qMakePair(bytesOf(nv.at(0)), bytesOf(nv.at(1))));
        }
    }
    r.contentType = bytesOf(map.value(kContentType));
    r.bytes = bytesOf(map.value(kBody));
    r.error = map.value(kError).toString();
    return {};
}

} // namespace

CaptureReadResult readCaptureData(const QByteArray &data, const QString &name, const CaptureVisitor &visit,
                                  const CaptureHeaderVisitor &onHeader)
{
    CaptureReadResult result;
    QCborStreamReader reader(data);
    const QCborValue head = QCborValue::fromCbor(reader);
    const QCborMap headMap = head.toMap();
    if (reader.lastError() != QCborError::NoError || !head.isMap()
        || headMap.value(kMagic).toString() != QLatin1String(kCaptureMagic)) {
        result.error = QStringLiteral("%1: not a capture file (no capture header at the start)").arg(name);
        return result;
    }
    result.header.magic = headMap.value(kMagic).toString();
    result.header.formatVersion = int(headMap.value(kFormat).toInteger());
    result.header.appVersion = headMap.value(kApp).toString();
    result.header.startedMs = headMap.value(kStarted).toInteger();
    result.header.runId = headMap.value(kRun).toString();
    if (result.header.formatVersion != kCaptureFormatVersion) {
        result.error = QStringLiteral("%1: capture format version %2 is not supported (this build reads version %3)")
                           .arg(name)
                           .arg(result.header.formatVersion)
                           .arg(kCaptureFormatVersion);
        return result;
    }
    result.ok = true;
    if (onHeader)
        onHeader(result.header);
    // One reader per item: at the top level QCborStreamReader does not move on to the next item
    // of a sequence by itself.
    qint64 offset = reader.currentOffset();
    while (offset < data.size()) {
        QCborStreamReader reader(data.constData() + offset, qsizetype(data.size() - offset));
        const QCborValue value = QCborValue::fromCbor(reader);
        QString problem;
        CaptureRecord record;
        if (reader.lastError() != QCborError::NoError)
            problem = reader.lastError() == QCborError::EndOfFile ? QStringLiteral("the file ends inside a record")
                                                                  : reader.lastError().toString();
        else if (!value.isMap())
            problem = QStringLiteral("not a record");
        else
            problem = decodeRecord(value.toMap(), record);
        if (!problem.isEmpty()) {
            result.damagedAt = offset;
            result.warning = QStringLiteral("%1: damaged at byte %2 (%3); read %4 records before it")
                                 .arg(name)
                                 .arg(offset)
                                 .arg(problem)
                                 .arg(result.records);
            break;
        }
        ++result.records;
        offset += reader.currentOffset();
        if (visit && !visit(std::move(record)))
            break;
    }
    return result;
}

CaptureReadResult readCaptureFile(const QString &path, const CaptureVisitor &visit,
                                  const CaptureHeaderVisitor &onHeader)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        CaptureReadResult result;
        result.error = QStringLiteral("%1: cannot open: %2").arg(path, file.errorString());
        return result;
    }
    // Mapped, not read: a 256 MiB file costs address space, not a copy.
    const qint64 size = file.size();
    if (size == 0) {
        CaptureReadResult result;
        result.error = QStringLiteral("%1: empty file (not a capture file)").arg(path);
        return result;
    }
    if (uchar *mapped = file.map(0, size)) {
        const QByteArray data = QByteArray::fromRawData(reinterpret_cast<const char *>(mapped), qsizetype(size));
        CaptureReadResult result = readCaptureData(data, path, visit, onHeader);
        return result; // records hold copies (QCborValue copies byte strings), so unmapping is safe
    }
    return readCaptureData(file.readAll(), path, visit, onHeader);
}

} // namespace lip::observe
