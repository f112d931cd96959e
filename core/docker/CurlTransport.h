#pragma once
#include "core/docker/DockerEndpoint.h"
#include "core/docker/Transport.h"

#include <cstddef>
#include <memory>

namespace drydock {

// Transport over libcurl to one daemon: unix socket or TCP (plain or TLS with full verification), with many
// requests in flight and kept-alive connections. Errors name the endpoint and say what to do.
//
// stream() runs on its own curl handles, so one thread may follow /events while another uses send/sendAll.
// A non-2xx answer to stream() becomes an HttpError carrying the daemon's message; stopping through the
// callback or the CancelToken is a normal end, not an error.
class CurlTransport final : public Transport
{
public:
    static constexpr std::size_t kDefaultMaxResponseBytes = std::size_t(256) * 1024 * 1024;
    static constexpr int kMaxInFlight = 32;
    static constexpr long kConnectTimeoutMs = 5000;

    explicit CurlTransport(DockerEndpoint endpoint);
    ~CurlTransport() override;
    CurlTransport(const CurlTransport&) = delete;
    CurlTransport& operator=(const CurlTransport&) = delete;

    Result<HttpResponse> send(const HttpRequest& request) override;
    std::vector<Result<HttpResponse>> sendAll(const std::vector<HttpRequest>& requests) override;
    Result<void> stream(const HttpRequest& request, const std::function<bool(std::string_view)>& onChunk,
                        const CancelToken& cancel) override;
    std::string describe() const override;

    const DockerEndpoint& endpoint() const;
    // Bodies larger than this end the request with an error instead of growing without bound.
    void setMaxResponseBytes(std::size_t bytes);
    // At most this many requests (and connections) at once; for transports where each connection is
    // expensive, such as one ssh process per connection.
    void setMaxInFlight(int requests);

    // The error a person sees when connect() to this endpoint failed with osErrno (ENOENT, EACCES, …).
    static Error connectError(int osErrno, const DockerEndpoint& endpoint);

private:
    struct Impl;
    std::unique_ptr<Impl> m_impl;
};

} // namespace drydock
