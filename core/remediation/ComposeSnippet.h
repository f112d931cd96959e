#pragma once
#include "core/remediation/RunCommand.h"

#include <string>

namespace drydock {

// Renders a RunCommand as a docker compose service (YAML), values quoted safely.
class ComposeSnippet
{
public:
    std::string render(const std::string& serviceName, const RunCommand& command) const;
};

} // namespace drydock
