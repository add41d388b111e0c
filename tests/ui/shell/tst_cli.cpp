// SPDX-License-Identifier: GPL-3.0-or-later
// The built executable as a user runs it: --version, --help, argument errors, headless mode
// (which must not load Qt Gui/Widgets), falling back to headless without a display, GUI mode
// loading the lip_ui module, and a clean exit on SIGTERM/SIGINT.

#include <QFile>
#include <QProcess>
#include <QRegularExpression>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>

namespace {

QString binary()
{
    return qEnvironmentVariable("LIP_APP_BINARY");
}

// A predictable environment: no display, no config or keys from the developer's shell.
QProcessEnvironment cleanEnvironment()
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    for (const QString &key : env.keys()) {
        if (key.endsWith(QLatin1String("_API_KEY")) || key.contains(QLatin1String("_API_KEY_"))
            || key.endsWith(QLatin1String("_API_BASE_URL")) || key.startsWith(QLatin1String("LLM_"))
            || key == QLatin1String("DISPLAY") || key == QLatin1String("WAYLAND_DISPLAY")
            || key == QLatin1String("QT_QPA_PLATFORM") || key == QLatin1String("QT_LOGGING_RULES")
            || key == QLatin1String("QT_MESSAGE_PATTERN"))
            env.remove(key);
    }
    return env;
}

quint16 freePort()
{
    QTcpServer server;
    if (!server.listen(QHostAddress::LocalHost, 0))
        return 0;
    return server.serverPort();
}

struct Run
{
    int exitCode = -1;
    QProcess::ExitStatus exitStatus = QProcess::CrashExit;
    QString out;
    QString err;
};

Run runToEnd(const QStringList &arguments, const QProcessEnvironment &env = cleanEnvironment())
{
    QProcess process;
    process.setProcessEnvironment(env);
    process.start(binary(), arguments);
    Run run;
    if (!process.waitForFinished(60000)) {
        process.kill();
        process.waitForFinished();
        run.err = QStringLiteral("(did not finish)");
        return run;
    }
    run.exitCode = process.exitCode();
    run.exitStatus = process.exitStatus();
    run.out = QString::fromUtf8(process.readAllStandardOutput());
    run.err = QString::fromUtf8(process.readAllStandardError());
    return run;
}

// Waits until the process printed a line matching `pattern` on stdout; returns all stdout.
QString waitForLine(QProcess &process, const QRegularExpression &pattern, int timeoutMs = 30000)
{
    QString out;
    QDeadlineTimer deadline(timeoutMs);
    while (!deadline.hasExpired() && process.state() != QProcess::NotRunning) {
        if (process.waitForReadyRead(200))
            out += QString::fromUtf8(process.readAllStandardOutput());
        if (pattern.match(out).hasMatch())
            return out;
    }
    return out + QString::fromUtf8(process.readAllStandardOutput());
}

QByteArray mappedFiles(qint64 pid)
{
    QFile maps(QStringLiteral("/proc/%1/maps").arg(pid));
    if (!maps.open(QIODevice::ReadOnly))
        return {};
    return maps.readAll();
}

} // namespace

class TestCli : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void version();
    void help();
    void badArguments_data();
    void badArguments();
    void missingConfigFile();
    void headlessLoadsNoGuiAndStopsOnSignal_data();
    void headlessLoadsNoGuiAndStopsOnSignal();
    void portInUse();
    void logLevelFiltersOurCategories_data();
    void logLevelFiltersOurCategories();
    void guiModeLoadsUiModule();
};

void TestCli::initTestCase()
{
    QVERIFY2(QFile::exists(binary()), qPrintable(QStringLiteral("LIP_APP_BINARY=%1").arg(binary())));
}

void TestCli::version()
{
    const Run run = runToEnd({QStringLiteral("--version")});
    QCOMPARE(run.exitStatus, QProcess::NormalExit);
    QCOMPARE(run.exitCode, 0);
    QCOMPARE(run.out, QStringLiteral("llm-interactive-proxy " LIP_VERSION "\n"));
    QCOMPARE(run.err, QString());
}

void TestCli::help()
{
    const Run run = runToEnd({QStringLiteral("--help")});
    QCOMPARE(run.exitCode, 0);
    for (const char *option : {"--headless", "--start-hidden", "--host", "--port", "--anthropic-port", "--config",
                               "--default-backend", "--data-dir", "--log-level",
                               "--disable-interactive-commands", "--command-prefix", "--version",
                               "--help"})
        QVERIFY2(run.out.contains(QLatin1String(option)), option);
    // Nothing that does not work yet is advertised.
    QVERIFY(!run.out.contains(QLatin1String("not implemented")));
    QVERIFY(!run.out.contains(QLatin1String("credentials")));
}

void TestCli::badArguments_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QString>("message");
    QTest::newRow("port not a number") << QStringList{"--port", "eighty"}
                                       << "invalid --port value 'eighty': expected a number from 0 to 65535";
    QTest::newRow("port too large") << QStringList{"--port", "70000"}
                                    << "invalid --port value '70000': expected a number from 0 to 65535";
    QTest::newRow("anthropic port negative") << QStringList{"--anthropic-port", "-1"}
                                             << "invalid --anthropic-port value '-1'";
    QTest::newRow("log level") << QStringList{"--log-level", "loud"}
                               << "invalid --log-level value 'loud': expected error, warning, info or debug";
    QTest::newRow("unknown option") << QStringList{"--no-such-option"} << "no-such-option";
    QTest::newRow("missing value") << QStringList{"--port"} << "port";
    QTest::newRow("stray argument") << QStringList{"serve"} << "unexpected argument 'serve'";
}

void TestCli::badArguments()
{
    QFETCH(QStringList, arguments);
    QFETCH(QString, message);
    const Run run = runToEnd(arguments);
    QCOMPARE(run.exitStatus, QProcess::NormalExit);
    QCOMPARE(run.exitCode, 2);
    QVERIFY2(run.err.startsWith(QLatin1String("llm-interactive-proxy: ")), qPrintable(run.err));
    QVERIFY2(run.err.contains(message), qPrintable(run.err));
    QCOMPARE(run.out, QString());
}

void TestCli::missingConfigFile()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("missing.yaml"));
    const Run run = runToEnd({QStringLiteral("--headless"), QStringLiteral("--config"), path});
    QCOMPARE(run.exitCode, 2);
    QVERIFY2(run.err.startsWith(QLatin1String("llm-interactive-proxy: ")), qPrintable(run.err));
    QVERIFY2(run.err.contains(path), qPrintable(run.err));
}

void TestCli::headlessLoadsNoGuiAndStopsOnSignal_data()
{
    QTest::addColumn<bool>("explicitHeadless");
    QTest::addColumn<int>("signalNumber");
    QTest::newRow("--headless, SIGTERM") << true << int(SIGTERM);
    QTest::newRow("--headless, SIGINT") << true << int(SIGINT);
    QTest::newRow("no display, SIGTERM") << false << int(SIGTERM);
}

void TestCli::headlessLoadsNoGuiAndStopsOnSignal()
{
#ifndef Q_OS_LINUX
    QSKIP("reads /proc/<pid>/maps");
#else
    QFETCH(bool, explicitHeadless);
    QFETCH(int, signalNumber);

    QTemporaryDir dataDir;
    const quint16 port = freePort();
    QVERIFY(port);
    QStringList arguments = {QStringLiteral("--host"), QStringLiteral("127.0.0.1"),
                             QStringLiteral("--port"), QString::number(port),
                             QStringLiteral("--data-dir"), dataDir.path()};
    if (explicitHeadless)
        arguments.prepend(QStringLiteral("--headless"));

    QProcess process;
    process.setProcessEnvironment(cleanEnvironment()); // no DISPLAY, no QT_QPA_PLATFORM
    process.start(binary(), arguments);
    QVERIFY(process.waitForStarted());
    const QString listening = QStringLiteral("listening on http://127.0.0.1:%1").arg(port);
    const QString out = waitForLine(process, QRegularExpression(QRegularExpression::escape(listening)));
    QVERIFY2(out.contains(listening),
             qPrintable(out + QString::fromUtf8(process.readAllStandardError())));
    QCOMPARE(out.contains(QLatin1String("no display found; running headless")), !explicitHeadless);

    const QByteArray maps = mappedFiles(process.processId());
    QVERIFY(maps.contains("libQt6Core"));
    QVERIFY2(!maps.contains("libQt6Gui"), "headless mode loaded Qt Gui");
    QVERIFY2(!maps.contains("libQt6Widgets"), "headless mode loaded Qt Widgets");
    QVERIFY2(!maps.contains("lip_ui"), "headless mode loaded the UI module");

    QTcpSocket socket;
    socket.connectToHost(QHostAddress::LocalHost, port);
    QVERIFY2(socket.waitForConnected(5000), qPrintable(socket.errorString()));
    socket.abort();

    ::kill(pid_t(process.processId()), signalNumber);
    QVERIFY(process.waitForFinished(30000));
    QCOMPARE(process.exitStatus(), QProcess::NormalExit);
    QCOMPARE(process.exitCode(), 0);
#endif
}

void TestCli::portInUse()
{
    QTcpServer occupier;
    QVERIFY(occupier.listen(QHostAddress::LocalHost, 0));
    QTemporaryDir dataDir;
    const Run run = runToEnd({QStringLiteral("--headless"), QStringLiteral("--port"),
                              QString::number(occupier.serverPort()), QStringLiteral("--data-dir"),
                              dataDir.path()});
    QCOMPARE(run.exitStatus, QProcess::NormalExit);
    QCOMPARE(run.exitCode, 1);
    QVERIFY2(run.err.startsWith(QLatin1String("llm-interactive-proxy: ")), qPrintable(run.err));
    QVERIFY2(run.err.contains(QString::number(occupier.serverPort())), qPrintable(run.err));
    QVERIFY(!run.out.contains(QLatin1String("listening on")));
}

void TestCli::logLevelFiltersOurCategories_data()
{
    QTest::addColumn<QString>("level");
    QTest::addColumn<bool>("infoShown");
    QTest::newRow("error") << "error" << false;
    QTest::newRow("warning") << "warning" << false;
    QTest::newRow("info") << "info" << true;
    QTest::newRow("debug") << "debug" << true;
}

// The app's own info line on shutdown ("lip.app.signal: ...") shows or not with --log-level.
void TestCli::logLevelFiltersOurCategories()
{
#ifndef Q_OS_UNIX
    QSKIP("sends SIGTERM");
#else
    QFETCH(QString, level);
    QFETCH(bool, infoShown);
    QTemporaryDir dataDir;
    QProcess process;
    process.setProcessEnvironment(cleanEnvironment());
    process.start(binary(), {QStringLiteral("--headless"), QStringLiteral("--port"), QStringLiteral("0"),
                             QStringLiteral("--data-dir"), dataDir.path(), QStringLiteral("--log-level"), level});
    QVERIFY(process.waitForStarted());
    const QString out = waitForLine(process, QRegularExpression(QStringLiteral("listening on http://")));
    QVERIFY2(out.contains(QLatin1String("listening on http://")), qPrintable(out));
    process.terminate();
    QVERIFY(process.waitForFinished(30000));
    QCOMPARE(process.exitCode(), 0);
    const QString err = QString::fromUtf8(process.readAllStandardError());
    QCOMPARE(err.contains(QLatin1String("lip.app.signal: termination signal received")), infoShown);
    if (!infoShown)
        QVERIFY2(!err.contains(QLatin1String("lip.")), qPrintable(err));
#endif
}

void TestCli::guiModeLoadsUiModule()
{
#ifndef Q_OS_LINUX
    QSKIP("reads /proc/<pid>/maps");
#else
    QTemporaryDir dataDir;
    const quint16 port = freePort();
    QVERIFY(port);
    QProcessEnvironment env = cleanEnvironment();
    env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
    // The app's own config layer: never the real user's.
    env.insert(QStringLiteral("LLM_PROXY_APP_CONFIG"), dataDir.filePath(QStringLiteral("app-config.yaml")));
    env.insert(QStringLiteral("XDG_CONFIG_HOME"), dataDir.filePath(QStringLiteral("xdg")));

    QProcess process;
    process.setProcessEnvironment(env);
    process.start(binary(), {QStringLiteral("--port"), QString::number(port),
                             QStringLiteral("--data-dir"), dataDir.path()});
    QVERIFY(process.waitForStarted());
    const QString listening = QStringLiteral("listening on http://127.0.0.1:%1").arg(port);
    const QString out = waitForLine(process, QRegularExpression(QRegularExpression::escape(listening)));
    QVERIFY2(out.contains(listening), qPrintable(out + QString::fromUtf8(process.readAllStandardError())));
    QVERIFY(!out.contains(QLatin1String("running headless")));

    const QByteArray maps = mappedFiles(process.processId());
    QVERIFY2(maps.contains("lip_ui"), "GUI mode did not load the UI module");
    QVERIFY(maps.contains("libQt6Widgets"));

    // A second desktop launch on the same data dir asks the first to show itself and exits.
    QProcess second;
    second.setProcessEnvironment(env);
    second.start(binary(), {QStringLiteral("--port"), QString::number(port), QStringLiteral("--data-dir"), dataDir.path()});
    QVERIFY(second.waitForFinished(60000));
    const QString secondOut = QString::fromUtf8(second.readAllStandardOutput());
    QCOMPARE(second.exitCode(), 0);
    QVERIFY2(secondOut.contains(QLatin1String("already running")),
             qPrintable(secondOut + QString::fromUtf8(second.readAllStandardError())));
    QVERIFY(!secondOut.contains(QLatin1String("listening on")));

    ::kill(pid_t(process.processId()), SIGTERM);
    QVERIFY(process.waitForFinished(30000));
    QCOMPARE(process.exitStatus(), QProcess::NormalExit);
    QCOMPARE(process.exitCode(), 0);
#endif
}

QTEST_GUILESS_MAIN(TestCli)
#include "tst_cli.moc"
