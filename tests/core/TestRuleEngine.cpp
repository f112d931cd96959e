// Unit tests for the rule engine: catalogue order, area and rule filters, severity overrides, sorting.
#include "core/rules/RuleCatalogue.h"
#include "core/rules/RuleSupport.h"
#include "core/scan/RuleEngine.h"

#include <QTest>

using namespace drydock;

namespace {

// Fires once per container with a fixed severity.
class EveryContainerRule : public ContainerRule
{
public:
    EveryContainerRule(std::string id, Area area, Severity severity)
        : ContainerRule(RuleInfo{std::move(id), area, severity, cis("5.1"), "Every container", "why", "fix", "p"})
    {
    }

protected:
    void check(const RuleContext&, const Container& c, FindingCollector& out) const override
    {
        out.add(info(), FindingDraft{refOf(c), "evidence of " + c.name, std::nullopt, "", {}, "", ""});
    }
};

Inventory twoContainers()
{
    Inventory inv;
    for (const char* name : {"web", "db"}) {
        Container c;
        c.id = std::string(name) + "-id";
        c.name = name;
        inv.containers.push_back(c);
    }
    return inv;
}

RuleCatalogue testCatalogue()
{
    RuleCatalogue c;
    c.add(std::make_unique<EveryContainerRule>("TST-002", Area::Runtime, Severity::Low));
    c.add(std::make_unique<EveryContainerRule>("TST-001", Area::Container, Severity::High));
    return c;
}

} // namespace

class TestRuleEngine : public QObject
{
    Q_OBJECT
private slots:
    void catalogueKeepsRulesSortedById()
    {
        const RuleCatalogue c = testCatalogue();
        QCOMPARE(c.size(), std::size_t(2));
        QCOMPARE(QString::fromStdString(c.rules()[0]->info().id), QStringLiteral("TST-001"));
        QVERIFY(c.find("TST-002"));
        QVERIFY(!c.find("TST-404"));
    }

    void catalogueRefusesDuplicateIds()
    {
        RuleCatalogue c = testCatalogue();
        QVERIFY_THROWS_EXCEPTION(std::logic_error,
                                 c.add(std::make_unique<EveryContainerRule>("TST-001", Area::Image, Severity::Low)));
    }

    void everyRuleRunsOnEveryContainer()
    {
        const RuleCatalogue c = testCatalogue();
        const FindingSet set = RuleEngine(c).evaluate(twoContainers(), ScanSettings{}, 0);
        QCOMPARE(set.size(), std::size_t(4));
        const auto counts = set.countsBySeverity();
        QCOMPARE(counts[static_cast<int>(Severity::High)], 2);
        QCOMPARE(counts[static_cast<int>(Severity::Low)], 2);
        QCOMPARE(set.countAtOrAbove(Severity::Medium), 2);
        QCOMPARE(set.forObject("web-id").size(), std::size_t(2));
    }

    void findingsCarryTheRuleText()
    {
        const RuleCatalogue c = testCatalogue();
        const FindingSet set = RuleEngine(c).evaluate(twoContainers(), ScanSettings{}, 0);
        const Finding& f = set.all().front();
        QCOMPARE(QString::fromStdString(f.title), QStringLiteral("Every container"));
        QCOMPARE(QString::fromStdString(f.cis.version), QStringLiteral("1.6.0"));
        QCOMPARE(f.object.type, ObjectType::Container);
    }

    void findingsAreSortedWorstFirst()
    {
        const RuleCatalogue c = testCatalogue();
        const FindingSet set = RuleEngine(c).evaluate(twoContainers(), ScanSettings{}, 0);
        QCOMPARE(set.all().front().severity, Severity::High);
        QCOMPARE(set.all().back().severity, Severity::Low);
        // Within one severity the object name decides, so output is stable from scan to scan.
        QCOMPARE(QString::fromStdString(set.all()[0].object.name), QStringLiteral("db"));
    }

    void aSeverityOverrideReplacesTheDefault()
    {
        ScanSettings settings;
        settings.severityOverrides["TST-002"] = Severity::Critical;
        const RuleCatalogue c = testCatalogue();
        const FindingSet set = RuleEngine(c).evaluate(twoContainers(), settings, 0);
        QCOMPARE(set.countAtOrAbove(Severity::Critical), 2);
    }

    void onlyTheChosenAreasRun()
    {
        ScanSettings settings;
        settings.onlyAreas = {Area::Runtime};
        const RuleCatalogue c = testCatalogue();
        const FindingSet set = RuleEngine(c).evaluate(twoContainers(), settings, 0);
        QCOMPARE(set.size(), std::size_t(2));
        for (const auto& f : set.all()) {
            QCOMPARE(f.area, Area::Runtime);
        }
    }

    void disabledRulesDoNotRun()
    {
        ScanSettings settings;
        settings.disabledRules = {"TST-001"};
        const RuleCatalogue c = testCatalogue();
        QCOMPARE(RuleEngine(c).evaluate(twoContainers(), settings, 0).size(), std::size_t(2));
    }

    void theBuiltInCatalogueHasUniqueIdsAndText()
    {
        const RuleCatalogue c = RuleCatalogue::builtIn();
        for (const auto& r : c.rules()) {
            const RuleInfo& i = r->info();
            QVERIFY2(!i.title.empty() && !i.rationale.empty() && !i.fix.empty(), i.id.c_str());
            QVERIFY2(i.cis.id.empty() || !i.cis.version.empty(), i.id.c_str());
        }
    }
};

QTEST_APPLESS_MAIN(TestRuleEngine)
#include "TestRuleEngine.moc"
