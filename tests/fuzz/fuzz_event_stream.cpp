// The /events reader: a byte stream cut at arbitrary chunk boundaries into JSON lines, each parsed as an
// event. Whatever the daemon (or a man in the middle of a TCP endpoint) sends, the splitter must hand over
// exactly the non-blank lines, never buffer more than its limit, and the event parser must not crash.
#include "core/docker/JsonLineSplitter.h"
#include "core/json/ModelParser.h"
#include "tests/fuzz/FuzzSupport.h"

#include <string>
#include <vector>

using namespace drydock;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    // The length sets the chunk size, so the fuzzer explores boundaries inside "\r\n" and inside lines, and
    // the recorded events.jsonl seeds it as it is.
    const std::size_t chunk = 1 + size % 17;
    const std::string_view stream = fuzz::bytes(data, size);
    constexpr std::size_t kMaxLine = 512;
    JsonLineSplitter splitter(kMaxLine);
    std::vector<std::string> lines;
    bool failed = false;
    for (std::size_t at = 0; at < stream.size() && !failed; at += chunk) {
        const auto piece = stream.substr(at, chunk);
        const auto fed = splitter.feed(piece, [&](std::string_view line) {
            DRYDOCK_FUZZ_REQUIRE(!line.empty(), "a blank line was handed over");
            DRYDOCK_FUZZ_REQUIRE(line.find('\n') == std::string_view::npos, "a line still contains a newline");
            DRYDOCK_FUZZ_REQUIRE(line.size() <= kMaxLine, "a line longer than the limit was handed over");
            lines.emplace_back(line);
            (void)json::parseEvent(line);
            return true;
        });
        failed = !fed;
        DRYDOCK_FUZZ_REQUIRE(splitter.pendingBytes() <= kMaxLine + chunk, "the splitter buffers beyond its limit");
    }
    if (failed) {
        return 0;
    }
    // Without an over-long line, the lines handed over are the stream's complete non-blank lines.
    std::vector<std::string> expected;
    std::size_t start = 0;
    for (std::size_t i = 0; i < stream.size(); ++i) {
        if (stream[i] == '\n') {
            std::string line(stream.substr(start, i - start));
            if (!line.empty() && line.back() == '\r') {
                line.pop_back();
            }
            if (line.find_first_not_of(" \t\r") != std::string::npos) {
                expected.push_back(line);
            }
            start = i + 1;
        }
    }
    DRYDOCK_FUZZ_REQUIRE(lines.size() == expected.size(), "the splitter lost or invented lines");
    return 0;
}
