// The desktop application started where no window can open: a clear message and exit code 5, not Qt's
// "could not connect to display" abort and a core dump (issue #17).
#include "tests/support/TestSupport.h"

#include <QProcess>
#include <QProcessEnvironment>
#include <QTemporaryDir>
#include <QTest>

using namespace drydock;

class TestGuiWithoutDisplay : public QObject
{
    Q_OBJECT

private slots:
    void saysWhatToDoInstead_data()
    {
        QTest::addColumn<QStringList>("env");
        QTest::addColumn<QString>("why");
        QTest::newRow("no DISPLAY and no platform")
            << QStringList{"DISPLAY=", "QT_QPA_PLATFORM=", "WAYLAND_DISPLAY="} << "DISPLAY is not set";
        QTest::newRow("a DISPLAY with no X server behind it")
            << QStringList{"DISPLAY=:97", "QT_QPA_PLATFORM=", "WAYLAND_DISPLAY="}
            << "no X server for DISPLAY :97";
        QTest::newRow("the xcb platform asked for with no X server")
            << QStringList{"DISPLAY=:97", "QT_QPA_PLATFORM=xcb", "WAYLAND_DISPLAY="}
            << "no X server for DISPLAY :97";
        QTest::newRow("a Wayland socket that does not exist")
            << QStringList{"DISPLAY=", "QT_QPA_PLATFORM=", "WAYLAND_DISPLAY=wayland-97",
                           "XDG_RUNTIME_DIR=/nonexistent"}
            << "DISPLAY is not set";
    }
    void saysWhatToDoInstead()
    {
        QFETCH(QStringList, env);
        QFETCH(QString, why);
        QTemporaryDir home;
        env << "XDG_CONFIG_HOME=" + home.filePath("config") << "XDG_DATA_HOME=" + home.filePath("data");
        QString out;
        QString err;
        const int rc = test::drydock({}, &out, &err, env, 30000);
        QCOMPARE(rc, 5);
        QVERIFY2(err.contains(why), qPrintable(err));
        QVERIFY2(err.contains("drydock scan") && err.contains("QT_QPA_PLATFORM"), qPrintable(err));
        QVERIFY2(!err.contains("could not connect to display"), qPrintable(err));
    }

    void aChosenPlatformIsLeftToQt()
    {
        // offscreen opens no window but starts: the check must not refuse a platform the user chose. The
        // application keeps running, so it is enough that it does not exit 5 within a moment; then it is
        // stopped.
        QTemporaryDir home;
        QProcess p;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert("DISPLAY", "");
        env.insert("QT_QPA_PLATFORM", "offscreen");
        env.insert("XDG_CONFIG_HOME", home.filePath("config"));
        env.insert("XDG_DATA_HOME", home.filePath("data"));
        env.insert("DOCKER_HOST", "unix:///nonexistent/docker.sock");
        p.setProcessEnvironment(env);
        p.start(qEnvironmentVariable("DRYDOCK_BINARY"), {});
        QVERIFY(p.waitForStarted());
        const bool exited = p.waitForFinished(1500);
        if (exited) {
            QVERIFY2(p.exitCode() != 5, p.readAllStandardError().constData());
        } else {
            p.kill();
            p.waitForFinished();
        }
    }
};

QTEST_GUILESS_MAIN(TestGuiWithoutDisplay)
#include "TestGuiWithoutDisplay.moc"
