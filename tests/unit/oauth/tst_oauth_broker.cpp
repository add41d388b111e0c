// SPDX-License-Identifier: GPL-3.0-or-later
// TokenBroker: single-flight refresh, rotation saved back, revoked refresh tokens, rotation
// order and quota rests, and no token in any log line. Built twice: against an in-memory
// keychain (unit) and against a real GNOME Keyring (tests/integration/oauth, LIP_REAL_KEYCHAIN).

#include "backends/oauth/accountstore.h"
#include "backends/oauth/tokenbroker.h"
#include "config/credentials/secretbackend.h"
#include "fakeauthserver.h"
#ifndef LIP_REAL_KEYCHAIN
#include "memorysecretbackend.h"
#endif

#include <QLoggingCategory>
#include <QMutex>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace lip;
using namespace lip::oauth;
using lip::test::FakeAuthServer;

namespace {

QMutex s_logMutex;
QStringList s_log;
QtMessageHandler s_previous = nullptr;

void captureMessage(QtMsgType type, const QMessageLogContext &context, const QString &message)
{
    {
        QMutexLocker lock(&s_logMutex);
        s_log << message;
    }
    if (s_previous)
        s_previous(type, context, message);
}

struct Fixture
{
    QTemporaryDir dir;
    FakeAuthServer server;
    QHash<QString, QString> env;
    AccountIndex index;
#ifndef LIP_REAL_KEYCHAIN
    std::shared_ptr<lip::test::MemorySecretBackend::State> keychain = std::make_shared<lip::test::MemorySecretBackend::State>();
#endif

    Fixture()
    {
        server.listen();
        env.insert(QStringLiteral("GEMINI_OAUTH_BASE_URL"), server.baseUrl().toString());
        index.storeId = QStringLiteral("t%1").arg(QCoreApplication::applicationPid());
    }

    // One vault for the whole test: a keychain backend must outlive its jobs (QtKeychain's
    // D-Bus callbacks may still arrive after the answer we waited for).
    std::unique_ptr<TokenVault> m_vault;
    TokenVault &vault()
    {
        if (!m_vault)
            m_vault = std::make_unique<TokenVault>(backend());
        return *m_vault;
    }

    std::unique_ptr<config::credentials::SecretBackend> backend()
    {
#ifdef LIP_REAL_KEYCHAIN
        return {};
#else
        return std::make_unique<lip::test::MemorySecretBackend>(keychain);
#endif
    }

    // An account whose access token expires in `expiresInSecs` with a refresh token the server honours.
    QString addAccount(const QString &email, qint64 expiresInSecs, QString *refreshOut = nullptr)
    {
        Account a;
        a.id = QStringLiteral("google:") + email;
        a.provider = QStringLiteral("google");
        a.email = email;
        index.upsert(a);
        if (!saveAccountIndex(accountsFilePath(dir.path()), index).isEmpty())
            return {};
        StoredTokens t;
        t.tokens.accessToken = QStringLiteral("stale-access-") + email;
        t.tokens.refreshToken = server.mintRefreshToken();
        t.tokens.expiresAt = QDateTime::currentDateTimeUtc().addSecs(expiresInSecs);
        if (refreshOut)
            *refreshOut = t.tokens.refreshToken;
        QString error = QStringLiteral("pending");
        vault().write(index.storeId, a.id, t, [&](const QString &e) { error = e; });
        if (!QTest::qWaitFor([&] { return error != QLatin1String("pending"); }, 20000) || !error.isEmpty())
            return {};
        return a.id;
    }

    StoredTokens stored(const QString &id)
    {
        StoredTokens out;
        bool done = false;
        vault().read(index.storeId, id, [&](const QString &, const StoredTokens &t) { out = t; done = true; });
        if (!QTest::qWaitFor([&] { return done; }, 20000))
            return {};
        return out;
    }
};

struct Collected
{
    QList<Result<AccessGrant>> results;
    int errors() const
    {
        int n = 0;
        for (const auto &r : results)
            n += r ? 0 : 1;
        return n;
    }
};

} // namespace

class TestOAuthBroker : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
        QLoggingCategory::setFilterRules(QStringLiteral("lip.*=true"));
        s_previous = qInstallMessageHandler(captureMessage);
    }

    void cleanupTestCase()
    {
        qInstallMessageHandler(s_previous);
        // No token ever reached a log line (the tests below issued plenty).
        QMutexLocker lock(&s_logMutex);
        QVERIFY(!s_log.isEmpty());
        for (const QString &line : std::as_const(s_log))
            QVERIFY2(!line.contains(QLatin1String("fake-access")) && !line.contains(QLatin1String("refresh-"))
                         && !line.contains(QLatin1String("stale-access")),
                     qPrintable(line));
    }

    void concurrentAcquiresShareOneRefresh()
    {
        Fixture fx;
        const QString id = fx.addAccount(QStringLiteral("a@example.com"), 60); // inside the 5-minute window
        QVERIFY(!id.isEmpty());
        TokenBroker broker(fx.dir.path(), fx.env, fx.backend());
        Collected c;
        for (int i = 0; i < 20; ++i)
            broker.acquire(QStringLiteral("google"), QStringLiteral("session-%1").arg(i),
                           [&c](Result<AccessGrant> r) { c.results << r; });
        QTRY_COMPARE_WITH_TIMEOUT(c.results.size(), 20, 20000);
        QCOMPARE(c.errors(), 0);
        QCOMPARE(fx.server.tokenRequests(QStringLiteral("refresh_token")), 1);
        const QString fresh = fx.server.issuedAccessTokens().constLast();
        for (const auto &r : c.results) {
            QCOMPARE(r->accessToken, fresh);
            QCOMPARE(r->accountId, id);
            QCOMPARE(r->email, QStringLiteral("a@example.com"));
        }
        // The rotated refresh token is saved back to the keychain.
        const QString rotated = fx.server.issuedRefreshTokens().constLast();
        QTRY_COMPARE_WITH_TIMEOUT(fx.stored(id).tokens.refreshToken, rotated, 20000);
        QCOMPARE(fx.stored(id).tokens.accessToken, fresh);

        // A fresh token is handed out again without another request.
        bool again = false;
        broker.acquire(QStringLiteral("google"), {}, [&](Result<AccessGrant> r) { again = r && r->accessToken == fresh; });
        QTRY_VERIFY(again);
        QCOMPARE(fx.server.tokenRequests(QStringLiteral("refresh_token")), 1);
    }

    void revokedRefreshTokenNeedsSignIn()
    {
        Fixture fx;
        QString refresh;
        const QString id = fx.addAccount(QStringLiteral("b@example.com"), -10, &refresh);
        QVERIFY(!id.isEmpty());
        fx.server.revoke(refresh);
        TokenBroker broker(fx.dir.path(), fx.env, fx.backend());
        QSignalSpy needed(&broker, &TokenBroker::signInNeeded);
        Collected c;
        for (int i = 0; i < 5; ++i)
            broker.acquire(QStringLiteral("google"), {}, [&c](Result<AccessGrant> r) { c.results << r; });
        QTRY_COMPARE_WITH_TIMEOUT(c.results.size(), 5, 20000);
        QCOMPARE(c.errors(), 5);
        const Error e = c.results.at(0).error();
        QCOMPARE(e.category, ErrorCategory::Authentication);
        QVERIFY2(e.message.contains(id), qPrintable(e.message));
        QVERIFY2(e.message.contains(QLatin1String("llm-interactive-proxy auth login google")), qPrintable(e.message));
        QVERIFY2(e.message.contains(QLatin1String("Accounts page")), qPrintable(e.message));
        QCOMPARE(needed.size(), 1);
        QCOMPARE(needed.at(0).at(0).toString(), id);
        QCOMPARE(fx.server.tokenRequests(QStringLiteral("refresh_token")), 1);

        // Later requests fail at once: no retry loop against the token endpoint, no second signal.
        Collected later;
        for (int i = 0; i < 3; ++i)
            broker.acquire(QStringLiteral("google"), {}, [&later](Result<AccessGrant> r) { later.results << r; });
        QTRY_COMPARE(later.results.size(), 3);
        QCOMPARE(later.errors(), 3);
        QCOMPARE(fx.server.tokenRequests(QStringLiteral("refresh_token")), 1);
        QCOMPARE(needed.size(), 1);
    }

    void rejectedGrantRefreshesOnce()
    {
        Fixture fx;
        const QString id = fx.addAccount(QStringLiteral("c@example.com"), 3600);
        TokenBroker broker(fx.dir.path(), fx.env, fx.backend());
        AccessGrant first;
        bool got = false;
        broker.acquire(QStringLiteral("google"), {}, [&](Result<AccessGrant> r) { QVERIFY(r); first = *r; got = true; });
        QTRY_VERIFY(got);
        QCOMPARE(fx.server.tokenRequests(QStringLiteral("refresh_token")), 0); // still valid: no refresh
        Collected c;
        for (int i = 0; i < 4; ++i)
            broker.rejected(first, [&c](Result<AccessGrant> r) { c.results << r; });
        QTRY_COMPARE_WITH_TIMEOUT(c.results.size(), 4, 20000);
        QCOMPARE(c.errors(), 0);
        QCOMPARE(fx.server.tokenRequests(QStringLiteral("refresh_token")), 1);
        for (const auto &r : c.results)
            QCOMPARE(r->accessToken, fx.server.issuedAccessTokens().constLast());
        // The same stale grant reported again after the refresh: the new token, no new request.
        bool after = false;
        broker.rejected(first, [&](Result<AccessGrant> r) { after = r && r->accessToken == fx.server.issuedAccessTokens().constLast(); });
        QTRY_VERIFY(after);
        QCOMPARE(fx.server.tokenRequests(QStringLiteral("refresh_token")), 1);
        Q_UNUSED(id)
    }

    void rotationOrderAffinityAndQuota()
    {
        Fixture fx;
        const QString a = fx.addAccount(QStringLiteral("first@example.com"), 3600);
        const QString b = fx.addAccount(QStringLiteral("second@example.com"), 3600);
        TokenBroker broker(fx.dir.path(), fx.env, fx.backend());
        auto acquire = [&](const QString &session) {
            QString who;
            bool done = false;
            broker.acquire(QStringLiteral("google"), session, [&](Result<AccessGrant> r) {
                who = r ? r->accountId : QStringLiteral("error: ") + r.error().message;
                done = true;
            });
            if (!QTest::qWaitFor([&] { return done; }, 20000))
                return QStringLiteral("timed out");
            return who;
        };
        QCOMPARE(acquire(QStringLiteral("s1")), a);
        AccessGrant g;
        g.accountId = a;
        broker.quotaExhausted(g, QDateTime::currentDateTimeUtc().addSecs(3600));
        QCOMPARE(acquire(QStringLiteral("s1")), b);
        QCOMPARE(acquire(QStringLiteral("s2")), b);
        g.accountId = b;
        broker.quotaExhausted(g, QDateTime::currentDateTimeUtc().addSecs(60));
        QVERIFY(acquire(QStringLiteral("s1")).contains(QLatin1String("resting")));
        QCOMPARE(fx.server.tokenRequestsTotal(), 0);
    }

    void noAccountExplainsHowToSignIn()
    {
        Fixture fx;
        TokenBroker broker(fx.dir.path(), fx.env, fx.backend());
        QString message;
        broker.acquire(QStringLiteral("qwen"), {}, [&](Result<AccessGrant> r) { message = r ? QString() : r.error().message; });
        QTRY_VERIFY(!message.isEmpty());
        QVERIFY2(message.contains(QLatin1String("auth login qwen")), qPrintable(message));
    }

    void refreshAnswerNotJson()
    {
        Fixture fx;
        const QString id = fx.addAccount(QStringLiteral("d@example.com"), -5);
        lip::test::FakeReply html;
        html.status = 503;
        html.headers = {{"Content-Type", "text/html"}};
        html.body = "<html>maintenance</html>";
        fx.server.setTokenOverride(html);
        TokenBroker broker(fx.dir.path(), fx.env, fx.backend());
        QSignalSpy needed(&broker, &TokenBroker::signInNeeded);
        QString message;
        broker.acquire(QStringLiteral("google"), {}, [&](Result<AccessGrant> r) { message = r ? QStringLiteral("ok") : r.error().message; });
        QTRY_VERIFY_WITH_TIMEOUT(!message.isEmpty(), 20000);
        QVERIFY2(message.contains(QLatin1String("text/html instead of JSON")), qPrintable(message));
        QCOMPARE(needed.size(), 0); // a transient failure is not a revoked login
        QVERIFY(fx.stored(id).tokens.accessToken.startsWith(QLatin1String("stale-access")));
    }
};

QTEST_GUILESS_MAIN(TestOAuthBroker)
#include "tst_oauth_broker.moc"
