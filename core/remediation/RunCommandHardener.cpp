#include "core/remediation/RunCommandHardener.h"

#include "core/common/ShellQuote.h"
#include "core/common/Strings.h"
#include "core/model/CapabilitySpelling.h"
#include "core/model/SecurityOptSpelling.h"
#include "core/remediation/RunArgSyntax.h"
#include "core/remediation/RunFlagTable.h"
#include "core/remediation/SecretLikeness.h"

#include <algorithm>
#include <cstdlib>

namespace drydock {

namespace {

constexpr std::string_view kTmpTmpfs = "/tmp:rw,noexec,nosuid,size=64m";
// An absolute host directory: the 20.10 CLI rejects relative bind sources ("./secrets/x" is read as a volume
// name; only CLI 23+ resolves it), and an absolute path does not depend on where the command is pasted.
constexpr std::string_view kSecretsHostDir = "/srv/secrets/";
constexpr std::string_view kSecretsContainerDir = "/run/secrets/";

bool isOneOf(std::string_view text, std::initializer_list<std::string_view> set)
{
    return std::find(set.begin(), set.end(), text) != set.end();
}

bool isBooleanFlag(std::string_view flag)
{
    const RunFlag* row = findRunFlag(flag);
    return row && row->arity == RunFlagArity::None;
}

// Flags the CLI keeps only once (the last wins): adding one replaces the value instead of repeating it.
bool isSingleValued(std::string_view flag)
{
    const RunFlag* row = findRunFlag(flag);
    return row && row->arity == RunFlagArity::Single;
}

// The long form of a short flag a caller might still write ("-e" -> "--env"); a bare name gains "--".
std::string canonicalFlag(std::string flag)
{
    if (!flag.empty() && !startsWith(flag, "-")) {
        flag.insert(0, "--");
    }
    return longRunFlag(flag);
}

// Accepts "--cap-drop ALL" or "--cap-drop=ALL" written in the flag alone, as some callers render it.
RunEdit normalised(RunEdit edit)
{
    edit.flag = trim(edit.flag);
    const std::size_t split = edit.flag.find_first_of(" =");
    if (split != std::string::npos && edit.value.empty()) {
        edit.value = trim(edit.flag.substr(split + 1));
        edit.flag.resize(split);
    }
    edit.flag = canonicalFlag(edit.flag);
    return edit;
}

// Options of a repeatable flag that replace each other because they set the same thing.
std::string keyOf(std::string_view flag, std::string_view value)
{
    if (flag == "--security-opt") {
        const std::string c = canonicalSecurityOpt(value);
        const std::size_t eq = c.find('=');
        if (startsWith(c, "label=")) {
            const std::size_t colon = c.find(':', eq);
            return c.substr(0, colon); // label=user:…, label=type:… can be combined
        }
        return c.substr(0, eq);
    }
    if (isOneOf(flag, {"--env", "--label", "--log-opt", "--sysctl", "--ulimit"})) {
        return std::string(value.substr(0, value.find('=')));
    }
    if (flag == "--tmpfs") {
        return std::string(value.substr(0, value.find(':')));
    }
    if (isOneOf(flag, {"--cap-add", "--cap-drop"})) {
        return capabilityFlagValue(value);
    }
    return {};
}

bool valueMatches(std::string_view flag, std::string_view actual, std::string_view wanted)
{
    if (actual == wanted) {
        return true;
    }
    if (isOneOf(flag, {"--cap-add", "--cap-drop"})) {
        return sameCapability(actual, wanted);
    }
    if (flag == "--security-opt") {
        const std::string a = canonicalSecurityOpt(actual);
        const std::string w = canonicalSecurityOpt(wanted);
        // Rules quote the inlined profile JSON from inspect; the command holds the file the builder named
        // for it instead (see RunCommandBuilder), so any seccomp profile option matches.
        if (startsWith(w, "seccomp={")) {
            return startsWith(a, "seccomp=") && a != "seccomp=unconfined";
        }
        return a == w;
    }
    if (flag == "--device-cgroup-rule") {
        return split(trim(actual), ' ') == split(trim(wanted), ' ');
    }
    // A bare name matches the whole entry: --env NAME, --sysctl key, --device /dev/sda, --tmpfs /run.
    if (wanted.find('=') == std::string_view::npos &&
        (startsWith(actual, std::string(wanted) + "=") || startsWith(actual, std::string(wanted) + ":"))) {
        return true;
    }
    return false;
}

// "DB_PASSWORD" -> "db_password": the file name under /srv/secrets and /run/secrets.
std::string secretFileName(std::string_view name)
{
    std::string file;
    for (const char c : toLower(name)) {
        const bool ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-' || c == '.';
        file += ok ? c : '_';
    }
    return file.empty() || file[0] == '.' ? "secret" + file : file;
}

int lowestPort(std::string_view portKey)
{
    const std::string port(portKey.substr(0, portKey.find_first_of("/-")));
    return std::atoi(port.c_str());
}

// Applies edits to one command; every operation is a no-op when its result is already in place.
class Editor
{
public:
    explicit Editor(RunCommand& command) : m_cmd(command) {}

    void apply(const RunEdit& raw)
    {
        const RunEdit e = normalised(raw);
        switch (e.op) {
        case RunEdit::Op::AddFlag:
            addFlag(e.flag, e.value);
            break;
        case RunEdit::Op::RemoveFlag:
            if (!e.value.empty()) {
                removeValue(e.flag, e.value);
            } else {
                removeFlag(e.flag);
            }
            break;
        case RunEdit::Op::RemoveValue:
            removeValue(e.flag, e.value);
            break;
        case RunEdit::Op::RemoveMount:
            removeMount(e.value);
            break;
        case RunEdit::Op::ReadOnlyMount:
            readOnlyMount(e.value);
            break;
        case RunEdit::Op::BindPortToLoopback:
            bindToLoopback(e.value);
            break;
        case RunEdit::Op::RemovePort:
            removePort(e.value);
            break;
        case RunEdit::Op::ReplaceEnvSecret:
            replaceEnvSecret(e.value);
            break;
        }
    }

    // Drops the redaction and seccomp notes once the edits removed what they were about.
    void finish()
    {
        const auto holdsPlaceholder = [](const std::string& s) { return contains(s, kRedactedPlaceholder); };
        const bool any = std::any_of(m_cmd.options.begin(), m_cmd.options.end(),
                                     [&](const RunArg& a) { return holdsPlaceholder(a.value); }) ||
                         std::any_of(m_cmd.command.begin(), m_cmd.command.end(), holdsPlaceholder);
        if (!any) {
            m_cmd.notes.erase(
                std::remove(m_cmd.notes.begin(), m_cmd.notes.end(), std::string(kRedactionNote)),
                m_cmd.notes.end());
        }
        const bool profileFile = std::any_of(m_cmd.options.begin(), m_cmd.options.end(), [](const RunArg& a) {
            return a.flag == "--security-opt" &&
                   startsWith(canonicalSecurityOpt(a.value), "seccomp=./seccomp-");
        });
        if (!profileFile) {
            m_cmd.notes.erase(
                std::remove_if(m_cmd.notes.begin(), m_cmd.notes.end(),
                               [](const std::string& n) { return startsWith(n, kSeccompNotePrefix); }),
                m_cmd.notes.end());
        }
    }

private:
    std::vector<RunArg>& opts() { return m_cmd.options; }

    void note(std::string text, bool atFront = false)
    {
        if (std::find(m_cmd.notes.begin(), m_cmd.notes.end(), text) != m_cmd.notes.end()) {
            return;
        }
        m_cmd.notes.insert(atFront ? m_cmd.notes.begin() : m_cmd.notes.end(), std::move(text));
    }

    // New options go after the last one of the same flag, or where the builder would have written them, so
    // the hardened command reads like a freshly built one.
    void insert(RunArg arg)
    {
        auto pos = opts().end();
        for (auto it = opts().begin(); it != opts().end(); ++it) {
            if (it->flag == arg.flag) {
                pos = it + 1;
            }
        }
        if (pos == opts().end()) {
            const int rank = canonicalFlagRank(arg.flag);
            pos = std::find_if(opts().begin(), opts().end(),
                               [&](const RunArg& a) { return canonicalFlagRank(a.flag) > rank; });
        }
        opts().insert(pos, std::move(arg));
    }

    void setValue(const std::string& flag, const std::string& value)
    {
        bool done = false;
        for (auto it = opts().begin(); it != opts().end();) {
            if (it->flag != flag) {
                ++it;
            } else if (!done) {
                it->value = value;
                it->hasValue = true;
                done = true;
                ++it;
            } else {
                it = opts().erase(it);
            }
        }
        if (!done) {
            insert(RunArg{flag, value, true});
        }
    }

    void setKeyed(const std::string& flag, const std::string& value, const std::string& key)
    {
        bool done = false;
        for (auto it = opts().begin(); it != opts().end();) {
            if (it->flag != flag || keyOf(flag, it->value) != key) {
                ++it;
            } else if (!done) {
                it->value = value;
                done = true;
                ++it;
            } else {
                it = opts().erase(it);
            }
        }
        if (!done) {
            insert(RunArg{flag, value, true});
        }
    }

    bool hasValue(const std::string& flag, const std::string& value) const
    {
        return std::any_of(m_cmd.options.begin(), m_cmd.options.end(), [&](const RunArg& a) {
            return a.flag == flag && valueMatches(flag, a.value, value);
        });
    }

    void addFlag(const std::string& flag, const std::string& value)
    {
        if (flag == "--cap-drop" && capabilityFlagValue(value) == "ALL") {
            dropAllCapabilities();
            return;
        }
        if (flag == "--network") {
            joinNetwork(value);
            return;
        }
        if (flag == "--cap-drop" && hasValue("--cap-drop", "ALL")) {
            return; // already dropped with everything else
        }
        if (isBooleanFlag(flag)) {
            if (!m_cmd.hasFlag(flag)) {
                insert(RunArg{flag, {}, false});
            }
            if (flag == "--read-only") {
                ensureWritableTmp();
            } else if (flag == "--no-healthcheck") {
                for (const char* f : {"--health-cmd", "--health-interval", "--health-timeout",
                                      "--health-retries", "--health-start-period"}) {
                    removeFlag(f);
                }
            }
            return;
        }
        if (startsWith(flag, "--health-")) {
            removeFlag("--no-healthcheck"); // a probe and its opt-out cannot both stand
        }
        if (isSingleValued(flag)) {
            setValue(flag, value);
            if (flag == "--memory") {
                keepMemoryConsistent();
            }
            return;
        }
        const std::string key = keyOf(flag, value);
        if (!key.empty()) {
            setKeyed(flag, flag == "--cap-add" || flag == "--cap-drop" ? key : value, key);
            return;
        }
        if (!hasValue(flag, value)) {
            insert(RunArg{flag, value, true});
        }
    }

    // A new memory limit must stay above the reservation and below the swap limit, or docker refuses it.
    void keepMemoryConsistent()
    {
        const std::string memoryText = m_cmd.values("--memory").front();
        const std::int64_t memory = parseByteSize(memoryText);
        for (auto& o : opts()) {
            if (o.flag == "--memory-swap" && parseByteSize(o.value) != -1 && parseByteSize(o.value) < memory) {
                o.value = memoryText;
            } else if (o.flag == "--memory-reservation" && parseByteSize(o.value) > memory) {
                o.value = memoryText;
            }
        }
    }

    void ensureWritableTmp()
    {
        for (const auto& o : m_cmd.options) {
            if ((o.flag == "--tmpfs" && sameContainerPath(o.value.substr(0, o.value.find(':')), "/tmp")) ||
                (o.flag == "--volume" && sameContainerPath(VolumeArg::parse(o.value).target, "/tmp")) ||
                (o.flag == "--mount" && sameContainerPath(MountArg::parse(o.value).target(), "/tmp"))) {
                return;
            }
        }
        insert(RunArg{"--tmpfs", std::string(kTmpTmpfs), true});
    }

    // --cap-drop ALL replaces every other drop; explicit adds stay, and binding a port below 1024 inside the
    // container keeps working through NET_BIND_SERVICE.
    void dropAllCapabilities()
    {
        auto first = std::find_if(opts().begin(), opts().end(),
                                  [](const RunArg& a) { return a.flag == "--cap-drop"; });
        const bool present = first != opts().end();
        if (present) {
            first->value = "ALL";
            opts().erase(std::remove_if(first + 1, opts().end(),
                                        [](const RunArg& a) { return a.flag == "--cap-drop"; }),
                         opts().end());
        } else {
            insert(RunArg{"--cap-drop", "ALL", true});
        }
        if (needsLowPort() && !hasValue("--cap-add", "NET_BIND_SERVICE") && !hasValue("--cap-add", "ALL")) {
            insert(RunArg{"--cap-add", "NET_BIND_SERVICE", true});
        }
        if (!m_cmd.hasFlag("--user")) {
            note(
                "With --cap-drop ALL, a process that starts as root and then switches user or chowns files "
                "(as many official images do) also needs --cap-add SETUID --cap-add SETGID --cap-add CHOWN.");
        }
    }

    bool needsLowPort() const
    {
        StringList ports = m_cmd.exposedPorts;
        for (const auto& o : m_cmd.options) {
            if (o.flag == "--publish") {
                ports.push_back(PublishArg::parse(o.value).containerPort);
            } else if (o.flag == "--expose") {
                ports.push_back(o.value);
            }
        }
        return std::any_of(ports.begin(), ports.end(), [](const std::string& p) {
            const int port = lowestPort(p);
            return port > 0 && port < 1024;
        });
    }

    // `docker run` cannot create a network, so unless the container is already attached to it (a follow-up
    // connects it) a note at the front asks for `docker network create` first; the rendered text shows notes
    // before the command. A follow-up that connected the same network becomes the primary attachment
    // instead, keeping its aliases.
    void joinNetwork(const std::string& network)
    {
        const StringList current = m_cmd.values("--network");
        if (!current.empty() && current.front() == network) {
            return;
        }
        removeFlag("--network-alias"); // aliases belonged to the previous network
        setValue("--network", network);
        bool attached =
            isOneOf(network, {"bridge", "host", "none", "default"}) || startsWith(network, "container:");
        for (auto it = m_cmd.followUps.begin(); it != m_cmd.followUps.end(); ++it) {
            if (it->network != network) {
                continue;
            }
            for (const auto& alias : it->aliases) {
                insert(RunArg{"--network-alias", alias, true});
            }
            m_cmd.followUps.erase(it);
            attached = true;
            break;
        }
        if (!attached) {
            note("Create the network first: docker network create " +
                     std::string(startsWith(network, "-") ? "-- " : "") + shellQuote(network),
                 true);
        }
    }

    void removeFlag(const std::string& flag)
    {
        opts().erase(
            std::remove_if(opts().begin(), opts().end(), [&](const RunArg& a) { return a.flag == flag; }),
            opts().end());
        if (flag == "--network") {
            removeFlag("--network-alias"); // only valid on a user-defined network
        } else if (flag == "--log-driver") {
            removeFlag("--log-opt"); // options of the removed driver would be refused by the default one
        }
    }

    void removeValue(const std::string& flag, const std::string& value)
    {
        opts().erase(std::remove_if(opts().begin(), opts().end(),
                                    [&](const RunArg& a) {
                                        return a.flag == flag && valueMatches(flag, a.value, value);
                                    }),
                     opts().end());
    }

    void removeMount(const std::string& path)
    {
        opts().erase(std::remove_if(opts().begin(), opts().end(),
                                    [&](const RunArg& a) {
                                        if (a.flag == "--volume") {
                                            return sameContainerPath(VolumeArg::parse(a.value).target, path);
                                        }
                                        if (a.flag == "--mount") {
                                            return sameContainerPath(MountArg::parse(a.value).target(), path);
                                        }
                                        if (a.flag == "--tmpfs") {
                                            return sameContainerPath(a.value.substr(0, a.value.find(':')),
                                                                     path);
                                        }
                                        return false;
                                    }),
                     opts().end());
    }

    void readOnlyMount(const std::string& path)
    {
        bool found = false;
        bool anonymous = false;
        for (auto& o : opts()) {
            if (o.flag == "--volume") {
                VolumeArg v = VolumeArg::parse(o.value);
                if (!sameContainerPath(v.target, path)) {
                    continue;
                }
                found = true;
                if (v.source.empty()) {
                    anonymous = true;
                } else if (!v.isReadOnly()) {
                    v.setReadOnly();
                    o.value = v.text();
                }
            } else if (o.flag == "--mount") {
                MountArg m = MountArg::parse(o.value);
                if (!sameContainerPath(m.target(), path)) {
                    continue;
                }
                found = true;
                const std::string type = toLower(m.value({"type"}));
                if (type == "tmpfs") {
                    continue; // scratch space, as with --tmpfs below
                }
                if (m.source().empty() && (type.empty() || type == "volume")) {
                    anonymous = true;
                } else if (!m.isReadOnly()) {
                    m.setReadOnly();
                    o.value = m.text();
                }
            } else if (o.flag == "--tmpfs" && sameContainerPath(o.value.substr(0, o.value.find(':')), path)) {
                found = true; // a tmpfs is scratch space by design; making it read-only would only break it
            }
        }
        // The daemon refuses read-only anonymous volumes, and a VOLUME of the image is not on the command
        // line at all: only a person can decide to name the volume (and what it should start with).
        if (anonymous || (!found && !m_cmd.hasFlag("--volumes-from"))) {
            note("The anonymous volume at " + path +
                 " cannot be mounted read-only; name it (--volume NAME:" + path + ":ro) if it must be.");
        }
    }

    void bindToLoopback(const std::string& port)
    {
        const std::string key = normalisePortKey(port);
        for (auto& o : opts()) {
            if (o.flag != "--publish") {
                continue;
            }
            PublishArg p = PublishArg::parse(o.value);
            if (p.portKey() == key && p.isWildcard()) {
                p.hostIp = "127.0.0.1";
                o.value = p.text();
            }
        }
        // 0.0.0.0 and [::] bindings of one port both became the same loopback binding.
        std::vector<RunArg> unique;
        for (auto& o : opts()) {
            if (o.flag == "--publish" && std::find(unique.begin(), unique.end(), o) != unique.end()) {
                continue;
            }
            unique.push_back(std::move(o));
        }
        opts() = std::move(unique);
    }

    void removePort(const std::string& port)
    {
        const std::string key = normalisePortKey(port);
        opts().erase(std::remove_if(opts().begin(), opts().end(),
                                    [&](const RunArg& a) {
                                        return a.flag == "--publish" &&
                                               PublishArg::parse(a.value).portKey() == key;
                                    }),
                     opts().end());
    }

    // The value leaves the command; the application reads NAME_FILE from a read-only file mount instead.
    void replaceEnvSecret(const std::string& name)
    {
        if (name.empty()) {
            return;
        }
        const std::string file = secretFileName(name);
        const std::string inContainer = std::string(kSecretsContainerDir) + file;
        const std::string onHost = std::string(kSecretsHostDir) + file;
        auto first = opts().end();
        for (auto it = opts().begin(); it != opts().end(); ++it) {
            if (it->flag == "--env" && (it->value == name || startsWith(it->value, name + "="))) {
                first = it;
                break;
            }
        }
        const std::string fileEnv = name + "_FILE=" + inContainer;
        if (first != opts().end()) {
            first->value = fileEnv;
            removeValue("--env", name); // later duplicates of the same name
        }
        setKeyed("--env", fileEnv, name + "_FILE");
        const bool mounted = std::any_of(m_cmd.options.begin(), m_cmd.options.end(), [&](const RunArg& a) {
            return (a.flag == "--volume" &&
                    sameContainerPath(VolumeArg::parse(a.value).target, inContainer)) ||
                   (a.flag == "--mount" && sameContainerPath(MountArg::parse(a.value).target(), inContainer));
        });
        if (!mounted) {
            insert(RunArg{"--volume", onHost + ":" + inContainer + ":ro", true});
        }
        // A bind mount keeps the host file's owner: 600 owned by root would be unreadable to a non-root user.
        note("Put the secret for " + name + " in " + onHost +
             " (chmod 600, owned by the UID the container runs as); "
             "the application must read " +
             name + "_FILE.");
    }

    RunCommand& m_cmd;
};

std::string quoted(const std::string& flag, const std::string& value)
{
    return isBooleanFlag(flag) && value.empty() ? flag : flag + " " + shellQuote(value);
}

std::string portText(const std::string& port)
{
    const std::string key = normalisePortKey(port);
    return endsWith(key, "/tcp") ? key.substr(0, key.size() - 4) : key;
}

void pushUnique(std::vector<std::string>& list, std::string text)
{
    if (std::find(list.begin(), list.end(), text) == list.end()) {
        list.push_back(std::move(text));
    }
}

} // namespace

RunCommand RunCommandHardener::apply(RunCommand command, const std::vector<RunEdit>& edits) const
{
    Editor editor(command);
    for (const auto& e : edits) {
        editor.apply(e);
    }
    editor.finish();
    return command;
}

RunEdit normalisedEdit(RunEdit edit)
{
    return normalised(std::move(edit));
}

std::string secretFileNameFor(std::string_view envName)
{
    return secretFileName(envName);
}

void renderEditFlags(Remediation& remediation)
{
    remediation.addFlags.clear();
    remediation.removeFlags.clear();
    auto& add = remediation.addFlags;
    auto& remove = remediation.removeFlags;
    for (const auto& raw : remediation.edits) {
        const RunEdit e = normalised(raw);
        switch (e.op) {
        case RunEdit::Op::AddFlag: {
            const bool cap = e.flag == "--cap-add" || e.flag == "--cap-drop";
            pushUnique(add, quoted(e.flag, cap ? capabilityFlagValue(e.value) : e.value));
            break;
        }
        case RunEdit::Op::RemoveFlag:
        case RunEdit::Op::RemoveValue: {
            const bool cap = e.flag == "--cap-add" || e.flag == "--cap-drop";
            pushUnique(remove, e.value.empty()
                                   ? e.flag
                                   : quoted(e.flag, cap ? capabilityFlagValue(e.value) : e.value));
            break;
        }
        case RunEdit::Op::RemoveMount:
            // Described by the container path: the host side is whatever the container used.
            pushUnique(remove, "--volume …:" + shellQuote(e.value));
            break;
        case RunEdit::Op::ReadOnlyMount:
            pushUnique(add, "--volume …:" + shellQuote(e.value) + ":ro");
            break;
        case RunEdit::Op::BindPortToLoopback:
            pushUnique(remove, "--publish …:" + shellQuote(portText(e.value)));
            pushUnique(add, "--publish 127.0.0.1:…:" + shellQuote(portText(e.value)));
            break;
        case RunEdit::Op::RemovePort:
            pushUnique(remove, "--publish …:" + shellQuote(portText(e.value)));
            break;
        case RunEdit::Op::ReplaceEnvSecret: {
            const std::string file = secretFileName(e.value);
            pushUnique(remove, "--env " + shellQuote(e.value + "=…"));
            pushUnique(add,
                       "--env " + shellQuote(e.value + "_FILE=" + std::string(kSecretsContainerDir) + file));
            pushUnique(add, "--volume " + shellQuote(std::string(kSecretsHostDir) + file + ":" +
                                                     std::string(kSecretsContainerDir) + file + ":ro"));
            break;
        }
        }
    }
}

} // namespace drydock
