// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// RFC 8628 device authorization, and the two dialects of it the providers speak (AWS SSO OIDC
// for Kiro, ChatGPT's JSON variant). The state machine: ask for a code, show it
// (codeReady), then poll at `interval`: authorization_pending → poll again, slow_down → poll 5 s
// slower from now on, expired_token / access_denied / any other error → fail, tokens → done.
// Gives up on its own when the code expires.

#include "backends/oauth/oauthproviders.h"
#include "backends/oauth/pkce.h"
#include "backends/oauth/tokenclient.h"

#include <QDateTime>
#include <QJsonObject>
#include <QObject>
#include <QUrl>

class QTimer;

namespace lip::oauth {


class DeviceFlow : public QObject
{
    Q_OBJECT
public:
    DeviceFlow(const ProviderSpec &spec, TokenClient *client, QObject *parent = nullptr);
    ~DeviceFlow() override;

    void start();
    void cancel();
    // Tests shrink time: one "second" of the provider's interval lasts this many milliseconds.
    void setSecondMs(int ms) { m_secondMs = ms; }
    int intervalSeconds() const { return m_interval; }
    int polls() const { return m_polls; }

Q_SIGNALS:
    void codeReady(const QUrl &verificationUri, const QString &userCode, const QDateTime &expiresAt,
                   const QUrl &verificationUriComplete);
    // Empty error: tokens + the token answer (for identity facts) + the AWS client registration.
    void finished(const lip::oauth::TokenSet &tokens, const QJsonObject &answer, const QJsonObject &registration,
                  const QString &error);

private:
    void requestCode();
    void onCode(const QJsonObject &json);
    void schedulePoll();
    void poll();
    void onPollAnswer(const JsonReply &reply);
    void fail(const QString &error);
    void succeed(const TokenSet &tokens, const QJsonObject &answer);

    ProviderSpec m_spec;
    TokenClient *m_client;
    QTimer *m_timer;
    Pkce m_pkce;
    QJsonObject m_registration; // AwsOidc clientId/clientSecret
    QString m_deviceCode;       // device_code / device_auth_id
    QString m_userCode;
    QDateTime m_expiresAt;
    int m_interval = 5;
    int m_secondMs = 1000;
    int m_polls = 0;
    bool m_active = false;
};

} // namespace lip::oauth
