// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QObject>
#include <QString>

class QLocalServer;

namespace lip::ui {

// One desktop app per user and data dir: two GUIs on the same data dir would fight over the
// port, the usage database and the tray. The first instance listens on a local socket; a later
// launch sends it "show" (the first window comes forward) and exits. Headless runs do not use
// this: several headless proxies on different ports are legitimate.
class SingleInstance : public QObject
{
    Q_OBJECT
public:
    // The socket name for this user and data dir (short and filesystem-safe).
    static QString serverName(const QString &dataDir);

    explicit SingleInstance(const QString &serverName, QObject *parent = nullptr);
    ~SingleInstance() override;

    // True: we are the first and now listen. False: another instance answered; it was sent
    // "show" and has acknowledged it (or did not within `timeoutMs`, in which case the caller
    // still exits: the other instance holds the name).
    bool claim(int timeoutMs = 3000);
    bool isPrimary() const { return m_server != nullptr; }

Q_SIGNALS:
    // Another launch asked us to come forward.
    void showRequested();

private:
    void onNewConnection();

    QString m_name;
    QLocalServer *m_server = nullptr;
};

} // namespace lip::ui
