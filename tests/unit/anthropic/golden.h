// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Golden files for the Anthropic tests. LIP_UPDATE_GOLDEN=1 rewrites a missing or differing
// golden with what the code produced (then review the diff before committing).

#include <boost/json.hpp>

#include <QByteArray>
#include <QFile>
#include <QString>
#include <QTest>

namespace golden {

inline QString path(const QString &name)
{
    return QStringLiteral(LIP_GOLDEN_DIR "/") + name;
}

inline bool exists(const QString &name)
{
    return QFile::exists(path(name));
}

inline QByteArray read(const QString &name)
{
    QFile f(path(name));
    if (!f.open(QIODevice::ReadOnly))
        return {};
    return f.readAll();
}

inline bool updating()
{
    return qEnvironmentVariableIntValue("LIP_UPDATE_GOLDEN") == 1;
}

inline void write(const QString &name, const QByteArray &bytes)
{
    QFile f(path(name));
    if (f.open(QIODevice::WriteOnly | QIODevice::Truncate))
        f.write(bytes);
}

// Parse + serialize: the same spelling for numbers and no whitespace, key order kept.
inline QByteArray normalized(const QByteArray &json)
{
    boost::system::error_code ec;
    const boost::json::value v = boost::json::parse(std::string_view(json.constData(), size_t(json.size())), ec);
    if (ec)
        return "<not JSON> " + json;
    return QByteArray::fromStdString(boost::json::serialize(v));
}

} // namespace golden

// Byte comparison against a golden file (or JSON comparison with `json`).
#define COMPARE_GOLDEN(actual, name, json)                                                     \
    do {                                                                                       \
        const QByteArray _actual = (actual);                                                   \
        if (golden::updating() && (!golden::exists(name)                                       \
                                   || (json ? golden::normalized(golden::read(name))           \
                                                  != golden::normalized(_actual)               \
                                            : golden::read(name) != _actual)))                 \
            golden::write(name, _actual);                                                      \
        QVERIFY2(golden::exists(name), qPrintable(QStringLiteral("missing golden ") + name));  \
        if (json)                                                                              \
            QCOMPARE(golden::normalized(_actual), golden::normalized(golden::read(name)));     \
        else                                                                                   \
            QCOMPARE(_actual, golden::read(name));                                             \
    } while (false)
