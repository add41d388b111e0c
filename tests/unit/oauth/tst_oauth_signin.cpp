// SPDX-License-Identifier: GPL-3.0-or-later
// AccountManager end to end against the fake authorization server and an in-memory keychain:
// browser and device sign-in, failures that store nothing, import, sign-out, reorder.

#include "backends/oauth/accountmanager.h"
#include "backends/oauth/accountstore.h"
#include "fakeauthserver.h"
#include "memorysecretbackend.h"

#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace lip;
using namespace lip::oauth;
using lip::test::FakeAuthServer;
using lip::test::FakeReply;
using lip::test::MemorySecretBackend;

namespace {

struct Fixture
{
    QTemporaryDir dir;
    FakeAuthServer server;
    std::shared_ptr<MemorySecretBackend::State> keychain = std::make_shared<MemorySecretBackend::State>();
    QHash<QString, QString> env;

    Fixture()
    {
        server.listen();
        for (const char *v : {"GEMINI_OAUTH_BASE_URL", "QWEN_OAUTH_BASE_URL", "OPENAI_CODEX_OAUTH_BASE_URL"})
            env.insert(QLatin1String(v), server.baseUrl().toString());
        env.insert(QStringLiteral("OPENAI_CODEX_OAUTH_REDIRECT_PORT"), QStringLiteral("0"));
        env.insert(QStringLiteral("LIP_OAUTH_DEVICE_SECOND_MS"), QStringLiteral("1"));
        env.insert(QStringLiteral("HOME"), dir.filePath(QStringLiteral("home")));
    }
    std::unique_ptr<AccountManager> manager()
    {
        return std::make_unique<AccountManager>(dir.path(), env, std::make_unique<MemorySecretBackend>(keychain));
    }
    QByteArray accountsFile() const
    {
        QFile f(accountsFilePath(dir.path()));
        return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
    }
    QByteArray allKeychainValues() const
    {
        QByteArray all;
        for (const QByteArray &v : keychain->entries)
            all += v;
        return all;
    }
    void writeHomeFile(const QString &relative, const QByteArray &content)
    {
        const QString path = QDir(dir.filePath(QStringLiteral("home"))).filePath(relative);
        QDir().mkpath(QFileInfo(path).absolutePath());
        QFile f(path);
        f.open(QIODevice::WriteOnly);
        f.write(content);
    }
};

QString browserSignIn(Fixture &fx, AccountManager &m, const QString &provider, FakeAuthServer::BrowserResult *browser = nullptr)
{
    QSignalSpy finished(&m, &AccountManager::signInFinished);
    const QMetaObject::Connection c = QObject::connect(&m, &AccountManager::browserUrlReady, &m, [browser](const QUrl &url) {
        const FakeAuthServer::BrowserResult r = FakeAuthServer::browse(url);
        if (browser)
            *browser = r;
    });
    m.signIn(provider, AccountManager::Flow::Browser);
    const bool done = finished.wait(20000);
    QObject::disconnect(c);
    if (!done)
        return QStringLiteral("no signInFinished");
    Q_UNUSED(fx)
    const QString error = finished.at(0).at(1).toString();
    return error.isEmpty() ? QStringLiteral("OK ") + finished.at(0).at(0).toString() : error;
}

} // namespace

class TestOAuthSignIn : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void browserFlowStoresTokensOnlyInKeychain()
    {
        Fixture fx;
        auto m = fx.manager();
        QSignalSpy changed(m.get(), &AccountManager::accountsChanged);
        FakeAuthServer::BrowserResult browser;
        QCOMPARE(browserSignIn(fx, *m, QStringLiteral("google"), &browser), QStringLiteral("OK google:tester@example.com"));
        QCOMPARE(browser.callbackStatus, 200);
        QCOMPARE(fx.server.tokenRequests(QStringLiteral("authorization_code")), 1);
        QCOMPARE(changed.size(), 1);

        const QList<Account> accounts = m->accounts();
        QCOMPARE(accounts.size(), 1);
        QCOMPARE(accounts.at(0).email, QStringLiteral("tester@example.com"));
        QCOMPARE(accounts.at(0).provider, QStringLiteral("google"));

        const QByteArray file = fx.accountsFile();
        const QByteArray keychain = fx.allKeychainValues();
        for (const QString &t : fx.server.issuedAccessTokens() + fx.server.issuedRefreshTokens()) {
            QVERIFY2(!file.contains(t.toUtf8()), "a token reached accounts.json");
            QVERIFY2(keychain.contains(t.toUtf8()), "a token is missing from the keychain");
        }

        // The same person again replaces the account instead of adding one.
        QCOMPARE(browserSignIn(fx, *m, QStringLiteral("google")), QStringLiteral("OK google:tester@example.com"));
        QCOMPARE(m->accounts().size(), 1);
    }

    void openAIIdentityFromIdToken()
    {
        Fixture fx;
        auto m = fx.manager();
        QCOMPARE(browserSignIn(fx, *m, QStringLiteral("openai")), QStringLiteral("OK openai:tester@example.com"));
        const Account a = m->accounts().at(0);
        QCOMPARE(a.plan, QStringLiteral("plus"));
        QCOMPARE(a.extra.value(QStringLiteral("chatgpt_account_id")).toString(), QStringLiteral("acct-123"));
    }

    void deviceFlow()
    {
        Fixture fx;
        auto m = fx.manager();
        QSignalSpy codes(m.get(), &AccountManager::deviceCodeReady);
        QSignalSpy finished(m.get(), &AccountManager::signInFinished);
        m->signIn(QStringLiteral("qwen"), AccountManager::Flow::Device);
        QVERIFY(finished.wait(20000));
        QCOMPARE(finished.at(0).at(1).toString(), QString());
        QCOMPARE(codes.size(), 1);
        QCOMPARE(codes.at(0).at(1).toString(), QStringLiteral("ABCD-1234"));
        const Account a = m->accounts().at(0);
        QCOMPARE(a.id, QStringLiteral("qwen:tester@example.com"));
        QCOMPARE(a.extra.value(QStringLiteral("resource_url")).toString(), QStringLiteral("portal.example.test"));
    }

    void chatGptDeviceVariant()
    {
        Fixture fx;
        fx.server.setDevicePending(2);
        auto m = fx.manager();
        QSignalSpy codes(m.get(), &AccountManager::deviceCodeReady);
        QSignalSpy finished(m.get(), &AccountManager::signInFinished);
        m->signIn(QStringLiteral("openai"), AccountManager::Flow::Device);
        QVERIFY(finished.wait(20000));
        QCOMPARE(finished.at(0).at(1).toString(), QString());
        QCOMPARE(finished.at(0).at(0).toString(), QStringLiteral("openai:tester@example.com"));
        QCOMPARE(codes.size(), 1);
        QCOMPARE(codes.at(0).at(1).toString(), QStringLiteral("CODE-XYZ"));
        QVERIFY(codes.at(0).at(0).toUrl().path().endsWith(QLatin1String("/codex/device")));
        QCOMPARE(fx.server.devicePolls(), 3);
        QCOMPARE(fx.server.tokenRequests(QStringLiteral("authorization_code")), 1);
    }

    void failuresStoreNothing_data()
    {
        QTest::addColumn<int>("kind");
        QTest::addColumn<QString>("expected");
        QTest::newRow("token endpoint answers HTML") << 0 << QStringLiteral("text/html instead of JSON");
        QTest::newRow("token endpoint refuses") << 1 << QStringLiteral("invalid_grant");
        QTest::newRow("user declines") << 2 << QStringLiteral("access_denied");
        QTest::newRow("no keychain") << 3 << QStringLiteral("keychain cannot be used");
        QTest::newRow("unknown provider") << 4 << QStringLiteral("unknown provider");
        QTest::newRow("import-only provider") << 5 << QStringLiteral("imported");
    }
    void failuresStoreNothing()
    {
        QFETCH(int, kind);
        QFETCH(QString, expected);
        Fixture fx;
        FakeReply html;
        html.status = 200;
        html.headers = {{"Content-Type", "text/html; charset=utf-8"}};
        html.body = "<html>captive portal</html>";
        QString provider = QStringLiteral("google");
        if (kind == 0)
            fx.server.setTokenOverride(html);
        if (kind == 1)
            fx.server.setTokenOverride(FakeReply::json("{\"error\":\"invalid_grant\"}", 400));
        if (kind == 2)
            fx.server.setAuthorizeError(QStringLiteral("access_denied"));
        if (kind == 3)
            fx.keychain->failWith = MemorySecretBackend::Outcome::Status::Unavailable;
        if (kind == 4)
            provider = QStringLiteral("nosuch");
        if (kind == 5)
            provider = QStringLiteral("anthropic");
        auto m = fx.manager();
        QSignalSpy urls(m.get(), &AccountManager::browserUrlReady);
        const QString result = browserSignIn(fx, *m, provider);
        QVERIFY2(result.contains(expected), qPrintable(result));
        if (kind >= 3)
            QCOMPARE(urls.size(), 0); // failed before any browser would open
        QVERIFY(m->accounts().isEmpty());
        QVERIFY(fx.keychain->entries.isEmpty());
    }

    void importCliLogins_data()
    {
        QTest::addColumn<QString>("provider");
        QTest::addColumn<QString>("file");
        QTest::addColumn<QByteArray>("content");
        QTest::addColumn<QString>("expectedId");
        QTest::newRow("gemini") << QStringLiteral("google") << QStringLiteral(".gemini/oauth_creds.json")
                                << QByteArray("{\"access_token\":\"ya29.AAA\",\"refresh_token\":\"1//RRR\",\"expiry_date\":4102444800000}")
                                << QStringLiteral("google:account-1"); // userinfo refuses a token it did not issue
        QTest::newRow("claude") << QStringLiteral("anthropic") << QStringLiteral(".claude/.credentials.json")
                                << QByteArray("{\"claudeAiOauth\":{\"accessToken\":\"sk-ant-oat-X\",\"refreshToken\":\"sk-ant-ort-Y\","
                                              "\"expiresAt\":4102444800000,\"subscriptionType\":\"max\"}}")
                                << QStringLiteral("anthropic:account-1");
        QTest::newRow("qwen") << QStringLiteral("qwen") << QStringLiteral(".qwen/oauth_creds.json")
                              << QByteArray("{\"access_token\":\"QA\",\"refresh_token\":\"QR\",\"resource_url\":\"portal.qwen.ai\",\"expiry_date\":4102444800000}")
                              << QStringLiteral("qwen:account-1");
    }
    void importCliLogins()
    {
        QFETCH(QString, provider);
        QFETCH(QString, file);
        QFETCH(QByteArray, content);
        QFETCH(QString, expectedId);
        Fixture fx;
        fx.writeHomeFile(file, content);
        auto m = fx.manager();
        QString error = QStringLiteral("pending");
        m->importExisting(provider, [&](const QString &e) { error = e; });
        QTRY_VERIFY_WITH_TIMEOUT(error != QLatin1String("pending"), 20000);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        const QList<Account> accounts = m->accounts();
        QCOMPARE(accounts.size(), 1);
        QCOMPARE(accounts.at(0).id, expectedId);
        QVERIFY(!fx.accountsFile().contains("refresh"));
        QVERIFY(fx.allKeychainValues().contains(content.mid(content.indexOf("\":\"") + 3, 4)));
        // The source file is untouched.
        QFile f(QDir(fx.dir.filePath(QStringLiteral("home"))).filePath(file));
        QVERIFY(f.open(QIODevice::ReadOnly));
        QCOMPARE(f.readAll(), content);
    }

    void importErrorsAreClear_data()
    {
        QTest::addColumn<QByteArray>("content");
        QTest::addColumn<QString>("expected");
        QTest::newRow("missing") << QByteArray() << QStringLiteral("not found");
        QTest::newRow("broken") << QByteArray("{\n\"tokens\": {\n") << QStringLiteral("auth.json:3");
        QTest::newRow("empty login") << QByteArray("{\"tokens\":{}}") << QStringLiteral("no access or refresh token");
    }
    void importErrorsAreClear()
    {
        QFETCH(QByteArray, content);
        QFETCH(QString, expected);
        Fixture fx;
        if (!content.isEmpty())
            fx.writeHomeFile(QStringLiteral(".codex/auth.json"), content);
        auto m = fx.manager();
        QString error = QStringLiteral("pending");
        m->importExisting(QStringLiteral("openai"), [&](const QString &e) { error = e; });
        QTRY_VERIFY_WITH_TIMEOUT(error != QLatin1String("pending"), 20000);
        QVERIFY2(error.contains(expected), qPrintable(error));
        QVERIFY(m->accounts().isEmpty());
    }

    void signOutRevokesAndForgets()
    {
        Fixture fx;
        auto m = fx.manager();
        QVERIFY(browserSignIn(fx, *m, QStringLiteral("google")).startsWith(QStringLiteral("OK")));
        QString error = QStringLiteral("pending");
        m->signOut(QStringLiteral("google:tester@example.com"), [&](const QString &e) { error = e; });
        QTRY_VERIFY_WITH_TIMEOUT(error != QLatin1String("pending"), 20000);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QCOMPARE(fx.server.revocations(), 1);
        QVERIFY(m->accounts().isEmpty());
        QVERIFY(fx.keychain->entries.isEmpty());
    }

    void reorderWithinProvider()
    {
        Fixture fx;
        AccountIndex index;
        for (const char *id : {"google:a", "qwen:x", "google:b", "google:c"}) {
            Account a;
            a.id = QLatin1String(id);
            a.provider = a.id.section(QLatin1Char(':'), 0, 0);
            index.upsert(a);
        }
        QVERIFY(saveAccountIndex(accountsFilePath(fx.dir.path()), index).isEmpty());
        auto m = fx.manager();
        QString error = QStringLiteral("pending");
        m->reorder(QStringLiteral("google"), {QStringLiteral("google:c"), QStringLiteral("google:a")}, [&](const QString &e) { error = e; });
        QTRY_VERIFY(error != QLatin1String("pending"));
        QVERIFY(error.isEmpty());
        QStringList ids;
        for (const Account &a : m->accounts())
            ids << a.id;
        QCOMPARE(ids, (QStringList{QStringLiteral("google:c"), QStringLiteral("qwen:x"), QStringLiteral("google:a"), QStringLiteral("google:b")}));
    }
};

QTEST_GUILESS_MAIN(TestOAuthSignIn)
#include "tst_oauth_signin.moc"
