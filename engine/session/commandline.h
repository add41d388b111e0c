// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Finding an in-chat command in a user's text. The rules (docs/commands.md): only the last
// non-blank line of the text counts; that line, without surrounding whitespace, must be the
// prefix, a command name and optionally a parenthesised argument list (or, after a space, the
// arguments without parentheses: "!/help set"), and nothing else; a line
// inside an unclosed ``` / ~~~ fence or indented as a Markdown code block (a tab or 4+ spaces)
// is text. Mentions elsewhere ("type !/help for help", earlier lines) are never commands.

#include <QString>
#include <QStringList>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace lip::session {

// Lines longer than this are text, never a command (a pasted blob must not be parsed).
constexpr size_t kMaxCommandLineBytes = 4096;

struct CommandArgument
{
    QString key;   // empty for a positional argument ("a:b" in route-append(name=r, a:b))
    QString value; // unquoted
};

struct ParsedCommand
{
    QString name;                       // lowercase, e.g. "set", "create-failover-route"
    bool hasParens = false;             // "!/help" vs "!/help()"
    QString rawArguments;               // between the parentheses, trimmed
    std::vector<CommandArgument> arguments;
    QString argumentError;              // non-empty: the argument list could not be split
};

struct CommandMatch
{
    size_t lineBegin = 0; // byte offsets of the command line in the text
    size_t lineEnd = 0;   // one past the line (its newline not included)
    ParsedCommand command;
};

// The command on the last non-blank line of `text`, if that line is one. `prefix` is non-empty.
std::optional<CommandMatch> findCommand(std::string_view text, std::string_view prefix);

// `text` without the command line; trailing whitespace left behind by it is removed too.
std::string stripCommand(std::string_view text, const CommandMatch &match);

// Splits "a=1, b = \"x,y\", c:d" at top-level commas (double quotes group), trimming each part.
std::vector<CommandArgument> splitArguments(const QString &raw, QString *error);

// Whether `raw` could hold the prefix at all, also JSON-escaped ("!\/"): a cheap test on the
// client's bytes before anything is looked at.
bool mayContainPrefix(const QByteArray &raw, std::string_view prefix);

} // namespace lip::session
