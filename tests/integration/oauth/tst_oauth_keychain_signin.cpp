// SPDX-License-Identifier: GPL-3.0-or-later
// Sign-in end to end with the real keychain: the browser flow with a scripted browser, the
// device flow through `llm-interactive-proxy auth login --device` as a process, `auth list`,
// `auth import`, `auth logout` — tokens in the keychain, never in accounts.json or the output.

#include "backends/oauth/accountmanager.h"
#include "backends/oauth/accountstore.h"
#include "backends/oauth/tokenbroker.h"
#include "fakeauthserver.h"

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace lip;
using namespace lip::oauth;
using lip::test::FakeAuthServer;

namespace {

QByteArray readFile(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

struct Run
{
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
};

} // namespace

class TestOAuthKeychainSignIn : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    FakeAuthServer m_server;

    QHash<QString, QString> env() const
    {
        return {{QStringLiteral("GEMINI_OAUTH_BASE_URL"), m_server.baseUrl().toString()},
                {QStringLiteral("QWEN_OAUTH_BASE_URL"), m_server.baseUrl().toString()}};
    }

    QProcessEnvironment processEnv() const
    {
        QProcessEnvironment e = QProcessEnvironment::systemEnvironment();
        const QHash<QString, QString> overrides = env();
        for (auto it = overrides.begin(); it != overrides.end(); ++it)
            e.insert(it.key(), it.value());
        e.insert(QStringLiteral("LIP_OAUTH_DEVICE_SECOND_MS"), QStringLiteral("1"));
        e.insert(QStringLiteral("HOME"), m_dir.filePath(QStringLiteral("home")));
        e.remove(QStringLiteral("DISPLAY"));
        e.remove(QStringLiteral("WAYLAND_DISPLAY"));
        return e;
    }

    // Runs the app; the event loop keeps serving the fake server meanwhile.
    Run run(const QStringList &args, const QByteArray &stdinText = {})
    {
        QProcess p;
        p.setProcessEnvironment(processEnv());
        p.start(qEnvironmentVariable("LIP_APP_BINARY"),
                QStringList{QStringLiteral("auth")} + args + QStringList{QStringLiteral("--data-dir"), m_dir.path()});
        Run r;
        if (!p.waitForStarted(10000))
            return r;
        p.write(stdinText);
        p.closeWriteChannel();
        (void)QTest::qWaitFor([&] { return p.state() == QProcess::NotRunning; }, 60000);
        r.exitCode = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -2;
        r.out = p.readAllStandardOutput();
        r.err = p.readAllStandardError();
        return r;
    }

    void verifyNoTokenIn(const QByteArray &text)
    {
        for (const QString &t : m_server.issuedAccessTokens() + m_server.issuedRefreshTokens())
            QVERIFY2(!text.contains(t.toUtf8()), "a token leaked");
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        QVERIFY(m_server.listen());
        QVERIFY(!qEnvironmentVariable("LIP_APP_BINARY").isEmpty());
    }

    void browserFlowIntoKeychain()
    {
        AccountManager manager(m_dir.path(), env());
        QSignalSpy finished(&manager, &AccountManager::signInFinished);
        FakeAuthServer::BrowserResult browser;
        connect(&manager, &AccountManager::browserUrlReady, this, [&](const QUrl &url) { browser = FakeAuthServer::browse(url); });
        manager.signIn(QStringLiteral("google"), AccountManager::Flow::Browser);
        QVERIFY(finished.wait(60000));
        const QString error = finished.at(0).at(1).toString();
        if (error.contains(QLatin1String("keychain cannot be used")))
            QFAIL(qPrintable(QStringLiteral("the test keyring did not answer: ") + error));
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QCOMPARE(browser.callbackStatus, 200);
        const QString id = finished.at(0).at(0).toString();
        QCOMPARE(id, QStringLiteral("google:tester@example.com"));

        // accounts.json lists it without any token.
        verifyNoTokenIn(readFile(accountsFilePath(m_dir.path())));
        QVERIFY(readFile(accountsFilePath(m_dir.path())).contains("google:tester@example.com"));

        // The keychain has the tokens: the broker hands out the issued access token.
        TokenBroker broker(m_dir.path(), env());
        QString token;
        broker.acquire(QStringLiteral("google"), {}, [&](Result<AccessGrant> r) { token = r ? r->accessToken : r.error().message; });
        QTRY_VERIFY_WITH_TIMEOUT(!token.isEmpty(), 30000);
        QCOMPARE(token, m_server.issuedAccessTokens().constLast());
    }

    void deviceFlowThroughTheCli()
    {
        m_server.setDevicePending(2);
        m_server.setDeviceSlowDown(true);
        const Run r = run({QStringLiteral("login"), QStringLiteral("qwen"), QStringLiteral("--device")});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QVERIFY2(r.out.contains("ABCD-1234"), r.out.constData());
        QVERIFY(r.out.contains("/activate"));
        QVERIFY(r.out.contains("Signed in: qwen:tester@example.com"));
        verifyNoTokenIn(r.out + r.err);
        QVERIFY(readFile(accountsFilePath(m_dir.path())).contains("qwen:tester@example.com"));
    }

    void listShowsAccountsWithoutTokens()
    {
        const Run r = run({QStringLiteral("list")});
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(r.out.contains("google:tester@example.com") && r.out.contains("qwen:tester@example.com"), r.out.constData());
        verifyNoTokenIn(r.out + r.err);
    }

    void importAsksFirst()
    {
        const QString home = m_dir.filePath(QStringLiteral("home"));
        QDir().mkpath(home + QStringLiteral("/.qwen"));
        QFile f(home + QStringLiteral("/.qwen/oauth_creds.json"));
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("{\"access_token\":\"imported-qwen-access\",\"refresh_token\":\"imported-qwen-refresh\",\"expiry_date\":4102444800000}");
        f.close();
        const Run declined = run({QStringLiteral("import"), QStringLiteral("qwen")}, "n\n");
        QCOMPARE(declined.exitCode, 1);
        QVERIFY(declined.err.contains("not imported"));
        const Run accepted = run({QStringLiteral("import"), QStringLiteral("qwen")}, "y\n");
        QVERIFY2(accepted.exitCode == 0, accepted.err.constData());
        QVERIFY(!QByteArray(accepted.out + accepted.err).contains("imported-qwen"));
        QVERIFY(!readFile(accountsFilePath(m_dir.path())).contains("imported-qwen"));
        QVERIFY(readFile(accountsFilePath(m_dir.path())).contains("qwen:account-"));
    }

    void logoutForgets()
    {
        const Run r = run({QStringLiteral("logout"), QStringLiteral("google:tester@example.com")});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QCOMPARE(m_server.revocations(), 1);
        QVERIFY(!readFile(accountsFilePath(m_dir.path())).contains("google:tester@example.com"));
        const Run again = run({QStringLiteral("logout"), QStringLiteral("google:tester@example.com")});
        QCOMPARE(again.exitCode, 1);
        QVERIFY(again.err.contains("no account"));
    }

    void usageErrors()
    {
        QCOMPARE(run({}).exitCode, 2);
        QCOMPARE(run({QStringLiteral("login")}).exitCode, 2);
        QCOMPARE(run({QStringLiteral("login"), QStringLiteral("nosuch")}).exitCode, 2);
        const Run importOnly = run({QStringLiteral("login"), QStringLiteral("anthropic")});
        QCOMPARE(importOnly.exitCode, 1);
        QVERIFY(importOnly.err.contains("imported"));
    }
};

QTEST_GUILESS_MAIN(TestOAuthKeychainSignIn)
#include "tst_oauth_keychain_signin.moc"
