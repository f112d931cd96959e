#pragma once
// Fixtures the rule tests share: an area's catalogue, a catalogue evaluated on a hand-made inventory, and the
// checks every area makes of its rules' ids, texts and defaults.
#include "core/findings/Finding.h"
#include "core/model/Inventory.h"
#include "core/rules/FindingCollector.h"
#include "core/rules/RuleCatalogue.h"
#include "core/rules/RuleContext.h"

#include <QString>
#include <QStringList>
#include <QTest>

#include <cstdint>
#include <string>
#include <vector>

namespace drydock::test {

// The catalogue of one area, from its entry point (registerNetworkRules, registerDaemonRules, …).
inline RuleCatalogue areaCatalogue(void (*registerRules)(RuleCatalogue&))
{
    RuleCatalogue catalogue;
    registerRules(catalogue);
    return catalogue;
}

// The findings of every rule in the catalogue, or of the rule ruleId alone, on inventory at nowUnix with
// default settings, in catalogue order.
inline std::vector<Finding> evaluateCatalogue(const RuleCatalogue& catalogue, const Inventory& inventory,
                                              const std::string& ruleId, std::int64_t nowUnix)
{
    const ScanSettings settings;
    const RuleContext context(inventory, settings, nowUnix);
    FindingCollector out;
    for (const auto& rule : catalogue.rules()) {
        if (ruleId.empty() || rule->info().id == ruleId) {
            rule->evaluate(context, out);
        }
    }
    return out.take();
}

// The catalogue holds exactly PREFIX-001 … PREFIX-count, in that order, all of one area, each with a title,
// rationale, fix and practice, and a CIS id only together with its benchmark version.
inline void verifyAreaRules(const RuleCatalogue& catalogue, Area area, const char* prefix, int count)
{
    QCOMPARE(int(catalogue.size()), count);
    QStringList ids;
    for (const auto& rule : catalogue.rules()) {
        const RuleInfo& info = rule->info();
        ids << QString::fromStdString(info.id);
        QCOMPARE(info.area, area);
        QVERIFY2(!info.title.empty() && !info.rationale.empty() && !info.fix.empty() &&
                     !info.practice.empty(),
                 info.id.c_str());
        QCOMPARE(info.cis.version.empty(), info.cis.id.empty());
    }
    QStringList expected;
    for (int i = 1; i <= count; ++i) {
        expected << QStringLiteral("%1-%2").arg(QLatin1String(prefix)).arg(i, 3, 10, QLatin1Char('0'));
    }
    QCOMPARE(ids, expected);
}

// The rule id has this default severity and CIS control (of benchmark 1.6.0; no version without a control).
inline void verifyRuleDefaults(const RuleCatalogue& catalogue, const QString& id, const QString& severity,
                               const QString& cisId)
{
    const Rule* rule = catalogue.find(id.toStdString());
    QVERIFY(rule);
    QCOMPARE(QString::fromLatin1(toString(rule->info().defaultSeverity)), severity);
    QCOMPARE(QString::fromStdString(rule->info().cis.id), cisId);
    QCOMPARE(QString::fromStdString(rule->info().cis.version),
             cisId.isEmpty() ? QString() : QStringLiteral("1.6.0"));
}

// No rule of the catalogue fires on inventory (the area's clean baseline); a failure names the rule.
inline void verifyNoFindings(const RuleCatalogue& catalogue, const Inventory& inventory, std::int64_t nowUnix)
{
    for (const auto& rule : catalogue.rules()) {
        const auto findings = evaluateCatalogue(catalogue, inventory, rule->info().id, nowUnix);
        QVERIFY2(findings.empty(),
                 (rule->info().id + ": " + (findings.empty() ? "" : findings[0].evidence)).c_str());
    }
}

} // namespace drydock::test
