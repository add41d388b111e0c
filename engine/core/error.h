// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QString>

#include <utility>
#include <variant>

namespace lip {

// What went wrong, independent of any dialect. The server edge (a frontend) chooses the HTTP
// status and the error envelope from this; nothing below it speaks HTTP status codes, except
// upstreamStatus, which records what the provider itself answered.
enum class ErrorCategory {
    None,
    InvalidRequest,      // the client's request is malformed or not acceptable
    Authentication,      // missing/wrong key (client→proxy, or proxy→provider)
    PermissionDenied,
    NotFound,            // unknown route, model or resource
    RequestTooLarge,
    RateLimited,
    Overloaded,          // provider overloaded (Anthropic 529, 503)
    Upstream,            // the provider answered with an error status not covered above
    UpstreamUnreachable, // connect/TLS/DNS failure, or the provider dropped the connection
    UpstreamProtocol,    // the provider answered something we cannot parse
    Timeout,
    Cancelled,           // the client went away
    Unsupported,         // valid, but this proxy/backend cannot do it
    Internal,
};

const char *errorCategoryName(ErrorCategory category);

struct Error
{
    ErrorCategory category = ErrorCategory::None;
    QString message;          // safe to show to the client: never contains a secret
    int upstreamStatus = 0;   // the provider's HTTP status, 0 when the provider did not answer
    QString param;            // the request field at fault, when known
    QByteArray upstreamType;  // the provider's own error type/code, when known
    int retryAfterMs = -1;    // from Retry-After / retry hints, -1 when none

    bool isError() const { return category != ErrorCategory::None; }

    static Error make(ErrorCategory category, QString message, QString param = {})
    {
        Error e;
        e.category = category;
        e.message = std::move(message);
        e.param = std::move(param);
        return e;
    }
    static Error invalid(QString message, QString param = {})
    {
        return make(ErrorCategory::InvalidRequest, std::move(message), std::move(param));
    }
};

// A value or an Error. Deliberately small: no exceptions cross module boundaries.
template<typename T>
class Result
{
public:
    Result(T value) : m_data(std::move(value)) {}
    Result(Error error) : m_data(std::move(error)) {}

    bool ok() const { return m_data.index() == 0; }
    explicit operator bool() const { return ok(); }

    T &value() { return std::get<0>(m_data); }
    const T &value() const { return std::get<0>(m_data); }
    T &operator*() { return value(); }
    const T &operator*() const { return value(); }
    T *operator->() { return &value(); }
    const T *operator->() const { return &value(); }

    const Error &error() const { return std::get<1>(m_data); }

private:
    std::variant<T, Error> m_data;
};

} // namespace lip
