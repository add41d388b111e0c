// SPDX-License-Identifier: GPL-3.0-or-later
// The desktop shell's parts that need no engine: single instance, start at login, languages.

#include "autostart.h"
#include "config/credentials/credentialindex.h"
#include "config/credentials/keychainmerge.h"
#include "languagemanager.h"
#include "singleinstance.h"
#include "uiresources.h"

#include <QCoreApplication>
#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>
#include <QUuid>

using lip::ui::Autostart;
using lip::ui::LanguageManager;
using lip::ui::SingleInstance;

class TestShellParts : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void secondInstanceShowsTheFirst();
    void serverNameDependsOnDataDir();
    void autostartWritesAndRemovesEntry_data();
    void autostartWritesAndRemovesEntry();
    void languagesListed();
    void proxyKeyFromKeychainIsAClientKey();

private:
    QTemporaryDir m_xdg;
};

void TestShellParts::initTestCase()
{
    QVERIFY(m_xdg.isValid());
    qputenv("XDG_CONFIG_HOME", m_xdg.path().toLocal8Bit());
    lip::ui::initResources();
}

void TestShellParts::secondInstanceShowsTheFirst()
{
    // Unique per run: tests run in parallel.
    const QString name = QStringLiteral("lip-test-") + QUuid::createUuid().toString(QUuid::Id128).left(16);
    SingleInstance first(name);
    QVERIFY(first.claim());
    QVERIFY(first.isPrimary());
    QSignalSpy shown(&first, &SingleInstance::showRequested);

    // The second launch blocks until the first acknowledges, so it runs on its own thread
    // while this one serves the first instance's socket.
    bool secondClaimed = true;
    QThread *second = QThread::create([&name, &secondClaimed] {
        SingleInstance other(name);
        secondClaimed = other.claim(30000);
    });
    second->start();
    QTRY_COMPARE_WITH_TIMEOUT(shown.count(), 1, 30000);
    QTRY_VERIFY_WITH_TIMEOUT(second->isFinished(), 30000);
    delete second;
    QVERIFY(!secondClaimed);
    QVERIFY(first.isPrimary());
}

void TestShellParts::serverNameDependsOnDataDir()
{
    const QString a = SingleInstance::serverName(QStringLiteral("/tmp/a"));
    QCOMPARE(SingleInstance::serverName(QStringLiteral("/tmp/a/")), a);
    QVERIFY(SingleInstance::serverName(QStringLiteral("/tmp/b")) != a);
    QVERIFY(a.size() < 64);
}

void TestShellParts::autostartWritesAndRemovesEntry_data()
{
    QTest::addColumn<QString>("program");
    QTest::addColumn<bool>("hidden");
    QTest::addColumn<QString>("exec");
    QTest::newRow("plain") << "/opt/lip/bin/llm-interactive-proxy" << false << "Exec=/opt/lip/bin/llm-interactive-proxy";
    QTest::newRow("hidden") << "/opt/lip/bin/llm-interactive-proxy" << true
                            << "Exec=/opt/lip/bin/llm-interactive-proxy --start-hidden";
    QTest::newRow("space in path") << "/home/a b/llm-interactive-proxy" << true
                                   << "Exec=\"/home/a b/llm-interactive-proxy\" --start-hidden";
}

void TestShellParts::autostartWritesAndRemovesEntry()
{
#if defined(Q_OS_WIN) || defined(Q_OS_MACOS)
    QSKIP("the XDG entry is Linux/BSD only");
#endif
    QFETCH(QString, program);
    QFETCH(bool, hidden);
    QFETCH(QString, exec);
    const QString path = m_xdg.filePath(QStringLiteral("autostart/llm-interactive-proxy.desktop"));
    QCOMPARE(Autostart::location(), path);
    QVERIFY(!Autostart::isEnabled());

    QCOMPARE(Autostart::setEnabled(true, program, hidden), QString());
    QVERIFY(Autostart::isEnabled());
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QStringList lines = QString::fromUtf8(file.readAll()).split(QLatin1Char('\n'));
    file.close();
    QCOMPARE(lines.constFirst(), QStringLiteral("[Desktop Entry]"));
    QVERIFY(lines.contains(QStringLiteral("Type=Application")));
    QVERIFY(lines.contains(QStringLiteral("X-GNOME-Autostart-enabled=true")));
    QVERIFY2(lines.contains(exec), qPrintable(lines.join(QLatin1Char('\n'))));

    QCOMPARE(Autostart::setEnabled(false, program, hidden), QString());
    QVERIFY(!QFile::exists(path));
    QVERIFY(!Autostart::isEnabled());
}

void TestShellParts::languagesListed()
{
    const QList<LanguageManager::Language> languages = LanguageManager::available();
    QVERIFY(languages.size() >= 4);
    QCOMPARE(languages.at(0).code, QString());
    QCOMPARE(languages.at(1).code, QStringLiteral("en"));
    QStringList codes;
    for (const auto &l : languages)
        codes << l.code;
    QVERIFY2(codes.contains(QStringLiteral("de")), qPrintable(codes.join(QLatin1Char(','))));
    QVERIFY2(codes.contains(QStringLiteral("zh_CN")), qPrintable(codes.join(QLatin1Char(','))));
    QCOMPARE(codes.count(QStringLiteral("en")), 1);
    for (const auto &l : languages)
        if (l.code == QLatin1String("zh_CN"))
            QCOMPARE(l.nativeName, QStringLiteral("简体中文"));

    LanguageManager manager;
    QVERIFY(manager.setLanguage(QStringLiteral("de")));
    QCOMPARE(QCoreApplication::translate("lip::ui::SettingsPage", "Settings"), QStringLiteral("Einstellungen"));
    QVERIFY(manager.setLanguage(QStringLiteral("en")));
    QCOMPARE(QCoreApplication::translate("lip::ui::SettingsPage", "Settings"), QStringLiteral("Settings"));
    QVERIFY(!manager.setLanguage(QStringLiteral("xx")));
}

void TestShellParts::proxyKeyFromKeychainIsAClientKey()
{
    // The Settings page stores the client key under the reserved instance "@proxy".
    QCOMPARE(lip::config::credentials::nameProblem(QStringLiteral("@proxy")), QString());
    QVERIFY(!lip::config::credentials::nameProblem(QStringLiteral("@other")).isEmpty());

    lip::config::Config config;
    config.proxyApiKeys = {QStringLiteral("from-env")};
    lip::config::CredentialSet keychain;
    keychain.instances.push_back({QStringLiteral("@proxy"), {{QStringLiteral("client-key"), QStringLiteral("lip-abc")}}});
    keychain.instances.push_back({QStringLiteral("openai"), {{QStringLiteral("work"), QStringLiteral("sk-openai")}}});
    lip::config::mergeKeychainCredentials(config, keychain);
    QCOMPARE(config.proxyApiKeys, (QStringList{QStringLiteral("from-env"), QStringLiteral("lip-abc")}));
    QVERIFY(!config.backend(QStringLiteral("@proxy")));
    QVERIFY(config.backend(QStringLiteral("openai")));
    QVERIFY(!config.backend(QStringLiteral("openai"))->apiKeys.contains(QStringLiteral("lip-abc")));
    // Merging twice (a live reload) adds nothing twice.
    lip::config::mergeKeychainCredentials(config, keychain);
    QCOMPARE(config.proxyApiKeys.size(), 2);
}

QTEST_MAIN(TestShellParts)
#include "tst_shellparts.moc"
