// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Tells the user where a value shown on a page comes from when it is not the app's own config
// (Config::origins), so an edit that cannot take effect is never a surprise.

#include <QString>

namespace lip::ui {

// `origin` as in Config::origins ("/home/u/config.yaml:12", "env:LLM_BACKEND", "cli", ...),
// `layerPath` the app's own file. Empty when the value is the app's or a default.
QString originNote(const QString &origin, const QString &layerPath);
// True when the origin is a layer that wins over the app's config (environment, command line).
bool originOverridesApp(const QString &origin);
// A loader message about the app's own file without its "<file>:<line>: " prefix (the line of a
// file the user never sees means nothing to them); other messages unchanged.
QString withoutLayerLocation(const QString &message, const QString &layerPath);

} // namespace lip::ui
