#include "core/remediation/ShellQuote.h"
// STUB: replaced by the remediation work.
namespace drydock {
std::string shellQuote(std::string_view word) { return std::string(word); }
std::string shellJoin(const StringList&) { return {}; }
Result<StringList> shellSplit(std::string_view) { return Error::make(ErrorCode::Internal, "not implemented"); }
} // namespace drydock
