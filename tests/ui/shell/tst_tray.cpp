// SPDX-License-Identifier: GPL-3.0-or-later
// The tray menu against a real engine: copy base URL, the default-backend quick switch through a
// real ConfigController (saved in the app layer, used by the engine), pause/resume, quit, the
// icon per state, and the notification rate limit with an injected clock.

#include "config/appconfig.h"
#include "shellfixture.h"
#include "trayicon.h"
#include "uiresources.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QMenu>
#include <QSignalSpy>
#include <QTest>
#include <QTimeZone>

using lip::EngineStatus;
using lip::ui::ProxyState;
using lip::ui::TrayIcon;
using lip::ui::test::ShellFixture;

namespace {

QAction *backendAction(const TrayIcon &tray, const QString &name)
{
    for (QAction *action : tray.defaultBackendMenu()->actions())
        if (action->objectName() == QStringLiteral("backend:") + name)
            return action;
    return nullptr;
}

} // namespace

class TestTray : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { lip::ui::initResources(); }
    void menuHasEveryAction();
    void iconFollowsState_data();
    void iconFollowsState();
    void copyBaseUrls();
    void quickSwitchCommitsDefaultBackend();
    void quickSwitchOverriddenByEnvironmentSaysSo();
    void pauseAndResume();
    void quitEmits();
    void notificationsAreRateLimited();
};

void TestTray::menuHasEveryAction()
{
    TrayIcon tray(lip::ui::AppContext{});
    QStringList names;
    for (QAction *action : tray.menu()->actions())
        if (!action->isSeparator())
            names << (action->menu() ? action->menu()->objectName() : action->objectName());
    QCOMPARE(names, (QStringList{QStringLiteral("statusAction"), QStringLiteral("copyMenu"),
                                 QStringLiteral("defaultBackendMenu"), QStringLiteral("pauseAction"),
                                 QStringLiteral("showAction"), QStringLiteral("quitAction")}));
    QVERIFY(!tray.statusAction()->isEnabled());
    QCOMPARE(tray.statusAction()->text(), QStringLiteral("Proxy stopped"));
    for (QAction *action : tray.menu()->actions())
        if (!action->isSeparator())
            QVERIFY2(!action->text().isEmpty(), qPrintable(action->objectName()));

    QSignalSpy show(&tray, &TrayIcon::showRequested);
    tray.showAction()->trigger();
    QCOMPARE(show.count(), 1);
}

void TestTray::iconFollowsState_data()
{
    QTest::addColumn<EngineStatus>("status");
    QTest::addColumn<QString>("icon");
    EngineStatus running;
    running.running = true;
    running.listenAddress = QStringLiteral("http://127.0.0.1:8123");
    EngineStatus degraded = running;
    degraded.openCircuits = {QStringLiteral("openai")};
    EngineStatus paused;
    paused.paused = true;
    QTest::newRow("running") << running << ":/icons/tray-running.svg";
    QTest::newRow("degraded") << degraded << ":/icons/tray-degraded.svg";
    QTest::newRow("paused") << paused << ":/icons/tray-paused.svg";
    QTest::newRow("stopped") << EngineStatus{} << ":/icons/tray-stopped.svg";
}

void TestTray::iconFollowsState()
{
    QFETCH(EngineStatus, status);
    QFETCH(QString, icon);
    TrayIcon tray(lip::ui::AppContext{});
    tray.setStatus(status);
    QCOMPARE(tray.iconName(), icon);
    QVERIFY2(!QIcon(icon).pixmap(32, 32).isNull(), qPrintable(icon)); // the SVG exists and renders
}

void TestTray::copyBaseUrls()
{
    TrayIcon tray(lip::ui::AppContext{});
    EngineStatus status;
    status.running = true;
    status.listenAddress = QStringLiteral("http://127.0.0.1:8123");
    status.anthropicAddress = QStringLiteral("http://127.0.0.1:8124");
    tray.setStatus(status);
    QVERIFY(tray.copyMenu()->isEnabled());
    QClipboard *clipboard = QGuiApplication::clipboard();
    const struct
    {
        QAction *action;
        const char *expected;
    } rows[] = {{tray.copyOpenAiAction(), "http://127.0.0.1:8123/v1"},
                {tray.copyAnthropicAction(), "http://127.0.0.1:8124"},
                {tray.copyGeminiAction(), "http://127.0.0.1:8123"}};
    for (const auto &row : rows) {
        clipboard->setText(QStringLiteral("something else"));
        row.action->trigger();
        QCOMPARE(clipboard->text(), QLatin1String(row.expected));
    }
    tray.setStatus(EngineStatus{});
    QVERIFY(!tray.copyMenu()->isEnabled());
}

void TestTray::quickSwitchCommitsDefaultBackend()
{
    ShellFixture fixture;
    QCOMPARE(fixture.start(), QString());
    TrayIcon tray(fixture.context);
    QTRY_VERIFY(backendAction(tray, QStringLiteral("anthropic")) && backendAction(tray, QStringLiteral("openai")));
    const QString before = fixture.engine->status().defaultBackend;
    QVERIFY(before == QLatin1String("openai") || before == QLatin1String("anthropic"));
    const QString target = before == QLatin1String("openai") ? QStringLiteral("anthropic") : QStringLiteral("openai");
    QVERIFY(backendAction(tray, before)->isChecked());
    QVERIFY(!backendAction(tray, target)->isChecked());

    QSignalSpy applied(fixture.engine.get(), &lip::EngineClient::configApplied);
    QSignalSpy failed(&tray, &TrayIcon::switchFailed);
    backendAction(tray, target)->trigger();
    QCOMPARE(failed.count(), 0);
    // Saved in the app's layer ...
    QCOMPARE(fixture.controller->layer().defaultBackend.value_or(QString()), target);
    auto reread = lip::config::readAppLayer(*fixture.cli.appConfigFile);
    QVERIFY(reread);
    QCOMPARE(reread->defaultBackend.value_or(QString()), target);
    // ... and used by the running engine.
    QTRY_COMPARE(applied.count(), 1);
    QCOMPARE(applied.at(0).at(0).toString(), QString());
    QCOMPARE(fixture.engine->currentConfig().defaultBackend, target);
    QTRY_COMPARE(fixture.engine->status().defaultBackend, target);
    QTRY_VERIFY(backendAction(tray, target) && backendAction(tray, target)->isChecked());
    fixture.engine->stopAndWait();
}

void TestTray::quickSwitchOverriddenByEnvironmentSaysSo()
{
    // LLM_BACKEND (environment) wins over the app's layer: the switch is saved but has no effect,
    // and the user is told why instead of seeing the check mark jump back silently.
    ShellFixture fixture;
    fixture.env.insert(QStringLiteral("LLM_BACKEND"), QStringLiteral("openai"));
    fixture.controller = std::make_unique<lip::ui::ConfigController>(fixture.engine.get(), fixture.cli, fixture.env,
                                                                    lip::config::CredentialSet{});
    fixture.context.config = fixture.controller.get();
    TrayIcon tray(fixture.context);
    EngineStatus status;
    status.running = true;
    status.listenAddress = QStringLiteral("http://127.0.0.1:8123");
    status.backends = {QStringLiteral("openai"), QStringLiteral("anthropic")};
    status.defaultBackend = QStringLiteral("openai");
    tray.setStatus(status);
    QSignalSpy failed(&tray, &TrayIcon::switchFailed);
    backendAction(tray, QStringLiteral("anthropic"))->trigger();
    QCOMPARE(failed.count(), 1);
    QVERIFY2(failed.at(0).at(0).toString().contains(QStringLiteral("LLM_BACKEND")), qPrintable(failed.at(0).at(0).toString()));
    QVERIFY(backendAction(tray, QStringLiteral("openai"))->isChecked());
}

void TestTray::pauseAndResume()
{
    ShellFixture fixture;
    QCOMPARE(fixture.start(), QString());
    TrayIcon tray(fixture.context);
    QTRY_COMPARE(tray.state(), ProxyState::Running);
    QCOMPARE(tray.pauseAction()->text().remove(QLatin1Char('&')), QStringLiteral("Pause"));

    tray.pauseAction()->trigger();
    QTRY_VERIFY(fixture.engine->status().paused);
    QTRY_COMPARE(tray.state(), ProxyState::Paused);
    QVERIFY(fixture.engine->status().listenAddress.isEmpty());
    QCOMPARE(tray.pauseAction()->text().remove(QLatin1Char('&')), QStringLiteral("Resume"));

    tray.pauseAction()->trigger();
    QTRY_COMPARE(tray.state(), ProxyState::Running);
    QVERIFY(!fixture.engine->status().paused);
    QVERIFY(!fixture.engine->status().listenAddress.isEmpty());
    fixture.engine->stopAndWait();
}

void TestTray::quitEmits()
{
    TrayIcon tray(lip::ui::AppContext{});
    QSignalSpy quit(&tray, &TrayIcon::quitRequested);
    tray.quitAction()->trigger();
    QCOMPARE(quit.count(), 1);
}

void TestTray::notificationsAreRateLimited()
{
    TrayIcon tray(lip::ui::AppContext{});
    QDateTime now = QDateTime(QDate(2026, 1, 1), QTime(12, 0), QTimeZone::utc());
    tray.setNotificationClock([&now] { return now; });
    QSignalSpy notified(&tray, &TrayIcon::notified);

    // One per instance per minute.
    tray.onCircuitChanged(QStringLiteral("openai"), true);
    tray.onCircuitChanged(QStringLiteral("openai"), false);
    tray.onCredentialRejected(QStringLiteral("openai"), QStringLiteral("work"), 401);
    QCOMPARE(notified.count(), 1);
    QVERIFY(notified.at(0).at(1).toString().contains(QStringLiteral("openai")));

    // Five per minute in all.
    now = now.addSecs(10);
    tray.onCircuitChanged(QStringLiteral("anthropic"), true);
    tray.onCredentialRejected(QStringLiteral("gemini"), QStringLiteral("key1"), 403);
    tray.onAccountNeedsSignIn(QStringLiteral("acct-1"), QStringLiteral("refresh token revoked"));
    tray.onCircuitChanged(QStringLiteral("openrouter"), true);
    QCOMPARE(notified.count(), 5);
    tray.onCircuitChanged(QStringLiteral("zai"), true);
    QCOMPARE(notified.count(), 5);

    // A minute after the first, the window has room again, for openai too.
    now = now.addSecs(51);
    tray.onCircuitChanged(QStringLiteral("openai"), false);
    QCOMPARE(notified.count(), 6);
    QCOMPARE(notified.at(5).at(0).toString(), QStringLiteral("Backend recovered"));
    tray.onCircuitChanged(QStringLiteral("anthropic"), false); // its own minute is not over yet
    QCOMPARE(notified.count(), 6);
}

QTEST_MAIN(TestTray)
#include "tst_tray.moc"
