#include "core/remediation/RunCommand.h"
// STUB: replaced by the remediation work.
namespace drydock {
StringList RunCommand::argv() const { return {}; }
std::string RunCommand::render() const { return {}; }
std::string RunCommand::renderOneLine() const { return {}; }
bool RunCommand::hasFlag(const std::string&) const { return false; }
StringList RunCommand::values(const std::string&) const { return {}; }
} // namespace drydock
