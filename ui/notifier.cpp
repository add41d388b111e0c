// SPDX-License-Identifier: GPL-3.0-or-later
#include "notifier.h"

namespace lip::ui {

NotificationLimiter::NotificationLimiter(Clock clock, qint64 windowMs, int overallLimit)
    : m_clock(clock ? std::move(clock) : Clock([] { return QDateTime::currentDateTimeUtc(); }))
    , m_windowMs(windowMs)
    , m_overallLimit(overallLimit)
{
}

bool NotificationLimiter::allow(const QString &subject)
{
    const QDateTime now = m_clock();
    while (!m_recent.isEmpty() && m_recent.constFirst().msecsTo(now) >= m_windowMs)
        m_recent.removeFirst();
    const auto last = m_lastPerSubject.constFind(subject);
    if (last != m_lastPerSubject.constEnd() && last->msecsTo(now) < m_windowMs)
        return false;
    if (m_recent.size() >= m_overallLimit)
        return false;
    m_lastPerSubject.insert(subject, now);
    m_recent.append(now);
    return true;
}

} // namespace lip::ui
