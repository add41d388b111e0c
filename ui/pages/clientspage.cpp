// SPDX-License-Identifier: GPL-3.0-or-later
#include "pages/clientspage.h"

#include "clients/clientfiles.h"
#include "clients/unifieddiff.h"
#include "configcontroller.h"
#include "engine.h"

#include <QCheckBox>
#include <QClipboard>
#include <QComboBox>
#include <QDateTime>
#include <QDialog>
#include <QDialogButtonBox>
#include <QDir>
#include <QFileInfo>
#include <QFontDatabase>
#include <QGridLayout>
#include <QGroupBox>
#include <QGuiApplication>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QLocale>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSplitter>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace lip::ui {

using namespace clients;

namespace {

constexpr int kMaxModelsPerBackend = 40;

QString shortPath(const QString &path, const QString &home)
{
    const QString native = QDir::toNativeSeparators(path);
    if (!home.isEmpty() && path.startsWith(home + u'/'))
        return QStringLiteral("~") + QDir::toNativeSeparators(path.mid(home.size()));
    return native;
}

// What a user sees for a value we may not show in full.
QString shownValue(const std::optional<QString> &value, bool secret)
{
    if (!value)
        return ClientsPage::tr("(not set)");
    if (secret && *value != QLatin1String(kPlaceholderKey))
        return maskSecret(*value);
    return *value;
}

} // namespace

ClientsPage::ClientsPage(const AppContext &context, QWidget *parent)
    : Page(context, parent), m_environment(ClientEnvironment::fromProcess()), m_profiles(allClients())
{
    setObjectName(QStringLiteral("clientsPage"));
    auto *outer = new QVBoxLayout(this);
    outer->setContentsMargins(16, 16, 16, 16);
    outer->setSpacing(10);

    m_intro = new QLabel(this);
    m_intro->setObjectName(QStringLiteral("clientsIntro"));
    m_intro->setWordWrap(true);
    m_intro->setTextInteractionFlags(Qt::TextSelectableByMouse);
    outer->addWidget(m_intro);

    auto *modelRow = new QHBoxLayout;
    m_modelCaption = new QLabel(this);
    m_model = new QComboBox(this);
    m_model->setObjectName(QStringLiteral("clientsModel"));
    m_model->setEditable(true);
    m_model->setInsertPolicy(QComboBox::NoInsert);
    m_model->setMinimumContentsLength(28);
    m_modelCaption->setBuddy(m_model);
    modelRow->addWidget(m_modelCaption);
    modelRow->addWidget(m_model, 1);
    outer->addLayout(modelRow);

    auto *splitter = new QSplitter(Qt::Horizontal, this);
    m_list = new QListWidget(splitter);
    m_list->setObjectName(QStringLiteral("clientsList"));
    for (const ClientProfile &profile : std::as_const(m_profiles)) {
        auto *item = new QListWidgetItem(profile.name, m_list);
        item->setData(Qt::UserRole, profile.id);
    }
    m_list->setMinimumWidth(180);
    m_list->setMaximumWidth(260);

    auto *detail = new QWidget(splitter);
    auto *detailLayout = new QVBoxLayout(detail);
    detailLayout->setContentsMargins(8, 0, 0, 0);
    m_title = new QLabel(detail);
    QFont titleFont = m_title->font();
    titleFont.setBold(true);
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.15);
    m_title->setFont(titleFont);
    m_summary = new QLabel(detail);
    m_summary->setWordWrap(true);
    detailLayout->addWidget(m_title);
    detailLayout->addWidget(m_summary);

    auto *snippetRow = new QHBoxLayout;
    m_snippetCaption = new QLabel(detail);
    m_showKey = new QCheckBox(detail);
    m_showKey->setObjectName(QStringLiteral("clientsShowKey"));
    m_copy = new QPushButton(detail);
    m_copy->setObjectName(QStringLiteral("clientsCopy"));
    snippetRow->addWidget(m_snippetCaption, 1);
    snippetRow->addWidget(m_showKey);
    snippetRow->addWidget(m_copy);
    detailLayout->addLayout(snippetRow);
    m_snippet = new QPlainTextEdit(detail);
    m_snippet->setObjectName(QStringLiteral("clientsSnippet"));
    m_snippet->setReadOnly(true);
    m_snippet->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_snippet->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_snippetCaption->setBuddy(m_snippet);
    detailLayout->addWidget(m_snippet, 3);

    m_filesBox = new QGroupBox(detail);
    m_filesBox->setObjectName(QStringLiteral("clientsFiles"));
    auto *filesLayout = new QVBoxLayout(m_filesBox);
    m_settings = new QTreeWidget(m_filesBox);
    m_settings->setObjectName(QStringLiteral("clientsSettings"));
    m_settings->setColumnCount(3);
    m_settings->setRootIsDecorated(false);
    m_settings->setItemsExpandable(false);
    m_settings->setUniformRowHeights(true);
    m_settings->header()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_settings->header()->setStretchLastSection(true);
    filesLayout->addWidget(m_settings);
    auto *actions = new QHBoxLayout;
    m_apply = new QPushButton(m_filesBox);
    m_apply->setObjectName(QStringLiteral("clientsApply"));
    m_backupsCaption = new QLabel(m_filesBox);
    m_backups = new QComboBox(m_filesBox);
    m_backups->setObjectName(QStringLiteral("clientsBackups"));
    m_backups->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_backups->setMinimumContentsLength(24);
    m_backupsCaption->setBuddy(m_backups);
    m_restore = new QPushButton(m_filesBox);
    m_restore->setObjectName(QStringLiteral("clientsRestore"));
    actions->addWidget(m_apply);
    actions->addSpacing(16);
    actions->addWidget(m_backupsCaption);
    actions->addWidget(m_backups, 1);
    actions->addWidget(m_restore);
    filesLayout->addLayout(actions);
    detailLayout->addWidget(m_filesBox, 2);

    m_status = new QLabel(detail);
    m_status->setObjectName(QStringLiteral("clientsStatus"));
    m_status->setWordWrap(true);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    detailLayout->addWidget(m_status);

    splitter->addWidget(m_list);
    splitter->addWidget(detail);
    splitter->setStretchFactor(1, 1);
    splitter->setChildrenCollapsible(false);
    outer->addWidget(splitter, 1);

    setTabOrder(m_model, m_list);
    setTabOrder(m_list, m_showKey);
    setTabOrder(m_showKey, m_copy);
    setTabOrder(m_copy, m_snippet);
    setTabOrder(m_snippet, m_settings);
    setTabOrder(m_settings, m_apply);
    setTabOrder(m_apply, m_backups);
    setTabOrder(m_backups, m_restore);

    connect(m_list, &QListWidget::currentRowChanged, this, [this] {
        m_status->clear();
        refresh();
    });
    connect(m_model, &QComboBox::currentTextChanged, this, [this] { refresh(); });
    connect(m_showKey, &QCheckBox::toggled, this, [this] { refresh(); });
    connect(m_copy, &QPushButton::clicked, this, &ClientsPage::copySnippet);
    connect(m_apply, &QPushButton::clicked, this, &ClientsPage::applyToFiles);
    connect(m_restore, &QPushButton::clicked, this, &ClientsPage::restoreSelectedBackup);
    connect(m_backups, &QComboBox::currentIndexChanged, this, [this] { m_restore->setEnabled(m_backups->count() > 0); });

    if (EngineClient *engine = context.engine) {
        connect(engine, &EngineClient::statusChanged, this, &ClientsPage::onStatus);
        onStatus(engine->status());
    }
    if (ConfigController *config = context.config)
        connect(config, &ConfigController::configChanged, this, [this] {
            fillModels();
            refresh();
        });

    retranslate();
    fillModels();
    m_list->setCurrentRow(0);
}

void ClientsPage::setClientEnvironment(const ClientEnvironment &environment)
{
    m_environment = environment;
    refresh();
}

bool ClientsPage::selectClient(const QString &id)
{
    for (int i = 0; i < m_list->count(); ++i)
        if (m_list->item(i)->data(Qt::UserRole).toString() == id) {
            m_list->setCurrentRow(i);
            return true;
        }
    return false;
}

QString ClientsPage::currentClientId() const
{
    const QListWidgetItem *item = m_list->currentItem();
    return item ? item->data(Qt::UserRole).toString() : QString();
}

void ClientsPage::setModel(const QString &model)
{
    m_model->setCurrentText(model);
}

QString ClientsPage::snippetText() const
{
    const ClientProfile *profile = currentProfile();
    return profile ? clientSnippet(profile->kind, endpoint()) : QString();
}

QStringList ClientsPage::listedBackups() const
{
    QStringList paths;
    for (int i = 0; i < m_backups->count(); ++i)
        paths << m_backups->itemData(i).toString();
    return paths;
}

QString ClientsPage::statusText() const
{
    return m_status->text();
}

const ClientProfile *ClientsPage::currentProfile() const
{
    const QString id = currentClientId();
    for (const ClientProfile &profile : m_profiles)
        if (profile.id == id)
            return &profile;
    return nullptr;
}

ProxyEndpoint ClientsPage::endpoint() const
{
    config::Config cfg;
    if (context().config)
        cfg = context().config->config();
    else if (context().engine)
        cfg = context().engine->currentConfig();
    QString listen = m_listenAddress;
    if (listen.isEmpty()) {
        // Not running (yet): where it will listen.
        QString host = cfg.host;
        if (host == QLatin1String("0.0.0.0") || host.isEmpty())
            host = QStringLiteral("127.0.0.1");
        listen = QStringLiteral("http://%1:%2").arg(host.contains(u':') ? u'[' + host + u']' : host).arg(cfg.port);
    }
    return ProxyEndpoint::from(listen, m_anthropicAddress, cfg.proxyApiKeys, m_model->currentText());
}

void ClientsPage::onStatus(const EngineStatus &status)
{
    // Status arrives with every request; only the addresses matter here.
    if (status.listenAddress == m_listenAddress && status.anthropicAddress == m_anthropicAddress)
        return;
    m_listenAddress = status.listenAddress;
    m_anthropicAddress = status.anthropicAddress;
    refresh();
}

void ClientsPage::fillModels()
{
    config::Config cfg;
    if (context().config)
        cfg = context().config->config();
    else if (context().engine)
        cfg = context().engine->currentConfig();
    const QString typed = m_model->currentText();
    QStringList choices;
    if (!cfg.defaultModel.isEmpty()) {
        const QString backend = cfg.defaultBackend.isEmpty() ? cfg.backendNames().value(0) : cfg.defaultBackend;
        choices << (backend.isEmpty() ? cfg.defaultModel : backend + u':' + cfg.defaultModel);
    }
    for (const config::RouteConfig &route : cfg.routes)
        choices << route.name;
    for (const config::BackendConfig &backend : cfg.backends)
        for (const QString &model : backend.models.mid(0, kMaxModelsPerBackend))
            choices << backend.name + u':' + model;
    choices.removeDuplicates();
    {
        const QSignalBlocker block(m_model);
        m_model->clear();
        m_model->addItems(choices);
        m_model->setCurrentText(!typed.isEmpty() ? typed
                                : !choices.isEmpty() ? choices.first()
                                                     : QStringLiteral("openai:gpt-4o"));
    }
    // Live model lists fill in as they arrive (the engine caches them like /v1/models).
    if (EngineClient *engine = context().engine) {
        for (const config::BackendConfig &backend : cfg.backends) {
            const QString name = backend.name;
            engine->fetchModels(name, this, [this, name](const QStringList &models, const QString &) {
                for (const QString &model : models.mid(0, kMaxModelsPerBackend)) {
                    const QString choice = name + u':' + model;
                    if (m_model->findText(choice) < 0)
                        m_model->addItem(choice);
                }
            });
        }
    }
}

void ClientsPage::showStatus(const QString &text, bool error)
{
    m_status->setStyleSheet(error ? QStringLiteral("QLabel { color: #b00020; }") : QString());
    m_status->setText(text);
}

QString ClientsPage::maskSecrets(QString text, const QList<ClientFilePlan> &plans) const
{
    for (const ClientFilePlan &plan : plans) {
        const FileRead current = readClientFile(plan.path);
        for (const OwnedSetting &setting : plan.settings) {
            if (!setting.secret)
                continue;
            for (const std::optional<QString> &value : {setting.value, currentValue(plan, setting, current.bytes)})
                if (value && value->size() >= 4 && *value != QLatin1String(kPlaceholderKey))
                    text.replace(*value, maskSecret(*value));
        }
    }
    return text;
}

void ClientsPage::refresh()
{
    const ProxyEndpoint e = endpoint();
    m_intro->setText(tr("Point a coding agent or SDK at this proxy. OpenAI dialects use %1, Anthropic uses %2, "
                        "Gemini uses %3. Models are written backend:model (e.g. openai:gpt-4o) or as a route name.")
                         .arg(e.openaiBase, e.anthropicBase, e.geminiBase)
                     + u' '
                     + (e.keyRequired ? tr("Clients must send the proxy's client key (%1).").arg(maskSecret(e.key))
                                      : tr("The proxy has no client key: auth is off on loopback, so any non-empty "
                                           "key works (\"%1\" below).")
                                            .arg(QLatin1String(kPlaceholderKey))));
    m_showKey->setEnabled(e.keyRequired);

    const ClientProfile *profile = currentProfile();
    if (!profile) {
        m_snippet->clear();
        m_filesBox->hide();
        return;
    }
    m_title->setText(profile->name);
    m_summary->setText(profile->summary);
    QString shown = clientSnippet(profile->kind, e);
    if (e.keyRequired && !m_showKey->isChecked())
        shown.replace(e.key, maskSecret(e.key));
    m_snippet->setPlainText(shown);

    const QList<ClientFilePlan> plans = clientFilePlans(profile->kind, e, m_environment);
    m_filesBox->setVisible(!plans.isEmpty());
    m_settings->clear();
    const QString previousBackup = m_backups->currentData().toString();
    m_backups->clear();
    for (const ClientFilePlan &plan : plans) {
        const FileRead current = readClientFile(plan.path);
        const QString file = shortPath(plan.path, m_environment.home);
        const QString fileName = QFileInfo(plan.path).fileName();
        // One row per file (spanning the columns), its owned settings below it.
        auto *fileItem = new QTreeWidgetItem(m_settings);
        fileItem->setText(0, current.exists ? file : tr("%1 (new file)").arg(file));
        fileItem->setToolTip(0, QDir::toNativeSeparators(plan.path));
        QFont bold = fileItem->font(0);
        bold.setBold(true);
        fileItem->setFont(0, bold);
        fileItem->setFirstColumnSpanned(true);
        for (const OwnedSetting &setting : plan.settings) {
            auto *item = new QTreeWidgetItem(fileItem);
            item->setText(0, QStringLiteral("  ") + setting.display());
            const std::optional<QString> now = currentValue(plan, setting, current.bytes);
            item->setText(1, shownValue(now, setting.secret));
            item->setText(2, setting.value ? shownValue(setting.value, setting.secret) : tr("(removed)"));
            if (now == setting.value)
                item->setToolTip(1, tr("Already set to this value"));
        }
        fileItem->setExpanded(true);
        for (const QString &backup : listBackups(plan.path)) {
            const QDateTime when = backupTime(backup).toLocalTime();
            m_backups->addItem(tr("%1 from %2").arg(fileName, QLocale().toString(when, QLocale::ShortFormat)), backup);
        }
    }
    const int keep = m_backups->findData(previousBackup);
    if (keep >= 0)
        m_backups->setCurrentIndex(keep);
    m_backups->setEnabled(m_backups->count() > 0);
    m_restore->setEnabled(m_backups->count() > 0);
    if (m_backups->count() == 0)
        m_backups->setPlaceholderText(tr("No backups yet"));
}

void ClientsPage::copySnippet()
{
    QGuiApplication::clipboard()->setText(snippetText());
    showStatus(tr("Copied to the clipboard."), false);
}

void ClientsPage::applyToFiles()
{
    const ClientProfile *profile = currentProfile();
    if (!profile)
        return;
    const QList<ClientFilePlan> plans = clientFilePlans(profile->kind, endpoint(), m_environment);
    struct Change
    {
        QString path;
        QByteArray before;
        QByteArray after;
        bool existed = false;
    };
    QList<Change> changes;
    QString diff;
    for (const ClientFilePlan &plan : plans) {
        const FileRead current = readClientFile(plan.path);
        if (!current.error.isEmpty()) {
            showStatus(current.error, true);
            return;
        }
        const PlannedText planned = applySettings(plan, current.bytes);
        if (!planned.error.isEmpty()) {
            showStatus(planned.error, true);
            return;
        }
        if (current.exists && planned.text == current.bytes)
            continue;
        const QString native = QDir::toNativeSeparators(plan.path);
        diff += unifiedDiff(current.bytes, planned.text, current.exists ? native : QStringLiteral("/dev/null"), native);
        if (!current.exists && planned.text.isEmpty())
            continue;
        changes.append({plan.path, current.bytes, planned.text, current.exists});
    }
    if (changes.isEmpty()) {
        showStatus(tr("%1 is already set up for this proxy; nothing to change.").arg(profile->name), false);
        return;
    }

    QDialog dialog(this);
    dialog.setObjectName(QStringLiteral("clientsDiffDialog"));
    dialog.setWindowTitle(tr("Apply to %1").arg(profile->name));
    auto *layout = new QVBoxLayout(&dialog);
    auto *explain = new QLabel(tr("These lines will change. Everything else in the files stays as it is; each file "
                                  "is backed up next to itself first."),
                               &dialog);
    explain->setWordWrap(true);
    layout->addWidget(explain);
    auto *view = new QPlainTextEdit(&dialog);
    view->setObjectName(QStringLiteral("diffView"));
    view->setAccessibleName(tr("Changes"));
    view->setReadOnly(true);
    view->setLineWrapMode(QPlainTextEdit::NoWrap);
    view->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    view->setPlainText(maskSecrets(diff, plans));
    layout->addWidget(view, 1);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Cancel, &dialog);
    QPushButton *write = buttons->addButton(tr("&Write files"), QDialogButtonBox::AcceptRole);
    write->setObjectName(QStringLiteral("diffAccept"));
    write->setAccessibleName(tr("Write files"));
    connect(buttons, &QDialogButtonBox::accepted, &dialog, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, &dialog, &QDialog::reject);
    layout->addWidget(buttons);
    dialog.resize(760, 480);
    if (dialog.exec() != QDialog::Accepted) {
        showStatus(tr("Nothing was changed."), false);
        return;
    }

    QStringList done;
    const QDateTime now = QDateTime::currentDateTimeUtc();
    for (const Change &change : std::as_const(changes)) {
        // The file may have changed while the dialog was open: never overwrite what we did not show.
        const FileRead again = readClientFile(change.path);
        if (again.exists != change.existed || again.bytes != change.before) {
            showStatus(tr("%1 changed while the dialog was open; nothing more was written. Apply again to see the new "
                          "changes.").arg(QDir::toNativeSeparators(change.path)),
                       true);
            refresh();
            return;
        }
        QString backup;
        const QString error = writeClientFile(change.path, change.after, now, &backup);
        if (!error.isEmpty()) {
            showStatus(error, true);
            refresh();
            return;
        }
        done << (backup.isEmpty() ? tr("created %1").arg(QDir::toNativeSeparators(change.path))
                                  : tr("updated %1 (backup %2)")
                                        .arg(QDir::toNativeSeparators(change.path), QFileInfo(backup).fileName()));
    }
    showStatus(tr("Done: %1. Restart %2 to use the proxy.").arg(done.join(QStringLiteral("; ")), profile->name), false);
    refresh();
}

void ClientsPage::restoreSelectedBackup()
{
    const QString backup = m_backups->currentData().toString();
    if (backup.isEmpty())
        return;
    const QString marker = QLatin1String(kBackupMarker);
    const QString target = backup.left(backup.lastIndexOf(marker));
    QMessageBox confirm(QMessageBox::Question, tr("Restore backup"),
                        tr("Put back %1 as it was at %2? The current file is backed up first.")
                            .arg(QDir::toNativeSeparators(target), m_backups->currentText()),
                        QMessageBox::Yes | QMessageBox::Cancel, this);
    confirm.setObjectName(QStringLiteral("clientsRestoreConfirm"));
    confirm.setDefaultButton(QMessageBox::Cancel);
    if (confirm.exec() != QMessageBox::Yes)
        return;
    QString safety;
    const QString error = restoreBackup(target, backup, QDateTime::currentDateTimeUtc(), &safety);
    if (!error.isEmpty())
        showStatus(error, true);
    else
        showStatus(safety.isEmpty() ? tr("Restored %1.").arg(QDir::toNativeSeparators(target))
                                    : tr("Restored %1 (the file it replaced is in %2).")
                                          .arg(QDir::toNativeSeparators(target), QFileInfo(safety).fileName()),
                   false);
    refresh();
}

void ClientsPage::showEvent(QShowEvent *event)
{
    Page::showEvent(event);
    refresh(); // the files may have been edited elsewhere meanwhile
}

void ClientsPage::retranslate()
{
    m_modelCaption->setText(tr("&Model for the snippets:"));
    m_model->setAccessibleName(tr("Model"));
    m_model->setToolTip(tr("backend:model (for example openai:gpt-4o), or the name of a failover route"));
    m_list->setAccessibleName(tr("Clients"));
    m_snippetCaption->setText(tr("S&ettings to copy"));
    m_snippet->setAccessibleName(tr("Settings to copy"));
    m_showKey->setText(tr("Show &key"));
    m_showKey->setAccessibleName(tr("Show key"));
    m_copy->setText(tr("&Copy"));
    m_copy->setAccessibleName(tr("Copy settings"));
    m_filesBox->setTitle(tr("Config files"));
    m_settings->setHeaderLabels({tr("Setting"), tr("Now"), tr("After Apply")});
    m_settings->setAccessibleName(tr("Settings the proxy manages"));
    m_apply->setText(tr("&Apply\u2026"));
    m_apply->setAccessibleName(tr("Apply to config files"));
    m_apply->setToolTip(tr("Shows the changes first; each file is backed up before it is written"));
    m_backupsCaption->setText(tr("&Backups:"));
    m_backups->setAccessibleName(tr("Backups"));
    m_restore->setText(tr("&Restore\u2026"));
    m_restore->setAccessibleName(tr("Restore backup"));
    m_status->setAccessibleName(tr("Result"));
    m_profiles = allClients();
    for (int i = 0; i < m_list->count() && i < m_profiles.size(); ++i)
        m_list->item(i)->setText(m_profiles.at(i).name);
    refresh();
}

} // namespace lip::ui
