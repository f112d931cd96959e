#include "core/contents/VersionCompare.h"

#include <cctype>
#include <cstdint>
#include <string>
#include <vector>

namespace drydock {

namespace {

bool isDigit(char c)
{
    return c >= '0' && c <= '9';
}
bool isAlpha(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

int order(char c)
{
    if (isDigit(c)) {
        return 0;
    }
    if (isAlpha(c)) {
        return static_cast<unsigned char>(c);
    }
    if (c == '~') {
        return -1;
    }
    if (c != '\0') {
        return static_cast<unsigned char>(c) + 256;
    }
    return 0;
}

// dpkg's verrevcmp on string_views (the end reads as '\0').
int verrevcmp(std::string_view a, std::string_view b)
{
    std::size_t i = 0;
    std::size_t j = 0;
    auto at = [](std::string_view s, std::size_t k) { return k < s.size() ? s[k] : '\0'; };
    while (i < a.size() || j < b.size()) {
        int firstDiff = 0;
        while ((i < a.size() && !isDigit(a[i])) || (j < b.size() && !isDigit(b[j]))) {
            const int ac = order(at(a, i));
            const int bc = order(at(b, j));
            if (ac != bc) {
                return ac - bc;
            }
            ++i;
            ++j;
        }
        while (at(a, i) == '0') {
            ++i;
        }
        while (at(b, j) == '0') {
            ++j;
        }
        while (isDigit(at(a, i)) && isDigit(at(b, j))) {
            if (!firstDiff) {
                firstDiff = at(a, i) - at(b, j);
            }
            ++i;
            ++j;
        }
        if (isDigit(at(a, i))) {
            return 1;
        }
        if (isDigit(at(b, j))) {
            return -1;
        }
        if (firstDiff) {
            return firstDiff;
        }
    }
    return 0;
}

// A Debian version split into epoch, upstream version and revision, compared part by part.
struct DebVersion
{
    std::uint64_t epoch = 0;
    std::string_view upstream;
    std::string_view revision;
};

DebVersion splitDebian(std::string_view v)
{
    DebVersion out;
    const auto colon = v.find(':');
    if (colon != std::string_view::npos) {
        std::uint64_t e = 0;
        for (std::size_t k = 0; k < colon; ++k) {
            if (isDigit(v[k]) && e < (UINT64_MAX / 10)) {
                e = e * 10 + static_cast<std::uint64_t>(v[k] - '0');
            }
        }
        out.epoch = e;
        v.remove_prefix(colon + 1);
    }
    const auto dash = v.rfind('-');
    if (dash != std::string_view::npos) {
        out.upstream = v.substr(0, dash);
        out.revision = v.substr(dash + 1);
    } else {
        out.upstream = v;
    }
    return out;
}

int sign(int x)
{
    return (x > 0) - (x < 0);
}

// apk: suffix ranks around "no suffix" (0).
int suffixRank(std::string_view s)
{
    static const std::pair<std::string_view, int> ranks[] = {{"alpha", -4}, {"beta", -3}, {"pre", -2},
                                                             {"rc", -1},    {"cvs", 1},   {"svn", 2},
                                                             {"git", 3},    {"hg", 4},    {"p", 5}};
    for (const auto& [name, rank] : ranks) {
        if (s == name) {
            return rank;
        }
    }
    return -5; // unknown suffixes sort first, as apk treats them as invalid
}

// An Alpine version split into numbers, letter, suffixes and -r revision, compared part by part.
struct ApkVersion
{
    std::vector<std::string_view> numbers;
    int letter = 0; // 0 none, else the letter
    std::vector<std::pair<int, std::uint64_t>> suffixes;
    std::uint64_t revision = 0;
};

std::uint64_t number(std::string_view s)
{
    std::uint64_t n = 0;
    for (const char c : s) {
        if (!isDigit(c)) {
            break;
        }
        if (n < UINT64_MAX / 10) {
            n = n * 10 + static_cast<std::uint64_t>(c - '0');
        }
    }
    return n;
}

ApkVersion parseApk(std::string_view v)
{
    ApkVersion out;
    std::size_t i = 0;
    while (i < v.size()) {
        const std::size_t start = i;
        while (i < v.size() && isDigit(v[i])) {
            ++i;
        }
        if (i == start) {
            break;
        }
        out.numbers.push_back(v.substr(start, i - start));
        if (i < v.size() && v[i] == '.' && i + 1 < v.size() && isDigit(v[i + 1])) {
            ++i;
            continue;
        }
        break;
    }
    if (i < v.size() && isAlpha(v[i]) && (i + 1 == v.size() || !isAlpha(v[i + 1]))) {
        out.letter = std::tolower(static_cast<unsigned char>(v[i]));
        ++i;
    }
    while (i < v.size() && v[i] == '_') {
        ++i;
        const std::size_t start = i;
        while (i < v.size() && isAlpha(v[i])) {
            ++i;
        }
        const std::string_view name = v.substr(start, i - start);
        const std::size_t numStart = i;
        while (i < v.size() && isDigit(v[i])) {
            ++i;
        }
        out.suffixes.emplace_back(suffixRank(name), number(v.substr(numStart, i - numStart)));
    }
    if (i + 1 < v.size() && v[i] == '-' && v[i + 1] == 'r') {
        out.revision = number(v.substr(i + 2));
    }
    return out;
}

// Numeric components: the first compares as a number; later ones starting with '0' compare as decimal
// fractions (apk's "1.01 < 1.1"), the rest as numbers.
int compareComponent(std::string_view a, std::string_view b, bool first)
{
    if (!first && ((a.size() > 1 && a[0] == '0') || (b.size() > 1 && b[0] == '0'))) {
        const int c = a.compare(b);
        return sign(c);
    }
    const std::uint64_t x = number(a);
    const std::uint64_t y = number(b);
    return x < y ? -1 : x > y ? 1 : 0;
}

} // namespace

int compareDebianVersions(std::string_view a, std::string_view b)
{
    const DebVersion x = splitDebian(a);
    const DebVersion y = splitDebian(b);
    if (x.epoch != y.epoch) {
        return x.epoch < y.epoch ? -1 : 1;
    }
    if (const int c = verrevcmp(x.upstream, y.upstream)) {
        return sign(c);
    }
    return sign(verrevcmp(x.revision, y.revision));
}

int compareApkVersions(std::string_view a, std::string_view b)
{
    const ApkVersion x = parseApk(a);
    const ApkVersion y = parseApk(b);
    const std::size_t common = std::min(x.numbers.size(), y.numbers.size());
    for (std::size_t k = 0; k < common; ++k) {
        if (const int c = compareComponent(x.numbers[k], y.numbers[k], k == 0)) {
            return c;
        }
    }
    if (x.numbers.size() != y.numbers.size()) {
        return x.numbers.size() < y.numbers.size() ? -1 : 1;
    }
    if (x.letter != y.letter) {
        return x.letter < y.letter ? -1 : 1;
    }
    const std::size_t suffixes = std::max(x.suffixes.size(), y.suffixes.size());
    for (std::size_t k = 0; k < suffixes; ++k) {
        const std::pair<int, std::uint64_t> none{0, 0};
        const auto& s = k < x.suffixes.size() ? x.suffixes[k] : none;
        const auto& t = k < y.suffixes.size() ? y.suffixes[k] : none;
        if (s != t) {
            return s < t ? -1 : 1;
        }
    }
    if (x.revision != y.revision) {
        return x.revision < y.revision ? -1 : 1;
    }
    return 0;
}

int compareVersions(std::string_view ecosystem, std::string_view a, std::string_view b)
{
    if (ecosystem == "deb") {
        return compareDebianVersions(a, b);
    }
    if (ecosystem == "apk") {
        return compareApkVersions(a, b);
    }
    const int c = a.compare(b);
    return sign(c);
}

} // namespace drydock
