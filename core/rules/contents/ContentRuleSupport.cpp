#include "core/rules/contents/ContentRuleSupport.h"

#include "core/common/Strings.h"
#include "core/rules/image/ImageRuleSupport.h"

#include <array>
#include <cstdio>

namespace drydock {

const char* const kMultiStageDockerfile =
    "FROM debian:12 AS build\n"
    "RUN apt-get update && apt-get install -y --no-install-recommends build-essential\n"
    "WORKDIR /src\n"
    "COPY . .\n"
    "RUN make\n"
    "\n"
    "FROM gcr.io/distroless/base-debian12\n"
    "COPY --from=build /src/app /app\n"
    "USER 10001:10001\n"
    "ENTRYPOINT [\"/app\"]\n";

std::vector<Finding> evaluateContentRules(const RuleCatalogue& catalogue, const ScanSettings& settings,
                                          const Image& image, const ImageContents& contents)
{
    FindingCollector collector(&settings.severityOverrides);
    for (const auto& rule : catalogue.rules()) {
        const auto* contentRule = dynamic_cast<const ContentRule*>(rule.get());
        const RuleInfo& info = rule->info();
        if (!contentRule || settings.disabledRules.count(info.id) ||
            (!settings.onlyAreas.empty() && !settings.onlyAreas.count(info.area))) {
            continue;
        }
        contentRule->checkContents(image, contents, collector);
    }
    return collector.take();
}

std::string layerText(const ImageContents& contents, int layer)
{
    std::string text = "layer " + std::to_string(layer + 1) + " of " + std::to_string(contents.layers.size());
    if (layer >= 0 && static_cast<std::size_t>(layer) < contents.layers.size()) {
        const std::string& step = contents.layers[static_cast<std::size_t>(layer)].createdBy;
        if (!step.empty()) {
            text += " (" + evidenceText(truncateUtf8(replaceAll(step, "/bin/sh -c #(nop) ", ""), 80)) + ")";
        }
    }
    return text;
}

std::string bytesText(std::int64_t bytes)
{
    char buffer[32];
    if (bytes >= 1024 * 1024) {
        std::snprintf(buffer, sizeof buffer, "%.1f MiB", static_cast<double>(bytes) / (1024.0 * 1024.0));
    } else if (bytes >= 1024) {
        std::snprintf(buffer, sizeof buffer, "%.1f KiB", static_cast<double>(bytes) / 1024.0);
    } else {
        std::snprintf(buffer, sizeof buffer, "%lld bytes", static_cast<long long>(bytes));
    }
    return buffer;
}

bool isBinDirectory(std::string_view dir)
{
    static constexpr std::array<std::string_view, 6> bins{"bin",      "sbin",          "usr/bin",
                                                          "usr/sbin", "usr/local/bin", "usr/local/sbin"};
    for (const auto b : bins) {
        if (dir == b) {
            return true;
        }
    }
    return false;
}

bool isSystemCodePath(std::string_view path)
{
    static constexpr std::array<std::string_view, 10> roots{
        "bin/", "sbin/",  "usr/bin/", "usr/sbin/", "usr/local/bin/", "usr/local/sbin/",
        "lib/", "lib64/", "usr/lib/", "usr/lib64/"};
    for (const auto r : roots) {
        if (startsWith(path, r)) {
            return true;
        }
    }
    return false;
}

std::string fileEvidence(const ImageContents& contents, const std::string& path, const FileEntry& entry)
{
    return "/" + evidenceText(path) + " (added in " + layerText(contents, entry.layer) + "; " +
           bytesText(entry.size) + ")";
}

} // namespace drydock
