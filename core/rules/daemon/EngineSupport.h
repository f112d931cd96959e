#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace drydock {

// One Docker Engine release branch and the last month upstream Docker CE published fixes for it.
struct EngineBranchSupport
{
    int major = 0;
    int minor = -1;          // -1: every minor of this major is one branch (27.x, 28.x, …)
    int lastYear = 0;        // 0: still maintained when the table was last reviewed
    int lastMonth = 0;       // 1..12
    const char* branch = ""; // "20.10", "27.x"
    bool approximate =
        false; // the month is inferred (e.g. "about a month after the next major"), not announced
};

// Whether an engine version still gets upstream fixes, judged against the shipped table at a given time.
struct EngineSupportVerdict
{
    enum class Status
    {
        Supported, // a branch the table lists as maintained, or not yet past its last month
        Ended,     // past the branch's last month, or older than every branch in the table
        Unknown    // unparseable, or newer than the newest branch in the table
    };
    Status status = Status::Unknown;
    std::string branch;  // "20.10"; for versions older than the table, e.g. "18.09"
    std::string endedOn; // "2023-12"; "before 2021-02" for versions older than the table
};

// The maintained table of upstream support windows, oldest branch first.
const std::vector<EngineBranchSupport>& engineSupportTable();
// The date the table was last reviewed ("2026-11"), shown with findings so a stale table is visible.
const char* engineSupportTableReviewed();
// Judges ServerVersion ("20.10.24+dfsg1", "27.3.1", "v28.0.0-rc.1") at nowUnix.
EngineSupportVerdict engineSupport(std::string_view serverVersion, std::int64_t nowUnix);

} // namespace drydock
