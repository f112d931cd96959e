// Scores the secret classifier on the labelled corpus (tests/data/secrets/corpus.txt) and measures it:
// prints precision, recall, token-format recall, the misclassified entries, and classifications per second
// for classify(), maskedValue() and maskSecretsInText() over the corpus. Prints figures only; never asserts.
#include "core/secrets/SecretDetector.h"
#include "core/secrets/SecretMask.h"
#include "tests/bench/BenchSupport.h"
#include "tests/support/SecretCorpus.h"
#include "tests/support/TestSupport.h"

#include <cstdio>
#include <string>

using namespace drydock;

int main()
{
    const auto entries =
        test::readSecretCorpus(test::dataPath(QStringLiteral("secrets/corpus.txt")).toStdString());
    if (entries.empty()) {
        std::fprintf(stderr, "the corpus tests/data/secrets/corpus.txt is missing or empty\n");
        return 1;
    }
    const test::CorpusScore score = test::scoreSecretCorpus(entries);
    std::printf("corpus: %zu entries (%zu secret, %zu not), %zu known token formats\n", entries.size(),
                score.truePositives + score.falseNegatives, score.falsePositives + score.trueNegatives,
                score.tokens);
    std::printf("precision %.4f, recall %.4f, token-format recall %.4f (%zu/%zu)\n", score.precision(),
                score.recall(), score.tokenRecall(), score.tokensFound, score.tokens);
    for (const auto& m : score.misclassified) {
        std::printf("  misclassified: %s\n", m.c_str());
    }

    constexpr int kRounds = 200;
    std::size_t masked = 0;
    bench::Stopwatch classify;
    for (int r = 0; r < kRounds; ++r) {
        for (const auto& e : entries) {
            masked += SecretDetector::classify(e.name, e.value).masked();
        }
    }
    const double classifyMs = classify.ms();
    std::size_t bytes = 0;
    bench::Stopwatch mask;
    for (int r = 0; r < kRounds; ++r) {
        for (const auto& e : entries) {
            bytes += maskedValue(e.name, e.value).size();
        }
    }
    const double maskMs = mask.ms();
    bench::Stopwatch text;
    for (int r = 0; r < kRounds; ++r) {
        for (const auto& e : entries) {
            bytes += maskSecretsInText("/bin/sh -c #(nop)  ENV " + e.name + "=" + e.value).size();
        }
    }
    const double textMs = text.ms();
    const double n = static_cast<double>(entries.size()) * kRounds;
    std::printf("classify: %.0f pairs/s (%zu masked)\n", n / (classifyMs / 1000.0), masked / kRounds);
    std::printf("maskedValue: %.0f pairs/s\n", n / (maskMs / 1000.0));
    std::printf("maskSecretsInText (history lines): %.0f lines/s (%zu bytes out)\n", n / (textMs / 1000.0),
                bytes);
    return 0;
}
