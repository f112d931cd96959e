#include "core/remediation/RunCommandBuilder.h"

#include "core/common/ShellQuote.h"
#include "core/common/Strings.h"
#include "core/common/VisibleText.h"
#include "core/model/CapabilitySpelling.h"
#include "core/model/SecurityOptSpelling.h"
#include "core/remediation/RunArgSyntax.h"
#include "core/remediation/SecretLikeness.h"

#include <algorithm>
#include <cstdio>
#include <set>

namespace drydock {

namespace {

constexpr std::int64_t kDefaultShmSize = 64LL * 1024 * 1024;

// Collects options and remembers whether anything had to be redacted, so one note can say so.
class Emitter
{
public:
    explicit Emitter(RunCommand& command) : m_command(command) {}

    void flag(const char* name) { m_command.options.push_back(RunArg{name, {}, false}); }
    void value(const char* name, std::string text)
    {
        m_command.options.push_back(RunArg{name, std::move(text), true});
    }
    void nonEmpty(const char* name, const std::string& text)
    {
        if (!text.empty()) {
            value(name, text);
        }
    }
    void each(const char* name, const StringList& texts)
    {
        for (const auto& t : texts) {
            value(name, t);
        }
    }
    // A value that may carry a secret: the redacted text is emitted and the redaction remembered.
    void redacted(const char* name, const std::string& original, std::string safe)
    {
        if (safe != original) {
            m_redacted = true;
        }
        value(name, std::move(safe));
    }
    void noteRedaction() { m_redacted = true; }
    bool anyRedacted() const { return m_redacted; }

    // A value no one would type (a daemon may hand out megabytes in one label) is left out of the command and
    // named in a note instead, so every finding's command, the history and the reports stay small.
    bool leftOutAsTooLong(const char* name, const std::string& key, const std::string& original)
    {
        constexpr std::size_t kMaxInlineValue = 4096;
        if (original.size() <= kMaxInlineValue) {
            return false;
        }
        constexpr std::size_t kMaxKeyInNote = 80;
        std::string shown = key.substr(0, kMaxKeyInNote) + (key.size() > kMaxKeyInNote ? "…" : "");
        m_leftOut.push_back(std::string(name) + " " + shown + " (" + std::to_string(original.size() / 1024) + " KiB)");
        return true;
    }
    const StringList& leftOut() const { return m_leftOut; }

private:
    RunCommand& m_command;
    bool m_redacted = false;
    StringList m_leftOut;
};

// Sizes in the binary units the CLI parses ("512m" = 512 MiB), falling back to plain bytes.
std::string formatBytes(std::int64_t bytes)
{
    // A binary size unit and its CLI suffix.
    struct Unit
    {
        std::int64_t size;
        char suffix;
    };
    static const Unit units[] = {{1024LL * 1024 * 1024, 'g'}, {1024LL * 1024, 'm'}, {1024LL, 'k'}};
    if (bytes > 0) {
        for (const auto& u : units) {
            if (bytes % u.size == 0) {
                return std::to_string(bytes / u.size) + u.suffix;
            }
        }
    }
    return std::to_string(bytes);
}

// NanoCpus as the decimal --cpus takes: 1500000000 -> "1.5".
std::string formatCpus(std::int64_t nanoCpus)
{
    std::string out = std::to_string(nanoCpus / 1000000000);
    std::string frac = std::to_string(nanoCpus % 1000000000);
    frac.insert(0, 9 - frac.size(), '0');
    while (!frac.empty() && frac.back() == '0') {
        frac.pop_back();
    }
    if (!frac.empty()) {
        out += "." + frac;
    }
    return out;
}

// Nanoseconds as a Go duration the CLI parses: "30s", "1m30s", "1h", "500ms".
std::string formatDuration(std::int64_t ns)
{
    if (ns % 1000000000 != 0) {
        if (ns % 1000000 == 0) {
            return std::to_string(ns / 1000000) + "ms";
        }
        if (ns % 1000 == 0) {
            return std::to_string(ns / 1000) + "us";
        }
        return std::to_string(ns) + "ns";
    }
    std::int64_t s = ns / 1000000000;
    std::string out;
    if (s >= 3600) {
        out += std::to_string(s / 3600) + "h";
        s %= 3600;
    }
    if (s >= 60) {
        out += std::to_string(s / 60) + "m";
        s %= 60;
    }
    if (s > 0 || out.empty()) {
        out += std::to_string(s) + "s";
    }
    return out;
}

std::string portArgument(const std::string& portKey)
{
    return endsWith(portKey, "/tcp") ? portKey.substr(0, portKey.size() - 4) : portKey;
}

std::string linkArgument(const std::string& link)
{
    // Inspect shows "/db:/app/db" (target container, then this container's path to it).
    const std::size_t colon = link.find(':');
    const std::string target = link.substr(0, colon);
    std::string name = startsWith(target, "/") ? target.substr(1) : target;
    if (colon == std::string::npos) {
        return name;
    }
    const std::string path = link.substr(colon + 1);
    const std::size_t slash = path.rfind('/');
    return name + ":" + (slash == std::string::npos ? path : path.substr(slash + 1));
}

// Env entries Docker writes itself for a legacy --link (ALIAS_PORT…, ALIAS_NAME, ALIAS_ENV_…): re-emitting
// them would freeze today's addresses and copy the linked container's environment.
bool isLinkEnv(const std::string& entry, const StringList& links)
{
    const std::string name = entry.substr(0, entry.find('='));
    for (const auto& l : links) {
        const std::string arg = linkArgument(l);
        const std::size_t colon = arg.find(':');
        const std::string alias =
            replaceAll(toUpper(colon == std::string::npos ? arg : arg.substr(colon + 1)), "-", "_");
        if (name == alias + "_NAME" || name == alias + "_PORT" || startsWith(name, alias + "_PORT_") ||
            startsWith(name, alias + "_ENV_")) {
            return true;
        }
    }
    return false;
}

std::string healthCommand(const StringList& test)
{
    if (test.size() >= 2 && test[0] == "CMD-SHELL") {
        return test[1];
    }
    // --health-cmd always becomes CMD-SHELL; an exec-form test is joined into the equivalent shell line,
    // quoted for any POSIX sh (the image may have dash or BusyBox).
    if (!test.empty() && test[0] == "CMD") {
        return shellJoinPortable(StringList(test.begin() + 1, test.end()));
    }
    return shellJoinPortable(test);
}

// Option lists such as a volume's "o=username=bob,password=s3cret": each key=value part redacted on its own.
std::string redactOptionList(const std::string& text)
{
    std::vector<std::string> parts = split(text, ',');
    for (auto& p : parts) {
        const std::size_t eq = p.find('=');
        p = eq == std::string::npos
                ? SecretLikeness::redactValues(p)
                : p.substr(0, eq + 1) + SecretLikeness::redactValueOf(p.substr(0, eq), p.substr(eq + 1));
    }
    return join(parts, ",");
}

std::string mountArgument(const MountSpec& m, bool& redacted)
{
    MountArg arg;
    arg.add("type", m.type.empty() ? "volume" : m.type);
    if (!m.source.empty()) {
        arg.add("src", m.source);
    }
    arg.add("dst", m.target);
    if (m.readOnly) {
        arg.addBare("readonly");
    }
    if (!m.bindPropagation.empty()) {
        arg.add("bind-propagation", m.bindPropagation);
    }
    if (!m.volumeDriver.empty()) {
        arg.add("volume-driver", m.volumeDriver);
    }
    for (const auto& [k, v] : m.volumeDriverOptions) {
        const std::string safe =
            SecretLikeness::isSecretName(k) ? SecretLikeness::redactValueOf(k, v) : redactOptionList(v);
        redacted = redacted || safe != v;
        arg.add("volume-opt", k + "=" + safe);
    }
    if (m.tmpfsSizeBytes > 0) {
        arg.add("tmpfs-size", std::to_string(m.tmpfsSizeBytes));
    }
    if (m.tmpfsMode > 0) {
        char mode[16];
        std::snprintf(mode, sizeof mode, "%o", static_cast<unsigned>(m.tmpfsMode));
        arg.add("tmpfs-mode", mode);
    }
    return arg.text();
}

std::string gpusArgument(const DeviceRequest& r)
{
    std::vector<std::string> fields;
    if (!r.deviceIds.empty()) {
        fields.push_back("\"device=" + join(r.deviceIds, ",") + "\"");
    } else if (r.count < 0) {
        fields.emplace_back("all");
    } else {
        fields.push_back("count=" + std::to_string(r.count));
    }
    if (!r.driver.empty()) {
        fields.push_back("driver=" + r.driver);
    }
    StringList caps;
    for (const auto& group : r.capabilities) {
        for (const auto& c : group) {
            if (c != "gpu") {
                caps.push_back(c);
            }
        }
    }
    if (!caps.empty()) {
        fields.push_back("\"capabilities=" + join(caps, ",") + "\"");
    }
    return join(fields, ",");
}

std::string deviceArgument(const DeviceMapping& d)
{
    const std::string perms = d.cgroupPermissions.empty() ? "rwm" : d.cgroupPermissions;
    if ((d.pathInContainer.empty() || d.pathInContainer == d.pathOnHost) && perms == "rwm") {
        return d.pathOnHost;
    }
    std::string out = d.pathOnHost + ":" + (d.pathInContainer.empty() ? d.pathOnHost : d.pathInContainer);
    if (perms != "rwm") {
        out += ":" + perms;
    }
    return out;
}

bool isInlineSeccomp(const std::string& opt)
{
    const SecurityOptSplit split = splitSecurityOpt(opt);
    return split.key == "seccomp" && startsWith(split.value, "{");
}

bool isLabelDisable(const std::string& opt)
{
    return canonicalSecurityOpt(opt) == "label=disable";
}

// A file name derived from the container name, safe on any file system.
std::string fileSafe(const std::string& name)
{
    std::string out;
    for (const char c : name) {
        const bool ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
                        c == '_' || c == '-' || c == '.';
        out += ok ? c : '_';
    }
    return out.empty() || out[0] == '.' ? "container" + out : out;
}

const EndpointSettings* primaryEndpoint(const Container& c, const std::string& primary)
{
    for (const auto& n : c.networks) {
        if (n.networkName == primary) {
            return &n;
        }
    }
    // NetworkMode may hold the network id the user typed instead of its name.
    for (const auto& n : c.networks) {
        if (!primary.empty() && startsWith(n.networkId, primary)) {
            return &n;
        }
    }
    return nullptr;
}

// Docker adds the short container id and the hostname (and later versions the name) as aliases on user
// networks by itself when the container starts or connects.
StringList userAliases(const Container& c, const EndpointSettings& e)
{
    StringList out;
    for (const auto& a : e.aliases) {
        if (a.empty() || a == c.name || a == c.config.hostname || (a.size() >= 12 && startsWith(c.id, a))) {
            continue;
        }
        out.push_back(a);
    }
    return out;
}

} // namespace

RunCommand RunCommandBuilder::build(const Container& container, const Image* image) const
{
    RunCommand cmd;
    Emitter out(cmd);
    const ContainerConfig& cfg = container.config;
    const HostConfig& hc = container.hostConfig;
    const ContainerConfig* img = image ? &image->config : nullptr;
    const std::string name = startsWith(container.name, "/") ? container.name.substr(1) : container.name;

    out.flag("--detach");
    out.nonEmpty("--name", name);

    const std::string& mode = hc.networkMode;
    const bool sharesNetwork = mode == "host" || startsWith(mode, "container:");
    if (!sharesNetwork && !cfg.hostname.empty() && cfg.hostname != container.shortId() &&
        (!img || img->hostname != cfg.hostname)) {
        out.value("--hostname", cfg.hostname);
    }
    if (!cfg.domainname.empty() && (!img || img->domainname != cfg.domainname)) {
        out.value("--domainname", cfg.domainname);
    }
    if (!cfg.user.empty() && (!img || img->user != cfg.user)) {
        out.value("--user", cfg.user);
    }
    if (!cfg.workingDir.empty() && (!img || img->workingDir != cfg.workingDir)) {
        out.value("--workdir", cfg.workingDir);
    }

    // Entrypoint and command. A user entrypoint stops the daemon from inheriting the image's Cmd, so whenever
    // --entrypoint is emitted the whole command follows it. --entrypoint takes one word: the rest of a longer
    // entrypoint moves in front of the command, which starts the same process.
    StringList entrypoint = cfg.entrypoint.value_or(StringList{});
    if (entrypoint.size() == 1 && entrypoint[0].empty()) {
        entrypoint.clear();
    }
    StringList imageEntrypoint = img ? img->entrypoint.value_or(StringList{}) : StringList{};
    const StringList imageCmd = img ? img->cmd : StringList{};
    StringList effective = entrypoint;
    effective.insert(effective.end(), cfg.cmd.begin(), cfg.cmd.end());
    const StringList safeArgs = SecretLikeness::redactArgs(effective);
    if (safeArgs != effective) {
        out.noteRedaction();
    }
    const bool entrypointDiffers = img ? entrypoint != imageEntrypoint : !entrypoint.empty();
    const bool cmdDiffers = img ? cfg.cmd != imageCmd : !cfg.cmd.empty();
    if (entrypointDiffers || (cmdDiffers && cfg.cmd.empty() && !entrypoint.empty())) {
        if (entrypoint.empty()) {
            out.value("--entrypoint", "");
            cmd.command = safeArgs;
        } else {
            out.value("--entrypoint", safeArgs.front());
            cmd.command.assign(safeArgs.begin() + 1, safeArgs.end());
        }
    } else if (cmdDiffers) {
        cmd.command.assign(safeArgs.begin() + static_cast<std::ptrdiff_t>(entrypoint.size()), safeArgs.end());
    }

    // Config values merged from the image are emitted only where the container differs (§0.1.7).
    const std::set<std::string> imageEnv =
        img ? std::set<std::string>(img->env.begin(), img->env.end()) : std::set<std::string>{};
    for (const auto& e : cfg.env) {
        if (imageEnv.count(e) || isLinkEnv(e, hc.links) || out.leftOutAsTooLong("--env", e.substr(0, e.find('=')), e)) {
            continue;
        }
        out.redacted("--env", e, SecretLikeness::redactAssignment(e));
    }
    for (const auto& [k, v] : cfg.labels) {
        if (img) {
            const auto it = img->labels.find(k);
            if (it != img->labels.end() && it->second == v) {
                continue;
            }
        }
        if (out.leftOutAsTooLong("--label", k, v)) {
            continue;
        }
        out.redacted("--label", k + "=" + v, k + "=" + SecretLikeness::redactValueOf(k, v));
    }

    if (!hc.restartPolicy.name.empty() && hc.restartPolicy.name != "no") {
        std::string policy = hc.restartPolicy.name;
        if (policy == "on-failure" && hc.restartPolicy.maximumRetryCount > 0) {
            policy += ":" + std::to_string(hc.restartPolicy.maximumRetryCount);
        }
        out.value("--restart", policy);
    }
    if (hc.autoRemove) {
        out.flag("--rm");
    }
    if (hc.privileged) {
        out.flag("--privileged");
    }
    if (hc.readonlyRootfs) {
        out.flag("--read-only");
    }
    // --cap-add/--cap-drop values without the CAP_ prefix the API adds (§0.1.3).
    for (const auto& c : hc.capAdd) {
        out.value("--cap-add", capabilityFlagValue(c));
    }
    for (const auto& c : hc.capDrop) {
        out.value("--cap-drop", capabilityFlagValue(c));
    }
    for (const auto& opt : hc.securityOpt) {
        // --privileged, --pid host and --ipc host make the daemon add label=disable by itself: writing it out
        // would keep SELinux labelling off after a hardened command removes the host namespace (#17).
        if ((hc.privileged || hc.pidMode == "host" || hc.ipcMode == "host") && isLabelDisable(opt)) {
            continue;
        }
        if (isInlineSeccomp(opt)) {
            // The daemon keeps the profile's JSON, not the file it came from; it cannot go on a command line.
            const std::string file =
                "./seccomp-" + fileSafe(name.empty() ? container.shortId() : name) + ".json";
            out.value("--security-opt", "seccomp=" + file);
            cmd.notes.push_back(
                std::string(kSeccompNotePrefix) +
                " (the JSON after \"seccomp=\" in its HostConfig.SecurityOpt, see docker inspect) to " +
                file + " before running this.");
            continue;
        }
        out.value("--security-opt", opt);
    }
    const bool unmasked =
        (hc.maskedPaths && hc.maskedPaths->empty()) || (hc.readonlyPaths && hc.readonlyPaths->empty());
    if (!hc.privileged && unmasked) {
        out.value("--security-opt", "systempaths=unconfined");
    }
    out.nonEmpty("--pid", hc.pidMode);
    if (!hc.ipcMode.empty() && hc.ipcMode != "private") {
        out.value("--ipc", hc.ipcMode);
    }
    out.nonEmpty("--uts", hc.utsMode);
    out.nonEmpty("--userns", hc.usernsMode);
    if (!hc.cgroupnsMode.empty() && hc.cgroupnsMode != "private") {
        out.value("--cgroupns", hc.cgroupnsMode);
    }

    // Networks: NetworkMode names the one network `docker run` can attach; the others follow with
    // `docker network connect` (a single run attaches one network in 20.10).
    std::string primary = "bridge";
    if (!mode.empty() && mode != "default") {
        out.value("--network", mode);
        primary = mode;
    }
    const EndpointSettings* main = primaryEndpoint(container, primary);
    if (main && !sharesNetwork && primary != "bridge") {
        out.each("--network-alias", userAliases(container, *main));
    }
    if (!sharesNetwork && mode != "none") {
        for (const auto& n : container.networks) {
            if (&n == main || n.networkName.empty()) {
                continue;
            }
            cmd.followUps.push_back(
                {n.networkName, userAliases(container, n), name.empty() ? container.id : name});
        }
    }

    std::set<std::string> publishedKeys;
    for (const auto& pm : hc.portBindings) {
        const std::string key = normalisePortKey(pm.containerPort);
        publishedKeys.insert(key);
        const std::size_t slash = key.find('/');
        for (const auto& b : pm.bindings) {
            PublishArg p;
            p.hostIp = b.hostIp;
            p.hostPort = b.hostPort;
            p.containerPort = key.substr(0, slash);
            p.protocol = key.substr(slash + 1);
            out.value("--publish", p.text());
        }
    }
    if (hc.publishAllPorts) {
        out.flag("--publish-all");
    }
    std::set<std::string> imagePorts;
    if (img) {
        for (const auto& p : img->exposedPorts) {
            imagePorts.insert(normalisePortKey(p));
        }
    }
    for (const auto& p : cfg.exposedPorts) {
        const std::string key = normalisePortKey(p);
        if (!imagePorts.count(key) && !publishedKeys.count(key)) {
            out.value("--expose", portArgument(key));
        }
    }
    cmd.exposedPorts = cfg.exposedPorts;
    for (const auto& key : publishedKeys) {
        if (std::none_of(cmd.exposedPorts.begin(), cmd.exposedPorts.end(),
                         [&](const std::string& p) { return normalisePortKey(p) == key; })) {
            cmd.exposedPorts.push_back(key);
        }
    }

    // Mounts come from what was asked for (Binds, Mounts, Tmpfs), never from Mounts[], which repeats the
    // binds and lists the image's anonymous VOLUMEs under hashed names.
    std::vector<std::string> targets;
    for (const auto& b : hc.binds) {
        targets.push_back(VolumeArg::parse(b).target);
    }
    for (const auto& m : hc.mounts) {
        targets.push_back(m.target);
    }
    for (const auto& t : hc.tmpfs) {
        targets.push_back(t.first);
    }
    out.each("--volume", hc.binds);
    const StringList noVolumes;
    const StringList& imageVolumes = img ? img->volumes : noVolumes;
    for (const auto& v : cfg.volumes) {
        const auto same = [&](const std::string& t) { return sameContainerPath(t, v); };
        if (std::none_of(imageVolumes.begin(), imageVolumes.end(), same) &&
            std::none_of(targets.begin(), targets.end(), same)) {
            out.value("--volume", v); // an anonymous volume asked for at run time (-v /data)
        }
    }
    bool mountRedacted = false;
    for (const auto& m : hc.mounts) {
        out.value("--mount", mountArgument(m, mountRedacted));
    }
    if (mountRedacted) {
        out.noteRedaction();
    }
    for (const auto& [path, opts] : hc.tmpfs) {
        out.value("--tmpfs", opts.empty() ? path : path + ":" + opts);
    }
    out.each("--volumes-from", hc.volumesFrom);

    for (const auto& d : hc.devices) {
        out.value("--device", deviceArgument(d));
    }
    out.each("--device-cgroup-rule", hc.deviceCgroupRules);
    for (const auto& r : hc.deviceRequests) {
        out.value("--gpus", gpusArgument(r));
    }
    out.nonEmpty("--cgroup-parent", hc.cgroupParent);

    if (hc.memory > 0) {
        out.value("--memory", formatBytes(hc.memory));
    }
    if (hc.memorySwap != 0 &&
        hc.memorySwap != 2 * hc.memory) { // twice the memory is what the daemon fills in
        out.value("--memory-swap", formatBytes(hc.memorySwap));
    }
    if (hc.memoryReservation > 0) {
        out.value("--memory-reservation", formatBytes(hc.memoryReservation));
    }
    if (hc.nanoCpus > 0) {
        out.value("--cpus", formatCpus(hc.nanoCpus));
    }
    if (hc.cpuShares > 0) {
        out.value("--cpu-shares", std::to_string(hc.cpuShares));
    }
    if (hc.cpuQuota > 0) {
        out.value("--cpu-quota", std::to_string(hc.cpuQuota));
    }
    if (hc.cpuPeriod > 0) {
        out.value("--cpu-period", std::to_string(hc.cpuPeriod));
    }
    out.nonEmpty("--cpuset-cpus", hc.cpusetCpus);
    out.nonEmpty("--cpuset-mems", hc.cpusetMems);
    if (hc.blkioWeight > 0) {
        out.value("--blkio-weight", std::to_string(hc.blkioWeight));
    }
    if (hc.pidsLimit && *hc.pidsLimit > 0) {
        out.value("--pids-limit", std::to_string(*hc.pidsLimit));
    }
    for (const auto& u : hc.ulimits) {
        out.value("--ulimit", u.name + "=" + std::to_string(u.soft) + ":" + std::to_string(u.hard));
    }
    if (hc.oomKillDisable.value_or(false)) {
        out.flag("--oom-kill-disable");
    }
    if (hc.oomScoreAdj != 0) {
        out.value("--oom-score-adj", std::to_string(hc.oomScoreAdj));
    }
    if (hc.shmSize > 0 && hc.shmSize != kDefaultShmSize) {
        out.value("--shm-size", formatBytes(hc.shmSize));
    }

    // json-file without options is the daemon default; anything else is written out, secrets redacted.
    const LogConfig& log = hc.logConfig;
    if (!log.type.empty() && !(log.type == "json-file" && log.config.empty())) {
        out.value("--log-driver", log.type);
        for (const auto& [k, v] : log.config) {
            out.redacted("--log-opt", k + "=" + v, k + "=" + SecretLikeness::redactValueOf(k, v));
        }
    }

    out.each("--dns", hc.dns);
    out.each("--dns-option", hc.dnsOptions);
    out.each("--dns-search", hc.dnsSearch);
    out.each("--add-host", hc.extraHosts);
    out.each("--group-add", hc.groupAdd);
    for (const auto& [k, v] : hc.sysctls) {
        out.value("--sysctl", k + "=" + v);
    }
    if (hc.init.value_or(false)) {
        out.flag("--init");
    }
    if (!hc.runtime.empty() && hc.runtime != "runc") {
        out.value("--runtime", hc.runtime);
    }
    for (const auto& l : hc.links) {
        out.value("--link", linkArgument(l));
    }
    if (!cfg.stopSignal.empty() && (img ? img->stopSignal != cfg.stopSignal : cfg.stopSignal != "SIGTERM")) {
        out.value("--stop-signal", cfg.stopSignal);
    }
    if (cfg.stopTimeout && (!img || img->stopTimeout != cfg.stopTimeout)) {
        out.value("--stop-timeout", std::to_string(*cfg.stopTimeout));
    }

    // Health: the daemon merges a partial override with the image's check, so only differing fields are
    // written and the rest is inherited again.
    if (cfg.healthcheck) {
        const Healthcheck& mine = *cfg.healthcheck;
        const Healthcheck* theirs = img && img->healthcheck ? &*img->healthcheck : nullptr;
        if (mine.isDisabled()) {
            if (!theirs || !theirs->isDisabled() || !img) {
                out.flag("--no-healthcheck");
            }
        } else {
            if (!mine.test.empty() && (!theirs || theirs->test != mine.test)) {
                const std::string line = healthCommand(mine.test);
                std::string safe = SecretLikeness::redactValues(line);
                if (auto words = shellSplit(line); words.ok()) {
                    const StringList redactedWords = SecretLikeness::redactArgs(words.value());
                    if (redactedWords != words.value()) {
                        safe = shellJoinPortable(redactedWords);
                    }
                }
                out.redacted("--health-cmd", line, safe);
            }
            const auto differs = [&](std::int64_t Healthcheck::*field) {
                return mine.*field != 0 && (!theirs || theirs->*field != mine.*field);
            };
            if (differs(&Healthcheck::intervalNs)) {
                out.value("--health-interval", formatDuration(mine.intervalNs));
            }
            if (differs(&Healthcheck::timeoutNs)) {
                out.value("--health-timeout", formatDuration(mine.timeoutNs));
            }
            if (mine.retries != 0 && (!theirs || theirs->retries != mine.retries)) {
                out.value("--health-retries", std::to_string(mine.retries));
            }
            if (differs(&Healthcheck::startPeriodNs)) {
                out.value("--health-start-period", formatDuration(mine.startPeriodNs));
            }
        }
    }
    if (cfg.tty) {
        out.flag("--tty");
    }
    if (cfg.openStdin) {
        out.flag("--interactive");
    }

    cmd.image = cfg.image.empty() ? container.imageId : cfg.image;
    if (!isImageReferenceWord(cmd.image) && isImageReferenceWord(container.imageId)) {
        // The container runs exactly this image, and its id cannot be read as an option.
        cmd.notes.push_back("The image reference \"" + visibleText(cmd.image.substr(0, 200)) +
                            "\" is not one the docker CLI accepts; the command names the image by its id.");
        cmd.image = container.imageId;
    }
    if (out.anyRedacted()) {
        cmd.notes.emplace_back(kRedactionNote);
    }
    if (!out.leftOut().empty()) {
        cmd.notes.push_back("Too long to repeat here, copy from `docker inspect` (for example into a --label-file or "
                            "--env-file): " +
                            join(out.leftOut(), ", ") + ".");
    }
    return cmd;
}

} // namespace drydock
