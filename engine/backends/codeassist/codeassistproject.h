// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Which Google Cloud project a Code Assist request is billed to, found once per account and
// backend type and then remembered (engine thread; low-rate, QNetworkAccessManager):
//   POST {base}/v1internal:loadCodeAssist  → the account's current tier and project, or the
//        tiers it may onboard to;
//   POST {base}/v1internal:onboardUser     → a long-running operation, posted again until done,
//        whose response names the (managed, for the free tier) project.
// The backend type decides what is acceptable (docs/backends/gemini-oauth.md):
//   gemini-oauth-free         the free tier (managed project; no project of the user's);
//   gemini-oauth-plan         a paid tier (Code Assist Standard/Enterprise); never the free tier;
//   gemini-oauth-auto         whatever loadCodeAssist says: the current tier, else the default one;
//   gemini-cli-cloud-project  the user's own project (GOOGLE_CLOUD_PROJECT or project_id).
//   antigravity-oauth         as auto, against Antigravity's endpoint.

#include "backends/oauth/oauthtypes.h"
#include "config/config.h"
#include "core/error.h"

#include <QHash>
#include <QObject>

#include <functional>
#include <memory>
#include <vector>

class QNetworkAccessManager;

namespace lip::codeassist {

struct ProjectChoice
{
    QString projectId;
    QString tierId; // "free-tier", "standard-tier", "legacy-tier", …
};

class ProjectResolver : public QObject
{
    Q_OBJECT
public:
    using Done = std::function<void(Result<ProjectChoice>)>;

    // `env` for GOOGLE_CLOUD_PROJECT / GOOGLE_CLOUD_PROJECT_ID.
    explicit ProjectResolver(const QHash<QString, QString> &env, QObject *parent = nullptr);
    ~ProjectResolver() override;

    // The project for `grant`'s account on `backend`. Answers at once from the cache or from
    // grant.extra.project_id; otherwise calls the API (single-flight per account and type).
    void resolve(const oauth::AccessGrant &grant, const config::BackendConfig &backend, Done done);
    // Forget what is known for an account (signed out, or the project was refused).
    void forget(const QString &accountId);
    // Interval between onboardUser polls (the Gemini CLI waits 5 s). Tests shorten it.
    void setPollIntervalMs(int ms) { m_pollMs = ms; }

private:
    struct Pending;
    void loadCodeAssist(const std::shared_ptr<Pending> &pending);
    void onboard(const std::shared_ptr<Pending> &pending, const QString &tierId, const QString &project, int round);
    void post(const std::shared_ptr<Pending> &pending, const QString &method, const QByteArray &body,
              std::function<void(const QJsonObject &)> then);
    void settle(const std::shared_ptr<Pending> &pending, Result<ProjectChoice> result);

    QHash<QString, QString> m_env;
    QNetworkAccessManager *m_nam;
    QHash<QString, ProjectChoice> m_cache;                 // accountId|type → choice
    QHash<QString, std::shared_ptr<Pending>> m_inFlight;   // accountId|type → the one lookup
    int m_pollMs = 5000;
};

} // namespace lip::codeassist
