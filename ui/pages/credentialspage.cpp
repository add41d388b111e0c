// SPDX-License-Identifier: GPL-3.0-or-later
#include "pages/credentialspage.h"

#include "config/backendprofiles.h"
#include "config/credentials/credentialstore.h"
#include "configcontroller.h"
#include "credentials/backendtesttext.h"
#include "credentials/dotenv.h"
#include "credentials/keydialogs.h"
#include "credentials/keyimport.h"
#include "credentials/keylistmodel.h"
#include "credentials/keymask.h"
#include "engine.h"

#include <QClipboard>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QGuiApplication>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QMessageBox>
#include <QProcessEnvironment>
#include <QProgressBar>
#include <QPushButton>
#include <QRegularExpression>
#include <QTableView>
#include <QVBoxLayout>

#include <memory>

namespace lip::ui {

using credentials::KeyListModel;
using credentials::KeyRow;
using config::credentials::CredentialStore;

CredentialsPage::CredentialsPage(const AppContext &context, QWidget *parent) : Page(context, parent)
{
    setObjectName(QStringLiteral("credentialsPage"));
    buildUi();
    retranslate();
    if (context.config)
        connect(context.config, &ConfigController::configChanged, this, [this] {
            rebuildInstanceList();
            rebuildRows();
        });
    rebuildInstanceList();
    rebuildRows();
    checkKeychain();
}

CredentialsPage::~CredentialsPage() = default;

QString CredentialsPage::title() const
{
    return tr("Credentials");
}

QIcon CredentialsPage::icon() const
{
    return QIcon(QStringLiteral(":/icons/credentials.svg"));
}

void CredentialsPage::buildUi()
{
    auto *layout = new QVBoxLayout(this);
    m_intro = new QLabel(this);
    m_intro->setWordWrap(true);
    layout->addWidget(m_intro);

    m_notice = new QLabel(this);
    m_notice->setObjectName(QStringLiteral("keychainNotice"));
    m_notice->setWordWrap(true);
    m_notice->setTextInteractionFlags(Qt::TextSelectableByMouse);
    layout->addWidget(m_notice);

    auto *instanceRow = new QHBoxLayout;
    m_instanceLabel = new QLabel(this);
    m_instance = new QComboBox(this);
    m_instance->setObjectName(QStringLiteral("instanceCombo"));
    m_instance->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    m_instanceLabel->setBuddy(m_instance);
    instanceRow->addWidget(m_instanceLabel);
    instanceRow->addWidget(m_instance, 1);
    layout->addLayout(instanceRow);
    connect(m_instance, &QComboBox::currentIndexChanged, this, [this] { rebuildRows(); });

    auto *middle = new QHBoxLayout;
    m_model = new KeyListModel(this);
    m_view = new QTableView(this);
    m_view->setObjectName(QStringLiteral("keyTable"));
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
    connect(m_view->selectionModel(), &QItemSelectionModel::selectionChanged, this, [this] {
        m_model->setRevealed({}, {});
        updateButtons();
    });
    connect(m_model, &KeyListModel::storedOrderChanged, this, &CredentialsPage::storeOrder);
    connect(m_model, &QAbstractItemModel::modelReset, this, &CredentialsPage::updateButtons);

    auto *side = new QVBoxLayout;
    static const char *const names[] = {"addButton",    "editButton", "removeButton", "upButton",        "downButton",
                                        "revealButton", "copyButton", "testButton",   "importEnvButton", "importFileButton"};
    for (int i = 0; i < int(Button::Count); ++i) {
        auto *b = new QPushButton(this);
        b->setObjectName(QLatin1String(names[i]));
        m_buttons[i] = b;
        side->addWidget(b);
        if (i == int(Button::Down) || i == int(Button::Test))
            side->addSpacing(12);
    }
    side->addStretch(1);
    middle->addLayout(side);
    layout->addLayout(middle, 1);

    connect(m_buttons[int(Button::Add)], &QPushButton::clicked, this, &CredentialsPage::addKey);
    connect(m_buttons[int(Button::Edit)], &QPushButton::clicked, this, &CredentialsPage::editKey);
    connect(m_buttons[int(Button::Remove)], &QPushButton::clicked, this, &CredentialsPage::removeKey);
    connect(m_buttons[int(Button::Up)], &QPushButton::clicked, this, [this] { moveSelected(-1); });
    connect(m_buttons[int(Button::Down)], &QPushButton::clicked, this, [this] { moveSelected(+1); });
    connect(m_buttons[int(Button::Reveal)], &QPushButton::clicked, this, &CredentialsPage::revealOrHide);
    connect(m_buttons[int(Button::Copy)], &QPushButton::clicked, this, &CredentialsPage::copyKey);
    connect(m_buttons[int(Button::Test)], &QPushButton::clicked, this, &CredentialsPage::testKey);
    connect(m_buttons[int(Button::ImportEnv)], &QPushButton::clicked, this, &CredentialsPage::importFromEnvironment);
    connect(m_buttons[int(Button::ImportFile)], &QPushButton::clicked, this, &CredentialsPage::askForDotEnvFile);

    auto *bottom = new QHBoxLayout;
    m_progress = new QProgressBar(this);
    m_progress->setObjectName(QStringLiteral("busyIndicator"));
    m_progress->setRange(0, 0); // indeterminate: a keychain call has no progress to report
    m_progress->setMaximumWidth(120);
    m_progress->setTextVisible(false);
    m_progress->hide();
    m_status = new QLabel(this);
    m_status->setObjectName(QStringLiteral("statusLabel"));
    m_status->setWordWrap(true);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    bottom->addWidget(m_progress);
    bottom->addWidget(m_status, 1);
    layout->addLayout(bottom);

    setTabOrder(m_instance, m_view);
    QWidget *previous = m_view;
    for (QPushButton *b : m_buttons) {
        setTabOrder(previous, b);
        previous = b;
    }
}

void CredentialsPage::retranslate()
{
    m_intro->setText(tr("API keys per backend, in rotation order: when a key is rate-limited or rejected the "
                        "next one is used. Keys you add here are kept in the system keychain only. Keys set by "
                        "environment variables or a config file are listed read-only and come first."));
    m_instanceLabel->setText(tr("&Backend:"));
    m_instance->setAccessibleName(tr("Backend instance"));
    m_view->setAccessibleName(tr("Keys in rotation order"));
    static const char *const texts[] = {QT_TR_NOOP("&Add key…"),   QT_TR_NOOP("&Edit…"),       QT_TR_NOOP("Re&move"),
                                        QT_TR_NOOP("Move &up"),    QT_TR_NOOP("Move d&own"),   QT_TR_NOOP("Re&veal"),
                                        QT_TR_NOOP("&Copy"),       QT_TR_NOOP("&Test"),        QT_TR_NOOP("Import from e&nvironment…"),
                                        QT_TR_NOOP("Import .env &file…")};
    static const char *const accessible[] = {
        QT_TR_NOOP("Add a key"),         QT_TR_NOOP("Replace the selected key"), QT_TR_NOOP("Remove the selected key"),
        QT_TR_NOOP("Move the selected key up"), QT_TR_NOOP("Move the selected key down"),
        QT_TR_NOOP("Reveal the selected key"),  QT_TR_NOOP("Copy the selected key"),
        QT_TR_NOOP("Test the selected key"),    QT_TR_NOOP("Import keys from the environment"),
        QT_TR_NOOP("Import keys from a .env file")};
    for (int i = 0; i < int(Button::Count); ++i) {
        m_buttons[i]->setText(tr(texts[i]));
        m_buttons[i]->setAccessibleName(tr(accessible[i]));
    }
    m_progress->setAccessibleName(tr("Waiting for the keychain"));
    m_status->setAccessibleName(tr("Result of the last action"));
    m_notice->setAccessibleName(tr("Keychain status"));
    if (!m_model->revealedAlias().isEmpty())
        m_buttons[int(Button::Reveal)]->setText(tr("&Hide"));
    m_notice->setText(keychainNotice());
    rebuildInstanceList();
}

QString CredentialsPage::keychainNotice() const
{
    if (!m_keychainChecked)
        return tr("Checking the system keychain…");
    if (!m_keychainReason.isEmpty())
        return tr("The system keychain cannot be used (%1). Adding or changing keys here is disabled — "
                  "keys are never stored in plain text. Keys from environment variables and config "
                  "files still work.")
            .arg(m_keychainReason);
    return tr("Keys are stored in the system keychain.");
}

QString CredentialsPage::statusText() const
{
    return m_status->text();
}

const config::Config *CredentialsPage::currentConfig() const
{
    return context().config ? &context().config->config() : nullptr;
}

void CredentialsPage::setStatus(const QString &text)
{
    m_status->setText(text);
}

void CredentialsPage::setBusy(bool busy)
{
    const bool was = isBusy();
    m_busy = std::max(0, m_busy + (busy ? 1 : -1));
    m_progress->setVisible(isBusy());
    updateButtons();
    if (was != isBusy())
        Q_EMIT busyChanged(isBusy());
}

void CredentialsPage::checkKeychain()
{
    CredentialStore *store = context().credentials;
    if (!store) {
        m_keychainChecked = true;
        m_keychainReason = tr("no credential store");
        m_notice->setText(keychainNotice());
        updateButtons();
        return;
    }
    setBusy(true);
    setStatus(tr("Checking the system keychain… (it may ask for your password)"));
    QPointer<CredentialsPage> self(this);
    store->checkAvailable([self](const QString &error) {
        if (!self)
            return;
        self->m_keychainChecked = true;
        self->m_keychainReason = error.startsWith(QLatin1String("unavailable: ")) ? error.mid(13) : error;
        self->m_notice->setText(self->keychainNotice());
        self->setBusy(false);
        if (self->m_keychainReason.isEmpty()) {
            self->reloadKeys({}, false);
        } else {
            self->setStatus({});
            Q_EMIT self->operationFinished(error);
        }
    });
}

void CredentialsPage::mutate(const QString &busyText, std::function<void(std::function<void(const QString &)>)> operation)
{
    if (!storingEnabled() || !context().credentials)
        return;
    setBusy(true);
    setStatus(busyText);
    QPointer<CredentialsPage> self(this);
    operation([self](const QString &error) {
        if (!self)
            return;
        self->setBusy(false);
        self->reloadKeys(error, true);
    });
}

void CredentialsPage::reloadKeys(const QString &previousError, bool apply)
{
    CredentialStore *store = context().credentials;
    if (!store)
        return;
    setBusy(true);
    QPointer<CredentialsPage> self(this);
    store->loadAll([self, previousError, apply](const config::CredentialSet &set) {
        if (!self)
            return;
        self->setBusy(false);
        QString error = previousError;
        if (!set.unavailableReason.isEmpty()) {
            self->m_keychainReason = set.unavailableReason;
            self->m_notice->setText(self->keychainNotice());
            if (error.isEmpty())
                error = tr("The keychain could not be read: %1").arg(set.unavailableReason);
        } else {
            self->m_stored.clear();
            for (const config::KeychainInstance &i : set.instances) {
                QList<std::pair<QString, QString>> masks;
                for (const config::KeychainKey &k : i.keys)
                    masks.append({k.alias, credentials::maskSecret(k.secret)});
                self->m_stored.emplace_back(i.name, masks);
            }
            if (apply && self->context().config) {
                const QString applyError = self->context().config->setKeychain(set);
                if (error.isEmpty() && !applyError.isEmpty())
                    error = tr("Stored, but the proxy could not use the new keys: %1").arg(applyError);
            }
        }
        if (!set.warnings.isEmpty() && error.isEmpty())
            error = set.warnings.join(QLatin1Char('\n'));
        self->rebuildInstanceList();
        self->rebuildRows();
        self->setStatus(error.isEmpty() ? (apply ? tr("Saved. The proxy uses the keys now.") : QString()) : error);
        Q_EMIT self->operationFinished(error);
    });
}

void CredentialsPage::rebuildInstanceList()
{
    if (!m_instance)
        return;
    const QString current = currentInstance();
    QStringList configured;
    if (const config::Config *cfg = currentConfig())
        configured = cfg->backendNames();
    QStringList names = configured;
    for (const auto &[name, masks] : m_stored)
        if (!names.contains(name))
            names << name;
    for (const QString &name : m_extraInstances)
        if (!names.contains(name))
            names << name;
    // Every known type that takes a key can be picked, even before it is configured.
    QStringList types;
    for (const QString &type : config::knownBackendTypes()) {
        const config::BackendProfile *p = config::findBackendProfile(type);
        if (p && !p->isVirtual() && p->auth != config::AuthStyle::None && !p->usesOAuth() && !names.contains(type)) // oauthconn: accounts, not keys
            types << type;
    }

    const QSignalBlocker blocker(m_instance);
    m_instance->clear();
    for (const QString &name : names) {
        int stored = 0;
        for (const auto &[n, masks] : m_stored)
            if (n == name)
                stored = int(masks.size());
        const QString label = configured.contains(name)
            ? tr("%1 (%n key(s) in the keychain)", nullptr, stored).arg(name)
            : tr("%1 (not configured yet; %n key(s) in the keychain)", nullptr, stored).arg(name);
        m_instance->addItem(label, name);
    }
    if (!types.isEmpty())
        m_instance->insertSeparator(m_instance->count());
    for (const QString &type : types)
        m_instance->addItem(tr("%1 (no keys yet)").arg(type), type);
    const int i = m_instance->findData(current);
    m_instance->setCurrentIndex(i >= 0 ? i : (m_instance->count() > 0 ? 0 : -1));
}

QString CredentialsPage::currentInstance() const
{
    return m_instance ? m_instance->currentData().toString() : QString();
}

bool CredentialsPage::selectInstance(const QString &instance)
{
    int i = m_instance->findData(instance);
    if (i < 0) {
        if (config::impliedBackendType(instance).isEmpty())
            return false;
        m_extraInstances << instance;
        rebuildInstanceList();
        i = m_instance->findData(instance);
    }
    if (i < 0)
        return false;
    m_instance->setCurrentIndex(i);
    rebuildRows();
    return true;
}

void CredentialsPage::rebuildRows()
{
    const QString instance = currentInstance();
    QList<KeyRow> rows;
    if (const config::Config *cfg = currentConfig()) {
        if (const config::BackendConfig *b = cfg->backend(instance)) {
            for (qsizetype i = 0; i < b->apiKeys.size(); ++i) {
                const QString alias = b->keyAliases.value(i);
                if (alias.startsWith(QLatin1String("keychain:")))
                    continue;
                rows.append({alias.isEmpty() ? QStringLiteral("config:key %1").arg(i + 1) : alias,
                             credentials::maskSecret(b->apiKeys.at(i)), false});
            }
        }
    }
    for (const auto &[name, masks] : m_stored)
        if (name == instance)
            for (const auto &[alias, mask] : masks)
                rows.append({alias, mask, true});
    const QString selected = selectedRow() >= 0 ? m_model->rows().at(selectedRow()).alias : QString();
    m_model->setRows(rows);
    m_view->resizeColumnsToContents();
    m_view->horizontalHeader()->setStretchLastSection(true);
    for (int r = 0; r < rows.size(); ++r)
        if (rows.at(r).alias == selected)
            m_view->selectRow(r);
    m_buttons[int(Button::Reveal)]->setText(tr("Re&veal"));
    updateButtons();
}

int CredentialsPage::selectedRow() const
{
    if (!m_view || !m_view->selectionModel())
        return -1;
    const QModelIndexList rows = m_view->selectionModel()->selectedRows();
    return rows.isEmpty() ? -1 : rows.first().row();
}

void CredentialsPage::updateButtons()
{
    if (!m_buttons[0])
        return;
    const int row = selectedRow();
    const bool haveRow = row >= 0 && row < m_model->rows().size();
    const bool stored = haveRow && m_model->rows().at(row).stored;
    const bool canStore = storingEnabled() && !isBusy() && !currentInstance().isEmpty();
    const QStringList storedAliases = m_model->storedAliases();
    const int storedIndex = stored ? int(storedAliases.indexOf(m_model->rows().at(row).alias)) : -1;
    m_buttons[int(Button::Add)]->setEnabled(canStore);
    m_buttons[int(Button::Edit)]->setEnabled(canStore && stored);
    m_buttons[int(Button::Remove)]->setEnabled(canStore && stored);
    m_buttons[int(Button::Up)]->setEnabled(canStore && storedIndex > 0);
    m_buttons[int(Button::Down)]->setEnabled(canStore && storedIndex >= 0 && storedIndex + 1 < storedAliases.size());
    m_buttons[int(Button::Reveal)]->setEnabled(haveRow && !isBusy());
    m_buttons[int(Button::Copy)]->setEnabled(haveRow && !isBusy());
    m_buttons[int(Button::Test)]->setEnabled(haveRow && !isBusy() && context().engine);
    m_buttons[int(Button::ImportEnv)]->setEnabled(storingEnabled() && !isBusy());
    m_buttons[int(Button::ImportFile)]->setEnabled(storingEnabled() && !isBusy());
    m_view->setDragEnabled(canStore);
}

void CredentialsPage::addKey()
{
    const QString instance = currentInstance();
    if (instance.isEmpty() || !storingEnabled())
        return;
    auto *dialog = new credentials::KeyEditDialog(instance, {}, m_model->storedAliases(), this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this, [this, dialog, instance] {
        const QString alias = dialog->alias();
        const QByteArray secret = dialog->secret();
        mutate(tr("Storing key “%1” in the keychain…").arg(alias), [this, instance, alias, secret](auto done) {
            context().credentials->set(instance, alias, secret, done);
        });
    });
    dialog->open();
}

void CredentialsPage::editKey()
{
    const int row = selectedRow();
    if (row < 0 || !m_model->rows().at(row).stored)
        return;
    const QString instance = currentInstance();
    const QString alias = m_model->rows().at(row).alias;
    auto *dialog = new credentials::KeyEditDialog(instance, alias, m_model->storedAliases(), this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this, [this, dialog, instance, alias] {
        const QByteArray secret = dialog->secret();
        mutate(tr("Replacing key “%1”…").arg(alias), [this, instance, alias, secret](auto done) {
            context().credentials->set(instance, alias, secret, done);
        });
    });
    dialog->open();
}

void CredentialsPage::removeKey()
{
    const int row = selectedRow();
    if (row < 0 || !m_model->rows().at(row).stored)
        return;
    const QString instance = currentInstance();
    const QString alias = m_model->rows().at(row).alias;
    auto *box = new QMessageBox(QMessageBox::Question, tr("Remove key"),
                                tr("Remove the key “%1” of %2 from the keychain? The proxy stops using it at once.")
                                    .arg(alias, instance),
                                QMessageBox::Yes | QMessageBox::Cancel, this);
    box->setObjectName(QStringLiteral("removeConfirmation"));
    box->setDefaultButton(QMessageBox::Cancel);
    box->button(QMessageBox::Yes)->setText(tr("&Remove"));
    box->setAttribute(Qt::WA_DeleteOnClose);
    connect(box, &QMessageBox::finished, this, [this, box, instance, alias](int) {
        if (box->clickedButton() != box->button(QMessageBox::Yes))
            return;
        mutate(tr("Removing key “%1”…").arg(alias), [this, instance, alias](auto done) {
            context().credentials->remove(instance, alias, done);
        });
    });
    box->open();
}

void CredentialsPage::moveSelected(int delta)
{
    const int row = selectedRow();
    if (row < 0 || !m_model->rows().at(row).stored || !storingEnabled() || isBusy())
        return;
    const int destination = delta < 0 ? row - 1 : row + 2; // moveRows' destination is "before row"
    if (m_model->moveRows({}, row, 1, {}, destination))
        m_view->selectRow(delta < 0 ? row - 1 : row + 1);
}

void CredentialsPage::storeOrder(const QStringList &aliases)
{
    const QString instance = currentInstance();
    if (!storingEnabled()) {
        rebuildRows();
        return;
    }
    mutate(tr("Saving the new order…"), [this, instance, aliases](auto done) {
        context().credentials->reorder(instance, aliases, done);
    });
}

void CredentialsPage::withSelectedSecret(std::function<void(const QString &, const QString &)> use)
{
    const int row = selectedRow();
    if (row < 0)
        return;
    const KeyRow key = m_model->rows().at(row);
    const QString instance = currentInstance();
    if (!key.stored) {
        // Env/config keys are in the running config already (memory only).
        if (const config::Config *cfg = currentConfig())
            if (const config::BackendConfig *b = cfg->backend(instance)) {
                const qsizetype i = b->keyAliases.indexOf(key.alias);
                if (i >= 0 && i < b->apiKeys.size())
                    return use(key.alias, b->apiKeys.at(i));
            }
        setStatus(tr("That key is no longer in the configuration."));
        return;
    }
    if (!context().credentials)
        return;
    setBusy(true);
    setStatus(tr("Reading key “%1” from the keychain… (it may ask for your password)").arg(key.alias));
    QPointer<CredentialsPage> self(this);
    context().credentials->read(instance, key.alias, [self, alias = key.alias, use](const QString &error, const QByteArray &value) {
        if (!self)
            return;
        self->setBusy(false);
        if (!error.isEmpty()) {
            self->setStatus(tr("Key “%1” could not be read: %2").arg(alias, error));
            return;
        }
        self->setStatus({});
        use(alias, QString::fromUtf8(value).trimmed());
    });
}

void CredentialsPage::revealOrHide()
{
    if (!m_model->revealedAlias().isEmpty()) {
        m_model->setRevealed({}, {});
        m_buttons[int(Button::Reveal)]->setText(tr("Re&veal"));
        return;
    }
    withSelectedSecret([this](const QString &alias, const QString &secret) {
        m_model->setRevealed(alias, secret);
        m_buttons[int(Button::Reveal)]->setText(tr("&Hide"));
    });
}

void CredentialsPage::copyKey()
{
    withSelectedSecret([this](const QString &alias, const QString &secret) {
        if (QClipboard *clipboard = QGuiApplication::clipboard())
            clipboard->setText(secret);
        setStatus(tr("Key “%1” copied to the clipboard.").arg(alias));
    });
}

void CredentialsPage::testKey()
{
    EngineClient *engine = context().engine;
    if (!engine)
        return;
    const QString instance = currentInstance();
    withSelectedSecret([this, engine, instance](const QString &alias, const QString &secret) {
        config::BackendConfig backend;
        const config::Config *cfg = currentConfig();
        if (const config::BackendConfig *configured = cfg ? cfg->backend(instance) : nullptr) {
            backend = *configured;
        } else {
            backend.name = instance;
            backend.type = config::impliedBackendType(instance);
            if (const config::BackendProfile *p = config::findBackendProfile(backend.type))
                backend.baseUrl = QString::fromLatin1(p->defaultBaseUrl);
            backend.timeoutSeconds = 20;
        }
        backend.apiKeys = QStringList{secret};
        backend.keyAliases = QStringList{alias};
        setBusy(true);
        setStatus(tr("Testing key “%1” of %2…").arg(alias, instance));
        engine->testBackend(backend, this, [this, alias](const BackendTestResult &result) {
            setBusy(false);
            setStatus(credentials::describeBackendTest(alias, result));
            Q_EMIT operationFinished(result.ok ? QString() : result.error);
        });
    });
}

void CredentialsPage::importFromEnvironment()
{
    QHash<QString, QString> env;
    if (context().config)
        env = context().config->environment();
    else
        for (const QString &line : QProcessEnvironment::systemEnvironment().toStringList())
            env.insert(line.section(QLatin1Char('='), 0, 0), line.section(QLatin1Char('='), 1));
    // Only variables that look like keys are worth a row or an "ignored" mention.
    QList<QPair<QString, QString>> variables;
    for (auto it = env.cbegin(); it != env.cend(); ++it)
        if (it.key().contains(QLatin1String("API_KEY")) && it.key() != QLatin1String("LLM_INTERACTIVE_PROXY_API_KEY"))
            variables.append({it.key(), it.value()});
    std::sort(variables.begin(), variables.end());
    showImportPreview(tr("the environment"), variables, {});
}

void CredentialsPage::askForDotEnvFile()
{
    auto *dialog = new QFileDialog(this, tr("Import keys from a .env file"));
    dialog->setObjectName(QStringLiteral("dotEnvFileDialog"));
    dialog->setFileMode(QFileDialog::ExistingFile);
    dialog->setNameFilters({tr(".env files (.env *.env)"), tr("All files (*)")});
    dialog->setOption(QFileDialog::DontUseNativeDialog, false);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QFileDialog::fileSelected, this, &CredentialsPage::importDotEnvFile);
    dialog->open();
}

void CredentialsPage::importDotEnvFile(const QString &path)
{
    QFile file(path);
    const QString name = QFileInfo(path).fileName();
    if (file.size() > credentials::kMaxDotEnvBytes) {
        setStatus(tr("%1 is larger than %2 KiB; it is not a .env file.").arg(name).arg(credentials::kMaxDotEnvBytes / 1024));
        return;
    }
    if (!file.open(QIODevice::ReadOnly)) {
        setStatus(tr("%1 could not be read: %2").arg(name, file.errorString()));
        return;
    }
    const credentials::DotEnvFile parsed = credentials::parseDotEnv(file.read(credentials::kMaxDotEnvBytes + 1));
    QList<QPair<QString, QString>> variables;
    for (const credentials::DotEnvEntry &e : parsed.entries)
        variables.append({e.name, e.value});
    showImportPreview(name, variables, parsed.problems);
}

void CredentialsPage::showImportPreview(const QString &source, const QList<QPair<QString, QString>> &variables,
                                        const QStringList &problems)
{
    if (!storingEnabled() || !context().credentials)
        return;
    QStringList instances;
    if (const config::Config *cfg = currentConfig())
        instances = cfg->backendNames();
    // The plan compares with what is stored now, so the keychain is read first.
    setBusy(true);
    setStatus(tr("Reading the keychain to compare…"));
    QPointer<CredentialsPage> self(this);
    context().credentials->loadAll([self, source, variables, problems, instances](const config::CredentialSet &current) {
        if (!self)
            return;
        self->setBusy(false);
        if (!current.unavailableReason.isEmpty()) {
            self->setStatus(tr("The keychain could not be read: %1").arg(current.unavailableReason));
            return;
        }
        const credentials::ImportPlan plan = credentials::planImport(variables, instances, current);
        self->setStatus(problems.isEmpty() ? QString()
                                           : tr("Some lines of %1 were skipped:\n%2").arg(source, problems.join(QLatin1Char('\n'))));
        auto *dialog = new credentials::ImportPreviewDialog(source, plan, self);
        dialog->setAttribute(Qt::WA_DeleteOnClose);
        QObject::connect(dialog, &QDialog::accepted, self, [self, dialog] { self->runImport(dialog->plan()); });
        dialog->open();
    });
}

void CredentialsPage::runImport(const credentials::ImportPlan &plan)
{
    auto errors = std::make_shared<QStringList>();
    QList<credentials::ImportRow> rows;
    for (const credentials::ImportRow &row : plan.rows)
        if (row.effect != credentials::ImportRow::Effect::Same)
            rows << row;
    if (rows.isEmpty())
        return;
    mutate(tr("Storing %n imported key(s)…", nullptr, int(rows.size())), [this, rows, errors](auto done) {
        // The store runs its operations in order: the last callback comes after every set().
        auto remaining = std::make_shared<int>(int(rows.size()));
        for (const credentials::ImportRow &row : rows) {
            context().credentials->set(row.instance, row.alias, row.secret.toUtf8(),
                                       [errors, remaining, done, alias = row.alias](const QString &error) {
                                           if (!error.isEmpty())
                                               *errors << QStringLiteral("%1: %2").arg(alias, error);
                                           if (--*remaining == 0)
                                               done(errors->join(QLatin1Char('\n')));
                                       });
        }
    });
}

} // namespace lip::ui
