// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Line-based edits of a TOML file (Codex's config.toml): set or remove one key at the top level
// or in one table, leaving comments, other keys, other tables and their order untouched. Only
// the line of the key we own changes (its trailing comment is kept); new keys go after the last
// key of their table, a missing table is appended at the end. Values are TOML strings.

#include <QByteArray>
#include <QString>

#include <optional>

namespace lip::ui::clients {

struct TomlPatchResult
{
    QByteArray text;
    QString error; // "line 12: …"; empty on success
    bool ok() const { return error.isEmpty(); }
};

// `table` empty: a top-level key; else a dotted table name ("model_providers.lip").
// `value` nullopt removes the key (nothing happens when it is absent).
TomlPatchResult setTomlString(const QByteArray &text, const QString &table, const QString &key,
                              const std::optional<QString> &value);

// The key's value (a string decoded, anything else as written); nullopt when absent.
std::optional<QString> tomlValueAt(const QByteArray &text, const QString &table, const QString &key);

} // namespace lip::ui::clients
