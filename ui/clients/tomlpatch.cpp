// SPDX-License-Identifier: GPL-3.0-or-later
#include "tomlpatch.h"

#include "clientstext.h"

#include <QCoreApplication>
#include <QStringList>

#include <vector>

namespace lip::ui::clients {

namespace {


// One logical entry of the file: a table header, a key = value (possibly spanning several
// physical lines: multi-line strings and arrays), or a blank/comment line.
struct Entry
{
    enum Kind { Other, Header, KeyValue } kind = Other;
    int firstLine = 0;
    int lastLine = 0;
    QString name; // header: normalized table name; key: normalized (dotted) key
};

// Splits a dotted key ("a . \"b.c\" . d") into its parts; quotes removed.
QStringList splitDotted(const QString &raw)
{
    QStringList parts;
    QString current;
    QChar quote;
    for (const QChar c : raw) {
        if (!quote.isNull()) {
            if (c == quote)
                quote = QChar();
            else
                current += c;
        } else if (c == u'"' || c == u'\'') {
            quote = c;
        } else if (c == u'.') {
            parts << current.trimmed();
            current.clear();
        } else {
            current += c;
        }
    }
    parts << current.trimmed();
    return parts;
}

// Where the key part of `line` ends ('=' outside quotes), -1 if the line has none.
int equalsPosition(const QByteArray &line)
{
    char quote = 0;
    for (int i = 0; i < line.size(); ++i) {
        const char c = line.at(i);
        if (quote) {
            if (c == quote)
                quote = 0;
        } else if (c == '"' || c == '\'') {
            quote = c;
        } else if (c == '#') {
            return -1;
        } else if (c == '=') {
            return i;
        }
    }
    return -1;
}

// The end of the value that starts at `start` on `line` (one past it), or -1 when the value
// continues on the next lines. Brackets are balanced outside strings.
int valueEnd(const QByteArray &line, int start, int *depthOut, QByteArray *openMultiline)
{
    int depth = 0;
    int i = start;
    if (line.mid(i, 3) == "\"\"\"" || line.mid(i, 3) == "'''") {
        const QByteArray delimiter = line.mid(i, 3);
        const int close = line.indexOf(delimiter, i + 3);
        if (close < 0) {
            *openMultiline = delimiter;
            return -1;
        }
        return close + 3;
    }
    while (i < line.size()) {
        const char c = line.at(i);
        if (c == '"' || c == '\'') {
            int j = i + 1;
            while (j < line.size() && line.at(j) != c) {
                if (c == '"' && line.at(j) == '\\')
                    ++j;
                ++j;
            }
            i = j + 1;
            if (depth == 0)
                return qMin(i, int(line.size()));
            continue;
        }
        if (c == '[' || c == '{') {
            ++depth;
        } else if (c == ']' || c == '}') {
            --depth;
            if (depth == 0)
                return i + 1;
        } else if (depth == 0 && (c == '#' || c == '\n' || c == '\r')) {
            break;
        }
        ++i;
    }
    if (depth > 0) {
        *depthOut = depth;
        return -1;
    }
    // A bare value: up to a comment or the end of the line, trailing space excluded.
    int end = i;
    while (end > start && (line.at(end - 1) == ' ' || line.at(end - 1) == '\t'))
        --end;
    return end;
}

// Bracket depth change of a continuation line (strings skipped).
int depthChange(const QByteArray &line)
{
    int depth = 0;
    char quote = 0;
    for (int i = 0; i < line.size(); ++i) {
        const char c = line.at(i);
        if (quote) {
            if (c == '\\' && quote == '"')
                ++i;
            else if (c == quote)
                quote = 0;
        } else if (c == '"' || c == '\'') {
            quote = c;
        } else if (c == '#') {
            break;
        } else if (c == '[' || c == '{') {
            ++depth;
        } else if (c == ']' || c == '}') {
            --depth;
        }
    }
    return depth;
}

std::vector<QByteArray> splitLines(const QByteArray &text)
{
    std::vector<QByteArray> lines;
    int pos = 0;
    while (pos < text.size()) {
        const int next = text.indexOf('\n', pos);
        if (next < 0) {
            lines.push_back(text.mid(pos));
            break;
        }
        lines.push_back(text.mid(pos, next + 1 - pos));
        pos = next + 1;
    }
    return lines;
}

bool isHeader(const QByteArray &trimmed, QString *name)
{
    if (!trimmed.startsWith('['))
        return false;
    const bool arrayTable = trimmed.startsWith("[[");
    QByteArray body = trimmed;
    const int hash = body.indexOf('#');
    // A '#' inside a quoted table name is rare enough to ignore here.
    if (hash >= 0)
        body = body.left(hash).trimmed();
    const QByteArray close = arrayTable ? "]]" : "]";
    if (!body.endsWith(close))
        return false;
    body = body.mid(close.size(), body.size() - 2 * close.size());
    for (const char c : body)
        if (c == ',' || c == '=')
            return false;
    *name = splitDotted(QString::fromUtf8(body)).join(u'.');
    return true;
}

struct Scan
{
    std::vector<Entry> entries;
    QString error;
};

Scan scan(const std::vector<QByteArray> &lines)
{
    Scan result;
    int i = 0;
    const int count = int(lines.size());
    while (i < count) {
        Entry entry;
        entry.firstLine = entry.lastLine = i;
        const QByteArray trimmed = lines[i].trimmed();
        QString header;
        if (trimmed.isEmpty() || trimmed.startsWith('#')) {
            entry.kind = Entry::Other;
        } else if (isHeader(trimmed, &header)) {
            entry.kind = Entry::Header;
            entry.name = header;
        } else {
            const int eq = equalsPosition(lines[i]);
            if (eq < 0) {
                entry.kind = Entry::Other; // not TOML we understand; left alone
            } else {
                entry.kind = Entry::KeyValue;
                entry.name = splitDotted(QString::fromUtf8(lines[i].left(eq))).join(u'.');
                int start = eq + 1;
                while (start < lines[i].size() && (lines[i].at(start) == ' ' || lines[i].at(start) == '\t'))
                    ++start;
                int depth = 0;
                QByteArray multiline;
                if (valueEnd(lines[i], start, &depth, &multiline) < 0) {
                    int j = i + 1;
                    while (j < count) {
                        if (!multiline.isEmpty()) {
                            if (lines[j].contains(multiline))
                                break;
                        } else {
                            depth += depthChange(lines[j]);
                            if (depth <= 0)
                                break;
                        }
                        ++j;
                    }
                    if (j >= count) {
                        result.error = ClientsText::tr("line %1: the value of \"%2\" is not closed").arg(i + 1).arg(entry.name);
                        return result;
                    }
                    entry.lastLine = j;
                }
            }
        }
        result.entries.push_back(entry);
        i = entry.lastLine + 1;
    }
    return result;
}

QByteArray quoteToml(const QString &value)
{
    QByteArray out = "\"";
    for (const char c : value.toUtf8()) {
        switch (c) {
        case '"': out += "\\\""; break;
        case '\\': out += "\\\\"; break;
        case '\n': out += "\\n"; break;
        case '\r': out += "\\r"; break;
        case '\t': out += "\\t"; break;
        default:
            if (static_cast<unsigned char>(c) < 0x20)
                out += QByteArray("\\u00") + QByteArray::number(static_cast<unsigned char>(c), 16).rightJustified(2, '0');
            else
                out += c;
        }
    }
    return out + "\"";
}

QString decodeTomlValue(const QByteArray &raw)
{
    if (raw.size() >= 2 && raw.startsWith('\'') && raw.endsWith('\''))
        return QString::fromUtf8(raw.mid(1, raw.size() - 2));
    if (raw.size() >= 2 && raw.startsWith('"') && raw.endsWith('"')) {
        QString out;
        const QString body = QString::fromUtf8(raw.mid(1, raw.size() - 2));
        for (int i = 0; i < body.size(); ++i) {
            if (body.at(i) == u'\\' && i + 1 < body.size()) {
                const QChar e = body.at(++i);
                out += e == u'n' ? QChar(u'\n') : e == u't' ? QChar(u'\t') : e == u'r' ? QChar(u'\r') : e;
            } else {
                out += body.at(i);
            }
        }
        return out;
    }
    return QString::fromUtf8(raw);
}

// The region of a table: the entries after its header up to the next header. Top level: from
// the start. Returns false when the table does not exist.
bool tableRange(const std::vector<Entry> &entries, const QString &table, int *first, int *last)
{
    int begin = -1;
    if (table.isEmpty()) {
        begin = 0;
    } else {
        for (int e = 0; e < int(entries.size()); ++e)
            if (entries[e].kind == Entry::Header && entries[e].name == table) {
                begin = e + 1;
                break;
            }
    }
    if (begin < 0)
        return false;
    int end = begin;
    while (end < int(entries.size()) && entries[end].kind != Entry::Header)
        ++end;
    *first = begin;
    *last = end; // one past
    return true;
}

QByteArray eolOf(const QByteArray &text)
{
    return text.contains("\r\n") ? QByteArray("\r\n") : QByteArray("\n");
}

} // namespace

std::optional<QString> tomlValueAt(const QByteArray &text, const QString &table, const QString &key)
{
    const std::vector<QByteArray> lines = splitLines(text);
    const Scan s = scan(lines);
    if (!s.error.isEmpty())
        return std::nullopt;
    int first = 0;
    int last = 0;
    if (!tableRange(s.entries, table, &first, &last))
        return std::nullopt;
    for (int e = last - 1; e >= first; --e) {
        const Entry &entry = s.entries[e];
        if (entry.kind != Entry::KeyValue || entry.name != key)
            continue;
        const QByteArray &line = lines[entry.firstLine];
        int start = equalsPosition(line) + 1;
        while (start < line.size() && (line.at(start) == ' ' || line.at(start) == '\t'))
            ++start;
        int depth = 0;
        QByteArray multiline;
        const int end = valueEnd(line, start, &depth, &multiline);
        if (end < 0)
            return QString::fromUtf8(line.mid(start).trimmed()); // multi-line: shown as its first line
        return decodeTomlValue(line.mid(start, end - start));
    }
    return std::nullopt;
}

TomlPatchResult setTomlString(const QByteArray &text, const QString &table, const QString &key,
                              const std::optional<QString> &value)
{
    TomlPatchResult result;
    std::vector<QByteArray> lines = splitLines(text);
    const Scan s = scan(lines);
    if (!s.error.isEmpty()) {
        result.error = s.error;
        return result;
    }
    const QByteArray eol = eolOf(text);

    // A table we own written another way (inline or dotted keys) cannot be edited line by line.
    if (!table.isEmpty()) {
        const QStringList parts = table.split(u'.');
        int first = 0;
        int last = 0;
        const QString parent = parts.mid(0, parts.size() - 1).join(u'.');
        const QString leaf = parts.last();
        const bool parentExists = parts.size() > 1 && tableRange(s.entries, parent, &first, &last);
        if (parentExists) {
            for (int e = first; e < last; ++e)
                if (s.entries[e].kind == Entry::KeyValue
                    && (s.entries[e].name == leaf || s.entries[e].name.startsWith(leaf + u'.'))) {
                    result.error = ClientsText::tr("line %1: [%2] is written as a key of [%3]; edit it by hand or remove it")
                                       .arg(s.entries[e].firstLine + 1)
                                       .arg(table, parent);
                    return result;
                }
        }
        tableRange(s.entries, QString(), &first, &last);
        for (int e = first; e < last; ++e) {
            const QString &name = s.entries[e].name;
            if (s.entries[e].kind == Entry::KeyValue && (table == name || table.startsWith(name + u'.')
                                                         || name.startsWith(table + u'.'))) {
                result.error = ClientsText::tr("line %1: [%2] is set with the top-level key \"%3\"; edit it by hand or remove it")
                                   .arg(s.entries[e].firstLine + 1)
                                   .arg(table, name);
                return result;
            }
        }
    }

    int first = 0;
    int last = 0;
    const bool tableExists = tableRange(s.entries, table, &first, &last);
    int found = -1;
    int lastKey = -1;
    if (tableExists) {
        for (int e = first; e < last; ++e) {
            if (s.entries[e].kind != Entry::KeyValue)
                continue;
            lastKey = e;
            if (s.entries[e].name == key)
                found = e;
        }
    }

    const auto join = [&lines] {
        QByteArray out;
        for (const QByteArray &line : lines)
            out += line;
        return out;
    };

    if (found >= 0) {
        const Entry &entry = s.entries[found];
        if (!value) {
            lines.erase(lines.begin() + entry.firstLine, lines.begin() + entry.lastLine + 1);
            result.text = join();
            return result;
        }
        const QByteArray &line = lines[entry.firstLine];
        int start = equalsPosition(line) + 1;
        while (start < line.size() && (line.at(start) == ' ' || line.at(start) == '\t'))
            ++start;
        int depth = 0;
        QByteArray multiline;
        const int end = valueEnd(line, start, &depth, &multiline);
        if (end < 0) {
            // A multi-line value of a key we own: replace all its lines by one.
            QByteArray ending = lines[entry.lastLine].endsWith('\n') ? eol : QByteArray();
            QByteArray replaced = line.left(start) + quoteToml(*value) + ending;
            lines.erase(lines.begin() + entry.firstLine + 1, lines.begin() + entry.lastLine + 1);
            lines[entry.firstLine] = replaced;
        } else {
            QByteArray replaced = line;
            replaced.replace(start, end - start, quoteToml(*value));
            lines[entry.firstLine] = replaced;
        }
        result.text = join();
        return result;
    }
    if (!value) {
        result.text = text;
        return result;
    }

    const QByteArray newLine = key.toUtf8() + " = " + quoteToml(*value) + eol;
    // A last line without a newline gets one before anything is added after it.
    const auto terminateLine = [&lines, &eol](int index) {
        if (index >= 0 && index < int(lines.size()) && !lines[index].endsWith('\n'))
            lines[index] += eol;
    };

    if (tableExists) {
        int insertAt = 0;
        if (lastKey >= 0) {
            insertAt = s.entries[lastKey].lastLine + 1;
        } else if (!table.isEmpty()) {
            insertAt = s.entries[first - 1].firstLine + 1; // right after the header
        } else {
            // No top-level key yet: after a leading comment block that ends with a blank line,
            // else at the very top.
            int i = 0;
            while (i < int(lines.size()) && lines[i].trimmed().startsWith('#'))
                ++i;
            insertAt = (i > 0 && i < int(lines.size()) && lines[i].trimmed().isEmpty()) ? i + 1 : 0;
        }
        terminateLine(insertAt - 1);
        QByteArray inserted = newLine;
        // Keep a top-level key visibly apart from a table header that follows it.
        if (table.isEmpty() && lastKey < 0 && insertAt < int(lines.size())
            && lines[insertAt].trimmed().startsWith('['))
            inserted += eol;
        lines.insert(lines.begin() + insertAt, inserted);
        result.text = join();
        return result;
    }

    // A new table at the end of the file.
    terminateLine(int(lines.size()) - 1);
    if (!lines.empty() && !lines.back().trimmed().isEmpty())
        lines.push_back(eol);
    lines.push_back(QByteArray("[") + table.toUtf8() + "]" + eol);
    lines.push_back(newLine);
    result.text = join();
    return result;
}

} // namespace lip::ui::clients
