#include "core/files/BuildContext.h"

#include "core/common/Strings.h"
#include "core/files/IgnoreRules.h"
#include "core/files/dockerfile/DockerfileChecks.h"

#include <algorithm>
#include <filesystem>
#include <fstream>

namespace drydock {

namespace fs = std::filesystem;

namespace {

// .dockerignore patterns are all relative to the context root (`*.pem` excludes only the root's .pem files,
// unlike .gitignore): each becomes an anchored gitignore pattern.
IgnoreRules dockerignoreRules(const std::string& text)
{
    IgnoreRules rules;
    for (std::string line : split(text, '\n')) {
        line = trim(line);
        if (line.empty() || line[0] == '#') {
            continue;
        }
        const bool negated = line[0] == '!';
        std::string pattern = trim(negated ? line.substr(1) : line);
        while (startsWith(pattern, "./")) {
            pattern = pattern.substr(2);
        }
        if (pattern.empty() || pattern == "." || pattern == "/") {
            continue;
        }
        rules.addPattern("", (negated ? "!" : "") + (pattern[0] == '/' ? pattern : "/" + pattern));
    }
    return rules;
}

bool isDependencyFolder(const std::string& name)
{
    static const char* const kNames[] = {"node_modules", "vendor",   "venv",     ".venv",    "site-packages",
                                         "__pycache__",  ".tox",     "testdata", "fixtures", "test",
                                         "tests",        "examples", "target",   "dist",     "build"};
    return std::any_of(std::begin(kNames), std::end(kNames), [&name](const char* n) { return name == n; });
}

// Walks the context, bounded.
class ContextWalker
{
public:
    ContextWalker(const fs::path& root, const IgnoreRules& rules, const BuildContextLimits& limits)
        : m_root(root), m_rules(rules), m_limits(limits)
    {
    }

    std::vector<std::string> run()
    {
        walk("", 0);
        std::sort(m_found.begin(), m_found.end());
        return std::move(m_found);
    }

private:
    void walk(const std::string& rel, int depth)
    {
        std::error_code ec;
        for (fs::directory_iterator
                 it(rel.empty() ? m_root : m_root / rel, fs::directory_options::skip_permission_denied, ec),
             end;
             !ec && it != end; it.increment(ec)) {
            if (++m_seen > m_limits.maxEntries) {
                return;
            }
            const std::string name = it->path().filename().string();
            const std::string childRel = rel.empty() ? name : rel + "/" + name;
            std::error_code sec;
            const auto status = it->symlink_status(sec);
            if (sec) {
                continue;
            }
            const bool folder = fs::is_directory(status);
            if (m_rules.ignored(childRel, folder)) {
                continue;
            }
            if (copiedSecretFileSeverity(name)) {
                m_found.push_back(childRel); // a secret folder (.ssh, .git) is named once, not walked
                continue;
            }
            if (folder && depth + 1 <= m_limits.maxDepth && !isDependencyFolder(toLower(name))) {
                walk(childRel, depth + 1);
            }
        }
    }

    fs::path m_root;
    const IgnoreRules& m_rules;
    const BuildContextLimits& m_limits;
    std::vector<std::string> m_found;
    std::size_t m_seen = 0;
};

} // namespace

std::vector<std::string> secretFilesInBuildContext(const std::string& contextDir,
                                                   const std::string& dockerfileName,
                                                   const BuildContextLimits& limits)
{
    const fs::path root = contextDir.empty() ? fs::path(".") : fs::path(contextDir);
    std::error_code ec;
    if (!fs::is_directory(root, ec)) {
        return {};
    }
    // BuildKit reads <Dockerfile>.dockerignore beside the Dockerfile first, then the context's .dockerignore.
    std::string ignoreText;
    for (const fs::path& candidate : {root / (dockerfileName + ".dockerignore"), root / ".dockerignore"}) {
        if (fs::is_regular_file(candidate, ec)) {
            ignoreText = IgnoreRules::readFile(candidate.string());
            break;
        }
    }
    const IgnoreRules rules = dockerignoreRules(ignoreText);
    return ContextWalker(root, rules, limits).run();
}

} // namespace drydock
