#include "core/remediation/ShellQuote.h"

namespace drydock {

namespace {

// The characters POSIX shells never treat specially anywhere in a word. '=' and ':' are safe outside
// assignments at the start of a command, which never happens for arguments after the program name.
bool isBareSafe(char c)
{
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' ||
           c == '@' || c == '%' || c == '+' || c == '=' || c == ':' || c == ',' || c == '.' || c == '/' ||
           c == '-';
}

bool isBlank(char c)
{
    return c == ' ' || c == '\t' || c == '\n';
}

} // namespace

std::string shellQuote(std::string_view word)
{
    bool bare = !word.empty();
    for (const char c : word) {
        if (!isBareSafe(c)) {
            bare = false;
            break;
        }
    }
    if (bare) {
        return std::string(word);
    }
    // Inside single quotes nothing is special; a quote itself has to leave, be escaped and re-enter.
    std::string out = "'";
    for (const char c : word) {
        if (c == '\'') {
            out += "'\\''";
        } else {
            out += c;
        }
    }
    out += '\'';
    return out;
}

std::string shellJoin(const StringList& argv)
{
    std::string out;
    for (std::size_t i = 0; i < argv.size(); ++i) {
        if (i) {
            out += ' ';
        }
        out += shellQuote(argv[i]);
    }
    return out;
}

Result<StringList> shellSplit(std::string_view line)
{
    StringList words;
    std::string current;
    bool inWord = false; // distinguishes an empty quoted word ('') from no word at all
    std::size_t i = 0;
    const std::size_t n = line.size();
    while (i < n) {
        const char c = line[i];
        if (isBlank(c)) {
            if (inWord) {
                words.push_back(std::move(current));
                current.clear();
                inWord = false;
            }
            ++i;
        } else if (c == '\\') {
            if (i + 1 >= n) {
                return Error::make(ErrorCode::InvalidArgument,
                                   "The command line ends with a lone backslash; remove it or escape it.");
            }
            if (line[i + 1] != '\n') { // backslash-newline is a line continuation and vanishes
                current += line[i + 1];
                inWord = true;
            }
            i += 2;
        } else if (c == '\'') {
            const std::size_t close = line.find('\'', i + 1);
            if (close == std::string_view::npos) {
                return Error::make(ErrorCode::InvalidArgument,
                                   "The command line has an unterminated single quote; close it with '.");
            }
            current.append(line.substr(i + 1, close - i - 1));
            inWord = true;
            i = close + 1;
        } else if (c == '"') {
            ++i;
            bool closed = false;
            while (i < n) {
                const char d = line[i];
                if (d == '"') {
                    closed = true;
                    ++i;
                    break;
                }
                if (d == '\\' && i + 1 < n) {
                    const char e = line[i + 1];
                    // Inside double quotes a backslash only escapes these; elsewhere it stays literal.
                    if (e == '\\' || e == '"' || e == '$' || e == '`') {
                        current += e;
                        i += 2;
                        continue;
                    }
                    if (e == '\n') {
                        i += 2;
                        continue;
                    }
                }
                current += d;
                ++i;
            }
            if (!closed) {
                return Error::make(ErrorCode::InvalidArgument,
                                   "The command line has an unterminated double quote; close it with \".");
            }
            inWord = true;
        } else {
            current += c;
            inWord = true;
            ++i;
        }
    }
    if (inWord) {
        words.push_back(std::move(current));
    }
    return words;
}

} // namespace drydock
