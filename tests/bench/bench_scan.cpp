// End-to-end `drydock scan` on N real containers (default 200) beside a plain `docker inspect` of the same
// containers and their images. Target: the full scan within 2x of the raw inspect time.
#include "tests/bench/BenchSupport.h"

#include <cstdio>
#include <string>

using namespace drydock;

int main(int argc, char** argv)
{
    const int n = argc > 1 ? std::atoi(argv[1]) : 200;
    const std::string socket = bench::benchSocket();
    const char* binary = std::getenv("DRYDOCK_BINARY");
    if (socket.empty() || !binary) {
        std::fprintf(stderr, "set DRYDOCK_BENCH_SOCKET and DRYDOCK_BINARY (tests/bench/run-benchmarks.sh does)\n");
        return 2;
    }
    const std::string docker = "DOCKER_HOST=unix://" + socket + " /usr/bin/docker";
    std::printf("creating %d containers…\n", n);
    bench::shell("for i in $(seq 1 " + std::to_string(n) + "); do " + docker +
                 " create --label drydock.bench=1 --name bench-scan-$i -e DB_PASSWORD=x$i --cap-add NET_ADMIN "
                 "-p 127.0.0.1:$((20000+i)):80 drydock-test/busybox:1 sleep 1 >/dev/null; done");
    const int runs = 5;
    double inspectMs = 0;
    double scanMs = 0;
    for (int r = 0; r < runs; ++r) {
        bench::Stopwatch a;
        bench::shell(docker + " inspect $(" + docker + " ps -aq) >/dev/null && " + docker + " image inspect $(" +
                     docker + " images -q) >/dev/null");
        inspectMs += a.ms();
        bench::Stopwatch b;
        bench::shell(std::string(binary) + " scan --host unix://" + socket + " --format json --output /dev/null");
        scanMs += b.ms();
    }
    std::printf("docker inspect (containers + images)  %8.1f ms (mean of %d)\n", inspectMs / runs, runs);
    std::printf("drydock scan --format json            %8.1f ms (mean of %d)  ratio %.2fx\n", scanMs / runs, runs,
                scanMs / inspectMs);
    bench::shell(docker + " rm -f $(" + docker + " ps -aq --filter label=drydock.bench=1) >/dev/null");
    return 0;
}
