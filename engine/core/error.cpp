// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/error.h"

namespace lip {

const char *errorCategoryName(ErrorCategory category)
{
    switch (category) {
    case ErrorCategory::None: return "none";
    case ErrorCategory::InvalidRequest: return "invalid_request";
    case ErrorCategory::Authentication: return "authentication";
    case ErrorCategory::PermissionDenied: return "permission_denied";
    case ErrorCategory::NotFound: return "not_found";
    case ErrorCategory::RequestTooLarge: return "request_too_large";
    case ErrorCategory::RateLimited: return "rate_limited";
    case ErrorCategory::Overloaded: return "overloaded";
    case ErrorCategory::Upstream: return "upstream";
    case ErrorCategory::UpstreamUnreachable: return "upstream_unreachable";
    case ErrorCategory::UpstreamProtocol: return "upstream_protocol";
    case ErrorCategory::Timeout: return "timeout";
    case ErrorCategory::Cancelled: return "cancelled";
    case ErrorCategory::Unsupported: return "unsupported";
    case ErrorCategory::Internal: return "internal";
    }
    return "unknown";
}

} // namespace lip
