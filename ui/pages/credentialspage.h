// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Credentials page: the API keys of each backend instance in rotation order. Keychain keys can be
// added, replaced, removed, reordered, revealed, copied and tested; keys from the environment or a
// config file are listed read-only with their origin. Every keychain call is asynchronous
// (CredentialStore); after each change the keys are read again and handed to ConfigController,
// so the running proxy uses them at once.

#include "pages/page.h"

#include "config/config.h"
#include "config/credentials/credentialset.h"

#include <QHash>
#include <QPointer>

#include <functional>

class QComboBox;
class QLabel;
class QProgressBar;
class QPushButton;
class QTableView;

namespace lip::ui {

namespace credentials {
class KeyListModel;
struct ImportPlan;
} // namespace credentials

class CredentialsPage : public Page
{
    Q_OBJECT
public:
    explicit CredentialsPage(const AppContext &context, QWidget *parent = nullptr);
    ~CredentialsPage() override;

    QString pageId() const override { return QStringLiteral("credentials"); }
    QString title() const override;
    QIcon icon() const override;

    // For tests and keyboard users alike: what the page shows and does.
    QString currentInstance() const;
    bool selectInstance(const QString &instance); // adds a known type or configured instance to the list if needed
    bool isBusy() const { return m_busy > 0; }
    bool storingEnabled() const { return m_keychainReason.isEmpty() && m_keychainChecked; }
    QString keychainNotice() const;
    QString statusText() const;
    credentials::KeyListModel *keyModel() const { return m_model; }
    QTableView *keyView() const { return m_view; }

    // The .env import (the button asks for the file, then calls this).
    void importDotEnvFile(const QString &path);
    void importFromEnvironment();

Q_SIGNALS:
    void busyChanged(bool busy);
    // After every operation, once the keys were read again and applied (empty: success).
    void operationFinished(const QString &error);

protected:
    void retranslate() override;

private:
    enum class Button { Add, Edit, Remove, Up, Down, Reveal, Copy, Test, ImportEnv, ImportFile, Count };

    void buildUi();
    void checkKeychain();
    void setBusy(bool busy);
    // Runs `operation` on the store, then reads every key again and applies them; reports through
    // operationFinished.
    void mutate(const QString &busyText, std::function<void(std::function<void(const QString &)>)> operation);
    void reloadKeys(const QString &previousError, bool apply);
    void rebuildInstanceList();
    void rebuildRows();
    void updateButtons();
    void setStatus(const QString &text);
    const config::Config *currentConfig() const;

    void addKey();
    void editKey();
    void removeKey();
    void moveSelected(int delta);
    void storeOrder(const QStringList &aliases);
    void revealOrHide();
    void copyKey();
    void testKey();
    // The selected key's value: from the keychain for stored keys, from the config otherwise.
    void withSelectedSecret(std::function<void(const QString &alias, const QString &secret)> use);
    void askForDotEnvFile();
    void showImportPreview(const QString &source, const QList<QPair<QString, QString>> &variables,
                           const QStringList &problems);
    void runImport(const credentials::ImportPlan &plan);
    int selectedRow() const;

    QLabel *m_intro = nullptr;
    QLabel *m_notice = nullptr;
    QLabel *m_instanceLabel = nullptr;
    QComboBox *m_instance = nullptr;
    QTableView *m_view = nullptr;
    credentials::KeyListModel *m_model = nullptr;
    QPushButton *m_buttons[int(Button::Count)] = {};
    QProgressBar *m_progress = nullptr;
    QLabel *m_status = nullptr;

    int m_busy = 0;
    bool m_keychainChecked = false;
    QString m_keychainReason;         // non-empty: storing is disabled, and why
    // instance → (alias → mask), in keychain order; from the last read. Never a secret.
    std::vector<std::pair<QString, QList<std::pair<QString, QString>>>> m_stored;
    QStringList m_extraInstances;     // known types the user picked that have no key yet
};

} // namespace lip::ui
