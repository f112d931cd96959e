// One remediated command per container (core/scan/ObjectRemediation) on recorded API 1.41 JSON: every finding of
// a container carries the same command and compose snippet, with the fixes of all its open findings; after a
// waiver only that container's command is rendered again, and the waived fix is left out of it.
#include "core/json/ModelParser.h"
#include "core/rules/RuleCatalogue.h"
#include "core/scan/ObjectRemediation.h"
#include "core/scan/RuleEngine.h"
#include "tests/support/TestSupport.h"

#include <QTest>

using namespace drydock;
using drydock::test::readData;

namespace {

Inventory recordedInventory()
{
    Inventory inv;
    inv.endpoint = "unix:///run/test.sock";
    for (const char* name : {"priv", "plain"}) {
        auto c = json::parseContainer(readData(QStringLiteral("api-1.41/container-%1.json").arg(QLatin1String(name))));
        if (!c) {
            qFatal("recorded container %s does not parse", name);
        }
        inv.containers.push_back(c.value());
    }
    return inv;
}

std::vector<Finding> findingsOf(const Inventory& inventory)
{
    static const RuleCatalogue catalogue = RuleCatalogue::builtIn();
    return RuleEngine(catalogue).evaluate(inventory, ScanSettings{}, 1795919400).all();
}

std::vector<Finding*> ofContainer(std::vector<Finding>& findings, const std::string& name)
{
    std::vector<Finding*> out;
    for (auto& f : findings) {
        if (f.object.type == ObjectType::Container && f.object.name == name) {
            out.push_back(&f);
        }
    }
    return out;
}

bool hasLine(const std::string& command, const std::string& flag)
{
    return command.find("  " + flag + " \\\n") != std::string::npos || command.find(" " + flag + " ") != std::string::npos;
}

} // namespace

class TestObjectRemediation : public QObject
{
    Q_OBJECT
private slots:
    void everyFindingOfAContainerCarriesItsOneCommand()
    {
        const Inventory inventory = recordedInventory();
        std::vector<Finding> findings = findingsOf(inventory);
        for (const char* name : {"priv", "plain"}) {
            const auto mine = ofContainer(findings, name);
            QVERIFY2(mine.size() > 1, name);
            for (const Finding* f : mine) {
                QCOMPARE(f->remediation.runCommand, mine.front()->remediation.runCommand);
                QCOMPARE(f->remediation.compose, mine.front()->remediation.compose);
                // Each open finding's own additions are in the one command.
                for (const auto& added : f->remediation.addFlags) {
                    QVERIFY2(f->remediation.runCommand.find(added) != std::string::npos,
                             (f->ruleId + " " + added + "\n" + f->remediation.runCommand).c_str());
                }
            }
        }
    }

    void aWaivedFixIsLeftOutAndOnlyItsContainerIsRenderedAgain()
    {
        const Inventory inventory = recordedInventory();
        std::vector<Finding> findings = findingsOf(inventory);
        const auto plain = ofContainer(findings, "plain");
        const std::string plainBefore = plain.front()->remediation.runCommand;
        Finding* privileged = nullptr;
        for (Finding* f : ofContainer(findings, "priv")) {
            if (f->ruleId == "CTR-002") {
                privileged = f;
            }
        }
        QVERIFY(privileged);
        QVERIFY(!hasLine(privileged->remediation.runCommand, "--privileged"));
        // Marks the plain container's command so a render of it would show: only "priv" has a waiver.
        for (Finding* f : plain) {
            f->remediation.runCommand = "untouched";
        }
        privileged->waiver = WaiverMark{1, "needs the device", {}, {}};
        ObjectRemediation::refreshAfterWaivers(findings, inventory);
        for (const Finding* f : ofContainer(findings, "priv")) {
            QVERIFY2(hasLine(f->remediation.runCommand, "--privileged"), f->remediation.runCommand.c_str());
        }
        for (const Finding* f : plain) {
            QCOMPARE(f->remediation.runCommand, std::string("untouched"));
        }
        ObjectRemediation::render(findings, inventory);
        QCOMPARE(plain.front()->remediation.runCommand, plainBefore);
    }
};

QTEST_GUILESS_MAIN(TestObjectRemediation)
#include "TestObjectRemediation.moc"
