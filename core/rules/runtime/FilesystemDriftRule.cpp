#include "core/common/Strings.h"
#include "core/rules/RuleRegistry.h"
#include "core/rules/RuleSupport.h"

#include <set>

namespace drydock {

namespace {

const RuleInfo kInfo{
    .id = "RUN-014",
    .area = Area::Runtime,
    .defaultSeverity = Severity::Medium,
    .cis = cis(""),
    .title = "System files changed in a running container",
    .rationale = "Binaries, libraries or configuration changed after the container started point to tampering "
                 "or to live patching, which the next rebuild silently undoes.",
    .fix = "Find out who changed the files and why; ship changes by rebuilding the image, and run with "
           "--read-only so the root file system cannot drift.",
    .practice = "Keep containers immutable: read-only root file system (OWASP Docker #8)",
};

constexpr std::size_t kShownPaths = 5;

// True for /bin, /sbin, /usr, /etc and /lib* (lib, lib32, lib64, libx32) and everything below them.
bool isSystemPath(const std::string& path)
{
    if (!startsWith(path, "/")) {
        return false;
    }
    const std::size_t end = path.find('/', 1);
    const std::string top = path.substr(1, end == std::string::npos ? std::string::npos : end - 1);
    return top == "bin" || top == "sbin" || top == "usr" || top == "etc" || startsWith(top, "lib");
}

// Docker writes these three into every container; changes to them are expected.
bool isDockerManaged(const std::string& path)
{
    return path == "/etc/hosts" || path == "/etc/hostname" || path == "/etc/resolv.conf";
}

char kindLetter(int kind) { return kind == 1 ? 'A' : kind == 2 ? 'D' : 'C'; }

// RUN-014: a "changed" directory is listed only because something below it changed, so such parent entries
// are left out and the evidence names the files themselves.
class FilesystemDriftRule : public ContainerRule
{
public:
    FilesystemDriftRule() : ContainerRule(kInfo) {}

protected:
    void check(const RuleContext&, const Container& container, FindingCollector& out) const override
    {
        if (!container.changes) {
            return;
        }
        std::set<std::string> allPaths;
        for (const auto& change : *container.changes) {
            allPaths.insert(change.path);
        }
        const auto hasChildren = [&allPaths](const std::string& path) {
            const auto it = allPaths.lower_bound(path + "/");
            return it != allPaths.end() && startsWith(*it, path + "/");
        };
        StringList drift;
        for (const auto& change : *container.changes) {
            if (!isSystemPath(change.path) || isDockerManaged(change.path) ||
                (change.kind == 0 && hasChildren(change.path))) {
                continue;
            }
            drift.push_back(std::string(1, kindLetter(change.kind)) + " " + change.path);
        }
        if (drift.empty()) {
            return;
        }
        const std::size_t total = drift.size();
        if (total > kShownPaths) {
            drift.resize(kShownPaths);
            drift.push_back("…");
        }
        FindingDraft draft;
        draft.object = refOf(container);
        draft.evidence = "Changes: " + std::to_string(total) + " under system paths: " + join(drift, ", ");
        draft.edits = {{RunEdit::Op::AddFlag, "--read-only", ""}};
        out.add(info(), std::move(draft));
    }
};

} // namespace

DRYDOCK_RULE(makeFilesystemDriftRule) { return std::make_unique<FilesystemDriftRule>(); }

} // namespace drydock
