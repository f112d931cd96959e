// ScanRecorder, the one policy of the CLI and the GUI for a finished scan: the history's waivers applied,
// the scan stored, compared with the previous scan of the same endpoint; unreadable waivers a clear error
// with nothing stored. Every rule holds for a single scan and for each endpoint of a fleet scan (scripted
// daemons, a real SQLite history in a temporary directory).
#include "core/common/Clock.h"
#include "core/common/Strings.h"
#include "core/docker/DockerClient.h"
#include "core/scan/FleetScanner.h"
#include "core/scan/ScanRecorder.h"
#include "core/scan/Scanner.h"
#include "tests/support/ScriptedDaemon.h"

#include <QTemporaryDir>
#include <QTest>

#include <algorithm>

using namespace drydock;
using drydock::test::ScriptedDaemon;

namespace {

DockerEndpoint endpointNamed(const std::string& name)
{
    DockerEndpoint e;
    e.kind = DockerEndpoint::Kind::Unix;
    e.socketPath = "/scripted/" + name;
    return e;
}

// A scripted daemon per socket name: "down*" is not running, the others have `containers` containers.
FleetScanner::TransportMaker scripted(int containers)
{
    return [containers](const DockerEndpoint& e) -> Result<std::unique_ptr<Transport>> {
        ScriptedDaemon::Options o;
        o.name = e.socketPath.substr(e.socketPath.rfind('/') + 1);
        o.containers = containers;
        o.down = startsWith(o.name, "down");
        return std::unique_ptr<Transport>(std::make_unique<ScriptedDaemon>(o));
    };
}

int storedScans(HistoryStore& store)
{
    auto scans = store.scans().list();
    return scans ? static_cast<int>(scans->size()) : -1;
}

// The waiver table gone: the database opens and stores scans, but its waivers cannot be read.
void makeWaiversUnreadable(HistoryStore& store)
{
    QVERIFY(store.database().exec("DROP TABLE waivers").ok());
    QVERIFY(!store.waivers().list().ok());
}

} // namespace

class TestScanRecorder : public QObject
{
    Q_OBJECT

private:
    const RuleCatalogue m_catalogue = RuleCatalogue::builtIn();
    const FixedClock m_clock{1'900'000'000};
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<HistoryStore> m_store;

    // One endpoint scanned the way `drydock scan` and ScanController do it: a client, then a Scanner.
    ScanResult scanOne(const std::string& name, int containers)
    {
        auto transport = scripted(containers)(endpointNamed(name));
        DockerClient client(std::move(transport.value()), endpointNamed(name));
        const auto version = client.negotiate();
        if (!version) {
            qFatal("negotiate: %s", version.error().message.c_str());
        }
        NullProgressSink progress;
        auto scan = Scanner(client, m_catalogue, m_clock).scan(ScanSettings{}, progress, CancelToken());
        if (!scan) {
            qFatal("scan: %s", scan.error().message.c_str());
        }
        return std::move(scan.value());
    }

    std::vector<FleetEntry> scanFleet(const std::vector<std::string>& names, int containers)
    {
        std::vector<FleetTarget> targets;
        for (const auto& n : names) {
            targets.push_back({n, endpointNamed(n)});
        }
        NullFleetProgress progress;
        return FleetScanner(m_catalogue, m_clock, scripted(containers))
            .scan(targets, ScanSettings{}, progress, CancelToken());
    }

    // Scans endpoint `name` and records it as a single scan or as the only endpoint of a fleet scan; for a
    // fleet, also checks that the fleet view's row carries the record.
    Result<ScanRecord> scanAndRecord(bool fleet, const std::string& name, int containers)
    {
        ScanRecorder recorder(m_store.get());
        if (!fleet) {
            ScanResult scan = scanOne(name, containers);
            return recorder.record(scan);
        }
        auto entries = scanFleet({name}, containers);
        auto recorded = recorder.recordFleet(entries);
        if (!recorded) {
            return recorded.error();
        }
        const ScanRecord& r = recorded->records.at(0);
        const FleetSummary::Endpoint& row = recorded->summary.endpoints.at(0);
        if (row.scanId != r.scanId || row.baselineScanId != r.baselineScanId ||
            row.newFindings != (r.delta ? static_cast<int>(r.delta->newFindings.size()) : 0) ||
            row.resolvedFindings != (r.delta ? static_cast<int>(r.delta->resolved.size()) : 0)) {
            return Error::make(ErrorCode::Internal, "the fleet view's row differs from the record");
        }
        return r;
    }

    static void addSinglePathAndFleetPathRows()
    {
        QTest::addColumn<bool>("fleet");
        QTest::newRow("for a single-endpoint scan") << false;
        QTest::newRow("for each endpoint of a fleet scan") << true;
    }

private slots:
    void init()
    {
        m_dir = std::make_unique<QTemporaryDir>();
        QVERIFY(m_dir->isValid());
        auto store = HistoryStore::open((m_dir->path() + "/history.db").toStdString());
        QVERIFY2(store.ok(), store.ok() ? "" : store.error().message.c_str());
        m_store = std::move(store.value());
    }
    void cleanup()
    {
        m_store.reset();
        m_dir.reset();
    }

    void waiversAreAppliedBeforeTheScanIsStored_data() { addSinglePathAndFleetPathRows(); }
    void waiversAreAppliedBeforeTheScanIsStored()
    {
        QFETCH(bool, fleet);
        ScanResult single;
        std::vector<FleetEntry> entries;
        if (fleet) {
            entries = scanFleet({"alpha", "down-b"}, 3);
        } else {
            single = scanOne("alpha", 3);
        }
        ScanResult& scan = fleet ? *entries[0].result : single;
        QVERIFY(!scan.findings.empty());
        QCOMPARE(scan.findings.waivedCount(), 0);
        const std::string rule = scan.findings.all().front().ruleId;
        Waiver w;
        w.scope = Waiver::Scope::Rule;
        w.ruleId = rule;
        w.reason = "accepted for the test";
        w.createdAtUnix = 1;
        QVERIFY(m_store->waivers().add(w).ok());

        ScanRecorder recorder(m_store.get());
        std::int64_t id = 0;
        if (fleet) {
            auto recorded = recorder.recordFleet(entries);
            QVERIFY2(recorded.ok(), recorded.ok() ? "" : recorded.error().message.c_str());
            id = recorded->records[0].scanId;
            // The unreachable endpoint: nothing stored.
            QCOMPARE(recorded->records[1].scanId, std::int64_t(0));
            QCOMPARE(recorded->summary.endpoints[0].waived, scan.findings.waivedCount());
        } else {
            auto recorded = recorder.record(scan);
            QVERIFY2(recorded.ok(), recorded.ok() ? "" : recorded.error().message.c_str());
            id = recorded->scanId;
        }
        QVERIFY(id > 0);
        const auto& findings = scan.findings.all();
        const auto withRule = std::count_if(findings.begin(), findings.end(),
                                            [&rule](const Finding& f) { return f.ruleId == rule; });
        QCOMPARE(scan.findings.waivedCount(), static_cast<int>(withRule));
        for (const auto& f : findings) {
            QCOMPARE(f.waiver.has_value(), f.ruleId == rule);
        }
        auto stored = m_store->scans().load(id);
        QVERIFY(stored.ok());
        QCOMPARE(stored->summary.waived, static_cast<int>(withRule));
        QCOMPARE(storedScans(*m_store), 1);
    }

    void eachScanIsComparedWithThePreviousScanOfItsOwnEndpoint_data() { addSinglePathAndFleetPathRows(); }
    void eachScanIsComparedWithThePreviousScanOfItsOwnEndpoint()
    {
        QFETCH(bool, fleet);
        auto first = scanAndRecord(fleet, "alpha", 2);
        QVERIFY2(first.ok(), first.ok() ? "" : first.error().message.c_str());
        QVERIFY(first->scanId > 0);
        QVERIFY(!first->baselineScanId); // the endpoint's first scan has nothing to compare with
        QVERIFY(!first->delta);

        auto other = scanAndRecord(fleet, "beta", 4); // another endpoint in between
        QVERIFY(other.ok());
        QVERIFY(!other->baselineScanId);

        auto grown = scanAndRecord(fleet, "alpha", 4);
        QVERIFY2(grown.ok(), grown.ok() ? "" : grown.error().message.c_str());
        QCOMPARE(grown->baselineScanId, std::optional<std::int64_t>(first->scanId));
        QVERIFY(grown->delta);
        QVERIFY(!grown->delta->newFindings.empty()); // two more containers
        QVERIFY(grown->delta->resolved.empty());
        auto expected = m_store->scans().delta(first->scanId, grown->scanId);
        QVERIFY(expected.ok());
        QCOMPARE(grown->delta->newFindings.size(), expected->newFindings.size());
        QCOMPARE(grown->delta->unchanged, expected->unchanged);

        auto shrunk = scanAndRecord(fleet, "alpha", 2);
        QVERIFY(shrunk.ok());
        QCOMPARE(shrunk->baselineScanId, std::optional<std::int64_t>(grown->scanId));
        QVERIFY(shrunk->delta->newFindings.empty());
        QCOMPARE(shrunk->delta->resolved.size(), grown->delta->newFindings.size());
        QCOMPARE(storedScans(*m_store), 4);
    }

    void aFleetComparesEachEndpointWithItsOwnPreviousScan()
    {
        auto before = scanFleet({"alpha", "beta"}, 2);
        auto first = ScanRecorder(m_store.get()).recordFleet(before);
        QVERIFY(first.ok());
        auto after = scanFleet({"alpha", "down-c", "beta"}, 3);
        auto second = ScanRecorder(m_store.get()).recordFleet(after);
        QVERIFY2(second.ok(), second.ok() ? "" : second.error().message.c_str());
        const auto& rows = second->summary.endpoints;
        QCOMPARE(rows.size(), std::size_t(3));
        QCOMPARE(rows[0].baselineScanId, std::optional<std::int64_t>(first->records[0].scanId));
        QCOMPARE(rows[2].baselineScanId, std::optional<std::int64_t>(first->records[1].scanId));
        QVERIFY(rows[0].newFindings > 0);
        QCOMPARE(rows[2].newFindings, rows[0].newFindings); // the same daemon script on both
        QVERIFY(!rows[1].reachable);
        QCOMPARE(rows[1].scanId, std::int64_t(0));
        QVERIFY(!rows[1].baselineScanId);
        QCOMPARE(storedScans(*m_store), 4);
    }

    void aNamedBaselineIsComparedWhateverCameBetween()
    {
        ScanRecorder recorder(m_store.get());
        ScanResult a = scanOne("alpha", 2);
        const auto first = recorder.record(a);
        ScanResult b = scanOne("alpha", 4);
        QVERIFY(recorder.record(b).ok());
        ScanResult c = scanOne("alpha", 4);
        const auto third = recorder.record(c, first->scanId);
        QVERIFY(third.ok());
        QCOMPARE(third->baselineScanId, std::optional<std::int64_t>(first->scanId));
        QVERIFY(!third->delta->newFindings.empty());
    }

    void anUnknownBaselineIsAnErrorThatIsNotTheDatabases()
    {
        ScanResult a = scanOne("alpha", 2);
        const auto recorded = ScanRecorder(m_store.get()).record(a, 999);
        QVERIFY(!recorded.ok());
        QCOMPARE(recorded.error().code, ErrorCode::NotFound); // `drydock scan --baseline 999`: a usage error
        QVERIFY2(recorded.error().message.find("999") != std::string::npos, recorded.error().message.c_str());
    }

    void unreadableWaiversAreAClearErrorAndNothingIsStored_data() { addSinglePathAndFleetPathRows(); }
    void unreadableWaiversAreAClearErrorAndNothingIsStored()
    {
        QFETCH(bool, fleet);
        QVERIFY(scanAndRecord(fleet, "alpha", 2).ok());
        makeWaiversUnreadable(*m_store);
        const auto recorded = scanAndRecord(fleet, "alpha", 4);
        QVERIFY(!recorded.ok());
        QCOMPARE(recorded.error().code, ErrorCode::Database);
        const std::string& message = recorded.error().message;
        QVERIFY2(message.find("waivers in the history could not be read") != std::string::npos,
                 message.c_str());
        QVERIFY2(message.find("no such table: waivers") != std::string::npos, message.c_str()); // the cause
        QVERIFY2(message.find("nothing was stored") != std::string::npos, message.c_str());
        QCOMPARE(storedScans(*m_store), 1);
    }

    void withoutAHistoryNothingIsWaivedStoredOrCompared_data() { addSinglePathAndFleetPathRows(); }
    void withoutAHistoryNothingIsWaivedStoredOrCompared()
    {
        QFETCH(bool, fleet);
        ScanRecorder recorder(nullptr);
        if (fleet) {
            auto entries = scanFleet({"alpha"}, 2);
            const auto recorded = recorder.recordFleet(entries);
            QVERIFY(recorded.ok());
            QCOMPARE(recorded->summary.endpoints[0].scanId, std::int64_t(0));
            QVERIFY(!recorded->summary.endpoints[0].baselineScanId);
            QVERIFY(recorded->summary.endpoints[0].reachable);
        } else {
            ScanResult scan = scanOne("alpha", 2);
            const auto recorded = recorder.record(scan);
            QVERIFY(recorded.ok());
            QCOMPARE(recorded->scanId, std::int64_t(0));
            QVERIFY(!recorded->delta);
            QCOMPARE(scan.findings.waivedCount(), 0);
        }
        QCOMPARE(storedScans(*m_store), 0);
    }
};

QTEST_GUILESS_MAIN(TestScanRecorder)
#include "TestScanRecorder.moc"
