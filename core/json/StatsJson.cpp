// Container stats answers -> model.
#include "core/json/ModelParser.h"
#include "core/json/detail/JsonAccess.h"

namespace drydock::json {

using namespace detail;

namespace {

// The page cache in the usage that the kernel reclaims before anything fails, subtracted as the docker CLI
// does (cli/command/container/stats_helpers.go): cgroup v1 names it total_inactive_file, cgroup v2
// inactive_file; daemons before those fields only reported cache.
std::int64_t reclaimableCache(const Json& memoryStats, std::int64_t usage)
{
    const Json* stats = object(memoryStats, "stats");
    if (stats == nullptr) {
        return 0;
    }
    for (const char* key : {"total_inactive_file", "inactive_file", "cache"}) {
        if (const auto v = optI64(*stats, key)) {
            return *v < usage ? *v : 0;
        }
    }
    return 0;
}

} // namespace

Result<ContainerStats> parseStats(std::string_view body)
{
    constexpr std::string_view kind = "container stats";
    return guarded(kind, [&]() -> Result<ContainerStats> {
        auto doc = parseDocument(body, kind, TopLevel::Object);
        if (!doc) {
            return doc.error();
        }
        ContainerStats s;
        if (const Json* m = object(*doc, "memory_stats")) {
            s.memoryUsageBytes = i64(*m, "usage");
            s.memoryBytes = s.memoryUsageBytes - reclaimableCache(*m, s.memoryUsageBytes);
        }
        if (const Json* p = object(*doc, "pids_stats")) {
            s.pids = i64(*p, "current");
        }
        const auto readCpu = [](const Json& cpu, std::uint64_t& total, std::uint64_t& system) {
            if (const Json* usage = object(cpu, "cpu_usage")) {
                total = u64(*usage, "total_usage");
            }
            system = u64(cpu, "system_cpu_usage");
        };
        if (const Json* cpu = object(*doc, "cpu_stats")) {
            readCpu(*cpu, s.cpuTotalNs, s.systemCpuNs);
            s.onlineCpus = i32(*cpu, "online_cpus");
            // Daemons before online_cpus: the length of the per-CPU list (cgroup v1 only), as the CLI does.
            const Json* usage = object(*cpu, "cpu_usage");
            const Json* perCpu = usage != nullptr ? array(*usage, "percpu_usage") : nullptr;
            if (s.onlineCpus == 0 && perCpu != nullptr) {
                s.onlineCpus = static_cast<int>(perCpu->size());
            }
        }
        if (const Json* pre = object(*doc, "precpu_stats")) {
            readCpu(*pre, s.preCpuTotalNs, s.preSystemCpuNs);
        }
        return s;
    });
}

} // namespace drydock::json
