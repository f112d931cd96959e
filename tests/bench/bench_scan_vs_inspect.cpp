// `drydock scan` against one `docker inspect` process of the same containers and images, on the private daemon
// with N containers (default 234: env secrets, loopback ports, capabilities, a few networks and volumes).
// Medians of 9 runs after 1 warm-up, the variants interleaved round by round so a busy machine slows all
// of them alike. #19's target: `drydock scan --format json` with history no slower than the inspect (≤ 1.0×).
// Usage: bench_scan_vs_inspect [CONTAINERS] [EARLIER_SCANS]   (tests/bench/run-benchmarks.sh sets the daemon);
// DRYDOCK_BINARY_BEFORE=another/drydock adds that build's rows, measured in the same rounds.
#include "tests/bench/BenchSupport.h"

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <fcntl.h>
#include <string>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>
#include <vector>

using namespace drydock;

namespace {

// Runs argv with stdout to stdoutPath and stderr to /dev/null, the environment plus `env` (NAME=VALUE); its
// exit status, and in cpuMs the user + system time it used (a busy machine stretches wall time, not this).
int runQuiet(const std::vector<std::string>& argv, const std::vector<std::string>& env = {},
             const std::string& stdoutPath = "/dev/null", double* cpuMs = nullptr)
{
    const pid_t pid = fork();
    if (pid == 0) {
        for (const auto& e : env) {
            putenv(const_cast<char*>(e.c_str()));
        }
        const int out = open(stdoutPath.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
        const int null = open("/dev/null", O_WRONLY);
        dup2(out, 1);
        dup2(null, 2);
        std::vector<char*> args;
        for (const auto& a : argv) {
            args.push_back(const_cast<char*>(a.c_str()));
        }
        args.push_back(nullptr);
        execv(args[0], args.data());
        _exit(127);
    }
    int status = 0;
    rusage usage{};
    wait4(pid, &status, 0, &usage);
    if (cpuMs) {
        *cpuMs = (usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) * 1e3 +
                 (usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e3;
    }
    return WIFEXITED(status) ? WEXITSTATUS(status) : 128;
}

std::vector<std::string> lines(const std::string& command)
{
    std::vector<std::string> out;
    FILE* p = popen(command.c_str(), "r");
    if (!p) {
        return out;
    }
    char buffer[512];
    while (std::fgets(buffer, sizeof buffer, p)) {
        std::string line(buffer);
        while (!line.empty() && (line.back() == '\n' || line.back() == '\r')) {
            line.pop_back();
        }
        if (!line.empty()) {
            out.push_back(line);
        }
    }
    pclose(p);
    return out;
}

double median(std::vector<double> v)
{
    std::sort(v.begin(), v.end());
    return v.empty() ? 0.0 : (v.size() % 2 ? v[v.size() / 2] : (v[v.size() / 2 - 1] + v[v.size() / 2]) / 2);
}

// One timed command: how to prepare before each run (untimed), what to run, and its times.
struct Variant
{
    std::string label;
    std::string prepare; // a shell command run before each timing, or empty
    std::vector<std::string> argv;
    std::vector<std::string> env;
    std::vector<double> ms;
    std::vector<double> cpuMs;
};

} // namespace

int main(int argc, char** argv)
{
    const int n = argc > 1 ? std::atoi(argv[1]) : 234;
    const int earlierScans = argc > 2 ? std::atoi(argv[2]) : 30;
    const std::string socket = bench::benchSocket();
    const char* binary = std::getenv("DRYDOCK_BINARY");
    if (socket.empty() || !binary) {
        std::fprintf(stderr, "set DRYDOCK_BENCH_SOCKET and DRYDOCK_BINARY (tests/bench/run-benchmarks.sh does)\n");
        return 2;
    }
    const std::string dockerBin = "/usr/bin/docker";
    const std::string hostEnv = "DOCKER_HOST=unix://" + socket;
    const std::string docker = hostEnv + " " + dockerBin;

    char pattern[] = "/tmp/drydock-bench-scan-XXXXXX";
    if (!mkdtemp(pattern)) {
        std::perror("mkdtemp");
        return 2;
    }
    const std::string tmp = pattern;

    std::printf("creating %d containers, 3 networks, 3 volumes…\n", n);
    std::fflush(stdout);
    const int networks = bench::shell("for k in 1 2 3; do " + docker +
                                      " network create --label drydock.bench=1 bench-net-$k >/dev/null || exit 1; "
                                      "done") == 0
                             ? 3
                             : 0;
    if (networks == 0) {
        std::printf("(this daemon cannot create networks; the containers stay on the default one)\n");
    }
    bench::shell("for k in 1 2 3; do " + docker + " volume create --label drydock.bench=1 bench-vol-$k >/dev/null; done");
    // A mix of what real hosts have: every other container carries secret-looking variables, every third a
    // published loopback port, every fourth an added capability, some a volume or a user network.
    const std::string script = "for i in $(seq 1 " + std::to_string(n) +
                               "); do a=\"--label drydock.bench=1 --name bench-scan-$i -e APP_MODE=prod\"; "
                               "[ $((i%2)) = 0 ] && a=\"$a -e DB_PASSWORD=x$i -e API_TOKEN=tok-$i-abcdef0123456789\"; "
                               "[ $((i%3)) = 0 ] && a=\"$a -p 127.0.0.1:$((20000+i)):80\"; "
                               "[ $((i%4)) = 0 ] && a=\"$a --cap-add NET_ADMIN\"; "
                               "[ $((i%9)) = 0 ] && a=\"$a --cap-add SYS_ADMIN --security-opt seccomp=unconfined\"; "
                               "[ $((i%5)) = 0 ] && a=\"$a -v bench-vol-$((i%3+1)):/data\"; "
                               "[ $((i%6)) = 0 ] && [ " +
                               std::to_string(networks) +
                               " = 3 ] && a=\"$a --network bench-net-$((i%3+1))\"; "
                               "[ $((i%7)) = 0 ] && a=\"$a --user 10001 --read-only\"; " +
                               docker + " create $a drydock-test/busybox:1 sleep 1 >/dev/null || echo create failed; done";
    bench::shell(script);

    const auto containerIds = lines(docker + " ps -aq --no-trunc");
    const auto imageIds = lines(docker + " images -q --no-trunc | sort -u");
    std::printf("daemon holds %zu containers and %zu images\n", containerIds.size(), imageIds.size());

    const std::string host = "unix://" + socket;
    const std::string empty = tmp + "/empty";
    const std::string full = tmp + "/full";
    const std::string snapshot = tmp + "/snapshot";
    // The history of earlier scans, made once by drydock itself and copied back before every timed run so
    // each run sees exactly EARLIER_SCANS scans.
    std::printf("storing %d earlier scans…\n", earlierScans);
    std::fflush(stdout);
    for (int i = 0; i < earlierScans; ++i) {
        runQuiet({binary, "scan", "--host", host, "--format", "json"}, {"XDG_DATA_HOME=" + snapshot});
    }
    struct stat st{};
    const std::string snapshotDb = snapshot + "/drydock/history.db";
    const double historyMb = stat(snapshotDb.c_str(), &st) == 0 ? double(st.st_size) / 1e6 : 0.0;

    std::vector<std::string> inspect = {dockerBin, "inspect"};
    inspect.insert(inspect.end(), containerIds.begin(), containerIds.end());
    inspect.insert(inspect.end(), imageIds.begin(), imageIds.end());
    const std::vector<std::string> scanJson = {binary, "scan", "--host", host, "--format", "json"};
    const std::vector<std::string> scanJsonNoHistory = {binary, "scan", "--host", host, "--format", "json",
                                                        "--no-history"};
    const std::vector<std::string> scanTextNoHistory = {binary, "scan", "--host", host, "--format", "text",
                                                        "--no-history"};
    std::vector<Variant> variants;
    auto add = [&](std::string label, std::string prepare, std::vector<std::string> args, std::string env) {
        Variant v;
        v.label = std::move(label);
        v.prepare = std::move(prepare);
        v.argv = std::move(args);
        v.env = {std::move(env)};
        variants.push_back(std::move(v));
    };
    add("docker inspect (containers + images, one process)", "", inspect, hostEnv);
    // DRYDOCK_BINARY_BEFORE (optional): another build measured in the same rounds, for before/after figures
    // taken under the same load.
    std::vector<std::pair<std::string, std::string>> binaries = {{"", binary}};
    if (const char* before = std::getenv("DRYDOCK_BINARY_BEFORE")) {
        binaries.insert(binaries.begin(), {"before: ", before});
    }
    for (const auto& [prefix, path] : binaries) {
        auto with = [&path](std::vector<std::string> args) {
            args.front() = path;
            return args;
        };
        add(prefix + "drydock scan --format json, empty history", "rm -rf " + empty, with(scanJson),
            "XDG_DATA_HOME=" + empty);
        add(prefix + "drydock scan --format json, " + std::to_string(earlierScans) + " earlier scans",
            "rm -rf " + full + " && cp -a " + snapshot + " " + full, with(scanJson), "XDG_DATA_HOME=" + full);
        add(prefix + "drydock scan --format json --no-history", "", with(scanJsonNoHistory), "XDG_DATA_HOME=" + empty);
        add(prefix + "drydock scan --format text --no-history", "", with(scanTextNoHistory), "XDG_DATA_HOME=" + empty);
    }
    const int runs = 9;
    int failures = 0;
    for (int round = 0; round <= runs; ++round) { // round 0 warms the caches and is not counted
        for (auto& v : variants) {
            if (!v.prepare.empty()) {
                bench::shell(v.prepare);
            }
            double cpuMs = 0;
            bench::Stopwatch watch;
            const int status = runQuiet(v.argv, v.env, "/dev/null", &cpuMs);
            const double ms = watch.ms();
            failures += status == 0 ? 0 : 1;
            if (round > 0) {
                v.ms.push_back(ms);
                v.cpuMs.push_back(cpuMs);
            }
        }
    }
    runQuiet(scanJsonNoHistory, {"XDG_DATA_HOME=" + empty}, tmp + "/scan.json");
    const double jsonMb = stat((tmp + "/scan.json").c_str(), &st) == 0 ? double(st.st_size) / 1e6 : 0.0;

    std::printf("%zu containers, %zu images; %d earlier scans = %.1f MB of history; scan JSON %.1f MB\n",
                containerIds.size(), imageIds.size(), earlierScans, historyMb, jsonMb);
    const double inspectMs = median(variants.front().ms);
    for (const auto& v : variants) {
        const double m = median(v.ms);
        std::printf("%-64s %8.1f ms (median of %d)  %.2fx inspect   process CPU %7.1f ms\n", v.label.c_str(), m,
                    runs, inspectMs > 0 ? m / inspectMs : 0.0, median(v.cpuMs));
    }
    if (failures > 0) {
        std::printf("warning: %d run(s) exited non-zero\n", failures);
    }

    bench::shell(docker + " rm -f $(" + docker + " ps -aq --filter label=drydock.bench=1) >/dev/null");
    bench::shell(docker + " network rm $(" + docker + " network ls -q --filter label=drydock.bench=1) >/dev/null 2>&1");
    bench::shell(docker + " volume rm $(" + docker + " volume ls -q --filter label=drydock.bench=1) >/dev/null 2>&1");
    bench::shell("rm -rf " + tmp);
    return 0;
}
