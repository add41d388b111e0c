// SPDX-License-Identifier: GPL-3.0-or-later
// Usage accounting end to end: the engine in-process against the fake provider. For every
// client dialect × backend dialect × stream/non-stream, the numbers read back through
// /usage/recent are exactly the provider's own usage; /usage/stats and /metrics add them up;
// bad filters are 400s naming the parameter; the endpoints want the proxy key; a corrupt usage
// database leaves the proxy serving with accounting disabled.

#include "engine.h"
#include "fakeprovider.h"
#include "rawhttpclient.h"
#include "usagefixtures.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace lip;
using lip::test::ExpectedUsage;
using lip::test::FakeProvider;
using lip::test::FakeReply;
using lip::test::FakeRequest;
using lip::test::RawHttpClient;
using lip::test::Wire;

Q_DECLARE_METATYPE(lip::test::Wire)

namespace {

const char *backendName(Wire wire)
{
    switch (wire) {
    case Wire::Chat: return "chat-be";
    case Wire::Responses: return "resp-be";
    case Wire::Anthropic: return "anth-be";
    case Wire::Gemini: return "gem-be";
    }
    return "";
}

const char *modelName(Wire wire)
{
    switch (wire) {
    case Wire::Chat: return "gpt-x";
    case Wire::Responses: return "gpt-r";
    case Wire::Anthropic: return "claude-x";
    case Wire::Gemini: return "gemini-x";
    }
    return "";
}

const char *dialectOf(Wire wire)
{
    switch (wire) {
    case Wire::Chat: return "openai-chat";
    case Wire::Responses: return "openai-responses";
    case Wire::Anthropic: return "anthropic";
    case Wire::Gemini: return "gemini";
    }
    return "";
}

// Which dialect the fake is being spoken to in, and whether a stream was asked for.
Wire wireOf(const FakeRequest &request)
{
    if (request.path.contains("/chat/completions"))
        return Wire::Chat;
    if (request.path.contains("/responses"))
        return Wire::Responses;
    if (request.path.contains("/messages"))
        return Wire::Anthropic;
    return Wire::Gemini;
}

bool wantsStream(const FakeRequest &request)
{
    if (wireOf(request) == Wire::Gemini)
        return request.path.contains("streamGenerateContent");
    return QByteArray(request.body).replace(" ", "").contains("\"stream\":true");
}

config::BackendConfig backend(const char *name, const char *type, const QString &baseUrl)
{
    config::BackendConfig b;
    b.name = QString::fromLatin1(name);
    b.type = QString::fromLatin1(type);
    b.baseUrl = baseUrl;
    b.apiKeys = {QStringLiteral("sk-backend-secret-%1").arg(b.name)};
    b.keyAliases = {QStringLiteral("test:%1").arg(b.name)};
    return b;
}

} // namespace

class TestUsageEndpoints : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<QTemporaryDir> m_dataDir;
    std::unique_ptr<FakeProvider> m_fake;
    std::unique_ptr<EngineClient> m_engine;
    quint16 m_port = 0;

    QString start(const std::function<void(config::Config &)> &adjust = {})
    {
        m_engine.reset();
        config::Config config;
        config.port = 0;
        config.dataDir = m_dataDir->path();
        config.proxyApiKeys = {QStringLiteral("proxy-key")};
        config.interactiveCommands = false;
        const QString base = m_fake->baseUrl().toString();
        config.backends = {backend("chat-be", "openai", base + QStringLiteral("/v1")),
                           backend("resp-be", "openai-responses", base + QStringLiteral("/v1")),
                           backend("anth-be", "anthropic", base), backend("gem-be", "gemini", base)};
        config.defaultBackend = QStringLiteral("chat-be");
        config.usage.flushIntervalMs = 1000; // queries must not depend on the timer
        if (adjust)
            adjust(config);
        m_engine = std::make_unique<EngineClient>();
        const QString error = m_engine->startAndWait(config);
        m_port = quint16(m_engine->status().listenAddress.section(QLatin1Char(':'), -1).toUInt());
        return error;
    }

    // A complete exchange; returns the body, sets *status.
    QByteArray call(const QByteArray &method, const QByteArray &path, const QByteArray &body = {}, int *status = nullptr,
                    bool withKey = true)
    {
        RawHttpClient client(m_port);
        RawHttpClient::Headers headers = {qMakePair(QByteArray("Content-Type"), QByteArray("application/json")),
                                          qMakePair(QByteArray("anthropic-version"), QByteArray("2023-06-01"))};
        if (withKey)
            headers.append(qMakePair(QByteArray("Authorization"), QByteArray("Bearer proxy-key")));
        client.send(method, path, headers, body);
        if (!client.waitForEnd(30000))
            qWarning() << "no complete response for" << method << path;
        if (status)
            *status = client.status();
        return client.body();
    }

    QJsonObject json(const QByteArray &method, const QByteArray &path, int *status = nullptr)
    {
        return QJsonDocument::fromJson(call(method, path, {}, status)).object();
    }

    // Sends a generate request and answers it from the fixtures in whatever dialect and mode
    // the proxy asks the fake for.
    QByteArray generate(Wire client, Wire upstream, bool stream, int *status)
    {
        m_fake->setHandler([](const FakeRequest &request) {
            return test::usageReply(wireOf(request), wantsStream(request));
        });
        const QByteArray model = QByteArray(backendName(upstream)) + ':' + modelName(upstream);
        return call("POST", test::clientPath(client, model, stream), test::clientBody(client, model, stream), status);
    }

private Q_SLOTS:
    void init()
    {
        m_dataDir = std::make_unique<QTemporaryDir>();
        QVERIFY(m_dataDir->isValid());
        m_fake = std::make_unique<FakeProvider>();
        QVERIFY(m_fake->listen());
        const QString error = start();
        QVERIFY2(error.isEmpty(), qPrintable(error));
    }

    void cleanup()
    {
        m_engine.reset();
        m_fake.reset();
        m_dataDir.reset();
    }

    void usageIsTheProvidersOwn_data()
    {
        QTest::addColumn<Wire>("client");
        QTest::addColumn<Wire>("upstream");
        QTest::addColumn<bool>("stream");
        const Wire wires[] = {Wire::Chat, Wire::Responses, Wire::Anthropic, Wire::Gemini};
        for (Wire client : wires) {
            for (Wire upstream : wires) {
                for (bool stream : {false, true}) {
                    QTest::addRow("%s -> %s%s", dialectOf(client), dialectOf(upstream), stream ? " stream" : "")
                        << client << upstream << stream;
                }
            }
        }
    }
    void usageIsTheProvidersOwn()
    {
        QFETCH(Wire, client);
        QFETCH(Wire, upstream);
        QFETCH(bool, stream);
        int status = 0;
        const QByteArray body = generate(client, upstream, stream, &status);
        QVERIFY2(status == 200, body.left(600).constData());
        QVERIFY2(body.contains("Hel"), body.left(600).constData());

        int recentStatus = 0;
        const QJsonObject recent = json("GET", "/usage/recent?limit=5", &recentStatus);
        QCOMPARE(recentStatus, 200);
        const QJsonArray rows = recent.value(QStringLiteral("data")).toArray();
        QVERIFY2(!rows.isEmpty(), QJsonDocument(recent).toJson().constData());
        const QJsonObject row = rows.first().toObject();
        const QByteArray dump = QJsonDocument(row).toJson(QJsonDocument::Compact);
        QCOMPARE(row.value(QStringLiteral("client_dialect")).toString(), QString::fromLatin1(dialectOf(client)));
        QCOMPARE(row.value(QStringLiteral("backend")).toString(), QString::fromLatin1(backendName(upstream)));
        QCOMPARE(row.value(QStringLiteral("model_used")).toString(), QString::fromLatin1(modelName(upstream)));
        QCOMPARE(row.value(QStringLiteral("stream")).toBool(), stream);
        QCOMPARE(row.value(QStringLiteral("status")).toInt(), 200);
        QCOMPARE(row.value(QStringLiteral("error_category")).toString(), QStringLiteral("none"));
        QCOMPARE(row.value(QStringLiteral("key_alias")).toString(), QStringLiteral("test:%1").arg(backendName(upstream)));
        QVERIFY2(!dump.contains("sk-backend-secret"), dump.constData());
        const QJsonObject usage = row.value(QStringLiteral("usage")).toObject();
        const ExpectedUsage expected = test::expectedUsage(upstream);
        QVERIFY2(!usage.value(QStringLiteral("estimated")).toBool(), dump.constData());
        QCOMPARE(usage.value(QStringLiteral("input_tokens")).toInteger(), expected.input);
        QCOMPARE(usage.value(QStringLiteral("output_tokens")).toInteger(), expected.output);
        QCOMPARE(usage.value(QStringLiteral("cache_read_tokens")).toInteger(), expected.cacheRead);
        QCOMPARE(usage.value(QStringLiteral("cache_write_tokens")).toInteger(), expected.cacheWrite);
        QCOMPARE(usage.value(QStringLiteral("reasoning_tokens")).toInteger(), expected.reasoning);
        QVERIFY(row.value(QStringLiteral("total_ms")).toInteger() >= 0);
        QVERIFY(row.value(QStringLiteral("first_byte_ms")).toInteger() >= 0);
    }

    void statsAndMetricsAddUp()
    {
        int status = 0;
        generate(Wire::Chat, Wire::Chat, false, &status);
        QCOMPARE(status, 200);
        generate(Wire::Anthropic, Wire::Chat, true, &status);
        QCOMPARE(status, 200);
        generate(Wire::Gemini, Wire::Anthropic, false, &status);
        QCOMPARE(status, 200);

        const QJsonObject stats = json("GET", "/usage/stats?group_by=backend", &status);
        QCOMPARE(status, 200);
        const QJsonArray groups = stats.value(QStringLiteral("groups")).toArray();
        QCOMPARE(groups.size(), 2);
        const QJsonObject anth = groups.at(0).toObject();
        QCOMPARE(anth.value(QStringLiteral("backend")).toString(), QStringLiteral("anth-be"));
        QCOMPARE(anth.value(QStringLiteral("requests")).toInteger(), 1);
        QCOMPARE(anth.value(QStringLiteral("input_tokens")).toInteger(), test::expectedUsage(Wire::Anthropic).input);
        const QJsonObject chat = groups.at(1).toObject();
        QCOMPARE(chat.value(QStringLiteral("backend")).toString(), QStringLiteral("chat-be"));
        QCOMPARE(chat.value(QStringLiteral("requests")).toInteger(), 2);
        QCOMPARE(chat.value(QStringLiteral("output_tokens")).toInteger(), 2 * test::expectedUsage(Wire::Chat).output);
        const QJsonObject totals = stats.value(QStringLiteral("totals")).toObject();
        QCOMPARE(totals.value(QStringLiteral("requests")).toInteger(), 3);
        QVERIFY(totals.value(QStringLiteral("cost")).isNull()); // no price table

        // Default grouping: all four keys; filters narrow.
        const QJsonObject filtered = json("GET", "/usage/stats?backend=chat-be&since=2000-01-01&until=2999-12-31", &status);
        QCOMPARE(status, 200);
        const QJsonArray fg = filtered.value(QStringLiteral("groups")).toArray();
        QCOMPARE(fg.size(), 1);
        QCOMPARE(fg.at(0).toObject().value(QStringLiteral("model")).toString(), QStringLiteral("gpt-x"));
        QCOMPARE(fg.at(0).toObject().value(QStringLiteral("day")).toString(),
                 QDateTime::currentDateTimeUtc().date().toString(Qt::ISODate));

        RawHttpClient client(m_port);
        client.send("GET", "/metrics", {qMakePair(QByteArray("Authorization"), QByteArray("Bearer proxy-key"))});
        QVERIFY(client.waitForEnd());
        QCOMPARE(client.status(), 200);
        QVERIFY(client.header("Content-Type").startsWith("text/plain"));
        const QByteArray metrics = client.body();
        QVERIFY2(metrics.contains("lip_requests_total{backend=\"chat-be\",model=\"gpt-x\",client_dialect=\"anthropic\",status=\"200\"} 1\n"),
                 metrics.constData());
        QVERIFY(metrics.contains("lip_tokens_total{backend=\"chat-be\",model=\"gpt-x\",type=\"input\"} 240\n"));
        QVERIFY(metrics.contains("lip_request_duration_seconds_count{backend=\"anth-be\",model=\"claude-x\"} 1\n"));
        QVERIFY(metrics.contains("lip_usage_store_up 1\n"));
    }

    void pricesGiveACost()
    {
        QVERIFY(start([](config::Config &config) {
                    config::ModelPrice price;
                    price.model = QStringLiteral("chat-be:gpt-*");
                    price.inputPerMTok = 2;
                    price.outputPerMTok = 10;
                    price.cacheReadPerMTok = 0.5;
                    config.usage.prices = {price};
                }).isEmpty());
        int status = 0;
        generate(Wire::Responses, Wire::Chat, false, &status);
        QCOMPARE(status, 200);
        const QJsonObject recent = json("GET", "/usage/recent?limit=1", &status);
        const QJsonObject row = recent.value(QStringLiteral("data")).toArray().first().toObject();
        // 120 input of which 64 cached, 30 output.
        const double expected = ((120 - 64) * 2.0 + 64 * 0.5 + 30 * 10.0) / 1e6;
        QVERIFY2(qAbs(row.value(QStringLiteral("cost")).toDouble() - expected) < 1e-12,
                 QJsonDocument(row).toJson().constData());
    }

    void badFiltersAre400sNamingTheParameter_data()
    {
        QTest::addColumn<QByteArray>("path");
        QTest::addColumn<QString>("param");
        QTest::newRow("since") << QByteArray("/usage/stats?since=last-week") << "since";
        QTest::newRow("until") << QByteArray("/v1/usage/stats?until=2026-13-01") << "until";
        QTest::newRow("group_by") << QByteArray("/usage/stats?group_by=user") << "group_by";
        QTest::newRow("unknown") << QByteArray("/usage/stats?projcet=x") << "projcet";
        QTest::newRow("limit") << QByteArray("/usage/recent?limit=lots") << "limit";
    }
    void badFiltersAre400sNamingTheParameter()
    {
        QFETCH(QByteArray, path);
        QFETCH(QString, param);
        int status = 0;
        const QJsonObject body = json("GET", path, &status);
        QCOMPARE(status, 400);
        const QJsonObject error = body.value(QStringLiteral("error")).toObject();
        QCOMPARE(error.value(QStringLiteral("param")).toString(), param);
        QVERIFY(error.value(QStringLiteral("message")).toString().contains(param));
    }

    void endpointsNeedTheProxyKey_data()
    {
        QTest::addColumn<QByteArray>("path");
        QTest::newRow("stats") << QByteArray("/usage/stats");
        QTest::newRow("recent") << QByteArray("/usage/recent");
        QTest::newRow("metrics") << QByteArray("/metrics");
    }
    void endpointsNeedTheProxyKey()
    {
        QFETCH(QByteArray, path);
        int status = 0;
        call("GET", path, {}, &status, false);
        QCOMPARE(status, 401);
        call("GET", path, {}, &status, true);
        QCOMPARE(status, 200);
    }

    void corruptDatabaseLeavesTheProxyServing()
    {
        m_engine.reset();
        const QString path = QDir(m_dataDir->path()).filePath(QStringLiteral("usage.sqlite"));
        {
            QFile file(path);
            QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
            file.write(QByteArray(8192, '\x5a'));
        }
        const QString error = start();
        QVERIFY2(error.isEmpty(), qPrintable(error));
        int status = 0;
        const QByteArray body = generate(Wire::Chat, Wire::Chat, false, &status);
        QVERIFY2(status == 200, body.constData());

        const QJsonObject recent = json("GET", "/usage/recent", &status);
        QCOMPARE(status, 503);
        const QString message = recent.value(QStringLiteral("error")).toObject().value(QStringLiteral("message")).toString();
        QVERIFY2(message.contains(QDir::toNativeSeparators(path)), qPrintable(message));
        QVERIFY2(message.contains(QStringLiteral("disabled")), qPrintable(message));

        RawHttpClient client(m_port);
        client.send("GET", "/metrics", {qMakePair(QByteArray("Authorization"), QByteArray("Bearer proxy-key"))});
        QVERIFY(client.waitForEnd());
        QVERIFY2(client.body().contains("lip_usage_store_up 0\n"), client.body().constData());
        QVERIFY(client.body().contains("lip_requests_total{backend=\"chat-be\""));
    }

    void usageDisabledByConfig()
    {
        m_engine.reset();
        m_dataDir = std::make_unique<QTemporaryDir>(); // init() made a store in the first one
        QVERIFY(start([](config::Config &config) { config.usage.enabled = false; }).isEmpty());
        int status = 0;
        generate(Wire::Chat, Wire::Chat, false, &status);
        QCOMPARE(status, 200);
        json("GET", "/usage/stats", &status);
        QCOMPARE(status, 503);
        QVERIFY(!QFile::exists(QDir(m_dataDir->path()).filePath(QStringLiteral("usage.sqlite"))));
        const QByteArray metrics = call("GET", "/metrics", {}, &status);
        QCOMPARE(status, 200);
        QVERIFY(metrics.contains("lip_requests_total{backend=\"chat-be\""));
    }
};

QTEST_GUILESS_MAIN(TestUsageEndpoints)
#include "tst_usage_endpoints.moc"
