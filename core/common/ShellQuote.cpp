#include "core/common/ShellQuote.h"

#include "core/common/Utf8.h"
#include "core/common/VisibleText.h"

#include <cstdio>

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

// Inside single quotes nothing is special; a quote itself has to leave, be escaped and re-enter.
std::string singleQuoted(std::string_view text)
{
    std::string out = "'";
    for (const char c : text) {
        if (c == '\'') {
            out += "'\\''";
        } else {
            out += c;
        }
    }
    out += '\'';
    return out;
}

std::string ansiC(std::string_view bytes)
{
    std::string out = "$'";
    for (const char c : bytes) {
        switch (c) {
        case '\n':
            out += "\\n";
            break;
        case '\t':
            out += "\\t";
            break;
        case '\r':
            out += "\\r";
            break;
        default: {
            char buf[8];
            std::snprintf(buf, sizeof buf, "\\x%02x", static_cast<unsigned>(static_cast<unsigned char>(c)));
            out += buf;
        }
        }
    }
    out += '\'';
    return out;
}

// printf's format understands \NNN (octal, up to three digits) in every POSIX shell; three digits are always
// written so a following digit can never join the escape.
std::string printfSubstitution(std::string_view bytes)
{
    std::string out = "\"$(printf '";
    for (const char c : bytes) {
        char buf[8];
        std::snprintf(buf, sizeof buf, "\\%03o", static_cast<unsigned>(static_cast<unsigned char>(c)));
        out += buf;
    }
    out += "')\"";
    return out;
}

// Runs of ordinary text are single-quoted, runs of hidden characters spelt by `hidden`; the parts join into
// one word because nothing separates them.
template <typename Hidden> std::string quoteWord(std::string_view word, bool keepNewline, Hidden hidden)
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
    if (!hasHiddenCharacters(word)) {
        return singleQuoted(word);
    }
    std::string out;
    std::string plain;
    std::string special;
    const auto flush = [&] {
        if (!plain.empty()) {
            out += singleQuoted(plain);
            plain.clear();
        }
        if (!special.empty()) {
            out += hidden(special);
            special.clear();
        }
    };
    for (std::size_t i = 0; i < word.size();) {
        std::size_t n = hiddenSequenceLength(word, i);
        if (n != 0 && !(keepNewline && word[i] == '\n')) {
            if (!plain.empty()) {
                flush();
            }
            special.append(word.substr(i, n));
            i += n;
            continue;
        }
        if (!special.empty()) {
            flush();
        }
        if (n == 0) {
            n = utf8SequenceLength(word, i); // a printable character, whole
        }
        plain.append(word.substr(i, n));
        i += n;
    }
    flush();
    return out;
}

std::string joinWith(const std::vector<std::string>& argv, std::string (*quote)(std::string_view))
{
    std::string out;
    for (std::size_t i = 0; i < argv.size(); ++i) {
        if (i) {
            out += ' ';
        }
        out += quote(argv[i]);
    }
    return out;
}

int hexValue(char c)
{
    if (c >= '0' && c <= '9') {
        return c - '0';
    }
    if (c >= 'a' && c <= 'f') {
        return c - 'a' + 10;
    }
    if (c >= 'A' && c <= 'F') {
        return c - 'A' + 10;
    }
    return -1;
}

// The backslash escapes of $'…' (bash's set) and of a printf format; i points after the backslash.
void decodeEscape(std::string_view s, std::size_t& i, std::string& out, bool ansi)
{
    const char e = s[i++];
    switch (e) {
    case 'n':
        out += '\n';
        return;
    case 't':
        out += '\t';
        return;
    case 'r':
        out += '\r';
        return;
    case 'a':
        out += '\a';
        return;
    case 'b':
        out += '\b';
        return;
    case 'f':
        out += '\f';
        return;
    case 'v':
        out += '\v';
        return;
    case '\\':
        out += '\\';
        return;
    case '\'':
        out += '\'';
        return;
    case '"':
        out += '"';
        return;
    default:
        break;
    }
    if (ansi && (e == 'e' || e == 'E')) {
        out += '\x1b';
        return;
    }
    if (ansi && e == 'x' && i < s.size() && hexValue(s[i]) >= 0) {
        int v = hexValue(s[i++]);
        if (i < s.size() && hexValue(s[i]) >= 0) {
            v = v * 16 + hexValue(s[i++]);
        }
        out += static_cast<char>(v);
        return;
    }
    if (e >= '0' && e <= '7') {
        int v = e - '0';
        for (int k = 0; k < 2 && i < s.size() && s[i] >= '0' && s[i] <= '7'; ++k) {
            v = v * 8 + (s[i++] - '0');
        }
        out += static_cast<char>(v & 0xff);
        return;
    }
    out += '\\';
    out += e;
}

} // namespace

std::string shellQuote(std::string_view word)
{
    return quoteWord(word, false, [](std::string_view bytes) { return ansiC(bytes); });
}

std::string shellQuotePortable(std::string_view word)
{
    return quoteWord(word, true, [](std::string_view bytes) { return printfSubstitution(bytes); });
}

std::string shellJoin(const std::vector<std::string>& argv)
{
    return joinWith(argv, shellQuote);
}

std::string shellJoinPortable(const std::vector<std::string>& argv)
{
    return joinWith(argv, shellQuotePortable);
}

Result<std::vector<std::string>> shellSplit(std::string_view line)
{
    std::vector<std::string> words;
    std::string current;
    bool inWord = false; // distinguishes an empty quoted word ('') from no word at all
    std::size_t i = 0;
    const std::size_t n = line.size();
    constexpr std::string_view kPrintf = "$(printf '";
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
        } else if (c == '$' && i + 1 < n && line[i + 1] == '\'') {
            i += 2;
            bool closed = false;
            while (i < n) {
                if (line[i] == '\'') {
                    closed = true;
                    ++i;
                    break;
                }
                if (line[i] == '\\' && i + 1 < n) {
                    ++i;
                    decodeEscape(line, i, current, true);
                    continue;
                }
                current += line[i++];
            }
            if (!closed) {
                return Error::make(ErrorCode::InvalidArgument,
                                   "The command line has an unterminated $' quote; close it with '.");
            }
            inWord = true;
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
                if (line.substr(i, kPrintf.size()) == kPrintf) {
                    // Only the form shellQuotePortable writes: a format of escapes, no arguments.
                    const std::size_t close = line.find("')", i + kPrintf.size());
                    if (close == std::string_view::npos) {
                        return Error::make(
                            ErrorCode::InvalidArgument,
                            "The command line has an unterminated $(printf '…'); close it with ').");
                    }
                    const std::string_view format =
                        line.substr(i + kPrintf.size(), close - i - kPrintf.size());
                    for (std::size_t k = 0; k < format.size();) {
                        if (format[k] == '\\' && k + 1 < format.size()) {
                            ++k;
                            decodeEscape(format, k, current, false);
                        } else if (format[k] == '%' && k + 1 < format.size() && format[k + 1] == '%') {
                            current += '%';
                            k += 2;
                        } else {
                            current += format[k++];
                        }
                    }
                    i = close + 2;
                    continue;
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
