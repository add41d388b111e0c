// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Accounts page: OAuth subscription accounts (ChatGPT/Codex, Google Gemini, Qwen, …). Sign in
// through the browser or with a device code, import a provider CLI's existing login after the
// user confirmed the provider's terms warning, sign out, and order the accounts of a provider for
// rotation. Everything goes through oauth::AccountManager; the engine is told to read the
// accounts again after each change.

#include "pages/page.h"

#include <QPointer>

class QCheckBox;
class QComboBox;
class QLabel;
class QPushButton;
class QTableView;

namespace lip::ui {

namespace credentials {
class AccountListModel;
class DeviceCodeDialog;
} // namespace credentials

class AccountsPage : public Page
{
    Q_OBJECT
public:
    explicit AccountsPage(const AppContext &context, QWidget *parent = nullptr);
    ~AccountsPage() override;

    QString pageId() const override { return QStringLiteral("accounts"); }
    QString title() const override;
    QIcon icon() const override;

    QString currentProvider() const;
    bool selectProvider(const QString &provider);
    bool isSigningIn() const { return m_signingIn; }
    QString statusText() const;
    credentials::AccountListModel *accountModel() const { return m_model; }
    QTableView *accountView() const { return m_view; }
    credentials::DeviceCodeDialog *deviceDialog() const;

Q_SIGNALS:
    void signInEnded(const QString &accountId, const QString &error);
    void operationFinished(const QString &error); // sign-out, reorder, import

protected:
    void retranslate() override;

private:
    enum class Button { Browser, Device, Import, Cancel, SignOut, Up, Down, Count };

    void buildUi();
    void rebuildProviders();
    void rebuildAccounts();
    void updateControls();
    void setStatus(const QString &text);
    void startSignIn(bool device);
    void importExisting();
    void signOut();
    void moveSelected(int delta);
    void storeOrder(const QStringList &ids);
    void finishOperation(const QString &error, const QString &success);
    int selectedRow() const;
    QString providerName(const QString &id) const;

    QLabel *m_intro = nullptr;
    QLabel *m_providerLabel = nullptr;
    QComboBox *m_provider = nullptr;
    QLabel *m_terms = nullptr;
    QCheckBox *m_termsConfirm = nullptr;
    QLabel *m_progress = nullptr;
    QTableView *m_view = nullptr;
    credentials::AccountListModel *m_model = nullptr;
    QPushButton *m_buttons[int(Button::Count)] = {};
    QLabel *m_status = nullptr;
    QPointer<credentials::DeviceCodeDialog> m_deviceDialog;
    bool m_signingIn = false;
    bool m_busy = false;
    QString m_signInProvider;
};

} // namespace lip::ui
