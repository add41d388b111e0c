// SPDX-License-Identifier: GPL-3.0-or-later
#include "backends/oauthwire/grantheaders.h"

#include "backends/oauth/oauthtypes.h"

namespace lip::oauthwire {

BackendContext withoutKey(const BackendContext &context)
{
    BackendContext inner = context;
    inner.apiKey.clear();
    return inner;
}

std::optional<Error> requireGrant(const BackendContext &context)
{
    if (context.grant && !context.grant->accessToken.isEmpty())
        return std::nullopt;
    return Error::make(ErrorCategory::Authentication,
                       QStringLiteral("backend '%1' needs a signed-in account and none was available for this request")
                           .arg(context.backend ? context.backend->name : QString()));
}

QJsonObject grantExtra(const BackendContext &context)
{
    return context.grant ? context.grant->extra : QJsonObject();
}

QString grantExtraString(const BackendContext &context, const char *key)
{
    return context.grant ? context.grant->extra.value(QLatin1String(key)).toString() : QString();
}

void removeHeader(HeaderList &headers, QByteArrayView name)
{
    headers.removeIf([name](const auto &h) { return h.first.compare(name, Qt::CaseInsensitive) == 0; });
}

void setHeader(HeaderList &headers, const QByteArray &name, const QByteArray &value)
{
    removeHeader(headers, name);
    headers.append(qMakePair(name, value));
}

void setBearer(upstream::UpstreamRequest &request, const BackendContext &context)
{
    // Whatever key header the dialect uses, an account's token replaces it.
    removeHeader(request.headers, "x-api-key");
    removeHeader(request.headers, "x-goog-api-key");
    if (context.grant)
        setHeader(request.headers, QByteArrayLiteral("Authorization"), "Bearer " + context.grant->accessToken.toUtf8());
}

} // namespace lip::oauthwire
