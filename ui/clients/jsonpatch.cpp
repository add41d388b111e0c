// SPDX-License-Identifier: GPL-3.0-or-later
#include "jsonpatch.h"

#include <QCoreApplication>

#include <vector>

namespace lip::ui::clients {

namespace {

struct Member
{
    QString key;
    int keyStart = 0; // the opening quote
    int keyEnd = 0;   // one past the closing quote
    int valueStart = 0;
    int valueEnd = 0;
    int child = -1; // index of the object node when the value is an object
};

struct ObjectNode
{
    int open = 0;  // '{'
    int close = 0; // '}'
    std::vector<Member> members;
};

// Nesting deeper than this is refused: a hostile file must not exhaust the stack.
constexpr int kMaxDepth = 256;

class Scanner
{
public:
    explicit Scanner(const QByteArray &text) : m_text(text) {}

    // Scans the whole document; the root must be an object.
    bool scanDocument()
    {
        // Editors on Windows may start the file with a UTF-8 byte order mark; it stays as it is.
        if (m_text.startsWith("\xEF\xBB\xBF"))
            m_pos = 3;
        skipSpace();
        if (failed())
            return false;
        if (atEnd() || peek() != '{')
            return fail(QCoreApplication::translate("lip::ui::clients", "expected '{' at the start of the document"));
        if (!scanValue(0))
            return false;
        skipSpace();
        if (failed())
            return false;
        if (!atEnd())
            return fail(QCoreApplication::translate("lip::ui::clients", "unexpected text after the end of the document"));
        return true;
    }

    // `text` is one JSON string literal: its decoded value.
    std::optional<QString> decodeString()
    {
        QString decoded;
        if (atEnd() || peek() != '"' || !scanString(&decoded))
            return std::nullopt;
        return decoded;
    }

    const std::vector<ObjectNode> &nodes() const { return m_nodes; }
    QString error() const { return m_error; }

private:
    bool atEnd() const { return m_pos >= m_text.size(); }
    char peek() const { return m_text.at(m_pos); }
    bool failed() const { return !m_error.isEmpty(); }

    bool fail(const QString &what)
    {
        if (!m_error.isEmpty())
            return false;
        int line = 1;
        int column = 1;
        for (int i = 0; i < m_pos && i < m_text.size(); ++i) {
            if (m_text.at(i) == '\n') {
                ++line;
                column = 1;
            } else {
                ++column;
            }
        }
        m_error = QCoreApplication::translate("lip::ui::clients", "line %1, column %2: %3").arg(line).arg(column).arg(what);
        return false;
    }

    void skipSpace()
    {
        while (!atEnd()) {
            const char c = peek();
            if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
                ++m_pos;
            } else if (c == '/' && m_pos + 1 < m_text.size() && m_text.at(m_pos + 1) == '/') {
                while (!atEnd() && peek() != '\n')
                    ++m_pos;
            } else if (c == '/' && m_pos + 1 < m_text.size() && m_text.at(m_pos + 1) == '*') {
                const int end = m_text.indexOf("*/", m_pos + 2);
                if (end < 0) {
                    fail(QCoreApplication::translate("lip::ui::clients", "unterminated comment"));
                    return;
                }
                m_pos = end + 2;
            } else {
                return;
            }
        }
    }

    bool scanString(QString *decoded)
    {
        // at '"'
        ++m_pos;
        QByteArray bytes;
        while (!atEnd()) {
            const char c = peek();
            if (c == '"') {
                ++m_pos;
                if (decoded)
                    *decoded = QString::fromUtf8(bytes);
                return true;
            }
            if (static_cast<unsigned char>(c) < 0x20)
                return fail(QCoreApplication::translate("lip::ui::clients", "control character in a string"));
            if (c == '\\') {
                if (m_pos + 1 >= m_text.size())
                    break;
                const char e = m_text.at(m_pos + 1);
                m_pos += 2;
                switch (e) {
                case '"': bytes += '"'; break;
                case '\\': bytes += '\\'; break;
                case '/': bytes += '/'; break;
                case 'b': bytes += '\b'; break;
                case 'f': bytes += '\f'; break;
                case 'n': bytes += '\n'; break;
                case 'r': bytes += '\r'; break;
                case 't': bytes += '\t'; break;
                case 'u': {
                    if (m_pos + 4 > m_text.size())
                        return fail(QCoreApplication::translate("lip::ui::clients", "bad \\u escape"));
                    bool ok = false;
                    const uint code = m_text.mid(m_pos, 4).toUInt(&ok, 16);
                    if (!ok)
                        return fail(QCoreApplication::translate("lip::ui::clients", "bad \\u escape"));
                    m_pos += 4;
                    // Surrogate pairs are kept as two UTF-16 units; QString joins them.
                    bytes += QString(QChar(char16_t(code))).toUtf8();
                    break;
                }
                default:
                    --m_pos;
                    return fail(QCoreApplication::translate("lip::ui::clients", "bad escape in a string"));
                }
                continue;
            }
            bytes += c;
            ++m_pos;
        }
        return fail(QCoreApplication::translate("lip::ui::clients", "unterminated string"));
    }

    bool scanLiteral()
    {
        const int start = m_pos;
        while (!atEnd()) {
            const char c = peek();
            if ((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '-' || c == '+'
                || c == '.')
                ++m_pos;
            else
                break;
        }
        const QByteArray word = m_text.mid(start, m_pos - start);
        if (word == "true" || word == "false" || word == "null")
            return true;
        bool ok = false;
        word.toDouble(&ok);
        if (ok && !word.isEmpty() && (word.at(0) == '-' || (word.at(0) >= '0' && word.at(0) <= '9')))
            return true;
        m_pos = start;
        return fail(QCoreApplication::translate("lip::ui::clients", "unexpected character"));
    }

    // Returns false on error. Records object nodes; `*objectIndex` gets the node of an object.
    bool scanValue(int depth, int *objectIndex = nullptr)
    {
        if (depth > kMaxDepth)
            return fail(QCoreApplication::translate("lip::ui::clients", "nested too deeply"));
        skipSpace();
        if (failed())
            return false;
        if (atEnd())
            return fail(QCoreApplication::translate("lip::ui::clients", "unexpected end of the document"));
        const char c = peek();
        if (c == '"')
            return scanString(nullptr);
        if (c == '[') {
            ++m_pos;
            skipSpace();
            if (!atEnd() && peek() == ']') {
                ++m_pos;
                return true;
            }
            for (;;) {
                if (!scanValue(depth + 1))
                    return false;
                skipSpace();
                if (atEnd())
                    return fail(QCoreApplication::translate("lip::ui::clients", "unterminated array"));
                if (peek() == ',') {
                    ++m_pos;
                    skipSpace();
                    if (!atEnd() && peek() == ']')
                        return fail(QCoreApplication::translate("lip::ui::clients", "trailing comma"));
                    continue;
                }
                if (peek() == ']') {
                    ++m_pos;
                    return true;
                }
                return fail(QCoreApplication::translate("lip::ui::clients", "expected ',' or ']'"));
            }
        }
        if (c == '{') {
            const int index = int(m_nodes.size());
            m_nodes.push_back(ObjectNode{});
            m_nodes[index].open = m_pos;
            if (objectIndex)
                *objectIndex = index;
            ++m_pos;
            skipSpace();
            if (failed())
                return false;
            if (!atEnd() && peek() == '}') {
                m_nodes[index].close = m_pos++;
                return true;
            }
            for (;;) {
                skipSpace();
                if (failed())
                    return false;
                if (atEnd() || peek() != '"')
                    return fail(QCoreApplication::translate("lip::ui::clients", "expected a member name in quotes"));
                Member member;
                member.keyStart = m_pos;
                if (!scanString(&member.key))
                    return false;
                member.keyEnd = m_pos;
                skipSpace();
                if (failed())
                    return false;
                if (atEnd() || peek() != ':')
                    return fail(QCoreApplication::translate("lip::ui::clients", "expected ':'"));
                ++m_pos;
                skipSpace();
                if (failed())
                    return false;
                member.valueStart = m_pos;
                int child = -1;
                if (!scanValue(depth + 1, &child))
                    return false;
                member.valueEnd = m_pos;
                member.child = child;
                m_nodes[index].members.push_back(member);
                skipSpace();
                if (failed())
                    return false;
                if (atEnd())
                    return fail(QCoreApplication::translate("lip::ui::clients", "unterminated object"));
                if (peek() == ',') {
                    ++m_pos;
                    skipSpace();
                    if (!atEnd() && peek() == '}')
                        return fail(QCoreApplication::translate("lip::ui::clients", "trailing comma"));
                    continue;
                }
                if (peek() == '}') {
                    m_nodes[index].close = m_pos++;
                    return true;
                }
                return fail(QCoreApplication::translate("lip::ui::clients", "expected ',' or '}'"));
            }
        }
        return scanLiteral();
    }

    const QByteArray &m_text;
    int m_pos = 0;
    QString m_error;
    std::vector<ObjectNode> m_nodes;
};

QByteArray quoteJson(const QString &value)
{
    QByteArray out;
    out += '"';
    const QByteArray utf8 = value.toUtf8();
    for (const char c : utf8) {
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
    out += '"';
    return out;
}

// The whitespace that starts the line holding `pos`.
QByteArray lineIndent(const QByteArray &text, int pos)
{
    int start = pos;
    while (start > 0 && text.at(start - 1) != '\n')
        --start;
    int end = start;
    while (end < text.size() && (text.at(end) == ' ' || text.at(end) == '\t'))
        ++end;
    return text.mid(start, end - start);
}

// True when only spaces and tabs lie between the start of the line and `pos`.
bool startsLine(const QByteArray &text, int pos)
{
    for (int i = pos - 1; i >= 0; --i) {
        if (text.at(i) == '\n')
            return true;
        if (text.at(i) != ' ' && text.at(i) != '\t')
            return false;
    }
    return true;
}

// The file's indentation step: the indent of the first indented line, else two spaces.
QByteArray indentUnit(const QByteArray &text)
{
    int pos = 0;
    while (pos < text.size()) {
        const int next = text.indexOf('\n', pos);
        if (next < 0)
            break;
        pos = next + 1;
        int end = pos;
        while (end < text.size() && (text.at(end) == ' ' || text.at(end) == '\t'))
            ++end;
        if (end > pos && end < text.size() && text.at(end) != '\n' && text.at(end) != '\r')
            return text.mid(pos, end - pos);
    }
    return "  ";
}

struct Style
{
    QByteArray eol = "\n";
    QByteArray unit = "  ";
    QByteArray separator = ": ";
};

Style detectStyle(const QByteArray &text, const std::vector<ObjectNode> &nodes)
{
    Style style;
    if (text.contains("\r\n"))
        style.eol = "\r\n";
    style.unit = indentUnit(text);
    for (const ObjectNode &node : nodes) {
        if (!node.members.empty()) {
            const Member &m = node.members.front();
            const QByteArray between = text.mid(m.keyEnd, m.valueStart - m.keyEnd);
            if (!between.contains('\n') && !between.contains('/'))
                style.separator = between;
            break;
        }
    }
    return style;
}

// `{ "rest[0]": { ... "last": value } }` laid out one member per line below `indent`.
QByteArray nestedValue(const QStringList &rest, const QString &value, const QByteArray &indent, const Style &style)
{
    if (rest.isEmpty())
        return quoteJson(value);
    const QByteArray inner = indent + style.unit;
    return QByteArray("{") + style.eol + inner + quoteJson(rest.first()) + style.separator
        + nestedValue(rest.mid(1), value, inner, style) + style.eol + indent + "}";
}

QByteArray insertMember(const QByteArray &text, const ObjectNode &node, const QString &key, const QStringList &rest,
                        const QString &value, const Style &style)
{
    QByteArray result = text;
    if (node.members.empty()) {
        const QByteArray closeIndent = lineIndent(text, node.open);
        const QByteArray memberIndent = closeIndent + style.unit;
        const QByteArray member = quoteJson(key) + style.separator + nestedValue(rest, value, memberIndent, style);
        const QByteArray interior = text.mid(node.open + 1, node.close - node.open - 1);
        if (interior.trimmed().isEmpty())
            result.replace(node.open + 1, interior.size(), QByteArray(style.eol + memberIndent + member + style.eol + closeIndent));
        else // a comment inside: keep it, add our member before it
            result.insert(node.open + 1, QByteArray(style.eol + memberIndent + member));
        return result;
    }
    const Member &last = node.members.back();
    if (startsLine(text, last.keyStart)) {
        const QByteArray memberIndent = lineIndent(text, last.keyStart);
        const QByteArray member = quoteJson(key) + style.separator + nestedValue(rest, value, memberIndent, style);
        result.insert(last.valueEnd, QByteArray(QByteArray(",") + style.eol + memberIndent + member));
    } else {
        // An object written on one line stays on one line.
        const QByteArray member = quoteJson(key) + style.separator + nestedValue(rest, value, QByteArray(), Style{" ", "", style.separator});
        result.insert(last.valueEnd, QByteArray(QByteArray(", ") + member));
    }
    return result;
}

const Member *findMember(const ObjectNode &node, const QString &key)
{
    // The last of duplicate names wins, as in most JSON readers.
    for (auto it = node.members.rbegin(); it != node.members.rend(); ++it)
        if (it->key == key)
            return &*it;
    return nullptr;
}

} // namespace

QString checkJsonDocument(const QByteArray &text)
{
    Scanner scanner(text);
    scanner.scanDocument();
    return scanner.error();
}

JsonPatchResult setJsonString(const QByteArray &original, const QStringList &path, const QString &value)
{
    JsonPatchResult result;
    if (path.isEmpty()) {
        result.error = QCoreApplication::translate("lip::ui::clients", "empty setting path");
        return result;
    }
    QByteArray text = original;
    if (text.trimmed().isEmpty())
        text = QByteArray("{}") + (text.contains("\r\n") ? "\r\n" : "\n");
    Scanner scanner(text);
    if (!scanner.scanDocument()) {
        result.error = scanner.error();
        return result;
    }
    const std::vector<ObjectNode> &nodes = scanner.nodes();
    const Style style = detectStyle(text, nodes);
    int current = 0;
    for (int i = 0; i < path.size(); ++i) {
        const ObjectNode &node = nodes[current];
        const Member *member = findMember(node, path.at(i));
        const QStringList rest = path.mid(i + 1);
        if (!member) {
            result.text = insertMember(text, node, path.at(i), rest, value, style);
            return result;
        }
        if (rest.isEmpty() || member->child < 0) {
            QByteArray replacement = rest.isEmpty() ? quoteJson(value)
                                                    : nestedValue(rest, value, lineIndent(text, member->keyStart), style);
            result.text = text;
            result.text.replace(member->valueStart, member->valueEnd - member->valueStart, replacement);
            return result;
        }
        current = member->child;
    }
    result.text = text;
    return result;
}

std::optional<QString> jsonValueAt(const QByteArray &text, const QStringList &path)
{
    if (path.isEmpty() || text.trimmed().isEmpty())
        return std::nullopt;
    Scanner scanner(text);
    if (!scanner.scanDocument())
        return std::nullopt;
    const std::vector<ObjectNode> &nodes = scanner.nodes();
    int current = 0;
    for (int i = 0; i < path.size(); ++i) {
        const Member *member = findMember(nodes[current], path.at(i));
        if (!member)
            return std::nullopt;
        if (i + 1 == path.size()) {
            const QByteArray raw = text.mid(member->valueStart, member->valueEnd - member->valueStart);
            if (raw.startsWith('"')) {
                Scanner strings(raw);
                if (const auto decoded = strings.decodeString())
                    return decoded;
            }
            return QString::fromUtf8(raw);
        }
        if (member->child < 0)
            return std::nullopt;
        current = member->child;
    }
    return std::nullopt;
}

} // namespace lip::ui::clients
