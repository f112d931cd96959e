// Creates N containers (default 200) on the daemon at DRYDOCK_BENCH_SOCKET and prints the time to build
// the whole Inventory beside the time of plain sequential inspects of the same containers.
// Run through tests/bench/run-benchmarks.sh, which starts a private dockerd.
#include "core/common/Clock.h"
#include "core/common/ProgressSink.h"
#include "core/docker/TransportFactory.h"
#include "core/scan/InventoryLoader.h"
#include "tests/bench/BenchSupport.h"

#include <cstdio>
#include <string>

using namespace drydock;

int main(int argc, char** argv)
{
    const int n = argc > 1 ? std::atoi(argv[1]) : 200;
    const std::string socket = bench::benchSocket();
    if (socket.empty()) {
        std::fprintf(stderr, "set DRYDOCK_BENCH_SOCKET (tests/bench/run-benchmarks.sh does)\n");
        return 2;
    }
    const std::string docker = "DOCKER_HOST=unix://" + socket + " /usr/bin/docker";
    std::printf("creating %d containers…\n", n);
    bench::shell("for i in $(seq 1 " + std::to_string(n) + "); do " + docker +
                 " create --label drydock.bench=1 --name bench-inv-$i -e A=$i drydock-test/busybox:1 sleep 1 "
                 ">/dev/null; done");

    DockerEndpoint e;
    e.socketPath = socket;
    auto client = DockerClient(std::move(makeTransport(e).value()), e);
    if (!client.negotiate()) {
        std::fprintf(stderr, "cannot talk to %s\n", socket.c_str());
        return 3;
    }
    auto ids = client.listContainerIds();
    if (!ids) {
        std::fprintf(stderr, "%s\n", ids.error().message.c_str());
        return 3;
    }
    {
        bench::Stopwatch sw;
        for (const auto& id : ids.value()) {
            (void)client.inspectContainer(id);
        }
        std::printf("sequential inspects   %5zu containers  %8.1f ms\n", ids.value().size(), sw.ms());
    }
    {
        bench::Stopwatch sw;
        auto all = client.inspectContainers(ids.value());
        std::printf("concurrent inspects   %5zu containers  %8.1f ms\n", all.size(), sw.ms());
    }
    {
        bench::Stopwatch sw;
        NullProgressSink progress;
        auto inv = InventoryLoader(client).load(SystemClock().nowUnix(), progress, CancelToken());
        std::printf("full Inventory        %5zu containers, %zu images  %8.1f ms  (peak RSS %ld KiB)\n",
                    inv ? inv->containers.size() : 0, inv ? inv->images.size() : 0, sw.ms(), bench::peakRssKb());
    }
    bench::shell(docker + " rm -f $(" + docker + " ps -aq --filter label=drydock.bench=1) >/dev/null");
    return 0;
}
