// SPDX-License-Identifier: GPL-3.0-or-later
// The hot-path JSON helpers: jsonsplice's word-at-a-time string scan (every position of a
// special byte relative to the 8-byte words) and the arena/scratch parsers (values stay valid as
// long as promised, a parser is reusable after errors and after outgrowing its inline buffer).
#include "core/jsonarena.h"
#include "core/jsonsplice.h"

#include <boost/json/serialize.hpp>

#include <QTest>

#include <optional>

namespace bj = boost::json;

class TestJsonFast : public QObject
{
    Q_OBJECT

private slots:
    void stringScanAtEveryOffset_data();
    void stringScanAtEveryOffset();
    void longBodySplicedOnce();
    void arenaBodyOutlivesParse();
    void arenaCopiesOutliveOwner();
    void scratchReuse();
    void scratchErrors();
};

void TestJsonFast::stringScanAtEveryOffset_data()
{
    QTest::addColumn<QByteArray>("special"); // inserted into a long string value
    QTest::addColumn<bool>("valid");
    QTest::newRow("escaped quote") << QByteArray(R"(\")") << true;
    QTest::newRow("escaped backslash") << QByteArray(R"(\\)") << true;
    QTest::newRow("unicode escape") << QByteArray(R"(\u00e9)") << true;
    QTest::newRow("utf8 bytes") << QByteArray("\xC3\xA9\xF0\x9F\x98\x80") << true;
    QTest::newRow("byte 0x7f") << QByteArray("\x7f") << true;
    QTest::newRow("space and tilde") << QByteArray(" ~") << true;
    QTest::newRow("raw newline") << QByteArray("\n") << false;
    QTest::newRow("raw tab") << QByteArray("\t") << false;
    QTest::newRow("raw 0x1f") << QByteArray("\x1f") << false;
    QTest::newRow("bad escape") << QByteArray(R"(\q)") << false;
    QTest::newRow("bad unicode escape") << QByteArray(R"(\u00g1)") << false;
}

void TestJsonFast::stringScanAtEveryOffset()
{
    QFETCH(QByteArray, special);
    QFETCH(bool, valid);
    // Every alignment of the special bytes within the scanner's 8-byte words, and every length
    // of the tail after them, in a nested string and in a top-level one.
    for (int before = 0; before < 17; ++before) {
        for (int after = 0; after < 10; ++after) {
            const QByteArray text = QByteArray(before, 'a') + special + QByteArray(after, 'b');
            const QByteArray nested = R"({"messages":[{"content":")" + text + R"("}],"model":"m"})";
            const QByteArray top = R"({"t":")" + text + R"(","model":"m"})";
            for (const QByteArray &body : {nested, top}) {
                const auto out = lip::json::replaceMember(body, "model", R"("z")");
                QCOMPARE(out.has_value(), valid);
                if (valid) {
                    QByteArray expected = body;
                    expected.replace(R"("model":"m")", R"("model":"z")");
                    QCOMPARE(*out, expected);
                }
            }
        }
    }
    // Cut anywhere inside the string: always truncated.
    const QByteArray body = R"({"t":")" + QByteArray(20, 'a') + special + QByteArray(20, 'b') + R"("})";
    for (qsizetype cut = 6; cut < body.size() - 1; ++cut)
        QVERIFY2(!lip::json::replaceMember(body.first(cut), "model", "1").has_value(), qPrintable(QString::number(cut)));
}

void TestJsonFast::longBodySplicedOnce()
{
    // A body shaped like an agent's: long strings with escapes, nested schemas; the model sits
    // last. The splice changes only its value.
    QByteArray body = R"({"messages":[)";
    for (int i = 0; i < 200; ++i) {
        if (i)
            body += ',';
        body += R"({"role":"user","content":")" + QByteArray(700 + i, 'x') + R"(\n\"quoted\" \\ \u00e9"})";
    }
    body += R"(],"tools":[{"type":"function","function":{"name":"f","parameters":{"type":"object","properties":{"a":{"type":"array","items":{"enum":["x","y"]}}}}}}],"model" : "old"})";
    const auto out = lip::json::replaceMember(body, "model", R"("new")");
    QVERIFY(out.has_value());
    QCOMPARE(out->size(), body.size());
    QVERIFY(out->endsWith(R"("model" : "new"})"));
    QCOMPARE(out->first(body.size() - 6), body.first(body.size() - 6));
}

void TestJsonFast::arenaBodyOutlivesParse()
{
    boost::system::error_code ec;
    bj::object body;
    {
        bj::value v = lip::json::parseInArena(R"({"model":"m","messages":[{"content":"hi"}],"n":1.5})", ec);
        QVERIFY(!ec);
        lip::json::adopt(body, std::move(v.get_object()));
    }
    // The object kept the arena (no deep copy into the default resource) and its values.
    QVERIFY(body.storage().is_shared());
    QCOMPARE(QByteArray::fromStdString(bj::serialize(body)), QByteArray(R"({"model":"m","messages":[{"content":"hi"}],"n":1.5E0})"));

    lip::json::parseInArena("{\"a\":", ec);
    QVERIFY(ec);
    ec = {};
    lip::json::parseInArena("", ec);
    QVERIFY(ec);
}

void TestJsonFast::arenaCopiesOutliveOwner()
{
    // Copies of values taken from a body (canonical requests, stored conversations) keep the
    // arena alive after the body itself is gone.
    bj::value copy;
    std::optional<bj::value> kept;
    {
        boost::system::error_code ec;
        bj::value v = lip::json::parseInArena(R"({"schema":{"type":"object","properties":{"a":{"type":"string"}}}})", ec);
        QVERIFY(!ec);
        bj::object body;
        lip::json::adopt(body, std::move(v.get_object()));
        const bj::value &schema = body.at("schema");
        bj::value sharing(schema);       // copy construction: same (shared) arena
        copy = std::move(sharing);       // move assignment into the default resource: a copy
        kept.emplace(schema);            // keeps the arena by reference count
    }
    QCOMPARE(QByteArray::fromStdString(bj::serialize(copy)), QByteArray(R"({"type":"object","properties":{"a":{"type":"string"}}})"));
    QCOMPARE(QByteArray::fromStdString(bj::serialize(*kept)), QByteArray(R"({"type":"object","properties":{"a":{"type":"string"}}})"));
}

void TestJsonFast::scratchReuse()
{
    lip::json::ScratchParser parser;
    boost::system::error_code ec;
    for (int round = 0; round < 3; ++round) {
        const bj::value &a = parser.parse(R"({"choices":[{"delta":{"content":"x"}}],"usage":null})", ec);
        QVERIFY(!ec);
        QCOMPARE(a.at("choices").at(0).at("delta").at("content").as_string(), "x");
        // Larger than the inline buffer: grows, then rewinds on the next parse.
        std::string big = R"({"items":[)";
        for (int i = 0; i < 2000; ++i)
            big += (i ? ",\"" : "\"") + std::to_string(i) + std::string(20, 'y') + "\"";
        big += "]}";
        const bj::value &b = parser.parse(big, ec);
        QVERIFY(!ec);
        QCOMPARE(b.at("items").as_array().size(), size_t(2000));
        QCOMPARE(b.at("items").at(1999).as_string(), "1999" + std::string(20, 'y'));
    }
}

void TestJsonFast::scratchErrors()
{
    bj::parse_options options;
    options.max_depth = 4;
    lip::json::ScratchParser parser(options);
    boost::system::error_code ec;
    QVERIFY(parser.parse(R"({"a":)", ec).is_null());
    QVERIFY(ec);
    ec = {};
    QVERIFY(parser.parse(R"({"a":1} x)", ec).is_null());
    QVERIFY(ec);
    ec = {};
    QVERIFY(parser.parse("[[[[[1]]]]]", ec).is_null());
    QVERIFY(ec); // deeper than max_depth
    ec = {};
    const bj::value &ok = parser.parse(R"({"type":"message_stop"})", ec);
    QVERIFY(!ec);
    QCOMPARE(ok.at("type").as_string(), "message_stop");
}

QTEST_GUILESS_MAIN(TestJsonFast)
#include "tst_jsonfast.moc"
