// SPDX-License-Identifier: GPL-3.0-or-later
#include "dotenvpatch.h"

#include <QList>

namespace lip::ui::clients {

namespace {

QList<QByteArray> splitLines(const QByteArray &text)
{
    QList<QByteArray> lines;
    int pos = 0;
    while (pos < text.size()) {
        const int next = text.indexOf('\n', pos);
        if (next < 0) {
            lines << text.mid(pos);
            break;
        }
        lines << text.mid(pos, next + 1 - pos);
        pos = next + 1;
    }
    return lines;
}

// The length of "[export ]NAME=" when `line` assigns `name`, else -1.
int assignmentPrefix(const QByteArray &line, const QByteArray &name)
{
    int i = 0;
    while (i < line.size() && (line.at(i) == ' ' || line.at(i) == '\t'))
        ++i;
    if (line.mid(i, 7) == "export ") {
        i += 7;
        while (i < line.size() && line.at(i) == ' ')
            ++i;
    }
    if (line.mid(i, name.size()) != name)
        return -1;
    i += name.size();
    while (i < line.size() && line.at(i) == ' ')
        ++i;
    if (i >= line.size() || line.at(i) != '=')
        return -1;
    ++i;
    while (i < line.size() && line.at(i) == ' ')
        ++i;
    return i;
}

QByteArray quoted(const QString &value)
{
    const QByteArray utf8 = value.toUtf8();
    bool plain = !utf8.isEmpty();
    for (const char c : utf8)
        if (c == ' ' || c == '#' || c == '"' || c == '\'' || c == '\\' || c == '$' || static_cast<unsigned char>(c) < 0x20)
            plain = false;
    if (plain)
        return utf8;
    QByteArray out = "\"";
    for (const char c : utf8) {
        if (c == '"' || c == '\\')
            out += '\\';
        if (c == '\n')
            out += "\\n";
        else
            out += c;
    }
    return out + "\"";
}

} // namespace

QByteArray setDotenvValue(const QByteArray &text, const QString &name, const std::optional<QString> &value)
{
    QList<QByteArray> lines = splitLines(text);
    const QByteArray eol = text.contains("\r\n") ? QByteArray("\r\n") : QByteArray("\n");
    const QByteArray key = name.toUtf8();
    int found = -1;
    for (int i = 0; i < lines.size(); ++i)
        if (assignmentPrefix(lines[i], key) >= 0)
            found = i; // the last assignment wins
    if (found >= 0) {
        if (!value) {
            lines.removeAt(found);
        } else {
            const int prefix = assignmentPrefix(lines[found], key);
            QByteArray ending;
            if (lines[found].endsWith("\r\n"))
                ending = "\r\n";
            else if (lines[found].endsWith('\n'))
                ending = "\n";
            lines[found] = lines[found].left(prefix) + quoted(*value) + ending;
        }
    } else if (value) {
        if (!lines.isEmpty() && !lines.last().endsWith('\n'))
            lines.last() += eol;
        lines << key + "=" + quoted(*value) + eol;
    }
    QByteArray out;
    for (const QByteArray &line : std::as_const(lines))
        out += line;
    return out;
}

std::optional<QString> dotenvValueAt(const QByteArray &text, const QString &name)
{
    const QByteArray key = name.toUtf8();
    std::optional<QString> result;
    for (const QByteArray &line : splitLines(text)) {
        const int prefix = assignmentPrefix(line, key);
        if (prefix < 0)
            continue;
        QByteArray raw = line.mid(prefix).trimmed();
        if (raw.size() >= 2 && (raw.startsWith('"') || raw.startsWith('\''))) {
            const char q = raw.at(0);
            const int close = raw.indexOf(q, 1);
            raw = close > 0 ? raw.mid(1, close - 1) : raw.mid(1);
            if (q == '"')
                raw.replace("\\n", "\n").replace("\\\"", "\"").replace("\\\\", "\\");
        } else {
            const int hash = raw.indexOf(" #");
            if (hash >= 0)
                raw = raw.left(hash).trimmed();
        }
        result = QString::fromUtf8(raw);
    }
    return result;
}

} // namespace lip::ui::clients
