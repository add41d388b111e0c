// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// The signed-in accounts of one OAuth provider in rotation order, for the Accounts page.
// Reordered by drag and drop or moveRows. Holds the listing only (no token).

#include "backends/oauth/oauthtypes.h"

#include <QAbstractTableModel>
#include <QList>
#include <QStringList>

namespace lip::ui::credentials {

class AccountListModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { EmailColumn, PlanColumn, StateColumn, ExpiryColumn, ColumnCount };

    using QAbstractTableModel::QAbstractTableModel;

    void setAccounts(const QList<oauth::Account> &accounts);
    const QList<oauth::Account> &accounts() const { return m_accounts; }
    QStringList ids() const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;
    bool moveRows(const QModelIndex &sourceParent, int sourceRow, int count, const QModelIndex &destinationParent,
                  int destinationChild) override;
    Qt::DropActions supportedDropActions() const override;
    QStringList mimeTypes() const override;
    QMimeData *mimeData(const QModelIndexList &indexes) const override;
    bool canDropMimeData(const QMimeData *data, Qt::DropAction action, int row, int column,
                         const QModelIndex &parent) const override;
    // Moves the dragged row and returns false, so the view does not also remove the source row.
    bool dropMimeData(const QMimeData *data, Qt::DropAction action, int row, int column,
                      const QModelIndex &parent) override;

    static QString stateText(const oauth::Account &account);

Q_SIGNALS:
    void orderChanged(const QStringList &accountIds); // by the user, not by setAccounts

private:
    QList<oauth::Account> m_accounts;
};

} // namespace lip::ui::credentials
