// SPDX-License-Identifier: GPL-3.0-or-later
// credentials.json: names and order only; hostile or broken files give an error naming the file,
// line and entry, never a crash.

#include "config/credentials/credentialindex.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace lip::config::credentials;

class TestCredentialIndex : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void parseValid();
    void parseInvalid_data();
    void parseInvalid();
    void roundTripKeepsOrder();
    void saveAssignsStoreIdAndIsAtomic();
    void missingFileIsEmpty();
    void names_data();
    void names();
};

void TestCredentialIndex::parseValid()
{
    const QByteArray json = "{\"version\": 1, \"store\": \"abc-1\",\n"
                            " \"instances\": [{\"name\": \"openai\", \"keys\": [{\"alias\": \"work\", \"parts\": 1},"
                            " {\"alias\": \"home\", \"parts\": 5}]},\n"
                            " {\"name\": \"anthropic.2\", \"keys\": [{\"alias\": \"default\"}]}]}";
    const auto index = parseIndex(json, QStringLiteral("credentials.json"));
    QVERIFY2(index, qPrintable(index ? QString() : index.error().message));
    QCOMPARE(index->storeId, QStringLiteral("abc-1"));
    QCOMPARE(int(index->instances.size()), 2);
    QCOMPARE(index->instances[0].name, QStringLiteral("openai"));
    QCOMPARE(index->instances[0].keys.at(0).alias, QStringLiteral("work"));
    QCOMPARE(index->instances[0].keys.at(1).alias, QStringLiteral("home"));
    QCOMPARE(index->instances[0].keys.at(1).parts, 5);
    QCOMPARE(index->instances[1].keys.at(0).parts, 1);
    QCOMPARE(index->keyCount(), 3);
}

void TestCredentialIndex::parseInvalid_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QString>("expected");
    QTest::newRow("not json") << QByteArray("{\n\"version\": 1,\n oops}") << QStringLiteral("f.json:3: not valid JSON");
    QTest::newRow("truncated") << QByteArray("{\"version\": 1, \"instances\": [") << QStringLiteral("f.json:1: not valid JSON");
    QTest::newRow("array root") << QByteArray("[]") << QStringLiteral("must be a JSON object");
    QTest::newRow("wrong version") << QByteArray("{\"version\": 2}") << QStringLiteral("'version' must be 1");
    QTest::newRow("unknown key") << QByteArray("{\"version\": 1,\n\"secret\": \"x\"}") << QStringLiteral("f.json:2: 'secret' is not a known key");
    QTest::newRow("instances not a list") << QByteArray("{\"version\": 1, \"instances\": {}}") << QStringLiteral("'instances' must be a list");
    QTest::newRow("bad instance name")
        << QByteArray("{\"version\": 1, \"store\": \"s\", \"instances\": [{\"name\": \"../etc\", \"keys\": [{\"alias\": \"a\"}]}]}")
        << QStringLiteral("'instances[0].name' may contain only");
    QTest::newRow("missing alias")
        << QByteArray("{\"version\": 1, \"store\": \"s\", \"instances\": [{\"name\": \"openai\", \"keys\": [{}]}]}")
        << QStringLiteral("'instances[0].keys[0].alias' is empty");
    QTest::newRow("duplicate alias")
        << QByteArray("{\"version\": 1, \"store\": \"s\", \"instances\": [{\"name\": \"openai\", \"keys\": [{\"alias\": \"a\"}, {\"alias\": \"a\"}]}]}")
        << QStringLiteral("'instances[0].keys[1].alias' 'a' is listed twice");
    QTest::newRow("duplicate instance")
        << QByteArray("{\"version\": 1, \"store\": \"s\", \"instances\": [{\"name\": \"openai\", \"keys\": [{\"alias\": \"a\"}]},"
                      "{\"name\": \"openai\", \"keys\": [{\"alias\": \"b\"}]}]}")
        << QStringLiteral("'instances[1].name' 'openai' is listed twice");
    QTest::newRow("too many parts")
        << QByteArray("{\"version\": 1, \"store\": \"s\", \"instances\": [{\"name\": \"openai\", \"keys\": [{\"alias\": \"a\", \"parts\": 100000}]}]}")
        << QStringLiteral("'instances[0].keys[0].parts' must be from 1 to 64");
    QTest::newRow("keys without store")
        << QByteArray("{\"version\": 1, \"instances\": [{\"name\": \"openai\", \"keys\": [{\"alias\": \"a\"}]}]}")
        << QStringLiteral("'store' is missing");
    QTest::newRow("huge") << QByteArray(2 * 1024 * 1024, ' ') << QStringLiteral("is larger than 1024 KiB");
}

void TestCredentialIndex::parseInvalid()
{
    QFETCH(QByteArray, json);
    QFETCH(QString, expected);
    const auto index = parseIndex(json, QStringLiteral("f.json"));
    QVERIFY(!index);
    QVERIFY2(index.error().message.contains(expected), qPrintable(index.error().message));
    QVERIFY2(index.error().message.startsWith(QLatin1String("f.json")), qPrintable(index.error().message));
}

void TestCredentialIndex::roundTripKeepsOrder()
{
    CredentialIndex index;
    index.storeId = QStringLiteral("store-1");
    index.instances.push_back({QStringLiteral("zeta"), {{QStringLiteral("b"), 1}, {QStringLiteral("a"), 3}}});
    index.instances.push_back({QStringLiteral("alpha"), {{QStringLiteral("z"), 1}}});
    index.instances.push_back({QStringLiteral("empty"), {}}); // dropped: nothing stored
    const auto back = parseIndex(serializeIndex(index), QStringLiteral("x"));
    QVERIFY(back);
    QCOMPARE(int(back->instances.size()), 2);
    QCOMPARE(back->instances[0].name, QStringLiteral("zeta"));
    QCOMPARE(back->instances[0].keys.at(0).alias, QStringLiteral("b"));
    QCOMPARE(back->instances[0].keys.at(1).alias, QStringLiteral("a"));
    QCOMPARE(back->instances[0].keys.at(1).parts, 3);
    QCOMPARE(back->instances[1].name, QStringLiteral("alpha"));
}

void TestCredentialIndex::saveAssignsStoreIdAndIsAtomic()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = indexFilePath(dir.filePath(QStringLiteral("nested/data")));
    CredentialIndex index;
    index.instances.push_back({QStringLiteral("openai"), {{QStringLiteral("work"), 1}}});
    QCOMPARE(saveIndex(path, index), QString());
    QVERIFY(!index.storeId.isEmpty());
    const auto loaded = loadIndex(path);
    QVERIFY(loaded);
    QCOMPARE(loaded->storeId, index.storeId);
    // QSaveFile leaves no temporary next to the file.
    QCOMPARE(QDir(QFileInfo(path).absolutePath()).entryList(QDir::Files), QStringList{QStringLiteral("credentials.json")});

    // A second save keeps the id.
    const QString id = index.storeId;
    index.instances.clear();
    QCOMPARE(saveIndex(path, index), QString());
    QCOMPARE(index.storeId, id);
}

void TestCredentialIndex::missingFileIsEmpty()
{
    QTemporaryDir dir;
    const auto index = loadIndex(indexFilePath(dir.path()));
    QVERIFY(index);
    QCOMPARE(index->keyCount(), 0);
    QVERIFY(index->storeId.isEmpty());
}

void TestCredentialIndex::names_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<bool>("valid");
    QTest::newRow("type") << QStringLiteral("openai") << true;
    QTest::newRow("numbered") << QStringLiteral("openai.2") << true;
    QTest::newRow("dashes") << QStringLiteral("my-ollama_1") << true;
    QTest::newRow("empty") << QString() << false;
    QTest::newRow("slash") << QStringLiteral("a/b") << false;
    QTest::newRow("leading dot") << QStringLiteral(".hidden") << false;
    QTest::newRow("space") << QStringLiteral("a b") << false;
    QTest::newRow("newline") << QStringLiteral("a\nb") << false;
    QTest::newRow("too long") << QString(65, QLatin1Char('a')) << false;
    QTest::newRow("64 is fine") << QString(64, QLatin1Char('a')) << true;
}

void TestCredentialIndex::names()
{
    QFETCH(QString, name);
    QFETCH(bool, valid);
    QCOMPARE(nameProblem(name).isEmpty(), valid);
}

QTEST_GUILESS_MAIN(TestCredentialIndex)
#include "tst_credentialindex.moc"
