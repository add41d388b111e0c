// SPDX-License-Identifier: GPL-3.0-or-later
// The loopback redirect listener: one callback completes, strangers and replays do not.

#include "backends/oauth/loopbackreceiver.h"
#include "fakeauthserver.h"

#include <QNetworkInterface>
#include <QSignalSpy>
#include <QTcpSocket>
#include <QTest>

using namespace lip::oauth;
using lip::test::FakeAuthServer;

namespace {

QUrl callback(quint16 port, const QString &query, const QString &path = QStringLiteral("/cb"))
{
    return QUrl(QStringLiteral("http://127.0.0.1:%1%2?%3").arg(port).arg(path, query));
}

} // namespace

class TestOAuthReceiver : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void oneCallbackCompletes()
    {
        LoopbackReceiver r(QStringLiteral("/cb"), QStringLiteral("S1"));
        QString error;
        QVERIFY2(r.listen(0, &error), qPrintable(error));
        QSignalSpy codes(&r, &LoopbackReceiver::codeReceived);
        QSignalSpy failures(&r, &LoopbackReceiver::failed);
        const auto [status, body] = FakeAuthServer::get(callback(r.port(), QStringLiteral("code=abc&state=S1")));
        QCOMPARE(status, 200);
        QVERIFY(body.contains("Sign-in complete"));
        QCOMPARE(codes.size(), 1);
        QCOMPARE(codes.at(0).at(0).toString(), QStringLiteral("abc"));
        QCOMPARE(failures.size(), 0);

        // Replay of the same callback: an error page, no second completion.
        const auto [again, page] = FakeAuthServer::get(callback(r.port(), QStringLiteral("code=abc&state=S1")));
        QCOMPARE(again, 400);
        QVERIFY(page.contains("already"));
        QCOMPARE(codes.size(), 1);
        QCOMPARE(failures.size(), 0);
    }

    void wrongStateIsIgnored()
    {
        LoopbackReceiver r(QStringLiteral("/cb"), QStringLiteral("S1"));
        QVERIFY(r.listen(0, nullptr));
        QSignalSpy codes(&r, &LoopbackReceiver::codeReceived);
        QSignalSpy failures(&r, &LoopbackReceiver::failed);
        QCOMPARE(FakeAuthServer::get(callback(r.port(), QStringLiteral("code=evil&state=S2"))).first, 400);
        QCOMPARE(FakeAuthServer::get(callback(r.port(), QStringLiteral("code=evil"))).first, 400);
        QCOMPARE(FakeAuthServer::get(callback(r.port(), QStringLiteral("code=x&state=S1"), QStringLiteral("/other"))).first, 404);
        QCOMPARE(codes.size(), 0);
        QCOMPARE(failures.size(), 0);
        // The real one still completes afterwards.
        QCOMPARE(FakeAuthServer::get(callback(r.port(), QStringLiteral("code=good&state=S1"))).first, 200);
        QCOMPARE(codes.size(), 1);
        QCOMPARE(codes.at(0).at(0).toString(), QStringLiteral("good"));
    }

    void missingCodeOrProviderErrorFails_data()
    {
        QTest::addColumn<QString>("query");
        QTest::addColumn<QString>("expected");
        QTest::newRow("no code") << QStringLiteral("state=S1") << QStringLiteral("no authorization code");
        QTest::newRow("denied") << QStringLiteral("state=S1&error=access_denied") << QStringLiteral("access_denied");
    }
    void missingCodeOrProviderErrorFails()
    {
        QFETCH(QString, query);
        QFETCH(QString, expected);
        LoopbackReceiver r(QStringLiteral("/cb"), QStringLiteral("S1"));
        QVERIFY(r.listen(0, nullptr));
        QSignalSpy codes(&r, &LoopbackReceiver::codeReceived);
        QSignalSpy failures(&r, &LoopbackReceiver::failed);
        QCOMPARE(FakeAuthServer::get(callback(r.port(), query)).first, 400);
        QCOMPARE(codes.size(), 0);
        QCOMPARE(failures.size(), 1);
        QVERIFY2(failures.at(0).at(0).toString().contains(expected), qPrintable(failures.at(0).at(0).toString()));
    }

    void timesOut()
    {
        LoopbackReceiver r(QStringLiteral("/cb"), QStringLiteral("S1"));
        QVERIFY(r.listen(0, nullptr));
        QSignalSpy failures(&r, &LoopbackReceiver::failed);
        r.setTimeoutMs(20);
        QVERIFY(failures.wait(10000));
        QVERIFY(failures.at(0).at(0).toString().contains(QStringLiteral("no answer")));
        QVERIFY(!r.isListening());
    }

    void portInUseIsReported()
    {
        LoopbackReceiver first(QStringLiteral("/cb"), QStringLiteral("S1"));
        QVERIFY(first.listen(0, nullptr));
        LoopbackReceiver second(QStringLiteral("/cb"), QStringLiteral("S1"));
        QString error;
        QVERIFY(!second.listen(first.port(), &error));
        QVERIFY2(error.contains(QString::number(first.port())), qPrintable(error));
    }

    void bindsLoopbackOnly()
    {
        LoopbackReceiver r(QStringLiteral("/cb"), QStringLiteral("S1"));
        QVERIFY(r.listen(0, nullptr));
        QHostAddress external;
        for (const QHostAddress &a : QNetworkInterface::allAddresses())
            if (a.protocol() == QAbstractSocket::IPv4Protocol && !a.isLoopback())
                external = a;
        if (external.isNull())
            QSKIP("this machine has no non-loopback IPv4 address to try");
        QTcpSocket s;
        s.connectToHost(external, r.port());
        QVERIFY(!s.waitForConnected(5000));
    }
};

QTEST_GUILESS_MAIN(TestOAuthReceiver)
#include "tst_oauth_receiver.moc"
