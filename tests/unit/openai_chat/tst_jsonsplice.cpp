// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/jsonsplice.h"

#include <QTest>

class TestJsonSplice : public QObject
{
    Q_OBJECT

private slots:
    void replace_data();
    void replace();
    void remove_data();
    void remove();
    void rawValue();
    void quoted_data();
    void quoted();
};

void TestJsonSplice::replace_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QByteArray>("key");
    QTest::addColumn<QByteArray>("value");
    QTest::addColumn<QByteArray>("expected"); // "" = nullopt

    QTest::newRow("simple") << QByteArray(R"({"model":"a","x":1})") << QByteArray("model")
                            << QByteArray(R"("b")") << QByteArray(R"({"model":"b","x":1})");
    QTest::newRow("whitespace kept")
        << QByteArray(" {\n  \"x\" : 1.50e+3 ,\n  \"model\"\t:  \"gpt\"  \n}\n") << QByteArray("model")
        << QByteArray(R"("other")") << QByteArray(" {\n  \"x\" : 1.50e+3 ,\n  \"model\"\t:  \"other\"  \n}\n");
    QTest::newRow("nested model untouched")
        << QByteArray(R"({"messages":[{"model":"inner","content":"say \"model\":1"}],"model":"m"})")
        << QByteArray("model") << QByteArray(R"("z")")
        << QByteArray(R"({"messages":[{"model":"inner","content":"say \"model\":1"}],"model":"z"})");
    QTest::newRow("nested only → appended")
        << QByteArray(R"({"meta":{"model":"inner"}})") << QByteArray("model") << QByteArray(R"("z")")
        << QByteArray(R"({"meta":{"model":"inner"},"model":"z"})");
    QTest::newRow("escaped key matches")
        << QByteArray(R"({"mod\u0065l":"a"})") << QByteArray("model") << QByteArray(R"("b")")
        << QByteArray(R"({"mod\u0065l":"b"})");
    QTest::newRow("key that only looks similar")
        << QByteArray(R"({"model\"":"a"})") << QByteArray("model") << QByteArray(R"("b")")
        << QByteArray(R"({"model\"":"a","model":"b"})");
    QTest::newRow("duplicates all replaced")
        << QByteArray(R"({"model":"a","n":2,"model":"c"})") << QByteArray("model") << QByteArray("null")
        << QByteArray(R"({"model":null,"n":2,"model":null})");
    QTest::newRow("empty object") << QByteArray("{ }") << QByteArray("model") << QByteArray(R"("b")")
                                  << QByteArray(R"({"model":"b" })");
    QTest::newRow("object value replaced")
        << QByteArray(R"({"model":{"a":[1,{"b":"}"}]},"k":true})") << QByteArray("model")
        << QByteArray("1") << QByteArray(R"({"model":1,"k":true})");
    QTest::newRow("unicode kept")
        << QByteArray("{\"t\":\"h\xC3\xA9llo \xF0\x9F\x98\x80\",\"model\":\"x\"}") << QByteArray("model")
        << QByteArray(R"("é")") << QByteArray("{\"t\":\"h\xC3\xA9llo \xF0\x9F\x98\x80\",\"model\":\"é\"}");
    QTest::newRow("unicode key")
        << QByteArray(R"({"\u00e9":1})") << QByteArray("\xC3\xA9") << QByteArray("2")
        << QByteArray(R"({"\u00e9":2})");
    QTest::newRow("surrogate pair key")
        << QByteArray(R"({"\ud83d\ude00":1})") << QByteArray("\xF0\x9F\x98\x80") << QByteArray("2")
        << QByteArray(R"({"\ud83d\ude00":2})");
    QTest::newRow("backslash at string end")
        << QByteArray(R"({"a":"x\\","model":"m"})") << QByteArray("model") << QByteArray(R"("n")")
        << QByteArray(R"({"a":"x\\","model":"n"})");
    QTest::newRow("truncated") << QByteArray(R"({"model":"a","x":[1,2)") << QByteArray("model")
                               << QByteArray(R"("b")") << QByteArray();
    QTest::newRow("truncated string") << QByteArray(R"({"model":"a)") << QByteArray("model")
                                      << QByteArray(R"("b")") << QByteArray();
    QTest::newRow("array body") << QByteArray(R"([{"model":"a"}])") << QByteArray("model")
                                << QByteArray(R"("b")") << QByteArray();
    QTest::newRow("trailing garbage") << QByteArray(R"({"model":"a"} x)") << QByteArray("model")
                                      << QByteArray(R"("b")") << QByteArray();
    QTest::newRow("two objects") << QByteArray(R"({"model":"a"}{})") << QByteArray("model")
                                 << QByteArray(R"("b")") << QByteArray();
    QTest::newRow("missing colon") << QByteArray(R"({"model" "a"})") << QByteArray("model")
                                   << QByteArray(R"("b")") << QByteArray();
    QTest::newRow("trailing comma") << QByteArray(R"({"model":"a",})") << QByteArray("model")
                                    << QByteArray(R"("b")") << QByteArray();
    QTest::newRow("mismatched brackets") << QByteArray(R"({"a":[1}],"model":"a"})")
                                         << QByteArray("model") << QByteArray(R"("b")") << QByteArray();
    QTest::newRow("bad escape") << QByteArray(R"({"a":"\q","model":"a"})") << QByteArray("model")
                                << QByteArray(R"("b")") << QByteArray();
    QTest::newRow("raw newline in string") << QByteArray("{\"a\":\"x\ny\"}") << QByteArray("model")
                                           << QByteArray(R"("b")") << QByteArray();
    QTest::newRow("empty body") << QByteArray() << QByteArray("model") << QByteArray(R"("b")")
                                << QByteArray();
    QTest::newRow("bare word") << QByteArray(R"({"a":nope})") << QByteArray("model")
                               << QByteArray(R"("b")") << QByteArray();
}

void TestJsonSplice::replace()
{
    QFETCH(QByteArray, body);
    QFETCH(QByteArray, key);
    QFETCH(QByteArray, value);
    QFETCH(QByteArray, expected);
    const auto out = lip::json::replaceMember(body, key.toStdString(), value.toStdString());
    if (expected.isEmpty()) {
        QVERIFY(!out.has_value());
    } else {
        QVERIFY(out.has_value());
        QCOMPARE(*out, expected);
    }
}

void TestJsonSplice::remove_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QByteArray>("expected");

    QTest::newRow("middle") << QByteArray(R"({"a":1, "model":"x", "b":2})")
                            << QByteArray(R"({"a":1, "b":2})");
    QTest::newRow("first") << QByteArray(R"({"model":"x", "b":2})") << QByteArray(R"({"b":2})");
    QTest::newRow("last") << QByteArray(R"({"a":1,"model":"x"})") << QByteArray(R"({"a":1})");
    QTest::newRow("only") << QByteArray(R"({ "model":"x" })") << QByteArray(R"({  })");
    QTest::newRow("absent") << QByteArray(R"({"a":{"model":1}})") << QByteArray(R"({"a":{"model":1}})");
    QTest::newRow("duplicates") << QByteArray(R"({"model":1,"a":1,"model":2,"model":3,"b":[]})")
                                << QByteArray(R"({"a":1,"b":[]})");
    QTest::newRow("all duplicates") << QByteArray(R"({"model":1,"model":2})") << QByteArray(R"({})");
    QTest::newRow("escaped key") << QByteArray(R"({"a":"}","\u006dodel":"x"})")
                                 << QByteArray(R"({"a":"}"})");
    QTest::newRow("not object") << QByteArray(R"("model")") << QByteArray();
    QTest::newRow("truncated") << QByteArray(R"({"model":"x",)") << QByteArray();
}

void TestJsonSplice::remove()
{
    QFETCH(QByteArray, body);
    QFETCH(QByteArray, expected);
    const auto out = lip::json::removeMember(body, "model");
    if (expected.isEmpty()) {
        QVERIFY(!out.has_value());
    } else {
        QVERIFY(out.has_value());
        QCOMPARE(*out, expected);
    }
}

void TestJsonSplice::rawValue()
{
    const QByteArray body = R"({"model":"a","x":{"model":"n"},"n":-1.0e5,"model":"last"})";
    QCOMPARE(lip::json::memberRawValue(body, "n").value_or(""), std::string("-1.0e5"));
    QCOMPARE(lip::json::memberRawValue(body, "x").value_or(""), std::string(R"({"model":"n"})"));
    QCOMPARE(lip::json::memberRawValue(body, "model").value_or(""), std::string(R"("last")"));
    QVERIFY(!lip::json::memberRawValue(body, "missing").has_value());
    QVERIFY(!lip::json::memberRawValue("{", "model").has_value());

    // A deeply nested body is scanned without recursion.
    const QByteArray deep = "{\"a\":" + QByteArray(200000, '[') + QByteArray(200000, ']') + "}";
    QVERIFY(lip::json::replaceMember(deep, "model", "1").has_value());
    const QByteArray deepOpen = "{\"a\":" + QByteArray(200000, '[') + "}";
    QVERIFY(!lip::json::replaceMember(deepOpen, "model", "1").has_value());
}

void TestJsonSplice::quoted_data()
{
    QTest::addColumn<QByteArray>("in");
    QTest::addColumn<QByteArray>("out");
    QTest::newRow("plain") << QByteArray("gpt-4o") << QByteArray(R"("gpt-4o")");
    QTest::newRow("quotes") << QByteArray(R"(a"b\c)") << QByteArray(R"("a\"b\\c")");
    QTest::newRow("controls") << QByteArray("a\nb\t\x01") << QByteArray(R"("a\nb\t\u0001")");
    QTest::newRow("utf8") << QByteArray("h\xC3\xA9") << QByteArray("\"h\xC3\xA9\"");
    QTest::newRow("empty") << QByteArray("") << QByteArray(R"("")");
}

void TestJsonSplice::quoted()
{
    QFETCH(QByteArray, in);
    QFETCH(QByteArray, out);
    QCOMPARE(QByteArray::fromStdString(lip::json::quoted(in.toStdString())), out);
}

QTEST_GUILESS_MAIN(TestJsonSplice)
#include "tst_jsonsplice.moc"
