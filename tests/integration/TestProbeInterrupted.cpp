#include "tests/support/DockerQueries.h"
#include "tests/support/ProbeContainers.h"
#include "tests/support/TestSupport.h"

#include <QElapsedTimer>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>

using namespace drydock;
using drydock::test::containerNames;

namespace {

// The trial containers of NAME that exist now.
QStringList trialsOf(const QString& name)
{
    QStringList trials;
    for (const auto& n : containerNames()) {
        if (n.startsWith(name + QStringLiteral("-drydock-trial-"))) {
            trials << n;
        }
    }
    return trials;
}

// Waits up to timeoutMs until NAME has at least one trial container; returns them.
QStringList waitForTrials(const QString& name, const QProcess& probe, int timeoutMs)
{
    QElapsedTimer timer;
    timer.start();
    while (timer.elapsed() < timeoutMs && probe.state() == QProcess::Running) {
        const QStringList trials = trialsOf(name);
        if (!trials.isEmpty()) {
            return trials;
        }
        QTest::qWait(200);
    }
    return trialsOf(name);
}

} // namespace

// A probe that is killed or interrupted leaves no trial container behind for good: Ctrl+C removes them before
// the command exits, and after a SIGKILL the next probe of the container removes what the killed one left.
class TestProbeInterrupted : public QObject
{
    Q_OBJECT

private:
    QString m_name;
    QProcess m_probe;
    QTemporaryDir m_historyDir; // Drydock refuses a history folder others may write to (/tmp)

    QString host() const { return QStringLiteral("unix://") + test::privateDaemonSocket(); }
    QStringList probeArgs() const
    {
        return {QStringLiteral("harden"),
                m_name,
                QStringLiteral("--host"),
                host(),
                QStringLiteral("--probe"),
                QStringLiteral("--db"),
                m_historyDir.filePath(QStringLiteral("history.db"))};
    }

    void startProbe()
    {
        m_probe.setProgram(qEnvironmentVariable("DRYDOCK_BINARY"));
        m_probe.setArguments(probeArgs());
        m_probe.setProcessChannelMode(QProcess::MergedChannels);
        m_probe.start();
        QVERIFY(m_probe.waitForStarted(10000));
    }

private slots:
    void initTestCase()
    {
        // The switcher: its capability bisection runs many trials, so a probe of it is long enough to
        // interrupt.
        const auto& spec = test::probeContainer(QStringLiteral("switcher"));
        QVERIFY(m_historyDir.isValid());
        QString error;
        QVERIFY2(test::buildProbeImage(spec, &error), qPrintable(error));
        m_name = test::uniqueName(QStringLiteral("probe-interrupted"));
        QVERIFY2(test::runProbeContainer(spec, m_name, {}, &error), qPrintable(error));
        QVERIFY2(test::waitUntilSettled(m_name, false).running,
                 qPrintable(test::probeContainerState(m_name).summary()));
    }

    void cleanup()
    {
        if (m_probe.state() != QProcess::NotRunning) {
            m_probe.kill();
            m_probe.waitForFinished(10000);
        }
        for (const auto& n : trialsOf(m_name)) {
            test::docker({QStringLiteral("rm"), QStringLiteral("-f"), n});
        }
    }

    void cleanupTestCase() { test::docker({QStringLiteral("rm"), QStringLiteral("-f"), m_name}); }

    void aKilledProbesTrialsAreRemovedByTheNextRun()
    {
        startProbe();
        const QStringList running = waitForTrials(m_name, m_probe, 20000);
        QVERIFY2(!running.isEmpty(), qPrintable(QString::fromUtf8(m_probe.readAll())));
        QTest::qWait(1000); // mid-batch: created, started, watched
        m_probe.kill();     // SIGKILL: nothing of the probe runs after this
        QVERIFY(m_probe.waitForFinished(10000));
        const QStringList left = trialsOf(m_name);
        QVERIFY2(!left.isEmpty(), "a SIGKILL leaves the trials of the batch it stopped");

        QString out;
        QString err;
        const int code = test::drydock(probeArgs(), &out, &err);
        QVERIFY2(code == 0, qPrintable(QStringLiteral("exit %1\n").arg(code) + out + err));
        QVERIFY2(err.contains(QStringLiteral("Removed the trial containers an interrupted earlier run left")),
                 qPrintable(err));
        QVERIFY2(trialsOf(m_name).isEmpty(), qPrintable(trialsOf(m_name).join(QLatin1Char(' '))));
        for (const auto& n : left) {
            QVERIFY2(!containerNames().contains(n), qPrintable(n));
        }
        QCOMPARE(test::inspectField(m_name, QStringLiteral("{{.State.Running}}")), QStringLiteral("true"));
    }

    void anInterruptedProbeRemovesItsTrialsBeforeItExits()
    {
        startProbe();
        QVERIFY2(!waitForTrials(m_name, m_probe, 20000).isEmpty(),
                 qPrintable(QString::fromUtf8(m_probe.readAll())));
        QTest::qWait(1000);
        ::kill(static_cast<pid_t>(m_probe.processId()), SIGINT);
        QVERIFY(m_probe.waitForFinished(30000));
        const QString output = QString::fromUtf8(m_probe.readAll());
        QCOMPARE(m_probe.exitStatus(), QProcess::NormalExit);
        QVERIFY2(m_probe.exitCode() == 128 + SIGINT,
                 qPrintable(QString::number(m_probe.exitCode()) + QLatin1Char('\n') + output));
        QVERIFY2(trialsOf(m_name).isEmpty(),
                 qPrintable(trialsOf(m_name).join(QLatin1Char(' ')) + QLatin1Char('\n') + output));
        QCOMPARE(test::inspectField(m_name, QStringLiteral("{{.State.Running}}")), QStringLiteral("true"));
    }
};

QTEST_GUILESS_MAIN(TestProbeInterrupted)
#include "TestProbeInterrupted.moc"
