// The CIS Docker Benchmark tables (one per version) and the translation of a rule's reference between them,
// and the coverage list a scan yields: every recommendation with pass, fail, not-applicable or not-checked
// and why.
#include "core/cis/BenchmarkCoverage.h"
#include "core/cis/CisBenchmark.h"
#include "core/rules/RuleCatalogue.h"

#include <QTest>

#include <set>

using namespace drydock;

Q_DECLARE_METATYPE(drydock::CisVersion)
Q_DECLARE_METATYPE(drydock::BenchmarkVerdict)

class TestCisBenchmark : public QObject
{
    Q_OBJECT
private slots:
    void everyIdAndKeyIsThereOncePerVersion_data()
    {
        QTest::addColumn<CisVersion>("version");
        QTest::addColumn<int>("items");
        QTest::newRow("1.6.0 has 117 recommendations") << CisVersion::V1_6_0 << 117;
        QTest::newRow("1.7.0 has the same 117, reworded") << CisVersion::V1_7_0 << 117;
        QTest::newRow("1.8.0 adds the devicemapper one") << CisVersion::V1_8_0 << 118;
    }
    void everyIdAndKeyIsThereOncePerVersion()
    {
        QFETCH(CisVersion, version);
        QFETCH(int, items);
        const CisBenchmark& b = CisBenchmark::of(version);
        QCOMPARE(b.version(), version);
        QCOMPARE(int(b.items().size()), items);
        std::set<std::string> ids;
        std::set<std::string> keys;
        for (const auto& i : b.items()) {
            QVERIFY2(ids.insert(i.id).second, i.id.c_str());
            QVERIFY2(keys.insert(i.key).second, i.key.c_str());
            QVERIFY2(!i.title.empty(), i.id.c_str());
            QVERIFY2(b.sectionOf(i) != nullptr, i.id.c_str());
            // A key is a 1.6.0 id, or marks the version that added the recommendation.
            QVERIFY2(CisBenchmark::of(CisVersion::V1_6_0).find(i.key) != nullptr ||
                         i.key.find('@') != std::string::npos,
                     i.key.c_str());
        }
    }

    void aReferenceIsTranslatedBetweenVersions_data()
    {
        QTest::addColumn<QString>("id");
        QTest::addColumn<QString>("from");
        QTest::addColumn<QString>("to");
        QTest::addColumn<QString>("expected");
        QTest::newRow("section 5 keeps its ids") << "5.4"
                                                 << "1.6.0"
                                                 << "1.8.0"
                                                 << "5.4";
        QTest::newRow("1.6.0's TLS 2.7 is 1.8.0's 2.8") << "2.7"
                                                        << "1.6.0"
                                                        << "1.8.0"
                                                        << "2.8";
        QTest::newRow("1.6.0's experimental 2.18 is 1.8.0's 2.19") << "2.18"
                                                                   << "1.6.0"
                                                                   << "1.8.0"
                                                                   << "2.19";
        QTest::newRow("2.6 (aufs) comes before the new item and keeps its id") << "2.6"
                                                                               << "1.6.0"
                                                                               << "1.8.0"
                                                                               << "2.6";
        QTest::newRow("and back: 1.8.0's 2.8 is 1.6.0's 2.7") << "2.8"
                                                              << "1.8.0"
                                                              << "1.6.0"
                                                              << "2.7";
        QTest::newRow("1.7.0 kept 1.6.0's ids") << "2.7"
                                                << "1.6.0"
                                                << "1.7.0"
                                                << "2.7";
        QTest::newRow("the devicemapper item has no 1.6.0 id") << "2.7"
                                                               << "1.8.0"
                                                               << "1.6.0"
                                                               << "";
        QTest::newRow("section 1 keeps its ids") << "1.1.3"
                                                 << "1.6.0"
                                                 << "1.8.0"
                                                 << "1.1.3";
        QTest::newRow("no reference stays none") << ""
                                                 << "1.6.0"
                                                 << "1.8.0"
                                                 << "";
    }
    void aReferenceIsTranslatedBetweenVersions()
    {
        QFETCH(QString, id);
        QFETCH(QString, from);
        QFETCH(QString, to);
        QFETCH(QString, expected);
        const CisReference r =
            translateCis({id.toStdString(), from.toStdString()}, *cisVersionFromString(to.toStdString()));
        QCOMPARE(QString::fromStdString(r.id), expected);
        QCOMPARE(QString::fromStdString(r.version), expected.isEmpty() ? QString() : to);
    }

    void versionsAreNamedAsTheBenchmarkNamesThem()
    {
        QCOMPARE(QString::fromLatin1(toString(kDefaultCisVersion)), QStringLiteral("1.8.0"));
        QVERIFY(!cisVersionFromString("1.5.0"));
        QCOMPARE(QString::fromStdString(cisVersionList()), QStringLiteral("1.6.0, 1.7.0, 1.8.0"));
    }

    // Every rule's reference exists in 1.6.0 (the rules' own version) or names the version that added it.
    void everyRuleReferenceIsInItsBenchmark()
    {
        const RuleCatalogue catalogue = RuleCatalogue::builtIn();
        for (const auto& rule : catalogue.rules()) {
            const CisReference& r = rule->info().cis;
            if (r.id.empty()) {
                continue;
            }
            const auto version = cisVersionFromString(r.version);
            QVERIFY2(version.has_value(), rule->info().id.c_str());
            QVERIFY2(CisBenchmark::of(*version).find(r.id) != nullptr, rule->info().id.c_str());
        }
    }

    void presentingRewritesOnlyTheReference()
    {
        Finding f;
        f.ruleId = "DMN-001";
        f.cis = {"2.7", "1.6.0"};
        f.title = "t";
        std::vector<Finding> fs{f};
        presentCis(fs, CisVersion::V1_8_0);
        QCOMPARE(fs[0].cis.id, std::string("2.8"));
        QCOMPARE(fs[0].cis.version, std::string("1.8.0"));
        QCOMPARE(fs[0].title, std::string("t"));
    }

    void coverageGivesEveryRecommendationAVerdictAndAReason()
    {
        const RuleCatalogue catalogue = RuleCatalogue::builtIn();
        ScanResult scan;
        Container c;
        c.id = "c1";
        c.name = "web";
        scan.inventory.containers.push_back(c);
        Finding priv;
        priv.ruleId = "CTR-002"; // privileged
        priv.cis = catalogue.find("CTR-002")->info().cis;
        priv.object = {ObjectType::Container, "c1", "web"};
        priv.severity = Severity::Critical;
        scan.findings = FindingSet({priv});
        const BenchmarkCoverage cov = benchmarkCoverage(scan, catalogue, CisVersion::V1_8_0);
        QCOMPARE(int(cov.items.size()), 118);
        QCOMPARE(cov.count(BenchmarkVerdict::Pass) + cov.count(BenchmarkVerdict::Fail) +
                     cov.count(BenchmarkVerdict::NotApplicable) + cov.count(BenchmarkVerdict::NotChecked),
                 118);
        const auto item = [&cov](const char* id) {
            return *std::find_if(cov.items.begin(), cov.items.end(),
                                 [id](const BenchmarkItemResult& r) { return r.item.id == id; });
        };
        const BenchmarkItemResult privileged = item(catalogue.find("CTR-002")->info().cis.id.c_str());
        QCOMPARE(privileged.verdict, BenchmarkVerdict::Fail);
        QCOMPARE(int(privileged.findings.size()), 1);
        QCOMPARE(privileged.findings[0].object.name, std::string("web"));
        // No swarm: section 7 does not apply; the audit rules need the host; 1.2.1 is a person's review.
        QCOMPARE(item("7.1").verdict, BenchmarkVerdict::NotApplicable);
        QVERIFY(item("7.1").reason.find("swarm") != std::string::npos);
        QCOMPARE(item("1.1.3").verdict, BenchmarkVerdict::NotChecked);
        QVERIFY(item("1.1.3").reason.find("host") != std::string::npos);
        QCOMPARE(item("1.2.1").verdict, BenchmarkVerdict::NotChecked);
        QVERIFY(item("1.2.1").reason.find("manual") != std::string::npos);
        // The devicemapper recommendation (1.8.0's 2.7) is checked by its own rule, and passes on overlay2.
        QCOMPARE(item("2.7").verdict, BenchmarkVerdict::Pass);
        QVERIFY(item("2.7").reason.find("DMN-022") != std::string::npos);
        for (const auto& r : cov.items) {
            QVERIFY2(!r.reason.empty(), r.item.id.c_str());
        }
    }

    void theEngineDecidesWhatOnlyADockerDaemonHas_data()
    {
        QTest::addColumn<QString>("engine");
        QTest::addColumn<QString>("securityOption");
        QTest::addColumn<QString>("item");
        QTest::addColumn<int>("verdict");
        QTest::addColumn<QString>("reason");
        QTest::newRow("Podman has no daemon settings to check")
            << "Podman"
            << ""
            << "2.15" << int(BenchmarkVerdict::NotApplicable) << "Podman";
        QTest::newRow("nor Docker's files")
            << "Podman"
            << ""
            << "3.1" << int(BenchmarkVerdict::NotApplicable) << "daemon files";
        QTest::newRow("but its containers are checked as any")
            << "Podman"
            << ""
            << "5.4" << int(BenchmarkVerdict::Pass) << "checked by";
        QTest::newRow("a rootless daemon is what 2.1 asks for")
            << "Docker"
            << "name=rootless"
            << "2.1" << int(BenchmarkVerdict::Pass) << "rootless";
        QTest::newRow("a daemon running as root leaves 2.1 to a person")
            << "Docker"
            << "name=seccomp,profile=default"
            << "2.1" << int(BenchmarkVerdict::NotChecked) << "manual";
    }
    void theEngineDecidesWhatOnlyADockerDaemonHas()
    {
        QFETCH(QString, engine);
        QFETCH(QString, securityOption);
        QFETCH(QString, item);
        QFETCH(int, verdict);
        QFETCH(QString, reason);
        const RuleCatalogue catalogue = RuleCatalogue::builtIn();
        ScanResult scan;
        scan.inventory.engineName = engine.toStdString();
        scan.inventory.daemon.securityOptions = {securityOption.toStdString()};
        Container c;
        c.id = "c1";
        c.name = "web";
        scan.inventory.containers.push_back(c);
        const BenchmarkCoverage cov = benchmarkCoverage(scan, catalogue, CisVersion::V1_8_0);
        const auto it =
            std::find_if(cov.items.begin(), cov.items.end(),
                         [&item](const BenchmarkItemResult& r) { return r.item.id == item.toStdString(); });
        QVERIFY(it != cov.items.end());
        QCOMPARE(int(it->verdict), verdict);
        QVERIFY2(it->reason.find(reason.toStdString()) != std::string::npos, it->reason.c_str());
    }

    void coverageUsesTheHostFacts_data()
    {
        QTest::addColumn<QString>("endpoint");
        QTest::addColumn<bool>("hostFacts");
        QTest::addColumn<QString>("unreadable"); // a 1.6.0 id the host facts could not check
        QTest::addColumn<QString>("findingRule");
        QTest::addColumn<QString>("item"); // 1.6.0 id
        QTest::addColumn<BenchmarkVerdict>("verdict");
        QTest::addColumn<QString>("reason"); // a part of it
        QTest::newRow("a unix socket without a visible dockerd needs Drydock on the daemon's host")
            << "unix:///run/docker.sock" << false << ""
            << ""
            << "3.1" << BenchmarkVerdict::NotChecked << "needs Drydock on the daemon's host";
        QTest::newRow("a TCP endpoint needs local or ssh access")
            << "tcp://10.0.0.5:2376" << false << ""
            << ""
            << "2.14" << BenchmarkVerdict::NotChecked << "needs local or ssh access";
        QTest::newRow("with host facts 2.11 is checked by the storage options")
            << "unix:///run/docker.sock" << true << "" << "" << "2.11" << BenchmarkVerdict::Pass << "HST-049";
        QTest::newRow("a TCP endpoint leaves 2.11 unchecked, saying what access it needs")
            << "tcp://10.0.0.5:2376" << false << ""
            << ""
            << "2.11" << BenchmarkVerdict::NotChecked << "needs local or ssh access";
        QTest::newRow("with host facts and no finding a file item passes")
            << "unix:///run/docker.sock" << true << ""
            << ""
            << "3.1" << BenchmarkVerdict::Pass << "HST-025";
        QTest::newRow("with host facts a host finding fails its item")
            << "unix:///run/docker.sock" << true << ""
            << "HST-023"
            << "2.14" << BenchmarkVerdict::Fail << "HST-023";
        QTest::newRow("an item the host could not read is not checked, with the reason")
            << "unix:///run/docker.sock" << true << "1.1.3"
            << ""
            << "1.1.3" << BenchmarkVerdict::NotChecked
            << "needs root: /etc/audit/audit.rules is not readable";
    }

    void coverageUsesTheHostFacts()
    {
        QFETCH(QString, endpoint);
        QFETCH(bool, hostFacts);
        QFETCH(QString, unreadable);
        QFETCH(QString, findingRule);
        QFETCH(QString, item);
        QFETCH(BenchmarkVerdict, verdict);
        QFETCH(QString, reason);
        const RuleCatalogue catalogue = RuleCatalogue::builtIn();
        ScanResult scan;
        scan.inventory.endpoint = endpoint.toStdString();
        if (hostFacts) {
            scan.inventory.host = HostFacts{};
            if (!unreadable.isEmpty()) {
                scan.inventory.host->notChecked[unreadable.toStdString()] =
                    "needs root: /etc/audit/audit.rules is not readable";
            }
        }
        if (!findingRule.isEmpty()) {
            Finding f;
            f.ruleId = findingRule.toStdString();
            f.area = Area::Host;
            f.cis = catalogue.find(f.ruleId)->info().cis;
            f.object = {ObjectType::Daemon, "d", "host"};
            scan.findings = FindingSet({f});
        }
        const BenchmarkCoverage cov = benchmarkCoverage(scan, catalogue, CisVersion::V1_6_0);
        const auto it = std::find_if(cov.items.begin(), cov.items.end(), [&](const BenchmarkItemResult& r) {
            return r.item.id == item.toStdString();
        });
        QVERIFY(it != cov.items.end());
        QCOMPARE(it->verdict, verdict);
        QVERIFY2(QString::fromStdString(it->reason).contains(reason), it->reason.c_str());
    }

    void coverageSaysWhyAnSshHostWasNotRead_data()
    {
        QTest::addColumn<QString>("problem"); // the Scanner's "host" problem, empty for none
        QTest::addColumn<QString>("reason");
        QTest::newRow("an ssh endpoint scanned with --no-host-checks says so")
            << "" << "needs the daemon's host over ssh: not read in this scan (--no-host-checks)";
        QTest::newRow("a failed ssh session gives its reason, once")
            << "Host checks over ssh: the daemon's host did not answer within 30 s"
            << "Host checks over ssh: the daemon's host did not answer within 30 s";
        QTest::newRow("a reason that says not checked is not repeated by the verdict")
            << "not checked: no dockerd serving /var/run/docker.sock is visible on the daemon's host"
            << "no dockerd serving /var/run/docker.sock is visible on the daemon's host";
    }

    void coverageSaysWhyAnSshHostWasNotRead()
    {
        QFETCH(QString, problem);
        QFETCH(QString, reason);
        const RuleCatalogue catalogue = RuleCatalogue::builtIn();
        ScanResult scan;
        scan.inventory.endpoint = "ssh://ops@build1";
        if (!problem.isEmpty()) {
            scan.inventory.problems.push_back({"host", "ssh://ops@build1", problem.toStdString()});
        }
        const BenchmarkCoverage cov = benchmarkCoverage(scan, catalogue, CisVersion::V1_6_0);
        for (const char* id : {"1.1.1", "2.14", "3.1"}) {
            const auto it = std::find_if(cov.items.begin(), cov.items.end(),
                                         [id](const BenchmarkItemResult& r) { return r.item.id == id; });
            QVERIFY(it != cov.items.end());
            QCOMPARE(it->verdict, BenchmarkVerdict::NotChecked);
            QCOMPARE(QString::fromStdString(it->reason), reason);
        }
    }
};

QTEST_GUILESS_MAIN(TestCisBenchmark)
#include "TestCisBenchmark.moc"
