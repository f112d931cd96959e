#pragma once
#include <optional>
#include <string>
#include <string_view>

namespace drydock {

// Ordered from least to most severe so that comparisons read naturally (a >= Severity::High).
enum class Severity
{
    Info = 0,
    Low = 1,
    Medium = 2,
    High = 3,
    Critical = 4
};

// Lower-case persisted names: "info", "low", "medium", "high", "critical".
const char* toString(Severity severity);
std::optional<Severity> severityFromString(std::string_view text);
constexpr int severityCount = 5;

} // namespace drydock
