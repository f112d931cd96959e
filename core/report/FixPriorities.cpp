#include "core/report/FixPriorities.h"

#include "core/common/Strings.h"
#include "core/rules/RuleAdvice.h"

#include <algorithm>
#include <array>
#include <map>
#include <set>
#include <tuple>
#include <unordered_map>
#include <unordered_set>

namespace drydock {

namespace {

unsigned bit(Exposure e)
{
    return static_cast<unsigned>(e);
}

// Object identity for grouping: the id when there is one (a stored scan keeps ids), else type and name.
std::string objectKey(const ObjectRef& o)
{
    return std::string(toString(o.type)) + "\n" + (o.id.empty() ? o.name : o.id);
}

std::string trimmedSentence(const std::string& text)
{
    return trim(firstSentence(trim(text)));
}

const char* plural(ObjectType type)
{
    switch (type) {
    case ObjectType::Container:
        return "containers";
    case ObjectType::Image:
        return "images";
    case ObjectType::Network:
        return "networks";
    case ObjectType::Volume:
        return "volumes";
    case ObjectType::SwarmService:
        return "services";
    case ObjectType::SwarmNode:
        return "nodes";
    default:
        return "objects";
    }
}

const char* singular(ObjectType type)
{
    switch (type) {
    case ObjectType::Container:
        return "container";
    case ObjectType::Image:
        return "image";
    case ObjectType::Network:
        return "network";
    case ObjectType::Volume:
        return "volume";
    case ObjectType::SwarmService:
        return "service";
    case ObjectType::SwarmNode:
        return "node";
    default:
        return "object";
    }
}

// "31 low findings", "3 findings (1 high, 2 low)".
std::string countPhrase(const std::array<int, severityCount>& counts, int total)
{
    std::vector<std::string> parts;
    for (int s = severityCount - 1; s >= 0; --s) {
        if (counts[static_cast<std::size_t>(s)] > 0) {
            parts.push_back(std::to_string(counts[static_cast<std::size_t>(s)]) + " " +
                            toString(static_cast<Severity>(s)));
        }
    }
    const std::string noun = total == 1 ? " finding" : " findings";
    if (parts.size() == 1) {
        return parts.front() + noun;
    }
    return std::to_string(total) + noun + " (" + join(parts, ", ") + ")";
}

} // namespace

unsigned exposureOf(const Finding& f)
{
    static const std::set<std::string, std::less<>> published{"NET-001", "NET-003", "NET-006",
                                                              "NET-012", "DMN-001", "DMN-002"};
    static const std::set<std::string, std::less<>> mounts{"CTR-012", "CTR-013", "CTR-014", "SEC-006"};
    static const std::set<std::string, std::less<>> privileged{"CTR-002", "CTR-003", "CTR-005", "CTR-006",
                                                               "CTR-017"};
    unsigned bits = 0;
    if (published.contains(f.ruleId)) {
        bits |= bit(Exposure::PublishedEverywhere);
    }
    if (mounts.contains(f.ruleId)) {
        bits |= bit(Exposure::HostMounts);
    }
    if (privileged.contains(f.ruleId)) {
        bits |= bit(Exposure::Privileged);
    }
    if (f.area == Area::Secrets) {
        bits |= bit(Exposure::Secrets);
    }
    return bits;
}

FixPriorities computeFixPriorities(const ScanResult& scan, const RuleCatalogue& catalogue,
                                   std::size_t fixFirstCount, std::size_t quickWinCount)
{
    std::vector<const Finding*> open;
    std::unordered_map<std::string, unsigned> exposure; // per object
    for (const Finding& f : scan.findings.all()) {
        if (f.waiver) {
            continue;
        }
        open.push_back(&f);
        exposure[objectKey(f.object)] |= exposureOf(f);
    }

    FixPriorities out;

    // Fix first. Each finding's keys are computed once, not in every comparison of the sort, and each risk
    // keeps a set of its objects: a rule on 2,000 containers took seconds with both done per comparison.
    struct Candidate
    {
        const Finding* finding;
        std::string object; // objectKey
        unsigned objectExposure;
        unsigned ownExposure;
    };
    std::vector<Candidate> ranked;
    for (const Finding* f : open) {
        if (f->severity > Severity::Info) {
            std::string key = objectKey(f->object);
            const unsigned objectExposure = exposure[key];
            ranked.push_back({f, std::move(key), objectExposure, exposureOf(*f)});
        }
    }
    const auto rankKey = [](const Candidate& c) {
        const Finding* f = c.finding;
        return std::make_tuple(-static_cast<int>(f->severity), -static_cast<long>(c.objectExposure),
                               -static_cast<long>(c.ownExposure), std::cref(f->object.name), std::cref(f->ruleId),
                               std::cref(f->discriminator), std::cref(f->object.id));
    };
    std::sort(ranked.begin(), ranked.end(),
              [&](const Candidate& a, const Candidate& b) { return rankKey(a) < rankKey(b); });
    std::map<std::pair<std::string, Severity>, std::size_t> risks; // rule and severity -> index in fixFirst
    std::vector<std::unordered_set<std::string>> objectsOf;         // per fixFirst entry: its objects' keys
    for (const Candidate& c : ranked) {
        const Finding* f = c.finding;
        const auto [it, added] = risks.try_emplace({f->ruleId, f->severity}, out.fixFirst.size());
        if (!added) {
            if (objectsOf[it->second].insert(c.object).second) {
                out.fixFirst[it->second].objects.push_back(f->object);
            }
            continue;
        }
        if (out.fixFirst.size() == fixFirstCount) {
            risks.erase(it); // past the count: only objects of the risks already listed are still gathered
            continue;
        }
        const Rule* rule = catalogue.find(f->ruleId);
        const std::string& rationale =
            !f->rationale.empty() || rule == nullptr ? f->rationale : rule->info().rationale;
        const std::string& fix = !f->fix.empty() || rule == nullptr ? f->fix : rule->info().fix;
        out.fixFirst.push_back({f->object,
                                {f->object},
                                f->severity,
                                f->ruleId,
                                f->title,
                                attackerGainsLine(f->ruleId, rationale),
                                trimmedSentence(fix),
                                c.objectExposure});
        objectsOf.push_back({c.object});
    }

    // Quick wins: one per rule applied by default.
    struct Group
    {
        std::array<int, severityCount> counts{};
        int total = 0;
        std::set<std::string> objects;
        std::set<ObjectType> types;
        Severity highest = Severity::Info;
        const Finding* first = nullptr;
    };
    std::map<std::string, Group> byRule;
    for (const Finding* f : open) {
        if (f->severity == Severity::Info || !ruleAdvice(f->ruleId).appliedByDefault) {
            continue;
        }
        Group& g = byRule[f->ruleId];
        ++g.counts[static_cast<std::size_t>(f->severity)];
        ++g.total;
        g.objects.insert(objectKey(f->object));
        g.types.insert(f->object.type);
        g.highest = std::max(g.highest, f->severity);
        g.first = g.first == nullptr ? f : g.first;
    }
    std::vector<std::pair<const std::string*, const Group*>> groups;
    for (const auto& [id, g] : byRule) {
        groups.emplace_back(&id, &g);
    }
    std::sort(groups.begin(), groups.end(), [](const auto& a, const auto& b) {
        return std::make_tuple(-a.second->total, -static_cast<int>(a.second->highest), std::cref(*a.first)) <
               std::make_tuple(-b.second->total, -static_cast<int>(b.second->highest), std::cref(*b.first));
    });
    groups.resize(std::min(groups.size(), quickWinCount));
    for (const auto& [id, g] : groups) {
        const Rule* rule = catalogue.find(*id);
        QuickWin w;
        w.ruleId = *id;
        w.title = rule != nullptr ? rule->info().title : g->first->title;
        w.fix = trimmedSentence(rule != nullptr ? rule->info().fix : g->first->fix);
        w.risk = ruleAdvice(*id).risk;
        w.severity = g->highest;
        w.findingCount = g->total;
        w.objectCount = static_cast<int>(g->objects.size());
        const bool oneType = g->types.size() == 1;
        w.objectNoun = oneType
                           ? (w.objectCount == 1 ? singular(*g->types.begin()) : plural(*g->types.begin()))
                           : (w.objectCount == 1 ? "object" : "objects");
        w.summary = "Resolves " + countPhrase(g->counts, g->total) + " on " + std::to_string(w.objectCount) +
                    " " + w.objectNoun + ": " + w.fix + " Risk: " + w.risk;
        out.quickWins.push_back(std::move(w));
    }
    return out;
}

} // namespace drydock
