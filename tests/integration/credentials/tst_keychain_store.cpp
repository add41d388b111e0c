// SPDX-License-Identifier: GPL-3.0-or-later
// CredentialStore against the real OS keychain: on Linux a private GNOME Keyring on a private
// D-Bus session (run through with_keyring.sh). Set/list/remove round trip, order and aliases,
// a 10 KiB value split into parts, and no secret in the data dir afterwards.

#include "config/credentials/credentialstore.h"
#include "config/credentials/secretchunks.h"
#include "config/credentials/startupcredentials.h"

#include <QDirIterator>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace lip::config::credentials;

namespace {

QString run(const std::function<void(CredentialStore::Done)> &operation)
{
    auto result = std::make_shared<QString>();
    const bool answered = waitFor(
        [&](std::function<void()> finish) {
            operation([result, finish](const QString &error) {
                *result = error;
                finish();
            });
        },
        30000);
    return answered ? *result : QStringLiteral("(timeout)");
}

lip::config::CredentialSet loadAll(CredentialStore &store)
{
    auto set = std::make_shared<lip::config::CredentialSet>();
    set->unavailableReason = QStringLiteral("(timeout)");
    waitFor([&](std::function<void()> finish) {
        store.loadAll([set, finish](const lip::config::CredentialSet &s) {
            *set = s;
            finish();
        });
    }, 30000);
    return *set;
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

} // namespace

class TestKeychainStore : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void roundTripInOrder();
    void longValueInParts();
    void separateDataDirsDoNotShareKeys();

private:
    QTemporaryDir m_dir;
};

void TestKeychainStore::initTestCase()
{
    QVERIFY2(!qEnvironmentVariableIsEmpty("DBUS_SESSION_BUS_ADDRESS"), "run through with_keyring.sh");
    QVERIFY(m_dir.isValid());
    CredentialStore store(m_dir.path());
    QCOMPARE(run([&](auto done) { store.checkAvailable(done); }), QString());
}

void TestKeychainStore::roundTripInOrder()
{
    const QString dataDir = m_dir.filePath(QStringLiteral("roundtrip"));
    {
        CredentialStore store(dataDir);
        QCOMPARE(run([&](auto done) { store.set("openai", "work", "sk-real-work-0001", done); }), QString());
        QCOMPARE(run([&](auto done) { store.set("openai", "home", "sk-real-home-0002", done); }), QString());
        QCOMPARE(run([&](auto done) { store.set("anthropic.2", "team", "sk-ant-real-0003", done); }), QString());
        // Replacing keeps the place in the order.
        QCOMPARE(run([&](auto done) { store.set("openai", "work", "sk-real-work-0004", done); }), QString());
    }
    {
        CredentialStore store(dataDir); // a fresh object reads what the first one stored
        const auto set = loadAll(store);
        QVERIFY2(set.unavailableReason.isEmpty(), qPrintable(set.unavailableReason));
        QVERIFY(set.warnings.isEmpty());
        QCOMPARE(int(set.instances.size()), 2);
        QCOMPARE(set.instances[0].name, QStringLiteral("openai"));
        QCOMPARE(set.instances[0].keys.size(), 2);
        QCOMPARE(set.instances[0].keys[0].alias, QStringLiteral("work"));
        QCOMPARE(set.instances[0].keys[0].secret, QStringLiteral("sk-real-work-0004"));
        QCOMPARE(set.instances[0].keys[1].alias, QStringLiteral("home"));
        QCOMPARE(set.instances[0].keys[1].secret, QStringLiteral("sk-real-home-0002"));
        QCOMPARE(set.instances[1].name, QStringLiteral("anthropic.2"));
        QCOMPARE(set.instances[1].keys[0].secret, QStringLiteral("sk-ant-real-0003"));

        QCOMPARE(run([&](auto done) { store.remove("openai", "work", done); }), QString());
        QCOMPARE(run([&](auto done) { store.remove("anthropic.2", QString(), done); }), QString());
        const auto after = loadAll(store);
        QCOMPARE(int(after.instances.size()), 1);
        QCOMPARE(after.instances[0].keys.size(), 1);
        QCOMPARE(after.instances[0].keys[0].alias, QStringLiteral("home"));
    }
    for (const char *secret : {"sk-real-work", "sk-real-home", "sk-ant-real"})
        QVERIFY2(!anyFileContains(dataDir, secret), secret);
}

void TestKeychainStore::longValueInParts()
{
    const QString dataDir = m_dir.filePath(QStringLiteral("long"));
    QByteArray secret(10 * 1024, Qt::Uninitialized);
    for (int i = 0; i < secret.size(); ++i)
        secret[i] = char('A' + (i * 13) % 26);
    secret.prepend("sk-long-");
    CredentialStore store(dataDir);
    store.setPartSize(kWindowsPartSize); // as on Windows, whatever this platform is
    QCOMPARE(run([&](auto done) { store.set("gemini", "jwt", secret, done); }), QString());
    const auto index = store.list();
    QVERIFY(index);
    QCOMPARE(index->instance("gemini")->keys.at(0).parts, 6); // 10248 bytes / 2048

    CredentialStore reader(dataDir);
    const auto set = loadAll(reader);
    QVERIFY2(set.unavailableReason.isEmpty(), qPrintable(set.unavailableReason));
    QCOMPARE(set.instances.at(0).keys.at(0).secret.toLatin1(), secret);
    QVERIFY(!anyFileContains(dataDir, secret.left(64)));

    // Removing takes every part with it: storing again under the same alias as one part reads back whole.
    QCOMPARE(run([&](auto done) { store.remove("gemini", "jwt", done); }), QString());
    store.setPartSize(0);
    QCOMPARE(run([&](auto done) { store.set("gemini", "jwt", "sk-short", done); }), QString());
    QCOMPARE(loadAll(reader).instances.at(0).keys.at(0).secret, QStringLiteral("sk-short"));
}

void TestKeychainStore::separateDataDirsDoNotShareKeys()
{
    CredentialStore a(m_dir.filePath(QStringLiteral("a")));
    CredentialStore b(m_dir.filePath(QStringLiteral("b")));
    QCOMPARE(run([&](auto done) { a.set("openai", "default", "sk-from-a", done); }), QString());
    QCOMPARE(run([&](auto done) { b.set("openai", "default", "sk-from-b", done); }), QString());
    QCOMPARE(loadAll(a).instances.at(0).keys.at(0).secret, QStringLiteral("sk-from-a"));
    QCOMPARE(loadAll(b).instances.at(0).keys.at(0).secret, QStringLiteral("sk-from-b"));
}

QTEST_GUILESS_MAIN(TestKeychainStore)
#include "tst_keychain_store.moc"
