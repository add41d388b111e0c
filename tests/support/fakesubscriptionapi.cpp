// SPDX-License-Identifier: GPL-3.0-or-later
#include "fakesubscriptionapi.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QUrlQuery>

namespace lip::test {

namespace {

FakeReply jsonReply(int status, const QJsonObject &o)
{
    return FakeReply::json(QJsonDocument(o).toJson(QJsonDocument::Compact), status);
}

FakeReply googleError(int status, const QString &state, const QString &message)
{
    return jsonReply(status, QJsonObject{{QStringLiteral("error"),
                                          QJsonObject{{QStringLiteral("code"), status},
                                                      {QStringLiteral("message"), message},
                                                      {QStringLiteral("status"), state}}}});
}

QByteArray sseEvent(const QJsonObject &o)
{
    return "data: " + QJsonDocument(o).toJson(QJsonDocument::Compact) + "\n\n";
}

} // namespace

FakeSubscriptionApi::FakeSubscriptionApi(QObject *parent) : QObject(parent)
{
    m_provider.setHandler([this](const FakeRequest &request) { return handle(request); });
}

bool FakeSubscriptionApi::listen()
{
    return m_provider.listen();
}

void FakeSubscriptionApi::addAccount(const QString &label, const QString &chatgptAccountId)
{
    m_generation[label] = 1;
    m_access.insert(label, QStringLiteral("at-%1-1").arg(label));
    m_chatgptIds.insert(label, chatgptAccountId.isEmpty() ? QStringLiteral("acct-") + label : chatgptAccountId);
}

void FakeSubscriptionApi::expireAccessToken(const QString &label)
{
    m_access.insert(label, QStringLiteral("at-%1-expired-%2").arg(label).arg(++m_generation[label]));
}

void FakeSubscriptionApi::setOutOfQuota(const QString &label, bool out)
{
    if (out)
        m_quota.insert(label);
    else
        m_quota.remove(label);
}

int FakeSubscriptionApi::apiRequestCount(const QByteArray &pathPart) const
{
    return int(apiRequests(pathPart).size());
}

QList<FakeRequest> FakeSubscriptionApi::apiRequests(const QByteArray &pathPart) const
{
    QList<FakeRequest> out;
    for (const FakeRequest &r : m_provider.requests()) {
        if (r.path.contains(pathPart))
            out << r;
    }
    return out;
}

QString FakeSubscriptionApi::accountFor(const FakeRequest &request) const
{
    const QByteArray auth = request.header("authorization");
    if (!auth.startsWith("Bearer "))
        return {};
    const QString token = QString::fromUtf8(auth.mid(7));
    for (auto it = m_access.constBegin(); it != m_access.constEnd(); ++it) {
        if (it.value() == token)
            return it.key();
    }
    return {};
}

FakeReply FakeSubscriptionApi::handle(const FakeRequest &request)
{
    if (request.path.endsWith("/token"))
        return token(request);
    const QString account = accountFor(request);
    if (request.path.contains("/backend-api/codex/")) {
        if (account.isEmpty())
            return jsonReply(401, QJsonObject{{QStringLiteral("detail"), QStringLiteral("Unauthorized")}});
        return codex(request, account);
    }
    if (request.path.contains("/v1internal:")) {
        if (account.isEmpty())
            return googleError(401, QStringLiteral("UNAUTHENTICATED"), QStringLiteral("Request had invalid authentication credentials."));
        return codeAssist(request, account);
    }
    return FakeReply::error(404, "no such endpoint in FakeSubscriptionApi");
}

FakeReply FakeSubscriptionApi::token(const FakeRequest &request)
{
    QString grantType;
    QString refresh;
    const QJsonObject json = QJsonDocument::fromJson(request.body).object();
    if (!json.isEmpty()) {
        grantType = json.value(QStringLiteral("grant_type")).toString();
        refresh = json.value(QStringLiteral("refresh_token")).toString();
        if (refresh.isEmpty())
            refresh = json.value(QStringLiteral("refreshToken")).toString();
    } else {
        const QUrlQuery form(QString::fromUtf8(request.body));
        grantType = form.queryItemValue(QStringLiteral("grant_type"), QUrl::FullyDecoded);
        refresh = form.queryItemValue(QStringLiteral("refresh_token"), QUrl::FullyDecoded);
    }
    if (!refresh.startsWith(QLatin1String("rt-")))
        return jsonReply(400, QJsonObject{{QStringLiteral("error"), QStringLiteral("invalid_request")}});
    const QString label = refresh.mid(3);
    ++m_refreshes;
    ++m_refreshesBy[label];
    if (!m_access.contains(label) || m_revoked.contains(label))
        return jsonReply(400, QJsonObject{{QStringLiteral("error"), QStringLiteral("invalid_grant")},
                                          {QStringLiteral("error_description"), QStringLiteral("Token has been revoked.")}});
    Q_UNUSED(grantType)
    const QString fresh = QStringLiteral("at-%1-%2").arg(label).arg(++m_generation[label]);
    m_access.insert(label, fresh);
    return jsonReply(200, QJsonObject{{QStringLiteral("access_token"), fresh},
                                      {QStringLiteral("expires_in"), 3600},
                                      {QStringLiteral("token_type"), QStringLiteral("Bearer")},
                                      {QStringLiteral("refresh_token"), refresh}});
}

FakeReply FakeSubscriptionApi::codex(const FakeRequest &request, const QString &account)
{
    if (!request.path.endsWith("/responses"))
        return FakeReply::error(404, "unknown codex path");
    if (request.header("chatgpt-account-id") != m_chatgptIds.value(account).toUtf8())
        return jsonReply(403, QJsonObject{{QStringLiteral("detail"), QStringLiteral("account id mismatch")}});
    if (request.header("openai-beta") != "responses=experimental" || request.header("originator").isEmpty()
        || request.header("session_id").isEmpty())
        return jsonReply(400, QJsonObject{{QStringLiteral("detail"), QStringLiteral("missing Codex headers")}});
    const QJsonObject body = QJsonDocument::fromJson(request.body).object();
    if (body.contains(QStringLiteral("max_output_tokens")))
        return jsonReply(400, QJsonObject{{QStringLiteral("detail"), QStringLiteral("Unsupported parameter: max_output_tokens")}});
    if (body.value(QStringLiteral("stream")) != QJsonValue(true))
        return jsonReply(400, QJsonObject{{QStringLiteral("detail"), QStringLiteral("Stream must be set to true")}});
    if (body.value(QStringLiteral("store")) != QJsonValue(false))
        return jsonReply(400, QJsonObject{{QStringLiteral("detail"), QStringLiteral("Store must be set to false")}});
    if (!body.value(QStringLiteral("instructions")).isString())
        return jsonReply(400, QJsonObject{{QStringLiteral("detail"), QStringLiteral("Instructions are required")}});
    if (m_quota.contains(account)) {
        return jsonReply(429, QJsonObject{{QStringLiteral("error"),
                                           QJsonObject{{QStringLiteral("type"), QStringLiteral("usage_limit_reached")},
                                                       {QStringLiteral("message"), QStringLiteral("The usage limit has been reached")},
                                                       {QStringLiteral("resets_in_seconds"), 3600}}}});
    }
    m_lastServed = account;
    const QString model = body.value(QStringLiteral("model")).toString();
    const QString text = QStringLiteral("Hello from %1").arg(account);
    const QString id = QStringLiteral("resp_fake_%1").arg(account);
    QJsonObject response{{QStringLiteral("id"), id}, {QStringLiteral("object"), QStringLiteral("response")},
                         {QStringLiteral("model"), model}, {QStringLiteral("status"), QStringLiteral("in_progress")}};
    const QJsonObject message{{QStringLiteral("id"), QStringLiteral("msg_1")}, {QStringLiteral("type"), QStringLiteral("message")},
                              {QStringLiteral("role"), QStringLiteral("assistant")}, {QStringLiteral("status"), QStringLiteral("in_progress")},
                              {QStringLiteral("content"), QJsonArray()}};
    QList<QByteArray> events;
    events << sseEvent({{QStringLiteral("type"), QStringLiteral("response.created")}, {QStringLiteral("response"), response}});
    events << sseEvent({{QStringLiteral("type"), QStringLiteral("response.output_item.added")}, {QStringLiteral("output_index"), 0},
                        {QStringLiteral("item"), message}});
    events << sseEvent({{QStringLiteral("type"), QStringLiteral("response.output_text.delta")}, {QStringLiteral("item_id"), QStringLiteral("msg_1")},
                        {QStringLiteral("output_index"), 0}, {QStringLiteral("content_index"), 0}, {QStringLiteral("delta"), text}});
    QJsonObject doneMessage = message;
    doneMessage.insert(QStringLiteral("status"), QStringLiteral("completed"));
    doneMessage.insert(QStringLiteral("content"), QJsonArray{QJsonObject{{QStringLiteral("type"), QStringLiteral("output_text")},
                                                                        {QStringLiteral("text"), text}}});
    events << sseEvent({{QStringLiteral("type"), QStringLiteral("response.output_item.done")}, {QStringLiteral("output_index"), 0},
                        {QStringLiteral("item"), doneMessage}});
    response.insert(QStringLiteral("status"), QStringLiteral("completed"));
    response.insert(QStringLiteral("output"), QJsonArray{doneMessage});
    response.insert(QStringLiteral("usage"),
                    QJsonObject{{QStringLiteral("input_tokens"), 11},
                                {QStringLiteral("input_tokens_details"), QJsonObject{{QStringLiteral("cached_tokens"), 2}}},
                                {QStringLiteral("output_tokens"), 7},
                                {QStringLiteral("output_tokens_details"), QJsonObject{{QStringLiteral("reasoning_tokens"), 1}}},
                                {QStringLiteral("total_tokens"), 18}});
    events << sseEvent({{QStringLiteral("type"), QStringLiteral("response.completed")}, {QStringLiteral("response"), response}});
    FakeReply reply = FakeReply::sse(events);
    return reply;
}

FakeReply FakeSubscriptionApi::codeAssist(const FakeRequest &request, const QString &account)
{
    const QJsonObject body = QJsonDocument::fromJson(request.body).object();
    const QJsonObject load = m_load.value(account, QJsonObject{
        {QStringLiteral("currentTier"), QJsonObject{{QStringLiteral("id"), QStringLiteral("standard-tier")}}},
        {QStringLiteral("cloudaicompanionProject"), QString(QStringLiteral("proj-") + account)}});
    if (request.path.endsWith(":loadCodeAssist"))
        return jsonReply(200, load);
    if (request.path.endsWith(":onboardUser")) {
        if (m_onboardSeen[account]++ < m_onboardPolls)
            return jsonReply(200, QJsonObject{{QStringLiteral("name"), QStringLiteral("operations/onboard")}, {QStringLiteral("done"), false}});
        const QString tier = body.value(QStringLiteral("tierId")).toString();
        const QString project = tier == QLatin1String("free-tier") ? QStringLiteral("managed-") + account
                                                                  : body.value(QStringLiteral("cloudaicompanionProject")).toString();
        return jsonReply(200, QJsonObject{{QStringLiteral("name"), QStringLiteral("operations/onboard")}, {QStringLiteral("done"), true},
                                          {QStringLiteral("response"),
                                           QJsonObject{{QStringLiteral("cloudaicompanionProject"),
                                                        QJsonObject{{QStringLiteral("id"), project}}}}}});
    }
    const bool stream = request.path.endsWith(":streamGenerateContent");
    if (!stream && !request.path.endsWith(":generateContent"))
        return googleError(404, QStringLiteral("NOT_FOUND"), QStringLiteral("unknown method"));
    if (stream && request.query != "alt=sse")
        return googleError(400, QStringLiteral("INVALID_ARGUMENT"), QStringLiteral("alt=sse expected"));
    const QJsonObject inner = body.value(QStringLiteral("request")).toObject();
    if (body.value(QStringLiteral("model")).toString().isEmpty() || body.value(QStringLiteral("project")).toString().isEmpty()
        || !inner.value(QStringLiteral("contents")).isArray())
        return googleError(400, QStringLiteral("INVALID_ARGUMENT"), QStringLiteral("expected {model, project, request:{contents}}"));
    if (m_quota.contains(account))
        return googleError(429, QStringLiteral("RESOURCE_EXHAUSTED"), QStringLiteral("Quota exceeded for quota metric"));
    m_lastServed = account;
    const QJsonObject answer{
        {QStringLiteral("candidates"),
         QJsonArray{QJsonObject{{QStringLiteral("content"),
                                 QJsonObject{{QStringLiteral("role"), QStringLiteral("model")},
                                             {QStringLiteral("parts"), QJsonArray{QJsonObject{{QStringLiteral("text"),
                                                                                                QStringLiteral("Hello from %1 in %2")
                                                                                                    .arg(account, body.value(QStringLiteral("project")).toString())}}}}}},
                                {QStringLiteral("finishReason"), QStringLiteral("STOP")}}}},
        {QStringLiteral("usageMetadata"), QJsonObject{{QStringLiteral("promptTokenCount"), 9},
                                                      {QStringLiteral("candidatesTokenCount"), 4},
                                                      {QStringLiteral("totalTokenCount"), 13}}},
        {QStringLiteral("modelVersion"), body.value(QStringLiteral("model"))}};
    const QJsonObject wrapped{{QStringLiteral("response"), answer}, {QStringLiteral("traceId"), QStringLiteral("trace-1")}};
    if (!stream)
        return jsonReply(200, wrapped);
    return FakeReply::sse({sseEvent(wrapped)});
}

} // namespace lip::test
