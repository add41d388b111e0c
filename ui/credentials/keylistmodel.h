// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// The keys of one backend instance in rotation order, as the Credentials page lists them:
// env/config keys first (read-only, they come first in rotation too), then the keychain keys,
// which can be reordered by drag and drop or moveRows. Holds masks, never a secret.

#include <QAbstractTableModel>
#include <QList>
#include <QString>
#include <QStringList>

namespace lip::ui::credentials {

struct KeyRow
{
    QString alias;  // keychain alias, or the origin for read-only keys ("env:OPENAI_API_KEY")
    QString masked; // keymask.h
    bool stored = false; // in the keychain (editable); false: from env/config
};

class KeyListModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { AliasColumn, KeyColumn, SourceColumn, ColumnCount };

    using QAbstractTableModel::QAbstractTableModel;

    void setRows(const QList<KeyRow> &rows);
    const QList<KeyRow> &rows() const { return m_rows; }
    QStringList storedAliases() const; // in the order shown
    // Shows `text` in clear instead of the mask of the row with `alias` (empty alias: none).
    // setRows() hides it again.
    void setRevealed(const QString &alias, const QString &text);
    QString revealedAlias() const { return m_revealedAlias; }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;

    // Only keychain rows move, and only among themselves.
    bool moveRows(const QModelIndex &sourceParent, int sourceRow, int count, const QModelIndex &destinationParent,
                  int destinationChild) override;

    Qt::DropActions supportedDropActions() const override;
    QStringList mimeTypes() const override;
    QMimeData *mimeData(const QModelIndexList &indexes) const override;
    // Moves the dragged row and returns false, so the view does not also remove the source row.
    bool dropMimeData(const QMimeData *data, Qt::DropAction action, int row, int column,
                      const QModelIndex &parent) override;
    bool canDropMimeData(const QMimeData *data, Qt::DropAction action, int row, int column,
                         const QModelIndex &parent) const override;

Q_SIGNALS:
    // The user changed the order of the keychain keys (not emitted by setRows).
    void storedOrderChanged(const QStringList &aliases);

private:
    int firstStoredRow() const;

    QList<KeyRow> m_rows;
    QString m_revealedAlias;
    QString m_revealedText;
};

} // namespace lip::ui::credentials
