// SPDX-License-Identifier: GPL-3.0-or-later
// `llm-interactive-proxy credentials …` and a headless proxy using keychain keys, as processes
// against a real keychain (with_keyring.sh): the key goes in on stdin and never comes out; the
// proxy sends exactly the stored key upstream; without a keychain storing is refused with a
// clear message and env keys still work. Afterwards no file in the data/config dirs holds a key.

#include "fakeprovider.h"
#include "rawhttpclient.h"

#include <QDirIterator>
#include <QFile>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

using lip::test::FakeProvider;
using lip::test::FakeReply;
using lip::test::FakeRequest;
using lip::test::RawHttpClient;

namespace {

const QByteArray kSecret = "sk-keychain-test-7f3a9c1e5b2d";
const QByteArray kSecondSecret = "sk-keychain-second-44d1a0";
const QByteArray kEnvSecret = "sk-env-only-91b7";

QString binary()
{
    return qEnvironmentVariable("LIP_APP_BINARY");
}

// No keys, config or display from the developer's shell; the keyring's bus stays.
QProcessEnvironment cleanEnvironment()
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    for (const QString &key : env.keys()) {
        if (key.contains(QLatin1String("_API_KEY")) || key.endsWith(QLatin1String("_API_BASE_URL"))
            || key.startsWith(QLatin1String("LLM_")) || key == QLatin1String("DISPLAY")
            || key == QLatin1String("WAYLAND_DISPLAY") || key == QLatin1String("QT_LOGGING_RULES"))
            env.remove(key);
    }
    env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
    return env;
}

struct Run
{
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
};

Run runCli(const QStringList &arguments, const QByteArray &stdinData, const QProcessEnvironment &env)
{
    QProcess process;
    process.setProcessEnvironment(env);
    process.start(binary(), arguments);
    Run run;
    if (!process.waitForStarted(30000))
        return run;
    process.write(stdinData);
    process.closeWriteChannel();
    if (!process.waitForFinished(90000)) {
        process.kill();
        process.waitForFinished();
        run.err = "(did not finish)";
        return run;
    }
    run.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    run.out = process.readAllStandardOutput();
    run.err = process.readAllStandardError();
    return run;
}

bool anyFileContains(const QString &dir, const QByteArray &needle)
{
    QDirIterator it(dir, QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        QFile f(it.next());
        if (f.open(QIODevice::ReadOnly) && f.readAll().contains(needle))
            return true;
    }
    return false;
}

// A headless proxy on an ephemeral port; stopped (SIGTERM) and reaped when this goes.
class Proxy
{
public:
    Proxy(const QStringList &arguments, const QProcessEnvironment &env)
    {
        m_process.setProcessEnvironment(env);
        m_process.start(binary(), QStringList{QStringLiteral("--headless"), QStringLiteral("--port"),
                                              QStringLiteral("0")} + arguments);
        static const QRegularExpression listening(QStringLiteral("listening on http://127\\.0\\.0\\.1:(\\d+)"));
        QDeadlineTimer deadline(60000);
        while (!deadline.hasExpired() && m_process.state() != QProcess::NotRunning) {
            if (m_process.waitForReadyRead(200))
                m_out += m_process.readAllStandardOutput();
            const QRegularExpressionMatch m = listening.match(QString::fromUtf8(m_out));
            if (m.hasMatch()) {
                m_port = quint16(m.captured(1).toUInt());
                return;
            }
        }
    }
    ~Proxy()
    {
        if (m_process.state() != QProcess::NotRunning) {
            m_process.terminate();
            if (!m_process.waitForFinished(30000)) {
                m_process.kill();
                m_process.waitForFinished();
            }
        }
    }
    quint16 port() const { return m_port; }
    QByteArray output()
    {
        m_out += m_process.readAllStandardOutput();
        m_err += m_process.readAllStandardError();
        return m_out + m_err;
    }

private:
    QProcess m_process;
    QByteArray m_out;
    QByteArray m_err;
    quint16 m_port = 0;
};

// One chat completion through the proxy; returns the status.
int chat(quint16 port)
{
    RawHttpClient client(port);
    client.send("POST", "/v1/chat/completions", {qMakePair(QByteArray("Content-Type"), QByteArray("application/json"))},
                "{\"model\":\"openai:gpt-4o-mini\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");
    if (!client.waitForEnd(30000))
        return 0;
    return client.status();
}

} // namespace

class TestCredentialsCli : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void usageErrors_data();
    void usageErrors();
    void setListRemove();
    void headlessProxyUsesKeychainKey();
    void noKeychainRefusesAndEnvKeysWork();
    void cleanupTestCase();

private:
    QProcessEnvironment envWithDataDir() const
    {
        QProcessEnvironment env = cleanEnvironment();
        env.insert(QStringLiteral("LLM_PROXY_DATA_DIR"), m_dataDir.path());
        return env;
    }

    QTemporaryDir m_dataDir;
    FakeProvider m_fake;
};

void TestCredentialsCli::initTestCase()
{
    QVERIFY2(QFile::exists(binary()), qPrintable(QStringLiteral("LIP_APP_BINARY=%1").arg(binary())));
    QVERIFY2(!qEnvironmentVariableIsEmpty("DBUS_SESSION_BUS_ADDRESS"), "run through with_keyring.sh");
    QVERIFY(m_dataDir.isValid());
    QVERIFY(m_fake.listen());
    m_fake.setHandler([](const FakeRequest &) {
        return FakeReply::json(FakeProvider::openAIChatCompletion("gpt-4o-mini", "Hello from fake"));
    });
}

void TestCredentialsCli::usageErrors_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<int>("exitCode");
    QTest::addColumn<QString>("message");
    QTest::newRow("no subcommand") << QStringList{"credentials"} << 2 << "missing subcommand";
    QTest::newRow("unknown subcommand") << QStringList{"credentials", "show"} << 2 << "unknown subcommand 'show'";
    QTest::newRow("set without backend") << QStringList{"credentials", "set"} << 2 << "needs a backend";
    QTest::newRow("secret in argv refused") << QStringList{"credentials", "set", "openai", "sk-in-argv"} << 2
                                            << "never from the command line";
    QTest::newRow("unknown backend type") << QStringList{"credentials", "set", "openaj"} << 2
                                          << "unknown backend 'openaj'";
    QTest::newRow("bad alias") << QStringList{"credentials", "set", "openai", "--alias", "a/b"} << 2 << "--alias 'a/b'";
    QTest::newRow("unknown option") << QStringList{"credentials", "list", "--bogus"} << 2 << "bogus";
}

void TestCredentialsCli::usageErrors()
{
    QFETCH(QStringList, arguments);
    QFETCH(int, exitCode);
    QFETCH(QString, message);
    const Run run = runCli(arguments, kSecret + "\n", envWithDataDir());
    QCOMPARE(run.exitCode, exitCode);
    QVERIFY2(QString::fromUtf8(run.err).contains(message), run.err.constData());
    QVERIFY(!run.out.contains(kSecret) && !run.err.contains(kSecret));
    if (message.startsWith(QLatin1String("unknown backend")))
        QVERIFY2(run.err.contains("known types: openai"), run.err.constData());
}

void TestCredentialsCli::setListRemove()
{
    const QProcessEnvironment env = envWithDataDir();
    Run run = runCli({"credentials", "set", "openai", "--alias", "work"}, kSecret + "\n", env);
    QVERIFY2(run.exitCode == 0, run.err.constData());
    QVERIFY(run.out.contains("stored key 'work' for openai"));
    run = runCli({"credentials", "set", "openai", "--alias", "spare"}, "  " + kSecondSecret + "  \r\n", env);
    QVERIFY2(run.exitCode == 0, run.err.constData());
    run = runCli({"credentials", "set", "anthropic"}, "sk-ant-temp-1\n", env);
    QVERIFY2(run.exitCode == 0, run.err.constData());

    run = runCli({"credentials", "list"}, {}, env);
    QCOMPARE(run.exitCode, 0);
    const QList<QByteArray> lines = run.out.trimmed().split('\n');
    QCOMPARE(lines.size(), 4);
    QVERIFY(lines.at(0).startsWith("BACKEND"));
    QCOMPARE(lines.at(1).simplified(), QByteArray("openai 1 work"));
    QCOMPARE(lines.at(2).simplified(), QByteArray("openai 2 spare"));
    QCOMPARE(lines.at(3).simplified(), QByteArray("anthropic 1 default"));

    run = runCli({"credentials", "remove", "anthropic"}, {}, env);
    QVERIFY2(run.exitCode == 0, run.err.constData());
    run = runCli({"credentials", "remove", "anthropic"}, {}, env);
    QCOMPARE(run.exitCode, 1);
    QVERIFY(run.err.contains("no keys are stored for 'anthropic'"));
    run = runCli({"credentials", "set", "openai"}, "\n", env);
    QCOMPARE(run.exitCode, 2);
    QVERIFY(run.err.contains("no key on stdin"));
    run = runCli({"credentials", "set", "openai"}, "sk with spaces\n", env);
    QCOMPARE(run.exitCode, 2);
    QVERIFY(run.err.contains("whitespace"));
}

void TestCredentialsCli::headlessProxyUsesKeychainKey()
{
    QProcessEnvironment env = envWithDataDir();
    // The base URL comes from the environment; the key only from the keychain.
    env.insert(QStringLiteral("OPENAI_API_BASE_URL"), m_fake.baseUrl().toString() + QStringLiteral("/v1"));
    Proxy proxy({}, env);
    QVERIFY2(proxy.port() != 0, proxy.output().constData());
    m_fake.reset();
    QCOMPARE(chat(proxy.port()), 200);
    QCOMPARE(m_fake.requestCount(), 1);
    QCOMPARE(m_fake.lastRequest().header("authorization"), QByteArray("Bearer ") + kSecret);
    const QByteArray output = proxy.output();
    QVERIFY2(output.contains("loaded 2 key(s) from the keychain"), output.constData());
    QVERIFY(!output.contains(kSecret) && !output.contains(kSecondSecret));
}

void TestCredentialsCli::noKeychainRefusesAndEnvKeysWork()
{
    QProcessEnvironment env = envWithDataDir();
    env.remove(QStringLiteral("DBUS_SESSION_BUS_ADDRESS"));

    const Run run = runCli({"credentials", "set", "gemini"}, "sk-never-stored-55\n", env);
    QCOMPARE(run.exitCode, 1);
    QVERIFY2(run.err.contains("keychain unavailable:"), run.err.constData());
    QVERIFY(run.err.contains("GEMINI_API_KEY"));
    QVERIFY(!run.err.contains("sk-never-stored-55"));
    QVERIFY(!anyFileContains(m_dataDir.path(), "sk-never-stored-55"));

    // credentials.json still lists the two openai keys, but they cannot be read: the env key works.
    env.insert(QStringLiteral("OPENAI_API_BASE_URL"), m_fake.baseUrl().toString() + QStringLiteral("/v1"));
    env.insert(QStringLiteral("OPENAI_API_KEY"), QString::fromLatin1(kEnvSecret));
    Proxy proxy({}, env);
    QVERIFY2(proxy.port() != 0, proxy.output().constData());
    m_fake.reset();
    QCOMPARE(chat(proxy.port()), 200);
    QCOMPARE(m_fake.lastRequest().header("authorization"), QByteArray("Bearer ") + kEnvSecret);
    const QByteArray output = proxy.output();
    QVERIFY2(output.contains("keychain unavailable"), output.constData());
    QCOMPARE(output.count("keychain unavailable"), 1);
}

void TestCredentialsCli::cleanupTestCase()
{
    // No key in any file we own: the data dir, and HOME (config dir, caches) of the keyring wrapper
    // except the keyring's own encrypted file.
    for (const QByteArray &secret : {kSecret, kSecondSecret, QByteArray("sk-ant-temp-1")}) {
        QVERIFY2(!anyFileContains(m_dataDir.path(), secret), secret.constData());
        const QString config = qEnvironmentVariable("XDG_CONFIG_HOME");
        if (!config.isEmpty())
            QVERIFY2(!anyFileContains(config, secret), secret.constData());
        const QString keyrings = qEnvironmentVariable("XDG_DATA_HOME");
        if (!keyrings.isEmpty())
            QVERIFY2(!anyFileContains(keyrings, secret), "a key in plain text under XDG_DATA_HOME");
    }
}

QTEST_GUILESS_MAIN(TestCredentialsCli)
#include "tst_credentials_cli.moc"
