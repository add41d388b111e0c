// SPDX-License-Identifier: GPL-3.0-or-later
// Model aliases and rewrites as a client meets them: the model it wrote becomes the selector the
// config asked for, per client dialect, exactly once.

#include "config/configloader.h"
#include "routing/modelrewrite.h"

#include <QTest>

using namespace lip;
using namespace lip::config;

class TstModelRewrite : public QObject
{
    Q_OBJECT

private:
    Config m_cfg;

private slots:
    void initTestCase()
    {
        const QByteArray yaml =
            "model_aliases:\n"
            "  fast: 'openai:gpt-4o-mini'\n"
            "  smart: 'anthropic:claude-sonnet-4-5?temperature=0.1'\n"
            "  loop: fast\n"
            "model_rewrites:\n"
            "  - match: gpt-4\n"
            "    target: 'openai:gpt-4o'\n"
            "  - pattern: 'claude-(.*)'\n"
            "    target: 'anthropic:claude-\\1'\n"
            "    frontend: openai\n"
            "  - pattern: 'gpt-(?<size>[0-9]+)-(.*)'\n"
            "    target: 'openrouter:openai/gpt-\\g<size>-\\2'\n"
            "  - pattern: 'a.c'\n"
            "    regex: false\n"
            "    target: literal-hit\n"
            "  - pattern: 'any-(.*)'\n"
            "    target: 'x:\\9|\\\\'\n"
            "  - match: 'openai:gpt-4o-mini'\n"
            "    target: 'openai:gpt-4.1-mini'\n";
        auto cfg = parseConfigYaml(yaml, QStringLiteral("rw.yaml"));
        QVERIFY2(cfg.ok(), qPrintable(cfg.ok() ? QString() : cfg.error().message));
        m_cfg = *cfg;
    }

    void rewrites_data()
    {
        QTest::addColumn<QString>("model");
        QTest::addColumn<int>("dialect");
        QTest::addColumn<QString>("expected");
        const int chat = int(Dialect::OpenAIChat);
        const int anthropic = int(Dialect::Anthropic);
        const int gemini = int(Dialect::Gemini);
        QTest::newRow("no rule") << "gpt-5" << chat << "gpt-5";
        QTest::newRow("exact rewrite") << "gpt-4" << chat << "openai:gpt-4o";
        QTest::newRow("exact is whole text") << "gpt-4x" << chat << "gpt-4x";
        QTest::newRow("alias then rewrite") << "fast" << chat << "openai:gpt-4.1-mini";
        QTest::newRow("alias keeps its params") << "smart" << chat << "anthropic:claude-sonnet-4-5?temperature=0.1";
        QTest::newRow("alias is one step") << "loop" << chat << "fast";
        QTest::newRow("client params carried") << "gpt-4?temperature=0.2" << chat << "openai:gpt-4o?temperature=0.2";
        QTest::newRow("params appended to target params") << "smart?top_p=0.5" << chat
            << "anthropic:claude-sonnet-4-5?temperature=0.1&top_p=0.5";
        QTest::newRow("regex group") << "claude-opus-4" << chat << "anthropic:claude-opus-4";
        QTest::newRow("frontend filter: other dialect") << "claude-opus-4" << anthropic << "claude-opus-4";
        QTest::newRow("regex is anchored") << "my-claude-x" << chat << "my-claude-x";
        QTest::newRow("named group") << "gpt-5-mini" << anthropic << "openrouter:openai/gpt-5-mini";
        QTest::newRow("literal pattern") << "a.c" << chat << "literal-hit";
        QTest::newRow("literal pattern is not a regex") << "abc" << chat << "abc";
        QTest::newRow("missing group empty, escaped backslash") << "any-thing" << chat << "x:|\\";
        QTest::newRow("gemini models/ prefix") << "models/gpt-4" << gemini << "openai:gpt-4o";
        QTest::newRow("empty model") << "" << chat << "";
    }
    void rewrites()
    {
        QFETCH(QString, model);
        QFETCH(int, dialect);
        QFETCH(QString, expected);
        QCOMPARE(routing::applyModelRewrites(model, Dialect(dialect), m_cfg), expected);
    }

    void frontendKeys()
    {
        QCOMPARE(routing::frontendKey(Dialect::OpenAIChat), QStringLiteral("openai"));
        QCOMPARE(routing::frontendKey(Dialect::OpenAIResponses), QStringLiteral("openai-responses"));
        QCOMPARE(routing::frontendKey(Dialect::Anthropic), QStringLiteral("anthropic"));
        QCOMPARE(routing::frontendKey(Dialect::Gemini), QStringLiteral("gemini"));
    }

    void emptyConfigIsIdentity()
    {
        const Config empty;
        QCOMPARE(routing::applyModelRewrites(QStringLiteral("openai:gpt-4o?x=1"), Dialect::Anthropic, empty),
                 QStringLiteral("openai:gpt-4o?x=1"));
    }

    void invalidRegexInHandBuiltConfigIsSkipped()
    {
        Config cfg;
        config::ModelRewrite bad;
        bad.pattern = QStringLiteral("(");
        bad.regex = true;
        bad.target = QStringLiteral("never");
        cfg.rewrites.push_back(bad);
        config::ModelRewrite good;
        good.pattern = QStringLiteral("m");
        good.target = QStringLiteral("hit");
        cfg.rewrites.push_back(good);
        QCOMPARE(routing::applyModelRewrites(QStringLiteral("m"), Dialect::OpenAIChat, cfg), QStringLiteral("hit"));
    }
};

QTEST_GUILESS_MAIN(TstModelRewrite)
#include "tst_modelrewrite.moc"
