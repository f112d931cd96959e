#include "core/rules/host/HostRuleSupport.h"

#include "core/common/ShellQuote.h"
#include "core/rules/RuleSupport.h"
#include "core/secrets/SecretMask.h"

#include <stdexcept>

namespace drydock::hostfacts {

const HostFacts* factsFor(const RuleContext& context, const char* cisId)
{
    const auto& host = context.inventory().host;
    if (!host || host->notChecked.count(cisId) != 0) {
        return nullptr;
    }
    return &*host;
}

FindingDraft hostDraft(const Inventory& inventory, std::string evidence, std::string discriminator)
{
    FindingDraft draft;
    draft.object = daemonRef(inventory);
    draft.evidence = std::move(evidence);
    draft.discriminator = std::move(discriminator);
    return draft;
}

std::string settingValue(const HostFacts& facts, const std::string& key, const std::string& defaultValue)
{
    const HostSetting* s = facts.setting(key);
    return s ? s->value : defaultValue;
}

std::string settingEvidence(const HostFacts& facts, const std::string& key, const std::string& defaultValue)
{
    if (const HostSetting* s = facts.setting(key)) {
        // A flag's value is daemon input: a password in it (a URL's) is masked as every output masks it.
        return key + " = " + maskSecretsInText(s->value) + " (from " + s->source + ")";
    }
    return key + " not set on the command line or in " +
           (facts.configFile.empty() ? std::string("daemon.json") : facts.configFile) +
           (defaultValue.empty() ? std::string() : " (Docker's default: " + defaultValue + ")");
}

std::string fileEvidence(const HostFile& file)
{
    return file.path + ": owner " + file.owner + ":" + file.group + " (uid " + std::to_string(file.uid) +
           ", gid " + std::to_string(file.gid) + "), mode " + octalMode(file.mode);
}

namespace {
const HostFileCheck& checkOf(const char* ruleId)
{
    const HostFileCheck* c = hostFileCheck(ruleId);
    if (c == nullptr) {
        throw std::logic_error(std::string("no HostFileChecks row for ") + ruleId);
    }
    return *c;
}
} // namespace

HostFileRule::HostFileRule(RuleInfo info) : m_info(std::move(info)), m_check(checkOf(m_info.id.c_str())) {}

void HostFileRule::evaluate(const RuleContext& context, FindingCollector& out) const
{
    const HostFacts* facts = factsFor(context, m_check.cisId);
    if (facts == nullptr) {
        return;
    }
    for (const HostFile& file : facts->files) {
        if (file.kind != m_check.kind) {
            continue;
        }
        if (m_check.ownership) {
            // A rootless daemon's socket belongs to its user: that is how rootless Docker is meant to be.
            if (facts->rootless && file.kind == std::string("Docker socket")) {
                continue;
            }
            if (!ownedAsRequired(file, m_check)) {
                out.add(m_info,
                        hostDraft(context.inventory(),
                                  fileEvidence(file) + "; expected " + m_check.owner + ". Fix: chown " +
                                      m_check.owner + " " + shellQuotePortable(file.path),
                                  file.path));
            }
        } else if (const unsigned excess = excessModeBits(file.mode, m_check.maxMode); excess != 0) {
            out.add(m_info, hostDraft(context.inventory(),
                                      fileEvidence(file) + "; at most " + octalMode(m_check.maxMode) +
                                          ". Fix: chmod " + chmodRemoving(excess) + " " +
                                          shellQuotePortable(file.path),
                                      file.path));
        }
    }
}

RuleInfo hostFileRuleInfo(const HostRuleText& text)
{
    const HostFileCheck& c = checkOf(text.id.c_str());
    RuleInfo info;
    info.id = text.id;
    info.defaultSeverity = text.defaultSeverity;
    info.title = text.title;
    info.rationale = text.rationale;
    info.area = Area::Host;
    info.cis = cis(c.cisId);
    info.fix = c.ownership ? std::string("As root on the daemon's host: chown ") + c.owner +
                                 " <the file named in the evidence> (the evidence ends with the exact line)."
                           : "As root on the daemon's host: chmod " + octalMode(c.maxMode).substr(1) +
                                 " <the file named in the evidence>, or remove only the extra bits as the "
                                 "evidence's chmod line does.";
    info.practice = "CIS Docker Benchmark section 3 (Docker daemon configuration files)";
    return info;
}

} // namespace drydock::hostfacts
