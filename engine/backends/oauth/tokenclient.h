// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// The HTTP side of OAuth: token requests (code exchange, refresh), device authorization, userinfo
// and revocation, on a QNetworkAccessManager owned by the caller's thread. Answers are bounded
// (1 MiB, 30 s), never follow redirects, and every failure becomes one sentence for users that
// never quotes a token: a provider that answers an HTML error page or a captive portal gets
// "answered HTTP 502 with text/html instead of JSON", not a parser error.

#include "backends/oauth/oauthproviders.h"

#include <QJsonObject>
#include <QList>
#include <QObject>
#include <QPair>
#include <QUrl>

#include <functional>

class QNetworkAccessManager;

namespace lip::oauth {

struct JsonReply
{
    int httpStatus = 0;     // 0: no HTTP answer
    QJsonObject json;       // the parsed body (object), empty when none
    QString failure;        // transport / not JSON / HTTP error, for users; empty when the answer is usable
    QString oauthError;     // the provider's "error" code ("invalid_grant", "authorization_pending")
    QString oauthDescription;

    bool ok() const { return failure.isEmpty() && oauthError.isEmpty(); }
    bool invalidGrant() const { return oauthError == QLatin1String("invalid_grant"); }
    // One line for users naming what failed and why.
    QString message() const;
};

// Tokens out of a token endpoint's answer (snake_case or camelCase, optionally under "data").
// `now` anchors expires_in. An answer without an access token is not a token set: accessToken empty.
TokenSet parseTokenSet(const QJsonObject &json, const QDateTime &now);

class TokenClient : public QObject
{
    Q_OBJECT
public:
    using Callback = std::function<void(const JsonReply &)>;
    using Fields = QList<QPair<QString, QString>>;

    explicit TokenClient(QObject *parent = nullptr);
    ~TokenClient() override;

    void postForm(const QUrl &url, const Fields &fields, Callback done);
    void postJson(const QUrl &url, const QJsonObject &body, Callback done);
    void getJson(const QUrl &url, const QString &bearer, Callback done);

    // The grants, encoded as the provider expects.
    void exchangeCode(const ProviderSpec &spec, const QString &code, const QByteArray &verifier,
                      const QString &redirectUri, Callback done);
    void refresh(const ProviderSpec &spec, const QString &refreshToken, const QJsonObject &extra, Callback done);
    // RFC 7009 revocation of a refresh token; the callback's failure is informational.
    void revoke(const ProviderSpec &spec, const QString &token, Callback done);

    // Aborts every request in flight (their callbacks are not called).
    void abortAll();
    void setTimeoutMs(int ms) { m_timeoutMs = ms; }

private:
    void send(const QUrl &url, const QByteArray &method, const QByteArray &contentType, const QByteArray &body,
              const QString &bearer, Callback done);

    QNetworkAccessManager *m_nam;
    int m_timeoutMs = 30000;
    quint64 m_generation = 0;
};

} // namespace lip::oauth
