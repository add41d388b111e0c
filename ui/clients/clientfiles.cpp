// SPDX-License-Identifier: GPL-3.0-or-later
#include "clientfiles.h"

#include "clientstext.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSaveFile>
#include <QTimeZone>

#include <algorithm>

namespace lip::ui::clients {

namespace {


const QString kStampFormat = QStringLiteral("yyyyMMdd'T'HHmmss'Z'");

QString atomicWrite(const QString &path, const QByteArray &bytes, QFileDevice::Permissions permissions)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return ClientsText::tr("cannot write %1: %2").arg(QDir::toNativeSeparators(path), file.errorString());
    if (file.write(bytes) != bytes.size()) {
        file.cancelWriting();
        return ClientsText::tr("cannot write %1: %2").arg(QDir::toNativeSeparators(path), file.errorString());
    }
    if (!file.commit())
        return ClientsText::tr("cannot write %1: %2").arg(QDir::toNativeSeparators(path), file.errorString());
    QFile::setPermissions(path, permissions);
    return {};
}

} // namespace

FileRead readClientFile(const QString &path)
{
    FileRead result;
    QFileInfo info(path);
    if (!info.exists())
        return result;
    result.exists = true;
    if (!info.isFile()) {
        result.error = ClientsText::tr("%1 is not a file").arg(QDir::toNativeSeparators(path));
        return result;
    }
    if (info.size() > kMaxClientFileBytes) {
        result.error = ClientsText::tr("%1 is too large to be a settings file").arg(QDir::toNativeSeparators(path));
        return result;
    }
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        result.error = ClientsText::tr("cannot read %1: %2").arg(QDir::toNativeSeparators(path), file.errorString());
        return result;
    }
    result.bytes = file.read(kMaxClientFileBytes + 1);
    return result;
}

QString backupClientFile(const QString &path, const QDateTime &now, QString *error)
{
    const FileRead current = readClientFile(path);
    if (!current.error.isEmpty()) {
        *error = current.error;
        return {};
    }
    if (!current.exists)
        return {};
    const QString base = path + QLatin1String(kBackupMarker) + now.toUTC().toString(kStampFormat);
    QString target = base;
    for (int n = 2; QFileInfo::exists(target); ++n)
        target = base + u'-' + QString::number(n);
    const QString failure = atomicWrite(target, current.bytes, QFile::permissions(path));
    if (!failure.isEmpty()) {
        *error = failure;
        return {};
    }
    return target;
}

QString writeClientFile(const QString &path, const QByteArray &bytes, const QDateTime &now, QString *backupPath)
{
    QString error;
    const QString backup = backupClientFile(path, now, &error);
    if (!error.isEmpty())
        return error;
    if (backupPath)
        *backupPath = backup;
    const QFileInfo info(path);
    if (!QDir().mkpath(info.absolutePath()))
        return ClientsText::tr("cannot create the folder %1").arg(QDir::toNativeSeparators(info.absolutePath()));
    const QFileDevice::Permissions permissions =
        info.exists() ? QFile::permissions(path) : (QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    return atomicWrite(path, bytes, permissions);
}

QStringList listBackups(const QString &path)
{
    const QFileInfo info(path);
    const QString prefix = info.fileName() + QLatin1String(kBackupMarker);
    QStringList found;
    const QStringList names = QDir(info.absolutePath()).entryList({prefix + u'*'}, QDir::Files | QDir::Hidden);
    for (const QString &name : names)
        if (backupTime(name).isValid())
            found << info.absoluteDir().filePath(name);
    // The stamp sorts by time; a "-2" suffix (same second) sorts after its twin.
    std::sort(found.begin(), found.end(), [](const QString &l, const QString &r) { return l > r; });
    return found;
}

QDateTime backupTime(const QString &backupPath)
{
    const QString name = QFileInfo(backupPath).fileName();
    const int marker = name.lastIndexOf(QLatin1String(kBackupMarker));
    if (marker < 0)
        return {};
    QString stamp = name.mid(marker + int(qstrlen(kBackupMarker)));
    const int dash = stamp.indexOf(u'-');
    if (dash >= 0)
        stamp.truncate(dash);
    QDateTime time = QDateTime::fromString(stamp, kStampFormat);
    time.setTimeZone(QTimeZone::utc());
    return time;
}

QString restoreBackup(const QString &path, const QString &backupPath, const QDateTime &now, QString *safetyBackupPath)
{
    const FileRead backup = readClientFile(backupPath);
    if (!backup.error.isEmpty())
        return backup.error;
    if (!backup.exists)
        return ClientsText::tr("the backup %1 no longer exists").arg(QDir::toNativeSeparators(backupPath));
    const FileRead current = readClientFile(path);
    if (current.exists && current.error.isEmpty() && current.bytes == backup.bytes)
        return {}; // already that content
    QString backupOfCurrent;
    const QString error = writeClientFile(path, backup.bytes, now, &backupOfCurrent);
    if (error.isEmpty()) {
        QFile::setPermissions(path, QFile::permissions(backupPath));
        if (safetyBackupPath)
            *safetyBackupPath = backupOfCurrent;
    }
    return error;
}

} // namespace lip::ui::clients
