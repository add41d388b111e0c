// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// What each client (coding agent or SDK) needs to talk to this proxy: the snippet to copy, and
// for the three CLIs the config files and the exact keys the Clients page owns in them. Qt Core
// only, so the rules are unit-tested without widgets.

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace lip::ui::clients {

// Where the proxy is and how clients authenticate.
struct ProxyEndpoint
{
    QString openaiBase = QStringLiteral("http://127.0.0.1:8000/v1"); // OpenAI dialects: with /v1
    QString anthropicBase = QStringLiteral("http://127.0.0.1:8000"); // without /v1
    QString geminiBase = QStringLiteral("http://127.0.0.1:8000");    // without /v1beta
    QString key;               // the proxy client key, or a placeholder when auth is off
    bool keyRequired = false;  // the proxy has client keys: `key` is a real secret
    QString model = QStringLiteral("openai:gpt-4o"); // backend:model or a route name

    // listenAddress/anthropicAddress as EngineStatus reports them ("http://127.0.0.1:8000"),
    // the configured client keys, the chosen model.
    static ProxyEndpoint from(const QString &listenAddress, const QString &anthropicAddress,
                              const QStringList &proxyKeys, const QString &model);
};

// A client's view of the process: its home and the variables that move config folders.
struct ClientEnvironment
{
    QString home;
    QHash<QString, QString> variables; // CLAUDE_CONFIG_DIR, CODEX_HOME, GEMINI_CLI_HOME, …
    static ClientEnvironment fromProcess();
};

enum class FileFormat { Json, Toml, Dotenv };

// One key the page owns in one file. JSON: a member path. TOML: `section` is the table ("" for
// the top level). Dotenv: the variable.
struct OwnedSetting
{
    QString section;
    QStringList path;
    std::optional<QString> value; // nullopt: the key is removed
    bool secret = false;          // a key: its values are shown masked
    QString display() const;      // "env.ANTHROPIC_BASE_URL", "[model_providers.lip] base_url"
};

struct ClientFilePlan
{
    QString path;
    FileFormat format = FileFormat::Json;
    QList<OwnedSetting> settings;
};

// The file's text with every owned setting applied; error when the file cannot be edited (not
// JSON, an inline TOML table, …) — then nothing may be written.
struct PlannedText
{
    QByteArray text;
    QString error;
};
PlannedText applySettings(const ClientFilePlan &plan, const QByteArray &current);
std::optional<QString> currentValue(const ClientFilePlan &plan, const OwnedSetting &setting, const QByteArray &text);

enum class ClientKind { ClaudeCode, Codex, GeminiCli, OpenAiSdk, AnthropicSdk, GeminiSdk, OpenAiCompatible };

struct ClientProfile
{
    ClientKind kind;
    QString id;   // "claude-code", "codex", "gemini-cli", "openai-sdk", …
    QString name; // translated
    QString summary; // translated, one or two sentences
    bool hasConfigFiles() const;
};

QList<ClientProfile> allClients();

// The copyable setup text for `kind`: env vars, code or config, ready to paste.
QString clientSnippet(ClientKind kind, const ProxyEndpoint &endpoint);
// The files Apply edits and the keys it owns there (empty for SDKs).
QList<ClientFilePlan> clientFilePlans(ClientKind kind, const ProxyEndpoint &endpoint, const ClientEnvironment &env);

// "••••abcd": a secret shown with at most its last four characters.
QString maskSecret(const QString &secret);

// Codex: the provider id and the variable that holds the proxy key for it.
inline constexpr char kCodexProviderId[] = "lip";
inline constexpr char kCodexKeyVariable[] = "LIP_API_KEY";
// The placeholder key clients get when the proxy has no client key (auth is off on loopback).
inline constexpr char kPlaceholderKey[] = "lip-no-key-needed";

} // namespace lip::ui::clients
