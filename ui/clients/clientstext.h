// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// The translation context of ui/clients (Qt Core code, no QObject): ClientsText::tr("…") is
// what lupdate extracts.

#include <QCoreApplication>

namespace lip::ui::clients {

struct ClientsText
{
    Q_DECLARE_TR_FUNCTIONS(lip::ui::clients)
};

} // namespace lip::ui::clients
