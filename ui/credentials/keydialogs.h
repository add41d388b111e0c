// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// The Credentials page's dialogs. Both are opened with open() (window-modal, never a nested
// event loop), so the page keeps answering keychain callbacks while one is up.

#include "credentials/keyimport.h"

#include <QDialog>

class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QTableWidget;

namespace lip::ui::credentials {

// Add a key (alias + secret) or replace the secret of an existing alias.
class KeyEditDialog : public QDialog
{
    Q_OBJECT
public:
    // `fixedAlias` non-empty: edit mode, the alias cannot change. `takenAliases`: refused in add mode.
    KeyEditDialog(const QString &instance, const QString &fixedAlias, const QStringList &takenAliases,
                  QWidget *parent = nullptr);

    QString alias() const;
    QByteArray secret() const;
    QLineEdit *aliasEdit() const { return m_alias; }
    QLineEdit *secretEdit() const { return m_secret; }
    QDialogButtonBox *buttons() const { return m_buttons; }

    void done(int result) override; // wipes the secret field when closed

private:
    void validate();

    QStringList m_taken;
    bool m_editing;
    QLineEdit *m_alias;
    QLineEdit *m_secret;
    QLabel *m_problem;
    QDialogButtonBox *m_buttons;
};

// What an import would store, before anything is stored.
class ImportPreviewDialog : public QDialog
{
    Q_OBJECT
public:
    ImportPreviewDialog(const QString &source, const ImportPlan &plan, QWidget *parent = nullptr);

    const ImportPlan &plan() const { return m_plan; }
    QTableWidget *table() const { return m_table; }
    QDialogButtonBox *buttons() const { return m_buttons; }

private:
    ImportPlan m_plan;
    QTableWidget *m_table;
    QDialogButtonBox *m_buttons;
};

} // namespace lip::ui::credentials
