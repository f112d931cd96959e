// `drydock demo --no-gui` for real: a sandbox daemon comes up, the demo containers are found by a scan,
// and afterwards nothing is left (no dockerd or containerd of the sandbox, no directory), also when the
// demo is interrupted by SIGTERM half-way through the set-up.
#include "tests/support/TestSupport.h"

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QSet>
#include <QTest>

#include <unistd.h>

using namespace drydock;

namespace {

QSet<QString> sandboxDirs()
{
    const QStringList names = QDir(QStringLiteral("/tmp")).entryList({QStringLiteral("drydock-demo-*")}, QDir::Dirs);
    return QSet<QString>(names.begin(), names.end());
}

// Processes whose command line names a sandbox directory (dockerd, containerd, shims).
QStringList sandboxProcesses()
{
    QStringList out;
    for (const QString& pid : QDir(QStringLiteral("/proc")).entryList(QDir::Dirs)) {
        if (pid.toInt() <= 0) {
            continue;
        }
        QFile f(QStringLiteral("/proc/%1/cmdline").arg(pid));
        if (f.open(QIODevice::ReadOnly)) {
            const QString cmd = QString::fromUtf8(f.readAll()).replace(QChar(0), QChar(' '));
            if (cmd.contains(QStringLiteral("/tmp/drydock-demo-"))) {
                out << pid + QLatin1Char(' ') + cmd.left(120);
            }
        }
    }
    return out;
}

} // namespace

class TestDemoIntegration : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase()
    {
        if (::geteuid() != 0) {
            QSKIP("drydock demo starts a daemon and needs root; the suite's dockerd fixture needs it too");
        }
    }

    void theDemoScansItsSandboxAndLeavesNothingBehind()
    {
        const QSet<QString> before = sandboxDirs();
        QString out;
        QString err;
        const int code = test::drydock({QStringLiteral("demo"), QStringLiteral("--no-gui")}, &out, &err, {}, 300000);
        QVERIFY2(code == 0, qPrintable(err));
        QVERIFY2(err.contains(QStringLiteral("Sandbox daemon ready on unix:///tmp/drydock-demo-")), qPrintable(err));
        QVERIFY2(err.contains(QStringLiteral("The sandbox was removed.")), qPrintable(err));
        for (const char* expected : {"CTR-002", "CTR-013", "SEC-001", "legacy-admin", "ci-runner", "web"}) {
            QVERIFY2(out.contains(QLatin1String(expected)), expected);
        }
        // Secrets in the demo's environment are masked in the output like everywhere else.
        QVERIFY(!out.contains(QStringLiteral("ghp_1a2B3c4D5e6F7g8H9i0JkLmNoPqRsTuVwXyZ")));
        QVERIFY(!out.contains(QStringLiteral("Tr0ub4dor&3-prod")));
        QCOMPARE(sandboxDirs(), before);
        QVERIFY2(sandboxProcesses().isEmpty(), qPrintable(sandboxProcesses().join('\n')));
    }

    void sigtermDuringTheSetUpStillTearsEverythingDown()
    {
        const QSet<QString> before = sandboxDirs();
        QProcess demo;
        demo.setProcessChannelMode(QProcess::MergedChannels);
        demo.start(qEnvironmentVariable("DRYDOCK_BINARY"), {QStringLiteral("demo"), QStringLiteral("--no-gui")});
        QVERIFY(demo.waitForStarted());
        // Wait until the daemon is starting, so there is something to tear down.
        QTRY_VERIFY_WITH_TIMEOUT(sandboxDirs() != before, 20000);
        QTest::qWait(1500);
        demo.terminate();
        QVERIFY(demo.waitForFinished(60000));
        const QString log = QString::fromUtf8(demo.readAll());
        QVERIFY2(log.contains(QStringLiteral("The sandbox was removed.")), qPrintable(log));
        QVERIFY(demo.exitCode() != 0);
        QCOMPARE(sandboxDirs(), before);
        QVERIFY2(sandboxProcesses().isEmpty(), qPrintable(sandboxProcesses().join('\n')));
    }

    void withoutRootTheDemoSaysWhyAndStartsNothing()
    {
        QString out;
        QCOMPARE(test::drydock({QStringLiteral("demo"), QStringLiteral("--help")}, &out), 0);
        QVERIFY(out.contains(QStringLiteral("docker.io")) && out.contains(QStringLiteral("busybox-static")));
        if (!QFile::exists(QStringLiteral("/usr/bin/setpriv"))) {
            QSKIP("setpriv (util-linux) is needed to run the demo as an unprivileged user");
        }
        QProcess p;
        p.start(QStringLiteral("/usr/bin/setpriv"),
                {QStringLiteral("--reuid=65534"), QStringLiteral("--regid=65534"), QStringLiteral("--clear-groups"),
                 qEnvironmentVariable("DRYDOCK_BINARY"), QStringLiteral("demo"), QStringLiteral("--no-gui")});
        QVERIFY(p.waitForFinished(30000));
        if (p.exitCode() == 126 || p.exitCode() == 127) {
            QSKIP("the build directory is not readable by nobody");
        }
        const QString err = QString::fromUtf8(p.readAllStandardError());
        QCOMPARE(p.exitCode(), 3);
        QVERIFY2(err.contains(QStringLiteral("needs root")) && err.contains(QStringLiteral("sudo drydock demo")),
                 qPrintable(err));
    }
};

QTEST_MAIN(TestDemoIntegration)
#include "TestDemoIntegration.moc"
