#pragma once
#include "core/findings/Finding.h"

#include <string>

namespace drydock {

class RuleContext;
class FindingCollector;

// The fixed description of a rule: its persisted id, where it belongs, and the words people read.
// Text is data: evaluation code never builds titles or fixes by hand.
struct RuleInfo
{
    std::string id;
    Area area = Area::Container;
    Severity defaultSeverity = Severity::Low;
    CisReference cis;
    std::string title;
    std::string rationale;
    std::string fix;
    std::string practice; // the guide practice this rule implements, for the README table and reports
};

// One check: looks at a snapshot and reports findings. Rules never call the daemon.
class Rule
{
public:
    virtual ~Rule() = default;
    virtual const RuleInfo& info() const = 0;
    virtual void evaluate(const RuleContext& context, FindingCollector& out) const = 0;
};

} // namespace drydock
