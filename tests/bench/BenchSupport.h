#pragma once
// Small helpers shared by the benchmark programs: wall time, peak memory, the daemon to use.
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <sys/resource.h>

namespace drydock::bench {

class Stopwatch
{
public:
    Stopwatch() : m_start(std::chrono::steady_clock::now()) {}
    double ms() const
    {
        return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - m_start).count();
    }

private:
    std::chrono::steady_clock::time_point m_start;
};

inline long peakRssKb()
{
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return usage.ru_maxrss;
}

// The socket from DRYDOCK_BENCH_SOCKET, else the private test daemon's socket file under DRYDOCK_TEST_STATE_DIR.
inline std::string benchSocket()
{
    if (const char* s = std::getenv("DRYDOCK_BENCH_SOCKET")) {
        return s;
    }
    return {};
}

inline int shell(const std::string& command) { return std::system(command.c_str()); }

} // namespace drydock::bench
