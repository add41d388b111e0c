// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// "Test connection" for one backend: its model listing called with one key, timed. Used by
// EngineClient::testBackend; needs no listener and no ProxyService (works while stopped).

#include "config/config.h"
#include "engine.h"

#include <functional>

class QNetworkAccessManager;

namespace lip {

// Calls `done` exactly once on `nam`'s thread (never synchronously from inside this call).
// The result's error never contains the key that was used.
void probeBackend(QNetworkAccessManager *nam, const config::BackendConfig &backend, int timeoutMs,
                  std::function<void(const BackendTestResult &)> done);

} // namespace lip
