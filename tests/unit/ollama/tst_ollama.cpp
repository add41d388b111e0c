// SPDX-License-Identifier: GPL-3.0-or-later
// Ollama native connector: request body goldens (canonical → /api/chat), the NDJSON decoder on
// every split of a stream, non-stream bodies, tool calls, thinking, usage, errors and /api/tags.
// Regenerate goldens with LIP_UPDATE_GOLDEN=1, then read the diff.

#include "backends/ollama/ollamaconnector.h"
#include "backends/ollama/ollamadecoder.h"
#include "ollamafixtures.h"

#include <QFile>
#include <QTest>

using namespace lip;
using namespace lip::test::ollamafixtures;

namespace {

QString goldenDir()
{
    return qEnvironmentVariable("LIP_SOURCE_DIR") + QStringLiteral("/tests/unit/ollama/golden/");
}

bool updating()
{
    return qEnvironmentVariableIntValue("LIP_UPDATE_GOLDEN") == 1;
}

QByteArray readGolden(const QString &name)
{
    QFile f(goldenDir() + name);
    if (!f.open(QIODevice::ReadOnly))
        qFatal("missing golden file %s", qPrintable(f.fileName()));
    return f.readAll();
}

void writeGolden(const QString &name, const QByteArray &data)
{
    QFile f(goldenDir() + name);
    if (!f.open(QIODevice::WriteOnly | QIODevice::Truncate))
        qFatal("cannot write %s", qPrintable(f.fileName()));
    f.write(data);
}

void compareGolden(const QString &name, const QByteArray &actual)
{
    if (updating())
        writeGolden(name, actual);
    QCOMPARE(actual, readGolden(name));
}

config::BackendConfig ollamaBackend(const QString &base = QStringLiteral("http://127.0.0.1:11434"))
{
    config::BackendConfig b;
    b.name = QStringLiteral("ollama-native");
    b.type = QStringLiteral("ollama-native");
    b.baseUrl = base;
    return b;
}

canon::Events decodeWhole(const QByteArray &bytes, bool stream)
{
    auto decoder = ollamaConnector().makeDecoder(stream);
    canon::Events events;
    decoder->feed(std::string_view(bytes.constData(), size_t(bytes.size())), events);
    decoder->finish(events);
    return events;
}

QByteArray headerValue(const HeaderList &headers, QByteArrayView name)
{
    for (const auto &[key, value] : headers) {
        if (key.compare(name, Qt::CaseInsensitive) == 0)
            return value;
    }
    return {};
}

} // namespace

class TestOllama : public QObject
{
    Q_OBJECT

private slots:
    void registered()
    {
        QCOMPARE(connectorForDialect(Dialect::Ollama), &ollamaConnector());
        QCOMPARE(QByteArray(dialectName(Dialect::Ollama)), QByteArray("ollama"));
    }

    void requestGoldens_data()
    {
        QTest::addColumn<QString>("name");
        for (const char *name : {"basic", "tools_history", "images_format", "tools_off_gptoss", "think_off"})
            QTest::newRow(name) << QString::fromLatin1(name);
    }

    void requestGoldens()
    {
        QFETCH(QString, name);
        const config::BackendConfig backend = ollamaBackend();
        BackendContext context;
        context.backend = &backend;
        const canon::Request request = requestCase(name);
        auto built = ollamaConnector().buildRequest(request, context);
        QVERIFY2(built.ok(), built.ok() ? "" : qPrintable(built.error().message));
        QCOMPARE(built->method, QByteArray("POST"));
        QCOMPARE(built->url.toString(), QStringLiteral("http://127.0.0.1:11434/api/chat"));
        QCOMPARE(headerValue(built->headers, "authorization"), QByteArray()); // keyless
        QCOMPARE(headerValue(built->headers, "accept"),
                 request.stream ? QByteArray("application/x-ndjson") : QByteArray("application/json"));
        // The exact bytes sent (Boost.JSON writes 0.5 as 5E-1, which Ollama's Go decoder reads).
        compareGolden(QStringLiteral("req_%1.json").arg(name), built->body + '\n');
    }

    void endpointAndKey_data()
    {
        QTest::addColumn<QString>("base");
        QTest::addColumn<QString>("expected");
        QTest::newRow("root") << "http://127.0.0.1:11434" << "http://127.0.0.1:11434/api/chat";
        QTest::newRow("trailing slash") << "http://127.0.0.1:11434/" << "http://127.0.0.1:11434/api/chat";
        QTest::newRow("openai-style /v1") << "http://gpu-box:11434/v1" << "http://gpu-box:11434/api/chat";
        QTest::newRow("behind a path") << "https://example.com/ollama/" << "https://example.com/ollama/api/chat";
        QTest::newRow("invalid") << "not a url" << "";
    }

    void endpointAndKey()
    {
        QFETCH(QString, base);
        QFETCH(QString, expected);
        const config::BackendConfig backend = ollamaBackend(base);
        BackendContext context;
        context.backend = &backend;
        context.apiKey = QStringLiteral("ollama-cloud-key");
        auto built = ollamaConnector().buildRequest(requestCase(QStringLiteral("basic")), context);
        if (expected.isEmpty()) {
            QVERIFY(!built.ok());
            QVERIFY(!built.error().message.contains(QStringLiteral("ollama-cloud-key")));
            return;
        }
        QVERIFY(built.ok());
        QCOMPARE(built->url.toString(), expected);
        QCOMPARE(headerValue(built->headers, "authorization"), QByteArray("Bearer ollama-cloud-key"));
        auto models = ollamaConnector().buildModelsRequest(context);
        QVERIFY(models.ok());
        QCOMPARE(models->method, QByteArray("GET"));
        QCOMPARE(models->url.toString(), QString(expected).replace(QLatin1String("/api/chat"), QLatin1String("/api/tags")));
    }

    void streamGoldens_data()
    {
        QTest::addColumn<QString>("name");
        QTest::newRow("thinking, text, tools") << "stream_thinking_tools";
        QTest::newRow("length") << "stream_length";
    }

    // The decoder must give the same events for every split of the bytes, including inside a
    // UTF-8 sequence and between "\r" and "\n".
    void streamGoldens()
    {
        QFETCH(QString, name);
        const QByteArray input = readGolden(name + QStringLiteral(".ndjson"));
        const QByteArray whole = dump(decodeWhole(input, true));
        compareGolden(name + QStringLiteral(".events"), whole);
        for (qsizetype cut = 0; cut <= input.size(); ++cut) {
            auto decoder = ollamaConnector().makeDecoder(true);
            canon::Events events;
            decoder->feed(std::string_view(input.constData(), size_t(cut)), events);
            decoder->feed(std::string_view(input.constData() + cut, size_t(input.size() - cut)), events);
            decoder->finish(events);
            QVERIFY2(dump(events) == whole, qPrintable(QStringLiteral("split at %1").arg(cut)));
        }
        auto decoder = ollamaConnector().makeDecoder(true);
        canon::Events events;
        for (char c : input)
            decoder->feed(std::string_view(&c, 1), events);
        decoder->finish(events);
        QCOMPARE(dump(events), whole);
    }

    void bodyGoldens_data()
    {
        QTest::addColumn<QString>("name");
        QTest::newRow("text") << "body_text";
        QTest::newRow("tool call") << "body_tools";
    }

    void bodyGoldens()
    {
        QFETCH(QString, name);
        const QByteArray input = readGolden(name + QStringLiteral(".json"));
        compareGolden(name + QStringLiteral(".events"), dump(decodeWhole(input, false)));
    }

    void usageMapping()
    {
        const canon::Events events = decodeWhole(readGolden(QStringLiteral("body_text.json")), false);
        bool found = false;
        for (const canon::Event &e : events) {
            if (e.type != canon::EventType::Usage)
                continue;
            found = true;
            QCOMPARE(e.usage.input, int64_t(26));   // prompt_eval_count
            QCOMPARE(e.usage.output, int64_t(298)); // eval_count
        }
        QVERIFY(found);
        QCOMPARE(events.back().type, canon::EventType::Finish); // usage precedes the finish
    }

    void streamFailures_data()
    {
        QTest::addColumn<QByteArray>("input");
        QTest::addColumn<QByteArray>("expected");
        QTest::newRow("error line mid-stream")
            << QByteArray("{\"model\":\"m\",\"message\":{\"role\":\"assistant\",\"content\":\"Hi\"},\"done\":false}\n"
                          "{\"error\":\"an error was encountered while running the model: unexpected EOF\"}\n"
                          "{\"model\":\"m\",\"message\":{\"content\":\"ignored\"},\"done\":false}\n")
            << QByteArray("message_start model=m id=msg_ollama_*\nblock_start 0 text\ntext 0 \"Hi\"\n"
                          "error upstream an error was encountered while running the model: unexpected EOF\n");
        QTest::newRow("cut before done")
            << QByteArray("{\"model\":\"m\",\"message\":{\"role\":\"assistant\",\"content\":\"Hi\"},\"done\":false}\n{\"model\":\"m\",\"mess")
            << QByteArray("message_start model=m id=msg_ollama_*\nblock_start 0 text\ntext 0 \"Hi\"\n"
                          "error upstream_protocol The Ollama server sent a malformed stream line.\n");
        QTest::newRow("ends without done")
            << QByteArray("{\"model\":\"m\",\"message\":{\"role\":\"assistant\",\"content\":\"Hi\"},\"done\":false}\n")
            << QByteArray("message_start model=m id=msg_ollama_*\nblock_start 0 text\ntext 0 \"Hi\"\n"
                          "error upstream_unreachable The Ollama stream ended early.\n");
        QTest::newRow("empty body") << QByteArray() << QByteArray("error upstream_unreachable The Ollama server sent an empty response.\n");
        QTest::newRow("not json") << QByteArray("<html>502 Bad Gateway</html>\n")
                                  << QByteArray("error upstream_protocol The Ollama server sent a malformed stream line.\n");
        QTest::newRow("json but not an object") << QByteArray("[1,2]\n")
                                                << QByteArray("error upstream_protocol The Ollama server sent a malformed stream line.\n");
    }

    void streamFailures()
    {
        QFETCH(QByteArray, input);
        QFETCH(QByteArray, expected);
        QCOMPARE(dump(decodeWhole(input, true)), expected);
    }

    void bodyFailures()
    {
        QCOMPARE(dump(decodeWhole("{\"model\":\"m\",\"mess", false)),
                 QByteArray("error upstream_protocol The Ollama server sent a malformed response body.\n"));
        QCOMPARE(dump(decodeWhole("{\"error\":\"model requires more system memory\"}", false)),
                 QByteArray("error upstream model requires more system memory\n"));
    }

    void parseError_data()
    {
        QTest::addColumn<int>("status");
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<int>("category");
        QTest::addColumn<QString>("message");
        QTest::newRow("model not found") << 404 << QByteArray("{\"error\":\"model 'llama9' not found, try pulling it first\"}")
                                         << int(ErrorCategory::NotFound) << "model 'llama9' not found, try pulling it first";
        QTest::newRow("bad request") << 400 << QByteArray("{\"error\":\"invalid options\"}") << int(ErrorCategory::InvalidRequest)
                                     << "invalid options";
        QTest::newRow("unauthorized, key redacted")
            << 401 << QByteArray("{\"error\":\"bad key sk-abcdefghijklmnop1234\"}") << int(ErrorCategory::Authentication)
            << "bad key sk-…1234";
        QTest::newRow("openai-style envelope") << 429 << QByteArray("{\"error\":{\"message\":\"slow down\"}}")
                                               << int(ErrorCategory::RateLimited) << "slow down";
        QTest::newRow("plain text") << 502 << QByteArray("Bad Gateway") << int(ErrorCategory::Upstream) << "Bad Gateway";
        QTest::newRow("empty") << 503 << QByteArray() << int(ErrorCategory::Overloaded) << "The Ollama server answered HTTP 503.";
    }

    void parseError()
    {
        QFETCH(int, status);
        QFETCH(QByteArray, body);
        QFETCH(int, category);
        QFETCH(QString, message);
        HeaderList headers;
        headers.append(qMakePair(QByteArray("Retry-After"), QByteArray("2")));
        const Error e = ollamaConnector().parseError(status, headers, body);
        QCOMPARE(int(e.category), category);
        QCOMPARE(e.upstreamStatus, status);
        QCOMPARE(e.message, message);
        QCOMPARE(e.retryAfterMs, 2000);
    }

    void models()
    {
        auto parsed = ollamaConnector().parseModels(readGolden(QStringLiteral("tags.json")));
        QVERIFY(parsed.ok());
        QCOMPARE(parsed->size(), size_t(3));
        QCOMPARE(QString::fromStdString(parsed->at(0).id), QStringLiteral("deepseek-r1:latest"));
        QCOMPARE(parsed->at(0).created, int64_t(1746889608));
        QCOMPARE(QString::fromStdString(parsed->at(1).id), QStringLiteral("llama3.2:3b"));
        QCOMPARE(QString::fromStdString(parsed->at(2).id), QStringLiteral("codellama:13b"));
        QCOMPARE(parsed->at(2).created, int64_t(0));
        QVERIFY(!ollamaConnector().parseModels("{\"data\":[]}").ok());
        QVERIFY(!ollamaConnector().parseModels("garbage").ok());
    }
};

QTEST_GUILESS_MAIN(TestOllama)
#include "tst_ollama.moc"
