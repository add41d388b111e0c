// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// "Port in use": who holds it? Another LLM Interactive Proxy answers GET /health with its name
// and pid, so the message can say which process to stop.

#include <QHostAddress>
#include <QString>

namespace lip {

// `error` is HttpServer::listen's message. When the port is in use, the holder is asked
// GET /health (blocking, at most ~1.5 s on loopback) and the message says who it is.
QString explainListenError(const QString &error, const QHostAddress &address, quint16 port);

} // namespace lip
