// SPDX-License-Identifier: GPL-3.0-or-later
#include "pages/accountspage.h"

#include "backends/oauth/accountmanager.h"
#include "credentials/accountlistmodel.h"
#include "credentials/devicecodedialog.h"
#include "engine.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDesktopServices>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QMessageBox>
#include <QPushButton>
#include <QTableView>
#include <QVBoxLayout>

namespace lip::ui {

using credentials::AccountListModel;
using credentials::DeviceCodeDialog;

AccountsPage::AccountsPage(const AppContext &context, QWidget *parent) : Page(context, parent)
{
    setObjectName(QStringLiteral("accountsPage"));
    buildUi();
    retranslate();
    if (oauth::AccountManager *manager = context.accounts) {
        connect(manager, &oauth::AccountManager::accountsChanged, this, [this] {
            rebuildProviders();
            rebuildAccounts();
        });
        connect(manager, &oauth::AccountManager::browserUrlReady, this, [this](const QUrl &url) {
            if (!m_signingIn)
                return;
            const bool opened = (url.scheme() == QLatin1String("https") || url.scheme() == QLatin1String("http"))
                && QDesktopServices::openUrl(url);
            const QString link = QStringLiteral("<a href=\"%1\">%2</a>")
                                     .arg(QString::fromUtf8(url.toEncoded()).toHtmlEscaped(),
                                          url.toDisplayString().left(80).toHtmlEscaped() + QStringLiteral("…"));
            m_progress->setText(opened ? tr("Finish signing in in your browser. If it did not open, use this link: %1").arg(link)
                                       : tr("Open this link in your browser to sign in: %1").arg(link));
        });
        connect(manager, &oauth::AccountManager::deviceCodeReady, this,
                [this](const QUrl &uri, const QString &code, const QDateTime &expiresAt, const QUrl &complete) {
                    if (!m_signingIn)
                        return;
                    if (m_deviceDialog)
                        m_deviceDialog->close();
                    m_deviceDialog = new DeviceCodeDialog(providerName(m_signInProvider), uri, code, expiresAt, complete, this);
                    m_deviceDialog->setAttribute(Qt::WA_DeleteOnClose);
                    connect(m_deviceDialog, &QDialog::rejected, this, [this] {
                        if (m_signingIn && this->context().accounts)
                            this->context().accounts->cancelSignIn();
                    });
                    m_deviceDialog->open();
                    m_progress->setText(tr("Enter the code %1 on the provider's page.").arg(code.toHtmlEscaped()));
                });
        connect(manager, &oauth::AccountManager::signInProgress, this, [this](const QString &message) {
            if (!m_signingIn)
                return;
            m_progress->setText(message.toHtmlEscaped());
            if (m_deviceDialog)
                m_deviceDialog->setProgress(message);
        });
        connect(manager, &oauth::AccountManager::signInFinished, this, [this](const QString &accountId, const QString &error) {
            m_signingIn = false;
            if (m_deviceDialog) {
                m_deviceDialog->disconnect(this); // closing it must not cancel anything now
                m_deviceDialog->close();
            }
            m_progress->clear();
            if (error.isEmpty()) {
                QString who = accountId;
                const QList<oauth::Account> accounts = this->context().accounts->accounts();
                for (const oauth::Account &a : accounts)
                    if (a.id == accountId && !a.email.isEmpty())
                        who = a.email;
                setStatus(tr("Signed in as %1. The proxy can use this account now.").arg(who));
                if (this->context().engine)
                    this->context().engine->reloadAccounts();
            } else {
                setStatus(tr("Sign-in did not complete: %1").arg(error));
            }
            rebuildProviders();
            rebuildAccounts();
            updateControls();
            Q_EMIT signInEnded(accountId, error);
        });
    }
    if (context.engine)
        connect(context.engine, &EngineClient::accountNeedsSignIn, this, [this](const QString &id, const QString &message) {
            setStatus(tr("Account %1 needs to sign in again: %2").arg(id, message));
            rebuildAccounts();
        });
    rebuildProviders();
    rebuildAccounts();
}

AccountsPage::~AccountsPage()
{
    if (m_signingIn && context().accounts)
        context().accounts->cancelSignIn();
}

QString AccountsPage::title() const
{
    return tr("Accounts");
}

QIcon AccountsPage::icon() const
{
    return QIcon(QStringLiteral(":/icons/accounts.svg"));
}

void AccountsPage::buildUi()
{
    auto *layout = new QVBoxLayout(this);
    m_intro = new QLabel(this);
    m_intro->setWordWrap(true);
    layout->addWidget(m_intro);

    auto *providerRow = new QHBoxLayout;
    m_providerLabel = new QLabel(this);
    m_provider = new QComboBox(this);
    m_provider->setObjectName(QStringLiteral("providerCombo"));
    m_provider->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    m_providerLabel->setBuddy(m_provider);
    providerRow->addWidget(m_providerLabel);
    providerRow->addWidget(m_provider, 1);
    layout->addLayout(providerRow);
    connect(m_provider, &QComboBox::currentIndexChanged, this, [this] {
        m_termsConfirm->setChecked(false);
        rebuildAccounts();
    });

    m_terms = new QLabel(this);
    m_terms->setObjectName(QStringLiteral("termsWarning"));
    m_terms->setWordWrap(true);
    m_terms->setTextInteractionFlags(Qt::TextSelectableByMouse);
    layout->addWidget(m_terms);
    m_termsConfirm = new QCheckBox(this);
    m_termsConfirm->setObjectName(QStringLiteral("termsConfirm"));
    layout->addWidget(m_termsConfirm);
    connect(m_termsConfirm, &QCheckBox::toggled, this, &AccountsPage::updateControls);

    auto *signInRow = new QHBoxLayout;
    static const char *const names[] = {"browserSignInButton", "deviceSignInButton", "importButton", "cancelButton",
                                        "signOutButton",       "upButton",           "downButton"};
    for (int i = 0; i < int(Button::Count); ++i) {
        m_buttons[i] = new QPushButton(this);
        m_buttons[i]->setObjectName(QLatin1String(names[i]));
    }
    for (Button b : {Button::Browser, Button::Device, Button::Import, Button::Cancel})
        signInRow->addWidget(m_buttons[int(b)]);
    signInRow->addStretch(1);
    layout->addLayout(signInRow);

    m_progress = new QLabel(this);
    m_progress->setObjectName(QStringLiteral("signInProgress"));
    m_progress->setWordWrap(true);
    m_progress->setTextFormat(Qt::RichText);
    m_progress->setOpenExternalLinks(true);
    m_progress->setTextInteractionFlags(Qt::TextBrowserInteraction);
    layout->addWidget(m_progress);

    auto *middle = new QHBoxLayout;
    m_model = new AccountListModel(this);
    m_view = new QTableView(this);
    m_view->setObjectName(QStringLiteral("accountTable"));
    m_view->setModel(m_model);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_view->setDragEnabled(true);
    m_view->setAcceptDrops(true);
    m_view->setDropIndicatorShown(true);
    m_view->setDragDropMode(QAbstractItemView::InternalMove);
    m_view->setDragDropOverwriteMode(false);
    m_view->setDefaultDropAction(Qt::MoveAction);
    m_view->verticalHeader()->hide();
    m_view->horizontalHeader()->setStretchLastSection(true);
    m_view->setTabKeyNavigation(false);
    middle->addWidget(m_view, 1);
    auto *side = new QVBoxLayout;
    for (Button b : {Button::SignOut, Button::Up, Button::Down})
        side->addWidget(m_buttons[int(b)]);
    side->addStretch(1);
    middle->addLayout(side);
    layout->addLayout(middle, 1);
    connect(m_view->selectionModel(), &QItemSelectionModel::selectionChanged, this, &AccountsPage::updateControls);
    connect(m_model, &QAbstractItemModel::modelReset, this, &AccountsPage::updateControls);
    connect(m_model, &AccountListModel::orderChanged, this, &AccountsPage::storeOrder);

    m_status = new QLabel(this);
    m_status->setObjectName(QStringLiteral("statusLabel"));
    m_status->setWordWrap(true);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    layout->addWidget(m_status);

    connect(m_buttons[int(Button::Browser)], &QPushButton::clicked, this, [this] { startSignIn(false); });
    connect(m_buttons[int(Button::Device)], &QPushButton::clicked, this, [this] { startSignIn(true); });
    connect(m_buttons[int(Button::Import)], &QPushButton::clicked, this, &AccountsPage::importExisting);
    connect(m_buttons[int(Button::Cancel)], &QPushButton::clicked, this, [this] {
        if (m_signingIn && context().accounts)
            context().accounts->cancelSignIn();
    });
    connect(m_buttons[int(Button::SignOut)], &QPushButton::clicked, this, &AccountsPage::signOut);
    connect(m_buttons[int(Button::Up)], &QPushButton::clicked, this, [this] { moveSelected(-1); });
    connect(m_buttons[int(Button::Down)], &QPushButton::clicked, this, [this] { moveSelected(+1); });

    QWidget *order[] = {m_provider, m_termsConfirm, m_buttons[int(Button::Browser)], m_buttons[int(Button::Device)],
                        m_buttons[int(Button::Import)], m_buttons[int(Button::Cancel)], m_view,
                        m_buttons[int(Button::SignOut)], m_buttons[int(Button::Up)], m_buttons[int(Button::Down)]};
    for (size_t i = 1; i < std::size(order); ++i)
        setTabOrder(order[i - 1], order[i]);
}

void AccountsPage::retranslate()
{
    m_intro->setText(tr("Subscription accounts the proxy can use instead of API keys. Tokens are kept in the "
                        "system keychain only. When a provider has several accounts, they are used in the "
                        "order listed."));
    m_providerLabel->setText(tr("&Provider:"));
    m_provider->setAccessibleName(tr("Sign-in provider"));
    m_termsConfirm->setText(tr("I have &read the warning above and want to continue"));
    m_termsConfirm->setAccessibleName(tr("Confirm the provider warning"));
    m_view->setAccessibleName(tr("Accounts in rotation order"));
    m_status->setAccessibleName(tr("Result of the last action"));
    m_progress->setAccessibleName(tr("Sign-in progress"));
    static const char *const texts[] = {QT_TR_NOOP("Sign in with &browser"), QT_TR_NOOP("Sign in with a &code"),
                                        QT_TR_NOOP("&Import existing login…"), QT_TR_NOOP("C&ancel sign-in"),
                                        QT_TR_NOOP("Sign ou&t…"),            QT_TR_NOOP("Move &up"),
                                        QT_TR_NOOP("Move d&own")};
    static const char *const accessible[] = {
        QT_TR_NOOP("Sign in in the web browser"), QT_TR_NOOP("Sign in with a device code"),
        QT_TR_NOOP("Import the provider tool's existing login"), QT_TR_NOOP("Cancel the sign-in"),
        QT_TR_NOOP("Sign out the selected account"), QT_TR_NOOP("Move the selected account up"),
        QT_TR_NOOP("Move the selected account down")};
    for (int i = 0; i < int(Button::Count); ++i) {
        m_buttons[i]->setText(tr(texts[i]));
        m_buttons[i]->setAccessibleName(tr(accessible[i]));
    }
    rebuildProviders();
    updateControls();
}

QString AccountsPage::providerName(const QString &id) const
{
    if (context().accounts)
        for (const oauth::ProviderInfo &p : context().accounts->providers())
            if (p.id == id)
                return tr(p.displayName.toUtf8().constData());
    return id;
}

void AccountsPage::rebuildProviders()
{
    oauth::AccountManager *manager = context().accounts;
    if (!m_provider)
        return;
    const QString current = currentProvider();
    const QSignalBlocker blocker(m_provider);
    m_provider->clear();
    if (!manager)
        return;
    const QList<oauth::Account> accounts = manager->accounts();
    for (const oauth::ProviderInfo &p : manager->providers()) {
        int n = 0;
        for (const oauth::Account &a : accounts)
            n += a.provider == p.id;
        m_provider->addItem(tr("%1 (%n account(s))", nullptr, n).arg(tr(p.displayName.toUtf8().constData())), p.id);
    }
    const int i = m_provider->findData(current);
    m_provider->setCurrentIndex(i >= 0 ? i : (m_provider->count() ? 0 : -1));
}

QString AccountsPage::currentProvider() const
{
    return m_provider ? m_provider->currentData().toString() : QString();
}

bool AccountsPage::selectProvider(const QString &provider)
{
    const int i = m_provider->findData(provider);
    if (i < 0)
        return false;
    m_provider->setCurrentIndex(i);
    return true;
}

QString AccountsPage::statusText() const
{
    return m_status->text();
}

void AccountsPage::setStatus(const QString &text)
{
    m_status->setText(text);
}

void AccountsPage::rebuildAccounts()
{
    QList<oauth::Account> mine;
    if (context().accounts)
        for (const oauth::Account &a : context().accounts->accounts())
            if (a.provider == currentProvider())
                mine << a;
    const int row = selectedRow();
    const QString selected = row >= 0 ? m_model->accounts().at(row).id : QString();
    m_model->setAccounts(mine);
    m_view->resizeColumnsToContents();
    m_view->horizontalHeader()->setStretchLastSection(true);
    for (int r = 0; r < mine.size(); ++r)
        if (mine.at(r).id == selected)
            m_view->selectRow(r);

    // The provider's terms warning, shown before anything can start.
    QString warning;
    if (context().accounts)
        for (const oauth::ProviderInfo &p : context().accounts->providers())
            if (p.id == currentProvider())
                warning = p.termsWarning;
    m_terms->setText(warning.isEmpty() ? QString() : tr("Warning: %1").arg(warning));
    m_terms->setVisible(!warning.isEmpty());
    m_termsConfirm->setVisible(!warning.isEmpty());
    updateControls();
}

int AccountsPage::selectedRow() const
{
    if (!m_view || !m_view->selectionModel())
        return -1;
    const QModelIndexList rows = m_view->selectionModel()->selectedRows();
    return rows.isEmpty() ? -1 : rows.first().row();
}

void AccountsPage::updateControls()
{
    if (!m_buttons[0])
        return;
    oauth::ProviderInfo info;
    if (context().accounts)
        for (const oauth::ProviderInfo &p : context().accounts->providers())
            if (p.id == currentProvider())
                info = p;
    const bool confirmed = info.termsWarning.isEmpty() || m_termsConfirm->isChecked();
    const bool idle = !m_signingIn && !m_busy && !info.id.isEmpty();
    m_buttons[int(Button::Browser)]->setEnabled(idle && confirmed && info.browserFlow);
    m_buttons[int(Button::Device)]->setEnabled(idle && confirmed && info.deviceFlow);
    m_buttons[int(Button::Import)]->setEnabled(idle && confirmed && !info.importPath.isEmpty());
    m_buttons[int(Button::Browser)]->setVisible(info.browserFlow || info.id.isEmpty());
    m_buttons[int(Button::Device)]->setVisible(info.deviceFlow);
    m_buttons[int(Button::Import)]->setVisible(!info.importPath.isEmpty());
    m_buttons[int(Button::Cancel)]->setVisible(m_signingIn);
    m_buttons[int(Button::Cancel)]->setEnabled(m_signingIn);
    const int row = selectedRow();
    const int count = int(m_model->accounts().size());
    m_buttons[int(Button::SignOut)]->setEnabled(!m_busy && row >= 0);
    m_buttons[int(Button::Up)]->setEnabled(!m_busy && row > 0);
    m_buttons[int(Button::Down)]->setEnabled(!m_busy && row >= 0 && row + 1 < count);
    m_view->setDragEnabled(!m_busy);
}

void AccountsPage::startSignIn(bool device)
{
    oauth::AccountManager *manager = context().accounts;
    const QString provider = currentProvider();
    if (!manager || provider.isEmpty() || m_signingIn)
        return;
    m_signingIn = true;
    m_signInProvider = provider;
    setStatus({});
    m_progress->setText(tr("Starting sign-in to %1…").arg(providerName(provider).toHtmlEscaped()));
    updateControls();
    manager->signIn(provider, device ? oauth::AccountManager::Flow::Device : oauth::AccountManager::Flow::Browser);
}

void AccountsPage::importExisting()
{
    oauth::AccountManager *manager = context().accounts;
    const QString provider = currentProvider();
    if (!manager || provider.isEmpty() || m_busy)
        return;
    QString path;
    for (const oauth::ProviderInfo &p : manager->providers())
        if (p.id == provider)
            path = p.importPath;
    auto *box = new QMessageBox(QMessageBox::Question, tr("Import existing login"),
                                tr("Copy the login of %1 from %2 into the system keychain? The file is only read.")
                                    .arg(providerName(provider), path),
                                QMessageBox::Yes | QMessageBox::Cancel, this);
    box->setObjectName(QStringLiteral("importConfirmation"));
    box->button(QMessageBox::Yes)->setText(tr("&Import"));
    box->setDefaultButton(QMessageBox::Cancel);
    box->setAttribute(Qt::WA_DeleteOnClose);
    connect(box, &QMessageBox::finished, this, [this, box, provider](int) {
        if (box->clickedButton() != box->button(QMessageBox::Yes) || !context().accounts)
            return;
        m_busy = true;
        updateControls();
        setStatus(tr("Importing…"));
        QPointer<AccountsPage> self(this);
        context().accounts->importExisting(provider, [self](const QString &error) {
            if (self)
                self->finishOperation(error, tr("Login imported. The proxy can use this account now."));
        });
    });
    box->open();
}

void AccountsPage::signOut()
{
    const int row = selectedRow();
    if (row < 0 || !context().accounts || m_busy)
        return;
    const oauth::Account account = m_model->accounts().at(row);
    auto *box = new QMessageBox(QMessageBox::Question, tr("Sign out"),
                                tr("Sign out %1? Its tokens are revoked where the provider allows it and removed "
                                   "from the keychain.")
                                    .arg(account.email.isEmpty() ? account.id : account.email),
                                QMessageBox::Yes | QMessageBox::Cancel, this);
    box->setObjectName(QStringLiteral("signOutConfirmation"));
    box->button(QMessageBox::Yes)->setText(tr("Sign &out"));
    box->setDefaultButton(QMessageBox::Cancel);
    box->setAttribute(Qt::WA_DeleteOnClose);
    connect(box, &QMessageBox::finished, this, [this, box, id = account.id](int) {
        if (box->clickedButton() != box->button(QMessageBox::Yes) || !context().accounts)
            return;
        m_busy = true;
        updateControls();
        setStatus(tr("Signing out…"));
        QPointer<AccountsPage> self(this);
        context().accounts->signOut(id, [self](const QString &error) {
            if (self)
                self->finishOperation(error, tr("Signed out."));
        });
    });
    box->open();
}

void AccountsPage::moveSelected(int delta)
{
    const int row = selectedRow();
    if (row < 0 || m_busy)
        return;
    if (m_model->moveRows({}, row, 1, {}, delta < 0 ? row - 1 : row + 2))
        m_view->selectRow(delta < 0 ? row - 1 : row + 1);
}

void AccountsPage::storeOrder(const QStringList &ids)
{
    if (!context().accounts)
        return;
    m_busy = true;
    updateControls();
    QPointer<AccountsPage> self(this);
    context().accounts->reorder(currentProvider(), ids, [self](const QString &error) {
        if (self)
            self->finishOperation(error, tr("Order saved."));
    });
}

void AccountsPage::finishOperation(const QString &error, const QString &success)
{
    m_busy = false;
    setStatus(error.isEmpty() ? success : error);
    if (error.isEmpty() && context().engine)
        context().engine->reloadAccounts();
    rebuildProviders();
    rebuildAccounts();
    Q_EMIT operationFinished(error);
}

credentials::DeviceCodeDialog *AccountsPage::deviceDialog() const
{
    return m_deviceDialog;
}

} // namespace lip::ui
