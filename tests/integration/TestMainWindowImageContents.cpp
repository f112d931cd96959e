// An image's packages and contents in the desktop application, offscreen, against the private dockerd: the
// dialog reads the real Debian minbase image off the GUI thread, lists its dpkg packages, filters them,
// exports a CycloneDX SBOM and can be cancelled; the Inventory page opens it with the last scan's analysis.
#include "core/report/ScanJson.h"
#include "core/rules/RuleCatalogue.h"
#include "tests/support/TestSupport.h"
#include "ui/MainWindow.h"
#include "ui/dialogs/ImageContentsDialog.h"
#include "ui/models/InventoryTableModel.h"
#include "ui/models/PackageTableModel.h"
#include "ui/pages/InventoryPage.h"
#include "ui/widgets/InlineMessage.h"

#include <QAction>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QProgressBar>
#include <QPushButton>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

using namespace drydock;
using namespace drydock::ui;

namespace {

const QString kDebian = QStringLiteral("drydock-test/debian:bookworm");

QStringList packageNames(QAbstractItemModel* model)
{
    QStringList out;
    for (int r = 0; r < model->rowCount(); ++r) {
        out << model->index(r, PackageTableModel::NameColumn).data().toString();
    }
    return out;
}

} // namespace

class TestMainWindowImageContents : public QObject
{
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    RuleCatalogue m_catalogue = RuleCatalogue::builtIn();
    QString m_debianId;

    ImageContentsRequest request()
    {
        ImageContentsRequest r;
        r.image = kDebian;
        r.endpoint = test::privateDaemonEndpoint();
        r.directory = m_dir.path();
        return r;
    }

private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY2(!test::privateDaemonSocket().isEmpty(), "the private dockerd fixture is not running");
        QString out;
        QCOMPARE(test::docker({"image", "inspect", "--format", "{{.Id}}", kDebian}, &out), 0);
        m_debianId = out.trimmed();
        QVERIFY(m_debianId.startsWith(QStringLiteral("sha256:")));
    }

    void theDialogAnalysesTheImageListsFiltersAndExports()
    {
        ImageContentsDialog dialog(request());
        dialog.show();
        QSignalSpy finished(dialog.controller(), &ImageContentsController::finished);
        dialog.loadOrAnalyse();
        QVERIFY(dialog.controller()->isRunning());
        QVERIFY(dialog.progressBar()->isVisible());
        QVERIFY(dialog.cancelButton()->isVisible());
        QVERIFY(finished.wait(180000));
        QVERIFY2(dialog.contents(), qPrintable(dialog.message()->text()));
        QVERIFY(!dialog.progressBar()->isVisible());
        QVERIFY(dialog.osLabel()->text().contains(QStringLiteral("Debian")));
        QVERIFY(dialog.osLabel()->text().contains(QStringLiteral("12")));

        QAbstractItemModel* shown = dialog.packageTable()->model();
        const QStringList all = packageNames(shown);
        QVERIFY(all.size() > 50); // minbase holds about ninety packages
        QVERIFY(all.contains(QStringLiteral("base-files")));
        QVERIFY(all.contains(QStringLiteral("dpkg")));

        QTest::keyClicks(dialog.filterEdit(), QStringLiteral("dpkg"));
        const QStringList filtered = packageNames(shown);
        QVERIFY(filtered.contains(QStringLiteral("dpkg")));
        QVERIFY(!filtered.contains(QStringLiteral("base-files")));
        QVERIFY(filtered.size() < all.size());
        dialog.filterEdit()->clear();
        QCOMPARE(shown->rowCount(), all.size());

        const QString path = m_dir.filePath(QStringLiteral("debian.cdx.json"));
        dialog.setSbomPathPrompt([&path](QWidget*, const QString&) { return path; });
        QVERIFY(dialog.exportButton()->isEnabled());
        QTest::mouseClick(dialog.exportButton(), Qt::LeftButton);
        QFile file(path);
        QVERIFY2(file.open(QIODevice::ReadOnly), qPrintable(dialog.message()->text()));
        QJsonParseError error;
        const QJsonObject bom = QJsonDocument::fromJson(file.readAll(), &error).object();
        QCOMPARE(error.error, QJsonParseError::NoError);
        QCOMPARE(bom.value(QStringLiteral("bomFormat")).toString(), QStringLiteral("CycloneDX"));
        QCOMPARE(bom.value(QStringLiteral("specVersion")).toString(), QStringLiteral("1.5"));
        QCOMPARE(bom.value(QStringLiteral("metadata"))
                     .toObject()
                     .value(QStringLiteral("component"))
                     .toObject()
                     .value(QStringLiteral("name"))
                     .toString(),
                 kDebian);
        QStringList libraries;
        for (const auto& c : bom.value(QStringLiteral("components")).toArray()) {
            const QJsonObject o = c.toObject();
            if (o.value(QStringLiteral("type")).toString() == QStringLiteral("library")) {
                libraries << o.value(QStringLiteral("name")).toString();
                QVERIFY(
                    o.value(QStringLiteral("purl")).toString().startsWith(QStringLiteral("pkg:deb/debian/")));
            }
        }
        QCOMPARE(libraries.size(), all.size());
        QVERIFY(libraries.contains(QStringLiteral("base-files")));
        QVERIFY(libraries.contains(QStringLiteral("dpkg")));
    }

    void cancellingStopsTheAnalysisAndSaysSo()
    {
        ImageContentsDialog dialog(request());
        dialog.show();
        QSignalSpy progress(dialog.controller(), &ImageContentsController::progress);
        QSignalSpy finished(dialog.controller(), &ImageContentsController::finished);
        dialog.loadOrAnalyse();
        // Cancel while layer data streams in, not before it starts.
        QVERIFY(progress.wait(60000));
        QVERIFY(finished.isEmpty());
        QTest::mouseClick(dialog.cancelButton(), Qt::LeftButton);
        QVERIFY(finished.count() == 1 || finished.wait(30000));
        const auto outcome = finished.first().first().value<ImageContentsOutcome>();
        QVERIFY(outcome.cancelled);
        QVERIFY(!outcome.contents);
        QVERIFY(!dialog.contents());
        QVERIFY(dialog.message()->isVisible());
        QVERIFY(dialog.message()->text().contains(QStringLiteral("cancelled")));
        QCOMPARE(dialog.packageTable()->model()->rowCount(), 0);
        QVERIFY(!dialog.exportButton()->isEnabled());
        QVERIFY(!dialog.progressBar()->isVisible());
        QVERIFY(dialog.analyseButton()->isEnabled());
    }

    void anImageTheDaemonDoesNotKnowIsExplainedInline()
    {
        ImageContentsRequest r = request();
        r.image = QStringLiteral("drydock-test/no-such-image:0");
        ImageContentsDialog dialog(r);
        dialog.show();
        QSignalSpy finished(dialog.controller(), &ImageContentsController::finished);
        dialog.loadOrAnalyse();
        QVERIFY(finished.wait(60000));
        QVERIFY(!dialog.contents());
        QVERIFY(dialog.message()->text().startsWith(QStringLiteral("Could not analyse the image")));
        QVERIFY(dialog.message()->text().contains(QStringLiteral("no-such-image")));
    }

    void theInventoryOpensTheLastScansAnalysisAtOnce()
    {
        MainWindowServices s;
        s.catalogue = &m_catalogue;
        s.databasePath = m_dir.filePath(QStringLiteral("history.db"));
        s.endpoint = test::privateDaemonEndpoint();
        s.scanOnStart = false;
        MainWindow w(s);
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        ContentScanOptions options;
        options.enabled = true;
        options.images = {kDebian.toStdString()};
        w.scanController()->setContentOptions(options);
        QSignalSpy scanned(w.scanController(), &ScanController::finished);
        w.startScan();
        QVERIFY(scanned.wait(240000));
        QVERIFY(w.lastScan());
        QCOMPARE(w.lastScan()->imageContents.size(), std::size_t(1));

        // The scan's JSON carries the same packages.
        const QJsonObject root =
            QJsonDocument::fromJson(QByteArray::fromStdString(json::scanToJson(*w.lastScan()))).object();
        const QJsonObject contents = root.value(QStringLiteral("imageContents")).toArray().first().toObject();
        QCOMPARE(contents.value(QStringLiteral("imageId")).toString(), m_debianId);
        QCOMPARE(contents.value(QStringLiteral("packages")).toArray().size(),
                 int(w.lastScan()->imageContents.front().packages.size()));

        w.showPage(MainWindow::InventoryPageIndex);
        w.inventory()->navigator()->setCurrentRow(0);
        QTableView* images = w.inventory()->imagesTable();
        int row = -1;
        for (int r = 0; r < images->model()->rowCount(); ++r) {
            if (images->model()->index(r, 0).data(InventoryTableModel::ObjectIdRole).toString() ==
                m_debianId) {
                row = r;
            }
        }
        QVERIFY(row >= 0);
        QVERIFY(!w.inventory()->imageContentsAction()->isEnabled());
        images->setCurrentIndex(images->model()->index(row, 1));
        QVERIFY(w.inventory()->imageContentsAction()->isEnabled());
        QCOMPARE(w.inventory()->imageContentsAction()->shortcut(),
                 QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_P));
        QVERIFY(w.inventory()->findChild<QWidget*>(QStringLiteral("imageContentsButton"))->isVisible());

        w.activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(&w));
        images->setFocus();
        QTRY_VERIFY(images->hasFocus());
        QTest::keyClick(images, Qt::Key_P, Qt::ControlModifier | Qt::ShiftModifier);
        ImageContentsDialog* dialog = nullptr;
        QTRY_VERIFY((dialog = w.findChild<ImageContentsDialog*>()) != nullptr);
        QVERIFY(!dialog->controller()->isRunning());
        QCOMPARE(dialog->contents().get(), &w.lastScan()->imageContents.front());
        const QStringList names = packageNames(dialog->packageTable()->model());
        QVERIFY(names.contains(QStringLiteral("base-files")));
        QVERIFY(names.contains(QStringLiteral("dpkg")));
        QVERIFY(dialog->windowTitle().contains(kDebian));
        dialog->close();
    }
};

QTEST_MAIN(TestMainWindowImageContents)
#include "TestMainWindowImageContents.moc"
