// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// What every subscription (OAuth) connector does with the account's token: the wrapped dialect
// connector builds the request without any key, then the account's bearer token and the
// provider's own headers are set here. The token never appears in an error message.

#include "backends/connector.h"

#include <QJsonObject>

namespace lip::oauthwire {

// The context for the wrapped connector: no key (the token goes in Authorization afterwards).
BackendContext withoutKey(const BackendContext &context);
// An Internal error when the call has no grant (ProxyCall acquires one before every attempt).
std::optional<Error> requireGrant(const BackendContext &context);
// The grant's account facts (Account::extra), empty without a grant.
QJsonObject grantExtra(const BackendContext &context);
QString grantExtraString(const BackendContext &context, const char *key);

// Replace (case-insensitive) or append.
void setHeader(HeaderList &headers, const QByteArray &name, const QByteArray &value);
void removeHeader(HeaderList &headers, QByteArrayView name);
// Authorization: Bearer <access token>, replacing any key header the wrapped connector set.
void setBearer(upstream::UpstreamRequest &request, const BackendContext &context);

} // namespace lip::oauthwire
