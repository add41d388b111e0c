// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// The index of stored credentials: which backend instances have keys in the keychain, under
// which aliases, in rotation order. The keychain cannot be enumerated, so this file is how the
// store knows what to read. It holds names only, never a secret: <data dir>/credentials.json.
//
//   {"version": 1, "store": "<id>",
//    "instances": [{"name": "openai", "keys": [{"alias": "work", "parts": 1}, …]}, …]}
//
// "store" namespaces the keychain entries of this data dir, so two data dirs (two setups on one
// account) never overwrite each other's keys. "parts" is how many keychain entries the value
// was split into (secretchunks.h).

#include "core/error.h"

#include <QByteArray>
#include <QList>
#include <QString>

#include <vector>

namespace lip::config::credentials {

inline constexpr qint64 kMaxIndexBytes = 1024 * 1024;
inline constexpr int kMaxNameLength = 64;
// Reserved instance name: keys stored under it are the proxy's own client keys
// (Config::proxyApiKeys), not a backend's. The desktop app's Settings page stores "client-key".
inline constexpr char kProxyInstanceName[] = "@proxy";

struct IndexKey
{
    QString alias;
    int parts = 1;
};

struct IndexInstance
{
    QString name;
    QList<IndexKey> keys; // rotation order
};

struct CredentialIndex
{
    QString storeId;
    std::vector<IndexInstance> instances; // in the order they were first stored

    const IndexInstance *instance(const QString &name) const;
    IndexInstance *instance(const QString &name);
    int keyCount() const;
};

// The data dir the proxy uses: `configured` (Config::dataDir) or the platform's app data location.
QString resolveDataDir(const QString &configured);
QString indexFilePath(const QString &dataDir);

// Empty when `name` is usable as an instance name or alias ([A-Za-z0-9][A-Za-z0-9._-]*, at most
// 64 characters: they appear in logs, file names and keychain keys) or is kProxyInstanceName;
// else what is wrong.
QString nameProblem(const QString &name);

// The keychain key of one stored value (part 0): "<store id>/<instance>/<alias>".
QString keychainKey(const QString &storeId, const QString &instance, const QString &alias);

// Parses the index; errors name the file, the line and the JSON path at fault.
Result<CredentialIndex> parseIndex(const QByteArray &json, const QString &fileName);
QByteArray serializeIndex(const CredentialIndex &index);

// A missing file is an empty index (with no store id yet).
Result<CredentialIndex> loadIndex(const QString &path);
// Written atomically (QSaveFile): a crash never leaves half an index. Assigns a store id if the
// index has none. Returns an error message, empty on success.
QString saveIndex(const QString &path, CredentialIndex &index);

} // namespace lip::config::credentials
