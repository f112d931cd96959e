#include "core/hardening/LiveUpdate.h"

#include "core/common/Strings.h"
#include "core/hardening/ApplyProgress.h"
#include "core/hardening/LimitsFromUsage.h"
#include "core/remediation/RunArgSyntax.h"

#include <cmath>
#include <cstdlib>
#include <sstream>

namespace drydock {

namespace {

RestartPolicy parsePolicy(const std::string& value)
{
    const std::size_t colon = value.find(':');
    RestartPolicy p{value.substr(0, colon), 0};
    if (colon != std::string::npos) {
        p.maximumRetryCount = std::atoi(value.c_str() + colon + 1);
    }
    return p;
}

std::string policyField(const RestartPolicy& p)
{
    return (p.name.empty() ? "no" : p.name) + ":" + std::to_string(p.maximumRetryCount);
}

std::string bytesText(std::int64_t bytes)
{
    return bytes == 0 ? "unlimited" : bytes == -1 ? "unlimited" : LimitsFromUsage::mebibytes(bytes);
}

std::string cpusText(std::int64_t nanoCpus)
{
    return nanoCpus == 0 ? "unlimited" : LimitsFromUsage::cpusFlag(static_cast<double>(nanoCpus) / 1e9);
}

} // namespace

bool LiveResources::operator==(const LiveResources& o) const
{
    return memory == o.memory && memorySwap == o.memorySwap && nanoCpus == o.nanoCpus &&
           cpuShares == o.cpuShares && pidsLimit == o.pidsLimit &&
           policyField(restart) == policyField(o.restart);
}

LiveResources liveResourcesOf(const HostConfig& h)
{
    LiveResources r;
    r.memory = h.memory;
    r.memorySwap = h.memorySwap;
    r.nanoCpus = h.nanoCpus;
    r.cpuShares = h.cpuShares;
    r.pidsLimit = h.pidsLimit.value_or(0) > 0 ? *h.pidsLimit : 0;
    r.restart = h.restartPolicy;
    if (r.restart.name.empty()) {
        r.restart.name = "no";
    }
    return r;
}

std::optional<LiveResources> liveResourcesAfter(const LiveResources& current,
                                                const std::vector<RunEdit>& edits)
{
    LiveResources r = current;
    for (const auto& e : edits) {
        const bool add = e.op == RunEdit::Op::AddFlag;
        if (e.op != RunEdit::Op::AddFlag && e.op != RunEdit::Op::RemoveFlag) {
            return std::nullopt;
        }
        if (e.flag == "--memory") {
            r.memory = add ? parseByteSize(e.value) : 0;
            // As docker run: a swap limit below the new memory limit follows it.
            if (r.memorySwap > 0 && r.memorySwap < r.memory) {
                r.memorySwap = r.memory;
            }
        } else if (e.flag == "--memory-swap") {
            r.memorySwap = !add ? 0 : e.value == "-1" ? -1 : parseByteSize(e.value);
        } else if (e.flag == "--cpus") {
            r.nanoCpus =
                add ? static_cast<std::int64_t>(std::llround(std::strtod(e.value.c_str(), nullptr) * 1e9))
                    : 0;
        } else if (e.flag == "--cpu-shares") {
            r.cpuShares = add ? std::strtoll(e.value.c_str(), nullptr, 10) : 0;
        } else if (e.flag == "--pids-limit") {
            const std::int64_t pids = add ? std::strtoll(e.value.c_str(), nullptr, 10) : 0;
            r.pidsLimit = pids > 0 ? pids : 0;
        } else if (e.flag == "--restart") {
            r.restart = add ? parsePolicy(e.value) : RestartPolicy{"no", 0};
        } else {
            return std::nullopt;
        }
    }
    StringList cannot;
    (void)updateBetween(current, r, &cannot);
    if (!cannot.empty()) {
        return std::nullopt;
    }
    return r;
}

bool canApplyLive(const HardeningPlan& plan, const LiveResources& current)
{
    const std::vector<RunEdit> edits = plan.chosenEdits();
    return plan.isContainer() && plan.running && !edits.empty() &&
           liveResourcesAfter(current, edits).has_value();
}

ResourceUpdate updateBetween(const LiveResources& from, const LiveResources& to, StringList* cannotLift)
{
    ResourceUpdate u;
    const auto limit = [&](std::int64_t before, std::int64_t after, std::optional<std::int64_t>& field,
                           const std::string& what) {
        if (before == after) {
            return;
        }
        if (after == 0) {
            if (cannotLift != nullptr) {
                cannotLift->push_back(what);
            }
            return;
        }
        field = after;
    };
    limit(from.memory, to.memory, u.memory, "memory limit " + bytesText(from.memory));
    limit(from.memorySwap, to.memorySwap, u.memorySwap, "swap limit " + bytesText(from.memorySwap));
    limit(from.nanoCpus, to.nanoCpus, u.nanoCpus, "CPU limit " + cpusText(from.nanoCpus));
    limit(from.cpuShares, to.cpuShares, u.cpuShares, "CPU shares " + std::to_string(from.cpuShares));
    // A memory limit sent alone must stay within the swap limit the container has: send both.
    if (u.memory && !u.memorySwap && to.memorySwap != 0) {
        u.memorySwap = to.memorySwap;
    }
    if (from.pidsLimit != to.pidsLimit) {
        u.pidsLimit = to.pidsLimit > 0 ? to.pidsLimit : -1; // -1: unlimited (0 would leave the cgroup as is)
    }
    if (policyField(from.restart) != policyField(to.restart)) {
        u.restartPolicy = to.restart;
    }
    return u;
}

std::string formatLiveRecord(const LiveResources& previous, const LiveResources& now)
{
    const auto fields = [](const LiveResources& r) {
        return "Memory=" + std::to_string(r.memory) + " MemorySwap=" + std::to_string(r.memorySwap) +
               " NanoCpus=" + std::to_string(r.nanoCpus) + " CpuShares=" + std::to_string(r.cpuShares) +
               " PidsLimit=" + std::to_string(r.pidsLimit) + " RestartPolicy=" + policyField(r.restart);
    };
    return "previous " + fields(previous) + "; new " + fields(now);
}

std::optional<std::pair<LiveResources, LiveResources>> parseLiveRecord(const std::string& details)
{
    const auto read = [](const std::string& text, LiveResources& r) {
        int seen = 0;
        for (const auto& word : split(trim(text), ' ')) {
            const std::size_t eq = word.find('=');
            if (eq == std::string::npos) {
                return false;
            }
            const std::string key = word.substr(0, eq);
            const std::string value = word.substr(eq + 1);
            char* end = nullptr;
            const long long number = std::strtoll(value.c_str(), &end, 10);
            const bool numeric = !value.empty() && end != nullptr && *end == '\0';
            if (key == "RestartPolicy") {
                r.restart = parsePolicy(value);
            } else if (!numeric) {
                return false;
            } else if (key == "Memory") {
                r.memory = number;
            } else if (key == "MemorySwap") {
                r.memorySwap = number;
            } else if (key == "NanoCpus") {
                r.nanoCpus = number;
            } else if (key == "CpuShares") {
                r.cpuShares = number;
            } else if (key == "PidsLimit") {
                r.pidsLimit = number;
            } else {
                return false;
            }
            ++seen;
        }
        return seen == 6;
    };
    const std::size_t sep = details.find("; new ");
    if (!startsWith(details, "previous ") || sep == std::string::npos) {
        return std::nullopt;
    }
    std::pair<LiveResources, LiveResources> out;
    if (!read(details.substr(9, sep - 9), out.first) || !read(details.substr(sep + 6), out.second)) {
        return std::nullopt;
    }
    return out;
}

std::string describeLiveChange(const LiveResources& from, const LiveResources& to)
{
    StringList parts;
    if (from.memory != to.memory) {
        parts.push_back("memory " + bytesText(from.memory) + " → " + bytesText(to.memory));
    }
    if (from.memorySwap != to.memorySwap) {
        parts.push_back("memory+swap " + bytesText(from.memorySwap) + " → " + bytesText(to.memorySwap));
    }
    if (from.nanoCpus != to.nanoCpus) {
        parts.push_back("CPUs " + cpusText(from.nanoCpus) + " → " + cpusText(to.nanoCpus));
    }
    if (from.cpuShares != to.cpuShares) {
        parts.push_back("CPU shares " + std::to_string(from.cpuShares) + " → " +
                        std::to_string(to.cpuShares));
    }
    if (from.pidsLimit != to.pidsLimit) {
        const auto pids = [](std::int64_t p) { return p > 0 ? std::to_string(p) : std::string("unlimited"); };
        parts.push_back("PIDs " + pids(from.pidsLimit) + " → " + pids(to.pidsLimit));
    }
    if (policyField(from.restart) != policyField(to.restart)) {
        parts.push_back("restart " + restartPolicyText(from.restart) + " → " + restartPolicyText(to.restart));
    }
    return parts.empty() ? "nothing" : join(parts, ", ");
}

Result<LiveUndo> lastLiveUpdate(const std::vector<ActionRecord>& actions, const std::string& containerName)
{
    const std::string applyStep = std::string("apply: ") + kLiveUpdateStep;
    const std::string undoStep = std::string("undo limits: ") + kLiveUpdateStep;
    for (auto it = actions.rbegin(); it != actions.rend(); ++it) {
        if (it->outcome != "ok" || (it->step != applyStep && it->step != undoStep)) {
            continue;
        }
        if (it->step == undoStep) {
            return Error::make(ErrorCode::NotFound,
                               "The last live limits update of " + containerName +
                                   " was already undone; nothing was changed. (`drydock history` lists the "
                                   "actions.)");
        }
        auto values = parseLiveRecord(it->details);
        if (!values) {
            break;
        }
        return LiveUndo{values->first, values->second, *it};
    }
    return Error::make(ErrorCode::NotFound,
                       "The history has no live limits update of " + containerName +
                           " to undo (`drydock harden " + containerName +
                           " --apply --yes` records one when only limits change); nothing was changed.");
}

} // namespace drydock
