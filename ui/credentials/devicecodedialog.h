// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Shown during a device sign-in: the user code in large type with Copy, the verification page as
// a link, and the time left before the code expires. Closing it cancels the sign-in.

#include <QDateTime>
#include <QDialog>
#include <QUrl>

class QLabel;
class QPushButton;
class QTimer;

namespace lip::ui::credentials {

class DeviceCodeDialog : public QDialog
{
    Q_OBJECT
public:
    DeviceCodeDialog(const QString &providerName, const QUrl &verificationUri, const QString &userCode,
                     const QDateTime &expiresAt, const QUrl &verificationUriComplete, QWidget *parent = nullptr);

    QString userCode() const { return m_code; }
    QString countdownText() const;
    void setProgress(const QString &text);

private:
    void tick();

    QString m_code;
    QDateTime m_expiresAt;
    QLabel *m_countdown;
    QLabel *m_progress;
    QTimer *m_timer;
};

} // namespace lip::ui::credentials
