// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// The keys read from the keychain at start-up, ready to merge into a Config. Held in memory
// only, like env/config keys.

#include <QList>
#include <QString>
#include <QStringList>

#include <vector>

namespace lip::config {

struct KeychainKey
{
    QString alias;  // as stored; the config sees it as "keychain:<alias>"
    QString secret;
};

struct KeychainInstance
{
    QString name; // backend instance: "openai", "openai.2", "my-ollama"
    QList<KeychainKey> keys; // rotation order
};

struct CredentialSet
{
    std::vector<KeychainInstance> instances;
    QString unavailableReason; // non-empty: the keychain could not be used; nothing was read
    QStringList warnings;      // entries listed in the index but not readable (never a value)

    int keyCount() const
    {
        int n = 0;
        for (const KeychainInstance &i : instances)
            n += int(i.keys.size());
        return n;
    }
};

} // namespace lip::config
