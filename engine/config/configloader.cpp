// SPDX-License-Identifier: GPL-3.0-or-later
#include "config/configloader.h"

#include "config/backendprofiles.h"

#include <QFile>
#include <QFileInfo>
#include <QHostAddress>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcessEnvironment>
#include <QRegularExpression>
#include <QSet>
#include <QUrl>

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <optional>

namespace lip::config {

namespace {

constexpr qint64 kMaxConfigFileBytes = 4 * 1024 * 1024;

// Keys of the Python llm-interactive-proxy that this version does not implement. Accepting them
// with a warning lets a user bring a config written for it instead of failing on the first one;
// anything else unknown is a typo and an error.
const QSet<QString> &referenceOnlyKeys()
{
    static const QSet<QString> keys = {
        // top level
        QStringLiteral("strict_command_detection"), QStringLiteral("context_window_override"),
        QStringLiteral("default_rate_limit"), QStringLiteral("default_rate_window"),
        QStringLiteral("model_defaults"), QStringLiteral("identity"),
        QStringLiteral("empty_response"), QStringLiteral("edit_precision"),
        QStringLiteral("rewriting"), QStringLiteral("app"), QStringLiteral("sso"),
        QStringLiteral("reasoning_aliases"),
        QStringLiteral("sandboxing"), QStringLiteral("codebuff"), QStringLiteral("replacement"),
        QStringLiteral("vtc_client_patterns"), QStringLiteral("usage_tracking"),
        // auth
        QStringLiteral("auth.auth_token"),
        QStringLiteral("auth.trusted_ips"), QStringLiteral("auth.brute_force_protection"),
        // logging
        QStringLiteral("logging.request_logging"), QStringLiteral("logging.response_logging"),
        QStringLiteral("logging.log_file"), QStringLiteral("logging.capture_file"),
        QStringLiteral("logging.capture_max_bytes"), QStringLiteral("logging.capture_truncate_bytes"),
        QStringLiteral("logging.capture_max_files"),
        // session
        QStringLiteral("session.cleanup_enabled"), QStringLiteral("session.cleanup_interval"),
        QStringLiteral("session.max_age"), QStringLiteral("session.default_interactive_mode"),
        QStringLiteral("session.force_set_project"), QStringLiteral("session.planning_phase"),
        QStringLiteral("session.tool_call_repair_enabled"), QStringLiteral("session.json_repair_enabled"),
        QStringLiteral("session.pytest_compression_enabled"),
        QStringLiteral("session.pytest_compression_min_lines"),
        QStringLiteral("session.dangerous_command_prevention_enabled"),
        QStringLiteral("session.tool_call_reactor"),
        // backends (section level and per instance)
        QStringLiteral("backends.disable_gemini_oauth_fallback"),
        QStringLiteral("backends.disable_hybrid_backend"), QStringLiteral("backends.static_route"),
        QStringLiteral("backend.extra"), QStringLiteral("backend.identity"),
        QStringLiteral("backend.connector"), QStringLiteral("backend.credentials_path"),
        QStringLiteral("backend.supported_input_types"), QStringLiteral("backend.allow_concurrent_use"),
        QStringLiteral("backend.capability_descriptor"),
    };
    return keys;
}

const QStringList kTopLevelKeys = {
    QStringLiteral("host"), QStringLiteral("port"), QStringLiteral("anthropic_port"),
    QStringLiteral("proxy_timeout"), QStringLiteral("command_prefix"),
    QStringLiteral("max_request_bytes"), QStringLiteral("models_cache_ttl_seconds"),
    QStringLiteral("data_dir"), QStringLiteral("default_backend"), QStringLiteral("auth"),
    QStringLiteral("session"), QStringLiteral("logging"), QStringLiteral("backends"),
    QStringLiteral("failover_routes"), QStringLiteral("model_aliases"), QStringLiteral("model_rewrites"),
    QStringLiteral("routing"), QStringLiteral("usage"), QStringLiteral("capture"),
};
const QStringList kAuthKeys = {QStringLiteral("disable_auth"), QStringLiteral("api_keys"),
                               QStringLiteral("redact_api_keys_in_prompts")};
const QStringList kSessionKeys = {
    QStringLiteral("disable_interactive_commands"), QStringLiteral("idle_expiry_seconds"),
    QStringLiteral("max_sessions"), QStringLiteral("redact_api_keys_in_prompts"),
    QStringLiteral("loop_detection"),
};
const QStringList kRoutingKeys = {
    QStringLiteral("max_retries"), QStringLiteral("backoff_initial_ms"), QStringLiteral("backoff_max_ms"),
    QStringLiteral("max_retry_after_seconds"), QStringLiteral("rate_limit_cooldown_seconds"),
    QStringLiteral("auth_failure_cooldown_seconds"), QStringLiteral("health"),
};
const QStringList kHealthKeys = {QStringLiteral("failure_threshold"), QStringLiteral("cooldown_seconds")};
const QStringList kUsageKeys = {
    QStringLiteral("enabled"), QStringLiteral("store"), QStringLiteral("postgres_url"),
    QStringLiteral("flush_interval_ms"), QStringLiteral("prices"),
};
const QStringList kPriceKeys = {
    QStringLiteral("model"), QStringLiteral("input_per_mtok"), QStringLiteral("output_per_mtok"),
    QStringLiteral("cache_read_per_mtok"), QStringLiteral("cache_write_per_mtok"),
};
const QStringList kUsageStores = {QStringLiteral("sqlite"), QStringLiteral("postgres")};
const QStringList kCaptureKeys = {
    QStringLiteral("enabled"), QStringLiteral("directory"), QStringLiteral("max_file_mb"),
    QStringLiteral("max_total_mb"), QStringLiteral("redact_bodies"),
};
const QStringList kRewriteKeys = {
    QStringLiteral("pattern"), QStringLiteral("match"), QStringLiteral("target"),
    QStringLiteral("replacement"), QStringLiteral("regex"), QStringLiteral("frontend"),
};
const QStringList kFrontendKeys = {QStringLiteral("openai"), QStringLiteral("openai-responses"),
                                   QStringLiteral("anthropic"), QStringLiteral("gemini")};
const QString kDefaultAppTitle = QStringLiteral("LLM Interactive Proxy");
const QStringList kLoggingKeys = {QStringLiteral("level")};
const QStringList kBackendKeys = {
    QStringLiteral("type"), QStringLiteral("api_key"), QStringLiteral("api_url"),
    QStringLiteral("timeout"), QStringLiteral("models"), QStringLiteral("extra_headers"),
    QStringLiteral("enabled"), QStringLiteral("reasoning_model"), QStringLiteral("execution_model"),
    QStringLiteral("reasoning_max_tokens"), QStringLiteral("app_url"), QStringLiteral("app_name"),
    QStringLiteral("oauth_url"), QStringLiteral("project_id"),
};
// Keys that only mean something for one type: the reader refuses them elsewhere.
const QStringList kHybridOnlyKeys = {QStringLiteral("reasoning_model"), QStringLiteral("execution_model"),
                                     QStringLiteral("reasoning_max_tokens")};
const QStringList kOpenRouterOnlyKeys = {QStringLiteral("app_url"), QStringLiteral("app_name")};
// Subscription (OAuth) backends only: the token endpoint's base, and a Code Assist project.
const QStringList kOAuthOnlyKeys = {QStringLiteral("oauth_url"), QStringLiteral("project_id")};
const QStringList kRouteKeys = {QStringLiteral("policy"), QStringLiteral("elements")};
const QStringList kRoutePolicies = {QStringLiteral("ordered"), QStringLiteral("k"),
                                    QStringLiteral("m"), QStringLiteral("km"), QStringLiteral("mk")};
const QStringList kLogLevels = {QStringLiteral("error"), QStringLiteral("warning"),
                                QStringLiteral("info"), QStringLiteral("debug")};
// The desktop app's own layer (appconfig.h) holds only what its pages edit; everything else
// belongs in the user's file, so a key here that the pages never write is a mistake.
const QStringList kAppLayerKeys = {
    QStringLiteral("default_backend"), QStringLiteral("host"), QStringLiteral("port"),
    QStringLiteral("anthropic_port"), QStringLiteral("data_dir"), QStringLiteral("logging"),
    QStringLiteral("backends"), QStringLiteral("failover_routes"), QStringLiteral("model_aliases"),
    QStringLiteral("model_rewrites"), QStringLiteral("app"),
};
const QStringList kAppLayerBackendKeys = {QStringLiteral("type"), QStringLiteral("enabled"), QStringLiteral("api_url")};
const QStringList kAppSectionKeys = {QStringLiteral("start_hidden"), QStringLiteral("start_at_login"),
                                     QStringLiteral("language")};

QString joined(const QStringList &list)
{
    return list.isEmpty() ? QStringLiteral("none") : list.join(QLatin1String(", "));
}

bool isValidInstanceName(const QString &name)
{
    static const QRegularExpression re(QStringLiteral("^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$"));
    return re.match(name).hasMatch();
}

bool isValidRouteName(const QString &name)
{
    static const QRegularExpression re(QStringLiteral("^[^\\s:|?]{1,128}$"));
    return re.match(name).hasMatch();
}

// A key or token as pasted: surrounding whitespace (a trailing newline from `$(cat file)`) is
// forgiven, anything inside that cannot be a header value is not.
std::optional<QString> cleanSecret(const QString &raw)
{
    const QString value = raw.trimmed();
    if (value.isEmpty())
        return std::nullopt;
    for (const QChar c : value) {
        if (c.isSpace() || c.unicode() < 0x20 || c.unicode() == 0x7f || c.unicode() > 0x7e)
            return std::nullopt;
    }
    return value;
}

std::optional<bool> parseBool(const QString &raw)
{
    const QString v = raw.trimmed().toLower();
    if (v == QLatin1String("true") || v == QLatin1String("yes") || v == QLatin1String("on")
        || v == QLatin1String("1"))
        return true;
    if (v == QLatin1String("false") || v == QLatin1String("no") || v == QLatin1String("off")
        || v == QLatin1String("0"))
        return false;
    return std::nullopt;
}

std::optional<qint64> parseInt(const QString &raw)
{
    bool ok = false;
    const qint64 v = raw.trimmed().toLongLong(&ok, 10);
    if (!ok)
        return std::nullopt;
    return v;
}

// Returns an error text, or empty when the URL is acceptable. Never echoes the URL: it may
// carry user:password.
QString checkBaseUrl(const QString &raw)
{
    const QUrl url(raw.trimmed(), QUrl::StrictMode);
    if (!url.isValid() || url.host().isEmpty()
        || (url.scheme() != QLatin1String("http") && url.scheme() != QLatin1String("https")))
        return QStringLiteral("must be an absolute http:// or https:// URL");
    if (url.hasQuery() || url.hasFragment())
        return QStringLiteral("must not contain a query (?...) or fragment (#...)");
    return {};
}

QString normaliseBaseUrl(const QString &raw)
{
    QString v = raw.trimmed();
    while (v.endsWith(QLatin1Char('/')))
        v.chop(1);
    return v;
}

std::optional<QString> normaliseLogLevel(const QString &raw)
{
    QString v = raw.trimmed().toLower();
    if (v == QLatin1String("warn"))
        v = QStringLiteral("warning");
    else if (v == QLatin1String("critical") || v == QLatin1String("fatal"))
        v = QStringLiteral("error"); // the reference's CRITICAL level: we have nothing above error
    if (!kLogLevels.contains(v))
        return std::nullopt;
    return v;
}

QString checkCommandPrefix(const QString &v)
{
    if (v.isEmpty())
        return QStringLiteral("must not be empty");
    if (v.size() > 10)
        return QStringLiteral("must be at most 10 characters");
    for (const QChar c : v) {
        if (c.isSpace() || !c.isPrint())
            return QStringLiteral("must not contain whitespace or control characters");
    }
    return {};
}

QString checkHost(const QString &v)
{
    if (v.compare(QLatin1String("localhost"), Qt::CaseInsensitive) == 0)
        return {};
    if (QHostAddress(v).isNull())
        return QStringLiteral("'%1' is not an IP address (use 127.0.0.1, ::1, 0.0.0.0, :: or "
                              "the address of a local interface)")
            .arg(v.left(80));
    return {};
}

// Everything collected from the layers before the cross-checks run.
struct Pending
{
    Config cfg;
    QString defaultSpec;       // "backend" or "backend:model"
    QString defaultSpecOrigin; // error label prefix: "config.yaml:4: default_backend", "LLM_BACKEND"
    QString hostLabel;         // where the host came from, for the auth error
    QHash<QString, QString> typeOrigin; // instance → label of its 'type' key
    // OpenRouter attribution per instance (app_url → HTTP-Referer, app_name → X-Title); turned
    // into extra headers at the end so the environment can still change them.
    QHash<QString, QString> appUrl;
    QHash<QString, QString> appName;
    // Route element → "file:line" of the element, for the cross-checks in finalize().
    QHash<QString, QString> routeElementOrigin;
};

// "backend:model?x=y|other" → the backend part of each alternative ("" for a bare model).
QStringList selectorBackends(const QString &selector)
{
    QStringList out;
    for (const QString &alt : selector.split(QLatin1Char('|'))) {
        const QString head = alt.section(QLatin1Char('?'), 0, 0).trimmed();
        const qsizetype colon = head.indexOf(QLatin1Char(':'));
        out << (colon < 0 ? QString() : head.left(colon));
    }
    return out;
}

// Returns an error text, or empty when the postgres URL looks usable. Never echoes the URL.
QString checkPostgresUrl(const QString &raw)
{
    const QUrl url(raw.trimmed(), QUrl::StrictMode);
    if (!url.isValid() || (url.scheme() != QLatin1String("postgres") && url.scheme() != QLatin1String("postgresql"))
        || url.host().isEmpty())
        return QStringLiteral("must look like postgres://user:password@host:5432/database");
    return {};
}

// Compiles a rewrite pattern the way modelrewrite.cpp uses it; empty on success.
QString checkRewritePattern(const QString &pattern)
{
    const QRegularExpression re(QRegularExpression::anchoredPattern(pattern));
    if (re.isValid())
        return {};
    return QStringLiteral("invalid regular expression at offset %1: %2")
        .arg(re.patternErrorOffset())
        .arg(re.errorString());
}

// ---- YAML layer -------------------------------------------------------------------------

class YamlReader
{
public:
    // `appLayer`: the file is the desktop app's own layer (appconfig.h): fewer keys, and its
    // entries merge into what the user's file declared instead of standing alone.
    YamlReader(const QString &fileName, Pending &pending, bool appLayer = false)
        : m_file(fileName), m_p(pending), m_cfg(pending.cfg), m_appLayer(appLayer)
    {}

    std::optional<Error> read(const QByteArray &yaml)
    {
        YAML::Node root;
        try {
            root = YAML::Load(yaml.toStdString());
        } catch (const YAML::ParserException &e) {
            return Error::invalid(QStringLiteral("%1:%2:%3: YAML syntax error: %4")
                                      .arg(m_file)
                                      .arg(e.mark.line + 1)
                                      .arg(e.mark.column + 1)
                                      .arg(QString::fromStdString(e.msg)));
        } catch (const std::exception &e) {
            return Error::invalid(QStringLiteral("%1: cannot read YAML: %2")
                                      .arg(m_file, QString::fromStdString(e.what())));
        }
        try {
            readRoot(root);
        } catch (const std::exception &e) {
            // yaml-cpp throws on conversions we did not foresee; never let it escape.
            fail(root, QStringLiteral("cannot read the configuration: %1")
                           .arg(QString::fromStdString(e.what())));
        }
        return m_error;
    }

private:
    QString m_file;
    Pending &m_p;
    Config &m_cfg;
    bool m_appLayer = false;
    std::optional<Error> m_error;

    int lineOf(const YAML::Node &node) const
    {
        const YAML::Mark mark = node.Mark();
        return mark.line >= 0 ? mark.line + 1 : 1;
    }
    QString where(const YAML::Node &node) const
    {
        return QStringLiteral("%1:%2").arg(m_file).arg(lineOf(node));
    }
    void fail(const YAML::Node &at, const QString &message)
    {
        if (!m_error)
            m_error = Error::invalid(where(at) + QStringLiteral(": ") + message);
    }
    void warn(const YAML::Node &at, const QString &message)
    {
        m_cfg.warnings << where(at) + QStringLiteral(": ") + message;
    }
    static QString kind(const YAML::Node &n)
    {
        if (n.IsMap())
            return QStringLiteral("a mapping");
        if (n.IsSequence())
            return QStringLiteral("a list");
        if (n.IsNull())
            return QStringLiteral("nothing");
        return QStringLiteral("a single value");
    }
    static QString text(const YAML::Node &n) { return QString::fromStdString(n.Scalar()); }

    // Walks a mapping; `handle(key, keyNode, value)` returns false for an unknown key.
    // `path` is the dotted prefix used in messages, `referencePrefix` the prefix used to look
    // keys up in referenceOnlyKeys().
    template<typename Handler>
    void forEachKey(const YAML::Node &map, const QString &path, const QStringList &known,
                    const QString &referencePrefix, Handler handle)
    {
        QHash<QString, int> seen;
        for (auto it = map.begin(); it != map.end() && !m_error; ++it) {
            const YAML::Node keyNode = it->first;
            const YAML::Node value = it->second;
            if (!keyNode.IsScalar()) {
                fail(keyNode, QStringLiteral("keys under '%1' must be plain names").arg(path));
                return;
            }
            const QString key = text(keyNode);
            const QString full = path.isEmpty() ? key : path + QLatin1Char('.') + key;
            if (seen.contains(key)) {
                fail(keyNode, QStringLiteral("duplicate key '%1' (first given on line %2)")
                                  .arg(full)
                                  .arg(seen.value(key)));
                return;
            }
            seen.insert(key, lineOf(keyNode));
            if (handle(key, keyNode, value))
                continue;
            const QString refKey = referencePrefix.isEmpty() ? key : referencePrefix + key;
            if (referenceOnlyKeys().contains(refKey)) {
                warn(keyNode, QStringLiteral("'%1' (a setting of the Python llm-interactive-proxy) is "
                                             "not supported by this version and is ignored")
                                  .arg(full));
                continue;
            }
            fail(keyNode, QStringLiteral("unknown key '%1' (known: %2)").arg(full, joined(known)));
            return;
        }
    }

    bool needMap(const YAML::Node &keyNode, const YAML::Node &value, const QString &path)
    {
        if (value.IsMap())
            return true;
        fail(keyNode, QStringLiteral("%1: expected a mapping of keys, got %2").arg(path, kind(value)));
        return false;
    }

    std::optional<QString> getString(const YAML::Node &keyNode, const YAML::Node &value,
                                      const QString &path)
    {
        if (value.IsNull())
            return std::nullopt; // `key:` or `key: null` means "not set", as in the reference
        if (!value.IsScalar()) {
            fail(keyNode, QStringLiteral("%1: expected a text value, got %2").arg(path, kind(value)));
            return std::nullopt;
        }
        return text(value);
    }

    std::optional<qint64> getInt(const YAML::Node &keyNode, const YAML::Node &value,
                                 const QString &path, qint64 min, qint64 max)
    {
        if (value.IsNull())
            return std::nullopt;
        if (!value.IsScalar()) {
            fail(keyNode, QStringLiteral("%1: expected a whole number, got %2").arg(path, kind(value)));
            return std::nullopt;
        }
        const std::optional<qint64> v = parseInt(text(value));
        if (!v) {
            fail(keyNode, QStringLiteral("%1: '%2' is not a whole number").arg(path, text(value).left(80)));
            return std::nullopt;
        }
        if (*v < min || *v > max) {
            fail(keyNode, QStringLiteral("%1: %2 is out of range (%3-%4)").arg(path).arg(*v).arg(min).arg(max));
            return std::nullopt;
        }
        return v;
    }

    std::optional<bool> getBool(const YAML::Node &keyNode, const YAML::Node &value, const QString &path)
    {
        if (value.IsNull())
            return std::nullopt;
        const std::optional<bool> v = value.IsScalar() ? parseBool(text(value)) : std::nullopt;
        if (!v)
            fail(keyNode, QStringLiteral("%1: expected true or false, got %2")
                              .arg(path, value.IsScalar() ? QStringLiteral("'%1'").arg(text(value).left(80))
                                                          : kind(value)));
        return v;
    }

    std::optional<double> getDouble(const YAML::Node &keyNode, const YAML::Node &value, const QString &path,
                                    double min, double max)
    {
        if (value.IsNull())
            return std::nullopt;
        if (!value.IsScalar()) {
            fail(keyNode, QStringLiteral("%1: expected a number, got %2").arg(path, kind(value)));
            return std::nullopt;
        }
        bool ok = false;
        const double v = text(value).trimmed().toDouble(&ok);
        if (!ok || !std::isfinite(v)) {
            fail(keyNode, QStringLiteral("%1: '%2' is not a number").arg(path, text(value).left(80)));
            return std::nullopt;
        }
        if (v < min || v > max) {
            fail(keyNode, QStringLiteral("%1: %2 is out of range (%3-%4)").arg(path).arg(v).arg(min).arg(max));
            return std::nullopt;
        }
        return v;
    }

    // A list of strings, or a single string (api_key: "sk-..."). `secret` keeps values out of
    // messages. Returns the values with the line of each.
    std::optional<QList<QPair<QString, int>>> getStringList(const YAML::Node &keyNode,
                                                            const YAML::Node &value,
                                                            const QString &path, bool secret)
    {
        QList<QPair<QString, int>> out;
        if (value.IsNull())
            return out;
        auto take = [&](const YAML::Node &item, const QString &itemPath) -> bool {
            if (!item.IsScalar()) {
                fail(item.Mark().line >= 0 ? item : keyNode,
                     QStringLiteral("%1: expected a text value, got %2").arg(itemPath, kind(item)));
                return false;
            }
            const QString raw = text(item);
            if (secret) {
                const std::optional<QString> clean = cleanSecret(raw);
                if (!clean) {
                    fail(item, QStringLiteral("%1: the key is empty or contains whitespace, control "
                                              "or non-ASCII characters")
                                   .arg(itemPath));
                    return false;
                }
                out.append({*clean, lineOf(item)});
            } else {
                if (raw.trimmed().isEmpty()) {
                    fail(item, QStringLiteral("%1: must not be empty").arg(itemPath));
                    return false;
                }
                out.append({raw.trimmed(), lineOf(item)});
            }
            return true;
        };
        if (value.IsScalar()) {
            if (!take(value, path))
                return std::nullopt;
            return out;
        }
        if (!value.IsSequence()) {
            fail(keyNode, QStringLiteral("%1: expected a list, got %2").arg(path, kind(value)));
            return std::nullopt;
        }
        for (std::size_t i = 0; i < value.size(); ++i) {
            if (!take(value[i], QStringLiteral("%1[%2]").arg(path).arg(i)))
                return std::nullopt;
        }
        return out;
    }

    void setOrigin(const QString &key, const YAML::Node &keyNode) { m_cfg.origins.insert(key, where(keyNode)); }

    void readRoot(const YAML::Node &root)
    {
        if (!root || root.IsNull())
            return; // an empty file (or only comments) is a valid, empty config
        if (!root.IsMap()) {
            fail(root, QStringLiteral("the top level must be a mapping of keys (like 'port: 8000'), got %1")
                           .arg(kind(root)));
            return;
        }
        std::optional<QPair<QString, QString>> topDefault; // value, label
        forEachKey(root, QString(), m_appLayer ? kAppLayerKeys : kTopLevelKeys, QString(),
                   [&](const QString &key, const YAML::Node &k, const YAML::Node &v) {
            if (m_appLayer && !kAppLayerKeys.contains(key))
                return fail(k, QStringLiteral("unknown key '%1': the app's own config holds only %2; "
                                              "other settings belong in your config file")
                                   .arg(key.left(80), joined(kAppLayerKeys))),
                       true;
            if (key == QLatin1String("host")) {
                if (auto s = getString(k, v, key)) {
                    const QString problem = checkHost(s->trimmed());
                    if (!problem.isEmpty())
                        return fail(k, QStringLiteral("host: ") + problem), true;
                    m_cfg.host = s->trimmed();
                    m_p.hostLabel = where(k) + QStringLiteral(": host");
                    setOrigin(key, k);
                }
            } else if (key == QLatin1String("port")) {
                if (auto n = getInt(k, v, key, 0, 65535)) {
                    m_cfg.port = quint16(*n);
                    setOrigin(key, k);
                }
            } else if (key == QLatin1String("anthropic_port")) {
                if (auto n = getInt(k, v, key, 0, 65535)) {
                    m_cfg.anthropicPort = quint16(*n);
                    setOrigin(key, k);
                }
            } else if (key == QLatin1String("proxy_timeout")) {
                if (auto n = getInt(k, v, key, 1, 86400)) {
                    m_cfg.proxyTimeoutSeconds = int(*n);
                    setOrigin(key, k);
                }
            } else if (key == QLatin1String("command_prefix")) {
                if (auto s = getString(k, v, key)) {
                    const QString problem = checkCommandPrefix(*s);
                    if (!problem.isEmpty())
                        return fail(k, QStringLiteral("command_prefix: ") + problem), true;
                    m_cfg.commandPrefix = *s;
                    setOrigin(key, k);
                }
            } else if (key == QLatin1String("max_request_bytes")) {
                if (auto n = getInt(k, v, key, 1024, qint64(1) << 40)) {
                    m_cfg.maxRequestBytes = *n;
                    setOrigin(key, k);
                }
            } else if (key == QLatin1String("models_cache_ttl_seconds")) {
                if (auto n = getInt(k, v, key, 0, 86400 * 7)) {
                    m_cfg.modelsCacheTtlSeconds = int(*n);
                    setOrigin(key, k);
                }
            } else if (key == QLatin1String("data_dir")) {
                if (auto s = getString(k, v, key)) {
                    m_cfg.dataDir = s->trimmed();
                    setOrigin(key, k);
                }
            } else if (key == QLatin1String("default_backend")) {
                if (auto s = getString(k, v, key))
                    topDefault = qMakePair(s->trimmed(), where(k) + QStringLiteral(": default_backend"));
            } else if (key == QLatin1String("auth")) {
                if (!v.IsNull() && needMap(k, v, key))
                    readAuth(v);
            } else if (key == QLatin1String("session")) {
                if (!v.IsNull() && needMap(k, v, key))
                    readSession(v);
            } else if (key == QLatin1String("logging")) {
                if (!v.IsNull() && needMap(k, v, key))
                    readLogging(v);
            } else if (key == QLatin1String("backends")) {
                if (!v.IsNull() && needMap(k, v, key))
                    readBackends(v);
            } else if (key == QLatin1String("failover_routes")) {
                if (!v.IsNull() && needMap(k, v, key))
                    readRoutes(v);
            } else if (key == QLatin1String("model_aliases")) {
                if (m_appLayer && v.IsSequence())
                    return fail(k, QStringLiteral("model_aliases: expected a mapping of alias to model (rules go "
                                                  "under model_rewrites)")),
                           true;
                readAliases(k, v);
            } else if (key == QLatin1String("model_rewrites")) {
                if (!v.IsNull() && !v.IsSequence())
                    return fail(k, QStringLiteral("model_rewrites: expected a list of rules, got %1").arg(kind(v))), true;
                if (m_appLayer)
                    m_cfg.rewrites.clear(); // the layer's list replaces the user's list
                if (!v.IsNull())
                    readRewriteList(v, key, false);
            } else if (key == QLatin1String("routing")) {
                if (!v.IsNull() && needMap(k, v, key))
                    readRouting(v);
            } else if (key == QLatin1String("usage")) {
                if (!v.IsNull() && needMap(k, v, key))
                    readUsage(v);
            } else if (key == QLatin1String("capture")) {
                if (!v.IsNull() && needMap(k, v, key))
                    readCapture(v);
            } else if (m_appLayer && key == QLatin1String("app")) {
                if (!v.IsNull() && needMap(k, v, key))
                    readAppSection(v);
            } else {
                return false;
            }
            return true;
        });
        if (m_error || !topDefault)
            return;
        // The reference accepts default_backend both at the top level and under backends.
        // (In the app's layer the value simply wins over the user's file.)
        if (!m_appLayer && !m_p.defaultSpec.isEmpty() && m_p.defaultSpec != topDefault->first) {
            m_error = Error::invalid(QStringLiteral("%1: conflicts with backends.default_backend ('%2' vs '%3'); keep one")
                                         .arg(topDefault->second, topDefault->first, m_p.defaultSpec));
            return;
        }
        m_p.defaultSpec = topDefault->first;
        m_p.defaultSpecOrigin = topDefault->second;
        m_cfg.origins.insert(QStringLiteral("default_backend"), topDefault->second.section(QStringLiteral(": "), 0, 0));
    }

    void readAuth(const YAML::Node &map)
    {
        forEachKey(map, QStringLiteral("auth"), kAuthKeys, QStringLiteral("auth."),
                   [&](const QString &key, const YAML::Node &k, const YAML::Node &v) {
            const QString path = QStringLiteral("auth.") + key;
            if (key == QLatin1String("disable_auth")) {
                if (auto b = getBool(k, v, path)) {
                    m_cfg.disableAuth = *b;
                    setOrigin(path, k);
                }
            } else if (key == QLatin1String("api_keys")) {
                if (auto list = getStringList(k, v, path, true)) {
                    m_cfg.proxyApiKeys.clear();
                    for (const auto &item : *list)
                        m_cfg.proxyApiKeys << item.first;
                    setOrigin(path, k);
                }
            } else if (key == QLatin1String("redact_api_keys_in_prompts")) {
                // Where the Python proxy keeps it; same meaning as session.redact_api_keys_in_prompts.
                if (auto b = getBool(k, v, path)) {
                    m_cfg.session.redactApiKeysInPrompts = *b;
                    setOrigin(QStringLiteral("session.redact_api_keys_in_prompts"), k);
                }
            } else {
                return false;
            }
            return true;
        });
    }

    void readSession(const YAML::Node &map)
    {
        forEachKey(map, QStringLiteral("session"), kSessionKeys, QStringLiteral("session."),
                   [&](const QString &key, const YAML::Node &k, const YAML::Node &v) {
            const QString path = QStringLiteral("session.") + key;
            if (key == QLatin1String("disable_interactive_commands")) {
                if (auto b = getBool(k, v, path)) {
                    m_cfg.interactiveCommands = !*b;
                    setOrigin(path, k);
                }
            } else if (key == QLatin1String("idle_expiry_seconds")) {
                if (auto n = getInt(k, v, path, 60, 365ll * 86400)) {
                    m_cfg.session.idleExpirySeconds = int(*n);
                    setOrigin(path, k);
                }
            } else if (key == QLatin1String("max_sessions")) {
                if (auto n = getInt(k, v, path, 1, 1000000)) {
                    m_cfg.session.maxSessions = int(*n);
                    setOrigin(path, k);
                }
            } else if (key == QLatin1String("redact_api_keys_in_prompts")) {
                if (auto b = getBool(k, v, path)) {
                    m_cfg.session.redactApiKeysInPrompts = *b;
                    setOrigin(path, k);
                }
            } else if (key == QLatin1String("loop_detection")) {
                if (auto b = getBool(k, v, path)) {
                    m_cfg.session.loopDetection = *b;
                    setOrigin(path, k);
                }
            } else {
                return false;
            }
            return true;
        });
    }

    void readLogging(const YAML::Node &map)
    {
        forEachKey(map, QStringLiteral("logging"), kLoggingKeys, QStringLiteral("logging."),
                   [&](const QString &key, const YAML::Node &k, const YAML::Node &v) {
            if (key != QLatin1String("level"))
                return false;
            if (auto s = getString(k, v, QStringLiteral("logging.level"))) {
                const std::optional<QString> level = normaliseLogLevel(*s);
                if (!level)
                    return fail(k, QStringLiteral("logging.level: '%1' is not a log level (accepted: %2)")
                                       .arg(s->left(40), joined(kLogLevels))),
                           true;
                m_cfg.logLevel = *level;
                setOrigin(QStringLiteral("logging.level"), k);
            }
            return true;
        });
    }

    // The app layer's desktop-only settings: checked here, used by the app, ignored by the engine.
    void readAppSection(const YAML::Node &map)
    {
        static const QRegularExpression locale(QStringLiteral("^[A-Za-z]{2,3}([_-][A-Za-z0-9]{2,8})*$"));
        forEachKey(map, QStringLiteral("app"), kAppSectionKeys, QStringLiteral("app."),
                   [&](const QString &key, const YAML::Node &k, const YAML::Node &v) {
            const QString path = QStringLiteral("app.") + key;
            if (key == QLatin1String("start_hidden") || key == QLatin1String("start_at_login")) {
                getBool(k, v, path);
            } else if (key == QLatin1String("language")) {
                const std::optional<QString> s = getString(k, v, path);
                if (s && !s->trimmed().isEmpty() && !locale.match(s->trimmed()).hasMatch())
                    fail(k, QStringLiteral("%1: '%2' is not a locale name (like de or zh_CN; empty for the system's)")
                                .arg(path, s->left(40)));
            } else {
                return false;
            }
            return true;
        });
    }

    // A backends entry of the app layer: overrides enabled/api_url of an instance the user's file
    // declared, or adds an instance (keys come from the keychain or the environment).
    void readBackendOverride(const QString &name, const YAML::Node &keyNode, const YAML::Node &map)
    {
        const QString path = QStringLiteral("backends.") + name;
        std::optional<QString> type;
        std::optional<bool> enabled;
        std::optional<QString> url;
        QString typeLabel = where(keyNode) + QStringLiteral(": ") + path;
        QString enabledWhere;
        QString urlWhere;
        if (map.IsMap()) {
            forEachKey(map, path, kAppLayerBackendKeys, QStringLiteral("backend."),
                       [&](const QString &key, const YAML::Node &k, const YAML::Node &v) {
                const QString kp = path + QLatin1Char('.') + key;
                if (key == QLatin1String("type")) {
                    if (auto s = getString(k, v, kp)) {
                        type = s->trimmed();
                        typeLabel = where(k) + QStringLiteral(": ") + kp;
                    }
                } else if (key == QLatin1String("enabled")) {
                    enabled = getBool(k, v, kp);
                    enabledWhere = where(k);
                } else if (key == QLatin1String("api_url")) {
                    if (auto s = getString(k, v, kp)) {
                        const QString problem = checkBaseUrl(*s);
                        if (!problem.isEmpty())
                            return fail(k, kp + QStringLiteral(": ") + problem), true;
                        url = normaliseBaseUrl(*s);
                        urlWhere = where(k);
                    }
                } else if (kBackendKeys.contains(key)) {
                    fail(k, QStringLiteral("%1: the app's own config holds only %2 of a backend; keys belong in the "
                                           "keychain or the environment, other settings in your config file")
                                .arg(kp, joined(kAppLayerBackendKeys)));
                } else {
                    return false;
                }
                return true;
            });
        }
        if (m_error)
            return;
        auto it = std::find_if(m_cfg.backends.begin(), m_cfg.backends.end(),
                               [&](const BackendConfig &b) { return b.name == name; });
        if (it != m_cfg.backends.end()) {
            if (type && *type != it->type) {
                m_error = Error::invalid(QStringLiteral("%1: backend '%2' has type '%3' in your config file; the app's "
                                                        "config cannot change it to '%4'")
                                             .arg(typeLabel, name, it->type, type->left(40)));
                return;
            }
        } else {
            const QString t = type.value_or(impliedBackendType(name));
            if (t.isEmpty()) {
                // The user removed the instance from their file: the app's leftover setting must
                // not stop the proxy from starting.
                warn(keyNode, QStringLiteral("%1: backend '%2' is not configured any more; the app's setting for it "
                                             "is ignored")
                                  .arg(path, name.left(80)));
                return;
            }
            const BackendProfile *profile = findBackendProfile(t);
            if (!profile) {
                m_error = Error::invalid(QStringLiteral("%1: unknown backend type '%2' (known types: %3)")
                                             .arg(typeLabel, t.left(40), joined(knownBackendTypes())));
                return;
            }
            if (profile->isVirtual()) {
                m_error = Error::invalid(QStringLiteral("%1: a backend of type '%2' is added in your config file "
                                                        "(it needs settings the app does not hold)")
                                             .arg(typeLabel, t));
                return;
            }
            BackendConfig b;
            b.name = name;
            b.type = t;
            b.origin = where(keyNode);
            m_p.typeOrigin.insert(name, typeLabel);
            m_cfg.backends.push_back(std::move(b));
            it = std::prev(m_cfg.backends.end());
        }
        if (enabled) {
            it->enabled = *enabled;
            m_cfg.origins.insert(path + QStringLiteral(".enabled"), enabledWhere);
        }
        if (url) {
            it->baseUrl = *url;
            m_cfg.origins.insert(path + QStringLiteral(".api_url"), urlWhere);
        }
    }

    void readBackends(const YAML::Node &map)
    {
        QStringList known = {QStringLiteral("default_backend")};
        known << QStringLiteral("<instance name>");
        forEachKey(map, QStringLiteral("backends"), known, QStringLiteral("backends."),
                   [&](const QString &key, const YAML::Node &k, const YAML::Node &v) {
            if (m_appLayer && key == QLatin1String("default_backend"))
                return fail(k, QStringLiteral("backends.default_backend: the app's own config sets default_backend "
                                              "at the top level")),
                       true;
            if (key == QLatin1String("default_backend")) {
                if (auto s = getString(k, v, QStringLiteral("backends.default_backend"))) {
                    m_p.defaultSpec = s->trimmed();
                    m_p.defaultSpecOrigin = where(k) + QStringLiteral(": backends.default_backend");
                    setOrigin(QStringLiteral("default_backend"), k);
                }
                return true;
            }
            if (referenceOnlyKeys().contains(QStringLiteral("backends.") + key))
                return false; // reported as a reference-only setting by forEachKey
            readBackend(key, k, v);
            return true;
        });
    }

    void readBackend(const QString &name, const YAML::Node &keyNode, const YAML::Node &map)
    {
        const QString path = QStringLiteral("backends.") + name;
        if (!isValidInstanceName(name)) {
            fail(keyNode, QStringLiteral("%1: '%2' is not a valid backend name (letters, digits, '.', "
                                         "'_' and '-', starting with a letter or digit, at most 64)")
                              .arg(path, name.left(80)));
            return;
        }
        if (!map.IsNull() && !map.IsMap()) {
            fail(keyNode, QStringLiteral("%1: expected a mapping of backend settings (known: %2), got %3")
                              .arg(path, joined(kBackendKeys), kind(map)));
            return;
        }
        if (m_appLayer)
            return readBackendOverride(name, keyNode, map);
        BackendConfig b;
        b.name = name;
        b.origin = where(keyNode);
        QString typeLabel = where(keyNode) + QStringLiteral(": ") + path;
        QHash<QString, QString> typedKeys; // key → "file:line" for keys only one type understands
        QString apiKeyOrUrl;               // "file:line: key" when given (a hybrid has neither)
        if (map.IsMap()) {
            forEachKey(map, path, kBackendKeys, QStringLiteral("backend."),
                       [&](const QString &key, const YAML::Node &k, const YAML::Node &v) {
                const QString kp = path + QLatin1Char('.') + key;
                if (key == QLatin1String("type")) {
                    if (auto s = getString(k, v, kp)) {
                        b.type = s->trimmed();
                        typeLabel = where(k) + QStringLiteral(": ") + kp;
                    }
                } else if (key == QLatin1String("api_key")) {
                    apiKeyOrUrl = where(k) + QStringLiteral(": ") + kp;
                    if (auto list = getStringList(k, v, kp, true)) {
                        const bool single = v.IsScalar();
                        for (qsizetype i = 0; i < list->size(); ++i) {
                            b.apiKeys << list->at(i).first;
                            b.keyAliases << (single ? QStringLiteral("config:%1").arg(kp)
                                                    : QStringLiteral("config:%1[%2]").arg(kp).arg(i));
                        }
                        setOrigin(kp, k);
                    }
                } else if (key == QLatin1String("api_url")) {
                    apiKeyOrUrl = where(k) + QStringLiteral(": ") + kp;
                    if (auto s = getString(k, v, kp)) {
                        const QString problem = checkBaseUrl(*s);
                        if (!problem.isEmpty())
                            return fail(k, kp + QStringLiteral(": ") + problem), true;
                        b.baseUrl = normaliseBaseUrl(*s);
                        setOrigin(kp, k);
                    }
                } else if (key == QLatin1String("timeout")) {
                    if (auto n = getInt(k, v, kp, 1, 86400)) {
                        b.timeoutSeconds = int(*n);
                        setOrigin(kp, k);
                    }
                } else if (key == QLatin1String("models")) {
                    if (auto list = getStringList(k, v, kp, false)) {
                        for (const auto &item : *list)
                            b.models << item.first;
                    }
                } else if (key == QLatin1String("enabled")) {
                    if (auto e = getBool(k, v, kp)) {
                        b.enabled = *e;
                        setOrigin(kp, k);
                    }
                } else if (key == QLatin1String("extra_headers")) {
                    readHeaders(k, v, kp, b);
                } else if (key == QLatin1String("reasoning_model") || key == QLatin1String("execution_model")) {
                    typedKeys.insert(key, where(k));
                    if (auto s = getString(k, v, kp)) {
                        if (s->trimmed().isEmpty())
                            return fail(k, kp + QStringLiteral(": must not be empty")), true;
                        (key == QLatin1String("reasoning_model") ? b.reasoningModel : b.executionModel) = s->trimmed();
                        setOrigin(kp, k);
                    }
                } else if (key == QLatin1String("reasoning_max_tokens")) {
                    typedKeys.insert(key, where(k));
                    if (auto n = getInt(k, v, kp, 1, 1000000)) {
                        b.reasoningMaxTokens = int(*n);
                        setOrigin(kp, k);
                    }
                } else if (key == QLatin1String("app_url")) {
                    typedKeys.insert(key, where(k));
                    if (auto s = getString(k, v, kp)) {
                        const QString problem = checkBaseUrl(*s);
                        if (!problem.isEmpty())
                            return fail(k, kp + QStringLiteral(": ") + problem), true;
                        m_p.appUrl.insert(name, s->trimmed());
                    }
                } else if (key == QLatin1String("app_name")) {
                    typedKeys.insert(key, where(k));
                    if (auto s = getString(k, v, kp)) {
                        if (s->contains(QLatin1Char('\r')) || s->contains(QLatin1Char('\n')) || s->size() > 200)
                            return fail(k, kp + QStringLiteral(": must be one line of at most 200 characters")), true;
                        m_p.appName.insert(name, s->trimmed());
                    }
                } else if (key == QLatin1String("oauth_url")) { // OAuth backends (oauthconn)
                    typedKeys.insert(key, where(k));
                    if (auto s = getString(k, v, kp)) {
                        const QString problem = checkBaseUrl(*s);
                        if (!problem.isEmpty())
                            return fail(k, kp + QStringLiteral(": ") + problem), true;
                        b.oauthBaseUrl = normaliseBaseUrl(*s);
                        setOrigin(kp, k);
                    }
                } else if (key == QLatin1String("project_id")) { // Code Assist backends (oauthconn)
                    typedKeys.insert(key, where(k));
                    if (auto s = getString(k, v, kp)) {
                        static const QRegularExpression projectId(QStringLiteral("^[a-z][a-z0-9:.-]{3,120}$"));
                        if (!projectId.match(s->trimmed()).hasMatch())
                            return fail(k, kp + QStringLiteral(": not a Google Cloud project id (lower-case letters, digits and '-')")), true;
                        b.projectId = s->trimmed();
                        setOrigin(kp, k);
                    }
                } else {
                    return false;
                }
                return true;
            });
        }
        if (m_error)
            return;
        if (b.type.isEmpty()) {
            b.type = impliedBackendType(name);
            if (b.type.isEmpty()) {
                fail(keyNode, QStringLiteral("%1: cannot tell the backend type from the name '%2'; add "
                                             "'type:' (known types: %3)")
                                  .arg(path, name, joined(knownBackendTypes())));
                return;
            }
        } else if (!findBackendProfile(b.type)) {
            m_error = Error::invalid(QStringLiteral("%1: unknown backend type '%2' (known types: %3)")
                                         .arg(typeLabel, b.type.left(40), joined(knownBackendTypes())));
            return;
        }
        // Keys that belong to another type are mistakes (a hybrid key on an OpenAI backend
        // would silently do nothing).
        for (auto it = typedKeys.constBegin(); it != typedKeys.constEnd(); ++it) {
            if (kOAuthOnlyKeys.contains(it.key())) {
                const BackendProfile *profile = findBackendProfile(b.type);
                if (!profile || !profile->usesOAuth()) {
                    m_error = Error::invalid(QStringLiteral("%1: %2.%3 is only used by subscription (OAuth) backends "
                                                            "such as openai-codex or gemini-oauth-plan (this one is '%4')")
                                                 .arg(it.value(), path, it.key(), b.type));
                    return;
                }
                if (it.key() == QLatin1String("project_id") && !b.type.startsWith(QLatin1String("gemini-"))
                    && b.type != QLatin1String("antigravity-oauth")) {
                    m_error = Error::invalid(QStringLiteral("%1: %2.project_id is only used by Code Assist backends "
                                                            "(gemini-oauth-*, gemini-cli-cloud-project, antigravity-oauth)")
                                                 .arg(it.value(), path));
                    return;
                }
                continue;
            }
            const bool hybridKey = kHybridOnlyKeys.contains(it.key());
            const QString wanted = hybridKey ? QStringLiteral("hybrid") : QStringLiteral("openrouter");
            if (b.type != wanted) {
                m_error = Error::invalid(QStringLiteral("%1: %2.%3 is only used by backends of type '%4' (this one is '%5')")
                                             .arg(it.value(), path, it.key(), wanted, b.type));
                return;
            }
        }
        if (b.type == QLatin1String("hybrid") && !apiKeyOrUrl.isEmpty()) {
            m_error = Error::invalid(QStringLiteral("%1: a hybrid backend has no key or URL of its own; its two "
                                                    "phases use the keys of the backends they name")
                                         .arg(apiKeyOrUrl));
            return;
        }
        m_p.typeOrigin.insert(name, typeLabel);
        m_cfg.backends.push_back(std::move(b));
    }

    void readHeaders(const YAML::Node &k, const YAML::Node &v, const QString &path, BackendConfig &b)
    {
        if (v.IsNull())
            return;
        if (!v.IsMap()) {
            fail(k, QStringLiteral("%1: expected a mapping of header names to values, got %2").arg(path, kind(v)));
            return;
        }
        static const QRegularExpression token(QStringLiteral("^[!#$%&'*+.^_`|~0-9A-Za-z-]+$"));
        for (auto it = v.begin(); it != v.end(); ++it) {
            const QString name = text(it->first);
            if (!it->first.IsScalar() || !token.match(name).hasMatch()) {
                fail(it->first, QStringLiteral("%1: '%2' is not a valid HTTP header name").arg(path, name.left(80)));
                return;
            }
            if (!it->second.IsScalar()) {
                fail(it->first, QStringLiteral("%1.%2: expected a text value, got %3").arg(path, name, kind(it->second)));
                return;
            }
            const QString value = text(it->second);
            // Header values may be secrets: say which header, never echo it.
            if (value.contains(QLatin1Char('\r')) || value.contains(QLatin1Char('\n'))
                || value.contains(QChar(0))) {
                fail(it->first, QStringLiteral("%1.%2: the value contains a line break or NUL").arg(path, name));
                return;
            }
            b.extraHeaders.append({name.toLatin1(), value.toUtf8()});
        }
    }

    // model_aliases: either a mapping (alias → selector, exact names) or, as in the Python proxy,
    // a list of {pattern, replacement} regular-expression rules.
    void readAliases(const YAML::Node &k, const YAML::Node &v)
    {
        if (v.IsNull())
            return;
        if (v.IsSequence()) {
            readRewriteList(v, QStringLiteral("model_aliases"), true);
            return;
        }
        if (!v.IsMap()) {
            fail(k, QStringLiteral("model_aliases: expected a mapping of alias to model, or a list of "
                                   "{pattern, replacement} rules, got %1")
                        .arg(kind(v)));
            return;
        }
        forEachKey(v, QStringLiteral("model_aliases"), {QStringLiteral("<alias>")}, QStringLiteral("model_aliases."),
                   [&](const QString &alias, const YAML::Node &ak, const YAML::Node &av) {
            const QString kp = QStringLiteral("model_aliases.") + alias;
            if (alias.trimmed().isEmpty())
                return fail(ak, QStringLiteral("model_aliases: an alias must not be empty")), true;
            const std::optional<QString> target = getString(ak, av, kp);
            if (m_error)
                return true;
            if (!target || target->trimmed().isEmpty())
                return fail(ak, kp + QStringLiteral(": needs the model it stands for")), true;
            m_cfg.modelAliases.insert(alias.trimmed(), target->trimmed());
            setOrigin(kp, ak);
            return true;
        });
    }

    // A list of rewrite rules. `aliasList`: the reference's model_aliases list, where every
    // pattern is a regular expression.
    void readRewriteList(const YAML::Node &list, const QString &path, bool aliasList)
    {
        for (std::size_t i = 0; i < list.size() && !m_error; ++i) {
            const YAML::Node item = list[i];
            const QString ip = QStringLiteral("%1[%2]").arg(path).arg(i);
            if (!item.IsMap()) {
                fail(item, QStringLiteral("%1: expected a rule like {pattern: \"^gpt-(.*)$\", target: "
                                          "\"openrouter:openai/gpt-\\1\"}, got %2")
                               .arg(ip, kind(item)));
                return;
            }
            ModelRewrite rule;
            rule.origin = where(item);
            std::optional<bool> regex;
            bool hasPattern = false;
            bool hasMatch = false;
            forEachKey(item, ip, kRewriteKeys, QString(),
                       [&](const QString &key, const YAML::Node &rk, const YAML::Node &rv) {
                const QString kp = ip + QLatin1Char('.') + key;
                if (key == QLatin1String("pattern") || key == QLatin1String("match")) {
                    if ((key == QLatin1String("pattern") ? hasMatch : hasPattern))
                        return fail(rk, ip + QStringLiteral(": give either 'pattern' or 'match', not both")), true;
                    (key == QLatin1String("pattern") ? hasPattern : hasMatch) = true;
                    if (auto s = getString(rk, rv, kp))
                        rule.pattern = *s;
                } else if (key == QLatin1String("target") || key == QLatin1String("replacement")) {
                    if (!rule.target.isEmpty())
                        return fail(rk, ip + QStringLiteral(": give either 'target' or 'replacement', not both")), true;
                    if (auto s = getString(rk, rv, kp))
                        rule.target = s->trimmed();
                } else if (key == QLatin1String("regex")) {
                    regex = getBool(rk, rv, kp);
                } else if (key == QLatin1String("frontend")) {
                    if (auto s = getString(rk, rv, kp)) {
                        const QString f = s->trimmed().toLower();
                        if (!kFrontendKeys.contains(f))
                            return fail(rk, QStringLiteral("%1: '%2' is not a frontend (accepted: %3)")
                                                .arg(kp, s->left(40), joined(kFrontendKeys))),
                                   true;
                        rule.frontend = f;
                    }
                } else {
                    return false;
                }
                return true;
            });
            if (m_error)
                return;
            if (rule.pattern.isEmpty()) {
                fail(item, ip + QStringLiteral(": needs 'pattern' (a regular expression) or 'match' (an exact model name)"));
                return;
            }
            if (rule.target.isEmpty()) {
                fail(item, ip + QStringLiteral(": needs 'target' (the model to use instead)"));
                return;
            }
            // `match` is literal unless told otherwise; `pattern` is a regular expression unless
            // told otherwise (the Python proxy's model_aliases rules are always expressions).
            rule.regex = aliasList ? true : regex.value_or(hasPattern);
            if (rule.regex) {
                const QString problem = checkRewritePattern(rule.pattern);
                if (!problem.isEmpty()) {
                    fail(item, QStringLiteral("%1.%2: %3").arg(ip, hasMatch ? QStringLiteral("match") : QStringLiteral("pattern"), problem));
                    return;
                }
            }
            m_cfg.rewrites.push_back(std::move(rule));
        }
    }

    void readRouting(const YAML::Node &map)
    {
        RetryConfig &r = m_cfg.retry;
        forEachKey(map, QStringLiteral("routing"), kRoutingKeys, QStringLiteral("routing."),
                   [&](const QString &key, const YAML::Node &k, const YAML::Node &v) {
            const QString path = QStringLiteral("routing.") + key;
            auto setInt = [&](int &field, qint64 min, qint64 max) {
                if (auto n = getInt(k, v, path, min, max)) {
                    field = int(*n);
                    setOrigin(path, k);
                }
            };
            if (key == QLatin1String("max_retries"))
                setInt(r.maxRetries, 0, 10);
            else if (key == QLatin1String("backoff_initial_ms"))
                setInt(r.initialBackoffMs, 0, 60000);
            else if (key == QLatin1String("backoff_max_ms"))
                setInt(r.maxBackoffMs, 0, 600000);
            else if (key == QLatin1String("max_retry_after_seconds"))
                setInt(r.maxRetryAfterSeconds, 0, 3600);
            else if (key == QLatin1String("rate_limit_cooldown_seconds"))
                setInt(r.rateLimitCooldownSeconds, 0, 86400);
            else if (key == QLatin1String("auth_failure_cooldown_seconds"))
                setInt(r.authFailureCooldownSeconds, 0, 7 * 86400);
            else if (key == QLatin1String("health")) {
                if (!v.IsNull() && needMap(k, v, path)) {
                    forEachKey(v, path, kHealthKeys, QStringLiteral("routing.health."),
                               [&](const QString &hkey, const YAML::Node &hk, const YAML::Node &hv) {
                        const QString hp = path + QLatin1Char('.') + hkey;
                        if (hkey == QLatin1String("failure_threshold")) {
                            if (auto n = getInt(hk, hv, hp, 0, 1000)) {
                                m_cfg.health.failureThreshold = int(*n);
                                setOrigin(hp, hk);
                            }
                        } else if (hkey == QLatin1String("cooldown_seconds")) {
                            if (auto n = getInt(hk, hv, hp, 1, 86400)) {
                                m_cfg.health.cooldownSeconds = int(*n);
                                setOrigin(hp, hk);
                            }
                        } else {
                            return false;
                        }
                        return true;
                    });
                }
            } else
                return false;
            return true;
        });
    }

    void readUsage(const YAML::Node &map)
    {
        UsageConfig &u = m_cfg.usage;
        forEachKey(map, QStringLiteral("usage"), kUsageKeys, QStringLiteral("usage."),
                   [&](const QString &key, const YAML::Node &k, const YAML::Node &v) {
            const QString path = QStringLiteral("usage.") + key;
            if (key == QLatin1String("enabled")) {
                if (auto b = getBool(k, v, path)) {
                    u.enabled = *b;
                    setOrigin(path, k);
                }
            } else if (key == QLatin1String("store")) {
                if (auto s = getString(k, v, path)) {
                    const QString store = s->trimmed().toLower();
                    if (!kUsageStores.contains(store))
                        return fail(k, QStringLiteral("%1: '%2' is not a store (accepted: %3)")
                                           .arg(path, s->left(40), joined(kUsageStores))),
                               true;
                    u.store = store;
                    setOrigin(path, k);
                }
            } else if (key == QLatin1String("postgres_url")) {
                if (auto s = getString(k, v, path)) {
                    const QString problem = checkPostgresUrl(*s);
                    if (!problem.isEmpty())
                        return fail(k, path + QStringLiteral(": ") + problem), true;
                    u.postgresUrl = s->trimmed();
                    setOrigin(path, k);
                }
            } else if (key == QLatin1String("flush_interval_ms")) {
                if (auto n = getInt(k, v, path, 10, 1000)) {
                    u.flushIntervalMs = int(*n);
                    setOrigin(path, k);
                }
            } else if (key == QLatin1String("prices")) {
                if (!v.IsNull() && !v.IsSequence())
                    return fail(k, QStringLiteral("%1: expected a list of {model, input_per_mtok, output_per_mtok}, got %2")
                                       .arg(path, kind(v))),
                           true;
                if (!v.IsNull())
                    readPrices(v, path);
            } else {
                return false;
            }
            return true;
        });
    }

    void readPrices(const YAML::Node &list, const QString &path)
    {
        constexpr double kMaxPrice = 1e6;
        for (std::size_t i = 0; i < list.size() && !m_error; ++i) {
            const YAML::Node item = list[i];
            const QString ip = QStringLiteral("%1[%2]").arg(path).arg(i);
            if (!item.IsMap()) {
                fail(item, QStringLiteral("%1: expected {model, input_per_mtok, output_per_mtok}, got %2").arg(ip, kind(item)));
                return;
            }
            ModelPrice price;
            bool hasInput = false;
            bool hasOutput = false;
            forEachKey(item, ip, kPriceKeys, QString(), [&](const QString &key, const YAML::Node &pk, const YAML::Node &pv) {
                const QString kp = ip + QLatin1Char('.') + key;
                if (key == QLatin1String("model")) {
                    if (auto s = getString(pk, pv, kp))
                        price.model = s->trimmed();
                } else if (key == QLatin1String("input_per_mtok")) {
                    if (auto d = getDouble(pk, pv, kp, 0, kMaxPrice)) {
                        price.inputPerMTok = *d;
                        hasInput = true;
                    }
                } else if (key == QLatin1String("output_per_mtok")) {
                    if (auto d = getDouble(pk, pv, kp, 0, kMaxPrice)) {
                        price.outputPerMTok = *d;
                        hasOutput = true;
                    }
                } else if (key == QLatin1String("cache_read_per_mtok")) {
                    if (auto d = getDouble(pk, pv, kp, 0, kMaxPrice))
                        price.cacheReadPerMTok = *d;
                } else if (key == QLatin1String("cache_write_per_mtok")) {
                    if (auto d = getDouble(pk, pv, kp, 0, kMaxPrice))
                        price.cacheWritePerMTok = *d;
                } else {
                    return false;
                }
                return true;
            });
            if (m_error)
                return;
            if (price.model.isEmpty() || !hasInput || !hasOutput) {
                fail(item, ip + QStringLiteral(": needs model, input_per_mtok and output_per_mtok"));
                return;
            }
            m_cfg.usage.prices.push_back(std::move(price));
        }
    }

    void readCapture(const YAML::Node &map)
    {
        CaptureConfig &c = m_cfg.capture;
        forEachKey(map, QStringLiteral("capture"), kCaptureKeys, QStringLiteral("capture."),
                   [&](const QString &key, const YAML::Node &k, const YAML::Node &v) {
            const QString path = QStringLiteral("capture.") + key;
            constexpr qint64 kMiB = 1024 * 1024;
            if (key == QLatin1String("enabled")) {
                if (auto b = getBool(k, v, path)) {
                    c.enabled = *b;
                    setOrigin(path, k);
                }
            } else if (key == QLatin1String("directory")) {
                if (auto s = getString(k, v, path)) {
                    c.directory = s->trimmed();
                    setOrigin(path, k);
                }
            } else if (key == QLatin1String("max_file_mb")) {
                if (auto n = getInt(k, v, path, 1, 1024 * 1024)) {
                    c.maxFileBytes = *n * kMiB;
                    setOrigin(path, k);
                }
            } else if (key == QLatin1String("max_total_mb")) {
                if (auto n = getInt(k, v, path, 1, 16 * 1024 * 1024)) {
                    c.maxTotalBytes = *n * kMiB;
                    setOrigin(path, k);
                }
            } else if (key == QLatin1String("redact_bodies")) {
                if (auto b = getBool(k, v, path)) {
                    c.redactBodies = *b;
                    setOrigin(path, k);
                }
            } else {
                return false;
            }
            return true;
        });
    }

    void readRoutes(const YAML::Node &map)
    {
        forEachKey(map, QStringLiteral("failover_routes"), {QStringLiteral("<route name>")}, QString(),
                   [&](const QString &name, const YAML::Node &k, const YAML::Node &v) {
            const QString path = QStringLiteral("failover_routes.") + name;
            if (!isValidRouteName(name))
                return fail(k, QStringLiteral("%1: a route name must not be empty or contain whitespace, "
                                              "':', '|' or '?'")
                                   .arg(path)),
                       true;
            if (!needMap(k, v, path))
                return true;
            RouteConfig route;
            route.name = name;
            route.origin = where(k);
            forEachKey(v, path, kRouteKeys, QStringLiteral("route."),
                       [&](const QString &key, const YAML::Node &rk, const YAML::Node &rv) {
                const QString kp = path + QLatin1Char('.') + key;
                if (key == QLatin1String("policy")) {
                    if (auto s = getString(rk, rv, kp)) {
                        if (!kRoutePolicies.contains(s->trimmed()))
                            return fail(rk, QStringLiteral("%1: '%2' is not a policy (accepted: %3)")
                                                .arg(kp, s->left(40), joined(kRoutePolicies))),
                                   true;
                        route.policy = s->trimmed();
                    }
                } else if (key == QLatin1String("elements")) {
                    if (auto list = getStringList(rk, rv, kp, false)) {
                        for (qsizetype i = 0; i < list->size(); ++i) {
                            const QString element = list->at(i).first;
                            const QString label = QStringLiteral("%1:%2: %3[%4]").arg(m_file).arg(list->at(i).second).arg(kp).arg(i);
                            // Elements name a backend explicitly: a bare model would silently follow
                            // whatever the default backend is at the time.
                            for (const QString &backend : selectorBackends(element)) {
                                if (backend.isEmpty()) {
                                    if (!m_error)
                                        m_error = Error::invalid(QStringLiteral("%1: '%2' must be backend:model (e.g. openai:gpt-4o)")
                                                                     .arg(label, element.left(80)));
                                    return true;
                                }
                            }
                            route.elements << element;
                            m_p.routeElementOrigin.insert(name + QLatin1Char('\n') + element, label);
                        }
                    }
                } else {
                    return false;
                }
                return true;
            });
            if (!m_error && route.elements.isEmpty())
                fail(k, QStringLiteral("%1: a route needs at least one entry in 'elements'").arg(path));
            if (!m_error) {
                // A later layer's route of the same name replaces the earlier one.
                std::erase_if(m_cfg.routes, [&](const RouteConfig &r) { return r.name == route.name; });
                m_cfg.routes.push_back(std::move(route));
            }
            return true;
        });
    }
};

// ---- environment layer ------------------------------------------------------------------

class EnvReader
{
public:
    EnvReader(const QHash<QString, QString> &env, Pending &pending)
        : m_env(env), m_p(pending), m_cfg(pending.cfg)
    {}

    std::optional<Error> apply()
    {
        applyServer();
        if (!m_error)
            applyBackends();
        return m_error;
    }

private:
    const QHash<QString, QString> &m_env;
    Pending &m_p;
    Config &m_cfg;
    std::optional<Error> m_error;

    // Unset and empty are the same: `FOO= cmd` is how people switch a variable off.
    std::optional<QString> get(const QString &name) const
    {
        const auto it = m_env.constFind(name);
        if (it == m_env.constEnd() || it->trimmed().isEmpty())
            return std::nullopt;
        return *it;
    }
    void fail(const QString &var, const QString &message)
    {
        if (!m_error)
            m_error = Error::invalid(QStringLiteral("environment variable %1: %2").arg(var, message));
    }
    void origin(const QString &key, const QString &var) { m_cfg.origins.insert(key, QStringLiteral("env:") + var); }

    std::optional<qint64> getInt(const QString &var, qint64 min, qint64 max)
    {
        const std::optional<QString> raw = get(var);
        if (!raw)
            return std::nullopt;
        const std::optional<qint64> v = parseInt(*raw);
        if (!v || *v < min || *v > max) {
            fail(var, QStringLiteral("'%1' is not a whole number in %2-%3").arg(raw->trimmed().left(40)).arg(min).arg(max));
            return std::nullopt;
        }
        return v;
    }
    std::optional<bool> getBool(const QString &var)
    {
        const std::optional<QString> raw = get(var);
        if (!raw)
            return std::nullopt;
        const std::optional<bool> v = parseBool(*raw);
        if (!v)
            fail(var, QStringLiteral("'%1' is not a boolean (accepted: true, false, 1, 0, yes, no, on, off)")
                          .arg(raw->trimmed().left(40)));
        return v;
    }

    // NAME, then NAME_1..NAME_N in numeric order (gaps allowed). Values are checked, never shown.
    std::optional<QList<QPair<QString, QString>>> numberedSecrets(const QString &name)
    {
        QList<QPair<QString, QString>> out; // (value, variable)
        std::map<qint64, QString> numbered;
        const QString prefix = name + QLatin1Char('_');
        for (auto it = m_env.constBegin(); it != m_env.constEnd(); ++it) {
            if (!it.key().startsWith(prefix))
                continue;
            const QStringView rest = QStringView(it.key()).mid(prefix.size());
            if (rest.isEmpty() || rest.front() == QLatin1Char('0'))
                continue;
            bool digits = true;
            for (const QChar c : rest)
                digits = digits && c >= QLatin1Char('0') && c <= QLatin1Char('9');
            if (!digits || rest.size() > 6)
                continue;
            numbered.emplace(rest.toLongLong(), it.key());
        }
        QStringList vars;
        if (m_env.contains(name))
            vars << name;
        for (const auto &entry : numbered)
            vars << entry.second;
        for (const QString &var : vars) {
            if (m_env.value(var).trimmed().isEmpty())
                continue;
            const std::optional<QString> clean = cleanSecret(m_env.value(var));
            if (!clean) {
                fail(var, QStringLiteral("the key contains whitespace, control or non-ASCII characters"));
                return std::nullopt;
            }
            out.append({*clean, var});
        }
        return out;
    }

    void applyServer()
    {
        if (const auto host = get(QStringLiteral("APP_HOST"))) {
            const QString problem = checkHost(host->trimmed());
            if (!problem.isEmpty())
                return fail(QStringLiteral("APP_HOST"), problem);
            m_cfg.host = host->trimmed();
            m_p.hostLabel = QStringLiteral("APP_HOST");
            origin(QStringLiteral("host"), QStringLiteral("APP_HOST"));
        }
        if (const auto port = getInt(QStringLiteral("APP_PORT"), 0, 65535)) {
            m_cfg.port = quint16(*port);
            origin(QStringLiteral("port"), QStringLiteral("APP_PORT"));
        }
        if (const auto port = getInt(QStringLiteral("ANTHROPIC_PORT"), 0, 65535)) {
            m_cfg.anthropicPort = quint16(*port);
            origin(QStringLiteral("anthropic_port"), QStringLiteral("ANTHROPIC_PORT"));
        }
        if (const auto t = getInt(QStringLiteral("PROXY_TIMEOUT"), 1, 86400)) {
            m_cfg.proxyTimeoutSeconds = int(*t);
            origin(QStringLiteral("proxy_timeout"), QStringLiteral("PROXY_TIMEOUT"));
        }
        if (const auto prefix = get(QStringLiteral("COMMAND_PREFIX"))) {
            const QString problem = checkCommandPrefix(*prefix);
            if (!problem.isEmpty())
                return fail(QStringLiteral("COMMAND_PREFIX"), problem);
            m_cfg.commandPrefix = *prefix;
            origin(QStringLiteral("command_prefix"), QStringLiteral("COMMAND_PREFIX"));
        }
        if (const auto b = getBool(QStringLiteral("DISABLE_AUTH"))) {
            m_cfg.disableAuth = *b;
            origin(QStringLiteral("auth.disable_auth"), QStringLiteral("DISABLE_AUTH"));
        }
        if (const auto b = getBool(QStringLiteral("DISABLE_INTERACTIVE_COMMANDS"))) {
            m_cfg.interactiveCommands = !*b;
            origin(QStringLiteral("session.disable_interactive_commands"), QStringLiteral("DISABLE_INTERACTIVE_COMMANDS"));
        }
        if (const auto level = get(QStringLiteral("LLM_PROXY_LOG_LEVEL"))) {
            const std::optional<QString> v = normaliseLogLevel(*level);
            if (!v)
                return fail(QStringLiteral("LLM_PROXY_LOG_LEVEL"),
                            QStringLiteral("'%1' is not a log level (accepted: %2)").arg(level->left(40), joined(kLogLevels)));
            m_cfg.logLevel = *v;
            origin(QStringLiteral("logging.level"), QStringLiteral("LLM_PROXY_LOG_LEVEL"));
        }
        if (const auto dir = get(QStringLiteral("LLM_PROXY_DATA_DIR"))) {
            m_cfg.dataDir = dir->trimmed();
            origin(QStringLiteral("data_dir"), QStringLiteral("LLM_PROXY_DATA_DIR"));
        }
        if (const auto spec = get(QStringLiteral("LLM_BACKEND"))) {
            m_p.defaultSpec = spec->trimmed();
            m_p.defaultSpecOrigin = QStringLiteral("environment variable LLM_BACKEND");
            origin(QStringLiteral("default_backend"), QStringLiteral("LLM_BACKEND"));
        }
        applyFeatures();
        if (m_error)
            return;
        const auto keys = numberedSecrets(QStringLiteral("LLM_INTERACTIVE_PROXY_API_KEY"));
        if (keys && !keys->isEmpty()) {
            m_cfg.proxyApiKeys.clear();
            for (const auto &k : *keys)
                m_cfg.proxyApiKeys << k.first;
            origin(QStringLiteral("auth.api_keys"), keys->first().second);
        }
    }

    // Usage, capture and model-alias variables.
    void applyFeatures()
    {
        if (const auto store = get(QStringLiteral("LLM_PROXY_USAGE_STORE"))) {
            const QString v = store->trimmed().toLower();
            if (!kUsageStores.contains(v))
                return fail(QStringLiteral("LLM_PROXY_USAGE_STORE"),
                            QStringLiteral("'%1' is not a store (accepted: %2)").arg(store->left(40), joined(kUsageStores)));
            m_cfg.usage.store = v;
            origin(QStringLiteral("usage.store"), QStringLiteral("LLM_PROXY_USAGE_STORE"));
        }
        if (const auto url = get(QStringLiteral("LLM_PROXY_USAGE_POSTGRES_URL"))) {
            const QString problem = checkPostgresUrl(*url);
            if (!problem.isEmpty())
                return fail(QStringLiteral("LLM_PROXY_USAGE_POSTGRES_URL"), problem);
            m_cfg.usage.postgresUrl = url->trimmed();
            origin(QStringLiteral("usage.postgres_url"), QStringLiteral("LLM_PROXY_USAGE_POSTGRES_URL"));
        }
        const std::optional<bool> capture = getBool(QStringLiteral("LLM_PROXY_CAPTURE"));
        if (m_error)
            return;
        if (const auto dir = get(QStringLiteral("LLM_PROXY_CAPTURE_DIR"))) {
            m_cfg.capture.directory = dir->trimmed();
            m_cfg.capture.enabled = true; // naming a directory means "capture there"
            origin(QStringLiteral("capture.directory"), QStringLiteral("LLM_PROXY_CAPTURE_DIR"));
            origin(QStringLiteral("capture.enabled"), QStringLiteral("LLM_PROXY_CAPTURE_DIR"));
        }
        if (capture) {
            m_cfg.capture.enabled = *capture;
            origin(QStringLiteral("capture.enabled"), QStringLiteral("LLM_PROXY_CAPTURE"));
        }
        if (const auto aliases = get(QStringLiteral("MODEL_ALIASES")))
            applyModelAliases(*aliases);
    }

    // MODEL_ALIASES (the Python proxy's variable): a JSON list of {"pattern", "replacement"}
    // regular-expression rules. They are tried before the file's rules.
    void applyModelAliases(const QString &json)
    {
        const QString var = QStringLiteral("MODEL_ALIASES");
        QJsonParseError error{};
        const QJsonDocument doc = QJsonDocument::fromJson(json.toUtf8(), &error);
        if (error.error != QJsonParseError::NoError || !doc.isArray())
            return fail(var, QStringLiteral("expected a JSON list like [{\"pattern\": \"^gpt-(.*)$\", "
                                            "\"replacement\": \"openrouter:openai/gpt-\\\\1\"}]"));
        std::vector<ModelRewrite> rules;
        const QJsonArray array = doc.array();
        for (qsizetype i = 0; i < array.size(); ++i) {
            const QJsonObject rule = array.at(i).toObject();
            const QString pattern = rule.value(QStringLiteral("pattern")).toString();
            QString target = rule.value(QStringLiteral("replacement")).toString();
            if (target.isEmpty())
                target = rule.value(QStringLiteral("target")).toString();
            if (pattern.isEmpty() || target.trimmed().isEmpty())
                return fail(var, QStringLiteral("rule %1 needs a non-empty \"pattern\" and \"replacement\"").arg(i));
            const QString problem = checkRewritePattern(pattern);
            if (!problem.isEmpty())
                return fail(var, QStringLiteral("rule %1: %2").arg(i).arg(problem));
            ModelRewrite r;
            r.pattern = pattern;
            r.target = target.trimmed();
            r.regex = true;
            r.origin = QStringLiteral("env:MODEL_ALIASES[%1]").arg(i);
            rules.push_back(std::move(r));
        }
        m_cfg.rewrites.insert(m_cfg.rewrites.begin(), rules.begin(), rules.end());
    }

    // A hybrid instance's <PREFIX>REASONING_MODEL, <PREFIX>EXECUTION_MODEL and
    // <PREFIX>REASONING_MAX_TOKENS. Returns whether one of the two model variables was present.
    bool applyHybrid(BackendConfig &b, const QString &prefix, const QString &path)
    {
        bool any = false;
        for (const auto &[suffix, field] : {std::pair{"REASONING_MODEL", &b.reasoningModel},
                                            std::pair{"EXECUTION_MODEL", &b.executionModel}}) {
            const QString var = prefix + QLatin1String(suffix);
            if (const auto v = get(var)) {
                *field = v->trimmed();
                origin(path + QLatin1Char('.') + QString::fromLatin1(suffix).toLower(), var);
                any = true;
            }
        }
        const QString maxVar = prefix + QStringLiteral("REASONING_MAX_TOKENS");
        if (const auto n = getInt(maxVar, 1, 1000000)) {
            b.reasoningMaxTokens = int(*n);
            origin(path + QStringLiteral(".reasoning_max_tokens"), maxVar);
        }
        return any;
    }

    // Applies <PREFIX>API_KEY[_N], <PREFIX>API_BASE_URL and <PREFIX>TIMEOUT to one instance
    // (for a hybrid: its model variables; for OpenRouter also <PREFIX>APP_URL / APP_NAME).
    // Returns whether any of the key/URL (hybrid: model) variables was present.
    bool applyInstance(BackendConfig &b)
    {
        const QString prefix = envPrefixFor(b.name);
        const QString path = QStringLiteral("backends.") + b.name;
        const BackendProfile *profile = findBackendProfile(b.type);
        if (profile && profile->isVirtual())
            return applyHybrid(b, prefix, path);
        if (b.type == QLatin1String("openrouter")) {
            if (const auto url = get(prefix + QStringLiteral("APP_URL"))) {
                const QString problem = checkBaseUrl(*url);
                if (!problem.isEmpty()) {
                    fail(prefix + QStringLiteral("APP_URL"), problem);
                    return false;
                }
                m_p.appUrl.insert(b.name, url->trimmed());
            }
            if (const auto name = get(prefix + QStringLiteral("APP_NAME"))) {
                if (name->contains(QLatin1Char('\r')) || name->contains(QLatin1Char('\n')) || name->size() > 200) {
                    fail(prefix + QStringLiteral("APP_NAME"), QStringLiteral("must be one line of at most 200 characters"));
                    return false;
                }
                m_p.appName.insert(b.name, name->trimmed());
            }
        }
        bool any = false;
        auto keys = numberedSecrets(prefix + QStringLiteral("API_KEY"));
        if (!keys)
            return false;
        // The Python proxy's own variable for this type (INTERNAI_API_KEY, KIMI_API_KEY), read
        // only when ours is not set, so a .env written for it keeps working.
        if (keys->isEmpty() && profile && profile->legacyKeyVariable && b.name == b.type) {
            keys = numberedSecrets(QString::fromLatin1(profile->legacyKeyVariable));
            if (!keys)
                return false;
        }
        if (!keys->isEmpty()) {
            // Env wins over the file as a whole: mixing the two lists would make the rotation
            // order depend on both places at once.
            b.apiKeys.clear();
            b.keyAliases.clear();
            for (const auto &k : *keys) {
                b.apiKeys << k.first;
                b.keyAliases << QStringLiteral("env:") + k.second;
            }
            origin(path + QStringLiteral(".api_key"), keys->first().second);
            any = true;
        }
        const QString urlVar = prefix + QStringLiteral("API_BASE_URL");
        if (const auto url = get(urlVar)) {
            const QString problem = checkBaseUrl(*url);
            if (!problem.isEmpty()) {
                fail(urlVar, problem);
                return false;
            }
            b.baseUrl = normaliseBaseUrl(*url);
            origin(path + QStringLiteral(".api_url"), urlVar);
            any = true;
        }
        if (profile && profile->usesOAuth()) { // subscription backends (oauthconn)
            const QString oauthVar = prefix + QStringLiteral("OAUTH_BASE_URL");
            if (const auto url = get(oauthVar)) {
                const QString problem = checkBaseUrl(*url);
                if (!problem.isEmpty()) {
                    fail(oauthVar, problem);
                    return false;
                }
                b.oauthBaseUrl = normaliseBaseUrl(*url);
                origin(path + QStringLiteral(".oauth_url"), oauthVar);
            }
            if (const auto project = get(prefix + QStringLiteral("PROJECT_ID")); project && !project->trimmed().isEmpty()) {
                b.projectId = project->trimmed();
                origin(path + QStringLiteral(".project_id"), prefix + QStringLiteral("PROJECT_ID"));
            }
        }
        const QString timeoutVar = prefix + QStringLiteral("TIMEOUT");
        if (const auto t = getInt(timeoutVar, 1, 86400)) {
            b.timeoutSeconds = int(*t);
            origin(path + QStringLiteral(".timeout"), timeoutVar);
        }
        return any;
    }

    void applyBackends()
    {
        for (BackendConfig &b : m_cfg.backends) {
            applyInstance(b);
            if (m_error)
                return;
        }
        auto declared = [&](const QString &name) { return m_cfg.backend(name) != nullptr; };
        // Types configured by environment alone: OPENAI_API_KEY → instance "openai".
        for (const QString &type : knownBackendTypes()) {
            if (declared(type))
                continue;
            BackendConfig b;
            b.name = type;
            b.type = type;
            if (applyInstance(b)) {
                const BackendProfile *profile = findBackendProfile(type);
                b.origin = profile && profile->isVirtual()
                    ? QStringLiteral("env:") + envPrefixFor(type) + QStringLiteral("REASONING_MODEL")
                    : b.keyAliases.isEmpty()
                    ? QStringLiteral("env:") + envPrefixFor(type) + QStringLiteral("API_BASE_URL")
                    : b.keyAliases.first();
                m_cfg.backends.push_back(std::move(b));
            }
            if (m_error)
                return;
        }
        // Numbered instances configured by environment alone: OPENAI_2_API_KEY → "openai.2".
        static const QRegularExpression numberedVar(
            QStringLiteral("^(.+)_([1-9][0-9]{0,5})_(?:API_KEY(?:_[1-9][0-9]*)?|API_BASE_URL)$"));
        std::map<QString, QString> found; // instance → type, sorted for a stable order
        for (auto it = m_env.constBegin(); it != m_env.constEnd(); ++it) {
            const QRegularExpressionMatch m = numberedVar.match(it.key());
            if (!m.hasMatch() || it->trimmed().isEmpty())
                continue;
            for (const QString &type : knownBackendTypes()) {
                if (envPrefixFor(type) == m.captured(1) + QLatin1Char('_')) {
                    found.emplace(type + QLatin1Char('.') + m.captured(2), type);
                    break;
                }
            }
        }
        for (const auto &[name, type] : found) {
            if (declared(name))
                continue;
            BackendConfig b;
            b.name = name;
            b.type = type;
            if (applyInstance(b)) {
                b.origin = b.keyAliases.isEmpty()
                    ? QStringLiteral("env:") + envPrefixFor(name) + QStringLiteral("API_BASE_URL")
                    : b.keyAliases.first();
                m_cfg.backends.push_back(std::move(b));
            }
            if (m_error)
                return;
        }
    }
};

// ---- CLI layer and cross-checks -----------------------------------------------------------

std::optional<Error> applyCli(const CliOptions &cli, Pending &p)
{
    Config &cfg = p.cfg;
    auto origin = [&](const char *key) { cfg.origins.insert(QString::fromLatin1(key), QStringLiteral("cli")); };
    if (cli.host) {
        const QString problem = checkHost(cli.host->trimmed());
        if (!problem.isEmpty())
            return Error::invalid(QStringLiteral("--host: ") + problem);
        cfg.host = cli.host->trimmed();
        p.hostLabel = QStringLiteral("--host");
        origin("host");
    }
    if (cli.port) {
        cfg.port = *cli.port;
        origin("port");
    }
    if (cli.anthropicPort) {
        cfg.anthropicPort = *cli.anthropicPort;
        origin("anthropic_port");
    }
    if (cli.defaultBackend) {
        p.defaultSpec = cli.defaultBackend->trimmed();
        p.defaultSpecOrigin = QStringLiteral("--default-backend");
        origin("default_backend");
    }
    if (cli.dataDir) {
        cfg.dataDir = cli.dataDir->trimmed();
        origin("data_dir");
    }
    if (cli.logLevel) {
        const std::optional<QString> level = normaliseLogLevel(*cli.logLevel);
        if (!level)
            return Error::invalid(QStringLiteral("--log-level: '%1' is not a log level (accepted: %2)")
                                      .arg(cli.logLevel->left(40), joined(kLogLevels)));
        cfg.logLevel = *level;
        origin("logging.level");
    }
    if (cli.disableInteractiveCommands) {
        cfg.interactiveCommands = !*cli.disableInteractiveCommands;
        origin("session.disable_interactive_commands");
    }
    if (cli.commandPrefix) {
        const QString problem = checkCommandPrefix(*cli.commandPrefix);
        if (!problem.isEmpty())
            return Error::invalid(QStringLiteral("--command-prefix: ") + problem);
        cfg.commandPrefix = *cli.commandPrefix;
        origin("command_prefix");
    }
    if (cli.captureDir) {
        if (cli.captureDir->trimmed().isEmpty())
            return Error::invalid(QStringLiteral("--capture-dir: needs a directory"));
        cfg.capture.directory = cli.captureDir->trimmed();
        cfg.capture.enabled = true;
        origin("capture.directory");
        origin("capture.enabled");
    }
    if (cli.capture) {
        cfg.capture.enabled = *cli.capture;
        origin("capture.enabled");
    }
    return std::nullopt;
}

QString originOf(const Config &cfg, const QString &key, const QString &fallback)
{
    const QString o = cfg.origins.value(key);
    if (o.isEmpty())
        return fallback;
    return o.startsWith(QLatin1String("env:")) ? QStringLiteral("environment variable ") + o.mid(4) : o;
}

// Each phase of a hybrid must land on a real, non-hybrid backend (a hybrid inside a hybrid would
// recurse), so a typo fails at start-up instead of on the first request.
std::optional<Error> checkHybrids(const Config &cfg)
{
    for (const BackendConfig &b : cfg.backends) {
        const BackendProfile *profile = findBackendProfile(b.type);
        if (!profile || !profile->isVirtual() || !b.enabled)
            continue;
        const QString path = QStringLiteral("backends.") + b.name;
        for (const auto &[key, selector] : {std::pair{QStringLiteral("reasoning_model"), b.reasoningModel},
                                            std::pair{QStringLiteral("execution_model"), b.executionModel}}) {
            const QString label = originOf(cfg, path + QLatin1Char('.') + key, b.origin);
            if (selector.isEmpty())
                return Error::invalid(QStringLiteral("%1: %2: a hybrid backend needs both reasoning_model and "
                                                     "execution_model (e.g. anthropic:claude-sonnet-4-5)")
                                          .arg(b.origin, path));
            if (selector.contains(QLatin1Char('|')))
                return Error::invalid(QStringLiteral("%1: %2.%3: '%4' must be one model, not alternatives")
                                          .arg(label, path, key, selector.left(80)));
            const QString head = selector.section(QLatin1Char('?'), 0, 0);
            const qsizetype colon = head.indexOf(QLatin1Char(':'));
            QString target = colon < 0 ? QString() : head.left(colon);
            if (!target.isEmpty() && !cfg.backend(target) && !findBackendProfile(target)
                && impliedBackendType(target).isEmpty())
                target.clear(); // "llama3:8b": a model name with a tag, on the default backend
            if (target.isEmpty())
                target = cfg.defaultBackend;
            const BackendConfig *phase = cfg.backend(target);
            if (target.isEmpty() || !phase || !phase->enabled)
                return Error::invalid(QStringLiteral("%1: %2.%3: backend '%4' is not configured (configured backends: %5)")
                                          .arg(label, path, key, target.left(80), joined(cfg.backendNames())));
            const BackendProfile *phaseProfile = findBackendProfile(phase->type);
            if (phaseProfile && phaseProfile->isVirtual())
                return Error::invalid(QStringLiteral("%1: %2.%3: '%4' is itself a hybrid backend; name a real backend "
                                                     "(backend:model)")
                                          .arg(label, path, key, selector.left(80)));
        }
    }
    return std::nullopt;
}

// Route elements must name a backend (checked per element while reading). Here: that backend
// exists. An instance that is declared but unusable (no key yet, disabled) is only a warning,
// so a file can carry routes over backends whose keys come later (keychain, environment).
std::optional<Error> checkRoutes(Config &cfg, const Pending &p)
{
    for (const RouteConfig &route : cfg.routes) {
        if (findBackendProfile(route.name) || cfg.backend(route.name) || !impliedBackendType(route.name).isEmpty())
            return Error::invalid(QStringLiteral("%1: failover_routes.%2: a route must not have the name of a backend")
                                      .arg(route.origin, route.name));
        for (const QString &element : route.elements) {
            const QString label = p.routeElementOrigin.value(route.name + QLatin1Char('\n') + element, route.origin);
            for (const QString &backend : selectorBackends(element)) {
                const BackendConfig *b = cfg.backend(backend);
                if (b && b->enabled)
                    continue;
                if (b || p.typeOrigin.contains(backend)) {
                    cfg.warnings << QStringLiteral("%1: route '%2' names backend '%3', which is %4; that element will fail")
                                        .arg(label, route.name, backend,
                                             b ? QStringLiteral("disabled") : QStringLiteral("not usable (no key)"));
                    continue;
                }
                if (findBackendProfile(backend) || !impliedBackendType(backend).isEmpty()) {
                    cfg.warnings << QStringLiteral("%1: route '%2' names backend '%3', which is not configured (set %4API_KEY); "
                                                   "that element will fail")
                                        .arg(label, route.name, backend, envPrefixFor(backend));
                    continue;
                }
                return Error::invalid(QStringLiteral("%1: '%2' names backend '%3', which is neither configured nor a "
                                                     "known type (configured backends: %4)")
                                          .arg(label, element.left(80), backend.left(80), joined(cfg.backendNames())));
            }
        }
    }
    return std::nullopt;
}

std::optional<Error> checkFeatures(const Config &cfg)
{
    if (cfg.retry.maxBackoffMs < cfg.retry.initialBackoffMs)
        return Error::invalid(QStringLiteral("%1: routing.backoff_max_ms (%2) is smaller than routing.backoff_initial_ms (%3)")
                                  .arg(originOf(cfg, QStringLiteral("routing.backoff_max_ms"), QStringLiteral("config")))
                                  .arg(cfg.retry.maxBackoffMs)
                                  .arg(cfg.retry.initialBackoffMs));
    if (cfg.usage.store == QLatin1String("postgres") && cfg.usage.postgresUrl.isEmpty())
        return Error::invalid(QStringLiteral("%1: usage.store is postgres but no usage.postgres_url (or "
                                             "LLM_PROXY_USAGE_POSTGRES_URL) is set")
                                  .arg(originOf(cfg, QStringLiteral("usage.store"), QStringLiteral("config"))));
    if (cfg.capture.maxTotalBytes < cfg.capture.maxFileBytes)
        return Error::invalid(QStringLiteral("%1: capture.max_total_mb is smaller than capture.max_file_mb")
                                  .arg(originOf(cfg, QStringLiteral("capture.max_total_mb"), QStringLiteral("config"))));
    return std::nullopt;
}

// OpenRouter attributes traffic to an app by HTTP-Referer (its URL) and X-Title (its name).
// Headers the user set in extra_headers win.
void addAttributionHeaders(Config &cfg, const Pending &p)
{
    for (BackendConfig &b : cfg.backends) {
        if (b.type != QLatin1String("openrouter"))
            continue;
        auto has = [&](QByteArrayView name) {
            return std::any_of(b.extraHeaders.cbegin(), b.extraHeaders.cend(),
                               [&](const auto &h) { return h.first.compare(name, Qt::CaseInsensitive) == 0; });
        };
        const QString url = p.appUrl.value(b.name);
        if (!url.isEmpty() && !has("HTTP-Referer"))
            b.extraHeaders.append(qMakePair(QByteArray("HTTP-Referer"), url.toUtf8()));
        const QString title = p.appName.contains(b.name) ? p.appName.value(b.name) : kDefaultAppTitle;
        if (!title.isEmpty() && !has("X-Title"))
            b.extraHeaders.append(qMakePair(QByteArray("X-Title"), title.toUtf8()));
    }
}

Result<Config> finalize(Pending p)
{
    Config &cfg = p.cfg;

    // Instances: fill profile defaults, drop the ones that cannot work.
    std::vector<BackendConfig> usable;
    for (BackendConfig &b : cfg.backends) {
        const BackendProfile *profile = findBackendProfile(b.type);
        if (!profile) // readers reject unknown types; keep the invariant anyway
            return Error::invalid(QStringLiteral("%1: unknown backend type '%2' (known types: %3)")
                                      .arg(b.origin, b.type, joined(knownBackendTypes())));
        const bool hasUrl = !b.baseUrl.isEmpty();
        if (b.apiKeys.isEmpty() && !hasUrl && !profile->keyless) {
            cfg.warnings << QStringLiteral("%1: backend '%2' has no API key and is skipped: set %3API_KEY "
                                           "or backends.%2.api_key")
                                .arg(b.origin, b.name, envPrefixFor(b.name));
            continue;
        }
        if (!hasUrl)
            b.baseUrl = QString::fromLatin1(profile->defaultBaseUrl);
        if (!cfg.origins.contains(QStringLiteral("backends.%1.timeout").arg(b.name)))
            b.timeoutSeconds = cfg.proxyTimeoutSeconds;
        usable.push_back(std::move(b));
    }
    cfg.backends = std::move(usable);

    // Default backend: "backend" or "backend:model"; the part before the first ':' must be a
    // configured instance (model names may contain ':' themselves, e.g. "ollama:llama3:8b").
    const QStringList names = cfg.backendNames();
    if (!p.defaultSpec.isEmpty()) {
        const qsizetype colon = p.defaultSpec.indexOf(QLatin1Char(':'));
        const QString backend = colon < 0 ? p.defaultSpec : p.defaultSpec.left(colon);
        const QString model = colon < 0 ? QString() : p.defaultSpec.mid(colon + 1).trimmed();
        if (!names.contains(backend)) {
            const QString configured = names.isEmpty()
                ? QStringLiteral("no backend is configured: set e.g. OPENAI_API_KEY, or add one under 'backends:'")
                : QStringLiteral("configured backends: ") + joined(names);
            const BackendConfig *known = cfg.backend(backend);
            const QString why = known && !known->enabled ? QStringLiteral("is disabled") : QStringLiteral("is not configured");
            return Error::invalid(QStringLiteral("%1: default backend '%2' %3 (%4)")
                                      .arg(p.defaultSpecOrigin, backend.left(80), why, configured));
        }
        if (colon >= 0 && model.isEmpty())
            return Error::invalid(QStringLiteral("%1: '%2' has an empty model after ':' (use 'backend' or 'backend:model')")
                                      .arg(p.defaultSpecOrigin, p.defaultSpec.left(80)));
        cfg.defaultBackend = backend;
        cfg.defaultModel = model;
    } else if (!names.isEmpty()) {
        cfg.defaultBackend = names.first();
        cfg.origins.insert(QStringLiteral("default_backend"), QStringLiteral("default: first configured backend"));
    }

    if (auto err = checkHybrids(cfg))
        return *err;
    if (auto err = checkRoutes(cfg, p))
        return *err;
    if (auto err = checkFeatures(cfg))
        return *err;
    addAttributionHeaders(cfg, p);

    // Listening beyond this machine without a key would hand the user's provider accounts to
    // anyone on the network.
    if (!cfg.bindsLoopbackOnly()) {
        if (cfg.proxyApiKeys.isEmpty()) {
            const QString label = p.hostLabel.isEmpty() ? QString() : p.hostLabel + QStringLiteral(": ");
            return Error::invalid(QStringLiteral("%1listening on %2 requires a proxy API key: set "
                                                 "LLM_INTERACTIVE_PROXY_API_KEY or auth.api_keys")
                                      .arg(label, cfg.host));
        }
        if (cfg.disableAuth) {
            cfg.disableAuth = false;
            cfg.warnings << QStringLiteral("auth.disable_auth is ignored when listening on %1: "
                                           "clients must send the proxy API key")
                                .arg(cfg.host);
        }
    }
    if (cfg.anthropicPort != 0 && cfg.anthropicPort == cfg.port)
        return Error::invalid(QStringLiteral("anthropic_port %1 is the same as port; choose another port or 0 (off)")
                                  .arg(cfg.anthropicPort));
    return std::move(cfg);
}

std::optional<Error> readYamlLayer(const QByteArray &yaml, const QString &fileName, Pending &p, bool appLayer = false)
{
    if (yaml.size() > kMaxConfigFileBytes)
        return Error::invalid(QStringLiteral("%1: the file is larger than %2 MiB; is it the right file?")
                                  .arg(fileName)
                                  .arg(kMaxConfigFileBytes / (1024 * 1024)));
    if (yaml.contains('\0'))
        return Error::invalid(QStringLiteral("%1: the file contains NUL bytes; the config must be UTF-8 text")
                                  .arg(fileName));
    YamlReader reader(fileName, p, appLayer);
    return reader.read(yaml);
}

} // namespace

Result<Config> parseConfigYaml(const QByteArray &yaml, const QString &fileName, Config base)
{
    Pending p;
    p.cfg = std::move(base);
    if (auto err = readYamlLayer(yaml, fileName, p))
        return *err;
    p.cfg.sourceDescription = QStringLiteral("file:") + fileName;
    return finalize(std::move(p));
}

namespace {

// `appLayerYaml`: the app layer's text when given (preview), else read from cli.appConfigFile.
Result<Config> loadLayers(const CliOptions &cli, const QHash<QString, QString> &env, const QByteArray *appLayerYaml,
                          const std::function<void(Config &)> &beforeValidation)
{
    Pending p;
    QStringList sources = {QStringLiteral("defaults")};

    QString path;
    QString pathLabel;
    if (cli.configFile && !cli.configFile->isEmpty()) {
        path = *cli.configFile;
        pathLabel = QStringLiteral("--config");
    } else if (!env.value(QStringLiteral("LLM_PROXY_CONFIG")).trimmed().isEmpty()) {
        path = env.value(QStringLiteral("LLM_PROXY_CONFIG")).trimmed();
        pathLabel = QStringLiteral("LLM_PROXY_CONFIG");
    }
    if (!path.isEmpty()) {
        QFile file(path);
        if (QFileInfo(path).isDir())
            return Error::invalid(QStringLiteral("config file '%1' (from %2) is a directory").arg(path, pathLabel));
        if (!file.open(QIODevice::ReadOnly))
            return Error::invalid(QStringLiteral("cannot read config file '%1' (from %2): %3")
                                      .arg(path, pathLabel, file.errorString()));
        const QByteArray bytes = file.read(kMaxConfigFileBytes + 1);
        if (auto err = readYamlLayer(bytes, path, p))
            return *err;
        sources << QStringLiteral("file:") + path;
    }

    const QString appPath = cli.appConfigFile.value_or(QString());
    if (appLayerYaml) {
        const QString name = appPath.isEmpty() ? QStringLiteral("app-config.yaml") : appPath;
        if (auto err = readYamlLayer(*appLayerYaml, name, p, true))
            return *err;
        sources << QStringLiteral("app:") + name;
    } else if (!appPath.isEmpty() && QFileInfo::exists(appPath)) {
        // A missing file is an empty layer: the app has not saved anything yet.
        QFile file(appPath);
        if (QFileInfo(appPath).isDir())
            return Error::invalid(QStringLiteral("the app's config file '%1' is a directory").arg(appPath));
        if (!file.open(QIODevice::ReadOnly))
            return Error::invalid(QStringLiteral("cannot read the app's config file '%1': %2").arg(appPath, file.errorString()));
        if (auto err = readYamlLayer(file.read(kMaxConfigFileBytes + 1), appPath, p, true))
            return *err;
        sources << QStringLiteral("app:") + appPath;
    }

    EnvReader envReader(env, p);
    if (auto err = envReader.apply())
        return *err;
    sources << QStringLiteral("env");

    if (auto err = applyCli(cli, p))
        return *err;
    sources << QStringLiteral("cli");

    p.cfg.sourceDescription = sources.join(QLatin1String(" + "));
    if (beforeValidation)
        beforeValidation(p.cfg);
    return finalize(std::move(p));
}

} // namespace

Result<Config> loadConfig(const CliOptions &cli, const QHash<QString, QString> &env,
                          const std::function<void(Config &)> &beforeValidation)
{
    return loadLayers(cli, env, nullptr, beforeValidation);
}

Result<Config> loadConfigWithAppLayer(const CliOptions &cli, const QHash<QString, QString> &env,
                                      const QByteArray &appLayerYaml,
                                      const std::function<void(Config &)> &beforeValidation)
{
    return loadLayers(cli, env, &appLayerYaml, beforeValidation);
}

std::optional<Error> checkAppLayerYaml(const QByteArray &yaml, const QString &fileName)
{
    Pending p;
    return readYamlLayer(yaml, fileName, p, true);
}

QHash<QString, QString> processEnvironment()
{
    QHash<QString, QString> env;
    const QProcessEnvironment system = QProcessEnvironment::systemEnvironment();
    const QStringList keys = system.keys();
    for (const QString &key : keys)
        env.insert(key, system.value(key));
    return env;
}

} // namespace lip::config
