#include "core/common/Error.h"

namespace drydock {

const char* toString(ErrorCode code)
{
    switch (code) {
    case ErrorCode::DaemonUnreachable: return "daemon-unreachable";
    case ErrorCode::PermissionDenied: return "permission-denied";
    case ErrorCode::TlsFailure: return "tls-failure";
    case ErrorCode::Timeout: return "timeout";
    case ErrorCode::HttpError: return "http-error";
    case ErrorCode::MalformedResponse: return "malformed-response";
    case ErrorCode::UnsupportedApiVersion: return "unsupported-api-version";
    case ErrorCode::NotFound: return "not-found";
    case ErrorCode::InvalidArgument: return "invalid-argument";
    case ErrorCode::Cancelled: return "cancelled";
    case ErrorCode::Io: return "io";
    case ErrorCode::Database: return "database";
    case ErrorCode::TooLarge: return "too-large";
    case ErrorCode::Internal: return "internal";
    }
    return "internal";
}

} // namespace drydock
