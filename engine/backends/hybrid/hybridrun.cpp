// SPDX-License-Identifier: GPL-3.0-or-later
#include "backends/hybrid/hybridrun.h"

#include "backends/connector.h"
#include "backends/hybrid/hybridprompts.h"
#include "core/logging.h"
#include "routing/modelselector.h"
#include "routing/routingstate.h"

#include <QTimer>

namespace lip::hybrid {

namespace {

constexpr qsizetype kMaxErrorBodyBytes = 1024 * 1024;
// reasoning_max_tokens is enforced by the provider (max tokens of the reasoning call); this
// byte ceiling is the proxy's own backstop for providers that ignore it (~4 bytes per token).
constexpr qint64 kBytesPerToken = 4;

struct Phase
{
    const config::BackendConfig *backend = nullptr;
    const BackendConnector *connector = nullptr;
    std::string model;
    const char *label = "";
};

// Cumulative usage from one phase: the latest report wins, but a partial one keeps what is known.
void mergeUsage(canon::Usage &into, const canon::Usage &report)
{
    if (report.input >= 0) {
        into.input = report.input;
        into.cacheRead = report.cacheRead;
        into.cacheWrite = report.cacheWrite;
    }
    if (report.output >= 0) {
        into.output = report.output;
        into.reasoning = report.reasoning;
    }
}

int64_t sumKnown(int64_t a, int64_t b)
{
    if (a < 0 && b < 0)
        return -1;
    return std::max<int64_t>(a, 0) + std::max<int64_t>(b, 0);
}

// The longest prefix of `text` of at most `limit` bytes that does not split a UTF-8 sequence.
std::size_t utf8Prefix(const std::string &text, std::size_t limit)
{
    if (text.size() <= limit)
        return text.size();
    std::size_t end = limit;
    while (end > 0 && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80)
        --end;
    return end;
}

class HybridRunImpl final : public HybridRun
{
public:
    HybridRunImpl(const config::BackendConfig &backend, canon::Request request, HybridEnv env, HybridCallbacks callbacks)
        : m_backend(backend), m_request(std::move(request)), m_env(std::move(env)), m_callbacks(std::move(callbacks))
    {
    }

    ~HybridRunImpl() override
    {
        *m_alive = false;
        m_call.reset(); // closes the upstream connection; no callback after this
    }

    void start();
    std::weak_ptr<bool> aliveToken() const { return m_alive; }
    QObject *timerContext() const { return m_env.pool; }

private:
    enum class Stage { Reasoning, Execution, Done };

    Result<Phase> resolve(const QString &selector, const char *label) const;
    void startPhase(const Phase &phase, const canon::Request &request);
    void onHead(int status, const HeaderList &headers);
    void onData(QByteArrayView bytes);
    void onDone(const Error &error);
    void handleReasoning(canon::Events &events);
    void handleExecution(canon::Events &events);
    void endReasoning();
    void complete();
    void fail(Error error);
    bool emitEvents(canon::Events &events); // false when this run was destroyed meanwhile
    void ensureStarted(canon::Events &out, const std::string &id);
    void recordOutcome(const Error &error);
    const Phase &current() const { return m_stage == Stage::Reasoning ? m_reasoning : m_execution; }

    const config::BackendConfig &m_backend;
    canon::Request m_request;
    HybridEnv m_env;
    HybridCallbacks m_callbacks;
    std::shared_ptr<bool> m_alive = std::make_shared<bool>(true);

    Stage m_stage = Stage::Reasoning;
    Phase m_reasoning;
    Phase m_execution;
    int m_keyIndex = -1;
    std::unique_ptr<upstream::UpstreamCall> m_call;
    std::unique_ptr<ResponseDecoder> m_decoder;
    int m_status = 0;
    HeaderList m_errorHeaders;
    QByteArray m_errorBody;

    bool m_started = false;       // our MessageStart went out
    bool m_thinkingOpen = false;  // block 0 is the reasoning
    bool m_sawThinking = false;   // the reasoning model sent thinking (its text then is an answer)
    int m_offset = 0;             // execution block indices are shifted past the thinking block
    std::string m_reasoningText;
    qint64 m_reasoningCapBytes = 0;
    canon::Usage m_reasoningUsage;
    canon::Usage m_executionUsage;
    bool m_haveFinish = false;
    canon::Event m_finish;
};

Result<Phase> HybridRunImpl::resolve(const QString &selector, const char *label) const
{
    const QString key = QString::fromLatin1(label);
    if (selector.trimmed().isEmpty()) {
        return Error::make(ErrorCategory::Unsupported,
                           QStringLiteral("hybrid backend '%1' has no %2 configured").arg(m_backend.name, key));
    }
    Result<routing::ModelSelector> resolved = routing::resolveSelector(selector, *m_env.config);
    if (!resolved) {
        Error e = resolved.error();
        e.message = QStringLiteral("hybrid backend '%1', %2: %3").arg(m_backend.name, key, e.message);
        return e;
    }
    Phase phase;
    phase.label = label;
    phase.backend = m_env.config->backend(resolved->backend);
    if (!phase.backend) {
        return Error::make(ErrorCategory::Unsupported,
                           QStringLiteral("hybrid backend '%1', %2 '%3': not a configured backend:model")
                               .arg(m_backend.name, key, selector));
    }
    if (phase.backend->type == QLatin1String("hybrid")) {
        return Error::make(ErrorCategory::Unsupported,
                           QStringLiteral("hybrid backend '%1', %2 '%3': a phase cannot be another hybrid backend")
                               .arg(m_backend.name, key, selector));
    }
    phase.connector = connectorForType(phase.backend->type);
    if (!phase.connector) {
        return Error::make(ErrorCategory::Unsupported,
                           QStringLiteral("hybrid backend '%1', %2: backend '%3' has type '%4', which this build cannot talk to")
                               .arg(m_backend.name, key, phase.backend->name, phase.backend->type));
    }
    phase.model = resolved->model.toStdString();
    return phase;
}

void HybridRunImpl::start()
{
    Result<Phase> reasoning = resolve(m_backend.reasoningModel, "reasoning_model");
    if (!reasoning) {
        fail(reasoning.error());
        return;
    }
    Result<Phase> execution = resolve(m_backend.executionModel, "execution_model");
    if (!execution) {
        fail(execution.error());
        return;
    }
    m_reasoning = *reasoning;
    m_execution = *execution;
    m_reasoningCapBytes = m_backend.reasoningMaxTokens > 0 ? qint64(m_backend.reasoningMaxTokens) * kBytesPerToken : 0;

    canon::Request request = reasoningRequest(m_request, m_backend.reasoningMaxTokens);
    request.model = m_reasoning.model;
    qCDebug(lcHybrid).noquote() << m_backend.name << "reasoning phase →" << m_reasoning.backend->name
                                << QString::fromStdString(m_reasoning.model);
    startPhase(m_reasoning, request);
}

void HybridRunImpl::startPhase(const Phase &phase, const canon::Request &request)
{
    if (m_env.routing && !m_env.routing->admits(phase.backend->name)) {
        Error e = Error::make(ErrorCategory::UpstreamUnreachable,
                              QStringLiteral("backend '%1' is temporarily disabled after repeated failures").arg(phase.backend->name));
        fail(e);
        return;
    }
    BackendContext context;
    context.backend = phase.backend;
    context.clientHeaders = m_env.clientHeaders;
    m_keyIndex = m_env.routing ? m_env.routing->pickKey(*phase.backend) : (phase.backend->apiKeys.isEmpty() ? -1 : 0);
    if (m_keyIndex >= 0)
        context.apiKey = phase.backend->apiKeys.value(m_keyIndex);

    Result<upstream::UpstreamRequest> built = phase.connector->buildRequest(request, context);
    if (!built) {
        Error e = built.error();
        e.message = QStringLiteral("hybrid %1 (%2): %3").arg(QString::fromLatin1(phase.label), phase.backend->name, e.message);
        fail(e);
        return;
    }
    m_decoder = phase.connector->makeDecoder(true);
    m_status = 0;
    m_errorBody.clear();
    m_errorHeaders.clear();
    if (m_env.routing)
        m_env.routing->begin(phase.backend->name);

    // The call belongs to this run: destroying the run destroys the call, and with it every
    // callback, so capturing `this` is safe.
    upstream::UpstreamCallbacks callbacks;
    callbacks.onHead = [this](int status, const HeaderList &headers) { onHead(status, headers); };
    callbacks.onData = [this](QByteArrayView bytes) { onData(bytes); };
    callbacks.onDone = [this](const Error &error) { onDone(error); };
    m_call = m_env.pool->start(std::move(*built), std::move(callbacks));
}

void HybridRunImpl::onHead(int status, const HeaderList &headers)
{
    m_status = status;
    if (status < 200 || status >= 300)
        m_errorHeaders = headers;
}

void HybridRunImpl::onData(QByteArrayView bytes)
{
    if (m_stage == Stage::Done)
        return;
    if (m_status < 200 || m_status >= 300) {
        if (m_errorBody.size() + bytes.size() <= kMaxErrorBodyBytes)
            m_errorBody.append(bytes);
        return;
    }
    canon::Events events;
    m_decoder->feed(std::string_view(bytes.data(), size_t(bytes.size())), events);
    if (m_stage == Stage::Reasoning)
        handleReasoning(events);
    else
        handleExecution(events);
}

void HybridRunImpl::onDone(const Error &error)
{
    if (m_stage == Stage::Done)
        return;
    const Phase &phase = current();
    if (error.isError()) {
        Error e = error;
        e.message = QStringLiteral("backend '%1' (hybrid %2): %3").arg(phase.backend->name, QString::fromLatin1(phase.label), error.message);
        recordOutcome(e);
        fail(e);
        return;
    }
    if (m_status < 200 || m_status >= 300) {
        Error e = phase.connector->parseError(m_status, m_errorHeaders, m_errorBody);
        e.message = QStringLiteral("backend '%1' (hybrid %2): HTTP %3 %4")
                        .arg(phase.backend->name, QString::fromLatin1(phase.label))
                        .arg(m_status)
                        .arg(e.message);
        recordOutcome(e);
        fail(e);
        return;
    }
    canon::Events events;
    m_decoder->finish(events);
    const Stage stage = m_stage;
    if (stage == Stage::Reasoning) {
        auto alive = m_alive;
        handleReasoning(events);
        if (!*alive || m_stage != Stage::Reasoning)
            return; // failed, destroyed, or already moved on
        endReasoning();
    } else {
        auto alive = m_alive;
        handleExecution(events);
        if (!*alive || m_stage != Stage::Execution)
            return;
        complete();
    }
}

void HybridRunImpl::ensureStarted(canon::Events &out, const std::string &id)
{
    if (m_started)
        return;
    m_started = true;
    canon::Event start;
    start.type = canon::EventType::MessageStart;
    start.id = id;
    start.model = m_execution.model;
    out.push_back(std::move(start));
}

void HybridRunImpl::handleReasoning(canon::Events &events)
{
    canon::Events out;
    bool reasoningComplete = false;
    for (canon::Event &e : events) {
        switch (e.type) {
        case canon::EventType::MessageStart:
            ensureStarted(out, e.id);
            break;
        case canon::EventType::TextDelta:
            if (m_sawThinking) {
                // The reasoning model has thought and now answers: the answer is the execution
                // model's job, so the reasoning is complete and the rest is not paid for.
                reasoningComplete = true;
                break;
            }
            [[fallthrough]];
        case canon::EventType::ThinkingDelta: {
            if (e.type == canon::EventType::ThinkingDelta)
                m_sawThinking = true;
            if (e.text.empty())
                break;
            std::size_t take = e.text.size();
            if (m_reasoningCapBytes > 0) {
                const qint64 room = m_reasoningCapBytes - qint64(m_reasoningText.size());
                take = utf8Prefix(e.text, size_t(std::max<qint64>(room, 0)));
                if (take < e.text.size())
                    reasoningComplete = true;
            }
            if (take == 0)
                break;
            ensureStarted(out, {});
            if (!m_thinkingOpen) {
                m_thinkingOpen = true;
                m_offset = 1;
                canon::Event open;
                open.type = canon::EventType::BlockStart;
                open.index = 0;
                open.blockKind = canon::BlockKind::Thinking;
                out.push_back(std::move(open));
            }
            canon::Event delta;
            delta.type = canon::EventType::ThinkingDelta;
            delta.index = 0;
            delta.text = e.text.substr(0, take);
            m_reasoningText += delta.text;
            out.push_back(std::move(delta));
            break;
        }
        case canon::EventType::Usage:
            mergeUsage(m_reasoningUsage, e.usage);
            break;
        case canon::EventType::Error: {
            if (!emitEvents(out))
                return;
            Error err = e.error;
            err.message = QStringLiteral("backend '%1' (hybrid reasoning_model): %2").arg(m_reasoning.backend->name, err.message);
            recordOutcome(err);
            fail(err);
            return;
        }
        default:
            break; // its block framing, signatures, tool calls and finish stay inside the phase
        }
        if (reasoningComplete)
            break;
    }
    if (!emitEvents(out))
        return;
    if (reasoningComplete)
        endReasoning();
}

void HybridRunImpl::endReasoning()
{
    recordOutcome({});
    m_call.reset(); // a no-op when the call has ended; else the rest of the reasoning is cut off
    m_decoder.reset();
    m_stage = Stage::Execution;
    if (m_thinkingOpen) {
        canon::Events out;
        canon::Event stop;
        stop.type = canon::EventType::BlockStop;
        stop.index = 0;
        out.push_back(std::move(stop));
        if (!emitEvents(out))
            return;
    }
    canon::Request request = executionRequest(m_request, m_reasoningText);
    request.model = m_execution.model;
    qCDebug(lcHybrid).noquote() << m_backend.name << "execution phase →" << m_execution.backend->name
                                << QString::fromStdString(m_execution.model) << "with" << m_reasoningText.size()
                                << "bytes of reasoning";
    startPhase(m_execution, request);
}

void HybridRunImpl::handleExecution(canon::Events &events)
{
    canon::Events out;
    for (canon::Event &e : events) {
        switch (e.type) {
        case canon::EventType::MessageStart:
            ensureStarted(out, e.id);
            break;
        case canon::EventType::BlockStart:
        case canon::EventType::TextDelta:
        case canon::EventType::ToolArgsDelta:
        case canon::EventType::ThinkingDelta:
        case canon::EventType::Signature:
        case canon::EventType::BlockStop:
            ensureStarted(out, {});
            e.index += m_offset;
            out.push_back(std::move(e));
            break;
        case canon::EventType::Usage:
            mergeUsage(m_executionUsage, e.usage);
            break;
        case canon::EventType::Finish:
            m_finish = std::move(e);
            m_haveFinish = true;
            break;
        case canon::EventType::Error: {
            if (!emitEvents(out))
                return;
            Error err = e.error;
            err.message = QStringLiteral("backend '%1' (hybrid execution_model): %2").arg(m_execution.backend->name, err.message);
            recordOutcome(err);
            fail(err);
            return;
        }
        }
    }
    emitEvents(out);
}

void HybridRunImpl::complete()
{
    recordOutcome({});
    m_stage = Stage::Done;
    m_call.reset();
    canon::Events out;
    ensureStarted(out, {});
    canon::Usage total;
    total.input = sumKnown(m_reasoningUsage.input, m_executionUsage.input);
    total.output = sumKnown(m_reasoningUsage.output, m_executionUsage.output);
    total.cacheRead = m_reasoningUsage.cacheRead + m_executionUsage.cacheRead;
    total.cacheWrite = m_reasoningUsage.cacheWrite + m_executionUsage.cacheWrite;
    // Everything the reasoning model wrote is reasoning from the client's point of view.
    total.reasoning = std::max<int64_t>(m_reasoningUsage.output, 0) + m_executionUsage.reasoning;
    if (total.present()) {
        canon::Event usage;
        usage.type = canon::EventType::Usage;
        usage.usage = total;
        out.push_back(std::move(usage));
    }
    if (!m_haveFinish) {
        m_finish = canon::Event{};
        m_finish.type = canon::EventType::Finish;
        m_finish.stop = canon::StopReason::EndTurn;
    }
    out.push_back(std::move(m_finish));
    if (!emitEvents(out))
        return;
    if (m_callbacks.onDone)
        m_callbacks.onDone(Error{});
}

void HybridRunImpl::fail(Error error)
{
    if (m_stage == Stage::Done)
        return;
    m_stage = Stage::Done;
    m_call.reset();
    qCDebug(lcHybrid).noquote() << m_backend.name << "failed:" << error.message;
    if (m_callbacks.onDone)
        m_callbacks.onDone(error);
}

bool HybridRunImpl::emitEvents(canon::Events &events)
{
    if (events.empty())
        return true;
    auto alive = m_alive;
    if (m_callbacks.onEvents)
        m_callbacks.onEvents(events);
    events.clear();
    return *alive;
}

void HybridRunImpl::recordOutcome(const Error &error)
{
    if (!m_env.routing || m_stage == Stage::Done)
        return;
    const Phase &phase = current();
    if (!phase.backend)
        return;
    if (error.isError())
        m_env.routing->recordFailure(phase.backend->name, m_keyIndex, error);
    else
        m_env.routing->recordSuccess(phase.backend->name, m_keyIndex);
}

} // namespace

std::unique_ptr<HybridRun> startHybrid(const config::BackendConfig &backend, canon::Request request, HybridEnv env,
                                       HybridCallbacks callbacks)
{
    auto run = std::make_unique<HybridRunImpl>(backend, std::move(request), std::move(env), std::move(callbacks));
    // Started on the next event-loop turn: the caller holds the run before any callback can
    // reach it, even an immediate configuration error.
    HybridRunImpl *raw = run.get();
    std::weak_ptr<bool> alive = raw->aliveToken();
    QTimer::singleShot(0, raw->timerContext(), [raw, alive] {
        if (auto a = alive.lock(); a && *a)
            raw->start();
    });
    return run;
}

} // namespace lip::hybrid
