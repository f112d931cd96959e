#include "core/common/Clock.h"
#include "core/docker/EndpointStore.h"
#include "core/report/FleetHtmlReport.h"
#include "core/report/FleetJson.h"
#include "core/results/FleetSummary.h"
#include "core/scan/FleetScanner.h"
#include "core/store/FleetTrend.h"
#include "tests/support/ScriptedDaemon.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

#include <sys/stat.h>

#include <mutex>

using namespace drydock;
using drydock::test::ScriptedDaemon;

namespace {

class RecordingProgress final : public FleetProgress
{
public:
    void endpointStage(std::size_t index, const FleetTarget&, const std::string& stage,
                       const std::string&) override
    {
        const std::lock_guard lock(mutex);
        stages.emplace_back(index, stage);
    }
    bool saw(std::size_t index, const std::string& stage)
    {
        const std::lock_guard lock(mutex);
        return std::find(stages.begin(), stages.end(), std::make_pair(index, stage)) != stages.end();
    }
    std::mutex mutex;
    std::vector<std::pair<std::size_t, std::string>> stages;
};

FleetTarget target(const std::string& name)
{
    DockerEndpoint e;
    e.kind = DockerEndpoint::Kind::Unix;
    e.socketPath = "/scripted/" + name;
    return {name, e};
}

// Scripted daemons by socket name: "down*" is not running, the others have `containers` containers.
FleetScanner::TransportMaker scripted(int containers)
{
    return [containers](const DockerEndpoint& e) -> Result<std::unique_ptr<Transport>> {
        ScriptedDaemon::Options o;
        o.name = e.socketPath.substr(10);
        o.containers = containers;
        o.down = startsWith(o.name, "down");
        return std::unique_ptr<Transport>(std::make_unique<ScriptedDaemon>(o));
    };
}

} // namespace

// FleetScanner, FleetSummary, the fleet JSON and the saved endpoint list, on scripted daemons.
class TestFleetScanner : public QObject
{
    Q_OBJECT

private:
    const RuleCatalogue m_catalogue = RuleCatalogue::builtIn();
    const FixedClock m_clock{1'900'000'000};

    std::vector<FleetEntry> scanFleet(const std::vector<FleetTarget>& targets, RecordingProgress& progress)
    {
        return FleetScanner(m_catalogue, m_clock, scripted(6))
            .scan(targets, ScanSettings{}, progress, CancelToken());
    }

private slots:
    void oneEndpointDownLeavesTheOthersComplete()
    {
        RecordingProgress progress;
        const auto entries = scanFleet({target("alpha"), target("down-beta"), target("gamma")}, progress);
        QCOMPARE(entries.size(), std::size_t(3));
        QCOMPARE(entries[0].target.name, std::string("alpha"));
        QCOMPARE(entries[1].target.name, std::string("down-beta"));
        QVERIFY(entries[0].reachable());
        QVERIFY(!entries[1].reachable());
        QVERIFY(entries[2].reachable());
        QVERIFY(entries[1].error->message.find("is dockerd running") != std::string::npos);
        QCOMPARE(entries[0].result->inventory.containers.size(), std::size_t(6));
        QCOMPARE(entries[2].result->inventory.endpoint, std::string("unix:///scripted/gamma"));
        QVERIFY(!entries[0].result->findings.empty());
        QVERIFY(progress.saw(0, "connecting"));
        QVERIFY(progress.saw(0, "done"));
        QVERIFY(progress.saw(1, "unreachable"));
        QVERIFY(!progress.saw(1, "done"));
        QVERIFY(progress.saw(2, "done"));
    }

    void anEmptyFleetScansNothing()
    {
        RecordingProgress progress;
        QVERIFY(scanFleet({}, progress).empty());
    }

    void summaryPutsEndpointsSideBySideAndTheWorstFirst()
    {
        RecordingProgress progress;
        const auto entries = scanFleet({target("alpha"), target("down-beta"), target("gamma")}, progress);
        const FleetSummary s = FleetSummary::compute(entries, 10);
        QCOMPARE(s.reachable, 2);
        QCOMPARE(s.unreachable, 1);
        QCOMPARE(s.endpoints.size(), std::size_t(3));
        QVERIFY(!s.endpoints[1].reachable);
        QVERIFY(!s.endpoints[1].error.empty());
        for (std::size_t i = 0; i < s.open.size(); ++i) {
            QCOMPARE(s.open[i], s.endpoints[0].open[i] + s.endpoints[2].open[i]);
        }
        QVERIFY(s.endpoints[0].posture.score <= 100);
        QCOMPARE(s.worst.size(), std::size_t(10));
        for (std::size_t i = 1; i < s.worst.size(); ++i) {
            QVERIFY(s.worst[i - 1].finding.severity >= s.worst[i].finding.severity);
        }
        QCOMPARE(s.worst.front().finding.severity, Severity::Critical);
        // Both reachable endpoints have critical findings, so both appear among the worst; the one that
        // is down has none.
        const auto from = [&s](const char* name) {
            return std::count_if(s.worst.begin(), s.worst.end(),
                                 [name](const FleetSummary::WorstFinding& w) { return w.endpoint == name; });
        };
        QVERIFY(from("alpha") > 0);
        QVERIFY(from("gamma") > 0);
        QCOMPARE(from("down-beta"), 0);
    }

    void fleetJsonHasOneEntryPerEndpointAndNullsForTheUnreachable()
    {
        RecordingProgress progress;
        const auto entries = scanFleet({target("alpha"), target("down-beta")}, progress);
        FleetSummary s = FleetSummary::compute(entries);
        s.endpoints[0].scanId = 42;
        s.endpoints[0].baselineScanId = 41;
        s.endpoints[0].newFindings = 2;
        const auto doc =
            QJsonDocument::fromJson(QByteArray::fromStdString(json::fleetToJson(s, m_clock.nowUnix())));
        const auto root = doc.object();
        QCOMPARE(root.value("schemaVersion").toInt(), 1);
        QCOMPARE(root.value("kind").toString(), QStringLiteral("fleet"));
        QCOMPARE(root.value("summary").toObject().value("unreachable").toInt(), 1);
        const auto eps = root.value("endpoints").toArray();
        QCOMPARE(eps.size(), 2);
        const auto up = eps[0].toObject();
        QCOMPARE(up.value("status").toString(), QStringLiteral("ok"));
        QCOMPARE(up.value("scanId").toInt(), 42);
        QCOMPARE(up.value("sinceLast").toObject().value("new").toInt(), 2);
        QVERIFY(up.value("posture").toObject().contains("grade"));
        QVERIFY(up.value("error").isNull());
        const auto down = eps[1].toObject();
        QCOMPARE(down.value("status").toString(), QStringLiteral("unreachable"));
        QVERIFY(down.value("posture").isNull());
        QVERIFY(down.value("scanId").isNull());
        QVERIFY(down.value("error").toString().contains("dockerd"));
        const auto worst = root.value("worstFindings").toArray();
        QVERIFY(!worst.isEmpty());
        QCOMPARE(worst[0].toObject().value("endpoint").toString(), QStringLiteral("alpha"));
    }

    // The HTML fleet view: every endpoint in the side-by-side table, the unreachable one with its reason,
    // fleet totals that match the summary, and daemon text escaped (an endpoint named like markup).
    void fleetHtmlShowsEveryEndpointEscaped()
    {
        RecordingProgress progress;
        const auto entries = scanFleet({target("alpha"), target("down-beta")}, progress);
        FleetSummary s = FleetSummary::compute(entries);
        s.endpoints[0].name = "<script>alert(1)</script>";
        s.worst.front().endpoint = s.endpoints[0].name;
        const std::string html = FleetHtmlReport::render(s, m_clock.nowUnix());
        QVERIFY(html.find("<script") == std::string::npos);
        QVERIFY(html.find("&lt;script&gt;alert(1)&lt;/script&gt;") != std::string::npos);
        QVERIFY(html.find("down-beta") != std::string::npos);
        QVERIFY(html.find("class=\"unreachable\">unreachable: ") != std::string::npos);
        QVERIFY(html.find("is dockerd running") != std::string::npos);
        const std::string totals = "<th class=\"n\">" + std::to_string(s.open[static_cast<int>(Severity::Critical)]) + "</th>";
        QVERIFY2(html.find("<th colspan=\"2\">Fleet</th>" + totals) != std::string::npos, html.c_str());
        QVERIFY(html.find("<link") == std::string::npos && html.find("url(") == std::string::npos); // nothing fetched
        QVERIFY(html.find(" src=") == std::string::npos);
    }

    void fleetTrendCarriesEachEndpointForwardToDaysItWasNotScanned()
    {
        const std::int64_t day = 86400;
        auto point = [](std::int64_t d, int critical, int low) {
            TrendPoint p;
            p.dayStartUnix = d;
            p.counts[static_cast<int>(Severity::Critical)] = critical;
            p.counts[static_cast<int>(Severity::Low)] = low;
            return p;
        };
        const std::map<std::string, std::vector<TrendPoint>> per{
            {"unix:///a", {point(10 * day, 1, 5), point(12 * day, 0, 4)}},
            {"tcp://b:2376", {point(11 * day, 2, 1)}},
        };
        const auto fleet = FleetTrend::combine(per);
        QCOMPARE(fleet.size(), std::size_t(3));
        QCOMPARE(fleet[0].dayStartUnix, 10 * day);
        QCOMPARE(fleet[0].endpoints, 1); // b not scanned yet
        QCOMPARE(fleet[0].counts[static_cast<int>(Severity::Critical)], 1);
        QCOMPARE(fleet[1].endpoints, 2); // a carried from day 10, b from day 11
        QCOMPARE(fleet[1].counts[static_cast<int>(Severity::Critical)], 3);
        QCOMPARE(fleet[1].counts[static_cast<int>(Severity::Low)], 6);
        QCOMPARE(fleet[2].counts[static_cast<int>(Severity::Critical)], 2); // a fixed its critical, b carried
        QCOMPARE(fleet[2].counts[static_cast<int>(Severity::Low)], 5);
        QVERIFY(FleetTrend::combine({}).empty());
    }

    void savedEndpointsRoundTripWithPathsOnly()
    {
        QTemporaryDir dir;
        const std::string path = (dir.path() + "/sub/endpoints.json").toStdString();
        const EndpointStore store(path);
        auto empty = store.load();
        QVERIFY(empty.ok());
        QVERIFY(empty->empty());
        SavedEndpoint tls{"staging",     "tcp://10.0.0.5:2376", "",  "/c/ca.pem",
                          "/c/cert.pem", "/c/key.pem",          true};
        SavedEndpoint ctx{"prod", "", "prod-context", "", "", "", true};
        QVERIFY(store.save({tls, ctx}).ok());
        struct stat st
        {
        };
        QCOMPARE(::stat(path.c_str(), &st), 0);
        QCOMPARE(st.st_mode & 0777, 0600u);
        auto loaded = store.load();
        QVERIFY(loaded.ok());
        QCOMPARE(loaded->size(), std::size_t(2));
        QVERIFY(loaded.value()[0] == tls);
        QVERIFY(loaded.value()[1] == ctx);

        ResolverEnvironment env;
        env.homeDir = dir.path().toStdString();
        env.isSocket = [](const std::string&) { return false; };
        env.readFile = [](const std::string&, std::string&) { return false; };
        env.listDirectory = [](const std::string&) { return std::vector<std::string>{}; };
        env.fileExists = [](const std::string&) { return false; };
        const ContextResolver resolver(env);
        auto e = EndpointStore::resolve(tls, resolver);
        QVERIFY2(e.ok(), e.ok() ? "" : e.error().message.c_str());
        QVERIFY(e->tls);
        QVERIFY(e->tlsVerify);
        QCOMPARE(e->caFile, std::string("/c/ca.pem"));
        QCOMPARE(e->display(), std::string("tcp://10.0.0.5:2376"));
    }

    void aDamagedListIsReportedNotReplaced()
    {
        QTemporaryDir dir;
        const QString path = dir.path() + "/endpoints.json";
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("{ not json");
        f.close();
        auto loaded = EndpointStore(path.toStdString()).load();
        QVERIFY(!loaded.ok());
        QVERIFY(loaded.error().message.find("not valid JSON") != std::string::npos);
        QVERIFY(f.open(QIODevice::ReadOnly));
        QCOMPARE(f.readAll(), QByteArray("{ not json"));
    }

    void validate_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QString>("host");
        QTest::addColumn<QString>("context");
        QTest::addColumn<bool>("valid");
        QTest::newRow("a name and an ssh host are fine") << "build"
                                                         << "ssh://me@build.example"
                                                         << "" << true;
        QTest::newRow("a name and a context are fine") << "ctx"
                                                       << ""
                                                       << "other" << true;
        QTest::newRow("a name already saved is refused") << "existing"
                                                         << "unix:///x.sock"
                                                         << "" << false;
        QTest::newRow("a name with a space is refused") << "my host"
                                                        << "unix:///x.sock"
                                                        << "" << false;
        QTest::newRow("neither host nor context is refused") << "nothing"
                                                             << ""
                                                             << "" << false;
        QTest::newRow("both host and context is refused") << "both"
                                                          << "unix:///x.sock"
                                                          << "c" << false;
        QTest::newRow("a password in an ssh URL is refused") << "pw"
                                                             << "ssh://me:secret@h"
                                                             << "" << false;
        QTest::newRow("an unknown scheme is refused") << "web"
                                                      << "https://h"
                                                      << "" << false;
    }

    void validate()
    {
        QFETCH(QString, name);
        QFETCH(QString, host);
        QFETCH(QString, context);
        QFETCH(bool, valid);
        SavedEndpoint e;
        e.name = name.toStdString();
        e.host = host.toStdString();
        e.context = context.toStdString();
        SavedEndpoint existing;
        existing.name = "existing";
        existing.host = "unix:///y.sock";
        QCOMPARE(EndpointStore::validate(e, {existing}).ok(), valid);
    }
};

QTEST_GUILESS_MAIN(TestFleetScanner)
#include "TestFleetScanner.moc"
