// SPDX-License-Identifier: GPL-3.0-or-later
// The aggregated model list against real sockets: every configured backend's listing under
// "backend:model" ids, one failing upstream never hiding the others, a shared fetch for
// concurrent askers, the TTL cache, static `models:` lists and hybrid backends.

#include "backends/modelcatalog.h"
#include "config/configloader.h"
#include "fakeprovider.h"

#include <QTest>

using namespace lip;
using lip::test::FakeProvider;
using lip::test::FakeReply;
using lip::test::FakeRequest;

namespace {

const QByteArray kKey = "sk-catalog-SECRET-4321";

struct Listing
{
    bool done = false;
    QStringList ids;
    QStringList failures;
};

} // namespace

class TstCatalog : public QObject
{
    Q_OBJECT

private:
    FakeProvider m_good;
    FakeProvider m_bad;
    int m_goodModelCalls = 0;
    QByteArray m_goodBody = R"({"object":"list","data":[{"id":"m1","object":"model","created":1,"owned_by":"x"},{"id":"m2","object":"model"}]})";

    config::Config makeConfig(int ttl)
    {
        const QByteArray yaml =
            "models_cache_ttl_seconds: " + QByteArray::number(ttl) + "\n"
            "backends:\n"
            "  openai:\n"
            "    api_key: " + kKey + "\n"
            "    api_url: " + m_good.baseUrl().toString().toUtf8() + "/v1\n"
            "  broken:\n"
            "    type: anthropic\n"
            "    api_key: " + kKey + "\n"
            "    api_url: " + m_bad.baseUrl().toString().toUtf8() + "\n"
            "  fixed:\n"
            "    type: openai\n"
            "    api_url: http://127.0.0.1:1/v1\n"
            "    models: [alpha, beta]\n"
            "  think:\n"
            "    type: hybrid\n"
            "    reasoning_model: 'openai:m1'\n"
            "    execution_model: 'fixed:alpha'\n";
        auto cfg = config::parseConfigYaml(yaml, QStringLiteral("catalog.yaml"));
        if (!cfg.ok())
            qFatal("config: %s", qPrintable(cfg.error().message));
        return *cfg;
    }

    static void fetchInto(ModelCatalog &catalog, Listing &out)
    {
        catalog.fetch([&out](const std::vector<CatalogEntry> &models, const QStringList &failures) {
            for (const CatalogEntry &e : models)
                out.ids << QString::fromStdString(e.fullId());
            out.failures = failures;
            out.done = true;
        });
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_good.listen());
        QVERIFY(m_bad.listen());
        m_good.setHandler([this](const FakeRequest &r) {
            if (r.path == "/v1/models") {
                ++m_goodModelCalls;
                return FakeReply::json(m_goodBody);
            }
            return FakeReply::error(404, "no such path");
        });
        m_bad.setHandler([](const FakeRequest &) {
            return FakeReply::json(R"({"type":"error","error":{"type":"api_error","message":"upstream exploded"}})", 500);
        });
    }

    void init()
    {
        m_good.reset();
        m_bad.reset();
        m_goodModelCalls = 0;
        m_goodBody = R"({"object":"list","data":[{"id":"m1","object":"model","created":1,"owned_by":"x"},{"id":"m2","object":"model"}]})";
    }

    void oneFailureDoesNotHideTheOthers()
    {
        ModelCatalog catalog(makeConfig(60));
        Listing listing;
        fetchInto(catalog, listing);
        QTRY_VERIFY_WITH_TIMEOUT(listing.done, 20000);
        QCOMPARE(listing.ids, (QStringList{"openai:m1", "openai:m2", "fixed:alpha", "fixed:beta",
                                           "think:openai:m1+fixed:alpha"}));
        QCOMPARE(listing.failures.size(), 1);
        QVERIFY2(listing.failures.first().startsWith(QStringLiteral("broken: HTTP 500")), qPrintable(listing.failures.first()));
        QVERIFY2(listing.failures.first().contains(QStringLiteral("upstream exploded")), qPrintable(listing.failures.first()));
        QVERIFY(!listing.failures.first().contains(QString::fromLatin1(kKey)));
        // The listing went upstream with the backend's key, the way its dialect sends it.
        QCOMPARE(m_good.lastRequest().header("authorization"), QByteArray("Bearer " + kKey));
        QCOMPARE(m_bad.lastRequest().header("x-api-key"), kKey);
    }

    void concurrentAskersShareOneFetchAndTheCacheHolds()
    {
        ModelCatalog catalog(makeConfig(3600));
        Listing first;
        Listing second;
        fetchInto(catalog, first);
        fetchInto(catalog, second);
        QTRY_VERIFY_WITH_TIMEOUT(first.done && second.done, 20000);
        QCOMPARE(m_goodModelCalls, 1);
        QCOMPARE(first.ids, second.ids);

        Listing cached;
        fetchInto(catalog, cached);
        QVERIFY2(cached.done, "a fresh cache answers at once");
        QCOMPARE(cached.ids, first.ids);
        QCOMPARE(m_goodModelCalls, 1);

        // invalidate() forgets the cache: the next ask goes upstream again and sees new models.
        m_goodBody = R"({"object":"list","data":[{"id":"m3"}]})";
        catalog.invalidate();
        Listing fresh;
        fetchInto(catalog, fresh);
        QTRY_VERIFY_WITH_TIMEOUT(fresh.done, 20000);
        QCOMPARE(m_goodModelCalls, 2);
        QVERIFY(fresh.ids.contains(QStringLiteral("openai:m3")));
        QVERIFY(!fresh.ids.contains(QStringLiteral("openai:m1")));
    }

    void zeroTtlAsksEveryTime()
    {
        ModelCatalog catalog(makeConfig(0));
        for (int i = 1; i <= 2; ++i) {
            Listing listing;
            fetchInto(catalog, listing);
            QTRY_VERIFY_WITH_TIMEOUT(listing.done, 20000);
            QCOMPARE(m_goodModelCalls, i);
        }
    }

    void malformedListingIsAFailureNotACrash_data()
    {
        QTest::addColumn<QByteArray>("body");
        QTest::newRow("not json") << QByteArray("<html>oops</html>");
        QTest::newRow("truncated") << QByteArray(R"({"object":"list","data":[{"id":"m1")");
        QTest::newRow("wrong shape") << QByteArray(R"({"data":"nope"})");
    }
    void malformedListingIsAFailureNotACrash()
    {
        QFETCH(QByteArray, body);
        m_goodBody = body;
        ModelCatalog catalog(makeConfig(60));
        Listing listing;
        fetchInto(catalog, listing);
        QTRY_VERIFY_WITH_TIMEOUT(listing.done, 20000);
        QVERIFY(listing.ids.contains(QStringLiteral("fixed:alpha")));
        QVERIFY(!listing.ids.contains(QStringLiteral("openai:m1")));
        QCOMPARE(listing.failures.size(), 2); // openai (malformed) and broken (HTTP 500)
        QVERIFY2(listing.failures.first().startsWith(QStringLiteral("openai: ")), qPrintable(listing.failures.join('\n')));
    }
};

QTEST_GUILESS_MAIN(TstCatalog)
#include "tst_catalog.moc"
