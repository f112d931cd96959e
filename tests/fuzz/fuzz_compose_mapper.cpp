// Compose files, the most attacker-shaped text `drydock check` reads (a pull request can change one): any
// bytes as compose.yaml through the loader (YAML, interpolation, merge, extends), the service mapper and the
// review. The same bytes also answer for every other file the project names (.env, env_file, extends: file:),
// so self-references and cycles get explored too. Whatever comes in: a project or an Error with a message,
// never a crash or a hang; a review per file; every finding located in one of the project's files.
#include "core/common/Utf8.h"
#include "core/files/compose/ComposeReview.h"
#include "tests/fuzz/FuzzSupport.h"

#include <string>

using namespace drydock;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    const std::string text(fuzz::bytes(data, size));
    ComposeLoadRequest request;
    request.files = {"proj/compose.yaml"};
    request.environment = {{"TAG", "1.0"}, {"EMPTY", ""}};
    request.limits.maxYamlNodes = 20000; // small budgets keep each run fast; the real ones are 10x larger
    request.limits.maxFileBytes = 256 * 1024;
    request.readFile = [&text](const std::string& path) -> Result<std::string> {
        if (path == "proj/.env") {
            return Error::make(ErrorCode::NotFound, "no .env");
        }
        return text;
    };
    const auto project = loadComposeProject(request);
    if (!project.ok()) {
        DRYDOCK_FUZZ_REQUIRE(!project.error().message.empty(), "an error without a message");
        return 0;
    }
    const std::vector<FileReview> reviews = reviewCompose(*project, request.limits);
    DRYDOCK_FUZZ_REQUIRE(reviews.size() == project->files.size(), "not one review per file of the project");
    for (const auto& review : reviews) {
        for (const auto& finding : review.findings) {
            DRYDOCK_FUZZ_REQUIRE(finding.location.has_value(), "a finding without a location");
            DRYDOCK_FUZZ_REQUIRE(finding.location->file == review.path, "a finding filed under another file");
            DRYDOCK_FUZZ_REQUIRE(finding.location->line >= 0 && finding.location->column >= 0,
                                 "a negative mark");
            DRYDOCK_FUZZ_REQUIRE(isValidUtf8(finding.evidence), "evidence that is not UTF-8");
        }
    }
    return 0;
}
