// SPDX-License-Identifier: GPL-3.0-or-later
#include "pages/settingspage.h"

#include "autostart.h"
#include "config/credentials/credentialindex.h"
#include "config/credentials/credentialstore.h"
#include "configcontroller.h"
#include "engine.h"
#include "languagemanager.h"
#include "uilogging.h"

#include <QCheckBox>
#include <QClipboard>
#include <QComboBox>
#include <QCoreApplication>
#include <QFileDialog>
#include <QFormLayout>
#include <QGroupBox>
#include <QGuiApplication>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPointer>
#include <QPushButton>
#include <QRandomGenerator>
#include <QScrollArea>
#include <QSpinBox>
#include <QVBoxLayout>

namespace lip::ui {

namespace creds = config::credentials;

namespace {
const QString ProxyInstance = QLatin1String(creds::kProxyInstanceName);
} // namespace

SettingsPage::SettingsPage(const AppContext &context, QWidget *parent)
    : Page(context, parent)
    , m_programPath(QCoreApplication::applicationFilePath())
{
    setObjectName(QStringLiteral("settingsPage"));
    auto *outer = new QVBoxLayout(this);
    outer->setContentsMargins(0, 0, 0, 0);
    auto *scroll = new QScrollArea(this);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    // The fields inside take focus; the area itself is not a control.
    scroll->setFocusPolicy(Qt::NoFocus);
    auto *content = new QWidget(scroll);
    auto *layout = new QVBoxLayout(content);
    layout->setContentsMargins(16, 16, 16, 16);
    layout->setSpacing(12);
    scroll->setWidget(content);
    outer->addWidget(scroll);

    auto makeMessage = [content](const QString &name) {
        auto *label = new QLabel(content);
        label->setObjectName(name);
        label->setWordWrap(true);
        label->setTextInteractionFlags(Qt::TextSelectableByMouse);
        label->hide();
        return label;
    };

    // Network
    m_networkBox = new QGroupBox(content);
    auto *network = new QFormLayout(m_networkBox);
    m_host = new QLineEdit(m_networkBox);
    m_host->setObjectName(QStringLiteral("hostEdit"));
    m_port = new QSpinBox(m_networkBox);
    m_port->setObjectName(QStringLiteral("portSpin"));
    m_port->setRange(1, 65535);
    m_anthropicPort = new QSpinBox(m_networkBox);
    m_anthropicPort->setObjectName(QStringLiteral("anthropicPortSpin"));
    m_anthropicPort->setRange(0, 65535);
    m_applyNetwork = new QPushButton(m_networkBox);
    m_applyNetwork->setObjectName(QStringLiteral("applyNetwork"));
    m_networkMessage = makeMessage(QStringLiteral("networkMessage"));
    m_hostCaption = new QLabel(m_networkBox);
    m_portCaption = new QLabel(m_networkBox);
    m_anthropicCaption = new QLabel(m_networkBox);
    m_hostCaption->setBuddy(m_host);
    m_portCaption->setBuddy(m_port);
    m_anthropicCaption->setBuddy(m_anthropicPort);
    network->addRow(m_hostCaption, m_host);
    network->addRow(m_portCaption, m_port);
    network->addRow(m_anthropicCaption, m_anthropicPort);
    auto *applyRow = new QHBoxLayout;
    applyRow->addStretch(1);
    applyRow->addWidget(m_applyNetwork);
    network->addRow(applyRow);
    network->addRow(m_networkMessage);
    layout->addWidget(m_networkBox);

    // Client key
    m_keyBox = new QGroupBox(content);
    auto *keyLayout = new QVBoxLayout(m_keyBox);
    m_keyHelp = new QLabel(m_keyBox);
    m_keyHelp->setWordWrap(true);
    m_key = new QLineEdit(m_keyBox);
    m_key->setObjectName(QStringLiteral("clientKeyEdit"));
    m_key->setEchoMode(QLineEdit::Password);
    auto *keyButtons = new QHBoxLayout;
    m_generateKey = new QPushButton(m_keyBox);
    m_generateKey->setObjectName(QStringLiteral("generateKey"));
    m_showKey = new QPushButton(m_keyBox);
    m_showKey->setObjectName(QStringLiteral("showKey"));
    m_showKey->setCheckable(true);
    m_copyKey = new QPushButton(m_keyBox);
    m_copyKey->setObjectName(QStringLiteral("copyKey"));
    m_saveKey = new QPushButton(m_keyBox);
    m_saveKey->setObjectName(QStringLiteral("saveKey"));
    m_removeKey = new QPushButton(m_keyBox);
    m_removeKey->setObjectName(QStringLiteral("removeKey"));
    for (QPushButton *b : {m_generateKey, m_showKey, m_copyKey, m_saveKey, m_removeKey})
        keyButtons->addWidget(b);
    keyButtons->addStretch(1);
    m_keyMessage = makeMessage(QStringLiteral("keyMessage"));
    keyLayout->addWidget(m_keyHelp);
    keyLayout->addWidget(m_key);
    keyLayout->addLayout(keyButtons);
    keyLayout->addWidget(m_keyMessage);
    layout->addWidget(m_keyBox);

    // Application
    m_appBox = new QGroupBox(content);
    auto *app = new QFormLayout(m_appBox);
    m_dataDirCaption = new QLabel(m_appBox);
    m_dataDir = new QLineEdit(m_appBox);
    m_dataDir->setObjectName(QStringLiteral("dataDirEdit"));
    m_dataDir->setReadOnly(true);
    m_dataDirCaption->setBuddy(m_dataDir);
    m_changeDataDir = new QPushButton(m_appBox);
    m_changeDataDir->setObjectName(QStringLiteral("changeDataDir"));
    auto *dataRow = new QHBoxLayout;
    dataRow->addWidget(m_dataDir, 1);
    dataRow->addWidget(m_changeDataDir);
    app->addRow(m_dataDirCaption, dataRow);
    m_dataDirNote = new QLabel(m_appBox);
    m_dataDirNote->setWordWrap(true);
    app->addRow(QString(), m_dataDirNote);
    m_startAtLogin = new QCheckBox(m_appBox);
    m_startAtLogin->setObjectName(QStringLiteral("startAtLogin"));
    m_startHidden = new QCheckBox(m_appBox);
    m_startHidden->setObjectName(QStringLiteral("startHidden"));
    app->addRow(m_startAtLogin);
    app->addRow(m_startHidden);
    m_languageCaption = new QLabel(m_appBox);
    m_language = new QComboBox(m_appBox);
    m_language->setObjectName(QStringLiteral("languageCombo"));
    m_languageCaption->setBuddy(m_language);
    app->addRow(m_languageCaption, m_language);
    m_appMessage = makeMessage(QStringLiteral("appMessage"));
    app->addRow(m_appMessage);
    layout->addWidget(m_appBox);
    layout->addStretch(1);

    for (const LanguageManager::Language &language : LanguageManager::available())
        m_language->addItem(language.nativeName, language.code);
    m_language->setEnabled(false);

    connect(m_applyNetwork, &QPushButton::clicked, this, &SettingsPage::applyNetwork);
    connect(m_generateKey, &QPushButton::clicked, this, [this] {
        m_key->setText(generateClientKey());
        showMessage(m_keyMessage, tr("New key generated. Save it to use it; clients then need it."), false);
    });
    connect(m_showKey, &QPushButton::toggled, this, [this](bool shown) {
        m_key->setEchoMode(shown ? QLineEdit::Normal : QLineEdit::Password);
        retranslate();
    });
    connect(m_copyKey, &QPushButton::clicked, this, [this] {
        if (!m_key->text().isEmpty())
            QGuiApplication::clipboard()->setText(m_key->text());
    });
    connect(m_saveKey, &QPushButton::clicked, this, &SettingsPage::saveClientKey);
    connect(m_removeKey, &QPushButton::clicked, this, &SettingsPage::removeClientKey);
    connect(m_changeDataDir, &QPushButton::clicked, this, &SettingsPage::chooseDataDir);
    connect(m_startAtLogin, &QCheckBox::toggled, this, &SettingsPage::setStartAtLogin);
    connect(m_startHidden, &QCheckBox::toggled, this, &SettingsPage::setStartHidden);
    connect(m_language, &QComboBox::activated, this, [this](int index) {
        const QString code = m_language->itemData(index).toString();
        if (m_languages)
            m_languages->setLanguage(code);
        commitLayerChange([code](config::AppLayer &layer) { layer.language = code; }, m_appMessage);
    });

    if (EngineClient *engine = context.engine) {
        // A port in use is reported by the engine after the commit: show its message here, not
        // a silent failure.
        connect(engine, &EngineClient::configApplied, this, [this](const QString &error, const QString &notice) {
            if (!m_applyingNetwork) {
                if (error.isEmpty() && !notice.isEmpty())
                    showMessage(m_appMessage, tr("Saved; %1.").arg(notice), false);
                return;
            }
            m_applyingNetwork = false;
            if (error.isEmpty())
                showMessage(m_networkMessage, tr("Applied. The proxy listens on the new address."), false);
            else
                showMessage(m_networkMessage, tr("Not applied: %1").arg(error), true);
        });
    }
    if (ConfigController *controller = context.config)
        connect(controller, &ConfigController::configChanged, this, [this] { reload(); });

    retranslate();
    reload();
    loadClientKey();
}

void SettingsPage::setLanguageManager(LanguageManager *manager)
{
    m_languages = manager;
    m_language->setEnabled(manager != nullptr);
    if (manager) {
        const int index = m_language->findData(manager->language());
        m_language->setCurrentIndex(index < 0 ? 0 : index);
    }
}

QString SettingsPage::generateClientKey()
{
    QByteArray bytes(32, Qt::Uninitialized);
    QRandomGenerator::system()->generate(reinterpret_cast<quint32 *>(bytes.data()),
                                         reinterpret_cast<quint32 *>(bytes.data() + bytes.size()));
    return QStringLiteral("lip-")
        + QString::fromLatin1(bytes.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
}

QString SettingsPage::networkMessage() const
{
    return m_networkMessage->isVisible() || !m_networkMessage->text().isEmpty() ? m_networkMessage->text() : QString();
}

void SettingsPage::showMessage(QLabel *label, const QString &text, bool error)
{
    label->setText(text);
    label->setStyleSheet(error ? QStringLiteral("color: #b00020;") : QString());
    label->setVisible(!text.isEmpty());
}

void SettingsPage::reload()
{
    ConfigController *controller = context().config;
    const QSignalBlocker blockHidden(m_startHidden);
    const QSignalBlocker blockLogin(m_startAtLogin);
    m_startAtLogin->setChecked(Autostart::isEnabled());
    if (!controller) {
        for (QWidget *w : std::initializer_list<QWidget *>{m_networkBox, m_keyBox, m_changeDataDir, m_startHidden})
            w->setEnabled(false);
        return;
    }
    const config::Config &config = controller->config();
    m_host->setText(config.host);
    m_port->setValue(config.port);
    m_anthropicPort->setValue(config.anthropicPort);
    m_dataDir->setText(creds::resolveDataDir(config.dataDir));
    m_startHidden->setChecked(controller->layer().startHidden);
}

void SettingsPage::commitLayerChange(const std::function<void(config::AppLayer &)> &change, QLabel *messageLabel)
{
    ConfigController *controller = context().config;
    if (!controller)
        return;
    config::AppLayer candidate = controller->layer();
    change(candidate);
    const QString error = controller->commit(candidate);
    showMessage(messageLabel, error.isEmpty() ? QString() : tr("Not saved: %1").arg(error), !error.isEmpty());
}

void SettingsPage::applyNetwork()
{
    ConfigController *controller = context().config;
    if (!controller)
        return;
    const QString host = m_host->text().trimmed();
    const quint16 port = quint16(m_port->value());
    const quint16 anthropicPort = quint16(m_anthropicPort->value());
    const config::Config &current = controller->config();
    const bool rebinding = host != current.host || port != current.port || anthropicPort != current.anthropicPort;
    config::AppLayer candidate = controller->layer();
    candidate.host = host;
    candidate.port = port;
    candidate.anthropicPort = anthropicPort;
    m_applyingNetwork = rebinding && context().engine;
    const QString error = controller->commit(candidate);
    if (!error.isEmpty()) {
        m_applyingNetwork = false;
        showMessage(m_networkMessage, tr("Not saved: %1").arg(error), true);
        return;
    }
    showMessage(m_networkMessage, m_applyingNetwork ? tr("Saved; the proxy is moving to the new address…") : tr("Saved."),
                false);
}

void SettingsPage::loadClientKey()
{
    creds::CredentialStore *store = context().credentials;
    if (!store)
        return;
    store->loadAll([self = QPointer<SettingsPage>(this)](const config::CredentialSet &set) {
        if (!self)
            return;
        for (const config::KeychainInstance &instance : set.instances) {
            if (instance.name != ProxyInstance)
                continue;
            for (const config::KeychainKey &key : instance.keys)
                if (key.alias == QLatin1String(ClientKeyAlias) && self->m_key->text().isEmpty())
                    self->m_key->setText(key.secret);
        }
    });
}

void SettingsPage::reloadKeychain()
{
    creds::CredentialStore *store = context().credentials;
    if (!store || !context().config)
        return;
    store->loadAll([self = QPointer<SettingsPage>(this)](const config::CredentialSet &set) {
        if (!self || !self->context().config)
            return;
        if (!set.unavailableReason.isEmpty())
            return;
        const QString error = self->context().config->setKeychain(set);
        if (!error.isEmpty())
            self->showMessage(self->m_keyMessage, tr("Stored, but not applied: %1").arg(error), true);
    });
}

void SettingsPage::saveClientKey()
{
    creds::CredentialStore *store = context().credentials;
    const QString key = m_key->text().trimmed();
    if (!store) {
        showMessage(m_keyMessage, tr("The keychain is not available."), true);
        return;
    }
    if (key.isEmpty()) {
        showMessage(m_keyMessage, tr("Generate or enter a key first."), true);
        return;
    }
    store->set(ProxyInstance, QLatin1String(ClientKeyAlias), key.toUtf8(),
               [self = QPointer<SettingsPage>(this)](const QString &error) {
                   if (!self)
                       return;
                   if (!error.isEmpty()) {
                       self->showMessage(self->m_keyMessage, tr("Not stored: %1").arg(error), true);
                       return;
                   }
                   self->showMessage(self->m_keyMessage,
                                     tr("Stored in the keychain. Clients must now send this key."), false);
                   self->reloadKeychain();
               });
}

void SettingsPage::removeClientKey()
{
    creds::CredentialStore *store = context().credentials;
    if (!store)
        return;
    store->remove(ProxyInstance, QLatin1String(ClientKeyAlias), [self = QPointer<SettingsPage>(this)](const QString &error) {
        if (!self)
            return;
        if (!error.isEmpty()) {
            self->showMessage(self->m_keyMessage, tr("Not removed: %1").arg(error), true);
            return;
        }
        self->m_key->clear();
        self->showMessage(self->m_keyMessage, tr("Removed from the keychain."), false);
        self->reloadKeychain();
    });
}

void SettingsPage::chooseDataDir()
{
    const QString dir = QFileDialog::getExistingDirectory(this, tr("Data directory"), m_dataDir->text());
    if (dir.isEmpty())
        return;
    commitLayerChange([dir](config::AppLayer &layer) { layer.dataDir = dir; }, m_appMessage);
    if (m_appMessage->text().isEmpty())
        showMessage(m_appMessage, tr("The new data directory is used after a restart."), false);
}

void SettingsPage::setStartAtLogin(bool on)
{
    const bool hidden = context().config ? context().config->layer().startHidden : m_startHidden->isChecked();
    const QString error = Autostart::setEnabled(on, m_programPath, hidden);
    if (!error.isEmpty()) {
        const QSignalBlocker block(m_startAtLogin);
        m_startAtLogin->setChecked(Autostart::isEnabled());
        showMessage(m_appMessage, error, true);
        return;
    }
    commitLayerChange([on](config::AppLayer &layer) { layer.startAtLogin = on; }, m_appMessage);
}

void SettingsPage::setStartHidden(bool on)
{
    commitLayerChange([on](config::AppLayer &layer) { layer.startHidden = on; }, m_appMessage);
    // The login entry carries --start-hidden: keep it in step.
    if (Autostart::isEnabled())
        Autostart::setEnabled(true, m_programPath, on);
}

void SettingsPage::retranslate()
{
    m_networkBox->setTitle(tr("Network"));
    m_hostCaption->setText(tr("&Host:"));
    m_host->setAccessibleName(tr("Listen address"));
    m_host->setToolTip(tr("127.0.0.1 keeps the proxy private to this computer. Any other address needs a client key."));
    m_portCaption->setText(tr("&Port:"));
    m_port->setAccessibleName(tr("Port"));
    m_anthropicCaption->setText(tr("&Anthropic port:"));
    m_anthropicPort->setAccessibleName(tr("Dedicated Anthropic port"));
    m_anthropicPort->setSpecialValueText(tr("Off"));
    m_applyNetwork->setText(tr("Appl&y"));
    m_applyNetwork->setAccessibleName(tr("Apply network settings"));
    m_networkMessage->setAccessibleName(tr("Network settings result"));

    m_keyBox->setTitle(tr("Client key"));
    m_keyHelp->setText(tr("Clients send this key (as the API key of their SDK) to use the proxy. Stored in the "
                          "system keychain. Without any key, only this computer can connect."));
    m_key->setAccessibleName(tr("Proxy client key"));
    m_generateKey->setText(tr("&Generate"));
    m_generateKey->setAccessibleName(tr("Generate a new client key"));
    m_showKey->setText(m_showKey->isChecked() ? tr("H&ide") : tr("&Show"));
    m_showKey->setAccessibleName(m_showKey->isChecked() ? tr("Hide the client key") : tr("Show the client key"));
    m_copyKey->setText(tr("&Copy"));
    m_copyKey->setAccessibleName(tr("Copy the client key"));
    m_saveKey->setText(tr("Sa&ve"));
    m_saveKey->setAccessibleName(tr("Save the client key in the keychain"));
    m_removeKey->setText(tr("&Remove"));
    m_removeKey->setAccessibleName(tr("Remove the client key from the keychain"));
    m_keyMessage->setAccessibleName(tr("Client key result"));

    m_appBox->setTitle(tr("Application"));
    m_dataDirCaption->setText(tr("&Data directory:"));
    m_dataDir->setAccessibleName(tr("Data directory"));
    m_changeDataDir->setText(tr("Cha&nge…"));
    m_changeDataDir->setAccessibleName(tr("Change the data directory"));
    m_dataDirNote->setText(tr("Usage records, captures and the credential index live here. A change takes effect "
                              "after a restart."));
    m_startAtLogin->setText(tr("Start at l&ogin"));
    m_startAtLogin->setAccessibleName(tr("Start at login"));
    m_startHidden->setText(tr("Start hidden in the &tray"));
    m_startHidden->setAccessibleName(tr("Start hidden in the tray"));
    m_languageCaption->setText(tr("&Language:"));
    m_language->setAccessibleName(tr("Language"));
    m_language->setItemText(0, tr("System"));
    m_appMessage->setAccessibleName(tr("Application settings result"));
}

} // namespace lip::ui
