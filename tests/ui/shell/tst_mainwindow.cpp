// SPDX-License-Identifier: GPL-3.0-or-later
// The status window and the tray menu, offscreen, against a hand-made EngineStatus.

#include "mainwindow.h"
#include "trayicon.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QPushButton>
#include <QSignalSpy>
#include <QTest>

using lip::EngineStatus;
using lip::ui::MainWindow;
using lip::ui::TrayIcon;

namespace {

EngineStatus runningStatus()
{
    EngineStatus status;
    status.running = true;
    status.listenAddress = QStringLiteral("http://127.0.0.1:8123");
    status.backends = {QStringLiteral("openai"), QStringLiteral("anthropic")};
    status.defaultBackend = QStringLiteral("openai");
    status.requests = 12;
    status.errors = 2;
    status.activeRequests = 1;
    status.lastError = QStringLiteral("openai: invalid API key (…wxyz)");
    status.lastErrorTime = QDateTime::currentDateTime();
    return status;
}

QString plain(QString text)
{
    return text.remove(QLatin1Char('&'));
}

} // namespace

class TestMainWindow : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void showsStatus_data();
    void showsStatus();
    void startFailureIsShown();
    void copyButtonPutsAddressOnClipboard();
    void trayMenuHasStatusShowAndQuit();
    void closeQuitsOrHidesToTray_data();
    void closeQuitsOrHidesToTray();
    void everyControlReachableByTabAndNamed_data();
    void everyControlReachableByTabAndNamed();
    void screenshot();
};

void TestMainWindow::showsStatus_data()
{
    QTest::addColumn<EngineStatus>("status");
    QTest::addColumn<QString>("state");
    QTest::addColumn<QString>("address");
    QTest::addColumn<bool>("copyEnabled");
    QTest::addColumn<bool>("anthropicShown");
    QTest::addColumn<QString>("backends");
    QTest::addColumn<QString>("requests");
    QTest::addColumn<QString>("errors");
    QTest::addColumn<QString>("lastError");

    const EngineStatus running = runningStatus();
    QTest::newRow("running") << running << "Running" << "http://127.0.0.1:8123" << true << false
                             << "openai (default), anthropic" << "12 answered, 1 in progress" << "2"
                             << "openai: invalid API key (…wxyz)";

    EngineStatus withAnthropic = running;
    withAnthropic.anthropicAddress = QStringLiteral("http://127.0.0.1:8124");
    withAnthropic.activeRequests = 0;
    withAnthropic.errors = 0;
    withAnthropic.lastError.clear();
    QTest::newRow("anthropic port, no errors") << withAnthropic << "Running" << "http://127.0.0.1:8123" << true
                                               << true << "openai (default), anthropic" << "12 answered"
                                               << "0" << "None";

    EngineStatus noBackends;
    noBackends.running = true;
    noBackends.listenAddress = QStringLiteral("http://127.0.0.1:8000");
    QTest::newRow("no backends") << noBackends << "Running" << "http://127.0.0.1:8000" << true << false
                                 << "None configured" << "0 answered" << "0" << "None";

    QTest::newRow("stopped") << EngineStatus{} << "Stopped" << "" << false << false << "None configured"
                             << "0 answered" << "0" << "None";
}

void TestMainWindow::showsStatus()
{
    QFETCH(EngineStatus, status);
    QFETCH(QString, state);
    QFETCH(QString, address);
    QFETCH(bool, copyEnabled);
    QFETCH(bool, anthropicShown);
    QFETCH(QString, backends);
    QFETCH(QString, requests);
    QFETCH(QString, errors);
    QFETCH(QString, lastError);

    MainWindow window;
    window.setStatus(status);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));

    auto *addressEdit = window.findChild<QLineEdit *>(QStringLiteral("listenAddress"));
    QVERIFY(addressEdit);
    QVERIFY(addressEdit->isVisible());
    QCOMPARE(addressEdit->text(), address);
    QVERIFY(addressEdit->isReadOnly());
    QCOMPARE(window.findChild<QPushButton *>(QStringLiteral("copyButton"))->isEnabled(), copyEnabled);
    auto *anthropicEdit = window.findChild<QLineEdit *>(QStringLiteral("anthropicAddress"));
    QCOMPARE(anthropicEdit->isVisible(), anthropicShown);
    if (anthropicShown)
        QCOMPARE(anthropicEdit->text(), status.anthropicAddress);

    QCOMPARE(window.findChild<QLabel *>(QStringLiteral("stateLabel"))->text(), state);
    QVERIFY2(window.findChild<QLabel *>(QStringLiteral("backendsLabel"))->text().startsWith(backends),
             qPrintable(window.findChild<QLabel *>(QStringLiteral("backendsLabel"))->text()));
    QCOMPARE(window.findChild<QLabel *>(QStringLiteral("requestsLabel"))->text(), requests);
    QCOMPARE(window.findChild<QLabel *>(QStringLiteral("errorsLabel"))->text(), errors);
    QVERIFY2(window.findChild<QLabel *>(QStringLiteral("lastErrorLabel"))->text().startsWith(lastError),
             qPrintable(window.findChild<QLabel *>(QStringLiteral("lastErrorLabel"))->text()));
    if (status.running)
        QVERIFY(window.windowTitle().contains(address));
}

void TestMainWindow::startFailureIsShown()
{
    MainWindow window;
    window.setStatus(runningStatus());
    window.setStartFailed(QStringLiteral("127.0.0.1:8000: address already in use"));
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));

    QCOMPARE(window.findChild<QLabel *>(QStringLiteral("stateLabel"))->text(),
             QStringLiteral("Could not start: 127.0.0.1:8000: address already in use"));
    QVERIFY(window.findChild<QLineEdit *>(QStringLiteral("listenAddress"))->text().isEmpty());
    QVERIFY(!window.findChild<QPushButton *>(QStringLiteral("copyButton"))->isEnabled());

    // A later successful start (e.g. after a port change) clears the failure.
    window.setStatus(runningStatus());
    QCOMPARE(window.findChild<QLabel *>(QStringLiteral("stateLabel"))->text(), QStringLiteral("Running"));
}

void TestMainWindow::copyButtonPutsAddressOnClipboard()
{
    MainWindow window;
    window.setStatus(runningStatus());
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));

    QClipboard *clipboard = QGuiApplication::clipboard();
    clipboard->setText(QStringLiteral("something else"));
    auto *copy = window.findChild<QPushButton *>(QStringLiteral("copyButton"));
    QCOMPARE(plain(copy->text()), QStringLiteral("Copy"));
    QTest::mouseClick(copy, Qt::LeftButton);
    QCOMPARE(clipboard->text(), QStringLiteral("http://127.0.0.1:8123"));

    // The same by keyboard.
    clipboard->setText(QStringLiteral("something else"));
    copy->setFocus();
    QTest::keyClick(copy, Qt::Key_Space);
    QCOMPARE(clipboard->text(), QStringLiteral("http://127.0.0.1:8123"));
}

void TestMainWindow::trayMenuHasStatusShowAndQuit()
{
    TrayIcon tray;
    QVERIFY(tray.menu());
    QStringList texts;
    for (QAction *action : tray.menu()->actions()) {
        if (!action->isSeparator())
            texts << plain(action->text());
    }
    QCOMPARE(texts, (QStringList{QStringLiteral("Proxy stopped"), QStringLiteral("Show"), QStringLiteral("Quit")}));
    QCOMPARE(tray.menu()->actions().constFirst(), tray.statusAction());
    QVERIFY(!tray.statusAction()->isEnabled());

    tray.setStatus(runningStatus());
    QCOMPARE(tray.statusAction()->text(), QStringLiteral("Listening on http://127.0.0.1:8123 · requests: 12 · errors: 2"));

    QSignalSpy showSpy(&tray, &TrayIcon::showRequested);
    QSignalSpy quitSpy(&tray, &TrayIcon::quitRequested);
    tray.showAction()->trigger();
    QCOMPARE(showSpy.count(), 1);
    QCOMPARE(quitSpy.count(), 0);
    tray.quitAction()->trigger();
    QCOMPARE(quitSpy.count(), 1);
}

void TestMainWindow::closeQuitsOrHidesToTray_data()
{
    QTest::addColumn<bool>("trayAvailable");
    QTest::addColumn<bool>("visibleAfterClose");
    QTest::addColumn<int>("quitRequests");
    QTest::newRow("no tray: quits") << false << false << 1;
    QTest::newRow("tray: hides, keeps running") << true << false << 0;
}

void TestMainWindow::closeQuitsOrHidesToTray()
{
    QFETCH(bool, trayAvailable);
    QFETCH(bool, visibleAfterClose);
    QFETCH(int, quitRequests);

    MainWindow window;
    window.setTrayAvailable(trayAvailable);
    window.setStatus(runningStatus());
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QSignalSpy quitSpy(&window, &MainWindow::quitRequested);
    QSignalSpy hiddenSpy(&window, &MainWindow::hiddenToTray);

    auto *hideButton = window.findChild<QPushButton *>(QStringLiteral("hideButton"));
    QCOMPARE(hideButton->isVisible(), trayAvailable); // no "Hide to Tray" where there is no tray

    window.close();
    QCOMPARE(window.isVisible(), visibleAfterClose);
    QCOMPARE(quitSpy.count(), quitRequests);
    QCOMPARE(hiddenSpy.count(), trayAvailable ? 1 : 0);

    // The Quit button always quits.
    window.show();
    QTest::mouseClick(window.findChild<QPushButton *>(QStringLiteral("quitButton")), Qt::LeftButton);
    QCOMPARE(quitSpy.count(), quitRequests + 1);
}

void TestMainWindow::everyControlReachableByTabAndNamed_data()
{
    QTest::addColumn<bool>("trayAvailable");
    QTest::newRow("no tray") << false;
    QTest::newRow("tray") << true;
}

void TestMainWindow::everyControlReachableByTabAndNamed()
{
    QFETCH(bool, trayAvailable);
    MainWindow window;
    window.setTrayAvailable(trayAvailable);
    EngineStatus status = runningStatus();
    status.anthropicAddress = QStringLiteral("http://127.0.0.1:8124");
    window.setStatus(status);
    window.show();
    window.activateWindow(); // not QApplication::setActiveWindow: deprecated in Qt 6.5
    QVERIFY(QTest::qWaitForWindowActive(&window));

    // The controls a user operates: every visible widget that takes focus.
    QList<QWidget *> controls;
    for (QWidget *widget : window.findChildren<QWidget *>()) {
        if (widget->isVisible() && (widget->focusPolicy() & Qt::TabFocus))
            controls << widget;
    }
    QVERIFY(controls.size() >= 5);
    for (QWidget *control : std::as_const(controls))
        QVERIFY2(!control->accessibleName().isEmpty(), qPrintable(control->objectName()));

    // Tab through the window, from the first control round to it again.
    controls.first()->setFocus(Qt::TabFocusReason);
    QSet<QWidget *> reached;
    for (int i = 0; i < controls.size() * 2; ++i) {
        reached.insert(QApplication::focusWidget());
        QTest::keyClick(QApplication::focusWidget(), Qt::Key_Tab);
    }
    for (QWidget *control : std::as_const(controls))
        QVERIFY2(reached.contains(control), qPrintable(control->objectName()));
}

void TestMainWindow::screenshot()
{
    // For a person to look at (STYLE.md): LIP_UI_SCREENSHOT=/tmp/ui-mainwindow.png
    const QString path = qEnvironmentVariable("LIP_UI_SCREENSHOT");
    if (path.isEmpty())
        QSKIP("set LIP_UI_SCREENSHOT to a .png path to save a screenshot");
    MainWindow window;
    window.setTrayAvailable(true);
    EngineStatus status = runningStatus();
    status.anthropicAddress = QStringLiteral("http://127.0.0.1:8124");
    window.setStatus(status);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QVERIFY(window.grab().save(path));
}

QTEST_MAIN(TestMainWindow)
#include "tst_mainwindow.moc"
