// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// The proxy's own memory of Responses conversations, so that `previous_response_id`, GET and
// DELETE /v1/responses/{id} work when the backend is not a Responses backend (Responses
// backends keep their own state and get those requests forwarded).
//
// Bounded (entry count and total bytes, least recently used evicted first), expiring (default one
// day), and optionally persisted to a directory: one small JSON file per response, written
// atomically (QSaveFile) on a private single-thread pool so a request never waits on the disk,
// read lazily on first use after a restart. A corrupt or foreign file is skipped with a warning.
//
// Not thread-safe: use one store from one thread (the engine thread).

#include "core/canonical.h"
#include "core/error.h"

#include <boost/json/object.hpp>

#include <QString>

#include <functional>
#include <list>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

class QThreadPool;

namespace lip::responses {

class ResponseStore
{
public:
    struct Options
    {
        QString directory;                      // empty: memory only
        int maxEntries = 2000;
        qint64 maxBytes = 256ll * 1024 * 1024;  // of serialized entries
        qint64 ttlSeconds = 24 * 60 * 60;
    };
    using Clock = std::function<qint64()>;      // ms since the epoch; tests inject their own

    ResponseStore();
    explicit ResponseStore(Options options, Clock clock = {});
    ~ResponseStore(); // waits for pending writes
    ResponseStore(const ResponseStore &) = delete;
    ResponseStore &operator=(const ResponseStore &) = delete;

    // Keeps a finished response: `conversation` is every message of the conversation so far
    // (stored history + this turn's input + this turn's output), `response` the response object
    // as the client saw it (for GET). Replaces an entry with the same id. An id that is not
    // [A-Za-z0-9_-]{1,128} is ignored.
    void put(const std::string &id, std::vector<canon::Message> conversation, boost::json::object response);

    // The conversation to prepend for previous_response_id; nullopt when unknown or expired.
    std::optional<std::vector<canon::Message>> conversation(const std::string &id);
    // The stored response object (GET /v1/responses/{id}); nullopt when unknown or expired.
    std::optional<boost::json::object> response(const std::string &id);
    // DELETE /v1/responses/{id}: true when something was deleted.
    bool remove(const std::string &id);

    // previous_response_id on the translated path: prepends the stored conversation to
    // request.messages and erases the previous_response_id extension. An InvalidRequest error
    // (param previous_response_id, as OpenAI answers) when the id is unknown.
    std::optional<Error> prependHistory(canon::Request &request, const std::string &previousId);

    // The body of a DELETE answer: {"id","object":"response","deleted":true}.
    static QByteArray deletedBody(const std::string &id);
    // The error for an unknown id on GET/DELETE (NotFound, param response_id).
    static Error notFound(const std::string &id);

    int size() const { return int(m_entries.size()); }
    qint64 totalBytes() const { return m_totalBytes; }
    void flush(); // waits until every scheduled disk write/delete is done (tests, shutdown)

private:
    struct Payload
    {
        std::vector<canon::Message> conversation;
        boost::json::object response;
    };
    struct Entry
    {
        qint64 bytes = 0;
        qint64 expiresAtMs = 0;
        std::shared_ptr<const Payload> payload; // null: on disk, not read yet
        std::list<std::string>::iterator lru;
    };

    qint64 now() const;
    void scanDirectory();
    void touch(Entry &entry, const std::string &id);
    void erase(const std::string &id, bool deleteFile);
    void enforceBounds();
    Entry *find(const std::string &id);
    bool loadPayload(const std::string &id, Entry &entry);
    QString filePath(const std::string &id) const;

    Options m_options;
    Clock m_clock;
    std::unordered_map<std::string, Entry> m_entries;
    std::list<std::string> m_lru; // front: most recently used
    qint64 m_totalBytes = 0;
    std::unique_ptr<QThreadPool> m_writer;
};

// Canonical messages ↔ JSON (the store's file format; also handy for tests and captures).
boost::json::array messagesToJson(const std::vector<canon::Message> &messages);
std::optional<std::vector<canon::Message>> messagesFromJson(const boost::json::value &json);

} // namespace lip::responses
