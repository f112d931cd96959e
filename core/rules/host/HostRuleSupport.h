#pragma once
#include "core/model/Inventory.h"
#include "core/rules/FindingCollector.h"
#include "core/rules/Rule.h"
#include "core/rules/RuleContext.h"
#include "core/rules/host/HostFileChecks.h"

#include <string>

namespace drydock::hostfacts {

// The host facts when the scan read them and could read what CIS item cisId needs; else nullptr (the coverage
// then says why the item was not checked).
const HostFacts* factsFor(const RuleContext& context, const char* cisId);

// A finding on the daemon (its host) with evidence and, where one object has several, a discriminator.
FindingDraft hostDraft(const Inventory& inventory, std::string evidence, std::string discriminator = {});

// "log-level = debug (command line (--log-level))" or "log-level not set (Docker's default: info)".
std::string settingEvidence(const HostFacts& facts, const std::string& key, const std::string& defaultValue);

// A setting's value, or defaultValue when it is not set anywhere.
std::string settingValue(const HostFacts& facts, const std::string& key, const std::string& defaultValue);

// "/etc/docker/daemon.json: owner alice:docker (uid 1000, gid 999), mode 0664"
std::string fileEvidence(const HostFile& file);

// A section-3 rule: one HostFileChecks row applied to every file of its kind.
class HostFileRule : public Rule
{
public:
    explicit HostFileRule(RuleInfo info);
    const RuleInfo& info() const override { return m_info; }
    void evaluate(const RuleContext& context, FindingCollector& out) const override;

private:
    RuleInfo m_info;
    const HostFileCheck& m_check;
};

// The words of one host rule as its file writes them (the rest of its RuleInfo comes from shared data).
struct HostRuleText
{
    std::string id;
    Severity defaultSeverity = Severity::Low;
    std::string title;
    std::string rationale;
};

// A section-3 rule's RuleInfo: its id, severity, title and rationale as written in its file; area, CIS id,
// fix and practice from its HostFileChecks row.
RuleInfo hostFileRuleInfo(const HostRuleText& text);

} // namespace drydock::hostfacts
