#pragma once
// Shared helpers for the fuzz targets: a libFuzzer entry point in every target, and an invariant check that
// aborts (so both libFuzzer and the replay driver report it as a crash) with a message saying which one broke.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string_view>

#define DRYDOCK_FUZZ_REQUIRE(condition, what)                                                            \
    do {                                                                                                 \
        if (!(condition)) {                                                                              \
            std::fprintf(stderr, "fuzz invariant broken: %s (%s:%d)\n", what, __FILE__, __LINE__);         \
            std::abort();                                                                                \
        }                                                                                                \
    } while (false)

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size);

namespace drydock::fuzz {

inline std::string_view bytes(const std::uint8_t* data, std::size_t size)
{
    return {reinterpret_cast<const char*>(data), size};
}

// True when text is valid UTF-8 (no overlongs, no surrogates, nothing above U+10FFFF).
bool isValidUtf8(std::string_view text);

} // namespace drydock::fuzz
