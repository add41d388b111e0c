// SPDX-License-Identifier: GPL-3.0-or-later
// The desktop app's own config layer (engine/config/appconfig.h): how it is layered between the
// user's file and the environment, how it is written and read back, and that the user's file is
// never touched.

#include "config/appconfig.h"
#include "config/configloader.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>

using namespace lip;
using namespace lip::config;

namespace {

// A compact, comparable view of one aspect of a loaded config.
QString describe(const Config &c, const QString &what)
{
    const QString arg = what.section(QLatin1Char(':'), 1);
    if (what == QLatin1String("default"))
        return c.defaultModel.isEmpty() ? c.defaultBackend : c.defaultBackend + QLatin1Char(':') + c.defaultModel;
    if (what == QLatin1String("host"))
        return c.host;
    if (what == QLatin1String("port"))
        return QString::number(c.port);
    if (what == QLatin1String("anthropic_port"))
        return QString::number(c.anthropicPort);
    if (what == QLatin1String("data_dir"))
        return c.dataDir;
    if (what == QLatin1String("log"))
        return c.logLevel;
    if (what == QLatin1String("routes")) {
        QStringList names;
        for (const RouteConfig &r : c.routes)
            names << r.name;
        std::sort(names.begin(), names.end());
        return names.join(QLatin1Char(','));
    }
    if (what.startsWith(QLatin1String("route:"))) {
        const RouteConfig *r = c.route(arg);
        return r ? r->policy + QLatin1Char('|') + r->elements.join(QLatin1Char(',')) : QStringLiteral("<none>");
    }
    if (what == QLatin1String("aliases")) {
        QStringList out;
        for (auto it = c.modelAliases.cbegin(); it != c.modelAliases.cend(); ++it)
            out << it.key() + QLatin1Char('=') + it.value();
        std::sort(out.begin(), out.end());
        return out.join(QLatin1Char(','));
    }
    if (what == QLatin1String("rewrites")) {
        QStringList out;
        for (const ModelRewrite &r : c.rewrites)
            out << r.pattern + QStringLiteral("->") + r.target;
        return out.join(QLatin1Char(','));
    }
    if (what == QLatin1String("backends"))
        return c.backendNames().join(QLatin1Char(','));
    if (what.startsWith(QLatin1String("backend:"))) {
        const BackendConfig *b = c.backend(arg);
        if (!b)
            return QStringLiteral("<none>");
        return QStringLiteral("%1 %2 %3 keys=%4")
            .arg(b->type, b->enabled ? QStringLiteral("on") : QStringLiteral("off"), b->baseUrl)
            .arg(b->apiKeys.size());
    }
    if (what.startsWith(QLatin1String("origin:")))
        return c.origins.value(arg);
    if (what == QLatin1String("warnings"))
        return c.warnings.join(QLatin1Char('\n'));
    return QStringLiteral("<unknown aspect %1>").arg(what);
}

QHash<QString, QString> parseEnv(const QString &spec)
{
    QHash<QString, QString> env;
    for (const QString &pair : spec.split(QLatin1Char(';'), Qt::SkipEmptyParts))
        env.insert(pair.section(QLatin1Char('='), 0, 0), pair.section(QLatin1Char('='), 1));
    return env;
}

bool writeFile(const QString &path, const QByteArray &bytes)
{
    QFile f(path);
    return f.open(QIODevice::WriteOnly | QIODevice::Truncate) && f.write(bytes) == bytes.size();
}

QByteArray readFile(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

const QByteArray kUserYaml = R"(port: 8100
host: 127.0.0.1
default_backend: alpha
backends:
  alpha:
    type: openai
    api_key: sk-user-alpha-0001
    api_url: http://127.0.0.1:9001/v1
  bravo:
    type: anthropic
    api_key: sk-user-bravo-0001
    api_url: http://127.0.0.1:9002
    enabled: true
failover_routes:
  fast:
    policy: k
    elements: [alpha:m1, bravo:m2]
  keep:
    policy: m
    elements: [bravo:m3]
model_aliases:
  small: alpha:mini
  big: bravo:large
model_rewrites:
  - match: old-model
    target: alpha:new-model
)";

} // namespace

class TestAppConfig : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;

    QString userFile() const { return m_dir.filePath(QStringLiteral("config.yaml")); }

    CliOptions cli(const QString &layerPath) const
    {
        CliOptions o;
        o.configFile = userFile();
        o.appConfigFile = layerPath;
        return o;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        QVERIFY(writeFile(userFile(), kUserYaml));
    }

    // Each layering rule of appconfig.h, against the same user file.
    void layering_data()
    {
        QTest::addColumn<QByteArray>("layer");
        QTest::addColumn<QString>("env");
        QTest::addColumn<QString>("aspect");
        QTest::addColumn<QString>("expected");

        QTest::newRow("no layer: the user's default") << QByteArray() << QString() << "default" << "alpha";
        QTest::newRow("scalar default_backend: layer wins") << QByteArray("default_backend: bravo:claude-x\n")
                                                            << QString() << "default" << "bravo:claude-x";
        QTest::newRow("scalar port: layer wins") << QByteArray("port: 8200\n") << QString() << "port" << "8200";
        QTest::newRow("scalar anthropic_port") << QByteArray("anthropic_port: 8201\n") << QString() << "anthropic_port" << "8201";
        QTest::newRow("scalar host") << QByteArray("host: ::1\n") << QString() << "host" << "::1";
        QTest::newRow("scalar logging.level") << QByteArray("logging:\n  level: debug\n") << QString() << "log" << "debug";
        QTest::newRow("scalar data_dir") << QByteArray("data_dir: /tmp/elsewhere\n") << QString() << "data_dir"
                                         << "/tmp/elsewhere";
        QTest::newRow("env wins over the layer (LLM_BACKEND)")
            << QByteArray("default_backend: bravo\n") << "LLM_BACKEND=alpha:env-model" << "default" << "alpha:env-model";
        QTest::newRow("env wins over the layer (APP_PORT)") << QByteArray("port: 8200\n") << "APP_PORT=8300" << "port" << "8300";
        QTest::newRow("origin of a layer value names the layer file")
            << QByteArray("\nport: 8200\n") << QString() << "origin:port" << "@LAYER@:2";

        QTest::newRow("route of the same name replaced")
            << QByteArray("failover_routes:\n  fast:\n    policy: ordered\n    elements: [bravo:x]\n")
            << QString() << "route:fast" << "ordered|bravo:x";
        QTest::newRow("other user routes kept")
            << QByteArray("failover_routes:\n  fast:\n    elements: [bravo:x]\n") << QString() << "route:keep" << "m|bravo:m3";
        QTest::newRow("new route added")
            << QByteArray("failover_routes:\n  extra:\n    policy: km\n    elements: [alpha:a, bravo:b]\n")
            << QString() << "routes" << "extra,fast,keep";

        QTest::newRow("alias of the same name replaced, others kept")
            << QByteArray("model_aliases:\n  small: bravo:tiny\n  new: alpha:n\n") << QString() << "aliases"
            << "big=bravo:large,new=alpha:n,small=bravo:tiny";

        QTest::newRow("rewrites absent: the user's list")
            << QByteArray("port: 8100\n") << QString() << "rewrites" << "old-model->alpha:new-model";
        QTest::newRow("rewrites present: the layer's list replaces")
            << QByteArray("model_rewrites:\n  - pattern: ^gpt-(.*)$\n    target: alpha:\\1\n") << QString() << "rewrites"
            << "^gpt-(.*)$->alpha:\\1";
        QTest::newRow("rewrites empty list: none") << QByteArray("model_rewrites: []\n") << QString() << "rewrites" << "";

        QTest::newRow("backend override: enabled only, the user's URL kept")
            << QByteArray("backends:\n  bravo:\n    enabled: false\n") << QString() << "backend:bravo"
            << "anthropic off http://127.0.0.1:9002 keys=1";
        QTest::newRow("backend override: disabling the default backend is refused")
            << QByteArray("backends:\n  alpha:\n    enabled: false\n") << QString() << "error"
            << "@USER@:3: default_backend: default backend 'alpha' is disabled (configured backends: bravo)";
        QTest::newRow("backend override: api_url only, enabled kept")
            << QByteArray("backends:\n  bravo:\n    api_url: http://127.0.0.1:9999/\n") << QString() << "backend:bravo"
            << "anthropic on http://127.0.0.1:9999 keys=1";
        QTest::newRow("env URL wins over the layer's")
            << QByteArray("backends:\n  bravo:\n    api_url: http://127.0.0.1:9999\n")
            << "BRAVO_API_BASE_URL=http://127.0.0.1:7777" << "backend:bravo" << "anthropic on http://127.0.0.1:7777 keys=1";
        QTest::newRow("origin of an override")
            << QByteArray("backends:\n  bravo:\n    enabled: false\n") << QString() << "origin:backends.bravo.enabled"
            << "@LAYER@:3";
        QTest::newRow("new instance: keys from the environment")
            << QByteArray("backends:\n  openai.2:\n    type: openai\n    api_url: http://127.0.0.1:9003/v1\n")
            << "OPENAI_2_API_KEY=sk-env-openai2-0001" << "backend:openai.2" << "openai on http://127.0.0.1:9003/v1 keys=1";
        QTest::newRow("new instance: listed after the user's")
            << QByteArray("backends:\n  openai.2:\n    type: openai\n")
            << "OPENAI_2_API_KEY=sk-env-openai2-0001" << "backends" << "alpha,bravo,openai.2";
        QTest::newRow("new instance without a key is skipped with a warning")
            << QByteArray("backends:\n  gemini:\n    enabled: true\n") << QString() << "backends" << "alpha,bravo";
        QTest::newRow("stale override of a removed instance: ignored")
            << QByteArray("backends:\n  my-removed:\n    enabled: false\n") << QString() << "backends" << "alpha,bravo";
        QTest::newRow("stale override: says so")
            << QByteArray("backends:\n  my-removed:\n    enabled: false\n") << QString() << "warnings"
            << "@LAYER@:2: backends.my-removed: backend 'my-removed' is not configured any more; the app's setting "
               "for it is ignored";
        QTest::newRow("app section is accepted and changes nothing")
            << QByteArray("app:\n  start_hidden: true\n  start_at_login: false\n  language: zh_CN\n") << QString()
            << "default" << "alpha";
    }

    void layering()
    {
        QFETCH(QByteArray, layer);
        QFETCH(QString, env);
        QFETCH(QString, aspect);
        QFETCH(QString, expected);
        const QString layerPath = m_dir.filePath(QStringLiteral("layer-%1.yaml").arg(QTest::currentDataTag()).replace(QLatin1Char(' '), QLatin1Char('_')).replace(QLatin1Char(':'), QLatin1Char('_')));
        QFile::remove(layerPath);
        if (!layer.isNull())
            QVERIFY(writeFile(layerPath, layer));
        const Result<Config> loaded = loadConfig(cli(layerPath), parseEnv(env));
        const QString want = QString(expected).replace(QStringLiteral("@LAYER@"), layerPath).replace(QStringLiteral("@USER@"), userFile());
        if (aspect == QLatin1String("error")) {
            QVERIFY(!loaded.ok());
            QCOMPARE(loaded.error().message, want);
            QCOMPARE(loadConfigWithAppLayer(cli(layerPath), parseEnv(env), layer).error().message, want);
            return;
        }
        QVERIFY2(loaded.ok(), qPrintable(loaded ? QString() : loaded.error().message));
        QCOMPARE(describe(*loaded, aspect), want);

        // preview() of the same layer gives the same config as loading the saved file.
        if (!layer.isNull()) {
            const Result<Config> previewed = loadConfigWithAppLayer(cli(layerPath), parseEnv(env), layer);
            QVERIFY(previewed.ok());
            QCOMPARE(describe(*previewed, aspect), describe(*loaded, aspect));
        }
    }

    void cliWinsOverLayer()
    {
        const QString layerPath = m_dir.filePath(QStringLiteral("cli-layer.yaml"));
        QVERIFY(writeFile(layerPath, "port: 8200\ndefault_backend: bravo\n"));
        CliOptions o = cli(layerPath);
        o.port = 8400;
        o.defaultBackend = QStringLiteral("alpha:cli-model");
        const Result<Config> loaded = loadConfig(o, {});
        QVERIFY(loaded.ok());
        QCOMPARE(loaded->port, quint16(8400));
        QCOMPARE(describe(*loaded, QStringLiteral("default")), QStringLiteral("alpha:cli-model"));
    }

    void roundTrip()
    {
        AppLayer layer;
        layer.defaultBackend = QStringLiteral("bravo:claude: with colon");
        layer.host = QStringLiteral("::1");
        layer.port = 0;
        layer.anthropicPort = 8201;
        layer.dataDir = QStringLiteral("/tmp/a dir/with #hash");
        layer.logLevel = QStringLiteral("debug");
        RouteConfig r1;
        r1.name = QStringLiteral("z-route");
        r1.policy = QStringLiteral("mk");
        r1.elements = {QStringLiteral("alpha:m1?temperature=0.2"), QStringLiteral("bravo:m2|alpha:m3")};
        RouteConfig r2;
        r2.name = QStringLiteral("a-route");
        r2.elements = {QStringLiteral("alpha:true"), QStringLiteral("bravo:null")};
        layer.routes = {r1, r2};
        layer.modelAliases.insert(QStringLiteral("yes"), QStringLiteral("alpha:'quoted'"));
        layer.modelAliases.insert(QStringLiteral("ünï"), QStringLiteral("bravo:\"dq\""));
        ModelRewrite w1;
        w1.pattern = QStringLiteral("^gpt-(.*) $");
        w1.target = QStringLiteral("alpha:\\1");
        w1.regex = true;
        w1.frontend = QStringLiteral("anthropic");
        ModelRewrite w2;
        w2.pattern = QStringLiteral("exact");
        w2.target = QStringLiteral("bravo:x");
        layer.rewrites = std::vector<ModelRewrite>{w1, w2};
        AppBackendOverride o1;
        o1.name = QStringLiteral("alpha");
        o1.enabled = false;
        AppBackendOverride o2;
        o2.name = QStringLiteral("openai.2");
        o2.type = QStringLiteral("openai");
        o2.baseUrl = QStringLiteral("http://127.0.0.1:9003/v1");
        layer.backends = {o1, o2};
        layer.startHidden = true;
        layer.language = QStringLiteral("de");

        const QString path = m_dir.filePath(QStringLiteral("nested/dir/round.yaml"));
        QCOMPARE(writeAppLayer(path, layer), QString());
        const Result<AppLayer> read = readAppLayer(path);
        QVERIFY2(read.ok(), qPrintable(read ? QString() : read.error().message));
        QVERIFY(*read == layer);
        QCOMPARE(serializeAppLayer(*read), readFile(path)); // stable bytes
        // The loader reads the same values.
        const Result<Config> loaded = loadConfig(cli(path), {{QStringLiteral("OPENAI_2_API_KEY"), QStringLiteral("sk-x-00000001")}});
        QVERIFY2(loaded.ok(), qPrintable(loaded ? QString() : loaded.error().message));
        QCOMPARE(loaded->route(QStringLiteral("z-route"))->elements, r1.elements);
        QCOMPARE(loaded->modelAliases.value(QStringLiteral("ünï")), QStringLiteral("bravo:\"dq\""));
        QCOMPARE(loaded->dataDir, QStringLiteral("/tmp/a dir/with #hash"));
        QCOMPARE(describe(*loaded, QStringLiteral("rewrites")), QStringLiteral("^gpt-(.*) $->alpha:\\1,exact->bravo:x"));

        // An empty layer round-trips too, and a missing file is an empty layer.
        QCOMPARE(writeAppLayer(path, AppLayer{}), QString());
        QVERIFY(readAppLayer(path)->routes.empty());
        QVERIFY(*readAppLayer(path) == AppLayer{});
        QVERIFY(*readAppLayer(m_dir.filePath(QStringLiteral("missing.yaml"))) == AppLayer{});
    }

    void badLayerNamesFileLineKey_data()
    {
        QTest::addColumn<QByteArray>("layer");
        QTest::addColumn<QString>("expected"); // after "<file>:"

        QTest::newRow("a key the layer does not hold") << QByteArray("port: 8000\nsession:\n  max_sessions: 3\n")
                                                       << "2: unknown key 'session'";
        QTest::newRow("a key in a backend") << QByteArray("backends:\n  alpha:\n    api_key: sk-should-not-be-here\n")
                                            << "3: backends.alpha.api_key: the app's own config holds only type, enabled, api_url of a backend";
        QTest::newRow("bad policy") << QByteArray("failover_routes:\n  r:\n    policy: fastest\n    elements: [alpha:x]\n")
                                    << "3: failover_routes.r.policy: 'fastest' is not a policy";
        QTest::newRow("bare model element") << QByteArray("failover_routes:\n  r:\n    elements: [gpt-4o]\n")
                                            << "3: failover_routes.r.elements[0]: 'gpt-4o' must be backend:model";
        QTest::newRow("bad bool") << QByteArray("app:\n  start_hidden: maybe\n") << "2: app.start_hidden: expected true or false";
        QTest::newRow("bad locale") << QByteArray("app:\n  language: \"../../x\"\n") << "2: app.language: '../../x' is not a locale name";
        QTest::newRow("unknown app key") << QByteArray("app:\n  theme: dark\n") << "2: unknown key 'app.theme'";
        QTest::newRow("alias list") << QByteArray("model_aliases:\n  - pattern: x\n    replacement: y\n")
                                    << "1: model_aliases: expected a mapping";
        QTest::newRow("bad url") << QByteArray("backends:\n  alpha:\n    api_url: ftp://x\n")
                                 << "3: backends.alpha.api_url: must be an absolute http:// or https:// URL";
        QTest::newRow("syntax") << QByteArray("port: [8000\n") << "2:1: YAML syntax error";
        QTest::newRow("port range") << QByteArray("\n\nport: 70000\n") << "3: port: 70000 is out of range";
    }

    void badLayerNamesFileLineKey()
    {
        QFETCH(QByteArray, layer);
        QFETCH(QString, expected);
        const QString path = m_dir.filePath(QStringLiteral("bad.yaml"));
        QVERIFY(writeFile(path, layer));
        const Result<AppLayer> read = readAppLayer(path);
        QVERIFY(!read.ok());
        QVERIFY2(read.error().message.startsWith(path + QLatin1Char(':') + expected), qPrintable(read.error().message));
        QVERIFY(!read.error().message.contains(QLatin1String("sk-should-not-be-here")));
        // Start-up reports the same text.
        const Result<Config> loaded = loadConfig(cli(path), {});
        QVERIFY(!loaded.ok());
        QCOMPARE(loaded.error().message, read.error().message);
    }

    void previewReportsLoadConfigsError()
    {
        AppLayer layer;
        RouteConfig r;
        r.name = QStringLiteral("broken");
        r.elements = {QStringLiteral("alpha:ok"), QStringLiteral("nosuchbackend:model")};
        layer.routes = {r};
        const QString path = m_dir.filePath(QStringLiteral("preview.yaml"));
        QFile::remove(path);
        const Result<Config> previewed = previewConfig(cli(path), {}, layer);
        QVERIFY(!previewed.ok());
        QVERIFY2(previewed.error().message.contains(QLatin1String("nosuchbackend")), qPrintable(previewed.error().message));
        QVERIFY(!QFile::exists(path)); // a preview never writes
        QCOMPARE(writeAppLayer(path, layer), QString());
        const Result<Config> loaded = loadConfig(cli(path), {});
        QVERIFY(!loaded.ok());
        QCOMPARE(previewed.error().message, loaded.error().message);

        AppLayer defaults;
        defaults.defaultBackend = QStringLiteral("nope:model");
        const Result<Config> badDefault = previewConfig(cli(path), {}, defaults);
        QVERIFY(!badDefault.ok());
        QVERIFY(writeAppLayer(path, defaults).isEmpty());
        QCOMPARE(loadConfig(cli(path), {}).error().message, badDefault.error().message);
    }

    void failedWriteKeepsTheOldFile()
    {
        // QSaveFile writes a temporary file next to the target and renames it. A target name at
        // the file system's name limit leaves no room for the temporary name, so the write fails
        // (as root too, where permissions would not) while the old file exists.
        const QString dir = m_dir.filePath(QStringLiteral("atomic"));
        QVERIFY(QDir().mkpath(dir));
        const QString path = dir + QLatin1Char('/') + QString(250, QLatin1Char('a')) + QStringLiteral(".yaml");
        AppLayer first;
        first.port = 8111;
        QCOMPARE(writeAppLayer(path, first), QString());
        const QByteArray before = readFile(path);
        QVERIFY(before.contains("8111"));
        AppLayer second;
        second.port = 8222;
        const QString error = writeAppLayer(path, second);
        QVERIFY2(!error.isEmpty(), "the write was expected to fail");
        QVERIFY(error.contains(path));
        QCOMPARE(readFile(path), before);
        QCOMPARE(QDir(dir).entryList(QDir::Files | QDir::Hidden).size(), 1); // no temporary left behind
    }

    void userFileIsNeverTouched()
    {
        const QByteArray before = readFile(userFile());
        const QDateTime mtime = QFileInfo(userFile()).lastModified();
        const QString path = m_dir.filePath(QStringLiteral("touch/app-config.yaml"));
        for (int i = 0; i < 5; ++i) {
            AppLayer layer;
            layer.port = quint16(8500 + i);
            layer.defaultBackend = i % 2 ? QStringLiteral("bravo") : QStringLiteral("alpha");
            AppBackendOverride o;
            o.name = QStringLiteral("alpha");
            o.enabled = i % 2 == 0;
            layer.backends = {o};
            QVERIFY(previewConfig(cli(path), {}, layer).ok());
            QCOMPARE(writeAppLayer(path, layer), QString());
            const Result<Config> loaded = loadConfig(cli(path), {});
            QVERIFY(loaded.ok());
            QCOMPARE(loaded->port, quint16(8500 + i));
        }
        QCOMPARE(readFile(userFile()), before);
        QCOMPARE(QFileInfo(userFile()).lastModified(), mtime);
        QCOMPARE(QDir(m_dir.path()).entryList({QStringLiteral("config.yaml*")}, QDir::Files | QDir::Hidden),
                 QStringList{QStringLiteral("config.yaml")});
    }

    void appConfigPathHonoursTheVariable()
    {
        QCOMPARE(appConfigPath({{QStringLiteral("LLM_PROXY_APP_CONFIG"), QStringLiteral("/x/y.yaml")}}),
                 QStringLiteral("/x/y.yaml"));
        QVERIFY(appConfigPath({}).endsWith(QLatin1String("/llm-interactive-proxy/app-config.yaml")));
    }

    void userFileAppSectionIsOnlyAWarning()
    {
        const QString path = m_dir.filePath(QStringLiteral("user-with-app.yaml"));
        QVERIFY(writeFile(path, QByteArray(kUserYaml) + "app:\n  start_hidden: true\n"));
        CliOptions o;
        o.configFile = path;
        const Result<Config> loaded = loadConfig(o, {});
        QVERIFY(loaded.ok());
        QVERIFY(loaded->warnings.join(QLatin1Char('\n')).contains(QLatin1String("'app'")));
    }
};

QTEST_GUILESS_MAIN(TestAppConfig)
#include "tst_appconfig.moc"
