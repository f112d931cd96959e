#include "core/findings/ScanDelta.h"

#include "core/findings/FindingKey.h"

#include <algorithm>
#include <unordered_map>

namespace drydock {

namespace {

std::string secondChanceKey(const Finding& f)
{
    return f.ruleId + '|' + toString(f.object.type) + '|' + f.object.id + '|' + f.discriminator;
}

} // namespace

ScanDelta ScanDelta::compute(const std::vector<Finding>& baseline, const std::vector<Finding>& later)
{
    std::vector<const Finding*> pointers;
    pointers.reserve(baseline.size());
    for (const Finding& f : baseline) {
        pointers.push_back(&f);
    }
    return compute(pointers, later);
}

ScanDelta ScanDelta::compute(const std::vector<const Finding*>& baseline, const std::vector<Finding>& later)
{
    ScanDelta delta;
    std::unordered_multimap<std::string, std::size_t> byKey;
    byKey.reserve(baseline.size());
    for (std::size_t i = 0; i < baseline.size(); ++i) {
        byKey.emplace(findingKey(*baseline[i]), i);
    }
    std::vector<bool> matched(baseline.size(), false);
    std::vector<const Finding*> unmatchedLater;
    for (const auto& f : later) {
        auto range = byKey.equal_range(findingKey(f));
        bool found = false;
        for (auto it = range.first; it != range.second; ++it) {
            if (!matched[it->second]) {
                matched[it->second] = true;
                found = true;
                break;
            }
        }
        if (found) {
            ++delta.unchanged;
        } else {
            unmatchedLater.push_back(&f);
        }
    }
    std::unordered_multimap<std::string, std::size_t> byId;
    for (std::size_t i = 0; i < baseline.size(); ++i) {
        if (!matched[i] && !baseline[i]->object.id.empty()) {
            byId.emplace(secondChanceKey(*baseline[i]), i);
        }
    }
    for (const Finding* f : unmatchedLater) {
        bool found = false;
        if (!f->object.id.empty()) {
            auto range = byId.equal_range(secondChanceKey(*f));
            for (auto it = range.first; it != range.second; ++it) {
                if (!matched[it->second]) {
                    matched[it->second] = true;
                    found = true;
                    break;
                }
            }
        }
        if (found) {
            ++delta.unchanged;
        } else {
            delta.newFindings.push_back(*f);
        }
    }
    for (std::size_t i = 0; i < baseline.size(); ++i) {
        if (!matched[i]) {
            delta.resolved.push_back(*baseline[i]);
        }
    }
    return delta;
}

int ScanDelta::newAtOrAbove(Severity severity) const
{
    return static_cast<int>(std::count_if(newFindings.begin(), newFindings.end(),
                                          [severity](const Finding& f) { return f.severity >= severity; }));
}

} // namespace drydock
