#pragma once
#include "core/remediation/RunCommand.h"

#include <string>

namespace drydock {

// What a compose snippet may assume about the daemon whose container it describes: the named volumes and user
// networks that exist there are declared `external: true` (compose uses them as they are and never creates or
// removes them); any other one the service uses (a network the hardening adds) is declared for compose to
// create.
struct ComposeSnippetOptions
{
    StringList existingVolumes;
    StringList existingNetworks;

    // The named volumes and networks of a command made from a container on the daemon: they exist.
    static ComposeSnippetOptions asOnTheDaemon(const RunCommand& asItRuns);
};

// Renders a RunCommand as a whole compose document, values quoted safely: the command's notes and the Compose
// Specification features it needs beyond docker-compose 1.x as comments, `services:` with the one service,
// then top-level `volumes:` and `networks:` declaring the named ones the service uses.
class ComposeSnippet
{
public:
    std::string render(const std::string& serviceName, const RunCommand& command,
                       const ComposeSnippetOptions& options = {}) const;
};

} // namespace drydock
