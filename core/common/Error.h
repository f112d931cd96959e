#pragma once
#include <string>

namespace drydock {

// What went wrong, as a machine-readable kind plus a sentence a person can act on.
enum class ErrorCode
{
    DaemonUnreachable,    // nothing listens, connection refused, host unknown
    PermissionDenied,     // socket or file exists but we may not open it
    TlsFailure,           // handshake, CA, or client certificate problem
    Timeout,              // connect or transfer took longer than allowed
    HttpError,            // the daemon answered with a non-2xx status
    MalformedResponse,    // body or headers we cannot parse
    UnsupportedApiVersion,// daemon too old or speaks no version we know
    NotFound,             // object or file does not exist
    InvalidArgument,      // caller or user gave a bad value
    Cancelled,            // the user cancelled
    Io,                   // local file system
    Database,             // SQLite
    TooLarge,             // input beyond a limit that protects this machine (a huge or hostile image)
    Internal              // a bug: should never reach a person
};

const char* toString(ErrorCode code);

// What went wrong, for a program (the code) and for a person (a sentence saying what to do).
struct Error
{
    ErrorCode code = ErrorCode::Internal;
    std::string message;  // a full sentence: what happened and what to do
    int httpStatus = 0;   // for HttpError: the status the daemon returned

    static Error make(ErrorCode code, std::string message, int httpStatus = 0)
    {
        return Error{code, std::move(message), httpStatus};
    }
};

} // namespace drydock
