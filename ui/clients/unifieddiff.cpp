// SPDX-License-Identifier: GPL-3.0-or-later
#include "unifieddiff.h"

#include <QStringList>

#include <vector>

namespace lip::ui::clients {

namespace {

QStringList toLines(const QByteArray &text)
{
    QStringList lines;
    if (text.isEmpty())
        return lines;
    QString s = QString::fromUtf8(text);
    if (s.endsWith(u'\n'))
        s.chop(1);
    lines = s.split(u'\n');
    for (QString &line : lines)
        if (line.endsWith(u'\r'))
            line.chop(1);
    return lines;
}

struct Op
{
    char kind; // ' ', '-', '+'
    int oldIndex;
    int newIndex;
};

// Largest middle section diffed with the quadratic table; settings files are far smaller.
constexpr qint64 kMaxCells = 4'000'000;

} // namespace

QString unifiedDiff(const QByteArray &oldText, const QByteArray &newText, const QString &oldName,
                    const QString &newName, int context)
{
    if (oldText == newText)
        return {};
    const QStringList a = toLines(oldText);
    const QStringList b = toLines(newText);
    int prefix = 0;
    while (prefix < a.size() && prefix < b.size() && a[prefix] == b[prefix])
        ++prefix;
    int suffix = 0;
    while (suffix < a.size() - prefix && suffix < b.size() - prefix
           && a[a.size() - 1 - suffix] == b[b.size() - 1 - suffix])
        ++suffix;
    const int n = int(a.size()) - prefix - suffix;
    const int m = int(b.size()) - prefix - suffix;

    std::vector<Op> ops;
    for (int i = 0; i < prefix; ++i)
        ops.push_back({' ', i, i});
    if (qint64(n + 1) * (m + 1) <= kMaxCells) {
        // Longest common subsequence of the middle, walked forwards.
        std::vector<int> table(size_t(n + 1) * (m + 1), 0);
        const auto at = [&](int i, int j) -> int & { return table[size_t(i) * (m + 1) + j]; };
        for (int i = n - 1; i >= 0; --i)
            for (int j = m - 1; j >= 0; --j)
                at(i, j) = a[prefix + i] == b[prefix + j] ? at(i + 1, j + 1) + 1 : qMax(at(i + 1, j), at(i, j + 1));
        int i = 0;
        int j = 0;
        while (i < n || j < m) {
            if (i < n && j < m && a[prefix + i] == b[prefix + j]) {
                ops.push_back({' ', prefix + i, prefix + j});
                ++i;
                ++j;
            } else if (i < n && (j >= m || at(i + 1, j) >= at(i, j + 1))) {
                // Removals before additions, as diff -u prints them.
                ops.push_back({'-', prefix + i, prefix + j});
                ++i;
            } else {
                ops.push_back({'+', prefix + i, prefix + j});
                ++j;
            }
        }
    } else {
        for (int i = 0; i < n; ++i)
            ops.push_back({'-', prefix + i, prefix});
        for (int j = 0; j < m; ++j)
            ops.push_back({'+', prefix + n, prefix + j});
    }
    for (int k = 0; k < suffix; ++k)
        ops.push_back({' ', prefix + n + k, prefix + m + k});

    QString out = QStringLiteral("--- %1\n+++ %2\n").arg(oldName, newName);
    const int total = int(ops.size());
    int k = 0;
    while (k < total) {
        if (ops[k].kind == ' ') {
            ++k;
            continue;
        }
        // A hunk: from `context` lines before this change to `context` lines after the last
        // change that is no more than 2*context unchanged lines away.
        const int start = qMax(0, k - context);
        int end = k;
        int quiet = 0;
        for (int p = k; p < total; ++p) {
            if (ops[p].kind == ' ') {
                if (++quiet > 2 * context)
                    break;
            } else {
                quiet = 0;
                end = p;
            }
        }
        const int stop = qMin(total, end + 1 + context);
        int oldStart = -1;
        int newStart = -1;
        int oldCount = 0;
        int newCount = 0;
        QString body;
        for (int p = start; p < stop; ++p) {
            const Op &op = ops[p];
            if (op.kind != '+') {
                if (oldStart < 0)
                    oldStart = op.oldIndex;
                ++oldCount;
            }
            if (op.kind != '-') {
                if (newStart < 0)
                    newStart = op.newIndex;
                ++newCount;
            }
            body += QChar::fromLatin1(op.kind) + (op.kind == '+' ? b[op.newIndex] : a[op.oldIndex]) + u'\n';
        }
        // diff -u numbers an empty side by the line before it.
        const int oldLine = oldCount ? oldStart + 1 : (oldStart < 0 ? ops[start].oldIndex : oldStart);
        const int newLine = newCount ? newStart + 1 : (newStart < 0 ? ops[start].newIndex : newStart);
        out += QStringLiteral("@@ -%1,%2 +%3,%4 @@\n").arg(oldLine).arg(oldCount).arg(newLine).arg(newCount) + body;
        k = stop;
    }
    return out;
}

} // namespace lip::ui::clients
