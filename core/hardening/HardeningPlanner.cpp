#include "core/hardening/HardeningPlanner.h"

#include "core/common/Strings.h"
#include "core/hardening/CreateBody.h"
#include "core/remediation/DockerfileSnippet.h"
#include "core/remediation/RunCommandBuilder.h"
#include "core/rules/RuleAdvice.h"

#include <algorithm>
#include <cstdlib>
#include <map>
#include <set>

namespace drydock {

namespace {

// Tmpfs for a directory the application writes to: writable by any user (sticky, as /tmp, because the
// plan may also change the user), no setuid, bounded.
constexpr std::string_view kTmpfsOptions = "rw,nosuid,size=64m,mode=1777";
constexpr std::string_view kTmpOptions = "rw,noexec,nosuid,size=64m";

// What an attacker could do today with this object's own findings of one area: each rule's one line
// (RuleAdvice, else its rationale's first sentence), most severe first, each line once — so a container
// with the Docker socket mounted says so, and one without does not get the same paragraph.
std::string attackerToday(const std::vector<const Finding*>& areaFindings)
{
    std::vector<const Finding*> bySeverity = areaFindings;
    std::stable_sort(bySeverity.begin(), bySeverity.end(),
                     [](const Finding* a, const Finding* b) { return a->severity > b->severity; });
    std::set<std::string> said;
    std::string out;
    for (const Finding* f : bySeverity) {
        const std::string line = attackerGainsLine(f->ruleId, f->rationale);
        if (line.empty() || !said.insert(line).second) {
            continue;
        }
        out += (out.empty() ? "" : " ") + line;
    }
    return out;
}

// Says in a change's risk what the container already wrote where the change puts an empty tmpfs.
void noteLayerWrites(HardeningChange& change, const std::string& dir, StringList written)
{
    if (written.empty()) {
        return;
    }
    StringList shown(written.begin(), written.begin() + std::min<std::ptrdiff_t>(3, std::ssize(written)));
    change.risk += " The container has already written " + std::to_string(written.size()) + " path" +
                   (written.size() == 1 ? "" : "s") + " in " + dir + " in its own layer (" +
                   join(shown, ", ") + (written.size() > shown.size() ? ", …" : "") +
                   "): the tmpfs starts empty, so after an apply they exist only in the backup. Copy them "
                   "out (docker cp BACKUP:" +
                   dir + " DIR) before removing the backup.";
    change.onlyInBackup = std::move(written);
}

int lowestPort(const std::string& key)
{
    return std::atoi(key.substr(0, key.find_first_of("/-")).c_str());
}

bool usesLowPort(const Container& c)
{
    for (const auto& p : c.config.exposedPorts) {
        const int port = lowestPort(p);
        if (port > 0 && port < 1024) {
            return true;
        }
    }
    for (const auto& p : c.hostConfig.portBindings) {
        const int port = lowestPort(p.containerPort);
        if (port > 0 && port < 1024) {
            return true;
        }
    }
    return false;
}

std::pair<int, int> resolveUser(const std::string& user, const std::vector<PasswdEntry>& passwd)
{
    if (user.empty()) {
        return {0, 0};
    }
    const StringList parts = split(user, ':');
    const std::string& name = parts[0];
    int uid = 0;
    int gid = 0;
    if (!name.empty() &&
        std::all_of(name.begin(), name.end(), [](char ch) { return ch >= '0' && ch <= '9'; })) {
        uid = std::atoi(name.c_str());
        gid = uid;
    } else {
        for (const auto& e : passwd) {
            if (e.name == name) {
                uid = e.uid;
                gid = e.gid;
            }
        }
    }
    if (parts.size() > 1 && !parts[1].empty() && parts[1][0] >= '0' && parts[1][0] <= '9') {
        gid = std::atoi(parts[1].c_str());
    }
    return {uid, gid};
}

std::string changeId(const Finding& f)
{
    return f.discriminator.empty() ? f.ruleId : f.ruleId + ":" + f.discriminator;
}

void sortChanges(std::vector<HardeningChange>& changes)
{
    std::stable_sort(changes.begin(), changes.end(), [](const HardeningChange& a, const HardeningChange& b) {
        const auto rank = [](Area area) {
            const auto it = std::find(kHardeningAreas.begin(), kHardeningAreas.end(), area);
            return static_cast<int>(it - kHardeningAreas.begin());
        };
        return rank(a.area) < rank(b.area);
    });
}

void buildOverview(HardeningPlan& plan, const std::vector<const Finding*>& findings)
{
    for (const Area area : kHardeningAreas) {
        std::vector<const Finding*> inArea;
        for (const Finding* f : findings) {
            if (f->area == area) {
                inArea.push_back(f);
            }
        }
        if (inArea.empty()) {
            continue;
        }
        AreaOverview o{area, {}, attackerToday(inArea)};
        for (const Finding* f : inArea) {
            o.findings.push_back(std::string(toString(f->severity)) + " " + f->ruleId + " " + f->title);
        }
        plan.overview.push_back(std::move(o));
    }
}

HardeningChange imageChange(const Finding& f)
{
    HardeningChange ch;
    ch.id = changeId(f);
    ch.area = Area::Image;
    ch.title = f.title;
    ch.reason = f.rationale.empty() ? f.evidence : f.rationale;
    ch.risk = "Needs a rebuild of the image and a redeploy; Drydock does not rebuild images.";
    ch.dockerfile =
        f.remediation.dockerfile.empty() ? DockerfileSnippet::comment(f.fix) : f.remediation.dockerfile;
    ch.ruleIds = {f.ruleId};
    ch.automatic = false;
    ch.defaultChoice = ch.choice = ChangeChoice::Apply;
    return ch;
}

} // namespace

bool isSystemPath(const std::string& dir)
{
    for (const char* p :
         {"/etc", "/usr", "/bin", "/sbin", "/lib", "/lib64", "/boot", "/root", "/opt", "/srv"}) {
        if (dir == p || startsWith(dir, std::string(p) + "/")) {
            return true;
        }
    }
    return dir == "/";
}

std::string writableDirFor(const std::string& path)
{
    // The deepest directory: a tmpfs starts empty (Docker copies nothing of the image into it), so one higher
    // up would hide the image's own files beside the written one (/var/cache/app, not /var/cache).
    const std::size_t slash = path.find_last_of('/');
    if (slash == std::string::npos || slash == 0) {
        return path.empty() ? std::string("/") : path; // a path at the top: only itself could be kept writable
    }
    return path.substr(0, slash);
}

RunEdit keepWritableEdit(const std::string& dir)
{
    return {RunEdit::Op::AddFlag, "--tmpfs", dir + ":" + std::string(kTmpfsOptions)};
}

WritableDirectories writableDirectoriesFor(const std::vector<FileChange>& changes, const StringList& mounts)
{
    const auto underMount = [&](const std::string& path) {
        return std::any_of(mounts.begin(), mounts.end(), [&](const std::string& target) {
            return !target.empty() && (path == target || startsWith(path, target + "/"));
        });
    };
    std::set<std::string> leaves;
    for (const auto& ch : changes) {
        if (ch.kind == 2 || underMount(ch.path)) {
            continue;
        }
        const bool parent = std::any_of(changes.begin(), changes.end(), [&](const FileChange& other) {
            return startsWith(other.path, ch.path + "/");
        });
        if (!parent) {
            leaves.insert(ch.path);
        }
    }
    std::set<std::string> dirs;
    WritableDirectories out;
    std::map<std::string, int> kinds;
    for (const auto& ch : changes) {
        kinds[ch.path] = ch.kind;
    }
    for (const auto& leaf : leaves) {
        // A directory the application created itself (added, under changed parents) becomes the tmpfs:
        // it does not exist in the image, so the tmpfs starts empty with the mode we ask for. A file written
        // into a directory of the image needs that directory, the deepest one: the tmpfs hides what the image
        // has there (Docker copies nothing into a tmpfs), and it should hide as little as possible.
        std::string dir;
        std::string prefix;
        for (const auto& part : split(leaf.substr(1), '/')) {
            prefix += "/" + part;
            const auto kind = kinds.find(prefix);
            if (kind != kinds.end() && kind->second == 1) {
                dir = prefix;
                break;
            }
        }
        if (dir.empty() || dir == leaf) {
            dir = writableDirFor(leaf);
        }
        if (isSystemPath(dir)) {
            out.systemWrites.push_back(leaf);
        } else if (dir != "/tmp" && !startsWith(dir, "/tmp/")) { // the read-only change brings /tmp
            dirs.insert(dir);
        }
    }
    // One tmpfs covers what lies beneath it (a set sorts /var/app before /var/app/x).
    for (const auto& dir : dirs) {
        const bool covered = std::any_of(out.directories.begin(), out.directories.end(),
                                         [&](const std::string& above) { return startsWith(dir, above + "/"); });
        if (!covered) {
            out.directories.push_back(dir);
        }
    }
    return out;
}

StringList mountTargets(const Container& c)
{
    StringList out;
    for (const auto& m : c.mounts) {
        out.push_back(m.destination);
    }
    for (const auto& [p, opts] : c.hostConfig.tmpfs) {
        (void)opts;
        out.push_back(p);
    }
    for (const auto& m : c.hostConfig.mounts) {
        out.push_back(m.target);
    }
    return out;
}

StringList tmpfsTargets(const Container& c)
{
    StringList out;
    for (const auto& m : c.mounts) {
        if (m.type == "tmpfs") {
            out.push_back(m.destination);
        }
    }
    for (const auto& [p, opts] : c.hostConfig.tmpfs) {
        (void)opts;
        out.push_back(p);
    }
    for (const auto& m : c.hostConfig.mounts) {
        if (m.type == "tmpfs") {
            out.push_back(m.target);
        }
    }
    std::sort(out.begin(), out.end());
    out.erase(std::unique(out.begin(), out.end()), out.end());
    return out;
}

StringList layerWritesUnder(const std::vector<FileChange>& changes, const std::string& dir,
                            const StringList& mounts)
{
    const auto within = [](const std::string& path, const std::string& top) {
        return top == "/" || path == top || startsWith(path, top + "/");
    };
    StringList out;
    for (const auto& ch : changes) {
        if (ch.kind == 2 || ch.path == dir || !within(ch.path, dir)) {
            continue;
        }
        const bool mounted = std::any_of(mounts.begin(), mounts.end(), [&](const std::string& m) {
            return !m.empty() && (within(ch.path, m) || within(m, ch.path));
        });
        const bool parent = std::any_of(changes.begin(), changes.end(), [&](const FileChange& other) {
            return other.kind != 2 && startsWith(other.path, ch.path + "/");
        });
        if (!mounted && !parent) {
            out.push_back(ch.path);
        }
    }
    std::sort(out.begin(), out.end());
    return out;
}

std::vector<PasswdEntry> parsePasswd(const std::string& text)
{
    std::vector<PasswdEntry> out;
    for (const auto& line : split(text, '\n')) {
        const StringList f = split(trim(line), ':');
        if (f.size() < 7 || f[0].empty() || startsWith(f[0], "#")) {
            continue;
        }
        out.push_back({f[0], std::atoi(f[2].c_str()), std::atoi(f[3].c_str()), f[5], f[6]});
    }
    return out;
}

HardeningPlan HardeningPlanner::planContainer(const Container& c, const Image* image,
                                              const std::vector<Finding>& findings,
                                              const std::vector<FileChange>& changes,
                                              const std::string& passwdText) const
{
    HardeningPlan plan;
    plan.object = {ObjectType::Container, c.id, c.name};
    plan.imageRef = c.config.image;
    plan.running = c.state.running;
    plan.before = RunCommandBuilder().build(c, image);
    plan.composeOrigin = composeOriginOf(c);
    const auto passwd = parsePasswd(passwdText);
    std::tie(plan.runAsUid, plan.runAsGid) = resolveUser(c.config.user, passwd);

    std::vector<const Finding*> relevant;
    for (const auto& f : findings) {
        const bool mine =
            (f.object.type == ObjectType::Container && (f.object.id == c.id || f.object.name == c.name)) ||
            (f.object.type == ObjectType::Image && image != nullptr && f.object.id == image->id);
        if (mine && !f.waiver &&
            std::find(kHardeningAreas.begin(), kHardeningAreas.end(), f.area) != kHardeningAreas.end()) {
            relevant.push_back(&f);
        }
    }
    buildOverview(plan, relevant);

    // An index, not a pointer: plan.changes grows while we go.
    std::optional<std::size_t> readOnlyIndex;
    for (const Finding* f : relevant) {
        if (f->object.type == ObjectType::Image) {
            plan.changes.push_back(imageChange(*f));
            continue;
        }
        // Both the writable-root check and the drift check ask for --read-only: one change resolves both.
        if ((f->ruleId == "CTR-016" || f->ruleId == "RUN-014") && readOnlyIndex) {
            plan.changes[*readOnlyIndex].ruleIds.push_back(f->ruleId);
            continue;
        }
        HardeningChange ch;
        ch.id = changeId(*f);
        ch.area = f->area;
        ch.title = f->title;
        ch.reason = f->evidence + (f->rationale.empty() ? "" : ". " + f->rationale);
        ch.edits = f->remediation.edits;
        ch.ruleIds = {f->ruleId};
        const RuleAdvice& advice = ruleAdvice(f->ruleId);
        ch.defaultChoice = advice.appliedByDefault ? ChangeChoice::Apply : ChangeChoice::Skip;
        ch.risk = advice.risk;
        if (f->ruleId == "CTR-001") {
            // A user of the image itself (its passwd), else a numeric UID that exists nowhere but works.
            const PasswdEntry* pick = nullptr;
            for (const auto& e : passwd) {
                if (e.uid >= 1000 && e.uid < 65534 && (pick == nullptr || e.uid < pick->uid)) {
                    pick = &e;
                }
            }
            const std::string user =
                pick != nullptr ? std::to_string(pick->uid) + ":" + std::to_string(pick->gid) : "10001:10001";
            plan.chosenUid = pick != nullptr ? pick->uid : 10001;
            plan.chosenGid = pick != nullptr ? pick->gid : 10001;
            ch.edits = {{RunEdit::Op::AddFlag, "--user", user}};
            ch.title = "Run as " + (pick != nullptr ? "the image's user " + pick->name + " (" + user + ")"
                                                    : "UID " + user);
            ch.risk = "Files the application writes must be writable by UID " +
                      std::to_string(plan.chosenUid) +
                      " (volumes owned by root refuse writes), and it can no longer bind ports below 1024 or "
                      "change file ownership.";
            ch.defaultChoice = pick != nullptr ? ChangeChoice::Apply : ChangeChoice::Skip;
            if (pick == nullptr) {
                ch.risk += " The image has no user of its own, so the UID has no name or home directory.";
            }
        } else if (f->ruleId == "CTR-004" && usesLowPort(c)) {
            ch.edits.push_back({RunEdit::Op::AddFlag, "--cap-add", "NET_BIND_SERVICE"});
        }
        if (f->ruleId == "CTR-016" || f->ruleId == "RUN-014") {
            ch.id = "read-only";
            ch.title = "Read-only root filesystem";
            ch.edits = {{RunEdit::Op::AddFlag, "--read-only", ""},
                        {RunEdit::Op::AddFlag, "--tmpfs", "/tmp:" + std::string(kTmpOptions)}};
            ch.area = Area::Container;
        }
        ch.automatic =
            !ch.edits.empty() && std::all_of(ch.edits.begin(), ch.edits.end(),
                                             [](const RunEdit& e) { return json::isAutomaticEdit(e); });
        if (ch.edits.empty()) {
            ch.title += " (by hand)";
            ch.risk = f->fix;
        }
        if (!ch.automatic) {
            ch.defaultChoice = ChangeChoice::Skip;
        }
        ch.choice = ch.defaultChoice;
        plan.changes.push_back(std::move(ch));
        if (plan.changes.back().id == "read-only") {
            readOnlyIndex = plan.changes.size() - 1;
        }
    }

    // The paths the container writes to stay writable as tmpfs, one change each, so that a read-only root
    // keeps behaviour. Writes into system directories cannot move to a tmpfs (it would hide the image's
    // files there): then the read-only change defaults to skip and says why.
    if (readOnlyIndex) {
        const WritableDirectories writable = writableDirectoriesFor(changes, mountTargets(c));
        const StringList& systemWrites = writable.systemWrites;
        // The read-only change brings its own tmpfs on /tmp.
        noteLayerWrites(plan.changes[*readOnlyIndex], "/tmp",
                        layerWritesUnder(changes, "/tmp", mountTargets(c)));
        if (!systemWrites.empty()) {
            HardeningChange* readOnly = &plan.changes[*readOnlyIndex];
            readOnly->defaultChoice = readOnly->choice = ChangeChoice::Skip;
            readOnly->risk += " The container changed system files (" + join(systemWrites, ", ") +
                              "); a read-only root would break that, so this defaults to skip.";
        }
        for (const auto& dir : writable.directories) {
            HardeningChange t;
            t.id = "tmpfs:" + dir;
            t.area = Area::Container;
            t.title = "Keep " + dir + " writable (tmpfs)";
            t.reason = "The container writes to " + dir +
                       " (seen in its changes); with a read-only root it "
                       "needs a writable place there.";
            t.risk = "What the application keeps in " + dir +
                     " is lost when the container restarts; make it a "
                     "volume if it must survive.";
            t.edits = {keepWritableEdit(dir)};
            noteLayerWrites(t, dir, layerWritesUnder(changes, dir, mountTargets(c)));
            t.ruleIds = {};
            t.defaultChoice = t.choice = ChangeChoice::Apply;
            plan.changes.push_back(std::move(t));
        }
    }
    sortChanges(plan.changes);
    if (!plan.running) {
        plan.notes.push_back("The container is not running: apply recreates it stopped, and the trial starts "
                             "it to watch it.");
    }
    return plan;
}

HardeningPlan HardeningPlanner::planImage(const Image& image, const std::vector<Finding>& findings) const
{
    HardeningPlan plan;
    plan.object = {ObjectType::Image, image.id, image.displayName()};
    plan.imageRef = image.displayName();
    std::vector<const Finding*> relevant;
    for (const auto& f : findings) {
        if (f.object.type == ObjectType::Image && f.object.id == image.id && !f.waiver) {
            relevant.push_back(&f);
        }
    }
    buildOverview(plan, relevant);
    for (const Finding* f : relevant) {
        HardeningChange ch = imageChange(*f);
        ch.area = f->area; // SEC-002/003 belong to secrets, IMG-* to image
        plan.changes.push_back(std::move(ch));
    }
    sortChanges(plan.changes);
    plan.notes.push_back(
        "An image cannot be changed in place: put these lines in its Dockerfile, rebuild, and "
        "recreate the containers that use it.");
    return plan;
}

} // namespace drydock
