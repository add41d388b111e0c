// SPDX-License-Identifier: GPL-3.0-or-later
#include "session/commandline.h"

#include <QByteArray>

namespace lip::session {

namespace {

bool isBlank(std::string_view line)
{
    for (char c : line) {
        if (c != ' ' && c != '\t' && c != '\r' && c != '\f' && c != '\v')
            return false;
    }
    return true;
}

std::string_view trim(std::string_view s)
{
    auto ws = [](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v'; };
    while (!s.empty() && ws(s.front()))
        s.remove_prefix(1);
    while (!s.empty() && ws(s.back()))
        s.remove_suffix(1);
    return s;
}

bool isFenceLine(std::string_view line)
{
    line = trim(line);
    return line.substr(0, 3) == "```" || line.substr(0, 3) == "~~~";
}

bool isNameChar(char c, bool first)
{
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'))
        return true;
    if (first)
        return false;
    return (c >= '0' && c <= '9') || c == '-' || c == '_';
}

} // namespace

std::optional<CommandMatch> findCommand(std::string_view text, std::string_view prefix)
{
    if (prefix.empty() || text.size() < prefix.size())
        return std::nullopt;
    // Last non-blank line.
    size_t end = text.size();
    size_t lineBegin = 0;
    size_t lineEnd = 0;
    bool found = false;
    while (end > 0) {
        const size_t nl = text.rfind('\n', end - 1);
        const size_t begin = nl == std::string_view::npos ? 0 : nl + 1;
        const std::string_view line = text.substr(begin, end - begin);
        if (!isBlank(line)) {
            lineBegin = begin;
            lineEnd = end;
            found = true;
            break;
        }
        if (nl == std::string_view::npos)
            break;
        end = nl;
    }
    if (!found || lineEnd - lineBegin > kMaxCommandLineBytes)
        return std::nullopt;
    std::string_view line = text.substr(lineBegin, lineEnd - lineBegin);
    if (!line.empty() && line.back() == '\r')
        line.remove_suffix(1);
    // Indented code block (Markdown): a tab or four spaces.
    if (!line.empty() && line.front() == '\t')
        return std::nullopt;
    if (line.substr(0, 4) == "    ")
        return std::nullopt;
    line = trim(line);
    if (line.substr(0, prefix.size()) != prefix)
        return std::nullopt;
    // Inside an unclosed fence?
    {
        bool inFence = false;
        size_t pos = 0;
        while (pos < lineBegin) {
            size_t nl = text.find('\n', pos);
            if (nl == std::string_view::npos || nl > lineBegin)
                nl = lineBegin;
            if (isFenceLine(text.substr(pos, nl - pos)))
                inFence = !inFence;
            pos = nl + 1;
        }
        if (inFence)
            return std::nullopt;
    }
    std::string_view rest = line.substr(prefix.size());
    size_t n = 0;
    while (n < rest.size() && isNameChar(rest[n], n == 0))
        ++n;
    if (n == 0)
        return std::nullopt;
    CommandMatch match;
    match.lineBegin = lineBegin;
    match.lineEnd = lineEnd;
    match.command.name = QString::fromLatin1(rest.data(), qsizetype(n)).toLower();
    std::string_view after = trim(rest.substr(n));
    if (!after.empty()) {
        std::string_view inner;
        if (after.front() == '(' && after.back() == ')') {
            match.command.hasParens = true;
            inner = trim(after.substr(1, after.size() - 2));
        } else if (rest[n] == ' ' || rest[n] == '\t') {
            inner = after; // "!/help set", "!/model openai:gpt-4o"
        } else {
            return std::nullopt; // "!/usr/bin", "!/x=1": text, not a command
        }
        match.command.rawArguments = QString::fromUtf8(inner.data(), qsizetype(inner.size()));
        match.command.arguments = splitArguments(match.command.rawArguments, &match.command.argumentError);
    }
    return match;
}

std::string stripCommand(std::string_view text, const CommandMatch &match)
{
    std::string out(text.substr(0, match.lineBegin));
    // The command was the last non-blank line: what followed it is blank. Drop the whitespace
    // the removal leaves at the end, so "question\n!/x" becomes "question".
    while (!out.empty()) {
        const char c = out.back();
        if (c != '\n' && c != '\r' && c != ' ' && c != '\t')
            break;
        out.pop_back();
    }
    return out;
}

std::vector<CommandArgument> splitArguments(const QString &raw, QString *error)
{
    std::vector<CommandArgument> out;
    if (raw.trimmed().isEmpty())
        return out;
    QStringList parts;
    QString current;
    bool quoted = false;
    for (const QChar c : raw) {
        if (c == QLatin1Char('"')) {
            quoted = !quoted;
            current += c;
        } else if (c == QLatin1Char(',') && !quoted) {
            parts << current;
            current.clear();
        } else {
            current += c;
        }
    }
    if (quoted) {
        if (error)
            *error = QStringLiteral("unbalanced double quote in the arguments");
        return {};
    }
    parts << current;
    auto unquote = [](QString v) {
        v = v.trimmed();
        if (v.size() >= 2 && v.startsWith(QLatin1Char('"')) && v.endsWith(QLatin1Char('"')))
            v = v.mid(1, v.size() - 2);
        return v;
    };
    for (const QString &part : parts) {
        const QString p = part.trimmed();
        if (p.isEmpty()) {
            if (error)
                *error = QStringLiteral("empty argument (two commas in a row?)");
            return {};
        }
        CommandArgument arg;
        const qsizetype eq = p.indexOf(QLatin1Char('='));
        const qsizetype quote = p.indexOf(QLatin1Char('"'));
        if (eq > 0 && (quote < 0 || eq < quote)) {
            arg.key = p.left(eq).trimmed().toLower();
            arg.value = unquote(p.mid(eq + 1));
        } else {
            arg.value = unquote(p);
        }
        out.push_back(std::move(arg));
    }
    return out;
}

bool mayContainPrefix(const QByteArray &raw, std::string_view prefix)
{
    // Runs on every request body: std::string_view::find (memchr for the first byte, then a
    // compare) is many times faster than QByteArray::contains on short needles.
    const std::string_view body(raw.constData(), size_t(raw.size()));
    if (body.find(prefix) != std::string_view::npos)
        return true;
    std::string escaped;
    escaped.reserve(prefix.size() * 2);
    for (const char c : prefix) {
        if (c == '\\' || c == '/' || c == '"')
            escaped.push_back('\\');
        escaped.push_back(c);
    }
    if (escaped != prefix && body.find(escaped) != std::string_view::npos)
        return true;
    // Any \u escape could spell a prefix character: look closer (rare in practice for ASCII).
    return body.find("\\u") != std::string_view::npos;
}

} // namespace lip::session
