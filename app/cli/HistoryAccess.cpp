#include "app/cli/HistoryAccess.h"

#include "core/common/AppPaths.h"
#include "core/common/Time.h"

#include <cctype>

namespace drydock::app {

std::string databasePath(const ParsedArgs& args)
{
    return args.last("--db").value_or(AppPaths::defaultDatabasePath());
}

Result<std::unique_ptr<HistoryStore>> openHistory(const ParsedArgs& args) { return HistoryStore::open(databasePath(args)); }

std::optional<std::int64_t> parseDuration(const std::string& text)
{
    if (text.size() < 2) {
        return std::nullopt;
    }
    std::int64_t n = 0;
    for (std::size_t i = 0; i + 1 < text.size(); ++i) {
        if (!std::isdigit(static_cast<unsigned char>(text[i])) || n > 100000000) {
            return std::nullopt;
        }
        n = n * 10 + (text[i] - '0');
    }
    switch (text.back()) {
    case 'h': return n * 3600;
    case 'd': return n * 86400;
    case 'w': return n * 7 * 86400;
    default: return std::nullopt;
    }
}

std::optional<std::int64_t> parseMoment(const std::string& text, std::int64_t nowUnix)
{
    if (const auto d = parseDuration(text)) {
        return nowUnix + *d;
    }
    if (text.size() == 10) {
        return parseRfc3339(text + "T00:00:00Z");
    }
    return parseRfc3339(text);
}

} // namespace drydock::app
