#pragma once
#include <cstdint>
#include <optional>

namespace drydock {

// One reading of GET /containers/{id}/stats?stream=false: what a running container uses now (memory as
// the docker CLI shows it, processes, and the CPU counters that a CPU share is computed from).
struct ContainerStats
{
    // memory_stats.usage minus the page cache the kernel can drop (cgroup v1 total_inactive_file, cgroup v2
    // inactive_file, else cache), as `docker stats` shows it.
    std::int64_t memoryBytes = 0;
    std::int64_t memoryUsageBytes = 0; // memory_stats.usage as the daemon reports it, cache included
    std::int64_t pids = 0;             // pids_stats.current
    // cpu_stats: the container's CPU time and the host's, both in nanoseconds, and the CPUs online.
    std::uint64_t cpuTotalNs = 0;
    std::uint64_t systemCpuNs = 0;
    int onlineCpus = 0;
    // precpu_stats, when the daemon took a reading before this one (not with one-shot=1).
    std::uint64_t preCpuTotalNs = 0;
    std::uint64_t preSystemCpuNs = 0;

    // CPUs the container used between the daemon's previous reading and this one (0.5 = half a core), as
    // `docker stats` computes its percentage divided by 100; nullopt without a previous reading.
    std::optional<double> cpuCores() const { return cpuCoresSince(preCpuTotalNs, preSystemCpuNs); }
    // The same between an earlier reading and this one.
    std::optional<double> cpuCoresSince(const ContainerStats& earlier) const
    {
        return cpuCoresSince(earlier.cpuTotalNs, earlier.systemCpuNs);
    }

private:
    std::optional<double> cpuCoresSince(std::uint64_t cpuBefore, std::uint64_t systemBefore) const
    {
        if (systemBefore == 0 || systemCpuNs <= systemBefore || cpuTotalNs < cpuBefore || onlineCpus <= 0) {
            return std::nullopt;
        }
        return static_cast<double>(cpuTotalNs - cpuBefore) / static_cast<double>(systemCpuNs - systemBefore) *
               onlineCpus;
    }
};

} // namespace drydock
