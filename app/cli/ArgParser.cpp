#include "app/cli/ArgParser.h"

namespace drydock::app {

std::optional<std::string> ParsedArgs::last(const std::string& name) const
{
    std::optional<std::string> value;
    const auto [b, e] = options.equal_range(name);
    for (auto it = b; it != e; ++it) {
        value = it->second;
    }
    return value;
}

std::vector<std::string> ParsedArgs::all(const std::string& name) const
{
    std::vector<std::string> values;
    const auto [b, e] = options.equal_range(name);
    for (auto it = b; it != e; ++it) {
        values.push_back(it->second);
    }
    return values;
}

const OptionSpec* CommandSpec::find(const std::string& optionName) const
{
    for (const auto& option : options) {
        if (option.name == optionName) {
            return &option;
        }
    }
    return nullptr;
}

std::optional<ParsedArgs> ArgParser::parse(const CommandSpec& spec, const std::vector<std::string>& words,
                                           std::string& error)
{
    ParsedArgs args;
    args.command = spec.name;
    bool onlyPositionals = false;
    for (std::size_t i = 0; i < words.size(); ++i) {
        const std::string& w = words[i];
        if (!onlyPositionals && w == "--") {
            onlyPositionals = true;
            continue;
        }
        if (!onlyPositionals && w.size() > 1 && w[0] == '-') {
            std::string name = w;
            std::optional<std::string> inlineValue;
            const auto eq = w.find('=');
            if (eq != std::string::npos) {
                name = w.substr(0, eq);
                inlineValue = w.substr(eq + 1);
            }
            const OptionSpec* option = spec.find(name);
            const bool help = name == "--help" || name == "-h";
            if (option != nullptr && option->kind != OptionKind::Flag) {
                if (inlineValue) {
                    args.options.emplace(name, *inlineValue);
                } else if (i + 1 < words.size()) {
                    args.options.emplace(name, words[++i]);
                } else {
                    error = "option " + name + " needs a value";
                    return std::nullopt;
                }
            } else if ((help || option != nullptr) && !inlineValue) {
                args.options.emplace(name, "");
            } else {
                // The desktop application's spec is named "drydock": its help is `drydock --help`.
                const std::string helpCommand = spec.name == "drydock" ? "drydock" : "drydock " + spec.name;
                error =
                    "unknown option " + name + " for '" + spec.name + "' (see " + helpCommand + " --help)";
                return std::nullopt;
            }
            continue;
        }
        if (args.positionals.size() >= spec.maxPositionals) {
            error = "unexpected argument '" + w + "' for '" + spec.name + "'";
            return std::nullopt;
        }
        args.positionals.push_back(w);
    }
    return args;
}

namespace {

// Characters on a terminal: UTF-8 continuation bytes do not count ("AREA,…" is six wide).
std::size_t displayWidth(const std::string& text)
{
    std::size_t width = 0;
    for (const unsigned char c : text) {
        width += (c & 0xC0) != 0x80 ? 1 : 0;
    }
    return width;
}

} // namespace

std::string optionHelp(const CommandSpec& spec, std::size_t column, const std::string& list)
{
    std::string text;
    for (const auto& option : spec.options) {
        if (option.help.empty() || option.list != list) {
            continue;
        }
        const std::string label =
            "  " + option.name + (option.valueName.empty() ? "" : " " + option.valueName);
        const std::size_t width = displayWidth(label);
        text += label + std::string(width < column ? column - width : 1, ' ');
        for (const char c : option.help) {
            text += c;
            if (c == '\n') {
                text += std::string(column, ' ');
            }
        }
        text += "\n";
    }
    return text;
}

} // namespace drydock::app
