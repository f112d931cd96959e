// Shell quoting is where a hostile container name, env value or command turns into a command injection in
// the `docker run` line a user copies. Two round trips must hold: any argv quoted and split again is the same
// argv; and the remediated command rebuilt from any (fuzzed) container inspect splits back to its own argv.
#include "core/json/ModelParser.h"
#include "core/remediation/RunCommandBuilder.h"
#include "core/remediation/ShellQuote.h"
#include "tests/fuzz/FuzzSupport.h"

using namespace drydock;

namespace {

void argvRoundTrip(std::string_view input)
{
    StringList argv;
    std::size_t start = 0;
    for (std::size_t i = 0; i <= input.size(); ++i) {
        if (i == input.size() || input[i] == '\0') {
            argv.emplace_back(input.substr(start, i - start));
            start = i + 1;
        }
    }
    const auto split = shellSplit(shellJoin(argv));
    DRYDOCK_FUZZ_REQUIRE(split.ok(), "quoted argv does not split again");
    DRYDOCK_FUZZ_REQUIRE(split.value() == argv, "quoted argv splits into other words");
}

void runCommandRoundTrip(std::string_view inspectJson)
{
    const auto container = json::parseContainer(inspectJson);
    if (!container.ok()) {
        return;
    }
    const RunCommand command = RunCommandBuilder().build(container.value(), nullptr);
    if (!command.followUps.empty()) {
        return; // follow-ups are separate shell commands joined with &&
    }
    const auto split = shellSplit(command.renderOneLine());
    DRYDOCK_FUZZ_REQUIRE(split.ok(), "the rendered docker run line does not split");
    StringList expected{"docker"};
    for (const auto& word : command.argv()) {
        expected.push_back(word);
    }
    DRYDOCK_FUZZ_REQUIRE(split.value() == expected, "the rendered docker run line splits into other words");
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    const auto input = fuzz::bytes(data, size);
    if (!input.empty() && input.front() == '{') {
        runCommandRoundTrip(input);
    } else {
        argvRoundTrip(input);
    }
    return 0;
}
