// SPDX-License-Identifier: GPL-3.0-or-later
// The Accounts page: device sign-in shows the code and ends with the account listed; two
// accounts reorder; sign-out removes one; Cancel ends a sign-in; a provider's terms warning must
// be confirmed before import. AccountManager is the real one, against FakeAuthServer.

#include "backends/oauth/accountmanager.h"
#include "credentials/accountlistmodel.h"
#include "credentials/devicecodedialog.h"
#include "fakeauthserver.h"
#include "memorysecretbackend.h"
#include "pages/accountspage.h"

#include <QApplication>
#include <QCheckBox>
#include <QDialogButtonBox>
#include <QLabel>
#include <QMessageBox>
#include <QPushButton>
#include <QSignalSpy>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

using namespace lip;
using lip::test::FakeAuthServer;
using lip::test::MemorySecretBackend;

class TestAccountsPage : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    FakeAuthServer m_auth;
    std::shared_ptr<MemorySecretBackend::State> m_keychain = std::make_shared<MemorySecretBackend::State>();
    std::unique_ptr<oauth::AccountManager> m_manager;
    std::unique_ptr<ui::AccountsPage> m_page;

    QPushButton *button(const char *name) { return m_page->findChild<QPushButton *>(QLatin1String(name)); }

    QStringList listedEmails() const
    {
        QStringList out;
        for (const oauth::Account &a : m_page->accountModel()->accounts())
            out << a.email;
        return out;
    }

    // Device sign-in through the page; returns the sign-in error (empty: success).
    QString deviceSignIn(QString *shownCode = nullptr)
    {
        QSignalSpy ended(m_page.get(), &ui::AccountsPage::signInEnded);
        button("deviceSignInButton")->click();
        if (!QTest::qWaitFor([&] { return m_page->deviceDialog() || !ended.isEmpty(); }, 20000))
            return QStringLiteral("no device code shown");
        if (m_page->deviceDialog()) {
            auto *code = m_page->deviceDialog()->findChild<QLabel *>(QStringLiteral("userCodeLabel"));
            if (shownCode && code)
                *shownCode = code->text();
            auto *countdown = m_page->deviceDialog()->findChild<QLabel *>(QStringLiteral("countdownLabel"));
            if (!countdown || countdown->text().isEmpty())
                return QStringLiteral("no countdown");
        }
        if (ended.isEmpty() && !ended.wait(60000))
            return QStringLiteral("timeout");
        return ended.first().at(1).toString();
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        QVERIFY(m_auth.listen());
        m_auth.setDevicePending(1);
        m_auth.setDeviceSlowDown(false);
        m_auth.setDeviceInterval(1);
        const QHash<QString, QString> env{{QStringLiteral("QWEN_OAUTH_BASE_URL"), m_auth.baseUrl().toString()},
                                          {QStringLiteral("HOME"), m_dir.filePath(QStringLiteral("home"))}};
        m_manager = std::make_unique<oauth::AccountManager>(m_dir.filePath(QStringLiteral("data")), env,
                                                            std::make_unique<MemorySecretBackend>(m_keychain));
        ui::AppContext context;
        context.accounts = m_manager.get();
        m_page = std::make_unique<ui::AccountsPage>(context);
        m_page->resize(900, 560);
        m_page->show();
    }

    void deviceSignInListsTheAccount()
    {
        QVERIFY(m_page->selectProvider(QStringLiteral("qwen")));
        QVERIFY(button("deviceSignInButton")->isEnabled());
        m_auth.setEmail(QStringLiteral("first@example.com"));
        QString code;
        QCOMPARE(deviceSignIn(&code), QString());
        QVERIFY(!code.isEmpty());
        QCOMPARE(listedEmails(), QStringList{"first@example.com"});
        QTRY_VERIFY(!m_page->deviceDialog());
        QVERIFY2(m_page->statusText().contains(QLatin1String("first@example.com")), qPrintable(m_page->statusText()));
        QCOMPARE(m_page->accountModel()->data(m_page->accountModel()->index(0, 2), Qt::DisplayRole).toString(),
                 QStringLiteral("ready"));
        m_page->grab().save(QDir::temp().filePath(QStringLiteral("lip-accounts-page.png")));
    }

    void secondAccountReorders()
    {
        m_auth.setEmail(QStringLiteral("second@example.com"));
        QCOMPARE(deviceSignIn(), QString());
        QCOMPARE(listedEmails(), (QStringList{"first@example.com", "second@example.com"}));
        m_page->accountView()->selectRow(1);
        QSignalSpy done(m_page.get(), &ui::AccountsPage::operationFinished);
        button("upButton")->click();
        QVERIFY(done.wait(10000));
        QCOMPARE(done.first().first().toString(), QString());
        QStringList order;
        for (const oauth::Account &a : m_manager->accounts())
            if (a.provider == QLatin1String("qwen"))
                order << a.email;
        QCOMPARE(order, (QStringList{"second@example.com", "first@example.com"}));
        QCOMPARE(listedEmails(), order);
    }

    void signOutRemoves()
    {
        m_page->accountView()->selectRow(0);
        QSignalSpy done(m_page.get(), &ui::AccountsPage::operationFinished);
        button("signOutButton")->click();
        QMessageBox *box = nullptr;
        QVERIFY(QTest::qWaitFor([&] { return (box = m_page->findChild<QMessageBox *>(QStringLiteral("signOutConfirmation"))); }, 5000));
        box->button(QMessageBox::Yes)->click();
        QVERIFY(done.wait(20000));
        QCOMPARE(done.first().first().toString(), QString());
        QCOMPARE(listedEmails(), QStringList{"first@example.com"});
        for (const oauth::Account &a : m_manager->accounts())
            QVERIFY(a.email != QLatin1String("second@example.com"));
    }

    void cancelEndsSignIn()
    {
        m_auth.setDevicePending(100000);
        QSignalSpy ended(m_page.get(), &ui::AccountsPage::signInEnded);
        button("deviceSignInButton")->click();
        QTRY_VERIFY_WITH_TIMEOUT(m_page->deviceDialog(), 20000);
        QVERIFY(button("cancelButton")->isVisible());
        m_page->deviceDialog()->findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Cancel)->click();
        QVERIFY(ended.wait(20000) || !ended.isEmpty());
        QVERIFY(!ended.first().at(1).toString().isEmpty());
        QVERIFY(!m_page->isSigningIn());
        QCOMPARE(listedEmails(), QStringList{"first@example.com"});
        m_auth.setDevicePending(1);
    }

    void termsWarningNeedsConfirmation()
    {
        QString provider;
        for (const oauth::ProviderInfo &p : m_manager->providers())
            if (!p.termsWarning.isEmpty() && !p.importPath.isEmpty())
                provider = p.id;
        if (provider.isEmpty())
            QSKIP("no provider with a terms warning and an import path");
        QVERIFY(m_page->selectProvider(provider));
        auto *warning = m_page->findChild<QLabel *>(QStringLiteral("termsWarning"));
        auto *confirm = m_page->findChild<QCheckBox *>(QStringLiteral("termsConfirm"));
        QVERIFY(warning->isVisible() && !warning->text().isEmpty());
        QVERIFY(!button("importButton")->isEnabled());
        confirm->setChecked(true);
        QVERIFY(button("importButton")->isEnabled());
        // Import asks again and reads nothing when cancelled.
        button("importButton")->click();
        QMessageBox *box = nullptr;
        QVERIFY(QTest::qWaitFor([&] { return (box = m_page->findChild<QMessageBox *>(QStringLiteral("importConfirmation"))); }, 5000));
        box->button(QMessageBox::Cancel)->click();
        QTest::qWait(0);
        QCOMPARE(m_page->statusText().contains(QLatin1String("Importing")), false);
        // Switching provider resets the confirmation.
        QVERIFY(m_page->selectProvider(QStringLiteral("qwen")));
        QVERIFY(m_page->selectProvider(provider));
        QVERIFY(!confirm->isChecked());
        QVERIFY(!button("importButton")->isEnabled());
    }

    void cleanupTestCase()
    {
        m_page.reset();
        m_manager.reset();
    }
};

QTEST_MAIN(TestAccountsPage)
#include "tst_accountspage.moc"
