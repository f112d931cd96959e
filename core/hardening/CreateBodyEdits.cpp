// The edits half of building a create body: each RunEdit applied to Config and HostConfig.
#include "core/hardening/detail/CreateBodyEdits.h"

#include "core/common/Strings.h"
#include "core/model/CapabilitySpelling.h"
#include "core/model/SecurityOptSpelling.h"
#include "core/remediation/RunArgSyntax.h"
#include "core/remediation/RunCommandHardener.h"

#include <algorithm>
#include <cstdlib>
#include <set>

namespace drydock::json {

namespace bodyparts {

Json& arrayAt(Json& parent, const char* key)
{
    Json& a = parent[key];
    if (!a.is_array()) {
        a = Json::array();
    }
    return a;
}

std::string str(const Json& j)
{
    return j.is_string() ? j.get<std::string>() : std::string();
}

std::string bindTarget(const std::string& bind)
{
    const StringList parts = split(bind, ':');
    return parts.size() >= 2 ? parts[1] : std::string();
}

std::string readOnlyBind(const std::string& bind)
{
    StringList parts = split(bind, ':');
    if (parts.size() < 2) {
        return bind;
    }
    if (parts.size() == 2) {
        return bind + ":ro";
    }
    StringList modes = split(parts[2], ',');
    modes.erase(std::remove_if(modes.begin(), modes.end(),
                               [](const std::string& m) { return m == "rw" || m == "ro"; }),
                modes.end());
    modes.push_back("ro");
    parts[2] = join(modes, ",");
    return join(parts, ":");
}

} // namespace bodyparts

namespace {

using namespace bodyparts;

constexpr std::string_view kTmpDefault = "rw,noexec,nosuid,size=64m";

bool isOneOf(std::string_view text, std::initializer_list<std::string_view> set)
{
    return std::find(set.begin(), set.end(), text) != set.end();
}

std::string normalisePort(std::string port)
{
    return port.find('/') == std::string::npos ? port + "/tcp" : toLower(port);
}

Json& objectAt(Json& parent, const char* key)
{
    Json& o = parent[key];
    if (!o.is_object()) {
        o = Json::object();
    }
    return o;
}

// Applies RunEdits to the Config and HostConfig of a create body, noting what it cannot apply.
class BodyEditor
{
public:
    BodyEditor(Json& config, Json& host, CreateBody& out) : m_config(config), m_host(host), m_out(out) {}

    // Returns false when the edit is not one this builder knows how to apply.
    bool apply(const RunEdit& raw)
    {
        const RunEdit e = normalisedEdit(raw);
        switch (e.op) {
        case RunEdit::Op::AddFlag:
            return addFlag(e.flag, e.value);
        case RunEdit::Op::RemoveFlag:
            return e.value.empty() ? removeFlag(e.flag) : removeValue(e.flag, e.value);
        case RunEdit::Op::RemoveValue:
            return removeValue(e.flag, e.value);
        case RunEdit::Op::RemoveMount:
            removeMount(e.value);
            return true;
        case RunEdit::Op::ReadOnlyMount:
            return readOnlyMount(e.value);
        case RunEdit::Op::BindPortToLoopback:
            bindToLoopback(normalisePort(e.value));
            return true;
        case RunEdit::Op::RemovePort:
            objectAt(m_host, "PortBindings").erase(normalisePort(e.value));
            return true;
        case RunEdit::Op::ReplaceEnvSecret:
            replaceEnvSecret(e.value);
            return true;
        }
        return false;
    }

    static bool knows(const RunEdit& raw)
    {
        const RunEdit e = normalisedEdit(raw);
        switch (e.op) {
        case RunEdit::Op::AddFlag:
            return isOneOf(e.flag, {"--user", "--cap-drop", "--cap-add", "--read-only", "--tmpfs",
                                    "--security-opt", "--memory", "--memory-swap", "--cpus", "--pids-limit",
                                    "--restart", "--log-opt", "--health-cmd", "--cgroupns", "--ipc"});
        case RunEdit::Op::RemoveFlag:
            if (!e.value.empty()) {
                return isOneOf(e.flag, {"--cap-add", "--cap-drop", "--security-opt", "--sysctl",
                                        "--group-add", "--device"});
            }
            return isOneOf(e.flag, {"--privileged", "--pid", "--ipc", "--uts", "--userns", "--cgroupns",
                                    "--memory-swap", "--pids-limit", "--restart", "--publish-all",
                                    "--no-healthcheck", "--oom-kill-disable", "--oom-score-adj", "--link",
                                    "--cgroup-parent", "--log-driver"});
        case RunEdit::Op::RemoveValue:
            return isOneOf(
                e.flag, {"--cap-add", "--cap-drop", "--security-opt", "--sysctl", "--group-add", "--device"});
        default:
            return true;
        }
    }

    void finish()
    {
        // Secrets go in before start; with a read-only root the only writable place is a volume.
        if (!m_out.secretFiles.empty() && m_host.value("ReadonlyRootfs", false)) {
            Json mount = {{"Type", "volume"}, {"Target", std::string(kSecretsDir)}, {"ReadOnly", false}};
            arrayAt(m_host, "Mounts").push_back(mount);
            for (auto& f : m_out.secretFiles) {
                f.intoVolume = true;
            }
            m_out.notes.push_back(
                "The root filesystem is read-only, so the secret files live in an anonymous "
                "volume at /run/secrets; it stays when the container is removed.");
        }
    }

private:
    bool addFlag(const std::string& flag, const std::string& value)
    {
        if (flag == "--user") {
            m_config["User"] = value;
        } else if (flag == "--cap-drop") {
            Json& drop = arrayAt(m_host, "CapDrop");
            if (capabilityFlagValue(value) == "ALL") {
                drop = Json::array({"ALL"});
            } else if (!hasCap(drop, value)) {
                drop.push_back(capabilityFlagValue(value));
            }
        } else if (flag == "--cap-add") {
            Json& add = arrayAt(m_host, "CapAdd");
            if (!hasCap(add, value)) {
                add.push_back(capabilityFlagValue(value));
            }
        } else if (flag == "--read-only") {
            m_host["ReadonlyRootfs"] = true;
            ensureTmp();
        } else if (flag == "--tmpfs") {
            const std::size_t colon = value.find(':');
            objectAt(m_host, "Tmpfs")[value.substr(0, colon)] =
                colon == std::string::npos ? std::string() : value.substr(colon + 1);
        } else if (flag == "--security-opt") {
            Json& opts = arrayAt(m_host, "SecurityOpt");
            const std::string key = securityOptKey(value);
            Json kept = Json::array();
            for (const auto& o : opts) {
                if (securityOptKey(str(o)) != key || startsWith(key, "label")) {
                    kept.push_back(o);
                }
            }
            kept.push_back(canonicalSecurityOpt(value));
            opts = kept;
        } else if (flag == "--memory") {
            const std::int64_t memory = parseByteSize(value);
            m_host["Memory"] = memory;
            const std::int64_t swap = m_host.value("MemorySwap", std::int64_t{0});
            if (swap > 0 && swap < memory) {
                m_host["MemorySwap"] = memory;
            }
            if (m_host.value("MemoryReservation", std::int64_t{0}) > memory) {
                m_host["MemoryReservation"] = memory;
            }
        } else if (flag == "--memory-swap") {
            m_host["MemorySwap"] = value == "-1" ? std::int64_t{-1} : parseByteSize(value);
        } else if (flag == "--cpus") {
            m_host["NanoCpus"] =
                static_cast<std::int64_t>(std::llround(std::strtod(value.c_str(), nullptr) * 1e9));
        } else if (flag == "--pids-limit") {
            m_host["PidsLimit"] = std::strtoll(value.c_str(), nullptr, 10);
        } else if (flag == "--restart") {
            const std::size_t colon = value.find(':');
            Json policy = {{"Name", value.substr(0, colon)}, {"MaximumRetryCount", 0}};
            if (colon != std::string::npos) {
                policy["MaximumRetryCount"] = std::atoi(value.c_str() + colon + 1);
            }
            m_host["RestartPolicy"] = policy;
        } else if (flag == "--log-opt") {
            Json& log = objectAt(m_host, "LogConfig");
            const std::size_t eq = value.find('=');
            objectAt(log, "Config")[value.substr(0, eq)] =
                eq == std::string::npos ? "" : value.substr(eq + 1);
        } else if (flag == "--cgroupns") {
            m_host["CgroupnsMode"] = value;
        } else if (flag == "--ipc") {
            m_host["IpcMode"] = value;
        } else if (flag == "--health-cmd") {
            Json& health = objectAt(m_config, "Healthcheck");
            health["Test"] = Json::array({"CMD-SHELL", value});
        } else {
            return false;
        }
        return true;
    }

    static bool hasCap(const Json& list, const std::string& cap)
    {
        return std::any_of(list.begin(), list.end(),
                           [&](const Json& c) { return sameCapability(str(c), cap); });
    }

    void ensureTmp()
    {
        if (m_host.contains("Tmpfs") && m_host["Tmpfs"].is_object() && m_host["Tmpfs"].contains("/tmp")) {
            return;
        }
        for (const auto& b : m_host.value("Binds", Json::array())) {
            if (sameContainerPath(bindTarget(str(b)), "/tmp")) {
                return;
            }
        }
        for (const auto& m : m_host.value("Mounts", Json::array())) {
            if (m.is_object() && sameContainerPath(str(m.value("Target", Json())), "/tmp")) {
                return;
            }
        }
        objectAt(m_host, "Tmpfs")["/tmp"] = std::string(kTmpDefault);
    }

    // --privileged, --pid host and --ipc host make the daemon add label=disable to SecurityOpt by itself, so
    // the inspect shows it as if it had been asked for. Once none of them is left, it goes too: kept, it
    // would silently leave SELinux labelling off in the hardened container (#17).
    void dropImplicitLabelDisable()
    {
        if (m_host.value("Privileged", false) == true || str(m_host.value("PidMode", Json())) == "host" ||
            str(m_host.value("IpcMode", Json())) == "host" || !m_host.contains("SecurityOpt") ||
            !m_host["SecurityOpt"].is_array()) {
            return;
        }
        Json kept = Json::array();
        for (const auto& o : m_host["SecurityOpt"]) {
            if (canonicalSecurityOpt(str(o)) != "label=disable") {
                kept.push_back(o);
            }
        }
        m_host["SecurityOpt"] = std::move(kept);
    }

    bool removeFlag(const std::string& flag)
    {
        if (flag == "--privileged") {
            m_host["Privileged"] = false;
            dropImplicitLabelDisable();
        } else if (flag == "--pid") {
            m_host["PidMode"] = "";
            dropImplicitLabelDisable();
        } else if (flag == "--ipc") {
            m_host["IpcMode"] = "private";
            dropImplicitLabelDisable();
        } else if (flag == "--uts") {
            m_host["UTSMode"] = "";
        } else if (flag == "--userns") {
            m_host["UsernsMode"] = "";
        } else if (flag == "--cgroupns") {
            m_host["CgroupnsMode"] = "private";
        } else if (flag == "--memory-swap") {
            m_host["MemorySwap"] = 0;
        } else if (flag == "--pids-limit") {
            m_host["PidsLimit"] = nullptr;
        } else if (flag == "--restart") {
            m_host["RestartPolicy"] = {{"Name", "no"}, {"MaximumRetryCount", 0}};
        } else if (flag == "--publish-all") {
            m_host["PublishAllPorts"] = false;
        } else if (flag == "--no-healthcheck") {
            m_config.erase("Healthcheck");
        } else if (flag == "--oom-kill-disable") {
            m_host["OomKillDisable"] = false;
        } else if (flag == "--oom-score-adj") {
            m_host["OomScoreAdj"] = 0;
        } else if (flag == "--link") {
            m_host["Links"] = Json::array();
        } else if (flag == "--cgroup-parent") {
            m_host["CgroupParent"] = "";
        } else if (flag == "--log-driver") {
            m_host["LogConfig"] = {{"Type", ""}, {"Config", Json::object()}};
        } else {
            return false;
        }
        return true;
    }

    bool removeValue(const std::string& flag, const std::string& value)
    {
        const auto eraseIf = [](Json& list, auto pred) {
            Json kept = Json::array();
            for (const auto& item : list) {
                if (!pred(item)) {
                    kept.push_back(item);
                }
            }
            list = kept;
        };
        if (flag == "--cap-add" || flag == "--cap-drop") {
            eraseIf(arrayAt(m_host, flag == "--cap-add" ? "CapAdd" : "CapDrop"),
                    [&](const Json& c) { return sameCapability(str(c), value); });
        } else if (flag == "--security-opt") {
            const std::string wanted = canonicalSecurityOpt(value);
            eraseIf(arrayAt(m_host, "SecurityOpt"), [&](const Json& o) {
                const std::string actual = canonicalSecurityOpt(str(o));
                // An inlined seccomp profile is matched by kind, as the run-command hardener does.
                if (startsWith(wanted, "seccomp={")) {
                    return startsWith(actual, "seccomp=") && actual != "seccomp=unconfined";
                }
                return actual == wanted;
            });
        } else if (flag == "--sysctl") {
            objectAt(m_host, "Sysctls").erase(value.substr(0, value.find('=')));
        } else if (flag == "--group-add") {
            eraseIf(arrayAt(m_host, "GroupAdd"), [&](const Json& g) { return str(g) == value; });
        } else if (flag == "--device") {
            const std::string path = value.substr(0, value.find(':'));
            eraseIf(arrayAt(m_host, "Devices"), [&](const Json& d) {
                return d.is_object() && str(d.value("PathOnHost", Json())) == path;
            });
        } else {
            return false;
        }
        return true;
    }

    void removeMount(const std::string& path)
    {
        Json kept = Json::array();
        for (const auto& b : m_host.value("Binds", Json::array())) {
            if (!sameContainerPath(bindTarget(str(b)), path)) {
                kept.push_back(b);
            }
        }
        m_host["Binds"] = kept;
        Json mounts = Json::array();
        for (const auto& m : m_host.value("Mounts", Json::array())) {
            if (!(m.is_object() && sameContainerPath(str(m.value("Target", Json())), path))) {
                mounts.push_back(m);
            }
        }
        m_host["Mounts"] = mounts;
        if (m_host.contains("Tmpfs") && m_host["Tmpfs"].is_object()) {
            m_host["Tmpfs"].erase(path);
        }
    }

    bool readOnlyMount(const std::string& path)
    {
        bool found = false;
        for (auto& b : arrayAt(m_host, "Binds")) {
            if (sameContainerPath(bindTarget(str(b)), path)) {
                b = readOnlyBind(str(b));
                found = true;
            }
        }
        for (auto& m : arrayAt(m_host, "Mounts")) {
            if (m.is_object() && sameContainerPath(str(m.value("Target", Json())), path) &&
                str(m.value("Type", Json())) != "tmpfs") {
                m["ReadOnly"] = true;
                found = true;
            }
        }
        return found;
    }

    void bindToLoopback(const std::string& port)
    {
        Json& bindings = objectAt(m_host, "PortBindings");
        if (!bindings.contains(port) || !bindings[port].is_array()) {
            return;
        }
        Json out = Json::array();
        std::set<std::string> seen;
        for (auto b : bindings[port]) {
            const std::string ip = str(b.value("HostIp", Json()));
            if (ip.empty() || ip == "0.0.0.0" || ip == "::") {
                b["HostIp"] = "127.0.0.1";
            }
            const std::string key = str(b.value("HostIp", Json())) + "|" + str(b.value("HostPort", Json()));
            if (seen.insert(key).second) {
                out.push_back(b);
            }
        }
        bindings[port] = out;
    }

    void replaceEnvSecret(const std::string& name)
    {
        if (name.empty()) {
            return;
        }
        Json& env = arrayAt(m_config, "Env");
        Json kept = Json::array();
        std::optional<std::string> value;
        for (const auto& e : env) {
            const std::string entry = str(e);
            if (entry == name || startsWith(entry, name + "=")) {
                if (!value && entry.size() > name.size()) {
                    value = entry.substr(name.size() + 1);
                }
                continue;
            }
            if (!startsWith(entry, name + "_FILE=")) {
                kept.push_back(e);
            }
        }
        const std::string file = secretFileNameFor(name);
        kept.push_back(name + "_FILE=" + std::string(kSecretsDir) + "/" + file);
        env = kept;
        if (value) {
            m_out.secretFiles.push_back({name, std::string(kSecretsDir), file, *value, false});
        }
    }

    Json& m_config;
    Json& m_host;
    CreateBody& m_out;
};

} // namespace

namespace bodyparts {

void applyEdits(Json& config, Json& host, CreateBody& out, const std::vector<RunEdit>& edits)
{
    BodyEditor editor(config, host, out);
    for (const auto& e : edits) {
        if (!editor.apply(e)) {
            const RunEdit n = normalisedEdit(e);
            out.unsupported.push_back(trim(n.flag + " " + n.value));
        }
    }
    editor.finish();
}

} // namespace bodyparts

bool isAutomaticEdit(const RunEdit& edit)
{
    return BodyEditor::knows(edit);
}

} // namespace drydock::json
