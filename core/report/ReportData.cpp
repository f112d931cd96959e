#include "core/report/ReportData.h"

#include "core/common/Strings.h"
#include "core/common/VisibleText.h"

#include <algorithm>
#include <string_view>

namespace drydock {

const char* toString(ReportDetail detail)
{
    switch (detail) {
    case ReportDetail::Summary: return "summary";
    case ReportDetail::Objects: return "objects";
    case ReportDetail::Full: return "full";
    }
    return "objects";
}

Result<ReportDetail> parseReportDetail(std::string_view name)
{
    for (const ReportDetail d : {ReportDetail::Summary, ReportDetail::Objects, ReportDetail::Full}) {
        if (name == toString(d)) {
            return d;
        }
    }
    return Error::make(ErrorCode::InvalidArgument, "unknown detail '" + visibleText(std::string(name).substr(0, 40)) +
                                                       "' (use summary, objects or full)");
}

int ReportData::objects() const
{
    if (objectCount >= 0) {
        return objectCount;
    }
    const Inventory& i = scan->inventory;
    return static_cast<int>(i.containers.size() + i.images.size() + i.networks.size() + i.volumes.size());
}

std::string reportText(const std::string& text, std::size_t maxBytes) { return truncateUtf8(text, maxBytes); }

std::string reportCommand(const std::string& command, std::size_t maxBytes)
{
    if (command.size() > maxBytes) {
        return "# Left out: this text is " + std::to_string((command.size() + 1023) / 1024) +
               " KiB, more than a report shows (" + std::to_string(maxBytes / 1024) +
               " KiB), and a cut one could run something else when pasted. Copy it from the finding in "
               "Drydock, or "
               "print the container's plan with: drydock harden NAME --format script";
    }
    // Line by line: the line breaks of a multi-line command are its own, anything else hidden is not.
    const std::string_view text(command);
    for (std::size_t start = 0; start <= text.size();) {
        const std::size_t end = std::min(text.find('\n', start), text.size());
        if (hasHiddenCharacters(text.substr(start, end - start))) {
            return "# Left out: this text holds control characters (it was recorded by an older Drydock). "
                   "Rescan "
                   "to get it with visible escapes.";
        }
        start = end + 1;
    }
    return command;
}

} // namespace drydock

namespace drydock {

std::optional<BenchmarkCoverage> reportCoverage(const ReportData& data)
{
    if (data.benchmark) {
        return data.benchmark;
    }
    if (data.catalogue == nullptr || data.scan == nullptr) {
        return std::nullopt;
    }
    return benchmarkCoverage(*data.scan, *data.catalogue, data.cisVersion);
}

} // namespace drydock
