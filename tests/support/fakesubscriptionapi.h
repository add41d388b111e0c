// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Fake subscription (OAuth) provider APIs on one FakeProvider server, each checking the bearer
// token the way the real one does and answering what the real one answers:
//   POST /backend-api/codex/responses   ChatGPT Codex (Responses SSE only; store:false, stream:true,
//                                        instructions required, max_output_tokens refused,
//                                        chatgpt-account-id must match the token's account)
//   POST /v1internal:loadCodeAssist, :onboardUser, :generateContent, :streamGenerateContent?alt=sse
//                                        Google Code Assist (wrapped bodies, project checked)
//   POST …/token                         a refresh-token endpoint (JSON or form body) for the
//                                        broker: counts refreshes, rotates access tokens, answers
//                                        invalid_grant for revoked refresh tokens.
// Accounts are labels ("a", "b"); each has a current access token and a refresh token.

#include "fakeprovider.h"

#include <QHash>
#include <QJsonObject>
#include <QSet>

namespace lip::test {

class FakeSubscriptionApi : public QObject
{
    Q_OBJECT
public:
    explicit FakeSubscriptionApi(QObject *parent = nullptr);

    bool listen();
    QUrl baseUrl() const { return m_provider.baseUrl(); }
    FakeProvider &provider() { return m_provider; }

    // Registers an account: returns nothing; tokens are "at-<label>-<n>" / "rt-<label>".
    void addAccount(const QString &label, const QString &chatgptAccountId = {});
    QString accessToken(const QString &label) const { return m_access.value(label); }
    QString refreshToken(const QString &label) const { return QStringLiteral("rt-") + label; }
    // The current access token stops working (the API answers 401) until the next refresh.
    void expireAccessToken(const QString &label);
    void revokeRefreshToken(const QString &label) { m_revoked.insert(label); }
    // Codex answers 429 usage_limit_reached / Code Assist 429 RESOURCE_EXHAUSTED for this account.
    void setOutOfQuota(const QString &label, bool out = true);
    // What loadCodeAssist answers for an account (default: standard tier, project "proj-<label>").
    void setLoadCodeAssist(const QString &label, const QJsonObject &answer) { m_load.insert(label, answer); }
    // onboardUser answers done:false this many times before done:true.
    void setOnboardPolls(int polls) { m_onboardPolls = polls; }

    int refreshCount() const { return m_refreshes; }
    int refreshCount(const QString &label) const { return m_refreshesBy.value(label); }
    int apiRequestCount(const QByteArray &pathPart) const; // requests whose path contains it
    QList<FakeRequest> apiRequests(const QByteArray &pathPart) const;
    QString lastAccountServed() const { return m_lastServed; }

private:
    FakeReply handle(const FakeRequest &request);
    FakeReply token(const FakeRequest &request);
    FakeReply codex(const FakeRequest &request, const QString &account);
    FakeReply codeAssist(const FakeRequest &request, const QString &account);
    QString accountFor(const FakeRequest &request) const; // by bearer token; empty if invalid

    FakeProvider m_provider;
    QHash<QString, QString> m_access;     // label → current access token
    QHash<QString, QString> m_chatgptIds; // label → chatgpt account id
    QHash<QString, int> m_generation;
    QSet<QString> m_revoked;
    QSet<QString> m_quota;
    QHash<QString, QJsonObject> m_load;
    QHash<QString, int> m_refreshesBy;
    QHash<QString, int> m_onboardSeen;
    int m_onboardPolls = 0;
    int m_refreshes = 0;
    QString m_lastServed;
};

} // namespace lip::test
