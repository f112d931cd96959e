// Replays fuzz inputs without libFuzzer: each argument is a file or a directory of files, fed one by one to
// LLVMFuzzerTestOneInput. The normal (g++) build runs every target over its seed corpus and the crash
// regressions this way, so a fixed crash stays fixed even where clang's libFuzzer is not used.
#include "tests/fuzz/FuzzSupport.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <vector>

namespace fs = std::filesystem;

static bool replayFile(const fs::path& path)
{
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        std::cerr << "cannot read " << path << "\n";
        return false;
    }
    const std::vector<char> bytes{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
    LLVMFuzzerTestOneInput(reinterpret_cast<const std::uint8_t*>(bytes.data()), bytes.size());
    return true;
}

int main(int argc, char** argv)
{
    std::size_t replayed = 0;
    for (int i = 1; i < argc; ++i) {
        const fs::path root(argv[i]);
        if (!fs::exists(root)) {
            std::cerr << "no such corpus: " << root << "\n";
            return 2;
        }
        std::vector<fs::path> files;
        if (fs::is_directory(root)) {
            for (const auto& entry : fs::recursive_directory_iterator(root)) {
                if (entry.is_regular_file()) {
                    files.push_back(entry.path());
                }
            }
            std::sort(files.begin(), files.end());
        } else {
            files.push_back(root);
        }
        for (const auto& f : files) {
            if (!replayFile(f)) {
                return 2;
            }
            ++replayed;
        }
    }
    std::cout << "replayed " << replayed << " inputs without a crash\n";
    return replayed == 0 ? 2 : 0;
}
