#include "core/docker/SshTransport.h"

#include "core/common/Strings.h"

namespace drydock {

Result<std::unique_ptr<SshTransport>> SshTransport::open(const DockerEndpoint& endpoint,
                                                         SshDialer::Options options)
{
    auto dialer = std::make_unique<SshDialer>(endpoint, std::move(options));
    if (auto started = dialer->start(); !started) {
        return started.error();
    }
    DockerEndpoint local;
    local.kind = DockerEndpoint::Kind::Unix;
    local.socketPath = dialer->socketPath();
    local.source = endpoint.source;
    auto curl = std::make_unique<CurlTransport>(local);
    curl->setMaxInFlight(kMaxConnections);
    return std::unique_ptr<SshTransport>(new SshTransport(endpoint, std::move(dialer), std::move(curl)));
}

SshTransport::SshTransport(DockerEndpoint endpoint, std::unique_ptr<SshDialer> dialer,
                           std::unique_ptr<CurlTransport> curl)
    : m_endpoint(std::move(endpoint)), m_dialer(std::move(dialer)), m_curl(std::move(curl))
{
}

SshTransport::~SshTransport()
{
    m_curl.reset(); // close the HTTP connections first, so every ssh sees EOF and ends by itself
    m_dialer->stop();
}

Error SshTransport::translate(Error error)
{
    if (auto failure = m_dialer->takeFailure()) {
        return SshDialer::explain(*failure, m_endpoint);
    }
    // Curl's own messages name the private socket; a person knows the ssh:// address.
    const std::string socket = m_dialer->socketPath();
    if (!socket.empty()) {
        error.message = replaceAll(std::move(error.message), "unix://" + socket, m_endpoint.display());
        error.message = replaceAll(std::move(error.message), socket, m_endpoint.display());
    }
    return error;
}

Result<HttpResponse> SshTransport::send(const HttpRequest& request)
{
    auto result = m_curl->send(request);
    if (!result) {
        return translate(result.error());
    }
    return result;
}

std::vector<Result<HttpResponse>> SshTransport::sendAll(const std::vector<HttpRequest>& requests)
{
    auto results = m_curl->sendAll(requests);
    // One ssh failure explains every request that failed with it.
    const auto failure = m_dialer->takeFailure();
    for (auto& r : results) {
        if (!r) {
            r = failure ? SshDialer::explain(*failure, m_endpoint) : translate(r.error());
        }
    }
    return results;
}

Result<void> SshTransport::stream(const HttpRequest& request,
                                  const std::function<bool(std::string_view)>& onChunk,
                                  const CancelToken& cancel)
{
    auto result = m_curl->stream(request, onChunk, cancel);
    if (!result) {
        return translate(result.error());
    }
    return result;
}

std::string SshTransport::describe() const
{
    return m_endpoint.display();
}

} // namespace drydock
