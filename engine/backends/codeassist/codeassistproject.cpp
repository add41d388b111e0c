// SPDX-License-Identifier: GPL-3.0-or-later
#include "backends/codeassist/codeassistproject.h"

#include "backends/codeassist/codeassistconnector.h"
#include "core/logging.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QPointer>
#include <QTimer>

namespace lip::codeassist {

namespace {

constexpr int kMaxOnboardRounds = 24;
constexpr qint64 kMaxControlBody = 1024 * 1024;
const QString kFreeTier = QStringLiteral("free-tier");
const QString kStandardTier = QStringLiteral("standard-tier");

QString projectOf(const QJsonValue &v)
{
    // loadCodeAssist names it as a string, onboardUser's operation as {id, name}.
    if (v.isString())
        return v.toString();
    return v.toObject().value(QLatin1String("id")).toString();
}

QJsonObject metadata(const QString &project)
{
    QJsonObject m{{QStringLiteral("ideType"), QStringLiteral("IDE_UNSPECIFIED")},
                  {QStringLiteral("platform"), QStringLiteral("PLATFORM_UNSPECIFIED")},
                  {QStringLiteral("pluginType"), QStringLiteral("GEMINI")}};
    if (!project.isEmpty())
        m.insert(QStringLiteral("duetProject"), project);
    return m;
}

} // namespace

struct ProjectResolver::Pending
{
    QString key;
    QString accountId;
    QString token;
    QString type;
    QString backendName;
    QString base;
    QString configuredProject; // the user's own project (config or environment), may be empty
    std::vector<Done> waiting;
};

ProjectResolver::ProjectResolver(const QHash<QString, QString> &env, QObject *parent)
    : QObject(parent), m_env(env), m_nam(new QNetworkAccessManager(this))
{
    // Nothing here is forwarded for a client: plain control calls, no redirects to follow.
    m_nam->setRedirectPolicy(QNetworkRequest::ManualRedirectPolicy);
}

ProjectResolver::~ProjectResolver() = default;

void ProjectResolver::forget(const QString &accountId)
{
    const QString prefix = accountId + QLatin1Char('|');
    m_cache.removeIf([&](const auto &it) { return it.key().startsWith(prefix); });
}

void ProjectResolver::resolve(const oauth::AccessGrant &grant, const config::BackendConfig &backend, Done done)
{
    const QString key = grant.accountId + QLatin1Char('|') + backend.type;
    if (auto it = m_cache.constFind(key); it != m_cache.constEnd()) {
        done(*it);
        return;
    }
    QString configured = backend.projectId;
    if (configured.isEmpty())
        configured = m_env.value(QStringLiteral("GOOGLE_CLOUD_PROJECT")).trimmed();
    if (configured.isEmpty())
        configured = m_env.value(QStringLiteral("GOOGLE_CLOUD_PROJECT_ID")).trimmed();
    if (backend.type == QLatin1String("gemini-oauth-free"))
        configured.clear(); // the free tier runs in a managed project, never the user's

    if (backend.type == QLatin1String("gemini-cli-cloud-project") && configured.isEmpty()) {
        done(Error::invalid(QStringLiteral("backend '%1' (gemini-cli-cloud-project) needs your Google Cloud project: "
                                           "set GOOGLE_CLOUD_PROJECT or backends.%1.project_id")
                                .arg(backend.name)));
        return;
    }
    // A project the sign-in already found serves the types that take whatever the account has.
    const QString known = grant.extra.value(QLatin1String("project_id")).toString();
    if (!known.isEmpty() && configured.isEmpty()
        && (backend.type == QLatin1String("gemini-oauth-auto") || backend.type == QLatin1String("antigravity-oauth"))) {
        const ProjectChoice choice{known, grant.extra.value(QLatin1String("tier")).toString()};
        m_cache.insert(key, choice);
        done(choice);
        return;
    }

    if (auto it = m_inFlight.constFind(key); it != m_inFlight.constEnd()) {
        (*it)->waiting.push_back(std::move(done));
        return;
    }
    auto pending = std::make_shared<Pending>();
    pending->key = key;
    pending->accountId = grant.accountId;
    pending->token = grant.accessToken;
    pending->type = backend.type;
    pending->backendName = backend.name;
    BackendContext context;
    context.backend = &backend;
    pending->base = apiBase(context);
    pending->configuredProject = configured;
    pending->waiting.push_back(std::move(done));
    m_inFlight.insert(key, pending);
    loadCodeAssist(pending);
}

void ProjectResolver::settle(const std::shared_ptr<Pending> &pending, Result<ProjectChoice> result)
{
    if (result) {
        m_cache.insert(pending->key, *result);
        qCInfo(lcBackendGemini).noquote() << QStringLiteral("%1: account %2 uses Code Assist project %3 (%4)")
                                                 .arg(pending->backendName, pending->accountId, result->projectId,
                                                      result->tierId.isEmpty() ? QStringLiteral("tier unknown") : result->tierId);
    }
    m_inFlight.remove(pending->key);
    std::vector<Done> waiting = std::move(pending->waiting);
    for (Done &done : waiting)
        done(result);
}

void ProjectResolver::post(const std::shared_ptr<Pending> &pending, const QString &method, const QByteArray &body,
                           std::function<void(const QJsonObject &)> then)
{
    QNetworkRequest request(QUrl(pending->base + QStringLiteral("/v1internal:") + method));
    request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    request.setRawHeader("Authorization", "Bearer " + pending->token.toUtf8());
    request.setTransferTimeout(30000);
    QNetworkReply *reply = m_nam->post(request, body);
    connect(reply, &QNetworkReply::finished, this, [this, reply, pending, method, then = std::move(then)] {
        reply->deleteLater();
        const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        const QByteArray data = reply->read(kMaxControlBody);
        const QJsonObject json = QJsonDocument::fromJson(data).object();
        if (status < 200 || status >= 300) {
            QString message = json.value(QLatin1String("error")).toObject().value(QLatin1String("message")).toString();
            if (message.isEmpty())
                message = status ? QStringLiteral("HTTP %1").arg(status) : reply->errorString();
            Error e = Error::make(status == 401 ? ErrorCategory::Authentication
                                  : status == 403 ? ErrorCategory::PermissionDenied
                                  : status == 429 ? ErrorCategory::RateLimited
                                  : status ? ErrorCategory::Upstream : ErrorCategory::UpstreamUnreachable,
                                  QStringLiteral("backend '%1': Code Assist %2 for account %3 failed: %4")
                                      .arg(pending->backendName, method, pending->accountId, message.left(300)));
            e.upstreamStatus = status;
            settle(pending, e);
            return;
        }
        then(json);
    });
}

void ProjectResolver::loadCodeAssist(const std::shared_ptr<Pending> &pending)
{
    QJsonObject body{{QStringLiteral("metadata"), metadata(pending->configuredProject)}};
    if (!pending->configuredProject.isEmpty())
        body.insert(QStringLiteral("cloudaicompanionProject"), pending->configuredProject);
    post(pending, QStringLiteral("loadCodeAssist"), QJsonDocument(body).toJson(QJsonDocument::Compact),
         [this, pending](const QJsonObject &answer) {
        const QString type = pending->type;
        const QString account = pending->accountId;
        const QString configured = pending->configuredProject;
        const QString theirs = projectOf(answer.value(QLatin1String("cloudaicompanionProject")));
        const QJsonObject current = answer.value(QLatin1String("currentTier")).toObject();
        const QString currentId = current.value(QLatin1String("id")).toString();
        const bool plan = type == QLatin1String("gemini-oauth-plan");
        const bool free = type == QLatin1String("gemini-oauth-free");

        if (!currentId.isEmpty()) {
            if (plan && currentId == kFreeTier) {
                settle(pending, Error::make(ErrorCategory::PermissionDenied,
                                            QStringLiteral("backend '%1': account %2 has only the Gemini Code Assist free tier; "
                                                           "use a gemini-oauth-free or gemini-oauth-auto backend, or a plan")
                                                .arg(pending->backendName, account)));
                return;
            }
            const QString project = free ? theirs : (configured.isEmpty() ? theirs : configured);
            if (project.isEmpty()) {
                settle(pending, Error::invalid(QStringLiteral("backend '%1': account %2 (%3) needs a Google Cloud project: "
                                                              "set GOOGLE_CLOUD_PROJECT or backends.%1.project_id")
                                                   .arg(pending->backendName, account, currentId)));
                return;
            }
            settle(pending, ProjectChoice{project, currentId});
            return;
        }

        // Not onboarded yet: pick the tier this backend type stands for.
        QJsonObject tier;
        for (const QJsonValue &t : answer.value(QLatin1String("allowedTiers")).toArray()) {
            const QJsonObject o = t.toObject();
            const QString id = o.value(QLatin1String("id")).toString();
            if (free && id == kFreeTier)
                tier = o;
            else if (plan && id != kFreeTier && (tier.isEmpty() || o.value(QLatin1String("isDefault")).toBool()))
                tier = o;
            else if (!free && !plan && o.value(QLatin1String("isDefault")).toBool())
                tier = o;
        }
        if (tier.isEmpty())
            tier = QJsonObject{{QStringLiteral("id"), free ? kFreeTier : kStandardTier},
                               {QStringLiteral("userDefinedCloudaicompanionProject"), !free}};
        const QString tierId = tier.value(QLatin1String("id")).toString();
        const bool needsProject = tier.value(QLatin1String("userDefinedCloudaicompanionProject")).toBool() && tierId != kFreeTier;
        if (needsProject && configured.isEmpty()) {
            settle(pending, Error::invalid(QStringLiteral("backend '%1': account %2 needs a Google Cloud project for %3: "
                                                          "set GOOGLE_CLOUD_PROJECT or backends.%1.project_id")
                                               .arg(pending->backendName, account, tierId)));
            return;
        }
        onboard(pending, tierId, tierId == kFreeTier ? QString() : configured, 0);
    });
}

void ProjectResolver::onboard(const std::shared_ptr<Pending> &pending, const QString &tierId, const QString &project, int round)
{
    QJsonObject body{{QStringLiteral("tierId"), tierId}, {QStringLiteral("metadata"), metadata(project)}};
    if (!project.isEmpty()) // the free tier refuses a project of the user's
        body.insert(QStringLiteral("cloudaicompanionProject"), project);
    post(pending, QStringLiteral("onboardUser"), QJsonDocument(body).toJson(QJsonDocument::Compact),
         [this, pending, tierId, project, round](const QJsonObject &operation) {
        if (operation.value(QLatin1String("done")).toBool()) {
            QString id = projectOf(operation.value(QLatin1String("response")).toObject().value(QLatin1String("cloudaicompanionProject")));
            if (id.isEmpty())
                id = project;
            if (id.isEmpty()) {
                settle(pending, Error::make(ErrorCategory::UpstreamProtocol,
                                            QStringLiteral("backend '%1': Code Assist onboarding of account %2 named no project")
                                                .arg(pending->backendName, pending->accountId)));
                return;
            }
            settle(pending, ProjectChoice{id, tierId});
            return;
        }
        if (round + 1 >= kMaxOnboardRounds) {
            settle(pending, Error::make(ErrorCategory::Timeout,
                                        QStringLiteral("backend '%1': Code Assist onboarding of account %2 did not finish")
                                            .arg(pending->backendName, pending->accountId)));
            return;
        }
        QTimer::singleShot(m_pollMs, this, [this, pending, tierId, project, round] { onboard(pending, tierId, project, round + 1); });
    });
}

} // namespace lip::codeassist
