#pragma once
#include <cstddef>
#include <map>
#include <optional>
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
    bool wantsHelp() const { return has("--help") || has("-h"); } // every command takes both
};

// How an option is written: a flag alone, or with a value that counts once (the last one wins) or each time.
enum class OptionKind
{
    Flag,
    Value,
    Repeatable
};

// One option of a command, the single source of how it is parsed and of its line in `COMMAND --help`.
struct OptionSpec
{
    std::string name; // "--format"
    OptionKind kind = OptionKind::Flag;
    // Written after the name in the help line: the value's placeholder ("FILE"); for a flag, the flag it
    // needs ("--yes" after "--apply").
    std::string valueName{};
    // The help sentence; a '\n' starts a continuation line. Empty: the command's usage text names the
    // option instead (TestCliOptions checks that every option is named in its command's help).
    std::string help{};
    // Which list of the help text shows the line: empty for the command's main list.
    std::string list{};
};

// Which options a command accepts (every command also takes --help and -h) and how many positionals.
struct CommandSpec
{
    std::string name;
    std::vector<OptionSpec> options;
    std::size_t maxPositionals = 0;

    const OptionSpec* find(const std::string& optionName) const;
};

// Parses "--opt value", "--opt=value" and flags against a spec; errors are sentences for stderr.
class ArgParser
{
public:
    static std::optional<ParsedArgs> parse(const CommandSpec& spec, const std::vector<std::string>& words,
                                           std::string& error);
};

// The help lines of a spec's options in `list` (in table order): "  NAME VALUE", padded to `column`
// characters, then the sentence; continuation lines start at `column`. Options without a sentence are left
// out (the usage text names them).
std::string optionHelp(const CommandSpec& spec, std::size_t column, const std::string& list = {});

} // namespace drydock::app
