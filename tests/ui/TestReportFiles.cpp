// Every file the desktop application writes as a report goes through AtomicFileWriter: 0600, renamed into
// place, and a symlink planted at the chosen path is replaced, never followed (its target stays untouched).
#include "core/report/ReportData.h"
#include "core/results/FleetSummary.h"
#include "core/rules/RuleCatalogue.h"
#include "ui/export/FleetReportExport.h"
#include "ui/export/PdfExporter.h"

#include "tests/support/FileFacts.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QTest>

#include <sys/stat.h>

using namespace drydock;
using drydock::test::bytesOf;
using drydock::test::modeOf;

namespace {

QByteArray head(const QString& path, int n)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.read(n) : QByteArray();
}

} // namespace

class TestReportFiles : public QObject
{
    Q_OBJECT

private slots:
    void reportsArePrivateAndNeverFollowASymlink_data()
    {
        QTest::addColumn<QString>("kind");
        QTest::addColumn<QByteArray>("starts");
        QTest::newRow("a scan report as PDF") << "scan.pdf" << QByteArray("%PDF");
        QTest::newRow("a fleet report as PDF") << "fleet.pdf" << QByteArray("%PDF");
        QTest::newRow("a fleet report as HTML") << "fleet.html" << QByteArray("<!DOCTYPE html>");
        QTest::newRow("a fleet report as JSON") << "fleet.json" << QByteArray("{");
    }

    void reportsArePrivateAndNeverFollowASymlink()
    {
        QFETCH(QString, kind);
        QFETCH(QByteArray, starts);
        QTemporaryDir dir;
        const QString victim = dir.filePath(QStringLiteral("victim"));
        {
            QFile f(victim);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write("precious");
        }
        const QString path = dir.filePath(kind);
        QVERIFY(QFile::link(victim, path));
        const mode_t oldMask = ::umask(0);
        Result<void> written = success();
        if (kind == QLatin1String("scan.pdf")) {
            ScanResult scan;
            scan.inventory.endpoint = "unix:///var/run/docker.sock";
            const RuleCatalogue catalogue = RuleCatalogue::builtIn();
            ReportData data;
            data.scan = &scan;
            data.catalogue = &catalogue;
            written = ui::PdfExporter::write(data, path);
        } else {
            FleetSummary fleet;
            written = ui::writeFleetReport(fleet, 1800000000, path);
        }
        ::umask(oldMask);
        QVERIFY2(written.ok(), written.ok() ? "" : written.error().message.c_str());
        QVERIFY(!QFileInfo(path).isSymLink());
        QCOMPARE(modeOf(path), 0600u);
        QCOMPARE(head(path, starts.size()), starts);
        QCOMPARE(head(victim, 100), QByteArray("precious"));
        QCOMPARE(QDir(dir.path()).entryList(QDir::Files | QDir::Hidden).size(), 2); // no temporary file left
    }

    void aCancelledPdfLeavesThePreviousReport()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("report.pdf"));
        {
            QFile f(path);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write("previous");
        }
        ScanResult scan;
        const RuleCatalogue catalogue = RuleCatalogue::builtIn();
        ReportData data;
        data.scan = &scan;
        data.catalogue = &catalogue;
        const auto written = ui::PdfExporter::write(data, path, [](int, int) { return false; });
        QVERIFY(!written.ok());
        QCOMPARE(written.error().code, ErrorCode::Cancelled);
        QCOMPARE(head(path, 100), QByteArray("previous"));
        QCOMPARE(QDir(dir.path()).entryList(QDir::Files | QDir::Hidden).size(), 1);
    }
};

QTEST_MAIN(TestReportFiles)
#include "TestReportFiles.moc"
