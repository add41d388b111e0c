// SPDX-License-Identifier: GPL-3.0-or-later
// Session persistence (restart keeps overrides and routes), bounds, expiry and damaged files.

#include "session/sessionstore.h"

#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace lip;
using namespace lip::session;

class TestSessionStore : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void survivesRestart()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString path = dir.filePath(QStringLiteral("sessions.json"));
        config::SessionConfig cfg;
        {
            SessionStore store(cfg, path);
            SessionState &s = store.touch(QStringLiteral("abc"));
            s.model = QStringLiteral("anthropic:claude-x");
            s.temperature = QStringLiteral("0.2");
            s.loopDetection = false;
            s.inputTokens = 42;
            config::RouteConfig r;
            r.name = QStringLiteral("fast");
            r.policy = QStringLiteral("km");
            r.elements = {QStringLiteral("openai:gpt-4o")};
            s.routes.push_back(r);
            store.markDirty();
            store.flush();
            QVERIFY(QFile::exists(path));
        }
        SessionStore again(cfg, path);
        QCOMPARE(again.count(), 1);
        SessionState *s = again.find(QStringLiteral("abc"));
        QVERIFY(s);
        QCOMPARE(s->model, QStringLiteral("anthropic:claude-x"));
        QCOMPARE(s->temperature, QStringLiteral("0.2"));
        QCOMPARE(s->loopDetection, std::optional<bool>(false));
        QVERIFY(!s->interactiveMode.has_value());
        QCOMPARE(s->inputTokens, qint64(42));
        QCOMPARE(s->routes.size(), size_t(1));
        QCOMPARE(s->routes[0].policy, QStringLiteral("km"));
        QCOMPARE(s->routes[0].elements, QStringList{QStringLiteral("openai:gpt-4o")});
    }

    void boundedCount()
    {
        config::SessionConfig cfg;
        cfg.maxSessions = 3;
        SessionStore store(cfg, QString());
        for (int i = 0; i < 10; ++i)
            store.touch(QStringLiteral("s%1").arg(i));
        QVERIFY(store.count() <= 3);
        QVERIFY(store.find(QStringLiteral("s9"))); // the newest stays
        QVERIFY(!store.find(QStringLiteral("s0")));
    }

    void idleSessionsExpireOnLoad()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("sessions.json"));
        QHash<QString, SessionState> sessions;
        SessionState old;
        old.id = QStringLiteral("old");
        old.lastSeen = QDateTime::currentDateTimeUtc().addSecs(-7200);
        old.created = old.lastSeen;
        SessionState fresh;
        fresh.id = QStringLiteral("fresh");
        fresh.lastSeen = QDateTime::currentDateTimeUtc();
        fresh.created = fresh.lastSeen;
        sessions.insert(old.id, old);
        sessions.insert(fresh.id, fresh);
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(SessionStore::serialize(sessions));
        file.close();
        config::SessionConfig cfg;
        cfg.idleExpirySeconds = 3600;
        SessionStore store(cfg, path);
        QVERIFY(store.find(QStringLiteral("fresh")));
        QVERIFY(!store.find(QStringLiteral("old")));
    }

    void damagedFiles_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<int>("count");
        QTest::newRow("garbage") << QByteArray("\x01\x02{not json") << 0;
        QTest::newRow("truncated") << QByteArray(R"J({"version":1,"sessions":[{"id":"a","last_seen":)J") << 0;
        QTest::newRow("wrong version") << QByteArray(R"J({"version":9,"sessions":[]})J") << 0;
        QTest::newRow("wrong types") << QByteArray(R"J({"version":1,"sessions":[{"id":5},{"id":"b","last_seen":"x"},"y"]})J") << 0;
        QTest::newRow("one good") << QByteArray("{\"version\":1,\"sessions\":[{\"id\":\"g\",\"last_seen\":\""
                                                + QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs).toLatin1()
                                                + "\",\"routes\":[{\"name\":\"\"},{\"name\":\"r\",\"elements\":[1]}]}]}")
                                  << 1;
    }
    void damagedFiles()
    {
        QFETCH(QByteArray, bytes);
        QFETCH(int, count);
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("sessions.json"));
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(bytes);
        file.close();
        SessionStore store(config::SessionConfig{}, path);
        QCOMPARE(store.count(), count);
    }
};

QTEST_GUILESS_MAIN(TestSessionStore)
#include "tst_sessionstore.moc"
