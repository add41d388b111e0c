// SPDX-License-Identifier: GPL-3.0-or-later
// Provider quirks of OpenAI-compatible profiles, seen in the bytes that go upstream: NVIDIA's
// strict schema gets no stream_options and max_tokens instead of max_completion_tokens, on both
// the translated and the same-dialect path; other providers are untouched.

#include "backends/connector.h"

#include <QTest>

using namespace lip;

namespace {

config::BackendConfig backendOfType(const char *type)
{
    config::BackendConfig b;
    b.name = QString::fromLatin1(type);
    b.type = QString::fromLatin1(type);
    b.baseUrl = QStringLiteral("http://127.0.0.1:9/v1");
    return b;
}

} // namespace

class TstProviderQuirks : public QObject
{
    Q_OBJECT

private slots:
    void passthrough_data()
    {
        QTest::addColumn<QByteArray>("type");
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<QByteArray>("expected");
        const QByteArray body = "{\"model\":\"x\",\"stream\":true,\"stream_options\":{\"include_usage\":true},\"max_completion_tokens\":64}";
        QTest::newRow("nvidia") << QByteArray("nvidia") << body
                                << QByteArray("{\"model\":\"m\",\"stream\":true,\"max_tokens\":64}");
        QTest::newRow("nvidia keeps an existing max_tokens")
            << QByteArray("nvidia") << QByteArray("{\"model\":\"x\",\"max_tokens\":5,\"max_completion_tokens\":64}")
            << QByteArray("{\"model\":\"m\",\"max_tokens\":5}");
        QTest::newRow("openai untouched") << QByteArray("openai") << body
                                          << QByteArray("{\"model\":\"m\",\"stream\":true,\"stream_options\":{\"include_usage\":true},\"max_completion_tokens\":64}");
        QTest::newRow("openrouter untouched") << QByteArray("openrouter") << body
                                              << QByteArray("{\"model\":\"m\",\"stream\":true,\"stream_options\":{\"include_usage\":true},\"max_completion_tokens\":64}");
    }
    void passthrough()
    {
        QFETCH(QByteArray, type);
        QFETCH(QByteArray, body);
        QFETCH(QByteArray, expected);
        const config::BackendConfig backend = backendOfType(type.constData());
        BackendContext context;
        context.backend = &backend;
        InboundRequest inbound;
        inbound.rawBody = body;
        inbound.stream = body.contains("\"stream\":true");
        const auto built = openAIChatConnector().buildPassthrough(inbound, "m", context);
        QVERIFY2(built.ok(), qPrintable(built.ok() ? QString() : built.error().message));
        QCOMPARE(built->body, expected);
    }

    void translated()
    {
        canon::Request request;
        request.model = "m";
        request.stream = true;
        request.sampling.maxTokens = 64;
        canon::Message message;
        canon::ContentBlock text;
        text.text = "hi";
        message.content.push_back(text);
        request.messages.push_back(message);

        const config::BackendConfig nvidia = backendOfType("nvidia");
        BackendContext context;
        context.backend = &nvidia;
        auto built = openAIChatConnector().buildRequest(request, context);
        QVERIFY(built.ok());
        QVERIFY2(!built->body.contains("stream_options"), built->body.constData());
        QVERIFY2(!built->body.contains("max_completion_tokens"), built->body.constData());
        QVERIFY2(built->body.contains("\"max_tokens\":64"), built->body.constData());

        const config::BackendConfig openai = backendOfType("openai");
        context.backend = &openai;
        built = openAIChatConnector().buildRequest(request, context);
        QVERIFY(built.ok());
        QVERIFY2(built->body.contains("\"stream_options\":{\"include_usage\":true}"), built->body.constData());
    }
};

QTEST_GUILESS_MAIN(TstProviderQuirks)
#include "tst_providerquirks.moc"
