#include "core/remediation/RunFlagTable.h"

#include <algorithm>
#include <array>

namespace drydock {

namespace {

// Short names that keep each row on one line.
constexpr RunFlagArity kSwitch = RunFlagArity::None;
constexpr RunFlagArity kOne = RunFlagArity::Single;
constexpr RunFlagArity kMany = RunFlagArity::Repeated;
constexpr bool kBuilt = true; // RunFlag::builderWrites
constexpr bool kNotBuilt = false;
using enum ComposeForm;

// Checked against `docker run --help` of Debian's docker.io 20.10 (tests/core/TestRunFlagTable.cpp keeps
// the check). The order of the first part is RunCommandBuilder's, which ComposeSnippet follows too; compose
// keys follow the compose specification, which has no key for --rm, --publish-all or --cpuset-mems.
// --network takes one value here: a 20.10 daemon attaches a new container to one network, and the builder
// writes the others as `docker network connect` follow-ups.
constexpr std::array kRunFlags = std::to_array<RunFlag>({
    {"--detach", 'd', kSwitch, kBuilt, Implied, ""},
    {"--name", 0, kOne, kBuilt, Text, "container_name"},
    {"--hostname", 'h', kOne, kBuilt, Text, "hostname"},
    {"--domainname", 0, kOne, kBuilt, Text, "domainname"},
    {"--user", 'u', kOne, kBuilt, Text, "user"},
    {"--workdir", 'w', kOne, kBuilt, Text, "working_dir"},
    {"--entrypoint", 0, kOne, kBuilt, Block, "entrypoint"},
    {"--env", 'e', kMany, kBuilt, List, "environment"},
    {"--label", 'l', kMany, kBuilt, List, "labels"},
    {"--restart", 0, kOne, kBuilt, Text, "restart"},
    {"--rm", 0, kSwitch, kBuilt, NoEquivalent, ""},
    {"--privileged", 0, kSwitch, kBuilt, True, "privileged"},
    {"--read-only", 0, kSwitch, kBuilt, True, "read_only"},
    {"--cap-add", 0, kMany, kBuilt, List, "cap_add"},
    {"--cap-drop", 0, kMany, kBuilt, List, "cap_drop"},
    {"--security-opt", 0, kMany, kBuilt, List, "security_opt"},
    {"--pid", 0, kOne, kBuilt, Text, "pid"},
    {"--ipc", 0, kOne, kBuilt, Text, "ipc"},
    {"--uts", 0, kOne, kBuilt, Text, "uts"},
    {"--userns", 0, kOne, kBuilt, Text, "userns_mode"},
    {"--cgroupns", 0, kOne, kBuilt, Text, "cgroup"},
    {"--network", 0, kOne, kBuilt, Block, "networks"},
    {"--network-alias", 0, kMany, kBuilt, Block, "networks"},
    {"--publish", 'p', kMany, kBuilt, List, "ports"},
    {"--publish-all", 'P', kSwitch, kBuilt, NoEquivalent, ""},
    {"--expose", 0, kMany, kBuilt, List, "expose"},
    {"--volume", 'v', kMany, kBuilt, Block, "volumes"},
    {"--mount", 0, kMany, kBuilt, Block, "volumes"},
    {"--tmpfs", 0, kMany, kBuilt, List, "tmpfs"},
    {"--volumes-from", 0, kMany, kBuilt, Block, "volumes_from"},
    {"--device", 0, kMany, kBuilt, List, "devices"},
    {"--device-cgroup-rule", 0, kMany, kBuilt, List, "device_cgroup_rules"},
    {"--gpus", 0, kMany, kBuilt, Block, "deploy"},
    {"--cgroup-parent", 0, kOne, kBuilt, Text, "cgroup_parent"},
    {"--memory", 'm', kOne, kBuilt, Text, "mem_limit"},
    {"--memory-swap", 0, kOne, kBuilt, Number, "memswap_limit"},
    {"--memory-reservation", 0, kOne, kBuilt, Text, "mem_reservation"},
    {"--cpus", 0, kOne, kBuilt, Number, "cpus"},
    {"--cpu-shares", 'c', kOne, kBuilt, Number, "cpu_shares"},
    {"--cpu-quota", 0, kOne, kBuilt, Number, "cpu_quota"},
    {"--cpu-period", 0, kOne, kBuilt, Number, "cpu_period"},
    {"--cpuset-cpus", 0, kOne, kBuilt, Text, "cpuset"},
    {"--cpuset-mems", 0, kOne, kBuilt, NoEquivalent, ""},
    {"--blkio-weight", 0, kOne, kBuilt, Block, "blkio_config"},
    {"--pids-limit", 0, kOne, kBuilt, Number, "pids_limit"},
    {"--ulimit", 0, kMany, kBuilt, Block, "ulimits"},
    {"--oom-kill-disable", 0, kSwitch, kBuilt, True, "oom_kill_disable"},
    {"--oom-score-adj", 0, kOne, kBuilt, Number, "oom_score_adj"},
    {"--shm-size", 0, kOne, kBuilt, Text, "shm_size"},
    {"--log-driver", 0, kOne, kBuilt, Block, "logging"},
    {"--log-opt", 0, kMany, kBuilt, Block, "logging"},
    {"--dns", 0, kMany, kBuilt, List, "dns"},
    {"--dns-option", 0, kMany, kBuilt, List, "dns_opt"},
    {"--dns-search", 0, kMany, kBuilt, List, "dns_search"},
    {"--add-host", 0, kMany, kBuilt, List, "extra_hosts"},
    {"--group-add", 0, kMany, kBuilt, List, "group_add"},
    {"--sysctl", 0, kMany, kBuilt, List, "sysctls"},
    {"--init", 0, kSwitch, kBuilt, True, "init"},
    {"--runtime", 0, kOne, kBuilt, Text, "runtime"},
    {"--link", 0, kMany, kBuilt, List, "external_links"},
    {"--stop-signal", 0, kOne, kBuilt, Text, "stop_signal"},
    {"--stop-timeout", 0, kOne, kBuilt, Block, "stop_grace_period"},
    {"--no-healthcheck", 0, kSwitch, kBuilt, Block, "healthcheck"},
    {"--health-cmd", 0, kOne, kBuilt, Block, "healthcheck"},
    {"--health-interval", 0, kOne, kBuilt, Block, "healthcheck"},
    {"--health-timeout", 0, kOne, kBuilt, Block, "healthcheck"},
    {"--health-retries", 0, kOne, kBuilt, Block, "healthcheck"},
    {"--health-start-period", 0, kOne, kBuilt, Block, "healthcheck"},
    {"--tty", 't', kSwitch, kBuilt, True, "tty"},
    {"--interactive", 'i', kSwitch, kBuilt, True, "stdin_open"},
    // Flags the builder never writes; ComposeSnippet notes them as having no equivalent.
    {"--attach", 'a', kMany, kNotBuilt, NoEquivalent, ""},
    {"--blkio-weight-device", 0, kMany, kNotBuilt, NoEquivalent, ""},
    {"--cidfile", 0, kOne, kNotBuilt, NoEquivalent, ""},
    {"--cpu-rt-period", 0, kOne, kNotBuilt, NoEquivalent, ""},
    {"--cpu-rt-runtime", 0, kOne, kNotBuilt, NoEquivalent, ""},
    {"--detach-keys", 0, kOne, kNotBuilt, NoEquivalent, ""},
    {"--device-read-bps", 0, kMany, kNotBuilt, NoEquivalent, ""},
    {"--device-read-iops", 0, kMany, kNotBuilt, NoEquivalent, ""},
    {"--device-write-bps", 0, kMany, kNotBuilt, NoEquivalent, ""},
    {"--device-write-iops", 0, kMany, kNotBuilt, NoEquivalent, ""},
    {"--disable-content-trust", 0, kSwitch, kNotBuilt, NoEquivalent, ""},
    {"--env-file", 0, kMany, kNotBuilt, NoEquivalent, ""},
    {"--help", 0, kSwitch, kNotBuilt, NoEquivalent, ""},
    {"--ip", 0, kOne, kNotBuilt, NoEquivalent, ""},
    {"--ip6", 0, kOne, kNotBuilt, NoEquivalent, ""},
    {"--isolation", 0, kOne, kNotBuilt, NoEquivalent, ""},
    {"--kernel-memory", 0, kOne, kNotBuilt, NoEquivalent, ""},
    {"--label-file", 0, kMany, kNotBuilt, NoEquivalent, ""},
    {"--link-local-ip", 0, kMany, kNotBuilt, NoEquivalent, ""},
    {"--mac-address", 0, kOne, kNotBuilt, NoEquivalent, ""},
    {"--memory-swappiness", 0, kOne, kNotBuilt, NoEquivalent, ""},
    {"--platform", 0, kOne, kNotBuilt, NoEquivalent, ""},
    {"--pull", 0, kOne, kNotBuilt, NoEquivalent, ""},
    {"--sig-proxy", 0, kSwitch, kNotBuilt, NoEquivalent, ""},
    {"--storage-opt", 0, kMany, kNotBuilt, NoEquivalent, ""},
    {"--volume-driver", 0, kOne, kNotBuilt, NoEquivalent, ""},
});

} // namespace

std::span<const RunFlag> runFlags()
{
    return kRunFlags;
}

const RunFlag* findRunFlag(std::string_view flag)
{
    const bool isShort = flag.size() == 2 && flag[0] == '-' && flag[1] != '-';
    const auto it = std::find_if(kRunFlags.begin(), kRunFlags.end(), [&](const RunFlag& f) {
        return isShort ? f.shortName != 0 && f.shortName == flag[1] : f.name == flag;
    });
    return it == kRunFlags.end() ? nullptr : &*it;
}

std::string longRunFlag(std::string_view flag)
{
    const bool isShort = flag.size() == 2 && flag[0] == '-' && flag[1] != '-';
    const RunFlag* row = isShort ? findRunFlag(flag) : nullptr;
    return std::string(row ? row->name : flag);
}

} // namespace drydock
