// SPDX-License-Identifier: GPL-3.0-or-later
#include "observe/captureexport.h"

#include <QDateTime>
#include <QFileInfo>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSet>
#include <QStringDecoder>
#include <QUrl>

namespace lip::observe {

QString formatTimeMs(qint64 ms)
{
    return QDateTime::fromMSecsSinceEpoch(ms).toUTC().toString(Qt::ISODateWithMs);
}

namespace {

bool isUtf8(const QByteArray &bytes, QString *text)
{
    QStringDecoder decoder(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless);
    *text = decoder.decode(bytes);
    return !decoder.hasError();
}

QByteArray headerValue(const HeaderList &headers, const char *name)
{
    for (const auto &[n, v] : headers) {
        if (n.compare(QByteArray(name), Qt::CaseInsensitive) == 0)
            return v;
    }
    return {};
}

CaptureHop *hopFor(CaptureExchange &exchange, const CaptureRecord &record)
{
    if (record.direction == CaptureDirection::ClientToProxy || record.direction == CaptureDirection::ProxyToClient)
        return &exchange.client;
    if (record.kind == CaptureKind::Request) {
        exchange.upstream.append(CaptureHop());
        return &exchange.upstream.last();
    }
    for (qsizetype i = exchange.upstream.size() - 1; i >= 0; --i) {
        if (exchange.upstream[i].upstreamCall == record.upstreamCall)
            return &exchange.upstream[i];
    }
    exchange.upstream.append(CaptureHop()); // the request record was in a lost part of the file
    exchange.upstream.last().upstreamCall = record.upstreamCall;
    return &exchange.upstream.last();
}

void addRecord(CaptureExchange &exchange, CaptureRecord &&r)
{
    if (exchange.session.isEmpty() && !r.session.isEmpty())
        exchange.session = r.session;
    CaptureHop &hop = *hopFor(exchange, r);
    switch (r.kind) {
    case CaptureKind::Request:
        hop.haveRequest = true;
        hop.upstreamCall = r.upstreamCall;
        hop.backend = r.backend;
        hop.method = r.method;
        hop.url = r.url;
        hop.requestHeaders = r.headers;
        hop.requestBody = r.bytes;
        hop.requestMs = r.timeMs;
        break;
    case CaptureKind::Head:
        hop.haveResponse = true;
        hop.status = r.status;
        hop.responseHeaders = r.headers;
        hop.contentType = r.contentType;
        hop.headMs = r.timeMs;
        break;
    case CaptureKind::Data:
        hop.responseBody += r.bytes;
        break;
    case CaptureKind::End:
        hop.ended = true;
        hop.endMs = r.timeMs;
        hop.error = r.error;
        break;
    }
}

} // namespace

CaptureFileSummary summarizeCaptureFile(const QString &path)
{
    CaptureFileSummary s;
    s.path = path;
    QSet<quint64> ids;
    const CaptureReadResult result = readCaptureFile(path, [&](CaptureRecord &&r) {
        if (s.records == 0 || r.timeMs < s.firstMs)
            s.firstMs = r.timeMs;
        s.lastMs = qMax(s.lastMs, r.timeMs);
        ++s.records;
        ids.insert(r.requestId);
        return true;
    });
    if (!result.ok) {
        s.error = result.error;
        return s;
    }
    if (s.records == 0)
        s.firstMs = s.lastMs = result.header.startedMs;
    s.requests = ids.size();
    s.appVersion = result.header.appVersion;
    s.warning = result.warning;
    return s;
}

QList<CaptureExchange> readExchanges(const QStringList &files, QStringList *problems, quint64 onlyRequest)
{
    QList<CaptureExchange> out;
    QHash<QString, qsizetype> index; // run + id → position in out
    for (const QString &path : files) {
        QString runId;
        const CaptureReadResult result = readCaptureFile(path, [&](CaptureRecord &&r) {
            if (onlyRequest && r.requestId != onlyRequest)
                return true;
            const QString key = runId + QLatin1Char('/') + QString::number(r.requestId);
            auto it = index.constFind(key);
            qsizetype at;
            if (it == index.constEnd()) {
                at = out.size();
                index.insert(key, at);
                CaptureExchange exchange;
                exchange.file = path;
                exchange.runId = runId;
                exchange.requestId = r.requestId;
                out.append(std::move(exchange));
            } else {
                at = it.value();
            }
            addRecord(out[at], std::move(r));
            return true;
        }, [&runId](const CaptureFileHeader &header) { runId = header.runId; });
        if (problems) {
            if (!result.ok)
                problems->append(result.error);
            else if (!result.warning.isEmpty())
                problems->append(result.warning);
        }
    }
    return out;
}

namespace {

void appendHeaders(QString &out, const HeaderList &headers)
{
    for (const auto &[name, value] : headers)
        out += QString::fromLatin1(name) + QStringLiteral(": ") + QString::fromUtf8(value) + QLatin1Char('\n');
}

void appendBody(QString &out, const QByteArray &body)
{
    if (body.isEmpty()) {
        out += QStringLiteral("(no body)\n");
        return;
    }
    QString text;
    if (isUtf8(body, &text)) {
        out += text;
        if (!text.endsWith(QLatin1Char('\n')))
            out += QLatin1Char('\n');
    } else {
        out += QStringLiteral("(%1 bytes, not UTF-8; base64:)\n").arg(body.size());
        out += QString::fromLatin1(body.toBase64()) + QLatin1Char('\n');
    }
}

void appendResponse(QString &out, const QString &title, const CaptureHop &hop)
{
    out += QStringLiteral("=== %1").arg(title);
    if (hop.haveResponse)
        out += QStringLiteral("  HTTP %1  %2").arg(hop.status).arg(formatTimeMs(hop.headMs));
    out += QLatin1Char('\n');
    if (!hop.haveResponse) {
        out += QStringLiteral("(no response recorded)\n\n");
        return;
    }
    appendHeaders(out, hop.responseHeaders);
    if (!hop.contentType.isEmpty() && headerValue(hop.responseHeaders, "content-type").isEmpty())
        out += QStringLiteral("Content-Type: ") + QString::fromUtf8(hop.contentType) + QLatin1Char('\n');
    out += QLatin1Char('\n');
    appendBody(out, hop.responseBody);
    if (!hop.ended)
        out += QStringLiteral("(no end recorded: still running when the file ends, or cut off)\n");
    else if (!hop.error.isEmpty())
        out += QStringLiteral("(ended with an error: %1)\n").arg(hop.error);
    out += QLatin1Char('\n');
}

void appendRequest(QString &out, const QString &title, const CaptureHop &hop)
{
    out += QStringLiteral("=== %1  %2\n").arg(title, hop.haveRequest ? formatTimeMs(hop.requestMs) : QString());
    if (!hop.haveRequest) {
        out += QStringLiteral("(request not recorded)\n\n");
        return;
    }
    out += QString::fromLatin1(hop.method) + QLatin1Char(' ') + QString::fromUtf8(hop.url) + QLatin1Char('\n');
    appendHeaders(out, hop.requestHeaders);
    out += QLatin1Char('\n');
    appendBody(out, hop.requestBody);
    out += QLatin1Char('\n');
}

} // namespace

QString formatExchange(const CaptureExchange &e)
{
    QString out;
    out += QStringLiteral("request %1").arg(e.requestId);
    if (!e.session.isEmpty())
        out += QStringLiteral("  session %1").arg(e.session);
    out += QStringLiteral("  (%1)\n\n").arg(e.file);
    appendRequest(out, QStringLiteral("client -> proxy"), e.client);
    for (qsizetype i = 0; i < e.upstream.size(); ++i) {
        const CaptureHop &hop = e.upstream.at(i);
        const QString attempt = QStringLiteral("#%1%2").arg(i + 1).arg(
            hop.backend.isEmpty() ? QString() : QStringLiteral(" backend %1").arg(hop.backend));
        appendRequest(out, QStringLiteral("proxy -> upstream %1").arg(attempt), hop);
        appendResponse(out, QStringLiteral("upstream -> proxy %1").arg(attempt), hop);
    }
    appendResponse(out, QStringLiteral("proxy -> client"), e.client);
    return out;
}

namespace {

QJsonArray harHeaders(const HeaderList &headers)
{
    QJsonArray out;
    for (const auto &[name, value] : headers)
        out.append(QJsonObject{{QStringLiteral("name"), QString::fromLatin1(name)},
                               {QStringLiteral("value"), QString::fromUtf8(value)}});
    return out;
}

void putBody(QJsonObject &object, const QByteArray &body, const char *textKey)
{
    QString text;
    if (isUtf8(body, &text)) {
        object.insert(QLatin1String(textKey), text);
    } else {
        object.insert(QLatin1String(textKey), QString::fromLatin1(body.toBase64()));
        object.insert(QStringLiteral("encoding"), QStringLiteral("base64"));
    }
}

QJsonObject harEntry(const CaptureExchange &e, const CaptureHop &hop, bool client)
{
    QByteArray url = hop.url;
    if (client && url.startsWith('/')) {
        const QByteArray host = headerValue(hop.requestHeaders, "host");
        url = "http://" + (host.isEmpty() ? QByteArray("localhost") : host) + url;
    }
    QJsonArray query;
    const QUrl parsed = QUrl::fromEncoded(url);
    const QStringList items = parsed.query(QUrl::FullyDecoded).split(QLatin1Char('&'), Qt::SkipEmptyParts);
    for (const QString &item : items)
        query.append(QJsonObject{{QStringLiteral("name"), item.section(QLatin1Char('='), 0, 0)},
                                 {QStringLiteral("value"), item.section(QLatin1Char('='), 1)}});
    QJsonObject request{{QStringLiteral("method"), QString::fromLatin1(hop.method)},
                        {QStringLiteral("url"), QString::fromUtf8(url)},
                        {QStringLiteral("httpVersion"), QStringLiteral("HTTP/1.1")},
                        {QStringLiteral("cookies"), QJsonArray()},
                        {QStringLiteral("headers"), harHeaders(hop.requestHeaders)},
                        {QStringLiteral("queryString"), query},
                        {QStringLiteral("headersSize"), -1},
                        {QStringLiteral("bodySize"), qint64(hop.requestBody.size())}};
    if (!hop.requestBody.isEmpty()) {
        QJsonObject post{{QStringLiteral("mimeType"),
                          QString::fromUtf8(headerValue(hop.requestHeaders, "content-type"))}};
        putBody(post, hop.requestBody, "text");
        request.insert(QStringLiteral("postData"), post);
    }
    QByteArray mime = headerValue(hop.responseHeaders, "content-type");
    if (mime.isEmpty())
        mime = hop.contentType;
    QJsonObject content{{QStringLiteral("size"), qint64(hop.responseBody.size())},
                        {QStringLiteral("mimeType"), QString::fromUtf8(mime)}};
    putBody(content, hop.responseBody, "text");
    QJsonObject response{{QStringLiteral("status"), hop.status},
                         {QStringLiteral("statusText"), QString()},
                         {QStringLiteral("httpVersion"), QStringLiteral("HTTP/1.1")},
                         {QStringLiteral("cookies"), QJsonArray()},
                         {QStringLiteral("headers"), harHeaders(hop.responseHeaders)},
                         {QStringLiteral("content"), content},
                         {QStringLiteral("redirectURL"), QString()},
                         {QStringLiteral("headersSize"), -1},
                         {QStringLiteral("bodySize"), qint64(hop.responseBody.size())}};
    const qint64 start = hop.requestMs;
    const qint64 wait = hop.haveResponse && hop.headMs >= start ? hop.headMs - start : 0;
    const qint64 receive = hop.ended && hop.endMs >= start + wait ? hop.endMs - start - wait : 0;
    QJsonObject entry{{QStringLiteral("startedDateTime"), formatTimeMs(start)},
                      {QStringLiteral("time"), wait + receive},
                      {QStringLiteral("request"), request},
                      {QStringLiteral("response"), response},
                      {QStringLiteral("cache"), QJsonObject()},
                      {QStringLiteral("timings"), QJsonObject{{QStringLiteral("send"), 0},
                                                              {QStringLiteral("wait"), wait},
                                                              {QStringLiteral("receive"), receive}}},
                      {QStringLiteral("_requestId"), QString::number(e.requestId)},
                      {QStringLiteral("_hop"), client ? QStringLiteral("client") : QStringLiteral("upstream")}};
    if (!e.session.isEmpty())
        entry.insert(QStringLiteral("_session"), e.session);
    if (!hop.backend.isEmpty())
        entry.insert(QStringLiteral("_backend"), hop.backend);
    if (!hop.error.isEmpty())
        entry.insert(QStringLiteral("_error"), hop.error);
    return entry;
}

} // namespace

QByteArray exportHar(const QList<CaptureExchange> &exchanges)
{
    QJsonArray entries;
    for (const CaptureExchange &e : exchanges) {
        if (e.client.haveRequest)
            entries.append(harEntry(e, e.client, true));
        for (const CaptureHop &hop : e.upstream) {
            if (hop.haveRequest)
                entries.append(harEntry(e, hop, false));
        }
    }
    const QJsonObject log{{QStringLiteral("version"), QStringLiteral("1.2")},
                          {QStringLiteral("creator"),
                           QJsonObject{{QStringLiteral("name"), QStringLiteral("llm-interactive-proxy")},
                                       {QStringLiteral("version"), QStringLiteral(LIP_VERSION)}}},
                          {QStringLiteral("entries"), entries}};
    return QJsonDocument(QJsonObject{{QStringLiteral("log"), log}}).toJson(QJsonDocument::Indented);
}

QByteArray exportJsonl(const QStringList &files, QStringList *problems)
{
    QByteArray out;
    for (const QString &path : files) {
        const CaptureReadResult result = readCaptureFile(path, [&](CaptureRecord &&r) {
            QJsonObject o{{QStringLiteral("time"), formatTimeMs(r.timeMs)},
                          {QStringLiteral("time_ms"), r.timeMs},
                          {QStringLiteral("direction"), QLatin1String(captureDirectionName(r.direction))},
                          {QStringLiteral("kind"), QLatin1String(captureKindName(r.kind))},
                          {QStringLiteral("request_id"), QString::number(r.requestId)}};
            if (r.upstreamCall)
                o.insert(QStringLiteral("upstream_call"), qint64(r.upstreamCall));
            if (!r.session.isEmpty())
                o.insert(QStringLiteral("session"), r.session);
            if (!r.backend.isEmpty())
                o.insert(QStringLiteral("backend"), r.backend);
            if (!r.method.isEmpty())
                o.insert(QStringLiteral("method"), QString::fromLatin1(r.method));
            if (!r.url.isEmpty())
                o.insert(QStringLiteral("url"), QString::fromUtf8(r.url));
            if (r.status)
                o.insert(QStringLiteral("status"), r.status);
            if (r.kind == CaptureKind::Request || r.kind == CaptureKind::Head) {
                QJsonArray headers;
                for (const auto &[name, value] : std::as_const(r.headers))
                    headers.append(QJsonArray{QString::fromLatin1(name), QString::fromUtf8(value)});
                o.insert(QStringLiteral("headers"), headers);
            }
            if (!r.contentType.isEmpty())
                o.insert(QStringLiteral("content_type"), QString::fromUtf8(r.contentType));
            if (!r.bytes.isEmpty()) {
                QString text;
                if (isUtf8(r.bytes, &text))
                    o.insert(QStringLiteral("body"), text);
                else
                    o.insert(QStringLiteral("body_base64"), QString::fromLatin1(r.bytes.toBase64()));
            }
            if (!r.error.isEmpty())
                o.insert(QStringLiteral("error"), r.error);
            out += QJsonDocument(o).toJson(QJsonDocument::Compact);
            out += '\n';
            return true;
        });
        if (problems) {
            if (!result.ok)
                problems->append(result.error);
            else if (!result.warning.isEmpty())
                problems->append(result.warning);
        }
    }
    return out;
}

} // namespace lip::observe
