// SPDX-License-Identifier: GPL-3.0-or-later
// The Clients page's file edits: each CLI's format applied to a missing file, to a file with
// comments and odd layout, and to a file that already has our keys; backups and restore.

#include "clients/clientfiles.h"
#include "clients/clientprofiles.h"
#include "clients/dotenvpatch.h"
#include "clients/jsonpatch.h"
#include "clients/tomlpatch.h"
#include "clients/unifieddiff.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>
#include <QTimeZone>

using namespace lip::ui::clients;

namespace {

QByteArray readAll(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return QByteArray("<missing>");
    return f.readAll();
}

void writeAll(const QString &path, const QByteArray &bytes)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(bytes);
}

// True when `small` can be obtained from `big` by deleting bytes: an edit that only inserted.
bool isSubsequence(const QByteArray &small, const QByteArray &big)
{
    int j = 0;
    for (int i = 0; i < big.size() && j < small.size(); ++i)
        if (big.at(i) == small.at(j))
            ++j;
    return j == small.size();
}

QList<QByteArray> lines(const QByteArray &text)
{
    return text.split('\n');
}

bool mentionsAny(const QByteArray &line, const QStringList &names)
{
    for (const QString &name : names)
        if (line.contains(name.toUtf8()))
            return true;
    return false;
}

const QDateTime kNow = QDateTime(QDate(2026, 12, 2), QTime(7, 15, 0), QTimeZone::utc());

ProxyEndpoint endpoint(bool withKey)
{
    return ProxyEndpoint::from(QStringLiteral("http://127.0.0.1:8123"), {},
                               withKey ? QStringList{QStringLiteral("proxy-secret-1234")} : QStringList{},
                               QStringLiteral("openai:gpt-4o"));
}

struct Applied
{
    QString error;
    QString backup;
};

// What the page does on Apply: plan, then backup + atomic write.
Applied applyPlan(const ClientFilePlan &plan)
{
    Applied result;
    const FileRead current = readClientFile(plan.path);
    const PlannedText planned = applySettings(plan, current.bytes);
    if (!planned.error.isEmpty()) {
        result.error = planned.error;
        return result;
    }
    result.error = writeClientFile(plan.path, planned.text, kNow, &result.backup);
    return result;
}

ClientFilePlan planFor(ClientKind kind, const QString &home, const QHash<QString, QString> &vars = {}, bool withKey = true,
                       int index = 0)
{
    ClientEnvironment env;
    env.home = home;
    env.variables = vars;
    return clientFilePlans(kind, endpoint(withKey), env).value(index);
}

} // namespace

class TestClientConfig : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void jsonSet_data();
    void jsonSet();
    void jsonInvalid_data();
    void jsonInvalid();
    void tomlSet_data();
    void tomlSet();
    void dotenvSet_data();
    void dotenvSet();
    void diffShowsChangedLines();

    void claudeMissingFile();
    void claudeOddFileOnlyInserts_data();
    void claudeOddFileOnlyInserts();
    void claudeExistingKeysOnlyOwnedLinesChange();
    void claudeInvalidJsonRefused();
    void claudeConfigDirRespected();

    void codexMissingFile();
    void codexCommentsAndTablesKept();
    void codexExistingKeysOnlyOwnedLinesChange();
    void codexHomeRespected();
    void codexWithoutKeyRemovesEnvKey();
    void codexInlineProviderRefused();

    void geminiMissingFiles();
    void geminiExistingFilesOnlyOwnedLinesChange();

    void backupsListedNewestFirst();
    void restoreGivesBackOriginalBytes();
    void masking();
};

void TestClientConfig::jsonSet_data()
{
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<QStringList>("path");
    QTest::addColumn<QByteArray>("expected");
    const QStringList envUrl{QStringLiteral("env"), QStringLiteral("URL")};
    QTest::newRow("empty file") << QByteArray() << envUrl << QByteArray("{\n  \"env\": {\n    \"URL\": \"v\"\n  }\n}\n");
    QTest::newRow("empty object") << QByteArray("{}") << envUrl << QByteArray("{\n  \"env\": {\n    \"URL\": \"v\"\n  }\n}");
    QTest::newRow("four-space indent, new member") << QByteArray("{\n    \"a\": 1\n}\n") << envUrl
                                                   << QByteArray("{\n    \"a\": 1,\n    \"env\": {\n        \"URL\": \"v\"\n    }\n}\n");
    QTest::newRow("tabs") << QByteArray("{\n\t\"env\": {\n\t\t\"X\": \"y\"\n\t}\n}") << envUrl
                          << QByteArray("{\n\t\"env\": {\n\t\t\"X\": \"y\",\n\t\t\"URL\": \"v\"\n\t}\n}");
    QTest::newRow("replace keeps spacing") << QByteArray("{ \"env\" :{\"URL\"  :   \"old\" , \"k\":2}}") << envUrl
                                           << QByteArray("{ \"env\" :{\"URL\"  :   \"v\" , \"k\":2}}");
    QTest::newRow("one line object stays one line") << QByteArray("{\"env\": {\"A\": \"b\"}}") << envUrl
                                                    << QByteArray("{\"env\": {\"A\": \"b\", \"URL\": \"v\"}}");
    QTest::newRow("crlf") << QByteArray("{\r\n  \"a\": true\r\n}\r\n") << envUrl
                          << QByteArray("{\r\n  \"a\": true,\r\n  \"env\": {\r\n    \"URL\": \"v\"\r\n  }\r\n}\r\n");
    QTest::newRow("comments kept") << QByteArray("{\n  // mine\n  \"env\": { /* x */ }\n}") << envUrl
                                   << QByteArray("{\n  // mine\n  \"env\": {\n    \"URL\": \"v\" /* x */ }\n}");
    QTest::newRow("byte order mark kept") << QByteArray("\xEF\xBB\xBF{\n  \"env\": {}\n}") << envUrl
                                          << QByteArray("\xEF\xBB\xBF{\n  \"env\": {\n    \"URL\": \"v\"\n  }\n}");
    QTest::newRow("non-object on path replaced") << QByteArray("{\n  \"env\": null\n}") << envUrl
                                                 << QByteArray("{\n  \"env\": {\n    \"URL\": \"v\"\n  }\n}");
}

void TestClientConfig::jsonSet()
{
    QFETCH(QByteArray, input);
    QFETCH(QStringList, path);
    QFETCH(QByteArray, expected);
    const JsonPatchResult result = setJsonString(input, path, QStringLiteral("v"));
    QVERIFY2(result.ok(), qPrintable(result.error));
    QCOMPARE(result.text, expected);
    QCOMPARE(checkJsonDocument(result.text), QString());
    QCOMPARE(jsonValueAt(result.text, path), std::optional<QString>(QStringLiteral("v")));
}

void TestClientConfig::jsonInvalid_data()
{
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<QString>("where");
    QTest::newRow("missing comma") << QByteArray("{\n  \"a\": 1\n  \"b\": 2\n}") << QStringLiteral("line 3");
    QTest::newRow("trailing comma") << QByteArray("{\n  \"a\": 1,\n}") << QStringLiteral("line 3");
    QTest::newRow("truncated") << QByteArray("{\n  \"a\": \"x") << QStringLiteral("unterminated");
    QTest::newRow("array root") << QByteArray("[1]") << QStringLiteral("line 1");
    QTest::newRow("garbage after") << QByteArray("{}\n}") << QStringLiteral("line 2");
    QTest::newRow("deep nesting") << QByteArray(5000, '[').prepend("{\"a\":") << QStringLiteral("deeply");
}

void TestClientConfig::jsonInvalid()
{
    QFETCH(QByteArray, input);
    QFETCH(QString, where);
    const JsonPatchResult result = setJsonString(input, {QStringLiteral("env"), QStringLiteral("X")}, QStringLiteral("v"));
    QVERIFY(!result.ok());
    QVERIFY2(result.error.contains(where), qPrintable(result.error));
}

void TestClientConfig::tomlSet_data()
{
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<QString>("table");
    QTest::addColumn<QString>("key");
    QTest::addColumn<QString>("value"); // "<remove>" removes
    QTest::addColumn<QByteArray>("expected");
    QTest::newRow("empty, top-level") << QByteArray() << QString() << QStringLiteral("model") << QStringLiteral("m")
                                      << QByteArray("model = \"m\"\n");
    QTest::newRow("top-level before a table") << QByteArray("[t]\nx = 1\n") << QString() << QStringLiteral("model")
                                              << QStringLiteral("m") << QByteArray("model = \"m\"\n\n[t]\nx = 1\n");
    QTest::newRow("after header comment") << QByteArray("# my config\n\n[t]\n") << QString() << QStringLiteral("model")
                                          << QStringLiteral("m") << QByteArray("# my config\n\nmodel = \"m\"\n\n[t]\n");
    QTest::newRow("after last top-level key") << QByteArray("a = 1 # one\nb = [\n  1,\n]\n\n[t]\n") << QString()
                                              << QStringLiteral("model") << QStringLiteral("m")
                                              << QByteArray("a = 1 # one\nb = [\n  1,\n]\nmodel = \"m\"\n\n[t]\n");
    QTest::newRow("replace keeps comment") << QByteArray("model   =  'old'   # mine\n") << QString()
                                           << QStringLiteral("model") << QStringLiteral("m")
                                           << QByteArray("model   =  \"m\"   # mine\n");
    QTest::newRow("new table appended") << QByteArray("x = 1") << QStringLiteral("p.lip") << QStringLiteral("name")
                                        << QStringLiteral("n") << QByteArray("x = 1\n\n[p.lip]\nname = \"n\"\n");
    QTest::newRow("key added to table") << QByteArray("[ p . \"lip\" ]  # ours\nname = \"n\"\n\n[other]\nname = 1\n")
                                        << QStringLiteral("p.lip") << QStringLiteral("base_url") << QStringLiteral("u")
                                        << QByteArray("[ p . \"lip\" ]  # ours\nname = \"n\"\nbase_url = \"u\"\n\n[other]\nname = 1\n");
    QTest::newRow("multi-line string not a header") << QByteArray("s = \"\"\"\n[p.lip]\n\"\"\"\n") << QStringLiteral("p.lip")
                                                    << QStringLiteral("k") << QStringLiteral("v")
                                                    << QByteArray("s = \"\"\"\n[p.lip]\n\"\"\"\n\n[p.lip]\nk = \"v\"\n");
    QTest::newRow("remove") << QByteArray("[p.lip]\nenv_key = \"X\"\nname = \"n\"\n") << QStringLiteral("p.lip")
                            << QStringLiteral("env_key") << QStringLiteral("<remove>") << QByteArray("[p.lip]\nname = \"n\"\n");
    QTest::newRow("remove absent") << QByteArray("[p.lip]\n") << QStringLiteral("p.lip") << QStringLiteral("env_key")
                                   << QStringLiteral("<remove>") << QByteArray("[p.lip]\n");
    QTest::newRow("crlf") << QByteArray("a = 1\r\n") << QString() << QStringLiteral("model") << QStringLiteral("m\"q")
                          << QByteArray("a = 1\r\nmodel = \"m\\\"q\"\r\n");
}

void TestClientConfig::tomlSet()
{
    QFETCH(QByteArray, input);
    QFETCH(QString, table);
    QFETCH(QString, key);
    QFETCH(QString, value);
    QFETCH(QByteArray, expected);
    const std::optional<QString> v = value == QLatin1String("<remove>") ? std::nullopt : std::optional<QString>(value);
    const TomlPatchResult result = setTomlString(input, table, key, v);
    QVERIFY2(result.ok(), qPrintable(result.error));
    QCOMPARE(result.text, expected);
    QCOMPARE(tomlValueAt(result.text, table, key), v);
}

void TestClientConfig::dotenvSet_data()
{
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<QString>("value");
    QTest::addColumn<QByteArray>("expected");
    QTest::newRow("empty") << QByteArray() << QStringLiteral("http://x") << QByteArray("K=http://x\n");
    QTest::newRow("no final newline") << QByteArray("# c\nA=1") << QStringLiteral("v") << QByteArray("# c\nA=1\nK=v\n");
    QTest::newRow("export kept") << QByteArray("export K = 'old' # c\nB=2\n") << QStringLiteral("v")
                                 << QByteArray("export K = v\nB=2\n");
    QTest::newRow("quoted when needed") << QByteArray("K=1\n") << QStringLiteral("a b") << QByteArray("K=\"a b\"\n");
}

void TestClientConfig::dotenvSet()
{
    QFETCH(QByteArray, input);
    QFETCH(QString, value);
    QFETCH(QByteArray, expected);
    const QByteArray result = setDotenvValue(input, QStringLiteral("K"), value);
    QCOMPARE(result, expected);
    QCOMPARE(dotenvValueAt(result, QStringLiteral("K")), std::optional<QString>(value));
}

void TestClientConfig::diffShowsChangedLines()
{
    const QByteArray a = "1\n2\n3\n4\n5\n6\n7\n8\n9\n";
    const QByteArray b = "1\n2\n3\n4\nfive\n6\n7\n8\n9\n10\n";
    const QString diff = unifiedDiff(a, b, QStringLiteral("a/f"), QStringLiteral("b/f"));
    QCOMPARE(diff, QStringLiteral("--- a/f\n+++ b/f\n@@ -2,8 +2,9 @@\n 2\n 3\n 4\n-5\n+five\n 6\n 7\n 8\n 9\n+10\n"));
    QCOMPARE(unifiedDiff(a, a, {}, {}), QString());
    QCOMPARE(unifiedDiff(QByteArray(), "x\n", QStringLiteral("a"), QStringLiteral("b")),
             QStringLiteral("--- a\n+++ b\n@@ -0,0 +1,1 @@\n+x\n"));
}

void TestClientConfig::claudeMissingFile()
{
    QTemporaryDir home;
    const ClientFilePlan plan = planFor(ClientKind::ClaudeCode, home.path());
    QCOMPARE(plan.path, home.path() + QStringLiteral("/.claude/settings.json"));
    const Applied applied = applyPlan(plan);
    QCOMPARE(applied.error, QString());
    QCOMPARE(applied.backup, QString()); // nothing to back up
    const QByteArray written = readAll(plan.path);
    QCOMPARE(checkJsonDocument(written), QString());
    QCOMPARE(jsonValueAt(written, {QStringLiteral("env"), QStringLiteral("ANTHROPIC_BASE_URL")}),
             std::optional<QString>(QStringLiteral("http://127.0.0.1:8123")));
    QCOMPARE(jsonValueAt(written, {QStringLiteral("env"), QStringLiteral("ANTHROPIC_AUTH_TOKEN")}),
             std::optional<QString>(QStringLiteral("proxy-secret-1234")));
    QCOMPARE(jsonValueAt(written, {QStringLiteral("env"), QStringLiteral("ANTHROPIC_MODEL")}),
             std::optional<QString>(QStringLiteral("openai:gpt-4o")));
    // It holds a key: readable by the owner only.
    QCOMPARE(QFile::permissions(plan.path) & (QFileDevice::ReadGroup | QFileDevice::ReadOther), QFileDevice::Permissions());
}

void TestClientConfig::claudeOddFileOnlyInserts_data()
{
    QTest::addColumn<QByteArray>("original");
    QTest::newRow("odd spacing and comments")
        << QByteArray("{\n      \"permissions\" :   { \"allow\": [ \"Bash(ls)\" ] },\n   // keep me\n"
                      "      \"env\"   :   {\n         \"FOO\":\"bar\"\n      }\n}\n");
    QTest::newRow("tabs crlf") << QByteArray("{\r\n\t\"model\": \"opus\",\r\n\t\"hooks\": {}\r\n}\r\n");
    QTest::newRow("one line") << QByteArray("{\"theme\":\"dark\",\"env\":{\"X\":\"1\"}}");
}

void TestClientConfig::claudeOddFileOnlyInserts()
{
    QFETCH(QByteArray, original);
    QTemporaryDir home;
    const ClientFilePlan plan = planFor(ClientKind::ClaudeCode, home.path());
    writeAll(plan.path, original);
    const Applied applied = applyPlan(plan);
    QCOMPARE(applied.error, QString());
    const QByteArray written = readAll(plan.path);
    QCOMPARE(checkJsonDocument(written), QString());
    // Every byte of the user's file is still there, in order: we only added.
    QVERIFY2(isSubsequence(original, written), written.constData());
    for (const OwnedSetting &s : plan.settings)
        QCOMPARE(jsonValueAt(written, s.path), s.value);
    QCOMPARE(readAll(applied.backup), original);
    QCOMPARE(restoreBackup(plan.path, applied.backup, kNow.addSecs(60)), QString());
    QCOMPARE(readAll(plan.path), original);
}

void TestClientConfig::claudeExistingKeysOnlyOwnedLinesChange()
{
    QTemporaryDir home;
    const ClientFilePlan plan = planFor(ClientKind::ClaudeCode, home.path());
    const QByteArray original = "{\n"
                                "    \"env\": {\n"
                                "        \"ANTHROPIC_BASE_URL\": \"https://api.example\",\n"
                                "        \"OTHER\": \"x\",\n"
                                "        \"ANTHROPIC_AUTH_TOKEN\": \"old\",\n"
                                "        \"ANTHROPIC_MODEL\":    \"claude\" ,\n"
                                "        \"ANTHROPIC_DEFAULT_HAIKU_MODEL\": \"h\"\n"
                                "    },\n"
                                "    \"includeCoAuthoredBy\": false\n"
                                "}";
    writeAll(plan.path, original);
    const Applied applied = applyPlan(plan);
    QCOMPARE(applied.error, QString());
    const QByteArray written = readAll(plan.path);
    const QList<QByteArray> before = lines(original);
    const QList<QByteArray> after = lines(written);
    QCOMPARE(after.size(), before.size());
    const QStringList owned{QStringLiteral("ANTHROPIC_")};
    int changed = 0;
    for (int i = 0; i < before.size(); ++i) {
        if (mentionsAny(before[i], owned)) {
            changed += before[i] != after[i];
            continue;
        }
        QCOMPARE(after[i], before[i]);
    }
    QCOMPARE(changed, 4);
    QCOMPARE(after[5], QByteArray("        \"ANTHROPIC_MODEL\":    \"openai:gpt-4o\" ,"));
    QVERIFY(QFileInfo(applied.backup).fileName().startsWith(QStringLiteral("settings.json.lip-backup-20261202T071500Z")));
    QCOMPARE(readAll(applied.backup), original);
    QCOMPARE(restoreBackup(plan.path, applied.backup, kNow.addSecs(60)), QString());
    QCOMPARE(readAll(plan.path), original);
}

void TestClientConfig::claudeInvalidJsonRefused()
{
    QTemporaryDir home;
    const ClientFilePlan plan = planFor(ClientKind::ClaudeCode, home.path());
    const QByteArray original = "{\n  \"env\": {\n    \"A\": \"b\"\n    \"C\": 1\n  }\n}\n";
    writeAll(plan.path, original);
    const Applied applied = applyPlan(plan);
    QVERIFY(applied.error.contains(QStringLiteral("line 4")));
    QVERIFY(applied.error.contains(QStringLiteral("not valid JSON")));
    QCOMPARE(readAll(plan.path), original);
    QCOMPARE(listBackups(plan.path), QStringList());
}

void TestClientConfig::claudeConfigDirRespected()
{
    QTemporaryDir home;
    const QString dir = home.path() + QStringLiteral("/elsewhere");
    const ClientFilePlan plan = planFor(ClientKind::ClaudeCode, home.path(), {{QStringLiteral("CLAUDE_CONFIG_DIR"), dir}});
    QCOMPARE(plan.path, dir + QStringLiteral("/settings.json"));
}

void TestClientConfig::codexMissingFile()
{
    QTemporaryDir home;
    const ClientFilePlan plan = planFor(ClientKind::Codex, home.path());
    QCOMPARE(plan.path, home.path() + QStringLiteral("/.codex/config.toml"));
    QCOMPARE(applyPlan(plan).error, QString());
    QCOMPARE(readAll(plan.path), QByteArray("model = \"openai:gpt-4o\"\nmodel_provider = \"lip\"\n\n"
                                            "[model_providers.lip]\nname = \"LLM Interactive Proxy\"\n"
                                            "base_url = \"http://127.0.0.1:8123/v1\"\nwire_api = \"responses\"\n"
                                            "env_key = \"LIP_API_KEY\"\n"));
}

void TestClientConfig::codexCommentsAndTablesKept()
{
    QTemporaryDir home;
    const ClientFilePlan plan = planFor(ClientKind::Codex, home.path());
    const QByteArray original = "# Codex settings\n"
                                "approval_policy = \"on-request\"   # ask me\n"
                                "\n"
                                "[mcp_servers.docs]\n"
                                "command = \"npx\"\n"
                                "args = [\n"
                                "  \"-y\",  # comment in an array\n"
                                "  \"docs-server\",\n"
                                "]\n"
                                "\n"
                                "[model_providers.other]\n"
                                "base_url = \"https://other/v1\"\n";
    writeAll(plan.path, original);
    const Applied applied = applyPlan(plan);
    QCOMPARE(applied.error, QString());
    const QByteArray written = readAll(plan.path);
    QVERIFY2(isSubsequence(original, written), written.constData());
    QVERIFY(written.startsWith("# Codex settings\napproval_policy = \"on-request\"   # ask me\nmodel = \"openai:gpt-4o\"\n"
                               "model_provider = \"lip\"\n\n[mcp_servers.docs]\n"));
    QVERIFY(written.endsWith("base_url = \"https://other/v1\"\n\n[model_providers.lip]\nname = \"LLM Interactive Proxy\"\n"
                             "base_url = \"http://127.0.0.1:8123/v1\"\nwire_api = \"responses\"\nenv_key = \"LIP_API_KEY\"\n"));
    QCOMPARE(readAll(applied.backup), original);
    QCOMPARE(restoreBackup(plan.path, applied.backup, kNow.addSecs(60)), QString());
    QCOMPARE(readAll(plan.path), original);
}

void TestClientConfig::codexExistingKeysOnlyOwnedLinesChange()
{
    QTemporaryDir home;
    const ClientFilePlan plan = planFor(ClientKind::Codex, home.path());
    const QByteArray original = "model = \"gpt-5\"  # was\n"
                                "model_provider = 'openai'\n"
                                "sandbox_mode = \"workspace-write\"\n"
                                "\n"
                                "[model_providers.lip]\n"
                                "# our proxy\n"
                                "name = \"old name\"\n"
                                "base_url = \"http://127.0.0.1:9999/v1\"\n"
                                "request_max_retries = 4\n"
                                "wire_api = \"chat\"\n"
                                "env_key = \"LIP_API_KEY\"\n"
                                "\n"
                                "[tui]\n"
                                "notifications = true\n";
    writeAll(plan.path, original);
    const Applied applied = applyPlan(plan);
    QCOMPARE(applied.error, QString());
    const QByteArray written = readAll(plan.path);
    const QList<QByteArray> before = lines(original);
    const QList<QByteArray> after = lines(written);
    QCOMPARE(after.size(), before.size());
    const QStringList owned{QStringLiteral("model ="), QStringLiteral("model_provider ="), QStringLiteral("name ="),
                            QStringLiteral("base_url ="), QStringLiteral("wire_api ="), QStringLiteral("env_key =")};
    for (int i = 0; i < before.size(); ++i)
        if (!mentionsAny(before[i], owned))
            QCOMPARE(after[i], before[i]);
    QCOMPARE(after[0], QByteArray("model = \"openai:gpt-4o\"  # was"));
    QCOMPARE(after[9], QByteArray("wire_api = \"responses\""));
    QCOMPARE(after[10], QByteArray("env_key = \"LIP_API_KEY\""));
    QCOMPARE(readAll(applied.backup), original);
    QCOMPARE(restoreBackup(plan.path, applied.backup, kNow.addSecs(60)), QString());
    QCOMPARE(readAll(plan.path), original);
}

void TestClientConfig::codexHomeRespected()
{
    QTemporaryDir home;
    const QString codexHome = home.path() + QStringLiteral("/codex-home");
    const ClientFilePlan plan = planFor(ClientKind::Codex, home.path(), {{QStringLiteral("CODEX_HOME"), codexHome}});
    QCOMPARE(plan.path, codexHome + QStringLiteral("/config.toml"));
    QCOMPARE(applyPlan(plan).error, QString());
    QVERIFY(QFile::exists(codexHome + QStringLiteral("/config.toml")));
    QVERIFY(!QFile::exists(home.path() + QStringLiteral("/.codex/config.toml")));
}

void TestClientConfig::codexWithoutKeyRemovesEnvKey()
{
    QTemporaryDir home;
    const ClientFilePlan plan = planFor(ClientKind::Codex, home.path(), {}, /*withKey=*/false);
    writeAll(plan.path, "[model_providers.lip]\nenv_key = \"LIP_API_KEY\"\nname = \"x\"\n");
    QCOMPARE(applyPlan(plan).error, QString());
    const QByteArray written = readAll(plan.path);
    QVERIFY(!written.contains("env_key"));
    QCOMPARE(tomlValueAt(written, QStringLiteral("model_providers.lip"), QStringLiteral("base_url")),
             std::optional<QString>(QStringLiteral("http://127.0.0.1:8123/v1")));
}

void TestClientConfig::codexInlineProviderRefused()
{
    QTemporaryDir home;
    const ClientFilePlan plan = planFor(ClientKind::Codex, home.path());
    const QByteArray original = "[model_providers]\nlip = { name = \"x\", base_url = \"y\" }\n";
    writeAll(plan.path, original);
    const Applied applied = applyPlan(plan);
    QVERIFY2(applied.error.contains(QStringLiteral("line 2")), qPrintable(applied.error));
    QCOMPARE(readAll(plan.path), original);
}

void TestClientConfig::geminiMissingFiles()
{
    QTemporaryDir home;
    ClientEnvironment env;
    env.home = home.path();
    const QList<ClientFilePlan> plans = clientFilePlans(ClientKind::GeminiCli, endpoint(false), env);
    QCOMPARE(plans.size(), 2);
    QCOMPARE(plans[0].path, home.path() + QStringLiteral("/.gemini/settings.json"));
    QCOMPARE(plans[1].path, home.path() + QStringLiteral("/.gemini/.env"));
    for (const ClientFilePlan &plan : plans)
        QCOMPARE(applyPlan(plan).error, QString());
    QCOMPARE(readAll(plans[0].path),
             QByteArray("{\n  \"security\": {\n    \"auth\": {\n      \"selectedType\": \"gemini-api-key\"\n    }\n  }\n}\n"));
    QCOMPARE(readAll(plans[1].path), QByteArray("GOOGLE_GEMINI_BASE_URL=http://127.0.0.1:8123\n"
                                                "GEMINI_API_KEY=lip-no-key-needed\nGEMINI_MODEL=openai:gpt-4o\n"));
    // GEMINI_CLI_HOME moves the .gemini folder.
    env.variables.insert(QStringLiteral("GEMINI_CLI_HOME"), home.path() + QStringLiteral("/g"));
    QCOMPARE(clientFilePlans(ClientKind::GeminiCli, endpoint(false), env).value(1).path,
             home.path() + QStringLiteral("/g/.gemini/.env"));
}

void TestClientConfig::geminiExistingFilesOnlyOwnedLinesChange()
{
    QTemporaryDir home;
    const ClientFilePlan settings = planFor(ClientKind::GeminiCli, home.path(), {}, true, 0);
    const ClientFilePlan dotenv = planFor(ClientKind::GeminiCli, home.path(), {}, true, 1);
    const QByteArray settingsOriginal = "{\n  // Gemini allows comments\n  \"theme\": \"GitHub\",\n"
                                        "  \"security\": {\n    \"auth\": {\n      \"selectedType\": \"oauth-personal\"\n    }\n  }\n}\n";
    const QByteArray envOriginal = "# my env\nDEBUG=1\nGEMINI_API_KEY=AIza-real\nexport GOOGLE_GEMINI_BASE_URL=https://x\n";
    writeAll(settings.path, settingsOriginal);
    writeAll(dotenv.path, envOriginal);
    const Applied a1 = applyPlan(settings);
    const Applied a2 = applyPlan(dotenv);
    QCOMPARE(a1.error, QString());
    QCOMPARE(a2.error, QString());
    QByteArray expectedSettings = settingsOriginal;
    expectedSettings.replace("oauth-personal", "gemini-api-key");
    QCOMPARE(readAll(settings.path), expectedSettings);
    QCOMPARE(readAll(dotenv.path), QByteArray("# my env\nDEBUG=1\nGEMINI_API_KEY=proxy-secret-1234\n"
                                              "export GOOGLE_GEMINI_BASE_URL=http://127.0.0.1:8123\n"
                                              "GEMINI_MODEL=openai:gpt-4o\n"));
    QCOMPARE(restoreBackup(settings.path, a1.backup, kNow.addSecs(60)), QString());
    QCOMPARE(restoreBackup(dotenv.path, a2.backup, kNow.addSecs(60)), QString());
    QCOMPARE(readAll(settings.path), settingsOriginal);
    QCOMPARE(readAll(dotenv.path), envOriginal);
}

void TestClientConfig::backupsListedNewestFirst()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("settings.json"));
    writeAll(path, "1");
    QString error;
    const QString first = backupClientFile(path, kNow, &error);
    QCOMPARE(error, QString());
    QCOMPARE(QFileInfo(first).fileName(), QStringLiteral("settings.json.lip-backup-20261202T071500Z"));
    const QString twin = backupClientFile(path, kNow, &error);
    QCOMPARE(QFileInfo(twin).fileName(), QStringLiteral("settings.json.lip-backup-20261202T071500Z-2"));
    const QString later = backupClientFile(path, kNow.addDays(1), &error);
    writeAll(dir.filePath(QStringLiteral("settings.json.lip-backup-garbage")), "x");
    QCOMPARE(listBackups(path), (QStringList{later, twin, first}));
    QCOMPARE(backupTime(first), kNow);
}

void TestClientConfig::restoreGivesBackOriginalBytes()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("config.toml"));
    const QByteArray original("a = 1\r\n\xff\xfe binary-ish \x01\n", 24);
    writeAll(path, original);
    QString backup;
    QCOMPARE(writeClientFile(path, "changed\n", kNow, &backup), QString());
    QCOMPARE(readAll(path), QByteArray("changed\n"));
    QString safety;
    QCOMPARE(restoreBackup(path, backup, kNow.addSecs(5), &safety), QString());
    QCOMPARE(readAll(path), original);
    QCOMPARE(readAll(safety), QByteArray("changed\n")); // the restore itself can be undone
    QVERIFY(!restoreBackup(path, dir.filePath(QStringLiteral("gone")), kNow).isEmpty());
}

void TestClientConfig::masking()
{
    QCOMPARE(maskSecret(QStringLiteral("proxy-secret-1234")), QStringLiteral("\u2022\u2022\u2022\u20221234"));
    QCOMPARE(maskSecret(QStringLiteral("short")), QStringLiteral("\u2022\u2022\u2022\u2022"));
    const QString snippet = clientSnippet(ClientKind::OpenAiSdk, endpoint(false));
    QVERIFY(snippet.contains(QStringLiteral("http://127.0.0.1:8123/v1")));
    QVERIFY(snippet.contains(QStringLiteral("auth is off")));
    QVERIFY(clientSnippet(ClientKind::AnthropicSdk, endpoint(true)).contains(QStringLiteral("base_url=\"http://127.0.0.1:8123\"")));
}

QTEST_GUILESS_MAIN(TestClientConfig)
#include "tst_clientconfig.moc"
