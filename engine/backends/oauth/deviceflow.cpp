// SPDX-License-Identifier: GPL-3.0-or-later
#include "backends/oauth/deviceflow.h"

#include "backends/oauth/tokenclient.h"

#include <QJsonArray>
#include <QPointer>
#include <QTimer>

namespace lip::oauth {

namespace {

constexpr int kDefaultExpirySeconds = 15 * 60;
constexpr int kMaxIntervalSeconds = 60;
const char *const kDeviceGrant = "urn:ietf:params:oauth:grant-type:device_code";

QString str(const QJsonObject &o, const char *snake, const char *camel = nullptr)
{
    QJsonValue v = o.value(QLatin1String(snake));
    if ((v.isUndefined() || v.isNull()) && camel)
        v = o.value(QLatin1String(camel));
    if (v.isDouble())
        return QString::number(qint64(v.toDouble()));
    return v.toString();
}

int number(const QJsonObject &o, const char *snake, const char *camel, int fallback)
{
    bool ok = false;
    const int n = str(o, snake, camel).toInt(&ok);
    return ok ? n : fallback;
}

} // namespace

DeviceFlow::DeviceFlow(const ProviderSpec &spec, TokenClient *client, QObject *parent)
    : QObject(parent), m_spec(spec), m_client(client), m_timer(new QTimer(this))
{
    m_timer->setSingleShot(true);
    connect(m_timer, &QTimer::timeout, this, &DeviceFlow::poll);
}

DeviceFlow::~DeviceFlow() = default;

void DeviceFlow::start()
{
    m_active = true;
    m_polls = 0;
    if (m_spec.deviceStyle == ProviderSpec::DeviceStyle::None || m_spec.deviceUrl.isEmpty()) {
        QTimer::singleShot(0, this, [this] { fail(QStringLiteral("%1 has no device sign-in").arg(m_spec.info.id)); });
        return;
    }
    if (m_spec.deviceStyle != ProviderSpec::DeviceStyle::AwsOidc) {
        requestCode();
        return;
    }
    // AWS SSO OIDC first registers a public client for this installation.
    QJsonArray scopes;
    for (const QString &s : m_spec.scopes)
        scopes.append(s);
    const QJsonObject body{{QStringLiteral("clientName"), QStringLiteral("llm-interactive-proxy")},
                           {QStringLiteral("clientType"), QStringLiteral("public")},
                           {QStringLiteral("scopes"), scopes}};
    QPointer<DeviceFlow> self(this);
    m_client->postJson(m_spec.registerUrl, body, [self](const JsonReply &r) {
        if (!self || !self->m_active)
            return;
        if (!r.ok())
            return self->fail(QStringLiteral("registering the client failed: %1").arg(r.message()));
        const QString id = str(r.json, "clientId", "client_id");
        const QString secret = str(r.json, "clientSecret", "client_secret");
        if (id.isEmpty())
            return self->fail(QStringLiteral("registering the client failed: the answer has no clientId"));
        self->m_registration = {{QStringLiteral("clientId"), id}, {QStringLiteral("clientSecret"), secret}};
        self->requestCode();
    });
}

void DeviceFlow::cancel()
{
    m_active = false;
    m_timer->stop();
}

void DeviceFlow::requestCode()
{
    QPointer<DeviceFlow> self(this);
    auto onAnswer = [self](const JsonReply &r) {
        if (!self || !self->m_active)
            return;
        if (!r.ok())
            return self->fail(QStringLiteral("asking for a device code failed: %1").arg(r.message()));
        self->onCode(r.json);
    };
    switch (m_spec.deviceStyle) {
    case ProviderSpec::DeviceStyle::Rfc8628: {
        TokenClient::Fields fields = {{QStringLiteral("client_id"), m_spec.clientId},
                                      {QStringLiteral("scope"), m_spec.scopes.join(QLatin1Char(' '))}};
        if (m_spec.devicePkce) {
            m_pkce = makePkce();
            fields.append(qMakePair(QStringLiteral("code_challenge"), QString::fromLatin1(m_pkce.challenge)));
            fields.append(qMakePair(QStringLiteral("code_challenge_method"), QStringLiteral("S256")));
        }
        m_client->postForm(m_spec.deviceUrl, fields, onAnswer);
        break;
    }
    case ProviderSpec::DeviceStyle::AwsOidc:
        m_client->postJson(m_spec.deviceUrl,
                           {{QStringLiteral("clientId"), m_registration.value(QLatin1String("clientId"))},
                            {QStringLiteral("clientSecret"), m_registration.value(QLatin1String("clientSecret"))},
                            {QStringLiteral("startUrl"), m_spec.startUrl}},
                           onAnswer);
        break;
    case ProviderSpec::DeviceStyle::CodexJson:
        m_client->postJson(m_spec.deviceUrl, {{QStringLiteral("client_id"), m_spec.clientId}}, onAnswer);
        break;
    case ProviderSpec::DeviceStyle::None:
        break;
    }
}

void DeviceFlow::onCode(const QJsonObject &json)
{
    const bool codex = m_spec.deviceStyle == ProviderSpec::DeviceStyle::CodexJson;
    m_deviceCode = codex ? str(json, "device_auth_id") : str(json, "device_code", "deviceCode");
    m_userCode = str(json, "user_code", "userCode");
    if (m_userCode.isEmpty() && codex)
        m_userCode = str(json, "usercode");
    QUrl verification(str(json, "verification_uri", "verificationUri"));
    if (verification.isEmpty())
        verification = QUrl(str(json, "verification_url", "verificationUrl"));
    if (verification.isEmpty() && codex)
        verification = rebase(QUrl(QStringLiteral("https://auth.openai.com/codex/device")), m_spec.deviceUrl.adjusted(QUrl::RemovePath));
    const QUrl complete(str(json, "verification_uri_complete", "verificationUriComplete"));
    if (m_deviceCode.isEmpty() || m_userCode.isEmpty() || !verification.isValid() || verification.isEmpty())
        return fail(QStringLiteral("the device code answer is incomplete (no device code, user code or verification address)"));
    if (verification.scheme() != QLatin1String("https") && verification.scheme() != QLatin1String("http"))
        return fail(QStringLiteral("the device code answer names a verification address that is not a web page"));
    m_interval = qBound(1, number(json, "interval", "interval", 5), kMaxIntervalSeconds);
    const int expiresIn = qBound(10, number(json, "expires_in", "expiresIn", kDefaultExpirySeconds), 24 * 3600);
    m_expiresAt = QDateTime::currentDateTimeUtc().addSecs(expiresIn);
    Q_EMIT codeReady(verification, m_userCode, m_expiresAt, complete.isValid() ? complete : QUrl());
    if (m_active)
        schedulePoll();
}

void DeviceFlow::schedulePoll()
{
    if (!m_active)
        return;
    // The expiry is measured in the provider's seconds, scaled like the interval.
    const qint64 remainingMs = QDateTime::currentDateTimeUtc().msecsTo(m_expiresAt) * m_secondMs / 1000;
    if (m_secondMs >= 1000 && remainingMs <= 0)
        return fail(QStringLiteral("the code expired before the sign-in was approved; start again"));
    m_timer->start(m_interval * m_secondMs);
}

void DeviceFlow::poll()
{
    if (!m_active)
        return;
    ++m_polls;
    QPointer<DeviceFlow> self(this);
    auto onAnswer = [self](const JsonReply &r) {
        if (self && self->m_active)
            self->onPollAnswer(r);
    };
    switch (m_spec.deviceStyle) {
    case ProviderSpec::DeviceStyle::Rfc8628: {
        TokenClient::Fields fields = {{QStringLiteral("grant_type"), QString::fromLatin1(kDeviceGrant)},
                                      {QStringLiteral("client_id"), m_spec.clientId},
                                      {QStringLiteral("device_code"), m_deviceCode}};
        if (m_spec.devicePkce)
            fields.append(qMakePair(QStringLiteral("code_verifier"), QString::fromLatin1(m_pkce.verifier)));
        m_client->postForm(m_spec.tokenUrl, fields, onAnswer);
        break;
    }
    case ProviderSpec::DeviceStyle::AwsOidc:
        m_client->postJson(m_spec.tokenUrl,
                           {{QStringLiteral("clientId"), m_registration.value(QLatin1String("clientId"))},
                            {QStringLiteral("clientSecret"), m_registration.value(QLatin1String("clientSecret"))},
                            {QStringLiteral("deviceCode"), m_deviceCode},
                            {QStringLiteral("grantType"), QString::fromLatin1(kDeviceGrant)}},
                           onAnswer);
        break;
    case ProviderSpec::DeviceStyle::CodexJson:
        m_client->postJson(m_spec.devicePollUrl.isEmpty() ? m_spec.tokenUrl : m_spec.devicePollUrl,
                           {{QStringLiteral("device_auth_id"), m_deviceCode}, {QStringLiteral("user_code"), m_userCode}},
                           onAnswer);
        break;
    case ProviderSpec::DeviceStyle::None:
        break;
    }
}

void DeviceFlow::onPollAnswer(const JsonReply &r)
{
    if (m_spec.deviceStyle == ProviderSpec::DeviceStyle::CodexJson) {
        // ChatGPT answers 403/404 while the user has not approved yet.
        if ((r.httpStatus == 403 || r.httpStatus == 404)
            && (r.oauthError.isEmpty() || r.oauthError == QLatin1String("authorization_pending")
                || r.oauthError == QLatin1String("deviceauth_authorization_pending") || r.oauthError == QLatin1String("error")))
            return schedulePoll();
        if (r.ok()) {
            const QString code = str(r.json, "authorization_code");
            const QString verifier = str(r.json, "code_verifier");
            if (code.isEmpty() || verifier.isEmpty())
                return fail(QStringLiteral("the approved device sign-in answer has no authorization code"));
            QPointer<DeviceFlow> self(this);
            m_client->exchangeCode(m_spec, code, verifier.toLatin1(), m_spec.deviceRedirectUrl.toString(),
                                   [self](const JsonReply &x) {
                                       if (!self || !self->m_active)
                                           return;
                                       if (!x.ok())
                                           return self->fail(QStringLiteral("exchanging the code failed: %1").arg(x.message()));
                                       const TokenSet t = parseTokenSet(x.json, QDateTime::currentDateTimeUtc());
                                       if (t.accessToken.isEmpty())
                                           return self->fail(QStringLiteral("the token answer has no access token"));
                                       self->succeed(t, x.json);
                                   });
            return;
        }
    }
    if (r.oauthError == QLatin1String("authorization_pending") || r.oauthError == QLatin1String("AuthorizationPendingException"))
        return schedulePoll();
    if (r.oauthError == QLatin1String("slow_down") || r.oauthError == QLatin1String("SlowDownException")) {
        m_interval = qMin(m_interval + 5, kMaxIntervalSeconds);
        return schedulePoll();
    }
    if (r.oauthError == QLatin1String("expired_token") || r.oauthError == QLatin1String("ExpiredTokenException"))
        return fail(QStringLiteral("the code expired before the sign-in was approved; start again"));
    if (r.oauthError == QLatin1String("access_denied") || r.oauthError == QLatin1String("AccessDeniedException"))
        return fail(QStringLiteral("the sign-in was declined"));
    if (!r.ok())
        return fail(QStringLiteral("waiting for the approval failed: %1").arg(r.message()));
    const TokenSet t = parseTokenSet(r.json, QDateTime::currentDateTimeUtc());
    if (t.accessToken.isEmpty())
        return fail(QStringLiteral("the token answer has no access token"));
    succeed(t, r.json);
}

void DeviceFlow::fail(const QString &error)
{
    if (!m_active)
        return;
    m_active = false;
    m_timer->stop();
    Q_EMIT finished({}, {}, {}, error);
}

void DeviceFlow::succeed(const TokenSet &tokens, const QJsonObject &answer)
{
    m_active = false;
    m_timer->stop();
    Q_EMIT finished(tokens, answer, m_registration, {});
}

} // namespace lip::oauth
