#pragma once
#include <array>
#include <cstdint>
#include <string>
#include <string_view>

namespace drydock {

// SHA-256 (FIPS 180-4), self-contained so core needs no crypto library for hashing names and small files.
class Sha256
{
public:
    Sha256();
    void update(std::string_view data);
    std::array<std::uint8_t, 32> finish(); // the object must not be updated after finish()

    static std::array<std::uint8_t, 32> digest(std::string_view data);
    // Lower-case hex, as `docker context` uses for its store directories.
    static std::string hex(std::string_view data);

private:
    void compress(const std::uint8_t* block);

    std::array<std::uint32_t, 8> m_state{};
    std::array<std::uint8_t, 64> m_buffer{};
    std::size_t m_buffered = 0;
    std::uint64_t m_totalBytes = 0;
};

} // namespace drydock
