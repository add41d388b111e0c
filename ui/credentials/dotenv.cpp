// SPDX-License-Identifier: GPL-3.0-or-later
#include "credentials/dotenv.h"

#include <QRegularExpression>

namespace lip::ui::credentials {

namespace {

bool validName(const QString &name)
{
    static const QRegularExpression re(QStringLiteral("^[A-Za-z_][A-Za-z0-9_.]*$"));
    return re.match(name).hasMatch();
}

// Returns false (and a problem) when a quote is not closed on its line.
bool unquote(QStringView raw, QString &value, QString &problem)
{
    if (raw.isEmpty()) {
        value.clear();
        return true;
    }
    const QChar quote = raw.front();
    if (quote == QLatin1Char('\'') || quote == QLatin1Char('"')) {
        QString out;
        for (qsizetype i = 1; i < raw.size(); ++i) {
            const QChar c = raw.at(i);
            if (c == quote) {
                const QStringView rest = raw.sliced(i + 1).trimmed();
                if (!rest.isEmpty() && !rest.startsWith(QLatin1Char('#'))) {
                    problem = QStringLiteral("text after the closing quote");
                    return false;
                }
                value = out;
                return true;
            }
            if (quote == QLatin1Char('"') && c == QLatin1Char('\\') && i + 1 < raw.size()) {
                const QChar n = raw.at(++i);
                if (n == QLatin1Char('n'))
                    out += QLatin1Char('\n');
                else if (n == QLatin1Char('t'))
                    out += QLatin1Char('\t');
                else if (n == QLatin1Char('r'))
                    out += QLatin1Char('\r');
                else
                    out += n; // \" \\ \$ and anything else: the character itself
                continue;
            }
            out += c;
        }
        problem = QStringLiteral("the quote is not closed on this line");
        return false;
    }
    // Unquoted: a comment starts at " #"; surrounding blanks are not part of the value.
    qsizetype end = raw.size();
    for (qsizetype i = 1; i < raw.size(); ++i) {
        if (raw.at(i) == QLatin1Char('#') && raw.at(i - 1).isSpace()) {
            end = i;
            break;
        }
    }
    value = raw.first(end).trimmed().toString();
    return true;
}

} // namespace

DotEnvFile parseDotEnv(const QByteArray &text)
{
    DotEnvFile file;
    if (text.size() > kMaxDotEnvBytes) {
        file.problems << QStringLiteral("the file is larger than %1 KiB; nothing was read").arg(kMaxDotEnvBytes / 1024);
        return file;
    }
    QString all = QString::fromUtf8(text);
    if (all.startsWith(QChar(0xFEFF)))
        all.remove(0, 1);
    const QStringList lines = all.split(QLatin1Char('\n'));
    for (qsizetype n = 0; n < lines.size(); ++n) {
        const int lineNo = int(n + 1);
        QStringView line = QStringView(lines.at(n)).trimmed();
        if (line.isEmpty() || line.startsWith(QLatin1Char('#')))
            continue;
        if (line.startsWith(QLatin1String("export ")) || line.startsWith(QLatin1String("export\t")))
            line = line.sliced(7).trimmed();
        const qsizetype eq = line.indexOf(QLatin1Char('='));
        if (eq <= 0) {
            file.problems << QStringLiteral("line %1: no NAME=value").arg(lineNo);
            continue;
        }
        const QString name = line.first(eq).trimmed().toString();
        if (!validName(name)) {
            file.problems << QStringLiteral("line %1: '%2' is not a variable name").arg(lineNo).arg(name.left(40));
            continue;
        }
        QString value, problem;
        if (!unquote(line.sliced(eq + 1).trimmed(), value, problem)) {
            file.problems << QStringLiteral("line %1 (%2): %3").arg(lineNo).arg(name, problem);
            continue;
        }
        file.entries.removeIf([&](const DotEnvEntry &e) { return e.name == name; });
        file.entries.append({name, value, lineNo});
    }
    return file;
}

} // namespace lip::ui::credentials
