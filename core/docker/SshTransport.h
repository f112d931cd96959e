#pragma once
#include "core/docker/CurlTransport.h"
#include "core/docker/SshDialer.h"

#include <memory>

namespace drydock {

// A Transport to an ssh:// endpoint: HTTP through CurlTransport to the private socket of an SshDialer,
// which runs `ssh host docker system dial-stdio` per connection. Messages name the ssh:// endpoint, and a
// failure of ssh itself (host key, login, docker missing remotely) replaces curl's "connection closed".
class SshTransport final : public Transport
{
public:
    // At most this many ssh connections at once: each is a process and a login on the remote host, and
    // sshd drops unauthenticated connections beyond MaxStartups (10 by default).
    static constexpr int kMaxConnections = 4;

    static Result<std::unique_ptr<SshTransport>> open(const DockerEndpoint& endpoint,
                                                      SshDialer::Options options);
    ~SshTransport() override;

    Result<HttpResponse> send(const HttpRequest& request) override;
    std::vector<Result<HttpResponse>> sendAll(const std::vector<HttpRequest>& requests) override;
    Result<void> stream(const HttpRequest& request, const std::function<bool(std::string_view)>& onChunk,
                        const CancelToken& cancel) override;
    std::string describe() const override;

    const SshDialer& dialer() const { return *m_dialer; }

private:
    SshTransport(DockerEndpoint endpoint, std::unique_ptr<SshDialer> dialer,
                 std::unique_ptr<CurlTransport> curl);
    Error translate(Error error);

    DockerEndpoint m_endpoint;
    std::unique_ptr<SshDialer> m_dialer;
    std::unique_ptr<CurlTransport> m_curl;
};

} // namespace drydock
