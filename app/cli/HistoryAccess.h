#pragma once
#include "app/cli/ArgParser.h"
#include "core/common/Result.h"
#include "core/store/HistoryStore.h"

#include <cstdint>
#include <memory>
#include <optional>
#include <string>

namespace drydock::app {

// The database named by --db, else the user's default (XDG data directory).
std::string databasePath(const ParsedArgs& args);
Result<std::unique_ptr<HistoryStore>> openHistory(const ParsedArgs& args);
// "90d", "12h", "2w" -> seconds.
std::optional<std::int64_t> parseDuration(const std::string& text);
// "2027-01-31", an RFC 3339 time, or a duration from now ("30d").
std::optional<std::int64_t> parseMoment(const std::string& text, std::int64_t nowUnix);

} // namespace drydock::app
