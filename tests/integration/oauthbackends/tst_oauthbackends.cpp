// SPDX-License-Identifier: GPL-3.0-or-later
// Subscription (OAuth) backends through the whole proxy: each client dialect reaches the fake
// ChatGPT Codex and Code Assist APIs with the account's bearer token and the provider's wrapping
// and headers, and gets the answer (with usage) in its own dialect; token expiry under load
// refreshes once; a revoked login fails fast and clearly; a quota answer moves to the next account.
// Built twice: with an in-memory keychain, and (LIP_OAUTH_REAL_KEYCHAIN) against the real
// Secret Service inside tests/integration/credentials/with_keyring.sh.

#include "backends/oauth/accountstore.h"
#include "engine.h"
#include "fakesubscriptionapi.h"
#include "memorysecrets.h"
#include "proxyservice.h"
#include "rawhttpclient.h"

#include <QJsonArray>
#include <QMutex>
#include <QRegularExpression>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace lip;
using lip::test::FakeRequest;
using lip::test::FakeSubscriptionApi;
using lip::test::MemorySecrets;
using lip::test::RawHttpClient;

namespace {

const QString kStore = QStringLiteral("oauthbackends-test");

QMutex g_logMutex;
QStringList g_log;
QtMessageHandler g_previousHandler = nullptr;

void collectLog(QtMsgType type, const QMessageLogContext &context, const QString &message)
{
    {
        QMutexLocker lock(&g_logMutex);
        g_log << message;
    }
    if (g_previousHandler)
        g_previousHandler(type, context, message);
}

struct ClientCall
{
    QByteArray target;
    RawHttpClient::Headers headers;
    QByteArray body;
};

// One generate request in `dialect` for `model`.
ClientCall clientCall(const QString &dialect, const QByteArray &model, bool stream)
{
    const QByteArray s = stream ? "true" : "false";
    const RawHttpClient::Headers json = {qMakePair(QByteArray("Content-Type"), QByteArray("application/json"))};
    if (dialect == QLatin1String("openai")) // a streaming OpenAI client gets usage only when it asks
        return {"/v1/chat/completions", json,
                R"({"model":")" + model + R"(","messages":[{"role":"user","content":"hi"}],"stream":)" + s
                    + (stream ? R"(,"stream_options":{"include_usage":true}})" : "}")};
    if (dialect == QLatin1String("responses"))
        return {"/v1/responses", json, R"({"model":")" + model + R"(","input":"hi","max_output_tokens":64,"stream":)" + s + "}"};
    if (dialect == QLatin1String("anthropic")) {
        RawHttpClient::Headers h = json;
        h.append(qMakePair(QByteArray("anthropic-version"), QByteArray("2023-06-01")));
        return {"/v1/messages", h,
                R"({"model":")" + model + R"(","max_tokens":64,"messages":[{"role":"user","content":"hi"}],"stream":)" + s + "}"};
    }
    return {"/v1beta/models/" + model + (stream ? ":streamGenerateContent?alt=sse" : ":generateContent"), json,
            R"({"contents":[{"role":"user","parts":[{"text":"hi"}]}]})"};
}

// The output token count the client was told, found in its dialect's usage fields (Gemini counts
// reasoning apart from the candidates).
bool mentionsOutputTokens(const QByteArray &body, int tokens, int reasoning)
{
    const QByteArray n = QByteArray::number(tokens);
    if (body.contains("candidatesTokenCount"))
        return body.contains(QByteArray("\"candidatesTokenCount\":" + QByteArray::number(tokens - reasoning)));
    return body.contains(QByteArray("\"completion_tokens\":" + n)) || body.contains(QByteArray("\"output_tokens\":" + n))
           || body.contains(QByteArray("\"candidatesTokenCount\":" + n));
}

} // namespace

class TestOAuthBackends : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<QTemporaryDir> m_dataDir;
    std::unique_ptr<FakeSubscriptionApi> m_fake;
    std::unique_ptr<EngineClient> m_engine;
    quint16 m_port = 0;
    oauth::AccountIndex m_index;
    // Seeds tokens. Lives as long as the test: a keychain job may still hold on to it after its
    // callback (destroying it right away crashed inside QtKeychain).
    std::unique_ptr<oauth::TokenVault> m_vault;

    // An account in accounts.json and its tokens in the (memory) keychain. `expiresIn` < 0: the
    // stored access token has expired, so the first use refreshes it.
    void addAccount(const QString &provider, const QString &label, int expiresIn, const QJsonObject &extra = {})
    {
        m_fake->addAccount(label);
        oauth::Account account;
        account.id = QStringLiteral("%1:%2@example.com").arg(provider, label);
        account.provider = provider;
        account.email = label + QStringLiteral("@example.com");
        account.extra = extra;
        if (provider == QLatin1String("openai") && !extra.contains(QStringLiteral("chatgpt_account_id")))
            account.extra.insert(QStringLiteral("chatgpt_account_id"), QString(QStringLiteral("acct-") + label));
        m_index.storeId = kStore;
        m_index.upsert(account);
        QCOMPARE(oauth::saveAccountIndex(oauth::accountsFilePath(m_dataDir->path()), m_index), QString());

        oauth::StoredTokens stored;
        stored.tokens.accessToken = expiresIn < 0 ? QStringLiteral("at-%1-stale").arg(label) : m_fake->accessToken(label);
        stored.tokens.refreshToken = m_fake->refreshToken(label);
        stored.tokens.expiresAt = QDateTime::currentDateTimeUtc().addSecs(expiresIn < 0 ? -60 : expiresIn);
        oauth::TokenVault &vault = *m_vault;
        bool written = false;
        QString error;
        vault.write(kStore, account.id, stored, [&](const QString &e) {
            error = e;
            written = true;
        });
        QTRY_VERIFY(written);
        QCOMPARE(error, QString());
    }

    config::BackendConfig backend(const QString &name, const QString &type, const QString &path)
    {
        config::BackendConfig b;
        b.name = name;
        b.type = type;
        b.baseUrl = m_fake->baseUrl().toString() + path;
        b.timeoutSeconds = 20;
        return b;
    }

    void startEngine(std::vector<config::BackendConfig> backends)
    {
        // The token endpoints of both providers point at the fake (the broker reads these).
        qputenv("OPENAI_CODEX_OAUTH_BASE_URL", m_fake->baseUrl().toString().toUtf8());
        qputenv("GEMINI_OAUTH_BASE_URL", m_fake->baseUrl().toString().toUtf8());
        config::Config config;
        config.host = QStringLiteral("127.0.0.1");
        config.port = 0;
        config.backends = std::move(backends);
        config.defaultBackend = config.backends.front().name;
        config.dataDir = m_dataDir->path();
        config.retry.maxRetries = 0;
        config.health.failureThreshold = 100;
        config.usage.enabled = false;
        m_engine = std::make_unique<EngineClient>();
        const QString error = m_engine->startAndWait(config);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        m_port = quint16(m_engine->status().listenAddress.section(QLatin1Char(':'), -1).toUInt());
        QVERIFY(m_port != 0);
    }

    std::unique_ptr<RawHttpClient> send(const QString &dialect, const QByteArray &model, bool stream)
    {
        const ClientCall call = clientCall(dialect, model, stream);
        auto client = std::make_unique<RawHttpClient>(m_port);
        client->send("POST", call.target, call.headers, call.body);
        return client;
    }

private Q_SLOTS:
    void initTestCase()
    {
#ifndef LIP_OAUTH_REAL_KEYCHAIN
        ProxyService::setOAuthSecretBackendFactory([] { return std::make_unique<MemorySecrets>(); });
#endif
        g_previousHandler = qInstallMessageHandler(collectLog);
#ifdef LIP_OAUTH_REAL_KEYCHAIN
        m_vault = std::make_unique<oauth::TokenVault>(nullptr); // the OS keychain, as the engine's broker reads it
#else
        m_vault = std::make_unique<oauth::TokenVault>(std::make_unique<MemorySecrets>());
#endif
    }

    // No access or refresh token ever reaches a log line (the fake's tokens: at-<label>-<n>, rt-<label>).
    void cleanupTestCase()
    {
        m_vault.reset();
        qInstallMessageHandler(g_previousHandler);
        static const QRegularExpression token(QStringLiteral("\\b(at-[a-z]-(stale|expired|\\d)|rt-[a-z]\\b)"));
        QMutexLocker lock(&g_logMutex);
        bool sawAccountLine = false;
        for (const QString &line : std::as_const(g_log)) {
            QVERIFY2(!token.match(line).hasMatch(), qPrintable(QStringLiteral("token in log: ") + line));
            sawAccountLine = sawAccountLine || line.contains(QLatin1String("openai:r@example.com"));
        }
        QVERIFY2(sawAccountLine, "no log line named an account (so this check saw nothing)");
    }

    void init()
    {
        MemorySecrets::clearAll();
        m_index = {};
        m_dataDir = std::make_unique<QTemporaryDir>();
        QVERIFY(m_dataDir->isValid());
        m_fake = std::make_unique<FakeSubscriptionApi>();
        QVERIFY(m_fake->listen());
    }

    void cleanup()
    {
        m_engine.reset();
        m_fake.reset();
        m_dataDir.reset();
    }

    void everyDialect_data()
    {
        QTest::addColumn<QString>("dialect");
        QTest::addColumn<QString>("backendType");
        QTest::addColumn<bool>("stream");
        for (const char *type : {"openai-codex", "gemini-oauth-plan"}) {
            for (const char *dialect : {"openai", "responses", "anthropic", "gemini"}) {
                for (bool stream : {false, true}) {
                    QTest::addRow("%s via %s%s", type, dialect, stream ? ", stream" : "")
                        << QString::fromLatin1(dialect) << QString::fromLatin1(type) << stream;
                }
            }
        }
    }

    // Each client dialect, stream and not, reaches the provider's API with the account's token and
    // the provider's wrapping, and reads the answer and its usage in its own dialect.
    void everyDialect()
    {
        QFETCH(QString, dialect);
        QFETCH(QString, backendType);
        QFETCH(bool, stream);
        const bool codex = backendType == QLatin1String("openai-codex");
        addAccount(codex ? QStringLiteral("openai") : QStringLiteral("google"), QStringLiteral("a"), 3600);
        startEngine({codex ? backend(QStringLiteral("sub"), backendType, QStringLiteral("/backend-api/codex"))
                           : backend(QStringLiteral("sub"), backendType, QString())});

        auto client = send(dialect, codex ? "sub:gpt-5" : "sub:gemini-2.5-pro", stream);
        QVERIFY(client->waitForEnd(20000));
        QVERIFY2(client->status() == 200, client->body().constData());
        QVERIFY2(client->body().contains(codex ? "Hello from a" : "Hello from a in proj-a"), client->body().constData());
        QVERIFY2(mentionsOutputTokens(client->body(), codex ? 7 : 4, codex ? 1 : 0), client->body().constData());

        // Code Assist: ":generateContent" never matches ":streamGenerateContent" (case).
        const QByteArray path = codex ? "/backend-api/codex/responses" : stream ? ":streamGenerateContent" : ":generateContent";
        const QList<FakeRequest> calls = m_fake->apiRequests(path);
        QCOMPARE(calls.size(), 1);
        const FakeRequest &r = calls.first();
        QCOMPARE(r.header("authorization"), QByteArray("Bearer ") + m_fake->accessToken(QStringLiteral("a")).toUtf8());
        const QJsonObject body = QJsonDocument::fromJson(r.body).object();
        if (codex) {
            QCOMPARE(r.header("chatgpt-account-id"), QByteArray("acct-a"));
            QCOMPARE(r.header("openai-beta"), QByteArray("responses=experimental"));
            QVERIFY(!r.header("originator").isEmpty());
            QVERIFY(!r.header("session_id").isEmpty());
            QCOMPARE(body.value(QStringLiteral("store")), QJsonValue(false));
            QCOMPARE(body.value(QStringLiteral("stream")), QJsonValue(true)); // even for a non-stream client
            QVERIFY(!body.contains(QStringLiteral("max_output_tokens")));
            QCOMPARE(body.value(QStringLiteral("model")).toString(), QStringLiteral("gpt-5"));
        } else {
            QCOMPARE(body.value(QStringLiteral("model")).toString(), QStringLiteral("gemini-2.5-pro"));
            QCOMPARE(body.value(QStringLiteral("project")).toString(), QStringLiteral("proj-a"));
            QVERIFY(body.value(QStringLiteral("request")).toObject().value(QStringLiteral("contents")).isArray());
            QCOMPARE(r.query, stream ? QByteArray("alt=sse") : QByteArray());
            QCOMPARE(m_fake->apiRequestCount(":loadCodeAssist"), 1);
        }
    }

    // The stored token has expired: 20 requests at once wait for one refresh, then all succeed
    // with the new token.
    void expiryRefreshesOnce()
    {
        addAccount(QStringLiteral("openai"), QStringLiteral("a"), -1);
        startEngine({backend(QStringLiteral("codex"), QStringLiteral("openai-codex"), QStringLiteral("/backend-api/codex"))});
        std::vector<std::unique_ptr<RawHttpClient>> clients;
        for (int i = 0; i < 20; ++i)
            clients.push_back(send(QStringLiteral("openai"), "codex:gpt-5", i % 2 == 0));
        for (auto &client : clients) {
            QVERIFY(client->waitForEnd(20000));
            QVERIFY2(client->status() == 200, client->body().constData());
            QVERIFY(client->body().contains("Hello from a"));
        }
        QCOMPARE(m_fake->refreshCount(), 1);
        QCOMPARE(m_fake->apiRequestCount("/backend-api/codex/responses"), 20);
        for (const FakeRequest &r : m_fake->apiRequests("/backend-api/codex/responses"))
            QCOMPARE(r.header("authorization"), QByteArray("Bearer ") + m_fake->accessToken(QStringLiteral("a")).toUtf8());
    }

    // The provider stops accepting the access token: one refresh, one resend, success.
    void unauthorizedRefreshesOnceAndResends()
    {
        addAccount(QStringLiteral("openai"), QStringLiteral("a"), 3600);
        startEngine({backend(QStringLiteral("codex"), QStringLiteral("openai-codex"), QStringLiteral("/backend-api/codex"))});
        m_fake->expireAccessToken(QStringLiteral("a"));
        auto client = send(QStringLiteral("anthropic"), "codex:gpt-5", false);
        QVERIFY(client->waitForEnd(20000));
        QVERIFY2(client->status() == 200, client->body().constData());
        QCOMPARE(m_fake->refreshCount(), 1);
        QCOMPARE(m_fake->apiRequestCount("/backend-api/codex/responses"), 2);
    }

    void revokedLogin_data()
    {
        QTest::addColumn<QString>("dialect");
        QTest::addColumn<QByteArray>("errorShape"); // what the dialect's error envelope contains
        QTest::newRow("openai") << QStringLiteral("openai") << QByteArray("\"error\":{");
        QTest::newRow("responses") << QStringLiteral("responses") << QByteArray("\"error\":{");
        QTest::newRow("anthropic") << QStringLiteral("anthropic") << QByteArray("\"type\":\"error\"");
        QTest::newRow("gemini") << QStringLiteral("gemini") << QByteArray("\"status\":");
    }

    // The refresh token was revoked: every client gets its dialect's error naming the account and
    // how to sign in again; the app hears it once; nothing is retried and the API is never called.
    void revokedLogin()
    {
        QFETCH(QString, dialect);
        QFETCH(QByteArray, errorShape);
        addAccount(QStringLiteral("openai"), QStringLiteral("r"), -1);
        m_fake->revokeRefreshToken(QStringLiteral("r"));
        startEngine({backend(QStringLiteral("codex"), QStringLiteral("openai-codex"), QStringLiteral("/backend-api/codex"))});
        QSignalSpy signInNeeded(m_engine.get(), &EngineClient::accountNeedsSignIn);
        for (int i = 0; i < 3; ++i) {
            auto client = send(dialect, "codex:gpt-5", i == 1);
            QVERIFY(client->waitForEnd(20000));
            QCOMPARE(client->status(), 401);
            QVERIFY2(client->body().contains(errorShape), client->body().constData());
            QVERIFY2(client->body().contains("openai:r@example.com"), client->body().constData());
            QVERIFY2(client->body().contains("auth login openai"), client->body().constData());
        }
        QTRY_COMPARE(signInNeeded.size(), 1);
        QCOMPARE(signInNeeded.first().at(0).toString(), QStringLiteral("openai:r@example.com"));
        QCOMPARE(m_fake->refreshCount(), 1);
        QCOMPARE(m_fake->apiRequestCount("/backend-api/codex/"), 0);
    }

    void quotaMovesToNextAccount_data()
    {
        QTest::addColumn<QString>("backendType");
        QTest::newRow("codex") << QStringLiteral("openai-codex");
        QTest::newRow("code assist") << QStringLiteral("gemini-oauth-plan");
    }

    // Account a is out of quota: the request is answered by account b, and the next request goes
    // straight to b.
    void quotaMovesToNextAccount()
    {
        QFETCH(QString, backendType);
        const bool codex = backendType == QLatin1String("openai-codex");
        const QString provider = codex ? QStringLiteral("openai") : QStringLiteral("google");
        addAccount(provider, QStringLiteral("a"), 3600);
        addAccount(provider, QStringLiteral("b"), 3600);
        m_fake->setOutOfQuota(QStringLiteral("a"));
        startEngine({backend(QStringLiteral("sub"), backendType, codex ? QStringLiteral("/backend-api/codex") : QString())});
        const QByteArray path = codex ? "/backend-api/codex/responses" : ":generateContent";
        auto first = send(QStringLiteral("openai"), codex ? "sub:gpt-5" : "sub:gemini-2.5-pro", false);
        QVERIFY(first->waitForEnd(20000));
        QVERIFY2(first->status() == 200, first->body().constData());
        QVERIFY2(first->body().contains("Hello from b"), first->body().constData());
        QCOMPARE(m_fake->apiRequestCount(path), 2);
        auto second = send(QStringLiteral("openai"), codex ? "sub:gpt-5" : "sub:gemini-2.5-pro", false);
        QVERIFY(second->waitForEnd(20000));
        QVERIFY(second->body().contains("Hello from b"));
        QCOMPARE(m_fake->apiRequestCount(path), 3);
    }

    // Only one account and it is out of quota: a rate-limit error in the client's dialect, no loop.
    void quotaWithoutAnotherAccount()
    {
        addAccount(QStringLiteral("openai"), QStringLiteral("a"), 3600);
        m_fake->setOutOfQuota(QStringLiteral("a"));
        startEngine({backend(QStringLiteral("codex"), QStringLiteral("openai-codex"), QStringLiteral("/backend-api/codex"))});
        auto client = send(QStringLiteral("openai"), "codex:gpt-5", false);
        QVERIFY(client->waitForEnd(20000));
        QCOMPARE(client->status(), 429);
        QCOMPARE(m_fake->apiRequestCount("/backend-api/codex/responses"), 1);
    }

    // A free-tier account that was never onboarded: loadCodeAssist offers the free tier,
    // onboardUser is polled until done, and the managed project is used (and remembered).
    void freeTierOnboarding()
    {
        addAccount(QStringLiteral("google"), QStringLiteral("f"), 3600);
        m_fake->setLoadCodeAssist(QStringLiteral("f"),
                                  QJsonObject{{QStringLiteral("allowedTiers"),
                                               QJsonArray{QJsonObject{{QStringLiteral("id"), QStringLiteral("free-tier")},
                                                                      {QStringLiteral("isDefault"), true}}}}});
        m_fake->setOnboardPolls(2);
        startEngine({backend(QStringLiteral("gfree"), QStringLiteral("gemini-oauth-free"), QString())});
        for (int i = 0; i < 2; ++i) {
            auto client = send(QStringLiteral("gemini"), "gfree:gemini-2.5-flash", false);
            QVERIFY(client->waitForEnd(20000));
            QVERIFY2(client->status() == 200, client->body().constData());
            QVERIFY2(client->body().contains("Hello from f in managed-f"), client->body().constData());
        }
        QCOMPARE(m_fake->apiRequestCount(":loadCodeAssist"), 1);
        QCOMPARE(m_fake->apiRequestCount(":onboardUser"), 3);
        const QJsonObject onboard = QJsonDocument::fromJson(m_fake->apiRequests(":onboardUser").first().body).object();
        QCOMPARE(onboard.value(QStringLiteral("tierId")).toString(), QStringLiteral("free-tier"));
        QVERIFY(!onboard.contains(QStringLiteral("cloudaicompanionProject")));
    }

    // gemini-oauth-plan refuses a free-tier-only account with a message saying what to use instead.
    void planRefusesFreeTier()
    {
        addAccount(QStringLiteral("google"), QStringLiteral("f"), 3600);
        m_fake->setLoadCodeAssist(QStringLiteral("f"),
                                  QJsonObject{{QStringLiteral("currentTier"), QJsonObject{{QStringLiteral("id"), QStringLiteral("free-tier")}}},
                                              {QStringLiteral("cloudaicompanionProject"), QStringLiteral("managed-f")}});
        startEngine({backend(QStringLiteral("gplan"), QStringLiteral("gemini-oauth-plan"), QString())});
        auto client = send(QStringLiteral("anthropic"), "gplan:gemini-2.5-pro", false);
        QVERIFY(client->waitForEnd(20000));
        QCOMPARE(client->status(), 403);
        QVERIFY2(client->body().contains("gemini-oauth-free"), client->body().constData());
        QCOMPARE(m_fake->apiRequestCount(":generateContent"), 0);
    }

    // gemini-cli-cloud-project bills the user's own project: without one it says how to set it;
    // with one (backend project_id) the request carries it.
    void cloudProjectNeedsProject()
    {
        qunsetenv("GOOGLE_CLOUD_PROJECT");
        qunsetenv("GOOGLE_CLOUD_PROJECT_ID");
        addAccount(QStringLiteral("google"), QStringLiteral("g"), 3600);
        config::BackendConfig without = backend(QStringLiteral("gcp"), QStringLiteral("gemini-cli-cloud-project"), QString());
        config::BackendConfig with = backend(QStringLiteral("gcp2"), QStringLiteral("gemini-cli-cloud-project"), QString());
        with.projectId = QStringLiteral("my-own-project");
        startEngine({without, with});
        auto refused = send(QStringLiteral("openai"), "gcp:gemini-2.5-pro", false);
        QVERIFY(refused->waitForEnd(20000));
        QCOMPARE(refused->status(), 400);
        QVERIFY2(refused->body().contains("GOOGLE_CLOUD_PROJECT"), refused->body().constData());
        auto served = send(QStringLiteral("openai"), "gcp2:gemini-2.5-pro", false);
        QVERIFY(served->waitForEnd(20000));
        QVERIFY2(served->status() == 200, served->body().constData());
        QVERIFY2(served->body().contains("Hello from g in my-own-project"), served->body().constData());
        const QJsonObject load = QJsonDocument::fromJson(m_fake->apiRequests(":loadCodeAssist").first().body).object();
        QCOMPARE(load.value(QStringLiteral("cloudaicompanionProject")).toString(), QStringLiteral("my-own-project"));
    }

    // No account signed in: a clear error naming the provider and the sign-in command.
    void noAccount()
    {
        startEngine({backend(QStringLiteral("codex"), QStringLiteral("openai-codex"), QStringLiteral("/backend-api/codex"))});
        auto client = send(QStringLiteral("openai"), "codex:gpt-5", false);
        QVERIFY(client->waitForEnd(20000));
        QCOMPARE(client->status(), 401);
        QVERIFY2(client->body().contains("auth login openai"), client->body().constData());
    }
};

QTEST_GUILESS_MAIN(TestOAuthBackends)
#include "tst_oauthbackends.moc"
