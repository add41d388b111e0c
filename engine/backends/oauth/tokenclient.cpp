// SPDX-License-Identifier: GPL-3.0-or-later
#include "backends/oauth/tokenclient.h"

#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QPointer>
#include <QUrlQuery>

namespace lip::oauth {

namespace {

constexpr qint64 kMaxAnswerBytes = 1024 * 1024;

QString jsonString(const QJsonObject &o, const char *snake, const char *camel)
{
    QJsonValue v = o.value(QLatin1String(snake));
    if (v.isUndefined() && camel)
        v = o.value(QLatin1String(camel));
    return v.isString() ? v.toString() : QString();
}

// Formats a form body by hand: QUrlQuery leaves '+' unencoded, which a server decodes as space.
QByteArray formBody(const TokenClient::Fields &fields)
{
    QByteArray out;
    for (const auto &[name, value] : fields) {
        if (!out.isEmpty())
            out += '&';
        out += QUrl::toPercentEncoding(name) + '=' + QUrl::toPercentEncoding(value);
    }
    return out;
}

QString hostOf(const QUrl &url)
{
    return url.port() > 0 ? QStringLiteral("%1:%2").arg(url.host()).arg(url.port()) : url.host();
}

} // namespace

QString JsonReply::message() const
{
    if (!failure.isEmpty())
        return failure;
    if (!oauthError.isEmpty()) {
        if (oauthDescription.isEmpty())
            return QStringLiteral("the provider refused: %1").arg(oauthError);
        return QStringLiteral("the provider refused: %1 (%2)").arg(oauthError, oauthDescription);
    }
    return {};
}

TokenSet parseTokenSet(const QJsonObject &answer, const QDateTime &now)
{
    QJsonObject json = answer;
    if (json.value(QLatin1String("data")).isObject() && !json.contains(QLatin1String("access_token"))
        && !json.contains(QLatin1String("accessToken")))
        json = json.value(QLatin1String("data")).toObject();
    TokenSet t;
    t.accessToken = jsonString(json, "access_token", "accessToken");
    t.refreshToken = jsonString(json, "refresh_token", "refreshToken");
    t.idToken = jsonString(json, "id_token", "idToken");
    t.scope = jsonString(json, "scope", nullptr);
    QJsonValue expiresIn = json.value(QLatin1String("expires_in"));
    if (expiresIn.isUndefined())
        expiresIn = json.value(QLatin1String("expiresIn"));
    const double seconds = expiresIn.isString() ? expiresIn.toString().toDouble() : expiresIn.toDouble(-1);
    if (seconds > 0 && seconds < 10.0 * 365 * 24 * 3600)
        t.expiresAt = now.addSecs(qint64(seconds)).toUTC();
    if (!t.expiresAt.isValid()) {
        const QJsonValue at = json.value(QLatin1String("expiresAt"));
        if (at.isString())
            t.expiresAt = QDateTime::fromString(at.toString(), Qt::ISODateWithMs).toUTC();
        else if (at.isDouble())
            t.expiresAt = QDateTime::fromMSecsSinceEpoch(qint64(at.toDouble())).toUTC();
    }
    return t;
}

TokenClient::TokenClient(QObject *parent) : QObject(parent), m_nam(new QNetworkAccessManager(this))
{
    m_nam->setRedirectPolicy(QNetworkRequest::ManualRedirectPolicy);
    m_nam->setCookieJar(nullptr);
}

TokenClient::~TokenClient()
{
    abortAll();
}

void TokenClient::abortAll()
{
    ++m_generation;
    for (QNetworkReply *reply : m_nam->findChildren<QNetworkReply *>())
        reply->abort();
}

void TokenClient::postForm(const QUrl &url, const Fields &fields, Callback done)
{
    send(url, "POST", "application/x-www-form-urlencoded", formBody(fields), {}, std::move(done));
}

void TokenClient::postJson(const QUrl &url, const QJsonObject &body, Callback done)
{
    send(url, "POST", "application/json", QJsonDocument(body).toJson(QJsonDocument::Compact), {}, std::move(done));
}

void TokenClient::getJson(const QUrl &url, const QString &bearer, Callback done)
{
    send(url, "GET", {}, {}, bearer, std::move(done));
}

void TokenClient::send(const QUrl &url, const QByteArray &method, const QByteArray &contentType,
                       const QByteArray &body, const QString &bearer, Callback done)
{
    const QString what = QStringLiteral("%1 %2").arg(QString::fromLatin1(method), hostOf(url) + url.path());
    if (!url.isValid() || (url.scheme() != QLatin1String("https") && url.scheme() != QLatin1String("http"))) {
        QMetaObject::invokeMethod(this, [done, what] {
            JsonReply r;
            r.failure = QStringLiteral("%1: not a usable URL").arg(what);
            done(r);
        }, Qt::QueuedConnection);
        return;
    }
    QNetworkRequest request(url);
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::ManualRedirectPolicy);
    request.setTransferTimeout(m_timeoutMs);
    request.setRawHeader("Accept", "application/json");
    request.setRawHeader("User-Agent", "llm-interactive-proxy");
    if (!contentType.isEmpty())
        request.setHeader(QNetworkRequest::ContentTypeHeader, contentType);
    if (!bearer.isEmpty())
        request.setRawHeader("Authorization", "Bearer " + bearer.toUtf8());
    QNetworkReply *reply = m_nam->sendCustomRequest(request, method, body);
    connect(reply, &QNetworkReply::downloadProgress, reply, [reply](qint64 received, qint64) {
        if (received > kMaxAnswerBytes)
            reply->abort();
    });
    const quint64 generation = m_generation;
    connect(reply, &QNetworkReply::finished, this, [this, reply, done = std::move(done), what, generation] {
        reply->deleteLater();
        if (generation != m_generation)
            return;
        JsonReply r;
        r.httpStatus = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        const QByteArray bytes = reply->bytesAvailable() <= kMaxAnswerBytes ? reply->readAll() : QByteArray();
        if (reply->bytesAvailable() > 0 || bytes.size() > kMaxAnswerBytes) {
            r.failure = QStringLiteral("%1: the answer is larger than 1 MiB").arg(what);
            done(r);
            return;
        }
        if (r.httpStatus == 0) {
            const bool timedOut = reply->error() == QNetworkReply::OperationCanceledError
                                  || reply->error() == QNetworkReply::TimeoutError;
            r.failure = timedOut ? QStringLiteral("%1: no answer (timed out or too large)").arg(what)
                                 : QStringLiteral("%1: %2").arg(what, reply->errorString());
            done(r);
            return;
        }
        QJsonParseError parseError{};
        const QJsonDocument doc = QJsonDocument::fromJson(bytes, &parseError);
        if (doc.isObject())
            r.json = doc.object();
        const QJsonValue error = r.json.value(QLatin1String("error"));
        if (error.isString()) {
            r.oauthError = error.toString().left(100);
            r.oauthDescription = jsonString(r.json, "error_description", "errorDescription").left(300);
        } else if (error.isObject()) {
            // Some providers nest it: {"error": {"code": …, "message": …}}.
            const QJsonObject e = error.toObject();
            r.oauthError = (e.value(QLatin1String("code")).isString() ? e.value(QLatin1String("code")).toString()
                                                                       : e.value(QLatin1String("status")).toString()).left(100);
            r.oauthDescription = e.value(QLatin1String("message")).toString().left(300);
            if (r.oauthError.isEmpty())
                r.oauthError = QStringLiteral("error");
        }
        const bool httpOk = r.httpStatus >= 200 && r.httpStatus < 300;
        if (!doc.isObject() && (httpOk || r.oauthError.isEmpty())) {
            const QString type = reply->header(QNetworkRequest::ContentTypeHeader).toString().section(QLatin1Char(';'), 0, 0);
            r.failure = QStringLiteral("%1: answered HTTP %2 with %3 instead of JSON")
                            .arg(what)
                            .arg(r.httpStatus)
                            .arg(bytes.isEmpty() ? QStringLiteral("an empty body")
                                                 : (type.isEmpty() ? QStringLiteral("something") : type.left(60)));
        } else if (!httpOk && r.oauthError.isEmpty()) {
            r.failure = QStringLiteral("%1: answered HTTP %2").arg(what).arg(r.httpStatus);
        }
        done(r);
    });
}

void TokenClient::exchangeCode(const ProviderSpec &spec, const QString &code, const QByteArray &verifier,
                               const QString &redirectUri, Callback done)
{
    Fields fields = {{QStringLiteral("grant_type"), QStringLiteral("authorization_code")},
                     {QStringLiteral("code"), code},
                     {QStringLiteral("redirect_uri"), redirectUri},
                     {QStringLiteral("client_id"), spec.clientId},
                     {QStringLiteral("code_verifier"), QString::fromLatin1(verifier)}};
    if (!spec.clientSecret.isEmpty())
        fields.append(qMakePair(QStringLiteral("client_secret"), spec.clientSecret));
    postForm(spec.tokenUrl, fields, std::move(done));
}

void TokenClient::refresh(const ProviderSpec &spec, const QString &refreshToken, const QJsonObject &registration,
                          Callback done)
{
    switch (spec.refreshStyle) {
    case ProviderSpec::TokenStyle::Form: {
        Fields fields = {{QStringLiteral("grant_type"), QStringLiteral("refresh_token")},
                         {QStringLiteral("refresh_token"), refreshToken},
                         {QStringLiteral("client_id"), spec.clientId}};
        if (!spec.clientSecret.isEmpty())
            fields.append(qMakePair(QStringLiteral("client_secret"), spec.clientSecret));
        if (!spec.refreshScope.isEmpty())
            fields.append(qMakePair(QStringLiteral("scope"), spec.refreshScope));
        postForm(spec.tokenUrl, fields, std::move(done));
        return;
    }
    case ProviderSpec::TokenStyle::JsonSnake: {
        QJsonObject body{{QStringLiteral("grant_type"), QStringLiteral("refresh_token")},
                         {QStringLiteral("refresh_token"), refreshToken},
                         {QStringLiteral("client_id"), spec.clientId}};
        if (!spec.refreshScope.isEmpty())
            body.insert(QStringLiteral("scope"), spec.refreshScope);
        postJson(spec.tokenUrl, body, std::move(done));
        return;
    }
    case ProviderSpec::TokenStyle::JsonCamel: {
        QJsonObject body{{QStringLiteral("grantType"), QStringLiteral("refresh_token")},
                         {QStringLiteral("refreshToken"), refreshToken}};
        const QString clientId = registration.value(QLatin1String("clientId")).toString(spec.clientId);
        if (!clientId.isEmpty())
            body.insert(QStringLiteral("clientId"), clientId);
        if (registration.value(QLatin1String("clientSecret")).isString())
            body.insert(QStringLiteral("clientSecret"), registration.value(QLatin1String("clientSecret")));
        postJson(spec.tokenUrl, body, std::move(done));
        return;
    }
    }
}

void TokenClient::revoke(const ProviderSpec &spec, const QString &token, Callback done)
{
    postForm(spec.revokeUrl, {{QStringLiteral("token"), token}}, std::move(done));
}

} // namespace lip::oauth
