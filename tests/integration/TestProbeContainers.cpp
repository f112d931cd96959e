#include "tests/support/ProbeContainers.h"
#include "tests/support/TestSupport.h"

#include <QTest>

using namespace drydock;
using drydock::test::ProbeContainerSpec;

namespace {

// One run of a probe test container: with its flags as they are, hardened, or without one of its needs.
struct Run
{
    QString row;
    QString name;
    const ProbeContainerSpec* spec = nullptr;
    QStringList flags;             // docker run flags besides the container's own
    bool replacesOwnFlags = false; // the hardened run: its risk (among its own flags) is gone
    bool staysUp = true;
    QString logLine;
};

QString rowToday(const ProbeContainerSpec& spec)
{
    return spec.description + QStringLiteral(" stays up as it runs today");
}

QString rowHardened(const ProbeContainerSpec& spec)
{
    return spec.description + QStringLiteral(" stays up with every risk it can live without removed");
}

QString rowBroken(const ProbeContainerSpec& spec, const test::ProbeBreakingRun& run)
{
    return spec.description + QLatin1Char(' ') + run.what + QStringLiteral(" logs why and exits");
}

} // namespace

// The probe's test containers behave as the probe must find them: up as they run today and with every risk
// removed that they can live without, and failing with a permission error in their log without their need.
class TestProbeContainers : public QObject
{
    Q_OBJECT

private:
    std::vector<Run> m_runs;

    const Run* run(const QString& row) const
    {
        for (const auto& r : m_runs) {
            if (r.row == row) {
                return &r;
            }
        }
        return nullptr;
    }

private slots:
    void initTestCase()
    {
        QVERIFY2(!test::privateDaemonSocket().isEmpty(),
                 "the private dockerd is not running: run through ctest");
        // Every run starts at once and settles together: one wait of a few seconds, not one per row.
        for (const auto& spec : test::probeContainers()) {
            QString error;
            QVERIFY2(test::buildProbeImage(spec, &error), qPrintable(error));
            const QString base = test::uniqueName(QStringLiteral("probe-") + spec.key);
            m_runs.push_back({rowToday(spec), base, &spec, {}, false, true, {}});
            m_runs.push_back({rowHardened(spec),
                              base + QStringLiteral("-hardened"),
                              &spec,
                              spec.hardenedFlags,
                              true,
                              true,
                              {}});
            int n = 0;
            for (const auto& b : spec.breakingRuns) {
                m_runs.push_back({rowBroken(spec, b),
                                  base + QStringLiteral("-broken-") + QString::number(++n), &spec, b.flags,
                                  false, false, b.logLine});
            }
        }
        for (const auto& r : m_runs) {
            ProbeContainerSpec spec = *r.spec;
            if (r.replacesOwnFlags) {
                spec.runFlags.clear();
            }
            QString error;
            QVERIFY2(test::runProbeContainer(spec, r.name, r.flags, &error), qPrintable(error));
        }
    }

    void cleanupTestCase()
    {
        for (const auto& r : m_runs) {
            test::docker({QStringLiteral("rm"), QStringLiteral("-f"), r.name});
        }
    }

    void behavesAsTheProbeMustFindIt_data()
    {
        QTest::addColumn<QString>("row");
        for (const auto& spec : test::probeContainers()) {
            QTest::newRow(qPrintable(rowToday(spec))) << rowToday(spec);
            QTest::newRow(qPrintable(rowHardened(spec))) << rowHardened(spec);
            for (const auto& b : spec.breakingRuns) {
                QTest::newRow(qPrintable(rowBroken(spec, b))) << rowBroken(spec, b);
            }
        }
    }

    void behavesAsTheProbeMustFindIt()
    {
        QFETCH(QString, row);
        const Run* r = run(row);
        QVERIFY2(r != nullptr, qPrintable(row));
        const auto state = test::waitUntilSettled(r->name, r->spec->healthCheck);
        QVERIFY2(state.exists, qPrintable(r->name));
        if (r->staysUp) {
            QVERIFY2(state.running, qPrintable(state.summary()));
            QCOMPARE(state.restartCount, 0);
            if (r->spec->healthCheck) {
                QVERIFY2(state.health == QStringLiteral("healthy"), qPrintable(state.summary()));
            }
            QVERIFY2(!state.logs.contains(QStringLiteral("denied")) &&
                         !state.logs.contains(QStringLiteral("not permitted")) &&
                         !state.logs.contains(QStringLiteral("Read-only")),
                     qPrintable(state.summary()));
        } else {
            QVERIFY2(!state.running, qPrintable(state.summary()));
            QVERIFY2(state.exitCode != 0, qPrintable(state.summary()));
            QVERIFY2(state.logs.contains(r->logLine), qPrintable(state.summary()));
        }
    }
};

QTEST_GUILESS_MAIN(TestProbeContainers)
#include "TestProbeContainers.moc"
