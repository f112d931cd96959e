// The compose patcher writes into people's files (`drydock check --fix`, the hardening plan's compose file), so
// hostile compose text must never make it crash, hang, or write something it did not check: any bytes as a
// compose file, the service named first under `services:` (or "web"), and every kind of edit at once.
// Whatever comes in: patched text or an Error with a message; the patched text is valid UTF-8 when the input
// was, every applied edit's line lies inside it, and patching it again with the same edits changes nothing
// (an edit the patcher calls applied is true in its output).
#include "core/files/compose/ComposePatcher.h"
#include "tests/fuzz/FuzzSupport.h"

#include <algorithm>
#include <string>
#include <vector>

using namespace drydock;

namespace {

// The first key indented by two spaces after a `services:` line: good enough to aim at a real service.
std::string firstServiceName(std::string_view text)
{
    const std::size_t services = text.find("services:");
    if (services == std::string_view::npos) {
        return "web";
    }
    std::size_t pos = text.find('\n', services);
    while (pos != std::string_view::npos && pos + 3 < text.size()) {
        const std::size_t start = pos + 1;
        const std::size_t end = std::min(text.find('\n', start), text.size());
        const std::string_view line = text.substr(start, end - start);
        if (line.size() > 3 && line[0] == ' ' && line[1] == ' ' && line[2] != ' ' && line[2] != '#') {
            const std::size_t colon = line.find(':');
            if (colon != std::string_view::npos && colon > 2) {
                return std::string(line.substr(2, colon - 2));
            }
        }
        pos = end < text.size() ? end : std::string_view::npos;
    }
    return "web";
}

const std::vector<RunEdit>& everyKindOfEdit()
{
    using Op = RunEdit::Op;
    static const std::vector<RunEdit> edits{
        {Op::AddFlag, "--read-only", ""},
        {Op::AddFlag, "--tmpfs", "/tmp:rw,noexec,nosuid,size=64m"},
        {Op::AddFlag, "--cap-drop", "ALL"},
        {Op::AddFlag, "--user", "10001:10001"},
        {Op::AddFlag, "--security-opt", "no-new-privileges:true"},
        {Op::AddFlag, "--memory", "512m"},
        {Op::AddFlag, "--pids-limit", "256"},
        {Op::AddFlag, "--restart", "on-failure:5"},
        {Op::RemoveFlag, "--privileged", ""},
        {Op::RemoveFlag, "--pid", ""},
        {Op::RemoveValue, "--cap-add", "SYS_ADMIN"},
        {Op::RemoveMount, "--volume", "/var/run/docker.sock"},
        {Op::ReadOnlyMount, "--volume", "/data"},
        {Op::BindPortToLoopback, "--publish", "80/tcp"},
        {Op::RemovePort, "--publish", "22/tcp"},
        {Op::ReplaceEnvSecret, "--env", "DB_PASSWORD"},
    };
    return edits;
}

int lineCount(std::string_view text) { return static_cast<int>(std::count(text.begin(), text.end(), '\n')) + 1; }

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    if (size > 64 * 1024) {
        return 0; // the patcher's own limits are tested elsewhere; keep each run fast
    }
    const std::string_view text = fuzz::bytes(data, size);
    const std::string service = firstServiceName(text);
    ComposePatchReport report;
    const auto patched = patchComposeService(text, service, everyKindOfEdit(), &report);
    if (!patched.ok()) {
        DRYDOCK_FUZZ_REQUIRE(!patched.error().message.empty(), "an error without a message");
        return 0;
    }
    const std::string& out = patched.value();
    if (fuzz::isValidUtf8(text)) {
        DRYDOCK_FUZZ_REQUIRE(fuzz::isValidUtf8(out), "valid UTF-8 in, invalid UTF-8 out");
    }
    const int lines = lineCount(out);
    for (const auto& entry : report.applied) {
        DRYDOCK_FUZZ_REQUIRE(entry.line >= 0 && entry.line <= lines, "an applied edit's line outside the text");
        DRYDOCK_FUZZ_REQUIRE(!entry.description.empty(), "an applied edit without words");
    }
    for (const auto& entry : report.skipped) {
        DRYDOCK_FUZZ_REQUIRE(!entry.description.empty(), "a skipped edit without its reason");
    }
    const auto again = patchComposeService(out, service, everyKindOfEdit());
    DRYDOCK_FUZZ_REQUIRE(again.ok(), "the patcher refuses its own output");
    DRYDOCK_FUZZ_REQUIRE(again.value() == out, "patching twice changes the text again");
    return 0;
}
