#pragma once
#include "core/common/CancelToken.h"
#include "core/common/Result.h"

#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace drydock {

// One HTTP request to the daemon's API, with its timeout and cancel token.
struct HttpRequest
{
    std::string method = "GET";
    std::string path; // "/v1.41/containers/json?all=1" (already versioned and encoded)
    std::string body;
    std::string contentType; // for bodies; "application/json" typically
    long timeoutMs = 30000;
    // Cancelling this token aborts the request while it waits or transfers (within about a second): a
    // stalled daemon must not hold a cancelled scan for the whole timeout.
    CancelToken cancel;
};

// The daemon's answer to one HttpRequest: status, headers and body.
struct HttpResponse
{
    int status = 0;
    std::map<std::string, std::string> headers; // header names in lower case
    std::string body;

    std::string header(const std::string& lowerName) const
    {
        const auto it = headers.find(lowerName);
        return it == headers.end() ? std::string() : it->second;
    }
};

// Moves HTTP requests to one daemon endpoint; implementations must be safe to call from one thread at a
// time and may run many requests concurrently inside sendAll. Errors are transport-level only: an HTTP
// 404 is a successful HttpResponse with status 404.
class Transport
{
public:
    virtual ~Transport() = default;
    virtual Result<HttpResponse> send(const HttpRequest& request) = 0;
    // Sends all requests with many in flight; results are in the same order as requests.
    virtual std::vector<Result<HttpResponse>> sendAll(const std::vector<HttpRequest>& requests) = 0;
    // Streams a long response (e.g. /events) to onChunk until it returns false, the server closes, or the
    // token is cancelled. Returns the HTTP status via onStatus before the first chunk.
    virtual Result<void> stream(const HttpRequest& request, const std::function<bool(std::string_view)>& onChunk,
                                const CancelToken& cancel) = 0;
    // Human-readable endpoint for messages.
    virtual std::string describe() const = 0;
};

} // namespace drydock
