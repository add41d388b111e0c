// SPDX-License-Identifier: GPL-3.0-or-later
#include "faultprovider.h"

#include <QTcpServer>
#include <QUrlQuery>

namespace lip::test {

namespace {

QByteArray keyOf(const FakeRequest &request)
{
    const QByteArray auth = request.header("authorization");
    if (auth.startsWith("Bearer "))
        return auth.mid(7);
    if (request.hasHeader("x-api-key"))
        return request.header("x-api-key");
    if (request.hasHeader("x-goog-api-key"))
        return request.header("x-goog-api-key");
    const QUrlQuery query(QString::fromLatin1(request.query));
    return query.queryItemValue(QStringLiteral("key")).toLatin1();
}

} // namespace

FaultProvider::FaultProvider(QObject *parent) : FakeProvider(parent)
{
    m_slowGate = newGate();
    setHandler([this](const FakeRequest &request) { return replyFor(request); });
}

void FaultProvider::script(std::initializer_list<Fault> faults)
{
    m_script.clear();
    for (Fault f : faults)
        m_script.append(FaultStep{f, -1});
}

void FaultProvider::scriptForKey(const QByteArray &key, QList<Fault> faults)
{
    m_keyScripts.append(qMakePair(key, std::move(faults)));
}

void FaultProvider::releaseSlow()
{
    openGate(m_slowGate);
}

QList<QByteArray> FaultProvider::keysSeen() const
{
    QList<QByteArray> keys;
    for (const FaultHit &hit : m_hits)
        keys.append(hit.key);
    return keys;
}

quint16 FaultProvider::closedPort()
{
    QTcpServer probe;
    probe.listen(QHostAddress::LocalHost, 0);
    return probe.serverPort(); // closed again when probe goes out of scope
}

FakeReply FaultProvider::replyFor(const FakeRequest &request)
{
    const QByteArray key = keyOf(request);
    const bool stream = request.body.contains("\"stream\":true") || request.body.contains("\"stream\": true")
        || request.query.contains("alt=sse") || request.path.contains(":streamGenerateContent");
    FaultStep step{m_fallback, -1};
    bool taken = false;
    for (auto &[k, faults] : m_keyScripts) {
        if (k == key && !faults.isEmpty()) {
            step.fault = faults.takeFirst();
            taken = true;
            break;
        }
    }
    if (!taken && !m_script.isEmpty())
        step = m_script.takeFirst();
    m_hits.append(FaultHit{request.path, key, step.fault});
    return build(step.fault, step.retryAfterSeconds, stream);
}

FakeReply FaultProvider::build(Fault fault, int retryAfterSeconds, bool stream)
{
    switch (fault) {
    case Fault::Ok:
        if (stream)
            return FakeReply::sse(openAIChatStream("fault-model", {replyText}, true));
        return FakeReply::json(openAIChatCompletion("fault-model", replyText));
    case Fault::RateLimited: {
        FakeReply r = FakeReply::error(429, "Rate limit reached", "rate_limit_exceeded", "rate_limit_exceeded");
        if (retryAfterSeconds >= 0)
            r.headers.append(qMakePair(QByteArray("Retry-After"), QByteArray::number(retryAfterSeconds)));
        return r;
    }
    case Fault::ServerError:
        return FakeReply::error(500, "The server had an error", "server_error");
    case Fault::Overloaded:
        return FakeReply::error(529, "Overloaded", "overloaded_error");
    case Fault::Unauthorized:
        return FakeReply::error(401, "Incorrect API key provided", "invalid_request_error", "invalid_api_key");
    case Fault::BadRequest:
        return FakeReply::error(400, "messages: field required", "invalid_request_error");
    case Fault::DropMidStream: {
        FakeReply r = FakeReply::sse(openAIChatStream("fault-model", {"partial ", "answer"}, false));
        r.dropAfter = 2; // the role chunk and the first text chunk reach the client
        return r;
    }
    case Fault::DropBeforeBody: {
        FakeReply r = stream ? FakeReply::sse(openAIChatStream("fault-model", {"never"}, false))
                             : FakeReply::json(openAIChatCompletion("fault-model", "never"));
        if (!stream) {
            r.chunks = {r.body};
            r.body.clear();
            r.framing = FakeReply::Framing::Chunked;
        }
        r.dropAfter = 0;
        return r;
    }
    case Fault::MalformedJson:
        if (stream)
            return FakeReply::sse({"data: {not json\n\n"});
        return FakeReply::json("{\"id\": not json");
    case Fault::SlowFirstByte: {
        FakeReply r = FakeReply::json(openAIChatCompletion("fault-model", replyText));
        r.gate = m_slowGate;
        r.delayHeadUntilReleased = true;
        return r;
    }
    }
    return FakeReply::json(openAIChatCompletion("fault-model", replyText));
}

} // namespace lip::test
