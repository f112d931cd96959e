#include "core/files/IgnoreRules.h"

#include <cstdint>
#include <fstream>

namespace drydock {

namespace {

// Longer patterns or paths are never matched: no real .gitignore line or repository path comes near.
constexpr std::size_t kMaxPattern = 1024;
constexpr std::size_t kMaxPath = 4096;

// One piece of a tokenised glob.
struct GlobToken
{
    enum Kind : std::uint8_t
    {
        Literal,
        AnyChar,     // ?
        Star,        // * : any run without "/"
        AnyAll,      // the ** of a trailing /** : anything
        AnySegments, // **/ : nothing, or whole folders ("a/", "a/b/")
        Class        // [...]
    };
    Kind kind = Literal;
    char ch = 0;
    bool negated = false;
    std::string set; // Class: pairs of (low, high) bytes
};

std::vector<GlobToken> tokenize(std::string_view p)
{
    std::vector<GlobToken> tokens;
    for (std::size_t i = 0; i < p.size(); ++i) {
        const char c = p[i];
        if (c == '\\' && i + 1 < p.size()) {
            tokens.push_back({GlobToken::Literal, p[++i], false, {}});
        } else if (c == '*') {
            std::size_t run = 1;
            while (i + run < p.size() && p[i + run] == '*') {
                ++run;
            }
            const bool atSegmentStart = i == 0 || p[i - 1] == '/';
            const std::size_t after = i + run;
            if (run >= 2 && atSegmentStart && after < p.size() && p[after] == '/') {
                tokens.push_back({GlobToken::AnySegments, 0, false, {}});
                i = after; // the "/" belongs to the token
            } else if (run >= 2 && atSegmentStart && after == p.size()) {
                tokens.push_back({GlobToken::AnyAll, 0, false, {}});
                i = after - 1;
            } else {
                tokens.push_back({GlobToken::Star, 0, false, {}});
                i = after - 1;
            }
        } else if (c == '?') {
            tokens.push_back({GlobToken::AnyChar, 0, false, {}});
        } else if (c == '[') {
            std::size_t j = i + 1;
            GlobToken t{GlobToken::Class, 0, false, {}};
            if (j < p.size() && (p[j] == '!' || p[j] == '^')) {
                t.negated = true;
                ++j;
            }
            bool first = true;
            bool closed = false;
            while (j < p.size()) {
                if (p[j] == ']' && !first) {
                    closed = true;
                    break;
                }
                first = false;
                char low = p[j];
                if (low == '\\' && j + 1 < p.size()) {
                    low = p[++j];
                }
                char high = low;
                if (j + 2 < p.size() && p[j + 1] == '-' && p[j + 2] != ']') {
                    high = p[j + 2];
                    j += 2;
                }
                t.set += low;
                t.set += high;
                ++j;
            }
            if (closed) {
                tokens.push_back(std::move(t));
                i = j;
            } else {
                tokens.push_back({GlobToken::Literal, '[', false, {}}); // an unclosed "[" is itself
            }
        } else {
            tokens.push_back({GlobToken::Literal, c, false, {}});
        }
    }
    return tokens;
}

bool inClass(const GlobToken& t, char c)
{
    bool hit = false;
    for (std::size_t k = 0; k + 1 < t.set.size(); k += 2) {
        const auto u = static_cast<unsigned char>(c);
        if (u >= static_cast<unsigned char>(t.set[k]) && u <= static_cast<unsigned char>(t.set[k + 1])) {
            hit = true;
            break;
        }
    }
    return hit != t.negated;
}

std::string_view trimLine(std::string_view line)
{
    if (!line.empty() && line.back() == '\r') {
        line.remove_suffix(1);
    }
    // Trailing spaces are dropped unless escaped with a backslash.
    while (!line.empty() && line.back() == ' ' && !(line.size() >= 2 && line[line.size() - 2] == '\\')) {
        line.remove_suffix(1);
    }
    return line;
}

} // namespace

bool IgnoreRules::globMatch(std::string_view pattern, std::string_view text)
{
    if (pattern.size() > kMaxPattern || text.size() > kMaxPath) {
        return false;
    }
    const auto tokens = tokenize(pattern);
    const std::size_t P = tokens.size();
    const std::size_t T = text.size();
    // next[j]: the first "/" at or after j (T when none).
    std::vector<std::size_t> nextSlash(T + 1, T);
    for (std::size_t j = T; j-- > 0;) {
        nextSlash[j] = text[j] == '/' ? j : nextSlash[j + 1];
    }
    // dp row i holds whether tokens[i..] match text[j..], for every j; only rows i and i+1 are kept.
    std::vector<char> below(T + 1, 0);
    std::vector<char> row(T + 1, 0);
    below[T] = 1;
    for (std::size_t i = P; i-- > 0;) {
        const GlobToken& t = tokens[i];
        for (std::size_t j = T + 1; j-- > 0;) {
            const bool more = j < T;
            bool m = false;
            switch (t.kind) {
            case GlobToken::Literal:
                m = more && text[j] == t.ch && below[j + 1];
                break;
            case GlobToken::AnyChar:
                m = more && text[j] != '/' && below[j + 1];
                break;
            case GlobToken::Class:
                m = more && text[j] != '/' && inClass(t, text[j]) && below[j + 1];
                break;
            case GlobToken::Star:
                m = below[j] || (more && text[j] != '/' && row[j + 1]);
                break;
            case GlobToken::AnyAll:
                m = below[j] || (more && row[j + 1]);
                break;
            case GlobToken::AnySegments: {
                const std::size_t slash = more ? nextSlash[j] : T;
                m = below[j] || (slash < T && row[slash + 1]);
                break;
            }
            }
            row[j] = m ? 1 : 0;
        }
        std::swap(row, below);
    }
    return below[0] != 0;
}

void IgnoreRules::addFile(std::string_view base, std::string_view text)
{
    std::size_t start = 0;
    while (start <= text.size()) {
        const std::size_t end = text.find('\n', start);
        const std::string_view line =
            text.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start);
        addPattern(base, line);
        if (end == std::string_view::npos) {
            break;
        }
        start = end + 1;
    }
}

void IgnoreRules::addPattern(std::string_view base, std::string_view raw)
{
    std::string_view line = trimLine(raw);
    if (line.empty() || line.front() == '#' || line.size() > kMaxPattern) {
        return;
    }
    Pattern p;
    p.base = std::string(base);
    if (line.front() == '!') {
        p.negated = true;
        line.remove_prefix(1);
    } else if (line.size() >= 2 && line[0] == '\\' && (line[1] == '!' || line[1] == '#')) {
        line.remove_prefix(1);
    }
    if (!line.empty() && line.back() == '/') {
        p.directoryOnly = true;
        line.remove_suffix(1);
    }
    if (!line.empty() && line.front() == '/') {
        p.anchored = true;
        line.remove_prefix(1);
    }
    if (line.empty()) {
        return;
    }
    if (line.find('/') != std::string_view::npos) {
        p.anchored = true;
    }
    p.glob = std::string(line);
    m_patterns.push_back(std::move(p));
}

bool IgnoreRules::ignored(std::string_view path, bool isDirectory) const
{
    bool result = false;
    const std::size_t slash = path.rfind('/');
    const std::string_view name = slash == std::string_view::npos ? path : path.substr(slash + 1);
    for (const auto& p : m_patterns) {
        if (p.directoryOnly && !isDirectory) {
            continue;
        }
        std::string_view below = path;
        if (!p.base.empty()) {
            if (path.size() <= p.base.size() || path.compare(0, p.base.size(), p.base) != 0 ||
                path[p.base.size()] != '/') {
                continue;
            }
            below = path.substr(p.base.size() + 1);
        }
        const bool hit = p.anchored ? globMatch(p.glob, below) : globMatch(p.glob, name);
        if (hit) {
            result = !p.negated;
        }
    }
    return result;
}

std::string IgnoreRules::readFile(const std::string& path)
{
    std::ifstream in(path, std::ios::binary);
    std::string text;
    if (in) {
        text.resize(256 * 1024);
        in.read(text.data(), static_cast<std::streamsize>(text.size()));
        text.resize(static_cast<std::size_t>(in.gcount()));
    }
    return text;
}

} // namespace drydock
