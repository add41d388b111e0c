// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Per-provider adjustments of an OpenAI Chat body, for OpenAI-compatible providers that accept
// less than OpenAI does. Keyed by the backend's type (config/backendprofiles.h); a provider
// without quirks gets the body unchanged. See docs/backends/<type>.md for each one.

#include "config/config.h"

#include <QByteArray>

#include <boost/json/object.hpp>

namespace lip::openai_chat {

// Translated path: adjusts the body the connector built.
void applyProviderQuirks(const config::BackendConfig *backend, boost::json::object &body);

// Same-dialect path: adjusts the client's bytes (spliced, everything else kept).
void applyProviderQuirks(const config::BackendConfig *backend, QByteArray &body);

} // namespace lip::openai_chat
