#include "core/cis/BenchmarkCoverage.h"

#include "core/rules/RuleCatalogue.h"
#include "core/rules/contents/ContentRuleSupport.h"

#include <algorithm>
#include <map>
#include <optional>

namespace drydock {

namespace {

// What a scan could look at for rules of one kind: whether they ran on anything, and what that was.
struct Reach
{
    bool ran = false;
    std::string what;           // "37 containers"
    std::string whyNot;         // when not: why
    bool notApplicable = false; // nothing there to apply to (not a gap in access)
};

std::string countOf(std::size_t n, const char* one, const char* many)
{
    return std::to_string(n) + " " + (n == 1 ? one : many);
}

// Why a scan without host facts could not look at the daemon's host.
std::string hostGap(const Inventory& inv)
{
    // Short: it is repeated on every host item of the report's appendix.
    // Reading the host was tried and failed (over ssh): the Scanner's problem says why.
    for (const auto& problem : inv.problems) {
        if (problem.objectType == "host") {
            const std::string prefix = "not checked: ";
            return startsWith(problem.message, prefix) ? problem.message.substr(prefix.size()) : problem.message;
        }
    }
    if (startsWith(inv.endpoint, "unix://")) {
        return "needs Drydock on the daemon's host (its dockerd was not visible here)";
    }
    if (startsWith(inv.endpoint, "ssh://")) {
        return "needs the daemon's host over ssh: not read in this scan (--no-host-checks)";
    }
    return "needs local or ssh access to the daemon's host";
}

// The reason the host facts give for not checking this item, or nullptr.
const std::string* hostNotChecked(const Inventory& inv, const CisItem& item)
{
    if (!inv.host) {
        return nullptr;
    }
    for (const auto& [id, reason] : inv.host->notChecked) {
        if (cisKey(CisReference{id, "1.6.0"}) == item.key) {
            return &reason;
        }
    }
    return nullptr;
}

Reach reachOf(const Rule& rule, const ScanResult& scan, const ScanReach& inv)
{
    if (dynamic_cast<const ContentRule*>(&rule) != nullptr) {
        if (scan.imageContents.empty()) {
            return {false, {}, "needs the images' files: run drydock scan --contents", false};
        }
        return {true, countOf(scan.imageContents.size(), "analysed image", "analysed images"), {}, false};
    }
    switch (rule.info().area) {
    case Area::Image:
        return inv.images == 0 ? Reach{false, {}, "there are no images on this daemon", true}
                               : Reach{true, countOf(inv.images, "image", "images"), {}, false};
    case Area::Container:
    case Area::Runtime:
    case Area::Secrets:
        return inv.containers == 0
                   ? Reach{false, {}, "there are no containers on this daemon", true}
                   : Reach{true, countOf(inv.containers, "container", "containers"), {}, false};
    case Area::Network:
        return Reach{true, countOf(inv.networks, "network", "networks"), {}, false};
    case Area::Daemon:
        return Reach{true, "the daemon", {}, false};
    case Area::Swarm:
        if (!inv.swarm) {
            return Reach{
                false, {}, "the history does not keep whether swarm mode was active: scan again", false};
        }
        return *inv.swarm ? Reach{true, "the swarm", {}, false}
                          : Reach{false, {}, "swarm mode is not active on this daemon", true};
    case Area::Host:
        return scan.inventory.host ? Reach{true, "the daemon's host", {}, false}
                                   : Reach{false, {}, hostGap(scan.inventory), false};
    }
    return {};
}

// What the kind of engine alone decides: Podman has no Docker daemon, its files or its audit targets; a
// rootless daemon is what 2.1 asks for. Nothing when the engine leaves the item to the rules.
std::optional<std::pair<BenchmarkVerdict, std::string>> engineVerdict(const CisItem& item,
                                                                      const Inventory& inv)
{
    const std::string& k = item.key;
    if (inv.engineName == "Podman" &&
        (k.rfind("1.1.", 0) == 0 || k.rfind("2.", 0) == 0 || k.rfind("3.", 0) == 0)) {
        return std::pair{
            BenchmarkVerdict::NotApplicable,
            std::string("the endpoint is Podman, which has no Docker daemon, daemon files or daemon "
                        "settings (its own are in containers.conf)")};
    }
    if (k == "2.1" && inv.daemon.hasSecurityOption("rootless")) {
        return std::pair{BenchmarkVerdict::Pass,
                         std::string("the daemon runs rootless (SecurityOptions name=rootless)")};
    }
    return std::nullopt;
}

std::string joinIds(const StringList& ids)
{
    return join(ids, ", ");
}

} // namespace

const char* toString(BenchmarkVerdict verdict)
{
    switch (verdict) {
    case BenchmarkVerdict::Pass:
        return "pass";
    case BenchmarkVerdict::Fail:
        return "fail";
    case BenchmarkVerdict::NotApplicable:
        return "not-applicable";
    case BenchmarkVerdict::NotChecked:
        return "not-checked";
    }
    return "not-checked";
}

int BenchmarkCoverage::count(BenchmarkVerdict verdict) const
{
    return static_cast<int>(
        std::count_if(items.begin(), items.end(),
                      [verdict](const BenchmarkItemResult& i) { return i.verdict == verdict; }));
}

BenchmarkCoverage benchmarkCoverage(const ScanResult& scan, const RuleCatalogue& catalogue,
                                    CisVersion version)
{
    const Inventory& inv = scan.inventory;
    return benchmarkCoverage(
        scan, catalogue, version,
        ScanReach{inv.images.size(), inv.containers.size(), inv.networks.size(), inv.swarm.has_value()});
}

BenchmarkCoverage benchmarkCoverage(const ScanResult& scan, const RuleCatalogue& catalogue,
                                    CisVersion version, const ScanReach& scope)
{
    std::map<std::string, std::vector<const Rule*>> rulesByKey;
    for (const auto& rule : catalogue.rules()) {
        const std::string key = cisKey(rule->info().cis);
        if (!key.empty()) {
            rulesByKey[key].push_back(rule.get());
        }
    }
    std::map<std::string, std::vector<const Finding*>> findingsByRule;
    for (const auto& f : scan.findings.all()) {
        findingsByRule[f.ruleId].push_back(&f);
    }

    const CisBenchmark& benchmark = CisBenchmark::of(version);
    BenchmarkCoverage coverage;
    coverage.version = version;
    for (const CisItem& item : benchmark.items()) {
        BenchmarkItemResult r;
        r.item = item;
        if (const CisSection* s = benchmark.sectionOf(item)) {
            r.section = s->title;
        }
        if (const auto decided = engineVerdict(item, scan.inventory)) {
            r.verdict = decided->first;
            r.reason = decided->second;
            coverage.items.push_back(std::move(r));
            continue;
        }
        const auto rules = rulesByKey.find(item.key);
        StringList ran;
        StringList reached;
        StringList gaps;
        bool anyNotApplicable = false;
        if (rules != rulesByKey.end()) {
            for (const Rule* rule : rules->second) {
                r.ruleIds.push_back(rule->info().id);
                const Reach reach = reachOf(*rule, scan, scope);
                if (reach.ran) {
                    ran.push_back(rule->info().id);
                    if (std::find(reached.begin(), reached.end(), reach.what) == reached.end()) {
                        reached.push_back(reach.what);
                    }
                } else if (reach.notApplicable) {
                    anyNotApplicable = true;
                    gaps.push_back(reach.whyNot);
                } else {
                    gaps.push_back(reach.whyNot);
                }
                for (const Finding* f : findingsByRule[rule->info().id]) {
                    r.findings.push_back({f->ruleId, f->severity, f->object, f->waiver.has_value()});
                }
            }
        }
        // The reason names the rules that found something, not every rule that checks the recommendation.
        StringList withFindings;
        for (const auto& f : r.findings) {
            if (std::find(withFindings.begin(), withFindings.end(), f.ruleId) == withFindings.end()) {
                withFindings.push_back(f.ruleId);
            }
        }
        const auto open = std::count_if(r.findings.begin(), r.findings.end(),
                                        [](const BenchmarkFindingRef& f) { return !f.waived; });
        if (!r.findings.empty()) {
            r.verdict = BenchmarkVerdict::Fail;
            r.reason =
                std::to_string(r.findings.size()) + (r.findings.size() == 1 ? " finding" : " findings") +
                " of " + joinIds(withFindings) +
                (open == 0 ? " (all waived: accepted, not fixed)"
                 : open < static_cast<long>(r.findings.size())
                     ? " (" + std::to_string(r.findings.size() - static_cast<std::size_t>(open)) + " waived)"
                     : "");
        } else if (const std::string* why = hostNotChecked(scan.inventory, item)) {
            r.verdict = BenchmarkVerdict::NotChecked;
            r.reason = *why;
        } else if (!ran.empty()) {
            r.verdict = BenchmarkVerdict::Pass;
            r.reason = "checked by " + joinIds(ran) + " on " + join(reached, ", ") + ": nothing found";
        } else if (anyNotApplicable) {
            r.verdict = BenchmarkVerdict::NotApplicable;
            r.reason = gaps.front();
        } else if (!gaps.empty()) {
            r.verdict = BenchmarkVerdict::NotChecked;
            r.reason = gaps.front();
        } else if (item.assessment == CisAssessment::Manual) {
            r.verdict = BenchmarkVerdict::NotChecked;
            r.reason = "manual: for a person to review";
        } else {
            r.verdict = BenchmarkVerdict::NotChecked;
            r.reason = "no Drydock rule checks it yet";
        }
        coverage.items.push_back(std::move(r));
    }
    return coverage;
}

} // namespace drydock
