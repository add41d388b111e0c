// SPDX-License-Identifier: GPL-3.0-or-later
#include "config/configloader.h"

#include "config/backendprofiles.h"

#include <QFile>
#include <QFileInfo>
#include <QHostAddress>
#include <QProcessEnvironment>
#include <QRegularExpression>
#include <QSet>
#include <QUrl>

#include <yaml-cpp/yaml.h>

#include <algorithm>
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
        QStringLiteral("reasoning_aliases"), QStringLiteral("model_aliases"),
        QStringLiteral("sandboxing"), QStringLiteral("codebuff"), QStringLiteral("replacement"),
        QStringLiteral("vtc_client_patterns"), QStringLiteral("usage_tracking"),
        // auth
        QStringLiteral("auth.auth_token"), QStringLiteral("auth.redact_api_keys_in_prompts"),
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
    QStringLiteral("failover_routes"),
};
const QStringList kAuthKeys = {QStringLiteral("disable_auth"), QStringLiteral("api_keys")};
const QStringList kSessionKeys = {QStringLiteral("disable_interactive_commands")};
const QStringList kLoggingKeys = {QStringLiteral("level")};
const QStringList kBackendKeys = {
    QStringLiteral("type"), QStringLiteral("api_key"), QStringLiteral("api_url"),
    QStringLiteral("timeout"), QStringLiteral("models"), QStringLiteral("extra_headers"),
    QStringLiteral("enabled"),
};
const QStringList kRouteKeys = {QStringLiteral("policy"), QStringLiteral("elements")};
const QStringList kRoutePolicies = {QStringLiteral("ordered"), QStringLiteral("k"),
                                    QStringLiteral("m"), QStringLiteral("km"), QStringLiteral("mk")};
const QStringList kLogLevels = {QStringLiteral("error"), QStringLiteral("warning"),
                                QStringLiteral("info"), QStringLiteral("debug")};

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
};

// ---- YAML layer -------------------------------------------------------------------------

class YamlReader
{
public:
    YamlReader(const QString &fileName, Pending &pending)
        : m_file(fileName), m_p(pending), m_cfg(pending.cfg)
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
        forEachKey(root, QString(), kTopLevelKeys, QString(),
                   [&](const QString &key, const YAML::Node &k, const YAML::Node &v) {
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
            } else {
                return false;
            }
            return true;
        });
        if (m_error || !topDefault)
            return;
        // The reference accepts default_backend both at the top level and under backends.
        if (!m_p.defaultSpec.isEmpty() && m_p.defaultSpec != topDefault->first) {
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
            if (key != QLatin1String("disable_interactive_commands"))
                return false;
            if (auto b = getBool(k, v, path)) {
                m_cfg.interactiveCommands = !*b;
                setOrigin(path, k);
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

    void readBackends(const YAML::Node &map)
    {
        QStringList known = {QStringLiteral("default_backend")};
        known << QStringLiteral("<instance name>");
        forEachKey(map, QStringLiteral("backends"), known, QStringLiteral("backends."),
                   [&](const QString &key, const YAML::Node &k, const YAML::Node &v) {
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
        BackendConfig b;
        b.name = name;
        b.origin = where(keyNode);
        QString typeLabel = where(keyNode) + QStringLiteral(": ") + path;
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
                    if (auto e = getBool(k, v, kp))
                        b.enabled = *e;
                } else if (key == QLatin1String("extra_headers")) {
                    readHeaders(k, v, kp, b);
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
                        for (const auto &item : *list)
                            route.elements << item.first;
                    }
                } else {
                    return false;
                }
                return true;
            });
            if (!m_error && route.elements.isEmpty())
                fail(k, QStringLiteral("%1: a route needs at least one entry in 'elements'").arg(path));
            if (!m_error)
                m_cfg.routes.push_back(std::move(route));
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

    // Applies <PREFIX>API_KEY[_N], <PREFIX>API_BASE_URL and <PREFIX>TIMEOUT to one instance.
    // Returns whether any of the key/URL variables was present.
    bool applyInstance(BackendConfig &b)
    {
        const QString prefix = envPrefixFor(b.name);
        const QString path = QStringLiteral("backends.") + b.name;
        bool any = false;
        const auto keys = numberedSecrets(prefix + QStringLiteral("API_KEY"));
        if (!keys)
            return false;
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
                b.origin = b.keyAliases.isEmpty()
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
    return std::nullopt;
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

std::optional<Error> readYamlLayer(const QByteArray &yaml, const QString &fileName, Pending &p)
{
    if (yaml.size() > kMaxConfigFileBytes)
        return Error::invalid(QStringLiteral("%1: the file is larger than %2 MiB; is it the right file?")
                                  .arg(fileName)
                                  .arg(kMaxConfigFileBytes / (1024 * 1024)));
    if (yaml.contains('\0'))
        return Error::invalid(QStringLiteral("%1: the file contains NUL bytes; the config must be UTF-8 text")
                                  .arg(fileName));
    YamlReader reader(fileName, p);
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

Result<Config> loadConfig(const CliOptions &cli, const QHash<QString, QString> &env)
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

    EnvReader envReader(env, p);
    if (auto err = envReader.apply())
        return *err;
    sources << QStringLiteral("env");

    if (auto err = applyCli(cli, p))
        return *err;
    sources << QStringLiteral("cli");

    p.cfg.sourceDescription = sources.join(QLatin1String(" + "));
    return finalize(std::move(p));
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
