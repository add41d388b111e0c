// SPDX-License-Identifier: GPL-3.0-or-later
#include "capturecommand.h"

#include "config/configloader.h"
#include "observe/captureexport.h"
#include "observe/capturesink.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QSaveFile>
#include <QStandardPaths>

#include <cstdio>

namespace lip::app {

namespace {

constexpr int ExitOk = 0;
constexpr int ExitFailure = 1;
constexpr int ExitUsage = 2;

void out(const QByteArray &bytes)
{
    std::fwrite(bytes.constData(), 1, size_t(bytes.size()), stdout);
    std::fflush(stdout);
}

void err(const QString &text)
{
    std::fprintf(stderr, "llm-interactive-proxy capture: %s\n", qUtf8Printable(text));
    std::fflush(stderr);
}

const char *const Usage =
    "usage: llm-interactive-proxy capture list [--dir DIR]\n"
    "       llm-interactive-proxy capture show REQUEST_ID [--file FILE | --dir DIR]\n"
    "       llm-interactive-proxy capture export --format har|jsonl [--file FILE | --dir DIR] [--request ID] [--out PATH]\n"
    "Without --dir: capture.directory from the configuration (--config, --data-dir, env), else <data dir>/captures.\n";

// The directory the proxy itself would write to, by the same precedence (CLI > env > file).
QString defaultDirectory(const QString &configFile, const QString &dataDir, QString *error)
{
    config::CliOptions cli;
    if (!configFile.isEmpty())
        cli.configFile = configFile;
    if (!dataDir.isEmpty())
        cli.dataDir = dataDir;
    auto loaded = config::loadConfig(cli, config::processEnvironment());
    if (!loaded) {
        *error = loaded.error().message;
        return {};
    }
    if (!loaded->capture.directory.isEmpty())
        return loaded->capture.directory;
    QString base = loaded->dataDir;
    if (base.isEmpty())
        base = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
    return QDir(base).filePath(QStringLiteral("captures"));
}

void reportProblems(const QStringList &problems)
{
    for (const QString &problem : problems)
        err(QStringLiteral("warning: ") + problem);
}

} // namespace

int runCaptureCommand(const QStringList &arguments)
{
    QCommandLineParser parser;
    const QCommandLineOption dirOption(QStringLiteral("dir"), QStringLiteral("Capture directory."), QStringLiteral("dir"));
    const QCommandLineOption fileOption(QStringLiteral("file"), QStringLiteral("One capture file."), QStringLiteral("file"));
    const QCommandLineOption formatOption(QStringLiteral("format"), QStringLiteral("har or jsonl."), QStringLiteral("format"));
    const QCommandLineOption outOption(QStringLiteral("out"), QStringLiteral("Output file (default: stdout)."), QStringLiteral("path"));
    const QCommandLineOption requestOption(QStringLiteral("request"), QStringLiteral("Export one request id."), QStringLiteral("id"));
    const QCommandLineOption configOption(QStringLiteral("config"), QStringLiteral("Configuration file."), QStringLiteral("file"));
    const QCommandLineOption dataDirOption(QStringLiteral("data-dir"), QStringLiteral("Data directory."), QStringLiteral("dir"));
    const QCommandLineOption helpOption({QStringLiteral("h"), QStringLiteral("help")}, QStringLiteral("Show usage."));
    parser.addOptions({dirOption, fileOption, formatOption, outOption, requestOption, configOption, dataDirOption, helpOption});
    if (!parser.parse(QStringList{QStringLiteral("capture")} + arguments)) {
        err(parser.errorText());
        std::fputs(Usage, stderr);
        return ExitUsage;
    }
    if (parser.isSet(helpOption)) {
        out(Usage);
        return ExitOk;
    }
    const QStringList positional = parser.positionalArguments();
    const QString action = positional.value(0);
    if (action != QLatin1String("list") && action != QLatin1String("show") && action != QLatin1String("export")) {
        err(action.isEmpty() ? QStringLiteral("missing action") : QStringLiteral("unknown action '%1'").arg(action));
        std::fputs(Usage, stderr);
        return ExitUsage;
    }
    const qsizetype expectedPositional = action == QLatin1String("show") ? 2 : 1;
    if (positional.size() != expectedPositional) {
        err(positional.size() < expectedPositional ? QStringLiteral("show needs a REQUEST_ID")
                                                  : QStringLiteral("unexpected argument '%1'").arg(positional.last()));
        std::fputs(Usage, stderr);
        return ExitUsage;
    }

    // Which files.
    QStringList files;
    QString directory;
    if (parser.isSet(fileOption)) {
        if (action == QLatin1String("list")) {
            err(QStringLiteral("list takes --dir, not --file"));
            return ExitUsage;
        }
        const QString file = parser.value(fileOption);
        if (!QFileInfo(file).isFile()) {
            err(QStringLiteral("%1: no such file").arg(file));
            return ExitFailure;
        }
        files = {file};
    } else {
        directory = parser.value(dirOption);
        if (directory.isEmpty()) {
            QString error;
            directory = defaultDirectory(parser.value(configOption), parser.value(dataDirOption), &error);
            if (directory.isEmpty()) {
                err(error);
                return ExitUsage;
            }
        }
        if (!QFileInfo(directory).isDir()) {
            err(QStringLiteral("%1: no such directory (nothing captured yet? capture is off by default)").arg(directory));
            return ExitFailure;
        }
        files = observe::captureFilesIn(directory);
    }

    if (action == QLatin1String("list")) {
        if (files.isEmpty()) {
            out(QStringLiteral("no capture files in %1\n").arg(directory).toUtf8());
            return ExitOk;
        }
        QByteArray text = "file\tfrom\tto\trequests\trecords\n";
        bool failed = false;
        for (const QString &file : std::as_const(files)) {
            const observe::CaptureFileSummary s = observe::summarizeCaptureFile(file);
            if (!s.error.isEmpty()) {
                err(s.error);
                failed = true;
                continue;
            }
            if (!s.warning.isEmpty())
                err(QStringLiteral("warning: ") + s.warning);
            text += QStringLiteral("%1\t%2\t%3\t%4\t%5\n")
                        .arg(QFileInfo(file).fileName(), observe::formatTimeMs(s.firstMs), observe::formatTimeMs(s.lastMs))
                        .arg(s.requests)
                        .arg(s.records)
                        .toUtf8();
        }
        out(text);
        return failed ? ExitFailure : ExitOk;
    }

    quint64 requestId = 0;
    const QString idText = action == QLatin1String("show") ? positional.at(1) : parser.value(requestOption);
    if (!idText.isEmpty()) {
        bool ok = false;
        requestId = idText.toULongLong(&ok);
        if (!ok || requestId == 0) {
            err(QStringLiteral("invalid request id '%1': expected a positive number").arg(idText));
            return ExitUsage;
        }
    }

    if (action == QLatin1String("show")) {
        QStringList problems;
        const QList<observe::CaptureExchange> exchanges = observe::readExchanges(files, &problems, requestId);
        reportProblems(problems);
        if (exchanges.isEmpty()) {
            err(QStringLiteral("request %1 not found in %2").arg(requestId).arg(
                files.size() == 1 ? files.first() : QStringLiteral("%1 (%2 files)").arg(directory).arg(files.size())));
            return ExitFailure;
        }
        QString text;
        for (const observe::CaptureExchange &exchange : exchanges)
            text += observe::formatExchange(exchange);
        out(text.toUtf8());
        return ExitOk;
    }

    // export
    const QString format = parser.value(formatOption).toLower();
    if (format != QLatin1String("har") && format != QLatin1String("jsonl")) {
        err(format.isEmpty() ? QStringLiteral("export needs --format har or --format jsonl")
                             : QStringLiteral("unknown --format '%1': expected har or jsonl").arg(format));
        return ExitUsage;
    }
    QStringList problems;
    QByteArray data;
    if (format == QLatin1String("har")) {
        data = observe::exportHar(observe::readExchanges(files, &problems, requestId));
    } else {
        data = observe::exportJsonl(files, &problems);
        if (requestId) {
            // Filter lines by id: the JSONL form is one record per line.
            QByteArray filtered;
            const QByteArray needle = "\"request_id\":\"" + QByteArray::number(requestId) + '"';
            for (const QByteArray &line : data.split('\n')) {
                if (line.contains(needle))
                    filtered += line + '\n';
            }
            data = filtered;
        }
    }
    reportProblems(problems);
    bool unreadable = false;
    for (const QString &problem : std::as_const(problems))
        unreadable = unreadable || problem.contains(QLatin1String("not a capture file")) || problem.contains(QLatin1String("cannot open"));
    if (!parser.isSet(outOption)) {
        out(data);
        return unreadable ? ExitFailure : ExitOk;
    }
    QSaveFile file(parser.value(outOption));
    if (!file.open(QIODevice::WriteOnly) || file.write(data) != data.size() || !file.commit()) {
        err(QStringLiteral("%1: cannot write: %2").arg(parser.value(outOption), file.errorString()));
        return ExitFailure;
    }
    return unreadable ? ExitFailure : ExitOk;
}

} // namespace lip::app
