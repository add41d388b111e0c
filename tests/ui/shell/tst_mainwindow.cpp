// SPDX-License-Identifier: GPL-3.0-or-later
// The main window offscreen: sidebar pages, keyboard navigation, accessible names, the Overview
// page against hand-made EngineStatus values, the Log page's filters, live language switching.

#include "apppages.h"
#include "languagemanager.h"
#include "mainwindow.h"
#include "pages/logpage.h"
#include "pages/overviewpage.h"
#include "pages/settingspage.h"
#include "shellfixture.h"
#include "uiresources.h"

#include <QAbstractButton>
#include <QApplication>
#include <QCheckBox>
#include <QClipboard>
#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QScrollArea>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTcpServer>
#include <QStackedWidget>
#include <QTest>
#include <QTreeWidget>

using lip::EngineStatus;
using lip::LogLine;
using lip::ui::AppContext;
using lip::ui::LanguageManager;
using lip::ui::LogPage;
using lip::ui::MainWindow;
using lip::ui::OverviewPage;
using lip::ui::test::ShellFixture;

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
    status.recentErrors = {{QDateTime::currentDateTime(), QStringLiteral("openai"), QStringLiteral("invalid API key (…wxyz)")},
                           {QDateTime::currentDateTime(), QString(), QStringLiteral("malformed request")}};
    return status;
}

LogLine logLine(QtMsgType type, const QString &category, const QString &message)
{
    return LogLine{QDateTime::currentDateTime(), type, category, message};
}

QStringList expectedPageIds()
{
    return lip::ui::appPageIds();
}

QStringList sidebarIds(const MainWindow &window)
{
    QStringList ids;
    for (int i = 0; i < window.sidebar()->count(); ++i)
        ids << window.sidebar()->item(i)->data(Qt::UserRole).toString();
    return ids;
}

} // namespace

class TestMainWindow : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void sidebarHasEveryPageInOrder();
    void keyboardSwitchesPages();
    void everyControlIsNamed();
    void overviewShowsStatus_data();
    void overviewShowsStatus();
    void overviewStartFailureAndCopy();
    void closeQuitsOrHidesToTray_data();
    void closeQuitsOrHidesToTray();
    void logPageFilters();
    void logPageKeepsAtMostMaxLines();
    void languageSwitchRetranslates();
    void clientKeyFormat();
    void settingsShowPortInUse();
    void screenshot();
};

void TestMainWindow::initTestCase()
{
    // The Settings page reads the autostart entry: never the real user's.
    static QTemporaryDir xdg;
    QVERIFY(xdg.isValid());
    qputenv("XDG_CONFIG_HOME", xdg.path().toLocal8Bit());
    lip::ui::initResources();
}

void TestMainWindow::sidebarHasEveryPageInOrder()
{
    ShellFixture fixture;
    MainWindow window;
    lip::ui::addAppPages(window, fixture.context, nullptr);
    QCOMPARE(sidebarIds(window), expectedPageIds());
    QCOMPARE(window.pageIds(), expectedPageIds());
    for (const QString &id : expectedPageIds()) {
        QVERIFY2(window.page(id), qPrintable(id));
        QVERIFY2(!window.page(id)->icon().isNull(), qPrintable(id));
        QVERIFY2(!window.page(id)->title().isEmpty(), qPrintable(id));
    }
    QVERIFY(!window.page(QStringLiteral("nonexistent")));
    QVERIFY(!window.showPage(QStringLiteral("nonexistent")));
}

void TestMainWindow::keyboardSwitchesPages()
{
    ShellFixture fixture;
    MainWindow window;
    lip::ui::addAppPages(window, fixture.context, nullptr);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QCOMPARE(window.currentPage()->pageId(), QStringLiteral("overview"));

    QSignalSpy changed(&window, &MainWindow::currentPageChanged);
    window.sidebar()->setFocus();
    QTest::keyClick(window.sidebar(), Qt::Key_Down);
    QCOMPARE(window.currentPage()->pageId(), expectedPageIds().at(1));
    QCOMPARE(changed.count(), 1);
    QTest::keyClick(window.sidebar(), Qt::Key_End);
    QCOMPARE(window.currentPage()->pageId(), QStringLiteral("log"));
    QTest::keyClick(window.sidebar(), Qt::Key_Home);
    QCOMPARE(window.currentPage()->pageId(), QStringLiteral("overview"));

    QVERIFY(window.showPage(QStringLiteral("settings")));
    QCOMPARE(window.currentPage()->pageId(), QStringLiteral("settings"));
    QCOMPARE(window.sidebar()->currentItem()->data(Qt::UserRole).toString(), QStringLiteral("settings"));
}

void TestMainWindow::everyControlIsNamed()
{
    ShellFixture fixture;
    MainWindow window;
    lip::ui::addAppPages(window, fixture.context, nullptr);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));

    QStringList unnamed;
    for (const QString &id : window.pageIds()) {
        QVERIFY(window.showPage(id));
        QCoreApplication::processEvents();
        // The controls a user operates on this page: every widget that takes focus, visible or not
        // (a hidden one may appear later), except the internals of composite widgets.
        for (QWidget *widget : window.findChildren<QWidget *>()) {
            if (!(widget->focusPolicy() & Qt::TabFocus) || !widget->isVisibleTo(&window))
                continue;
            // A QScrollArea is a container that scrolls the controls it holds, not a control.
            if (qobject_cast<QScrollArea *>(widget) || qobject_cast<QAbstractScrollArea *>(widget->parentWidget())
                || widget->inherits("QComboBoxPrivateContainer") || widget->parentWidget()->inherits("QAbstractSpinBox")
                || widget->parentWidget()->inherits("QComboBox"))
                continue;
            if (widget->accessibleName().isEmpty())
                unnamed << QStringLiteral("%1: %2 (%3)").arg(id, widget->objectName(),
                                                             QString::fromLatin1(widget->metaObject()->className()));
        }
    }
    unnamed.removeDuplicates();
    QVERIFY2(unnamed.isEmpty(), qPrintable(unnamed.join(QStringLiteral("\n"))));
}

void TestMainWindow::overviewShowsStatus_data()
{
    QTest::addColumn<EngineStatus>("status");
    QTest::addColumn<QString>("state");
    QTest::addColumn<QString>("openAiUrl");
    QTest::addColumn<bool>("anthropicPortShown");
    QTest::addColumn<bool>("bannerShown");
    QTest::addColumn<QString>("requests");
    QTest::addColumn<int>("recentErrors");
    QTest::addColumn<QString>("startStop");

    const EngineStatus running = runningStatus();
    QTest::newRow("running") << running << "Running" << "http://127.0.0.1:8123/v1" << false << false
                             << "12 answered, 1 in progress" << 2 << "Stop";

    EngineStatus anthropic = running;
    anthropic.anthropicAddress = QStringLiteral("http://127.0.0.1:8124");
    anthropic.activeRequests = 0;
    anthropic.recentErrors.clear();
    anthropic.lastError.clear();
    QTest::newRow("anthropic port, no errors") << anthropic << "Running" << "http://127.0.0.1:8123/v1" << true
                                               << false << "12 answered" << 0 << "Stop";

    EngineStatus degraded = running;
    degraded.openCircuits = {QStringLiteral("anthropic")};
    QTest::newRow("degraded") << degraded << "Running, degraded" << "http://127.0.0.1:8123/v1" << false << true
                              << "12 answered, 1 in progress" << 2 << "Stop";

    EngineStatus paused;
    paused.paused = true;
    QTest::newRow("paused") << paused << "Paused" << "" << false << false << "0 answered" << 0 << "Start";
    QTest::newRow("stopped") << EngineStatus{} << "Stopped" << "" << false << false << "0 answered" << 0 << "Start";
}

void TestMainWindow::overviewShowsStatus()
{
    QFETCH(EngineStatus, status);
    QFETCH(QString, state);
    QFETCH(QString, openAiUrl);
    QFETCH(bool, anthropicPortShown);
    QFETCH(bool, bannerShown);
    QFETCH(QString, requests);
    QFETCH(int, recentErrors);
    QFETCH(QString, startStop);

    ShellFixture fixture;
    OverviewPage page(fixture.context);
    page.setStatus(status);
    page.show();
    QVERIFY(QTest::qWaitForWindowExposed(&page));

    QCOMPARE(page.findChild<QLabel *>(QStringLiteral("stateLabel"))->text(), state);
    QCOMPARE(page.findChild<QLineEdit *>(QStringLiteral("openAiUrl"))->text(), openAiUrl);
    QCOMPARE(page.findChild<QLineEdit *>(QStringLiteral("anthropicUrl"))->text(), status.listenAddress);
    QCOMPARE(page.findChild<QLineEdit *>(QStringLiteral("geminiUrl"))->text(), status.listenAddress);
    QCOMPARE(page.findChild<QPushButton *>(QStringLiteral("openAiCopy"))->isEnabled(), !openAiUrl.isEmpty());
    QCOMPARE(page.findChild<QLineEdit *>(QStringLiteral("anthropicPortUrl"))->isVisible(), anthropicPortShown);
    auto *banner = page.findChild<QLabel *>(QStringLiteral("degradedBanner"));
    QCOMPARE(banner->isVisible(), bannerShown);
    if (bannerShown)
        QVERIFY2(banner->text().contains(QStringLiteral("anthropic")), qPrintable(banner->text()));
    QCOMPARE(page.findChild<QLabel *>(QStringLiteral("requestsLabel"))->text(), requests);
    auto *recent = page.findChild<QTreeWidget *>(QStringLiteral("recentErrors"));
    QCOMPARE(recent->topLevelItemCount(), recentErrors);
    if (recentErrors > 0) {
        QCOMPARE(recent->topLevelItem(0)->text(1), QStringLiteral("openai"));
        QCOMPARE(recent->topLevelItem(0)->text(2), QStringLiteral("invalid API key (…wxyz)"));
        QCOMPARE(recent->topLevelItem(1)->text(1), QStringLiteral("(proxy)"));
    }
    QCOMPARE(page.findChild<QPushButton *>(QStringLiteral("startStopButton"))->text().remove(QLatin1Char('&')), startStop);
}

void TestMainWindow::overviewStartFailureAndCopy()
{
    ShellFixture fixture;
    OverviewPage page(fixture.context);
    page.setStatus(runningStatus());
    page.setStartFailed(QStringLiteral("127.0.0.1:8000: address already in use"));
    page.show();
    QVERIFY(QTest::qWaitForWindowExposed(&page));
    QCOMPARE(page.findChild<QLabel *>(QStringLiteral("stateLabel"))->text(),
             QStringLiteral("Could not start: 127.0.0.1:8000: address already in use"));
    QVERIFY(!page.findChild<QPushButton *>(QStringLiteral("openAiCopy"))->isEnabled());

    page.setStatus(runningStatus());
    QCOMPARE(page.findChild<QLabel *>(QStringLiteral("stateLabel"))->text(), QStringLiteral("Running"));

    QClipboard *clipboard = QGuiApplication::clipboard();
    const struct
    {
        const char *button;
        const char *expected;
    } rows[] = {{"openAiCopy", "http://127.0.0.1:8123/v1"},
                {"anthropicCopy", "http://127.0.0.1:8123"},
                {"geminiCopy", "http://127.0.0.1:8123"}};
    for (const auto &row : rows) {
        clipboard->setText(QStringLiteral("something else"));
        auto *button = page.findChild<QPushButton *>(QLatin1String(row.button));
        button->setFocus();
        QTest::keyClick(button, Qt::Key_Space); // by keyboard
        QCOMPARE(clipboard->text(), QLatin1String(row.expected));
    }
}

void TestMainWindow::closeQuitsOrHidesToTray_data()
{
    QTest::addColumn<bool>("trayAvailable");
    QTest::addColumn<int>("quitRequests");
    QTest::newRow("no tray: quits") << false << 1;
    QTest::newRow("tray: hides, keeps running") << true << 0;
}

void TestMainWindow::closeQuitsOrHidesToTray()
{
    QFETCH(bool, trayAvailable);
    QFETCH(int, quitRequests);

    MainWindow window;
    window.setTrayAvailable(trayAvailable);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QSignalSpy quitSpy(&window, &MainWindow::quitRequested);
    QSignalSpy hiddenSpy(&window, &MainWindow::hiddenToTray);
    window.close();
    QVERIFY(!window.isVisible());
    QCOMPARE(quitSpy.count(), quitRequests);
    QCOMPARE(hiddenSpy.count(), trayAvailable ? 1 : 0);

    window.bringToFront();
    QVERIFY(window.isVisible());
}

void TestMainWindow::logPageFilters()
{
    LogPage page(AppContext{});
    page.show();
    page.appendLine(logLine(QtDebugMsg, QStringLiteral("lip.engine.routing"), QStringLiteral("picked openai")));
    page.appendLine(logLine(QtInfoMsg, QStringLiteral("lip.engine.server"), QStringLiteral("listening on 8000")));
    page.appendLine(logLine(QtWarningMsg, QStringLiteral("lip.backend.anthropic"), QStringLiteral("HTTP 529 overloaded")));
    page.appendLine(logLine(QtCriticalMsg, QStringLiteral("lip.engine.server"), QStringLiteral("port in use")));

    auto visible = [&page] { return page.visibleText().split(QLatin1Char('\n'), Qt::SkipEmptyParts).size(); };
    // Default: info and above.
    QCOMPARE(visible(), 3);
    auto *level = page.findChild<QComboBox *>(QStringLiteral("levelFilter"));
    level->setCurrentIndex(0);
    QCOMPARE(visible(), 4);
    level->setCurrentIndex(2);
    QCOMPARE(visible(), 2);
    level->setCurrentIndex(3);
    QCOMPARE(visible(), 1);
    QVERIFY(page.visibleText().contains(QStringLiteral("port in use")));
    level->setCurrentIndex(0);

    auto *category = page.findChild<QComboBox *>(QStringLiteral("categoryFilter"));
    QCOMPARE(category->count(), 4); // All + three categories seen
    category->setCurrentIndex(category->findData(QStringLiteral("lip.engine.server")));
    QCOMPARE(visible(), 2);
    category->setCurrentIndex(0);

    auto *text = page.findChild<QLineEdit *>(QStringLiteral("textFilter"));
    text->setText(QStringLiteral("OVERLOADED"));
    QCOMPARE(visible(), 1);
    // A new line that does not match stays out of the view; one that matches comes in.
    page.appendLine(logLine(QtInfoMsg, QStringLiteral("lip.engine.server"), QStringLiteral("unrelated")));
    QCOMPARE(visible(), 1);
    page.appendLine(logLine(QtInfoMsg, QStringLiteral("lip.backend.openai"), QStringLiteral("overloaded too")));
    QCOMPARE(visible(), 2);

    page.findChild<QPushButton *>(QStringLiteral("copyLog"))->click();
    QCOMPARE(QGuiApplication::clipboard()->text(), page.visibleText());
    QVERIFY(QGuiApplication::clipboard()->text().contains(QStringLiteral("HTTP 529 overloaded")));

    page.findChild<QPushButton *>(QStringLiteral("clearLog"))->click();
    text->clear();
    QCOMPARE(visible(), 0);
}

void TestMainWindow::logPageKeepsAtMostMaxLines()
{
    LogPage page(AppContext{});
    QList<LogLine> lines;
    for (int i = 0; i < LogPage::MaxLines + 10; ++i)
        lines << logLine(QtInfoMsg, QStringLiteral("lip.test"), QStringLiteral("line %1").arg(i));
    page.setLines(lines);
    page.appendLine(logLine(QtInfoMsg, QStringLiteral("lip.test"), QStringLiteral("last")));
    const QStringList shown = page.visibleText().split(QLatin1Char('\n'));
    QCOMPARE(shown.size(), LogPage::MaxLines);
    QVERIFY(shown.constLast().endsWith(QStringLiteral("last")));
    QVERIFY(shown.constFirst().endsWith(QStringLiteral("line 11")));
}

void TestMainWindow::languageSwitchRetranslates()
{
    bool haveGerman = false;
    for (const LanguageManager::Language &language : LanguageManager::available())
        haveGerman = haveGerman || language.code == QLatin1String("de");
    QVERIFY2(haveGerman, "the German translation is not embedded (is Qt Linguist installed?)");

    ShellFixture fixture;
    LanguageManager languages;
    MainWindow window;
    lip::ui::addAppPages(window, fixture.context, &languages);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    auto settingsRow = [&window] {
        return window.sidebar()->item(int(window.pageIds().indexOf(QStringLiteral("settings"))));
    };
    auto applyButton = [&window] {
        return window.findChild<QPushButton *>(QStringLiteral("applyNetwork"))->text().remove(QLatin1Char('&'));
    };
    QVERIFY(languages.setLanguage(QStringLiteral("en")));
    QCoreApplication::processEvents();
    QCOMPARE(settingsRow()->text(), QStringLiteral("Settings"));

    // Through the Settings page's own control, as a user does it.
    auto *combo = window.findChild<QComboBox *>(QStringLiteral("languageCombo"));
    QVERIFY(combo->isEnabled());
    const int german = combo->findData(QStringLiteral("de"));
    QVERIFY(german > 0);
    QCOMPARE(combo->itemText(german), QStringLiteral("Deutsch"));
    combo->setCurrentIndex(german);
    Q_EMIT combo->activated(german);
    QCoreApplication::processEvents();
    QCOMPARE(languages.language(), QStringLiteral("de"));
    QCOMPARE(settingsRow()->text(), QStringLiteral("Einstellungen"));
    QCOMPARE(window.page(QStringLiteral("settings"))->title(), QStringLiteral("Einstellungen"));
    QCOMPARE(applyButton(), QStringLiteral("Übernehmen"));
    // Saved in the app layer, so the next start uses it.
    QCOMPARE(fixture.controller->layer().language, QStringLiteral("de"));

    QVERIFY(languages.setLanguage(QStringLiteral("en")));
    QCoreApplication::processEvents();
    QCOMPARE(settingsRow()->text(), QStringLiteral("Settings"));
    QCOMPARE(applyButton(), QStringLiteral("Apply"));
}

void TestMainWindow::clientKeyFormat()
{
    const QString a = lip::ui::SettingsPage::generateClientKey();
    const QString b = lip::ui::SettingsPage::generateClientKey();
    QVERIFY(a != b);
    QVERIFY(a.startsWith(QStringLiteral("lip-")));
    QCOMPARE(a.size(), 4 + 43); // 32 bytes in unpadded base64url
    const QByteArray raw = QByteArray::fromBase64(a.mid(4).toLatin1(), QByteArray::Base64UrlEncoding | QByteArray::AbortOnBase64DecodingErrors);
    QCOMPARE(raw.size(), 32);
}

void TestMainWindow::settingsShowPortInUse()
{
    lip::config::AppLayer layer;
    layer.port = 0; // ephemeral, from the app layer so that the page can change it
    ShellFixture fixture(layer, false);
    QCOMPARE(fixture.start(), QString());
    const QString before = fixture.engine->status().listenAddress;
    QVERIFY(!before.isEmpty());

    QTcpServer blocker;
    QVERIFY(blocker.listen(QHostAddress::LocalHost, 0));
    lip::ui::SettingsPage page(fixture.context);
    page.show();
    QVERIFY(QTest::qWaitForWindowExposed(&page));
    page.findChild<QSpinBox *>(QStringLiteral("portSpin"))->setValue(blocker.serverPort());
    page.findChild<QPushButton *>(QStringLiteral("applyNetwork"))->click();
    // Not a silent failure: the engine's own reason is shown, and the proxy stays where it was.
    QTRY_VERIFY2(page.networkMessage().startsWith(QStringLiteral("Not applied: ")), qPrintable(page.networkMessage()));
    QVERIFY2(page.networkMessage().contains(QString::number(blocker.serverPort())), qPrintable(page.networkMessage()));
    QCOMPARE(fixture.engine->status().listenAddress, before);
    fixture.engine->stopAndWait();
}

void TestMainWindow::screenshot()
{
    // For a person to look at (STYLE.md): LIP_UI_SCREENSHOT_DIR=/tmp/shots
    const QString dir = qEnvironmentVariable("LIP_UI_SCREENSHOT_DIR");
    if (dir.isEmpty())
        QSKIP("set LIP_UI_SCREENSHOT_DIR to a directory to save screenshots of every page");
    ShellFixture fixture;
    MainWindow window;
    lip::ui::addAppPages(window, fixture.context, nullptr);
    EngineStatus status = runningStatus();
    status.openCircuits = {QStringLiteral("anthropic")};
    status.anthropicAddress = QStringLiteral("http://127.0.0.1:8124");
    qobject_cast<OverviewPage *>(window.page(QStringLiteral("overview")))->setStatus(status);
    auto *log = qobject_cast<LogPage *>(window.page(QStringLiteral("log")));
    log->appendLine(logLine(QtInfoMsg, QStringLiteral("lip.engine.server"), QStringLiteral("listening on http://127.0.0.1:8123")));
    log->appendLine(logLine(QtWarningMsg, QStringLiteral("lip.backend.anthropic"), QStringLiteral("HTTP 529 overloaded")));
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    for (const QString &id : window.pageIds()) {
        window.showPage(id);
        QCoreApplication::processEvents();
        QVERIFY(window.grab().save(dir + QStringLiteral("/") + id + QStringLiteral(".png")));
    }
}

QTEST_MAIN(TestMainWindow)
#include "tst_mainwindow.moc"
