// SPDX-License-Identifier: GPL-3.0-or-later
// The Routing page against a running engine: what a user types is validated with the start-up
// loader, nothing invalid is saved or applied, and a saved route is what the next request uses.

#include "pages/routingpage.h"
#include "proxyfixture.h"

#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QTableWidget>
#include <QTest>

using namespace lip;
using lip::test::ProxyFixture;

namespace {

template<typename T>
T *child(QWidget &page, const char *name)
{
    T *w = page.findChild<T *>(QLatin1String(name));
    if (!w)
        qFatal("no child %s", name);
    return w;
}

bool waitApplied(QSignalSpy &spy)
{
    if (spy.isEmpty() && !spy.wait(10000))
        return false;
    return spy.first().first().toString().isEmpty();
}

QStringList elementsOf(QWidget &page)
{
    QStringList out;
    auto *list = child<QListWidget>(page, "elements");
    for (int i = 0; i < list->count(); ++i)
        out << list->item(i)->text();
    return out;
}

QStringList routeNames(const config::Config &c)
{
    QStringList out;
    for (const config::RouteConfig &r : c.routes)
        out << r.name;
    return out;
}

} // namespace

class TestRoutingPage : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<ProxyFixture> m_fx;

    // Adds a route the way a user does: button, name typed, elements typed and added.
    void addRoute(ui::RoutingPage &page, const QString &name, const QStringList &elements)
    {
        child<QPushButton>(page, "addRoute")->click();
        auto *nameEdit = child<QLineEdit>(page, "routeName");
        nameEdit->selectAll();
        QTest::keyClicks(nameEdit, name);
        auto *elementEdit = child<QLineEdit>(page, "elementEdit");
        for (const QString &element : elements) {
            QTest::keyClicks(elementEdit, element);
            child<QPushButton>(page, "addElement")->click();
        }
    }

private Q_SLOTS:
    void init()
    {
        m_fx = std::make_unique<ProxyFixture>();
        const QString error = m_fx->start();
        QVERIFY2(error.isEmpty(), qPrintable(error));
    }

    void cleanup() { m_fx.reset(); }

    void showsTheRunningConfigWithOrigins()
    {
        ui::RoutingPage page(m_fx->context());
        auto *routes = child<QListWidget>(page, "routeList");
        QCOMPARE(routes->count(), 1);
        QCOMPARE(routes->item(0)->text(), QStringLiteral("from-file"));
        QCOMPARE(elementsOf(page), QStringList{QStringLiteral("alpha:f1")});
        auto *origin = child<QLabel>(page, "routeOrigin");
        QVERIFY(!origin->isHidden());
        QVERIFY2(origin->text().contains(QLatin1String("config.yaml:")), qPrintable(origin->text()));
        QCOMPARE(child<QComboBox>(page, "defaultBackend")->currentText(), QStringLiteral("alpha"));
        // A route from the user's file cannot be removed here.
        QVERIFY(!child<QPushButton>(page, "removeRoute")->isEnabled());
        QVERIFY(!child<QPushButton>(page, "apply")->isEnabled()); // nothing to apply yet
    }

    void badElementShowsTheErrorAndNothingIsApplied()
    {
        ui::RoutingPage page(m_fx->context());
        addRoute(page, QStringLiteral("myroute"), {QStringLiteral("alpha:m1"), QStringLiteral("nosuch:model")});
        page.validateNow();
        auto *error = child<QLabel>(page, "routeError");
        QVERIFY(!error->isHidden());
        QVERIFY2(error->text().contains(QLatin1String("nosuch")), qPrintable(error->text()));
        QVERIFY2(!error->text().contains(m_fx->layerFile()), "the error names a file the user never sees");
        QVERIFY(!child<QPushButton>(page, "apply")->isEnabled());

        QSignalSpy applied(m_fx->engine.get(), &EngineClient::configApplied);
        QVERIFY(!page.apply().isEmpty());
        QVERIFY(!QFile::exists(m_fx->layerFile()));
        QVERIFY(!routeNames(m_fx->engine->currentConfig()).contains(QStringLiteral("myroute")));
        QVERIFY(!routeNames(m_fx->controller->config()).contains(QStringLiteral("myroute")));
        QCOMPARE(applied.count(), 0);

        // A bare model (no backend) is refused as well, with the loader's words.
        auto *list = child<QListWidget>(page, "elements");
        list->setCurrentRow(1);
        child<QPushButton>(page, "removeElement")->click();
        QTest::keyClicks(child<QLineEdit>(page, "elementEdit"), QStringLiteral("gpt-4o"));
        child<QPushButton>(page, "addElement")->click();
        page.validateNow();
        QVERIFY2(error->text().contains(QLatin1String("must be backend:model")), qPrintable(error->text()));

        // Fixed: the error goes and Apply becomes possible.
        list->setCurrentRow(1);
        child<QPushButton>(page, "removeElement")->click();
        page.validateNow();
        QVERIFY(error->isHidden());
        QVERIFY(child<QPushButton>(page, "apply")->isEnabled());
    }

    void validationWaitsForATypingPause()
    {
        ui::RoutingPage page(m_fx->context());
        addRoute(page, QStringLiteral("r"), {QStringLiteral("nosuch:x")});
        // Nothing is judged mid-typing; Apply stays off until the check ran.
        QVERIFY(!child<QPushButton>(page, "apply")->isEnabled());
        QVERIFY(child<QLabel>(page, "routeError")->isHidden());
        QTRY_VERIFY(!child<QLabel>(page, "routeError")->isHidden());
    }

    void savedRouteIsUsedByTheNextRequest()
    {
        ui::RoutingPage page(m_fx->context());
        addRoute(page, QStringLiteral("pick"), {QStringLiteral("bravo:m2"), QStringLiteral("alpha:m1")});
        page.validateNow();
        QVERIFY(child<QPushButton>(page, "apply")->isEnabled());
        QSignalSpy applied(m_fx->engine.get(), &EngineClient::configApplied);
        QCOMPARE(page.apply(), QString());
        QVERIFY(waitApplied(applied));
        QVERIFY(m_fx->readLayer().contains("pick"));
        QVERIFY(!page.hasUnsavedChanges());

        QByteArray body;
        QCOMPARE(m_fx->chat("pick", &body), 200);
        QCOMPARE(m_fx->bravo.requestCount(), 1);
        QCOMPARE(m_fx->alpha.requestCount(), 0);
        QVERIFY(m_fx->bravo.lastRequest().body.contains("\"m2\""));

        // The layer on disk reloads to the same state.
        ui::ConfigController again(nullptr, m_fx->cli, {}, config::CredentialSet{});
        QVERIFY(again.layerError().isEmpty());
        QVERIFY(again.layer() == m_fx->controller->layer());
        const config::RouteConfig *route = again.config().route(QStringLiteral("pick"));
        QVERIFY(route);
        QCOMPARE(route->elements, (QStringList{QStringLiteral("bravo:m2"), QStringLiteral("alpha:m1")}));
        QVERIFY(again.config().route(QStringLiteral("from-file"))); // the user's route is still there
        ui::RoutingPage reopened({nullptr, &again});
        QCOMPARE(child<QListWidget>(reopened, "routeList")->count(), 2);
    }

    void dragAndDropReorderChangesTheOrderApplied()
    {
        ui::RoutingPage page(m_fx->context());
        addRoute(page, QStringLiteral("pick"), {QStringLiteral("bravo:m2"), QStringLiteral("alpha:m1")});
        // What a drop does to an InternalMove list: the model moves the row.
        auto *list = child<QListWidget>(page, "elements");
        QVERIFY(list->model()->moveRow(QModelIndex(), 1, QModelIndex(), 0));
        QCOMPARE(elementsOf(page), (QStringList{QStringLiteral("alpha:m1"), QStringLiteral("bravo:m2")}));
        QVERIFY(page.candidate().routes.back().elements.first() == QStringLiteral("alpha:m1"));
        QSignalSpy applied(m_fx->engine.get(), &EngineClient::configApplied);
        QCOMPARE(page.apply(), QString());
        QVERIFY(waitApplied(applied));
        QCOMPARE(m_fx->chat("pick"), 200);
        QCOMPARE(m_fx->alpha.requestCount(), 1);
        QCOMPARE(m_fx->bravo.requestCount(), 0);

        // Move down (the keyboard way) puts bravo first again.
        list->setCurrentRow(0);
        child<QPushButton>(page, "moveDown")->click();
        QCOMPARE(elementsOf(page), (QStringList{QStringLiteral("bravo:m2"), QStringLiteral("alpha:m1")}));
        applied.clear();
        QCOMPARE(page.apply(), QString());
        QVERIFY(waitApplied(applied));
        QCOMPARE(m_fx->chat("pick"), 200);
        QCOMPARE(m_fx->bravo.requestCount(), 1);
    }

    void editingAUserRouteSavesAReplacement()
    {
        const QByteArray userBefore = [&] {
            QFile f(m_fx->userFile());
            return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
        }();
        ui::RoutingPage page(m_fx->context());
        QTest::keyClicks(child<QLineEdit>(page, "elementEdit"), QStringLiteral("bravo:f2"));
        child<QPushButton>(page, "addElement")->click();
        auto *list = child<QListWidget>(page, "elements");
        list->setCurrentRow(0);
        child<QPushButton>(page, "removeElement")->click();
        QSignalSpy applied(m_fx->engine.get(), &EngineClient::configApplied);
        QCOMPARE(page.apply(), QString());
        QVERIFY(waitApplied(applied));
        QCOMPARE(m_fx->chat("from-file"), 200);
        QCOMPARE(m_fx->bravo.requestCount(), 1);
        QFile f(m_fx->userFile());
        QVERIFY(f.open(QIODevice::ReadOnly));
        QCOMPARE(f.readAll(), userBefore);
        // Now it is the app's: it can be removed, and the user's route comes back.
        QVERIFY(child<QPushButton>(page, "removeRoute")->isEnabled());
    }

    void aliasesAndDefaultBackend()
    {
        ui::RoutingPage page(m_fx->context());
        auto *combo = child<QComboBox>(page, "defaultBackend");
        combo->lineEdit()->selectAll();
        QTest::keyClicks(combo->lineEdit(), QStringLiteral("nope"));
        page.validateNow();
        auto *defaultError = child<QLabel>(page, "defaultError");
        QVERIFY(!defaultError->isHidden());
        QVERIFY2(defaultError->text().contains(QLatin1String("nope")), qPrintable(defaultError->text()));
        combo->lineEdit()->selectAll();
        QTest::keyClicks(combo->lineEdit(), QStringLiteral("bravo:dm"));
        child<QPushButton>(page, "addAlias")->click();
        auto *aliases = page.findChild<QTableWidget *>(QStringLiteral("aliases"));
        QVERIFY(aliases);
        aliases->item(aliases->rowCount() - 1, 0)->setText(QStringLiteral("quick"));
        aliases->item(aliases->rowCount() - 1, 1)->setText(QStringLiteral("alpha:q1"));
        page.validateNow();
        QVERIFY(defaultError->isHidden());
        QSignalSpy applied(m_fx->engine.get(), &EngineClient::configApplied);
        QCOMPARE(page.apply(), QString());
        QVERIFY(waitApplied(applied));
        QCOMPARE(m_fx->chat("anything"), 200);
        QCOMPARE(m_fx->bravo.requestCount(), 1);
        QVERIFY(m_fx->bravo.lastRequest().body.contains("\"anything\""));
        QCOMPARE(m_fx->chat("quick"), 200);
        QCOMPARE(m_fx->alpha.requestCount(), 1);
        QVERIFY(m_fx->alpha.lastRequest().body.contains("\"q1\""));
    }

    void screenshot()
    {
        ui::RoutingPage page(m_fx->context());
        addRoute(page, QStringLiteral("smart"), {QStringLiteral("bravo:m2"), QStringLiteral("nosuch:model")});
        page.validateNow();
        page.resize(900, 900);
        const QString out = qEnvironmentVariable("LIP_SCREENSHOT_DIR");
        if (!out.isEmpty())
            QVERIFY(page.grab().save(out + QStringLiteral("/routing.png")));
    }
};

QTEST_MAIN(TestRoutingPage)
#include "tst_routingpage.moc"
