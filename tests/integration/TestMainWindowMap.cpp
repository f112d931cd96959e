// The Map page (issue #24) through the real window, offscreen, against the private dockerd: a container
// publishing a port on 0.0.0.0 is drawn exposed (a red edge from the host), one publishing on 127.0.0.1 only
// on loopback (grey); "Only reachable from outside" keeps the first and drops the second; a click on a
// container opens its findings; Export map… writes SVG (parsed here) and PNG; without a scan the page says what
// it needs.
#include "core/rules/RuleCatalogue.h"
#include "tests/support/TestSupport.h"
#include "ui/MainWindow.h"
#include "ui/pages/FindingsPage.h"
#include "ui/pages/MapPage.h"

#include <QCheckBox>
#include <QImage>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QXmlStreamReader>

using namespace drydock;
using namespace drydock::ui;

namespace {

const ExposureNode* nodeNamed(const ExposureGraph& g, const QString& name)
{
    for (const auto& n : g.nodes) {
        if (n.kind == ExposureNodeKind::Container && QString::fromStdString(n.objectName) == name) {
            return &n;
        }
    }
    return nullptr;
}

bool hostEdge(const ExposureGraph& g, const QString& name, ExposureEdgeKind kind)
{
    for (const auto& e : g.edges) {
        if (e.from == 0 && e.kind == kind && QString::fromStdString(g.nodes[e.to].objectName) == name) {
            return true;
        }
    }
    return false;
}

} // namespace

class TestMainWindowMap : public QObject
{
    Q_OBJECT
    QTemporaryDir m_dir;
    RuleCatalogue m_catalogue = RuleCatalogue::builtIn();
    QString m_prefix = test::uniqueName(QStringLiteral("map"));
    QString m_open = m_prefix + QStringLiteral("-open");
    QString m_local = m_prefix + QStringLiteral("-local");
    QString m_savePath;

    MainWindowServices services(bool scanOnStart, const QString& db = QStringLiteral("history.db"))
    {
        MainWindowServices s;
        s.catalogue = &m_catalogue;
        s.databasePath = m_dir.filePath(db);
        s.endpoint = test::privateDaemonEndpoint();
        s.scanOnStart = scanOnStart;
        s.connectPrompt = [](QWidget*, const DockerEndpoint&) { return std::optional<DockerEndpoint>(); };
        s.savePath = [this](QWidget*, const QString&, const QString&) { return m_savePath; };
        return s;
    }

    // The window after its first scan, on the Map page (Ctrl+5) with the map laid out.
    std::unique_ptr<MainWindow> scannedWindowOnTheMap()
    {
        auto w = std::make_unique<MainWindow>(services(true));
        w->show();
        QSignalSpy scanned(w->scanController(), &ScanController::finished);
        if (!scanned.wait(60000) || !QTest::qWaitForWindowExposed(w.get())) {
            return nullptr;
        }
        QTest::keyClick(w.get(), Qt::Key_5, Qt::ControlModifier);
        return w;
    }

private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY2(!test::privateDaemonSocket().isEmpty(), "the private dockerd fixture is not running");
        // Created, not started: the daemon runs with --bridge none, and a created container's request is what
        // the map judges (it takes effect at the next start).
        QCOMPARE(test::docker({"create", "--name", m_open, "-p", "0.0.0.0:18624:80", "drydock-test/busybox:1",
                               "sleep", "60"}),
                 0);
        QCOMPARE(test::docker({"create", "--name", m_local, "-p", "127.0.0.1:18625:80", "drydock-test/busybox:1",
                               "sleep", "60"}),
                 0);
    }
    void cleanupTestCase() { test::docker({"rm", "-f", m_open, m_local}); }

    void withoutAScanThePageSaysWhatItNeeds()
    {
        MainWindow w(services(false, QStringLiteral("empty.db")));
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        QTest::keyClick(&w, Qt::Key_5, Qt::ControlModifier);
        QCOMPARE(w.currentPage(), int(MainWindow::MapPageIndex));
        QVERIFY(w.map()->emptyLabel()->isVisible());
        QVERIFY(w.map()->emptyLabel()->text().contains(QStringLiteral("No scan yet")));
        QVERIFY(!w.map()->exportButton()->isEnabled());
    }

    void aPortOnAllInterfacesIsExposedAndTheFilterKeepsOnlyIt()
    {
        auto w = scannedWindowOnTheMap();
        QVERIFY(w);
        QCOMPARE(w->currentPage(), int(MainWindow::MapPageIndex));
        QTRY_VERIFY_WITH_TIMEOUT(w->map()->shown() != nullptr, 20000);
        QVERIFY(w->map()->view()->isVisible());
        const ExposureGraph& all = w->map()->shown()->graph;
        QVERIFY(nodeNamed(all, m_open));
        QVERIFY(nodeNamed(all, m_local));
        QVERIFY(nodeNamed(all, m_open)->reachable);
        QVERIFY(!nodeNamed(all, m_local)->reachable);
        QVERIFY(hostEdge(all, m_open, ExposureEdgeKind::ExposedPort));
        QVERIFY(hostEdge(all, m_local, ExposureEdgeKind::LoopbackPort));
        QVERIFY(!hostEdge(all, m_local, ExposureEdgeKind::ExposedPort));
        // The scene holds the boxes: one item per node box with the severity word in its tooltip.
        QVERIFY(!w->map()->view()->scene()->items().isEmpty());

        QSignalSpy shown(w->map(), &MapPage::mapShown);
        QTest::mouseClick(w->map()->reachableFilter(), Qt::LeftButton);
        QVERIFY(shown.wait(20000));
        const ExposureGraph& reachable = w->map()->shown()->graph;
        QVERIFY(w->map()->shown()->view.onlyReachable);
        QVERIFY(nodeNamed(reachable, m_open));
        QVERIFY(!nodeNamed(reachable, m_local));
        for (const auto& n : reachable.nodes) {
            QVERIFY(n.kind != ExposureNodeKind::Container || n.reachable);
        }
    }

    void clickingAContainerOpensItsFindings()
    {
        auto w = scannedWindowOnTheMap();
        QVERIFY(w);
        QTRY_VERIFY_WITH_TIMEOUT(w->map()->shown() != nullptr, 20000);
        // At its own size, so the box is under the pointer wherever the fit put it.
        w->map()->view()->resetTransform();
        w->map()->view()->centerOn(w->map()->view()->mapToScene(w->map()->viewPointOf(m_open)));
        const QPoint at = w->map()->viewPointOf(m_open);
        QVERIFY(!at.isNull());
        QVERIFY(w->map()->view()->viewport()->rect().contains(at));
        QTest::mouseClick(w->map()->view()->viewport(), Qt::LeftButton, {}, at);
        QCOMPARE(w->currentPage(), int(MainWindow::FindingsPageIndex));
        QCOMPARE(w->findings()->searchField()->text(), m_open);
    }

    void exportWritesAnSvgThatParsesAndAPng()
    {
        auto w = scannedWindowOnTheMap();
        QVERIFY(w);
        QTRY_VERIFY_WITH_TIMEOUT(w->map()->exportButton()->isEnabled(), 20000);
        m_savePath = m_dir.filePath(QStringLiteral("map.svg"));
        QTest::mouseClick(w->map()->exportButton(), Qt::LeftButton);
        QFile svg(m_savePath);
        QVERIFY(svg.open(QIODevice::ReadOnly));
        QXmlStreamReader xml(&svg);
        QStringList texts;
        while (!xml.atEnd()) {
            if (xml.readNext() == QXmlStreamReader::StartElement && xml.name() == QLatin1String("text")) {
                texts << xml.readElementText();
            }
        }
        QVERIFY2(!xml.hasError(), qPrintable(xml.errorString()));
        QVERIFY(texts.contains(m_open));
        QVERIFY(texts.contains(m_local));

        m_savePath = m_dir.filePath(QStringLiteral("map.png"));
        QTest::mouseClick(w->map()->exportButton(), Qt::LeftButton);
        QImage png(m_savePath);
        QVERIFY(!png.isNull());
        QVERIFY(png.width() > 200 && png.height() > 100);

        // A folder that cannot be written: the page says so, nothing is left behind.
        m_savePath = m_dir.filePath(QStringLiteral("missing/map.svg"));
        QTest::mouseClick(w->map()->exportButton(), Qt::LeftButton);
        QVERIFY(!QFile::exists(m_savePath));
        QVERIFY(w->map()->exportTo(m_savePath).contains(QStringLiteral("Could not write")));
    }
};

QTEST_MAIN(TestMainWindowMap)
#include "TestMainWindowMap.moc"
