#pragma once
#include "app/cli/ArgParser.h"
#include "core/common/Result.h"
#include "core/docker/DockerClient.h"

#include <memory>

namespace drydock::app {

// Resolves --host/--context the way the docker CLI does and returns a client that has negotiated its API version.
Result<std::unique_ptr<DockerClient>> connectFromArgs(const ParsedArgs& args);

} // namespace drydock::app
