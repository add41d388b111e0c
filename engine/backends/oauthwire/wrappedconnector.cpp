// SPDX-License-Identifier: GPL-3.0-or-later
#include "backends/oauthwire/wrappedconnector.h"

#include "backends/oauthwire/grantheaders.h"
#include "config/backendprofiles.h"

#include <QUrl>

namespace lip::oauthwire {

namespace {

QByteArray headerValue(const HeaderList &headers, QByteArrayView name)
{
    for (const auto &[key, value] : headers) {
        if (key.compare(name, Qt::CaseInsensitive) == 0)
            return value;
    }
    return {};
}

// The base URL for this attempt: the account's own (Qwen's resource_url) unless the user set one.
config::BackendConfig effectiveBackend(const BackendContext &context, WrappedConnector::Kind kind)
{
    config::BackendConfig b = context.backend ? *context.backend : config::BackendConfig();
    if (kind != WrappedConnector::Kind::Qwen)
        return b;
    const config::BackendProfile *profile = config::findBackendProfile(b.type);
    const bool userChoseUrl = profile && !b.baseUrl.isEmpty() && b.baseUrl != QLatin1String(profile->defaultBaseUrl);
    if (!userChoseUrl) {
        const QString fromAccount = qwenBaseFromResourceUrl(grantExtraString(context, "resource_url"));
        if (!fromAccount.isEmpty())
            b.baseUrl = fromAccount;
    }
    return b;
}

} // namespace

QString qwenBaseFromResourceUrl(const QString &resourceUrl)
{
    QString s = resourceUrl.trimmed();
    if (s.isEmpty())
        return {};
    if (!s.startsWith(QLatin1String("http://")) && !s.startsWith(QLatin1String("https://")))
        s.prepend(QLatin1String("https://"));
    while (s.endsWith(QLatin1Char('/')))
        s.chop(1);
    if (!s.endsWith(QLatin1String("/v1")))
        s += QLatin1String("/v1");
    const QUrl url(s, QUrl::StrictMode);
    if (!url.isValid() || url.host().isEmpty())
        return {};
    return s;
}

Result<upstream::UpstreamRequest> WrappedConnector::finish(Result<upstream::UpstreamRequest> built,
                                                          const BackendContext &context) const
{
    if (!built)
        return built;
    setBearer(*built, context);
    if (m_kind == Kind::AnthropicOAuth) {
        // Claude Code's OAuth tokens are accepted only with this beta flag; the client's own
        // flags are kept next to it.
        QByteArray beta = headerValue(built->headers, "anthropic-beta");
        if (!beta.split(',').contains(QByteArray(kAnthropicOAuthBeta)))
            beta = beta.isEmpty() ? QByteArray(kAnthropicOAuthBeta) : QByteArray(kAnthropicOAuthBeta) + ',' + beta;
        setHeader(built->headers, "anthropic-beta", beta);
    }
    return built;
}

Result<upstream::UpstreamRequest> WrappedConnector::buildRequest(const canon::Request &request,
                                                                 const BackendContext &context) const
{
    if (auto missing = requireGrant(context))
        return *missing;
    const config::BackendConfig backend = effectiveBackend(context, m_kind);
    BackendContext inner = withoutKey(context);
    inner.backend = &backend;
    return finish(m_inner.buildRequest(request, inner), context);
}

Result<upstream::UpstreamRequest> WrappedConnector::buildPassthrough(const InboundRequest &inbound, const std::string &model,
                                                                     const BackendContext &context) const
{
    if (auto missing = requireGrant(context))
        return *missing;
    const config::BackendConfig backend = effectiveBackend(context, m_kind);
    BackendContext inner = withoutKey(context);
    inner.backend = &backend;
    return finish(m_inner.buildPassthrough(inbound, model, inner), context);
}

Result<upstream::UpstreamRequest> WrappedConnector::buildModelsRequest(const BackendContext &context) const
{
    if (auto missing = requireGrant(context))
        return *missing;
    const config::BackendConfig backend = effectiveBackend(context, m_kind);
    BackendContext inner = withoutKey(context);
    inner.backend = &backend;
    return finish(m_inner.buildModelsRequest(inner), context);
}

} // namespace lip::oauthwire

namespace lip {

const BackendConnector &qwenOAuthConnector()
{
    static const oauthwire::WrappedConnector connector(oauthwire::WrappedConnector::Kind::Qwen, openAIChatConnector());
    return connector;
}

const BackendConnector &anthropicOAuthConnector()
{
    static const oauthwire::WrappedConnector connector(oauthwire::WrappedConnector::Kind::AnthropicOAuth,
                                                       anthropicConnector());
    return connector;
}

const BackendConnector &clineConnector()
{
    static const oauthwire::WrappedConnector connector(oauthwire::WrappedConnector::Kind::Cline, openAIChatConnector());
    return connector;
}

} // namespace lip
