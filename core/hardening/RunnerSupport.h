#pragma once
#include "core/common/Error.h"
#include "core/common/Time.h"

#include <cstdint>
#include <string>

// Small facts the hardening runner's files share: how the daemon's refusals read, and the time stamp in the
// names of trial and backup containers.
namespace drydock::runner {

// The daemon answered and refused: the request did nothing. A transport failure leaves it unknown.
inline bool refusedByDaemon(const Error& e)
{
    return e.code == ErrorCode::HttpError;
}

inline bool isNotFound(const Error& e)
{
    return e.code == ErrorCode::NotFound || (e.code == ErrorCode::HttpError && e.httpStatus == 404);
}

// "20261129T051500" from a Unix time: sortable, and valid in a container name.
inline std::string timeStamp(std::int64_t unix)
{
    std::string t = formatRfc3339(unix); // 2026-11-29T05:15:00Z
    std::string out;
    for (const char c : t) {
        if ((c >= '0' && c <= '9') || c == 'T') {
            out += c;
        }
    }
    return out;
}

} // namespace drydock::runner
