// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Where secret values are kept: the OS keychain (qtkeychainbackend.cpp) in the product, a fake in
// tests. Every call is asynchronous and calls back later, never from inside the call: a locked
// keychain may wait for the user to type a password, and the GUI must not freeze meanwhile.

#include <QByteArray>
#include <QObject>
#include <QString>

#include <functional>
#include <memory>

namespace lip::config::credentials {

struct SecretOutcome
{
    enum class Status {
        Ok,
        NotFound,    // no value under that key
        Unavailable, // no keychain service (e.g. a server without Secret Service)
        Denied,      // the user or the system refused access (locked keychain, prompt dismissed)
        Failed,      // anything else
    };
    Status status = Status::Ok;
    QString message;  // never contains the value
    QByteArray value; // read only

    bool ok() const { return status == Status::Ok; }
};

class SecretBackend : public QObject
{
    Q_OBJECT
public:
    using Callback = std::function<void(const SecretOutcome &)>;
    using QObject::QObject;

    virtual void read(const QString &key, Callback done) = 0;
    virtual void write(const QString &key, const QByteArray &value, Callback done) = 0;
    virtual void remove(const QString &key, Callback done) = 0;
    // One line for users: "Secret Service (D-Bus)", "macOS Keychain", ….
    virtual QString description() const = 0;
};

// The OS keychain through QtKeychain, service name "llm-interactive-proxy" (or `service`: OAuth
// tokens use their own). Without QtKeychain (a build that did not find it) every call answers
// Unavailable.
std::unique_ptr<SecretBackend> makeSystemSecretBackend(QObject *parent = nullptr, const QString &service = {});

} // namespace lip::config::credentials
