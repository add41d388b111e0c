// SPDX-License-Identifier: GPL-3.0-or-later
#include "config/appconfig.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSaveFile>
#include <QStandardPaths>

#include <yaml-cpp/yaml.h>

#include <algorithm>

namespace lip::config {

namespace {

// Same cap as the user's file: anything bigger is not a file the app wrote.
constexpr qint64 kMaxLayerBytes = 4 * 1024 * 1024;

QString text(const YAML::Node &node)
{
    return node && node.IsScalar() ? QString::fromStdString(node.Scalar()).trimmed() : QString();
}

std::optional<QString> optionalText(const YAML::Node &node)
{
    if (!node || node.IsNull() || !node.IsScalar())
        return std::nullopt;
    return text(node);
}

// The loader has already accepted the file (checkAppLayerYaml), so a value here is well formed.
std::optional<bool> optionalBool(const YAML::Node &node)
{
    const std::optional<QString> raw = optionalText(node);
    if (!raw)
        return std::nullopt;
    const QString v = raw->toLower();
    return v == QLatin1String("true") || v == QLatin1String("yes") || v == QLatin1String("on")
        || v == QLatin1String("1");
}

std::optional<quint16> optionalPort(const YAML::Node &node)
{
    const std::optional<QString> raw = optionalText(node);
    if (!raw)
        return std::nullopt;
    return quint16(raw->toUInt());
}

QStringList textList(const YAML::Node &node)
{
    QStringList out;
    if (!node || node.IsNull())
        return out;
    if (node.IsScalar())
        return {text(node)};
    for (const YAML::Node &item : node)
        out << text(item);
    return out;
}

AppLayer extract(const YAML::Node &root)
{
    AppLayer layer;
    if (!root || !root.IsMap())
        return layer;
    layer.defaultBackend = optionalText(root["default_backend"]);
    layer.host = optionalText(root["host"]);
    layer.port = optionalPort(root["port"]);
    layer.anthropicPort = optionalPort(root["anthropic_port"]);
    layer.dataDir = optionalText(root["data_dir"]);
    if (const YAML::Node logging = root["logging"]; logging && logging.IsMap())
        layer.logLevel = optionalText(logging["level"]);

    if (const YAML::Node backends = root["backends"]; backends && backends.IsMap()) {
        for (auto it = backends.begin(); it != backends.end(); ++it) {
            AppBackendOverride o;
            o.name = text(it->first);
            if (it->second.IsMap()) {
                o.type = optionalText(it->second["type"]).value_or(QString());
                o.enabled = optionalBool(it->second["enabled"]);
                o.baseUrl = optionalText(it->second["api_url"]);
            }
            layer.backends.push_back(std::move(o));
        }
    }
    if (const YAML::Node routes = root["failover_routes"]; routes && routes.IsMap()) {
        for (auto it = routes.begin(); it != routes.end(); ++it) {
            RouteConfig route;
            route.name = text(it->first);
            if (const std::optional<QString> policy = optionalText(it->second["policy"]))
                route.policy = *policy;
            route.elements = textList(it->second["elements"]);
            layer.routes.push_back(std::move(route));
        }
    }
    if (const YAML::Node aliases = root["model_aliases"]; aliases && aliases.IsMap()) {
        for (auto it = aliases.begin(); it != aliases.end(); ++it)
            layer.modelAliases.insert(text(it->first), text(it->second));
    }
    if (const YAML::Node rewrites = root["model_rewrites"]) {
        std::vector<ModelRewrite> rules;
        if (rewrites.IsSequence()) {
            for (const YAML::Node &item : rewrites) {
                ModelRewrite rule;
                const bool hasPattern = bool(item["pattern"]);
                // Patterns keep their spaces: they are matched as written.
                const YAML::Node pattern = hasPattern ? item["pattern"] : item["match"];
                rule.pattern = pattern && pattern.IsScalar() ? QString::fromStdString(pattern.Scalar()) : QString();
                rule.target = optionalText(item["target"]).value_or(optionalText(item["replacement"]).value_or(QString()));
                rule.regex = optionalBool(item["regex"]).value_or(hasPattern);
                rule.frontend = optionalText(item["frontend"]).value_or(QString()).toLower();
                rules.push_back(std::move(rule));
            }
        }
        layer.rewrites = std::move(rules);
    }
    if (const YAML::Node app = root["app"]; app && app.IsMap()) {
        layer.startHidden = optionalBool(app["start_hidden"]).value_or(false);
        layer.startAtLogin = optionalBool(app["start_at_login"]).value_or(false);
        layer.language = optionalText(app["language"]).value_or(QString());
    }
    return layer;
}

void emitText(YAML::Emitter &out, const QString &value)
{
    out << value.toStdString();
}

} // namespace

bool operator==(const RouteConfig &a, const RouteConfig &b)
{
    return a.name == b.name && a.policy == b.policy && a.elements == b.elements;
}

bool operator==(const ModelRewrite &a, const ModelRewrite &b)
{
    return a.pattern == b.pattern && a.target == b.target && a.regex == b.regex && a.frontend == b.frontend;
}

QString appConfigPath(const QHash<QString, QString> &env)
{
    const QString explicitPath = env.value(QStringLiteral("LLM_PROXY_APP_CONFIG")).trimmed();
    if (!explicitPath.isEmpty())
        return explicitPath;
    // Generic location + our own folder: independent of QCoreApplication's names, so the
    // headless binary and the GUI agree on the file.
    return QStandardPaths::writableLocation(QStandardPaths::GenericConfigLocation)
        + QStringLiteral("/llm-interactive-proxy/app-config.yaml");
}

Result<AppLayer> readAppLayer(const QString &path)
{
    const QFileInfo info(path);
    if (!info.exists())
        return AppLayer{};
    if (info.isDir())
        return Error::invalid(QStringLiteral("the app's config file '%1' is a directory").arg(path));
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return Error::invalid(QStringLiteral("cannot read the app's config file '%1': %2").arg(path, file.errorString()));
    const QByteArray bytes = file.read(kMaxLayerBytes + 1);
    // The loader's own checks, so the GUI and start-up report a bad layer in the same words.
    if (std::optional<Error> error = checkAppLayerYaml(bytes, path))
        return *error;
    try {
        return extract(YAML::Load(bytes.toStdString()));
    } catch (const std::exception &e) {
        return Error::invalid(QStringLiteral("%1: cannot read YAML: %2").arg(path, QString::fromStdString(e.what())));
    }
}

QByteArray serializeAppLayer(const AppLayer &layer)
{
    YAML::Emitter out;
    out << YAML::Comment("Written by LLM Interactive Proxy's window; replaced whole on every change.\n"
                         "Your own settings belong in your config file, which this one is layered over.");
    out << YAML::BeginMap;
    if (layer.defaultBackend) {
        out << YAML::Key << "default_backend" << YAML::Value;
        emitText(out, *layer.defaultBackend);
    }
    if (layer.host) {
        out << YAML::Key << "host" << YAML::Value;
        emitText(out, *layer.host);
    }
    if (layer.port)
        out << YAML::Key << "port" << YAML::Value << int(*layer.port);
    if (layer.anthropicPort)
        out << YAML::Key << "anthropic_port" << YAML::Value << int(*layer.anthropicPort);
    if (layer.dataDir) {
        out << YAML::Key << "data_dir" << YAML::Value;
        emitText(out, *layer.dataDir);
    }
    if (layer.logLevel) {
        out << YAML::Key << "logging" << YAML::Value << YAML::BeginMap << YAML::Key << "level" << YAML::Value;
        emitText(out, *layer.logLevel);
        out << YAML::EndMap;
    }
    if (!layer.backends.empty()) {
        out << YAML::Key << "backends" << YAML::Value << YAML::BeginMap;
        for (const AppBackendOverride &b : layer.backends) {
            out << YAML::Key;
            emitText(out, b.name);
            out << YAML::Value << YAML::BeginMap;
            if (!b.type.isEmpty()) {
                out << YAML::Key << "type" << YAML::Value;
                emitText(out, b.type);
            }
            if (b.enabled)
                out << YAML::Key << "enabled" << YAML::Value << *b.enabled;
            if (b.baseUrl) {
                out << YAML::Key << "api_url" << YAML::Value;
                emitText(out, *b.baseUrl);
            }
            out << YAML::EndMap;
        }
        out << YAML::EndMap;
    }
    if (!layer.routes.empty()) {
        out << YAML::Key << "failover_routes" << YAML::Value << YAML::BeginMap;
        for (const RouteConfig &route : layer.routes) {
            out << YAML::Key;
            emitText(out, route.name);
            out << YAML::Value << YAML::BeginMap << YAML::Key << "policy" << YAML::Value;
            emitText(out, route.policy);
            out << YAML::Key << "elements" << YAML::Value << YAML::BeginSeq;
            for (const QString &element : route.elements)
                emitText(out, element);
            out << YAML::EndSeq << YAML::EndMap;
        }
        out << YAML::EndMap;
    }
    if (!layer.modelAliases.isEmpty()) {
        // Sorted: the same layer always gives the same bytes.
        QStringList aliases = layer.modelAliases.keys();
        std::sort(aliases.begin(), aliases.end());
        out << YAML::Key << "model_aliases" << YAML::Value << YAML::BeginMap;
        for (const QString &alias : aliases) {
            out << YAML::Key;
            emitText(out, alias);
            out << YAML::Value;
            emitText(out, layer.modelAliases.value(alias));
        }
        out << YAML::EndMap;
    }
    if (layer.rewrites) {
        out << YAML::Key << "model_rewrites" << YAML::Value;
        if (layer.rewrites->empty())
            out << YAML::Flow;
        out << YAML::BeginSeq;
        for (const ModelRewrite &rule : *layer.rewrites) {
            out << YAML::BeginMap << YAML::Key << "pattern" << YAML::Value;
            emitText(out, rule.pattern);
            out << YAML::Key << "target" << YAML::Value;
            emitText(out, rule.target);
            out << YAML::Key << "regex" << YAML::Value << rule.regex;
            if (!rule.frontend.isEmpty()) {
                out << YAML::Key << "frontend" << YAML::Value;
                emitText(out, rule.frontend);
            }
            out << YAML::EndMap;
        }
        out << YAML::EndSeq;
    }
    if (layer.startHidden || layer.startAtLogin || !layer.language.isEmpty()) {
        out << YAML::Key << "app" << YAML::Value << YAML::BeginMap;
        if (layer.startHidden)
            out << YAML::Key << "start_hidden" << YAML::Value << true;
        if (layer.startAtLogin)
            out << YAML::Key << "start_at_login" << YAML::Value << true;
        if (!layer.language.isEmpty()) {
            out << YAML::Key << "language" << YAML::Value;
            emitText(out, layer.language);
        }
        out << YAML::EndMap;
    }
    out << YAML::EndMap;
    QByteArray bytes(out.c_str(), qsizetype(out.size()));
    // An empty layer emits "{}"; keep the file readable as "nothing set".
    if (!bytes.endsWith('\n'))
        bytes.append('\n');
    return bytes;
}

QString writeAppLayer(const QString &path, const AppLayer &layer)
{
    const QFileInfo info(path);
    if (!QDir().mkpath(info.absolutePath()))
        return QStringLiteral("cannot create the folder '%1' for the app's config").arg(info.absolutePath());
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return QStringLiteral("cannot write the app's config file '%1': %2").arg(path, file.errorString());
    const QByteArray bytes = serializeAppLayer(layer);
    if (file.write(bytes) != bytes.size()) {
        const QString error = file.errorString();
        file.cancelWriting();
        return QStringLiteral("cannot write the app's config file '%1': %2").arg(path, error);
    }
    if (!file.commit())
        return QStringLiteral("cannot save the app's config file '%1': %2").arg(path, file.errorString());
    return {};
}

Result<Config> previewConfig(const CliOptions &cli, const QHash<QString, QString> &env, const AppLayer &layer,
                             const std::function<void(Config &)> &beforeValidation)
{
    return loadConfigWithAppLayer(cli, env, serializeAppLayer(layer), beforeValidation);
}

} // namespace lip::config
