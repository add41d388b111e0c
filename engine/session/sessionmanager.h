// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// The session layer of a generate request (engine thread): identify the session, execute an
// in-chat command on the last user message, strip command lines from what goes upstream, and
// hand the session's overrides to routing. See docs/sessions.md and docs/commands.md.

#include "config/config.h"
#include "frontends/frontend.h"
#include "observe/callrecord.h"
#include "routing/overrides.h"
#include "session/sessionstore.h"

#include <QObject>

#include <memory>

namespace lip::server { struct HttpRequest; }

namespace lip::session {

struct Decision
{
    bool answerLocally = false; // the message was only a command, or the command failed
    QString replyText;          // what the proxy answers (answerLocally)
    bool commandFailed = false;
    QString command;            // the command's name, when one ran
    QString session;
    QString project;
    routing::RoutingOverrides overrides; // for a forwarded request
};

class SessionManager : public QObject
{
    Q_OBJECT
public:
    // Sessions persist in <dataDir>/sessions.json (memory only when dataDir is empty).
    SessionManager(const config::Config &config, const QString &dataDir, QObject *parent = nullptr);
    ~SessionManager() override;

    // May change `inbound` (body and rawBody together): command lines are removed.
    Decision process(InboundRequest &inbound, const server::HttpRequest &request);

    // A finished call: the session's token counters.
    void recordFinished(const observe::CallRecord &record);

    SessionStore &store() { return *m_store; }

private:
    const config::Config &m_config;
    SessionStore *m_store;
};

} // namespace lip::session
