// SPDX-License-Identifier: GPL-3.0-or-later
#include "config/config.h"

namespace lip::config {

const BackendConfig *Config::backend(const QString &name) const
{
    for (const BackendConfig &b : backends) {
        if (b.name == name)
            return &b;
    }
    return nullptr;
}

QStringList Config::backendNames() const
{
    // Disabled instances stay in `backends` (the GUI shows them) but are not routable.
    QStringList names;
    for (const BackendConfig &b : backends) {
        if (b.enabled)
            names << b.name;
    }
    return names;
}

bool Config::bindsLoopbackOnly() const
{
    if (host.compare(QLatin1String("localhost"), Qt::CaseInsensitive) == 0)
        return true;
    const QHostAddress address(host);
    return !address.isNull() && address.isLoopback();
}

const RouteConfig *Config::route(const QString &name) const
{
    for (const RouteConfig &r : routes) {
        if (r.name == name)
            return &r;
    }
    return nullptr;
}

} // namespace lip::config
