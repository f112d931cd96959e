#include "core/remediation/DockerfileSnippet.h"
// STUB: replaced by the remediation work.
namespace drydock {
std::string DockerfileSnippet::nonRootUser() { return {}; }
std::string DockerfileSnippet::healthcheck() { return {}; }
std::string DockerfileSnippet::multiStage(const std::string&) { return {}; }
} // namespace drydock
