// Shell quoting is where a hostile container name, env value or command turns into a command injection in
// the `docker run` line a user copies or the script `drydock harden --format script` writes. These round
// trips must hold for any input:
//   - any argv quoted (for people: shellJoin; for scripts: shellJoinPortable) and split again is the same
//     argv, and the quoted text holds no hidden character (escape sequences, bidi controls, invalid UTF-8);
//   - the remediated command rebuilt from any (fuzzed) container inspect splits back to its own argv, each
//     network follow-up too, or is a single comment when its image reference could be read as an option;
//   - the plan script for that container (with tmpfs paths taken from its env values, as /changes would give
//     them) holds no hidden character and its `docker run` splits back to the hardened argv;
//   - every report shows a command whole or a one-line comment in its place, never a cut command.
#include "core/common/ShellQuote.h"
#include "core/common/VisibleText.h"
#include "core/hardening/HardeningPlan.h"
#include "core/json/ModelParser.h"
#include "core/remediation/RunCommandBuilder.h"
#include "core/remediation/RunCommandHardener.h"
#include "core/report/ReportData.h"
#include "tests/fuzz/FuzzSupport.h"

#include <algorithm>

using namespace drydock;

namespace {

// Newlines separate lines; anything else hidden must never appear in shell text.
bool visibleLines(const std::string& text)
{
    std::size_t start = 0;
    while (start <= text.size()) {
        const std::size_t end = std::min(text.find('\n', start), text.size());
        if (hasHiddenCharacters(std::string_view(text).substr(start, end - start))) {
            return false;
        }
        start = end + 1;
    }
    return true;
}

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
    const std::string joined = shellJoin(argv);
    DRYDOCK_FUZZ_REQUIRE(!hasHiddenCharacters(joined), "quoted argv carries a hidden character");
    const auto split = shellSplit(joined);
    DRYDOCK_FUZZ_REQUIRE(split.ok(), "quoted argv does not split again");
    DRYDOCK_FUZZ_REQUIRE(split.value() == argv, "quoted argv splits into other words");

    const std::string portable = shellJoinPortable(argv);
    DRYDOCK_FUZZ_REQUIRE(visibleLines(portable), "portably quoted argv carries a hidden character");
    const auto splitPortable = shellSplit(portable);
    DRYDOCK_FUZZ_REQUIRE(splitPortable.ok(), "portably quoted argv does not split again");
    DRYDOCK_FUZZ_REQUIRE(splitPortable.value() == argv, "portably quoted argv splits into other words");
}

StringList withDocker(const StringList& argv)
{
    StringList out{"docker"};
    out.insert(out.end(), argv.begin(), argv.end());
    return out;
}

void commandRoundTrip(const RunCommand& command)
{
    const std::string text = command.render();
    DRYDOCK_FUZZ_REQUIRE(visibleLines(text), "a rendered command carries a hidden character");
    if (!command.unrenderableReason().empty()) {
        DRYDOCK_FUZZ_REQUIRE(command.renderOneLine().rfind("# ", 0) == 0 &&
                                 command.renderOneLine().find('\n') == std::string::npos,
                             "an unrenderable command is not a single comment");
        DRYDOCK_FUZZ_REQUIRE(text.find("docker run") == std::string::npos,
                             "a command with an option-like image was rendered");
        return;
    }
    RunCommand runOnly = command;
    runOnly.followUps.clear();
    const auto split = shellSplit(runOnly.renderOneLine());
    DRYDOCK_FUZZ_REQUIRE(split.ok(), "the rendered docker run line does not split");
    DRYDOCK_FUZZ_REQUIRE(split.value() == withDocker(command.argv()),
                         "the rendered docker run line splits into other words");
    for (const auto& f : command.followUps) {
        const auto words = shellSplit("docker " + shellJoin(f.argv()));
        DRYDOCK_FUZZ_REQUIRE(words.ok() && words.value() == withDocker(f.argv()),
                             "a network follow-up splits into other words");
    }
}

// The `docker run` of the script sits between "if ! " and a line "then"; a quoted value may itself hold
// "\nthen\n", so the first end at which the text splits is the one the shell would take.
void scriptRoundTrip(const HardeningPlan& plan)
{
    const std::string script = renderPlanScript(plan);
    DRYDOCK_FUZZ_REQUIRE(visibleLines(script), "the plan script carries a hidden character");
    const RunCommand after = RunCommandHardener().apply(plan.before, plan.chosenEdits());
    const std::size_t begin = script.find("\nif ! docker run");
    if (!after.unrenderableReason().empty()) {
        DRYDOCK_FUZZ_REQUIRE(begin == std::string::npos, "a script runs a command with an option-like image");
        return;
    }
    DRYDOCK_FUZZ_REQUIRE(begin != std::string::npos, "the plan script has no docker run");
    const std::size_t from = begin + 6;
    for (std::size_t end = script.find("\nthen\n", from); end != std::string::npos;
         end = script.find("\nthen\n", end + 1)) {
        const auto words = shellSplit(script.substr(from, end - from));
        if (words.ok()) {
            DRYDOCK_FUZZ_REQUIRE(words.value() == withDocker(after.argv()),
                                 "the script's docker run splits into other words");
            return;
        }
    }
    DRYDOCK_FUZZ_REQUIRE(false, "the script's docker run never splits");
}

void reportRoundTrip(const std::string& command)
{
    const std::string shown = reportCommand(command);
    DRYDOCK_FUZZ_REQUIRE(shown == command ||
                             (shown.rfind("# Left out: ", 0) == 0 && shown.find('\n') == std::string::npos),
                         "a report shows a command that is neither whole nor a one-line comment");
    DRYDOCK_FUZZ_REQUIRE(shown != command || command.size() <= kReportCommandBytes,
                         "a report shows an overlong command");
}

void containerRoundTrip(std::string_view inspectJson)
{
    const auto container = json::parseContainer(inspectJson);
    if (!container.ok()) {
        return;
    }
    const RunCommand command = RunCommandBuilder().build(container.value(), nullptr);
    commandRoundTrip(command);
    reportRoundTrip(command.render());

    HardeningPlan plan;
    plan.object = {ObjectType::Container, container->id, container->name};
    plan.before = command;
    HardeningChange tmpfs;
    tmpfs.id = "tmpfs";
    for (const auto& e : container->config.env) {
        tmpfs.edits.push_back({RunEdit::Op::AddFlag, "--tmpfs", "/" + e + ":rw,nosuid,size=64m,mode=1777"});
    }
    tmpfs.edits.push_back({RunEdit::Op::AddFlag, "--read-only", ""});
    plan.changes.push_back(tmpfs);
    scriptRoundTrip(plan);
    const RunCommand after = RunCommandHardener().apply(plan.before, plan.chosenEdits());
    commandRoundTrip(after);
    reportRoundTrip(after.render());
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    const auto input = fuzz::bytes(data, size);
    if (!input.empty() && input.front() == '{') {
        containerRoundTrip(input);
    } else {
        argvRoundTrip(input);
    }
    return 0;
}
