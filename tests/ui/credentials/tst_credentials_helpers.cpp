// SPDX-License-Identifier: GPL-3.0-or-later
// The Credentials page's pure helpers: .env parsing, key masking, the import plan and the key
// order model (drag and drop goes through dropMimeData, the buttons through moveRows).

#include "credentials/dotenv.h"
#include "credentials/keyimport.h"
#include "credentials/keylistmodel.h"
#include "credentials/keymask.h"

#include <QMimeData>
#include <QSignalSpy>
#include <QTest>

using namespace lip;
using namespace lip::ui::credentials;

class TestCredentialsHelpers : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void dotenv_data()
    {
        QTest::addColumn<QByteArray>("text");
        QTest::addColumn<QStringList>("names");
        QTest::addColumn<QStringList>("values");
        QTest::addColumn<int>("problems");

        QTest::newRow("plain") << QByteArray("A=1\nB=two\n") << QStringList{"A", "B"} << QStringList{"1", "two"} << 0;
        QTest::newRow("comments and blanks")
            << QByteArray("# top\n\n  # indented\nA=1 # trailing\nB=x#y\n") << QStringList{"A", "B"}
            << QStringList{"1", "x#y"} << 0;
        QTest::newRow("export") << QByteArray("export OPENAI_API_KEY=sk-1\nexport\tB=2\n")
                                << QStringList{"OPENAI_API_KEY", "B"} << QStringList{"sk-1", "2"} << 0;
        QTest::newRow("double quotes") << QByteArray("A=\"a b\\\"c\\n\" # c\n") << QStringList{"A"}
                                       << QStringList{"a b\"c\n"} << 0;
        QTest::newRow("single quotes literal") << QByteArray("A='x\\ny $Z'\n") << QStringList{"A"}
                                               << QStringList{"x\\ny $Z"} << 0;
        QTest::newRow("spaces around =") << QByteArray("A = v \n") << QStringList{"A"} << QStringList{"v"} << 0;
        QTest::newRow("CRLF and BOM") << QByteArray("\xEF\xBB\xBF" "A=1\r\nB=2\r\n") << QStringList{"A", "B"}
                                      << QStringList{"1", "2"} << 0;
        QTest::newRow("duplicate: the last wins") << QByteArray("A=1\nA=2\n") << QStringList{"A"} << QStringList{"2"} << 0;
        QTest::newRow("broken lines are problems")
            << QByteArray("NOEQUALS\n=x\n1BAD=x\nA=\"open\nB='x' tail\nC=ok\n") << QStringList{"C"}
            << QStringList{"ok"} << 5;
        QTest::newRow("empty value") << QByteArray("A=\n") << QStringList{"A"} << QStringList{""} << 0;
    }
    void dotenv()
    {
        QFETCH(QByteArray, text);
        QFETCH(QStringList, names);
        QFETCH(QStringList, values);
        QFETCH(int, problems);
        const DotEnvFile file = parseDotEnv(text);
        QStringList gotNames, gotValues;
        for (const DotEnvEntry &e : file.entries)
            gotNames << e.name, gotValues << e.value;
        QCOMPARE(gotNames, names);
        QCOMPARE(gotValues, values);
        QCOMPARE(file.problems.size(), problems);
    }

    void dotenvProblemsNeverShowValues()
    {
        const DotEnvFile file = parseDotEnv("A=\"sk-secret-value-1234\nB='sk-other-secret' trailing\n");
        QCOMPARE(file.problems.size(), 2);
        for (const QString &p : file.problems)
            QVERIFY2(!p.contains(QLatin1String("secret")), qPrintable(p));
    }

    void dotenvTooLarge()
    {
        const DotEnvFile file = parseDotEnv(QByteArray(kMaxDotEnvBytes + 1, 'A'));
        QVERIFY(file.entries.isEmpty());
        QCOMPARE(file.problems.size(), 1);
    }

    void mask_data()
    {
        QTest::addColumn<QString>("secret");
        QTest::addColumn<QString>("masked");
        QTest::newRow("long") << "sk-proj-abcdefghijklmnop1234" << QStringLiteral("sk-…1234");
        QTest::newRow("exactly 12") << "abcdefgh1234" << QStringLiteral("abc…1234");
        QTest::newRow("short") << "abcdefgh123" << QStringLiteral("••••••");
        QTest::newRow("empty") << "" << QStringLiteral("••••••");
        QTest::newRow("blanks trimmed") << "  sk-abcdefghij9876 \n" << QStringLiteral("sk-…9876");
    }
    void mask()
    {
        QFETCH(QString, secret);
        QFETCH(QString, masked);
        QCOMPARE(maskSecret(secret), masked);
    }

    void importPlan()
    {
        config::CredentialSet current;
        current.instances.push_back({QStringLiteral("openai"),
                                     {{QStringLiteral("OPENAI_API_KEY"), QStringLiteral("sk-old-aaaaaaaaaaaa")},
                                      {QStringLiteral("mine"), QStringLiteral("sk-same-bbbbbbbbbbbb")}}});
        const QList<QPair<QString, QString>> vars = {
            {QStringLiteral("OPENAI_API_KEY"), QStringLiteral("sk-new-cccccccccccc")},    // replaces
            {QStringLiteral("OPENAI_API_KEY_2"), QStringLiteral("sk-same-bbbbbbbbbbbb")}, // same value, other alias
            {QStringLiteral("OPENAI_API_KEY_3"), QStringLiteral("sk-3-dddddddddddd")},    // new
            {QStringLiteral("ANTHROPIC_API_KEY"), QStringLiteral("sk-ant-eeeeeeeeeeee")}, // new, known type
            {QStringLiteral("OPENAI_2_API_KEY"), QStringLiteral("sk-2nd-ffffffffffff")},  // configured instance openai.2
            {QStringLiteral("MY_OLLAMA_API_KEY"), QStringLiteral("k-gggggggggggg")},      // configured custom instance
            {QStringLiteral("OPENAI_API_KEY_X"), QStringLiteral("x")},                    // not a key variable
            {QStringLiteral("UNKNOWN_API_KEY"), QStringLiteral("y")},                     // unknown backend
            {QStringLiteral("GEMINI_API_KEY"), QStringLiteral("  ")},                     // empty
        };
        const ImportPlan plan = planImport(vars, {QStringLiteral("openai.2"), QStringLiteral("my-ollama")}, current);
        QStringList got;
        for (const ImportRow &r : plan.rows)
            got << QStringLiteral("%1/%2/%3").arg(r.instance, r.alias).arg(int(r.effect));
        QCOMPARE(got, (QStringList{"openai/OPENAI_API_KEY/1", "openai/OPENAI_API_KEY_2/2", "openai/OPENAI_API_KEY_3/0",
                                   "anthropic/ANTHROPIC_API_KEY/0", "openai.2/OPENAI_2_API_KEY/0",
                                   "my-ollama/MY_OLLAMA_API_KEY/0"}));
        QCOMPARE(plan.ignored, (QStringList{"OPENAI_API_KEY_X", "UNKNOWN_API_KEY", "GEMINI_API_KEY"}));
        QCOMPARE(plan.changes(), 5);
    }

    void keyModelOrder()
    {
        KeyListModel model;
        model.setRows({{QStringLiteral("a"), QStringLiteral("m"), true},
                       {QStringLiteral("env:OPENAI_API_KEY"), QStringLiteral("m"), false},
                       {QStringLiteral("b"), QStringLiteral("m"), true},
                       {QStringLiteral("c"), QStringLiteral("m"), true}});
        // Env/config keys come first, as in rotation.
        QCOMPARE(model.rows().first().stored, false);
        QCOMPARE(model.storedAliases(), (QStringList{"a", "b", "c"}));
        QSignalSpy order(&model, &KeyListModel::storedOrderChanged);

        // A read-only row never moves, and nothing moves above it.
        QVERIFY(!model.moveRows({}, 0, 1, {}, 3));
        QVERIFY(!model.moveRows({}, 1, 1, {}, 0));
        QCOMPARE(order.count(), 0);

        QVERIFY(model.moveRows({}, 3, 1, {}, 1)); // c to the top of the keychain keys
        QCOMPARE(model.storedAliases(), (QStringList{"c", "a", "b"}));
        QCOMPARE(order.count(), 1);
        QCOMPARE(order.last().first().toStringList(), (QStringList{"c", "a", "b"}));

        // Drag and drop: the dragged row moves; the drop reports "not handled" so the view does
        // not remove the source row afterwards.
        std::unique_ptr<QMimeData> mime(model.mimeData({model.index(1, 0)}));
        QVERIFY(mime);
        QVERIFY(!model.dropMimeData(mime.get(), Qt::MoveAction, 4, 0, {}));
        QCOMPARE(model.storedAliases(), (QStringList{"a", "b", "c"}));
        QCOMPARE(order.count(), 2);
        QVERIFY(!(model.flags(model.index(0, 0)) & Qt::ItemIsDragEnabled));
        QVERIFY(model.flags(model.index(1, 0)) & Qt::ItemIsDragEnabled);
        QVERIFY(!(model.flags(model.index(1, 0)) & Qt::ItemIsDropEnabled));

        // Reveal shows one key in clear until the rows are set again.
        model.setRevealed(QStringLiteral("b"), QStringLiteral("sk-clear"));
        QCOMPARE(model.data(model.index(2, KeyListModel::KeyColumn), Qt::DisplayRole).toString(), QStringLiteral("sk-clear"));
        model.setRows(model.rows());
        QCOMPARE(model.data(model.index(2, KeyListModel::KeyColumn), Qt::DisplayRole).toString(), QStringLiteral("m"));
    }
};

QTEST_GUILESS_MAIN(TestCredentialsHelpers)
#include "tst_credentials_helpers.moc"
