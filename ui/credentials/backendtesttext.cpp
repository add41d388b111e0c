// SPDX-License-Identifier: GPL-3.0-or-later
#include "credentials/backendtesttext.h"

#include "engine.h"

#include <QCoreApplication>

namespace lip::ui::credentials {

QString describeBackendTest(const QString &alias, const BackendTestResult &result)
{
    // The Credentials page's context: these texts are shown there (translations/*.ts).
    if (result.ok)
        return QCoreApplication::translate("lip::ui::CredentialsPage", "Key “%1” works: %2 ms, %n model(s) listed.",
                                           nullptr, result.modelCount)
            .arg(alias)
            .arg(result.latencyMs);
    const QString error = result.error.isEmpty() ? QCoreApplication::translate("lip::ui::CredentialsPage", "no reason given") : result.error.left(400);
    if (result.httpStatus > 0)
        return QCoreApplication::translate("lip::ui::CredentialsPage", "Key “%1” failed: HTTP %2 after %3 ms: %4").arg(alias).arg(result.httpStatus).arg(result.latencyMs).arg(error);
    return QCoreApplication::translate("lip::ui::CredentialsPage", "Key “%1” could not be tested: %2").arg(alias, error);
}

} // namespace lip::ui::credentials
