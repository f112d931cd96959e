#include "core/common/Clock.h"
#include "core/docker/DockerClient.h"
#include "core/scan/Scanner.h"
#include "tests/support/ScriptedDaemon.h"

#include <QTest>

#include <set>

using namespace drydock;

Q_DECLARE_METATYPE(drydock::ScanSettings)

namespace {

// Every field of a finding on one line: two lists are equal when their lines are.
QString fullText(const Finding& f)
{
    QStringList parts{QString::fromStdString(f.ruleId),
                      QString::number(static_cast<int>(f.area)),
                      QString::number(static_cast<int>(f.severity)),
                      QString::fromStdString(f.cis.id),
                      QString::number(static_cast<int>(f.object.type)),
                      QString::fromStdString(f.object.id),
                      QString::fromStdString(f.object.name),
                      QString::fromStdString(f.title),
                      QString::fromStdString(f.evidence),
                      QString::fromStdString(f.rationale),
                      QString::fromStdString(f.fix),
                      QString::fromStdString(f.discriminator),
                      QString::fromStdString(f.remediation.runCommand),
                      QString::fromStdString(f.remediation.compose),
                      QString::fromStdString(f.remediation.dockerfile)};
    for (const auto& e : f.remediation.edits) {
        parts << QString::number(static_cast<int>(e.op)) + " " +
                     QString::fromStdString(e.flag + " " + e.value);
    }
    for (const auto& flag : f.remediation.addFlags) {
        parts << "+" + QString::fromStdString(flag);
    }
    for (const auto& flag : f.remediation.removeFlags) {
        parts << "-" + QString::fromStdString(flag);
    }
    return parts.join(QLatin1Char('|'));
}

QStringList fullTexts(const std::vector<Finding>& findings)
{
    QStringList out;
    for (const auto& f : findings) {
        out << fullText(f);
    }
    return out;
}

// Keeps every batch a scan hands over; can cancel the scan after a number of them.
class RecordingBatches final : public ScanBatchSink
{
public:
    void batch(const ScanBatch& b) override
    {
        findings.insert(findings.end(), b.findings.begin(), b.findings.end());
        done.push_back(b.containersDone);
        total = b.containersTotal;
        if (cancelAfter > 0 && static_cast<int>(done.size()) == cancelAfter) {
            cancel.cancel();
        }
    }
    std::vector<Finding> findings;
    std::vector<int> done;
    int total = -1;
    int cancelAfter = 0;
    CancelToken cancel;
};

Result<ScanResult> scanScripted(int containers, const ScanSettings& settings, ScanBatchSink* batches,
                                const CancelToken& cancel = CancelToken())
{
    test::ScriptedDaemon::Options o;
    o.containers = containers;
    DockerEndpoint e;
    e.kind = DockerEndpoint::Kind::Unix;
    e.socketPath = "/run/scripted.sock";
    DockerClient client(std::make_unique<test::ScriptedDaemon>(o), e);
    if (auto v = client.negotiate(); !v) {
        return v.error();
    }
    static const RuleCatalogue catalogue = RuleCatalogue::builtIn();
    const FixedClock clock{1'900'000'000};
    Scanner scanner(client, catalogue, clock);
    NullProgressSink progress;
    return scanner.scan(settings, progress, cancel, batches);
}

} // namespace

// Scanner's batches (ScanBatch) on a scripted daemon: together they are the scan's findings, exactly.
class TestScanBatches : public QObject
{
    Q_OBJECT

private slots:
    void batchesTogetherAreTheFinalResult_data()
    {
        QTest::addColumn<int>("containers");
        QTest::addColumn<ScanSettings>("settings");
        QTest::addColumn<QList<int>>("containersDone");

        ScanSettings tuned;
        tuned.disabledRules.insert("CTR-001");
        tuned.severityOverrides["RUN-001"] = Severity::Critical;
        QTest::newRow("five containers come in one slice, then the other objects")
            << 5 << ScanSettings{} << QList<int>{5, 5};
        QTest::newRow("three hundred containers come in a slice of 64 and one of the rest")
            << 300 << ScanSettings{} << QList<int>{64, 300, 300};
        QTest::newRow("fourteen hundred containers come in slices of 64, 256, 1024 and the rest")
            << 1400 << ScanSettings{} << QList<int>{64, 320, 1344, 1400, 1400};
        QTest::newRow("a disabled rule and a severity override hold in every batch")
            << 100 << tuned << QList<int>{64, 100, 100};
        QTest::newRow("a daemon without containers gives only the other objects' batch")
            << 0 << ScanSettings{} << QList<int>{0};
    }

    void batchesTogetherAreTheFinalResult()
    {
        QFETCH(int, containers);
        QFETCH(ScanSettings, settings);
        QFETCH(QList<int>, containersDone);

        RecordingBatches batches;
        auto progressive = scanScripted(containers, settings, &batches);
        QVERIFY2(progressive, progressive ? "" : progressive.error().message.c_str());
        auto plain = scanScripted(containers, settings, nullptr);
        QVERIFY2(plain, plain ? "" : plain.error().message.c_str());

        // The result with batches is the result without them, order and remediation included.
        QVERIFY(!plain->findings.empty());
        QCOMPARE(fullTexts(progressive->findings.all()), fullTexts(plain->findings.all()));
        // The batches, sorted, are that result: nothing missing, nothing twice.
        FindingSet together(batches.findings);
        together.sort();
        QCOMPARE(fullTexts(together.all()), fullTexts(plain->findings.all()));
        QCOMPARE(QList<int>(batches.done.begin(), batches.done.end()), containersDone);
        QCOMPARE(batches.total, containers);
    }

    void aContainerBatchIsFinalWhenHandedOver()
    {
        // The first batch's containers have all their findings, with the remediated command a full scan
        // gives.
        RecordingBatches batches;
        auto scan = scanScripted(200, ScanSettings{}, &batches);
        QVERIFY(scan);
        QCOMPARE(batches.done.front(), 64);
        const auto firstIds = [&] {
            std::set<std::string> ids;
            for (const auto& c : scan->inventory.containers) {
                if (ids.size() < 64) {
                    ids.insert(c.id);
                }
            }
            return ids;
        }();
        QStringList expected;
        for (const auto& f : scan->findings.all()) {
            if (f.object.type == ObjectType::Container && firstIds.count(f.object.id)) {
                expected << fullText(f);
            }
        }
        QVERIFY(!expected.isEmpty());
        QStringList firstBatch;
        for (const auto& f : batches.findings) {
            if (f.object.type == ObjectType::Container && firstIds.count(f.object.id)) {
                firstBatch << fullText(f);
            }
        }
        expected.sort();
        firstBatch.sort();
        QCOMPARE(firstBatch, expected);
    }

    void aCancelBetweenBatchesStopsTheScan()
    {
        RecordingBatches batches;
        batches.cancelAfter = 1;
        auto scan = scanScripted(300, ScanSettings{}, &batches, batches.cancel);
        QVERIFY(!scan);
        QCOMPARE(scan.error().code, ErrorCode::Cancelled);
        QCOMPARE(batches.done.size(), std::size_t(1)); // no batch after the cancel
    }
};

QTEST_GUILESS_MAIN(TestScanBatches)
#include "TestScanBatches.moc"
