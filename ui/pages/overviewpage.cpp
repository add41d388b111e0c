// SPDX-License-Identifier: GPL-3.0-or-later
#include "pages/overviewpage.h"

#include "statustext.h"
#include "uilogging.h"

#include <QClipboard>
#include <QGridLayout>
#include <QGuiApplication>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPushButton>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace lip::ui {

OverviewPage::OverviewPage(const AppContext &context, QWidget *parent)
    : Page(context, parent)
{
    setObjectName(QStringLiteral("overviewPage"));
    auto *outer = new QVBoxLayout(this);
    outer->setContentsMargins(16, 16, 16, 16);
    outer->setSpacing(12);

    m_banner = new QLabel(this);
    m_banner->setObjectName(QStringLiteral("degradedBanner"));
    m_banner->setWordWrap(true);
    m_banner->setStyleSheet(QStringLiteral("QLabel { background: #fff3cd; color: #5c4400; border: 1px solid #e0a100;"
                                           " border-radius: 4px; padding: 8px; }"));
    m_banner->hide();
    outer->addWidget(m_banner);

    auto *stateRow = new QHBoxLayout;
    m_stateLabel = new QLabel(this);
    m_stateLabel->setObjectName(QStringLiteral("stateLabel"));
    m_stateLabel->setWordWrap(true);
    QFont stateFont = m_stateLabel->font();
    stateFont.setPointSizeF(stateFont.pointSizeF() * 1.25);
    stateFont.setBold(true);
    m_stateLabel->setFont(stateFont);
    m_startStopButton = new QPushButton(this);
    m_startStopButton->setObjectName(QStringLiteral("startStopButton"));
    stateRow->addWidget(m_stateLabel, 1);
    stateRow->addWidget(m_startStopButton);
    outer->addLayout(stateRow);

    auto *grid = new QGridLayout;
    grid->setHorizontalSpacing(12);
    grid->setVerticalSpacing(8);
    grid->setColumnStretch(1, 1);
    int row = 0;
    for (auto [target, name] : {std::pair{&m_openAi, "openAi"}, std::pair{&m_anthropic, "anthropic"},
                                std::pair{&m_gemini, "gemini"}, std::pair{&m_anthropicPort, "anthropicPort"}}) {
        *target = makeUrlRow(QString::fromLatin1(name));
        grid->addWidget(target->caption, row, 0);
        grid->addWidget(target->edit, row, 1);
        grid->addWidget(target->copy, row, 2);
        ++row;
    }
    auto addValue = [&](QLabel *&caption, QLabel *&value, const QString &name) {
        caption = new QLabel(this);
        caption->setAlignment(Qt::AlignRight | Qt::AlignTop);
        value = new QLabel(this);
        value->setObjectName(name);
        value->setWordWrap(true);
        value->setTextInteractionFlags(Qt::TextSelectableByMouse);
        grid->addWidget(caption, row, 0);
        grid->addWidget(value, row, 1, 1, 2);
        ++row;
    };
    addValue(m_backendsCaption, m_backendsLabel, QStringLiteral("backendsLabel"));
    addValue(m_requestsCaption, m_requestsLabel, QStringLiteral("requestsLabel"));
    addValue(m_errorsCaption, m_errorsLabel, QStringLiteral("errorsLabel"));
    outer->addLayout(grid);

    m_recentCaption = new QLabel(this);
    outer->addWidget(m_recentCaption);
    m_recentErrors = new QTreeWidget(this);
    m_recentErrors->setObjectName(QStringLiteral("recentErrors"));
    m_recentErrors->setRootIsDecorated(false);
    m_recentErrors->setColumnCount(3);
    m_recentErrors->setUniformRowHeights(true);
    m_recentErrors->header()->setStretchLastSection(true);
    m_recentErrors->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_recentCaption->setBuddy(m_recentErrors);
    outer->addWidget(m_recentErrors, 1);

    connect(m_startStopButton, &QPushButton::clicked, this, &OverviewPage::toggleRunning);
    if (EngineClient *engine = context.engine) {
        connect(engine, &EngineClient::statusChanged, this, &OverviewPage::setStatus);
        connect(engine, &EngineClient::started, this, [this, engine] { setStatus(engine->status()); });
        connect(engine, &EngineClient::failed, this, &OverviewPage::setStartFailed);
    }

    retranslate();
    setStatus(context.engine ? context.engine->status() : EngineStatus{});
}

OverviewPage::UrlRow OverviewPage::makeUrlRow(const QString &name)
{
    UrlRow row;
    row.caption = new QLabel(this);
    row.caption->setAlignment(Qt::AlignRight | Qt::AlignVCenter);
    // A read-only line edit rather than a label: it takes keyboard focus, so the address can be
    // selected and copied without a mouse, and screen readers announce it as a field.
    row.edit = new QLineEdit(this);
    row.edit->setObjectName(name + QStringLiteral("Url"));
    row.edit->setReadOnly(true);
    row.caption->setBuddy(row.edit);
    row.copy = new QPushButton(this);
    row.copy->setObjectName(name + QStringLiteral("Copy"));
    QLineEdit *edit = row.edit;
    connect(row.copy, &QPushButton::clicked, this, [edit] {
        if (!edit->text().isEmpty())
            QGuiApplication::clipboard()->setText(edit->text());
    });
    return row;
}

void OverviewPage::toggleRunning()
{
    EngineClient *engine = context().engine;
    if (!engine)
        return;
    if (m_status.running && !m_status.paused)
        engine->pause();
    else
        engine->resume();
}

void OverviewPage::setStartFailed(const QString &message)
{
    m_failure = message;
    EngineStatus stopped = m_status;
    stopped.running = false;
    stopped.listenAddress.clear();
    stopped.anthropicAddress.clear();
    setStatus(stopped);
}

void OverviewPage::setStatus(const lip::EngineStatus &status)
{
    m_status = status;
    if (status.running)
        m_failure.clear();

    m_stateLabel->setText(m_failure.isEmpty() ? StatusText::state(status) : tr("Could not start: %1").arg(m_failure));
    const bool running = status.running && !status.paused;
    m_startStopButton->setText(running ? tr("S&top") : tr("S&tart"));
    m_startStopButton->setAccessibleName(running ? tr("Stop the proxy") : tr("Start the proxy"));
    m_startStopButton->setEnabled(context().engine != nullptr);

    const QString banner = StatusText::degraded(status);
    m_banner->setText(banner);
    m_banner->setVisible(!banner.isEmpty());

    const struct
    {
        UrlRow &row;
        QString url;
        bool visible;
    } rows[] = {
        {m_openAi, StatusText::openAiBaseUrl(status), true},
        {m_anthropic, status.listenAddress, true},
        {m_gemini, StatusText::geminiBaseUrl(status), true},
        {m_anthropicPort, status.anthropicAddress, !status.anthropicAddress.isEmpty()},
    };
    for (const auto &r : rows) {
        r.row.edit->setText(r.url);
        r.row.edit->setPlaceholderText(tr("not listening"));
        r.row.copy->setEnabled(!r.url.isEmpty());
        r.row.caption->setVisible(r.visible);
        r.row.edit->setVisible(r.visible);
        r.row.copy->setVisible(r.visible);
    }

    m_backendsLabel->setText(StatusText::backends(status));
    m_requestsLabel->setText(status.activeRequests > 0
                                 ? tr("%1 answered, %2 in progress").arg(status.requests).arg(status.activeRequests)
                                 : tr("%1 answered").arg(status.requests));
    m_errorsLabel->setText(QString::number(status.errors));
    QFont errorsFont = m_errorsLabel->font();
    errorsFont.setBold(status.errors > 0);
    m_errorsLabel->setFont(errorsFont);

    m_recentErrors->clear();
    QList<RecentError> recent = status.recentErrors;
    if (recent.isEmpty() && !status.lastError.isEmpty())
        recent.append({status.lastErrorTime, QString(), status.lastError});
    for (const RecentError &error : std::as_const(recent)) {
        auto *item = new QTreeWidgetItem(m_recentErrors);
        item->setText(0, error.time.isValid() ? QLocale().toString(error.time.toLocalTime().time(), QLocale::ShortFormat)
                                              : QString());
        item->setText(1, error.backend.isEmpty() ? tr("(proxy)") : error.backend);
        item->setText(2, error.message);
        item->setToolTip(2, error.message);
    }
}

void OverviewPage::retranslate()
{
    m_openAi.caption->setText(tr("&OpenAI base URL:"));
    m_openAi.edit->setAccessibleName(tr("OpenAI base URL"));
    m_openAi.copy->setText(tr("Copy"));
    m_openAi.copy->setAccessibleName(tr("Copy OpenAI base URL"));
    m_anthropic.caption->setText(tr("A&nthropic base URL:"));
    m_anthropic.edit->setAccessibleName(tr("Anthropic base URL"));
    m_anthropic.copy->setText(tr("Copy"));
    m_anthropic.copy->setAccessibleName(tr("Copy Anthropic base URL"));
    m_gemini.caption->setText(tr("&Gemini base URL:"));
    m_gemini.edit->setAccessibleName(tr("Gemini base URL"));
    m_gemini.copy->setText(tr("Copy"));
    m_gemini.copy->setAccessibleName(tr("Copy Gemini base URL"));
    m_anthropicPort.caption->setText(tr("Anthropic &port:"));
    m_anthropicPort.edit->setAccessibleName(tr("Dedicated Anthropic address"));
    m_anthropicPort.copy->setText(tr("Copy"));
    m_anthropicPort.copy->setAccessibleName(tr("Copy dedicated Anthropic address"));
    m_backendsCaption->setText(tr("Backends:"));
    m_backendsLabel->setAccessibleName(tr("Backends"));
    m_requestsCaption->setText(tr("Requests:"));
    m_requestsLabel->setAccessibleName(tr("Requests"));
    m_errorsCaption->setText(tr("Errors:"));
    m_errorsLabel->setAccessibleName(tr("Errors"));
    m_stateLabel->setAccessibleName(tr("Proxy state"));
    m_banner->setAccessibleName(tr("Degraded"));
    m_recentCaption->setText(tr("&Recent errors:"));
    m_recentErrors->setAccessibleName(tr("Recent errors"));
    m_recentErrors->setHeaderLabels({tr("Time"), tr("Backend"), tr("Message")});
    setStatus(m_status);
}

} // namespace lip::ui
