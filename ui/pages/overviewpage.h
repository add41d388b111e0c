// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "engine.h"
#include "pages/page.h"

class QLabel;
class QLineEdit;
class QPushButton;
class QTreeWidget;

namespace lip::ui {

// What the proxy is doing: where it listens (a base URL per client dialect, each with a copy
// button), running/paused/stopped with Start/Stop, live counters, the last errors with their
// backend, and a banner while a backend's circuit is open.
class OverviewPage : public Page
{
    Q_OBJECT
public:
    explicit OverviewPage(const AppContext &context, QWidget *parent = nullptr);

    QString pageId() const override { return QStringLiteral("overview"); }
    QString title() const override { return tr("Overview"); }
    QIcon icon() const override { return QIcon(QStringLiteral(":/icons/overview.svg")); }

public Q_SLOTS:
    void setStatus(const lip::EngineStatus &status);
    // Start-up or a restart failed (port in use, ...): shown until the proxy runs again.
    void setStartFailed(const QString &message);

protected:
    void retranslate() override;

private:
    struct UrlRow
    {
        QLabel *caption = nullptr;
        QLineEdit *edit = nullptr;
        QPushButton *copy = nullptr;
    };
    UrlRow makeUrlRow(const QString &name);
    void toggleRunning();

    EngineStatus m_status;
    QString m_failure;

    QLabel *m_banner = nullptr;
    QLabel *m_stateLabel = nullptr;
    QPushButton *m_startStopButton = nullptr;
    UrlRow m_openAi;
    UrlRow m_anthropic;
    UrlRow m_gemini;
    UrlRow m_anthropicPort;
    QLabel *m_backendsCaption = nullptr;
    QLabel *m_backendsLabel = nullptr;
    QLabel *m_requestsCaption = nullptr;
    QLabel *m_requestsLabel = nullptr;
    QLabel *m_errorsCaption = nullptr;
    QLabel *m_errorsLabel = nullptr;
    QLabel *m_recentCaption = nullptr;
    QTreeWidget *m_recentErrors = nullptr;
};

} // namespace lip::ui
