#include "core/remediation/RunCommandBuilder.h"
// STUB: replaced by the remediation work.
namespace drydock {
RunCommand RunCommandBuilder::build(const Container&, const Image*) const { return {}; }
} // namespace drydock
