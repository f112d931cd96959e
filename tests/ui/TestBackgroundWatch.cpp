// View ▸ Watch in the background without a daemon: the setting is remembered, the threshold menu defaults
// to high and is remembered, closing the window hides it only while watching with a tray (and File ▸ Quit
// still closes it), and the session autostart entry is written only when turned on, under $XDG_CONFIG_HOME.
#include "core/rules/RuleCatalogue.h"
#include "tests/support/RecordingNotifier.h"
#include "ui/MainWindow.h"

#include <QAction>
#include <QFile>
#include <QSettings>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace drydock;
using namespace drydock::ui;

class TestBackgroundWatch : public QObject
{
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    RuleCatalogue m_catalogue = RuleCatalogue::builtIn();
    test::RecordingNotifier* m_notifier = nullptr;

    MainWindowServices services()
    {
        MainWindowServices s;
        s.catalogue = &m_catalogue;
        s.databasePath = m_dir.filePath(QStringLiteral("history.db"));
        s.endpointError = QStringLiteral("no daemon in this test");
        s.scanOnStart = false;
        s.alertNotifier = test::recordingNotifier(&m_notifier);
        return s;
    }

private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QSettings().remove(QStringLiteral("watch"));
        qputenv("XDG_CONFIG_HOME", m_dir.filePath(QStringLiteral("config")).toUtf8());
    }
    void cleanupTestCase() { QSettings().remove(QStringLiteral("watch")); }

    void theWatchAndItsThresholdAreRemembered()
    {
        {
            MainWindow w(services());
            QVERIFY(!w.watchAction()->isChecked());
            QCOMPARE(w.alertThreshold(), Severity::High);
            QVERIFY(w.alertThresholdAction(Severity::High)->isChecked());
            w.alertThresholdAction(Severity::Critical)->trigger();
            QCOMPARE(w.alertThreshold(), Severity::Critical);
            w.watchAction()->trigger();
            QVERIFY(m_notifier->watching);
        }
        MainWindow again(services());
        QVERIFY(again.watchAction()->isChecked());
        QVERIFY(m_notifier->watching); // the tray comes back with the window
        QCOMPARE(again.alertThreshold(), Severity::Critical);
        QVERIFY(again.alertThresholdAction(Severity::Critical)->isChecked());
        again.alertThresholdAction(Severity::High)->trigger();
        again.watchAction()->trigger();
    }

    void closingHidesTheWindowOnlyWhileWatching()
    {
        MainWindow w(services());
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        w.watchAction()->trigger();
        QVERIFY(!w.close()); // the close is refused: the window hides and the watch goes on
        QVERIFY(!w.isVisible());
        m_notifier->tray.showWindow(); // the tray's Show Drydock
        QVERIFY(w.isVisible());
        w.watchAction()->trigger();
        QVERIFY(w.close());
    }

    void fileQuitClosesEvenWhileWatching()
    {
        MainWindow w(services());
        w.show();
        w.watchAction()->trigger();
        auto* quit = w.findChild<QAction*>(QStringLiteral("quitAction"));
        QVERIFY(quit);
        quit->trigger();
        QVERIFY(!w.isVisible());
        QSettings().remove(QStringLiteral("watch"));
    }

    void startingInTheBackgroundWatchesHiddenForThisSessionOnly()
    {
        QSettings().remove(QStringLiteral("watch"));
        MainWindow w(services());
        QVERIFY(w.startInBackground());
        QVERIFY(!w.isVisible());
        QVERIFY(w.watchAction()->isChecked());
        QVERIFY(m_notifier->watching); // the tray is there to come back through
        QVERIFY(!QSettings().value(QStringLiteral("watch/background"), false).toBool()); // not remembered
        m_notifier->tray.showWindow();
        QVERIFY(w.isVisible());
        QVERIFY(!w.close()); // watching: closing hides it again
        QVERIFY(!w.isVisible());
        w.watchAction()->trigger();
        QVERIFY(!m_notifier->watching);
    }

    void theAutostartEntryIsWrittenOnlyWhenTurnedOn()
    {
        const QString path = m_dir.filePath(QStringLiteral("config/autostart/drydock.desktop"));
        QCOMPARE(MainWindow::autostartFilePath(), path);
        MainWindow w(services());
        QVERIFY(!w.autostartAction()->isChecked());
        QVERIFY(!QFile::exists(path)); // never written silently
        w.autostartAction()->trigger();
        QVERIFY(QFile::exists(path));
        QFile f(path);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QString text = QString::fromUtf8(f.readAll());
        QVERIFY(text.startsWith(QStringLiteral("[Desktop Entry]\n")));
        QVERIFY(text.contains(QStringLiteral("\nType=Application\n")));
        // It starts the same binary hidden in the tray, watching.
        QVERIFY2(text.contains(QStringLiteral("\nExec=\"") + QCoreApplication::applicationFilePath() +
                               "\" --background\n"),
                 qPrintable(text));
        f.close();
        MainWindow again(services());
        QVERIFY(again.autostartAction()->isChecked());
        again.autostartAction()->trigger();
        QVERIFY(!QFile::exists(path));
    }
};

QTEST_MAIN(TestBackgroundWatch)
#include "TestBackgroundWatch.moc"
