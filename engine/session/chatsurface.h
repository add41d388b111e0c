// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Where the user's own words are in each dialect's request body, and how to change them without
// touching anything else. A conversation is read as a list of turns:
//   OpenAI Chat   messages[]: role user (content string, or parts of type text) / assistant
//   Responses     input: a string, or items; message items of role user (input_text parts or a
//                 content string) / assistant; `instructions` is not user text
//   Anthropic     messages[]: role user (content string, or text blocks) / assistant
//   Gemini        contents[]: role user (parts[].text, thought parts excluded) / model
// Tool results (Chat role tool, Responses function_call_output, Anthropic tool_result blocks,
// Gemini functionResponse parts) are never user text: a turn made only of them has no texts.

#include "core/dialect.h"
#include "frontends/frontend.h"
#include "session/rawjson.h"

#include <string>
#include <vector>

namespace lip::session {

struct TextPart
{
    rawjson::Path path;        // the JSON string holding the text
    std::string text;
    bool isElement = false;    // the string sits in a part object that is an array element (removable)
    rawjson::Path elementPath; // that element, when isElement
};

struct Turn
{
    enum class Role { User, Assistant, Other };
    Role role = Role::Other;
    rawjson::Path path;            // the message element; empty for Responses' string input
    std::vector<TextPart> texts;   // user text, in order (User turns only)
};

// `firstUserOnly`: stop after the first user turn with text (for the session fingerprint).
std::vector<Turn> readTurns(Dialect dialect, const boost::json::object &body, bool firstUserOnly = false);

// The text of the conversation's first user turn (its text parts joined).
std::string firstUserText(Dialect dialect, const boost::json::object &body);

// Edits applied to both the parsed body and the raw bytes of an inbound request, so that the
// same-dialect passthrough (raw bytes) and the translated path (parsed body) agree. Raw edits
// splice only the changed value; when the raw bytes cannot be edited in place (never for a body
// the frontend accepted, but the bytes are hostile input) the raw body is re-serialized.
class BodyEditor
{
public:
    explicit BodyEditor(InboundRequest &inbound) : m_inbound(inbound) {}
    bool setString(const rawjson::Path &path, const std::string &text);
    bool removeElement(const rawjson::Path &path);

private:
    void reserialize();
    InboundRequest &m_inbound;
};

} // namespace lip::session
