#include "core/hardening/LimitsFromUsage.h"

#include "core/common/Strings.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace drydock {

namespace {

constexpr std::int64_t kMiB = 1024 * 1024;

std::int64_t roundUp(std::int64_t value, std::int64_t step)
{
    return (value + step - 1) / step * step;
}

bool resolves(const HardeningChange& c, const char* rule)
{
    return std::find(c.ruleIds.begin(), c.ruleIds.end(), rule) != c.ruleIds.end();
}

// Sets the value of every added flag of that name; true when the change had one.
bool setAdded(HardeningChange& c, const std::string& flag, const std::string& value)
{
    bool found = false;
    for (auto& e : c.edits) {
        if (e.op == RunEdit::Op::AddFlag && e.flag == flag) {
            e.value = value;
            found = true;
        }
    }
    return found;
}

std::string addedValue(const HardeningChange& c, const std::string& flag)
{
    for (const auto& e : c.edits) {
        if (e.op == RunEdit::Op::AddFlag && e.flag == flag) {
            return e.value;
        }
    }
    return {};
}

// Which limit, if any, a change of the plan sets: the flag applyObservedLimits sizes.
const char* sizedLimit(const HardeningChange& c)
{
    if (resolves(c, "RUN-006") && !addedValue(c, "--memory").empty()) {
        return "--memory";
    }
    if (resolves(c, "RUN-008") && !addedValue(c, "--cpus").empty()) {
        return "--cpus";
    }
    if (resolves(c, "RUN-009") && !addedValue(c, "--pids-limit").empty()) {
        return "--pids-limit";
    }
    return nullptr;
}

} // namespace

bool plansLimitsFromUsage(const HardeningPlan& plan)
{
    return std::any_of(plan.changes.begin(), plan.changes.end(),
                       [](const HardeningChange& c) { return sizedLimit(c) != nullptr; });
}

std::int64_t LimitsFromUsage::memoryBytes(std::int64_t peakBytes)
{
    const std::int64_t peak = std::max<std::int64_t>(0, peakBytes);
    const std::int64_t wanted = std::max(2 * peak, peak + 32 * kMiB);
    const std::int64_t step = wanted <= 256 * kMiB ? 16 * kMiB : 64 * kMiB;
    return std::max(32 * kMiB, roundUp(wanted, step));
}

std::int64_t LimitsFromUsage::pids(std::int64_t peakPids)
{
    return roundUp(std::max<std::int64_t>(64, 2 * peakPids), 16);
}

double LimitsFromUsage::cpus(double peakCores)
{
    const double wanted = std::max(0.25, 2 * std::max(0.0, peakCores));
    // Quarters counted as integers, with a little tolerance so that 2 × 0.125 stays 0.25.
    return static_cast<double>(static_cast<std::int64_t>(std::ceil(wanted * 4 - 1e-9))) / 4;
}

std::string LimitsFromUsage::memoryFlag(std::int64_t bytes)
{
    return std::to_string(roundUp(bytes, kMiB) / kMiB) + "m";
}

std::string LimitsFromUsage::cpusFlag(double cpus)
{
    std::string text = LimitsFromUsage::coresText(cpus);
    while (text.back() == '0') {
        text.pop_back();
    }
    if (text.back() == '.') {
        text += '0';
    }
    return text;
}

std::string LimitsFromUsage::coresText(double value)
{
    char text[32];
    std::snprintf(text, sizeof text, "%.2f", value);
    return text;
}

std::string LimitsFromUsage::mebibytes(std::int64_t bytes)
{
    const double mib = static_cast<double>(bytes) / kMiB;
    char text[32];
    std::snprintf(text, sizeof text, mib < 10 ? "%.1f MiB" : "%.0f MiB", mib);
    return text;
}

void applyObservedLimits(HardeningPlan& plan, const std::optional<ObservedUsage>& observed,
                         const std::string& whyNot)
{
    const std::string readings = observed ? " (" + std::to_string(observed->samples) + " reading" +
                                                (observed->samples == 1 ? "" : "s") +
                                                " of docker stats; twice the peak with a floor, rounded up)"
                                          : std::string();
    for (auto& c : plan.changes) {
        const std::string sized = sizedLimit(c) != nullptr ? sizedLimit(c) : "";
        if (sized == "--memory") {
            if (observed) {
                const std::int64_t limit = LimitsFromUsage::memoryBytes(observed->peakMemoryBytes);
                const std::string flag = LimitsFromUsage::memoryFlag(limit);
                setAdded(c, "--memory", flag);
                setAdded(c, "--memory-swap", flag);
                const std::string words = "observed peak " +
                                          LimitsFromUsage::mebibytes(observed->peakMemoryBytes) +
                                          " → limit " + LimitsFromUsage::mebibytes(limit);
                c.title += " (" + words + ")";
                c.reason += " Memory: " + words + readings + ".";
            } else {
                c.reason += " Memory: " + whyNot + " " + addedValue(c, "--memory") + ".";
            }
        } else if (sized == "--cpus") {
            if (observed && observed->peakCpuCores) {
                const double limit = LimitsFromUsage::cpus(*observed->peakCpuCores);
                setAdded(c, "--cpus", LimitsFromUsage::cpusFlag(limit));
                const std::string words = "observed peak " +
                                          LimitsFromUsage::coresText(*observed->peakCpuCores) +
                                          " CPUs → limit " + LimitsFromUsage::cpusFlag(limit);
                c.title += " (" + words + ")";
                c.reason += " CPU: " + words + readings + ".";
            } else {
                c.reason += " CPU: " +
                            (observed ? std::string("no two readings to compare: fixed default") : whyNot) +
                            " " + addedValue(c, "--cpus") + ".";
            }
        } else if (sized == "--pids-limit") {
            if (observed) {
                const std::int64_t limit = LimitsFromUsage::pids(observed->peakPids);
                setAdded(c, "--pids-limit", std::to_string(limit));
                const std::string words = "observed peak " + std::to_string(observed->peakPids) +
                                          " processes → limit " + std::to_string(limit);
                c.title += " (" + words + ")";
                c.reason += " PIDs: " + words + readings + ".";
            } else {
                c.reason += " PIDs: " + whyNot + " " + addedValue(c, "--pids-limit") + ".";
            }
        }
    }
}

} // namespace drydock
