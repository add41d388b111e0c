// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// The Clients page: how to connect each coding agent and SDK to this proxy (base URL, key,
// model form, as snippets to copy) and, for Claude Code, Codex CLI and Gemini CLI, Apply: a
// field-level edit of the CLI's own config file, shown as a diff first, with a timestamped
// backup next to the file, and Restore from any of those backups. The file logic lives in
// ui/clients (Qt Core, unit-tested); this class is only the widgets around it.

#include "clients/clientprofiles.h"
#include "pages/page.h"

#include <QList>

class QCheckBox;
class QComboBox;
class QGroupBox;
class QLabel;
class QListWidget;
class QPlainTextEdit;
class QPushButton;
class QTreeWidget;

namespace lip {
struct EngineStatus;
}

namespace lip::ui {

class ClientsPage : public Page
{
    Q_OBJECT
public:
    explicit ClientsPage(const AppContext &context, QWidget *parent = nullptr);

    QString pageId() const override { return QStringLiteral("clients"); }
    QString title() const override { return tr("Clients"); }
    QIcon icon() const override { return QIcon(QStringLiteral(":/icons/clients.svg")); }

    // Where the CLIs' config folders are (tests point it at a temporary home).
    void setClientEnvironment(const clients::ClientEnvironment &environment);
    bool selectClient(const QString &id);
    QString currentClientId() const;
    void setModel(const QString &model);
    // The snippet as Copy puts it on the clipboard (with the real key).
    QString snippetText() const;
    // Backup files listed for the current client, newest first.
    QStringList listedBackups() const;
    QString statusText() const;

public Q_SLOTS:
    void refresh();
    void copySnippet();
    // Diff dialog, then backup + atomic write of every file that changes.
    void applyToFiles();
    // Confirmation, then the backup chosen in the list is put back byte for byte.
    void restoreSelectedBackup();

protected:
    void retranslate() override;
    void showEvent(QShowEvent *event) override;

private:
    clients::ProxyEndpoint endpoint() const;
    const clients::ClientProfile *currentProfile() const;
    void fillModels();
    void onStatus(const lip::EngineStatus &status);
    void showStatus(const QString &text, bool error);
    QString maskSecrets(QString text, const QList<clients::ClientFilePlan> &plans) const;

    clients::ClientEnvironment m_environment;
    QList<clients::ClientProfile> m_profiles;
    QString m_listenAddress;
    QString m_anthropicAddress;

    QLabel *m_intro = nullptr;
    QLabel *m_modelCaption = nullptr;
    QComboBox *m_model = nullptr;
    QListWidget *m_list = nullptr;
    QLabel *m_title = nullptr;
    QLabel *m_summary = nullptr;
    QLabel *m_snippetCaption = nullptr;
    QCheckBox *m_showKey = nullptr;
    QPlainTextEdit *m_snippet = nullptr;
    QPushButton *m_copy = nullptr;
    QGroupBox *m_filesBox = nullptr;
    QTreeWidget *m_settings = nullptr;
    QPushButton *m_apply = nullptr;
    QLabel *m_backupsCaption = nullptr;
    QComboBox *m_backups = nullptr;
    QPushButton *m_restore = nullptr;
    QLabel *m_status = nullptr;
};

} // namespace lip::ui
