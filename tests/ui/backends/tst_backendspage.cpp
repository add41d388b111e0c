// SPDX-License-Identifier: GPL-3.0-or-later
// The Backends page against a running engine: disabling an instance and overriding its base URL
// change what the next request does; keys are shown by alias only; added instances are saved.

#include "pages/backendspage.h"
#include "proxyfixture.h"

#include <QCheckBox>
#include <QJsonArray>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QTableWidget>
#include <QTest>

using namespace lip;
using lip::test::FakeProvider;
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

QString cell(QWidget &page, const QString &instance, int column)
{
    auto *table = child<QTableWidget>(page, "backends");
    for (int row = 0; row < table->rowCount(); ++row) {
        if (table->item(row, 0)->text() == instance)
            return table->item(row, column)->text();
    }
    return QStringLiteral("<no row>");
}

} // namespace

class TestBackendsPage : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<ProxyFixture> m_fx;

private Q_SLOTS:
    void init()
    {
        m_fx = std::make_unique<ProxyFixture>();
        const QString error = m_fx->start();
        QVERIFY2(error.isEmpty(), qPrintable(error));
    }

    void cleanup() { m_fx.reset(); }

    void listsInstancesWithKeyAliasesNeverValues()
    {
        ui::BackendsPage page(m_fx->context());
        QCOMPARE(child<QTableWidget>(page, "backends")->rowCount(), 2);
        QCOMPARE(cell(page, QStringLiteral("alpha"), 1), QStringLiteral("openai"));
        QCOMPARE(cell(page, QStringLiteral("alpha"), 2), m_fx->alpha.baseUrl().toString() + QStringLiteral("/v1"));
        const QString keys = cell(page, QStringLiteral("alpha"), 4);
        QVERIFY2(keys.contains(QLatin1String("config:backends.alpha.api_key")), qPrintable(keys));
        const QList<QWidget *> all = page.findChildren<QWidget *>();
        for (QWidget *w : all) {
            if (auto *label = qobject_cast<QLabel *>(w))
                QVERIFY(!label->text().contains(QLatin1String("sk-fixture")));
        }
        auto *table = child<QTableWidget>(page, "backends");
        for (int r = 0; r < table->rowCount(); ++r)
            for (int c = 0; c < table->columnCount(); ++c)
                QVERIFY(!table->item(r, c)->text().contains(QLatin1String("sk-fixture")));
    }

    void disabledInstanceGetsTheProxysError()
    {
        ui::BackendsPage page(m_fx->context());
        page.selectInstance(QStringLiteral("bravo"));
        auto *enabled = child<QCheckBox>(page, "enabled");
        QVERIFY(enabled->isChecked());
        QSignalSpy applied(m_fx->engine.get(), &EngineClient::configApplied);
        enabled->click(); // off
        QVERIFY(waitApplied(applied));
        QVERIFY(m_fx->readLayer().contains("enabled: false"));
        QCOMPARE(cell(page, QStringLiteral("bravo"), 3), QStringLiteral("no"));

        QByteArray body;
        const int status = m_fx->chat("bravo:m2", &body);
        QVERIFY2(status >= 400, body.constData());
        QVERIFY2(body.contains("bravo"), body.constData());
        QCOMPARE(m_fx->bravo.requestCount(), 0);

        // On again.
        applied.clear();
        enabled->click();
        QVERIFY(waitApplied(applied));
        QCOMPARE(m_fx->chat("bravo:m2"), 200);
        QCOMPARE(m_fx->bravo.requestCount(), 1);
    }

    void disablingTheDefaultBackendIsRefusedWithTheReason()
    {
        ui::BackendsPage page(m_fx->context());
        page.selectInstance(QStringLiteral("alpha"));
        const QString error = page.setInstanceEnabled(QStringLiteral("alpha"), false);
        QVERIFY2(error.contains(QLatin1String("default backend 'alpha' is disabled")), qPrintable(error));
        QVERIFY(!QFile::exists(m_fx->layerFile()));
        QVERIFY(child<QCheckBox>(page, "enabled")->isChecked()); // back to what runs
        QVERIFY(!child<QLabel>(page, "status")->isHidden());
        QCOMPARE(m_fx->chat("alpha:m1"), 200);
    }

    void baseUrlOverrideTakesEffect()
    {
        FakeProvider third;
        QVERIFY(third.listen());
        ui::BackendsPage page(m_fx->context());
        page.selectInstance(QStringLiteral("alpha"));
        auto *url = child<QLineEdit>(page, "baseUrl");
        url->selectAll();
        QTest::keyClicks(url, QStringLiteral("ftp://nowhere"));
        QTRY_VERIFY(!child<QLabel>(page, "urlError")->isHidden());
        QVERIFY(!child<QPushButton>(page, "saveUrl")->isEnabled());

        url->selectAll();
        QTest::keyClicks(url, third.baseUrl().toString() + QStringLiteral("/v1"));
        QTRY_VERIFY(child<QPushButton>(page, "saveUrl")->isEnabled());
        QSignalSpy applied(m_fx->engine.get(), &EngineClient::configApplied);
        child<QPushButton>(page, "saveUrl")->click();
        QVERIFY(waitApplied(applied));
        QCOMPARE(m_fx->chat("alpha:m1"), 200);
        QCOMPARE(third.requestCount(), 1);
        QCOMPARE(m_fx->alpha.requestCount(), 0);

        // Back to the config's URL.
        QVERIFY(child<QPushButton>(page, "resetUrl")->isEnabled());
        applied.clear();
        child<QPushButton>(page, "resetUrl")->click();
        QVERIFY(waitApplied(applied));
        QCOMPARE(m_fx->chat("alpha:m1"), 200);
        QCOMPARE(m_fx->alpha.requestCount(), 1);
        QVERIFY(!m_fx->readLayer().contains("api_url"));
    }

    void addInstanceIsSavedWithoutAKey()
    {
        ui::BackendsPage page(m_fx->context());
        QCOMPARE(page.addInstance(QStringLiteral("anthropic"), QStringLiteral("anthropic.5")), QString());
        QVERIFY(m_fx->readLayer().contains("anthropic.5"));
        QVERIFY(m_fx->readLayer().contains("type: anthropic"));
        QVERIFY(!m_fx->readLayer().contains("api_key"));
        QVERIFY2(cell(page, QStringLiteral("anthropic.5"), 4).contains(QLatin1String("Credentials")),
                 qPrintable(cell(page, QStringLiteral("anthropic.5"), 4)));
        QVERIFY(!page.addInstance(QStringLiteral("openai"), QStringLiteral("alpha")).isEmpty()); // taken
        QVERIFY(!page.addInstance(QStringLiteral("openai"), QStringLiteral("bad name!")).isEmpty());
        QCOMPARE(page.removeAddedInstance(QStringLiteral("anthropic.5")), QString());
        QVERIFY(!m_fx->readLayer().contains("anthropic.5"));
        QVERIFY(!page.removeAddedInstance(QStringLiteral("alpha")).isEmpty()); // the user's
    }

    void healthAndReactivateFromDiagnostics()
    {
        ui::BackendsPage page(m_fx->context());
        page.selectInstance(QStringLiteral("bravo"));
        // What the engine reports for an open circuit.
        QJsonObject circuit{{QStringLiteral("state"), QStringLiteral("open")},
                            {QStringLiteral("retry_at"), QStringLiteral("2030-01-05T10:12:33.120Z")}};
        QJsonObject bravo{{QStringLiteral("instance"), QStringLiteral("bravo")},
                          {QStringLiteral("circuit"), circuit},
                          {QStringLiteral("keys"), QJsonArray{QJsonObject{{QStringLiteral("alias"), QStringLiteral("k")},
                                                                          {QStringLiteral("available"), false}}}}};
        page.setDiagnostics({{QStringLiteral("backends"), QJsonArray{bravo}}});
        QVERIFY2(cell(page, QStringLiteral("bravo"), 5).contains(QLatin1String("circuit open")),
                 qPrintable(cell(page, QStringLiteral("bravo"), 5)));
        QVERIFY(child<QPushButton>(page, "reactivate")->isEnabled());

        // The real engine's answer: everything healthy.
        page.refreshDiagnostics();
        QTRY_COMPARE(cell(page, QStringLiteral("bravo"), 5).left(7), QStringLiteral("healthy"));
        QVERIFY(!child<QPushButton>(page, "reactivate")->isEnabled());
    }

    void liveModelList()
    {
        m_fx->alpha.setHandler([](const lip::test::FakeRequest &request) {
            if (request.path.endsWith("/models"))
                return lip::test::FakeReply::json("{\"object\":\"list\",\"data\":[{\"id\":\"alpha-one\",\"object\":\"model\"},"
                                                 "{\"id\":\"alpha-two\",\"object\":\"model\"}]}");
            return lip::test::FakeReply::json(FakeProvider::openAIChatCompletion("m", "hi"));
        });
        ui::BackendsPage page(m_fx->context());
        page.selectInstance(QStringLiteral("alpha"));
        child<QPushButton>(page, "loadModels")->click();
        auto *models = page.findChild<QListWidget *>(QStringLiteral("models"));
        QVERIFY(models);
        QTRY_COMPARE(models->count(), 2);
        QCOMPARE(models->item(0)->text(), QStringLiteral("alpha-one"));
    }

    void screenshot()
    {
        ui::BackendsPage page(m_fx->context());
        page.resize(900, 800);
        page.show();
        QTRY_VERIFY(!cell(page, QStringLiteral("alpha"), 5).startsWith(QLatin1String("not")));
        const QString out = qEnvironmentVariable("LIP_SCREENSHOT_DIR");
        if (!out.isEmpty())
            QVERIFY(page.grab().save(out + QStringLiteral("/backends.png")));
    }
};

QTEST_MAIN(TestBackendsPage)
#include "tst_backendspage.moc"
