#pragma once
#include "core/common/Result.h"
#include "core/docker/DockerEndpoint.h"
#include "core/docker/Transport.h"

#include <memory>

namespace drydock {

// The composition root's way to get a transport for an endpoint (CurlTransport for unix and tcp, SshTransport for ssh).
Result<std::unique_ptr<Transport>> makeTransport(const DockerEndpoint& endpoint);

} // namespace drydock
