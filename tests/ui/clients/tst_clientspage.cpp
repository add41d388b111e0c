// SPDX-License-Identifier: GPL-3.0-or-later
// The Clients page as a user drives it: pick a CLI, Apply (the diff dialog appears and is
// accepted or cancelled), the file is written with a backup; Restore puts the original back.

#include "clients/clientfiles.h"
#include "configcontroller.h"
#include "pages/clientspage.h"

#include <QApplication>
#include <QComboBox>
#include <QDialog>
#include <QFile>
#include <QFileInfo>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPointer>
#include <QPushButton>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <QTreeWidget>

#include <functional>

using namespace lip;
using namespace lip::ui;

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

// Runs `handle` on the next modal widget that opens (the diff dialog, the restore question),
// polling the event loop the dialog runs. Returns whether one was seen.
class ModalWatcher : public QObject
{
public:
    explicit ModalWatcher(std::function<void(QWidget *)> handle) : m_handle(std::move(handle))
    {
        m_timer.setInterval(5);
        connect(&m_timer, &QTimer::timeout, this, [this] {
            QWidget *modal = QApplication::activeModalWidget();
            if (!modal)
                return;
            m_timer.stop();
            m_seen = true;
            m_handle(modal);
        });
        m_timer.start();
    }
    bool seen() const { return m_seen; }

private:
    std::function<void(QWidget *)> m_handle;
    QTimer m_timer;
    bool m_seen = false;
};

clients::ClientEnvironment environmentAt(const QString &home, const QHash<QString, QString> &vars = {})
{
    clients::ClientEnvironment env;
    env.home = home;
    env.variables = vars;
    return env;
}

} // namespace

class TestClientsPage : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void applyShowsDiffThenWritesAndRestoreGivesOriginal();
    void cancelLeavesFileAlone();
    void invalidJsonIsRefusedWithoutDialog();
    void codexHomeAndKeyMasking();
    void everyControlHasAnAccessibleName();
};

void TestClientsPage::applyShowsDiffThenWritesAndRestoreGivesOriginal()
{
    QTemporaryDir home;
    ClientsPage page(AppContext{});
    page.setClientEnvironment(environmentAt(home.path()));
    page.resize(1000, 700);
    page.show();
    QVERIFY(page.selectClient(QStringLiteral("claude-code")));
    page.setModel(QStringLiteral("anthropic:claude-sonnet-4-5"));

    const QString path = home.path() + QStringLiteral("/.claude/settings.json");
    const QByteArray original = "{\n   \"permissions\": {\"allow\": []},\n   \"env\": { \"KEEP\": \"me\" }\n}\n";
    writeAll(path, original);
    page.refresh();

    QString shownDiff;
    QString dialogName;
    ModalWatcher watcher([&](QWidget *modal) {
        dialogName = modal->objectName();
        if (auto *view = modal->findChild<QPlainTextEdit *>(QStringLiteral("diffView")))
            shownDiff = view->toPlainText();
        if (auto *accept = modal->findChild<QPushButton *>(QStringLiteral("diffAccept")))
            accept->click();
    });
    page.applyToFiles();
    QVERIFY(watcher.seen());
    QCOMPARE(dialogName, QStringLiteral("clientsDiffDialog"));
    bool added = false;
    for (const QString &line : shownDiff.split(u'\n'))
        added |= line.startsWith(u'+') && line.contains(QStringLiteral("\"ANTHROPIC_BASE_URL\": \"http://127.0.0.1:8000\""));
    QVERIFY2(added, qPrintable(shownDiff));
    QVERIFY(shownDiff.startsWith(QStringLiteral("--- ")));

    const QByteArray written = readAll(path);
    QVERIFY(written.contains("\"ANTHROPIC_MODEL\": \"anthropic:claude-sonnet-4-5\""));
    QVERIFY(written.contains("\"KEEP\": \"me\""));
    QVERIFY(page.statusText().contains(QStringLiteral("backup")));

    // The table shows what is set now.
    auto *table = page.findChild<QTreeWidget *>(QStringLiteral("clientsSettings"));
    QVERIFY(table);
    QVERIFY(table->topLevelItem(0)->text(0).endsWith(QStringLiteral("settings.json")));
    QCOMPARE(table->topLevelItem(0)->child(0)->text(0).trimmed(), QStringLiteral("env.ANTHROPIC_BASE_URL"));
    QCOMPARE(table->topLevelItem(0)->child(0)->text(1), QStringLiteral("http://127.0.0.1:8000"));

    const QStringList backups = page.listedBackups();
    QCOMPARE(backups.size(), 1);
    QCOMPARE(readAll(backups.first()), original);

    // Restore: the question is answered Yes; the original bytes come back.
    auto *combo = page.findChild<QComboBox *>(QStringLiteral("clientsBackups"));
    combo->setCurrentIndex(0);
    QString question;
    ModalWatcher confirm([&](QWidget *modal) {
        question = modal->objectName();
        auto *box = qobject_cast<QMessageBox *>(modal);
        QVERIFY(box);
        box->button(QMessageBox::Yes)->click();
    });
    page.restoreSelectedBackup();
    QVERIFY(confirm.seen());
    QCOMPARE(question, QStringLiteral("clientsRestoreConfirm"));
    QCOMPARE(readAll(path), original);
    // The replaced file was kept too, so the restore can be undone.
    QCOMPARE(page.listedBackups().size(), 2);
}

void TestClientsPage::cancelLeavesFileAlone()
{
    QTemporaryDir home;
    ClientsPage page(AppContext{});
    page.setClientEnvironment(environmentAt(home.path()));
    page.show();
    QVERIFY(page.selectClient(QStringLiteral("gemini-cli")));
    ModalWatcher watcher([](QWidget *modal) { qobject_cast<QDialog *>(modal)->reject(); });
    page.applyToFiles();
    QVERIFY(watcher.seen());
    QVERIFY(!QFile::exists(home.path() + QStringLiteral("/.gemini/settings.json")));
    QVERIFY(!QFile::exists(home.path() + QStringLiteral("/.gemini/.env")));
    QCOMPARE(page.listedBackups(), QStringList());
}

void TestClientsPage::invalidJsonIsRefusedWithoutDialog()
{
    QTemporaryDir home;
    ClientsPage page(AppContext{});
    page.setClientEnvironment(environmentAt(home.path()));
    page.show();
    QVERIFY(page.selectClient(QStringLiteral("claude-code")));
    const QString path = home.path() + QStringLiteral("/.claude/settings.json");
    const QByteArray broken = "{\n  \"env\": {,\n}\n";
    writeAll(path, broken);
    ModalWatcher watcher([](QWidget *modal) { qobject_cast<QDialog *>(modal)->reject(); });
    page.applyToFiles();
    QVERIFY(!watcher.seen());
    QVERIFY2(page.statusText().contains(QStringLiteral("line 2")), qPrintable(page.statusText()));
    QCOMPARE(readAll(path), broken);
}

void TestClientsPage::codexHomeAndKeyMasking()
{
    QTemporaryDir home;
    QTemporaryDir data;
    const QHash<QString, QString> env{{QStringLiteral("LLM_INTERACTIVE_PROXY_API_KEY"), QStringLiteral("proxy-key-abcd9876")},
                                      {QStringLiteral("OPENAI_API_KEY"), QStringLiteral("sk-test-openai")},
                                      {QStringLiteral("HOME"), home.path()}};
    config::CliOptions cli;
    cli.dataDir = data.path();
    cli.appConfigFile = data.filePath(QStringLiteral("app.yaml"));
    cli.port = 8765;
    ConfigController controller(nullptr, cli, env, {});
    QCOMPARE(controller.config().proxyApiKeys, QStringList{QStringLiteral("proxy-key-abcd9876")});
    AppContext context;
    context.config = &controller;
    ClientsPage page(context);
    const QString codexHome = home.path() + QStringLiteral("/codex");
    page.setClientEnvironment(environmentAt(home.path(), {{QStringLiteral("CODEX_HOME"), codexHome}}));
    page.show();
    QVERIFY(page.selectClient(QStringLiteral("codex")));
    // Copy gives the real key; the page shows it masked.
    QVERIFY(page.snippetText().contains(QStringLiteral("export LIP_API_KEY=proxy-key-abcd9876")));
    auto *snippet = page.findChild<QPlainTextEdit *>(QStringLiteral("clientsSnippet"));
    QVERIFY(!snippet->toPlainText().contains(QStringLiteral("proxy-key-abcd9876")));
    QVERIFY(snippet->toPlainText().contains(QStringLiteral("http://127.0.0.1:8765/v1")));

    ModalWatcher watcher([](QWidget *modal) { modal->findChild<QPushButton *>(QStringLiteral("diffAccept"))->click(); });
    page.applyToFiles();
    QVERIFY(watcher.seen());
    const QByteArray written = readAll(codexHome + QStringLiteral("/config.toml"));
    QVERIFY(written.contains("base_url = \"http://127.0.0.1:8765/v1\""));
    QVERIFY(written.contains("env_key = \"LIP_API_KEY\""));
    QVERIFY(!written.contains("proxy-key-abcd9876")); // Codex reads the key from the variable

    // Claude Code's file does hold the key; the diff dialog shows it masked.
    QVERIFY(page.selectClient(QStringLiteral("claude-code")));
    QString shownDiff;
    ModalWatcher masked([&](QWidget *modal) {
        shownDiff = modal->findChild<QPlainTextEdit *>(QStringLiteral("diffView"))->toPlainText();
        qobject_cast<QDialog *>(modal)->reject();
    });
    page.applyToFiles();
    QVERIFY(masked.seen());
    QVERIFY(shownDiff.contains(QStringLiteral("ANTHROPIC_AUTH_TOKEN")));
    QVERIFY(!shownDiff.contains(QStringLiteral("proxy-key-abcd9876")));
    QVERIFY(shownDiff.contains(QStringLiteral("9876")));
}

void TestClientsPage::everyControlHasAnAccessibleName()
{
    ClientsPage page(AppContext{});
    const auto widgets = page.findChildren<QWidget *>();
    int checked = 0;
    for (QWidget *w : widgets) {
        if (!(qobject_cast<QPushButton *>(w) || qobject_cast<QComboBox *>(w) || qobject_cast<QPlainTextEdit *>(w)
              || qobject_cast<QTreeWidget *>(w)))
            continue;
        if (w->parent() && qobject_cast<QComboBox *>(w->parent()))
            continue; // a combo box's own line edit/view
        ++checked;
        QVERIFY2(!w->accessibleName().isEmpty(), qPrintable(w->objectName()));
    }
    QVERIFY(checked >= 7);
}

QTEST_MAIN(TestClientsPage)
#include "tst_clientspage.moc"
