// SPDX-License-Identifier: GPL-3.0-or-later
#include "pages/logpage.h"

#include <QCheckBox>
#include <QClipboard>
#include <QComboBox>
#include <QFontDatabase>
#include <QGuiApplication>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QScrollBar>
#include <QVBoxLayout>

namespace lip::ui {

namespace {

// QtMsgType is not ordered by severity (info is 4): rank it.
int severity(QtMsgType type)
{
    switch (type) {
    case QtDebugMsg:
        return 0;
    case QtInfoMsg:
        return 1;
    case QtWarningMsg:
        return 2;
    case QtCriticalMsg:
        return 3;
    case QtFatalMsg:
        return 4;
    }
    return 0;
}

QString levelName(QtMsgType type)
{
    switch (type) {
    case QtDebugMsg:
        return QStringLiteral("debug");
    case QtInfoMsg:
        return QStringLiteral("info");
    case QtWarningMsg:
        return QStringLiteral("warning");
    case QtCriticalMsg:
        return QStringLiteral("critical");
    case QtFatalMsg:
        return QStringLiteral("fatal");
    }
    return QString();
}

} // namespace

LogPage::LogPage(const AppContext &context, QWidget *parent)
    : Page(context, parent)
{
    setObjectName(QStringLiteral("logPage"));
    auto *outer = new QVBoxLayout(this);
    outer->setContentsMargins(16, 16, 16, 16);

    auto *filters = new QHBoxLayout;
    m_categoryCaption = new QLabel(this);
    m_category = new QComboBox(this);
    m_category->setObjectName(QStringLiteral("categoryFilter"));
    m_category->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    m_category->addItem(QString(), QString());
    m_categoryCaption->setBuddy(m_category);
    m_levelCaption = new QLabel(this);
    m_level = new QComboBox(this);
    m_level->setObjectName(QStringLiteral("levelFilter"));
    for (int rank = 0; rank < 4; ++rank)
        m_level->addItem(QString(), rank);
    m_level->setCurrentIndex(1); // info and above: debug is for when something is being chased
    m_levelCaption->setBuddy(m_level);
    m_filterCaption = new QLabel(this);
    m_filter = new QLineEdit(this);
    m_filter->setObjectName(QStringLiteral("textFilter"));
    m_filter->setClearButtonEnabled(true);
    m_filterCaption->setBuddy(m_filter);
    filters->addWidget(m_categoryCaption);
    filters->addWidget(m_category);
    filters->addWidget(m_levelCaption);
    filters->addWidget(m_level);
    filters->addWidget(m_filterCaption);
    filters->addWidget(m_filter, 1);
    outer->addLayout(filters);

    m_view = new QPlainTextEdit(this);
    m_view->setObjectName(QStringLiteral("logView"));
    m_view->setReadOnly(true);
    m_view->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_view->setMaximumBlockCount(MaxLines);
    m_view->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_view->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    outer->addWidget(m_view, 1);

    auto *buttons = new QHBoxLayout;
    m_pauseScroll = new QCheckBox(this);
    m_pauseScroll->setObjectName(QStringLiteral("pauseScroll"));
    m_copy = new QPushButton(this);
    m_copy->setObjectName(QStringLiteral("copyLog"));
    m_clear = new QPushButton(this);
    m_clear->setObjectName(QStringLiteral("clearLog"));
    buttons->addWidget(m_pauseScroll);
    buttons->addStretch(1);
    buttons->addWidget(m_copy);
    buttons->addWidget(m_clear);
    outer->addLayout(buttons);

    connect(m_category, &QComboBox::currentIndexChanged, this, &LogPage::rerender);
    connect(m_level, &QComboBox::currentIndexChanged, this, &LogPage::rerender);
    connect(m_filter, &QLineEdit::textChanged, this, &LogPage::rerender);
    connect(m_copy, &QPushButton::clicked, this, &LogPage::copyVisible);
    connect(m_clear, &QPushButton::clicked, this, &LogPage::clear);

    retranslate();
}

QString LogPage::format(const LogLine &line)
{
    return QStringLiteral("%1 %2 %3: %4")
        .arg(line.time.toLocalTime().toString(QStringLiteral("HH:mm:ss.zzz")), levelName(line.type).leftJustified(8),
             line.category, line.message);
}

bool LogPage::matches(const LogLine &line) const
{
    if (severity(line.type) < m_level->currentData().toInt())
        return false;
    const QString category = m_category->currentData().toString();
    if (!category.isEmpty() && line.category != category)
        return false;
    const QString text = m_filter->text();
    return text.isEmpty() || line.message.contains(text, Qt::CaseInsensitive)
        || line.category.contains(text, Qt::CaseInsensitive);
}

void LogPage::addCategory(const QString &category)
{
    if (category.isEmpty() || m_category->findData(category) >= 0)
        return;
    // Sorted after the "All" entry; few categories, so a linear insert is fine.
    int index = 1;
    while (index < m_category->count() && m_category->itemData(index).toString() < category)
        ++index;
    m_category->insertItem(index, category, category);
}

void LogPage::appendLine(const lip::LogLine &line)
{
    m_lines.append(line);
    if (m_lines.size() > MaxLines)
        m_lines.remove(0, m_lines.size() - MaxLines);
    addCategory(line.category);
    if (!matches(line))
        return;
    QScrollBar *bar = m_view->verticalScrollBar();
    const int kept = bar->value();
    m_view->appendPlainText(format(line));
    if (m_pauseScroll->isChecked())
        bar->setValue(kept);
    else
        bar->setValue(bar->maximum());
}

void LogPage::setLines(const QList<lip::LogLine> &lines)
{
    m_lines = lines.size() > MaxLines ? lines.mid(lines.size() - MaxLines) : lines;
    for (const LogLine &line : std::as_const(m_lines))
        addCategory(line.category);
    rerender();
}

void LogPage::clear()
{
    m_lines.clear();
    m_view->clear();
}

void LogPage::rerender()
{
    QStringList shown;
    for (const LogLine &line : std::as_const(m_lines))
        if (matches(line))
            shown << format(line);
    m_view->setPlainText(shown.join(QLatin1Char('\n')));
    if (!m_pauseScroll->isChecked())
        m_view->verticalScrollBar()->setValue(m_view->verticalScrollBar()->maximum());
}

QString LogPage::visibleText() const
{
    return m_view->toPlainText();
}

void LogPage::copyVisible()
{
    const QString selected = m_view->textCursor().selectedText();
    // QTextCursor uses U+2029 between paragraphs.
    QGuiApplication::clipboard()->setText(selected.isEmpty() ? visibleText()
                                                             : QString(selected).replace(QChar(0x2029), QLatin1Char('\n')));
}

void LogPage::retranslate()
{
    m_categoryCaption->setText(tr("C&ategory:"));
    m_category->setItemText(0, tr("All"));
    m_category->setAccessibleName(tr("Category filter"));
    m_levelCaption->setText(tr("&Level:"));
    m_level->setItemText(0, tr("Debug and above"));
    m_level->setItemText(1, tr("Info and above"));
    m_level->setItemText(2, tr("Warnings and errors"));
    m_level->setItemText(3, tr("Errors only"));
    m_level->setAccessibleName(tr("Level filter"));
    m_filterCaption->setText(tr("&Filter:"));
    m_filter->setPlaceholderText(tr("text in the message or category"));
    m_filter->setAccessibleName(tr("Text filter"));
    m_view->setAccessibleName(tr("Log lines"));
    m_pauseScroll->setText(tr("&Pause autoscroll"));
    m_pauseScroll->setAccessibleName(tr("Pause autoscroll"));
    m_copy->setText(tr("&Copy"));
    m_copy->setAccessibleName(tr("Copy the shown log lines"));
    m_clear->setText(tr("Clea&r"));
    m_clear->setAccessibleName(tr("Clear the log view"));
}

} // namespace lip::ui
