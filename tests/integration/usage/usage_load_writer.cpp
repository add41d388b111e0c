// SPDX-License-Identifier: GPL-3.0-or-later
// Test helper for tst_usage_crash: records usage rows as fast as the store takes them (request
// ids 1, 2, 3, ...; never more than 5000 waiting) into a SQLite store and prints "written <total>" after every committed
// batch, until it is killed.
//
//   usage_load_writer <usage.sqlite> <flush interval ms>

#include "observe/usagerecorder.h"

#include <QCoreApplication>
#include <QTimer>
#include <QTimeZone>

#include <cstdio>

#include <unistd.h>

using namespace lip::observe;

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    if (args.size() != 3) {
        std::fprintf(stderr, "usage: usage_load_writer <usage.sqlite> <flush interval ms>\n");
        return 2;
    }
    UsageRecorderOptions options;
    options.target.sqlitePath = args.at(1);
    options.flushIntervalMs = args.at(2).toInt();
    UsageRecorder recorder(options);
    QObject::connect(&recorder, &UsageRecorder::batchWritten, &app, [](qint64, quint64 total) {
        std::printf("written %llu\n", static_cast<unsigned long long>(total));
        std::fflush(stdout);
    }, Qt::DirectConnection);
    QObject::connect(&recorder, &UsageRecorder::failed, &app, [](const QString &message) {
        std::printf("failed %s\n", qPrintable(message));
        std::fflush(stdout);
        QCoreApplication::exit(1);
    }, Qt::QueuedConnection);

    // If the test itself dies (a ctest timeout), do not write forever as an orphan.
    const pid_t parent = ::getppid();
    quint64 next = 1;
    QTimer load;
    load.setInterval(0);
    QObject::connect(&load, &QTimer::timeout, &app, [&recorder, &next, parent] {
        if (::getppid() != parent)
            ::_exit(3);
        // Steady load the store keeps up with (a full queue drops rows, which is not what this
        // measures): at most 5000 rows waiting.
        if (next > recorder.written() + 5000)
            return;
        for (int i = 0; i < 20; ++i) {
            CallRecord record;
            record.requestId = next++;
            record.startedAt = QDateTime::currentDateTimeUtc();
            record.backend = QStringLiteral("load");
            record.modelUsed = QStringLiteral("m");
            record.status = 200;
            record.usage.input = 10;
            record.usage.output = 1;
            recorder.record(record);
        }
    });
    load.start();
    return app.exec();
}
