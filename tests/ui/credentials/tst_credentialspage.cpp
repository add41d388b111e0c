// SPDX-License-Identifier: GPL-3.0-or-later
// The Credentials page over an in-memory keychain (add, edit, reorder, remove, .env import with
// its preview) and over a machine without a keychain (storing disabled, the reason shown).
// The real keychain and the running engine: tst_credentialspage_keychain.

#include "pagetesthelpers.h"

#include "config/credentials/credentialstore.h"
#include "configcontroller.h"
#include "memorysecretbackend.h"

#include <QApplication>
#include <QLabel>
#include <QTableWidget>
#include <QTemporaryDir>

using namespace lip;
using lip::test::MemorySecretBackend;
using config::credentials::CredentialStore;

namespace {
const QString kEnvKey = QStringLiteral("sk-ant-envonly-000011112222");
const QString kKeyA = QStringLiteral("sk-page-alpha-1111aaaa");
const QString kKeyB = QStringLiteral("sk-page-bravo-2222bbbb");
const QString kKeyA2 = QStringLiteral("sk-page-alpha2-3333cccc");
const QString kDotOpenAI = QStringLiteral("sk-dotenv-openai-4444dddd");
const QString kDotAnthropic = QStringLiteral("sk-dotenv-anthropic-5555eeee");
const QString kDotSame = QStringLiteral("sk-dotenv-same-6666ffff");
const QString kStoredOld = QStringLiteral("sk-stored-old-7777gggg");
} // namespace

class TestCredentialsPage : public QObject
{
    Q_OBJECT

    struct Setup
    {
        QTemporaryDir dir;
        std::shared_ptr<MemorySecretBackend::State> keychain = std::make_shared<MemorySecretBackend::State>();
        std::unique_ptr<CredentialStore> store;
        std::unique_ptr<ui::ConfigController> controller;
        std::unique_ptr<ui::CredentialsPage> page;

        void start(bool available = true)
        {
            if (!available)
                keychain->failWith = MemorySecretBackend::Outcome::Status::Unavailable;
            store = std::make_unique<CredentialStore>(dir.filePath(QStringLiteral("data")),
                                                      std::make_unique<MemorySecretBackend>(keychain));
            config::CliOptions cli;
            cli.dataDir = dir.filePath(QStringLiteral("data"));
            cli.appConfigFile = dir.filePath(QStringLiteral("config/app-config.yaml"));
            cli.port = 0;
            const QHash<QString, QString> env{{QStringLiteral("ANTHROPIC_API_KEY"), kEnvKey}};
            controller = std::make_unique<ui::ConfigController>(nullptr, cli, env, config::CredentialSet{});
            ui::AppContext context;
            context.config = controller.get();
            context.credentials = store.get();
            page = std::make_unique<ui::CredentialsPage>(context);
            page->resize(900, 520);
            page->show();
        }
        bool settled() const { return page->keychainNotice() != QLatin1String("Checking the system keychain…") && !page->isBusy(); }

        config::CredentialSet freshLoad() const
        {
            CredentialStore fresh(dir.filePath(QStringLiteral("data")), std::make_unique<MemorySecretBackend>(keychain));
            config::CredentialSet out;
            bool done = false;
            fresh.loadAll([&](const config::CredentialSet &s) { out = s, done = true; });
            (void)QTest::qWaitFor([&] { return done; }, 10000);
            return out;
        }
    };

    static QStringList keysOf(const config::CredentialSet &set, const QString &instance)
    {
        QStringList out;
        for (const config::KeychainInstance &i : set.instances)
            if (i.name == instance)
                for (const config::KeychainKey &k : i.keys)
                    out << k.alias + QLatin1Char('=') + k.secret;
        return out;
    }

private Q_SLOTS:
    void initTestCase() { qInstallMessageHandler(lip::test::captureMessages); }

    // CredentialStore::reorder (added for this page) refuses anything but a permutation.
    void storeReorderChecksTheAliases()
    {
        QTemporaryDir dir;
        auto state = std::make_shared<MemorySecretBackend::State>();
        CredentialStore store(dir.path(), std::make_unique<MemorySecretBackend>(state));
        auto run = [&](auto call) {
            QString result = QStringLiteral("pending");
            call([&](const QString &e) { result = e; });
            (void)QTest::qWaitFor([&] { return result != QLatin1String("pending"); }, 5000);
            return result;
        };
        QCOMPARE(run([&](auto d) { store.reorder(QStringLiteral("openai"), {QStringLiteral("a")}, d); }).isEmpty(), false);
        QCOMPARE(run([&](auto d) { store.set(QStringLiteral("openai"), QStringLiteral("a"), "sk-aaaaaaaaaaaa", d); }), QString());
        QCOMPARE(run([&](auto d) { store.set(QStringLiteral("openai"), QStringLiteral("b"), "sk-bbbbbbbbbbbb", d); }), QString());
        const QList<QStringList> bad = {{QStringLiteral("a")},
                                        {QStringLiteral("a"), QStringLiteral("a")},
                                        {QStringLiteral("b"), QStringLiteral("c")},
                                        {QStringLiteral("a"), QStringLiteral("b"), QStringLiteral("b")}};
        for (const QStringList &order : bad)
            QVERIFY2(!run([&](auto d) { store.reorder(QStringLiteral("openai"), order, d); }).isEmpty(), qPrintable(order.join(',')));
        const int calls = state->calls;
        QCOMPARE(run([&](auto d) { store.reorder(QStringLiteral("openai"), {QStringLiteral("b"), QStringLiteral("a")}, d); }), QString());
        QCOMPARE(state->calls, calls); // the index only: no keychain call
        QStringList aliases;
        const auto index = store.list(); // held: the loop must not walk a destroyed temporary
        for (const auto &k : index.value().instance(QStringLiteral("openai"))->keys)
            aliases << k.alias;
        QCOMPARE(aliases, (QStringList{"b", "a"}));
        QString error = QStringLiteral("pending");
        QByteArray value;
        store.read(QStringLiteral("openai"), QStringLiteral("a"), [&](const QString &e, const QByteArray &v) { error = e, value = v; });
        QTRY_VERIFY(error != QLatin1String("pending"));
        QCOMPARE(error, QString());
        QCOMPARE(value, QByteArray("sk-aaaaaaaaaaaa"));
        error = QStringLiteral("pending");
        store.read(QStringLiteral("openai"), QStringLiteral("zz"), [&](const QString &e, const QByteArray &v) { error = e, value = v; });
        QTRY_VERIFY(error != QLatin1String("pending"));
        QVERIFY(!error.isEmpty());
        QVERIFY(value.isEmpty());
    }

    void unavailableKeychainDisablesStoring()
    {
        Setup s;
        QVERIFY(s.dir.isValid());
        s.start(false);
        QTRY_VERIFY_WITH_TIMEOUT(s.settled(), 10000);
        QVERIFY(!s.page->storingEnabled());
        const QString notice = s.page->findChild<QLabel *>(QStringLiteral("keychainNotice"))->text();
        QVERIFY2(notice.contains(QLatin1String("no keychain in this test")), qPrintable(notice));
        QVERIFY2(notice.contains(QLatin1String("environment variables and config files still work")), qPrintable(notice));
        for (const char *b : {"addButton", "editButton", "removeButton", "upButton", "downButton", "importEnvButton",
                              "importFileButton"})
            QVERIFY2(!lip::test::pageButton(*s.page, b)->isEnabled(), b);
        // Env keys are still listed, read-only and masked.
        QVERIFY(s.page->selectInstance(QStringLiteral("anthropic")));
        QCOMPARE(s.page->keyModel()->rows().size(), 1);
        QCOMPARE(s.page->keyModel()->rows().first().alias, QStringLiteral("env:ANTHROPIC_API_KEY"));
        QCOMPARE(s.page->keyModel()->rows().first().masked, QStringLiteral("sk-…2222"));
        QVERIFY(!s.page->keyModel()->rows().first().stored);
        s.page->grab().save(QDir::temp().filePath(QStringLiteral("lip-credentials-unavailable.png")));
        // Nothing was written: no index, no keychain entry.
        QVERIFY(!QFile::exists(s.store->indexPath()));
        QVERIFY(s.keychain->entries.isEmpty());
    }

    void addEditReorderRemove()
    {
        Setup s;
        s.start();
        QTRY_VERIFY_WITH_TIMEOUT(s.settled(), 10000);
        QVERIFY(s.page->storingEnabled());
        QVERIFY(s.page->selectInstance(QStringLiteral("openai")));
        QCOMPARE(lip::test::fillKeyDialog(*s.page, "addButton", QStringLiteral("alpha"), kKeyA), QString());
        QCOMPARE(lip::test::fillKeyDialog(*s.page, "addButton", QStringLiteral("bravo"), kKeyB), QString());
        QCOMPARE(keysOf(s.freshLoad(), QStringLiteral("openai")), (QStringList{"alpha=" + kKeyA, "bravo=" + kKeyB}));
        // The page shows masks only, and the config the controller applies has the keys.
        QCOMPARE(s.page->keyModel()->storedAliases(), (QStringList{"alpha", "bravo"}));
        QCOMPARE(s.page->keyModel()->rows().at(0).masked, QStringLiteral("sk-…aaaa"));
        const config::BackendConfig *b = s.controller->config().backend(QStringLiteral("openai"));
        QVERIFY(b);
        QCOMPARE(b->apiKeys, (QStringList{kKeyA, kKeyB}));

        // An alias already taken cannot be added twice.
        lip::test::pageButton(*s.page, "addButton")->click();
        auto *dialog = lip::test::waitForChild<ui::credentials::KeyEditDialog>(s.page.get(), QStringLiteral("keyEditDialog"));
        QVERIFY(dialog);
        dialog->aliasEdit()->setText(QStringLiteral("alpha"));
        dialog->secretEdit()->setText(QStringLiteral("whatever-123456"));
        QVERIFY(!dialog->buttons()->button(QDialogButtonBox::Ok)->isEnabled());
        dialog->reject();

        // Edit replaces the secret, keeping the place.
        QVERIFY(lip::test::selectKey(*s.page, QStringLiteral("alpha")));
        QCOMPARE(lip::test::fillKeyDialog(*s.page, "editButton", QStringLiteral("alpha"), kKeyA2), QString());
        QCOMPARE(keysOf(s.freshLoad(), QStringLiteral("openai")), (QStringList{"alpha=" + kKeyA2, "bravo=" + kKeyB}));

        // Move down with the keyboard button.
        QVERIFY(lip::test::selectKey(*s.page, QStringLiteral("alpha")));
        QVERIFY(!lip::test::pageButton(*s.page, "upButton")->isEnabled());
        QCOMPARE(lip::test::clickAndWait(*s.page, lip::test::pageButton(*s.page, "downButton")), QString());
        QCOMPARE(keysOf(s.freshLoad(), QStringLiteral("openai")), (QStringList{"bravo=" + kKeyB, "alpha=" + kKeyA2}));
        QCOMPARE(s.controller->config().backend(QStringLiteral("openai"))->apiKeys, (QStringList{kKeyB, kKeyA2}));

        // Drag and drop (the model's drop path): alpha back to the top.
        {
            QSignalSpy finished(s.page.get(), &ui::CredentialsPage::operationFinished);
            auto *model = s.page->keyModel();
            std::unique_ptr<QMimeData> mime(model->mimeData({model->index(1, 0)}));
            model->dropMimeData(mime.get(), Qt::MoveAction, 0, 0, {});
            QVERIFY(finished.wait(10000));
            QCOMPARE(finished.first().first().toString(), QString());
        }
        QCOMPARE(keysOf(s.freshLoad(), QStringLiteral("openai")), (QStringList{"alpha=" + kKeyA2, "bravo=" + kKeyB}));

        // Reveal reads the keychain; Hide masks again.
        QVERIFY(lip::test::selectKey(*s.page, QStringLiteral("bravo")));
        const int callsBefore = s.keychain->calls;
        lip::test::pageButton(*s.page, "revealButton")->click();
        QTRY_COMPARE_WITH_TIMEOUT(s.page->keyModel()->data(s.page->keyModel()->index(1, 1), Qt::DisplayRole).toString(), kKeyB, 10000);
        QVERIFY(s.keychain->calls > callsBefore);
        lip::test::pageButton(*s.page, "revealButton")->click();
        QCOMPARE(s.page->keyModel()->data(s.page->keyModel()->index(1, 1), Qt::DisplayRole).toString(), QStringLiteral("sk-…bbbb"));

        // Remove after confirmation.
        QVERIFY(lip::test::selectKey(*s.page, QStringLiteral("alpha")));
        QCOMPARE(lip::test::confirmRemove(*s.page), QString());
        QCOMPARE(keysOf(s.freshLoad(), QStringLiteral("openai")), (QStringList{"bravo=" + kKeyB}));
        QCOMPARE(s.page->keyModel()->storedAliases(), (QStringList{"bravo"}));
        s.page->grab().save(QDir::temp().filePath(QStringLiteral("lip-credentials-page.png")));

        const QStringList secrets{kKeyA, kKeyB, kKeyA2, kEnvKey};
        QCOMPARE(lip::test::filesContaining(s.dir.path(), secrets), QStringList());
        QCOMPARE(lip::test::logLinesContaining(secrets), QStringList());
    }

    void dotEnvImportPreviewsBeforeStoring()
    {
        Setup s;
        s.start();
        QTRY_VERIFY_WITH_TIMEOUT(s.settled(), 10000);
        // Already stored: one identical key, and one alias with another value.
        QVERIFY(s.page->selectInstance(QStringLiteral("openai")));
        QCOMPARE(lip::test::fillKeyDialog(*s.page, "addButton", QStringLiteral("team"), kDotSame), QString());
        QVERIFY(s.page->selectInstance(QStringLiteral("anthropic")));
        QCOMPARE(lip::test::fillKeyDialog(*s.page, "addButton", QStringLiteral("ANTHROPIC_API_KEY"), kStoredOld), QString());

        const QString path = s.dir.filePath(QStringLiteral("keys.env"));
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(QStringLiteral("# my keys\n"
                               "export OPENAI_API_KEY=\"%1\"\n"
                               "ANTHROPIC_API_KEY=%2 # work\n"
                               "OPENAI_API_KEY_2='%3'\n"
                               "EDITOR=vim\n"
                               "broken line\n")
                    .arg(kDotOpenAI, kDotAnthropic, kDotSame)
                    .toUtf8());
        f.close();

        const int storedBefore = int(s.keychain->entries.size());
        s.page->importDotEnvFile(path);
        auto *preview = lip::test::waitForChild<ui::credentials::ImportPreviewDialog>(s.page.get(), QStringLiteral("importPreviewDialog"));
        QVERIFY(preview);
        QTableWidget *table = preview->table();
        QCOMPARE(table->rowCount(), 3);
        QStringList rows;
        for (int r = 0; r < table->rowCount(); ++r)
            rows << QStringLiteral("%1|%2|%3|%4").arg(table->item(r, 0)->text(), table->item(r, 1)->text(),
                                                   table->item(r, 2)->text(), table->item(r, 3)->text());
        QCOMPARE(rows, (QStringList{QStringLiteral("openai|OPENAI_API_KEY|sk-…dddd|new"),
                                    QStringLiteral("anthropic|ANTHROPIC_API_KEY|sk-…eeee|replaces"),
                                    QStringLiteral("openai|OPENAI_API_KEY_2|sk-…ffff|same (already stored)")}));
        auto *ignored = preview->findChild<QLabel *>(QStringLiteral("ignoredLabel"));
        QVERIFY(ignored && ignored->text().contains(QLatin1String("EDITOR")));
        QVERIFY(s.page->statusText().contains(QLatin1String("line 6")));
        // Nothing stored before the confirmation.
        QCOMPARE(int(s.keychain->entries.size()), storedBefore);
        QCOMPARE(preview->buttons()->button(QDialogButtonBox::Ok)->text(), QStringLiteral("&Store 2 key(s)"));

        QSignalSpy finished(s.page.get(), &ui::CredentialsPage::operationFinished);
        preview->buttons()->button(QDialogButtonBox::Ok)->click();
        QVERIFY(finished.wait(10000));
        QCOMPARE(finished.first().first().toString(), QString());
        const config::CredentialSet set = s.freshLoad();
        QCOMPARE(keysOf(set, QStringLiteral("openai")).filter(QStringLiteral("OPENAI_API_KEY=")),
                 QStringList{"OPENAI_API_KEY=" + kDotOpenAI});
        QCOMPARE(keysOf(set, QStringLiteral("anthropic")), QStringList{"ANTHROPIC_API_KEY=" + kDotAnthropic});

        // A cancelled preview stores nothing.
        const int calls = s.keychain->calls;
        const auto entries = s.keychain->entries;
        s.page->importDotEnvFile(path);
        preview = lip::test::waitForChild<ui::credentials::ImportPreviewDialog>(s.page.get(), QStringLiteral("importPreviewDialog"));
        QVERIFY(preview);
        QCOMPARE(preview->buttons()->button(QDialogButtonBox::Ok)->isEnabled(), false); // everything is "same" now
        preview->reject();
        QTest::qWait(0);
        QCOMPARE(s.keychain->entries, entries);
        QVERIFY(s.keychain->calls >= calls);

        const QStringList secrets{kDotOpenAI, kDotAnthropic, kDotSame, kStoredOld, kEnvKey};
        QStringList leaks = lip::test::filesContaining(s.dir.path(), secrets);
        leaks.removeAll(path); // the user's own .env file
        QCOMPARE(leaks, QStringList());
        QCOMPARE(lip::test::logLinesContaining(secrets), QStringList());
    }
};

QTEST_MAIN(TestCredentialsPage)
#include "tst_credentialspage.moc"
