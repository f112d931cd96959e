// The one ranking of what to fix first and what is cheap to fix, shared by the report and the dashboard.
#include "core/report/FixPriorities.h"
#include "core/rules/RuleAdvice.h"

#include <QTest>

#include <algorithm>

using namespace drydock;

namespace {

// A finding written "object/RULE/severity", with "/waived" at the end for a waived one. Texts come from the
// catalogue as a stored scan's would; ids are left empty (a stored scan may have no inventory).
Finding parse(const RuleCatalogue& catalogue, const QString& spec)
{
    const QStringList p = spec.split(QLatin1Char('/'));
    Finding f;
    f.object = {ObjectType::Container, {}, p.at(0).toStdString()};
    f.ruleId = p.at(1).toStdString();
    f.severity = severityFromString(p.at(2).toStdString()).value_or(Severity::Info);
    if (const Rule* rule = catalogue.find(f.ruleId)) {
        f.area = rule->info().area;
        f.title = rule->info().title;
    }
    if (p.size() > 3 && p.at(3) == QLatin1String("waived")) {
        f.waiver = WaiverMark{1, "accepted", "ops", std::nullopt};
    }
    return f;
}

ScanResult scanOf(const RuleCatalogue& catalogue, const QStringList& specs, bool reversed = false)
{
    std::vector<Finding> fs;
    for (const QString& s : specs) {
        fs.push_back(parse(catalogue, s));
    }
    if (reversed) {
        std::reverse(fs.begin(), fs.end());
    }
    ScanResult r;
    r.findings = FindingSet(std::move(fs));
    return r;
}

QStringList fixFirstOf(const FixPriorities& p)
{
    QStringList out;
    for (const auto& i : p.fixFirst) {
        QStringList objects;
        for (const auto& o : i.objects) {
            objects << QString::fromStdString(o.name);
        }
        if (i.objects.empty() || i.objects.front().name != i.object.name) {
            objects << QStringLiteral("(object is not the first of objects)");
        }
        out << objects.join(QLatin1Char('+')) + QLatin1Char('/') + QString::fromStdString(i.ruleId);
    }
    return out;
}

QStringList quickWinsOf(const FixPriorities& p)
{
    QStringList out;
    for (const auto& w : p.quickWins) {
        out << QString::fromStdString(w.ruleId + " " + std::to_string(w.findingCount) + "x" +
                                      std::to_string(w.objectCount));
    }
    return out;
}

} // namespace

class TestFixPriorities : public QObject
{
    Q_OBJECT

    const RuleCatalogue m_catalogue = RuleCatalogue::builtIn();

private slots:
    void fixFirstRanksBySeverityThenExposure_data()
    {
        QTest::addColumn<QStringList>("findings");
        QTest::addColumn<int>("count");
        QTest::addColumn<QStringList>("expected");
        QTest::newRow("a critical finding comes before a high one whatever the names")
            << QStringList{"aaa/CTR-001/high", "zzz/CTR-002/critical"} << 10
            << QStringList{"zzz/CTR-002", "aaa/CTR-001"};
        QTest::newRow("at equal severity the object published on all interfaces comes first")
            << QStringList{"aaa/CTR-001/high", "zzz/CTR-001/high", "zzz/NET-003/medium"} << 10
            << QStringList{"zzz+aaa/CTR-001", "zzz/NET-003"};
        QTest::newRow("a Docker socket mount outranks privileged mode at equal severity")
            << QStringList{"priv/CTR-002/critical", "sock/CTR-013/critical"} << 10
            << QStringList{"sock/CTR-013", "priv/CTR-002"};
        QTest::newRow("privileged outranks a secret in clear at equal severity")
            << QStringList{"env/SEC-001/high", "env/CTR-001/high", "caps/CTR-003/high", "caps/CTR-001/high"}
            << 10 << QStringList{"caps/CTR-003", "caps+env/CTR-001", "env/SEC-001"};
        QTest::newRow("on one object the finding that is the exposure comes first")
            << QStringList{"web/CTR-001/high", "web/NET-006/high"} << 10
            << QStringList{"web/NET-006", "web/CTR-001"};
        QTest::newRow(
            "ties are broken by object name, then rule id, and one risk lists every object it is on")
            << QStringList{"bbb/CTR-001/high", "aaa/RUN-001/high", "aaa/CTR-001/high"} << 10
            << QStringList{"aaa+bbb/CTR-001", "aaa/RUN-001"};
        QTest::newRow("one rule at two severities is two risks")
            << QStringList{"a/CTR-003/high", "b/CTR-003/medium"} << 10
            << QStringList{"a/CTR-003", "b/CTR-003"};
        QTest::newRow("two findings of one rule on one object list the object once")
            << QStringList{"a/SEC-001/high", "a/SEC-001/high", "b/SEC-001/high"} << 10
            << QStringList{"a+b/SEC-001"};
        QTest::newRow("waived findings are left out, and so is the exposure they carried")
            << QStringList{"aaa/CTR-002/critical/waived", "aaa/CTR-001/high", "bbb/CTR-001/high",
                           "bbb/NET-003/medium/waived"}
            << 10 << QStringList{"aaa+bbb/CTR-001"};
        QTest::newRow("info findings are never something to fix first")
            << QStringList{"aaa/RUN-013/info", "aaa/RUN-008/low"} << 10 << QStringList{"aaa/RUN-008"};
        QTest::newRow("the list stops at the count of risks asked for, with every object of those")
            << QStringList{"a/CTR-001/high", "b/RUN-001/high", "c/CTR-002/critical", "d/CTR-001/high"} << 2
            << QStringList{"c/CTR-002", "a+d/CTR-001"};
        QTest::newRow("a scan without findings has nothing to fix") << QStringList{} << 10 << QStringList{};
    }

    void fixFirstRanksBySeverityThenExposure()
    {
        QFETCH(QStringList, findings);
        QFETCH(int, count);
        QFETCH(QStringList, expected);
        const auto p = computeFixPriorities(scanOf(m_catalogue, findings), m_catalogue, std::size_t(count));
        QCOMPARE(fixFirstOf(p), expected);
        // The order does not depend on the order the scan found things in.
        const auto again =
            computeFixPriorities(scanOf(m_catalogue, findings, true), m_catalogue, std::size_t(count));
        QCOMPARE(fixFirstOf(again), expected);
    }

    void quickWinsResolveTheMostForTheLeastRisk_data()
    {
        QTest::addColumn<QStringList>("findings");
        QTest::addColumn<QStringList>("expected");
        QTest::newRow("the change resolving the most findings comes first")
            << QStringList{"a/RUN-006/medium", "b/RUN-006/medium", "a/RUN-015/low", "b/RUN-015/low",
                           "c/RUN-015/low"}
            << QStringList{"RUN-015 3x3", "RUN-006 2x2"};
        QTest::newRow("changes that need a decision are never quick wins")
            << QStringList{"a/CTR-002/critical", "b/CTR-002/critical", "c/NET-003/medium", "a/RUN-015/low"}
            << QStringList{"RUN-015 1x1"};
        QTest::newRow("equal counts put the higher severity first, then the rule id")
            << QStringList{"a/RUN-008/low", "a/RUN-009/medium", "a/RUN-007/low"}
            << QStringList{"RUN-009 1x1", "RUN-007 1x1", "RUN-008 1x1"};
        QTest::newRow("waived findings are not counted")
            << QStringList{"a/RUN-015/low/waived", "b/RUN-015/low/waived", "c/RUN-015/low",
                           "a/RUN-006/medium", "b/RUN-006/medium"}
            << QStringList{"RUN-006 2x2", "RUN-015 1x1"};
        QTest::newRow("two findings of one rule on one object count twice but as one object")
            << QStringList{"a/SEC-005/medium", "a/SEC-005/medium"} << QStringList{"SEC-005 2x1"};
        QTest::newRow("at most five quick wins")
            << QStringList{"a/RUN-005/medium", "a/RUN-006/medium", "a/RUN-007/low", "a/RUN-008/low",
                           "a/RUN-009/medium", "a/RUN-011/low",    "a/RUN-015/low"}
            << QStringList{"RUN-005 1x1", "RUN-006 1x1", "RUN-009 1x1", "RUN-007 1x1", "RUN-008 1x1"};
    }

    void quickWinsResolveTheMostForTheLeastRisk()
    {
        QFETCH(QStringList, findings);
        QFETCH(QStringList, expected);
        QCOMPARE(quickWinsOf(computeFixPriorities(scanOf(m_catalogue, findings), m_catalogue)), expected);
        QCOMPARE(quickWinsOf(computeFixPriorities(scanOf(m_catalogue, findings, true), m_catalogue)),
                 expected);
    }

    void aQuickWinSaysWhatItResolvesAndWhatItRisks()
    {
        const auto p = computeFixPriorities(
            scanOf(m_catalogue, {"a/RUN-015/low", "b/RUN-015/low", "c/RUN-015/low", "c/RUN-015/medium"}),
            m_catalogue);
        QCOMPARE(p.quickWins.size(), std::size_t(1));
        const QString summary = QString::fromStdString(p.quickWins.front().summary);
        QVERIFY2(summary.startsWith(
                     QStringLiteral("Resolves 4 findings (1 medium, 3 low) on 3 containers: Keep logs "
                                    "and rotate them")),
                 qPrintable(summary));
        QVERIFY2(
            summary.endsWith(QStringLiteral("Risk: Old log lines beyond the size limit are rotated away.")),
            qPrintable(summary));
        QCOMPARE(p.quickWins.front().severity, Severity::Medium);
    }

    void aStoredScanTakesItsTextsFromTheCatalogue_data()
    {
        QTest::addColumn<QString>("finding");
        QTest::addColumn<QString>("attackerGains");
        QTest::addColumn<QString>("fixStart");
        QTest::newRow("the socket mount says who controls the host")
            << "ci/CTR-013/critical"
            << "The Docker socket is mounted: anyone in this container controls every container on the host."
            << "";
        QTest::newRow("a fix is one sentence and an abbreviation does not end it")
            << "db/CTR-002/critical"
            << "The container is privileged: anyone in it can mount the host's disks and load kernel "
               "modules, "
               "which is root on the host."
            << "Remove --privileged and grant only the exact capability or device the workload uses (e.g. "
               "--cap-add";
        QTest::newRow("a rule without a line of its own says its rationale's first sentence")
            << "web/RUN-017/low"
            << ""
            << "";
    }

    void aStoredScanTakesItsTextsFromTheCatalogue()
    {
        QFETCH(QString, finding);
        QFETCH(QString, attackerGains);
        QFETCH(QString, fixStart);
        const auto p = computeFixPriorities(scanOf(m_catalogue, {finding}), m_catalogue);
        QCOMPARE(p.fixFirst.size(), std::size_t(1));
        const FixFirstItem& item = p.fixFirst.front();
        const Rule* rule = m_catalogue.find(item.ruleId);
        QVERIFY(rule != nullptr);
        const QString gains = QString::fromStdString(item.attackerGains);
        if (attackerGains.isEmpty()) {
            QCOMPARE(gains, QString::fromStdString(firstSentence(rule->info().rationale)));
        } else {
            QCOMPARE(gains, attackerGains);
        }
        QVERIFY(!gains.isEmpty());
        const QString fix = QString::fromStdString(item.fix);
        QVERIFY2(fix.startsWith(fixStart), qPrintable(fix));
        QVERIFY2(fix.endsWith(QLatin1Char('.')) && QString::fromStdString(rule->info().fix).startsWith(fix),
                 qPrintable(fix));
    }

    void everyRuleThatCanBeHighHasItsOwnAttackerLine()
    {
        for (const auto& rule : m_catalogue.rules()) {
            const RuleInfo& info = rule->info();
            if (info.defaultSeverity >= Severity::High) {
                QVERIFY2(!ruleAdvice(info.id).attackerGains.empty(), info.id.c_str());
            }
        }
        QVERIFY(ruleAdvice("XYZ-999").appliedByDefault);
        QVERIFY(!ruleAdvice("XYZ-999").risk.empty());
        QVERIFY(!ruleAdvice("CTR-002").appliedByDefault);
        // A sidecar's network_mode: service:vpn was removed as a plain default by drydock check --fix.
        QVERIFY(!ruleAdvice("CTR-010").appliedByDefault);
    }
};

QTEST_GUILESS_MAIN(TestFixPriorities)
#include "TestFixPriorities.moc"
