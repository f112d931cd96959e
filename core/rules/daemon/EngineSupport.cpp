#include "core/rules/daemon/EngineSupport.h"

#include "core/common/Time.h"
#include "core/rules/daemon/DaemonFacts.h"

#include <cstdio>

namespace drydock {

namespace {

// KEEP CURRENT: every entry comes from upstream release notices (docs.docker.com/engine/release-notes,
// moby/moby project/BRANCHES-AND-TAGS.md and RELEASES.md, moby discussions), read by hand. It goes stale on
// its own: when a new major ships, mark the previous branch's last month and add the new one, and update
// kReviewed. "Upstream" here means Docker CE as published by Docker, Inc. Some branches live longer as vendor
// LTS lines (23.0 and 25.0 as Mirantis MCR, 25.0 for Amazon Linux, 26.1 for Microsoft); those builds, like
// distribution packages, can carry fixes the version number does not show, which is why DMN-013 always asks
// to verify. Months marked approximate are inferred from the release pattern ("the previous major gets
// patches for about a month after the next one ships"), not from an announcement.
const std::vector<EngineBranchSupport> kTable{
    // 19.03.15 (2021-02-01) was the last release of the branch.
    {19, 3, 2021, 2, "19.03", false},
    // Last patch 20.10.27 (2023-10); downstream notices put the end of upstream fixes in December 2023.
    {20, 10, 2023, 12, "20.10", false},
    // Docker CE packages stopped with 23.0.6 (2023-05) when 24.0 shipped; the moby branch went on as the
    // source of Mirantis MCR 23.0, for which Docker publishes no packages (moby discussion #47328).
    {23, 0, 2023, 5, "23.0", false},
    // 24.0.9 (2024-01-31, the "Leaky Vessels" fixes) was the last release.
    {24, 0, 2024, 1, "24.0", false},
    // 26.0 shipped 2024-03-20; 25.0.5 (2024-03) was the last Docker CE release of 25.0.
    {25, 0, 2024, 3, "25.0", true},
    // 26.1 replaced 26.0 in April 2024.
    {26, 0, 2024, 4, "26.0", false},
    // 27.0 shipped late June 2024; 26.1 got its last fixes the following month.
    {26, 1, 2024, 7, "26.1", true},
    // 28.0 shipped 2025-02-20.
    {27, -1, 2025, 3, "27.x", true},
    // 29.0 shipped in November 2025.
    {28, -1, 2025, 12, "28.x", true},
    // The current branch when the table was reviewed.
    {29, -1, 0, 0, "29.x", false},
};

constexpr const char* kReviewed = "2026-11";

std::string monthText(int year, int month)
{
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%04d-%02d", year, month);
    return buffer;
}

// The first instant after the branch's last supported month.
std::int64_t endOfMonth(int year, int month)
{
    const int nextYear = month == 12 ? year + 1 : year;
    const int nextMonth = month == 12 ? 1 : month + 1;
    return parseRfc3339(monthText(nextYear, nextMonth) + "-01T00:00:00Z").value_or(0);
}

bool matches(const EngineBranchSupport& entry, const daemonfacts::VersionTriple& v)
{
    return entry.major == v.major && (entry.minor < 0 || entry.minor == v.minor);
}

bool olderThan(const daemonfacts::VersionTriple& v, const EngineBranchSupport& entry)
{
    return v.major < entry.major || (v.major == entry.major && entry.minor >= 0 && v.minor < entry.minor);
}

} // namespace

const std::vector<EngineBranchSupport>& engineSupportTable()
{
    return kTable;
}

const char* engineSupportTableReviewed()
{
    return kReviewed;
}

EngineSupportVerdict engineSupport(std::string_view serverVersion, std::int64_t nowUnix)
{
    EngineSupportVerdict verdict;
    const auto version = daemonfacts::parseVersionTriple(serverVersion);
    if (!version) {
        return verdict;
    }
    // 17.03 … 22.06 were calendar versions (YY.MM) and are written with two-digit months.
    const bool calendarVersion = version->major >= 17 && version->major <= 22;
    verdict.branch = std::to_string(version->major) + "." +
                     (calendarVersion && version->minor < 10 ? "0" : "") + std::to_string(version->minor);
    for (const auto& entry : kTable) {
        if (!matches(entry, *version)) {
            continue;
        }
        verdict.branch = entry.branch;
        if (entry.lastYear == 0) {
            verdict.status = EngineSupportVerdict::Status::Supported;
            return verdict;
        }
        verdict.endedOn = monthText(entry.lastYear, entry.lastMonth);
        verdict.status = nowUnix >= endOfMonth(entry.lastYear, entry.lastMonth)
                             ? EngineSupportVerdict::Status::Ended
                             : EngineSupportVerdict::Status::Supported;
        return verdict;
    }
    // Not a listed branch: older than the oldest listed one has long been out of support; anything that sorts
    // between listed branches (a release line that never existed upstream) or past the newest is unknown.
    const EngineBranchSupport& oldest = kTable.front();
    if (olderThan(*version, oldest)) {
        verdict.status = EngineSupportVerdict::Status::Ended;
        verdict.endedOn = "before " + monthText(oldest.lastYear, oldest.lastMonth);
    }
    return verdict;
}

} // namespace drydock
