#pragma once
#include "core/remediation/RunCommand.h"

#include <string>

namespace drydock {

// What a compose snippet may assume about the daemon whose container it describes.
struct ComposeSnippetOptions
{
    // The named volumes and user networks the command uses exist already (the command was made from a
    // container on the daemon): they are declared `external: true`, so compose uses them as they are and
    // never creates or removes them. When false they are declared for compose to create.
    bool resourcesExist = true;
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
