// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Driving the Credentials page like a user: its dialogs are opened with open(), so a test finds
// them among the page's children, fills them in and presses their buttons.

#include "credentials/keydialogs.h"
#include "credentials/keylistmodel.h"
#include "pages/credentialspage.h"

#include <QDialogButtonBox>
#include <QDirIterator>
#include <QFile>
#include <QLineEdit>
#include <QMessageBox>
#include <QMimeData>
#include <QPushButton>
#include <QSignalSpy>
#include <QTableView>
#include <QTest>

namespace lip::test {

// Every message the process logs, to prove no key reached a log line.
inline QStringList &capturedLog()
{
    static QStringList lines;
    return lines;
}

inline void captureMessages(QtMsgType, const QMessageLogContext &, const QString &message)
{
    capturedLog() << message;
    fprintf(stderr, "%s\n", qPrintable(message));
}

template<typename T>
T *waitForChild(QWidget *parent, const QString &name)
{
    T *found = nullptr;
    (void)QTest::qWaitFor([&] {
        for (T *c : parent->findChildren<T *>(name))
            if (c->isVisible())
                found = c;
        return found != nullptr;
    }, 10000);
    return found;
}

inline QPushButton *pageButton(ui::CredentialsPage &page, const char *name)
{
    return page.findChild<QPushButton *>(QLatin1String(name));
}

// Clicks `button` and waits for the page's operationFinished; returns its error ("timeout" if none).
inline QString clickAndWait(ui::CredentialsPage &page, QAbstractButton *button)
{
    QSignalSpy finished(&page, &ui::CredentialsPage::operationFinished);
    button->click();
    if (!finished.wait(20000) && finished.isEmpty())
        return QStringLiteral("timeout");
    return finished.first().first().toString();
}

inline bool selectKey(ui::CredentialsPage &page, const QString &alias)
{
    const auto &rows = page.keyModel()->rows();
    for (int r = 0; r < rows.size(); ++r) {
        if (rows.at(r).alias == alias) {
            page.keyView()->selectRow(r);
            return true;
        }
    }
    return false;
}

// Add (fixedAlias empty) or Edit through the dialog. Returns the page's error, empty on success.
inline QString fillKeyDialog(ui::CredentialsPage &page, const char *button, const QString &alias, const QString &secret)
{
    QSignalSpy finished(&page, &ui::CredentialsPage::operationFinished);
    pageButton(page, button)->click();
    auto *dialog = waitForChild<ui::credentials::KeyEditDialog>(&page, QStringLiteral("keyEditDialog"));
    if (!dialog)
        return QStringLiteral("no dialog");
    if (!dialog->aliasEdit()->isReadOnly())
        dialog->aliasEdit()->setText(alias);
    dialog->secretEdit()->setText(secret);
    QPushButton *ok = dialog->buttons()->button(QDialogButtonBox::Ok);
    if (!ok->isEnabled())
        return QStringLiteral("OK disabled");
    ok->click();
    if (!finished.wait(20000) && finished.isEmpty())
        return QStringLiteral("timeout");
    return finished.first().first().toString();
}

inline QString confirmRemove(ui::CredentialsPage &page)
{
    QSignalSpy finished(&page, &ui::CredentialsPage::operationFinished);
    pageButton(page, "removeButton")->click();
    auto *box = waitForChild<QMessageBox>(&page, QStringLiteral("removeConfirmation"));
    if (!box)
        return QStringLiteral("no confirmation");
    box->button(QMessageBox::Yes)->click();
    if (!finished.wait(20000) && finished.isEmpty())
        return QStringLiteral("timeout");
    return finished.first().first().toString();
}

// Files under `dir` containing any of `secrets` (relative paths), for the no-leak checks.
inline QStringList filesContaining(const QString &dir, const QStringList &secrets)
{
    QStringList hits;
    QDirIterator it(dir, QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString path = it.next();
        QFile f(path);
        if (!f.open(QIODevice::ReadOnly))
            continue;
        const QByteArray content = f.readAll();
        for (const QString &s : secrets)
            if (content.contains(s.toUtf8()))
                hits << path;
    }
    return hits;
}

inline QStringList logLinesContaining(const QStringList &secrets)
{
    QStringList hits;
    for (const QString &line : capturedLog())
        for (const QString &s : secrets)
            if (line.contains(s))
                hits << line;
    return hits;
}

} // namespace lip::test
