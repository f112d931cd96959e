#include "core/files/FileReview.h"

#include "core/common/StringSetSearch.h"
#include "core/files/UnifiedDiff.h"
#include "core/files/compose/YamlTree.h"
#include "core/files/dockerfile/DockerfileParser.h"
#include "core/secrets/SecretDetector.h"
#include "core/secrets/SecretMask.h"

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <utility>
#include <vector>

namespace drydock {

const char* toString(ReviewedFileKind kind)
{
    switch (kind) {
    case ReviewedFileKind::Compose:
        return "compose";
    case ReviewedFileKind::Dockerfile:
        return "dockerfile";
    }
    return "compose";
}

std::pair<int, int> lineAndColumnAt(std::string_view text, std::size_t offset)
{
    int line = 1;
    std::size_t lineStart = 0;
    for (std::size_t i = 0; i < offset && i < text.size(); ++i) {
        if (text[i] == '\n') {
            ++line;
            lineStart = i + 1;
        }
    }
    return {line, static_cast<int>(offset - lineStart) + 1};
}

namespace {

bool isWordByte(char c)
{
    return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-' || c == '.' || c == '/' ||
           static_cast<unsigned char>(c) >= 0x80;
}

using SecretValues = std::vector<std::pair<std::string, std::string>>; // value, kind

// A value worth masking wherever the file repeats it. A plain word (a password "nextcloud" beside
// POSTGRES_USER=nextcloud, image: nextcloud) is left where it is not a value: masking every image and user
// name would say more than it hides. A multi-line value (a key in a block scalar) is masked line by line, as
// the file holds it indented.
void addSecretValue(SecretValues& found, std::string value, const std::string& kind)
{
    while (!value.empty() && (value.back() == '"' || value.back() == '\'' || value.back() == '\n')) {
        value.pop_back();
    }
    while (!value.empty() && (value.front() == '"' || value.front() == '\'')) {
        value.erase(0, 1);
    }
    if (value.find('\n') != std::string::npos) {
        std::size_t start = 0;
        while (start <= value.size()) {
            const std::size_t end = std::min(value.find('\n', start), value.size());
            std::string line = value.substr(start, end - start);
            const auto first = line.find_first_not_of(" \t\r");
            const auto last = line.find_last_not_of(" \t\r");
            if (first != std::string::npos) {
                addSecretValue(found, line.substr(first, last - first + 1), kind);
            }
            start = end + 1;
        }
        return;
    }
    const bool plainWord = std::all_of(
        value.begin(), value.end(), [](char c) { return std::islower(static_cast<unsigned char>(c)) != 0; });
    if (value.size() >= 8 && !plainWord && value.find('*') == std::string::npos) {
        found.emplace_back(std::move(value), kind);
    }
}

void addSecretSpans(SecretValues& found, std::string_view text)
{
    for (const auto& span : findSecretSpans(text)) {
        addSecretValue(found, std::string(text.substr(span.begin, span.end - span.begin)), span.kind);
    }
}

// The secret values the classifier finds in a file, line by line (SA_PASSWORD: …), which the file may repeat
// where a line alone says nothing: an exec-form health check whose "-P" and value are two list items.
void addLineSecrets(SecretValues& found, std::string_view text)
{
    std::size_t start = 0;
    while (start < text.size()) {
        const std::size_t newline = std::min(text.find('\n', start), text.size());
        addSecretSpans(found, text.substr(start, newline - start));
        start = newline + 1;
    }
}

// The secret values of a YAML tree, judged as the classifier judges a variable: every `key: value` of a map
// (environment, labels, options, x- extensions alike), every NAME=value item of a list, and the secrets
// inside any other text (a command line, a URL with a password).
void addYamlSecrets(SecretValues& found, const YamlNode& node)
{
    auto judgeText = [&](const std::string& text) {
        const std::size_t eq = text.find('=');
        if (eq != std::string::npos && eq > 0) {
            const SecretJudgement j = SecretDetector::classify(text.substr(0, eq), text.substr(eq + 1));
            if (j.masked()) {
                addSecretValue(found, text.substr(eq + 1), j.kind);
            }
        }
        addSecretSpans(found, text);
    };
    if (node.isScalar()) {
        judgeText(node.value);
    } else if (node.isSequence()) {
        // A list of words is often one command in exec form (command, entrypoint, a health check's test):
        // read together, `mysqladmin … -pS3cret` says what its last word is.
        std::string command;
        for (const auto& item : node.items) {
            addYamlSecrets(found, item);
            if (item.isScalar()) {
                command += (command.empty() ? "" : " ") + item.value;
            }
        }
        if (node.items.size() > 1) {
            addSecretSpans(found, command);
        }
    } else if (node.isMap()) {
        for (const auto& [key, value] : node.entries) {
            if (value.isScalar()) {
                const SecretJudgement j = SecretDetector::classify(key.value, value.value);
                if (j.masked()) {
                    addSecretValue(found, value.value, j.kind);
                }
            }
            addYamlSecrets(found, value);
        }
    }
}

// The secret values of a Dockerfile, read as the builder reads it: ENV, ARG and LABEL pairs in either form
// (`ENV NAME value` too), and commands with their continuation lines joined (`mysql -u root \` then `-p…`).
void addDockerfileSecrets(SecretValues& found, const Dockerfile& file)
{
    for (const auto& instruction : file.instructions) {
        const SecretPlace place = instruction.keyword == "LABEL" ? SecretPlace::Label : SecretPlace::Env;
        for (const auto& pair : instruction.pairs) {
            if (!pair.value) {
                continue;
            }
            const SecretJudgement j = SecretDetector::classify(pair.name, *pair.value, place);
            if (j.masked()) {
                addSecretValue(found, *pair.value, j.kind);
            }
        }
        if (instruction.pairs.empty()) {
            std::string command = instruction.arguments;
            for (const auto& word : instruction.execArguments) {
                command += ' ' + word;
            }
            addSecretSpans(found, command);
        }
        for (const auto& heredoc : instruction.heredocs) {
            addSecretSpans(found, heredoc.body);
        }
    }
}

SecretValues secretValuesIn(std::string_view text, ReviewedFileKind kind)
{
    SecretValues found;
    addLineSecrets(found, text);
    // A file that does not parse (the review said why) is masked by its lines alone.
    if (kind == ReviewedFileKind::Compose) {
        if (auto tree = loadYaml(text)) {
            addYamlSecrets(found, *tree);
        }
    } else if (auto dockerfile = parseDockerfile(text)) {
        addDockerfileSecrets(found, *dockerfile);
    }
    return found;
}

// Whether the occurrence of value at [begin, end) of text is one to mask. A value of lower-case letters and
// digits alone only where it is a whole word (a password "nextcloud29" is not masked inside
// "nextcloud29-data"); any other value wherever it is, glued to a flag (`-pS3cret-pw`) or to more text.
bool masksHere(std::string_view text, std::string_view value, std::size_t begin, std::size_t end)
{
    const bool plain = std::all_of(value.begin(), value.end(), [](char c) {
        return std::islower(static_cast<unsigned char>(c)) != 0 ||
               std::isdigit(static_cast<unsigned char>(c)) != 0;
    });
    return !plain ||
           ((begin == 0 || !isWordByte(text[begin - 1])) && (end == text.size() || !isWordByte(text[end])));
}

// text masked line by line, then every other occurrence of the values found masked too: in one pass
// (StringSetSearch), so a file holding thousands of secrets is masked in time linear in its size;
// occurrences that overlap are masked as one.
std::string maskedWith(std::string_view text, SecretValues found)
{
    std::string lines;
    lines.reserve(text.size());
    std::size_t start = 0;
    while (start < text.size()) {
        // Each line without its newline: a mask (of a PEM block's first line, say) must not take it along.
        const std::size_t newline = std::min(text.find('\n', start), text.size());
        lines += maskSecretsInText(text.substr(start, newline - start));
        if (newline < text.size()) {
            lines += '\n';
        }
        start = newline + 1;
    }
    if (found.empty()) {
        return lines;
    }
    std::sort(found.begin(), found.end());
    found.erase(std::unique(found.begin(), found.end(),
                            [](const auto& a, const auto& b) { return a.first == b.first; }),
                found.end());
    std::vector<std::string> values;
    values.reserve(found.size());
    for (const auto& [value, kind] : found) {
        values.push_back(value);
    }
    // Where each masked region starts and ends, and the longest value in it (whose kind its mask names).
    struct Region
    {
        std::size_t begin;
        std::size_t end;
        std::size_t value;
    };
    std::vector<Region> regions;
    for (const auto& hit : StringSetSearch(values).findAll(lines)) {
        const std::size_t end = hit.begin + values[hit.string].size();
        if (!masksHere(lines, values[hit.string], hit.begin, end)) {
            continue;
        }
        Region region{hit.begin, end, hit.string};
        while (!regions.empty() &&
               region.begin < regions.back().end) { // hits come in the order of their ends
            const Region& before = regions.back();
            if (values[before.value].size() > values[region.value].size()) {
                region.value = before.value;
            }
            region.begin = std::min(region.begin, before.begin);
            regions.pop_back();
        }
        regions.push_back(region);
    }
    std::string out;
    out.reserve(lines.size());
    std::size_t from = 0;
    for (const Region& r : regions) {
        out.append(lines, from, r.begin - from);
        out += maskSecret(lines.substr(r.begin, r.end - r.begin), found[r.value].second);
        from = r.end;
    }
    out.append(lines, from, std::string::npos);
    return out;
}

} // namespace

std::string maskedFileText(std::string_view text, ReviewedFileKind kind)
{
    return maskedWith(text, secretValuesIn(text, kind));
}

std::string shownFixDiff(const FileReview& file, bool* masked)
{
    if (!file.fixedText) {
        if (masked) {
            *masked = false;
        }
        return {};
    }
    // The fix removes a value from where it was found; where the file repeats it, it stays masked too.
    auto found = secretValuesIn(file.originalText, file.kind);
    for (auto& more : secretValuesIn(*file.fixedText, file.kind)) {
        found.push_back(std::move(more));
    }
    const std::string before = maskedWith(file.originalText, found);
    const std::string after = maskedWith(*file.fixedText, found);
    if (masked) {
        *masked = before != file.originalText || after != *file.fixedText;
    }
    // git's a/ and b/ prefixes: an absolute path loses its leading "/" (patch -p1 from / then finds it).
    return unifiedDiff(before, after, file.path.rfind('/', 0) == 0 ? file.path.substr(1) : file.path);
}

Result<std::string> readReviewedFile(const std::string& path, const FileReviewLimits& limits)
{
    std::error_code ec;
    if (!std::filesystem::is_regular_file(path, ec)) {
        return Error::make(ErrorCode::NotFound, "could not read " + path + ": it is not a regular file");
    }
    const auto size = std::filesystem::file_size(path, ec);
    if (ec) {
        return Error::make(ErrorCode::NotFound, "could not read " + path + ": " + ec.message());
    }
    if (size > limits.maxFileBytes) {
        return Error::make(ErrorCode::TooLarge,
                           path + " is " + std::to_string(size / 1024) + " KiB; files over " +
                               std::to_string(limits.maxFileBytes / 1024) + " KiB are not reviewed");
    }
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        return Error::make(ErrorCode::PermissionDenied, "could not open " + path + " for reading");
    }
    std::string text(static_cast<std::size_t>(size), '\0');
    in.read(text.data(), static_cast<std::streamsize>(size));
    text.resize(static_cast<std::size_t>(in.gcount()));
    return text;
}

} // namespace drydock
