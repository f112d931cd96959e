// planWaivers: the waivers a hardening plan's "waive" choices store, the same for `drydock harden` and the
// wizard.
#include "core/hardening/PlanWaivers.h"

#include <QTest>

Q_DECLARE_METATYPE(std::vector<drydock::HardeningChange>)

using namespace drydock;

namespace {

HardeningChange change(const std::string& id, StringList rules, ChangeChoice choice,
                       const std::string& reason)
{
    HardeningChange c;
    c.id = id;
    c.ruleIds = std::move(rules);
    c.choice = choice;
    c.waiveReason = reason;
    return c;
}

HardeningPlan plan(std::vector<HardeningChange> changes)
{
    HardeningPlan p;
    p.object = {ObjectType::Container, "0123456789ab", "webapp"};
    p.changes = std::move(changes);
    return p;
}

// "CTR-001|reason" per waiver, in order: what a waiver says, in one comparable string.
QStringList describe(const std::vector<Waiver>& waivers)
{
    QStringList out;
    for (const auto& w : waivers) {
        out << QString::fromStdString(w.ruleId + "|" + w.reason);
    }
    return out;
}

} // namespace

// Which choices become waivers, and what each waiver says.
class TestPlanWaivers : public QObject
{
    Q_OBJECT
private slots:
    void waivesExactlyTheChangesChosenAsWaive_data()
    {
        QTest::addColumn<std::vector<HardeningChange>>("changes");
        QTest::addColumn<QStringList>("expected");
        QTest::newRow("a plan with nothing waived stores no waiver")
            << std::vector<HardeningChange>{change("CTR-001", {"CTR-001"}, ChangeChoice::Apply, ""),
                                            change("CTR-004", {"CTR-004"}, ChangeChoice::Skip, "")}
            << QStringList{};
        QTest::newRow("a waived change stores one waiver with its reason")
            << std::vector<HardeningChange>{change("CTR-001", {"CTR-001"}, ChangeChoice::Apply, ""),
                                            change("CTR-004", {"CTR-004"}, ChangeChoice::Waive,
                                                   "needs NET_ADMIN")}
            << QStringList{"CTR-004|needs NET_ADMIN"};
        QTest::newRow("a waived change that resolves two rules stores a waiver for each")
            << std::vector<HardeningChange>{change("tmpfs:/tmp", {"CTR-010", "RUN-003"}, ChangeChoice::Waive,
                                                   "legacy")}
            << QStringList{"CTR-010|legacy", "RUN-003|legacy"};
        QTest::newRow("a waive choice without a reason stores nothing")
            << std::vector<HardeningChange>{change("CTR-004", {"CTR-004"}, ChangeChoice::Waive, ""),
                                            change("CTR-001", {"CTR-001"}, ChangeChoice::Waive, "later")}
            << QStringList{"CTR-001|later"};
        QTest::newRow("a reason left on a change chosen as skip stores nothing")
            << std::vector<HardeningChange>{change("CTR-004", {"CTR-004"}, ChangeChoice::Skip,
                                                   "was waived before")}
            << QStringList{};
    }
    void waivesExactlyTheChangesChosenAsWaive()
    {
        QFETCH(std::vector<HardeningChange>, changes);
        QFETCH(QStringList, expected);
        QCOMPARE(describe(planWaivers(plan(changes), "unix:///var/run/docker.sock", 1700000000)), expected);
    }

    void aWaiverNamesThePlansObjectEndpointAndTime_data()
    {
        QTest::addColumn<QString>("endpoint");
        QTest::newRow("an endpoint limits the waiver to that daemon") << "tcp://10.0.0.5:2376";
        QTest::newRow("no endpoint makes the waiver hold everywhere") << "";
    }
    void aWaiverNamesThePlansObjectEndpointAndTime()
    {
        QFETCH(QString, endpoint);
        const auto waivers =
            planWaivers(plan({change("CTR-004", {"CTR-004"}, ChangeChoice::Waive, "needed")}),
                        endpoint.toStdString(), 1700000000);
        QCOMPARE(waivers.size(), std::size_t(1));
        const Waiver& w = waivers.front();
        QCOMPARE(w.scope, Waiver::Scope::Object);
        QCOMPARE(QString::fromStdString(w.objectPattern), QStringLiteral("webapp"));
        QCOMPARE(QString::fromStdString(w.endpoint), endpoint);
        QCOMPARE(w.createdAtUnix, std::int64_t(1700000000));
        QVERIFY(!w.expiresAtUnix);
        QCOMPARE(w.id, std::int64_t(0));
    }
};

QTEST_GUILESS_MAIN(TestPlanWaivers)
#include "TestPlanWaivers.moc"
