// The Map page on the realistic set, offscreen (no daemon): the layout arrives from the worker without
// blocking, compose projects start as one box and open and close on a double-click, Ctrl+wheel zooms, the
// filter relays out, and a scan of nothing shows the empty state. With DRYDOCK_SCREENSHOT_DIR set it also
// writes the README's pictures of the page (34 and 200 containers, light and dark).
#include "core/rules/RuleCatalogue.h"
#include "tests/support/RealisticScan.h"
#include "ui/pages/MapPage.h"

#include <QApplication>
#include <QCheckBox>
#include <QLabel>
#include <QPalette>
#include <QPushButton>
#include <QSignalSpy>
#include <QStyleFactory>
#include <QTest>
#include <QWheelEvent>

using namespace drydock;
using namespace drydock::ui;

namespace {

// The realistic set with compose projects: "shop" (the first 8 containers) and "crm" (the next 4); above 34
// containers, every sixth container after those in a project of its own team.
std::shared_ptr<const ScanResult> composedScan(const RuleCatalogue& catalogue, int containers)
{
    auto scan = std::make_shared<ScanResult>(test::realisticScan(catalogue, containers));
    for (std::size_t i = 0; i < scan->inventory.containers.size(); ++i) {
        auto& labels = scan->inventory.containers[i].config.labels;
        if (i < 8) {
            labels["com.docker.compose.project"] = "shop";
        } else if (i < 12) {
            labels["com.docker.compose.project"] = "crm";
        } else if (containers > 34 && i % 3 != 0) {
            labels["com.docker.compose.project"] = "team-" + std::to_string(i / 9);
        }
    }
    return scan;
}

QPalette darkPalette()
{
    QPalette p;
    p.setColor(QPalette::Window, QColor(0x2b, 0x2b, 0x2b));
    p.setColor(QPalette::WindowText, QColor(0xe5, 0xe7, 0xeb));
    p.setColor(QPalette::Base, QColor(0x1e, 0x1e, 0x1e));
    p.setColor(QPalette::Text, QColor(0xe5, 0xe7, 0xeb));
    p.setColor(QPalette::Button, QColor(0x35, 0x35, 0x35));
    p.setColor(QPalette::ButtonText, QColor(0xe5, 0xe7, 0xeb));
    return p;
}

} // namespace

class TestMapPage : public QObject
{
    Q_OBJECT
    const RuleCatalogue m_catalogue = RuleCatalogue::builtIn();

    static bool waitForMap(MapPage& page)
    {
        QSignalSpy shown(&page, &MapPage::mapShown);
        return shown.wait(30000);
    }

    static int boxesOf(const MapPage& page, ExposureNodeKind kind)
    {
        int n = 0;
        for (const auto& node : page.shown()->graph.nodes) {
            n += node.kind == kind ? 1 : 0;
        }
        return n;
    }

private slots:
    void initTestCase() { QApplication::setStyle(QStyleFactory::create(QStringLiteral("Fusion"))); }

    void withoutAScanThePageSaysWhatItNeeds()
    {
        MapPage page;
        page.resize(900, 600);
        page.show();
        QVERIFY(page.emptyLabel()->isVisible());
        QVERIFY(!page.exportButton()->isEnabled());
        page.setScan(std::make_shared<ScanResult>()); // a stored scan: findings, no inventory
        QVERIFY(page.emptyLabel()->isVisible());
        QVERIFY(page.emptyLabel()->text().contains(QStringLiteral("no containers")));
    }

    void aComposeProjectOpensAndClosesOnADoubleClick()
    {
        MapPage page;
        page.resize(1200, 800);
        page.show();
        page.setScan(composedScan(m_catalogue, 34));
        QVERIFY(waitForMap(page));
        QVERIFY(page.view()->isVisible());
        QCOMPARE(boxesOf(page, ExposureNodeKind::ComposeProject), 2);
        QCOMPARE(page.shown()->graph.containerCount(), std::size_t(34));

        page.view()->resetTransform();
        page.view()->centerOn(page.view()->mapToScene(page.viewPointOf(QStringLiteral("shop"))));
        const QPoint at = page.viewPointOf(QStringLiteral("shop"));
        QVERIFY(page.view()->viewport()->rect().contains(at));
        QTest::mouseDClick(page.view()->viewport(), Qt::LeftButton, {}, at);
        QVERIFY(waitForMap(page));
        QCOMPARE(boxesOf(page, ExposureNodeKind::ComposeProject), 1); // crm stays closed
        QVERIFY(page.shown()->view.expandedProjects.count("shop"));

        // Double-click on the frame (its title) closes it again.
        const ExposureDrawing& d = page.shown()->drawing;
        const auto frame = std::find_if(d.items.begin(), d.items.end(), [](const DrawItem& i) {
            return i.kind == DrawItem::Kind::Text && i.project == "shop";
        });
        QVERIFY(frame != d.items.end());
        page.view()->centerOn(frame->x + 10, frame->y - 4);
        QTest::mouseDClick(page.view()->viewport(), Qt::LeftButton, {},
                           page.view()->mapFromScene(QPointF(frame->x + 10, frame->y - 4)));
        QVERIFY(waitForMap(page));
        QCOMPARE(boxesOf(page, ExposureNodeKind::ComposeProject), 2);
    }

    void ctrlWheelZoomsAndFitShowsTheWholeMap()
    {
        MapPage page;
        page.resize(1000, 700);
        page.show();
        page.setScan(composedScan(m_catalogue, 34));
        QVERIFY(waitForMap(page));
        page.fit();
        const double fitted = page.view()->transform().m11();
        QVERIFY(fitted > 0 && fitted <= 1.0);
        QWheelEvent in(QPointF(200, 200), page.view()->viewport()->mapToGlobal(QPointF(200, 200)), QPoint(),
                       QPoint(0, 240), Qt::NoButton, Qt::ControlModifier, Qt::NoScrollPhase, false);
        QApplication::sendEvent(page.view()->viewport(), &in);
        QVERIFY(page.view()->transform().m11() > fitted * 1.2);
        page.fit();
        QCOMPARE(page.view()->transform().m11(), fitted);
    }

    void theFilterRelaysOutOffTheGuiThread()
    {
        MapPage page;
        page.resize(1000, 700);
        page.show();
        page.setScan(composedScan(m_catalogue, 200));
        QVERIFY(waitForMap(page));
        const std::size_t all = page.shown()->graph.containerCount();
        QCOMPARE(all, std::size_t(200));
        page.reachableFilter()->setChecked(true);
        // The request went to the worker: setChecked returned before the filtered map was shown, and the
        // result comes back through the event loop (asking whether the worker still runs would race with a
        // fast one).
        QVERIFY(!page.shown()->view.onlyReachable);
        QVERIFY(waitForMap(page));
        QVERIFY(page.shown()->view.onlyReachable);
        QVERIFY(page.shown()->graph.containerCount() < all);
    }

    void screenshots_data()
    {
        QTest::addColumn<int>("containers");
        QTest::addColumn<bool>("dark");
        QTest::addColumn<QString>("file");
        QTest::addColumn<bool>("overview");
        QTest::newRow("34 containers, light") << 34 << false << "map.png" << false;
        QTest::newRow("34 containers, dark") << 34 << true << "map-dark.png" << false;
        QTest::newRow("200 containers, light") << 200 << false << "map-200.png" << false;
        QTest::newRow("200 containers, light, the whole map")
            << 200 << false << "map-200-overview.png" << true;
    }

    void screenshots()
    {
        const QString dir = qEnvironmentVariable("DRYDOCK_SCREENSHOT_DIR");
        if (dir.isEmpty()) {
            QSKIP("DRYDOCK_SCREENSHOT_DIR is not set: no pictures to take");
        }
        QFETCH(int, containers);
        QFETCH(bool, dark);
        QFETCH(QString, file);
        QFETCH(bool, overview);
        const QPalette before = QApplication::palette();
        if (dark) {
            QApplication::setPalette(darkPalette());
        }
        {
            MapPage page;
            page.resize(1300, 780);
            page.show();
            page.setScan(composedScan(m_catalogue, containers));
            QVERIFY(waitForMap(page));
            if (containers <= 34) {
                page.toggleProject(QStringLiteral("shop")); // one project open, one closed
                QVERIFY(waitForMap(page));
                page.showReadable();
            }
            if (overview) {
                page.fit();
            }
            QVERIFY(page.grab().save(dir + QLatin1Char('/') + file));
        }
        QApplication::setPalette(before);
    }
};

QTEST_MAIN(TestMapPage)
#include "TestMapPage.moc"
