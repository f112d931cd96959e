#pragma once
#include <string>
#include <string_view>
#include <vector>

namespace drydock {

// `.gitignore` patterns (also used for `.dockerignore`-style `--exclude` globs): `*`, `?`, `[a-z]`, `**`,
// a leading `/` or an inner `/` anchors to the folder the patterns belong to, a trailing `/` matches folders
// only, `!` re-includes, `\` escapes, the last matching pattern wins. Matching is linear in pattern × path
// length (no backtracking blow-up on hostile patterns such as `*a*a*a*a*b`).
class IgnoreRules
{
public:
    // Patterns of a file in folder `base` ("" for the root the paths are relative to), one per line.
    void addFile(std::string_view base, std::string_view text);
    // One pattern in folder `base`.
    void addPattern(std::string_view base, std::string_view pattern);

    // Whether `path` (relative to the root, "/" separated, no leading "./") is ignored. A file under an
    // ignored folder is the caller's business: discovery never walks into an ignored folder.
    bool ignored(std::string_view path, bool isDirectory) const;

    // `text` matches glob `pattern` as gitignore does (`*` and `?` stop at "/", `**` crosses it).
    static bool globMatch(std::string_view pattern, std::string_view text);

    // The text of an ignore file (`.gitignore`, `.dockerignore`, `.git/info/exclude`): its first 256 KiB, or
    // "" when it cannot be read — a missing ignore file ignores nothing.
    static std::string readFile(const std::string& path);

private:
    // One pattern: where it applies and how.
    struct Pattern
    {
        std::string base; // folder of the file that holds it, "" or "a/b"
        std::string glob; // without leading "!", trailing "/" and anchoring "/"
        bool negated = false;
        bool directoryOnly = false;
        bool anchored = false; // matched against the path below base, not just the name
    };
    std::vector<Pattern> m_patterns;
};

} // namespace drydock
