// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Line-based edits of a dotenv file (Gemini CLI's ~/.gemini/.env): set or remove one variable,
// leaving comments and every other line as they were. An `export ` prefix on an existing line
// is kept.

#include <QByteArray>
#include <QString>

#include <optional>

namespace lip::ui::clients {

QByteArray setDotenvValue(const QByteArray &text, const QString &name, const std::optional<QString> &value);
std::optional<QString> dotenvValueAt(const QByteArray &text, const QString &name);

} // namespace lip::ui::clients
