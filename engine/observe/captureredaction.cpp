// SPDX-License-Identifier: GPL-3.0-or-later
#include "observe/captureredaction.h"

#include "config/config.h"

#include <algorithm>

namespace lip::observe {

namespace {

bool sameName(QByteArrayView a, const char *b)
{
    return a.compare(QByteArrayView(b), Qt::CaseInsensitive) == 0;
}

bool isSecretQueryName(QByteArrayView name)
{
    return sameName(name, "key") || sameName(name, "api_key") || sameName(name, "apikey")
        || sameName(name, "api-key") || sameName(name, "access_token");
}

} // namespace

bool isSecretHeader(QByteArrayView name)
{
    static const char *const names[] = {"authorization", "proxy-authorization", "x-api-key",
                                        "x-goog-api-key", "api-key", "cookie", "set-cookie",
                                        "x-auth-token"};
    for (const char *n : names) {
        if (sameName(name, n))
            return true;
    }
    return false;
}

HeaderList redactHeaders(const HeaderList &headers)
{
    bool any = false;
    for (const auto &header : headers)
        any = any || isSecretHeader(header.first);
    if (!any)
        return headers;
    HeaderList out;
    out.reserve(headers.size());
    for (const auto &[name, value] : headers)
        out.append(qMakePair(name, isSecretHeader(name) ? QByteArray(kCaptureRedacted) : value));
    return out;
}

QByteArray redactUrl(const QByteArray &url)
{
    const qsizetype q = url.indexOf('?');
    if (q < 0)
        return url;
    const qsizetype fragment = url.indexOf('#', q);
    const qsizetype end = fragment < 0 ? url.size() : fragment;
    QByteArray out = url.left(q + 1);
    bool changed = false;
    qsizetype pos = q + 1;
    while (pos <= end) {
        qsizetype amp = url.indexOf('&', pos);
        if (amp < 0 || amp > end)
            amp = end;
        const QByteArrayView item(url.constData() + pos, amp - pos);
        const qsizetype eq = item.indexOf('=');
        if (eq >= 0 && isSecretQueryName(item.first(eq))) {
            out += item.first(eq + 1);
            out += kCaptureRedacted;
            changed = true;
        } else {
            out += item;
        }
        if (amp < end)
            out += '&';
        pos = amp + 1;
    }
    if (!changed)
        return url;
    out += url.mid(end);
    return out;
}

QList<QByteArray> secretsIn(const config::Config &config)
{
    QList<QByteArray> out;
    for (const config::BackendConfig &backend : config.backends) {
        for (const QString &key : backend.apiKeys)
            out.append(key.toUtf8());
    }
    for (const QString &key : config.proxyApiKeys)
        out.append(key.toUtf8());
    return out;
}

BodyRedactor::BodyRedactor(QList<QByteArray> knownSecrets)
    // sk-… covers OpenAI (sk-proj-…) and Anthropic (sk-ant-…) keys; AIza… is a Google API key.
    : m_pattern(QStringLiteral(R"((?<![A-Za-z0-9_\-])(?:sk-[A-Za-z0-9_\-]{16,}|AIza[0-9A-Za-z_\-]{30,}))"))
{
    // Short values would match ordinary text ("abc"); keys are never that short.
    for (QByteArray &secret : knownSecrets) {
        if (secret.size() >= 8 && !m_secrets.contains(secret))
            m_secrets.append(std::move(secret));
    }
    // Longest first, so a key that contains another is replaced whole.
    std::sort(m_secrets.begin(), m_secrets.end(),
              [](const QByteArray &a, const QByteArray &b) { return a.size() > b.size(); });
    m_pattern.optimize();
}

QByteArray BodyRedactor::redact(const QByteArray &body) const
{
    if (body.isEmpty())
        return body;
    QByteArray out = body;
    for (const QByteArray &secret : m_secrets) {
        if (out.contains(secret))
            out.replace(secret, kCaptureRedacted);
    }
    // The regex works on text: Latin-1 maps every byte to one QChar, so offsets stay byte offsets
    // and non-UTF-8 bodies survive untouched outside the matches.
    const QString text = QString::fromLatin1(out);
    QRegularExpressionMatchIterator it = m_pattern.globalMatch(text);
    if (!it.hasNext())
        return out; // still shares body's bytes when no known secret was replaced
    QByteArray replaced;
    replaced.reserve(out.size());
    qsizetype last = 0;
    while (it.hasNext()) {
        const QRegularExpressionMatch m = it.next();
        replaced += QByteArrayView(out).sliced(last, m.capturedStart() - last);
        replaced += kCaptureRedacted;
        last = m.capturedEnd();
    }
    replaced += QByteArrayView(out).sliced(last);
    return replaced;
}

} // namespace lip::observe
