// The desktop application against a daemon that misbehaves (a scripted server on a unix socket: the real
// daemon cannot be made to): the window keeps painting and answering while a scan waits on a stalled
// answer, Cancel ends that scan promptly, and broken answers end in a clear message with nothing stored.
#include "core/rules/RuleCatalogue.h"
#include "core/store/HistoryStore.h"
#include "tests/core/FakeHttpServer.h"
#include "tests/support/TestSupport.h"
#include "ui/MainWindow.h"
#include "ui/widgets/InlineMessage.h"

#include <QAction>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

#include <atomic>

using namespace drydock;
using namespace drydock::ui;
using drydock::test::FakeConnection;
using drydock::test::FakeHttpServer;
using drydock::test::FakeRequest;

namespace {

enum class Behaviour
{
    StallEverything,   // every answer after the version handshake never comes
    Error500WithJson,  // every answer after the handshake is a 500 with the daemon's message
    ConnectionDropped, // every answer after the handshake is cut off in the middle of its headers
};

// Longest pause between two ticks of a 10 ms timer while `running` holds: how long the GUI thread was
// unable to run its event loop.
qint64 longestEventLoopPause(const std::function<bool()>& running, int forMs)
{
    QElapsedTimer sinceLastTick;
    sinceLastTick.start();
    qint64 longest = 0;
    QTimer ticker;
    ticker.setInterval(10);
    QObject::connect(&ticker, &QTimer::timeout, [&] { longest = std::max(longest, sinceLastTick.restart()); });
    ticker.start();
    QElapsedTimer total;
    total.start();
    while (running() && total.elapsed() < forMs) {
        QTest::qWait(20);
    }
    return longest;
}

} // namespace

class TestGuiWithMisbehavingDaemon : public QObject
{
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    RuleCatalogue m_catalogue = RuleCatalogue::builtIn();
    std::unique_ptr<FakeHttpServer> m_server;
    std::atomic<int> m_requestsAfterHandshake{0};

    std::string socketPath() const { return m_dir.filePath(QStringLiteral("docker.sock")).toStdString(); }
    QString databasePath() const { return m_dir.filePath(QStringLiteral("history.db")); }

    void serve(Behaviour behaviour)
    {
        m_server.reset();
        m_requestsAfterHandshake = 0;
        m_server = FakeHttpServer::onUnixSocket(socketPath(), [this, behaviour](const FakeRequest& r, FakeConnection& c) {
            if (r.path == "/_ping" || r.path.find("/_ping") != std::string::npos) {
                c.respond(200, "OK", {{"Api-Version", "1.41"}});
                return;
            }
            if (r.path.find("/version") != std::string::npos) {
                c.respond(200, test::readData(QStringLiteral("api-1.41/version.json")));
                return;
            }
            ++m_requestsAfterHandshake;
            switch (behaviour) {
            case Behaviour::StallEverything:
                c.waitFor(60000);
                c.closeAfter();
                return;
            case Behaviour::Error500WithJson:
                c.respond(500, "{\"message\":\"containerd is not running: rpc error\"}");
                return;
            case Behaviour::ConnectionDropped:
                c.write("HTTP/1.1 200 OK\r\nContent-Le");
                c.closeAfter();
                return;
            }
        });
        QVERIFY(m_server);
    }

    MainWindowServices services()
    {
        MainWindowServices s;
        s.catalogue = &m_catalogue;
        s.databasePath = databasePath();
        DockerEndpoint e;
        e.kind = DockerEndpoint::Kind::Unix;
        e.socketPath = socketPath();
        s.endpoint = e;
        s.scanOnStart = true;
        s.connectPrompt = [](QWidget*, const DockerEndpoint&) { return std::optional<DockerEndpoint>(); };
        return s;
    }

    int storedScans() const
    {
        if (!QFileInfo::exists(databasePath())) {
            return 0;
        }
        auto store = HistoryStore::open(databasePath().toStdString());
        if (!store) {
            return -1;
        }
        auto scans = store.value()->scans().list();
        return scans ? static_cast<int>(scans.value().size()) : -1;
    }

private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY(m_dir.isValid());
    }
    void cleanup() { m_server.reset(); }

    // A daemon that accepts the request and never answers: the scan waits (the transport's own timeout is
    // 30 s), but the window keeps running its event loop, and Cancel ends the scan within seconds.
    void aStalledDaemonNeitherFreezesTheWindowNorOutlivesCancel()
    {
        serve(Behaviour::StallEverything);
        MainWindow w(services());
        w.show();
        QTRY_VERIFY_WITH_TIMEOUT(m_requestsAfterHandshake > 0, 10000);
        QVERIFY(w.scanController()->isRunning());
        QVERIFY(w.cancelAction()->isEnabled());

        const qint64 pause = longestEventLoopPause([&] { return w.scanController()->isRunning(); }, 2000);
        QVERIFY2(pause < 500, qPrintable(QStringLiteral("the GUI thread stalled for %1 ms").arg(pause)));

        QSignalSpy finished(w.scanController(), &ScanController::finished);
        QElapsedTimer sinceCancel;
        sinceCancel.start();
        w.cancelAction()->trigger();
        QVERIFY2(finished.wait(10000), "the scan did not end after Cancel");
        QVERIFY2(sinceCancel.elapsed() < 10000, "Cancel took longer than 10 s");
        const auto outcome = finished.first().first().value<ScanOutcome>();
        QVERIFY(outcome.cancelled || !outcome.error.isEmpty());
        QVERIFY(!outcome.result);
        QVERIFY(!w.scanController()->isRunning());
        QCOMPARE(storedScans(), 0);
    }

    void brokenAnswersEndInAClearMessageAndStoreNothing_data()
    {
        QTest::addColumn<int>("behaviour");
        QTest::addColumn<QString>("expected");
        QTest::newRow("HTTP 500 with the daemon's message shows that message")
            << int(Behaviour::Error500WithJson) << QStringLiteral("containerd is not running");
        QTest::newRow("a connection dropped in the middle of the headers names the daemon")
            << int(Behaviour::ConnectionDropped) << QStringLiteral("daemon");
    }
    void brokenAnswersEndInAClearMessageAndStoreNothing()
    {
        QFETCH(int, behaviour);
        QFETCH(QString, expected);
        serve(static_cast<Behaviour>(behaviour));
        MainWindow w(services());
        QSignalSpy finished(w.scanController(), &ScanController::finished);
        w.show();
        QVERIFY(finished.wait(30000));
        const auto outcome = finished.first().first().value<ScanOutcome>();
        QVERIFY(!outcome.result);
        QVERIFY(!outcome.error.isEmpty());
        QVERIFY2(w.message()->text().contains(expected, Qt::CaseInsensitive), qPrintable(w.message()->text()));
        QCOMPARE(storedScans(), 0);
    }
};

QTEST_MAIN(TestGuiWithMisbehavingDaemon)
#include "TestGuiWithMisbehavingDaemon.moc"
