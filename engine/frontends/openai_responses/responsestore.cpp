// SPDX-License-Identifier: GPL-3.0-or-later
#include "frontends/openai_responses/responsestore.h"

#include "core/logging.h"

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSaveFile>
#include <QThreadPool>

#include <algorithm>

namespace lip::responses {

namespace {

namespace bj = boost::json;

constexpr qint64 kMaxFileBytes = 64ll * 1024 * 1024;
constexpr const char *kSuffix = ".json";

const char *kindName(canon::BlockKind kind)
{
    switch (kind) {
    case canon::BlockKind::Text: return "text";
    case canon::BlockKind::Image: return "image";
    case canon::BlockKind::Document: return "document";
    case canon::BlockKind::ToolUse: return "tool_use";
    case canon::BlockKind::ToolResult: return "tool_result";
    case canon::BlockKind::Thinking: return "thinking";
    case canon::BlockKind::RedactedThinking: return "redacted_thinking";
    }
    return "text";
}

std::optional<canon::BlockKind> kindFromName(std::string_view name)
{
    for (canon::BlockKind k : {canon::BlockKind::Text, canon::BlockKind::Image, canon::BlockKind::Document,
                               canon::BlockKind::ToolUse, canon::BlockKind::ToolResult, canon::BlockKind::Thinking,
                               canon::BlockKind::RedactedThinking})
        if (name == kindName(k))
            return k;
    return std::nullopt;
}

const char *mediaKindName(canon::MediaSource::Kind kind)
{
    switch (kind) {
    case canon::MediaSource::Kind::Base64: return "base64";
    case canon::MediaSource::Kind::Url: return "url";
    case canon::MediaSource::Kind::FileId: return "file_id";
    }
    return "base64";
}

bj::object blockToJson(const canon::ContentBlock &b)
{
    bj::object o{{"kind", kindName(b.kind)}};
    if (!b.text.empty())
        o["text"] = b.text;
    if (!b.signature.empty())
        o["signature"] = b.signature;
    if (b.kind == canon::BlockKind::Image || b.kind == canon::BlockKind::Document)
        o["media"] = bj::object{{"kind", mediaKindName(b.media.kind)}, {"media_type", b.media.mediaType}, {"data", b.media.data}};
    if (!b.toolId.empty())
        o["tool_id"] = b.toolId;
    if (!b.toolName.empty())
        o["tool_name"] = b.toolName;
    if (b.kind == canon::BlockKind::ToolUse)
        o["input"] = b.input;
    if (!b.content.empty()) {
        bj::array content;
        for (const canon::ContentBlock &c : b.content)
            content.push_back(blockToJson(c));
        o["content"] = std::move(content);
    }
    if (b.isError)
        o["is_error"] = true;
    if (!b.extensions.empty())
        o["extensions"] = b.extensions;
    return o;
}

std::string stringOr(const bj::object &o, std::string_view key)
{
    const bj::value *v = o.if_contains(key);
    return v && v->is_string() ? std::string(v->get_string()) : std::string();
}

std::optional<canon::ContentBlock> blockFromJson(const bj::value &v, int depth)
{
    const bj::object *o = v.if_object();
    if (!o || depth > 4)
        return std::nullopt;
    const auto kind = kindFromName(stringOr(*o, "kind"));
    if (!kind)
        return std::nullopt;
    canon::ContentBlock b;
    b.kind = *kind;
    b.text = stringOr(*o, "text");
    b.signature = stringOr(*o, "signature");
    if (const bj::value *m = o->if_contains("media"); m && m->is_object()) {
        const std::string mk = stringOr(m->get_object(), "kind");
        b.media.kind = mk == "url" ? canon::MediaSource::Kind::Url
                       : mk == "file_id" ? canon::MediaSource::Kind::FileId
                                         : canon::MediaSource::Kind::Base64;
        b.media.mediaType = stringOr(m->get_object(), "media_type");
        b.media.data = stringOr(m->get_object(), "data");
    }
    b.toolId = stringOr(*o, "tool_id");
    b.toolName = stringOr(*o, "tool_name");
    if (const bj::value *input = o->if_contains("input"))
        b.input = *input;
    if (const bj::value *content = o->if_contains("content"); content && content->is_array()) {
        for (const bj::value &c : content->get_array()) {
            auto inner = blockFromJson(c, depth + 1);
            if (!inner)
                return std::nullopt;
            b.content.push_back(std::move(*inner));
        }
    }
    if (const bj::value *e = o->if_contains("is_error"); e && e->is_bool())
        b.isError = e->get_bool();
    if (const bj::value *ext = o->if_contains("extensions"); ext && ext->is_object())
        b.extensions = ext->get_object();
    return b;
}

bool validId(const std::string &id)
{
    if (id.empty() || id.size() > 128)
        return false;
    return std::all_of(id.begin(), id.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
    });
}

} // namespace

bj::array messagesToJson(const std::vector<canon::Message> &messages)
{
    bj::array arr;
    for (const canon::Message &m : messages) {
        bj::array content;
        for (const canon::ContentBlock &b : m.content)
            content.push_back(blockToJson(b));
        bj::object o{{"role", m.role == canon::Role::User ? "user" : "assistant"}, {"content", std::move(content)}};
        if (!m.extensions.empty())
            o["extensions"] = m.extensions;
        arr.push_back(std::move(o));
    }
    return arr;
}

std::optional<std::vector<canon::Message>> messagesFromJson(const bj::value &json)
{
    const bj::array *arr = json.if_array();
    if (!arr)
        return std::nullopt;
    std::vector<canon::Message> out;
    for (const bj::value &v : *arr) {
        const bj::object *o = v.if_object();
        if (!o)
            return std::nullopt;
        const std::string role = stringOr(*o, "role");
        if (role != "user" && role != "assistant")
            return std::nullopt;
        canon::Message m;
        m.role = role == "user" ? canon::Role::User : canon::Role::Assistant;
        const bj::value *content = o->if_contains("content");
        if (!content || !content->is_array())
            return std::nullopt;
        for (const bj::value &c : content->get_array()) {
            auto b = blockFromJson(c, 0);
            if (!b)
                return std::nullopt;
            m.content.push_back(std::move(*b));
        }
        if (const bj::value *ext = o->if_contains("extensions"); ext && ext->is_object())
            m.extensions = ext->get_object();
        out.push_back(std::move(m));
    }
    return out;
}

ResponseStore::ResponseStore()
    : ResponseStore(Options())
{
}

ResponseStore::ResponseStore(Options options, Clock clock)
    : m_options(std::move(options))
    , m_clock(std::move(clock))
{
    if (!m_options.directory.isEmpty()) {
        m_writer = std::make_unique<QThreadPool>();
        m_writer->setMaxThreadCount(1); // one writer: a write and a later delete of an id stay in order
        if (!QDir().mkpath(m_options.directory))
            qCWarning(lcEngine) << "responses store: cannot create" << m_options.directory << "; responses are kept in memory only";
        scanDirectory();
    }
}

ResponseStore::~ResponseStore()
{
    flush();
}

void ResponseStore::flush()
{
    if (m_writer)
        m_writer->waitForDone();
}

qint64 ResponseStore::now() const
{
    return m_clock ? m_clock() : QDateTime::currentMSecsSinceEpoch();
}

QString ResponseStore::filePath(const std::string &id) const
{
    return m_options.directory + QLatin1Char('/') + QString::fromStdString(id) + QLatin1String(kSuffix);
}

void ResponseStore::scanDirectory()
{
    // Only names, sizes and times now; contents are read when first asked for.
    QDir dir(m_options.directory);
    const QFileInfoList files = dir.entryInfoList({QStringLiteral("*.json")}, QDir::Files, QDir::Time | QDir::Reversed);
    const qint64 ttlMs = m_options.ttlSeconds * 1000;
    for (const QFileInfo &fi : files) {
        const std::string id = fi.completeBaseName().toStdString();
        if (!validId(id))
            continue;
        const qint64 expires = fi.lastModified().toMSecsSinceEpoch() + ttlMs;
        if (expires <= now()) {
            QFile::remove(fi.filePath());
            continue;
        }
        Entry e;
        e.bytes = fi.size();
        e.expiresAtMs = expires;
        m_lru.push_front(id); // files come oldest first: the newest ends at the front
        e.lru = m_lru.begin();
        m_totalBytes += e.bytes;
        m_entries.emplace(id, std::move(e));
    }
    enforceBounds();
}

void ResponseStore::touch(Entry &entry, const std::string &id)
{
    m_lru.erase(entry.lru);
    m_lru.push_front(id);
    entry.lru = m_lru.begin();
}

void ResponseStore::erase(const std::string &id, bool deleteFile)
{
    const auto it = m_entries.find(id);
    if (it == m_entries.end())
        return;
    m_totalBytes -= it->second.bytes;
    m_lru.erase(it->second.lru);
    m_entries.erase(it);
    if (deleteFile && m_writer) {
        const QString path = filePath(id);
        m_writer->start([path] { QFile::remove(path); });
    }
}

void ResponseStore::enforceBounds()
{
    while (!m_lru.empty() && (int(m_entries.size()) > m_options.maxEntries || m_totalBytes > m_options.maxBytes))
        erase(m_lru.back(), true);
}

ResponseStore::Entry *ResponseStore::find(const std::string &id)
{
    const auto it = m_entries.find(id);
    if (it == m_entries.end())
        return nullptr;
    if (it->second.expiresAtMs <= now()) {
        erase(id, true);
        return nullptr;
    }
    return &it->second;
}

bool ResponseStore::loadPayload(const std::string &id, Entry &entry)
{
    if (entry.payload)
        return true;
    QFile f(filePath(id));
    const auto corrupt = [&](const char *why) {
        qCWarning(lcEngine) << "responses store: skipping" << f.fileName() << ":" << why;
        erase(id, true);
        return false;
    };
    if (!f.open(QIODevice::ReadOnly))
        return corrupt("cannot be read");
    if (f.size() > kMaxFileBytes)
        return corrupt("too large");
    const QByteArray bytes = f.readAll();
    f.close();
    bj::error_code ec;
    bj::parse_options opts;
    opts.max_depth = 512;
    bj::value v = bj::parse(std::string_view(bytes.constData(), size_t(bytes.size())), ec, {}, opts);
    const bj::object *o = ec ? nullptr : v.if_object();
    if (!o)
        return corrupt("not a JSON object");
    const bj::value *conv = o->if_contains("conversation");
    const bj::value *resp = o->if_contains("response");
    const bj::value *expires = o->if_contains("expires_at_ms");
    if (!conv || !resp || !resp->is_object() || stringOr(*o, "id") != id)
        return corrupt("not a stored response");
    auto messages = messagesFromJson(*conv);
    if (!messages)
        return corrupt("malformed conversation");
    if (expires && expires->is_int64()) {
        entry.expiresAtMs = expires->get_int64();
        if (entry.expiresAtMs <= now()) {
            erase(id, true);
            return false;
        }
    }
    auto payload = std::make_shared<Payload>();
    payload->conversation = std::move(*messages);
    payload->response = resp->get_object();
    entry.payload = std::move(payload);
    return true;
}

void ResponseStore::put(const std::string &id, std::vector<canon::Message> conversation, bj::object response)
{
    if (!validId(id)) {
        qCWarning(lcEngine) << "responses store: refusing an id that is not a plain token";
        return;
    }
    erase(id, false);
    const qint64 expires = now() + m_options.ttlSeconds * 1000;
    bj::object file{{"v", 1}, {"id", id}, {"expires_at_ms", expires}, {"conversation", messagesToJson(conversation)},
                    {"response", response}};
    QByteArray bytes = QByteArray::fromStdString(bj::serialize(file));

    auto payload = std::make_shared<Payload>();
    payload->conversation = std::move(conversation);
    payload->response = std::move(response);
    Entry e;
    e.bytes = bytes.size();
    e.expiresAtMs = expires;
    e.payload = std::move(payload);
    m_lru.push_front(id);
    e.lru = m_lru.begin();
    m_totalBytes += e.bytes;
    m_entries.emplace(id, std::move(e));

    if (m_writer) {
        const QString path = filePath(id);
        m_writer->start([path, bytes = std::move(bytes)] {
            QSaveFile f(path);
            if (!f.open(QIODevice::WriteOnly) || f.write(bytes) != bytes.size() || !f.commit())
                qCWarning(lcEngine) << "responses store: cannot write" << path << ":" << f.errorString();
        });
    }
    enforceBounds();
}

std::optional<std::vector<canon::Message>> ResponseStore::conversation(const std::string &id)
{
    Entry *e = find(id);
    if (!e || !loadPayload(id, *e))
        return std::nullopt;
    touch(*e, id);
    return e->payload->conversation;
}

std::optional<bj::object> ResponseStore::response(const std::string &id)
{
    Entry *e = find(id);
    if (!e || !loadPayload(id, *e))
        return std::nullopt;
    touch(*e, id);
    return e->payload->response;
}

bool ResponseStore::remove(const std::string &id)
{
    if (!find(id))
        return false;
    erase(id, true);
    return true;
}

std::optional<Error> ResponseStore::prependHistory(canon::Request &request, const std::string &previousId)
{
    auto history = conversation(previousId);
    if (!history)
        return Error::invalid(QStringLiteral("Previous response with id '%1' not found.").arg(QString::fromStdString(previousId)),
                              QStringLiteral("previous_response_id"));
    request.extensions.erase("previous_response_id");
    // History first; when it ends with an assistant turn and the new input starts with one too
    // (rare), the messages are merged so roles still alternate.
    std::vector<canon::Message> merged = std::move(*history);
    for (canon::Message &m : request.messages) {
        if (!merged.empty() && merged.back().role == m.role) {
            for (canon::ContentBlock &b : m.content)
                merged.back().content.push_back(std::move(b));
        } else {
            merged.push_back(std::move(m));
        }
    }
    request.messages = std::move(merged);
    return std::nullopt;
}

QByteArray ResponseStore::deletedBody(const std::string &id)
{
    return QByteArray::fromStdString(bj::serialize(bj::object{{"id", id}, {"object", "response"}, {"deleted", true}}));
}

Error ResponseStore::notFound(const std::string &id)
{
    Error e = Error::make(ErrorCategory::NotFound,
                          QStringLiteral("Response with id '%1' not found.").arg(QString::fromStdString(id).left(200)));
    e.param = QStringLiteral("response_id");
    return e;
}

} // namespace lip::responses
