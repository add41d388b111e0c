// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// How a key is shown when it is not revealed: enough to tell keys apart, never enough to use one.

#include <QString>
#include <QStringView>

namespace lip::ui::credentials {

// "sk-…a1b2": the first 3 and the last 4 characters. Keys shorter than 12 characters show no
// character at all (3 + 4 of a short key would give most of it away).
QString maskSecret(QStringView secret);

} // namespace lip::ui::credentials
