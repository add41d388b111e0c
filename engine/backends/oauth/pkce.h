// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// RFC 7636 PKCE (S256 only) and the random `state` of an authorization request.

#include <QByteArray>
#include <QString>

namespace lip::oauth {

struct Pkce
{
    QByteArray verifier;  // 43..128 characters of [A-Za-z0-9-._~]
    QByteArray challenge; // BASE64URL(SHA256(verifier)) without padding
};

// A fresh verifier from 32 random bytes (43 characters) and its challenge.
Pkce makePkce();
// The S256 challenge of `verifier`.
QByteArray pkceChallenge(const QByteArray &verifier);
// 32 random bytes, base64url: unguessable, safe in a URL.
QString randomState();

} // namespace lip::oauth
