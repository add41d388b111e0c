// SPDX-License-Identifier: GPL-3.0-or-later
// CredentialStore against an in-memory keychain: order and aliases, replacing in place, parts of
// long values, removal, loading, and refusing to store anything when no keychain is available
// (nothing written anywhere else).

#include "config/credentials/credentialstore.h"
#include "config/credentials/secretchunks.h"
#include "config/credentials/startupcredentials.h"
#include "memorysecretbackend.h"

#include <QDirIterator>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

using namespace lip::config::credentials;
using lip::test::MemorySecretBackend;
using Status = lip::config::credentials::SecretOutcome::Status;

namespace {

QString run(const std::function<void(CredentialStore::Done)> &operation)
{
    auto result = std::make_shared<QString>(QStringLiteral("(no answer)"));
    const bool answered = waitFor(
        [&](std::function<void()> finish) {
            operation([result, finish](const QString &error) {
                *result = error;
                finish();
            });
        },
        10000);
    return answered ? *result : QStringLiteral("(timeout)");
}

lip::config::CredentialSet loadAll(CredentialStore &store)
{
    auto set = std::make_shared<lip::config::CredentialSet>();
    waitFor([&](std::function<void()> finish) {
        store.loadAll([set, finish](const lip::config::CredentialSet &s) {
            *set = s;
            finish();
        });
    }, 10000);
    return *set;
}

QStringList aliases(const CredentialStore &store, const QString &instance)
{
    QStringList out;
    const auto index = store.list();
    if (index)
        if (const IndexInstance *i = index->instance(instance))
            for (const IndexKey &k : i->keys)
                out << k.alias;
    return out;
}

// True when `needle` occurs in any file under `dir`.
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

} // namespace

class TestCredentialStore : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init();
    void setListRemoveKeepsOrder();
    void replaceKeepsPlaceAndDropsExtraParts();
    void longValueIsSplit();
    void removeWholeInstance();
    void removeUnknown_data();
    void removeUnknown();
    void unavailableRefusesAndWritesNothing_data();
    void unavailableRefusesAndWritesNothing();
    void loadAllSkipsMissingEntry();
    void rejectsBadInput_data();
    void rejectsBadInput();
    void callsBackAsynchronously();
    void waitForTimesOutAndIgnoresLateAnswers();
    void startupWithNothingStoredLeavesConfigAlone();

private:
    std::unique_ptr<QTemporaryDir> m_dir;
    std::shared_ptr<MemorySecretBackend::State> m_state;
    std::unique_ptr<CredentialStore> m_store;
};

void TestCredentialStore::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_state = std::make_shared<MemorySecretBackend::State>();
    m_store = std::make_unique<CredentialStore>(m_dir->path(), std::make_unique<MemorySecretBackend>(m_state));
}

void TestCredentialStore::setListRemoveKeepsOrder()
{
    QCOMPARE(run([&](auto done) { m_store->set("openai", "work", "sk-work-1", done); }), QString());
    QCOMPARE(run([&](auto done) { m_store->set("openai", "home", "sk-home-2", done); }), QString());
    QCOMPARE(run([&](auto done) { m_store->set("anthropic", "default", "sk-ant-3", done); }), QString());
    QCOMPARE(aliases(*m_store, "openai"), (QStringList{"work", "home"}));
    QCOMPARE(m_state->entries.size(), 3);

    const auto set = loadAll(*m_store);
    QVERIFY(set.unavailableReason.isEmpty());
    QCOMPARE(int(set.instances.size()), 2);
    QCOMPARE(set.instances[0].name, QStringLiteral("openai"));
    QCOMPARE(set.instances[0].keys.at(0).secret, QStringLiteral("sk-work-1"));
    QCOMPARE(set.instances[0].keys.at(1).secret, QStringLiteral("sk-home-2"));
    QCOMPARE(set.instances[1].keys.at(0).alias, QStringLiteral("default"));

    QCOMPARE(run([&](auto done) { m_store->remove("openai", "work", done); }), QString());
    QCOMPARE(aliases(*m_store, "openai"), QStringList{"home"});
    QCOMPARE(m_state->entries.size(), 2);
    QVERIFY(!anyFileContains(m_dir->path(), "sk-"));
}

void TestCredentialStore::replaceKeepsPlaceAndDropsExtraParts()
{
    m_store->setPartSize(4);
    QCOMPARE(run([&](auto done) { m_store->set("openai", "a", "sk-aaaaaaaaaaaa", done); }), QString()); // 4 parts
    QCOMPARE(run([&](auto done) { m_store->set("openai", "b", "sk-b", done); }), QString());
    QCOMPARE(m_state->entries.size(), 5);
    QCOMPARE(run([&](auto done) { m_store->set("openai", "a", "sk-A", done); }), QString()); // now 1 part
    QCOMPARE(aliases(*m_store, "openai"), (QStringList{"a", "b"}));
    QCOMPARE(m_state->entries.size(), 2); // the old parts 2..4 are gone
    const auto set = loadAll(*m_store);
    QCOMPARE(set.instances.at(0).keys.at(0).secret, QStringLiteral("sk-A"));
}

void TestCredentialStore::longValueIsSplit()
{
    m_store->setPartSize(kWindowsPartSize);
    QByteArray secret(10 * 1024, 'x');
    for (int i = 0; i < secret.size(); ++i)
        secret[i] = char('a' + i % 26);
    QCOMPARE(run([&](auto done) { m_store->set("gemini", "jwt", secret, done); }), QString());
    QCOMPARE(m_state->entries.size(), 5);
    for (const QByteArray &v : std::as_const(m_state->entries))
        QVERIFY(v.size() <= kWindowsPartSize);
    QCOMPARE(m_store->list()->instance("gemini")->keys.at(0).parts, 5);
    const auto set = loadAll(*m_store);
    QCOMPARE(set.instances.at(0).keys.at(0).secret.size(), secret.size());
    QCOMPARE(set.instances.at(0).keys.at(0).secret.toLatin1(), secret);
}

void TestCredentialStore::removeWholeInstance()
{
    m_store->setPartSize(3);
    QCOMPARE(run([&](auto done) { m_store->set("openai", "a", "sk-1234", done); }), QString());
    QCOMPARE(run([&](auto done) { m_store->set("openai", "b", "sk-5", done); }), QString());
    QCOMPARE(run([&](auto done) { m_store->set("gemini", "c", "g", done); }), QString());
    QCOMPARE(run([&](auto done) { m_store->remove("openai", QString(), done); }), QString());
    QCOMPARE(m_store->list()->instance("openai"), nullptr);
    QCOMPARE(m_state->entries.size(), 1);
}

void TestCredentialStore::removeUnknown_data()
{
    QTest::addColumn<QString>("instance");
    QTest::addColumn<QString>("alias");
    QTest::addColumn<QString>("expected");
    QTest::newRow("instance") << "anthropic" << "" << "no keys are stored for 'anthropic'";
    QTest::newRow("alias") << "openai" << "nope" << "'openai' has no key with alias 'nope'";
}

void TestCredentialStore::removeUnknown()
{
    QFETCH(QString, instance);
    QFETCH(QString, alias);
    QFETCH(QString, expected);
    QCOMPARE(run([&](auto done) { m_store->set("openai", "a", "sk-1", done); }), QString());
    QCOMPARE(run([&](auto done) { m_store->remove(instance, alias, done); }), expected);
    QCOMPARE(aliases(*m_store, "openai"), QStringList{"a"});
}

void TestCredentialStore::unavailableRefusesAndWritesNothing_data()
{
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("prefix");
    QTest::newRow("no keychain") << int(Status::Unavailable) << "unavailable: no keychain in this test";
    QTest::newRow("locked/denied") << int(Status::Denied) << "unavailable: access denied";
}

void TestCredentialStore::unavailableRefusesAndWritesNothing()
{
    QFETCH(int, status);
    QFETCH(QString, prefix);
    m_state->failWith = Status(status);
    const QString error = run([&](auto done) { m_store->set("openai", "work", "sk-should-not-land", done); });
    QVERIFY2(error.startsWith(prefix), qPrintable(error));
    QVERIFY(aliases(*m_store, "openai").isEmpty());
    QVERIFY(!anyFileContains(m_dir->path(), "sk-should-not-land"));
    const QString check = run([&](auto done) { m_store->checkAvailable(done); });
    QVERIFY2(check.startsWith(QLatin1String("unavailable:")), qPrintable(check));
}

void TestCredentialStore::loadAllSkipsMissingEntry()
{
    QCOMPARE(run([&](auto done) { m_store->set("openai", "a", "sk-1", done); }), QString());
    QCOMPARE(run([&](auto done) { m_store->set("openai", "b", "sk-2", done); }), QString());
    // Someone deleted one entry in the keychain's own UI.
    for (auto it = m_state->entries.begin(); it != m_state->entries.end(); ++it) {
        if (it.key().endsWith(QLatin1String("/a"))) {
            m_state->entries.erase(it);
            break;
        }
    }
    const auto set = loadAll(*m_store);
    QVERIFY(set.unavailableReason.isEmpty());
    QCOMPARE(set.instances.at(0).keys.size(), 1);
    QCOMPARE(set.instances.at(0).keys.at(0).alias, QStringLiteral("b"));
    QCOMPARE(set.warnings.size(), 1);
    QVERIFY(set.warnings.first().contains(QLatin1String("'a'")));

    m_state->failWith = Status::Unavailable;
    const auto none = loadAll(*m_store);
    QVERIFY(none.instances.empty());
    QCOMPARE(none.unavailableReason, QStringLiteral("no keychain in this test"));
}

void TestCredentialStore::rejectsBadInput_data()
{
    QTest::addColumn<QString>("instance");
    QTest::addColumn<QString>("alias");
    QTest::addColumn<QByteArray>("secret");
    QTest::addColumn<QString>("expected");
    QTest::newRow("bad instance") << "../x" << "a" << QByteArray("sk") << "backend name '../x'";
    QTest::newRow("bad alias") << "openai" << "a b" << QByteArray("sk") << "alias 'a b'";
    QTest::newRow("empty") << "openai" << "a" << QByteArray() << "the key is empty";
    QTest::newRow("huge") << "openai" << "a" << QByteArray(kMaxSecretBytes + 1, 'k') << "larger than";
}

void TestCredentialStore::rejectsBadInput()
{
    QFETCH(QString, instance);
    QFETCH(QString, alias);
    QFETCH(QByteArray, secret);
    QFETCH(QString, expected);
    const QString error = run([&](auto done) { m_store->set(instance, alias, secret, done); });
    QVERIFY2(error.contains(expected), qPrintable(error));
    QCOMPARE(m_state->calls, 0);
}

void TestCredentialStore::callsBackAsynchronously()
{
    bool called = false;
    m_store->set("openai", "a", "sk-1", [&](const QString &) { called = true; });
    QVERIFY(!called); // never from inside the call: the GUI may be holding locks or iterating
    QTRY_VERIFY(called);
}

void TestCredentialStore::waitForTimesOutAndIgnoresLateAnswers()
{
    std::function<void()> late;
    QVERIFY(!waitFor([&](std::function<void()> finish) { late = finish; }, 50)); // never answered
    late(); // the keychain answers after all: must be harmless
    QVERIFY(waitFor([](std::function<void()> finish) { finish(); }, 50)); // answered at once
    QVERIFY(waitFor([this](std::function<void()> finish) { QTimer::singleShot(0, m_store.get(), finish); }, 5000));
}

void TestCredentialStore::startupWithNothingStoredLeavesConfigAlone()
{
    lip::config::Config config;
    config.dataDir = m_dir->path();
    loadKeychainIntoConfig(config, 1000);
    QVERIFY(config.backends.empty());
    QVERIFY(config.warnings.isEmpty());

    // A broken index is a warning naming the file, not a failed start.
    QFile index(indexFilePath(m_dir->path()));
    QVERIFY(index.open(QIODevice::WriteOnly));
    index.write("{\"version\": 1, \"instances\": [");
    index.close();
    loadKeychainIntoConfig(config, 1000);
    QVERIFY(config.backends.empty());
    QCOMPARE(config.warnings.size(), 1);
    QVERIFY2(config.warnings.first().contains(QLatin1String("credentials.json:1")), qPrintable(config.warnings.first()));
}

QTEST_GUILESS_MAIN(TestCredentialStore)
#include "tst_credentialstore.moc"
