// How the history stores findings since schema 4: bodies once, runs of scans, remediation once per object —
// that every stored scan still reads back exactly as saved (through changes, waivers, duplicates, pruning and
// interleaved endpoints), that an unchanged scan adds no finding rows, that the save path never scans a whole
// table, and that a schema-3 history converts with every scan intact.
#include "core/common/Strings.h"
#include "core/findings/FindingKey.h"
#include "core/findings/FindingSet.h"
#include "core/store/FindingRuns.h"
#include "core/store/HistoryStore.h"
#include "core/store/SchemaMigrator.h"

#include "tests/support/HistoryFixtures.h"

#include <QTemporaryDir>
#include <QTest>

#include <map>
#include <random>

using namespace drydock;
using drydock::test::historyFinding;
using drydock::test::historyScan;

namespace {

// Everything a stored finding carries, as one comparable line.
std::string line(const Finding& f)
{
    return findingKey(f) + "|" + std::to_string(static_cast<int>(f.severity)) + "|" + f.title + "|" + f.rationale +
           "|" + f.fix + "|" + f.remediation.runCommand + "|" + f.remediation.compose + "|" +
           join(f.remediation.addFlags, ",") + "|" + join(f.remediation.removeFlags, ",") + "|" +
           f.remediation.dockerfile + "|" + (f.waiver ? std::to_string(f.waiver->waiverId) + f.waiver->reason : "-");
}

std::vector<std::string> lines(const std::vector<Finding>& findings)
{
    std::vector<std::string> out;
    for (const auto& f : findings) {
        out.push_back(line(f));
    }
    std::sort(out.begin(), out.end());
    return out;
}

std::int64_t countOf(HistoryStore& store, const std::string& table)
{
    auto q = store.database().prepare("SELECT COUNT(*) FROM " + table);
    return q && q->step() ? q->int64(0) : -1;
}

// A day's findings on a fleet of `containers`, four findings each, with `changed` containers different.
std::vector<Finding> fleet(int containers, int changedFrom, int changed)
{
    std::vector<Finding> out;
    for (int c = 0; c < containers; ++c) {
        const std::string name = "app-" + std::to_string(c);
        const bool different = c >= changedFrom && c < changedFrom + changed;
        for (const char* rule : {"CTR-003", "CTR-016", "RUN-006", "SEC-001"}) {
            out.push_back(historyFinding(rule, name, Severity::High, different ? "changed evidence" : "ev"));
        }
    }
    return out;
}

} // namespace

class TestHistoryRuns : public QObject
{
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    int m_n = 0;
    std::string freshPath() { return m_dir.filePath(QStringLiteral("r%1.db").arg(++m_n)).toStdString(); }

private slots:
    void aScanThatChangesNothingAddsNoFindingRows()
    {
        auto store = HistoryStore::open(freshPath());
        QVERIFY(store);
        auto& scans = store.value()->scans();
        QVERIFY(scans.save(historyScan(fleet(50, 0, 0), 1000)));
        const auto bodies = countOf(*store.value(), "finding_bodies");
        const auto runs = countOf(*store.value(), "finding_runs");
        QCOMPARE(bodies, std::int64_t(200));
        QCOMPARE(runs, std::int64_t(200));
        // One command and snippet per container, not one per finding.
        QCOMPARE(countOf(*store.value(), "object_remediations"), std::int64_t(50));
        for (int day = 1; day <= 5; ++day) {
            QVERIFY(scans.save(historyScan(fleet(50, 0, 0), 1000 + day * 86400)));
        }
        QCOMPARE(countOf(*store.value(), "finding_bodies"), bodies);
        QCOMPARE(countOf(*store.value(), "finding_runs"), runs);
        // A change adds the changed findings only: 2 containers x 4 findings, new bodies and new runs.
        const auto changed = scans.save(historyScan(fleet(50, 10, 2), 1000 + 6 * 86400)).value();
        QCOMPARE(countOf(*store.value(), "finding_bodies"), bodies + 8);
        QCOMPARE(countOf(*store.value(), "finding_runs"), runs + 8);
        const auto previous = scans.latest("unix:///d.sock", changed).value();
        QVERIFY(previous);
        const auto delta = scans.delta(*previous, changed).value();
        QCOMPARE(delta.newFindings.size() + delta.resolved.size(), std::size_t(0)); // evidence change = unchanged
        QCOMPARE(delta.unchanged, std::size_t(200));
    }

    void everyStoredScanReadsBackAsSaved_data()
    {
        QTest::addColumn<unsigned>("seed");
        QTest::newRow("a history of small daily changes") << 1u;
        QTest::newRow("a history where findings come and go and come back") << 2u;
        QTest::newRow("a history with waivers granted and withdrawn") << 3u;
        QTest::newRow("a history pruned in the middle of its life") << 4u;
    }
    void everyStoredScanReadsBackAsSaved()
    {
        QFETCH(unsigned, seed);
        std::mt19937 random(seed);
        auto store = HistoryStore::open(freshPath());
        QVERIFY(store);
        auto& scans = store.value()->scans();
        // A pool of possible findings; each scan of each endpoint holds a random subset, sometimes twice.
        std::vector<Finding> pool;
        for (int c = 0; c < 6; ++c) {
            for (const char* rule : {"CTR-002", "CTR-003", "RUN-006"}) {
                pool.push_back(historyFinding(rule, "svc-" + std::to_string(c), Severity::Medium));
            }
        }
        std::map<std::int64_t, std::vector<std::string>> expected;
        std::map<std::string, std::vector<std::int64_t>> idsOf; // scans of each endpoint, oldest first
        std::int64_t at = 1000;
        for (int round = 0; round < 40; ++round) {
            for (const std::string endpoint : {"unix:///a.sock", "tcp://127.0.0.1:2376"}) {
                std::vector<Finding> findings;
                for (const auto& f : pool) {
                    if (random() % 4 == 0) {
                        continue;
                    }
                    Finding copy = f;
                    if (endpoint[0] == 't') {
                        copy.object.id += "-remote";
                    }
                    if (seed == 3 && random() % 3 == 0) {
                        copy.waiver = WaiverMark{static_cast<std::int64_t>(random() % 2 + 1), "accepted", {}, {}};
                    }
                    findings.push_back(copy);
                    if (random() % 20 == 0) {
                        findings.push_back(copy); // the same finding twice in one scan
                    }
                }
                const ScanResult scan = historyScan(findings, at += 3600, endpoint);
                auto saved = scans.saveWithRuns(scan);
                QVERIFY(saved);
                expected[saved->id] = lines(findings);
                // The delta from what the save learned (reading only what went away) is the delta of the two
                // stored scans, against the previous scan and against an older one.
                std::vector<std::int64_t>& earlier = idsOf[endpoint];
                for (const std::size_t back : {std::size_t(1), std::size_t(random() % 6 + 2)}) {
                    if (earlier.size() < back || !expected.count(earlier[earlier.size() - back])) {
                        continue;
                    }
                    const std::int64_t baseline = earlier[earlier.size() - back];
                    const auto fast = scans.delta(baseline, scan, saved.value());
                    const auto full = scans.delta(baseline, saved->id);
                    QVERIFY(fast && full);
                    QCOMPARE(lines(fast->newFindings), lines(full->newFindings));
                    QCOMPARE(lines(fast->resolved), lines(full->resolved));
                    QCOMPARE(fast->unchanged, full->unchanged);
                }
                earlier.push_back(saved->id);
            }
            if (seed == 4 && round == 25) {
                const int removed = scans.pruneOlderThan(1000 + 10 * 2 * 3600).value();
                QVERIFY(removed > 0);
                for (auto it = expected.begin(); it != expected.end();) {
                    it = scans.load(it->first) ? std::next(it) : expected.erase(it);
                }
                QCOMPARE(expected.size(), std::size_t(52 - removed));
            }
        }
        for (const auto& [id, want] : expected) {
            auto stored = scans.load(id);
            QVERIFY(stored);
            QCOMPARE(lines(stored->findings), want);
        }
    }

    void aLoadedScanIsSortedLikeAFreshOne()
    {
        auto store = HistoryStore::open(freshPath());
        auto& scans = store.value()->scans();
        std::vector<Finding> findings{historyFinding("RUN-006", "b", Severity::Low), historyFinding("CTR-003", "a", Severity::High),
                                      historyFinding("CTR-002", "c", Severity::Critical)};
        FindingSet fresh(findings);
        fresh.sort();
        const auto id = scans.save(historyScan(findings, 1000)).value();
        const auto stored = scans.load(id).value();
        QCOMPARE(stored.findings.size(), fresh.all().size());
        for (std::size_t i = 0; i < stored.findings.size(); ++i) {
            QCOMPARE(line(stored.findings[i]), line(fresh.all()[i]));
        }
    }

    void pruningTheNewestScanNeverReusesItsId()
    {
        auto store = HistoryStore::open(freshPath());
        auto& scans = store.value()->scans();
        const auto kept = scans.save(historyScan({historyFinding("CTR-003", "a", Severity::High)}, 5000)).value();
        const auto old = scans.save(historyScan({historyFinding("CTR-003", "a", Severity::High),
                                            historyFinding("CTR-002", "a", Severity::High)}, 10)).value();
        QCOMPARE(scans.pruneOlderThan(100).value(), 1);
        const auto next = scans.save(historyScan({historyFinding("CTR-002", "a", Severity::High)}, 6000)).value();
        QVERIFY(next > old);
        QCOMPARE(scans.load(kept).value().findings.size(), std::size_t(1));
        QCOMPARE(QString::fromStdString(scans.load(next).value().findings.at(0).ruleId), QStringLiteral("CTR-002"));
        QCOMPARE(scans.load(next).value().findings.size(), std::size_t(1));
    }

    // The statements run for every saved scan and its comparison with the previous one must use an index:
    // a full scan of a table whose size grows with the history would make each save slower than the last.
    void theSavePathNeverScansAWholeTable()
    {
        auto store = HistoryStore::open(freshPath());
        auto& scans = store.value()->scans();
        for (int day = 0; day < 3; ++day) {
            QVERIFY(scans.save(historyScan(fleet(20, day, 1), 1000 + day * 86400)));
        }
        QVERIFY(store.value()->database().exec("ANALYZE"));
        for (const auto& sql : FindingRuns::statementsOnTheSavePath()) {
            auto plan = store.value()->database().prepare("EXPLAIN QUERY PLAN " + sql);
            QVERIFY2(plan, sql.c_str());
            QString details;
            while (plan->step()) {
                details += QString::fromStdString(plan->text(3)) + QLatin1Char('\n');
            }
            QVERIFY2(!details.isEmpty() || sql.rfind("INSERT", 0) == 0, sql.c_str());
            for (const QString& step : details.split(QLatin1Char('\n'), Qt::SkipEmptyParts)) {
                // "SCAN t" reads a whole table; "SEARCH t USING …" walks an index range.
                QVERIFY2(!step.startsWith(QStringLiteral("SCAN ")), qPrintable(step + QStringLiteral(" in ") +
                                                                              QString::fromStdString(sql)));
            }
        }
    }

    // A history written by the previous schema (every finding of every scan a row) converts on open with every
    // scan, delta and object trend as it was, and the old table is gone.
    void aSchema3HistoryConvertsWithEveryScanIntact()
    {
        const std::string path = freshPath();
        std::map<std::int64_t, std::vector<std::string>> expected;
        {
            auto db = SqliteDatabase::open(path).value();
            QVERIFY(SchemaMigrator::migrate(*db, 3));
            std::int64_t id = 0;
            for (int day = 0; day < 4; ++day) {
                for (const std::string endpoint : {"unix:///a.sock", "unix:///b.sock"}) {
                    auto insert = db->prepare("INSERT INTO scans (endpoint, started_at, finished_at, catalogue_version, "
                                              "high) VALUES (?1, ?2, ?2, 'test', ?3)");
                    std::vector<Finding> findings = fleet(3, day, 1);
                    if (day == 2) {
                        findings.pop_back();
                        findings[0].waiver = WaiverMark{7, "accepted for now", {}, {}};
                    }
                    QVERIFY(insert->bind(1, endpoint).bind(2, 1000 + day * 86400).bind(3, int(findings.size())).run());
                    id = db->lastInsertId();
                    for (const auto& f : findings) {
                        auto row = db->prepare(
                            "INSERT INTO findings (scan_id, finding_key, rule_id, area, severity, cis_id, cis_version, "
                            "object_type, object_id, object_name, discriminator, title, evidence, run_command, "
                            "add_flags, remove_flags, compose, dockerfile, waiver_id, waiver_reason) "
                            "VALUES (?1,?2,?3,'container',?4,?5,?6,'container',?7,?8,'',?9,?10,?11,?12,?13,?14,'',?15,?16)");
                        row->bind(1, id).bind(2, findingKey(f)).bind(3, f.ruleId).bind(4, int(f.severity));
                        row->bind(5, f.cis.id).bind(6, f.cis.version).bind(7, f.object.id).bind(8, f.object.name);
                        row->bind(9, f.title).bind(10, f.evidence).bind(11, f.remediation.runCommand);
                        row->bind(12, join(f.remediation.addFlags, "\n")).bind(13, join(f.remediation.removeFlags, "\n"));
                        row->bind(14, f.remediation.compose);
                        if (f.waiver) {
                            row->bind(15, f.waiver->waiverId).bind(16, f.waiver->reason);
                        } else {
                            row->bindNull(15).bindNull(16);
                        }
                        QVERIFY(row->run());
                    }
                    auto text = db->prepare("INSERT OR IGNORE INTO rule_texts VALUES (?1, 'test', ?2, ?3)");
                    for (const auto& f : findings) {
                        QVERIFY(text->bind(1, f.ruleId).bind(2, f.rationale).bind(3, f.fix).run());
                    }
                    expected[id] = lines(findings);
                }
            }
        }
        auto store = HistoryStore::open(path);
        QVERIFY2(store, store ? "" : store.error().message.c_str());
        QCOMPARE(SchemaMigrator::currentVersion(store.value()->database()).value(), SchemaMigrator::latestVersion());
        auto old = store.value()->database().prepare("SELECT COUNT(*) FROM sqlite_master WHERE name = 'findings'");
        QVERIFY(old && old->step());
        QCOMPARE(old->int64(0), std::int64_t(0));
        auto& scans = store.value()->scans();
        QCOMPARE(scans.list().value().size(), expected.size());
        for (const auto& [id, want] : expected) {
            QCOMPARE(lines(scans.load(id).value().findings), want);
        }
        // Day 2 dropped app-2's last finding and waived one: the delta and the object trend see both.
        const auto day2 = scans.list("unix:///a.sock").value().at(1).id;
        const auto day1 = scans.latest("unix:///a.sock", day2).value().value();
        const auto delta = scans.delta(day1, day2).value();
        QCOMPARE(delta.resolved.size(), std::size_t(1));
        const auto trend = scans.objectTrend("unix:///a.sock", "app-0", 0).value();
        QCOMPARE(trend.size(), std::size_t(4));
        QCOMPARE(trend[0].findings, 4);
        QCOMPARE(trend[2].findings, 3); // one of app-0's findings was waived that day
        // New scans continue the converted runs: an unchanged scan adds no finding rows.
        const auto runs = countOf(*store.value(), "finding_runs");
        QVERIFY(scans.save(historyScan(fleet(3, 3, 1), 1000 + 4 * 86400, "unix:///a.sock")));
        QCOMPARE(countOf(*store.value(), "finding_runs"), runs);
    }
};

QTEST_GUILESS_MAIN(TestHistoryRuns)
#include "TestHistoryRuns.moc"
