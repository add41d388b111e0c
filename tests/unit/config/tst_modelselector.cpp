// SPDX-License-Identifier: GPL-3.0-or-later
// Model selectors as clients write them in "model", and the errors they see when one is wrong.

#include "routing/modelselector.h"

#include <QTest>

using namespace lip;
using namespace lip::routing;

namespace {

// "backend/model?k=v&k=v" per alternative, joined by " | ": compact enough for a table.
QString describe(const QList<ModelSelector> &selectors)
{
    QStringList parts;
    for (const ModelSelector &s : selectors) {
        QString text = s.backend + QLatin1Char('/') + s.model;
        for (qsizetype i = 0; i < s.params.size(); ++i)
            text += QLatin1Char(i == 0 ? '?' : '&') + s.params.at(i).first + QLatin1Char('=') + s.params.at(i).second;
        if (!s.route.isEmpty())
            text += QStringLiteral(" [route ") + s.route + QLatin1Char(']');
        parts << text;
    }
    return parts.join(QLatin1String(" | "));
}

config::Config testConfig()
{
    config::Config cfg;
    auto add = [&](const char *name, const char *type, bool enabled = true) {
        config::BackendConfig b;
        b.name = QString::fromLatin1(name);
        b.type = QString::fromLatin1(type);
        b.apiKeys << QStringLiteral("k");
        b.keyAliases << QStringLiteral("env:X");
        b.enabled = enabled;
        cfg.backends.push_back(b);
    };
    add("openai", "openai");
    add("anthropic", "anthropic");
    add("openai.2", "openai");
    add("my-ollama", "ollama");
    add("retired", "openai", false);
    cfg.defaultBackend = QStringLiteral("openai");
    config::RouteConfig route;
    route.name = QStringLiteral("fast");
    route.elements = {QStringLiteral("openai:gpt-4o-mini"), QStringLiteral("anthropic:claude-haiku")};
    cfg.routes.push_back(route);
    return cfg;
}

} // namespace

class TstModelSelector : public QObject
{
    Q_OBJECT

private slots:
    void parse_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QStringList>("known");
        QTest::addColumn<QString>("expected"); // describe() output, or "error: <substring>"
        const QStringList known = {QStringLiteral("openai"), QStringLiteral("my-ollama"), QStringLiteral("work")};

        QTest::newRow("bare model") << "gpt-4o" << known << "/gpt-4o";
        QTest::newRow("backend:model") << "openai:gpt-4o" << known << "openai/gpt-4o";
        QTest::newRow("custom instance") << "my-ollama:qwen3" << known << "my-ollama/qwen3";
        QTest::newRow("configured name") << "work:gpt-5" << known << "work/gpt-5";
        QTest::newRow("known type, not configured") << "anthropic:claude-sonnet-4" << known << "anthropic/claude-sonnet-4";
        QTest::newRow("numbered instance") << "openai.2:gpt-4o" << known << "openai.2/gpt-4o";
        QTest::newRow("numbered unknown type") << "foo.2:bar" << known << "/foo.2:bar";
        QTest::newRow("model with tag") << "llama3:8b" << known << "/llama3:8b";
        QTest::newRow("model with :free") << "gpt-4o:free" << known << "/gpt-4o:free";
        QTest::newRow("backend + tagged model") << "my-ollama:llama3:8b" << known << "my-ollama/llama3:8b";
        QTest::newRow("openrouter path") << "openrouter:anthropic/claude-3-opus" << known << "openrouter/anthropic/claude-3-opus";
        QTest::newRow("gemini path") << "gemini:models/gemini-2.5-pro" << known << "gemini/models/gemini-2.5-pro";
        QTest::newRow("surrounding spaces") << "  gpt-4o \n" << known << "/gpt-4o";
        QTest::newRow("unicode model") << QStringLiteral("openai:модель-测试-🚀") << known << QStringLiteral("openai/модель-测试-🚀");
        QTest::newRow("unicode bare") << QStringLiteral("ünïcödé:tag") << known << QStringLiteral("/ünïcödé:tag");
        QTest::newRow("params") << "gpt-4o?temperature=0.2&reasoning_effort=high" << known
                                << "/gpt-4o?temperature=0.2&reasoning_effort=high";
        QTest::newRow("params with backend") << "openai:o3?reasoning_effort=low" << known << "openai/o3?reasoning_effort=low";
        QTest::newRow("percent-encoded value") << "m?stop=%0A%26end" << known << "/m?stop=\n&end";
        QTest::newRow("alternatives") << "openai:gpt-4o|anthropic:claude-sonnet-4|llama3:8b" << known
                                      << "openai/gpt-4o | anthropic/claude-sonnet-4 | /llama3:8b";
        QTest::newRow("alternatives with params") << "a?temperature=1 | b?top_p=0.5" << known << "/a?temperature=1 | /b?top_p=0.5";

        QTest::newRow("empty") << "" << known << "error: the model is empty";
        QTest::newRow("blank") << "   " << known << "error: the model is empty";
        QTest::newRow(":model") << ":gpt-4o" << known << "error: empty backend name before ':' in model ':gpt-4o'";
        QTest::newRow("backend:") << "openai:" << known << "error: no model name after 'openai:' in 'openai:'";
        QTest::newRow("a|") << "a|" << known << "error: empty alternative in model 'a|'";
        QTest::newRow("a||b") << "a||b" << known << "error: empty alternative in model 'a||b'";
        QTest::newRow("|a") << "|a" << known << "error: empty alternative";
        QTest::newRow("? only") << "gpt-4o?" << known << "error: nothing after '?' in model 'gpt-4o?'";
        QTest::newRow("no model before ?") << "?temperature=1" << known << "error: no model name before '?'";
        QTest::newRow("param without =") << "m?temperature" << known << "error: parameter 'temperature' in model 'm?temperature' has no value";
        QTest::newRow("param empty value") << "m?temperature=" << known << "error: parameter 'temperature' in model 'm?temperature=' has an empty value";
        QTest::newRow("param empty key") << "m?=1" << known << "error: '' is not a valid parameter name";
        QTest::newRow("param bad key") << "m?temp erature=1" << known << "error: 'temp erature' is not a valid parameter name";
        QTest::newRow("param &&") << "m?a=1&&b=2" << known << "error: empty parameter in model 'm?a=1&&b=2'";
        QTest::newRow("param trailing &") << "m?a=1&" << known << "error: empty parameter";
        QTest::newRow("param twice") << "m?a=1&a=2" << known << "error: parameter 'a' is given twice";
        QTest::newRow("inner whitespace") << "gpt 4o" << known << "error: model name 'gpt 4o' contains whitespace";
        QTest::newRow("control char") << QStringLiteral("gpt\u00014o") << known << "error: the model contains control characters";
        QTest::newRow("too long") << QString(kMaxSelectorLength + 1, QLatin1Char('x')) << known << "error: the model is longer than 1024 characters";
        QStringList many;
        for (int i = 0; i <= kMaxAlternatives; ++i)
            many << QStringLiteral("m%1").arg(i);
        QTest::newRow("too many alternatives") << many.join(QLatin1Char('|')) << known << "error: too many alternatives";
    }
    void parse()
    {
        QFETCH(QString, text);
        QFETCH(QStringList, known);
        QFETCH(QString, expected);
        const auto result = parseModelSelector(text, known);
        if (expected.startsWith(QLatin1String("error: "))) {
            QVERIFY2(!result.ok(), qPrintable(result.ok() ? describe(result.value()) : QString()));
            QCOMPARE(result.error().category, ErrorCategory::InvalidRequest);
            QCOMPARE(result.error().param, QStringLiteral("model"));
            QVERIFY2(result.error().message.contains(expected.mid(7)), qPrintable(result.error().message));
            QVERIFY(result.error().message.size() < 400); // huge inputs are not echoed whole
        } else {
            QVERIFY2(result.ok(), qPrintable(result.ok() ? QString() : result.error().message));
            QCOMPARE(describe(result.value()), expected);
        }
    }

    void resolve_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("expected");
        QTest::newRow("bare → default") << "gpt-4o" << "openai/gpt-4o";
        QTest::newRow("explicit") << "anthropic:claude-sonnet-4" << "anthropic/claude-sonnet-4";
        QTest::newRow("instance") << "openai.2:gpt-4o" << "openai.2/gpt-4o";
        QTest::newRow("tagged model → default") << "llama3:8b" << "openai/llama3:8b";
        QTest::newRow("gemini path stripped") << "models/gemini-2.5-pro" << "openai/gemini-2.5-pro";
        QTest::newRow("gemini path with backend") << "my-ollama:models/gemma3" << "my-ollama/gemma3";
        QTest::newRow("route") << "fast" << "/fast [route fast]";
        QTest::newRow("route among alternatives") << "fast|anthropic:claude-opus-4" << "/fast [route fast] | anthropic/claude-opus-4";
        QTest::newRow("params kept") << "gpt-5?reasoning_effort=high" << "openai/gpt-5?reasoning_effort=high";
        QTest::newRow("unknown type-named backend") << "gemini:gemini-2.5-pro"
            << "error: unknown backend 'gemini' in model 'gemini:gemini-2.5-pro'; configured backends: openai, anthropic, openai.2, my-ollama";
        QTest::newRow("unknown instance") << "openai.3:gpt-4o"
            << "error: unknown backend 'openai.3' in model 'openai.3:gpt-4o'; configured backends: openai, anthropic, openai.2, my-ollama";
        QTest::newRow("disabled backend") << "retired:gpt-4"
            << "error: backend 'retired' in model 'retired:gpt-4' is disabled; configured backends: openai, anthropic, openai.2, my-ollama";
        QTest::newRow("bad alternative fails the whole") << "gpt-4o|nvidia:llama" << "error: unknown backend 'nvidia'";
    }
    void resolve()
    {
        QFETCH(QString, text);
        QFETCH(QString, expected);
        const config::Config cfg = testConfig();
        const auto result = resolveSelectors(text, cfg);
        if (expected.startsWith(QLatin1String("error: "))) {
            QVERIFY(!result.ok());
            QCOMPARE(result.error().category, ErrorCategory::InvalidRequest);
            QVERIFY2(result.error().message.contains(expected.mid(7)), qPrintable(result.error().message));
            return;
        }
        QVERIFY2(result.ok(), qPrintable(result.ok() ? QString() : result.error().message));
        QCOMPARE(describe(result.value()), expected);

        const auto first = resolveSelector(text, cfg);
        QVERIFY(first.ok());
        QCOMPARE(first.value(), result->first());
    }

    void resolveWithoutBackends()
    {
        const config::Config empty;
        const auto result = resolveSelector(QStringLiteral("gpt-4o"), empty);
        QVERIFY(!result.ok());
        QVERIFY2(result.error().message.startsWith(QStringLiteral("no backend is configured to serve model 'gpt-4o'")),
                 qPrintable(result.error().message));
        const auto explicitBackend = resolveSelector(QStringLiteral("foo.1:bar"), empty);
        QVERIFY(explicitBackend.ok() == false);
    }

    void defaultFallsBackToFirstBackend()
    {
        config::Config cfg = testConfig();
        cfg.defaultBackend.clear();
        const auto result = resolveSelector(QStringLiteral("x"), cfg);
        QVERIFY(result.ok());
        QCOMPARE(result->backend, QStringLiteral("openai"));
    }

    void toStringRoundTrips()
    {
        const auto parsed = parseModelSelector(QStringLiteral("openai:gpt-4o?stop=%26&temperature=0.2"), {QStringLiteral("openai")});
        QVERIFY(parsed.ok());
        const QString text = parsed->first().toString();
        QCOMPARE(text, QStringLiteral("openai:gpt-4o?stop=%26&temperature=0.2"));
        const auto again = parseModelSelector(text, {QStringLiteral("openai")});
        QVERIFY(again.ok());
        QCOMPARE(again->first(), parsed->first());
    }
};

QTEST_GUILESS_MAIN(TstModelSelector)
#include "tst_modelselector.moc"
