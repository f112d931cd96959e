// The scan history: round trips, deltas, trends, retention, waivers, schema versions, damaged files and
// concurrent writers, on real SQLite files in a temporary directory.
#include "core/common/AppPaths.h"
#include "core/common/Time.h"
#include "core/findings/FindingKey.h"
#include "core/findings/Waiver.h"
#include "core/store/FleetHistory.h"
#include "core/store/HistoryStore.h"
#include "core/store/SchemaMigrator.h"

#include "tests/support/FileFacts.h"
#include "tests/support/HistoryFixtures.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QTest>

#include <ctime>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

using namespace drydock;
using drydock::test::historyFinding;
using drydock::test::historyScan;
using drydock::test::bytesOf;
using drydock::test::modeOf;

namespace {

QByteArray fileBytes(const QString& path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

} // namespace

class TestHistoryStore : public QObject
{
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    int m_n = 0;
    std::string freshPath() { return m_dir.filePath(QStringLiteral("h%1.db").arg(++m_n)).toStdString(); }

private slots:
    void aScanRoundTripsWithEveryField()
    {
        auto store = HistoryStore::open(freshPath());
        QVERIFY(store);
        std::vector<Finding> fs{historyFinding("CTR-003", "web", Severity::Critical), historyFinding("RUN-006", "db", Severity::Medium)};
        fs[0].discriminator = "SYS_ADMIN";
        fs[0].remediation.dockerfile = "USER 10001";
        auto id = store.value()->scans().save(historyScan(fs, 1000));
        QVERIFY(id);
        auto loaded = store.value()->scans().load(id.value());
        QVERIFY(loaded);
        QCOMPARE(loaded->findings.size(), std::size_t(2));
        QCOMPARE(loaded->summary.counts[4], 1);
        QCOMPARE(loaded->summary.counts[2], 1);
        QCOMPARE(loaded->summary.byArea.at("container"), 2);
        QCOMPARE(QString::fromStdString(loaded->summary.engineVersion), QStringLiteral("20.10.24"));
        const Finding& f = loaded->findings[0];
        QCOMPARE(QString::fromStdString(f.ruleId), QStringLiteral("CTR-003"));
        QCOMPARE(f.severity, Severity::Critical);
        QCOMPARE(QString::fromStdString(f.discriminator), QStringLiteral("SYS_ADMIN"));
        QCOMPARE(f.remediation.addFlags.size(), std::size_t(2));
        QCOMPARE(QString::fromStdString(f.remediation.dockerfile), QStringLiteral("USER 10001"));
        QCOMPARE(QString::fromStdString(f.cis.version), QStringLiteral("1.6.0"));
        QCOMPARE(QString::fromStdString(f.rationale), QStringLiteral("why"));
        QCOMPARE(QString::fromStdString(f.fix), QStringLiteral("fix"));
        QCOMPARE(findingKey(f), findingKey(fs[0]));
    }

    void anUnknownScanIsAClearError()
    {
        auto store = HistoryStore::open(freshPath());
        auto loaded = store.value()->scans().load(42);
        QVERIFY(!loaded);
        QCOMPARE(loaded.error().code, ErrorCode::NotFound);
        QVERIFY(QString::fromStdString(loaded.error().message).contains(QStringLiteral("42")));
    }

    void listAndLatestFollowTime()
    {
        auto store = HistoryStore::open(freshPath());
        auto& scans = store.value()->scans();
        const auto a = scans.save(historyScan({}, 1000)).value();
        const auto b = scans.save(historyScan({}, 2000)).value();
        scans.save(historyScan({}, 3000, "tcp://other:2376")).value();
        QCOMPARE(scans.list().value().size(), std::size_t(3));
        QCOMPARE(scans.list("unix:///d.sock").value().size(), std::size_t(2));
        QCOMPARE(scans.latest("unix:///d.sock").value().value(), b);
        QCOMPARE(scans.latest("unix:///d.sock", b).value().value(), a);
        QVERIFY(!scans.latest("unix:///d.sock", a).value().has_value());
    }

    void theDeltaSeparatesNewResolvedAndUnchanged()
    {
        auto store = HistoryStore::open(freshPath());
        auto& scans = store.value()->scans();
        const auto a = scans.save(historyScan({historyFinding("CTR-001", "web", Severity::High),
                                          historyFinding("RUN-006", "web", Severity::Medium),
                                          historyFinding("CTR-002", "old", Severity::Critical)},
                                         1000))
                           .value();
        const auto b = scans.save(historyScan({historyFinding("CTR-001", "web", Severity::High),
                                          historyFinding("RUN-006", "web", Severity::Medium),
                                          historyFinding("NET-003", "web", Severity::Medium)},
                                         2000))
                           .value();
        auto d = scans.delta(a, b);
        QVERIFY(d);
        QCOMPARE(d->unchanged, std::size_t(2));
        QCOMPARE(d->newFindings.size(), std::size_t(1));
        QCOMPARE(QString::fromStdString(d->newFindings[0].ruleId), QStringLiteral("NET-003"));
        QCOMPARE(d->resolved.size(), std::size_t(1));
        QCOMPARE(QString::fromStdString(d->resolved[0].ruleId), QStringLiteral("CTR-002"));
        QCOMPARE(d->newAtOrAbove(Severity::High), 0);
        QCOMPARE(d->newAtOrAbove(Severity::Medium), 1);
    }

    void aRestartOrRenameIsNotANewFinding()
    {
        // A restart keeps name and evidence; a rename keeps the container id.
        const std::vector<Finding> before{historyFinding("CTR-001", "web", Severity::High, "Config.User is empty", "abc")};
        const std::vector<Finding> restarted{historyFinding("CTR-001", "web", Severity::High, "Config.User is empty", "abc")};
        const std::vector<Finding> renamed{historyFinding("CTR-001", "frontend", Severity::High, "Config.User is empty", "abc")};
        const std::vector<Finding> recreated{historyFinding("CTR-001", "web", Severity::High, "Config.User is empty", "new")};
        QCOMPARE(ScanDelta::compute(before, restarted).unchanged, std::size_t(1));
        QCOMPARE(ScanDelta::compute(before, renamed).unchanged, std::size_t(1));
        QCOMPARE(ScanDelta::compute(before, recreated).unchanged, std::size_t(1));
        const std::vector<Finding> other{historyFinding("CTR-001", "api", Severity::High, "Config.User is empty", "zzz")};
        const ScanDelta d = ScanDelta::compute(before, other);
        QCOMPARE(d.newFindings.size(), std::size_t(1));
        QCOMPARE(d.resolved.size(), std::size_t(1));
    }

    void scansOfDifferentEndpointsDoNotCompare()
    {
        auto store = HistoryStore::open(freshPath());
        auto& scans = store.value()->scans();
        const auto a = scans.save(historyScan({}, 1000)).value();
        const auto b = scans.save(historyScan({}, 2000, "tcp://x:2376")).value();
        auto d = scans.delta(a, b);
        QVERIFY(!d);
        QCOMPARE(d.error().code, ErrorCode::InvalidArgument);
    }

    void theTrendTakesTheLastScanOfEachDay()
    {
        auto store = HistoryStore::open(freshPath());
        auto& scans = store.value()->scans();
        const std::int64_t day = 86400 * 20000;
        scans.save(historyScan({historyFinding("CTR-001", "a", Severity::High)}, day + 100)).value();
        const auto last = scans.save(historyScan({historyFinding("CTR-001", "a", Severity::High),
                                             historyFinding("CTR-002", "b", Severity::Critical)},
                                            day + 5000))
                              .value();
        scans.save(historyScan({}, day + 86400 + 10)).value();
        auto t = scans.trend("unix:///d.sock", 0);
        QVERIFY(t);
        QCOMPARE(t->size(), std::size_t(2));
        QCOMPARE(t->at(0).scanId, last);
        QCOMPARE(t->at(0).dayStartUnix, day);
        QCOMPARE(t->at(0).counts[4], 1);
        QCOMPARE(t->at(0).byArea.at("container"), 2);
        QCOMPARE(t->at(1).counts[4], 0);
        QCOMPARE(scans.trend("unix:///d.sock", day + 86400).value().size(), std::size_t(1));
        auto o = scans.objectTrend("unix:///d.sock", "b", 0);
        QVERIFY(o);
        QCOMPARE(o->size(), std::size_t(3));
        QCOMPARE(o->at(1).findings, 1);
        QCOMPARE(o->at(1).worst, Severity::Critical);
        QCOMPARE(o->at(2).findings, 0);
    }

    void theTrendGroupsScansByTheLocalDay_data()
    {
        QTest::addColumn<QByteArray>("zone");
        QTest::addColumn<QString>("lateDay"); // the local date of a scan at 04:30 UTC on 7 December 2026
        QTest::addColumn<int>("days");        // with one more scan at 20:30 UTC on 6 December
        QTest::newRow("New York, where both are on 6 December") << QByteArray("America/New_York")
                                                                << QStringLiteral("2026-12-06") << 1;
        QTest::newRow("UTC, where they are on two days") << QByteArray("UTC") << QStringLiteral("2026-12-07") << 2;
        QTest::newRow("Tokyo, where both are on 7 December") << QByteArray("Asia/Tokyo")
                                                             << QStringLiteral("2026-12-07") << 1;
    }
    void theTrendGroupsScansByTheLocalDay()
    {
        QFETCH(QByteArray, zone);
        QFETCH(QString, lateDay);
        QFETCH(int, days);
        const bool hadZone = qEnvironmentVariableIsSet("TZ");
        const QByteArray previous = qgetenv("TZ");
        qputenv("TZ", zone);
        tzset();
        auto store = HistoryStore::open(freshPath());
        auto& scans = store.value()->scans();
        const std::int64_t evening = 1796589000; // 2026-12-06 20:30 UTC
        const std::int64_t late = evening + 8 * 3600; // 2026-12-07 04:30 UTC
        scans.save(historyScan({historyFinding("CTR-001", "a", Severity::High)}, evening)).value();
        const auto lateId = scans.save(historyScan({}, late)).value();
        auto t = scans.trend("unix:///d.sock", 0);
        if (hadZone) {
            qputenv("TZ", previous);
        } else {
            qunsetenv("TZ");
        }
        tzset();
        QVERIFY(t);
        // On one local day the later scan stands for the day alone.
        QCOMPARE(t->size(), std::size_t(days));
        QCOMPARE(t->back().scanId, lateId);
        QCOMPARE(QString::fromStdString(formatRfc3339(t->back().dayStartUnix).substr(0, 10)), lateDay);
    }

    void theFleetViewTakesEachEndpointsLatestScan()
    {
        auto store = HistoryStore::open(freshPath());
        auto& scans = store.value()->scans();
        const std::int64_t day = 86400 * 20000;
        // b: an old scan with a critical, then a newer clean one; a: one scan with a high and a waived critical.
        scans.save(historyScan({historyFinding("CTR-002", "x", Severity::Critical)}, day, "tcp://b:2376")).value();
        const auto bLatest = scans.save(historyScan({historyFinding("CTR-009", "y", Severity::Low)}, day + 600, "tcp://b:2376")).value();
        Finding waived = historyFinding("CTR-003", "z", Severity::Critical);
        waived.waiver = WaiverMark{1, "accepted", "ops", std::nullopt};
        ScanResult a = historyScan({historyFinding("CTR-001", "w", Severity::High), waived}, day + 300, "unix:///a.sock");
        a.inventory.containers.resize(2);
        const auto aLatest = scans.save(a).value();
        scans.save(historyScan({historyFinding("CTR-004", "old", Severity::Critical)}, day - 86400 * 200, "unix:///gone.sock")).value();

        auto fleet = FleetHistory::latest(scans, day - 86400 * 90);
        QVERIFY2(fleet, fleet ? "" : fleet.error().message.c_str());
        QCOMPARE(fleet->endpoints.size(), std::size_t(2)); // the endpoint not scanned for 200 days is left out
        QCOMPARE(QString::fromStdString(fleet->endpoints[0].address), QStringLiteral("tcp://b:2376"));
        QCOMPARE(fleet->endpoints[0].scanId, bLatest);
        QCOMPARE(fleet->endpoints[0].scannedAtUnix, day + 600);
        QCOMPARE(fleet->endpoints[0].open[static_cast<std::size_t>(Severity::Critical)], 0);
        QCOMPARE(fleet->endpoints[1].scanId, aLatest);
        QCOMPARE(fleet->endpoints[1].objects, 2);
        QCOMPARE(fleet->endpoints[1].waived, 1);
        QVERIFY(fleet->endpoints[1].posture.score < 100);
        QCOMPARE(fleet->reachable, 2);
        QCOMPARE(fleet->open[static_cast<std::size_t>(Severity::High)], 1);
        // Worst first across endpoints, waived findings never among them.
        QCOMPARE(fleet->worst.size(), std::size_t(2));
        QCOMPARE(QString::fromStdString(fleet->worst[0].finding.ruleId), QStringLiteral("CTR-001"));
        QCOMPARE(QString::fromStdString(fleet->worst[0].endpoint), QStringLiteral("unix:///a.sock"));
        QCOMPARE(QString::fromStdString(fleet->worst[1].finding.ruleId), QStringLiteral("CTR-009"));

        auto empty = FleetHistory::latest(scans, day + 86400);
        QVERIFY(empty);
        QVERIFY(empty->endpoints.empty());
    }

    void pruningRemovesOldScansAndTheirFindings()
    {
        auto store = HistoryStore::open(freshPath());
        auto& scans = store.value()->scans();
        scans.save(historyScan({historyFinding("CTR-001", "a", Severity::High)}, 1000)).value();
        const auto keep = scans.save(historyScan({historyFinding("CTR-001", "a", Severity::High)}, 5000)).value();
        QCOMPARE(scans.pruneOlderThan(2000).value(), 1);
        QCOMPARE(scans.list().value().size(), std::size_t(1));
        QCOMPARE(scans.list().value()[0].id, keep);
        QCOMPARE(scans.load(keep).value().findings.size(), std::size_t(1));
        // Once no stored scan holds a finding, nothing of it stays behind: no run, body or command.
        QCOMPARE(scans.pruneOlderThan(9999).value(), 1);
        for (const char* table : {"finding_runs", "finding_bodies", "object_remediations"}) {
            auto q = store.value()->database().prepare(std::string("SELECT COUNT(*) FROM ") + table);
            QVERIFY(q && q->step());
            QVERIFY2(q->int64(0) == 0, table);
        }
    }

    void waiversNeedAReasonAndAnObject_data()
    {
        QTest::addColumn<int>("scope");
        QTest::addColumn<QString>("rule");
        QTest::addColumn<QString>("pattern");
        QTest::addColumn<QString>("reason");
        QTest::newRow("no reason") << int(Waiver::Scope::Object) << "CTR-001" << "web" << "  ";
        QTest::newRow("no rule") << int(Waiver::Scope::Object) << "" << "web" << "ok";
        QTest::newRow("an object waiver without an object") << int(Waiver::Scope::Object) << "CTR-001" << "" << "ok";
        QTest::newRow("every rule everywhere") << int(Waiver::Scope::Rule) << "*" << "" << "ok";
    }
    void waiversNeedAReasonAndAnObject()
    {
        QFETCH(int, scope);
        QFETCH(QString, rule);
        QFETCH(QString, pattern);
        QFETCH(QString, reason);
        auto store = HistoryStore::open(freshPath());
        Waiver w;
        w.scope = static_cast<Waiver::Scope>(scope);
        w.ruleId = rule.toStdString();
        w.objectPattern = pattern.toStdString();
        w.reason = reason.toStdString();
        auto r = store.value()->waivers().add(w);
        QVERIFY(!r);
        QCOMPARE(r.error().code, ErrorCode::InvalidArgument);
        QVERIFY(store.value()->waivers().list().value().empty());
    }

    void waiversRoundTripAndImportOnlyWhatIsNew()
    {
        auto store = HistoryStore::open(freshPath());
        auto& repo = store.value()->waivers();
        Waiver w{0, Waiver::Scope::Pattern, "CTR-004", "web-*", "legacy app", "ana", 100, 5000, ""};
        const auto id = repo.add(w).value();
        auto listed = repo.list().value();
        QCOMPARE(listed.size(), std::size_t(1));
        QCOMPARE(listed[0].id, id);
        QCOMPARE(listed[0].expiresAtUnix.value(), std::int64_t(5000));
        QCOMPARE(QString::fromStdString(listed[0].author), QStringLiteral("ana"));
        Waiver other{0, Waiver::Scope::Rule, "IMG-007", "", "we rebuild monthly", "", 100, std::nullopt, ""};
        QCOMPARE(repo.importAll({w, other}).value(), 1);
        QCOMPARE(repo.list().value().size(), std::size_t(2));
        QVERIFY(repo.remove(id));
        QVERIFY(!repo.remove(id));
        QCOMPARE(repo.list().value().size(), std::size_t(1));
    }

    void waivedFindingsStayVisibleUntilTheWaiverExpires()
    {
        std::vector<Finding> fs{historyFinding("CTR-004", "web-1", Severity::Low), historyFinding("CTR-004", "db", Severity::Low),
                                historyFinding("IMG-007", "x", Severity::Low)};
        const std::vector<Waiver> ws{{7, Waiver::Scope::Pattern, "CTR-004", "web-*", "legacy", "", 0, 5000, ""},
                                     {8, Waiver::Scope::Rule, "IMG-007", "", "monthly rebuilds", "", 0, std::nullopt, ""}};
        applyWaivers(fs, ws, "unix:///d.sock", 1000);
        QVERIFY(fs[0].waiver && fs[0].waiver->waiverId == 7);
        QVERIFY(!fs[1].waiver);
        QVERIFY(fs[2].waiver && fs[2].waiver->waiverId == 8);
        FindingSet set(fs);
        QCOMPARE(set.size(), std::size_t(3));
        QCOMPARE(set.waivedCount(), 2);
        QCOMPARE(set.countAtOrAbove(Severity::Low), 1);
        applyWaivers(fs, ws, "unix:///d.sock", 6000); // expired: open again
        QVERIFY(!fs[0].waiver);
        QVERIFY(fs[2].waiver);
    }

    void globsMatchLikeAShell_data()
    {
        QTest::addColumn<QString>("pattern");
        QTest::addColumn<QString>("text");
        QTest::addColumn<bool>("matches");
        QTest::newRow("a star matches a suffix") << "web-*" << "web-1" << true;
        QTest::newRow("a star matches nothing") << "web-*" << "web-" << true;
        QTest::newRow("a question mark matches one character") << "db?" << "db1" << true;
        QTest::newRow("a question mark needs a character") << "db?" << "db" << false;
        QTest::newRow("literal text must match") << "api" << "apx" << false;
        QTest::newRow("stars in the middle backtrack") << "a*b*c" << "axxbyyc" << true;
        QTest::newRow("a hostile pattern ends quickly") << "*a*a*a*a*a*a*a*a*b" << QString(5000, QLatin1Char('a')) << false;
    }
    void globsMatchLikeAShell()
    {
        QFETCH(QString, pattern);
        QFETCH(QString, text);
        QFETCH(bool, matches);
        QCOMPARE(globMatch(pattern.toStdString(), text.toStdString()), matches);
    }

    void aDatabaseFromANewerDrydockIsRefusedAndLeftAlone()
    {
        const std::string path = freshPath();
        {
            auto db = SqliteDatabase::open(path).value();
            QVERIFY(db->exec("CREATE TABLE future(x); PRAGMA user_version = 999;"));
        }
        const QByteArray before = fileBytes(QString::fromStdString(path));
        auto store = HistoryStore::open(path);
        QVERIFY(!store);
        QVERIFY(QString::fromStdString(store.error().message).contains(QStringLiteral("newer Drydock")));
        QCOMPARE(fileBytes(QString::fromStdString(path)), before);
    }

    void aDamagedFileIsReportedBackedUpAndKept_data()
    {
        QTest::addColumn<QString>("damage");
        QTest::newRow("a file full of garbage") << "garbage";
        QTest::newRow("a database cut in half") << "truncated";
        QTest::newRow("a database with a scribbled page") << "scribbled";
    }
    void aDamagedFileIsReportedBackedUpAndKept()
    {
        QFETCH(QString, damage);
        const std::string path = freshPath();
        const QString qpath = QString::fromStdString(path);
        {
            auto store = HistoryStore::open(path);
            QVERIFY(store);
            std::vector<Finding> many;
            for (int i = 0; i < 400; ++i) {
                many.push_back(historyFinding("CTR-001", "c" + std::to_string(i), Severity::High, std::string(200, 'e')));
            }
            QVERIFY(store.value()->scans().save(historyScan(many, 1000)));
            QVERIFY(store.value()->database().exec("PRAGMA wal_checkpoint(TRUNCATE)"));
        }
        QByteArray bytes = fileBytes(qpath);
        QVERIFY(bytes.size() > 8192);
        if (damage == QLatin1String("garbage")) {
            bytes.fill('\x5a');
        } else if (damage == QLatin1String("truncated")) {
            bytes.truncate(bytes.size() / 2);
        } else {
            for (int i = 4096 * 3; i < 4096 * 3 + 2000; ++i) {
                bytes[i] = static_cast<char>(0xff);
            }
        }
        {
            QFile f(qpath);
            QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
            f.write(bytes);
        }
        QFile::remove(qpath + QStringLiteral("-wal"));
        QFile::remove(qpath + QStringLiteral("-shm"));
        auto store = HistoryStore::open(path);
        QVERIFY(!store);
        const QString message = QString::fromStdString(store.error().message);
        QVERIFY2(message.contains(QStringLiteral("damaged")), qPrintable(message));
        QVERIFY(message.contains(QStringLiteral("Nothing was deleted")));
        QCOMPARE(fileBytes(qpath), bytes); // left exactly as it was
        const QStringList backups = QDir(m_dir.path()).entryList({QFileInfo(qpath).fileName() + QStringLiteral(".damaged-*")});
        QCOMPARE(backups.size(), 1);
        QCOMPARE(fileBytes(m_dir.filePath(backups[0])), bytes);
        // The user chooses to start fresh: the damaged file is moved aside, a new empty history opens.
        auto moved = HistoryStore::startFresh(path, 2000);
        QVERIFY2(moved, moved ? "" : moved.error().message.c_str());
        QCOMPARE(fileBytes(QString::fromStdString(moved.value())), bytes);
        auto fresh = HistoryStore::open(path);
        QVERIFY(fresh);
        QVERIFY(fresh.value()->scans().list().value().empty());
    }

    void twoProcessesWritingAtOnceKeepEveryScan()
    {
        const std::string path = freshPath();
        QVERIFY(HistoryStore::open(path));
        constexpr int perProcess = 25;
        std::vector<pid_t> children;
        for (int p = 0; p < 2; ++p) {
            const pid_t pid = fork();
            if (pid == 0) {
                auto store = HistoryStore::open(path);
                int ok = store ? 0 : 1;
                for (int i = 0; store && i < perProcess; ++i) {
                    std::vector<Finding> fs;
                    for (int k = 0; k < 50; ++k) {
                        fs.push_back(historyFinding("CTR-001", "p" + std::to_string(p) + "-" + std::to_string(k), Severity::High));
                    }
                    if (!store.value()->scans().save(historyScan(fs, 1000 + i))) {
                        ok = 1;
                    }
                }
                _exit(ok);
            }
            children.push_back(pid);
        }
        for (pid_t pid : children) {
            int status = 0;
            waitpid(pid, &status, 0);
            QVERIFY(WIFEXITED(status));
            QCOMPARE(WEXITSTATUS(status), 0);
        }
        auto store = HistoryStore::open(path);
        QVERIFY(store);
        QCOMPARE(store.value()->scans().list().value().size(), std::size_t(2 * perProcess));
        auto q = store.value()->database().prepare("PRAGMA integrity_check");
        QVERIFY(q && q->step());
        QCOMPARE(QString::fromStdString(q->text(0)), QStringLiteral("ok"));
        std::size_t findings = 0;
        const auto stored = store.value()->scans().list().value();
        for (const auto& summary : stored) {
            findings += store.value()->scans().load(summary.id).value().findings.size();
        }
        QCOMPARE(findings, std::size_t(2 * perProcess * 50));
    }

    void theSchemaIsVersioned()
    {
        auto store = HistoryStore::open(freshPath());
        QCOMPARE(SchemaMigrator::currentVersion(store.value()->database()).value(), SchemaMigrator::latestVersion());
        auto q = store.value()->database().prepare("PRAGMA journal_mode");
        QVERIFY(q && q->step());
        QCOMPARE(QString::fromStdString(q->text(0)), QStringLiteral("wal"));
    }

    // The history holds evidence: the database, its -wal and -shm, the copy of a damaged file and what
    // startFresh moves aside are 0600, their new folders 0700 — under the most permissive umask.
    void theHistoryAndEveryCopyOfItArePrivate()
    {
        const mode_t oldMask = ::umask(0);
        const QString dir = m_dir.filePath(QStringLiteral("private/data"));
        const QString db = dir + QStringLiteral("/history.db");
        {
            auto store = HistoryStore::open(db.toStdString());
            QVERIFY2(store, store ? "" : store.error().message.c_str());
            QVERIFY(store.value()->scans().save(historyScan({historyFinding("CTR-001", "web", Severity::High)}, 1000)));
            QCOMPARE(modeOf(db), 0600u);
            QVERIFY(QFileInfo::exists(db + QStringLiteral("-wal")));
            QCOMPARE(modeOf(db + QStringLiteral("-wal")), 0600u);
            QCOMPARE(modeOf(db + QStringLiteral("-shm")), 0600u);
        }
        QCOMPARE(modeOf(dir), 0700u);
        QCOMPARE(modeOf(m_dir.filePath(QStringLiteral("private"))), 0700u);
        // A damaged file: the copy kept as evidence is private too.
        {
            QFile f(db);
            QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
            f.write(QByteArray(16384, '\x5a'));
        }
        QFile::remove(db + QStringLiteral("-wal"));
        QFile::remove(db + QStringLiteral("-shm"));
        QVERIFY(!HistoryStore::open(db.toStdString()));
        const QStringList copies = QDir(dir).entryList({QStringLiteral("history.db.damaged-*")});
        QCOMPARE(copies.size(), 1);
        QCOMPARE(modeOf(dir + "/" + copies[0]), 0600u);
        auto moved = HistoryStore::startFresh(db.toStdString(), 2000);
        QVERIFY2(moved, moved ? "" : moved.error().message.c_str());
        QCOMPARE(modeOf(QString::fromStdString(moved.value())), 0600u);
        QCOMPARE(modeOf(db), 0600u);
        ::umask(oldMask);
    }

    void aHistoryOthersCouldReadIsTightened()
    {
        const QString db = QString::fromStdString(freshPath());
        QVERIFY(HistoryStore::open(db.toStdString()));
        for (const QString& file : {db, db + QStringLiteral("-wal"), db + QStringLiteral("-shm")}) {
            if (QFileInfo::exists(file)) {
                QCOMPARE(::chmod(QFile::encodeName(file).constData(), 0644), 0);
            }
        }
        QVERIFY(HistoryStore::open(db.toStdString()));
        QCOMPARE(modeOf(db), 0600u);
    }

    void aFolderOthersControlIsRefused_data()
    {
        QTest::addColumn<unsigned>("mode");
        QTest::addColumn<int>("owner"); // -1: this user
        QTest::addColumn<QString>("says");
        QTest::newRow("a folder its group may write to") << 0770u << -1 << "writable by other users";
        QTest::newRow("a folder everyone may write to") << 0777u << -1 << "writable by other users";
        QTest::newRow("a shared sticky folder like /tmp") << 01777u << -1 << "writable by other users";
        QTest::newRow("a folder owned by another user") << 0700u << 12345 << "belongs to user id 12345";
    }

    void aFolderOthersControlIsRefused()
    {
        QFETCH(unsigned, mode);
        QFETCH(int, owner);
        QFETCH(QString, says);
        const QString dir = m_dir.filePath(QStringLiteral("shared%1").arg(++m_n));
        QVERIFY(QDir().mkpath(dir));
        QCOMPARE(::chmod(QFile::encodeName(dir).constData(), mode), 0);
        if (owner >= 0 && ::chown(QFile::encodeName(dir).constData(), uid_t(owner), gid_t(-1)) != 0) {
            QSKIP("giving a folder to another user needs root");
        }
        const std::string db = (dir + QStringLiteral("/history.db")).toStdString();
        auto store = HistoryStore::open(db);
        QVERIFY(!store);
        QCOMPARE(store.error().code, ErrorCode::PermissionDenied);
        const QString message = QString::fromStdString(store.error().message);
        QVERIFY2(message.contains(says), qPrintable(message));
        QVERIFY(QDir(dir).isEmpty(QDir::AllEntries | QDir::Hidden | QDir::System | QDir::NoDotAndDotDot));
        QCOMPARE(modeOf(dir), mode); // nothing was changed either
    }

    void withoutHomeTheHistoryNeverGoesToASharedFolder()
    {
        const QByteArray home = qgetenv("HOME");
        const QByteArray data = qgetenv("XDG_DATA_HOME");
        qunsetenv("HOME");
        qunsetenv("XDG_DATA_HOME");
        const std::string path = AppPaths::defaultDatabasePath();
        qputenv("HOME", home);
        if (!data.isNull()) {
            qputenv("XDG_DATA_HOME", data);
        }
        QVERIFY2(path.rfind("/tmp", 0) != 0, path.c_str());
        if (!path.empty()) { // from the password database
            QVERIFY2(path.find("/.local/share/drydock/history.db") != std::string::npos, path.c_str());
        }
        QVERIFY(!HistoryStore::open(std::string()));
    }
};

QTEST_GUILESS_MAIN(TestHistoryStore)
#include "TestHistoryStore.moc"
