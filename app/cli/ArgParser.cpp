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
            if (spec.valueOptions.count(name)) {
                if (inlineValue) {
                    args.options.emplace(name, *inlineValue);
                } else if (i + 1 < words.size()) {
                    args.options.emplace(name, words[++i]);
                } else {
                    error = "option " + name + " needs a value";
                    return std::nullopt;
                }
            } else if (spec.flagOptions.count(name) && !inlineValue) {
                args.options.emplace(name, "");
            } else {
                error = "unknown option " + name + " for '" + spec.name + "' (see drydock " + spec.name + " --help)";
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

} // namespace drydock::app
