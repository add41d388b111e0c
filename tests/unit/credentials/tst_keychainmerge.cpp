// SPDX-License-Identifier: GPL-3.0-or-later
// mergeKeychainCredentials: keychain keys after env/config keys, keychain-only instances become
// configured like env-only ones, and through loadConfig's hook a keychain-only backend can be
// the default backend.

#include "config/configloader.h"
#include "config/credentials/keychainmerge.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace lip::config;

namespace {

CredentialSet keychain(std::initializer_list<std::pair<const char *, QList<KeychainKey>>> instances)
{
    CredentialSet set;
    for (const auto &[name, keys] : instances)
        set.instances.push_back({QString::fromLatin1(name), keys});
    return set;
}

KeychainKey key(const char *alias, const char *secret)
{
    return {QString::fromLatin1(alias), QString::fromLatin1(secret)};
}

} // namespace

class TestKeychainMerge : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void appendsAfterEnvKeys();
    void keychainOnlyInstance_data();
    void keychainOnlyInstance();
    void unknownNameIsWarned();
    void declaredCustomInstanceGetsKeys();
    void sameValueNotAddedTwice();
    void emptySetChangesNothing();
    void loaderHookMakesKeychainBackendUsable();
};

void TestKeychainMerge::appendsAfterEnvKeys()
{
    const auto loaded = loadConfig({}, {{QStringLiteral("OPENAI_API_KEY"), QStringLiteral("sk-env-1")},
                                        {QStringLiteral("OPENAI_API_KEY_2"), QStringLiteral("sk-env-2")}});
    QVERIFY(loaded);
    Config config = *loaded;
    mergeKeychainCredentials(config, keychain({{"openai", {key("work", "sk-kc-work"), key("home", "sk-kc-home")}}}));
    const BackendConfig *openai = config.backend(QStringLiteral("openai"));
    QVERIFY(openai);
    QCOMPARE(openai->apiKeys, (QStringList{QStringLiteral("sk-env-1"), QStringLiteral("sk-env-2"),
                                           QStringLiteral("sk-kc-work"), QStringLiteral("sk-kc-home")}));
    QCOMPARE(openai->keyAliases.size(), 4);
    QCOMPARE(openai->keyAliases.at(2), QStringLiteral("keychain:work"));
    QCOMPARE(openai->keyAliases.at(3), QStringLiteral("keychain:home"));
    QVERIFY(openai->keyAliases.at(0).startsWith(QLatin1String("env:")));
    QCOMPARE(int(config.backends.size()), 1);
}

void TestKeychainMerge::keychainOnlyInstance_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("type");
    QTest::newRow("type name") << QStringLiteral("anthropic") << QStringLiteral("anthropic");
    QTest::newRow("numbered instance") << QStringLiteral("openai.2") << QStringLiteral("openai");
    QTest::newRow("gemini") << QStringLiteral("gemini") << QStringLiteral("gemini");
}

void TestKeychainMerge::keychainOnlyInstance()
{
    QFETCH(QString, name);
    QFETCH(QString, type);
    const auto loaded = loadConfig({}, {});
    QVERIFY(loaded);
    Config config = *loaded;
    QVERIFY(config.backends.empty());
    CredentialSet set;
    set.instances.push_back({name, {key("work", "sk-secret-1")}});
    mergeKeychainCredentials(config, set);
    const BackendConfig *b = config.backend(name);
    QVERIFY(b);
    QCOMPARE(b->type, type);
    QVERIFY(!b->baseUrl.isEmpty());
    QCOMPARE(b->apiKeys, QStringList{QStringLiteral("sk-secret-1")});
    QCOMPARE(b->keyAliases, QStringList{QStringLiteral("keychain:work")});
    QCOMPARE(b->origin, QStringLiteral("keychain:work"));
    QCOMPARE(b->timeoutSeconds, config.proxyTimeoutSeconds);
    QCOMPARE(config.defaultBackend, name);
    // No secret in anything that is shown to users.
    QVERIFY(!b->origin.contains(QLatin1String("sk-secret")));
    QVERIFY(!config.warnings.join(QLatin1Char('\n')).contains(QLatin1String("sk-secret")));
}

void TestKeychainMerge::unknownNameIsWarned()
{
    Config config;
    mergeKeychainCredentials(config, keychain({{"mystery", {key("a", "sk-mystery")}}}));
    QVERIFY(config.backends.empty());
    QCOMPARE(config.warnings.size(), 1);
    QVERIFY(config.warnings.first().contains(QLatin1String("'mystery'")));
    QVERIFY(config.warnings.first().contains(QLatin1String("openai")));
    QVERIFY(!config.warnings.first().contains(QLatin1String("sk-mystery")));
}

void TestKeychainMerge::declaredCustomInstanceGetsKeys()
{
    Config config;
    BackendConfig b;
    b.name = QStringLiteral("work");
    b.type = QStringLiteral("anthropic");
    b.baseUrl = QStringLiteral("http://127.0.0.1:9");
    config.backends.push_back(b);
    config.defaultBackend = QStringLiteral("work");
    mergeKeychainCredentials(config, keychain({{"work", {key("a", "sk-a")}}, {"openai", {key("b", "sk-b")}}}));
    QCOMPARE(config.backend(QStringLiteral("work"))->apiKeys, QStringList{QStringLiteral("sk-a")});
    QCOMPARE(config.backend(QStringLiteral("work"))->baseUrl, QStringLiteral("http://127.0.0.1:9"));
    QVERIFY(config.backend(QStringLiteral("openai")));
    QCOMPARE(config.defaultBackend, QStringLiteral("work")); // an existing default stays
    QCOMPARE(config.backends.front().name, QStringLiteral("work"));
}

void TestKeychainMerge::sameValueNotAddedTwice()
{
    Config config;
    BackendConfig b;
    b.name = QStringLiteral("openai");
    b.type = QStringLiteral("openai");
    b.apiKeys = {QStringLiteral("sk-same")};
    b.keyAliases = {QStringLiteral("env:OPENAI_API_KEY")};
    config.backends.push_back(b);
    mergeKeychainCredentials(config, keychain({{"openai", {key("dup", "sk-same"), key("new", "sk-new")}}}));
    QCOMPARE(config.backend(QStringLiteral("openai"))->apiKeys,
             (QStringList{QStringLiteral("sk-same"), QStringLiteral("sk-new")}));
    QCOMPARE(config.backend(QStringLiteral("openai"))->keyAliases,
             (QStringList{QStringLiteral("env:OPENAI_API_KEY"), QStringLiteral("keychain:new")}));
}

void TestKeychainMerge::emptySetChangesNothing()
{
    const auto loaded = loadConfig({}, {{QStringLiteral("OPENAI_API_KEY"), QStringLiteral("sk-env")}});
    QVERIFY(loaded);
    Config config = *loaded;
    CredentialSet set;
    set.unavailableReason = QStringLiteral("no keychain");
    mergeKeychainCredentials(config, set);
    QCOMPARE(int(config.backends.size()), 1);
    QCOMPARE(config.backends.front().apiKeys, QStringList{QStringLiteral("sk-env")});
}

void TestKeychainMerge::loaderHookMakesKeychainBackendUsable()
{
    // The file declares anthropic without a key (it would be skipped) and names it the default;
    // the keychain supplies the key, so it stays, keeps its timeout, and is the default.
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(QStringLiteral("config.yaml"));
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("backends:\n  default_backend: anthropic\n  anthropic:\n    timeout: 42\n");
    file.close();
    CliOptions cli;
    cli.configFile = path;
    cli.dataDir = dir.path();

    const auto without = loadConfig(cli, {});
    QVERIFY(!without); // the default backend has no key
    QVERIFY(without.error().message.contains(QLatin1String("anthropic")));

    QString seenDataDir;
    const auto with = loadConfig(cli, {}, [&](Config &c) {
        seenDataDir = c.dataDir;
        mergeKeychainCredentials(c, keychain({{"anthropic", {key("work", "sk-ant-kc")}}}));
    });
    QVERIFY2(with, qPrintable(with ? QString() : with.error().message));
    QCOMPARE(seenDataDir, dir.path());
    QCOMPARE(with->defaultBackend, QStringLiteral("anthropic"));
    const BackendConfig *b = with->backend(QStringLiteral("anthropic"));
    QVERIFY(b);
    QCOMPARE(b->apiKeys, QStringList{QStringLiteral("sk-ant-kc")});
    QCOMPARE(b->timeoutSeconds, 42);
    QVERIFY(!b->baseUrl.isEmpty());
    QVERIFY(!with->warnings.join(QLatin1Char('\n')).contains(QLatin1String("skipped")));
}

QTEST_GUILESS_MAIN(TestKeychainMerge)
#include "tst_keychainmerge.moc"
