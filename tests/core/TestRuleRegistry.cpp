#include "core/rules/RuleCatalogue.h"
#include "core/rules/RuleRegistry.h"
#include "core/rules/container/ContainerRules.h"
#include "core/rules/contents/ContentRules.h"
#include "core/rules/daemon/DaemonRules.h"
#include "core/rules/host/HostRules.h"
#include "core/rules/image/ImageRules.h"
#include "core/rules/network/NetworkRules.h"
#include "core/rules/runtime/RuntimeRules.h"
#include "core/rules/secrets/SecretsRules.h"
#include "core/rules/swarm/SwarmRules.h"
#include "tests/support/TestSupport.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QRegularExpression>
#include <QTest>

#include <map>
#include <set>
#include <string>

using namespace drydock;

using RegisterRules = void (*)(RuleCatalogue&);
Q_DECLARE_METATYPE(RegisterRules)

namespace {

// What the rule sources say: the RuleInfo ids and the DRYDOCK_RULE lines of core/rules/<area>/*.cpp.
struct RuleSources
{
    std::multiset<std::string> ids;
    std::multiset<std::string> factories;
};

RuleSources readRuleSources()
{
    RuleSources sources;
    const QString root = QString::fromStdString(drydock::test::dataDir() + "/../../core/rules");
    static const QRegularExpression idLine(QStringLiteral(R"re(\.id = "([A-Z]+-[0-9]+)")re"));
    static const QRegularExpression ruleLine(QStringLiteral(R"(^DRYDOCK_RULE\((\w+)\))"),
                                             QRegularExpression::MultilineOption);
    for (const QString& folder : QDir(root).entryList(QDir::Dirs | QDir::NoDotAndDotDot)) {
        const QDir dir(root + "/" + folder);
        for (const QString& name : dir.entryList({QStringLiteral("*.cpp")}, QDir::Files)) {
            QFile file(root + "/" + folder + "/" + name);
            if (!file.open(QIODevice::ReadOnly)) {
                qWarning("cannot read %s", qPrintable(file.fileName()));
                return {};
            }
            const QString text = QString::fromUtf8(file.readAll());
            for (auto it = idLine.globalMatch(text); it.hasNext();) {
                sources.ids.insert(it.next().captured(1).toStdString());
            }
            for (auto it = ruleLine.globalMatch(text); it.hasNext();) {
                sources.factories.insert(it.next().captured(1).toStdString());
            }
        }
    }
    return sources;
}

} // namespace

// The rule registry generated from the DRYDOCK_RULE lines (core/rules/GenerateRuleRegistry.cmake): every rule
// that a rule file defines reaches the built-in catalogue exactly once, and each area entry point gives its
// folder.
class TestRuleRegistry : public QObject
{
    Q_OBJECT

private slots:
    void everyRuleFileRuleIsInTheCatalogueExactlyOnce();
    void everyRegistrationMakesADistinctRule();
    void areaEntryPoint_data();
    void areaEntryPoint();
    void theAreaEntryPointsTogetherAreTheBuiltInCatalogue();
};

void TestRuleRegistry::everyRuleFileRuleIsInTheCatalogueExactlyOnce()
{
    const RuleSources sources = readRuleSources();
    QVERIFY2(sources.ids.size() >= 100, "the rule sources were not found");
    // One registration per rule written in the sources, and the build saw every one of them.
    QCOMPARE(sources.factories.size(), sources.ids.size());
    QCOMPARE(ruleRegistrations().size(), sources.factories.size());

    const RuleCatalogue catalogue = RuleCatalogue::builtIn();
    QCOMPARE(catalogue.size(), sources.ids.size());
    std::multiset<std::string> catalogueIds;
    for (const auto& rule : catalogue.rules()) {
        catalogueIds.insert(rule->info().id);
    }
    QCOMPARE(catalogueIds, sources.ids);
    for (const auto& id : sources.ids) {
        QVERIFY2(sources.ids.count(id) == 1, ("two rule files define " + id).c_str());
    }
}

void TestRuleRegistry::everyRegistrationMakesADistinctRule()
{
    std::set<std::string_view> factories;
    std::set<std::string> ids;
    for (const RuleRegistration& registration : ruleRegistrations()) {
        QVERIFY2(factories.insert(registration.factoryName).second, registration.factoryName.data());
        const auto rule = registration.make();
        QVERIFY(rule);
        QVERIFY2(ids.insert(rule->info().id).second, ("two factories make " + rule->info().id).c_str());
    }
    QCOMPARE(ids.size(), ruleRegistrations().size());
}

void TestRuleRegistry::areaEntryPoint_data()
{
    QTest::addColumn<RegisterRules>("registerRules");
    QTest::addColumn<QString>("folder");
    QTest::addColumn<QString>("prefix"); // of every id from that folder
    QTest::addColumn<int>("count");
    QTest::newRow("registerContainerRules adds the 25 container rules")
        << RegisterRules(&registerContainerRules) << "container" << "CTR-" << 25;
    QTest::newRow("registerContentRules adds the 15 content rules, image ids from 101")
        << RegisterRules(&registerContentRules) << "contents" << "IMG-1" << 15;
    QTest::newRow("registerDaemonRules adds the 22 daemon rules")
        << RegisterRules(&registerDaemonRules) << "daemon" << "DMN-" << 22;
    QTest::newRow("registerHostRules adds the 49 host rules")
        << RegisterRules(&registerHostRules) << "host" << "HST-" << 49;
    QTest::newRow("registerImageRules adds the 21 image rules")
        << RegisterRules(&registerImageRules) << "image" << "IMG-0" << 21;
    QTest::newRow("registerNetworkRules adds the 12 network rules")
        << RegisterRules(&registerNetworkRules) << "network" << "NET-" << 12;
    QTest::newRow("registerRuntimeRules adds the 18 runtime rules")
        << RegisterRules(&registerRuntimeRules) << "runtime" << "RUN-" << 18;
    QTest::newRow("registerSecretsRules adds the 12 secrets rules")
        << RegisterRules(&registerSecretsRules) << "secrets" << "SEC-" << 12;
    QTest::newRow("registerSwarmRules adds the 8 swarm rules")
        << RegisterRules(&registerSwarmRules) << "swarm" << "SWM-" << 8;
}

void TestRuleRegistry::areaEntryPoint()
{
    QFETCH(RegisterRules, registerRules);
    QFETCH(QString, folder);
    QFETCH(QString, prefix);
    QFETCH(int, count);
    RuleCatalogue catalogue;
    registerRules(catalogue);
    QCOMPARE(int(catalogue.size()), count);
    for (const auto& rule : catalogue.rules()) {
        QVERIFY2(QString::fromStdString(rule->info().id).startsWith(prefix), rule->info().id.c_str());
    }
    int registered = 0;
    for (const RuleRegistration& registration : ruleRegistrations()) {
        registered += registration.folder == folder.toStdString() ? 1 : 0;
    }
    QCOMPARE(registered, count);
}

void TestRuleRegistry::theAreaEntryPointsTogetherAreTheBuiltInCatalogue()
{
    RuleCatalogue all;
    for (RegisterRules registerRules : {&registerContainerRules, &registerContentRules, &registerDaemonRules,
                                        &registerHostRules, &registerImageRules, &registerNetworkRules,
                                        &registerRuntimeRules, &registerSecretsRules, &registerSwarmRules}) {
        registerRules(all); // throws on a duplicate id
    }
    const RuleCatalogue builtIn = RuleCatalogue::builtIn();
    QCOMPARE(all.size(), builtIn.size());
    for (std::size_t i = 0; i < all.size(); ++i) {
        // The same rules in the same order (by id): reports, SARIF and history rely on it.
        QCOMPARE(all.rules()[i]->info().id, builtIn.rules()[i]->info().id);
    }
}

QTEST_APPLESS_MAIN(TestRuleRegistry)
#include "TestRuleRegistry.moc"
