// The alert engine (core/scan/AlertEngine): a new finding at or above the threshold raises one alert with one
// sentence per object; existing, lower, waived and repeated findings stay quiet; a changed set alerts again.
#include "core/findings/FindingKey.h"
#include "core/scan/AlertEngine.h"

#include <QTest>

using namespace drydock;

namespace {

const ObjectRef kWeb{ObjectType::Container, "0123456789ab", "web"};

Finding finding(const std::string& rule, Severity severity, const std::string& title,
                const std::string& evidence = "x", const ObjectRef& object = kWeb)
{
    Finding f;
    f.ruleId = rule;
    f.severity = severity;
    f.title = title;
    f.evidence = evidence;
    f.object = object;
    return f;
}

Finding privileged()
{
    return finding("CTR-002", Severity::Critical, "Privileged container", "HostConfig.Privileged = true");
}
Finding socket()
{
    return finding("CTR-010", Severity::Critical, "Container runtime API reachable from the container",
                   "/var/run/docker.sock:/var/run/docker.sock");
}
Finding root()
{
    return finding("CTR-001", Severity::Medium, "Container runs as root");
}

} // namespace

class TestAlertEngine : public QObject
{
    Q_OBJECT
private slots:
    void aNewRiskyFindingGivesOneAlertNamingTheObjectAndEveryNewRisk()
    {
        AlertEngine engine;
        auto alert =
            engine.consider(kWeb, "was started", {}, {root(), privileged(), socket()}, "unix:///d.sock", 100);
        QVERIFY(alert);
        QCOMPARE(QString::fromStdString(alert->sentence),
                 QStringLiteral("Container `web` was started: privileged container and container runtime API "
                                "reachable from the container (critical, CTR-002, CTR-010)"));
        QCOMPARE(alert->ruleIds,
                 (std::vector<std::string>{"CTR-002", "CTR-010"})); // the medium one is not news
        QCOMPARE(alert->severity, Severity::Critical);
        QCOMPARE(alert->endpoint, std::string("unix:///d.sock"));
        QCOMPARE(alert->atUnix, std::int64_t(100));
        QCOMPARE(alert->object.name, std::string("web"));
    }

    void aFindingTheObjectAlreadyHadIsNotNews()
    {
        AlertEngine engine;
        QVERIFY(!engine.consider(kWeb, "changed", {privileged()}, {privileged()}, "e", 100));
        // Only the new one of the two is named.
        auto alert = engine.consider(kWeb, "changed", {privileged()}, {privileged(), socket()}, "e", 101);
        QVERIFY(alert);
        QCOMPARE(alert->ruleIds, std::vector<std::string>{"CTR-010"});
        QVERIFY(!QString::fromStdString(alert->sentence).contains(QStringLiteral("privileged")));
    }

    void findingsBelowTheThresholdNeverAlert_data()
    {
        QTest::addColumn<int>("threshold");
        QTest::addColumn<int>("severity");
        QTest::addColumn<bool>("alerts");
        QTest::newRow("a medium finding under the default threshold (high) is quiet")
            << int(Severity::High) << int(Severity::Medium) << false;
        QTest::newRow("a high finding under the default threshold alerts")
            << int(Severity::High) << int(Severity::High) << true;
        QTest::newRow("a high finding under a critical threshold is quiet")
            << int(Severity::Critical) << int(Severity::High) << false;
        QTest::newRow("a medium finding under a medium threshold alerts")
            << int(Severity::Medium) << int(Severity::Medium) << true;
    }
    void findingsBelowTheThresholdNeverAlert()
    {
        QFETCH(int, threshold);
        QFETCH(int, severity);
        QFETCH(bool, alerts);
        AlertEngine engine(static_cast<Severity>(threshold));
        const auto alert =
            engine.consider(kWeb, "was started", {},
                            {finding("R-1", static_cast<Severity>(severity), "Something risky")}, "e", 1);
        QCOMPARE(alert.has_value(), alerts);
    }

    void aWaivedFindingNeverAlerts()
    {
        AlertEngine engine(Severity::Info);
        Finding waived = privileged();
        waived.waiver = WaiverMark{3, "lab machine", "ops", {}};
        QVERIFY(!engine.consider(kWeb, "was started", {}, {waived}, "e", 1));
        // With another new risk, only that one is named.
        auto alert = engine.consider(kWeb, "was started", {}, {waived, socket()}, "e", 2);
        QVERIFY(alert);
        QCOMPARE(alert->ruleIds, std::vector<std::string>{"CTR-010"});
    }

    // Debounce per object: the same set of risky findings again (the container removed and run again as it
    // was, so nothing about it is "previous") stays quiet; a changed set alerts; after the quiet time it may
    // alert again; a fixed object forgets, so the risk coming back is news.
    void theSameRisksOnTheSameObjectAlertOnce()
    {
        AlertEngine engine(Severity::High, 3600);
        QVERIFY(engine.consider(kWeb, "was started", {}, {privileged()}, "e", 1000));
        ObjectRef recreated = kWeb;
        recreated.id = "fedcba987654"; // a new container under the same name
        QVERIFY(!engine.consider(recreated, "changed", {}, {}, "e", 1001, /*removed*/ true));
        QVERIFY(!engine.consider(recreated, "was started", {}, {privileged()}, "e", 1002));
        QVERIFY(!engine.consider(recreated, "was started", {}, {privileged()}, "e", 1003));
        // Another object with the same risk is its own news.
        const ObjectRef db{ObjectType::Container, "aa", "db"};
        QVERIFY(engine.consider(db, "was started", {},
                                {finding("CTR-002", Severity::Critical, "Privileged container",
                                         "HostConfig.Privileged = true", db)},
                                "e", 1004));
        // A changed set alerts again at once.
        QVERIFY(engine.consider(recreated, "was started", {}, {privileged(), socket()}, "e", 1005));
        // The same set after the quiet time: news again.
        QVERIFY(!engine.consider(recreated, "was started", {}, {privileged(), socket()}, "e", 1005 + 3599));
        QVERIFY(engine.consider(recreated, "was started", {}, {privileged(), socket()}, "e", 1005 + 3600));
        // Fixed (seen without any risky finding), then broken again: alerts.
        QVERIFY(!engine.consider(recreated, "changed", {privileged(), socket()}, {root()}, "e", 9000));
        QVERIFY(engine.consider(recreated, "was started", {}, {privileged(), socket()}, "e", 9001));
    }

    // The sentence is made of the object's name and the rules' titles: evidence (where a masked secret or a
    // path lives) never goes in, and a name with control characters is shown escaped.
    void theSentenceHoldsNoEvidenceAndNoControlCharacters()
    {
        AlertEngine engine(Severity::High);
        const ObjectRef odd{ObjectType::Container, "bb", "app\x1b[31m"};
        Finding secret = finding("SEC-001", Severity::High, "Secret in an environment variable",
                                 "DB_PASSWORD=hunter2-super-secret", odd);
        secret.discriminator = "DB_PASSWORD";
        auto alert = engine.consider(odd, "was started", {}, {secret}, "e", 1);
        QVERIFY(alert);
        const QString sentence = QString::fromStdString(alert->sentence);
        QVERIFY2(!sentence.contains(QStringLiteral("hunter2")), qPrintable(sentence));
        QVERIFY(!sentence.contains(QStringLiteral("DB_PASSWORD")));
        QVERIFY(!sentence.contains(QChar(0x1b)));
        QVERIFY(sentence.contains(QStringLiteral("secret in an environment variable")));
    }

    void aStartedContainerIsSaidToBeStarted()
    {
        Inventory after;
        Container c;
        c.id = kWeb.id;
        c.name = "web";
        c.state.running = true;
        after.containers.push_back(c);
        QCOMPARE(AlertEngine::happenedTo(after, kWeb, true), std::string("was started"));
        after.containers.front().state.running = false;
        QCOMPARE(AlertEngine::happenedTo(after, kWeb, true), std::string("was created"));
        QCOMPARE(AlertEngine::happenedTo(after, kWeb, false), std::string("changed"));
    }
};

QTEST_GUILESS_MAIN(TestAlertEngine)
#include "TestAlertEngine.moc"
