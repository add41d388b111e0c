// SPDX-License-Identifier: GPL-3.0-or-later
#include "credentials/accountlistmodel.h"

#include <QLocale>
#include <QMimeData>

namespace lip::ui::credentials {

namespace {
const QString kMime = QStringLiteral("application/x-lip-account-row");
}

void AccountListModel::setAccounts(const QList<oauth::Account> &accounts)
{
    beginResetModel();
    m_accounts = accounts;
    for (oauth::Account &a : m_accounts)
        a.tokens.accessToken.clear(), a.tokens.refreshToken.clear(), a.tokens.idToken.clear();
    endResetModel();
}

QStringList AccountListModel::ids() const
{
    QStringList out;
    for (const oauth::Account &a : m_accounts)
        out << a.id;
    return out;
}

int AccountListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_accounts.size());
}

int AccountListModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QString AccountListModel::stateText(const oauth::Account &account)
{
    if (account.state == oauth::Account::State::Ready)
        return tr("ready");
    return account.stateReason.isEmpty() ? tr("sign-in needed") : tr("sign-in needed: %1").arg(account.stateReason);
}

QVariant AccountListModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_accounts.size())
        return {};
    const oauth::Account &a = m_accounts.at(index.row());
    if (role == Qt::DisplayRole || role == Qt::AccessibleTextRole || role == Qt::ToolTipRole) {
        switch (index.column()) {
        case EmailColumn:
            return a.email.isEmpty() ? a.id : a.email;
        case PlanColumn:
            return a.plan.isEmpty() ? tr("—") : a.plan;
        case StateColumn:
            return stateText(a);
        case ExpiryColumn:
            return a.tokens.expiresAt.isValid()
                ? QLocale().toString(a.tokens.expiresAt.toLocalTime(), QLocale::ShortFormat)
                : tr("—");
        }
    }
    if (role == Qt::UserRole)
        return a.id;
    return {};
}

QVariant AccountListModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case EmailColumn:
        return tr("Account");
    case PlanColumn:
        return tr("Plan");
    case StateColumn:
        return tr("State");
    case ExpiryColumn:
        return tr("Token expires");
    }
    return {};
}

Qt::ItemFlags AccountListModel::flags(const QModelIndex &index) const
{
    if (!index.isValid())
        return Qt::ItemIsDropEnabled;
    return Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemIsDragEnabled;
}

bool AccountListModel::moveRows(const QModelIndex &sourceParent, int sourceRow, int count,
                                const QModelIndex &destinationParent, int destinationChild)
{
    if (sourceParent.isValid() || destinationParent.isValid() || count != 1 || sourceRow < 0
        || sourceRow >= m_accounts.size() || destinationChild < 0 || destinationChild > m_accounts.size()
        || destinationChild == sourceRow || destinationChild == sourceRow + 1)
        return false;
    beginMoveRows({}, sourceRow, sourceRow, {}, destinationChild);
    const oauth::Account a = m_accounts.takeAt(sourceRow);
    m_accounts.insert(destinationChild > sourceRow ? destinationChild - 1 : destinationChild, a);
    endMoveRows();
    Q_EMIT orderChanged(ids());
    return true;
}

Qt::DropActions AccountListModel::supportedDropActions() const
{
    return Qt::MoveAction;
}

QStringList AccountListModel::mimeTypes() const
{
    return {kMime};
}

QMimeData *AccountListModel::mimeData(const QModelIndexList &indexes) const
{
    if (indexes.isEmpty())
        return nullptr;
    auto *mime = new QMimeData;
    mime->setData(kMime, QByteArray::number(indexes.first().row()));
    return mime;
}

bool AccountListModel::canDropMimeData(const QMimeData *data, Qt::DropAction action, int, int,
                                       const QModelIndex &parent) const
{
    return data && data->hasFormat(kMime) && action == Qt::MoveAction && !parent.isValid();
}

bool AccountListModel::dropMimeData(const QMimeData *data, Qt::DropAction action, int row, int, const QModelIndex &parent)
{
    if (!canDropMimeData(data, action, row, 0, parent))
        return false;
    bool ok = false;
    const int source = data->data(kMime).toInt(&ok);
    if (ok)
        moveRows({}, source, 1, {}, row < 0 ? int(m_accounts.size()) : row);
    return false;
}

} // namespace lip::ui::credentials
