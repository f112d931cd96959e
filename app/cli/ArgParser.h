#pragma once
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace drydock::app {

// The parsed words of one command: options (repeatable, in order) and positional arguments.
struct ParsedArgs
{
    std::string command;
    std::multimap<std::string, std::string> options; // "--format" -> "json"; flags map to ""
    std::vector<std::string> positionals;

    bool has(const std::string& name) const { return options.count(name) > 0; }
    std::optional<std::string> last(const std::string& name) const;
    std::vector<std::string> all(const std::string& name) const;
};

// Which options a command accepts and whether each takes a value.
struct CommandSpec
{
    std::string name;
    std::set<std::string> valueOptions; // "--format", "--host", …
    std::set<std::string> flagOptions;  // "--verbose", …
    std::size_t maxPositionals = 0;
};

// Parses "--opt value", "--opt=value" and flags against a spec; errors are sentences for stderr.
class ArgParser
{
public:
    static std::optional<ParsedArgs> parse(const CommandSpec& spec, const std::vector<std::string>& words,
                                           std::string& error);
};

} // namespace drydock::app
