// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Field-level edits of a JSON settings file that leave every byte we do not own as it was.
// The file is scanned (not re-serialized): the scanner records where each object and member
// lies, and a change is spliced into the original text. Comments (// and /* */) are tolerated
// because Gemini CLI accepts them in settings.json; anything else that is not JSON is refused
// with the line and column, so a half-edited file is never made worse.

#include <QByteArray>
#include <QString>
#include <QStringList>

#include <optional>

namespace lip::ui::clients {

struct JsonPatchResult
{
    QByteArray text;
    QString error; // "line 3, column 7: expected ':'"; empty on success
    bool ok() const { return error.isEmpty(); }
};

// Sets the string member at `path` (e.g. {"env", "ANTHROPIC_BASE_URL"}), creating the objects on
// the way. A member on the path that is not an object is replaced by one. Empty text (a missing
// file) gives a new document. New members follow the indentation and line endings of the file.
JsonPatchResult setJsonString(const QByteArray &text, const QStringList &path, const QString &value);

// The value at `path`: a string member decoded, any other value as its JSON text; nullopt when
// absent or when the text is not valid JSON.
std::optional<QString> jsonValueAt(const QByteArray &text, const QStringList &path);

// Empty when `text` is a JSON object document (comments allowed), else the parse error.
QString checkJsonDocument(const QByteArray &text);

} // namespace lip::ui::clients
