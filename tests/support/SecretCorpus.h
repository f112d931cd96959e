#pragma once
// Reads the labelled corpus of tests/data/secrets/ and scores the classifier on it (TestSecretClassifier and
// bench_secret_classifier share it, so the test's figures and the bench's are the same computation).
#include "core/secrets/SecretDetector.h"

#include <cstddef>
#include <fstream>
#include <string>
#include <vector>

namespace drydock::test {

struct CorpusEntry
{
    std::string name;
    std::string value;
    bool secret = false;
    std::string kind; // expected kind for a known token format; empty otherwise
    std::size_t line = 0;
};

// "<label>\tNAME=value" lines; '#' starts a comment; "\n" in a value is a newline.
inline std::vector<CorpusEntry> readSecretCorpus(const std::string& path)
{
    std::vector<CorpusEntry> out;
    std::ifstream in(path);
    std::string line;
    std::size_t number = 0;
    while (std::getline(in, line)) {
        ++number;
        if (line.empty() || line[0] == '#') {
            continue;
        }
        const std::size_t tab = line.find('\t');
        const std::size_t eq = line.find('=', tab == std::string::npos ? 0 : tab);
        if (tab == std::string::npos || eq == std::string::npos) {
            continue;
        }
        CorpusEntry e;
        const std::string label = line.substr(0, tab);
        e.secret = label.rfind("secret", 0) == 0;
        if (e.secret && label.size() > 7 && label[6] == ':') {
            e.kind = label.substr(7);
        }
        e.name = line.substr(tab + 1, eq - tab - 1);
        for (std::size_t i = eq + 1; i < line.size(); ++i) {
            if (line[i] == '\\' && i + 1 < line.size() && line[i + 1] == 'n') {
                e.value += '\n';
                ++i;
            } else {
                e.value += line[i];
            }
        }
        e.line = number;
        out.push_back(std::move(e));
    }
    return out;
}

struct CorpusScore
{
    std::size_t truePositives = 0;
    std::size_t falsePositives = 0;
    std::size_t falseNegatives = 0;
    std::size_t trueNegatives = 0;
    std::size_t tokens = 0;      // entries labelled with a known token format
    std::size_t tokensFound = 0; // of those, classified as that format
    std::vector<std::string> misclassified;

    double precision() const
    {
        return truePositives + falsePositives == 0
                   ? 1.0
                   : static_cast<double>(truePositives) / static_cast<double>(truePositives + falsePositives);
    }
    double recall() const
    {
        return truePositives + falseNegatives == 0
                   ? 1.0
                   : static_cast<double>(truePositives) / static_cast<double>(truePositives + falseNegatives);
    }
    double tokenRecall() const
    {
        return tokens == 0 ? 1.0 : static_cast<double>(tokensFound) / static_cast<double>(tokens);
    }
};

// A value counts as flagged when the classifier masks it (secret or maybe).
inline CorpusScore scoreSecretCorpus(const std::vector<CorpusEntry>& entries)
{
    CorpusScore score;
    for (const auto& e : entries) {
        const SecretJudgement j = SecretDetector::classify(e.name, e.value, SecretPlace::Env);
        const bool flagged = j.masked();
        std::string why;
        if (flagged && e.secret) {
            ++score.truePositives;
        } else if (flagged) {
            ++score.falsePositives;
            why = "false alarm";
        } else if (e.secret) {
            ++score.falseNegatives;
            why = "missed";
        } else {
            ++score.trueNegatives;
        }
        if (!e.kind.empty()) {
            ++score.tokens;
            if (flagged && j.knownFormat && j.kind == e.kind) {
                ++score.tokensFound;
            } else {
                why = "token format not recognised as " + e.kind + " (got " +
                      (j.kind.empty() ? "-" : j.kind) + ")";
            }
        }
        if (!why.empty()) {
            score.misclassified.push_back("line " + std::to_string(e.line) + ": " + e.name + " (" + why +
                                          "; classifier: " + j.reason + ")");
        }
    }
    return score;
}

} // namespace drydock::test
