// SPDX-License-Identifier: GPL-3.0-or-later
// The proxy's store of Responses conversations: lookups, expiry (injected clock), bounds (count,
// bytes, least recently used first), persistence across instances, corrupt files.

#include "frontends/openai_responses/responsestore.h"

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include <QDir>
#include <QDateTime>
#include <QFile>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

using namespace lip;
using responses::ResponseStore;
namespace bj = boost::json;

namespace {

std::vector<canon::Message> conversation(const std::string &user, const std::string &answer)
{
    canon::Message u;
    u.role = canon::Role::User;
    u.content.emplace_back();
    u.content.back().text = user;
    canon::Message a;
    a.role = canon::Role::Assistant;
    canon::ContentBlock thinking;
    thinking.kind = canon::BlockKind::Thinking;
    thinking.text = "hmm";
    thinking.signature = "sig";
    a.content.push_back(thinking);
    canon::ContentBlock call;
    call.kind = canon::BlockKind::ToolUse;
    call.toolId = "call_1";
    call.toolName = "f";
    call.input = bj::object{{"x", 1}};
    a.content.push_back(call);
    canon::ContentBlock text;
    text.text = answer;
    a.content.push_back(text);
    return {u, a};
}

bj::object responseObject(const std::string &id)
{
    return bj::object{{"id", id}, {"object", "response"}, {"status", "completed"}};
}

struct FakeClock
{
    qint64 now = 1'700'000'000'000;
};

} // namespace

class TestResponseStore : public QObject
{
    Q_OBJECT

private slots:
    void putAndGet();
    void expiry();
    void boundsCount();
    void boundsBytes();
    void persistence();
    void corruptFileSkipped_data();
    void corruptFileSkipped();
    void invalidIds();
};

void TestResponseStore::putAndGet()
{
    ResponseStore store;
    store.put("resp_a", conversation("hi", "hello"), responseObject("resp_a"));
    auto conv = store.conversation("resp_a");
    QVERIFY(conv);
    QCOMPARE(conv->size(), size_t(2));
    QCOMPARE(conv->at(1).content.at(0).signature, std::string("sig"));
    QCOMPARE(conv->at(1).content.at(1).input, bj::value(bj::object{{"x", 1}}));
    QCOMPARE(conv->at(1).content.at(2).text, std::string("hello"));
    QCOMPARE(store.response("resp_a")->at("status"), bj::value("completed"));
    QVERIFY(!store.conversation("resp_b"));
    QVERIFY(store.remove("resp_a"));
    QVERIFY(!store.remove("resp_a"));
    QVERIFY(!store.response("resp_a"));
    QCOMPARE(store.size(), 0);
    QCOMPARE(store.totalBytes(), 0);
    QCOMPARE(ResponseStore::deletedBody("resp_a"), QByteArray(R"({"id":"resp_a","object":"response","deleted":true})"));
    QCOMPARE(ResponseStore::notFound("resp_x").category, ErrorCategory::NotFound);
}

void TestResponseStore::expiry()
{
    FakeClock clock;
    ResponseStore::Options o;
    o.ttlSeconds = 60;
    ResponseStore store(o, [&clock] { return clock.now; });
    store.put("resp_a", conversation("a", "b"), responseObject("resp_a"));
    clock.now += 59'000;
    QVERIFY(store.conversation("resp_a"));
    clock.now += 2'000;
    QVERIFY(!store.conversation("resp_a"));
    QVERIFY(!store.response("resp_a"));
    QCOMPARE(store.size(), 0);
}

void TestResponseStore::boundsCount()
{
    ResponseStore::Options o;
    o.maxEntries = 3;
    ResponseStore store(o);
    for (const char *id : {"r1", "r2", "r3"})
        store.put(id, conversation(id, "x"), responseObject(id));
    QVERIFY(store.conversation("r1")); // r1 becomes the most recently used
    store.put("r4", conversation("r4", "x"), responseObject("r4"));
    QCOMPARE(store.size(), 3);
    QVERIFY(!store.conversation("r2")); // the least recently used went
    QVERIFY(store.conversation("r1"));
    QVERIFY(store.conversation("r3"));
    QVERIFY(store.conversation("r4"));
}

void TestResponseStore::boundsBytes()
{
    ResponseStore::Options o;
    o.maxBytes = 4000;
    ResponseStore store(o);
    const std::string big(1500, 'x');
    store.put("r1", conversation(big, "x"), responseObject("r1"));
    store.put("r2", conversation(big, "x"), responseObject("r2"));
    QCOMPARE(store.size(), 2);
    store.put("r3", conversation(big, "x"), responseObject("r3"));
    QCOMPARE(store.size(), 2);
    QVERIFY(store.totalBytes() <= 4000);
    QVERIFY(!store.conversation("r1"));
    // One entry larger than the whole budget is not kept at all.
    store.put("huge", conversation(std::string(5000, 'y'), "x"), responseObject("huge"));
    QVERIFY(!store.conversation("huge"));
    QVERIFY(store.totalBytes() <= 4000);
}

void TestResponseStore::persistence()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    ResponseStore::Options o;
    o.directory = dir.path();
    {
        ResponseStore store(o);
        store.put("resp_keep", conversation("hi", "hello"), responseObject("resp_keep"));
        store.put("resp_gone", conversation("a", "b"), responseObject("resp_gone"));
        store.flush();
        QVERIFY(QFile::exists(dir.filePath(QStringLiteral("resp_keep.json"))));
        QVERIFY(store.remove("resp_gone"));
    } // destructor waits for the writes
    QVERIFY(!QFile::exists(dir.filePath(QStringLiteral("resp_gone.json"))));

    ResponseStore again(o);
    QCOMPARE(again.size(), 1);
    auto conv = again.conversation("resp_keep");
    QVERIFY(conv);
    QCOMPARE(conv->at(1).content.at(2).text, std::string("hello"));
    QCOMPARE(again.response("resp_keep")->at("id"), bj::value("resp_keep"));
    QVERIFY(!again.conversation("resp_gone"));

    // Expired on disk: dropped when the next instance starts.
    FakeClock clock;
    clock.now = QDateTime::currentMSecsSinceEpoch() + 2 * 24 * 3600 * 1000ll;
    ResponseStore later(o, [&clock] { return clock.now; });
    QCOMPARE(later.size(), 0);
    QVERIFY(!later.conversation("resp_keep"));
}

void TestResponseStore::corruptFileSkipped_data()
{
    QTest::addColumn<QByteArray>("content");
    QTest::newRow("truncated") << QByteArray(R"({"v":1,"id":"resp_bad","conversation":[)");
    QTest::newRow("not an object") << QByteArray("[1,2,3]");
    QTest::newRow("wrong id") << QByteArray(R"({"v":1,"id":"other","conversation":[],"response":{}})");
    QTest::newRow("bad message") << QByteArray(R"({"v":1,"id":"resp_bad","conversation":[{"role":"robot","content":[]}],"response":{}})");
    QTest::newRow("empty") << QByteArray();
}

void TestResponseStore::corruptFileSkipped()
{
    QFETCH(QByteArray, content);
    QTemporaryDir dir;
    QFile f(dir.filePath(QStringLiteral("resp_bad.json")));
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(content);
    f.close();
    ResponseStore::Options o;
    o.directory = dir.path();
    ResponseStore store(o);
    QCOMPARE(store.size(), 1); // known by name until read
    QTest::ignoreMessage(QtWarningMsg, QRegularExpression(QStringLiteral("responses store: skipping .*resp_bad.json")));
    QVERIFY(!store.conversation("resp_bad"));
    QCOMPARE(store.size(), 0);
    store.flush();
    QVERIFY(!QFile::exists(f.fileName()));
}

void TestResponseStore::invalidIds()
{
    ResponseStore store;
    QTest::ignoreMessage(QtWarningMsg, QRegularExpression(QStringLiteral("refusing an id")));
    store.put("../../etc/passwd", conversation("a", "b"), responseObject("x"));
    QCOMPARE(store.size(), 0);
    QVERIFY(!store.conversation("../../etc/passwd"));
    QVERIFY(!store.remove(""));
}

QTEST_GUILESS_MAIN(TestResponseStore)
#include "tst_responsestore.moc"
