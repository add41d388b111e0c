// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QList>

namespace lip::server {

struct HttpRequest;

// The proxy's own client key check. A client may present the key the way its SDK does:
// `Authorization: Bearer`, `x-api-key` (Anthropic), `x-goog-api-key` or `?key=` (Gemini).
// Keys are compared in constant time; an empty key list means authentication is off.
class ProxyAuth
{
public:
    explicit ProxyAuth(const QList<QByteArray> &keys = {}) : m_keys(keys) {}

    bool enabled() const { return !m_keys.isEmpty(); }
    bool accepts(const HttpRequest &request) const;

    // The credential a request presented (empty when none): used for session fingerprints,
    // never logged.
    static QByteArray presentedKey(const HttpRequest &request);

private:
    QList<QByteArray> m_keys;
};

// Compares two byte strings in time that depends only on their lengths.
bool constantTimeEquals(QByteArrayView a, QByteArrayView b);

} // namespace lip::server
