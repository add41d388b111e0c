// SPDX-License-Identifier: GPL-3.0-or-later
// accounts.json (no tokens, atomic, clear errors) and token blobs in the keychain (chunked).

#include "backends/oauth/accountstore.h"
#include "memorysecretbackend.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace lip;
using namespace lip::oauth;
using lip::test::MemorySecretBackend;

class TestOAuthAccountStore : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void indexRoundTripKeepsOrderAndNoTokens()
    {
        QTemporaryDir dir;
        const QString path = accountsFilePath(dir.path());
        AccountIndex index;
        Account a;
        a.id = QStringLiteral("openai:a@x");
        a.provider = QStringLiteral("openai");
        a.email = QStringLiteral("a@x");
        a.plan = QStringLiteral("plus");
        a.extra.insert(QStringLiteral("chatgpt_account_id"), QStringLiteral("acc"));
        a.tokens.accessToken = QStringLiteral("SECRET-ACCESS");
        a.tokens.refreshToken = QStringLiteral("SECRET-REFRESH");
        index.upsert(a);
        Account b = a;
        b.id = QStringLiteral("openai:b@x");
        index.upsert(b);
        QVERIFY(saveAccountIndex(path, index).isEmpty());
        QVERIFY(!index.storeId.isEmpty());

        QFile f(path);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QByteArray text = f.readAll();
        QVERIFY(!text.contains("SECRET"));

        Result<AccountIndex> back = loadAccountIndex(path);
        QVERIFY(back);
        QCOMPARE(back->storeId, index.storeId);
        QCOMPARE(back->accounts.size(), 2);
        QCOMPARE(back->accounts.at(0).id, a.id);
        QCOMPARE(back->accounts.at(0).plan, QStringLiteral("plus"));
        QCOMPARE(back->accounts.at(0).extra.value(QStringLiteral("chatgpt_account_id")).toString(), QStringLiteral("acc"));
        QVERIFY(back->accounts.at(0).tokens.accessToken.isEmpty());
    }

    void malformedIndexNamesFileAndLine_data()
    {
        QTest::addColumn<QByteArray>("content");
        QTest::addColumn<QString>("expected");
        QTest::newRow("not json") << QByteArray("{\n\"accounts\": [\n,]\n}") << QStringLiteral("accounts.json:3");
        QTest::newRow("not object") << QByteArray("[1]") << QStringLiteral("expected a JSON object");
        QTest::newRow("accounts not list") << QByteArray("{\"accounts\": 3}") << QStringLiteral("'accounts' must be a list");
        QTest::newRow("no id") << QByteArray("{\"accounts\": [{\"provider\": \"openai\"}]}") << QStringLiteral("accounts[0]");
        QTest::newRow("duplicate") << QByteArray("{\"accounts\": [{\"id\":\"x\",\"provider\":\"p\"},{\"id\":\"x\",\"provider\":\"p\"}]}")
                                   << QStringLiteral("duplicate");
    }
    void malformedIndexNamesFileAndLine()
    {
        QFETCH(QByteArray, content);
        QFETCH(QString, expected);
        QTemporaryDir dir;
        const QString path = accountsFilePath(dir.path());
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(content);
        f.close();
        Result<AccountIndex> r = loadAccountIndex(path);
        QVERIFY(!r);
        QVERIFY2(r.error().message.contains(expected), qPrintable(r.error().message));
    }

    void missingIndexIsEmpty()
    {
        QTemporaryDir dir;
        Result<AccountIndex> r = loadAccountIndex(accountsFilePath(dir.path()));
        QVERIFY(r);
        QVERIFY(r->accounts.isEmpty());
    }

    void tokensRoundTripChunked_data()
    {
        QTest::addColumn<int>("partSize");
        QTest::newRow("whole") << 0;
        QTest::newRow("chunked") << 64;
    }
    void tokensRoundTripChunked()
    {
        QFETCH(int, partSize);
        auto state = std::make_shared<MemorySecretBackend::State>();
        TokenVault vault(std::make_unique<MemorySecretBackend>(state));
        vault.setPartSize(partSize);
        StoredTokens stored;
        stored.tokens.accessToken = QString(500, QLatin1Char('a'));
        stored.tokens.refreshToken = QStringLiteral("r1");
        stored.tokens.expiresAt = QDateTime::fromSecsSinceEpoch(2000000000).toUTC();
        stored.registration.insert(QStringLiteral("clientId"), QStringLiteral("cid"));
        QString error = QStringLiteral("pending");
        vault.write(QStringLiteral("s"), QStringLiteral("p:a"), stored, [&](const QString &e) { error = e; });
        QTRY_COMPARE(error, QString());
        const auto partsOf = [partSize](const StoredTokens &t) {
            const qsizetype n = serializeTokens(t).size();
            return partSize == 0 ? 1 : int((n + partSize - 1) / partSize);
        };
        QVERIFY(partSize == 0 || partsOf(stored) > 2);
        QCOMPARE(int(state->entries.size()), partsOf(stored));

        StoredTokens back;
        bool read = false;
        vault.read(QStringLiteral("s"), QStringLiteral("p:a"), [&](const QString &e, const StoredTokens &t) {
            QVERIFY(e.isEmpty());
            back = t;
            read = true;
        });
        QTRY_VERIFY(read);
        QCOMPARE(back.tokens.accessToken, stored.tokens.accessToken);
        QCOMPARE(back.tokens.refreshToken, QStringLiteral("r1"));
        QCOMPARE(back.tokens.expiresAt, stored.tokens.expiresAt);
        QCOMPARE(back.registration.value(QStringLiteral("clientId")).toString(), QStringLiteral("cid"));

        // A shorter value leaves no stale parts behind; removal clears everything.
        stored.tokens.accessToken = QStringLiteral("short");
        error = QStringLiteral("pending");
        vault.write(QStringLiteral("s"), QStringLiteral("p:a"), stored, [&](const QString &e) { error = e; });
        QTRY_COMPARE(error, QString());
        QCOMPARE(int(state->entries.size()), partsOf(stored));
        error = QStringLiteral("pending");
        vault.remove(QStringLiteral("s"), QStringLiteral("p:a"), [&](const QString &e) { error = e; });
        QTRY_COMPARE(error, QString());
        QCOMPARE(int(state->entries.size()), 0);
    }

    void unavailableKeychainIsExplained()
    {
        auto state = std::make_shared<MemorySecretBackend::State>();
        state->failWith = MemorySecretBackend::Outcome::Status::Unavailable;
        TokenVault vault(std::make_unique<MemorySecretBackend>(state));
        QString error;
        bool done = false;
        vault.probe([&](const QString &e) { error = e; done = true; });
        QTRY_VERIFY(done);
        QVERIFY2(error.startsWith(QStringLiteral("unavailable")), qPrintable(error));
    }
};

QTEST_GUILESS_MAIN(TestOAuthAccountStore)
#include "tst_oauth_accountstore.moc"
