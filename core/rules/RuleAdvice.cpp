#include "core/rules/RuleAdvice.h"

#include <cctype>
#include <map>

namespace drydock {

namespace {

constexpr bool kApply = true;
constexpr bool kSkip = false;

const std::string kNothingBreaks =
    "Nothing Drydock knows of breaks for most applications; run the trial to be sure.";

// The risks are the hardening planner's own notes. Changes that are usually deliberate (privileged mode, host
// namespaces, added capabilities, published ports, seccomp/AppArmor profiles, secrets moved to files, and
// what the workload is there for: the Docker socket, a device, a host path) default to skip, so the one
// hardened command keeps the container working; a rule without an entry defaults to apply. Every rule that
// can be high or critical has an attacker line, and so do the common medium ones; the others fall back to
// their rationale's first sentence (attackerGainsLine).
const std::map<std::string, RuleAdvice, std::less<>>& adviceTable()
{
    static const std::map<std::string, RuleAdvice, std::less<>> table{
        // Container
        {"CTR-001",
         {kApply,
          "Files the application writes must be writable by the new UID (volumes owned by root refuse "
          "writes), "
          "and it can no longer bind ports below 1024 or change file ownership.",
          "The process runs as root: code that breaks into it owns the container and is one kernel bug away "
          "from root on the host."}},
        {"CTR-002",
         {kSkip,
          "Privileged mode is usually there for device or kernel access; without it such an application "
          "stops "
          "working. Find what it needs first.",
          "The container is privileged: anyone in it can mount the host's disks and load kernel modules, "
          "which "
          "is root on the host."}},
        {"CTR-003",
         {kSkip,
          "The capability was added on purpose; the feature that needs it (e.g. network administration) "
          "stops "
          "working without it.",
          "An added kernel capability lets code in the container reconfigure the host's network or kernel, "
          "or "
          "escape it."}},
        {"CTR-004",
         {kApply,
          "Processes that switch user, change file ownership or bind ports below 1024 need capabilities back "
          "(SETUID, SETGID, CHOWN, NET_BIND_SERVICE). Ports below 1024 are kept automatically.",
          "Docker's default capabilities let a compromised process spoof network packets, change file "
          "ownership and switch user."}},
        {"CTR-005",
         {kSkip, "Monitoring agents that must see host processes stop working.",
          "The host's PID namespace is shared: anyone in the container sees and can signal every process on "
          "the "
          "host."}},
        {"CTR-006",
         {kSkip, "Programs sharing memory with the host stop working.",
          "The host's IPC namespace is shared: anyone in the container reads and writes the host's shared "
          "memory."}},
        {"CTR-007",
         {kSkip, "The container gets its own hostname.",
          "The host's UTS namespace is shared: code in the container can rename the host."}},
        {"CTR-008",
         {kApply, "Files on volumes written by remapped containers may be owned by other UIDs.",
          "User-namespace remapping is off for this container: its root is the host's root."}},
        {"CTR-009",
         {kApply, "Tools that read the host's cgroup tree from inside stop working.",
          "The host's cgroup namespace is shared: the container sees the host's cgroup tree and its "
          "limits."}},
        {"CTR-010",
         {kSkip,
          "A sidecar shares the other container's network or processes on purpose (a VPN client, a proxy, a "
          "debugger): without it the sidecar reaches nothing it was put there for.",
          "Another container's namespace is shared: code that breaks into either container sees and reaches "
          "what the other does."}},
        {"CTR-011",
         {kSkip, "The program that uses the device stops working without it.",
          "A host device is passed in: anyone in the container reads or writes that device directly."}},
        {"CTR-012",
         {kSkip, "The application can no longer read or write the host path; find what it needs first.",
          "A sensitive host path is mounted: anyone in the container reads or changes the host's own "
          "files."}},
        {"CTR-013",
         {kSkip,
          "Tools that manage containers (CI runners, proxies, dashboards) stop working without the socket.",
          "The Docker socket is mounted: anyone in this container controls every container on the host."}},
        {"CTR-014",
         {kSkip, "The application can no longer write to the host directory.",
          "A host directory is mounted writable: anyone in the container can plant or change files on the "
          "host."}},
        {"CTR-015",
         {kApply, kNothingBreaks,
          "Mounts propagate between host and container: a mount made inside shows up on the host."}},
        {"CTR-016",
         {kApply, "Writes outside volumes and the tmpfs directories fail with 'Read-only file system'.",
          "The root file system is writable: an intruder can drop tools and change the application's files "
          "to "
          "stay."}},
        {"CTR-017",
         {kApply, "Programs that read the masked kernel paths stop working.",
          "Kernel paths are unmasked: anyone in the container reads and writes host kernel settings under "
          "/proc "
          "and /sys."}},
        {"CTR-018",
         {kApply, "The files that group grants access to become unreadable.",
          "A privileged group (docker, disk, root) gives the process access to files that control the "
          "host."}},
        {"CTR-021",
         {kApply, "The exec session is someone's deliberate action; close it and ask why it was needed.",
          "A root or privileged exec session runs in the container: whoever holds it has the container's "
          "full rights."}},
        {"CTR-022",
         {kApply, "People who log in over SSH must use docker exec instead.",
          "sshd runs in the container: a weak or leaked password is a shell inside it."}},
        // Host (fixed on the host by the reviewed --host-fix-script, never by the hardened command)
        {"HST-037",
         {kSkip, "Nothing changes for clients; only root can read the key afterwards, as the daemon does.",
          "The daemon's TLS key belongs to another user: whoever that is can impersonate this Docker API to "
          "every client."}},
        {"HST-038",
         {kSkip, "Nothing changes for clients; tools that read the key as another user stop working.",
          "The daemon's TLS key is readable by others: anyone on the host can copy it and impersonate this "
          "Docker API."}},
        {"HST-039",
         {kSkip,
          "Users who reach Docker through the socket's current owner must be in the docker group instead.",
          "The Docker socket belongs to someone other than root:docker: that user is root on this host."}},
        {"HST-040",
         {kSkip, "Users outside the docker group lose access to Docker (that is the point).",
          "Everyone on the host can write to the Docker socket: any local user or compromised service is "
          "root "
          "on this host."}},
        {"HST-047",
         {kSkip, "Nothing changes for Docker; other tools that used the socket as its current owner stop.",
          "The containerd socket belongs to someone other than root: that user controls every container and "
          "is "
          "root on this host."}},
        {"HST-048",
         {kSkip, "Tools outside root and the socket's group lose access to containerd (that is the point).",
          "Everyone on the host can use the containerd socket: any local user can start a privileged "
          "container "
          "and is root on this host."}},
        // Daemon
        {"DMN-001",
         {kSkip, "Remote clients must switch to TLS or SSH.",
          "The Docker API is reachable over plain TCP: anyone on the network is root on this host."}},
        {"DMN-002",
         {kSkip, "Remote clients need a client certificate.",
          "The Docker API takes TLS without client certificates: anyone who reaches the port is root on this "
          "host."}},
        {"DMN-003",
         {kSkip, "Containers that talk over the default bridge must move to a user-defined network.",
          "Containers on the default bridge reach each other: one compromised container attacks all the "
          "others."}},
        {"DMN-004",
         {kSkip, "Pulls from that registry fail until it serves valid TLS.",
          "An insecure registry is allowed: anyone on the path can swap the images this host pulls."}},
        {"DMN-006",
         {kSkip, "Volumes and bind mounts need their ownership remapped.",
          "Without user-namespace remapping or rootless mode, root in any container is root on the host."}},
        {"DMN-010",
         {kSkip, "System calls outside Docker's default profile fail.",
          "A weak daemon-wide seccomp setting leaves every container the whole kernel interface to attack."}},
        {"DMN-013",
         {kSkip, "An engine upgrade restarts the daemon (and its containers unless live restore is on).",
          "The engine no longer gets security fixes: every later Docker vulnerability stays open here."}},
        {"DMN-014",
         {kSkip, "A runc upgrade affects only containers started after it.",
          "runc leaks a host file descriptor (CVE-2024-21626): a crafted image or exec escapes to the "
          "host."}},
        // Image
        {"IMG-001",
         {kApply, kNothingBreaks,
          "The image starts as root: every container of it runs as root unless someone sets a user."}},
        {"IMG-008",
         {kApply, kNothingBreaks, "sudo in the image lets code in the container become root again."}},
        {"IMG-107",
         {kApply, kNothingBreaks,
          "A private key is stored in the image: anyone who pulls it reads the key."}},
        {"IMG-113",
         {kApply, "Rebuilding may pull newer package versions; test the image before deploying it.",
          "An installed package has a known vulnerability an attacker can look up and use."}},
        {"IMG-114",
         {kApply, kNothingBreaks,
          "A secret deleted in a later layer is still in the image: anyone who pulls it can extract it."}},
        // Network
        {"NET-001",
         {kSkip,
          "Host networking is usually there on purpose (discovery by broadcast or mDNS, many ports, a "
          "VPN or network tool): without it the application must publish its ports explicitly, and what "
          "relied on the host's network stops working.",
          "The container uses the host network: it reaches every host service and can listen on any host "
          "port."}},
        {"NET-003",
         {kSkip, "Clients on other machines can no longer reach the published port.",
          "A port is published on all interfaces: anyone on the network reaches the service."}},
        {"NET-005",
         {kSkip, "Ports not published explicitly are no longer reachable from the host.",
          "Every exposed port is published, including ones nobody meant to open."}},
        {"NET-006",
         {kSkip, "Clients on other machines can no longer reach the published port.",
          "A sensitive service port (database, admin, Docker API) is open to the whole network."}},
        {"NET-012",
         {kSkip, "Remote clients must switch to TLS or SSH.",
          "The daemon API is reached over TCP without TLS: anyone on the path can read and replay root-level "
          "commands."}},
        // Runtime
        {"RUN-001",
         {kSkip, "System calls outside Docker's default profile fail.",
          "Seccomp is off: code in the container can call every kernel system call, the usual escape "
          "route."}},
        {"RUN-002",
         {kSkip, "System calls outside Docker's default profile fail.",
          "A permissive seccomp profile leaves most of the kernel interface open to code in the container."}},
        {"RUN-003",
         {kSkip, "Fails to start on a host without AppArmor.",
          "No AppArmor profile: nothing limits which files and mounts code in the container can reach."}},
        {"RUN-004",
         {kApply, "Files on volumes may need relabelling (:z or :Z).",
          "SELinux labelling is off: nothing stops the container's processes from touching host files they "
          "can reach."}},
        {"RUN-005",
         {kApply, "setuid programs such as sudo or ping can no longer raise privileges.",
          "Privilege escalation is not blocked: a setuid program turns a foothold into root in the "
          "container."}},
        {"RUN-006",
         {kApply, "The container is killed (out of memory) if it needs more than the limit.",
          "No memory limit: a compromised or runaway process can take all the host's memory."}},
        {"RUN-007",
         {kApply, "The container can no longer use swap beyond its memory limit.",
          "Unlimited swap lets one container slow the whole host down."}},
        {"RUN-008",
         {kApply, "The container gets at most the CPU time of the limit under load.",
          "No CPU limit: one container can starve every other one of CPU."}},
        {"RUN-009",
         {kApply, "Creating more processes or threads than the limit fails.",
          "No PIDs limit: a fork bomb in the container fills the host's process table."}},
        {"RUN-010",
         {kApply, kNothingBreaks,
          "OOM protection is misused: under memory pressure the host kills other processes first."}},
        {"RUN-011",
         {kApply, "After the retry limit a crashing container stays stopped.",
          "An unbounded restart policy hides a crash loop and retries an attack forever."}},
        {"RUN-012",
         {kSkip,
          "The suggested probe is a guess: a wrong one marks a healthy container unhealthy. Check the "
          "command "
          "first.",
          {}}},
        {"RUN-014",
         {kApply, "Writes outside volumes and the tmpfs directories fail.",
          "System files were changed in the running container: an intruder may already have left something "
          "behind."}},
        {"RUN-015",
         {kApply, "Old log lines beyond the size limit are rotated away.",
          "Logs are off or unbounded: an attack leaves no trace, or the logs fill the host's disk."}},
        // Secrets
        {"SEC-001",
         {kSkip,
          "The application must read the secret from the file named in NAME_FILE; many do (official database "
          "images), others need a change first.",
          "A secret is in the container's environment: anyone who can inspect the container reads it in "
          "clear."}},
        {"SEC-002",
         {kApply, kNothingBreaks,
          "A secret is baked into the image's ENV: anyone who pulls the image reads it."}},
        {"SEC-003",
         {kApply, kNothingBreaks,
          "A secret is in the image's build history: anyone who pulls the image reads it with docker "
          "history."}},
        {"SEC-004",
         {kApply, kNothingBreaks,
          "A secret is in a label: anyone who can list containers or images reads it."}},
        {"SEC-005",
         {kApply, kNothingBreaks,
          "A secret is on the command line: anyone who can list processes or inspect the container reads "
          "it."}},
        {"SEC-006",
         {kApply, "Tools in the container that log in to registries or clouds stop working.",
          "A host credential store is mounted: anyone in the container takes the host's registry or cloud "
          "identity."}},
        {"SEC-009",
         {kSkip, "The service must read the secret from a Docker secret file instead.",
          "A swarm service's environment carries a secret: anyone who can inspect the service reads it."}},
        {"SEC-010",
         {kSkip, "The service must mount a Docker secret instead of the config.",
          "A secret is stored as a swarm config, which is not encrypted: anyone who can read configs reads "
          "it."}},
    };
    return table;
}

bool endsAbbreviation(std::string_view before)
{
    for (std::string_view abbreviation : {"e.g", "i.e", "etc", "vs", "cf"}) {
        if (before.size() >= abbreviation.size() &&
            before.substr(before.size() - abbreviation.size()) == abbreviation &&
            (before.size() == abbreviation.size() ||
             !std::isalpha(static_cast<unsigned char>(before[before.size() - abbreviation.size() - 1])))) {
            return true;
        }
    }
    return false;
}

} // namespace

const RuleAdvice& ruleAdvice(std::string_view ruleId)
{
    static const RuleAdvice unknown{kApply, kNothingBreaks, {}};
    const auto& table = adviceTable();
    const auto it = table.find(ruleId);
    return it != table.end() ? it->second : unknown;
}

std::string attackerGainsLine(std::string_view ruleId, std::string_view rationale)
{
    const RuleAdvice& advice = ruleAdvice(ruleId);
    return advice.attackerGains.empty() ? firstSentence(rationale) : advice.attackerGains;
}

std::string firstSentence(std::string_view text)
{
    for (std::size_t i = text.find(". "); i != std::string_view::npos; i = text.find(". ", i + 1)) {
        const std::size_t next = text.find_first_not_of(' ', i + 1);
        const bool capital =
            next != std::string_view::npos && std::isupper(static_cast<unsigned char>(text[next]));
        if (capital && !endsAbbreviation(text.substr(0, i))) {
            return std::string(text.substr(0, i + 1));
        }
    }
    return std::string(text);
}

} // namespace drydock
