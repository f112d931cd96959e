#include "core/remediation/ComposeSnippet.h"
// STUB: replaced by the remediation work.
namespace drydock {
std::string ComposeSnippet::render(const std::string&, const RunCommand&) const { return {}; }
} // namespace drydock
