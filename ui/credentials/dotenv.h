// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// A reader for .env files as shells and dotenv libraries write them:
//   # comment
//   export OPENAI_API_KEY=sk-...
//   ANTHROPIC_API_KEY="sk-ant-..."   # trailing comment
//   GEMINI_API_KEY='literal $value'
// Double quotes understand \n, \t, \", \\ ; single quotes are literal; unquoted values end at
// " #". Values never appear in the problems it reports.

#include <QByteArray>
#include <QList>
#include <QString>
#include <QStringList>

namespace lip::ui::credentials {

inline constexpr qint64 kMaxDotEnvBytes = 1024 * 1024;

struct DotEnvEntry
{
    QString name;
    QString value;
    int line = 0; // 1-based
};

struct DotEnvFile
{
    QList<DotEnvEntry> entries; // in file order; a later duplicate replaces an earlier one
    QStringList problems;       // "line 4: no '=' after the name" (never a value)
};

DotEnvFile parseDotEnv(const QByteArray &text);

} // namespace lip::ui::credentials
