// SPDX-License-Identifier: GPL-3.0-or-later
// ProxyCall's part for subscription (OAuth) backends: before each attempt an account's access
// token is acquired from the TokenBroker (and, for Code Assist, the account's project); a 401 is
// answered by one refresh and one resend; a quota answer rests the account and moves the call to
// the next account of the same backend. Errors from the broker (sign-in needed) fail the attempt
// like a rejected key: the route may go on to its next element, nothing loops.

#include "proxycall.h"

#include "backends/codeassist/codeassistproject.h"
#include "backends/oauth/tokenbroker.h"
#include "config/backendprofiles.h"
#include "core/logging.h"

namespace lip {

namespace {

constexpr int kMaxAccountSwitches = 8;

bool isCodeAssist(const BackendConnector *connector)
{
    return connector == &codeAssistConnector() || connector == &antigravityConnector();
}

} // namespace

bool ProxyCall::startOAuthAttempt()
{
    m_grant.reset();
    m_oauthRetried = false;
    m_oauthProvider = config::oauthProviderForType(m_backend->type);
    if (m_oauthProvider.isEmpty())
        return false;
    if (!m_context->tokenBroker) {
        attemptFailed(Error::make(ErrorCategory::Authentication,
                                  QStringLiteral("backend '%1' signs in with %2 accounts, which this proxy cannot use here")
                                      .arg(m_backend->name, m_oauthProvider)));
        return true;
    }
    acquireGrant({}, {});
    return true;
}

// `excludedAccount`: the account that just ran out of quota; if the broker offers it again (or
// nothing), the attempt fails with `ifNone`.
void ProxyCall::acquireGrant(const QString &excludedAccount, const Error &ifNone)
{
    std::weak_ptr<ProxyCall> weak = weak_from_this();
    const int generation = m_generation;
    m_context->tokenBroker->acquire(m_oauthProvider, m_options.session,
                                    [weak, generation, excludedAccount, ifNone](Result<oauth::AccessGrant> grant) {
        auto self = weak.lock();
        if (!self || self->m_reported || generation != self->m_generation)
            return;
        if (!excludedAccount.isEmpty() && (!grant || grant->accountId == excludedAccount)) {
            self->attemptFailed(ifNone);
            return;
        }
        self->grantArrived(std::move(grant));
    });
}

void ProxyCall::grantArrived(Result<oauth::AccessGrant> grant)
{
    if (!grant) {
        Error e = grant.error();
        if (!e.message.contains(m_backend->name))
            e.message = QStringLiteral("backend '%1': %2").arg(m_backend->name, e.message);
        attemptFailed(e);
        return;
    }
    m_grant = std::move(*grant);
    if (!isCodeAssist(m_connector) || !m_context->codeAssistProjects) {
        sendAttempt();
        return;
    }
    std::weak_ptr<ProxyCall> weak = weak_from_this();
    const int generation = m_generation;
    m_context->codeAssistProjects->resolve(*m_grant, *m_backend, [weak, generation](Result<codeassist::ProjectChoice> choice) {
        auto self = weak.lock();
        if (!self || self->m_reported || generation != self->m_generation || !self->m_grant)
            return;
        if (!choice) {
            self->attemptFailed(choice.error());
            return;
        }
        self->m_grant->extra.insert(QStringLiteral("project_id"), choice->projectId);
        if (!choice->tierId.isEmpty())
            self->m_grant->extra.insert(QStringLiteral("tier"), choice->tierId);
        self->sendAttempt();
    });
}

// The response of a refused attempt is dropped before the same attempt is sent again.
void ProxyCall::resetForResend()
{
    m_call.reset();
    m_status = 0;
    m_upstreamHeaders.clear();
    m_errorBody.clear();
    m_events.clear();
    m_out.clear();
    m_usage = {};
    m_outputChars = 0;
    m_headPending = false;
    m_decoder.reset();
    m_encoder.reset();
    ++m_attemptsMade;
}

bool ProxyCall::handleOAuthRefusal()
{
    if (!m_grant || !m_context->tokenBroker)
        return false;
    std::weak_ptr<ProxyCall> weak = weak_from_this();
    const int generation = m_generation;

    if (m_status == 401 && !m_oauthRetried) {
        // The token may have been revoked or rotated elsewhere: one refresh, one resend.
        m_oauthRetried = true;
        const oauth::AccessGrant refused = *m_grant;
        Error asAnswered = m_connector->parseError(m_status, m_upstreamHeaders, m_errorBody);
        asAnswered.upstreamStatus = m_status;
        qCInfo(lcRouting).noquote() << QStringLiteral("%1: account %2 got HTTP 401; refreshing its token once")
                                           .arg(m_backend->name, refused.accountId);
        resetForResend();
        m_context->tokenBroker->rejected(refused, [weak, generation, refused](Result<oauth::AccessGrant> grant) {
            auto self = weak.lock();
            if (!self || self->m_reported || generation != self->m_generation)
                return;
            if (!grant) {
                Error e = grant.error();
                if (!e.message.contains(self->m_backend->name))
                    e.message = QStringLiteral("backend '%1': %2").arg(self->m_backend->name, e.message);
                self->attemptFailed(e);
                return;
            }
            oauth::AccessGrant renewed = std::move(*grant);
            // What was found for the account (the Code Assist project) stays with it.
            if (renewed.accountId == refused.accountId) {
                for (auto it = refused.extra.constBegin(); it != refused.extra.constEnd(); ++it) {
                    if (!renewed.extra.contains(it.key()))
                        renewed.extra.insert(it.key(), it.value());
                }
            }
            self->m_grant = std::move(renewed);
            self->sendAttempt();
        });
        return true;
    }

    Error e = m_connector->parseError(m_status, m_upstreamHeaders, m_errorBody);
    e.upstreamStatus = m_status;
    if (m_status == 403 && isCodeAssist(m_connector) && m_context->codeAssistProjects)
        m_context->codeAssistProjects->forget(m_grant->accountId); // look the project up again next time
    if (m_status != 429 && e.category != ErrorCategory::RateLimited)
        return false;
    // Quota: this account rests until the provider's reset (or the configured cooldown), and the
    // same backend is tried with the next account.
    const qint64 restMs = e.retryAfterMs >= 0 ? qint64(e.retryAfterMs) : qint64(m_config->retry.rateLimitCooldownSeconds) * 1000;
    const oauth::AccessGrant exhausted = *m_grant;
    m_context->tokenBroker->quotaExhausted(exhausted, QDateTime::currentDateTimeUtc().addMSecs(qMax<qint64>(restMs, 1000)));
    if (m_accountSwitches >= kMaxAccountSwitches)
        return false;
    ++m_accountSwitches;
    qCInfo(lcRouting).noquote() << QStringLiteral("%1: account %2 is out of quota (HTTP %3); trying the next account")
                                       .arg(m_backend->name, exhausted.accountId)
                                       .arg(m_status);
    resetForResend();
    m_grant.reset();
    m_oauthRetried = false;
    if (!e.message.startsWith(QLatin1String("backend '")))
        e.message = QStringLiteral("backend '%1': account %2: %3").arg(m_backend->name, exhausted.accountId, e.message);
    acquireGrant(exhausted.accountId, e);
    return true;
}

} // namespace lip
