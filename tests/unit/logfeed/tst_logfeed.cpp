// SPDX-License-Identifier: GPL-3.0-or-later
// LogFeed: secrets never reach the GUI's log, the ring keeps the newest lines, and lines logged
// on other threads arrive on the feed's thread.

#include "core/logfeed.h"

#include <QLoggingCategory>
#include <QSignalSpy>
#include <QTest>
#include <QThread>

#include <atomic>
#include <vector>

using namespace lip;

Q_LOGGING_CATEGORY(lcTestFeed, "lip.test.feed")
Q_LOGGING_CATEGORY(lcOther, "other.area")

namespace {
constexpr int kKeep = 50;
}

class TestLogFeed : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QLoggingCategory::setFilterRules(QStringLiteral("lip.test.feed.debug=true\nother.area.debug=true"));
        LogFeed::install(kKeep);
        LogFeed::install(10); // a second install changes nothing
    }

    void redacts_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("secret");  // must be gone
        QTest::addColumn<QString>("kept");    // must stay (context a person needs)

        QTest::newRow("openai key") << "using sk-proj-abcdefghijklmnop1234 now" << "abcdefghijklmnop1234" << "using";
        QTest::newRow("anthropic key") << "key sk-ant-api03-ZZZZyyyyXXXXwwww rejected" << "ZZZZyyyyXXXXwwww" << "rejected";
        QTest::newRow("gemini key") << "AIzaSyA1234567890abcdefghijklmnop" << "AIzaSyA1234567890" << "";
        QTest::newRow("bearer") << "Authorization: Bearer abc.def-ghi_jkl" << "abc.def-ghi_jkl" << "Authorization: Bearer";
        QTest::newRow("x-api-key header") << "x-api-key: plainsecretvalue" << "plainsecretvalue" << "x-api-key";
        QTest::newRow("x-goog-api-key json") << R"({"x-goog-api-key":"gsecret123"})" << "gsecret123" << "x-goog-api-key";
        QTest::newRow("query key") << "GET /v1beta/models?key=querysecret&alt=sse" << "querysecret" << "alt=sse";
        QTest::newRow("token hex") << "refresh token 0123456789abcdef0123456789abcdef" << "0123456789abcdef0123456789abcdef" << "refresh";
        QTest::newRow("access_token") << "access_token=ya29.a0AfH6SMBxxxxxxxxxxxxxxxx" << "a0AfH6SMB" << "access_token";
        QTest::newRow("plain text") << "backend openai answered 200 in 35 ms" << "" << "backend openai answered 200 in 35 ms";
    }
    void redacts()
    {
        QFETCH(QString, text);
        QFETCH(QString, secret);
        QFETCH(QString, kept);
        const QString out = LogFeed::redact(text);
        if (!secret.isEmpty()) {
            QVERIFY2(!out.contains(secret), qPrintable(out));
            QVERIFY2(out.contains(QLatin1String("[REDACTED]")), qPrintable(out));
        } else {
            QCOMPARE(out, text);
        }
        QVERIFY2(out.contains(kept), qPrintable(out));
    }

    void keepsLipCategoriesAndWarnings()
    {
        QSignalSpy spy(LogFeed::instance(), &LogFeed::lineAdded);
        qCDebug(lcTestFeed) << "lip line sk-ant-secretsecretsecret";
        qCDebug(lcOther) << "other debug line";       // not lip.*, not a warning: left out
        qCWarning(lcOther) << "other warning line";   // a warning of any category: kept
        QTRY_COMPARE(spy.count(), 2);
        const LogLine first = spy.at(0).at(0).value<LogLine>();
        QCOMPARE(first.category, QStringLiteral("lip.test.feed"));
        QCOMPARE(first.type, QtDebugMsg);
        QVERIFY(!first.message.contains(QLatin1String("secretsecretsecret")));
        QVERIFY(first.message.contains(QLatin1String("lip line")));
        const LogLine second = spy.at(1).at(0).value<LogLine>();
        QCOMPARE(second.type, QtWarningMsg);
        QCOMPARE(second.message, QStringLiteral("other warning line"));
        const QList<LogLine> recent = LogFeed::instance()->recent();
        QVERIFY(!recent.isEmpty());
        QCOMPARE(recent.last().message, QStringLiteral("other warning line"));
        for (const LogLine &line : recent)
            QVERIFY(!line.message.contains(QLatin1String("other debug line")));
    }

    void ringKeepsTheNewest()
    {
        for (int i = 0; i < kKeep * 3; ++i)
            qCInfo(lcTestFeed).noquote() << QStringLiteral("ring %1").arg(i);
        const QList<LogLine> recent = LogFeed::instance()->recent();
        QCOMPARE(recent.size(), kKeep);
        QCOMPARE(recent.first().message, QStringLiteral("ring %1").arg(kKeep * 2));
        QCOMPARE(recent.last().message, QStringLiteral("ring %1").arg(kKeep * 3 - 1));
        QCoreApplication::processEvents(); // drain the queued lineAdded of these lines
    }

    void otherThreadsDeliverOnTheFeedThread()
    {
        constexpr int kThreads = 4;
        constexpr int kLines = 100;
        std::atomic<int> wrongThread{0};
        int received = 0;
        QThread *feedThread = QThread::currentThread();
        auto connection = connect(LogFeed::instance(), &LogFeed::lineAdded, this, [&](const LogLine &line) {
            if (QThread::currentThread() != feedThread)
                ++wrongThread;
            if (line.message.startsWith(QLatin1String("worker ")))
                ++received;
        });
        std::vector<QThread *> threads;
        for (int t = 0; t < kThreads; ++t) {
            threads.push_back(QThread::create([t] {
                for (int i = 0; i < kLines; ++i)
                    qCInfo(lcTestFeed).noquote() << QStringLiteral("worker %1 line %2 key=s3cr3t").arg(t).arg(i);
            }));
            threads.back()->start();
        }
        for (QThread *thread : threads) {
            QVERIFY(thread->wait(30000));
            delete thread;
        }
        QTRY_COMPARE(received, kThreads * kLines);
        QCOMPARE(wrongThread.load(), 0);
        for (const LogLine &line : LogFeed::instance()->recent())
            QVERIFY(!line.message.contains(QLatin1String("s3cr3t")));
        disconnect(connection);
    }
};

QTEST_GUILESS_MAIN(TestLogFeed)
#include "tst_logfeed.moc"
