// SPDX-License-Identifier: GPL-3.0-or-later
#include "fakeauthserver.h"

#include "rawhttpclient.h"

#include <QCryptographicHash>
#include <QJsonDocument>
#include <QJsonObject>
#include <QUrlQuery>

namespace lip::test {

namespace {

// Form or JSON body → flat string map (JSON camelCase names are mapped to snake_case).
QHash<QString, QString> bodyFields(const FakeRequest &request)
{
    QHash<QString, QString> fields;
    if (request.header("content-type").startsWith("application/json")) {
        const QJsonObject o = QJsonDocument::fromJson(request.body).object();
        for (auto it = o.begin(); it != o.end(); ++it) {
            QString key = it.key();
            QString snake;
            for (QChar c : key) {
                if (c.isUpper()) {
                    snake += QLatin1Char('_');
                    snake += c.toLower();
                } else {
                    snake += c;
                }
            }
            fields.insert(snake, it.value().toString());
        }
        return fields;
    }
    const QUrlQuery query(QString::fromUtf8(request.body));
    for (const auto &[k, v] : query.queryItems(QUrl::FullyDecoded))
        fields.insert(k, v);
    return fields;
}

QString s256(const QString &verifier)
{
    return QString::fromLatin1(QCryptographicHash::hash(verifier.toLatin1(), QCryptographicHash::Sha256)
                                   .toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
}

QByteArray json(const QJsonObject &o)
{
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

} // namespace

FakeAuthServer::FakeAuthServer(QObject *parent) : QObject(parent)
{
    m_http.setHandler([this](const FakeRequest &r) { return handle(r); });
}

FakeAuthServer::~FakeAuthServer() = default;

bool FakeAuthServer::listen()
{
    return m_http.listen();
}

QUrl FakeAuthServer::baseUrl() const
{
    return m_http.baseUrl();
}

quint16 FakeAuthServer::port() const
{
    return m_http.port();
}

void FakeAuthServer::revoke(const QString &refreshToken)
{
    m_validRefresh.remove(refreshToken);
}

QString FakeAuthServer::mintRefreshToken()
{
    const QString refresh = QStringLiteral("fake-minted-refresh-%1").arg(++m_counter);
    m_validRefresh.insert(refresh);
    m_issuedRefresh << refresh;
    return refresh;
}

int FakeAuthServer::tokenRequestsTotal() const
{
    int n = 0;
    for (int v : m_grantCounts)
        n += v;
    return n;
}

QString FakeAuthServer::makeIdToken() const
{
    const QJsonObject header{{QStringLiteral("alg"), QStringLiteral("none")}};
    const QJsonObject claims{{QStringLiteral("email"), m_email},
                             {QStringLiteral("sub"), QStringLiteral("user-1")},
                             {QStringLiteral("https://api.openai.com/auth"),
                              QJsonObject{{QStringLiteral("chatgpt_account_id"), QStringLiteral("acct-123")},
                                          {QStringLiteral("chatgpt_plan_type"), QStringLiteral("plus")}}}};
    const auto enc = [](const QJsonObject &o) {
        return QString::fromLatin1(json(o).toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
    };
    return enc(header) + QLatin1Char('.') + enc(claims) + QStringLiteral(".sig");
}

FakeReply FakeAuthServer::oauthError(const QByteArray &error, int status, const QByteArray &description)
{
    QJsonObject o{{QStringLiteral("error"), QString::fromLatin1(error)}};
    if (!description.isEmpty())
        o.insert(QStringLiteral("error_description"), QString::fromLatin1(description));
    return FakeReply::json(json(o), status);
}

FakeReply FakeAuthServer::handle(const FakeRequest &request)
{
    const QByteArray path = request.path;
    if (path.endsWith("/deviceauth/usercode") || path.endsWith("/deviceauth/token"))
        return codexDevice(request);
    if (path.endsWith("/auth") || path.endsWith("/authorize"))
        return authorize(request);
    if (path.endsWith("/token"))
        return token(request);
    if (path.endsWith("/device/code") || path.endsWith("/device_authorization"))
        return deviceCode(request);
    if (path.endsWith("/userinfo")) {
        const QString bearer = QString::fromLatin1(request.header("authorization")).mid(7);
        if (!request.header("authorization").startsWith("Bearer ") || !m_validAccess.contains(bearer))
            return oauthError("invalid_token", 401);
        return FakeReply::json(json({{QStringLiteral("email"), m_email}, {QStringLiteral("id"), QStringLiteral("user-1")}}));
    }
    if (path.endsWith("/revoke")) {
        const QString token = bodyFields(request).value(QStringLiteral("token"));
        ++m_revocations;
        m_validRefresh.remove(token);
        m_validAccess.remove(token);
        FakeReply r;
        r.status = 200;
        return r;
    }
    return oauthError("not_found", 404);
}

FakeReply FakeAuthServer::authorize(const FakeRequest &request)
{
    const QUrlQuery q(QString::fromLatin1(request.query));
    const QString redirect = q.queryItemValue(QStringLiteral("redirect_uri"), QUrl::FullyDecoded);
    const QString state = q.queryItemValue(QStringLiteral("state"), QUrl::FullyDecoded);
    const QString challenge = q.queryItemValue(QStringLiteral("code_challenge"), QUrl::FullyDecoded);
    if (redirect.isEmpty() || q.queryItemValue(QStringLiteral("response_type")) != QLatin1String("code"))
        return FakeReply::error(400, "bad authorization request");
    if (challenge.isEmpty() || q.queryItemValue(QStringLiteral("code_challenge_method")) != QLatin1String("S256"))
        return FakeReply::error(400, "PKCE S256 required");
    QUrl target(redirect);
    QUrlQuery answer;
    if (!m_authorizeError.isEmpty()) {
        answer.addQueryItem(QStringLiteral("error"), m_authorizeError);
    } else {
        const QString code = QStringLiteral("code-%1").arg(++m_counter);
        m_codes.insert(code, {challenge, redirect, q.queryItemValue(QStringLiteral("client_id"), QUrl::FullyDecoded)});
        answer.addQueryItem(QStringLiteral("code"), code);
    }
    answer.addQueryItem(QStringLiteral("state"), state);
    target.setQuery(answer);
    FakeReply r;
    r.status = 302;
    r.headers = {{"Location", target.toEncoded()}};
    return r;
}

FakeReply FakeAuthServer::issueTokens(bool withIdToken)
{
    const QString access = QStringLiteral("fake-access-%1-%2").arg(++m_counter).arg(QString::number(quint64(this), 16));
    const QString refresh = QStringLiteral("fake-refresh-%1-%2").arg(++m_counter).arg(QString::number(quint64(this), 16));
    m_validAccess.insert(access);
    m_validRefresh.insert(refresh);
    m_issuedAccess << access;
    m_issuedRefresh << refresh;
    QJsonObject o{{QStringLiteral("access_token"), access},
                  {QStringLiteral("refresh_token"), refresh},
                  {QStringLiteral("token_type"), QStringLiteral("Bearer")},
                  {QStringLiteral("expires_in"), m_lifetime},
                  {QStringLiteral("resource_url"), QStringLiteral("portal.example.test")}};
    if (withIdToken)
        o.insert(QStringLiteral("id_token"), makeIdToken());
    return FakeReply::json(json(o));
}

FakeReply FakeAuthServer::token(const FakeRequest &request)
{
    const QHash<QString, QString> f = bodyFields(request);
    const QString grant = f.value(QStringLiteral("grant_type"));
    m_grantCounts[grant] += 1;
    if (m_tokenOverride)
        return *m_tokenOverride;
    if (grant == QLatin1String("authorization_code")) {
        const QString code = f.value(QStringLiteral("code"));
        if (!m_codes.contains(code))
            return oauthError("invalid_grant", 400, "unknown or used code");
        const PendingCode pending = m_codes.take(code); // one use only
        if (s256(f.value(QStringLiteral("code_verifier"))) != pending.challenge)
            return oauthError("invalid_grant", 400, "code_verifier does not match");
        if (f.value(QStringLiteral("redirect_uri")) != pending.redirectUri)
            return oauthError("invalid_grant", 400, "redirect_uri mismatch");
        return issueTokens(true);
    }
    if (grant == QLatin1String("refresh_token")) {
        const QString refresh = f.value(QStringLiteral("refresh_token"));
        if (!m_validRefresh.contains(refresh))
            return oauthError("invalid_grant", 400, "refresh token revoked");
        if (!m_rotate) {
            const QString access = QStringLiteral("fake-access-%1").arg(++m_counter);
            m_validAccess.insert(access);
            m_issuedAccess << access;
            return FakeReply::json(json({{QStringLiteral("access_token"), access}, {QStringLiteral("expires_in"), m_lifetime}}));
        }
        m_validRefresh.remove(refresh); // rotation: the old one is spent
        return issueTokens(false);
    }
    if (grant == QLatin1String("urn:ietf:params:oauth:grant-type:device_code")) {
        ++m_devicePolls;
        if (f.value(QStringLiteral("device_code")) != m_deviceCode || m_deviceCode.isEmpty())
            return oauthError("invalid_grant", 400, "unknown device code");
        if (!m_deviceChallenge.isEmpty() && s256(f.value(QStringLiteral("code_verifier"))) != m_deviceChallenge)
            return oauthError("invalid_grant", 400, "code_verifier does not match");
        if (m_pendingLeft > 0) {
            --m_pendingLeft;
            return oauthError("authorization_pending");
        }
        if (m_deviceSlowDown && !m_slowDownSent) {
            m_slowDownSent = true;
            return oauthError("slow_down");
        }
        if (!m_deviceOutcome.isEmpty())
            return oauthError(m_deviceOutcome.toLatin1());
        m_deviceCode.clear(); // used
        return issueTokens(true);
    }
    return oauthError("unsupported_grant_type");
}

FakeReply FakeAuthServer::deviceCode(const FakeRequest &request)
{
    const QHash<QString, QString> f = bodyFields(request);
    m_deviceCode = QStringLiteral("device-%1").arg(++m_counter);
    m_deviceChallenge = f.value(QStringLiteral("code_challenge"));
    m_pendingLeft = m_devicePending;
    m_slowDownSent = false;
    const QString verify = baseUrl().toString() + QStringLiteral("/activate");
    return FakeReply::json(json({{QStringLiteral("device_code"), m_deviceCode},
                                 {QStringLiteral("user_code"), QStringLiteral("ABCD-1234")},
                                 {QStringLiteral("verification_uri"), verify},
                                 {QStringLiteral("verification_uri_complete"), QString(verify + QStringLiteral("?user_code=ABCD-1234"))},
                                 {QStringLiteral("expires_in"), 600},
                                 {QStringLiteral("interval"), m_deviceInterval}}));
}

FakeReply FakeAuthServer::codexDevice(const FakeRequest &request)
{
    // ChatGPT's variant: JSON in and out, 403 while pending, then an authorization code plus the
    // PKCE verifier the server generated, to be exchanged at /oauth/token.
    const QJsonObject body = QJsonDocument::fromJson(request.body).object();
    if (request.path.endsWith("/usercode")) {
        m_deviceCode = QStringLiteral("devauth-%1").arg(++m_counter);
        m_pendingLeft = m_devicePending;
        return FakeReply::json(json({{QStringLiteral("device_auth_id"), m_deviceCode},
                                     {QStringLiteral("user_code"), QStringLiteral("CODE-XYZ")},
                                     {QStringLiteral("interval"), QString::number(m_deviceInterval)}}));
    }
    ++m_devicePolls;
    if (body.value(QLatin1String("device_auth_id")).toString() != m_deviceCode || m_deviceCode.isEmpty())
        return FakeReply::error(404, "unknown device auth");
    if (m_pendingLeft > 0) {
        --m_pendingLeft;
        FakeReply pending;
        pending.status = 403;
        return pending;
    }
    m_deviceCode.clear();
    const QString verifier = QStringLiteral("server-made-verifier-0123456789-abcdefghijklmnop");
    const QString code = QStringLiteral("devcode-%1").arg(++m_counter);
    m_codes.insert(code, {s256(verifier), baseUrl().toString() + QStringLiteral("/deviceauth/callback"), {}});
    return FakeReply::json(json({{QStringLiteral("authorization_code"), code},
                                 {QStringLiteral("code_verifier"), verifier},
                                 {QStringLiteral("code_challenge"), s256(verifier)}}));
}

QPair<int, QByteArray> FakeAuthServer::get(const QUrl &url)
{
    RawHttpClient client(quint16(url.port(80)));
    client.send("GET", url.toEncoded(QUrl::RemoveScheme | QUrl::RemoveAuthority));
    if (!client.waitForEnd())
        return {0, {}};
    return {client.status(), client.body()};
}

FakeAuthServer::BrowserResult FakeAuthServer::browse(const QUrl &authorizeUrl)
{
    BrowserResult result;
    {
        RawHttpClient client(quint16(authorizeUrl.port(80)));
        client.send("GET", authorizeUrl.toEncoded(QUrl::RemoveScheme | QUrl::RemoveAuthority));
        if (!client.waitForEnd()) {
            result.error = QStringLiteral("the authorization endpoint did not answer");
            return result;
        }
        result.authorizeStatus = client.status();
        result.location = QUrl::fromEncoded(client.header("location"));
    }
    if (result.authorizeStatus != 302 || !result.location.isValid()) {
        result.error = QStringLiteral("no redirect from the authorization endpoint (HTTP %1)").arg(result.authorizeStatus);
        return result;
    }
    const auto [status, body] = get(result.location);
    result.callbackStatus = status;
    result.callbackBody = body;
    if (status == 0)
        result.error = QStringLiteral("the loopback listener did not answer");
    return result;
}

} // namespace lip::test
