#pragma once
#include "core/common/Result.h"
#include "core/docker/DockerEndpoint.h"
#include "core/docker/SshDialer.h"
#include "core/docker/Transport.h"

#include <memory>

namespace drydock {

// The composition root's way to get a transport for an endpoint (CurlTransport for unix and tcp, SshTransport for ssh).
Result<std::unique_ptr<Transport>> makeTransport(const DockerEndpoint& endpoint);
// How ssh is run for ssh:// endpoints (the API and the host checks alike): extra arguments from
// DRYDOCK_SSH_OPTIONS, for setups and tests that must not use ~/.ssh; the user's agent and config otherwise.
SshDialer::Options sshOptionsFromEnvironment();

} // namespace drydock
