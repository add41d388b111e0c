// SPDX-License-Identifier: GPL-3.0-or-later
#include "config/backendprofiles.h"

#include <array>

namespace lip::config {

namespace {

// Keep in sync with docs/configuration.md ("Backend types") and docs/backends/README.md.
const std::array<BackendProfile, 25> kProfiles = {{
    {"openai", Dialect::OpenAIChat, "https://api.openai.com/v1", AuthStyle::Bearer, false,
     "OpenAI Chat Completions"},
    {"openai-responses", Dialect::OpenAIResponses, "https://api.openai.com/v1", AuthStyle::Bearer,
     false, "OpenAI Responses API"},
    {"anthropic", Dialect::Anthropic, "https://api.anthropic.com", AuthStyle::XApiKey, false,
     "Anthropic Messages API"},
    {"gemini", Dialect::Gemini, "https://generativelanguage.googleapis.com",
     AuthStyle::XGoogApiKey, false, "Google Gemini API (v1beta)"},
    {"openrouter", Dialect::OpenAIChat, "https://openrouter.ai/api/v1", AuthStyle::Bearer, false,
     "OpenRouter (OpenAI-compatible; sends HTTP-Referer/X-Title attribution)"},
    {"nvidia", Dialect::OpenAIChat, "https://integrate.api.nvidia.com/v1", AuthStyle::Bearer,
     false, "NVIDIA NIM hosted models (OpenAI-compatible)"},
    {"zenmux", Dialect::OpenAIChat, "https://zenmux.ai/api/v1", AuthStyle::Bearer, false,
     "ZenMux model aggregator (OpenAI-compatible)"},
    {"zai", Dialect::OpenAIChat, "https://api.z.ai/api/paas/v4", AuthStyle::Bearer, false,
     "Z.ai (OpenAI-compatible)"},
    {"zai-coding-plan", Dialect::Anthropic, "https://api.z.ai/api/anthropic", AuthStyle::Bearer,
     false, "Z.ai GLM Coding Plan (Anthropic-compatible)"},
    {"kimi-code", Dialect::OpenAIChat, "https://api.kimi.com/coding/v1", AuthStyle::Bearer, false,
     "Kimi Code membership gateway (OpenAI-compatible)", "KIMI_API_KEY"},
    {"minimax", Dialect::OpenAIChat, "https://api.minimax.io/v1", AuthStyle::Bearer, false,
     "MiniMax (OpenAI-compatible)"},
    {"internlm", Dialect::OpenAIChat, "https://chat.intern-ai.org.cn/api/v1", AuthStyle::Bearer,
     false, "InternLM / Intern-S1 chat API (OpenAI-compatible)", "INTERNAI_API_KEY"},
    {"opencode-go", Dialect::OpenAIChat, "https://opencode.ai/zen/go/v1", AuthStyle::Bearer, false,
     "OpenCode Go subscription (OpenAI-compatible models)"},
    {"ollama", Dialect::OpenAIChat, "http://127.0.0.1:11434/v1", AuthStyle::None, true,
     "Ollama or another local OpenAI-compatible server (no key)"},
    {"ollama-native", Dialect::Ollama, "http://127.0.0.1:11434", AuthStyle::None, true,
     "Ollama's native /api/chat (no key)"},
    {"hybrid", std::nullopt, "", AuthStyle::None, true,
     "Two-phase virtual backend: a reasoning model, then an execution model"},
    // Subscription backends: no key; the access token of a signed-in account (docs/oauth.md).
    // "keyless" because the config needs no key for them; the account is checked per request.
    {"openai-codex", Dialect::OpenAIResponses, "https://chatgpt.com/backend-api/codex", AuthStyle::OAuth, true,
     "ChatGPT plan (Codex): Responses API at the ChatGPT backend, signed-in accounts", nullptr, "openai"},
    {"gemini-oauth-plan", Dialect::Gemini, "https://cloudcode-pa.googleapis.com", AuthStyle::OAuth, true,
     "Gemini Code Assist with a paid plan (Google account, Code Assist API)", nullptr, "google"},
    {"gemini-oauth-free", Dialect::Gemini, "https://cloudcode-pa.googleapis.com", AuthStyle::OAuth, true,
     "Gemini Code Assist free tier (Google account, Code Assist API)", nullptr, "google"},
    {"gemini-oauth-auto", Dialect::Gemini, "https://cloudcode-pa.googleapis.com", AuthStyle::OAuth, true,
     "Gemini Code Assist, plan or free tier as the account allows (Google account)", nullptr, "google"},
    {"gemini-cli-cloud-project", Dialect::Gemini, "https://cloudcode-pa.googleapis.com", AuthStyle::OAuth, true,
     "Gemini Code Assist billed to your Google Cloud project (GOOGLE_CLOUD_PROJECT)", nullptr, "google"},
    {"antigravity-oauth", Dialect::Gemini, "https://daily-cloudcode-pa.sandbox.googleapis.com", AuthStyle::OAuth,
     true, "Antigravity (Code Assist style API, Google account signed in for Antigravity)", nullptr, "antigravity"},
    {"qwen-oauth", Dialect::OpenAIChat, "https://portal.qwen.ai/v1", AuthStyle::OAuth, true,
     "Qwen Code account (OpenAI-compatible at the account's resource URL)", nullptr, "qwen"},
    {"anthropic-oauth", Dialect::Anthropic, "https://api.anthropic.com", AuthStyle::OAuth, true,
     "Anthropic Messages with an imported Claude Code login", nullptr, "anthropic"},
    {"cline", Dialect::OpenAIChat, "https://api.cline.bot/api/v1", AuthStyle::OAuth, true,
     "Cline account (OpenAI-compatible, imported Cline login)", nullptr, "cline"},
}};

} // namespace

const char *authStyleName(AuthStyle style)
{
    switch (style) {
    case AuthStyle::Bearer:
        return "bearer";
    case AuthStyle::XApiKey:
        return "x-api-key";
    case AuthStyle::XGoogApiKey:
        return "x-goog-api-key";
    case AuthStyle::None:
        return "none";
    case AuthStyle::OAuth:
        return "oauth";
    }
    return "none";
}

const BackendProfile *findBackendProfile(QStringView type)
{
    for (const BackendProfile &profile : kProfiles) {
        if (type == QLatin1String(profile.type))
            return &profile;
    }
    return nullptr;
}

QString oauthProviderForType(QStringView type)
{
    const BackendProfile *profile = findBackendProfile(type);
    return profile && profile->oauthProvider ? QString::fromLatin1(profile->oauthProvider) : QString();
}

QStringList knownBackendTypes()
{
    QStringList types;
    for (const BackendProfile &profile : kProfiles)
        types << QString::fromLatin1(profile.type);
    return types;
}

QString envPrefixFor(const QString &instanceName)
{
    QString prefix = instanceName.toUpper();
    prefix.replace(QLatin1Char('-'), QLatin1Char('_'));
    prefix.replace(QLatin1Char('.'), QLatin1Char('_'));
    prefix += QLatin1Char('_');
    return prefix;
}

QString impliedBackendType(const QString &instanceName)
{
    if (findBackendProfile(instanceName))
        return instanceName;
    const qsizetype dot = instanceName.lastIndexOf(QLatin1Char('.'));
    if (dot <= 0 || dot == instanceName.size() - 1)
        return {};
    const QString base = instanceName.left(dot);
    const QStringView number = QStringView(instanceName).mid(dot + 1);
    for (const QChar c : number) {
        if (!c.isDigit() || c.unicode() > 127)
            return {};
    }
    return findBackendProfile(base) ? base : QString();
}

} // namespace lip::config
