// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QDateTime>
#include <QHash>
#include <QList>
#include <QString>

#include <functional>

namespace lip::ui {

// Rate limit for tray notifications: a flapping circuit or a key refused on every request must
// not bury the desktop in bubbles. At most one notification per subject (backend instance,
// account) per window, and at most `overallLimit` per window in all. The clock is injectable so
// tests need no sleeps.
class NotificationLimiter
{
public:
    using Clock = std::function<QDateTime()>;

    explicit NotificationLimiter(Clock clock = {}, qint64 windowMs = 60000, int overallLimit = 5);

    // True (and counted) when a notification about `subject` may be shown now.
    bool allow(const QString &subject);

private:
    Clock m_clock;
    qint64 m_windowMs;
    int m_overallLimit;
    QHash<QString, QDateTime> m_lastPerSubject;
    QList<QDateTime> m_recent; // shown within the window, oldest first
};

} // namespace lip::ui
