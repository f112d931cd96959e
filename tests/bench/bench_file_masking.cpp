// Measures how long Drydock takes to show a compose file full of secrets (maskedFileText, and the diff of a
// fix beside it) for 1,000 to 40,000 passwords: every value is found and masked wherever the file repeats it,
// in one pass (StringSetSearch). Prints figures only; never asserts on time.
#include "core/files/FileReview.h"

#include <chrono>
#include <cstdio>
#include <random>
#include <string>

using namespace drydock;

namespace {

std::string composeWith(int passwords)
{
    std::mt19937 rng(7);
    std::uniform_int_distribution<int> letter(0, 25);
    std::string text = "services:\n  app:\n    image: example/app:1.2\n    environment:\n";
    for (int i = 0; i < passwords; ++i) {
        std::string value = "Pw-";
        for (int k = 0; k < 12; ++k) {
            value += char('A' + letter(rng));
        }
        text += "      APP" + std::to_string(i) + "_PASSWORD: " + value + "\n";
    }
    return text;
}

double millis(std::chrono::steady_clock::duration d)
{
    return std::chrono::duration<double, std::milli>(d).count();
}

} // namespace

int main()
{
    std::printf("%10s %10s %14s %14s %10s\n", "passwords", "KB", "shown (ms)", "diff (ms)", "MB/s");
    for (const int passwords : {1000, 10000, 40000}) {
        const std::string text = composeWith(passwords);
        auto start = std::chrono::steady_clock::now();
        const std::string shown = maskedFileText(text, ReviewedFileKind::Compose);
        const double shownMs = millis(std::chrono::steady_clock::now() - start);
        FileReview review;
        review.path = "compose.yaml";
        review.originalText = text;
        review.fixedText = text + "x-added: true\n";
        start = std::chrono::steady_clock::now();
        const std::string diff = shownFixDiff(review);
        const double diffMs = millis(std::chrono::steady_clock::now() - start);
        std::printf("%10d %10zu %14.1f %14.1f %10.2f\n", passwords, text.size() / 1024, shownMs, diffMs,
                    double(text.size()) / 1e6 / (shownMs / 1000.0));
        if (shown.size() < text.size() / 2 || diff.empty()) {
            return 1;
        }
    }
    return 0;
}
