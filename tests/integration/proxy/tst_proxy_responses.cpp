// SPDX-License-Identifier: GPL-3.0-or-later
// Responses clients through the engine against a Chat-only backend: the proxy keeps the
// conversation, so previous_response_id chains, GET and DELETE work; store:false keeps nothing.

#include "engine.h"
#include "fakeprovider.h"
#include "rawhttpclient.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace lip;
using lip::test::FakeProvider;
using lip::test::FakeReply;
using lip::test::FakeRequest;
using lip::test::RawHttpClient;

class TestProxyResponses : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<FakeProvider> m_fake;
    std::unique_ptr<EngineClient> m_engine;
    QTemporaryDir m_dataDir;
    quint16 m_port = 0;

    QByteArray call(const QByteArray &method, const QByteArray &target, const QByteArray &body = {}, int *status = nullptr)
    {
        RawHttpClient client(m_port);
        client.send(method, target, {qMakePair(QByteArray("Content-Type"), QByteArray("application/json"))}, body);
        if (!client.waitForEnd())
            return {};
        if (status)
            *status = client.status();
        return client.body();
    }

    static QString idOf(const QByteArray &body)
    {
        return QJsonDocument::fromJson(body).object().value(QStringLiteral("id")).toString();
    }

private Q_SLOTS:
    void init()
    {
        m_fake = std::make_unique<FakeProvider>();
        QVERIFY(m_fake->listen());
        int turn = 0;
        m_fake->setHandler([turn](const FakeRequest &) mutable {
            ++turn;
            return FakeReply::json(FakeProvider::openAIChatCompletion("gpt-4o", "answer-" + QByteArray::number(turn)));
        });
        config::Config config;
        config.port = 0;
        config.dataDir = m_dataDir.path();
        config::BackendConfig openai;
        openai.name = openai.type = QStringLiteral("openai");
        openai.baseUrl = m_fake->baseUrl().toString() + QStringLiteral("/v1");
        openai.apiKeys = {QStringLiteral("sk-1")};
        openai.keyAliases = {QStringLiteral("t")};
        config.backends = {openai};
        config.defaultBackend = QStringLiteral("openai");
        m_engine = std::make_unique<EngineClient>();
        const QString error = m_engine->startAndWait(config);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        m_port = quint16(m_engine->status().listenAddress.section(QLatin1Char(':'), -1).toUInt());
    }

    void cleanup()
    {
        m_engine.reset();
        m_fake.reset();
    }

    void previousResponseIdChainsOnAChatBackend()
    {
        int status = 0;
        const QByteArray first = call("POST", "/v1/responses", R"({"model":"gpt-4o","input":"first question"})", &status);
        QCOMPARE(status, 200);
        const QString id = idOf(first);
        QVERIFY2(id.startsWith(QLatin1String("resp_")), first.constData());

        const QByteArray second = call("POST", "/v1/responses",
                                       "{\"model\":\"gpt-4o\",\"input\":\"second question\",\"previous_response_id\":\""
                                           + id.toUtf8() + "\"}", &status);
        QCOMPARE(status, 200);
        QVERIFY2(second.contains("answer-2"), second.constData());
        // The Chat backend got the whole conversation, in order.
        const QByteArray upstream = m_fake->lastRequest().body;
        const qsizetype q1 = upstream.indexOf("first question");
        const qsizetype a1 = upstream.indexOf("answer-1");
        const qsizetype q2 = upstream.indexOf("second question");
        QVERIFY2(q1 >= 0 && a1 > q1 && q2 > a1, upstream.constData());

        // GET returns the stored response; DELETE removes it; GET then 404s.
        const QByteArray got = call("GET", "/v1/responses/" + id.toUtf8(), {}, &status);
        QCOMPARE(status, 200);
        QCOMPARE(idOf(got), id);
        call("DELETE", "/v1/responses/" + id.toUtf8(), {}, &status);
        QCOMPARE(status, 200);
        call("GET", "/v1/responses/" + id.toUtf8(), {}, &status);
        QCOMPARE(status, 404);
    }

    void unknownPreviousIdIs400NamingTheParam()
    {
        int status = 0;
        const QByteArray body = call("POST", "/v1/responses",
                                     R"({"model":"gpt-4o","input":"x","previous_response_id":"resp_nope"})", &status);
        QCOMPARE(status, 400);
        QVERIFY2(body.contains(R"("param":"previous_response_id")"), body.constData());
        QCOMPARE(m_fake->requestCount(), 0);
    }

    void storeFalseKeepsNothing()
    {
        int status = 0;
        const QByteArray first = call("POST", "/v1/responses", R"({"model":"gpt-4o","input":"q","store":false})", &status);
        QCOMPARE(status, 200);
        call("GET", "/v1/responses/" + idOf(first).toUtf8(), {}, &status);
        QCOMPARE(status, 404);
    }
};

QTEST_GUILESS_MAIN(TestProxyResponses)
#include "tst_proxy_responses.moc"
