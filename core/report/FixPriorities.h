#pragma once
#include "core/findings/Finding.h"
#include "core/results/ScanResult.h"
#include "core/rules/RuleCatalogue.h"

#include <cstddef>
#include <string>
#include <vector>

namespace drydock {

// What makes an object easier to reach or worth more to an attacker, read from the object's own findings (so
// a stored scan without its inventory ranks the same). Bits, highest first: the order breaks severity ties.
enum class Exposure : unsigned
{
    None = 0,
    Secrets = 1,             // a secret in clear (any finding of the secrets area)
    Privileged = 2,          // privileged, added capabilities, host PID/IPC, unmasked kernel paths
    HostMounts = 4,          // the Docker socket, a sensitive or writable host path, a credential store
    PublishedEverywhere = 8, // a port on all interfaces, the host network, a daemon API on the network
};

// The exposure bits one rule's finding contributes to its object.
unsigned exposureOf(const Finding& finding);

// One entry of "Fix first": one of the highest risks of a scan — a rule at a severity — with every object it
// is on (best ranked first) and what to say about it.
struct FixFirstItem
{
    ObjectRef object;               // the best-ranked object with this risk (objects.front())
    std::vector<ObjectRef> objects; // every object with this risk, in rank order
    Severity severity = Severity::Info;
    std::string ruleId;
    std::string title;
    std::string attackerGains;   // one line (RuleAdvice, else the rationale's first sentence)
    std::string fix;             // one line: the first sentence of the fix
    unsigned objectExposure = 0; // Exposure bits of the finding's object
};

// One "Quick win": a rule whose default change resolves many open findings for little risk of breaking.
struct QuickWin
{
    std::string ruleId;
    std::string title;                  // the rule's title
    std::string fix;                    // the first sentence of the rule's fix
    std::string risk;                   // from RuleAdvice: what the change may break
    Severity severity = Severity::Info; // the highest severity it resolves
    int findingCount = 0;
    int objectCount = 0;
    std::string objectNoun; // "containers", "images", "objects"
    std::string summary;    // "Resolves 31 low findings on 31 containers: Keep logs … Risk: …"
};

// What to fix first and what is cheap to fix, computed once for the report and the dashboard.
struct FixPriorities
{
    std::vector<FixFirstItem> fixFirst;
    std::vector<QuickWin> quickWins;
};

// Ranks the open (not waived) findings of a scan. Fix first: severity, then the exposure of the finding's
// object (published on all interfaces, Docker socket or host mounts, privileged, secrets), then whether the
// finding is itself an exposure, then object name, rule id and discriminator. Quick wins: rules applied by
// default in the hardening plan (RuleAdvice), most findings first, then highest severity, then rule id;
// findings of info severity are not counted. Deterministic for equal input.
FixPriorities computeFixPriorities(const ScanResult& scan, const RuleCatalogue& catalogue,
                                   std::size_t fixFirstCount = 10, std::size_t quickWinCount = 5);

} // namespace drydock
