#include "core/files/ProjectFiles.h"

#include "core/common/Strings.h"
#include "core/files/IgnoreRules.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

namespace drydock {

namespace fs = std::filesystem;

namespace {

constexpr const char* kBaseNames[] = {"compose.yaml", "compose.yml", "docker-compose.yaml",
                                      "docker-compose.yml"};
constexpr const char* kOverrideNames[] = {"compose.override.yaml", "compose.override.yml",
                                          "docker-compose.override.yaml", "docker-compose.override.yml"};

bool endsWithYaml(std::string_view name)
{
    return name.size() > 4 && (name.substr(name.size() - 4) == ".yml" ||
                               (name.size() > 5 && name.substr(name.size() - 5) == ".yaml"));
}

// "a" + "b" = "a/b"; "." + "b" = "b".
std::string joinPath(const std::string& folder, const std::string& name)
{
    if (folder.empty() || folder == ".") {
        return name;
    }
    return folder.back() == '/' ? folder + name : folder + "/" + name;
}

// The compose files and Dockerfiles of one folder, found while walking.
struct FolderFiles
{
    std::vector<std::string> compose; // names
    std::vector<std::string> dockerfiles;
};

// Walks one root given on the command line.
class Walker
{
public:
    Walker(const DiscoveryOptions& options, ProjectFileSet& out) : m_options(options), m_out(out) {}

    void walkRoot(const std::string& root)
    {
        m_root = root;
        m_rules = IgnoreRules();
        for (const auto& glob : m_options.excludes) {
            m_rules.addPattern("", glob);
        }
        if (m_options.honourGitignore) {
            std::error_code ec;
            if (fs::is_regular_file(fs::path(root) / ".git" / "info" / "exclude", ec)) {
                m_rules.addFile(
                    "", IgnoreRules::readFile((fs::path(root) / ".git" / "info" / "exclude").string()));
            }
        }
        walk("", 0);
        for (auto& [folder, files] : m_folders) {
            group(folder, files);
        }
        m_folders.clear();
    }

private:
    void walk(const std::string& rel, int depth)
    {
        const fs::path dir = rel.empty() ? fs::path(m_root) : fs::path(m_root) / rel;
        if (m_options.honourGitignore) {
            std::error_code ec;
            if (fs::is_regular_file(dir / ".gitignore", ec)) {
                m_rules.addFile(rel, IgnoreRules::readFile((dir / ".gitignore").string()));
            }
        }
        std::vector<fs::directory_entry> entries;
        std::error_code ec;
        for (fs::directory_iterator it(dir, fs::directory_options::skip_permission_denied, ec), end;
             !ec && it != end; it.increment(ec)) {
            entries.push_back(*it);
        }
        if (ec) {
            m_out.notes.push_back("could not read the folder " + joinPath(m_root, rel) + ": " + ec.message());
        }
        std::sort(entries.begin(), entries.end(),
                  [](const auto& a, const auto& b) { return a.path().filename() < b.path().filename(); });
        for (const auto& entry : entries) {
            if (++m_seen > m_options.maxFiles) {
                if (!m_stopped) {
                    m_out.notes.push_back("stopped looking after " + std::to_string(m_options.maxFiles) +
                                          " files and folders; name a smaller folder or use --exclude");
                    m_stopped = true;
                }
                return;
            }
            const std::string name = entry.path().filename().string();
            const std::string childRel = rel.empty() ? name : rel + "/" + name;
            std::error_code sec;
            const auto status = entry.symlink_status(sec);
            if (sec) {
                continue;
            }
            if (fs::is_directory(status)) {
                if (name == ".git" || m_rules.ignored(childRel, true)) {
                    continue;
                }
                if (depth + 1 > m_options.maxDepth) {
                    m_out.notes.push_back("did not look below " + joinPath(m_root, childRel) +
                                          " (deeper than " + std::to_string(m_options.maxDepth) +
                                          " folders)");
                    continue;
                }
                walk(childRel, depth + 1);
                continue;
            }
            if (fs::is_symlink(status)) {
                std::error_code tec;
                if (fs::is_directory(entry.path(), tec)) {
                    continue; // never follow a link to a folder: it can loop or leave the tree
                }
            } else if (!fs::is_regular_file(status)) {
                continue;
            }
            const auto kind = reviewedKindOfName(name);
            if (!kind || m_rules.ignored(childRel, false)) {
                continue;
            }
            auto& folder = m_folders[rel];
            (*kind == ReviewedFileKind::Compose ? folder.compose : folder.dockerfiles).push_back(name);
        }
    }

    void group(const std::string& rel, FolderFiles& files)
    {
        const std::string folder = joinPath(m_root, rel);
        for (const auto& name : files.dockerfiles) {
            m_out.dockerfiles.push_back(joinPath(folder, name));
        }
        auto has = [&files](const char* name) {
            return std::find(files.compose.begin(), files.compose.end(), name) != files.compose.end();
        };
        std::string base;
        for (const char* name : kBaseNames) {
            if (has(name)) {
                base = name;
                break;
            }
        }
        std::vector<std::string> used;
        if (!base.empty()) {
            ComposeFileGroup g{folder.empty() ? "." : folder, {joinPath(folder, base)}, true};
            used.push_back(base);
            for (const char* name : kOverrideNames) {
                // compose reads the override of its own family: compose.override.* with compose.*, and so on
                const bool sameFamily =
                    (base.rfind("docker-", 0) == 0) == (std::string(name).rfind("docker-", 0) == 0);
                if (has(name) && sameFamily) {
                    g.files.push_back(joinPath(folder, name));
                    used.push_back(name);
                    break;
                }
            }
            m_out.composeGroups.push_back(std::move(g));
        }
        for (const auto& name : files.compose) {
            if (std::find(used.begin(), used.end(), name) != used.end()) {
                continue;
            }
            const bool isBase = std::any_of(std::begin(kBaseNames), std::end(kBaseNames),
                                            [&name](const char* b) { return name == b; });
            ComposeFileGroup g{folder.empty() ? "." : folder, {}, true};
            if (!base.empty() && !isBase) {
                // docker-compose.prod.yml is written to be laid over the base: review it that way, and report
                // only what it sets itself (the base's own findings come from the base's group).
                g.files.push_back(joinPath(folder, base));
                g.reportBaseFindings = false;
            }
            g.files.push_back(joinPath(folder, name));
            m_out.composeGroups.push_back(std::move(g));
        }
    }

    const DiscoveryOptions& m_options;
    ProjectFileSet& m_out;
    std::string m_root;
    IgnoreRules m_rules;
    std::map<std::string, FolderFiles> m_folders;
    std::size_t m_seen = 0;
    bool m_stopped = false;
};

} // namespace

namespace {

// Names that look like a Dockerfile or compose file but are copies or companions of one: the backups --fix
// keeps, what patch and editors leave behind, and the per-Dockerfile ignore file BuildKit reads.
bool isCopyOrCompanion(const std::string& lower)
{
    if (lower.find(".drydock-backup") != std::string::npos || (!lower.empty() && lower.back() == '~')) {
        return true;
    }
    for (const std::string_view suffix : {".orig", ".rej", ".bak", ".swp", ".dockerignore"}) {
        if (lower.size() > suffix.size() &&
            lower.compare(lower.size() - suffix.size(), suffix.size(), suffix) == 0) {
            return true;
        }
    }
    return false;
}

} // namespace

std::optional<ReviewedFileKind> reviewedKindOfName(std::string_view fileName)
{
    const std::string lower = toLower(std::string(fileName));
    if (isCopyOrCompanion(lower)) {
        return std::nullopt;
    }
    if (lower == "dockerfile" || lower.rfind("dockerfile.", 0) == 0 ||
        (lower.size() > 11 && lower.substr(lower.size() - 11) == ".dockerfile")) {
        return ReviewedFileKind::Dockerfile;
    }
    if (!endsWithYaml(lower)) {
        return std::nullopt;
    }
    if (lower.rfind("compose.", 0) == 0 || lower.rfind("docker-compose.", 0) == 0) {
        return ReviewedFileKind::Compose;
    }
    return std::nullopt;
}

Result<ProjectFileSet> discoverProjectFiles(const DiscoveryOptions& options)
{
    ProjectFileSet out;
    for (const auto& file : options.composeFiles) {
        std::error_code ec;
        if (!fs::is_regular_file(file, ec)) {
            return Error::make(ErrorCode::NotFound,
                               file + " is not a file: give -f the compose files to read");
        }
    }
    if (!options.composeFiles.empty()) {
        const std::string parent = fs::path(options.composeFiles.front()).parent_path().string();
        out.composeGroups.push_back({parent.empty() ? "." : parent, options.composeFiles, true});
    }
    Walker walker(options, out);
    for (const auto& path : options.paths) {
        std::error_code ec;
        const auto status = fs::status(path, ec);
        if (ec || !fs::exists(status)) {
            return Error::make(ErrorCode::NotFound,
                               path + " does not exist: name a folder or a file to check");
        }
        if (fs::is_directory(status)) {
            walker.walkRoot(path == "./" ? "." : path);
            continue;
        }
        const std::string name = fs::path(path).filename().string();
        const auto kind = reviewedKindOfName(name);
        // A file named on the command line is reviewed whatever its name: YAML as compose, anything else as a
        // Dockerfile.
        if (kind == ReviewedFileKind::Compose || (!kind && endsWithYaml(toLower(name)))) {
            out.composeGroups.push_back(
                {fs::path(path).parent_path().string().empty() ? "." : fs::path(path).parent_path().string(),
                 {path},
                 true});
        } else {
            out.dockerfiles.push_back(path);
        }
    }
    return out;
}

} // namespace drydock
