// SPDX-License-Identifier: GPL-3.0-or-later
#include "session/chatsurface.h"

#include "core/jsonsplice.h"
#include "core/logging.h"

#include <boost/json/serialize.hpp>

namespace bj = boost::json;

namespace lip::session {

namespace {

std::string_view str(const bj::object &o, std::string_view key)
{
    const bj::value *v = o.if_contains(key);
    if (!v || !v->is_string())
        return {};
    const bj::string &s = v->get_string();
    return {s.data(), s.size()};
}

rawjson::Path append(rawjson::Path path, rawjson::PathStep step)
{
    path.push_back(std::move(step));
    return path;
}

// Text parts of a content array: `textTypes` are the part types that hold user text.
void collectParts(const bj::array &parts, const rawjson::Path &contentPath,
                  std::initializer_list<std::string_view> textTypes, Turn &turn)
{
    for (size_t i = 0; i < parts.size(); ++i) {
        const bj::object *part = parts[i].if_object();
        if (!part)
            continue;
        const std::string_view type = str(*part, "type");
        bool wanted = false;
        for (std::string_view t : textTypes)
            wanted = wanted || type == t;
        const bj::value *text = part->if_contains("text");
        if (!wanted || !text || !text->is_string())
            continue;
        TextPart tp;
        tp.elementPath = append(contentPath, i);
        tp.path = append(tp.elementPath, std::string("text"));
        tp.text = std::string(text->get_string());
        tp.isElement = true;
        turn.texts.push_back(std::move(tp));
    }
}

void collectContent(const bj::object &message, const rawjson::Path &messagePath,
                    std::initializer_list<std::string_view> textTypes, Turn &turn)
{
    const bj::value *content = message.if_contains("content");
    if (!content)
        return;
    const rawjson::Path contentPath = append(messagePath, std::string("content"));
    if (content->is_string()) {
        TextPart tp;
        tp.path = contentPath;
        tp.text = std::string(content->get_string());
        turn.texts.push_back(std::move(tp));
    } else if (content->is_array()) {
        collectParts(content->get_array(), contentPath, textTypes, turn);
    }
}

std::vector<Turn> roleMessages(const bj::object &body, const char *key, std::string_view userRole,
                               std::string_view assistantRole,
                               std::initializer_list<std::string_view> textTypes, bool firstUserOnly)
{
    std::vector<Turn> turns;
    const bj::value *messages = body.if_contains(key);
    if (!messages || !messages->is_array())
        return turns;
    const bj::array &array = messages->get_array();
    turns.reserve(array.size());
    for (size_t i = 0; i < array.size(); ++i) {
        Turn turn;
        turn.path = {std::string(key), i};
        if (const bj::object *message = array[i].if_object()) {
            const std::string_view role = str(*message, "role");
            if (role == userRole) {
                turn.role = Turn::Role::User;
                collectContent(*message, turn.path, textTypes, turn);
            } else if (role == assistantRole) {
                turn.role = Turn::Role::Assistant;
            }
        }
        const bool done = firstUserOnly && turn.role == Turn::Role::User && !turn.texts.empty();
        turns.push_back(std::move(turn));
        if (done)
            break;
    }
    return turns;
}

std::vector<Turn> responsesTurns(const bj::object &body, bool firstUserOnly)
{
    std::vector<Turn> turns;
    const bj::value *input = body.if_contains("input");
    if (!input)
        return turns;
    if (input->is_string()) {
        Turn turn;
        turn.role = Turn::Role::User;
        TextPart tp;
        tp.path = {std::string("input")};
        tp.text = std::string(input->get_string());
        turn.texts.push_back(std::move(tp));
        turns.push_back(std::move(turn));
        return turns;
    }
    if (!input->is_array())
        return turns;
    const bj::array &items = input->get_array();
    for (size_t i = 0; i < items.size(); ++i) {
        Turn turn;
        turn.path = {std::string("input"), i};
        if (const bj::object *item = items[i].if_object()) {
            const std::string_view type = str(*item, "type");
            const std::string_view role = str(*item, "role");
            if (type.empty() || type == "message") {
                if (role == "user") {
                    turn.role = Turn::Role::User;
                    collectContent(*item, turn.path, {"input_text", "text"}, turn);
                } else if (role == "assistant") {
                    turn.role = Turn::Role::Assistant;
                }
            }
        }
        const bool done = firstUserOnly && turn.role == Turn::Role::User && !turn.texts.empty();
        turns.push_back(std::move(turn));
        if (done)
            break;
    }
    return turns;
}

std::vector<Turn> geminiTurns(const bj::object &body, bool firstUserOnly)
{
    std::vector<Turn> turns;
    const bj::value *contents = body.if_contains("contents");
    if (!contents || !contents->is_array())
        return turns;
    const bj::array &array = contents->get_array();
    for (size_t i = 0; i < array.size(); ++i) {
        Turn turn;
        turn.path = {std::string("contents"), i};
        if (const bj::object *content = array[i].if_object()) {
            const std::string_view role = str(*content, "role");
            if (role == "model") {
                turn.role = Turn::Role::Assistant;
            } else if (role.empty() || role == "user") {
                turn.role = Turn::Role::User;
                const bj::value *parts = content->if_contains("parts");
                if (parts && parts->is_array()) {
                    const bj::array &list = parts->get_array();
                    const rawjson::Path partsPath = append(turn.path, std::string("parts"));
                    for (size_t j = 0; j < list.size(); ++j) {
                        const bj::object *part = list[j].if_object();
                        if (!part)
                            continue;
                        const bj::value *text = part->if_contains("text");
                        const bj::value *thought = part->if_contains("thought");
                        if (!text || !text->is_string() || (thought && thought->is_bool() && thought->get_bool()))
                            continue;
                        TextPart tp;
                        tp.elementPath = append(partsPath, j);
                        tp.path = append(tp.elementPath, std::string("text"));
                        tp.text = std::string(text->get_string());
                        tp.isElement = true;
                        turn.texts.push_back(std::move(tp));
                    }
                }
            }
        }
        const bool done = firstUserOnly && turn.role == Turn::Role::User && !turn.texts.empty();
        turns.push_back(std::move(turn));
        if (done)
            break;
    }
    return turns;
}

bj::value *navigate(bj::value &root, const rawjson::Path &path, size_t steps)
{
    bj::value *cur = &root;
    for (size_t i = 0; i < steps; ++i) {
        const rawjson::PathStep &step = path[i];
        if (const std::string *key = std::get_if<std::string>(&step)) {
            bj::object *o = cur->if_object();
            if (!o)
                return nullptr;
            cur = o->if_contains(*key);
        } else {
            bj::array *a = cur->if_array();
            const size_t index = std::get<size_t>(step);
            if (!a || index >= a->size())
                return nullptr;
            cur = &(*a)[index];
        }
        if (!cur)
            return nullptr;
    }
    return cur;
}

} // namespace

std::vector<Turn> readTurns(Dialect dialect, const bj::object &body, bool firstUserOnly)
{
    switch (dialect) {
    case Dialect::OpenAIChat: return roleMessages(body, "messages", "user", "assistant", {"text"}, firstUserOnly);
    case Dialect::Anthropic: return roleMessages(body, "messages", "user", "assistant", {"text"}, firstUserOnly);
    case Dialect::OpenAIResponses: return responsesTurns(body, firstUserOnly);
    case Dialect::Gemini: return geminiTurns(body, firstUserOnly);
    default: break;
    }
    // Other chat-style dialects (Ollama's /api/chat): messages[] with role user.
    return roleMessages(body, "messages", "user", "assistant", {"text"}, firstUserOnly);
}

std::string firstUserText(Dialect dialect, const bj::object &body)
{
    std::string text;
    for (const Turn &turn : readTurns(dialect, body, true)) {
        if (turn.role != Turn::Role::User || turn.texts.empty())
            continue;
        for (const TextPart &part : turn.texts)
            text += part.text;
        break;
    }
    return text;
}

bool BodyEditor::setString(const rawjson::Path &path, const std::string &text)
{
    bj::value root(m_inbound.body.take()); // perf: the body may be parsed only now (lazy)
    bj::value *target = navigate(root, path, path.size());
    const bool ok = target && target->is_string();
    if (ok)
        *target = bj::string(text);
    m_inbound.body = std::move(root.as_object());
    if (!ok)
        return false;
    if (std::optional<QByteArray> raw = rawjson::replaceValue(m_inbound.rawBody, path, json::quoted(text)))
        m_inbound.rawBody = std::move(*raw);
    else
        reserialize();
    return true;
}

bool BodyEditor::removeElement(const rawjson::Path &path)
{
    if (path.empty() || !std::holds_alternative<size_t>(path.back()))
        return false;
    bj::value root(m_inbound.body.take()); // perf: the body may be parsed only now (lazy)
    bj::value *parent = navigate(root, path, path.size() - 1);
    bj::array *array = parent ? parent->if_array() : nullptr;
    const size_t index = std::get<size_t>(path.back());
    const bool ok = array && index < array->size();
    if (ok)
        array->erase(array->begin() + std::ptrdiff_t(index));
    m_inbound.body = std::move(root.as_object());
    if (!ok)
        return false;
    if (std::optional<QByteArray> raw = rawjson::removeElement(m_inbound.rawBody, path))
        m_inbound.rawBody = std::move(*raw);
    else
        reserialize();
    return true;
}

void BodyEditor::reserialize()
{
    qCWarning(lcSession) << "request body could not be edited in place; re-serialized";
    m_inbound.rawBody = QByteArray::fromStdString(bj::serialize(m_inbound.body));
}

} // namespace lip::session
