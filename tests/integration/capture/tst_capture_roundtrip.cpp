// SPDX-License-Identifier: GPL-3.0-or-later
// Wire capture end to end: the engine in-process (its own thread) between a raw HTTP client and
// the fake provider with capture on. What the provider received and sent, and what the client
// got, must equal the capture byte for byte; no key may reach the file; and the built binary's
// `capture list|show|export` must read it back.

#include "engine.h"
#include "fakeprovider.h"
#include "observe/captureexport.h"
#include "observe/capturesink.h"
#include "rawhttpclient.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace lip;
using lip::test::FakeProvider;
using lip::test::FakeReply;
using lip::test::FakeRequest;
using lip::test::RawHttpClient;

namespace {

const QByteArray kOpenAIKey = "sk-capture-backend-openai-5566";
const QByteArray kGeminiKey = "AIza-capture-backend-gemini-7788";
const QByteArray kProxyKey = "proxy-client-key-capture-3344";

struct Run
{
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
};

Run runCli(const QStringList &arguments)
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    for (const QString &key : env.keys()) {
        if (key.startsWith(QLatin1String("LLM_")) || key.contains(QLatin1String("_API_KEY")))
            env.remove(key);
    }
    QProcess process;
    process.setProcessEnvironment(env);
    process.start(qEnvironmentVariable("LIP_APP_BINARY"), QStringList{QStringLiteral("capture")} + arguments);
    Run run;
    if (!process.waitForFinished(60000)) {
        process.kill();
        process.waitForFinished();
        return run;
    }
    run.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    run.out = process.readAllStandardOutput();
    run.err = process.readAllStandardError();
    return run;
}

QByteArray readFile(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

} // namespace

class TestCaptureRoundTrip : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<FakeProvider> m_fake;
    std::unique_ptr<EngineClient> m_engine;
    std::unique_ptr<QTemporaryDir> m_dataDir;
    quint16 m_port = 0;

    QString captureDir() const { return m_dataDir->filePath(QStringLiteral("captures")); }

    // Stops the engine: the capture writer drains its queue before the engine is gone.
    QList<observe::CaptureExchange> stopAndRead()
    {
        m_engine.reset();
        QStringList problems;
        const QList<observe::CaptureExchange> out =
            observe::readExchanges(observe::captureFilesIn(captureDir()), &problems);
        if (!problems.isEmpty())
            qWarning() << problems;
        return out;
    }

private Q_SLOTS:
    void init()
    {
        m_dataDir = std::make_unique<QTemporaryDir>();
        QVERIFY(m_dataDir->isValid());
        m_fake = std::make_unique<FakeProvider>();
        QVERIFY(m_fake->listen());
        config::Config config;
        config.port = 0;
        config.dataDir = m_dataDir->path();
        config.capture.enabled = true;
        config.proxyApiKeys = {QString::fromLatin1(kProxyKey)};
        config::BackendConfig openai;
        openai.name = openai.type = QStringLiteral("openai");
        openai.baseUrl = m_fake->baseUrl().toString() + QStringLiteral("/v1");
        openai.apiKeys = {QString::fromLatin1(kOpenAIKey)};
        openai.keyAliases = {QStringLiteral("t")};
        openai.timeoutSeconds = 10;
        config::BackendConfig gemini;
        gemini.name = gemini.type = QStringLiteral("gemini");
        gemini.baseUrl = m_fake->baseUrl().toString();
        gemini.apiKeys = {QString::fromLatin1(kGeminiKey)};
        gemini.keyAliases = {QStringLiteral("t")};
        gemini.timeoutSeconds = 10;
        config.backends = {openai, gemini};
        config.defaultBackend = QStringLiteral("openai");
        m_engine = std::make_unique<EngineClient>();
        const QString error = m_engine->startAndWait(config);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        m_port = quint16(m_engine->status().listenAddress.section(QLatin1Char(':'), -1).toUInt());
        QVERIFY(m_port != 0);
    }

    void cleanup()
    {
        m_engine.reset();
        m_fake.reset();
        m_dataDir.reset();
    }

    void bytesMatchOnEveryHop_data()
    {
        QTest::addColumn<QByteArray>("target");
        QTest::addColumn<QByteArray>("authHeader");
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<bool>("stream");
        const QByteArray chat = "{\"model\":\"openai:gpt-4o\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}],\"temperature\":0.20,\"stream\":";
        QTest::newRow("openai json") << QByteArray("/v1/chat/completions") << QByteArray("Authorization")
                                     << QByteArray(chat + "false}") << false;
        QTest::newRow("openai sse") << QByteArray("/v1/chat/completions") << QByteArray("Authorization")
                                    << QByteArray(chat + "true}") << true;
        QTest::newRow("gemini sse, key in query")
            << QByteArray("/v1beta/models/gemini:gemini-2.5-flash:streamGenerateContent?alt=sse&key=" + kProxyKey)
            << QByteArray() << QByteArray("{\"contents\":[{\"role\":\"user\",\"parts\":[{\"text\":\"hi\"}]}]}") << true;
    }

    void bytesMatchOnEveryHop()
    {
        QFETCH(QByteArray, target);
        QFETCH(QByteArray, authHeader);
        QFETCH(QByteArray, body);
        QFETCH(bool, stream);
        const bool gemini = target.startsWith("/v1beta");
        QList<QByteArray> sent;
        if (gemini)
            sent = {"data: {\"candidates\":[{\"content\":{\"role\":\"model\",\"parts\":[{\"text\":\"Hi\"}]},\"finishReason\":\"STOP\"}]}\r\n\r\n"};
        else if (stream)
            sent = FakeProvider::openAIChatStream("gpt-4o", {"Hel", "lo ", "there"}, true);
        else
            sent = {FakeProvider::openAIChatCompletion("gpt-4o", "Hello there")};
        m_fake->setHandler([&](const FakeRequest &) {
            FakeReply reply = stream ? FakeReply::sse(sent) : FakeReply::json(sent.first());
            reply.headers.append(qMakePair(QByteArray("Set-Cookie"), QByteArray("upstream-session=cookie-secret-1")));
            return reply;
        });

        RawHttpClient client(m_port);
        RawHttpClient::Headers headers = {qMakePair(QByteArray("Content-Type"), QByteArray("application/json"))};
        if (!authHeader.isEmpty())
            headers.append(qMakePair(authHeader, QByteArray("Bearer " + kProxyKey)));
        client.send("POST", target, headers, body);
        QVERIFY(client.waitForEnd());
        QCOMPARE(client.status(), 200);
        const QByteArray clientGot = client.body();
        QVERIFY(!clientGot.isEmpty());
        QCOMPARE(m_fake->requestCount(), 1);
        const FakeRequest seen = m_fake->lastRequest();

        const QList<observe::CaptureExchange> exchanges = stopAndRead();
        QCOMPARE(exchanges.size(), 1);
        const observe::CaptureExchange &e = exchanges.first();
        // client -> proxy: the request as sent (the key in the query redacted).
        QVERIFY(e.client.haveRequest);
        QCOMPARE(e.client.method, QByteArray("POST"));
        QCOMPARE(e.client.requestBody, body);
        QVERIFY(!e.client.url.contains(kProxyKey));
        QCOMPARE(e.client.url, gemini ? QByteArray(target).replace(kProxyKey, "[REDACTED]") : target);
        // proxy -> upstream: what the provider received, byte for byte.
        QCOMPARE(e.upstream.size(), 1);
        const observe::CaptureHop &up = e.upstream.first();
        QCOMPARE(up.backend, gemini ? QStringLiteral("gemini") : QStringLiteral("openai"));
        QCOMPARE(up.requestBody, seen.body);
        QVERIFY2(up.url.endsWith(seen.target), up.url.constData());
        for (const auto &[name, value] : up.requestHeaders) {
            const bool secret = name.compare("authorization", Qt::CaseInsensitive) == 0
                                || name.compare("x-goog-api-key", Qt::CaseInsensitive) == 0;
            QCOMPARE(value, secret ? QByteArray("[REDACTED]") : seen.header(name));
        }
        // upstream -> proxy: what the provider sent (de-chunked), and a clean end.
        QCOMPARE(up.status, 200);
        QCOMPARE(up.responseBody, sent.join());
        QVERIFY(up.ended);
        QVERIFY2(up.error.isEmpty(), qPrintable(up.error));
        // proxy -> client: what the client got.
        QVERIFY(e.client.haveResponse);
        QCOMPARE(e.client.status, 200);
        QCOMPARE(e.client.responseBody, clientGot);
        QVERIFY(e.client.ended);

        // No key, no cookie: grep every capture file.
        const QStringList files = observe::captureFilesIn(captureDir());
        QCOMPARE(files.size(), 1);
        const QByteArray raw = readFile(files.first());
        for (const QByteArray &secret : {kOpenAIKey, kGeminiKey, kProxyKey, QByteArray("cookie-secret-1")})
            QVERIFY2(!raw.contains(secret), secret.constData());
    }

    // The built binary reads what the engine wrote: list, show, both exports, and errors that name
    // the file.
    void captureSubcommand()
    {
        QVERIFY2(QFileInfo(qEnvironmentVariable("LIP_APP_BINARY")).isExecutable(),
                 "LIP_APP_BINARY must name the built llm-interactive-proxy (ctest sets it)");
        const QByteArray upstreamBody = FakeProvider::openAIChatCompletion("gpt-4o", "Captured reply");
        m_fake->setHandler([&](const FakeRequest &) { return FakeReply::json(upstreamBody); });
        for (int i = 0; i < 2; ++i) {
            RawHttpClient client(m_port);
            client.send("POST", "/v1/chat/completions",
                        {qMakePair(QByteArray("Content-Type"), QByteArray("application/json")),
                         qMakePair(QByteArray("Authorization"), QByteArray("Bearer " + kProxyKey))},
                        "{\"model\":\"gpt-4o\",\"messages\":[{\"role\":\"user\",\"content\":\"capture me\"}]}");
            QVERIFY(client.waitForEnd());
            QCOMPARE(client.status(), 200);
        }
        const QList<observe::CaptureExchange> exchanges = stopAndRead();
        QCOMPARE(exchanges.size(), 2);
        const QString dir = captureDir();
        const QString file = observe::captureFilesIn(dir).value(0);
        const QString id = QString::number(exchanges.last().requestId);

        Run list = runCli({QStringLiteral("list"), QStringLiteral("--dir"), dir});
        QCOMPARE(list.exitCode, 0);
        QVERIFY2(list.out.contains(QFileInfo(file).fileName().toUtf8()), list.out.constData());
        QVERIFY2(list.out.contains("\t2\t"), list.out.constData()); // two requests

        Run show = runCli({QStringLiteral("show"), id, QStringLiteral("--file"), file});
        QCOMPARE(show.exitCode, 0);
        QVERIFY2(show.out.contains("=== client -> proxy"), show.out.constData());
        QVERIFY(show.out.contains("=== proxy -> upstream #1 backend openai"));
        QVERIFY(show.out.contains("=== upstream -> proxy #1 backend openai  HTTP 200"));
        QVERIFY(show.out.contains("=== proxy -> client  HTTP 200"));
        QVERIFY(show.out.contains("capture me"));
        QVERIFY(show.out.contains("Captured reply"));
        QVERIFY(show.out.contains("Authorization: [REDACTED]"));
        QVERIFY(!show.out.contains(kProxyKey));
        QVERIFY(!show.out.contains(kOpenAIKey));

        const QString harPath = m_dataDir->filePath(QStringLiteral("out.har"));
        Run har = runCli({QStringLiteral("export"), QStringLiteral("--format"), QStringLiteral("har"),
                          QStringLiteral("--dir"), dir, QStringLiteral("--out"), harPath});
        QCOMPARE(har.exitCode, 0);
        QJsonParseError error;
        const QJsonDocument harDoc = QJsonDocument::fromJson(readFile(harPath), &error);
        QCOMPARE(error.error, QJsonParseError::NoError);
        const QJsonArray entries = harDoc.object().value(QLatin1String("log")).toObject().value(QLatin1String("entries")).toArray();
        QCOMPARE(entries.size(), 4); // two requests, each with its client and upstream hop
        QCOMPARE(entries.at(1).toObject().value(QLatin1String("response")).toObject().value(QLatin1String("content"))
                     .toObject().value(QLatin1String("text")).toString().toUtf8(), upstreamBody);

        Run jsonl = runCli({QStringLiteral("export"), QStringLiteral("--format"), QStringLiteral("jsonl"),
                            QStringLiteral("--file"), file, QStringLiteral("--request"), id});
        QCOMPARE(jsonl.exitCode, 0);
        const QList<QByteArray> lines = jsonl.out.trimmed().split('\n');
        QVERIFY(lines.size() >= 6); // request, upstream request/head/data/end, client head/data/end
        for (const QByteArray &line : lines) {
            const QJsonObject o = QJsonDocument::fromJson(line, &error).object();
            QCOMPARE(error.error, QJsonParseError::NoError);
            QCOMPARE(o.value(QLatin1String("request_id")).toString(), id);
        }

        // Errors name what is wrong.
        Run missing = runCli({QStringLiteral("show"), QStringLiteral("999"), QStringLiteral("--file"), file});
        QCOMPARE(missing.exitCode, 1);
        QVERIFY2(missing.err.contains(file.toUtf8()), missing.err.constData());
        Run noFile = runCli({QStringLiteral("show"), QStringLiteral("1"), QStringLiteral("--file"), dir + QStringLiteral("/nope.lipcap")});
        QCOMPARE(noFile.exitCode, 1);
        QVERIFY(noFile.err.contains("nope.lipcap"));
        Run badFormat = runCli({QStringLiteral("export"), QStringLiteral("--format"), QStringLiteral("xml"), QStringLiteral("--dir"), dir});
        QCOMPARE(badFormat.exitCode, 2);
        QVERIFY(badFormat.err.contains("xml"));
        Run badAction = runCli({QStringLiteral("frobnicate")});
        QCOMPARE(badAction.exitCode, 2);

        // A file cut short (a crash) is read up to the damage, with a warning naming it.
        const QByteArray whole = readFile(file);
        const QString cutDir = m_dataDir->filePath(QStringLiteral("cut"));
        QVERIFY(QDir().mkpath(cutDir));
        const QString cutFile = cutDir + QStringLiteral("/capture-cut.lipcap");
        QFile cut(cutFile);
        QVERIFY(cut.open(QIODevice::WriteOnly));
        cut.write(whole.left(whole.size() - 5));
        cut.close();
        Run damaged = runCli({QStringLiteral("list"), QStringLiteral("--dir"), cutDir});
        QCOMPARE(damaged.exitCode, 0);
        QVERIFY2(damaged.err.contains("capture-cut.lipcap") && damaged.err.contains("damaged at byte"), damaged.err.constData());
        QVERIFY(damaged.out.contains("capture-cut.lipcap"));
        Run notCapture = runCli({QStringLiteral("show"), QStringLiteral("1"), QStringLiteral("--file"), harPath});
        QCOMPARE(notCapture.exitCode, 1);
        QVERIFY2(notCapture.err.contains("out.har") && notCapture.err.contains("not a capture file"), notCapture.err.constData());
    }
};

QTEST_GUILESS_MAIN(TestCaptureRoundTrip)
#include "tst_capture_roundtrip.moc"
