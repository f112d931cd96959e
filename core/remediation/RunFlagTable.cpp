#include "core/remediation/RunFlagTable.h"

#include <algorithm>
#include <array>

namespace drydock {

namespace {

// Checked against `docker run --help` of Debian's docker.io 20.10 (tests/core/TestRunFlagTable.cpp keeps
// the check). The order of the first part is RunCommandBuilder's, which ComposeSnippet follows too; compose
// keys follow the compose specification, which has no key for --rm, --publish-all or --cpuset-mems.
// --network takes one value here: a 20.10 daemon attaches a new container to one network, and the builder
// writes the others as `docker network connect` follow-ups.
constexpr std::array kRunFlags = std::to_array<RunFlag>({
    {"--detach", 'd', RunFlagArity::None, true, ComposeForm::Implied, ""},
    {"--name", 0, RunFlagArity::Single, true, ComposeForm::Text, "container_name"},
    {"--hostname", 'h', RunFlagArity::Single, true, ComposeForm::Text, "hostname"},
    {"--domainname", 0, RunFlagArity::Single, true, ComposeForm::Text, "domainname"},
    {"--user", 'u', RunFlagArity::Single, true, ComposeForm::Text, "user"},
    {"--workdir", 'w', RunFlagArity::Single, true, ComposeForm::Text, "working_dir"},
    {"--entrypoint", 0, RunFlagArity::Single, true, ComposeForm::Block, "entrypoint"},
    {"--env", 'e', RunFlagArity::Repeated, true, ComposeForm::List, "environment"},
    {"--label", 'l', RunFlagArity::Repeated, true, ComposeForm::List, "labels"},
    {"--restart", 0, RunFlagArity::Single, true, ComposeForm::Text, "restart"},
    {"--rm", 0, RunFlagArity::None, true, ComposeForm::NoEquivalent, ""},
    {"--privileged", 0, RunFlagArity::None, true, ComposeForm::True, "privileged"},
    {"--read-only", 0, RunFlagArity::None, true, ComposeForm::True, "read_only"},
    {"--cap-add", 0, RunFlagArity::Repeated, true, ComposeForm::List, "cap_add"},
    {"--cap-drop", 0, RunFlagArity::Repeated, true, ComposeForm::List, "cap_drop"},
    {"--security-opt", 0, RunFlagArity::Repeated, true, ComposeForm::List, "security_opt"},
    {"--pid", 0, RunFlagArity::Single, true, ComposeForm::Text, "pid"},
    {"--ipc", 0, RunFlagArity::Single, true, ComposeForm::Text, "ipc"},
    {"--uts", 0, RunFlagArity::Single, true, ComposeForm::Text, "uts"},
    {"--userns", 0, RunFlagArity::Single, true, ComposeForm::Text, "userns_mode"},
    {"--cgroupns", 0, RunFlagArity::Single, true, ComposeForm::Text, "cgroup"},
    {"--network", 0, RunFlagArity::Single, true, ComposeForm::Block, "networks"},
    {"--network-alias", 0, RunFlagArity::Repeated, true, ComposeForm::Block, "networks"},
    {"--publish", 'p', RunFlagArity::Repeated, true, ComposeForm::List, "ports"},
    {"--publish-all", 'P', RunFlagArity::None, true, ComposeForm::NoEquivalent, ""},
    {"--expose", 0, RunFlagArity::Repeated, true, ComposeForm::List, "expose"},
    {"--volume", 'v', RunFlagArity::Repeated, true, ComposeForm::Block, "volumes"},
    {"--mount", 0, RunFlagArity::Repeated, true, ComposeForm::Block, "volumes"},
    {"--tmpfs", 0, RunFlagArity::Repeated, true, ComposeForm::List, "tmpfs"},
    {"--volumes-from", 0, RunFlagArity::Repeated, true, ComposeForm::Block, "volumes_from"},
    {"--device", 0, RunFlagArity::Repeated, true, ComposeForm::List, "devices"},
    {"--device-cgroup-rule", 0, RunFlagArity::Repeated, true, ComposeForm::List, "device_cgroup_rules"},
    {"--gpus", 0, RunFlagArity::Repeated, true, ComposeForm::Block, "deploy"},
    {"--cgroup-parent", 0, RunFlagArity::Single, true, ComposeForm::Text, "cgroup_parent"},
    {"--memory", 'm', RunFlagArity::Single, true, ComposeForm::Text, "mem_limit"},
    {"--memory-swap", 0, RunFlagArity::Single, true, ComposeForm::Number, "memswap_limit"},
    {"--memory-reservation", 0, RunFlagArity::Single, true, ComposeForm::Text, "mem_reservation"},
    {"--cpus", 0, RunFlagArity::Single, true, ComposeForm::Number, "cpus"},
    {"--cpu-shares", 'c', RunFlagArity::Single, true, ComposeForm::Number, "cpu_shares"},
    {"--cpu-quota", 0, RunFlagArity::Single, true, ComposeForm::Number, "cpu_quota"},
    {"--cpu-period", 0, RunFlagArity::Single, true, ComposeForm::Number, "cpu_period"},
    {"--cpuset-cpus", 0, RunFlagArity::Single, true, ComposeForm::Text, "cpuset"},
    {"--cpuset-mems", 0, RunFlagArity::Single, true, ComposeForm::NoEquivalent, ""},
    {"--blkio-weight", 0, RunFlagArity::Single, true, ComposeForm::Block, "blkio_config"},
    {"--pids-limit", 0, RunFlagArity::Single, true, ComposeForm::Number, "pids_limit"},
    {"--ulimit", 0, RunFlagArity::Repeated, true, ComposeForm::Block, "ulimits"},
    {"--oom-kill-disable", 0, RunFlagArity::None, true, ComposeForm::True, "oom_kill_disable"},
    {"--oom-score-adj", 0, RunFlagArity::Single, true, ComposeForm::Number, "oom_score_adj"},
    {"--shm-size", 0, RunFlagArity::Single, true, ComposeForm::Text, "shm_size"},
    {"--log-driver", 0, RunFlagArity::Single, true, ComposeForm::Block, "logging"},
    {"--log-opt", 0, RunFlagArity::Repeated, true, ComposeForm::Block, "logging"},
    {"--dns", 0, RunFlagArity::Repeated, true, ComposeForm::List, "dns"},
    {"--dns-option", 0, RunFlagArity::Repeated, true, ComposeForm::List, "dns_opt"},
    {"--dns-search", 0, RunFlagArity::Repeated, true, ComposeForm::List, "dns_search"},
    {"--add-host", 0, RunFlagArity::Repeated, true, ComposeForm::List, "extra_hosts"},
    {"--group-add", 0, RunFlagArity::Repeated, true, ComposeForm::List, "group_add"},
    {"--sysctl", 0, RunFlagArity::Repeated, true, ComposeForm::List, "sysctls"},
    {"--init", 0, RunFlagArity::None, true, ComposeForm::True, "init"},
    {"--runtime", 0, RunFlagArity::Single, true, ComposeForm::Text, "runtime"},
    {"--link", 0, RunFlagArity::Repeated, true, ComposeForm::List, "external_links"},
    {"--stop-signal", 0, RunFlagArity::Single, true, ComposeForm::Text, "stop_signal"},
    {"--stop-timeout", 0, RunFlagArity::Single, true, ComposeForm::Block, "stop_grace_period"},
    {"--no-healthcheck", 0, RunFlagArity::None, true, ComposeForm::Block, "healthcheck"},
    {"--health-cmd", 0, RunFlagArity::Single, true, ComposeForm::Block, "healthcheck"},
    {"--health-interval", 0, RunFlagArity::Single, true, ComposeForm::Block, "healthcheck"},
    {"--health-timeout", 0, RunFlagArity::Single, true, ComposeForm::Block, "healthcheck"},
    {"--health-retries", 0, RunFlagArity::Single, true, ComposeForm::Block, "healthcheck"},
    {"--health-start-period", 0, RunFlagArity::Single, true, ComposeForm::Block, "healthcheck"},
    {"--tty", 't', RunFlagArity::None, true, ComposeForm::True, "tty"},
    {"--interactive", 'i', RunFlagArity::None, true, ComposeForm::True, "stdin_open"},
    // Flags the builder never writes; ComposeSnippet notes them as having no equivalent.
    {"--attach", 'a', RunFlagArity::Repeated, false, ComposeForm::NoEquivalent, ""},
    {"--blkio-weight-device", 0, RunFlagArity::Repeated, false, ComposeForm::NoEquivalent, ""},
    {"--cidfile", 0, RunFlagArity::Single, false, ComposeForm::NoEquivalent, ""},
    {"--cpu-rt-period", 0, RunFlagArity::Single, false, ComposeForm::NoEquivalent, ""},
    {"--cpu-rt-runtime", 0, RunFlagArity::Single, false, ComposeForm::NoEquivalent, ""},
    {"--detach-keys", 0, RunFlagArity::Single, false, ComposeForm::NoEquivalent, ""},
    {"--device-read-bps", 0, RunFlagArity::Repeated, false, ComposeForm::NoEquivalent, ""},
    {"--device-read-iops", 0, RunFlagArity::Repeated, false, ComposeForm::NoEquivalent, ""},
    {"--device-write-bps", 0, RunFlagArity::Repeated, false, ComposeForm::NoEquivalent, ""},
    {"--device-write-iops", 0, RunFlagArity::Repeated, false, ComposeForm::NoEquivalent, ""},
    {"--disable-content-trust", 0, RunFlagArity::None, false, ComposeForm::NoEquivalent, ""},
    {"--env-file", 0, RunFlagArity::Repeated, false, ComposeForm::NoEquivalent, ""},
    {"--help", 0, RunFlagArity::None, false, ComposeForm::NoEquivalent, ""},
    {"--ip", 0, RunFlagArity::Single, false, ComposeForm::NoEquivalent, ""},
    {"--ip6", 0, RunFlagArity::Single, false, ComposeForm::NoEquivalent, ""},
    {"--isolation", 0, RunFlagArity::Single, false, ComposeForm::NoEquivalent, ""},
    {"--kernel-memory", 0, RunFlagArity::Single, false, ComposeForm::NoEquivalent, ""},
    {"--label-file", 0, RunFlagArity::Repeated, false, ComposeForm::NoEquivalent, ""},
    {"--link-local-ip", 0, RunFlagArity::Repeated, false, ComposeForm::NoEquivalent, ""},
    {"--mac-address", 0, RunFlagArity::Single, false, ComposeForm::NoEquivalent, ""},
    {"--memory-swappiness", 0, RunFlagArity::Single, false, ComposeForm::NoEquivalent, ""},
    {"--platform", 0, RunFlagArity::Single, false, ComposeForm::NoEquivalent, ""},
    {"--pull", 0, RunFlagArity::Single, false, ComposeForm::NoEquivalent, ""},
    {"--sig-proxy", 0, RunFlagArity::None, false, ComposeForm::NoEquivalent, ""},
    {"--storage-opt", 0, RunFlagArity::Repeated, false, ComposeForm::NoEquivalent, ""},
    {"--volume-driver", 0, RunFlagArity::Single, false, ComposeForm::NoEquivalent, ""},
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
