// SPDX-License-Identifier: GPL-3.0-or-later
// The device authorization state machine against the fake server, with shrunken seconds.

#include "backends/oauth/deviceflow.h"
#include "backends/oauth/oauthproviders.h"
#include "backends/oauth/tokenclient.h"
#include "fakeauthserver.h"

#include <QSignalSpy>
#include <QTest>

using namespace lip::oauth;
using lip::test::FakeAuthServer;
using lip::test::FakeReply;

namespace {

ProviderSpec qwenAt(const FakeAuthServer &server)
{
    return providerSpec(QStringLiteral("qwen"), {{QStringLiteral("QWEN_OAUTH_BASE_URL"), server.baseUrl().toString()}});
}

struct Outcome
{
    TokenSet tokens;
    QString error;
    bool done = false;
};

} // namespace

class TestOAuthDeviceFlow : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void pendingSlowDownThenTokens()
    {
        FakeAuthServer server;
        QVERIFY(server.listen());
        server.setDevicePending(3);
        server.setDeviceSlowDown(true);
        server.setDeviceInterval(2);
        TokenClient client;
        DeviceFlow flow(qwenAt(server), &client);
        flow.setSecondMs(1);
        QSignalSpy codes(&flow, &DeviceFlow::codeReady);
        Outcome out;
        connect(&flow, &DeviceFlow::finished, this, [&out](const TokenSet &t, const QJsonObject &, const QJsonObject &, const QString &e) {
            out = {t, e, true};
        });
        flow.start();
        QTRY_VERIFY_WITH_TIMEOUT(out.done, 20000);
        QVERIFY2(out.error.isEmpty(), qPrintable(out.error));
        QCOMPARE(codes.size(), 1);
        QCOMPARE(codes.at(0).at(1).toString(), QStringLiteral("ABCD-1234"));
        QCOMPARE(out.tokens.accessToken, server.issuedAccessTokens().constLast());
        QVERIFY(!out.tokens.refreshToken.isEmpty());
        QCOMPARE(server.devicePolls(), 5);      // 3 pending + 1 slow_down + 1 success
        QCOMPARE(flow.intervalSeconds(), 2 + 5); // slow_down adds 5 s
    }

    void terminalErrors_data()
    {
        QTest::addColumn<QString>("serverError");
        QTest::addColumn<QString>("expected");
        QTest::newRow("expired") << QStringLiteral("expired_token") << QStringLiteral("expired");
        QTest::newRow("denied") << QStringLiteral("access_denied") << QStringLiteral("declined");
        QTest::newRow("other") << QStringLiteral("server_error") << QStringLiteral("server_error");
    }
    void terminalErrors()
    {
        QFETCH(QString, serverError);
        QFETCH(QString, expected);
        FakeAuthServer server;
        QVERIFY(server.listen());
        server.setDevicePending(1);
        server.setDeviceSlowDown(false);
        server.setDeviceOutcome(serverError);
        TokenClient client;
        DeviceFlow flow(qwenAt(server), &client);
        flow.setSecondMs(1);
        Outcome out;
        connect(&flow, &DeviceFlow::finished, this, [&out](const TokenSet &t, const QJsonObject &, const QJsonObject &, const QString &e) {
            out = {t, e, true};
        });
        flow.start();
        QTRY_VERIFY_WITH_TIMEOUT(out.done, 20000);
        QVERIFY2(out.error.contains(expected), qPrintable(out.error));
        QVERIFY(out.tokens.accessToken.isEmpty());
        QCOMPARE(server.devicePolls(), 2);
    }

    void tokenAnswerNotJson()
    {
        FakeAuthServer server;
        QVERIFY(server.listen());
        server.setDevicePending(0);
        server.setDeviceSlowDown(false);
        FakeReply html;
        html.status = 502;
        html.headers = {{"Content-Type", "text/html"}};
        html.body = "<html><body>Bad gateway</body></html>";
        server.setTokenOverride(html);
        TokenClient client;
        DeviceFlow flow(qwenAt(server), &client);
        flow.setSecondMs(1);
        Outcome out;
        connect(&flow, &DeviceFlow::finished, this, [&out](const TokenSet &t, const QJsonObject &, const QJsonObject &, const QString &e) {
            out = {t, e, true};
        });
        flow.start();
        QTRY_VERIFY_WITH_TIMEOUT(out.done, 20000);
        QVERIFY2(out.error.contains(QStringLiteral("HTTP 502 with text/html instead of JSON")), qPrintable(out.error));
    }

    void unreachableServer()
    {
        // Port 1 on loopback: nothing listens there.
        ProviderSpec spec = providerSpec(QStringLiteral("qwen"), {{QStringLiteral("QWEN_OAUTH_BASE_URL"), QStringLiteral("http://127.0.0.1:1")}});
        TokenClient client;
        DeviceFlow flow(spec, &client);
        Outcome out;
        connect(&flow, &DeviceFlow::finished, this, [&out](const TokenSet &t, const QJsonObject &, const QJsonObject &, const QString &e) {
            out = {t, e, true};
        });
        flow.start();
        QTRY_VERIFY_WITH_TIMEOUT(out.done, 20000);
        QVERIFY2(out.error.contains(QStringLiteral("device code")), qPrintable(out.error));
    }
};

QTEST_GUILESS_MAIN(TestOAuthDeviceFlow)
#include "tst_oauth_deviceflow.moc"
