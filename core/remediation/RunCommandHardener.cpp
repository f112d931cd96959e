#include "core/remediation/RunCommandHardener.h"
// STUB: replaced by the remediation work.
namespace drydock {
RunCommand RunCommandHardener::apply(RunCommand command, const std::vector<RunEdit>&) const { return command; }
void renderEditFlags(Remediation&) {}
} // namespace drydock
