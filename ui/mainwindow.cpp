// SPDX-License-Identifier: GPL-3.0-or-later
#include "mainwindow.h"

#include "statustext.h"
#include "uilogging.h"
#include "uiresources.h"

#include <QClipboard>
#include <QCloseEvent>
#include <QEvent>
#include <QGridLayout>
#include <QGuiApplication>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace lip::ui {

namespace {

QLabel *makeValueLabel(QWidget *parent)
{
    auto *label = new QLabel(parent);
    label->setWordWrap(true);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    return label;
}

QLineEdit *makeAddressEdit(QWidget *parent)
{
    // A read-only line edit rather than a label: it takes keyboard focus, so the address can
    // be selected and copied without a mouse, and screen readers announce it as a field.
    auto *edit = new QLineEdit(parent);
    edit->setReadOnly(true);
    edit->setMinimumWidth(edit->fontMetrics().horizontalAdvance(QStringLiteral("http://255.255.255.255:65535")) + 24);
    return edit;
}

} // namespace

MainWindow::MainWindow(QWidget *parent)
    : QMainWindow(parent)
{
    setWindowIcon(appIcon());
    setObjectName(QStringLiteral("mainWindow"));

    auto *central = new QWidget(this);
    auto *outer = new QVBoxLayout(central);
    outer->setContentsMargins(16, 16, 16, 16);
    outer->setSpacing(12);

    // Header: icon, name and the one-word state.
    auto *header = new QHBoxLayout;
    auto *iconLabel = new QLabel(central);
    iconLabel->setPixmap(appIcon().pixmap(48, 48));
    iconLabel->setFixedSize(48, 48);
    header->addWidget(iconLabel);
    auto *titleBox = new QVBoxLayout;
    auto *titleLabel = new QLabel(central);
    titleLabel->setObjectName(QStringLiteral("titleLabel"));
    QFont titleFont = titleLabel->font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.4);
    titleFont.setBold(true);
    titleLabel->setFont(titleFont);
    titleLabel->setText(QStringLiteral("LLM Interactive Proxy")); // product name, not translated
    m_stateLabel = new QLabel(central);
    m_stateLabel->setObjectName(QStringLiteral("stateLabel"));
    m_stateLabel->setWordWrap(true);
    titleBox->addWidget(titleLabel);
    titleBox->addWidget(m_stateLabel);
    header->addLayout(titleBox, 1);
    outer->addLayout(header);

    auto *grid = new QGridLayout;
    grid->setHorizontalSpacing(12);
    grid->setVerticalSpacing(8);
    grid->setColumnStretch(1, 1);
    int row = 0;
    auto addCaption = [&](QLabel *&caption, QWidget *buddy) {
        caption = new QLabel(central);
        caption->setAlignment(Qt::AlignRight | Qt::AlignTop);
        if (buddy)
            caption->setBuddy(buddy);
        grid->addWidget(caption, row, 0);
    };

    m_listenEdit = makeAddressEdit(central);
    m_listenEdit->setObjectName(QStringLiteral("listenAddress"));
    m_copyButton = new QPushButton(central);
    m_copyButton->setObjectName(QStringLiteral("copyButton"));
    addCaption(m_listenCaption, m_listenEdit);
    grid->addWidget(m_listenEdit, row, 1);
    grid->addWidget(m_copyButton, row, 2);
    ++row;

    m_anthropicEdit = makeAddressEdit(central);
    m_anthropicEdit->setObjectName(QStringLiteral("anthropicAddress"));
    m_copyAnthropicButton = new QPushButton(central);
    m_copyAnthropicButton->setObjectName(QStringLiteral("copyAnthropicButton"));
    addCaption(m_anthropicCaption, m_anthropicEdit);
    grid->addWidget(m_anthropicEdit, row, 1);
    grid->addWidget(m_copyAnthropicButton, row, 2);
    ++row;

    m_backendsLabel = makeValueLabel(central);
    m_backendsLabel->setObjectName(QStringLiteral("backendsLabel"));
    addCaption(m_backendsCaption, nullptr);
    grid->addWidget(m_backendsLabel, row, 1, 1, 2);
    ++row;

    m_requestsLabel = makeValueLabel(central);
    m_requestsLabel->setObjectName(QStringLiteral("requestsLabel"));
    addCaption(m_requestsCaption, nullptr);
    grid->addWidget(m_requestsLabel, row, 1, 1, 2);
    ++row;

    m_errorsLabel = makeValueLabel(central);
    m_errorsLabel->setObjectName(QStringLiteral("errorsLabel"));
    addCaption(m_errorsCaption, nullptr);
    grid->addWidget(m_errorsLabel, row, 1, 1, 2);
    ++row;

    m_lastErrorLabel = makeValueLabel(central);
    m_lastErrorLabel->setObjectName(QStringLiteral("lastErrorLabel"));
    // Keyboard-selectable (and so a Tab stop): the message is what a user pastes into a report.
    m_lastErrorLabel->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    m_lastErrorLabel->setFocusPolicy(Qt::StrongFocus);
    addCaption(m_lastErrorCaption, m_lastErrorLabel);
    grid->addWidget(m_lastErrorLabel, row, 1, 1, 2);
    ++row;

    outer->addLayout(grid);
    outer->addStretch(1);

    auto *buttons = new QHBoxLayout;
    buttons->addStretch(1);
    m_hideButton = new QPushButton(central);
    m_hideButton->setObjectName(QStringLiteral("hideButton"));
    m_quitButton = new QPushButton(central);
    m_quitButton->setObjectName(QStringLiteral("quitButton"));
    buttons->addWidget(m_hideButton);
    buttons->addWidget(m_quitButton);
    outer->addLayout(buttons);

    setCentralWidget(central);

    setTabOrder(m_listenEdit, m_copyButton);
    setTabOrder(m_copyButton, m_anthropicEdit);
    setTabOrder(m_anthropicEdit, m_copyAnthropicButton);
    setTabOrder(m_copyAnthropicButton, m_lastErrorLabel);
    setTabOrder(m_lastErrorLabel, m_hideButton);
    setTabOrder(m_hideButton, m_quitButton);

    connect(m_copyButton, &QPushButton::clicked, this, &MainWindow::copyListenAddress);
    connect(m_copyAnthropicButton, &QPushButton::clicked, this, &MainWindow::copyAnthropicAddress);
    connect(m_hideButton, &QPushButton::clicked, this, &QWidget::close);
    connect(m_quitButton, &QPushButton::clicked, this, &MainWindow::quitRequested);

    retranslate();
    setStatus(EngineStatus{});
    setTrayAvailable(false);
}

void MainWindow::setTrayAvailable(bool available)
{
    m_trayAvailable = available;
    m_hideButton->setVisible(available);
}

void MainWindow::setStatus(const lip::EngineStatus &status)
{
    m_status = status;
    if (status.running)
        m_failure.clear();

    if (!m_failure.isEmpty())
        m_stateLabel->setText(tr("Could not start: %1").arg(m_failure));
    else
        m_stateLabel->setText(StatusText::state(status));

    m_listenEdit->setText(status.listenAddress);
    m_listenEdit->setPlaceholderText(tr("not listening"));
    m_copyButton->setEnabled(!status.listenAddress.isEmpty());

    const bool anthropic = !status.anthropicAddress.isEmpty();
    m_anthropicEdit->setText(status.anthropicAddress);
    m_anthropicCaption->setVisible(anthropic);
    m_anthropicEdit->setVisible(anthropic);
    m_copyAnthropicButton->setVisible(anthropic);

    m_backendsLabel->setText(StatusText::backends(status));
    m_requestsLabel->setText(status.activeRequests > 0
                                 ? tr("%1 answered, %2 in progress").arg(status.requests).arg(status.activeRequests)
                                 : tr("%1 answered").arg(status.requests));
    m_errorsLabel->setText(QString::number(status.errors));
    QFont errorsFont = m_errorsLabel->font();
    errorsFont.setBold(status.errors > 0);
    m_errorsLabel->setFont(errorsFont);
    m_lastErrorLabel->setText(StatusText::lastError(status));

    setWindowTitle(status.running ? tr("LLM Interactive Proxy — %1").arg(status.listenAddress)
                                  : tr("LLM Interactive Proxy"));
}

void MainWindow::setStartFailed(const QString &message)
{
    m_failure = message;
    EngineStatus stopped = m_status;
    stopped.running = false;
    stopped.listenAddress.clear();
    stopped.anthropicAddress.clear();
    setStatus(stopped);
}

void MainWindow::copyListenAddress()
{
    if (m_status.listenAddress.isEmpty())
        return;
    QGuiApplication::clipboard()->setText(m_status.listenAddress);
    qCDebug(lcUi) << "listening address copied to the clipboard";
}

void MainWindow::copyAnthropicAddress()
{
    if (m_status.anthropicAddress.isEmpty())
        return;
    QGuiApplication::clipboard()->setText(m_status.anthropicAddress);
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
    if (event->type() == QEvent::LanguageChange) {
        retranslate();
        setStatus(m_status);
    }
    QMainWindow::changeEvent(event);
}

void MainWindow::retranslate()
{
    m_listenCaption->setText(tr("&Listening on:"));
    m_listenEdit->setAccessibleName(tr("Listening address"));
    m_copyButton->setText(tr("&Copy"));
    m_copyButton->setAccessibleName(tr("Copy listening address"));
    m_copyButton->setToolTip(tr("Copy the address to the clipboard, to paste into a client's base URL setting"));
    m_anthropicCaption->setText(tr("&Anthropic API:"));
    m_anthropicEdit->setAccessibleName(tr("Anthropic API address"));
    m_copyAnthropicButton->setText(tr("Cop&y"));
    m_copyAnthropicButton->setAccessibleName(tr("Copy Anthropic API address"));
    m_backendsCaption->setText(tr("Backends:"));
    m_backendsLabel->setAccessibleName(tr("Backends"));
    m_requestsCaption->setText(tr("Requests:"));
    m_requestsLabel->setAccessibleName(tr("Requests"));
    m_errorsCaption->setText(tr("Errors:"));
    m_errorsLabel->setAccessibleName(tr("Errors"));
    m_lastErrorCaption->setText(tr("Last &error:"));
    m_lastErrorLabel->setAccessibleName(tr("Last error"));
    m_stateLabel->setAccessibleName(tr("Proxy state"));
    m_hideButton->setText(tr("&Hide to Tray"));
    m_hideButton->setAccessibleName(tr("Hide window to the system tray"));
    m_quitButton->setText(tr("&Quit"));
    m_quitButton->setAccessibleName(tr("Quit the proxy"));
}

} // namespace lip::ui
