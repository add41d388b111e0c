// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "config/appconfig.h"
#include "pages/page.h"

#include <functional>

class QCheckBox;
class QComboBox;
class QGroupBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QSpinBox;

namespace lip::ui {

class LanguageManager;

// App settings: where the proxy listens, the proxy's own client key (keychain), the data dir,
// start at login / start hidden, and the UI language. Every change goes through
// ConfigController (the app's config layer), never into the user's YAML.
class SettingsPage : public Page
{
    Q_OBJECT
public:
    static constexpr const char *ClientKeyAlias = "client-key";

    explicit SettingsPage(const AppContext &context, QWidget *parent = nullptr);

    QString pageId() const override { return QStringLiteral("settings"); }
    QString title() const override { return tr("Settings"); }
    QIcon icon() const override { return QIcon(QStringLiteral(":/icons/settings.svg")); }

    // Set by uimain.cpp (and tests); without one the language box is disabled.
    void setLanguageManager(LanguageManager *manager);
    // The executable the login entry starts (default: this process's).
    void setProgramPath(const QString &path) { m_programPath = path; }

    // "lip-" + 32 random bytes, base64url without padding.
    static QString generateClientKey();

    // The message under the network settings (errors from validation or from the engine).
    QString networkMessage() const;

public Q_SLOTS:
    void applyNetwork();
    void saveClientKey();
    void removeClientKey();
    // Re-reads the layer and the running config into the controls.
    void reload();

protected:
    void retranslate() override;

private:
    void commitLayerChange(const std::function<void(config::AppLayer &)> &change, QLabel *messageLabel);
    void setStartAtLogin(bool on);
    void setStartHidden(bool on);
    void chooseDataDir();
    void loadClientKey();
    void reloadKeychain();
    void showMessage(QLabel *label, const QString &text, bool error);

    LanguageManager *m_languages = nullptr;
    QString m_programPath;
    bool m_applyingNetwork = false;

    QGroupBox *m_networkBox = nullptr;
    QLabel *m_hostCaption = nullptr;
    QLineEdit *m_host = nullptr;
    QLabel *m_portCaption = nullptr;
    QSpinBox *m_port = nullptr;
    QLabel *m_anthropicCaption = nullptr;
    QSpinBox *m_anthropicPort = nullptr;
    QPushButton *m_applyNetwork = nullptr;
    QLabel *m_networkMessage = nullptr;

    QGroupBox *m_keyBox = nullptr;
    QLabel *m_keyHelp = nullptr;
    QLineEdit *m_key = nullptr;
    QPushButton *m_generateKey = nullptr;
    QPushButton *m_showKey = nullptr;
    QPushButton *m_copyKey = nullptr;
    QPushButton *m_saveKey = nullptr;
    QPushButton *m_removeKey = nullptr;
    QLabel *m_keyMessage = nullptr;

    QGroupBox *m_appBox = nullptr;
    QLabel *m_dataDirCaption = nullptr;
    QLineEdit *m_dataDir = nullptr;
    QPushButton *m_changeDataDir = nullptr;
    QLabel *m_dataDirNote = nullptr;
    QCheckBox *m_startAtLogin = nullptr;
    QCheckBox *m_startHidden = nullptr;
    QLabel *m_languageCaption = nullptr;
    QComboBox *m_language = nullptr;
    QLabel *m_appMessage = nullptr;
};

} // namespace lip::ui
