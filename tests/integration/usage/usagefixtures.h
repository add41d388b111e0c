// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// What the fake provider answers in each backend dialect, with known usage numbers, and what
// the proxy must account for them (canonical: input includes cached tokens, output includes
// reasoning). Kept apart from the Q_OBJECT test file: Qt 6.4's moc cannot read raw strings.

#include "fakeprovider.h"

#include <QByteArray>

namespace lip::test {

enum class Wire { Chat, Responses, Anthropic, Gemini };

struct ExpectedUsage
{
    qint64 input, output, cacheRead, cacheWrite, reasoning;
};

// The provider's reply in `wire`, streamed or not.
FakeReply usageReply(Wire wire, bool stream);
ExpectedUsage expectedUsage(Wire wire);

// A client request in `wire` for `model` ("backend:model"): method+path and body.
QByteArray clientPath(Wire wire, const QByteArray &model, bool stream);
QByteArray clientBody(Wire wire, const QByteArray &model, bool stream);

} // namespace lip::test
