// SPDX-License-Identifier: GPL-3.0-or-later
#include "credentials/backendtesttext.h"

#include "engine.h"

#include <QCoreApplication>

namespace lip::ui::credentials {

QString describeBackendTest(const QString &alias, const BackendTestResult &result)
{
    auto tr = [](const char *text, int n = -1) {
        return QCoreApplication::translate("lip::ui::CredentialsPage", text, nullptr, n);
    };
    if (result.ok)
        return tr("Key “%1” works: %2 ms, %n model(s) listed.", result.modelCount)
            .arg(alias)
            .arg(result.latencyMs);
    const QString error = result.error.isEmpty() ? tr("no reason given") : result.error.left(400);
    if (result.httpStatus > 0)
        return tr("Key “%1” failed: HTTP %2 after %3 ms: %4").arg(alias).arg(result.httpStatus).arg(result.latencyMs).arg(error);
    return tr("Key “%1” could not be tested: %2").arg(alias, error);
}

} // namespace lip::ui::credentials
