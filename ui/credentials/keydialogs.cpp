// SPDX-License-Identifier: GPL-3.0-or-later
#include "credentials/keydialogs.h"

#include "config/credentials/credentialindex.h"
#include "credentials/keymask.h"

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>

namespace lip::ui::credentials {

KeyEditDialog::KeyEditDialog(const QString &instance, const QString &fixedAlias, const QStringList &takenAliases,
                             QWidget *parent)
    : QDialog(parent), m_taken(takenAliases), m_editing(!fixedAlias.isEmpty())
{
    setObjectName(QStringLiteral("keyEditDialog"));
    setWindowTitle(m_editing ? tr("Replace key “%1” of %2").arg(fixedAlias, instance)
                             : tr("Add a key to %1").arg(instance));
    auto *form = new QFormLayout;
    m_alias = new QLineEdit(fixedAlias, this);
    m_alias->setObjectName(QStringLiteral("aliasEdit"));
    m_alias->setAccessibleName(tr("Alias"));
    m_alias->setPlaceholderText(tr("work, personal, team-2 …"));
    m_alias->setReadOnly(m_editing);
    m_alias->setMaxLength(config::credentials::kMaxNameLength);
    m_secret = new QLineEdit(this);
    m_secret->setObjectName(QStringLiteral("secretEdit"));
    m_secret->setAccessibleName(tr("API key"));
    m_secret->setEchoMode(QLineEdit::Password);
    m_secret->setPlaceholderText(tr("Paste the key"));
    auto *aliasLabel = new QLabel(tr("&Alias:"), this);
    aliasLabel->setBuddy(m_alias);
    auto *secretLabel = new QLabel(tr("&Key:"), this);
    secretLabel->setBuddy(m_secret);
    form->addRow(aliasLabel, m_alias);
    form->addRow(secretLabel, m_secret);
    m_problem = new QLabel(this);
    m_problem->setObjectName(QStringLiteral("problemLabel"));
    m_problem->setWordWrap(true);
    m_buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    m_buttons->button(QDialogButtonBox::Ok)->setText(m_editing ? tr("&Replace") : tr("&Store"));
    connect(m_buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_alias, &QLineEdit::textChanged, this, &KeyEditDialog::validate);
    connect(m_secret, &QLineEdit::textChanged, this, &KeyEditDialog::validate);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_problem);
    layout->addWidget(m_buttons);
    (m_editing ? m_secret : m_alias)->setFocus();
    validate();
}

QString KeyEditDialog::alias() const
{
    return m_alias->text().trimmed();
}

QByteArray KeyEditDialog::secret() const
{
    return m_secret->text().trimmed().toUtf8();
}

void KeyEditDialog::validate()
{
    QString problem;
    const QString a = alias();
    if (a.isEmpty())
        problem = tr("Give the key an alias (it names the key in logs and statistics).");
    else if (const QString p = config::credentials::nameProblem(a); !p.isEmpty())
        problem = tr("The alias %1.").arg(p);
    else if (!m_editing && m_taken.contains(a))
        problem = tr("This backend already has a key named “%1”; use Edit to replace it.").arg(a);
    else if (m_secret->text().trimmed().isEmpty())
        problem = tr("Paste the key.");
    m_problem->setText(problem);
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(problem.isEmpty());
}

void KeyEditDialog::done(int result)
{
    QDialog::done(result);
    // The caller reads the secret in its accepted() handler, which runs inside QDialog::done.
    m_secret->clear();
}

ImportPreviewDialog::ImportPreviewDialog(const QString &source, const ImportPlan &plan, QWidget *parent)
    : QDialog(parent), m_plan(plan)
{
    setObjectName(QStringLiteral("importPreviewDialog"));
    setWindowTitle(tr("Import keys from %1").arg(source));
    auto *layout = new QVBoxLayout(this);
    auto *intro = new QLabel(plan.rows.isEmpty()
                                 ? tr("No API key of a known backend was found in %1.").arg(source)
                                 : tr("These keys were found in %1. Nothing is stored until you confirm.").arg(source),
                             this);
    intro->setWordWrap(true);
    layout->addWidget(intro);

    m_table = new QTableWidget(int(plan.rows.size()), 4, this);
    m_table->setObjectName(QStringLiteral("importTable"));
    m_table->setAccessibleName(tr("Keys to import"));
    m_table->setHorizontalHeaderLabels({tr("Backend"), tr("Alias"), tr("Key"), tr("Effect")});
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setSelectionMode(QAbstractItemView::NoSelection);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setStretchLastSection(true);
    for (int r = 0; r < plan.rows.size(); ++r) {
        const ImportRow &row = plan.rows.at(r);
        QString effect;
        switch (row.effect) {
        case ImportRow::Effect::New:
            effect = tr("new");
            break;
        case ImportRow::Effect::Replaces:
            effect = tr("replaces");
            break;
        case ImportRow::Effect::Same:
            effect = tr("same (already stored)");
            break;
        }
        m_table->setItem(r, 0, new QTableWidgetItem(row.instance));
        m_table->setItem(r, 1, new QTableWidgetItem(row.alias));
        m_table->setItem(r, 2, new QTableWidgetItem(maskSecret(row.secret)));
        m_table->setItem(r, 3, new QTableWidgetItem(effect));
    }
    m_table->resizeColumnsToContents();
    layout->addWidget(m_table);

    if (!plan.ignored.isEmpty()) {
        auto *ignored = new QLabel(this);
        ignored->setObjectName(QStringLiteral("ignoredLabel"));
        ignored->setWordWrap(true);
        const QStringList shown = plan.ignored.mid(0, 12);
        ignored->setText(tr("%n variable(s) ignored (not an API key of a known backend): %1", nullptr,
                            int(plan.ignored.size()))
                             .arg(shown.join(QStringLiteral(", "))
                                  + (plan.ignored.size() > shown.size() ? QStringLiteral(", …") : QString())));
        layout->addWidget(ignored);
    }

    m_buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    QPushButton *ok = m_buttons->button(QDialogButtonBox::Ok);
    ok->setText(tr("&Store %n key(s)", nullptr, plan.changes()));
    ok->setEnabled(plan.changes() > 0);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(m_buttons);
    resize(640, 360);
}

} // namespace lip::ui::credentials
