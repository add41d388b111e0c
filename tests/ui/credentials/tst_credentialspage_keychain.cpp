// SPDX-License-Identifier: GPL-3.0-or-later
// The Credentials page against the real keychain (run inside with_keyring.sh) and a running
// engine: a key added on the page is stored in the keychain (checked with a fresh
// CredentialStore::loadAll) and used by the proxy at once (the fake provider sees it); edit,
// reorder and remove round-trip the same way; "Test" reports the provider's model listing; no
// key reaches the data dir, the config dir or the log.

#include "pagetesthelpers.h"

#include "config/credentials/credentialstore.h"
#include "configcontroller.h"
#include "engine.h"
#include "fakeprovider.h"
#include "rawhttpclient.h"

#include <QApplication>
#include <QTemporaryDir>

using namespace lip;
using config::credentials::CredentialStore;
using lip::test::FakeProvider;
using lip::test::FakeReply;
using lip::test::FakeRequest;
using lip::test::RawHttpClient;

namespace {
const QString kFirst = QStringLiteral("sk-live-first-0000aaaa9999");
const QString kSecond = QStringLiteral("sk-live-second-1111bbbb8888");
const QString kReplaced = QStringLiteral("sk-live-replaced-2222cccc7777");
} // namespace

class TestCredentialsPageKeychain : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    FakeProvider m_fake;
    std::unique_ptr<EngineClient> m_engine;
    std::unique_ptr<CredentialStore> m_store;
    std::unique_ptr<ui::ConfigController> m_controller;
    std::unique_ptr<ui::CredentialsPage> m_page;
    quint16 m_port = 0;

    QString dataDir() const { return m_dir.filePath(QStringLiteral("data")); }

    QStringList storedKeys()
    {
        CredentialStore fresh(dataDir());
        QStringList out;
        bool done = false;
        fresh.loadAll([&](const config::CredentialSet &set) {
            for (const config::KeychainInstance &i : set.instances)
                for (const config::KeychainKey &k : i.keys)
                    out << i.name + QLatin1Char('/') + k.alias + QLatin1Char('=') + k.secret;
            if (!set.unavailableReason.isEmpty())
                out << QStringLiteral("unavailable: ") + set.unavailableReason;
            done = true;
        });
        (void)QTest::qWaitFor([&] { return done; }, 20000);
        return out;
    }

    // One chat request through the proxy; the Authorization header the fake provider received.
    QByteArray authorizationSeen()
    {
        const int before = m_fake.requestCount();
        RawHttpClient client(m_port);
        client.send("POST", "/v1/chat/completions",
                    {qMakePair(QByteArray("Content-Type"), QByteArray("application/json"))},
                    R"({"model":"openai:gpt-test","messages":[{"role":"user","content":"hi"}]})");
        if (!client.waitForEnd(20000) || client.status() != 200 || m_fake.requestCount() == before)
            return "status " + QByteArray::number(client.status()) + ": " + client.body().left(300);
        return m_fake.lastRequest().header("authorization");
    }

    // setKeychain applies the config to the engine asynchronously: wait for the engine to say so.
    QString waitForApply(const std::function<QString()> &action)
    {
        QSignalSpy applied(m_engine.get(), &EngineClient::configApplied);
        const QString error = action();
        if (!error.isEmpty())
            return error;
        if (applied.isEmpty() && !applied.wait(20000))
            return QStringLiteral("engine did not apply");
        return applied.first().first().toString();
    }

private Q_SLOTS:
    void initTestCase()
    {
        qInstallMessageHandler(lip::test::captureMessages);
        QVERIFY(m_dir.isValid());
        QVERIFY(m_fake.listen());
        m_fake.setHandler([](const FakeRequest &r) {
            if (r.path.endsWith("/models"))
                return FakeReply::json(R"({"object":"list","data":[{"id":"gpt-test","object":"model"},{"id":"gpt-other","object":"model"}]})");
            return FakeReply::json(FakeProvider::openAIChatCompletion("gpt-test", "Hello from fake"));
        });

        // The backend exists in the user's config without a key: the key comes from the page.
        const QString configPath = m_dir.filePath(QStringLiteral("config/config.yaml"));
        QDir().mkpath(QFileInfo(configPath).path());
        QFile file(configPath);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(QStringLiteral("backends:\n  default_backend: openai\n  openai:\n    type: openai\n    api_url: %1/v1\n")
                       .arg(m_fake.baseUrl().toString())
                       .toUtf8());
        file.close();

        config::CliOptions cli;
        cli.configFile = configPath;
        cli.dataDir = dataDir();
        cli.appConfigFile = m_dir.filePath(QStringLiteral("config/app-config.yaml"));
        cli.port = 0;
        cli.host = QStringLiteral("127.0.0.1");
        m_engine = std::make_unique<EngineClient>();
        m_controller = std::make_unique<ui::ConfigController>(m_engine.get(), cli, QHash<QString, QString>{},
                                                              config::CredentialSet{});
        QVERIFY(m_controller->config().backend(QStringLiteral("openai")));
        QVERIFY(m_controller->config().backend(QStringLiteral("openai"))->apiKeys.isEmpty());
        const QString error = m_engine->startAndWait(m_controller->config());
        QVERIFY2(error.isEmpty(), qPrintable(error));
        m_port = quint16(m_engine->status().listenAddress.section(QLatin1Char(':'), -1).toUInt());
        QVERIFY(m_port != 0);

        m_store = std::make_unique<CredentialStore>(dataDir());
        ui::AppContext context;
        context.engine = m_engine.get();
        context.config = m_controller.get();
        context.credentials = m_store.get();
        m_page = std::make_unique<ui::CredentialsPage>(context);
        m_page->resize(900, 520);
        m_page->show();
        QTRY_VERIFY_WITH_TIMEOUT(!m_page->isBusy() && m_page->keychainNotice() != QLatin1String("Checking the system keychain…"), 20000);
        if (!m_page->storingEnabled())
            QSKIP(qPrintable(QStringLiteral("no usable keychain here: ") + m_page->keychainNotice()));
        QVERIFY(m_page->selectInstance(QStringLiteral("openai")));
    }

    void cleanupTestCase()
    {
        m_page.reset();
        if (m_engine)
            m_engine->stopAndWait();
        // Leave the private keyring clean even though with_keyring.sh throws it away.
        if (m_store) {
            bool done = false;
            m_store->remove(QStringLiteral("openai"), {}, [&](const QString &) { done = true; });
            (void)QTest::qWaitFor([&] { return done; }, 10000);
        }
    }

    void addedKeyIsUsedLive()
    {
        // No key yet: a backend with only an api_url is called without one.
        QCOMPARE(authorizationSeen(), QByteArray());
        const QString error = waitForApply([&] {
            return lip::test::fillKeyDialog(*m_page, "addButton", QStringLiteral("first"), kFirst);
        });
        QCOMPARE(error, QString());
        QCOMPARE(storedKeys(), QStringList{"openai/first=" + kFirst});
        QCOMPARE(authorizationSeen(), ("Bearer " + kFirst).toUtf8());
    }

    void editReplacesLive()
    {
        QVERIFY(lip::test::selectKey(*m_page, QStringLiteral("first")));
        const QString error = waitForApply([&] {
            return lip::test::fillKeyDialog(*m_page, "editButton", QStringLiteral("first"), kReplaced);
        });
        QCOMPARE(error, QString());
        QCOMPARE(storedKeys(), QStringList{"openai/first=" + kReplaced});
        QCOMPARE(authorizationSeen(), ("Bearer " + kReplaced).toUtf8());
    }

    void reorderAndRemove()
    {
        QCOMPARE(lip::test::fillKeyDialog(*m_page, "addButton", QStringLiteral("second"), kSecond), QString());
        QCOMPARE(storedKeys(), (QStringList{"openai/first=" + kReplaced, "openai/second=" + kSecond}));
        QVERIFY(lip::test::selectKey(*m_page, QStringLiteral("second")));
        QCOMPARE(lip::test::clickAndWait(*m_page, lip::test::pageButton(*m_page, "upButton")), QString());
        QCOMPARE(storedKeys(), (QStringList{"openai/second=" + kSecond, "openai/first=" + kReplaced}));
        QCOMPARE(m_controller->config().backend(QStringLiteral("openai"))->apiKeys, (QStringList{kSecond, kReplaced}));

        QVERIFY(lip::test::selectKey(*m_page, QStringLiteral("second")));
        const QString error = waitForApply([&] { return lip::test::confirmRemove(*m_page); });
        QCOMPARE(error, QString());
        QCOMPARE(storedKeys(), QStringList{"openai/first=" + kReplaced});
        QCOMPARE(authorizationSeen(), ("Bearer " + kReplaced).toUtf8());
    }

    void testButtonReportsModels()
    {
        QVERIFY(lip::test::selectKey(*m_page, QStringLiteral("first")));
        const QString error = lip::test::clickAndWait(*m_page, lip::test::pageButton(*m_page, "testButton"));
        QCOMPARE(error, QString());
        QVERIFY2(m_page->statusText().contains(QLatin1String("2 model")), qPrintable(m_page->statusText()));
        QCOMPARE(m_fake.lastRequest().header("authorization"), ("Bearer " + kReplaced).toUtf8());
        m_page->grab().save(QDir::temp().filePath(QStringLiteral("lip-credentials-keychain.png")));
    }

    void noKeyLeaked()
    {
        const QStringList secrets{kFirst, kSecond, kReplaced};
        QCOMPARE(lip::test::filesContaining(m_dir.path(), secrets), QStringList());
        QCOMPARE(lip::test::logLinesContaining(secrets), QStringList());
    }
};

QTEST_MAIN(TestCredentialsPageKeychain)
#include "tst_credentialspage_keychain.moc"
