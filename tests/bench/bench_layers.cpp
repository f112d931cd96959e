// Layer analysis throughput and memory: the Debian minbase image streamed from the daemon at
// DRYDOCK_BENCH_SOCKET (GET /images/{name}/get through the LayerReader), then synthetic saved images of
// growing size generated on the fly, to show that peak memory does not grow with the image.
// Run through tests/bench/run-benchmarks.sh, which starts a private dockerd.
#include "core/contents/DaemonImageSource.h"
#include "core/contents/LayerReader.h"
#include "core/docker/TransportFactory.h"
#include "tests/bench/BenchSupport.h"
#include "tests/support/TarBuilder.h"

#include <cstdio>
#include <string>
#include <unistd.h>

using namespace drydock;

namespace {

std::string header(const std::string& name, std::int64_t size)
{
    return test::TarBuilder().add({name, "", '0', 0644, 0, 0, {}, size, {}}).finish(false);
}

// A saved image with one layer of `files` files of `fileBytes` each, produced piece by piece.
class GeneratedImage final : public ByteSource
{
public:
    GeneratedImage(std::int64_t files, std::int64_t fileBytes) : m_files(files), m_fileBytes(fileBytes)
    {
        const std::int64_t padded = (fileBytes + 511) / 512 * 512;
        m_layerBytes = files * (512 + padded) + 1024;
        m_zeros.assign(1 << 20, '\0');
    }
    Result<std::string_view> next() override
    {
        switch (m_state) {
        case 0:
            m_state = 1;
            m_buffer = header("l0/layer.tar", m_layerBytes);
            return std::string_view(m_buffer);
        case 1:
            if (m_index < m_files) {
                if (m_remaining == 0 && !m_inFile) {
                    m_buffer = header("data/f" + std::to_string(m_index), m_fileBytes);
                    m_inFile = true;
                    m_remaining = (m_fileBytes + 511) / 512 * 512;
                    return std::string_view(m_buffer);
                }
                const std::int64_t n = std::min<std::int64_t>(m_remaining, std::int64_t(m_zeros.size()));
                m_remaining -= n;
                if (m_remaining == 0) {
                    m_inFile = false;
                    ++m_index;
                }
                // Copy as a socket read would, so the figure includes touching every byte once.
                m_piece.assign(m_zeros.data(), std::size_t(n));
                return std::string_view(m_piece);
            }
            m_state = 2;
            return std::string_view(m_zeros.data(), 1024);
        case 2: {
            m_state = 3;
            const std::string manifest = "[{\"Config\":\"c.json\",\"Layers\":[\"l0/layer.tar\"]}]";
            m_buffer = test::TarBuilder().file("manifest.json", manifest).finish();
            return std::string_view(m_buffer);
        }
        default:
            return std::string_view();
        }
    }
    std::int64_t bytes() const { return m_layerBytes; }

private:
    std::int64_t m_files;
    std::int64_t m_fileBytes;
    std::int64_t m_layerBytes = 0;
    int m_state = 0;
    std::int64_t m_index = 0;
    std::int64_t m_remaining = 0;
    bool m_inFile = false;
    std::string m_buffer;
    std::string m_zeros;
    std::string m_piece;
};

void report(const char* what, const Result<ImageContents>& result, double ms)
{
    if (!result) {
        std::printf("%-44s failed: %s\n", what, result.error().message.c_str());
        return;
    }
    const double mb = double(result->bytesRead) / 1e6;
    std::int64_t files = 0;
    for (const auto& l : result->layers) {
        files += l.files;
    }
    std::printf("%-44s %8.1f MB %8lld files %8.0f ms %8.0f MB/s %10.0f files/s  peak RSS %6ld MiB\n", what,
                mb, static_cast<long long>(files), ms, mb / (ms / 1000.0), double(files) / (ms / 1000.0),
                bench::peakRssKb() / 1024);
}

} // namespace

int main()
{
    NullProgressSink progress;
    const std::string socket = bench::benchSocket();
    if (!socket.empty()) {
        DockerEndpoint e;
        e.socketPath = socket;
        DockerClient client(std::move(makeTransport(e).value()), e);
        if (!client.negotiate()) {
            std::fprintf(stderr, "cannot talk to %s\n", socket.c_str());
            return 3;
        }
        for (int run = 0; run < 3; ++run) {
            bench::Stopwatch sw;
            DaemonImageSource source(client, "drydock-test/debian:bookworm", CancelToken());
            auto result = LayerReader().read(source, progress, CancelToken());
            report(run == 0 ? "Debian minbase from the daemon (cold)" : "Debian minbase from the daemon",
                   result, sw.ms());
        }
        // The same bytes from a file, to separate the reader's speed from the daemon's `docker save` speed.
        const std::string file = "/tmp/drydock-bench-layers-" + std::to_string(::getpid()) + ".tar";
        if (bench::shell("DOCKER_HOST=unix://" + socket + " /usr/bin/docker save -o " + file +
                         " drydock-test/debian:bookworm") == 0) {
            for (int run = 0; run < 3; ++run) {
                FileByteSource source(file);
                bench::Stopwatch sw;
                auto result = LayerReader().read(source, progress, CancelToken());
                report("Debian minbase from a docker save file", result, sw.ms());
            }
            std::remove(file.c_str());
        }
    } else {
        std::printf("DRYDOCK_BENCH_SOCKET not set: skipping the daemon image (tests/bench/run-benchmarks.sh "
                    "sets it)\n");
    }
    struct Case
    {
        const char* name;
        std::int64_t files;
        std::int64_t bytes;
    };
    for (const Case& c : {Case{"generated: 256 × 1 MiB files (256 MiB)", 256, 1 << 20},
                          Case{"generated: 2048 × 1 MiB files (2 GiB)", 2048, 1 << 20},
                          Case{"generated: 200,000 × 1 KiB files", 200000, 1024}}) {
        GeneratedImage source(c.files, c.bytes);
        bench::Stopwatch sw;
        auto result = LayerReader().read(source, progress, CancelToken());
        report(c.name, result, sw.ms());
    }
    return 0;
}
