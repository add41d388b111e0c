// SPDX-License-Identifier: GPL-3.0-or-later
#include "server/proxyauth.h"

#include "server/httpserver.h"

namespace lip::server {

bool constantTimeEquals(QByteArrayView a, QByteArrayView b)
{
    // Walk the longer length so the time does not reveal a common prefix; fold the length
    // difference into the result.
    const qsizetype n = std::max(a.size(), b.size());
    unsigned char diff = a.size() == b.size() ? 0 : 1;
    for (qsizetype i = 0; i < n; ++i) {
        const unsigned char x = i < a.size() ? static_cast<unsigned char>(a[i]) : 0;
        const unsigned char y = i < b.size() ? static_cast<unsigned char>(b[i]) : 0;
        diff |= static_cast<unsigned char>(x ^ y);
    }
    return diff == 0;
}

QByteArray ProxyAuth::presentedKey(const HttpRequest &request)
{
    const QByteArray authorization = request.header("authorization");
    if (authorization.size() > 7 && authorization.first(7).compare("bearer ", Qt::CaseInsensitive) == 0)
        return authorization.mid(7).trimmed();
    QByteArray key = request.header("x-api-key");
    if (!key.isEmpty())
        return key;
    key = request.header("x-goog-api-key");
    if (!key.isEmpty())
        return key;
    return request.queryItem("key");
}

bool ProxyAuth::accepts(const HttpRequest &request) const
{
    if (m_keys.isEmpty())
        return true;
    const QByteArray presented = presentedKey(request);
    if (presented.isEmpty())
        return false;
    bool match = false;
    for (const QByteArray &key : m_keys)
        match |= constantTimeEquals(presented, key); // no early exit
    return match;
}

} // namespace lip::server
