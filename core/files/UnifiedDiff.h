#pragma once
#include <string>
#include <string_view>

namespace drydock {

// `diff -u` of two texts, line by line: "--- a/PATH" / "+++ b/PATH" headers and hunks with `context` lines
// around each change, "\ No newline at end of file" where a side lacks one. Empty when the texts are equal.
// Minimal (Myers) for the edits a fix makes; past a bound of differences, one hunk replaces the whole file
// rather than spending quadratic time on two unrelated files.
std::string unifiedDiff(std::string_view before, std::string_view after, const std::string& path, int context = 3);

} // namespace drydock
