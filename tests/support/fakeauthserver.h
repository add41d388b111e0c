// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// A fake OAuth 2.0 authorization server for tests (sign-in flows, the token broker, the GUI's
// Accounts page), on FakeProvider's HTTP/1.1 server (127.0.0.1, ephemeral port). Independent of
// engine/ (its own PKCE check), so a bug there cannot hide a bug in the code under test.
//
// Endpoints are matched by the END of the path, so the real providers' paths work once their
// base URL points here (<PROVIDER>_OAUTH_BASE_URL):
//   …/auth or …/authorize   GET: auto-approves; 302 to redirect_uri?code=…&state=…
//   …/token                  POST (form or JSON): authorization_code (PKCE S256 checked),
//                            refresh_token (rotating; invalid_grant when revoked/unknown),
//                            urn:ietf:params:oauth:grant-type:device_code
//   …/device/code or …/device_authorization   POST: a device code
//   …/deviceauth/usercode, …/deviceauth/token  ChatGPT's JSON device variant (403 while pending)
//   …/userinfo               GET with a valid bearer: {"email": …}
//   …/revoke                 POST token=…: revokes it, 200 with an empty body
// Device polling answers authorization_pending N times, then slow_down once (if enabled), then
// tokens — or expired_token / access_denied when told to.

#include "fakeprovider.h"

#include <QHash>
#include <QObject>
#include <QSet>
#include <QString>
#include <QUrl>

#include <optional>

namespace lip::test {

class FakeAuthServer : public QObject
{
    Q_OBJECT
public:
    explicit FakeAuthServer(QObject *parent = nullptr);
    ~FakeAuthServer() override;

    bool listen();
    QUrl baseUrl() const; // http://127.0.0.1:<port>
    quint16 port() const;

    void setEmail(const QString &email) { m_email = email; }
    void setAccessTokenLifetime(int seconds) { m_lifetime = seconds; }
    void setRotateRefreshTokens(bool on) { m_rotate = on; }
    // Authorize endpoint: answer the redirect with ?error=<error> instead of a code.
    void setAuthorizeError(const QString &error) { m_authorizeError = error; }
    // Every token request gets this reply instead (an HTML error page, a 500, not JSON, …).
    void setTokenOverride(std::optional<FakeReply> reply) { m_tokenOverride = std::move(reply); }

    // Device flow script.
    void setDevicePending(int times) { m_devicePending = times; }
    void setDeviceSlowDown(bool once) { m_deviceSlowDown = once; }
    void setDeviceOutcome(const QString &error) { m_deviceOutcome = error; } // "expired_token", "access_denied", "" = success
    void setDeviceInterval(int seconds) { m_deviceInterval = seconds; }
    int devicePolls() const { return m_devicePolls; }

    // Token bookkeeping.
    void revoke(const QString &refreshToken);
    // A refresh token the server will honour, as if issued at an earlier sign-in.
    QString mintRefreshToken();
    int tokenRequests(const QString &grantType) const { return m_grantCounts.value(grantType); }
    int tokenRequestsTotal() const;
    QStringList issuedAccessTokens() const { return m_issuedAccess; }
    QStringList issuedRefreshTokens() const { return m_issuedRefresh; }
    bool isValidAccessToken(const QString &token) const { return m_validAccess.contains(token); }
    int revocations() const { return m_revocations; }
    // An id_token (unsigned JWT) with the email and ChatGPT-style claims, as the server issues it.
    QString makeIdToken() const;

    // The scripted "browser": GETs the authorization URL here (no redirect following), then
    // GETs the redirect's Location (the app's loopback listener) and returns its status and
    // page. `error` explains a failure (no redirect, no connection).
    struct BrowserResult
    {
        int authorizeStatus = 0;
        QUrl location;
        int callbackStatus = 0;
        QByteArray callbackBody;
        QString error;
    };
    static BrowserResult browse(const QUrl &authorizeUrl);
    // GETs any URL on 127.0.0.1 (e.g. a replayed callback); returns status and body.
    static QPair<int, QByteArray> get(const QUrl &url);

    FakeProvider &http() { return m_http; }

private:
    FakeReply handle(const FakeRequest &request);
    FakeReply authorize(const FakeRequest &request);
    FakeReply token(const FakeRequest &request);
    FakeReply deviceCode(const FakeRequest &request);
    FakeReply codexDevice(const FakeRequest &request);
    FakeReply issueTokens(bool withIdToken);
    static FakeReply oauthError(const QByteArray &error, int status = 400, const QByteArray &description = {});

    struct PendingCode
    {
        QString challenge;
        QString redirectUri;
        QString clientId;
    };

    FakeProvider m_http;
    QString m_email = QStringLiteral("tester@example.com");
    int m_lifetime = 3600;
    bool m_rotate = true;
    QString m_authorizeError;
    std::optional<FakeReply> m_tokenOverride;
    int m_devicePending = 2;
    bool m_deviceSlowDown = true;
    QString m_deviceOutcome;
    int m_deviceInterval = 1;
    int m_devicePolls = 0;
    int m_pendingLeft = 0;
    bool m_slowDownSent = false;
    QString m_deviceCode;
    QString m_deviceChallenge;
    QHash<QString, PendingCode> m_codes;
    QSet<QString> m_validRefresh;
    QSet<QString> m_validAccess;
    QStringList m_issuedAccess;
    QStringList m_issuedRefresh;
    QHash<QString, int> m_grantCounts;
    int m_counter = 0;
    int m_revocations = 0;
};

} // namespace lip::test
