// SPDX-License-Identifier: GPL-3.0-or-later
#include "backends/oauth/pkce.h"

#include <QCryptographicHash>
#include <QRandomGenerator>

namespace lip::oauth {

namespace {

QByteArray randomBase64Url(int bytes)
{
    QByteArray raw(bytes, Qt::Uninitialized);
    // The system generator: these values guard the sign-in, so they must not be predictable.
    QRandomGenerator *rng = QRandomGenerator::system();
    for (int i = 0; i < bytes; ++i)
        raw[i] = char(rng->bounded(256));
    return raw.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
}

} // namespace

QByteArray pkceChallenge(const QByteArray &verifier)
{
    return QCryptographicHash::hash(verifier, QCryptographicHash::Sha256)
        .toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
}

Pkce makePkce()
{
    Pkce p;
    p.verifier = randomBase64Url(32);
    p.challenge = pkceChallenge(p.verifier);
    return p;
}

QString randomState()
{
    return QString::fromLatin1(randomBase64Url(32));
}

} // namespace lip::oauth
