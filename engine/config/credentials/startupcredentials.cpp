// SPDX-License-Identifier: GPL-3.0-or-later
#include "config/credentials/startupcredentials.h"

#include "config/credentials/credentialstore.h"
#include "config/credentials/keychainmerge.h"
#include "core/logging.h"

#include <QCoreApplication>
#include <QEventLoop>
#include <QTimer>

#include <memory>

namespace lip::config::credentials {

bool waitFor(const std::function<void(std::function<void()> finish)> &start, int timeoutMs)
{
    QEventLoop loop;
    auto finished = std::make_shared<bool>(false);
    auto alive = std::make_shared<bool>(true);
    QTimer timer;
    timer.setSingleShot(true);
    QObject::connect(&timer, &QTimer::timeout, &loop, &QEventLoop::quit);
    start([finished, alive, &loop] {
        if (!*alive)
            return; // came after the timeout: the loop is gone
        *finished = true;
        loop.quit();
    });
    if (!*finished) {
        timer.start(timeoutMs);
        loop.exec();
    }
    *alive = false;
    return *finished;
}

void loadKeychainIntoConfig(Config &config, int timeoutMs, CredentialSet *loadedSet)
{
    const QString dataDir = resolveDataDir(config.dataDir);
    const Result<CredentialIndex> index = loadIndex(indexFilePath(dataDir));
    if (!index) {
        config.warnings << QStringLiteral("keychain keys not loaded: ") + index.error().message;
        return;
    }
    if (index->keyCount() == 0)
        return;

    // Not deleted on a timeout: its keychain jobs may still answer; it then goes with the app.
    auto *store = new CredentialStore(dataDir, {}, QCoreApplication::instance());
    // Shared: a late answer after the timeout must not write to this stack frame.
    auto loaded = std::make_shared<CredentialSet>();
    const bool answered = waitFor(
        [&](std::function<void()> finish) {
            store->loadAll([loaded, finish](const CredentialSet &result) {
                *loaded = result;
                finish();
            });
        },
        timeoutMs);
    if (!answered) {
        qCInfo(lcCredentials).noquote() << QStringLiteral("keychain did not answer within %1 s; %2 stored key(s) not loaded")
                                               .arg(timeoutMs / 1000)
                                               .arg(index->keyCount());
        return;
    }
    store->deleteLater();
    const CredentialSet &set = *loaded;
    if (!set.unavailableReason.isEmpty()) {
        qCInfo(lcCredentials).noquote() << QStringLiteral("keychain unavailable (%1); %2 stored key(s) not loaded, "
                                                          "environment and config keys still apply")
                                               .arg(set.unavailableReason)
                                               .arg(index->keyCount());
        return;
    }
    config.warnings << set.warnings;
    mergeKeychainCredentials(config, set);
    if (loadedSet)
        *loadedSet = set;
    qCInfo(lcCredentials).noquote() << QStringLiteral("loaded %1 key(s) from the keychain").arg(set.keyCount());
}

} // namespace lip::config::credentials
