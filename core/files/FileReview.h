#pragma once
#include "core/common/Result.h"
#include "core/findings/Finding.h"

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace drydock {

// The kinds of file `drydock check` reviews.
enum class ReviewedFileKind
{
    Compose,
    Dockerfile
};
const char* toString(ReviewedFileKind kind); // "compose", "dockerfile"

// Bounds that keep a hostile or huge file from exhausting this machine; past one, the file gets a clear error.
struct FileReviewLimits
{
    std::size_t maxFileBytes = 4 * 1024 * 1024;  // one compose file or Dockerfile
    std::size_t maxYamlNodes = 200000;           // nodes visited, aliases counted every time they are used
    int maxYamlDepth = 64;                       // nesting of maps and sequences
    std::size_t maxDockerfileInstructions = 20000;
    int maxExtendsDepth = 16;                    // chained `extends:`
};

// One file `drydock check` read: what it found there, located, and the fix as the file's new text.
struct FileReview
{
    std::string path; // as the user named it (relative to the folder checked)
    ReviewedFileKind kind = ReviewedFileKind::Compose;
    std::string originalText;        // the bytes that were read; --fix refuses when the file no longer has them
    std::vector<Finding> findings;   // every one has a location in this file (or, for a merged compose
                                     // service, in the file that set the key)
    std::vector<std::string> notes;  // sentences for the reader: "POSTGRES_PASSWORD is not set; read as empty"
    std::optional<Error> error;      // the file could not be read or parsed: says where (line, column) and why
    std::optional<std::string> fixedText; // the minimal patched text; nullopt when nothing can be fixed
    std::vector<std::string> fixedRuleIds; // the rules the patch resolves (re-checked on the patched text)
};

// The 1-based line and column of a byte offset in a file's text (errors name where a file went wrong).
std::pair<int, int> lineAndColumnAt(std::string_view text, std::size_t offset);

// A file's text as Drydock shows it (reports, the terminal, the GUI): every secret value the classifier finds
// masked in place, so line numbers and the rest of each line stay as they are. Values are found line by line
// and, in a compose file, also through its YAML structure, which lines alone do not show (`? KEY` / `: value`,
// a value on the next line, flow maps, block scalars); each is then masked wherever the text repeats it.
std::string maskedFileText(std::string_view text, ReviewedFileKind kind);

// The fix as the unified diff people and reports are shown: both sides masked (maskedFileText). *masked says
// whether a secret was hidden, in which case the diff no longer applies with patch(1): `drydock check --fix` and
// the Files page's Apply write the real fix, which only ever removes the value.
std::string shownFixDiff(const FileReview& file, bool* masked = nullptr);

// The file's text as a review reads it: bounded by limits.maxFileBytes, an error naming the file otherwise.
Result<std::string> readReviewedFile(const std::string& path, const FileReviewLimits& limits);

} // namespace drydock
