// SPDX-License-Identifier: GPL-3.0-or-later
#include "credentials/keylistmodel.h"

#include <QMimeData>

#include <algorithm>

namespace lip::ui::credentials {

namespace {
const QString kMime = QStringLiteral("application/x-lip-key-row");
}

void KeyListModel::setRows(const QList<KeyRow> &rows)
{
    beginResetModel();
    m_revealedAlias.clear();
    m_revealedText.clear();
    m_rows = rows;
    // Rotation order: env/config keys first, then keychain keys (keychainmerge.h).
    std::stable_partition(m_rows.begin(), m_rows.end(), [](const KeyRow &r) { return !r.stored; });
    endResetModel();
}

void KeyListModel::setRevealed(const QString &alias, const QString &text)
{
    m_revealedAlias = alias;
    m_revealedText = alias.isEmpty() ? QString() : text;
    if (!m_rows.isEmpty())
        Q_EMIT dataChanged(index(0, KeyColumn), index(int(m_rows.size()) - 1, KeyColumn));
}

QStringList KeyListModel::storedAliases() const
{
    QStringList out;
    for (const KeyRow &r : m_rows)
        if (r.stored)
            out << r.alias;
    return out;
}

int KeyListModel::firstStoredRow() const
{
    for (int i = 0; i < m_rows.size(); ++i)
        if (m_rows.at(i).stored)
            return i;
    return int(m_rows.size());
}

int KeyListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int KeyListModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant KeyListModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_rows.size())
        return {};
    const KeyRow &r = m_rows.at(index.row());
    if (role == Qt::DisplayRole || role == Qt::AccessibleTextRole) {
        switch (index.column()) {
        case AliasColumn:
            return r.stored ? r.alias : r.alias.section(QLatin1Char(':'), 1);
        case KeyColumn:
            return !m_revealedAlias.isEmpty() && r.alias == m_revealedAlias ? m_revealedText : r.masked;
        case SourceColumn:
            return r.stored ? tr("keychain") : r.alias;
        }
    }
    if (role == Qt::ToolTipRole && !r.stored)
        return tr("Set outside the app (%1); read-only here.").arg(r.alias);
    return {};
}

QVariant KeyListModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case AliasColumn:
        return tr("Alias");
    case KeyColumn:
        return tr("Key");
    case SourceColumn:
        return tr("Source");
    }
    return {};
}

Qt::ItemFlags KeyListModel::flags(const QModelIndex &index) const
{
    if (!index.isValid())
        return Qt::ItemIsDropEnabled; // drops go between rows, never onto one
    Qt::ItemFlags f = Qt::ItemIsEnabled | Qt::ItemIsSelectable;
    if (m_rows.value(index.row()).stored)
        f |= Qt::ItemIsDragEnabled;
    return f;
}

bool KeyListModel::moveRows(const QModelIndex &sourceParent, int sourceRow, int count,
                            const QModelIndex &destinationParent, int destinationChild)
{
    const int first = firstStoredRow();
    if (sourceParent.isValid() || destinationParent.isValid() || count != 1 || sourceRow < first
        || sourceRow >= m_rows.size() || destinationChild < first || destinationChild > m_rows.size()
        || destinationChild == sourceRow || destinationChild == sourceRow + 1)
        return false;
    beginMoveRows({}, sourceRow, sourceRow, {}, destinationChild);
    const KeyRow row = m_rows.takeAt(sourceRow);
    m_rows.insert(destinationChild > sourceRow ? destinationChild - 1 : destinationChild, row);
    endMoveRows();
    Q_EMIT storedOrderChanged(storedAliases());
    return true;
}

Qt::DropActions KeyListModel::supportedDropActions() const
{
    return Qt::MoveAction;
}

QStringList KeyListModel::mimeTypes() const
{
    return {kMime};
}

QMimeData *KeyListModel::mimeData(const QModelIndexList &indexes) const
{
    if (indexes.isEmpty())
        return nullptr;
    auto *mime = new QMimeData;
    mime->setData(kMime, QByteArray::number(indexes.first().row())); // a row number, never a key
    return mime;
}

bool KeyListModel::canDropMimeData(const QMimeData *data, Qt::DropAction action, int, int, const QModelIndex &parent) const
{
    return data && data->hasFormat(kMime) && action == Qt::MoveAction && !parent.isValid();
}

bool KeyListModel::dropMimeData(const QMimeData *data, Qt::DropAction action, int row, int, const QModelIndex &parent)
{
    if (!canDropMimeData(data, action, row, 0, parent))
        return false;
    bool ok = false;
    const int source = data->data(kMime).toInt(&ok);
    if (!ok)
        return false;
    const int destination = row < 0 ? int(m_rows.size()) : row;
    moveRows({}, source, 1, {}, destination);
    return false;
}

} // namespace lip::ui::credentials
