// SPDX-License-Identifier: GPL-3.0-or-later
// Splitting long keychain values into parts (Windows caps a credential blob at 2560 bytes).

#include "config/credentials/secretchunks.h"

#include <QTest>

using namespace lip::config::credentials;

class TestSecretChunks : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void split_data();
    void split();
    void partKeys_data();
    void partKeys();
    void platformDefault();
};

void TestSecretChunks::split_data()
{
    QTest::addColumn<int>("size");
    QTest::addColumn<int>("partSize");
    QTest::addColumn<int>("expectedParts");
    QTest::newRow("empty") << 0 << 2048 << 1;
    QTest::newRow("one byte") << 1 << 2048 << 1;
    QTest::newRow("just below") << 2047 << 2048 << 1;
    QTest::newRow("exactly one part") << 2048 << 2048 << 1;
    QTest::newRow("one byte over") << 2049 << 2048 << 2;
    QTest::newRow("10 KiB") << 10240 << 2048 << 5;
    QTest::newRow("10 KiB + 1") << 10241 << 2048 << 6;
    QTest::newRow("no splitting (0)") << 10240 << 0 << 1;
    QTest::newRow("no splitting (negative)") << 10240 << -1 << 1;
    QTest::newRow("tiny parts") << 10 << 3 << 4;
    QTest::newRow("windows blob cap") << 2560 << kWindowsPartSize << 2;
}

void TestSecretChunks::split()
{
    QFETCH(int, size);
    QFETCH(int, partSize);
    QFETCH(int, expectedParts);
    QByteArray secret(size, Qt::Uninitialized);
    for (int i = 0; i < size; ++i)
        secret[i] = char('a' + (i * 7) % 26); // no repeating period aligned with any part size
    const QList<QByteArray> parts = splitSecret(secret, partSize);
    QCOMPARE(parts.size(), expectedParts);
    for (const QByteArray &part : parts) {
        if (partSize > 0)
            QVERIFY(part.size() <= partSize);
        if (parts.size() > 1)
            QVERIFY(!part.isEmpty());
    }
    QCOMPARE(joinParts(parts), secret);
}

void TestSecretChunks::partKeys_data()
{
    QTest::addColumn<int>("index");
    QTest::addColumn<QString>("expected");
    QTest::newRow("first part is the base key") << 0 << QStringLiteral("id/openai/work");
    QTest::newRow("second") << 1 << QStringLiteral("id/openai/work.part2");
    QTest::newRow("fifth") << 4 << QStringLiteral("id/openai/work.part5");
}

void TestSecretChunks::partKeys()
{
    QFETCH(int, index);
    QFETCH(QString, expected);
    QCOMPARE(partKey(QStringLiteral("id/openai/work"), index), expected);
}

void TestSecretChunks::platformDefault()
{
#ifdef Q_OS_WIN
    QCOMPARE(defaultPartSize(), kWindowsPartSize);
#else
    QCOMPARE(defaultPartSize(), 0);
#endif
    QVERIFY(kWindowsPartSize < 2560);
    QVERIFY(kMaxSecretBytes <= kMaxParts * kWindowsPartSize);
}

QTEST_GUILESS_MAIN(TestSecretChunks)
#include "tst_secretchunks.moc"
