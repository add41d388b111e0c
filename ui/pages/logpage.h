// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/logfeed.h"
#include "pages/page.h"

#include <QList>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;

namespace lip::ui {

// The live log: lines from LogFeed (already redacted), filtered by category, level and text,
// with autoscroll that can be paused and a copy button. uimain.cpp connects LogFeed to
// appendLine(); the page itself does not reach for the feed, so it can be tested with made-up
// lines.
class LogPage : public Page
{
    Q_OBJECT
public:
    static constexpr int MaxLines = 5000; // older lines are dropped: the view must stay light

    explicit LogPage(const AppContext &context, QWidget *parent = nullptr);

    QString pageId() const override { return QStringLiteral("log"); }
    QString title() const override { return tr("Log"); }
    QIcon icon() const override { return QIcon(QStringLiteral(":/icons/log.svg")); }

    // The visible (filtered) text, one line per log line.
    QString visibleText() const;
    static QString format(const LogLine &line);

public Q_SLOTS:
    void appendLine(const lip::LogLine &line);
    void setLines(const QList<lip::LogLine> &lines);
    void clear();
    void copyVisible();

protected:
    void retranslate() override;

private:
    bool matches(const LogLine &line) const;
    void rerender();
    void addCategory(const QString &category);

    QList<LogLine> m_lines;
    QComboBox *m_category = nullptr;
    QComboBox *m_level = nullptr;
    QLineEdit *m_filter = nullptr;
    QCheckBox *m_pauseScroll = nullptr;
    QPushButton *m_copy = nullptr;
    QPushButton *m_clear = nullptr;
    QLabel *m_categoryCaption = nullptr;
    QLabel *m_levelCaption = nullptr;
    QLabel *m_filterCaption = nullptr;
    QPlainTextEdit *m_view = nullptr;
};

} // namespace lip::ui
