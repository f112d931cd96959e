// Measures inspecting containers one request at a time against sendAll with many in flight, on the
// daemon DRYDOCK_BENCH_HOST names (e.g. unix:///tmp/dd-x/docker.sock), else the one the docker CLI would use.
// Prints figures; asserts nothing. Usage: bench_inspect [requests=400]
#include "core/docker/ContextResolver.h"
#include "core/docker/DockerClient.h"
#include "core/docker/TransportFactory.h"
#include "core/docker/UrlEncoding.h"

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>

using namespace drydock;

namespace {

// Container ids from the raw list, without the JSON parser: every "Id":"…" value.
StringList containerIds(const std::string& body)
{
    StringList ids;
    const std::string key = "\"Id\":\"";
    for (auto pos = body.find(key); pos != std::string::npos; pos = body.find(key, pos)) {
        pos += key.size();
        const auto end = body.find('"', pos);
        ids.push_back(body.substr(pos, end - pos));
    }
    return ids;
}

double msSince(std::chrono::steady_clock::time_point start)
{
    return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
}

} // namespace

int main(int argc, char** argv)
{
    const int requests = argc > 1 ? std::atoi(argv[1]) : 400;
    const char* host = std::getenv("DRYDOCK_BENCH_HOST");
    auto endpoint = ContextResolver(ResolverEnvironment::fromProcess()).resolve(host ? host : "");
    if (!endpoint) {
        std::fprintf(stderr, "%s\n", endpoint.error().message.c_str());
        return 1;
    }
    auto transport = makeTransport(endpoint.value());
    if (!transport) {
        std::fprintf(stderr, "%s\n", transport.error().message.c_str());
        return 1;
    }
    DockerClient client(std::move(transport.value()), endpoint.value());
    if (auto v = client.negotiate(); !v) {
        std::fprintf(stderr, "%s\n", v.error().message.c_str());
        return 1;
    }
    auto list = client.get("/containers/json?all=1");
    if (!list) {
        std::fprintf(stderr, "%s\n", list.error().message.c_str());
        return 1;
    }
    const StringList ids = containerIds(list.value());
    if (ids.empty()) {
        std::fprintf(stderr, "no containers on %s: create a few first\n", endpoint->display().c_str());
        return 1;
    }
    StringList paths;
    for (int i = 0; i < requests; ++i) {
        paths.push_back("/containers/" + urlEncode(ids[std::size_t(i) % ids.size()]) + "/json");
    }
    std::printf("endpoint %s, API %s, %zu containers, %d inspect requests\n", endpoint->display().c_str(),
                client.apiVersion().toString().c_str(), ids.size(), requests);

    auto start = std::chrono::steady_clock::now();
    int failed = 0;
    for (const auto& p : paths) {
        failed += client.get(p).ok() ? 0 : 1;
    }
    const double sequential = msSince(start);
    std::printf("one at a time : %8.1f ms  (%7.0f req/s, %d failed)\n", sequential,
                requests / sequential * 1000, failed);

    start = std::chrono::steady_clock::now();
    failed = 0;
    for (const auto& r : client.getAll(paths)) {
        failed += r.ok() ? 0 : 1;
    }
    const double concurrent = msSince(start);
    std::printf("sendAll       : %8.1f ms  (%7.0f req/s, %d failed)\n", concurrent,
                requests / concurrent * 1000, failed);
    return 0;
}
