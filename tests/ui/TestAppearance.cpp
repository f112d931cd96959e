// Light and dark palettes (Qt 6.4 has no colour-scheme API: everything is derived from the QPalette),
// SVG icons, and the Findings page remembering its filters between runs.
#include "core/findings/FindingSet.h"
#include "ui/bridge/QtConvert.h"
#include "ui/models/FindingsModel.h"
#include "ui/pages/DashboardPage.h"
#include "ui/pages/FindingsPage.h"
#include "ui/widgets/InlineMessage.h"

#include <QAbstractAxis>
#include <QApplication>
#include <QChart>
#include <QChartView>
#include <QComboBox>
#include <QIcon>
#include <QLabel>
#include <QSettings>
#include <QStandardPaths>
#include <QTest>

using namespace drydock;
using namespace drydock::ui;

namespace {

QPalette darkPalette()
{
    QPalette p;
    p.setColor(QPalette::Window, QColor(0x2b, 0x2b, 0x2b));
    p.setColor(QPalette::WindowText, QColor(0xe6, 0xe6, 0xe6));
    p.setColor(QPalette::Base, QColor(0x1e, 0x1e, 0x1e));
    p.setColor(QPalette::AlternateBase, QColor(0x26, 0x26, 0x26));
    p.setColor(QPalette::Text, QColor(0xe6, 0xe6, 0xe6));
    p.setColor(QPalette::Button, QColor(0x35, 0x35, 0x35));
    p.setColor(QPalette::ButtonText, QColor(0xe6, 0xe6, 0xe6));
    return p;
}

QPalette lightPalette()
{
    QPalette p;
    p.setColor(QPalette::Window, QColor(0xef, 0xef, 0xef));
    p.setColor(QPalette::WindowText, Qt::black);
    p.setColor(QPalette::Base, Qt::white);
    p.setColor(QPalette::Text, Qt::black);
    return p;
}

const Severity kAll[] = {Severity::Critical, Severity::High, Severity::Medium, Severity::Low, Severity::Info};

} // namespace

class TestAppearance : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void severityTextIsReadableOnTheTable_data()
    {
        QTest::addColumn<bool>("dark");
        QTest::newRow("on a light palette") << false;
        QTest::newRow("on a dark palette") << true;
    }
    void severityTextIsReadableOnTheTable()
    {
        QFETCH(bool, dark);
        const QPalette palette = dark ? darkPalette() : lightPalette();
        QCOMPARE(isDarkPalette(palette), dark);
        for (Severity s : kAll) {
            const double ratio = contrastRatio(severityTextColor(s, palette), palette.color(QPalette::Base));
            QVERIFY2(ratio >= 4.5, qPrintable(QStringLiteral("%1: %2").arg(severityText(s)).arg(ratio)));
            // The badge: white on the severity colour, whatever the palette.
            QVERIFY(contrastRatio(Qt::white, severityColor(s)) >= 4.5);
        }
    }

    void theModelPaintsSeverityForTheCurrentPalette()
    {
        QApplication::setPalette(darkPalette());
        FindingsModel model;
        Finding f;
        f.ruleId = "CTR-002";
        f.severity = Severity::Critical;
        model.setFindings(std::make_shared<const std::vector<Finding>>(std::vector<Finding>{f}));
        const QColor shown = model.index(0, FindingsModel::SeverityColumn).data(Qt::ForegroundRole).value<QBrush>().color();
        QVERIFY(contrastRatio(shown, darkPalette().color(QPalette::Base)) >= 4.5);
        QApplication::setPalette(lightPalette());
    }

    void messagesAndChartsFollowADarkPalette()
    {
        QApplication::setPalette(darkPalette());
        DashboardPage dashboard;
        dashboard.setTrend({});
        dashboard.show();
        const auto views = dashboard.findChildren<QChartView*>();
        QVERIFY(!views.isEmpty());
        for (QChartView* view : views) {
            for (QAbstractAxis* axis : view->chart()->axes()) {
                QVERIFY(contrastRatio(axis->labelsColor(), darkPalette().color(QPalette::Window)) >= 4.5);
            }
        }
        InlineMessage message;
        message.showMessage(InlineMessage::Kind::Error, QStringLiteral("Cannot reach the daemon"));
        const QImage image = message.grab().toImage();
        const QColor background = image.pixelColor(image.width() / 2, image.height() - 3);
        QVERIFY2(background.lightness() < 128, qPrintable(background.name())); // no light strip on a dark window
        auto* label = message.findChild<QLabel*>();
        QVERIFY(label);
        QVERIFY(contrastRatio(label->palette().color(QPalette::WindowText), background) >= 4.5);

        // Switching back to light at run time recolours the existing charts.
        QApplication::setPalette(lightPalette());
        QCoreApplication::processEvents();
        for (QAbstractAxis* axis : views.first()->chart()->axes()) {
            QVERIFY(contrastRatio(axis->labelsColor(), lightPalette().color(QPalette::Window)) >= 4.5);
        }
    }

    void actionIconsAreScalableSvgs_data()
    {
        QTest::addColumn<QString>("name");
        for (const char* n : {"drydock", "scan", "cancel", "connect", "find", "copy", "live"}) {
            QTest::newRow(n) << QString::fromLatin1(n);
        }
    }
    void actionIconsAreScalableSvgs()
    {
        QFETCH(QString, name);
        Q_INIT_RESOURCE(drydock);
        const QIcon icon(QStringLiteral(":/icons/%1.svg").arg(name));
        QVERIFY(!icon.isNull());
        // Rendered, not scaled: a 3x pixmap has real pixels at that size.
        const QPixmap big = icon.pixmap(QSize(24, 24), 3.0);
        QCOMPARE(big.size(), QSize(72, 72));
        QVERIFY(!big.toImage().allGray()); // every icon has a colour of its own
    }

    void theFindingsPageRemembersItsFiltersAndLayout()
    {
        QSettings().remove(QStringLiteral("findingsPage"));
        {
            FindingsPage page;
            page.severityFilter()->setCurrentIndex(3);
            page.findChild<QComboBox*>(QStringLiteral("areaFilter"))->setCurrentIndex(2);
            page.findChild<QComboBox*>(QStringLiteral("statusFilter"))->setCurrentIndex(1);
        }
        FindingsPage again;
        QCOMPARE(again.severityFilter()->currentIndex(), 3);
        QCOMPARE(again.findChild<QComboBox*>(QStringLiteral("areaFilter"))->currentIndex(), 2);
        QCOMPARE(again.findChild<QComboBox*>(QStringLiteral("statusFilter"))->currentIndex(), 1);
        QVERIFY(QSettings().contains(QStringLiteral("findingsPage/severity")));
        QSettings().remove(QStringLiteral("findingsPage"));
    }
};

QTEST_MAIN(TestAppearance)
#include "TestAppearance.moc"
