// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Who signed in: the facts an account listing and the connectors need, out of the id_token's
// claims and the token answer (email, plan, ChatGPT account id, Qwen's resource_url, …). The
// id_token's signature is not checked: it came straight from the token endpoint over TLS, and
// nothing here grants access on its strength.

#include "backends/oauth/oauthtypes.h"

#include <QJsonObject>
#include <QString>

namespace lip::oauth {

// The payload of a JWT, empty when it is not one.
QJsonObject jwtClaims(const QString &jwt);

// Fills email/plan/extra of `account` from `tokens` and the token answer `answer`.
void applyIdentity(const QString &provider, const TokenSet &tokens, const QJsonObject &answer, Account *account);

// "<provider>:<email>" when the email is known, else "<provider>:<fallback>".
QString accountIdFor(const QString &provider, const QString &email, const QString &fallback);

} // namespace lip::oauth
