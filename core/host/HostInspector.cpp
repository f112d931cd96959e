#include "core/host/HostInspector.h"

#include "core/common/Strings.h"
#include "core/host/DaemonProcess.h"
#include "core/host/DaemonSettings.h"
#include "core/rules/host/HostFileChecks.h"

#include <algorithm>
#include <cstdlib>
#include <map>

namespace drydock {

namespace {

// Users and groups by id from /etc/passwd and /etc/group, and the docker group's members.
struct Accounts
{
    std::map<unsigned, std::string> users;
    std::map<unsigned, std::string> groups;
    std::map<std::string, unsigned> primaryGid; // user -> gid
    std::optional<unsigned> dockerGid;
    std::vector<std::string> dockerMembers;
    bool passwdRead = false;
    bool groupRead = false;
    std::string problem;
};

Accounts readAccounts(const HostReader& view)
{
    Accounts a;
    const HostText passwd = view.readFile("/etc/passwd");
    const HostText group = view.readFile("/etc/group");
    a.passwdRead = passwd.status == HostReadStatus::Ok;
    a.groupRead = group.status == HostReadStatus::Ok;
    if (!a.groupRead) {
        a.problem = group.problem;
    } else if (!a.passwdRead) {
        a.problem = passwd.problem;
    }
    for (const auto& line : split(passwd.text, '\n')) {
        const auto f = split(line, ':');
        if (f.size() >= 4 && !f[0].empty()) {
            const auto uid = static_cast<unsigned>(std::strtoul(f[2].c_str(), nullptr, 10));
            a.users.emplace(uid, f[0]);
            a.primaryGid[f[0]] = static_cast<unsigned>(std::strtoul(f[3].c_str(), nullptr, 10));
        }
    }
    for (const auto& line : split(group.text, '\n')) {
        const auto f = split(line, ':');
        if (f.size() >= 3 && !f[0].empty()) {
            const auto gid = static_cast<unsigned>(std::strtoul(f[2].c_str(), nullptr, 10));
            a.groups.emplace(gid, f[0]);
            if (f[0] == "docker") {
                a.dockerGid = gid;
                if (f.size() >= 4) {
                    for (const auto& m : split(f[3], ',')) {
                        if (!trim(m).empty()) {
                            a.dockerMembers.push_back(trim(m));
                        }
                    }
                }
            }
        }
    }
    if (a.dockerGid) {
        // docker-bench reads only the group line; a user whose primary group is docker controls it as well.
        for (const auto& [user, gid] : a.primaryGid) {
            if (gid == *a.dockerGid &&
                std::find(a.dockerMembers.begin(), a.dockerMembers.end(), user) == a.dockerMembers.end()) {
                a.dockerMembers.push_back(user + " (primary group)");
            }
        }
    }
    return a;
}

std::string nameOr(const std::map<unsigned, std::string>& names, unsigned id)
{
    const auto it = names.find(id);
    return it == names.end() ? std::to_string(id) : it->second;
}

// "/a\040b" -> "/a b" (mountinfo escapes space, tab, newline and backslash as octal).
std::string unescapeMount(const std::string& s)
{
    std::string out;
    for (std::size_t i = 0; i < s.size(); ++i) {
        if (s[i] == '\\' && i + 3 < s.size()) {
            const std::string oct = s.substr(i + 1, 3);
            if (oct.size() == 3 &&
                std::all_of(oct.begin(), oct.end(), [](char c) { return c >= '0' && c <= '7'; })) {
                out.push_back(static_cast<char>(std::strtol(oct.c_str(), nullptr, 8)));
                i += 3;
                continue;
            }
        }
        out.push_back(s[i]);
    }
    return out;
}

// The first unit file of name found in systemd's directories, as systemd would pick it.
std::string unitFile(const HostReader& view, const std::string& name)
{
    for (const char* dir : {"/etc/systemd/system/", "/run/systemd/system/", "/lib/systemd/system/",
                            "/usr/lib/systemd/system/"}) {
        const std::string path = dir + name;
        if (view.stat(path).status != HostReadStatus::Absent) {
            return path;
        }
    }
    return {};
}

// Audit watches: "-w PATH" and "-F path=PATH" / "-F dir=PATH" in the given rule texts.
std::vector<std::string> auditWatches(const std::vector<std::string>& texts)
{
    std::vector<std::string> out;
    for (const auto& text : texts) {
        for (const auto& rawLine : split(text, '\n')) {
            const std::string line = trim(rawLine);
            if (line.empty() || line[0] == '#') {
                continue;
            }
            std::vector<std::string> words;
            for (const auto& w : split(line, ' ')) {
                if (!trim(w).empty()) {
                    words.push_back(trim(w));
                }
            }
            for (std::size_t i = 0; i + 1 < words.size(); ++i) {
                if (words[i] == "-w") {
                    out.push_back(words[i + 1]);
                } else if (words[i] == "-F" &&
                           (startsWith(words[i + 1], "path=") || startsWith(words[i + 1], "dir="))) {
                    out.push_back(words[i + 1].substr(words[i + 1].find('=') + 1));
                }
            }
        }
    }
    return out;
}

std::string stripSlash(std::string p)
{
    while (p.size() > 1 && p.back() == '/') {
        p.pop_back();
    }
    return p;
}

// Whether dir is the mount point of a file system of its own: mounted there (the last mount wins) from
// another device than the mount holding its parent. dockerd bind-mounts its data root onto itself, which is
// the same device and so no separate partition.
bool ownFileSystem(const std::string& mountinfo, const std::string& dir)
{
    std::string device;       // of the mount at dir
    std::string parentDevice; // of the longest mount point above dir
    std::size_t parentLength = 0;
    for (const auto& line : split(mountinfo, '\n')) {
        const auto f = split(line, ' ');
        if (f.size() <= 4) {
            continue;
        }
        const std::string point = stripSlash(unescapeMount(f[4]));
        if (point == dir) {
            device = f[2];
        } else if ((point == "/" || startsWith(dir, point + "/")) && point.size() >= parentLength) {
            parentLength = point.size();
            parentDevice = f[2];
        }
    }
    return !device.empty() && device != parentDevice;
}

} // namespace

const std::vector<std::string>& HostInspector::settingItems()
{
    static const std::vector<std::string> items{"2.3", "2.4", "2.8", "2.10", "2.11", "2.14", "2.16"};
    return items;
}

Result<HostFacts> HostInspector::inspect(const std::string& socketPath, const DaemonInfo& daemon) const
{
    HostFacts facts;
    facts.socketPath = socketPath;
    const auto process = findDaemonProcess(m_view, socketPath);
    const bool infoRootless = std::any_of(daemon.securityOptions.begin(), daemon.securityOptions.end(),
                                          [](const std::string& o) { return contains(o, "name=rootless"); });
    const std::string normalized = normalizeSocketPath(socketPath);
    if (process && process->rootless) {
        facts.rootless = true;
        facts.rootlessBecause = process->parentName == "rootlesskit"
                                    ? "its parent process is rootlesskit"
                                    : "it runs as uid " + std::to_string(process->uid);
    } else if (infoRootless) {
        facts.rootless = true;
        facts.rootlessBecause = "the daemon reports name=rootless in its security options";
    } else if (startsWith(normalized, "/run/user/")) {
        facts.rootless = true;
        facts.rootlessBecause = "its socket is under $XDG_RUNTIME_DIR (" + normalized + ")";
    }
    if (!process && !facts.rootless) {
        return Error::make(ErrorCode::NotFound,
                           "No dockerd serving " + socketPath +
                               " is visible in this machine's /proc: the host checks need "
                               "Drydock on the daemon's host");
    }
    const Accounts accounts = readAccounts(m_view);

    // Daemon settings (2.x): the command line and daemon.json.
    std::string userNsRemap;
    if (process) {
        facts.daemonPid = process->pid;
        std::string defaultConfig = "/etc/docker/daemon.json";
        if (facts.rootless) {
            for (const auto& line : split(m_view.readFile("/etc/passwd").text, '\n')) {
                const auto f = split(line, ':');
                if (f.size() >= 6 && std::strtoul(f[2].c_str(), nullptr, 10) == process->uid) {
                    defaultConfig = f[5] + "/.config/docker/daemon.json";
                }
            }
        }
        DaemonSettings settings = readDaemonSettings(m_view, process->argv, defaultConfig);
        facts.configFile = settings.configFile;
        facts.settings = std::move(settings.values);
        facts.problems = settings.problems;
        if (!settings.problems.empty()) {
            for (const auto& id : settingItems()) {
                facts.notChecked[id] = settings.problems.front();
            }
        }
        if (const HostSetting* s = facts.setting("userns-remap")) {
            userNsRemap = s->value;
        }
    } else {
        for (const auto& id : settingItems()) {
            facts.notChecked[id] = "needs the daemon's process: no dockerd serving " + socketPath +
                                   " is visible in /proc (rootless in another user's namespace, or hidepid)";
        }
    }

    // 1.1.1: the data root on its own mount (with user namespaces, the parent of /<uid>.<gid>).
    facts.dataRoot = facts.setting("data-root")      ? facts.setting("data-root")->value
                     : !daemon.dockerRootDir.empty() ? daemon.dockerRootDir
                                                     : std::string("/var/lib/docker");
    std::string mountDir = stripSlash(facts.dataRoot);
    if (!userNsRemap.empty() || !daemon.dockerRootDir.empty()) {
        const auto slash = mountDir.rfind('/');
        const std::string last = slash == std::string::npos ? "" : mountDir.substr(slash + 1);
        const auto dot = last.find('.');
        if (dot != std::string::npos && dot > 0 && std::all_of(last.begin(), last.end(), [](char c) {
                return (c >= '0' && c <= '9') || c == '.';
            })) {
            mountDir = mountDir.substr(0, slash);
        }
    }
    const HostText mountinfo = m_view.readFile("/proc/self/mountinfo");
    if (mountinfo.status == HostReadStatus::Ok) {
        facts.dataRootOwnMount = ownFileSystem(mountinfo.text, mountDir);
    } else {
        facts.notChecked["1.1.1"] = mountinfo.problem;
    }

    // 1.1.2: who controls the daemon.
    if (accounts.groupRead && accounts.passwdRead) {
        facts.dockerGroupMembers = accounts.dockerMembers;
    } else {
        facts.notChecked["1.1.2"] = accounts.problem;
    }

    // Section 3 files, resolved to host paths.
    const std::string serviceUnit = unitFile(m_view, "docker.service");
    const std::string socketUnit = unitFile(m_view, "docker.socket");
    std::vector<std::pair<std::string, std::string>> files; // kind, path
    if (!serviceUnit.empty()) {
        files.emplace_back("docker.service", serviceUnit);
    }
    if (!socketUnit.empty()) {
        files.emplace_back("docker.socket", socketUnit);
    }
    files.emplace_back("/etc/docker", "/etc/docker");
    const HostListing certsD = m_view.list("/etc/docker/certs.d");
    for (const auto& registry : certsD.names) {
        const std::string dir = "/etc/docker/certs.d/" + registry;
        const HostListing inside = m_view.list(dir);
        for (const auto& name : inside.names) {
            files.emplace_back("registry certificate", dir + "/" + name);
        }
        if (inside.status == HostReadStatus::Unreadable) {
            facts.notChecked["3.7"] = facts.notChecked["3.8"] = inside.problem;
        }
    }
    if (certsD.status == HostReadStatus::Unreadable) {
        facts.notChecked["3.7"] = facts.notChecked["3.8"] = certsD.problem;
    }
    for (const auto& [key, kind] : {std::pair<const char*, const char*>{"tlscacert", "TLS CA certificate"},
                                    {"tlscert", "server certificate"},
                                    {"tlskey", "server key"}}) {
        if (const HostSetting* s = facts.setting(key)) {
            files.emplace_back(kind, s->value);
        }
    }
    files.emplace_back("Docker socket", socketPath);
    files.emplace_back("daemon.json",
                       facts.configFile.empty() ? "/etc/docker/daemon.json" : facts.configFile);
    files.emplace_back("/etc/default/docker", "/etc/default/docker");
    files.emplace_back("/etc/sysconfig/docker", "/etc/sysconfig/docker");
    files.emplace_back("containerd socket", "/run/containerd/containerd.sock");
    for (const auto& [kind, path] : files) {
        const HostStat st = m_view.stat(path);
        if (st.status == HostReadStatus::Ok) {
            facts.files.push_back(HostFile{kind, path, st.uid, st.gid, nameOr(accounts.users, st.uid),
                                           nameOr(accounts.groups, st.gid), st.mode});
        } else if (st.status == HostReadStatus::Unreadable) {
            for (const auto& check : hostFileChecks()) {
                if (kind == check.kind) {
                    facts.notChecked[check.cisId] = st.problem;
                }
            }
        }
    }

    // 1.1.3–1.1.18: audit watches, from the rules auditd loads at boot. The daemon's binary is where its
    // process runs from (Debian has /usr/sbin/dockerd), else the benchmark's /usr/bin/dockerd.
    std::string daemonBinary = "/usr/bin/dockerd";
    if (process) {
        const HostText exe = m_view.readLink("/proc/" + std::to_string(process->pid) + "/exe");
        if (exe.status == HostReadStatus::Ok && !endsWith(exe.text, " (deleted)")) {
            daemonBinary = exe.text;
        } else if (startsWith(process->argv.front(), "/")) {
            daemonBinary = process->argv.front();
        } else if (m_view.stat("/usr/bin/dockerd").status == HostReadStatus::Absent &&
                   m_view.stat("/usr/sbin/dockerd").status == HostReadStatus::Ok) {
            daemonBinary = "/usr/sbin/dockerd";
        }
    }
    // 1.1.3–1.1.18: audit watches, from the rules auditd loads at boot.
    std::vector<std::string> ruleTexts;
    std::string auditProblem;
    const HostText mainRules = m_view.readFile("/etc/audit/audit.rules");
    if (mainRules.status == HostReadStatus::Ok) {
        ruleTexts.push_back(mainRules.text);
    } else if (mainRules.status == HostReadStatus::Unreadable) {
        auditProblem = mainRules.problem;
    }
    const HostListing rulesD = m_view.list("/etc/audit/rules.d");
    if (rulesD.status == HostReadStatus::Unreadable) {
        auditProblem = rulesD.problem;
    }
    for (const auto& name : rulesD.names) {
        if (endsWith(name, ".rules")) {
            const HostText t = m_view.readFile("/etc/audit/rules.d/" + name);
            if (t.status == HostReadStatus::Ok) {
                ruleTexts.push_back(t.text);
            } else if (t.status == HostReadStatus::Unreadable) {
                auditProblem = t.problem;
            }
        }
    }
    static const std::pair<const char*, const char*> kAuditPaths[] = {
        {"1.1.3", "/usr/bin/dockerd"},
        {"1.1.4", "/run/containerd"},
        {"1.1.5", "/var/lib/docker"},
        {"1.1.6", "/etc/docker"},
        {"1.1.7", "docker.service"},
        {"1.1.8", "/run/containerd/containerd.sock"},
        {"1.1.9", "docker.socket"},
        {"1.1.10", "/etc/default/docker"},
        {"1.1.11", "/etc/docker/daemon.json"},
        {"1.1.12", "/etc/containerd/config.toml"},
        {"1.1.13", "/etc/sysconfig/docker"},
        {"1.1.14", "/usr/bin/containerd"},
        {"1.1.15", "/usr/bin/containerd-shim"},
        {"1.1.16", "/usr/bin/containerd-shim-runc-v1"},
        {"1.1.17", "/usr/bin/containerd-shim-runc-v2"},
        {"1.1.18", "/usr/bin/runc"},
    };
    if (!auditProblem.empty()) {
        for (const auto& [id, path] : kAuditPaths) {
            facts.notChecked[id] = auditProblem;
        }
    } else {
        facts.auditRulesRead = true;
        std::vector<std::string> watched;
        for (const auto& w : auditWatches(ruleTexts)) {
            watched.push_back(normalizeSocketPath(stripSlash(w)));
        }
        for (const auto& [id, name] : kAuditPaths) {
            std::string path = name;
            if (path == "/usr/bin/dockerd") {
                path = daemonBinary;
            } else if (path == "docker.service") {
                path = serviceUnit;
            } else if (path == "docker.socket") {
                path = socketUnit;
            } else if (path == "/var/lib/docker") {
                path = facts.dataRoot;
            } else if (path == "/etc/docker/daemon.json" && !facts.configFile.empty()) {
                path = facts.configFile;
            }
            // Like docker-bench, only what exists on this host needs a watch.
            if (path.empty() || m_view.stat(path).status == HostReadStatus::Absent) {
                continue;
            }
            const bool isWatched = std::find(watched.begin(), watched.end(),
                                             normalizeSocketPath(stripSlash(path))) != watched.end();
            facts.auditTargets.push_back({id, path, isWatched});
        }
    }
    return facts;
}

} // namespace drydock
