// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// The one line the Credentials page shows after "Test".

#include <QString>

namespace lip {
struct BackendTestResult;
}

namespace lip::ui::credentials {

QString describeBackendTest(const QString &alias, const BackendTestResult &result);

} // namespace lip::ui::credentials
