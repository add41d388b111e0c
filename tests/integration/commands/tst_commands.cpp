// SPDX-License-Identifier: GPL-3.0-or-later
// In-chat commands through the engine, in-process against the fake provider, for every client
// dialect: a command-only message is answered by the proxy in the client's exact stream or
// non-stream shape and never forwarded; a command with text forwards only the text; the
// session's overrides (model, oneoff, failover routes) steer later requests; sessions survive a
// restart.

#include "commandclients.h"
#include "engine.h"
#include "fakeprovider.h"
#include "rawhttpclient.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace lip;
using namespace lip::test::commands;
using lip::test::FakeProvider;
using lip::test::FakeReply;
using lip::test::FakeRequest;
using lip::test::RawHttpClient;

Q_DECLARE_METATYPE(lip::test::commands::Client)

namespace {

QJsonObject jsonOf(const QByteArray &body)
{
    return QJsonDocument::fromJson(body).object();
}

// The reply text of a non-streamed answer, per dialect.
QString replyText(Client client, const QByteArray &body)
{
    const QJsonObject o = jsonOf(body);
    switch (client) {
    case Client::Chat:
        return o[QStringLiteral("choices")][0][QStringLiteral("message")][QStringLiteral("content")].toString();
    case Client::Responses:
        return o[QStringLiteral("output")][0][QStringLiteral("content")][0][QStringLiteral("text")].toString();
    case Client::Anthropic:
        return o[QStringLiteral("content")][0][QStringLiteral("text")].toString();
    case Client::Gemini:
        return o[QStringLiteral("candidates")][0][QStringLiteral("content")][QStringLiteral("parts")][0][QStringLiteral("text")].toString();
    }
    return {};
}

} // namespace

class TestCommands : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<FakeProvider> m_fake;
    std::unique_ptr<EngineClient> m_engine;
    std::unique_ptr<QTemporaryDir> m_dataDir;
    quint16 m_port = 0;

    config::Config makeConfig() const
    {
        config::Config config;
        config.port = 0;
        config.dataDir = m_dataDir->path();
        config.proxyApiKeys = {QStringLiteral("proxy-key")};
        auto backend = [&](const char *name, const char *type, const QString &base) {
            config::BackendConfig b;
            b.name = QString::fromLatin1(name);
            b.type = QString::fromLatin1(type);
            b.baseUrl = base;
            b.apiKeys = {QStringLiteral("sk-backend-%1").arg(QString::fromLatin1(name))};
            b.keyAliases = {QStringLiteral("t")};
            return b;
        };
        const QString base = m_fake->baseUrl().toString();
        config.backends = {backend("openai", "openai", base + QStringLiteral("/v1")),
                           backend("resp", "openai-responses", base + QStringLiteral("/v1")),
                           backend("anthropic", "anthropic", base),
                           backend("gemini", "gemini", base)};
        config.defaultBackend = QStringLiteral("openai");
        config.retry.initialBackoffMs = 1;
        config.retry.maxBackoffMs = 1;
        return config;
    }

    void startEngine(const config::Config &config)
    {
        m_engine = std::make_unique<EngineClient>();
        const QString error = m_engine->startAndWait(config);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        m_port = quint16(m_engine->status().listenAddress.section(QLatin1Char(':'), -1).toUInt());
    }

    // Sends a request; returns the client's view.
    struct Answer
    {
        int status = 0;
        QByteArray contentType;
        QByteArray body;
    };
    Answer send(Client client, const QByteArray &model, const QByteArray &text, bool stream,
                const QByteArray &session = "sess-1")
    {
        const ClientRequest r = clientRequest(client, model, text, stream, session);
        RawHttpClient http(m_port);
        http.send("POST", r.target, r.headers, r.body);
        Answer a;
        if (!http.waitForEnd())
            return a;
        a.status = http.status();
        a.contentType = http.header("content-type");
        a.body = http.body();
        return a;
    }

    static QByteArray defaultModel(Client client)
    {
        switch (client) {
        case Client::Chat: return "openai:gpt-x";
        case Client::Responses: return "resp:gpt-x";
        case Client::Anthropic: return "anthropic:claude-x";
        case Client::Gemini: return "gemini:gemini-x";
        }
        return {};
    }

    static void addClients()
    {
        QTest::addColumn<Client>("client");
        QTest::newRow("chat") << Client::Chat;
        QTest::newRow("responses") << Client::Responses;
        QTest::newRow("anthropic") << Client::Anthropic;
        QTest::newRow("gemini") << Client::Gemini;
    }

private Q_SLOTS:
    void init()
    {
        m_dataDir = std::make_unique<QTemporaryDir>();
        QVERIFY(m_dataDir->isValid());
        m_fake = std::make_unique<FakeProvider>();
        QVERIFY(m_fake->listen());
        m_fake->setHandler(providerReply);
        startEngine(makeConfig());
    }

    void cleanup()
    {
        m_engine.reset();
        m_fake.reset();
        m_dataDir.reset();
    }

    void commandOnlyIsAnsweredLocally_data()
    {
        QTest::addColumn<Client>("client");
        QTest::addColumn<bool>("stream");
        for (bool stream : {false, true}) {
            const char *s = stream ? "stream" : "plain";
            QTest::addRow("chat %s", s) << Client::Chat << stream;
            QTest::addRow("responses %s", s) << Client::Responses << stream;
            QTest::addRow("anthropic %s", s) << Client::Anthropic << stream;
            QTest::addRow("gemini %s", s) << Client::Gemini << stream;
        }
    }
    void commandOnlyIsAnsweredLocally()
    {
        QFETCH(Client, client);
        QFETCH(bool, stream);
        const Answer a = send(client, defaultModel(client), "!/hello", stream);
        QCOMPARE(a.status, 200);
        QCOMPARE(m_fake->requestCount(), 0); // nothing forwarded
        const QByteArray greeting = "Hello! This is the LLM Interactive Proxy. Session sess-1.";
        if (!stream) {
            QVERIFY2(a.contentType.startsWith("application/json"), a.contentType.constData());
            QVERIFY2(replyText(client, a.body).startsWith(QString::fromLatin1(greeting)), a.body.constData());
            const QJsonObject o = jsonOf(a.body);
            switch (client) {
            case Client::Chat:
                QCOMPARE(o[QStringLiteral("object")].toString(), QStringLiteral("chat.completion"));
                QCOMPARE(o[QStringLiteral("choices")][0][QStringLiteral("finish_reason")].toString(), QStringLiteral("stop"));
                QCOMPARE(o[QStringLiteral("usage")][QStringLiteral("prompt_tokens")].toInt(-1), 0);
                QCOMPARE(o[QStringLiteral("usage")][QStringLiteral("completion_tokens")].toInt(-1), 0);
                break;
            case Client::Responses:
                QCOMPARE(o[QStringLiteral("object")].toString(), QStringLiteral("response"));
                QCOMPARE(o[QStringLiteral("status")].toString(), QStringLiteral("completed"));
                QCOMPARE(o[QStringLiteral("usage")][QStringLiteral("input_tokens")].toInt(-1), 0);
                break;
            case Client::Anthropic:
                QCOMPARE(o[QStringLiteral("type")].toString(), QStringLiteral("message"));
                QCOMPARE(o[QStringLiteral("role")].toString(), QStringLiteral("assistant"));
                QCOMPARE(o[QStringLiteral("stop_reason")].toString(), QStringLiteral("end_turn"));
                QCOMPARE(o[QStringLiteral("usage")][QStringLiteral("input_tokens")].toInt(-1), 0);
                QCOMPARE(o[QStringLiteral("usage")][QStringLiteral("output_tokens")].toInt(-1), 0);
                break;
            case Client::Gemini:
                QCOMPARE(o[QStringLiteral("candidates")][0][QStringLiteral("finishReason")].toString(), QStringLiteral("STOP"));
                break;
            }
            return;
        }
        QVERIFY2(a.contentType.startsWith("text/event-stream"), a.contentType.constData());
        QVERIFY2(a.body.contains(greeting), a.body.constData());
        switch (client) {
        case Client::Chat:
            QVERIFY(a.body.startsWith("data: {"));
            QVERIFY(a.body.contains("\"finish_reason\":\"stop\""));
            QVERIFY(a.body.endsWith("data: [DONE]\n\n"));
            break;
        case Client::Responses:
            QVERIFY2(a.body.startsWith("event: response.created\n"), a.body.constData());
            QVERIFY(a.body.contains("event: response.output_text.delta\n"));
            QVERIFY(a.body.contains("event: response.completed\n"));
            QVERIFY(a.body.indexOf("event: response.completed\n") > a.body.indexOf("event: response.output_item.done\n"));
            break;
        case Client::Anthropic:
            QVERIFY2(a.body.startsWith("event: message_start\n"), a.body.constData());
            QVERIFY(a.body.contains("event: content_block_start\n"));
            QVERIFY(a.body.contains("\"stop_reason\":\"end_turn\""));
            QVERIFY(a.body.endsWith("event: message_stop\ndata: {\"type\":\"message_stop\"}\n\n"));
            break;
        case Client::Gemini:
            QVERIFY(a.body.startsWith("data: {"));
            QVERIFY(a.body.contains("\"finishReason\":\"STOP\""));
            break;
        }
    }

    void failingCommandIsAHelpfulReply_data() { addClients(); }
    void failingCommandIsAHelpfulReply()
    {
        QFETCH(Client, client);
        // With text: still nothing is forwarded, and the reply names the accepted forms.
        const Answer a = send(client, defaultModel(client), "please do it\n!/temperature(9)", false);
        QCOMPARE(a.status, 200);
        QCOMPARE(m_fake->requestCount(), 0);
        const QString text = replyText(client, a.body);
        QVERIFY2(text.contains(QLatin1String("Nothing changed")), qPrintable(text));
        const Answer b = send(client, defaultModel(client), "!/frobnicate", false);
        QVERIFY2(replyText(client, b.body).contains(QLatin1String("Unknown command")), b.body.constData());
        QCOMPARE(m_fake->requestCount(), 0);
    }

    void commandWithTextForwardsOnlyTheText_data()
    {
        QTest::addColumn<Client>("client");
        QTest::addColumn<QByteArray>("upstreamPath");
        QTest::addColumn<QByteArray>("upstreamBody");
        QTest::newRow("chat") << Client::Chat << QByteArray("/v1/chat/completions")
                              << QByteArray("{\"model\":\"gpt-x\",\"messages\":[{\"role\":\"user\",\"content\":\"Hello \\u00e9\"}],\"stream\":false}");
        QTest::newRow("responses") << Client::Responses << QByteArray("/v1/responses")
                                   << QByteArray("{\"model\":\"gpt-x\",\"input\":\"Hello \\u00e9\",\"stream\":false}");
        QTest::newRow("anthropic") << Client::Anthropic << QByteArray("/v1/messages")
                                   << QByteArray("{\"model\":\"claude-x\",\"max_tokens\":64,\"messages\":[{\"role\":\"user\",\"content\":\"Hello \\u00e9\"}],\"stream\":false}");
        QTest::newRow("gemini") << Client::Gemini << QByteArray("/v1beta/models/gemini-x:generateContent")
                                << QByteArray("{\"contents\":[{\"role\":\"user\",\"parts\":[{\"text\":\"Hello \\u00e9\"}]}]}");
    }
    void commandWithTextForwardsOnlyTheText()
    {
        QFETCH(Client, client);
        QFETCH(QByteArray, upstreamPath);
        QFETCH(QByteArray, upstreamBody);
        // The client escapes é as \u00e9: the rest of the body keeps its spelling; the changed
        // string is re-quoted.
        ClientRequest r = clientRequest(client, defaultModel(client), "Hello \xc3\xa9\n!/project(alpha)", false);
        const Answer a = send(client, defaultModel(client), "Hello \xc3\xa9\n!/project(alpha)", false);
        QCOMPARE(a.status, 200);
        QVERIFY2(replyText(client, a.body).startsWith(QLatin1String("from-")), a.body.constData()); // the model's answer only
        QCOMPARE(m_fake->requestCount(), 1);
        const FakeRequest seen = m_fake->lastRequest();
        QCOMPARE(seen.path, upstreamPath);
        QVERIFY2(!seen.body.contains("!/"), seen.body.constData());
        // Byte-exact: only the command line (and the model, as always) changed.
        QByteArray expected = upstreamBody;
        expected.replace("Hello \\u00e9", "Hello \xc3\xa9");
        QCOMPARE(seen.body, expected);
        // The command applied: the session's project is set.
        const Answer s = send(client, defaultModel(client), "!/pwd", false);
        QCOMPARE(replyText(client, s.body), QStringLiteral("Project: alpha"));
        Q_UNUSED(r);
    }

    void modelSwitchSteersLaterRequests_data() { addClients(); }
    void modelSwitchSteersLaterRequests()
    {
        QFETCH(Client, client);
        const Answer set = send(client, defaultModel(client), "!/model(anthropic:claude-z)", true);
        QCOMPARE(set.status, 200);
        QCOMPARE(m_fake->requestCount(), 0);
        const Answer a = send(client, defaultModel(client), "what now?", false);
        QCOMPARE(a.status, 200);
        QCOMPARE(m_fake->requestCount(), 1);
        const FakeRequest seen = m_fake->lastRequest();
        QCOMPARE(seen.path, QByteArray("/v1/messages"));
        QVERIFY2(seen.body.contains("\"claude-z\""), seen.body.constData());
        QVERIFY2(seen.body.contains("what now?"), seen.body.constData());
        // Another session is not affected.
        m_fake->reset();
        send(Client::Chat, "openai:gpt-x", "hi", false, "other-session");
        QCOMPARE(m_fake->lastRequest().path, QByteArray("/v1/chat/completions"));
    }

    void backendSwitchKeepsTheModel()
    {
        QCOMPARE(send(Client::Chat, "gpt-x", "!/backend(resp)", false).status, 200);
        QCOMPARE(send(Client::Chat, "gpt-x", "hi", false).status, 200);
        QCOMPARE(m_fake->lastRequest().path, QByteArray("/v1/responses"));
        QVERIFY(m_fake->lastRequest().body.contains("\"gpt-x\""));
    }

    void oneoffAffectsExactlyOneRequest()
    {
        send(Client::Chat, "openai:gpt-x", "!/oneoff(anthropic:claude-once)", false);
        QCOMPARE(m_fake->requestCount(), 0);
        send(Client::Chat, "openai:gpt-x", "first", false);
        send(Client::Chat, "openai:gpt-x", "second", false);
        const QList<FakeRequest> seen = m_fake->requests();
        QCOMPARE(seen.size(), 2);
        QCOMPARE(seen[0].path, QByteArray("/v1/messages"));
        QVERIFY(seen[0].body.contains("\"claude-once\""));
        QCOMPARE(seen[1].path, QByteArray("/v1/chat/completions"));
    }

    void failoverRouteFromChat()
    {
        for (const char *line : {"!/create-failover-route(name=r1, policy=m)",
                                 "!/route-append(name=r1, openai:broken, anthropic:claude-fallback)",
                                 "!/model(r1)"}) {
            const Answer a = send(Client::Chat, "openai:gpt-x", line, false);
            QVERIFY2(!replyText(Client::Chat, a.body).contains(QLatin1String("Nothing changed")), a.body.constData());
        }
        const Answer listed = send(Client::Chat, "openai:gpt-x", "!/route-list(name=r1)", false);
        QVERIFY2(replyText(Client::Chat, listed.body).contains(QLatin1String("openai:broken, anthropic:claude-fallback")), listed.body.constData());
        QCOMPARE(m_fake->requestCount(), 0);
        const Answer a = send(Client::Chat, "openai:gpt-x", "go", false);
        QCOMPARE(a.status, 200);
        QCOMPARE(replyText(Client::Chat, a.body), QStringLiteral("from-anthropic"));
        const QList<FakeRequest> seen = m_fake->requests();
        QVERIFY(seen.size() >= 2);
        QCOMPARE(seen.first().path, QByteArray("/v1/chat/completions"));
        QCOMPARE(seen.last().path, QByteArray("/v1/messages"));
        QVERIFY(seen.last().body.contains("\"claude-fallback\""));
    }

    void historyNeverReachesTheProvider()
    {
        const QByteArray body = "{\"model\":\"openai:gpt-x\",\"messages\":["
                                "{\"role\":\"user\",\"content\":\"!/project(alpha)\"},"
                                "{\"role\":\"assistant\",\"content\":\"Project: alpha\"},"
                                "{\"role\":\"user\",\"content\":\"earlier\\n!/hello\"},"
                                "{\"role\":\"assistant\",\"content\":\"ok\"},"
                                "{\"role\":\"user\",\"content\":\"now\"}]}";
        RawHttpClient http(m_port);
        http.send("POST", "/v1/chat/completions",
                  {qMakePair(QByteArray("Authorization"), QByteArray("Bearer proxy-key"))}, body);
        QVERIFY(http.waitForEnd());
        QCOMPARE(http.status(), 200);
        QCOMPARE(m_fake->lastRequest().body,
                 QByteArray("{\"model\":\"gpt-x\",\"messages\":["
                            "{\"role\":\"user\",\"content\":\"earlier\"},"
                            "{\"role\":\"assistant\",\"content\":\"ok\"},"
                            "{\"role\":\"user\",\"content\":\"now\"}]}"));
    }

    void disabledCommandsPassUntouched()
    {
        m_engine.reset();
        config::Config config = makeConfig();
        config.interactiveCommands = false;
        startEngine(config);
        const Answer a = send(Client::Chat, "openai:gpt-x", "!/hello", false);
        QCOMPARE(a.status, 200);
        QCOMPARE(m_fake->requestCount(), 1);
        QVERIFY(m_fake->lastRequest().body.contains("\"content\":\"!/hello\""));
    }

    void customPrefixFromConfig()
    {
        m_engine.reset();
        config::Config config = makeConfig();
        config.commandPrefix = QStringLiteral("@@");
        startEngine(config);
        QCOMPARE(send(Client::Chat, "openai:gpt-x", "!/hello", false).status, 200);
        QCOMPARE(m_fake->requestCount(), 1); // not a command any more
        const Answer a = send(Client::Chat, "openai:gpt-x", "@@help", false);
        QVERIFY2(replyText(Client::Chat, a.body).contains(QLatin1String("@@set(")), a.body.constData());
        QCOMPARE(m_fake->requestCount(), 1);
    }

    void sessionSurvivesRestart()
    {
        send(Client::Chat, "openai:gpt-x", "!/model(anthropic:claude-kept)", false);
        m_engine.reset(); // saves the sessions
        startEngine(makeConfig());
        send(Client::Chat, "openai:gpt-x", "after restart", false);
        QCOMPARE(m_fake->lastRequest().path, QByteArray("/v1/messages"));
        QVERIFY(m_fake->lastRequest().body.contains("\"claude-kept\""));
        const Answer s = send(Client::Chat, "openai:gpt-x", "!/session", false);
        QVERIFY2(replyText(Client::Chat, s.body).contains(QLatin1String("tokens in/out: 5/2")), s.body.constData());
    }
};

QTEST_GUILESS_MAIN(TestCommands)
#include "tst_commands.moc"
