// SPDX-License-Identifier: GPL-3.0-or-later
#include "autostart.h"

#include "uilogging.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSaveFile>
#include <QSettings>

namespace lip::ui {

namespace {

const char *const EntryName = "llm-interactive-proxy";

QString quoted(const QString &program)
{
    // Desktop Entry spec: arguments with spaces or reserved characters are double-quoted, with
    // backslash-escapes for ", `, $ and \.
    static const QString reserved = QStringLiteral(" \t\n\"'\\><~|&;$*?#()`");
    bool needsQuotes = false;
    for (const QChar c : program)
        needsQuotes = needsQuotes || reserved.contains(c);
    if (!needsQuotes)
        return program;
    QString escaped;
    for (const QChar c : program) {
        if (c == QLatin1Char('"') || c == QLatin1Char('`') || c == QLatin1Char('$') || c == QLatin1Char('\\'))
            escaped += QLatin1Char('\\');
        escaped += c;
    }
    return QLatin1Char('"') + escaped + QLatin1Char('"');
}

// Exec= also expands %-codes (%f, %u): a literal % is written %%.
QString execEscaped(const QString &command)
{
    QString out = command;
    return out.replace(QLatin1Char('%'), QStringLiteral("%%"));
}

} // namespace

QString Autostart::commandLine(const QString &program, bool startHidden)
{
    const QString exe = quoted(QDir::toNativeSeparators(program));
    return startHidden ? exe + QStringLiteral(" --start-hidden") : exe;
}

#if defined(Q_OS_WIN)

QString Autostart::location()
{
    return QStringLiteral("HKEY_CURRENT_USER\\Software\\Microsoft\\Windows\\CurrentVersion\\Run");
}

bool Autostart::isEnabled()
{
    QSettings run(location(), QSettings::NativeFormat);
    return run.contains(QLatin1String(EntryName));
}

QString Autostart::setEnabled(bool enabled, const QString &program, bool startHidden)
{
    QSettings run(location(), QSettings::NativeFormat);
    if (enabled)
        run.setValue(QLatin1String(EntryName), commandLine(program, startHidden));
    else
        run.remove(QLatin1String(EntryName));
    run.sync();
    return run.status() == QSettings::NoError ? QString() : QCoreApplication::translate("Autostart", "could not write the Run key");
}

#elif defined(Q_OS_MACOS)

QString Autostart::location()
{
    return QDir::homePath() + QStringLiteral("/Library/LaunchAgents/org.llm-interactive-proxy.plist");
}

bool Autostart::isEnabled()
{
    return QFileInfo::exists(location());
}

QString Autostart::setEnabled(bool enabled, const QString &program, bool startHidden)
{
    if (!enabled) {
        if (QFileInfo::exists(location()) && !QFile::remove(location()))
            return QCoreApplication::translate("Autostart", "could not remove %1").arg(location());
        return {};
    }
    QSettings plist(location(), QSettings::NativeFormat);
    plist.setValue(QStringLiteral("Label"), QStringLiteral("org.llm-interactive-proxy"));
    QStringList arguments{program};
    if (startHidden)
        arguments << QStringLiteral("--start-hidden");
    plist.setValue(QStringLiteral("ProgramArguments"), arguments);
    plist.setValue(QStringLiteral("RunAtLoad"), true);
    plist.sync();
    return plist.status() == QSettings::NoError ? QString() : QCoreApplication::translate("Autostart", "could not write %1").arg(location());
}

#else

QString Autostart::location()
{
    QString configHome = qEnvironmentVariable("XDG_CONFIG_HOME");
    if (configHome.isEmpty() || QDir::isRelativePath(configHome))
        configHome = QDir::homePath() + QStringLiteral("/.config");
    return configHome + QStringLiteral("/autostart/") + QLatin1String(EntryName) + QStringLiteral(".desktop");
}

bool Autostart::isEnabled()
{
    QFile file(location());
    if (!file.open(QIODevice::ReadOnly))
        return false;
    // The user may have switched it off in the desktop's own settings.
    const QByteArray content = file.read(64 * 1024);
    return !content.contains("X-GNOME-Autostart-enabled=false") && !content.contains("Hidden=true");
}

QString Autostart::setEnabled(bool enabled, const QString &program, bool startHidden)
{
    const QString path = location();
    if (!enabled) {
        if (QFileInfo::exists(path) && !QFile::remove(path))
            return QCoreApplication::translate("Autostart", "could not remove %1").arg(path);
        qCInfo(lcUi) << "start at login off";
        return {};
    }
    if (!QDir().mkpath(QFileInfo(path).absolutePath()))
        return QCoreApplication::translate("Autostart", "could not create %1").arg(QFileInfo(path).absolutePath());
    const QString entry = QStringLiteral("[Desktop Entry]\n"
                                         "Type=Application\n"
                                         "Name=LLM Interactive Proxy\n"
                                         "Comment=Local proxy that routes coding agents and SDKs to LLM backends\n"
                                         "Exec=%1\n"
                                         "Icon=llm-interactive-proxy\n"
                                         "Terminal=false\n"
                                         "X-GNOME-Autostart-enabled=true\n")
                              .arg(execEscaped(commandLine(program, startHidden)));
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(entry.toUtf8()) < 0 || !file.commit())
        return QCoreApplication::translate("Autostart", "could not write %1: %2").arg(path, file.errorString());
    qCInfo(lcUi) << "start at login on:" << path;
    return {};
}

#endif

} // namespace lip::ui
