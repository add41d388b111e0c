// SPDX-License-Identifier: GPL-3.0-or-later
#include "credentials/devicecodedialog.h"

#include <QApplication>
#include <QClipboard>
#include <QDialogButtonBox>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QTimer>
#include <QVBoxLayout>

namespace lip::ui::credentials {

DeviceCodeDialog::DeviceCodeDialog(const QString &providerName, const QUrl &verificationUri, const QString &userCode,
                                   const QDateTime &expiresAt, const QUrl &verificationUriComplete, QWidget *parent)
    : QDialog(parent), m_code(userCode), m_expiresAt(expiresAt)
{
    setObjectName(QStringLiteral("deviceCodeDialog"));
    setWindowTitle(tr("Sign in to %1").arg(providerName));
    auto *layout = new QVBoxLayout(this);

    auto *intro = new QLabel(tr("Open the page below, sign in, and enter this code:"), this);
    intro->setWordWrap(true);
    layout->addWidget(intro);

    auto *codeRow = new QHBoxLayout;
    auto *code = new QLabel(userCode.toHtmlEscaped(), this);
    code->setObjectName(QStringLiteral("userCodeLabel"));
    code->setAccessibleName(tr("Code to enter"));
    code->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    QFont big = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    big.setPointSizeF(std::max<qreal>(big.pointSizeF(), 10) * 2.4);
    big.setBold(true);
    code->setFont(big);
    auto *copy = new QPushButton(tr("&Copy code"), this);
    copy->setObjectName(QStringLiteral("copyCodeButton"));
    copy->setAccessibleName(tr("Copy the code"));
    connect(copy, &QPushButton::clicked, this, [this] {
        if (QClipboard *c = QApplication::clipboard())
            c->setText(m_code);
    });
    codeRow->addWidget(code, 1);
    codeRow->addWidget(copy);
    layout->addLayout(codeRow);

    // The complete URI carries the code already; offer it when the provider gives one.
    const QUrl url = verificationUriComplete.isValid() && !verificationUriComplete.isEmpty() ? verificationUriComplete
                                                                                              : verificationUri;
    const bool safeScheme = url.scheme() == QLatin1String("https") || url.scheme() == QLatin1String("http");
    auto *link = new QLabel(this);
    link->setObjectName(QStringLiteral("verificationLink"));
    link->setAccessibleName(tr("Verification page"));
    link->setTextFormat(Qt::RichText);
    link->setOpenExternalLinks(safeScheme);
    link->setTextInteractionFlags(Qt::TextBrowserInteraction);
    const QString shown = url.toDisplayString().toHtmlEscaped();
    link->setText(safeScheme ? QStringLiteral("<a href=\"%1\">%2</a>").arg(QString::fromUtf8(url.toEncoded()).toHtmlEscaped(), shown)
                             : shown);
    layout->addWidget(link);

    m_countdown = new QLabel(this);
    m_countdown->setObjectName(QStringLiteral("countdownLabel"));
    m_countdown->setAccessibleName(tr("Time left"));
    layout->addWidget(m_countdown);
    m_progress = new QLabel(this);
    m_progress->setObjectName(QStringLiteral("progressLabel"));
    m_progress->setWordWrap(true);
    layout->addWidget(m_progress);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Cancel, this);
    buttons->button(QDialogButtonBox::Cancel)->setText(tr("&Cancel sign-in"));
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(buttons);

    m_timer = new QTimer(this);
    m_timer->setInterval(1000);
    connect(m_timer, &QTimer::timeout, this, &DeviceCodeDialog::tick);
    m_timer->start();
    tick();
}

QString DeviceCodeDialog::countdownText() const
{
    return m_countdown->text();
}

void DeviceCodeDialog::setProgress(const QString &text)
{
    m_progress->setText(text);
}

void DeviceCodeDialog::tick()
{
    if (!m_expiresAt.isValid()) {
        m_countdown->setText(tr("Waiting for you to enter the code…"));
        return;
    }
    const qint64 left = QDateTime::currentDateTimeUtc().secsTo(m_expiresAt);
    if (left <= 0) {
        m_countdown->setText(tr("The code has expired. Cancel and sign in again."));
        m_timer->stop();
        return;
    }
    m_countdown->setText(tr("The code expires in %1:%2.")
                             .arg(left / 60)
                             .arg(left % 60, 2, 10, QLatin1Char('0')));
}

} // namespace lip::ui::credentials
