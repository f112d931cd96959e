#include "core/files/compose/detail/ComposeValues.h"

#include "core/common/Strings.h"

#include <charconv>
#include <cmath>

namespace drydock::compose::detail {

std::optional<std::int64_t> parseInteger(std::string_view text)
{
    const std::string t = trim(text);
    std::int64_t value = 0;
    const auto [end, ec] = std::from_chars(t.data(), t.data() + t.size(), value);
    if (ec != std::errc() || end != t.data() + t.size() || t.empty()) {
        return std::nullopt;
    }
    return value;
}

namespace {

std::optional<double> parseNumber(std::string_view text)
{
    const std::string t(text);
    if (t.empty() || t.size() > 32) {
        return std::nullopt;
    }
    char* end = nullptr;
    const double value = std::strtod(t.c_str(), &end);
    if (end != t.c_str() + t.size() || !std::isfinite(value) || value < 0) {
        return std::nullopt;
    }
    return value;
}

} // namespace

std::optional<std::int64_t> parseBytes(std::string_view text)
{
    std::string t = toLower(trim(text));
    if (t == "-1") {
        return -1;
    }
    std::size_t split = t.size();
    while (split > 0 && std::isalpha(static_cast<unsigned char>(t[split - 1]))) {
        --split;
    }
    const std::string unit = t.substr(split);
    const auto number = parseNumber(std::string_view(t).substr(0, split));
    if (!number) {
        return std::nullopt;
    }
    double factor = 1;
    if (unit.empty() || unit == "b") {
        factor = 1;
    } else if (unit == "k" || unit == "kb" || unit == "kib") {
        factor = 1024.0;
    } else if (unit == "m" || unit == "mb" || unit == "mib") {
        factor = 1024.0 * 1024;
    } else if (unit == "g" || unit == "gb" || unit == "gib") {
        factor = 1024.0 * 1024 * 1024;
    } else if (unit == "t" || unit == "tb" || unit == "tib") {
        factor = 1024.0 * 1024 * 1024 * 1024;
    } else {
        return std::nullopt;
    }
    const double bytes = *number * factor;
    if (bytes > 9.0e18) {
        return std::nullopt;
    }
    return static_cast<std::int64_t>(bytes);
}

std::optional<std::int64_t> parseDurationNs(std::string_view text)
{
    const std::string t = toLower(trim(text));
    if (t.empty()) {
        return std::nullopt;
    }
    double total = 0;
    std::size_t i = 0;
    while (i < t.size()) {
        std::size_t start = i;
        while (i < t.size() && (std::isdigit(static_cast<unsigned char>(t[i])) || t[i] == '.')) {
            ++i;
        }
        const auto number = parseNumber(std::string_view(t).substr(start, i - start));
        start = i;
        while (i < t.size() && std::isalpha(static_cast<unsigned char>(t[i]))) {
            ++i;
        }
        const std::string unit = t.substr(start, i - start);
        if (!number) {
            return std::nullopt;
        }
        const double ns = unit == "h"    ? 3.6e12
                          : unit == "m"  ? 6e10
                          : unit == "s"  ? 1e9
                          : unit == "ms" ? 1e6
                          : unit == "us" ? 1e3
                          : unit == "ns" ? 1
                                         : 0;
        if (ns == 0) {
            return std::nullopt;
        }
        total += *number * ns;
    }
    if (total > 9.0e18) {
        return std::nullopt;
    }
    return static_cast<std::int64_t>(total);
}

namespace {

// "8000-8002" as its first and last number; a single port as both.
std::optional<std::pair<int, int>> portRange(std::string_view text)
{
    const std::size_t dash = text.find('-');
    const auto first = parseInteger(text.substr(0, dash));
    const auto last = dash == std::string_view::npos ? first : parseInteger(text.substr(dash + 1));
    if (!first || !last || *first < 0 || *last < *first || *last > 65535) {
        return std::nullopt;
    }
    return std::pair<int, int>{static_cast<int>(*first), static_cast<int>(*last)};
}

} // namespace

std::vector<ParsedPort> parseShortPort(std::string_view text, std::size_t maxPorts)
{
    std::string rest = trim(text);
    std::string protocol = "tcp";
    if (const std::size_t slash = rest.rfind('/'); slash != std::string::npos) {
        protocol = toLower(rest.substr(slash + 1));
        rest = rest.substr(0, slash);
    }
    std::string hostIp;
    if (startsWith(rest, "[")) { // [::1]:8080:80
        const std::size_t close = rest.find(']');
        if (close == std::string::npos || close + 1 >= rest.size() || rest[close + 1] != ':') {
            return {};
        }
        hostIp = rest.substr(1, close - 1);
        rest = rest.substr(close + 2);
    }
    std::vector<std::string> parts = split(rest, ':');
    if (hostIp.empty() && parts.size() == 3) {
        hostIp = parts[0];
        parts.erase(parts.begin());
    }
    if (parts.empty() || parts.size() > 2) {
        return {};
    }
    const std::string hostText = parts.size() == 2 ? parts[0] : std::string();
    const auto container = portRange(parts.back());
    if (!container) {
        return {};
    }
    const auto host = hostText.empty() ? std::nullopt : portRange(hostText);
    if (!hostText.empty() && !host) {
        return {};
    }
    std::vector<ParsedPort> out;
    const int count = container->second - container->first + 1;
    const bool pairwise = host && host->second - host->first + 1 == count;
    for (int i = 0; i < count && out.size() < maxPorts; ++i) {
        ParsedPort p;
        p.hostIp = hostIp;
        p.containerPort = std::to_string(container->first + i) + "/" + protocol;
        if (pairwise) {
            p.hostPort = std::to_string(host->first + i);
        } else if (host) {
            p.hostPort = host->first == host->second ? std::to_string(host->first) : hostText;
        }
        out.push_back(std::move(p));
    }
    return out;
}

std::optional<ParsedVolume> parseShortVolume(std::string_view text)
{
    const std::vector<std::string> parts = split(trim(text), ':');
    if (parts.empty() || parts.size() > 3 || parts[0].empty()) {
        return std::nullopt;
    }
    ParsedVolume v;
    if (parts.size() == 1) {
        v.type = "volume";
        v.target = parts[0];
        return v;
    }
    v.source = parts[0];
    v.target = parts[1];
    const char first = v.source[0];
    v.type = first == '/' || first == '.' || first == '~' ? "bind" : "volume";
    if (parts.size() == 3) {
        v.mode = parts[2];
        for (const auto& option : split(parts[2], ',')) {
            if (option == "ro") {
                v.readOnly = true;
            } else if (option == "shared" || option == "rshared" || option == "slave" || option == "rslave" ||
                       option == "private" || option == "rprivate") {
                v.propagation = option;
            }
        }
    }
    return v;
}

std::vector<std::string> scalarList(const YamlNode* node)
{
    std::vector<std::string> out;
    if (!node) {
        return out;
    }
    if (node->isScalar()) {
        out.push_back(node->value);
    }
    for (const auto& item : node->items) {
        if (item.isScalar()) {
            out.push_back(item.value);
        }
    }
    return out;
}

} // namespace drydock::compose::detail
