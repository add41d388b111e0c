// SPDX-License-Identifier: GPL-3.0-or-later
#include "config/credentials/secretchunks.h"

namespace lip::config::credentials {

int defaultPartSize()
{
#ifdef Q_OS_WIN
    return kWindowsPartSize;
#else
    return 0;
#endif
}

QList<QByteArray> splitSecret(const QByteArray &secret, int partSize)
{
    if (partSize <= 0 || secret.size() <= partSize)
        return {secret};
    QList<QByteArray> parts;
    parts.reserve((secret.size() + partSize - 1) / partSize);
    for (qsizetype offset = 0; offset < secret.size(); offset += partSize)
        parts.append(secret.sliced(offset, qMin<qsizetype>(partSize, secret.size() - offset)));
    return parts;
}

QByteArray joinParts(const QList<QByteArray> &parts)
{
    QByteArray joined;
    qsizetype total = 0;
    for (const QByteArray &part : parts)
        total += part.size();
    joined.reserve(total);
    for (const QByteArray &part : parts)
        joined.append(part);
    return joined;
}

QString partKey(const QString &baseKey, int index)
{
    if (index <= 0)
        return baseKey;
    return baseKey + QStringLiteral(".part%1").arg(index + 1);
}

} // namespace lip::config::credentials
