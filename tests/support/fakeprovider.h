// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// A fast, programmable fake LLM provider for integration tests and the benchmark: QTcpServer on
// 127.0.0.1 with its own minimal HTTP/1.1 parsing (independent of engine/, so a bug there cannot
// hide a bug in the client under test). No QObject per request: one QTcpSocket per connection.
//
// Streams are deterministic without timing: a streamed reply sends one chunk per event-loop
// turn, or, when it names a gate, only as far as the test has stepped that gate.

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QObject>
#include <QPair>
#include <QSet>
#include <QUrl>

#include <functional>
#include <memory>

class QTcpServer;
class QTcpSocket;
class QTimer;

namespace lip::test {

using FakeHeaders = QList<QPair<QByteArray, QByteArray>>;

struct FakeRequest
{
    QByteArray method;
    QByteArray target; // path?query as sent
    QByteArray path;
    QByteArray query;
    QByteArray version; // "HTTP/1.1"
    FakeHeaders headers;
    QByteArray body;
    int connection = 0; // 1-based index of the connection it arrived on

    QByteArray header(QByteArrayView name) const; // first match, case-insensitive; empty if none
    bool hasHeader(QByteArrayView name) const;
};

struct FakeReply
{
    enum class Framing { Auto, ContentLength, Chunked, CloseDelimited };

    int status = 200;
    QByteArray reason; // default: the standard phrase
    FakeHeaders headers;
    QByteArray body;          // a fixed reply, used when chunks is empty
    QList<QByteArray> chunks; // a streamed reply: one chunk per event-loop turn (or per gate step)
    // Auto: Content-Length for a fixed reply, chunked transfer encoding for a streamed one.
    // ContentLength on a streamed reply announces the sum of the chunks.
    Framing framing = Framing::Auto;

    // Gate (from FakeProvider::newGate()): chunk i is sent only after the gate has been stepped
    // i+1 times. With delayHeadUntilReleased the head counts as unit 0 and chunk i as unit i+1.
    // delayHeadUntilReleased without a gate never sends anything (for timeout tests).
    int gate = -1;
    bool delayHeadUntilReleased = false;
    int dropAfter = -1;        // abort the socket after sending this many chunks (0: after head)
    bool dropMidChunk = false; // with dropAfter: first send half of the next chunk (chunked framing)
    bool malformedHead = false;// send a broken status line instead of a head, then close
    bool closeAfter = false;   // close the connection after the response without announcing it
    QByteArray raw;            // when set, sent verbatim instead of any of the above

    static FakeReply json(QByteArray body, int status = 200);
    static FakeReply sse(QList<QByteArray> events, int gate = -1);
    static FakeReply error(int status, const QByteArray &message,
                           const QByteArray &type = "invalid_request_error",
                           const QByteArray &code = {});
};

class FakeProvider : public QObject
{
    Q_OBJECT
public:
    using Handler = std::function<FakeReply(const FakeRequest &)>;

    explicit FakeProvider(QObject *parent = nullptr);
    ~FakeProvider() override;

    bool listen(); // 127.0.0.1, ephemeral port
    quint16 port() const;
    QUrl baseUrl() const; // http://127.0.0.1:<port>
    // Default handler: an OpenAI chat completion saying "Hello from fake".
    void setHandler(Handler handler);

    int newGate();
    void stepGate(int gate, int units = 1); // lets every stream on the gate send `units` more
    void openGate(int gate);                // lets everything through, now and later

    // Records every request unless turned off (the benchmark turns it off).
    void setRecording(bool on) { m_recording = on; }
    QList<FakeRequest> requests() const { return m_requests; }
    FakeRequest lastRequest() const { return m_requests.isEmpty() ? FakeRequest() : m_requests.last(); }
    int requestCount() const { return m_requestCount; }
    int connectionsAccepted() const { return m_connectionsAccepted; }
    int openConnections() const { return int(m_conns.size()); }
    int inFlight() const { return m_inFlight; }
    int maxInFlight() const { return m_maxInFlight; }
    int disconnectsBeforeResponse() const { return m_disconnectsBeforeResponse; }
    int disconnectsMidStream() const { return m_disconnectsMidStream; }
    void reset(); // forgets recorded requests and zeroes the counters (open connections stay)

    // Closes every connection that is not in the middle of a response (stale keep-alive tests).
    void closeIdleConnections();

    // Bodies an OpenAI-compatible provider sends.
    static QByteArray openAIChatCompletion(const QByteArray &model, const QByteArray &content,
                                           int promptTokens = 5, int completionTokens = 3);
    // SSE events: role chunk, one chunk per delta, finish chunk, optional usage chunk, [DONE].
    static QList<QByteArray> openAIChatStream(const QByteArray &model,
                                              const QList<QByteArray> &deltas,
                                              bool includeUsage = false, int promptTokens = 5,
                                              int completionTokens = 3);
    static QByteArray openAIError(const QByteArray &message,
                                  const QByteArray &type = "invalid_request_error",
                                  const QByteArray &code = {});
    static QByteArray jsonString(QByteArrayView text); // quoted and escaped

private:
    struct Conn;
    void onNewConnection();
    void onReadable(Conn *conn);
    void onDisconnected(Conn *conn);
    void processRequests(Conn *conn);
    void startReply(Conn *conn, FakeReply reply);
    void pump(Conn *conn);
    void pumpAll();
    void schedule(Conn *conn);
    void finishResponse(Conn *conn);
    void dropConn(Conn *conn, bool graceful);
    int gateAllowance(int gate) const;

    QTcpServer *m_server = nullptr;
    QTimer *m_pumpTimer = nullptr;
    Handler m_handler;
    QHash<quint64, Conn *> m_conns;
    QSet<quint64> m_scheduled;
    quint64 m_nextConnId = 1;
    QList<int> m_gates; // allowance per gate
    bool m_recording = true;
    QList<FakeRequest> m_requests;
    int m_requestCount = 0;
    int m_connectionsAccepted = 0;
    int m_inFlight = 0;
    int m_maxInFlight = 0;
    int m_disconnectsBeforeResponse = 0;
    int m_disconnectsMidStream = 0;
};

} // namespace lip::test
