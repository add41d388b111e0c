// SPDX-License-Identifier: GPL-3.0-or-later
#include "mainwindow.h"

#include "pages/page.h"
#include "uilogging.h"
#include "uiresources.h"

#include <QCloseEvent>
#include <QEvent>
#include <QHBoxLayout>
#include <QListWidget>
#include <QStackedWidget>

namespace lip::ui {

MainWindow::MainWindow(QWidget *parent)
    : QMainWindow(parent)
{
    setWindowIcon(appIcon());
    setObjectName(QStringLiteral("mainWindow"));

    auto *central = new QWidget(this);
    auto *layout = new QHBoxLayout(central);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);

    m_sidebar = new QListWidget(central);
    m_sidebar->setObjectName(QStringLiteral("sidebar"));
    m_sidebar->setIconSize(QSize(22, 22));
    m_sidebar->setSpacing(2);
    m_sidebar->setFrameShape(QFrame::NoFrame);
    m_sidebar->setSelectionMode(QAbstractItemView::SingleSelection);
    m_sidebar->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_sidebar->setSizePolicy(QSizePolicy::Fixed, QSizePolicy::Expanding);
    m_sidebar->setFixedWidth(180);

    m_stack = new QStackedWidget(central);
    m_stack->setObjectName(QStringLiteral("pageStack"));

    layout->addWidget(m_sidebar);
    layout->addWidget(m_stack, 1);
    setCentralWidget(central);

    // currentRowChanged follows the keyboard (arrows, Home/End) as well as clicks.
    connect(m_sidebar, &QListWidget::currentRowChanged, this, [this](int row) {
        if (row < 0 || row >= m_pages.size())
            return;
        m_stack->setCurrentIndex(row);
        Q_EMIT currentPageChanged(m_pages.at(row)->pageId());
    });

    retranslate();
    resize(960, 640);
}

void MainWindow::addPage(Page *page)
{
    if (!page)
        return;
    m_pages.append(page);
    m_stack->addWidget(page);
    auto *item = new QListWidgetItem(page->icon(), page->title(), m_sidebar);
    item->setData(Qt::UserRole, page->pageId());
    item->setData(Qt::AccessibleTextRole, page->title());
    if (m_sidebar->currentRow() < 0)
        m_sidebar->setCurrentRow(0);
}

bool MainWindow::showPage(const QString &id)
{
    for (int i = 0; i < m_pages.size(); ++i) {
        if (m_pages.at(i)->pageId() == id) {
            m_sidebar->setCurrentRow(i);
            return true;
        }
    }
    return false;
}

Page *MainWindow::page(const QString &id) const
{
    for (Page *p : m_pages)
        if (p->pageId() == id)
            return p;
    return nullptr;
}

Page *MainWindow::currentPage() const
{
    return qobject_cast<Page *>(m_stack->currentWidget());
}

QStringList MainWindow::pageIds() const
{
    QStringList ids;
    for (const Page *p : m_pages)
        ids << p->pageId();
    return ids;
}

void MainWindow::setTrayAvailable(bool available)
{
    m_trayAvailable = available;
}

void MainWindow::bringToFront()
{
    if (isMinimized())
        showNormal();
    else
        show();
    raise();
    activateWindow();
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    if (m_trayAvailable) {
        qCDebug(lcUi) << "window closed: hiding to the tray, the proxy keeps running";
        hide();
        event->ignore();
        Q_EMIT hiddenToTray();
        return;
    }
    event->accept();
    Q_EMIT quitRequested();
}

void MainWindow::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QMainWindow::changeEvent(event);
}

void MainWindow::retranslate()
{
    setWindowTitle(tr("LLM Interactive Proxy"));
    m_sidebar->setAccessibleName(tr("Pages"));
    // title() is tr()'d on each call, so it is current whatever order the pages got the event in.
    for (int i = 0; i < m_pages.size() && i < m_sidebar->count(); ++i) {
        QListWidgetItem *item = m_sidebar->item(i);
        item->setText(m_pages.at(i)->title());
        item->setData(Qt::AccessibleTextRole, m_pages.at(i)->title());
    }
}

} // namespace lip::ui
