// SPDX-License-Identifier: GPL-3.0-or-later
// PKCE (RFC 7636) and `state`: the known-answer vector, and properties of fresh values.

#include "backends/oauth/identity.h"
#include "backends/oauth/oauthproviders.h"
#include "backends/oauth/pkce.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QSet>
#include <QTest>

using namespace lip::oauth;

class TestOAuthPkce : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void rfc7636AppendixB()
    {
        QCOMPARE(pkceChallenge("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"),
                 QByteArray("E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM"));
    }

    void freshVerifiersAreWellFormedAndDistinct()
    {
        const QRegularExpression unreserved(QStringLiteral("^[A-Za-z0-9._~-]{43,128}$"));
        QSet<QByteArray> seen;
        for (int i = 0; i < 50; ++i) {
            const Pkce p = makePkce();
            QVERIFY2(unreserved.match(QString::fromLatin1(p.verifier)).hasMatch(), p.verifier.constData());
            QCOMPARE(p.challenge, pkceChallenge(p.verifier));
            QVERIFY(!p.challenge.contains('='));
            QVERIFY(!seen.contains(p.verifier));
            seen.insert(p.verifier);
        }
    }

    void statesAreUrlSafeAndDistinct()
    {
        const QRegularExpression urlSafe(QStringLiteral("^[A-Za-z0-9_-]{43}$"));
        QSet<QString> seen;
        for (int i = 0; i < 50; ++i) {
            const QString s = randomState();
            QVERIFY2(urlSafe.match(s).hasMatch(), qPrintable(s));
            QVERIFY(!seen.contains(s));
            seen.insert(s);
        }
    }

    void baseUrlOverrideKeepsPaths()
    {
        const QHash<QString, QString> env{{QStringLiteral("OPENAI_CODEX_OAUTH_BASE_URL"), QStringLiteral("http://127.0.0.1:9/prefix/")},
                                          {QStringLiteral("OPENAI_CODEX_OAUTH_REDIRECT_PORT"), QStringLiteral("0")}};
        const ProviderSpec s = providerSpec(QStringLiteral("openai"), env);
        QCOMPARE(s.tokenUrl, QUrl(QStringLiteral("http://127.0.0.1:9/prefix/oauth/token")));
        QCOMPARE(s.authorizeUrl, QUrl(QStringLiteral("http://127.0.0.1:9/prefix/oauth/authorize")));
        QCOMPARE(s.redirectPort, 0);
        const ProviderSpec plain = providerSpec(QStringLiteral("openai"), {});
        QCOMPARE(plain.tokenUrl, QUrl(QStringLiteral("https://auth.openai.com/oauth/token")));
        QCOMPARE(plain.redirectPort, 1455);
        QVERIFY(providerSpec(QStringLiteral("nope"), {}).info.id.isEmpty());
    }

    void importPathsHonourTheirVariables()
    {
        const QHash<QString, QString> env{{QStringLiteral("HOME"), QStringLiteral("/h")},
                                          {QStringLiteral("CODEX_HOME"), QStringLiteral("/c")}};
        QCOMPARE(defaultImportPath(QStringLiteral("openai"), env), QStringLiteral("/c/auth.json"));
        QCOMPARE(defaultImportPath(QStringLiteral("google"), env), QStringLiteral("/h/.gemini/oauth_creds.json"));
        QCOMPARE(defaultImportPath(QStringLiteral("anthropic"), env), QStringLiteral("/h/.claude/.credentials.json"));
        QVERIFY(!providerSpec(QStringLiteral("anthropic"), env).info.termsWarning.isEmpty());
        QVERIFY(providerSpec(QStringLiteral("google"), env).info.termsWarning.isEmpty());
    }

    void jwtClaimsOfOpenAIIdToken()
    {
        const QJsonObject claims{{QStringLiteral("email"), QStringLiteral("a@b.c")},
                                 {QStringLiteral("https://api.openai.com/auth"),
                                  QJsonObject{{QStringLiteral("chatgpt_account_id"), QStringLiteral("acc")},
                                              {QStringLiteral("chatgpt_plan_type"), QStringLiteral("pro")}}}};
        const QByteArray payload = QJsonDocument(claims).toJson(QJsonDocument::Compact);
        TokenSet t;
        t.idToken = QStringLiteral("eyJhbGciOiJub25lIn0.") + QString::fromLatin1(payload.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals))
                    + QStringLiteral(".x");
        Account a;
        applyIdentity(QStringLiteral("openai"), t, {}, &a);
        QCOMPARE(a.email, QStringLiteral("a@b.c"));
        QCOMPARE(a.plan, QStringLiteral("pro"));
        QCOMPARE(a.extra.value(QStringLiteral("chatgpt_account_id")).toString(), QStringLiteral("acc"));
        QVERIFY(jwtClaims(QStringLiteral("not.a-jwt")).isEmpty());
        QVERIFY(jwtClaims(QStringLiteral("garbage")).isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestOAuthPkce)
#include "tst_oauth_pkce.moc"
