#include "core/files/compose/ComposeInterpolation.h"

#include "core/common/Strings.h"

#include <algorithm>
#include <map>

namespace drydock {
namespace {

bool isNameStart(char c)
{
    return c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

bool isNameChar(char c)
{
    return isNameStart(c) || (c >= '0' && c <= '9');
}

// Defaults may hold variables whose defaults hold variables: a bound keeps a hostile value from recursing
// without end.
constexpr int kMaxNesting = 16;

// The interpolator proper, which remembers the unset variables across nested defaults.
class Interpolator
{
public:
    explicit Interpolator(const VariableLookup& lookup) : m_lookup(lookup) {}

    Result<std::string> run(std::string_view text, int nesting)
    {
        if (nesting > kMaxNesting) {
            return Error::make(ErrorCode::InvalidArgument,
                               "variables nested more than " + std::to_string(kMaxNesting) +
                                   " deep in a default value; simplify the interpolation.");
        }
        std::string out;
        out.reserve(text.size());
        for (std::size_t i = 0; i < text.size(); ++i) {
            if (text[i] != '$' || i + 1 == text.size()) {
                out += text[i];
                continue;
            }
            const char next = text[i + 1];
            if (next == '$') {
                out += '$';
                ++i;
            } else if (isNameStart(next)) {
                std::size_t end = i + 1;
                while (end < text.size() && isNameChar(text[end])) {
                    ++end;
                }
                out += plain(std::string(text.substr(i + 1, end - i - 1)));
                i = end - 1;
            } else if (next == '{') {
                const std::size_t close = closingBrace(text, i + 2);
                if (close == std::string_view::npos) {
                    return Error::make(ErrorCode::InvalidArgument,
                                       "\"" + std::string(text.substr(i)) +
                                           "\" opens ${ without a closing }: close it, or write $$ for a "
                                           "literal $.");
                }
                auto value = braced(text.substr(i + 2, close - i - 2), nesting);
                if (!value.ok()) {
                    return value.error();
                }
                out += *value;
                i = close;
            } else {
                out += '$';
            }
        }
        return out;
    }

    std::vector<std::string> takeUnset() { return std::move(m_unset); }

private:
    static std::size_t closingBrace(std::string_view text, std::size_t from)
    {
        int depth = 1;
        for (std::size_t i = from; i < text.size(); ++i) {
            if (text[i] == '$' && i + 1 < text.size() && text[i + 1] == '{') {
                ++depth;
                ++i;
            } else if (text[i] == '}' && --depth == 0) {
                return i;
            }
        }
        return std::string_view::npos;
    }

    std::string plain(const std::string& name)
    {
        const auto value = m_lookup(name);
        if (!value) {
            noteUnset(name);
            return {};
        }
        return *value;
    }

    void noteUnset(const std::string& name)
    {
        if (std::find(m_unset.begin(), m_unset.end(), name) == m_unset.end()) {
            m_unset.push_back(name);
        }
    }

    Result<std::string> braced(std::string_view body, int nesting)
    {
        std::size_t n = 0;
        while (n < body.size() && isNameChar(body[n])) {
            ++n;
        }
        const std::string name(body.substr(0, n));
        if (name.empty() || !isNameStart(name[0])) {
            return Error::make(ErrorCode::InvalidArgument,
                               "\"${" + std::string(body) +
                                   "}\" names no variable: a name starts with a letter or _; write $$ for a "
                                   "literal $.");
        }
        const std::string_view rest = body.substr(n);
        const auto value = m_lookup(name);
        if (rest.empty()) {
            return plain(name);
        }
        const bool colon = rest[0] == ':';
        const std::string_view op = rest.substr(colon ? 1 : 0, 1); // "" for "${NAME:}"
        if (op.empty() || (op != "-" && op != "?" && op != "+")) {
            return Error::make(ErrorCode::InvalidArgument,
                               "\"${" + std::string(body) +
                                   "}\" is no interpolation Compose knows: use ${NAME}, ${NAME:-default}, "
                                   "${NAME:?error} or ${NAME:+replacement}.");
        }
        const std::string_view argument = rest.substr(colon ? 2 : 1);
        // With a colon, an empty value counts as missing; without one, only an unset variable does.
        const bool missing = !value || (colon && value->empty());
        if (op == "-") {
            return missing ? run(argument, nesting + 1) : Result<std::string>(*value);
        }
        if (op == "+") {
            return missing ? Result<std::string>(std::string()) : run(argument, nesting + 1);
        }
        if (!missing) {
            return *value;
        }
        auto message = run(argument, nesting + 1);
        const std::string said = message.ok() ? *message : std::string(argument);
        return Error::make(ErrorCode::InvalidArgument, "required variable " + name + " is missing a value" +
                                                           (said.empty() ? std::string() : ": " + said) +
                                                           ". Set it in the environment or "
                                                           "in the project's .env file.");
    }

    const VariableLookup& m_lookup;
    std::vector<std::string> m_unset;
};

std::string unescapeDoubleQuoted(std::string_view text)
{
    std::string out;
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] != '\\' || i + 1 == text.size()) {
            out += text[i];
            continue;
        }
        const char c = text[++i];
        switch (c) {
        case 'n':
            out += '\n';
            break;
        case 't':
            out += '\t';
            break;
        case 'r':
            out += '\r';
            break;
        case '"':
            out += '"';
            break;
        case '\\':
            out += '\\';
            break;
        case '$':
            out += "$$";
            break; // stays a literal $ through interpolation
        default:
            out += '\\';
            out += c;
        }
    }
    return out;
}

} // namespace

Result<Interpolated> interpolate(std::string_view text, const VariableLookup& lookup)
{
    Interpolator interpolator(lookup);
    auto out = interpolator.run(text, 0);
    if (!out.ok()) {
        return out.error();
    }
    return Interpolated{std::move(*out), interpolator.takeUnset()};
}

Result<std::vector<EnvFileEntry>> parseEnvFile(std::string_view text, const VariableLookup& lookup)
{
    std::vector<EnvFileEntry> entries;
    std::map<std::string, std::string> seen;
    const VariableLookup local = [&](const std::string& name) -> std::optional<std::string> {
        if (const auto it = seen.find(name); it != seen.end()) {
            return it->second;
        }
        return lookup ? lookup(name) : std::nullopt;
    };
    const auto expand = [&](std::string_view value, int line) -> Result<std::string> {
        auto out = interpolate(value, local);
        if (!out.ok()) {
            return Error::make(out.error().code, "line " + std::to_string(line) + ": " + out.error().message);
        }
        return std::move(out->text);
    };
    const std::vector<std::string> lines = split(text, '\n');
    for (std::size_t i = 0; i < lines.size(); ++i) {
        const int lineNumber = static_cast<int>(i) + 1;
        std::string line = trim(lines[i]);
        if (line.empty() || line[0] == '#') {
            continue;
        }
        if (startsWith(line, "export ")) {
            line = trim(line.substr(7));
        }
        const std::size_t eq = line.find('=');
        const std::string name = trim(line.substr(0, eq));
        const bool validName = !name.empty() && std::all_of(name.begin(), name.end(), [](char c) {
            return isNameChar(c) || c == '.' || c == '-';
        });
        if (!validName) {
            return Error::make(ErrorCode::InvalidArgument,
                               "line " + std::to_string(lineNumber) +
                                   ": not a NAME=value assignment. Fix or comment out the line.");
        }
        if (eq == std::string::npos) {
            entries.push_back({name, std::nullopt, lineNumber});
            continue;
        }
        std::string raw = trim(line.substr(eq + 1));
        std::string value;
        if (!raw.empty() && (raw[0] == '\'' || raw[0] == '"')) {
            const char quote = raw[0];
            std::string body = raw.substr(1);
            std::size_t close = std::string::npos;
            // A quoted value may run over several lines until its closing quote.
            while (true) {
                for (std::size_t k = 0; k < body.size(); ++k) {
                    if (quote == '"' && body[k] == '\\') {
                        ++k;
                    } else if (body[k] == quote) {
                        close = k;
                        break;
                    }
                }
                if (close != std::string::npos || i + 1 >= lines.size()) {
                    break;
                }
                body += "\n" + lines[++i];
            }
            if (close == std::string::npos) {
                return Error::make(ErrorCode::InvalidArgument,
                                   "line " + std::to_string(lineNumber) + ": the quoted value of " + name +
                                       " is never closed. Add the closing quote.");
            }
            body.resize(close);
            if (quote == '\'') {
                value = body;
            } else {
                auto expanded = expand(unescapeDoubleQuoted(body), lineNumber);
                if (!expanded.ok()) {
                    return expanded.error();
                }
                value = std::move(*expanded);
            }
        } else {
            if (const std::size_t hash = raw.find(" #"); hash != std::string::npos) {
                raw = trim(raw.substr(0, hash));
            }
            auto expanded = expand(raw, lineNumber);
            if (!expanded.ok()) {
                return expanded.error();
            }
            value = std::move(*expanded);
        }
        seen[name] = value;
        entries.push_back({name, std::move(value), lineNumber});
    }
    return entries;
}

} // namespace drydock
