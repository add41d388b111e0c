// SPDX-License-Identifier: GPL-3.0-or-later
#include "backends/codex/codexconnector.h"

#include "backends/oauth/oauthtypes.h"
#include "backends/oauthwire/grantheaders.h"

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include <QUuid>

#include <limits>

namespace lip {

namespace bj = boost::json;

namespace codex {

Result<QByteArray> adaptBody(const QByteArray &responsesBody)
{
    bj::error_code ec;
    bj::value v = bj::parse(std::string_view(responsesBody.constData(), size_t(responsesBody.size())), ec);
    if (ec || !v.is_object())
        return Error::make(ErrorCategory::Internal, QStringLiteral("openai-codex: the translated request is not a JSON object"));
    bj::object &body = v.get_object();
    // The ChatGPT backend answers only streams and keeps nothing server-side.
    body["stream"] = true;
    body["store"] = false;
    // It requires `instructions` (an empty string is accepted where the client gave no system prompt).
    if (const bj::value *i = body.if_contains("instructions"); !i || !i->is_string())
        body["instructions"] = "";
    // Rejected with 400 "Unsupported parameter": the plan manages its own output budget.
    body.erase("max_output_tokens");
    // Nothing is stored, so there is nothing to refer back to (the proxy keeps the history itself).
    body.erase("previous_response_id");
    body.erase("background");
    return QByteArray::fromStdString(bj::serialize(body));
}

} // namespace codex

namespace {

QString stringMember(const bj::object &o, std::string_view key)
{
    const bj::value *v = o.if_contains(key);
    return v && v->is_string() ? QString::fromUtf8(v->get_string().data(), qsizetype(v->get_string().size())) : QString();
}

} // namespace

Result<upstream::UpstreamRequest> CodexConnector::buildRequest(const canon::Request &request,
                                                               const BackendContext &context) const
{
    if (auto missing = oauthwire::requireGrant(context))
        return *missing;
    canon::Request streamed = request;
    streamed.stream = true;
    Result<upstream::UpstreamRequest> built = openAIResponsesConnector().buildRequest(streamed, oauthwire::withoutKey(context));
    if (!built)
        return built;
    Result<QByteArray> body = codex::adaptBody(built->body);
    if (!body)
        return body.error();
    built->body = *body;
    oauthwire::setBearer(*built, context);
    oauthwire::setHeader(built->headers, "Accept", "text/event-stream");
    oauthwire::setHeader(built->headers, "OpenAI-Beta", "responses=experimental");
    oauthwire::setHeader(built->headers, "originator", "codex_cli_rs");
    const QString account = oauthwire::grantExtraString(context, "chatgpt_account_id");
    if (!account.isEmpty())
        oauthwire::setHeader(built->headers, "chatgpt-account-id", account.toUtf8());
    // One id per proxy session keeps the backend's prompt cache warm across turns.
    const QString session = context.session.isEmpty() ? QUuid::createUuid().toString(QUuid::WithoutBraces) : context.session;
    oauthwire::setHeader(built->headers, "session_id", session.toUtf8());
    return built;
}

Result<upstream::UpstreamRequest> CodexConnector::buildPassthrough(const InboundRequest &, const std::string &,
                                                                   const BackendContext &) const
{
    // allowsPassthrough() is false: ProxyCall translates every request for this backend.
    return Error::make(ErrorCategory::Internal, QStringLiteral("openai-codex requests are always translated"));
}

std::unique_ptr<ResponseDecoder> CodexConnector::makeDecoder(bool) const
{
    return openAIResponsesConnector().makeDecoder(true);
}

Error CodexConnector::parseError(int status, const HeaderList &headers, QByteArrayView body) const
{
    Error e = openAIResponsesConnector().parseError(status, headers, body);
    bj::error_code ec;
    bj::value v = bj::parse(std::string_view(body.data(), size_t(body.size())), ec);
    const bj::object *root = ec ? nullptr : v.if_object();
    if (!root)
        return e;
    if (const bj::value *detail = root->if_contains("detail"); detail && detail->is_string() && e.message.startsWith(QLatin1Char('{')))
        e.message = stringMember(*root, "detail").left(300);
    const bj::value *errV = root->if_contains("error");
    const bj::object *err = errV ? errV->if_object() : nullptr;
    if (!err)
        return e;
    const QString type = stringMember(*err, "type");
    if (type == QLatin1String("usage_limit_reached") || type == QLatin1String("usage_not_included")
        || status == 429) {
        e.category = ErrorCategory::RateLimited;
        e.upstreamType = type.toUtf8();
        qint64 resetsIn = -1;
        if (const bj::value *r = err->if_contains("resets_in_seconds"); r && r->is_number())
            resetsIn = qint64(r->to_number<double>());
        else if (const bj::value *at = err->if_contains("resets_at"); at && at->is_number())
            resetsIn = qint64(at->to_number<double>()) - QDateTime::currentSecsSinceEpoch();
        if (resetsIn > 0 && resetsIn < 30LL * 24 * 3600)
            e.retryAfterMs = int(qMin<qint64>(resetsIn * 1000, std::numeric_limits<int>::max()));
        if (e.message.isEmpty())
            e.message = QStringLiteral("The ChatGPT plan's usage limit has been reached.");
    }
    return e;
}

Result<upstream::UpstreamRequest> CodexConnector::buildModelsRequest(const BackendContext &) const
{
    return Error::make(ErrorCategory::Unsupported,
                       QStringLiteral("openai-codex has no model listing; list the models under backends.<name>.models"));
}

Result<std::vector<ModelInfo>> CodexConnector::parseModels(QByteArrayView) const
{
    return Error::make(ErrorCategory::Unsupported, QStringLiteral("openai-codex has no model listing"));
}

const BackendConnector &codexConnector()
{
    static const CodexConnector connector;
    return connector;
}

} // namespace lip
