// Peak memory of layer reading against the number of entries: saved images of 10k, 100k and 1M entries
// (realistic names under shared directories), and hostile ones (long unique names, the issue #16 example of
// 200k entries with 4 KiB names), generated on the fly. Each case runs in a child process of its own, so its
// peak (VmHWM, reset before the read) is its own. Memory must stay under the index budget (256 MiB by
// default, ContentLimits::maxIndexBytes) plus a constant; beyond it the outcome is "too large to analyse".
#include "core/contents/LayerReader.h"
#include "tests/bench/BenchSupport.h"
#include "tests/support/TarBuilder.h"

#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <fstream>
#include <string>

using namespace drydock;

namespace {

std::string header(const std::string& name, std::int64_t size)
{
    return test::TarBuilder().add({name, "", '0', 0644, 0, 0, {}, size, {}}).finish(false);
}

// Entry i's name: `prefix` + a fixed-width number + padding to `nameLength`, so every entry has the same size
// in the tar and the layer's size is known before it is streamed.
std::string entryName(const std::string& prefix, std::int64_t i, std::size_t nameLength, std::int64_t perDir)
{
    char number[32];
    std::snprintf(number, sizeof number, "d%05lld/f%08lld", static_cast<long long>(perDir ? i / perDir : 0),
                  static_cast<long long>(i));
    std::string name = prefix + number;
    if (name.size() < nameLength) {
        name.append(nameLength - name.size(), 'n');
    }
    return name;
}

class GeneratedImage final : public ByteSource
{
public:
    GeneratedImage(std::int64_t entries, std::string prefix, std::size_t nameLength, std::int64_t perDir)
        : m_entries(entries), m_prefix(std::move(prefix)), m_nameLength(nameLength), m_perDir(perDir)
    {
        const std::int64_t entryBytes = static_cast<std::int64_t>(
            test::TarBuilder().file(entryName(m_prefix, 0, nameLength, perDir), "").finish(false).size());
        m_layerBytes = entries * entryBytes + 1024;
    }
    Result<std::string_view> next() override
    {
        m_buffer.clear();
        if (m_state == 0) {
            m_state = 1;
            m_buffer = header("l0/layer.tar", m_layerBytes);
        } else if (m_state == 1) {
            test::TarBuilder batch;
            for (int n = 0; n < 256 && m_index < m_entries; ++n, ++m_index) {
                batch.file(entryName(m_prefix, m_index, m_nameLength, m_perDir), "");
            }
            m_buffer = batch.finish(false);
            if (m_index == m_entries) {
                m_buffer.append(1024, '\0');
                m_state = 2;
            }
        } else if (m_state == 2) {
            m_state = 3;
            m_buffer = test::TarBuilder()
                           .file("manifest.json", "[{\"Config\":\"c.json\",\"Layers\":[\"l0/layer.tar\"]}]")
                           .finish();
        }
        return std::string_view(m_buffer);
    }

private:
    std::int64_t m_entries;
    std::string m_prefix;
    std::size_t m_nameLength;
    std::int64_t m_perDir;
    std::int64_t m_layerBytes = 0;
    std::int64_t m_index = 0;
    int m_state = 0;
    std::string m_buffer;
};

long statusKb(const char* field)
{
    std::ifstream in("/proc/self/status");
    std::string line;
    const std::string key = std::string(field) + ":";
    while (std::getline(in, line)) {
        if (line.rfind(key, 0) == 0) {
            return std::strtol(line.c_str() + key.size(), nullptr, 10);
        }
    }
    return -1;
}

struct Case
{
    const char* name;
    std::int64_t entries;
    const char* prefix;
    std::size_t nameLength;
    std::int64_t perDir;
};

void runCase(const Case& c)
{
    std::ofstream("/proc/self/clear_refs") << "5"; // reset VmHWM to the current RSS
    const long before = statusKb("VmHWM");
    GeneratedImage source(c.entries, c.prefix, c.nameLength, c.perDir);
    NullProgressSink progress;
    bench::Stopwatch sw;
    const auto result = LayerReader().read(source, progress, CancelToken());
    const double ms = sw.ms();
    const long peak = statusKb("VmHWM");
    std::printf("%-52s %9lld entries %9.0f ms  peak %6ld MiB (+%ld MiB over the start)  %s\n", c.name,
                static_cast<long long>(c.entries), ms, peak / 1024, (peak - before) / 1024,
                result ? ("ok, " + std::to_string(result->files.size()) + " paths").c_str()
                       : result.error().message.substr(0, 120).c_str());
    std::fflush(stdout);
}

} // namespace

int main()
{
    std::printf(
        "Layer reading: peak memory (VmHWM) per case, each in its own process; index budget %lld MiB\n",
        static_cast<long long>(ContentLimits{}.maxIndexBytes >> 20));
    const Case cases[] = {
        {"10k entries, usr/share/app/dNNNNN/fNNNNNNNN", 10'000, "usr/share/app/", 0, 1000},
        {"100k entries, usr/share/app/dNNNNN/fNNNNNNNN", 100'000, "usr/share/app/", 0, 1000},
        {"700k entries, usr/share/app/dNNNNN/fNNNNNNNN", 700'000, "usr/share/app/", 0, 1000},
        {"1M entries, usr/share/app/dNNNNN/fNNNNNNNN", 1'000'000, "usr/share/app/", 0, 1000},
        {"100k entries, 200-byte names", 100'000, "usr/lib/", 200, 1000},
        {"1M entries, 200-byte names (beyond the budget)", 1'000'000, "usr/lib/", 200, 1000},
        {"200k entries, 4 KiB names (issue #16: was 1.67 GB)", 200'000, "x/", 4000, 0},
    };
    for (const Case& c : cases) {
        std::fflush(stdout);
        const pid_t child = ::fork();
        if (child == 0) {
            runCase(c);
            std::_Exit(0);
        }
        int status = 0;
        ::waitpid(child, &status, 0);
        if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
            std::printf("%-52s child failed (status %d)\n", c.name, status);
        }
    }
    return 0;
}
