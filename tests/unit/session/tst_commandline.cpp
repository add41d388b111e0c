// SPDX-License-Identifier: GPL-3.0-or-later
// Command detection: where a command counts, where it is only text, and what stripping leaves.

#include "session/commandline.h"

#include <QTest>

using namespace lip::session;

class TestCommandLine : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void detection_data()
    {
        QTest::addColumn<QByteArray>("text");
        QTest::addColumn<QByteArray>("prefix");
        QTest::addColumn<QString>("name");       // empty: no command
        QTest::addColumn<QString>("arguments");  // raw, when a command
        QTest::addColumn<QByteArray>("stripped");

        QTest::newRow("alone") << QByteArray("!/help") << QByteArray("!/") << "help" << "" << QByteArray("");
        QTest::newRow("parens") << QByteArray("!/set(model=openai:gpt-4o)") << QByteArray("!/") << "set"
                                << "model=openai:gpt-4o" << QByteArray("");
        QTest::newRow("after text") << QByteArray("What is 2+2?\n!/model(openai:gpt-4o)") << QByteArray("!/")
                                    << "model" << "openai:gpt-4o" << QByteArray("What is 2+2?");
        QTest::newRow("trailing blank lines") << QByteArray("question\n\n!/hello\n\n  \n") << QByteArray("!/") << "hello"
                                              << "" << QByteArray("question");
        QTest::newRow("surrounding spaces") << QByteArray("  !/hello  ") << QByteArray("!/") << "hello" << "" << QByteArray("");
        QTest::newRow("crlf") << QByteArray("q\r\n!/hello\r\n") << QByteArray("!/") << "hello" << "" << QByteArray("q");
        QTest::newRow("uppercase name") << QByteArray("!/HELP") << QByteArray("!/") << "help" << "" << QByteArray("");
        QTest::newRow("space form") << QByteArray("!/help set") << QByteArray("!/") << "help" << "set" << QByteArray("");
        QTest::newRow("unicode around") << QByteArray("Grüße 🚀\n!/temperature(0.5)") << QByteArray("!/")
                                        << "temperature" << "0.5" << QByteArray("Grüße 🚀");
        QTest::newRow("unicode prefix") << QByteArray("x\n§§hello") << QByteArray("§§") << "hello" << "" << QByteArray("x");
        QTest::newRow("custom prefix") << QByteArray("##set(temperature=1)") << QByteArray("##") << "set"
                                       << "temperature=1" << QByteArray("");
        QTest::newRow("closed fence before") << QByteArray("```\ncode\n```\n!/hello") << QByteArray("!/") << "hello"
                                             << "" << QByteArray("```\ncode\n```");

        // Not commands.
        QTest::newRow("earlier line") << QByteArray("!/help\nthanks") << QByteArray("!/") << "" << "" << QByteArray();
        QTest::newRow("mention") << QByteArray("type !/help for help") << QByteArray("!/") << "" << "" << QByteArray();
        QTest::newRow("inline code") << QByteArray("`!/help`") << QByteArray("!/") << "" << "" << QByteArray();
        QTest::newRow("inside open fence") << QByteArray("```\n!/help") << QByteArray("!/") << "" << "" << QByteArray();
        QTest::newRow("inside tilde fence") << QByteArray("~~~sh\n!/help") << QByteArray("!/") << "" << "" << QByteArray();
        QTest::newRow("indented code") << QByteArray("text\n    !/help") << QByteArray("!/") << "" << "" << QByteArray();
        QTest::newRow("tab indented") << QByteArray("\t!/help") << QByteArray("!/") << "" << "" << QByteArray();
        QTest::newRow("path") << QByteArray("!/usr/bin/env") << QByteArray("!/") << "" << "" << QByteArray();
        QTest::newRow("prefix only") << QByteArray("!/") << QByteArray("!/") << "" << "" << QByteArray();
        QTest::newRow("text after parens") << QByteArray("!/help() please") << QByteArray("!/") << "" << "" << QByteArray();
        QTest::newRow("old prefix") << QByteArray("!/help") << QByteArray("##") << "" << "" << QByteArray();
        QTest::newRow("digit name") << QByteArray("!/1help") << QByteArray("!/") << "" << "" << QByteArray();
        QTest::newRow("empty") << QByteArray("") << QByteArray("!/") << "" << "" << QByteArray();
        QTest::newRow("blank") << QByteArray(" \n\t\n") << QByteArray("!/") << "" << "" << QByteArray();
        QTest::newRow("very long line") << QByteArray("!/set(project=" + QByteArray(5000, 'x') + ")") << QByteArray("!/")
                                        << "" << "" << QByteArray();
    }
    void detection()
    {
        QFETCH(QByteArray, text);
        QFETCH(QByteArray, prefix);
        QFETCH(QString, name);
        QFETCH(QString, arguments);
        QFETCH(QByteArray, stripped);
        const std::optional<CommandMatch> match = findCommand(text.toStdString(), prefix.toStdString());
        QCOMPARE(match.has_value(), !name.isEmpty());
        if (!match)
            return;
        QCOMPARE(match->command.name, name);
        QCOMPARE(match->command.rawArguments, arguments);
        QCOMPARE(QByteArray::fromStdString(stripCommand(text.toStdString(), *match)), stripped);
    }

    void arguments_data()
    {
        QTest::addColumn<QString>("raw");
        QTest::addColumn<QStringList>("keys");
        QTest::addColumn<QStringList>("values");
        QTest::addColumn<bool>("error");
        QTest::newRow("pairs") << "a=1, b = two" << QStringList{"a", "b"} << QStringList{"1", "two"} << false;
        QTest::newRow("positional") << "name=r, openai:gpt-4o, anthropic:claude" << QStringList{"name", "", ""}
                                    << QStringList{"r", "openai:gpt-4o", "anthropic:claude"} << false;
        QTest::newRow("quoted comma") << "project=\"a, b\"" << QStringList{"project"} << QStringList{"a, b"} << false;
        QTest::newRow("uppercase key") << "Model=x" << QStringList{"model"} << QStringList{"x"} << false;
        QTest::newRow("value with =") << "model=x?temperature=0.2" << QStringList{"model"} << QStringList{"x?temperature=0.2"} << false;
        QTest::newRow("empty") << "" << QStringList{} << QStringList{} << false;
        QTest::newRow("double comma") << "a=1,,b=2" << QStringList{} << QStringList{} << true;
        QTest::newRow("open quote") << "a=\"x" << QStringList{} << QStringList{} << true;
    }
    void arguments()
    {
        QFETCH(QString, raw);
        QFETCH(QStringList, keys);
        QFETCH(QStringList, values);
        QFETCH(bool, error);
        QString problem;
        const std::vector<CommandArgument> args = splitArguments(raw, &problem);
        QCOMPARE(!problem.isEmpty(), error);
        QCOMPARE(int(args.size()), keys.size());
        for (size_t i = 0; i < args.size(); ++i) {
            QCOMPARE(args[i].key, keys[int(i)]);
            QCOMPARE(args[i].value, values[int(i)]);
        }
    }

    void quickReject_data()
    {
        QTest::addColumn<QByteArray>("raw");
        QTest::addColumn<bool>("may");
        QTest::newRow("plain") << QByteArray(R"J({"messages":[{"role":"user","content":"!/help"}]})J") << true;
        QTest::newRow("escaped slash") << QByteArray(R"J({"messages":[{"role":"user","content":"!\/help"}]})J") << true;
        QTest::newRow("unicode escape") << QByteArray(R"J({"content":"\u0021/help"})J") << true;
        QTest::newRow("none") << QByteArray(R"J({"messages":[{"role":"user","content":"hello"}]})J") << false;
    }
    void quickReject()
    {
        QFETCH(QByteArray, raw);
        QFETCH(bool, may);
        QCOMPARE(mayContainPrefix(raw, "!/"), may);
    }
};

QTEST_GUILESS_MAIN(TestCommandLine)
#include "tst_commandline.moc"
