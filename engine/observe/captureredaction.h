// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// What a capture must not contain. Header values of credential-bearing headers and `key=` in URL
// queries are always replaced by kCaptureRedacted; bodies only when capture.redact_bodies is on
// (then API-key-looking strings and every key the proxy knows are replaced). Runs on the capture
// writer thread, never on the engine thread.

#include "core/dialect.h" // HeaderList

#include <QByteArray>
#include <QList>
#include <QRegularExpression>

namespace lip::config { struct Config; }

namespace lip::observe {

inline constexpr char kCaptureRedacted[] = "[REDACTED]";

bool isSecretHeader(QByteArrayView name);
HeaderList redactHeaders(const HeaderList &headers);
// `key`, `api_key`, `apikey`, `access_token` query parameters: the value becomes the marker.
QByteArray redactUrl(const QByteArray &url);

// Every API key and proxy key in `config` (backends' rotation keys, proxy client keys).
QList<QByteArray> secretsIn(const config::Config &config);

class BodyRedactor
{
public:
    explicit BodyRedactor(QList<QByteArray> knownSecrets = {});
    // Returns `body` itself (no copy) when nothing matched.
    QByteArray redact(const QByteArray &body) const;

private:
    QList<QByteArray> m_secrets;
    QRegularExpression m_pattern;
};

} // namespace lip::observe
