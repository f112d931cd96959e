#pragma once
#include "core/common/Result.h"
#include "core/model/Common.h"

#include <string>
#include <string_view>

namespace drydock {

// Quotes a word for a POSIX shell so that it reaches the program unchanged; plain words stay bare.
std::string shellQuote(std::string_view word);
std::string shellJoin(const StringList& argv);
// Splits a POSIX shell command line into words (single/double quotes, backslashes). Used by tests and the
// round-trip fuzzer; returns an error for unterminated quotes.
Result<StringList> shellSplit(std::string_view line);

} // namespace drydock
