// CIS Docker Benchmark 1.8.0: 1.6.0's recommendations with one added in section 2 — 2.7, the devicemapper
// storage driver (removed in Docker Engine 25) — and 1.6.0's 2.7–2.18 renumbered 2.8–2.19 after it; sections
// 1 and 3–7 keep their ids. Titles are 1.6.0's words; 2.7's are Drydock's.
#include "core/cis/CisBenchmarkTables.h"

#include <string>

namespace drydock::cistables {

namespace {

// "2.12" → 12 for an item of section 2 ("2.N"), 0 otherwise.
int sectionTwoNumber(const std::string& id)
{
    if (id.rfind("2.", 0) != 0 || id.find('.', 2) != std::string::npos) {
        return 0;
    }
    return std::stoi(id.substr(2));
}

} // namespace

CisBenchmark docker180()
{
    const CisBenchmark base = docker160();
    std::vector<CisItem> items;
    for (CisItem item : base.items()) {
        const int n = sectionTwoNumber(item.id);
        if (n == 7) {
            items.push_back({"2.7", "Ensure the devicemapper storage driver is not used",
                             CisAssessment::Automated, "2.7@1.8.0"});
        }
        if (n >= 7) {
            item.id = "2." + std::to_string(n + 1); // the key stays 1.6.0's id
        }
        items.push_back(std::move(item));
    }
    return CisBenchmark(CisVersion::V1_8_0, base.sections(), std::move(items));
}

} // namespace drydock::cistables
