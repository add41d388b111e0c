// SPDX-License-Identifier: GPL-3.0-or-later
#include "backends/codeassist/codeassistconnector.h"

#include "backends/gemini/geminiconnector.h"
#include "backends/oauth/oauthtypes.h"
#include "backends/oauthwire/grantheaders.h"

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include <QUuid>

namespace lip {

namespace bj = boost::json;

namespace {

constexpr qsizetype kMaxWholeBody = 64 * 1024 * 1024;
constexpr qsizetype kMaxLine = 16 * 1024 * 1024;

std::string bareModel(std::string model)
{
    if (model.rfind("models/", 0) == 0)
        model.erase(0, 7);
    return model;
}

// {"response":{…}} → the inner object's text; an envelope without it (an error object, or
// an answer already unwrapped) is passed on as it is.
std::string unwrap(std::string_view json)
{
    bj::error_code ec;
    bj::parse_options opts;
    opts.max_depth = 256;
    bj::value v = bj::parse(json, ec, {}, opts);
    if (ec || !v.is_object())
        return std::string(json);
    if (const bj::value *inner = v.get_object().if_contains("response"); inner && inner->is_object())
        return bj::serialize(*inner);
    return std::string(json);
}

// Stream: SSE whose data lines are wrapped answers. Each data line is unwrapped and re-emitted
// as an SSE event for the Gemini decoder; anything else (comments, blank lines) is dropped.
class CodeAssistStreamDecoder final : public ResponseDecoder
{
public:
    explicit CodeAssistStreamDecoder(std::unique_ptr<ResponseDecoder> inner) : m_inner(std::move(inner)) {}

    void feed(std::string_view bytes, canon::Events &out) override
    {
        m_buffer.append(bytes.data(), qsizetype(bytes.size()));
        qsizetype start = 0;
        for (;;) {
            const qsizetype nl = m_buffer.indexOf('\n', start);
            if (nl < 0)
                break;
            line(QByteArrayView(m_buffer).sliced(start, nl - start), out);
            start = nl + 1;
        }
        m_buffer.remove(0, start);
        if (m_buffer.size() > kMaxLine) {
            // A line this long is no SSE we know: hand it over so the inner decoder reports it.
            m_inner->feed(std::string_view(m_buffer.constData(), size_t(m_buffer.size())), out);
            m_buffer.clear();
        }
    }

    void finish(canon::Events &out) override
    {
        if (!m_buffer.isEmpty()) {
            line(QByteArrayView(m_buffer), out);
            m_buffer.clear();
        }
        m_inner->finish(out);
    }

private:
    void line(QByteArrayView raw, canon::Events &out)
    {
        QByteArrayView l = raw;
        if (l.endsWith('\r'))
            l.chop(1);
        if (!l.startsWith("data:"))
            return;
        l = l.sliced(5);
        while (l.startsWith(' '))
            l = l.sliced(1);
        if (l.isEmpty() || l == "[DONE]")
            return;
        const std::string inner = unwrap(std::string_view(l.data(), size_t(l.size())));
        std::string event;
        event.reserve(inner.size() + 8);
        event += "data: ";
        event += inner;
        event += "\n\n";
        m_inner->feed(event, out);
    }

    std::unique_ptr<ResponseDecoder> m_inner;
    QByteArray m_buffer;
};

// One body: collected, unwrapped at the end.
class CodeAssistWholeDecoder final : public ResponseDecoder
{
public:
    explicit CodeAssistWholeDecoder(std::unique_ptr<ResponseDecoder> inner) : m_inner(std::move(inner)) {}
    void feed(std::string_view bytes, canon::Events &) override
    {
        if (m_body.size() + qsizetype(bytes.size()) <= kMaxWholeBody)
            m_body.append(bytes.data(), qsizetype(bytes.size()));
    }
    void finish(canon::Events &out) override
    {
        m_inner->feed(unwrap(std::string_view(m_body.constData(), size_t(m_body.size()))), out);
        m_inner->finish(out);
    }

private:
    std::unique_ptr<ResponseDecoder> m_inner;
    QByteArray m_body;
};

} // namespace

namespace codeassist {

QString apiBase(const BackendContext &context)
{
    QString base = context.backend ? context.backend->baseUrl.trimmed() : QString();
    if (base.isEmpty())
        base = QStringLiteral("https://cloudcode-pa.googleapis.com");
    while (base.endsWith(QLatin1Char('/')))
        base.chop(1);
    if (base.endsWith(QLatin1String("/v1internal")))
        base.chop(11);
    return base;
}

Result<QByteArray> wrapBody(const std::string &geminiBody, const std::string &model, const QString &project,
                            const QString &sessionId, bool antigravity)
{
    bj::error_code ec;
    bj::value request = bj::parse(geminiBody, ec);
    if (ec || !request.is_object())
        return Error::make(ErrorCategory::Internal, QStringLiteral("Code Assist: the translated request is not a JSON object"));
    if (!sessionId.isEmpty())
        request.get_object()["session_id"] = sessionId.toStdString();
    bj::object envelope;
    envelope["model"] = bareModel(model);
    envelope["project"] = project.toStdString();
    if (antigravity) {
        envelope["userAgent"] = "antigravity";
        envelope["requestId"] = "agent-" + QUuid::createUuid().toString(QUuid::WithoutBraces).toStdString();
    } else {
        envelope["user_prompt_id"] = QUuid::createUuid().toString(QUuid::WithoutBraces).toStdString();
    }
    envelope["request"] = std::move(request);
    return QByteArray::fromStdString(bj::serialize(envelope));
}

} // namespace codeassist

Result<upstream::UpstreamRequest> CodeAssistConnector::buildRequest(const canon::Request &request,
                                                                    const BackendContext &context) const
{
    if (auto missing = oauthwire::requireGrant(context))
        return *missing;
    const QString project = oauthwire::grantExtraString(context, "project_id");
    if (project.isEmpty())
        return Error::make(ErrorCategory::Internal,
                           QStringLiteral("backend '%1': no Code Assist project is known for account %2")
                               .arg(context.backend ? context.backend->name : QString(), context.grant->accountId));
    Result<std::string> inner = gemini::buildRequestBody(request);
    if (!inner)
        return inner.error();
    Result<QByteArray> body = codeassist::wrapBody(*inner, request.model, project, context.session,
                                                   m_flavour == Flavour::Antigravity);
    if (!body)
        return body.error();

    upstream::UpstreamRequest r;
    r.method = "POST";
    QUrl url(codeassist::apiBase(context)
                 + (request.stream ? QStringLiteral("/v1internal:streamGenerateContent")
                                   : QStringLiteral("/v1internal:generateContent")),
             QUrl::StrictMode);
    if (request.stream)
        url.setQuery(QStringLiteral("alt=sse"));
    if (!url.isValid() || url.host().isEmpty())
        return Error::make(ErrorCategory::Internal, QStringLiteral("Backend '%1' has an invalid base URL.")
                                                        .arg(context.backend ? context.backend->name : QString()));
    r.url = url;
    r.headers.append(qMakePair(QByteArray("content-type"), QByteArray("application/json")));
    if (request.stream)
        r.headers.append(qMakePair(QByteArray("accept"), QByteArray("text/event-stream")));
    if (m_flavour == Flavour::Antigravity) {
        // What Antigravity's own client sends (see docs/backends/antigravity-oauth.md).
        r.headers.append(qMakePair(QByteArray("User-Agent"), QByteArray("antigravity/1.11.5 windows/amd64")));
        r.headers.append(qMakePair(QByteArray("X-Goog-Api-Client"), QByteArray("google-cloud-sdk vscode_cloudshelleditor/0.1")));
        r.headers.append(qMakePair(QByteArray("Client-Metadata"),
                                   QByteArray(R"({"ideType":"IDE_UNSPECIFIED","platform":"PLATFORM_UNSPECIFIED","pluginType":"GEMINI"})")));
    }
    if (context.backend)
        r.headers.append(context.backend->extraHeaders);
    r.body = *body;
    oauthwire::setBearer(r, context);
    if (context.backend && context.backend->timeoutSeconds > 0)
        r.firstByteTimeoutMs = r.idleTimeoutMs = qMin(context.backend->timeoutSeconds, 2000000) * 1000;
    return r;
}

Result<upstream::UpstreamRequest> CodeAssistConnector::buildPassthrough(const InboundRequest &, const std::string &,
                                                                        const BackendContext &) const
{
    return Error::make(ErrorCategory::Internal, QStringLiteral("Code Assist requests are always translated"));
}

std::unique_ptr<ResponseDecoder> CodeAssistConnector::makeDecoder(bool stream) const
{
    if (stream)
        return std::make_unique<CodeAssistStreamDecoder>(geminiConnector().makeDecoder(true));
    return std::make_unique<CodeAssistWholeDecoder>(geminiConnector().makeDecoder(false));
}

Error CodeAssistConnector::parseError(int status, const HeaderList &headers, QByteArrayView body) const
{
    // The same google.rpc error envelope as the Gemini API.
    return geminiConnector().parseError(status, headers, body);
}

Result<upstream::UpstreamRequest> CodeAssistConnector::buildModelsRequest(const BackendContext &) const
{
    return Error::make(ErrorCategory::Unsupported,
                       QStringLiteral("Code Assist has no model listing; list the models under backends.<name>.models"));
}

Result<std::vector<ModelInfo>> CodeAssistConnector::parseModels(QByteArrayView) const
{
    return Error::make(ErrorCategory::Unsupported, QStringLiteral("Code Assist has no model listing"));
}

const BackendConnector &codeAssistConnector()
{
    static const CodeAssistConnector connector(CodeAssistConnector::Flavour::GeminiCli);
    return connector;
}

const BackendConnector &antigravityConnector()
{
    static const CodeAssistConnector connector(CodeAssistConnector::Flavour::Antigravity);
    return connector;
}

} // namespace lip
