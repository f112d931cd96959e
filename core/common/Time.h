#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace drydock {

// Parses Docker's RFC 3339 timestamps ("2026-11-28T10:00:00.123456789Z", "+01:00" offsets) to Unix seconds.
// Returns nullopt for empty text and Go's zero time ("0001-01-01T00:00:00Z").
std::optional<std::int64_t> parseRfc3339(std::string_view text);
// Formats Unix seconds as "2026-11-28T10:00:00Z".
std::string formatRfc3339(std::int64_t unixSeconds);

} // namespace drydock
