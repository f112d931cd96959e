#pragma once
#include <string>
#include <string_view>
#include <vector>

namespace drydock {

// `diff -u` of two texts, line by line: "--- a/PATH" / "+++ b/PATH" headers and hunks with `context` lines
// around each change, "\ No newline at end of file" where a side lacks one. Empty when the texts are equal.
// Minimal (Myers) for the edits a fix makes; past a bound of differences, one hunk replaces the whole file
// rather than spending quadratic time on two unrelated files.
std::string unifiedDiff(std::string_view before, std::string_view after, const std::string& path, int context = 3);

// One line of a line-by-line diff (what the Files page's side-by-side view lays out).
struct DiffLine
{
    enum class Op
    {
        Kept,
        Removed,
        Added
    };
    Op op = Op::Kept;
    std::string text;   // without its newline
    int beforeLine = 0; // 1-based line in before; 0 for an added line
    int afterLine = 0;  // 1-based line in after; 0 for a removed line
};

// The same Myers edit script unifiedDiff writes, as lines in order: a change is its removed lines, then the added
// ones. Equal texts give only kept lines.
std::vector<DiffLine> diffLines(std::string_view before, std::string_view after);

} // namespace drydock
