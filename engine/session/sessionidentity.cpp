// SPDX-License-Identifier: GPL-3.0-or-later
#include "session/sessionidentity.h"

#include "server/httpserver.h"
#include "session/chatsurface.h"

#include <boost/json/parse.hpp>

#include <QCryptographicHash>

namespace bj = boost::json;

namespace lip::session {

namespace {

// Ids end up in logs, the usage store and the sessions file: printable ASCII only, bounded.
QString clean(const QString &raw)
{
    QString out;
    for (const QChar c : raw) {
        if (out.size() >= kMaxSessionIdLength)
            break;
        if (c.unicode() > 0x20 && c.unicode() < 0x7f)
            out += c;
    }
    return out;
}

std::string stringMember(const bj::object &o, std::string_view key)
{
    const bj::value *v = o.if_contains(key);
    return v && v->is_string() ? std::string(v->get_string()) : std::string();
}

QString fromAnthropicUserId(const std::string &userId)
{
    if (userId.empty())
        return {};
    if (userId.front() == '{') {
        boost::system::error_code ec;
        const bj::value parsed = bj::parse(userId, ec);
        if (!ec && parsed.is_object()) {
            const std::string sid = stringMember(parsed.get_object(), "session_id");
            if (!sid.empty())
                return QString::fromStdString(sid);
        }
    }
    const size_t marker = userId.rfind("_session_");
    if (marker != std::string::npos && marker + 9 < userId.size())
        return QString::fromStdString(userId.substr(marker + 9));
    return QString::fromStdString(userId);
}

QByteArray proxyKey(const server::HttpRequest &request)
{
    QByteArray auth = request.header("authorization");
    if (auth.startsWith("Bearer ") || auth.startsWith("bearer "))
        return auth.mid(7).trimmed();
    if (request.hasHeader("x-api-key"))
        return request.header("x-api-key");
    if (request.hasHeader("x-goog-api-key"))
        return request.header("x-goog-api-key");
    return request.queryItem("key");
}

} // namespace

QString identifySession(const InboundRequest &inbound, const server::HttpRequest &request)
{
    const QString header = clean(QString::fromUtf8(request.header("x-session-id")));
    if (!header.isEmpty())
        return header;

    QString own;
    switch (inbound.dialect) {
    case Dialect::Anthropic:
        if (const bj::value *m = inbound.body.if_contains("metadata"); m && m->is_object())
            own = fromAnthropicUserId(stringMember(m->get_object(), "user_id"));
        if (!own.isEmpty())
            own = QStringLiteral("anthropic:") + own;
        break;
    case Dialect::OpenAIResponses:
        own = QString::fromStdString(stringMember(inbound.body, "prompt_cache_key"));
        if (!own.isEmpty())
            own = QStringLiteral("responses:") + own;
        break;
    case Dialect::OpenAIChat:
        if (const bj::value *m = inbound.body.if_contains("metadata"); m && m->is_object())
            own = QString::fromStdString(stringMember(m->get_object(), "session_id"));
        if (own.isEmpty())
            own = QString::fromStdString(stringMember(inbound.body, "user"));
        if (!own.isEmpty())
            own = QStringLiteral("openai:") + own;
        break;
    default:
        break;
    }
    own = clean(own);
    if (!own.isEmpty())
        return own;

    // perf: a body not parsed yet (passthrough) gives its first turns only; the first user text
    // is almost always among them, else the whole body is read as before.
    std::string firstUserText;
    if (!inbound.body.parsed()) {
        const char *turnsKey = inbound.dialect == Dialect::Gemini ? "contents"
                             : inbound.dialect == Dialect::OpenAIResponses ? "input" : "messages";
        firstUserText = session::firstUserText(inbound.dialect, inbound.body.prefix(turnsKey, 4));
    }
    if (firstUserText.empty())
        firstUserText = session::firstUserText(inbound.dialect, inbound.body);
    QCryptographicHash hash(QCryptographicHash::Sha256);
    hash.addData(proxyKey(request));
    hash.addData(QByteArrayView("\n"));
    hash.addData(QByteArrayView(firstUserText.data(), qsizetype(firstUserText.size())));
    return QStringLiteral("fp-") + QString::fromLatin1(hash.result().toHex().left(24));
}

} // namespace lip::session
