// A Dockerfile is text from a repository anyone may have written. For any bytes:
//   - the parser gives a Dockerfile or an error with a sentence, never a crash or hang, within the limits;
//   - every instruction's original text is exactly its byte range of the input, ranges grow and never
//     overlap, lines count up, and the stages cover the instructions after the global ARGs in order;
//   - the review of parsed text locates every finding on a line of the file, and a parse error gives no
//   finding;
//   - a patch, when there is one, parses again, claims only rules it resolved, and leaves the lines before
//   its
//     first edit untouched.
#include "core/common/Strings.h"
#include "core/common/Utf8.h"
#include "core/files/dockerfile/DockerfileParser.h"
#include "core/files/dockerfile/DockerfileReview.h"
#include "tests/fuzz/FuzzSupport.h"

#include <algorithm>

using namespace drydock;

namespace {

void checkStructure(std::string_view text, const Dockerfile& file)
{
    std::size_t lastEnd = 0;
    int lastLine = 0;
    for (const auto& in : file.instructions) {
        DRYDOCK_FUZZ_REQUIRE(in.beginOffset >= lastEnd && in.endOffset > in.beginOffset &&
                                 in.endOffset <= text.size(),
                             "instruction byte ranges grow and never overlap");
        DRYDOCK_FUZZ_REQUIRE(text.substr(in.beginOffset, in.endOffset - in.beginOffset) == in.original,
                             "original is the instruction's bytes");
        DRYDOCK_FUZZ_REQUIRE(in.line > lastLine && in.endLine >= in.line && in.column >= 1, "lines count up");
        DRYDOCK_FUZZ_REQUIRE(!in.keyword.empty() && toUpper(in.keyword) == in.keyword,
                             "keywords are upper-case");
        lastEnd = in.endOffset;
        lastLine = in.endLine;
    }
    DRYDOCK_FUZZ_REQUIRE(!file.stages.empty(), "a parsed Dockerfile has a stage");
    std::size_t expected = file.stages.front().fromInstruction;
    for (const auto& stage : file.stages) {
        DRYDOCK_FUZZ_REQUIRE(stage.fromInstruction == expected &&
                                 stage.endInstruction > stage.fromInstruction &&
                                 file.instructions[stage.fromInstruction].keyword == "FROM",
                             "stages cover the instructions in order, each starting at its FROM");
        DRYDOCK_FUZZ_REQUIRE(stage.baseStage < stage.index, "a stage builds only on an earlier stage");
        expected = stage.endInstruction;
    }
    DRYDOCK_FUZZ_REQUIRE(expected == file.instructions.size(), "the last stage ends with the file");
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    const std::string_view text = fuzz::bytes(data, size);
    FileReviewLimits limits;
    limits.maxFileBytes = 256 * 1024;
    limits.maxDockerfileInstructions = 2000;
    const auto parsed = parseDockerfile(text, limits);
    const FileReview review = reviewDockerfile("Dockerfile", std::string(text), limits);
    if (!parsed) {
        DRYDOCK_FUZZ_REQUIRE(!parsed.error().message.empty(), "a parse error says what happened");
        DRYDOCK_FUZZ_REQUIRE(review.error && review.findings.empty() && !review.fixedText,
                             "a parse error fills the error and nothing else");
        return 0;
    }
    DRYDOCK_FUZZ_REQUIRE(isValidUtf8(text), "only valid UTF-8 parses");
    checkStructure(text, *parsed);
    if (review.error) {
        DRYDOCK_FUZZ_REQUIRE(
            review.error->code == ErrorCode::TooLarge && review.findings.empty() && !review.fixedText,
            "what parses is reviewed, unless its RUN instructions are too long for a review");
        return 0;
    }
    const int lines = static_cast<int>(std::count(text.begin(), text.end(), '\n')) + 1;
    for (const auto& f : review.findings) {
        DRYDOCK_FUZZ_REQUIRE(f.location && f.location->file == "Dockerfile" && f.location->line >= 1 &&
                                 f.location->line <= lines,
                             "every finding is located on a line of the file");
        DRYDOCK_FUZZ_REQUIRE(isValidUtf8(f.evidence), "evidence is valid UTF-8");
    }
    if (review.fixedText) {
        const auto again = parseDockerfile(*review.fixedText);
        DRYDOCK_FUZZ_REQUIRE(again.ok(), "a patch parses again");
        const std::size_t firstEdit =
            std::mismatch(text.begin(), text.end(), review.fixedText->begin(), review.fixedText->end())
                .first -
            text.begin();
        const std::size_t lineStart = text.rfind('\n', firstEdit == 0 ? 0 : firstEdit - 1);
        DRYDOCK_FUZZ_REQUIRE(lineStart == std::string_view::npos ||
                                 review.fixedText->compare(0, lineStart + 1, text.substr(0, lineStart + 1)) ==
                                     0,
                             "lines before the first edit are untouched");
        const FileReview after = reviewDockerfile("Dockerfile", *review.fixedText, limits);
        for (const auto& f : after.findings) {
            DRYDOCK_FUZZ_REQUIRE(std::find(review.fixedRuleIds.begin(), review.fixedRuleIds.end(),
                                           f.ruleId) == review.fixedRuleIds.end(),
                                 "a rule the patch claims to fix is gone from the patched file");
        }
    }
    return 0;
}
