// SPDX-License-Identifier: GPL-3.0-or-later
#include "clientprofiles.h"

#include "dotenvpatch.h"
#include "jsonpatch.h"
#include "tomlpatch.h"

#include "clientstext.h"

#include <QCoreApplication>
#include <QDir>
#include <QProcessEnvironment>
#include <QUrl>

namespace lip::ui::clients {

namespace {


QString trimSlash(QString url)
{
    while (url.endsWith(u'/'))
        url.chop(1);
    return url;
}

// A folder from an environment variable, else `fallback` under home.
QString configDir(const ClientEnvironment &env, const QString &variable, const QString &fallback)
{
    const QString fromEnv = env.variables.value(variable).trimmed();
    if (!fromEnv.isEmpty())
        return QDir::cleanPath(fromEnv);
    return QDir::cleanPath(env.home + u'/' + fallback);
}

OwnedSetting owned(const QString &section, const QStringList &path, const std::optional<QString> &value,
                   bool secret = false)
{
    OwnedSetting s;
    s.section = section;
    s.path = path;
    s.value = value;
    s.secret = secret;
    return s;
}

QString jsonString(const QString &value)
{
    QString out = value;
    out.replace(u'\\', QStringLiteral("\\\\")).replace(u'"', QStringLiteral("\\\""));
    return u'"' + out + u'"';
}

QString pyString(const QString &value)
{
    return jsonString(value);
}

} // namespace

ProxyEndpoint ProxyEndpoint::from(const QString &listenAddress, const QString &anthropicAddress,
                                  const QStringList &proxyKeys, const QString &model)
{
    ProxyEndpoint e;
    const QString base = trimSlash(listenAddress.isEmpty() ? QStringLiteral("http://127.0.0.1:8000") : listenAddress);
    e.openaiBase = base + QStringLiteral("/v1");
    e.anthropicBase = anthropicAddress.isEmpty() ? base : trimSlash(anthropicAddress);
    e.geminiBase = base;
    e.keyRequired = !proxyKeys.isEmpty() && !proxyKeys.first().isEmpty();
    e.key = e.keyRequired ? proxyKeys.first() : QString::fromLatin1(kPlaceholderKey);
    if (!model.trimmed().isEmpty())
        e.model = model.trimmed();
    return e;
}

ClientEnvironment ClientEnvironment::fromProcess()
{
    ClientEnvironment env;
    env.home = QDir::homePath();
    const QProcessEnvironment process = QProcessEnvironment::systemEnvironment();
    for (const QString &name : {QStringLiteral("CLAUDE_CONFIG_DIR"), QStringLiteral("CODEX_HOME"),
                                QStringLiteral("GEMINI_CLI_HOME")})
        if (process.contains(name))
            env.variables.insert(name, process.value(name));
    return env;
}

QString OwnedSetting::display() const
{
    if (section.isEmpty())
        return path.join(u'.');
    return QStringLiteral("[%1] %2").arg(section, path.join(u'.'));
}

PlannedText applySettings(const ClientFilePlan &plan, const QByteArray &current)
{
    PlannedText result;
    QByteArray text = current;
    if (plan.format == FileFormat::Json) {
        // Refuse a broken file before touching anything, with the parser's line and column.
        if (!text.trimmed().isEmpty()) {
            const QString error = checkJsonDocument(text);
            if (!error.isEmpty()) {
                result.error = ClientsText::tr("%1 is not valid JSON (%2); fix it first, nothing was changed")
                                   .arg(QDir::toNativeSeparators(plan.path), error);
                return result;
            }
        }
    }
    if (plan.format == FileFormat::Toml) {
        // Check each table against the user's own text first, so an error names their line.
        for (const OwnedSetting &setting : plan.settings) {
            const TomlPatchResult probe = setTomlString(text, setting.section, setting.path.join(u'.'), setting.value);
            if (!probe.ok()) {
                result.error = ClientsText::tr("%1: %2").arg(QDir::toNativeSeparators(plan.path), probe.error);
                return result;
            }
        }
    }
    for (const OwnedSetting &setting : plan.settings) {
        switch (plan.format) {
        case FileFormat::Json: {
            if (!setting.value)
                break; // JSON keys we own are always set
            const JsonPatchResult patched = setJsonString(text, setting.path, *setting.value);
            if (!patched.ok()) {
                result.error = ClientsText::tr("%1: %2").arg(QDir::toNativeSeparators(plan.path), patched.error);
                return result;
            }
            text = patched.text;
            break;
        }
        case FileFormat::Toml: {
            const TomlPatchResult patched = setTomlString(text, setting.section, setting.path.join(u'.'), setting.value);
            if (!patched.ok()) {
                result.error = ClientsText::tr("%1: %2").arg(QDir::toNativeSeparators(plan.path), patched.error);
                return result;
            }
            text = patched.text;
            break;
        }
        case FileFormat::Dotenv:
            text = setDotenvValue(text, setting.path.join(u'.'), setting.value);
            break;
        }
    }
    result.text = text;
    return result;
}

std::optional<QString> currentValue(const ClientFilePlan &plan, const OwnedSetting &setting, const QByteArray &text)
{
    switch (plan.format) {
    case FileFormat::Json:
        return jsonValueAt(text, setting.path);
    case FileFormat::Toml:
        return tomlValueAt(text, setting.section, setting.path.join(u'.'));
    case FileFormat::Dotenv:
        return dotenvValueAt(text, setting.path.join(u'.'));
    }
    return std::nullopt;
}

bool ClientProfile::hasConfigFiles() const
{
    return kind == ClientKind::ClaudeCode || kind == ClientKind::Codex || kind == ClientKind::GeminiCli;
}

QList<ClientProfile> allClients()
{
    return {
        {ClientKind::ClaudeCode, QStringLiteral("claude-code"), ClientsText::tr("Claude Code"),
         ClientsText::tr("Anthropic's coding agent. Speaks the Anthropic Messages API; settings go in the env block of "
            "its settings.json.")},
        {ClientKind::Codex, QStringLiteral("codex"), ClientsText::tr("Codex CLI"),
         ClientsText::tr("OpenAI's coding agent. Speaks the OpenAI Responses API; the proxy is added as a model provider "
            "in config.toml.")},
        {ClientKind::GeminiCli, QStringLiteral("gemini-cli"), ClientsText::tr("Gemini CLI"),
         ClientsText::tr("Google's coding agent. Speaks the Gemini API; the base URL and key go in ~/.gemini/.env, "
            "API-key sign-in in settings.json.")},
        {ClientKind::OpenAiSdk, QStringLiteral("openai-sdk"), ClientsText::tr("OpenAI SDK (Python / JS)"),
         ClientsText::tr("The official openai packages: Chat Completions and Responses.")},
        {ClientKind::AnthropicSdk, QStringLiteral("anthropic-sdk"), ClientsText::tr("Anthropic SDK (Python / JS)"),
         ClientsText::tr("The official anthropic packages: Messages.")},
        {ClientKind::GeminiSdk, QStringLiteral("gemini-sdk"), ClientsText::tr("Gemini SDK (@google/genai)"),
         ClientsText::tr("Google's Gen AI SDK for JavaScript and Python: generateContent.")},
        {ClientKind::OpenAiCompatible, QStringLiteral("openai-compatible"), ClientsText::tr("Any OpenAI-compatible tool"),
         ClientsText::tr("Editors, chat apps and libraries that let you set an OpenAI base URL and key.")},
    };
}

QString maskSecret(const QString &secret)
{
    if (secret.isEmpty())
        return {};
    const QString dots = QStringLiteral("\u2022\u2022\u2022\u2022");
    return secret.size() > 8 ? dots + secret.right(4) : dots;
}

QList<ClientFilePlan> clientFilePlans(ClientKind kind, const ProxyEndpoint &e, const ClientEnvironment &env)
{
    QList<ClientFilePlan> plans;
    switch (kind) {
    case ClientKind::ClaudeCode: {
        ClientFilePlan plan;
        plan.path = configDir(env, QStringLiteral("CLAUDE_CONFIG_DIR"), QStringLiteral(".claude"))
            + QStringLiteral("/settings.json");
        plan.format = FileFormat::Json;
        const QString envBlock = QStringLiteral("env");
        plan.settings = {
            owned({}, {envBlock, QStringLiteral("ANTHROPIC_BASE_URL")}, e.anthropicBase),
            owned({}, {envBlock, QStringLiteral("ANTHROPIC_AUTH_TOKEN")}, e.key, true),
            owned({}, {envBlock, QStringLiteral("ANTHROPIC_MODEL")}, e.model),
            // Claude Code's background calls (titles, summaries) use its "haiku" slot.
            owned({}, {envBlock, QStringLiteral("ANTHROPIC_DEFAULT_HAIKU_MODEL")}, e.model),
        };
        plans << plan;
        break;
    }
    case ClientKind::Codex: {
        ClientFilePlan plan;
        plan.path = configDir(env, QStringLiteral("CODEX_HOME"), QStringLiteral(".codex")) + QStringLiteral("/config.toml");
        plan.format = FileFormat::Toml;
        const QString table = QStringLiteral("model_providers.") + QLatin1String(kCodexProviderId);
        plan.settings = {
            owned({}, {QStringLiteral("model")}, e.model),
            owned({}, {QStringLiteral("model_provider")}, QString::fromLatin1(kCodexProviderId)),
            owned(table, {QStringLiteral("name")}, QStringLiteral("LLM Interactive Proxy")),
            owned(table, {QStringLiteral("base_url")}, e.openaiBase),
            owned(table, {QStringLiteral("wire_api")}, QStringLiteral("responses")),
            // Codex reads the key from this variable; with auth off no key is sent at all (an
            // unset env_key variable would stop Codex).
            owned(table, {QStringLiteral("env_key")},
                  e.keyRequired ? std::optional<QString>(QString::fromLatin1(kCodexKeyVariable)) : std::nullopt),
        };
        plans << plan;
        break;
    }
    case ClientKind::GeminiCli: {
        // GEMINI_CLI_HOME replaces the home folder; .gemini is inside it.
        const QString root = env.variables.value(QStringLiteral("GEMINI_CLI_HOME")).trimmed();
        const QString dir = QDir::cleanPath((root.isEmpty() ? env.home : root) + QStringLiteral("/.gemini"));
        ClientFilePlan settings;
        settings.path = dir + QStringLiteral("/settings.json");
        settings.format = FileFormat::Json;
        settings.settings = {owned({}, {QStringLiteral("security"), QStringLiteral("auth"), QStringLiteral("selectedType")},
                                   QStringLiteral("gemini-api-key"))};
        ClientFilePlan dotenv;
        dotenv.path = dir + QStringLiteral("/.env");
        dotenv.format = FileFormat::Dotenv;
        dotenv.settings = {
            owned({}, {QStringLiteral("GOOGLE_GEMINI_BASE_URL")}, e.geminiBase),
            owned({}, {QStringLiteral("GEMINI_API_KEY")}, e.key, true),
            owned({}, {QStringLiteral("GEMINI_MODEL")}, e.model),
        };
        plans << settings << dotenv;
        break;
    }
    default:
        break;
    }
    return plans;
}

QString clientSnippet(ClientKind kind, const ProxyEndpoint &e)
{
    const QString authNote = e.keyRequired
        ? ClientsText::tr("# The key is the proxy's client key (LLM_INTERACTIVE_PROXY_API_KEY), not a provider key.")
        : ClientsText::tr("# The proxy has no client key: auth is off on loopback, any non-empty key works.");
    switch (kind) {
    case ClientKind::ClaudeCode:
        return ClientsText::tr("# ~/.claude/settings.json (or $CLAUDE_CONFIG_DIR/settings.json)") + u'\n'
            + QStringLiteral("{\n  \"env\": {\n    \"ANTHROPIC_BASE_URL\": %1,\n    \"ANTHROPIC_AUTH_TOKEN\": %2,\n"
                             "    \"ANTHROPIC_MODEL\": %3,\n    \"ANTHROPIC_DEFAULT_HAIKU_MODEL\": %3\n  }\n}\n\n")
                  .arg(jsonString(e.anthropicBase), jsonString(e.key), jsonString(e.model))
            + ClientsText::tr("# or, for one shell:") + u'\n'
            + QStringLiteral("export ANTHROPIC_BASE_URL=%1\nexport ANTHROPIC_AUTH_TOKEN=%2\nclaude --model %3\n")
                  .arg(e.anthropicBase, e.key, e.model)
            + authNote + u'\n';
    case ClientKind::Codex: {
        QString toml = QStringLiteral("model = %1\nmodel_provider = \"%2\"\n\n[model_providers.%2]\n"
                                      "name = \"LLM Interactive Proxy\"\nbase_url = %3\nwire_api = \"responses\"\n")
                           .arg(jsonString(e.model), QLatin1String(kCodexProviderId), jsonString(e.openaiBase));
        if (e.keyRequired)
            toml += QStringLiteral("env_key = \"%1\"\n").arg(QLatin1String(kCodexKeyVariable));
        QString out = ClientsText::tr("# ~/.codex/config.toml (or $CODEX_HOME/config.toml)") + u'\n' + toml + u'\n';
        if (e.keyRequired)
            out += ClientsText::tr("# in the shell that runs codex:") + u'\n'
                + QStringLiteral("export %1=%2\n").arg(QLatin1String(kCodexKeyVariable), e.key);
        out += QStringLiteral("codex\ncodex exec \"your prompt\"\n") + authNote + u'\n';
        return out;
    }
    case ClientKind::GeminiCli:
        return ClientsText::tr("# ~/.gemini/.env") + u'\n'
            + QStringLiteral("GOOGLE_GEMINI_BASE_URL=%1\nGEMINI_API_KEY=%2\nGEMINI_MODEL=%3\n\n")
                  .arg(e.geminiBase, e.key, e.model)
            + ClientsText::tr("# ~/.gemini/settings.json: sign in with an API key") + u'\n'
            + QStringLiteral("{ \"security\": { \"auth\": { \"selectedType\": \"gemini-api-key\" } } }\n\n")
            + ClientsText::tr("# or, for one shell:") + u'\n'
            + QStringLiteral("export GOOGLE_GEMINI_BASE_URL=%1\nexport GEMINI_API_KEY=%2\ngemini -m %3\n")
                  .arg(e.geminiBase, e.key, e.model)
            + authNote + u'\n';
    case ClientKind::OpenAiSdk:
        return ClientsText::tr("# Python (pip install openai)") + u'\n'
            + QStringLiteral("from openai import OpenAI\nclient = OpenAI(base_url=%1, api_key=%2)\n"
                             "reply = client.chat.completions.create(model=%3,\n"
                             "    messages=[{\"role\": \"user\", \"content\": \"Hello\"}])\n\n")
                  .arg(pyString(e.openaiBase), pyString(e.key), pyString(e.model))
            + ClientsText::tr("// JavaScript (npm install openai)") + u'\n'
            + QStringLiteral("import OpenAI from \"openai\";\nconst client = new OpenAI({ baseURL: %1, apiKey: %2 });\n"
                             "const reply = await client.responses.create({ model: %3, input: \"Hello\" });\n\n")
                  .arg(jsonString(e.openaiBase), jsonString(e.key), jsonString(e.model))
            + ClientsText::tr("# or through the environment:") + u'\n'
            + QStringLiteral("export OPENAI_BASE_URL=%1\nexport OPENAI_API_KEY=%2\n").arg(e.openaiBase, e.key)
            + authNote + u'\n';
    case ClientKind::AnthropicSdk:
        return ClientsText::tr("# Python (pip install anthropic)") + u'\n'
            + QStringLiteral("import anthropic\nclient = anthropic.Anthropic(base_url=%1, api_key=%2)\n"
                             "reply = client.messages.create(model=%3, max_tokens=1024,\n"
                             "    messages=[{\"role\": \"user\", \"content\": \"Hello\"}])\n\n")
                  .arg(pyString(e.anthropicBase), pyString(e.key), pyString(e.model))
            + ClientsText::tr("// JavaScript (npm install @anthropic-ai/sdk)") + u'\n'
            + QStringLiteral("import Anthropic from \"@anthropic-ai/sdk\";\n"
                             "const client = new Anthropic({ baseURL: %1, apiKey: %2 });\n\n")
                  .arg(jsonString(e.anthropicBase), jsonString(e.key))
            + ClientsText::tr("# or through the environment:") + u'\n'
            + QStringLiteral("export ANTHROPIC_BASE_URL=%1\nexport ANTHROPIC_API_KEY=%2\n").arg(e.anthropicBase, e.key)
            + authNote + u'\n';
    case ClientKind::GeminiSdk:
        return ClientsText::tr("// JavaScript (npm install @google/genai)") + u'\n'
            + QStringLiteral("import { GoogleGenAI } from \"@google/genai\";\n"
                             "const ai = new GoogleGenAI({ apiKey: %1, httpOptions: { baseUrl: %2 } });\n"
                             "const reply = await ai.models.generateContent({ model: %3, contents: \"Hello\" });\n\n")
                  .arg(jsonString(e.key), jsonString(e.geminiBase), jsonString(e.model))
            + ClientsText::tr("# Python (pip install google-genai)") + u'\n'
            + QStringLiteral("from google import genai\nclient = genai.Client(api_key=%1,\n"
                             "    http_options={\"base_url\": %2})\n"
                             "reply = client.models.generate_content(model=%3, contents=\"Hello\")\n")
                  .arg(pyString(e.key), pyString(e.geminiBase), pyString(e.model))
            + authNote + u'\n';
    case ClientKind::OpenAiCompatible:
        return ClientsText::tr("# Settings for any OpenAI-compatible tool") + u'\n'
            + ClientsText::tr("Base URL: %1").arg(e.openaiBase) + u'\n' + ClientsText::tr("API key:  %1").arg(e.key) + u'\n'
            + ClientsText::tr("Model:    %1").arg(e.model) + u'\n' + u'\n'
            + QStringLiteral("export OPENAI_BASE_URL=%1\nexport OPENAI_API_KEY=%2\n").arg(e.openaiBase, e.key)
            + authNote + u'\n';
    }
    return {};
}

} // namespace lip::ui::clients
