// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Writing a client's config file safely: a timestamped backup next to it first
// ("settings.json.lip-backup-20261202T071500Z"), then an atomic replace (QSaveFile); and putting
// a chosen backup back byte for byte.

#include <QByteArray>
#include <QDateTime>
#include <QString>
#include <QStringList>

namespace lip::ui::clients {

inline constexpr char kBackupMarker[] = ".lip-backup-";

struct FileRead
{
    bool exists = false;
    QByteArray bytes;
    QString error; // the file exists but cannot be read, or is too large
};

// Settings files are small; anything past this is not one we should edit.
inline constexpr qint64 kMaxClientFileBytes = 8 * 1024 * 1024;

FileRead readClientFile(const QString &path);

// Copies `path` to a new backup named after `now` (UTC). Returns the backup's path, or an empty
// string with `*error` set. A missing file has nothing to back up: empty path, no error.
QString backupClientFile(const QString &path, const QDateTime &now, QString *error);

// Backup (when the file exists) then atomic write, creating the folder when needed. New files
// are created readable by the owner only (they may hold a key). Returns the error, empty on
// success; `*backupPath` gets the backup's path (empty when there was no file).
QString writeClientFile(const QString &path, const QByteArray &bytes, const QDateTime &now, QString *backupPath);

// The backups of `path`, newest first.
QStringList listBackups(const QString &path);
// When the backup was taken, from its name; invalid when the name is not ours.
QDateTime backupTime(const QString &backupPath);

// Puts `backupPath` back as `path`, byte for byte. The current file is backed up first (so a
// restore can be undone). Returns the error, empty on success.
QString restoreBackup(const QString &path, const QString &backupPath, const QDateTime &now,
                      QString *safetyBackupPath = nullptr);

} // namespace lip::ui::clients
