// SPDX-License-Identifier: GPL-3.0-or-later
#include "session/sessionmanager.h"

#include "core/logging.h"
#include "session/chatsurface.h"
#include "session/commandline.h"
#include "session/commands.h"
#include "session/sessionidentity.h"

#include <QDir>

namespace lip::session {

namespace {

bool blank(const std::string &s)
{
    for (char c : s) {
        if (c != ' ' && c != '\t' && c != '\n' && c != '\r' && c != '\f' && c != '\v')
            return false;
    }
    return true;
}

// The text part holding the last non-blank line of a turn, -1 when the turn has none.
int lastNonBlankPart(const Turn &turn)
{
    for (int i = int(turn.texts.size()) - 1; i >= 0; --i) {
        if (!blank(turn.texts[size_t(i)].text))
            return i;
    }
    return -1;
}

// Removes the command line from text part `k` of `turn`; returns false when nothing but the
// command was in the turn (the caller then drops the turn or answers locally).
bool turnHasOtherText(const Turn &turn, int k, const std::string &remaining)
{
    if (!blank(remaining))
        return true;
    for (int i = 0; i < int(turn.texts.size()); ++i) {
        if (i != k && !blank(turn.texts[size_t(i)].text))
            return true;
    }
    return false;
}

void stripPart(BodyEditor &editor, const Turn &turn, int k, const std::string &remaining)
{
    const TextPart &part = turn.texts[size_t(k)];
    // An empty text block is an error for some providers (Anthropic): drop the block instead.
    if (blank(remaining) && part.isElement)
        editor.removeElement(part.elementPath);
    else
        editor.setString(part.path, remaining);
}

} // namespace

SessionManager::SessionManager(const config::Config &config, const QString &dataDir, QObject *parent)
    : QObject(parent)
    , m_config(config)
    , m_store(new SessionStore(config.session,
                               dataDir.isEmpty() ? QString() : QDir(dataDir).filePath(QStringLiteral("sessions.json")),
                               this))
{
}

SessionManager::~SessionManager() = default;

Decision SessionManager::process(InboundRequest &inbound, const server::HttpRequest &request)
{
    Decision decision;
    decision.session = identifySession(inbound, request);
    SessionState &state = m_store->touch(decision.session);
    ++state.requests;

    if (m_config.interactiveCommands) {
        const QString prefix = state.commandPrefix.isEmpty() ? m_config.commandPrefix : state.commandPrefix;
        const std::string prefixUtf8 = prefix.toStdString();
        // The turns (copies of the user texts) are read only when the bytes may hold a command.
        if (!prefixUtf8.empty() && mayContainPrefix(inbound.rawBody, prefixUtf8)) {
            const std::vector<Turn> turns = readTurns(inbound.dialect, inbound.body);
            BodyEditor editor(inbound);
            const int lastIndex = int(turns.size()) - 1;
            // 1. The last message: the only place a command is executed.
            if (lastIndex >= 0 && turns.back().role == Turn::Role::User) {
                const Turn &last = turns.back();
                const int k = lastNonBlankPart(last);
                std::optional<CommandMatch> match;
                if (k >= 0)
                    match = findCommand(last.texts[size_t(k)].text, prefixUtf8);
                if (match) {
                    decision.command = match->command.name;
                    const CommandResult result = executeCommand(match->command, state, m_config, prefix);
                    ++state.commands;
                    qCDebug(lcSession).noquote() << "session" << decision.session << "command" << decision.command
                                                 << (result.ok ? "ok" : "failed");
                    const std::string remaining = stripCommand(last.texts[size_t(k)].text, *match);
                    if (!result.ok || !turnHasOtherText(last, k, remaining)) {
                        decision.answerLocally = true;
                        decision.commandFailed = !result.ok;
                        decision.replyText = result.text;
                        decision.project = state.project;
                        m_store->markDirty();
                        return decision;
                    }
                    stripPart(editor, last, k, remaining);
                }
            }
            // 2. Earlier user messages: command lines are text the provider must not see, and a
            // message that was only a command goes together with the proxy's answer to it.
            for (int i = lastIndex - 1; i >= 0; --i) {
                const Turn &turn = turns[size_t(i)];
                if (turn.role != Turn::Role::User)
                    continue;
                const int k = lastNonBlankPart(turn);
                if (k < 0)
                    continue;
                const std::optional<CommandMatch> match = findCommand(turn.texts[size_t(k)].text, prefixUtf8);
                if (!match)
                    continue;
                const std::string remaining = stripCommand(turn.texts[size_t(k)].text, *match);
                if (turnHasOtherText(turn, k, remaining)) {
                    stripPart(editor, turn, k, remaining);
                } else if (!turn.path.empty()) {
                    if (i + 1 < lastIndex && turns[size_t(i) + 1].role == Turn::Role::Assistant)
                        editor.removeElement(turns[size_t(i) + 1].path);
                    editor.removeElement(turn.path);
                }
            }
        }
    }

    decision.project = state.project;
    decision.overrides = state.overrides();
    if (!state.oneoff.isEmpty()) {
        state.oneoff.clear(); // handed out once
        m_store->markDirty();
    }
    return decision;
}

void SessionManager::recordFinished(const observe::CallRecord &record)
{
    if (record.session.isEmpty())
        return;
    SessionState *state = m_store->find(record.session);
    if (!state)
        return;
    if (record.usage.input > 0)
        state->inputTokens += record.usage.input;
    if (record.usage.output > 0)
        state->outputTokens += record.usage.output;
    m_store->markDirty();
}

} // namespace lip::session
